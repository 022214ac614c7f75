//! Sharing an account's token with a real OpenBao: what is written, check-and-set against anyone
//! else's version, and each way a secrets manager can refuse, as the code the edges word.

// OpenBao runs here as the Linux binary PyPI ships; the Windows build's tests under Wine cannot
// start it (the client's own logic runs there in its unit tests).
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod openbao;

use std::time::Duration;

use connect_core::Secret;
use connect_core::share::{CertificateIssue, Destination, Kv, Login, PublishedToken, ShareProblem};
use openbao::{Bao, ROOT};
use serde_json::json;

fn token(access: &str) -> PublishedToken {
    PublishedToken {
        access_token: Secret::new(access),
        token_type: "Bearer".into(),
        expires_at: connect_core::share::rfc3339(1_796_525_656),
        scopes: vec!["read".into()],
        owner: Some("ana@example.com".into()),
        kind: Some("user".into()),
        api_base_url: "https://api.factorialhr.com".into(),
        written_by: "factorial-connect".into(),
        writer: "this-copy".into(),
        version: "0.1.0".into(),
    }
}

fn kv_at(address: &str, mount: &str, path: &str, login: Login, secret: &str) -> Kv {
    let destination = Destination::new(address, mount, path, None, None, login).unwrap();
    Kv::new(destination, Secret::new(secret), Duration::from_secs(10)).unwrap()
}

fn kv(bao: &Bao, path: &str, secret: &str) -> Kv {
    kv_at(&bao.address, "secret", path, Login::Token, secret)
}

#[tokio::test]
async fn versions_go_up_and_someone_elses_version_is_never_overwritten() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/payroll", ROOT);
    // A placeholder without the token comes first, then the token over it.
    let first = kv.publish(&token("access-1"), None).await.unwrap();
    assert_eq!(first.version, 2);
    let second = kv.publish(&token("access-2"), Some(2)).await.unwrap();
    assert_eq!(second.version, 3);
    let (version, data) = bao.entry("secret", "factorial/payroll").await.unwrap();
    assert_eq!(version, 3);
    assert_eq!(data["access_token"], "access-2");
    assert_eq!(data["expires_at"], "2026-12-06T02:54:16Z");
    assert_eq!(data["owner"], "ana@example.com");
    assert!(data.get("refresh_token").is_none());
    // The entry now requires check-and-set: a plain write by anyone is refused by the server.
    let (status, body) = bao
        .admin(
            "POST",
            "secret/data/factorial/payroll",
            Some(json!({ "data": { "x": 1 } })),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body.to_string()
            .contains("check-and-set parameter required"),
        "{body}"
    );

    // Someone else writes version 4: ours is refused, removing ours too, and theirs stays.
    let (status, _) = bao
        .admin(
            "POST",
            "secret/data/factorial/payroll",
            Some(json!({ "options": { "cas": 3 }, "data": { "theirs": true } })),
        )
        .await;
    assert_eq!(status, 200);
    let others = ShareProblem::WrittenByOthers { ours: 3, found: 4 };
    assert_eq!(
        kv.publish(&token("access-3"), Some(3)).await.unwrap_err(),
        others
    );
    assert_eq!(kv.remove(3, "this-copy").await.unwrap_err(), others);
    assert_eq!(kv.test(Some(3), "this-copy").await.unwrap_err(), others);
    let (version, data) = bao.entry("secret", "factorial/payroll").await.unwrap();
    assert_eq!((version, data), (4, json!({ "theirs": true })));
}

#[tokio::test]
async fn removing_leaves_a_marker_and_no_version_that_held_a_token() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/gone", ROOT);
    kv.publish(&token("access-1"), None).await.unwrap();
    let last = kv.publish(&token("access-2"), Some(2)).await.unwrap();
    kv.remove(last.version, "this-copy").await.unwrap();
    let (version, data) = bao.entry("secret", "factorial/gone").await.unwrap();
    assert_eq!(version, 4);
    assert_eq!(
        data,
        json!({ "written_by": "factorial-connect", "writer": "this-copy", "removed": true })
    );
    let (_, metadata) = bao
        .admin("GET", "secret/metadata/factorial/gone", None)
        .await;
    for v in 1..=3 {
        assert_eq!(
            metadata["data"]["versions"][v.to_string()]["destroyed"],
            true,
            "{metadata}"
        );
    }
    // A publish that began before the removal (another process) finds the marker and stops.
    assert_eq!(
        kv.publish(&token("late"), Some(last.version))
            .await
            .unwrap_err(),
        ShareProblem::RemovedByOthers { ours: last.version }
    );
    // Shared again later, by another copy: the marker holds nothing, so it is written over.
    let mut again = token("access-9");
    again.writer = "another-copy".into();
    assert_eq!(kv.publish(&again, None).await.unwrap().version, 6);
}

