//! A three-node OpenBao cluster with integrated (Raft) storage on loopback ports, built the way
//! its operators build one (`../shared/openbao.md`): init and unseal the first node, join and
//! unseal the others, wait until all three vote. Driven with the real `bao` command, the root
//! token in its environment only.

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::free_port;

pub struct Cluster {
    pub nodes: Vec<Node>,
    dir: tempfile::TempDir,
    pub root_token: String,
    unseal_key: String,
}

pub struct Node {
    child: Option<Child>,
    config: PathBuf,
    pub address: String,
}

fn bao() -> PathBuf {
    let path = super::repo().join("target/tools/openbao/bin/bao");
    assert!(
        path.exists(),
        "OpenBao is not installed for the tests: run scripts/install-deps --with-driver"
    );
    path
}

impl Cluster {
    pub fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let mut nodes = Vec::new();
        for n in 1..=3 {
            let (port, cluster_port) = (free_port(), free_port());
            let data = dir.path().join(format!("node{n}"));
            std::fs::create_dir_all(&data).unwrap();
            let config = dir.path().join(format!("node{n}.hcl"));
            std::fs::write(
                &config,
                format!(
                    "storage \"raft\" {{ path = \"{}\"  node_id = \"node{n}\"  performance_multiplier = 1 }}\n\
                     listener \"tcp\" {{ address = \"127.0.0.1:{port}\"  cluster_address = \"127.0.0.1:{cluster_port}\"  tls_disable = true }}\n\
                     api_addr = \"http://127.0.0.1:{port}\"\n\
                     cluster_addr = \"https://127.0.0.1:{cluster_port}\"\n\
                     disable_mlock = true\n",
                    data.display()
                ),
            )
            .unwrap();
            nodes.push(Node {
                child: None,
                config,
                address: format!("http://127.0.0.1:{port}"),
            });
        }
        let mut cluster = Cluster {
            nodes,
            dir,
            root_token: String::new(),
            unseal_key: String::new(),
        };
        for n in 0..3 {
            cluster.spawn(n);
        }
        cluster.wait_answering(0);
        let init = cluster.bao_ok(
            0,
            &[
                "operator",
                "init",
                "-key-shares=1",
                "-key-threshold=1",
                "-format=json",
            ],
        );
        let init: Value = serde_json::from_slice(&init.stdout).unwrap();
        cluster.unseal_key = init["unseal_keys_b64"][0].as_str().unwrap().to_string();
        cluster.root_token = init["root_token"].as_str().unwrap().to_string();
        cluster.unseal(0);
        cluster.wait(Duration::from_secs(30), "the first node active", |c| {
            c.is_leader(0)
        });
        for n in 1..3 {
            cluster.wait_answering(n);
            let leader = cluster.nodes[0].address.clone();
            cluster.bao_ok(n, &["operator", "raft", "join", &leader]);
            cluster.unseal(n);
        }
        cluster.wait_for_three_voters();
        cluster.bao_ok(0, &["secrets", "enable", "-path=secret", "kv-v2"]);
        cluster
    }

    fn spawn(&mut self, n: usize) {
        let child = Command::new(bao())
            .arg("server")
            .arg(format!("-config={}", self.nodes[n].config.display()))
            .env("HOME", self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.nodes[n].child = Some(child);
    }

    /// `bao ARGS` against node `n`, with the root token.
    pub fn bao(&self, n: usize, args: &[&str], stdin: &str) -> Output {
        use std::io::Write;
        let mut child = Command::new(bao())
            .args(args)
            .env("BAO_ADDR", &self.nodes[n].address)
            .env("BAO_TOKEN", &self.root_token)
            .env("HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn bao_ok(&self, n: usize, args: &[&str]) -> Output {
        let out = self.bao(n, args, "");
        assert!(
            out.status.success(),
            "bao {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn status(&self, n: usize) -> Option<Value> {
        let out = self.bao(n, &["status", "-format=json"], "");
        serde_json::from_slice(&out.stdout).ok()
    }

    fn wait_answering(&self, n: usize) {
        self.wait(Duration::from_secs(30), "a node answering", |c| {
            c.status(n).is_some()
        });
    }

    fn unseal(&self, n: usize) {
        self.bao_ok(n, &["operator", "unseal", &self.unseal_key]);
    }

    pub fn is_leader(&self, n: usize) -> bool {
        self.status(n)
            .is_some_and(|s| s["sealed"] == false && s["is_self"] == true)
    }

    /// The node that leads now.
    pub fn leader(&self) -> usize {
        self.wait(Duration::from_secs(30), "a leader", |c| {
            (0..3).any(|n| c.nodes[n].child.is_some() && c.is_leader(n))
        });
        (0..3)
            .find(|n| self.nodes[*n].child.is_some() && self.is_leader(*n))
            .unwrap()
    }

    /// Joiners vote only once autopilot promotes them (about 20 s); until then a lost leader is
    /// not survived. On a busy machine a join may not take (the first CI run of the standby test
    /// saw no three voters in 60 s): a node missing from the peers after 30 s joins again.
    fn wait_for_three_voters(&self) {
        let started = Instant::now();
        let mut joined_at = Instant::now();
        loop {
            let peers = self.peers();
            let voters = peers.iter().filter(|p| p["voter"] == true).count();
            if voters == 3 {
                return;
            }
            if started.elapsed() > Duration::from_secs(150) {
                let statuses: Vec<_> = (0..3).map(|n| self.status(n)).collect();
                panic!("OpenBao cluster: no three voters. Peers: {peers:?}\nNodes: {statuses:?}");
            }
            if joined_at.elapsed() > Duration::from_secs(30) {
                joined_at = Instant::now();
                let address = self.nodes[self.leader_or_first()].address.clone();
                for n in 1..3 {
                    let id = format!("node{}", n + 1);
                    if !peers.iter().any(|p| p["node_id"] == id.as_str()) {
                        let _ = self.bao(n, &["operator", "raft", "join", &address], "");
                        let _ = self.bao(n, &["operator", "unseal", &self.unseal_key], "");
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// The node that leads now, or the first while none does (no waiting, unlike `leader`).
    fn leader_or_first(&self) -> usize {
        (0..3).find(|n| self.is_leader(*n)).unwrap_or(0)
    }

    /// The Raft peers as the leader lists them (none while no node answers).
    fn peers(&self) -> Vec<Value> {
        let out = self.bao(
            self.leader_or_first(),
            &["operator", "raft", "list-peers", "-format=json"],
            "",
        );
        let peers: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        peers["data"]["config"]["servers"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Stops node `n` as an operator would (SIGTERM).
    pub fn stop(&mut self, n: usize) {
        if let Some(mut child) = self.nodes[n].child.take() {
            let pid = child.id().to_string();
            let _ = Command::new("kill").args(["-TERM", &pid]).status();
            let _ = child.wait();
        }
    }

    /// Starts node `n` again; it comes back sealed and is unsealed.
    pub fn restart(&mut self, n: usize) {
        self.spawn(n);
        self.wait_answering(n);
        self.unseal(n);
    }

    /// A policy from `hcl`, and a token with only it.
    pub fn token_with_policy(&self, name: &str, hcl: &str) -> String {
        let out = self.bao(0, &["policy", "write", name, "-"], hcl);
        assert!(out.status.success(), "{out:?}");
        let out = self.bao_ok(
            0,
            &[
                "token",
                "create",
                &format!("-policy={name}"),
                "-ttl=2h",
                "-format=json",
            ],
        );
        let token: Value = serde_json::from_slice(&out.stdout).unwrap();
        token["auth"]["client_token"].as_str().unwrap().to_string()
    }

    /// The entry's data (latest version), read through the leader.
    pub fn entry(&self, path: &str) -> Option<Value> {
        let leader = self.leader();
        let out = self.bao(
            leader,
            &["kv", "get", "-format=json", "-mount=secret", path],
            "",
        );
        let value: Value = serde_json::from_slice(&out.stdout).ok()?;
        Some(value["data"]["data"].clone())
    }

    fn wait(&self, limit: Duration, what: &str, mut ready: impl FnMut(&Cluster) -> bool) {
        let started = Instant::now();
        while !ready(self) {
            assert!(started.elapsed() < limit, "OpenBao cluster: no {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for node in &mut self.nodes {
            if let Some(mut child) = node.child.take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}
