//! The handful of KV version 2 calls publishing needs, over the engine's one HTTP door (bounded
//! answers, no redirects, rustls), plus the destination's own CA when it has one.

use std::sync::Mutex;
use std::time::Duration;

use oauth2::http::{self, HeaderValue, Method};
use serde_json::{Value, json};

use super::destination::{Destination, Login};
use super::problem::{CertificateIssue, ShareProblem};
use super::record::{PublishedToken, WRITER};
use crate::provider::{Answer, HttpClient, HttpFailure, ReqwestClient};
use crate::secret::Secret;

/// The largest CA file read; a bundle of a company's roots is a few kilobytes.
const MAX_CA_FILE: u64 = 1024 * 1024;
/// How often a request is tried again while a cluster elects a new leader (it answers 307 with no
/// body, or 500 "local node not active"), and how long to wait between tries, growing.
const FAILOVER_TRIES: u32 = 8;
const FAILOVER_PAUSE: Duration = Duration::from_millis(250);

/// A destination's KV v2 entry, logged in.
pub struct Kv {
    http: Box<dyn HttpClient>,
    destination: Destination,
    /// The token, or the AppRole secret ID.
    login_secret: Secret,
    /// The token AppRole's login gave, kept for the next calls.
    session: Mutex<Option<Secret>>,
}

/// What a write left on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub version: u64,
}

/// The server refused a check-and-set write: the version is not the one given.
struct VersionMoved;

impl Kv {
    /// A client for `destination`, logging in with `login_secret`.
    pub fn new(
        destination: Destination,
        login_secret: Secret,
        timeout: Duration,
    ) -> Result<Self, ShareProblem> {
        let roots = match &destination.ca_file {
            Some(path) => ca_certificates(path)?,
            None => Vec::new(),
        };
        let http = ReqwestClient::trusting(timeout, roots)
            .map_err(|_| ShareProblem::UnexpectedAnswer { status: None })?;
        Ok(Self::with_http(destination, login_secret, Box::new(http)))
    }

    /// The same over another HTTP door (tests' faults).
    pub fn with_http(
        destination: Destination,
        login_secret: Secret,
        http: Box<dyn HttpClient>,
    ) -> Self {
        Kv {
            http,
            destination,
            login_secret,
            session: Mutex::new(None),
        }
    }

    pub fn destination(&self) -> &Destination {
        &self.destination
    }

