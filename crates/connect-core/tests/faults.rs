//! Faults a real OAuth server will not produce on demand — a 500, an HTML page instead of JSON, a
//! server that never answers, a refused connection, a body cut short — served by a tiny loopback
//! server, plus an expired authorization under a movable clock. Each must end in a plain message
//! and leave every stored token exactly as it was.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use connect_core::app_profile::NewApp;
use connect_core::engine::{Clock, Settings};
use connect_core::identity::AccountKind;
use connect_core::registry::{Origin, Outcome};
use connect_core::vault::{MemoryStore, SecretStore, Vault};
use connect_core::{AnswerSource, Engine, Error, Secret};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Ok,
    ServerError,
    HtmlPage,
    Silent,
    CutShort,
    RefusedGrant,
}

struct FaultServer {
    url: String,
    mode: Arc<Mutex<Mode>>,
}

impl FaultServer {
    async fn start() -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let mode = Arc::new(Mutex::new(Mode::Ok));
        let counter = Arc::new(AtomicU64::new(0));
        let m = mode.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (m, counter) = (m.clone(), counter.clone());
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    let request = String::from_utf8_lossy(&buf[..n]).to_string();
                    let mode = *m.lock().await;
                    let n = counter.fetch_add(1, Ordering::SeqCst);
                    let reply = answer(&request, mode, n);
                    match reply {
                        Reply::Full(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                        }
                        Reply::Hang => tokio::time::sleep(Duration::from_secs(30)).await,
                        Reply::CutShort(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                            let _ = socket.shutdown().await;
                        }
                    }
                });
            }
        });
        FaultServer { url, mode }
    }

    async fn set(&self, mode: Mode) {
        *self.mode.lock().await = mode;
    }
}

enum Reply {
    Full(Vec<u8>),
    Hang,
    CutShort(Vec<u8>),
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn answer(request: &str, mode: Mode, n: u64) -> Reply {
    let is_token = request.starts_with("POST /oauth/token");
    match (mode, is_token) {
        (Mode::Ok, true) => Reply::Full(http(
            "200 OK",
            "application/json",
            &format!(
                r#"{{"access_token":"at-{n}","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-{n}","scope":"employees","created_at":1}}"#
            ),
        )),
        (_, false) => Reply::Full(http(
            "200 OK",
            "application/json",
            r#"{"data":[{"id":1,"email":"ana@acme.test","full_name":"Ana","employee_id":12,"company_id":7}],"meta":{}}"#,
        )),
        (Mode::ServerError, true) => Reply::Full(http(
            "500 Internal Server Error",
            "text/html",
            "<html><body><h1>We're sorry, but something went wrong.</h1></body></html>",
        )),
        (Mode::HtmlPage, true) => Reply::Full(http(
            "200 OK",
            "text/html; charset=utf-8",
            "<html><body>Please log in</body></html>",
        )),
        (Mode::Silent, true) => Reply::Hang,
        (Mode::CutShort, true) => Reply::CutShort(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\nConnection: close\r\n\r\n{\"access_token\":\"at-partial".to_vec(),
        ),
        (Mode::RefusedGrant, true) => Reply::Full(http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked."}"#,
        )),
    }
}

struct World {
    engine: Engine,
    store: MemoryStore,
    now: Arc<AtomicU64>,
    _dir: tempfile::TempDir,
}

fn world(base_url: &str) -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::default();
    let now = Arc::new(AtomicU64::new(1_800_000_000));
    let n = now.clone();
    let clock: Clock = Arc::new(move || n.load(Ordering::SeqCst));
    let settings = Settings {
        http_timeout: Duration::from_millis(800),
        ..Settings::default()
    };
    let engine =
        Engine::with_vault(dir.path(), Vault::new(store.clone()), settings, clock).unwrap();
    engine
        .add_app(NewApp {
            name: "Tool".into(),
            environment: base_url.into(),
            client_id: "cid".into(),
            client_secret: Some(Secret::new("csecret")),
            confidential: true,
            redirect_uri: String::new(),
            scopes: "employees".into(),
            pkce: true,
        })
        .unwrap();
    World {
        engine,
        store,
        now,
        _dir: dir,
    }
}

/// Starts an authorization and answers it as the browser would, with the right state.
async fn connect(w: &World) -> Result<connect_core::Connected, Error> {
    let start = w
        .engine
        .begin_authorization("Tool", AccountKind::User, Origin::Cli)
        .unwrap();
    let url = url::Url::parse(&start.url).unwrap();
    let state = url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let answer = format!("factorial-connect://oauth/callback?code=the-code&state={state}");
    w.engine.complete(&answer, AnswerSource::DeepLink).await
}

