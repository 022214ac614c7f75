//! A real OpenBao (`bao server -dev`, in memory, on a loopback port) for the sharing tests, from the
//! project's own tools folder (`scripts/install-deps --with-driver` puts it there), with its admin's
//! calls (root token) for setting up policies and mounts and for playing "someone else".

// Each test file uses its own part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const ROOT: &str = "root";

pub struct Bao {
    child: Child,
    pub address: String,
    /// The dev server's home (it would write a token helper file there otherwise) and its TLS files.
    pub dir: tempfile::TempDir,
    http: reqwest::Client,
}

/// `bao` in the repository's tools folder, from the engine's tests or the workspace's own.
pub fn binary() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = [here.join("target"), here.join("../../target")]
        .into_iter()
        .map(|target| target.join("tools/openbao/bin/bao"))
        .find(|path| path.exists());
    path.expect("OpenBao is not installed for the tests: run scripts/install-deps --with-driver")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Bao {
    /// A dev server over plain http.
    pub async fn start() -> Bao {
        Self::start_with(&[]).await
    }

    /// A dev server over TLS with its own generated CA (`ca.pem` in `dir`).
    pub async fn start_tls() -> Bao {
        Self::start_with(&["-dev-tls"]).await
    }

    async fn start_with(extra: &[&str]) -> Bao {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let tls = extra.contains(&"-dev-tls");
        let mut command = Command::new(binary());
        command
            .args(["server", "-dev", "-dev-no-store-token"])
            .arg(format!("-dev-root-token-id={ROOT}"))
            .arg(format!("-dev-listen-address=127.0.0.1:{port}"))
            .args(extra)
            .env("HOME", dir.path())
            .env_remove("VAULT_ADDR")
            .env_remove("BAO_ADDR")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if tls {
            command.arg(format!("-dev-tls-cert-dir={}", dir.path().display()));
        }
        let child = command.spawn().unwrap();
        let scheme = if tls { "https" } else { "http" };
        let address = format!("{scheme}://127.0.0.1:{port}");
        let mut http = reqwest::Client::builder().timeout(Duration::from_secs(5));
        if tls {
            http = http.danger_accept_invalid_certs(true);
        }
        let bao = Bao {
            child,
            address,
            dir,
            http: http.build().unwrap(),
        };
        let started = Instant::now();
        loop {
            let health = bao
                .http
                .get(format!("{}/v1/sys/health", bao.address))
                .send()
                .await;
            if health.is_ok_and(|h| h.status().as_u16() == 200) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "OpenBao did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bao
    }

    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("vault-ca.pem")
    }

    /// An admin's call with the root token: (status, JSON body or null).
    pub async fn admin(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(ROOT, method, path, body).await
    }

    pub async fn call_as(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}/v1/{path}", self.address))
            .header("X-Vault-Token", token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        let body = answer.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    /// A token whose only policy is `hcl`.
    pub async fn token_with_policy(&self, name: &str, hcl: &str) -> String {
        let (status, _) = self
            .admin(
                "PUT",
                &format!("sys/policies/acl/{name}"),
                Some(json!({ "policy": hcl })),
            )
            .await;
        assert_eq!(status, 204);
        let (status, body) = self
            .admin(
                "POST",
                "auth/token/create",
                Some(json!({ "policies": [name], "no_default_policy": false, "ttl": "1h" })),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["auth"]["client_token"].as_str().unwrap().to_string()
    }

    /// The entry's latest version and data, as the admin reads it.
    pub async fn entry(&self, mount: &str, path: &str) -> Option<(u64, Value)> {
        let (status, body) = self
            .admin("GET", &format!("{mount}/data/{path}"), None)
            .await;
        match status {
            200 if !body["data"]["data"].is_null() => Some((
                body["data"]["metadata"]["version"].as_u64().unwrap(),
                body["data"]["data"].clone(),
            )),
            200 | 404 => None,
            other => panic!("reading {mount}/{path}: {other} {body}"),
        }
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Bao {
    fn drop(&mut self) {
        self.stop();
    }
}