    /// The entry's current version and data; `None` when there is none (never written, or
    /// removed).
    pub async fn read(&self) -> Result<Option<(u64, Value)>, ShareProblem> {
        let answer = self.call(Method::GET, &self.data_url(), None).await?;
        match answer.status {
            200 => {
                let value = json_of(&answer)?;
                let data = &value["data"];
                let Some(version) = data["metadata"]["version"].as_u64() else {
                    return Err(unexpected(&answer));
                };
                // A soft-deleted latest version reads as data: null.
                if data["data"].is_null() {
                    return Ok(None);
                }
                Ok(Some((version, data["data"].clone())))
            }
            404 if no_route(&answer) => Err(ShareProblem::NoMount),
            404 => Ok(None),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// Writes `token` over version `ours` (this app's last write), or creates the entry when
    /// `ours` is `None`. Someone else's version is never replaced.
    pub async fn publish(
        &self,
        token: &PublishedToken,
        ours: Option<u64>,
    ) -> Result<Written, ShareProblem> {
        let data = serde_json::to_value(token)
            .map_err(|_| ShareProblem::UnexpectedAnswer { status: None })?;
        match ours {
            None => self.create(data).await,
            Some(ours) => match self.write(&data, ours).await? {
                Ok(written) => Ok(written),
                Err(VersionMoved) => Err(self.moved_from(ours).await),
            },
        }
    }

    /// Removes every version of the entry, if the latest is `ours`: destroyed rather than
    /// soft-deleted, because a soft-deleted version can be brought back and read, and older
    /// versions hold tokens that were valid minutes ago.
    pub async fn remove(&self, ours: u64) -> Result<(), ShareProblem> {
        match self.read().await? {
            None => {}
            Some((found, _)) if found == ours => {}
            Some((found, _)) => return Err(ShareProblem::WrittenByOthers { ours, found }),
        }
        self.destroy().await
    }

    /// Tries the destination as publishing will use it: when nothing is published there yet, a
    /// probe is written, read back and removed; when `ours` is published, it is read back.
    pub async fn test(&self, ours: Option<u64>) -> Result<(), ShareProblem> {
        match ours {
            Some(ours) => match self.read().await? {
                Some((found, _)) if found == ours => Ok(()),
                Some((found, _)) => Err(ShareProblem::WrittenByOthers { ours, found }),
                None => Err(ShareProblem::RemovedByOthers { ours }),
            },
            None => {
                let probe = json!({ "written_by": WRITER, "probe": true });
                let written = self.create(probe).await?;
                let read = self.read().await;
                let removed = self.destroy().await;
                match read? {
                    Some((version, data))
                        if version == written.version && data["probe"] == true => {}
                    _ => return Err(ShareProblem::UnexpectedAnswer { status: Some(200) }),
                }
                removed
            }
        }
    }

    /// The first write: only into an empty entry, which is then made to require check-and-set.
    async fn create(&self, data: Value) -> Result<Written, ShareProblem> {
        self.check_engine().await?;
        let written = match self.write(&data, 0).await? {
            Ok(written) => written,
            Err(VersionMoved) => return Err(ShareProblem::PathTaken),
        };
        if let Err(problem) = self.require_cas().await {
            // Left as it was: an entry anyone could overwrite is not shared.
            let _ = self.destroy().await;
            return Err(problem);
        }
        Ok(written)
    }

    /// A version 1 engine ignores check-and-set and would store our options as data: refused
    /// before writing when the server says so (a login that may not ask is let through; its
    /// write then answers for itself).
    async fn check_engine(&self) -> Result<(), ShareProblem> {
        let url = self.url(&format!(
            "sys/internal/ui/mounts/{}",
            self.destination.entry()
        ));
        let answer = self.call(Method::GET, &url, None).await?;
        if answer.status != 200 {
            return Ok(());
        }
        let value = json_of(&answer)?;
        let engine = &value["data"];
        let is_kv2 = engine["type"] == "kv" && engine["options"]["version"] == "2";
        if !is_kv2 {
            return Err(ShareProblem::NotVersioned);
        }
        Ok(())
    }

    /// Check-and-set made required on the entry; when this login may not, the mount's own
    /// setting is enough.
    async fn require_cas(&self) -> Result<(), ShareProblem> {
        let url = self.metadata_url();
        let body = json!({ "cas_required": true });
        let answer = self.call(Method::POST, &url, Some(body)).await?;
        match answer.status {
            200 | 204 => return Ok(()),
            403 => {}
            _ => return Err(self.refusal(&answer).await),
        }
        let config = self.url(&format!("{}/config", self.destination.mount));
        let answer = self.call(Method::GET, &config, None).await?;
        if answer.status == 200 && json_of(&answer)?["data"]["cas_required"] == true {
            Ok(())
        } else {
            Err(ShareProblem::CasNotRequired)
        }
    }

    async fn destroy(&self) -> Result<(), ShareProblem> {
        let answer = self
            .call(Method::DELETE, &self.metadata_url(), None)
            .await?;
        match answer.status {
            200 | 204 | 404 => Ok(()),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// One check-and-set write.
    async fn write(
        &self,
        data: &Value,
        cas: u64,
    ) -> Result<Result<Written, VersionMoved>, ShareProblem> {
        let body = json!({ "options": { "cas": cas }, "data": data });
        let answer = self
            .call(Method::POST, &self.data_url(), Some(body))
            .await?;
        match answer.status {
            200 => {
                let value = json_of(&answer)?;
                match value["data"]["version"].as_u64() {
                    Some(version) => Ok(Ok(Written { version })),
                    None => Err(unexpected(&answer)),
                }
            }
            400 if errors_mention(&answer, "check-and-set parameter did not match") => {
                Ok(Err(VersionMoved))
            }
            400 if errors_mention(&answer, "check-and-set parameter required") => {
                Err(ShareProblem::NotVersioned)
            }
            404 if no_route(&answer) => Err(ShareProblem::NoMount),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// Our version was not the latest: read again (a standby may have answered from behind)
    /// before saying someone else wrote.
    async fn moved_from(&self, ours: u64) -> ShareProblem {
        match self.read().await {
            Ok(Some((found, _))) => ShareProblem::WrittenByOthers { ours, found },
            Ok(None) => ShareProblem::RemovedByOthers { ours },
            Err(problem) => problem,
        }
    }

    /// What a refusal means. A 403 is either a login the server no longer knows or a policy
    /// that does not cover this entry; the token's own lookup, which every token may make, tells.
    async fn refusal(&self, answer: &Answer) -> ShareProblem {
        match answer.status {
            403 => match self
                .call(Method::GET, &self.url("auth/token/lookup-self"), None)
                .await
            {
                Ok(lookup) if lookup.status == 200 => ShareProblem::NotAllowed,
                Ok(lookup) if lookup.status == 403 => ShareProblem::LoginRefused,
                Ok(lookup) => status_problem(&lookup),
                Err(problem) => problem,
            },
            _ => status_problem(answer),
        }
    }

    /// The token for the next call: the given one, or AppRole's, logging in once.
    async fn session_token(&self) -> Result<Secret, ShareProblem> {
        let role_id = match &self.destination.login {
            Login::Token => return Ok(self.login_secret.clone()),
            Login::AppRole { role_id } => role_id,
        };
        if let Some(token) = self
            .session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return Ok(token);
        }
        let body = json!({ "role_id": role_id, "secret_id": self.login_secret.expose() });
        let url = self.url("auth/approle/login");
        let answer = self.send(Method::POST, &url, Some(body), None).await?;
        match answer.status {
            200 => {}
            400 | 403 => return Err(ShareProblem::LoginRefused),
            _ => return Err(status_problem(&answer)),
        }
        let token = json_of(&answer)?["auth"]["client_token"]
            .as_str()
            .map(Secret::new)
            .ok_or_else(|| unexpected(&answer))?;
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// A call with this app's login. An AppRole token that expired since is renewed once.
    async fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
    ) -> Result<Answer, ShareProblem> {
        let token = self.session_token().await?;
        let answer = self
            .send(method.clone(), url, body.clone(), Some(&token))
            .await?;
        let approle = matches!(self.destination.login, Login::AppRole { .. });
        if answer.status == 403 && approle {
            *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
            let token = self.session_token().await?;
            return self.send(method, url, body, Some(&token)).await;
        }
        Ok(answer)
    }

    /// One request, tried again while a cluster changes leader.
    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
        token: Option<&Secret>,
    ) -> Result<Answer, ShareProblem> {
        let mut tries = 0;
        loop {
            let request = self.request(method.clone(), url, body.as_ref(), token)?;
            let answer = self.http.send(request).await.map_err(failure_problem)?;
            tries += 1;
            if !changing_leader(&answer) || tries >= FAILOVER_TRIES {
                return Ok(answer);
            }
            tokio::time::sleep(FAILOVER_PAUSE * tries).await;
        }
    }

    fn request(
        &self,
        method: Method,
        url: &str,
        body: Option<&Value>,
        token: Option<&Secret>,
    ) -> Result<oauth2::HttpRequest, ShareProblem> {
        let broken = |_| ShareProblem::UnexpectedAnswer { status: None };
        let mut builder = http::Request::builder().method(method).uri(url);
        if let Some(token) = token {
            let mut value =
                HeaderValue::from_str(token.expose()).map_err(|_| ShareProblem::LoginRefused)?;
            value.set_sensitive(true);
            builder = builder.header("X-Vault-Token", value);
        }
        if let Some(namespace) = &self.destination.namespace {
            builder = builder.header("X-Vault-Namespace", namespace.as_str());
        }
        let bytes = match body {
            Some(body) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(body)
                    .map_err(|_| ShareProblem::UnexpectedAnswer { status: None })?
            }
            None => Vec::new(),
        };
        builder.body(bytes).map_err(broken)
    }

    fn url(&self, api_path: &str) -> String {
        let base = self.destination.address.as_str().trim_end_matches('/');
        format!("{base}/v1/{api_path}")
    }

    fn data_url(&self) -> String {
        let d = &self.destination;
        self.url(&format!("{}/data/{}", d.mount, d.path))
    }

    fn metadata_url(&self) -> String {
        let d = &self.destination;
        self.url(&format!("{}/metadata/{}", d.mount, d.path))
    }
}

/// The certificates in a PEM file, read bounded.
fn ca_certificates(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>, ShareProblem> {
    use std::io::Read;
    let problem = || ShareProblem::CaFile {
        path: crate::error::plain_text(&path.display().to_string(), 300),
    };
    let file = std::fs::File::open(path).map_err(|_| problem())?;
    let mut pem = Vec::new();
    file.take(MAX_CA_FILE + 1)
        .read_to_end(&mut pem)
        .map_err(|_| problem())?;
    if pem.len() as u64 > MAX_CA_FILE {
        return Err(problem());
    }
    match reqwest::Certificate::from_pem_bundle(&pem) {
        Ok(certificates) if !certificates.is_empty() => Ok(certificates),
        _ => Err(problem()),
    }
}

fn failure_problem(failure: HttpFailure) -> ShareProblem {
    match failure {
        HttpFailure::Connect(cause) => match CertificateIssue::of(cause.as_ref()) {
            Some(issue) => ShareProblem::Certificate { issue },
            None => ShareProblem::Unreachable,
        },
        HttpFailure::Timeout(_) => ShareProblem::TimedOut,
        HttpFailure::Lost(cause) => match CertificateIssue::of(cause.as_ref()) {
            Some(issue) => ShareProblem::Certificate { issue },
            None => ShareProblem::UnexpectedAnswer { status: None },
        },
        other => ShareProblem::UnexpectedAnswer {
            status: other.status(),
        },
    }
}

/// A cluster between leaders: a standby redirecting with no body, or a node that knows no leader.
fn changing_leader(answer: &Answer) -> bool {
    answer.status == 307
        || (answer.status == 500 && errors_mention(answer, "local node not active"))
}

fn status_problem(answer: &Answer) -> ShareProblem {
    match answer.status {
        503 => ShareProblem::Sealed,
        403 => ShareProblem::NotAllowed,
        404 if no_route(answer) => ShareProblem::NoMount,
        status @ 500..=599 => ShareProblem::ServerError { status },
        _ => unexpected(answer),
    }
}

fn unexpected(answer: &Answer) -> ShareProblem {
    ShareProblem::UnexpectedAnswer {
        status: Some(answer.status),
    }
}

fn json_of(answer: &Answer) -> Result<Value, ShareProblem> {
    serde_json::from_slice(&answer.body).map_err(|_| unexpected(answer))
}

/// Whether the answer's `errors` list has one containing `words` (the API's errors are English
/// sentences; these few are its stable ones).
fn errors_mention(answer: &Answer, words: &str) -> bool {
    serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .and_then(|v| v["errors"].as_array().cloned())
        .is_some_and(|errors| {
            errors
                .iter()
                .any(|e| e.as_str().is_some_and(|e| e.contains(words)))
        })
}

/// A 404 for the route, not the entry: nothing is mounted there.
fn no_route(answer: &Answer) -> bool {
    errors_mention(answer, "no handler for route")
}