fn stored(w: &World) -> Vec<(String, String)> {
    w.store
        .keys()
        .into_iter()
        .map(|k| {
            let v = w.store.get(&k).unwrap().unwrap().expose().to_string();
            (k, v)
        })
        .collect()
}

#[tokio::test]
async fn exchange_faults_end_in_plain_messages_and_are_recorded_for_waiters() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let cases = [
        (
            Mode::ServerError,
            "bad_response",
            "HTTP 500, text/html instead of JSON",
        ),
        (
            Mode::HtmlPage,
            "bad_response",
            "does not understand (HTTP 200, text/html instead of JSON)",
        ),
        (Mode::Silent, "network", "did not answer in time"),
        (
            Mode::CutShort,
            "bad_response",
            "does not understand (the answer was cut short)",
        ),
    ];
    for (mode, code, words) in cases {
        server.set(mode).await;
        let err = connect(&w).await.unwrap_err();
        assert_eq!(err.code(), code, "{mode:?}: {err}");
        assert!(err.to_string().contains(words), "{mode:?}: {err}");
        assert!(
            !err.to_string().contains("the-code") && !err.developer_detail().contains("csecret")
        );
    }
    assert!(
        stored(&w).iter().all(|(k, _)| !k.contains(":tokens")),
        "a failed exchange stored tokens"
    );
    assert!(
        stored(&w).iter().all(|(k, _)| !k.starts_with("pending:")),
        "verifiers left behind"
    );
}

#[tokio::test]
async fn refresh_faults_keep_every_stored_token() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let connected = connect(&w).await.unwrap();
    assert_eq!(connected.account.id, "user-12");
    let before = stored(&w);
    for mode in [
        Mode::ServerError,
        Mode::HtmlPage,
        Mode::Silent,
        Mode::CutShort,
        Mode::RefusedGrant,
    ] {
        server.set(mode).await;
        let err = w.engine.refresh("Tool", None).await.unwrap_err();
        assert_eq!(
            stored(&w),
            before,
            "{mode:?} changed the stored tokens: {err}"
        );
        if mode == Mode::RefusedGrant {
            assert_eq!(err.code(), "reconnect_needed");
            assert!(
                err.to_string().contains("Connect the account again"),
                "{err}"
            );
        }
    }
    let (_, record) = w.engine.account("Tool", None).unwrap();
    assert!(record.needs_reconnect.is_some());

    server.set(Mode::Ok).await;
    w.engine.refresh("Tool", None).await.unwrap();
    assert_ne!(stored(&w), before);
    let (_, record) = w.engine.account("Tool", None).unwrap();
    assert!(
        record.needs_reconnect.is_none(),
        "a good refresh clears the warning"
    );
}

#[tokio::test]
async fn a_refused_connection_says_the_server_cannot_be_reached() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let w = world(&format!("http://127.0.0.1:{port}"));
    let err = connect(&w).await.unwrap_err();
    assert_eq!(err.code(), "network");
    assert!(
        err.to_string()
            .starts_with(&format!("Could not reach 127.0.0.1:{port}")),
        "{err}"
    );
}

#[tokio::test]
async fn an_expired_authorization_is_refused_and_recorded() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let start = w
        .engine
        .begin_authorization("Tool", AccountKind::User, Origin::Window)
        .unwrap();
    let state = url::Url::parse(&start.url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    w.now.fetch_add(10 * 60 + 1, Ordering::SeqCst);
    let answer = format!("factorial-connect://oauth/callback?code=c&state={state}");
    let err = w
        .engine
        .complete(&answer, AnswerSource::DeepLink)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("expired (they are valid for 10 minutes)"),
        "{err}"
    );
    assert!(matches!(
        w.engine.outcome(&start.state_hash).unwrap(),
        Some(Outcome::Failed { .. })
    ));
    // And it stays used: a second try is a replay, not a second chance.
    let again = w
        .engine
        .complete(&answer, AnswerSource::DeepLink)
        .await
        .unwrap_err();
    assert!(again.to_string().contains("already completed"), "{again}");
}

#[tokio::test]
async fn a_deep_link_without_state_or_with_a_bare_code_is_refused() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    w.engine
        .begin_authorization("Tool", AccountKind::User, Origin::Cli)
        .unwrap();
    // Any web page can open our scheme: a link must prove it answers our request.
    let err = w
        .engine
        .complete(
            "factorial-connect://oauth/callback?code=attacker",
            AnswerSource::DeepLink,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("carries no state"), "{err}");
    // The same code pasted by the user is theirs to give.
    let ok = w
        .engine
        .complete(
            "factorial-connect://oauth/callback?code=mine",
            AnswerSource::Paste { pending: None },
        )
        .await
        .unwrap();
    assert_eq!(ok.account.label, "Ana <ana@acme.test>");
}