#[tokio::test]
async fn a_version_this_copy_wrote_but_did_not_record_is_its_own() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/lost", ROOT);
    let first = kv.publish(&token("a"), None).await.unwrap();
    // Written, then the process was stopped before recording version 3.
    kv.publish(&token("b"), Some(first.version)).await.unwrap();
    let next = kv.publish(&token("c"), Some(first.version)).await.unwrap();
    assert_eq!(next.version, 4);
    // Even the creation, recorded nowhere: written over, not refused.
    assert_eq!(kv.publish(&token("d"), None).await.unwrap().version, 6);
    // Another copy's version is not taken for ours.
    let mut other = token("e");
    other.writer = "another-copy".into();
    assert_eq!(
        kv.publish(&other, Some(4)).await.unwrap_err(),
        ShareProblem::WrittenByOthers { ours: 4, found: 6 }
    );
}

#[tokio::test]
async fn an_entry_someone_removed_is_not_brought_back() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/deleted", ROOT);
    let written = kv.publish(&token("a"), None).await.unwrap();
    let (status, _) = bao
        .admin("DELETE", "secret/data/factorial/deleted", None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        kv.publish(&token("b"), Some(written.version))
            .await
            .unwrap_err(),
        ShareProblem::RemovedByOthers {
            ours: written.version
        }
    );
    assert_eq!(bao.entry("secret", "factorial/deleted").await, None);
}

#[tokio::test]
async fn an_entry_that_holds_something_else_is_not_taken() {
    let bao = Bao::start().await;
    bao.admin(
        "POST",
        "secret/data/team/app",
        Some(json!({ "data": { "password": "p" } })),
    )
    .await;
    let kv = kv(&bao, "team/app", ROOT);
    assert_eq!(
        kv.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::PathTaken
    );
    assert_eq!(
        kv.test(None, "this-copy").await.unwrap_err(),
        ShareProblem::PathTaken
    );
    let (_, data) = bao.entry("secret", "team/app").await.unwrap();
    assert_eq!(data, json!({ "password": "p" }));
}

#[tokio::test]
async fn the_test_creates_the_entry_as_publishing_would_and_leaves_no_token() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/probe", ROOT);
    kv.test(None, "this-copy").await.unwrap();
    let (_, data) = bao.entry("secret", "factorial/probe").await.unwrap();
    assert_eq!(data["removed"], true);
    assert!(data.get("access_token").is_none());
    let written = kv.publish(&token("a"), None).await.unwrap();
    kv.test(Some(written.version), "this-copy").await.unwrap();
}

#[tokio::test]
async fn a_wrong_token_a_narrow_policy_and_a_wrong_approle_each_say_which() {
    let bao = Bao::start().await;
    let wrong = kv(&bao, "factorial/x", "hvs.not-a-token");
    assert_eq!(
        wrong.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::LoginRefused
    );

    let narrow = bao
        .token_with_policy(
            "other",
            r#"path "secret/data/other/*" { capabilities = ["create", "update", "read"] }"#,
        )
        .await;
    let denied = kv(&bao, "factorial/x", &narrow);
    assert_eq!(
        denied.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::NotAllowed
    );

    // AppRole: the way a service logs in.
    bao.admin(
        "POST",
        "sys/auth/approle",
        Some(json!({ "type": "approle" })),
    )
    .await;
    bao.admin(
        "PUT",
        "sys/policies/acl/publisher",
        Some(json!({ "policy": PUBLISHER_POLICY })),
    )
    .await;
    bao.admin(
        "POST",
        "auth/approle/role/desk",
        Some(json!({ "token_policies": ["publisher"], "token_ttl": "20m" })),
    )
    .await;
    let (_, role) = bao
        .admin("GET", "auth/approle/role/desk/role-id", None)
        .await;
    let (_, secret) = bao
        .admin("POST", "auth/approle/role/desk/secret-id", None)
        .await;
    let role_id = role["data"]["role_id"].as_str().unwrap().to_string();
    let secret_id = secret["data"]["secret_id"].as_str().unwrap();
    let login = Login::AppRole {
        role_id: role_id.clone(),
    };
    let approle = kv_at(&bao.address, "secret", "factorial/x", login, secret_id);
    assert_eq!(approle.publish(&token("a"), None).await.unwrap().version, 2);
    approle.remove(2, "this-copy").await.unwrap();
    let login = Login::AppRole { role_id };
    let wrong = kv_at(
        &bao.address,
        "secret",
        "factorial/y",
        login,
        "not-the-secret-id",
    );
    assert_eq!(
        wrong.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::LoginRefused
    );
}

