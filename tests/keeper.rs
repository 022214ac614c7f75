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
use support::openbao_cluster::Cluster;
use support::{Desk, Random, Sandbox, admin_scene, connected_with, eventually};

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
        Self::start_with(address, login_file, name, dir, 4)
    }

    fn start_with(
        address: &str,
        login_file: &Path,
        name: &str,
        dir: &Path,
        lease: u32,
    ) -> KeeperProcess {
        let log = dir.join(format!("{name}.log"));
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = Command::new(BIN)
            .args(["keeper", "--address", address, "--name", name])
            .args(["--lease-seconds", &lease.to_string(), "--scan-seconds", "1"])
            .arg("--login-file")
            .arg(login_file)
            .env_remove("BAO_ADDR")
            .env("LC_ALL", "C.UTF-8")
            .env("FACTORIAL_CONNECT_DEBUG", "1")
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
    hand_over(desk, &bao.address, &login);
    // The desk's login may create the private entry but not read what keepers write there.
    let (status, _) =
        runtime.block_on(bao.call_as(&login, "GET", &format!("secret/data/{PRIVATE}"), None));
    assert_eq!(status, 403);
}

/// `publish add` with `login`, then `publish hand-over`; a second hand-over is refused.
fn hand_over(desk: &Desk, address: &str, login: &str) {
    let shared = desk.publish_add("Payroll", address, PATH, login);
    assert!(shared.ok(), "{shared:?}");
    let handed = desk.run(&["publish", "hand-over", "Payroll"], "");
    assert!(handed.ok(), "{handed:?}");
    assert!(
        handed.stderr.contains("is handed over to the keepers on")
            && handed.stderr.contains(&format!("secret/{PRIVATE}")),
        "{}",
        handed.stderr
    );
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
    let status = desk.run(&["status"], "");
    assert!(
        status
            .stdout
            .contains("kept alive on a server by its keepers"),
        "{status:?}"
    );
    // The desk let go of its copy of the tokens: nothing here can end the keepers' session.
    assert_eq!(desk.tokens_entry(), None);
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

/// Three keepers, one per node of a Raft cluster, refresh 2-second tokens while they are killed
/// at random (SIGKILL, then started again) and the cluster's leader is stopped once. How many
/// rotations: `KEEPER_ROTATIONS` (20 in `make test`, 200 in `make reliability`).
#[test]
fn three_keepers_on_a_cluster_refresh_each_rotation_once_through_kills_and_a_failover() {
    support::require_test_session();
    let wanted: u64 = std::env::var("KEEPER_ROTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let mut cluster = Cluster::start();
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 2}),
    );
    let (_company, oauth, desk) = connected_with(&sandbox, "Payroll", &[]);
    let desk_login = cluster.token_with_policy("desk", DESK_POLICY);
    hand_over(&desk, &cluster.nodes[0].address, &desk_login);

    let dir = tempfile::tempdir().unwrap();
    let login_file = dir.path().join("openbao-login");
    let keeper_login = cluster.token_with_policy("keeper", KEEPER_POLICY);
    std::fs::write(&login_file, &keeper_login).unwrap();
    let addresses: Vec<String> = cluster.nodes.iter().map(|n| n.address.clone()).collect();
    let start = |n: usize| {
        let name = format!("keeper-{n}");
        KeeperProcess::start_with(&addresses[n], &login_file, &name, dir.path(), 3)
    };
    let mut keepers: Vec<KeeperProcess> = (0..3).map(start).collect();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut random = Random::new(seed);
    let rotations = |cluster: &Cluster| {
        cluster
            .entry(PRIVATE)
            .and_then(|data| data["rotations"].as_u64())
            .unwrap_or(0)
    };
    let (mut kills, mut failover) = (0, false);
    let started = std::time::Instant::now();
    let limit = Duration::from_secs(60 + wanted * 6);
    loop {
        let done = rotations(&cluster);
        if done >= wanted {
            break;
        }
        if started.elapsed() > limit {
            let logs: Vec<String> = keepers.iter().map(KeeperProcess::log).collect();
            panic!("seed {seed}: {done} of {wanted} rotations in {limit:?}\n{logs:#?}");
        }
        std::thread::sleep(Duration::from_millis(500 + random.below(2500)));
        if !failover && done >= wanted / 2 {
            failover = true;
            let leader = cluster.leader();
            cluster.stop(leader);
            std::thread::sleep(Duration::from_secs(3));
            cluster.restart(leader);
            continue;
        }
        let n = random.below(3) as usize;
        let _ = keepers[n].child.kill();
        let _ = keepers[n].child.wait();
        kills += 1;
        std::thread::sleep(Duration::from_millis(random.below(1000)));
        keepers[n] = start(n);
    }
    let stored = rotations(&cluster);
    let mut logs = String::new();
    for keeper in &mut keepers {
        let status = keeper.terminate();
        assert!(status.success(), "{status:?}");
        logs.push_str(&keeper.log());
    }
    println!("{logs}");
    assert!(failover, "seed {seed}");
    assert!(!logs.contains("refused"), "seed {seed}:\n{logs}");

    // One refresh per rotation stored, plus at most one per keeper killed (or leader stopped)
    // between Factorial's answer and the keeper's write: that refresh is done again from the old
    // refresh token, which Doorkeeper's grace still honours. (The sandbox's rows are counted:
    // Doorkeeper clears a row's record of the token it came from once it is used.)
    let refreshes = sandbox.tokens(&oauth.client_id).len() - 1;
    let extra = refreshes
        .checked_sub(stored as usize)
        .expect("no fewer refreshes than rotations");
    println!(
        "seed {seed}: {stored} rotations, {refreshes} refreshes, {kills} keepers killed, the \
         leader stopped once"
    );
    assert!(
        extra <= kills + 1,
        "seed {seed}: {extra} refreshes more than rotations"
    );
    // Nothing lost: the pair the keepers keep still works at Factorial.
    let published = cluster.entry(PATH).unwrap();
    let (status, _) = sandbox.credentials_with_curl(published["access_token"].as_str().unwrap());
    assert_eq!(status, 200, "seed {seed}");
    let private = cluster.entry(PRIVATE).unwrap();
    let (status, _) =
        sandbox.refresh_with_curl(&oauth, private["tokens"]["refresh_token"].as_str().unwrap());
    assert_eq!(status, 200, "seed {seed}");
}
