//! What the engine's integration tests stand on: a tiny loopback OAuth server that can misbehave on
//! demand and records every request, an engine over a temporary data folder and an in-memory
//! keychain that can be told to refuse writes, and a movable clock.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses a different part; a test that cannot unwrap has failed

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use connect_core::app_profile::NewApp;
use connect_core::engine::{AuthorizationStart, Clock, Settings};
use connect_core::error::KeychainProblem;
use connect_core::identity::AccountKind;
use connect_core::registry::Origin;
use connect_core::vault::{MemoryStore, SecretStore, Vault};
use connect_core::{AnswerSource, Engine, Error, ErrorCode, Secret};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    Ok,
    ServerError,
    HtmlPage,
    Silent,
    CutShort,
    RefusedGrant,
    /// `invalid_grant` whose description carries terminal escape and bidi characters.
    RefusedGrantWithEscapes,
    /// A 200 answer far larger than any OAuth answer.
    Huge,
    /// A good answer after half a second, so that two callers overlap.
    Slow,
    /// A 200 answer far larger than any OAuth answer, chunked, with no length announced.
    HugeChunked,
    /// An error answer whose `error` code itself carries terminal escapes.
    EscapedErrorCode,
}

pub struct FaultServer {
    pub url: String,
    mode: Arc<Mutex<Mode>>,
    /// Every request as text (head and body), in order.
    requests: Arc<StdMutex<Vec<String>>>,
    /// The numbers `n` of the token pairs issued (`at-n`, `rt-n`), in order.
    issued: Arc<StdMutex<Vec<u64>>>,
    accepting: tokio::task::JoinHandle<()>,
}

impl FaultServer {
    pub async fn start() -> FaultServer {
        FaultServer::start_at("127.0.0.1:0").await
    }

    /// On a given address: a server started again where one was unplugged.
    pub async fn start_at(address: &str) -> FaultServer {
        let listener = TcpListener::bind(address).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let mode = Arc::new(Mutex::new(Mode::Ok));
        let requests = Arc::new(StdMutex::new(Vec::new()));
        let issued = Arc::new(StdMutex::new(Vec::new()));
        let counter = Arc::new(AtomicU64::new(0));
        let (m, log, issued_log) = (mode.clone(), requests.clone(), issued.clone());
        let accepting = tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (m, counter, log, issued_log) =
                    (m.clone(), counter.clone(), log.clone(), issued_log.clone());
                tokio::spawn(async move {
                    let request = read_request(&mut socket).await;
                    log.lock().unwrap().push(request.clone());
                    let mode = *m.lock().await;
                    let n = counter.fetch_add(1, Ordering::SeqCst);
                    if request.starts_with("POST /oauth/token")
                        && matches!(mode, Mode::Ok | Mode::Slow)
                    {
                        issued_log.lock().unwrap().push(n);
                    }
                    match answer(&request, mode, n) {
                        Reply::Full(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                        }
                        Reply::Later(bytes) => {
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            let _ = socket.write_all(&bytes).await;
                        }
                        Reply::Hang => tokio::time::sleep(Duration::from_secs(30)).await,
                        Reply::Chunked(chunk, times) => {
                            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                            let _ = socket.write_all(head.as_bytes()).await;
                            for _ in 0..times {
                                let framed = format!("{:x}\r\n{chunk}\r\n", chunk.len());
                                if socket.write_all(framed.as_bytes()).await.is_err() {
                                    return;
                                }
                            }
                            let _ = socket.write_all(b"0\r\n\r\n").await;
                        }
                        Reply::CutShort(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                            let _ = socket.shutdown().await;
                        }
                    }
                });
            }
        });
        FaultServer {
            url,
            mode,
            requests,
            issued,
            accepting,
        }
    }

    /// Gone from the network: its port refuses connections, as an offline computer finds them.
    pub async fn unplug(self) {
        self.accepting.abort();
        let _ = self.accepting.await;
    }

    /// Every token this server issued (`rt-n` and `at-n` of each answer).
    pub fn issued_tokens(&self) -> Vec<String> {
        self.issued
            .lock()
            .unwrap()
            .iter()
            .flat_map(|n| [format!("rt-{n}"), format!("at-{n}")])
            .collect()
    }

    pub async fn set(&self, mode: Mode) {
        *self.mode.lock().await = mode;
    }

    /// The requests whose first line starts with `prefix` ("POST /oauth/token").
    pub fn requests(&self, prefix: &str) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.starts_with(prefix))
            .cloned()
            .collect()
    }

    pub fn forget_requests(&self) {
        self.requests.lock().unwrap().clear();
    }
}