/// What the README's publishing policy grants: the entries under `factorial/`, their data and
/// their metadata, nothing else.
const PUBLISHER_POLICY: &str = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
"#;

#[tokio::test]
async fn a_missing_mount_and_a_version_1_engine_are_named() {
    let bao = Bao::start().await;
    let none = kv_at(&bao.address, "nothing", "factorial/x", Login::Token, ROOT);
    assert_eq!(
        none.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::NoMount
    );
    assert_eq!(none.read().await.unwrap_err(), ShareProblem::NoMount);

    bao.admin(
        "POST",
        "sys/mounts/old",
        Some(json!({ "type": "kv", "options": { "version": "1" } })),
    )
    .await;
    let old = kv_at(&bao.address, "old", "factorial/x", Login::Token, ROOT);
    assert_eq!(
        old.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::NotVersioned
    );
    let (status, _) = bao.admin("GET", "old/data/factorial/x", None).await;
    assert_eq!(status, 404, "nothing was written into the version 1 engine");
}

#[tokio::test]
async fn check_and_set_must_be_required_by_the_entry_or_its_mount() {
    let bao = Bao::start().await;
    let no_metadata = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
path "secret/config" { capabilities = ["read"] }
"#;
    let token_without_metadata = bao.token_with_policy("no-metadata", no_metadata).await;
    let kv = kv(&bao, "factorial/x", &token_without_metadata);
    assert_eq!(
        kv.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::CasNotRequired
    );
    assert_eq!(
        bao.entry("secret", "factorial/x").await,
        None,
        "no token was written"
    );

    // With the mount requiring it, the entry need not.
    bao.admin(
        "POST",
        "secret/config",
        Some(json!({ "cas_required": true })),
    )
    .await;
    let path = "factorial/y";
    let kv = kv_at(
        &bao.address,
        "secret",
        path,
        Login::Token,
        &token_without_metadata,
    );
    assert_eq!(kv.publish(&token("a"), None).await.unwrap().version, 2);
}

