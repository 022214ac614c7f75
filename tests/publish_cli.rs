//! `publish` as an admin runs it: the real binary, the Doorkeeper sandbox, the real keychain and a
//! real OpenBao. The token is published when shared, again after `refresh` (and the sandbox
//! accepts what a server reads there), listed and tested; revoke takes it back; a wrong login
//! says so with its exit code and keeps nothing. Through a cluster's standby, every refresh is
//! still published.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

#[path = "../crates/connect-core/tests/openbao/mod.rs"]
mod openbao;
mod support;

use openbao::Bao;
use support::openbao_cluster::Cluster;
use support::{Desk, Sandbox, connected_with};

const PATH: &str = "factorial/payroll";

const PUBLISHER_POLICY: &str = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
"#;

fn token(desk: &Desk) -> String {
    let run = desk.run(&["token", "Payroll"], "");
    assert!(run.ok(), "{run:?}");
    run.stdout.trim().to_string()
}

#[test]
fn a_shared_account_is_published_on_each_refresh_and_taken_back_on_revoke() {
    support::require_test_session();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = connected_with(sandbox, "Payroll", &[]);
    let add = |login: &str| desk.publish_add("Payroll", &bao.address, PATH, login);

    let refused = add("hvs.wrong");
    assert_eq!(refused.code, Some(10), "{refused:?}");
    assert!(
        refused.stderr.contains("refused the login"),
        "{}",
        refused.stderr
    );
    let listed = desk.run(&["publish", "list"], "");
    assert!(listed.stderr.contains("No account is shared"), "{listed:?}");

    let login = runtime.block_on(bao.token_with_policy("publisher", PUBLISHER_POLICY));
    let shared = add(&login);
    assert!(shared.ok(), "{shared:?}");
    assert!(
        shared.stderr.contains("Sharing the token of"),
        "{}",
        shared.stderr
    );
    assert!(!shared.stderr.contains(&login) && !shared.stdout.contains(&login));
    let entry = |bao: &Bao| runtime.block_on(bao.entry("secret", PATH)).unwrap();
    let (version, data) = entry(&bao);
    assert_eq!(
        (version, data["access_token"].as_str()),
        (2, Some(token(&desk).as_str()))
    );
    assert!(
        desk.keychain()
            .iter()
            .any(|(k, v)| k.ends_with(":share-login") && *v == login)
    );
    assert!(!desk.data_dir_bytes().contains(&login));

    let refreshed = desk.run(&["refresh", "Payroll"], "");
    assert!(refreshed.ok(), "{refreshed:?}");
    let (version, data) = entry(&bao);
    let published = data["access_token"].as_str().unwrap().to_string();
    assert_eq!((version, published.as_str()), (3, token(&desk).as_str()));
    // What a server reads there works at Factorial.
    assert_eq!(sandbox.credentials_with_curl(&published).0, 200);

    let listed = desk.run(&["publish", "list"], "");
    assert!(listed.ok(), "{listed:?}");
    assert!(
        listed
            .stdout
            .contains("secret/factorial/payroll: version 3"),
        "{listed:?}"
    );
    let tested = desk.run(&["publish", "test", "Payroll"], "");
    assert!(
        tested.ok() && tested.stderr.contains("holds version 3"),
        "{tested:?}"
    );

    let revoked = desk.run(&["revoke", "Payroll"], "");
    assert!(revoked.ok(), "{revoked:?}");
    let (_, data) = entry(&bao);
    assert_eq!(data["removed"], true);
    assert!(data.get("access_token").is_none());
    assert!(
        !desk
            .keychain()
            .iter()
            .any(|(k, _)| k.ends_with(":share-login"))
    );
}

/// `exec` and `token` refresh a token that has too little left, and connecting an account again
/// replaces its pair: both publish the new token at once, as `refresh` does.
#[test]
fn a_refresh_by_exec_and_a_new_connection_publish_at_once() {
    support::require_test_session();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    // Five-minute tokens: `exec` wants ten minutes left, so it refreshes every time.
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 300}),
    );
    let (_company, _oauth, desk) = connected_with(&sandbox, "Payroll", &[]);
    let login = runtime.block_on(bao.token_with_policy("publisher", PUBLISHER_POLICY));
    let shared = desk.publish_add("Payroll", &bao.address, PATH, &login);
    assert!(shared.ok(), "{shared:?}");
    let entry = || runtime.block_on(bao.entry("secret", PATH)).unwrap();
    assert_eq!(entry().0, 2);

    let exec = desk.run(
        &[
            "exec",
            "Payroll",
            "--",
            "sh",
            "-c",
            "printf %s \"$FACTORIAL_ACCESS_TOKEN\"",
        ],
        "",
    );
    assert!(exec.ok(), "{exec:?}");
    let (version, data) = entry();
    assert_eq!(
        (version, data["access_token"].as_str()),
        (3, Some(exec.stdout.as_str())),
        "the token exec refreshed is the one published"
    );

    let again = desk.run(&["authorize", "Payroll"], "");
    assert!(again.ok(), "{again:?}");
    // The process the deep link started completes the connection and publishes right after
    // recording it, which is what lets `authorize` return: the version appears a moment later,
    // with no keep-alive running.
    let (version, data) = support::eventually(
        std::time::Duration::from_secs(10),
        "the reconnection published",
        || Some(entry()).filter(|(version, _)| *version >= 4),
    );
    assert_eq!(version, 4);
    assert_eq!(data["access_token"].as_str(), Some(token(&desk).as_str()));
    assert_ne!(data["access_token"].as_str(), Some(exec.stdout.as_str()));
}

/// A destination that is a standby of a three-node cluster just started (an admin given any
/// node's address): the standby's engine is not ready for a moment after it is mounted, and it
/// checks check-and-set against its own copy, which may not have the version just written yet.
/// Sharing (a placeholder, then the token over it at once) is neither "an answer OpenBao would
/// not give" nor taken for someone else's removal, each refresh is published, and a server
/// reading the cluster finds the desk's token. (Each of the two failed without its wait: the
/// first whenever this test ran beside the others, the second one run in three on a busy
/// machine.)
#[test]
fn publishing_through_a_standby_publishes_every_refresh() {
    support::require_test_session();
    let cluster = Cluster::start();
    let leader = cluster.leader();
    let standby = (0..3).find(|n| *n != leader).unwrap();
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = connected_with(sandbox, "Payroll", &[]);
    let login = cluster.token_with_policy("publisher", PUBLISHER_POLICY);
    let shared = desk.publish_add("Payroll", &cluster.nodes[standby].address, PATH, &login);
    assert!(shared.ok(), "{shared:?}");
    for round in 1..=10 {
        let refreshed = desk.run(&["refresh", "Payroll"], "");
        assert!(refreshed.ok(), "refresh {round}: {refreshed:?}");
        assert!(
            !refreshed.stderr.contains("warning"),
            "refresh {round}: {}",
            refreshed.stderr
        );
        let published = cluster.entry(PATH).unwrap();
        assert_eq!(
            published["access_token"].as_str(),
            Some(token(&desk).as_str()),
            "refresh {round}"
        );
    }
    let listed = desk.run(&["publish", "list"], "");
    assert!(listed.stdout.contains("version 12,"), "{listed:?}");
}