/// Reads a request's head and its `Content-Length` body.
async fn read_request(socket: &mut tokio::net::TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = socket.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

enum Reply {
    Full(Vec<u8>),
    /// A chunked body: this text, this many times.
    Chunked(String, usize),
    Later(Vec<u8>),
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

fn tokens_answer(n: u64) -> Vec<u8> {
    http(
        "200 OK",
        "application/json",
        &format!(
            r#"{{"access_token":"at-{n}","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-{n}","scope":"employees","created_at":1}}"#
        ),
    )
}

fn answer(request: &str, mode: Mode, n: u64) -> Reply {
    let is_token = request.starts_with("POST /oauth/token");
    if request.starts_with("POST /oauth/revoke") {
        return Reply::Full(http("200 OK", "application/json", "{}"));
    }
    match (mode, is_token) {
        (Mode::Ok, true) => Reply::Full(tokens_answer(n)),
        (Mode::Slow, true) => Reply::Later(tokens_answer(n)),
        (Mode::HugeChunked, _) => Reply::Chunked("x".repeat(4096), 64),
        (Mode::EscapedErrorCode, true) => Reply::Full(http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"\u001b]0;owned\u0007\u001b[2Jweird"}"#,
        )),
        (Mode::Huge, _) => Reply::Full(http(
            "200 OK",
            "application/json",
            &format!(r#"{{"access_token":"{}"}}"#, "x".repeat(100 * 1024)),
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
        (Mode::RefusedGrantWithEscapes, true) => Reply::Full(http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_grant","error_description":"Bad\u001b[2K\u001b[1Agrant\r\u202eevil"}"#,
        )),
    }
}

/// The in-memory keychain, with a switch that makes token writes fail as a locked keychain would.
#[derive(Clone, Default)]
pub struct FlakyStore {
    pub inner: MemoryStore,
    pub refuse_token_writes: Arc<AtomicBool>,
    pub token_write_attempts: Arc<AtomicU64>,
}

impl SecretStore for FlakyStore {
    fn get(&self, key: &str) -> connect_core::Result<Option<Secret>> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &Secret) -> connect_core::Result<()> {
        if key.ends_with(":tokens") {
            self.token_write_attempts.fetch_add(1, Ordering::SeqCst);
            if self.refuse_token_writes.load(Ordering::SeqCst) {
                return Err(Error::with_cause(
                    ErrorCode::Keychain {
                        problem: KeychainProblem::Locked,
                    },
                    "refused by the test",
                ));
            }
        }
        self.inner.set(key, value)
    }
    fn delete(&self, key: &str) -> connect_core::Result<()> {
        self.inner.delete(key)
    }
}

pub struct World {
    pub engine: Engine,
    pub store: FlakyStore,
    pub now: Arc<AtomicU64>,
    pub dir: tempfile::TempDir,
}

/// The refresh-token life the test application declares: a day.
pub const REFRESH_LIFE: u64 = 86_400;

pub fn world(base_url: &str) -> World {
    world_with(base_url, true)
}

pub fn world_with(base_url: &str, confidential: bool) -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = FlakyStore::default();
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
            client_secret: confidential.then(|| Secret::new("csecret")),
            confidential,
            redirect_uri: String::new(),
            scopes: "employees".into(),
            pkce: true,
            refresh_lifetime_secs: Some(REFRESH_LIFE),
        })
        .unwrap();
    World {
        engine,
        store,
        now,
        dir,
    }
}

/// The `state` in a started authorization's address.
pub fn state_of(start: &AuthorizationStart) -> String {
    url::Url::parse(&start.url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned()
}

/// The redirect the browser would land on after Authorize.
pub fn redirect_for(start: &AuthorizationStart, code: &str) -> String {
    format!(
        "factorial-connect://oauth/callback?code={code}&state={}",
        state_of(start)
    )
}

pub fn begin(w: &World) -> AuthorizationStart {
    w.engine
        .begin_authorization("Tool", AccountKind::User, Origin::Cli)
        .unwrap()
}

/// Starts an authorization and answers it as the browser would, with the right state.
pub async fn connect(w: &World) -> Result<connect_core::Connected, Error> {
    let start = begin(w);
    w.engine
        .complete(&redirect_for(&start, "the-code"), AnswerSource::DeepLink)
        .await
}

pub fn stored(w: &World) -> Vec<(String, String)> {
    w.store
        .inner
        .keys()
        .into_iter()
        .map(|k| {
            let v = w.store.inner.get(&k).unwrap().unwrap().expose().to_string();
            (k, v)
        })
        .collect()
}

/// The same answer again, after its authorization ended, is refused as a replay.
pub async fn assert_replayed(w: &World, answer: &str) {
    let again = w
        .engine
        .complete(answer, AnswerSource::DeepLink)
        .await
        .unwrap_err();
    assert_eq!(
        *again.code(),
        connect_core::ErrorCode::from(connect_core::CallbackError::Replayed).of_link(),
        "{again}"
    );
}