#[tokio::test]
async fn a_sealed_server_and_a_closed_port_are_named() {
    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/x", ROOT);
    let (status, _) = bao.admin("PUT", "sys/seal", None).await;
    assert_eq!(status, 204);
    assert_eq!(
        kv.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::Sealed
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = kv_at(
        &format!("http://127.0.0.1:{port}"),
        "secret",
        "x",
        Login::Token,
        ROOT,
    );
    assert_eq!(
        closed.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::Unreachable
    );
}

#[tokio::test]
async fn tls_trusts_the_given_ca_and_names_what_is_wrong_with_a_certificate() {
    let bao = Bao::start_tls().await;
    let without_ca = kv(&bao, "factorial/x", ROOT);
    assert_eq!(
        without_ca.publish(&token("a"), None).await.unwrap_err(),
        ShareProblem::Certificate {
            issue: CertificateIssue::UnknownAuthority
        }
    );
    let destination = Destination::new(
        &bao.address,
        "secret",
        "factorial/x",
        None,
        Some(bao.ca_file().display().to_string()),
        Login::Token,
    )
    .unwrap();
    let with_ca = Kv::new(
        destination.clone(),
        Secret::new(ROOT),
        Duration::from_secs(10),
    )
    .unwrap();
    assert_eq!(with_ca.publish(&token("a"), None).await.unwrap().version, 2);

    // The same server and CA, at an address its certificate does not list.
    let wrong = at_an_unlisted_address(&bao).await;
    assert_eq!(
        wrong,
        Some(ShareProblem::Certificate {
            issue: CertificateIssue::WrongName
        }),
    );

    let mut bad_ca = destination.clone();
    let not_pem = bao.dir.path().join("not.pem");
    std::fs::write(&not_pem, "not a certificate").unwrap();
    bad_ca.ca_file = Some(not_pem.display().to_string());
    let refused = Kv::new(bad_ca, Secret::new(ROOT), Duration::from_secs(10)).err();
    assert_eq!(
        refused,
        Some(ShareProblem::CaFile {
            path: not_pem.display().to_string()
        })
    );
}

/// Publishing to the TLS server through a forwarder on 127.0.0.2, an address its certificate does
/// not list (it lists 127.0.0.1 and localhost).
async fn at_an_unlisted_address(bao: &Bao) -> Option<ShareProblem> {
    let target = bao.address.trim_start_matches("https://").to_string();
    let listener = tokio::net::TcpListener::bind("127.0.0.2:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let target = target.clone();
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    let destination = Destination::new(
        &format!("https://127.0.0.2:{port}"),
        "secret",
        "factorial/x",
        None,
        Some(bao.ca_file().display().to_string()),
        Login::Token,
    )
    .unwrap();
    let kv = Kv::new(destination, Secret::new(ROOT), Duration::from_secs(10)).unwrap();
    kv.publish(&token("a"), None).await.err()
}

/// A consumer with no code of ours: `bao agent` with a read-only token renders the README's
/// template into a file, and rewrites it after each new version.
#[tokio::test]
async fn a_consumers_bao_agent_renders_each_new_token_into_its_file() {
    use std::os::unix::fs::PermissionsExt;

    let bao = Bao::start().await;
    let kv = kv(&bao, "factorial/payroll", ROOT);
    let first = kv.publish(&token("access-1"), None).await.unwrap();
    let reader = bao
        .token_with_policy(
            "reader",
            r#"path "secret/data/factorial/payroll" { capabilities = ["read"] }"#,
        )
        .await;
    let dir = bao.dir.path();
    let token_file = dir.join("reader-token");
    std::fs::write(&token_file, &reader).unwrap();
    let out = dir.join("factorial.env");
    let config = dir.join("agent.hcl");
    let template = r#"FACTORIAL_ACCESS_TOKEN={{ with secret \"secret/data/factorial/payroll\" }}{{ .Data.data.access_token }}{{ end }}"#;
    std::fs::write(
        &config,
        format!(
            r#"
vault {{ address = "{address}" }}
auto_auth {{
  method "token_file" {{ config = {{ token_file_path = "{token_file}" }} }}
}}
template_config {{ static_secret_render_interval = "1s" }}
template {{
  contents    = "{template}"
  destination = "{out}"
  perms       = "0600"
}}
"#,
            address = bao.address,
            token_file = token_file.display(),
            out = out.display(),
        ),
    )
    .unwrap();
    let mut agent = std::process::Command::new(openbao::binary())
        .arg("agent")
        .arg(format!("-config={}", config.display()))
        .env("HOME", dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let rendered = |expected: &'static str| {
        let out = out.clone();
        async move {
            for _ in 0..200 {
                if std::fs::read_to_string(&out).is_ok_and(|s| s.trim_end() == expected) {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            false
        }
    };
    let first_seen = rendered("FACTORIAL_ACCESS_TOKEN=access-1").await;
    kv.publish(&token("access-2"), Some(first.version))
        .await
        .unwrap();
    let second_seen = rendered("FACTORIAL_ACCESS_TOKEN=access-2").await;
    let mode = std::fs::metadata(&out).map(|m| m.permissions().mode() & 0o777);
    let _ = agent.kill();
    let _ = agent.wait();
    assert!(first_seen, "the agent never rendered the first token");
    assert!(second_seen, "the agent never rendered the new token");
    assert_eq!(mode.unwrap(), 0o600);
}
