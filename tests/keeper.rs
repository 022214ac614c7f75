//! Handing an account over to keepers, as IT runs them: the real binary as `keeper` processes, the
//! Doorkeeper sandbox with short-lived tokens, a real OpenBao (one dev server, and a three-node
//! Raft cluster), and the desk's real keychain.
//!
//! - The hand-over writes the private entry (which the desk's own login may create but not read),
//!   after which the desk never refreshes the account: every refresh the sandbox saw is one the
//!   keepers stored, and the desk's `token` is the one they published.
//! - A keeper whose answer from Factorial is lost (the server rotated, the keeper never heard)
//!   loses nothing: the next turn refreshes with the old refresh token, which Doorkeeper still
//!   honours because the new access token was never used.
//! - Three keepers on a cluster, killed at random and the Raft leader stopped once: no
//!   `invalid_grant`, no session lost, and one refresh per rotation (plus one per keeper killed
//!   between Factorial's answer and its write, which only Doorkeeper's grace makes harmless).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

#[path = "../crates/connect-core/tests/openbao/mod.rs"]
mod openbao;
mod support;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use openbao::Bao;
use serde_json::Value;
use support::lossy_proxy::LossyProxy;
use support::{Desk, Sandbox, admin_scene, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_factorial-connect");
const PATH: &str = "factorial/payroll";
const PRIVATE: &str = "factorial-connect-keeper/factorial-payroll";

/// The desk publishes, and may create the keepers' entries without reading them back.
const DESK_POLICY: &str = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
path "secret/data/factorial-connect-keeper/*" { capabilities = ["create"] }
"#;

/// The keepers read and write their folder and publish.
const KEEPER_POLICY: &str = r#"
path "secret/data/factorial-connect-keeper/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial-connect-keeper/*" { capabilities = ["list", "read"] }
path "secret/metadata/factorial-connect-keeper" { capabilities = ["list"] }
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
"#;

/// A keeper process with its log in a file.
struct KeeperProcess {
    child: Child,
    log: std::path::PathBuf,
}

impl KeeperProcess {
    fn start(address: &str, login_file: &Path, name: &str, dir: &Path) -> KeeperProcess {
        let log = dir.join(format!("{name}.log"));
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = Command::new(BIN)
            .args(["keeper", "--address", address, "--name", name])
            .args(["--lease-seconds", "4", "--scan-seconds", "1"])
            .arg("--login-file")
            .arg(login_file)
            .env_remove("BAO_ADDR")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(out)
            .spawn()
            .unwrap();
        KeeperProcess { child, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for KeeperProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The private entry's rotations, as the server's admin reads them.
fn rotations(runtime: &tokio::runtime::Runtime, bao: &Bao) -> u64 {
    runtime
        .block_on(bao.entry("secret", PRIVATE))
        .and_then(|(_, data)| data["rotations"].as_u64())
        .unwrap_or(0)
}

/// How many times each refresh token was used, from the sandbox's own table.
fn refreshes_per_token(tokens: &[Value]) -> HashMap<String, usize> {
    let mut used = HashMap::new();
    for token in tokens {
        if let Some(previous) = token["previous_refresh_token"].as_str() {
            *used.entry(previous.to_string()).or_default() += 1;
        }
    }
    used
}

fn share_and_hand_over(desk: &Desk, runtime: &tokio::runtime::Runtime, bao: &Bao) {
    let login = runtime.block_on(bao.token_with_policy("desk", DESK_POLICY));
    let shared = desk.run(
        &[
            "publish",
            "add",
            "Payroll",
            "--address",
            &bao.address,
            "--path",
            PATH,
        ],
        &format!("{login}\n"),
    );
    assert!(shared.ok(), "{shared:?}");
    let handed = desk.run(&["publish", "hand-over", "Payroll"], "");
    assert!(handed.ok(), "{handed:?}");
    assert!(
        handed.stderr.contains("is handed over to the keepers on")
            && handed.stderr.contains(&format!("secret/{PRIVATE}")),
        "{}",
        handed.stderr
    );
    // The desk's login may create the private entry but not read what keepers write there.
    let (status, _) =
        runtime.block_on(bao.call_as(&login, "GET", &format!("secret/data/{PRIVATE}"), None));
    assert_eq!(status, 403);
    let again = desk.run(&["publish", "hand-over", "Payroll"], "");
    assert_eq!(again.code, Some(2), "{again:?}");
    assert!(
        again.stderr.contains("was handed over to the keepers"),
        "{again:?}"
    );
}

#[test]
fn a_handed_over_account_is_kept_alive_by_a_keeper_and_never_refreshed_here() {
    support::require_test_session();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 3}),
    );
    // Factorial reached through a proxy that can lose an answer.
    let proxy = LossyProxy::start(&sandbox.url);
    let (_company, oauth, mut desk) = admin_scene(&sandbox, true);
    desk.sandbox_url = proxy.url.clone();
    desk.add_app("Payroll", &oauth, true, &[]);
    let authorized = desk.run(&["authorize", "Payroll"], "");
    assert!(authorized.ok(), "{authorized:?}");
    share_and_hand_over(&desk, &runtime, &bao);

    let listed = desk.run(&["publish", "list"], "");
    assert!(
        listed.stdout.contains("kept alive by the keepers there"),
        "{listed:?}"
    );
    let refresh = desk.run(&["refresh", "Payroll"], "");
    assert_eq!(refresh.code, Some(2), "{refresh:?}");
    let revoke = desk.run(&["revoke", "Payroll"], "");
    assert_eq!(revoke.code, Some(2), "{revoke:?}");

    let dir = tempfile::tempdir().unwrap();
    let login_file = dir.path().join("openbao-login");
    let keeper_login = runtime.block_on(bao.token_with_policy("keeper", KEEPER_POLICY));
    std::fs::write(&login_file, format!("{keeper_login}\n")).unwrap();
    let mut keeper = KeeperProcess::start(&bao.address, &login_file, "keeper-a", dir.path());
    let limit = Duration::from_secs(60);
    eventually(limit, "three rotations", || {
        (rotations(&runtime, &bao) >= 3).then_some(())
    });
    // Factorial rotates, and the keeper never hears of it.
    proxy.lose_next_refresh_answer();
    eventually(limit, "three rotations more", || {
        (rotations(&runtime, &bao) >= 6).then_some(())
    });
    assert_eq!(proxy.dropped.load(std::sync::atomic::Ordering::SeqCst), 1);

    // What the desk hands out now is what the keeper published, and Factorial takes it.
    let token = desk.run(&["token", "Payroll"], "");
    assert!(token.ok(), "{token:?}");
    let published = runtime.block_on(bao.entry("secret", PATH)).unwrap().1;
    assert_eq!(
        token.stdout.trim(),
        published["access_token"].as_str().unwrap()
    );
    let (status, _) = sandbox.credentials_with_curl(token.stdout.trim());
    assert_eq!(status, 200);

    let status = keeper.terminate();
    let log = keeper.log();
    assert!(status.success(), "{status:?}\n{log}");
    assert!(log.contains("Keeper keeper-a stopped."), "{log}");
    assert!(!log.contains("refused"), "{log}");
    let stored = rotations(&runtime, &bao);
    let tokens = sandbox.tokens(&oauth.client_id);
    let used = refreshes_per_token(&tokens);
    // The one refresh token used twice is the one whose answer was lost; every other refresh
    // the sandbox made is one the keeper stored (the desk made none). Rows: the authorization's,
    // then one per refresh (Doorkeeper clears a row's previous token once its access token is
    // used, so the rows are counted, not the markers).
    let twice: Vec<_> = used.values().filter(|n| **n > 1).collect();
    assert_eq!(twice, [&2], "{used:?}");
    assert_eq!(tokens.len() - 1, stored as usize + 1, "{log}");
}
