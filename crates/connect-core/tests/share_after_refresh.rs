//! An account shared with a real OpenBao: its first token published when it is shared, each new
//! one after a keep-alive refresh, someone else's version stopping the publishing, a sealed
//! server never holding up or losing a refresh, and revoke clearing what was published. Factorial
//! is the loopback stand-in the keep-alive tests use.

// OpenBao runs here as the Linux binary PyPI ships; the Windows build's tests under Wine cannot
// start it (the client's own logic runs there in its unit tests).
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
mod openbao;

use std::sync::atomic::Ordering;

use common::{FaultServer, World, connect, stored, world};
use connect_core::keep_alive::KeepAlive;
use connect_core::registry::AccountRecord;
use connect_core::share::{Destination, Login, ShareProblem};
use connect_core::{ErrorCode, Secret};
use openbao::{Bao, ROOT};
use serde_json::json;

const PATH: &str = "factorial/tool";

/// What the README's publishing policy grants: the entries under `factorial/`, nothing else.
const PUBLISHER_POLICY: &str = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
"#;

fn destination(bao: &Bao) -> Destination {
    Destination::new(&bao.address, "secret", PATH, None, None, Login::Token).unwrap()
}

fn record(w: &World) -> AccountRecord {
    w.engine.status().unwrap()[0].accounts[0].account.clone()
}

fn refreshes(server: &FaultServer) -> usize {
    server
        .requests("POST /oauth/token")
        .iter()
        .filter(|r| r.contains("grant_type=refresh_token"))
        .count()
}

/// The access token the keychain holds for the account now.
fn current_token(w: &World) -> String {
    let (_, raw) = stored(w)
        .into_iter()
        .find(|(k, _)| k.ends_with(":tokens"))
        .unwrap();
    let tokens: serde_json::Value = serde_json::from_str(&raw).unwrap();
    tokens["access_token"].as_str().unwrap().to_string()
}

/// A keep-alive round after the access token's three quarters have passed.
async fn round_when_due(w: &World, keep_alive: &KeepAlive) {
    w.now.fetch_add(3_000, Ordering::SeqCst);
    keep_alive.round(&w.engine).await;
}

#[tokio::test]
async fn each_new_token_is_published_and_someone_elses_version_stops_it() {
    let server = FaultServer::start().await;
    let bao = Bao::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let login = bao.token_with_policy("publisher", PUBLISHER_POLICY).await;
    let shared = w
        .engine
        .share("Tool", None, destination(&bao), Secret::new(&login))
        .await
        .unwrap();
    assert_eq!(shared.sharing.as_ref().unwrap().version, Some(2));
    let (version, data) = bao.entry("secret", PATH).await.unwrap();
    assert_eq!(version, 2);
    assert_eq!(data["access_token"], current_token(&w));
    assert_eq!(data["kind"], "user");
    assert_eq!(data["api_base_url"], server.url.trim_end_matches('/'));
    assert!(!data.to_string().contains("refresh"), "{data}");
    // The login is in the keychain, not in the data folder.
    assert!(
        stored(&w)
            .iter()
            .any(|(k, v)| k.ends_with(":share-login") && *v == login)
    );
    let registry = std::fs::read_to_string(w.dir.path().join("registry.json")).unwrap();
    assert!(registry.contains(PATH) && !registry.contains(&login));

    let keep_alive = KeepAlive::default();
    for expected in [3, 4] {
        round_when_due(&w, &keep_alive).await;
        let (version, data) = bao.entry("secret", PATH).await.unwrap();
        assert_eq!(version, expected);
        assert_eq!(data["access_token"], current_token(&w));
    }
    assert_eq!(refreshes(&server), 2);

    // Nothing new: nothing written.
    keep_alive.round(&w.engine).await;
    assert_eq!(bao.entry("secret", PATH).await.unwrap().0, 4);

    // Someone else's version: the refresh goes on, the publishing stops and says why.
    bao.admin(
        "POST",
        &format!("secret/data/{PATH}"),
        Some(json!({ "options": { "cas": 4 }, "data": { "theirs": true } })),
    )
    .await;
    round_when_due(&w, &keep_alive).await;
    assert_eq!(refreshes(&server), 3);
    let failure = record(&w).sharing.unwrap().failure.unwrap();
    assert_eq!(
        failure.problem,
        ShareProblem::WrittenByOthers { ours: 4, found: 5 }
    );
    assert_eq!(failure.retry_at, None);
    round_when_due(&w, &keep_alive).await;
    assert_eq!(refreshes(&server), 4);
    let (version, data) = bao.entry("secret", PATH).await.unwrap();
    assert_eq!((version, data), (5, json!({ "theirs": true })));
}

#[tokio::test]
async fn a_sealed_server_never_holds_up_a_refresh_and_is_tried_again() {
    let server = FaultServer::start().await;
    let bao = Bao::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    w.engine
        .share("Tool", None, destination(&bao), Secret::new(ROOT))
        .await
        .unwrap();
    bao.admin("PUT", "sys/seal", None).await;
    let keep_alive = KeepAlive::default();
    round_when_due(&w, &keep_alive).await;
    assert_eq!(refreshes(&server), 1);
    let token_after_refresh = current_token(&w);
    let failure = record(&w).sharing.unwrap().failure.unwrap();
    assert_eq!(failure.problem, ShareProblem::Sealed);
    let retry_at = failure.retry_at.unwrap();
    assert_eq!(retry_at, w.engine.now() + 30);
    // The account itself is fine, and its tokens are those of the refresh.
    assert!(record(&w).needs_reconnect.is_none());
    assert_eq!(current_token(&w), token_after_refresh);
    let error = w.engine.publish("Tool", None).await.unwrap_err();
    assert!(
        matches!(
            error.code(),
            ErrorCode::ShareFailed {
                problem: ShareProblem::Sealed,
                ..
            }
        ),
        "{error:?}"
    );
    // Revoked while the server is sealed: the revoke goes through, and says a copy stayed there.
    let gone = w.engine.revoke("Tool", None).await.unwrap();
    let left = gone.sharing.unwrap().failure.unwrap();
    assert_eq!(left.problem, ShareProblem::Sealed);
    assert!(w.engine.status().unwrap()[0].accounts.is_empty());
    assert!(!stored(&w).iter().any(|(k, _)| k.ends_with(":share-login")));
}

#[tokio::test]
async fn a_destination_that_refuses_is_not_kept_and_revoke_clears_what_was_published() {
    let server = FaultServer::start().await;
    let bao = Bao::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let wrong = w
        .engine
        .share("Tool", None, destination(&bao), Secret::new("not-a-token"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            wrong.code(),
            ErrorCode::ShareFailed {
                problem: ShareProblem::LoginRefused,
                ..
            }
        ),
        "{wrong:?}"
    );
    assert!(record(&w).sharing.is_none());
    assert!(!stored(&w).iter().any(|(k, _)| k.ends_with(":share-login")));

    w.engine
        .share("Tool", None, destination(&bao), Secret::new(ROOT))
        .await
        .unwrap();
    w.engine.revoke("Tool", None).await.unwrap();
    let (_, data) = bao.entry("secret", PATH).await.unwrap();
    assert_eq!(data["removed"], true);
    assert!(data.get("access_token").is_none());
    assert!(!stored(&w).iter().any(|(k, _)| k.ends_with(":share-login")));
}

#[tokio::test]
async fn one_destination_per_account_and_forget_or_removing_the_app_take_back_what_was_published() {
    let server = FaultServer::start().await;
    let bao = Bao::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    w.engine
        .share("Tool", None, destination(&bao), Secret::new(ROOT))
        .await
        .unwrap();
    let again = w
        .engine
        .share("Tool", None, destination(&bao), Secret::new(ROOT))
        .await
        .unwrap_err();
    assert!(
        matches!(again.code(), ErrorCode::AlreadyShared { .. }),
        "{again:?}"
    );
    w.engine.forget("Tool", None).await.unwrap();
    let (_, data) = bao.entry("secret", PATH).await.unwrap();
    assert_eq!(data["removed"], true);

    // Connected and shared again at the same entry (the marker holds nothing), then the whole
    // application removed.
    connect(&w).await.unwrap();
    w.engine
        .share("Tool", None, destination(&bao), Secret::new(ROOT))
        .await
        .unwrap();
    assert_eq!(
        bao.entry("secret", PATH).await.unwrap().1["access_token"],
        current_token(&w)
    );
    w.engine.remove_app("Tool").await.unwrap();
    let (_, data) = bao.entry("secret", PATH).await.unwrap();
    assert_eq!(data["removed"], true);
    assert!(stored(&w).is_empty(), "{:?}", stored(&w));
}
