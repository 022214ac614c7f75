//! How [`Kv`] talks to the server: its login (a token, or AppRole's, renewed when the server no
//! longer knows it), each request with its retries while a cluster changes leader, and what an
//! answer means as a [`ShareProblem`].

use std::time::Duration;

use oauth2::http::{self, HeaderValue, Method};
use serde_json::{Value, json};

use super::client::Kv;
use super::destination::Login;
use super::problem::{CertificateIssue, ShareProblem};
use crate::provider::{Answer, HttpFailure};
use crate::secret::Secret;

/// The largest CA file read; a bundle of a company's roots is a few kilobytes.
const MAX_CA_FILE: u64 = 1024 * 1024;
/// How often a request is tried again while the server is busy for a moment (a cluster electing
/// a new leader, a standby's engine not ready yet), and how long to wait between tries, growing.
const FAILOVER_TRIES: u32 = 6;
const FAILOVER_PAUSE: Duration = Duration::from_millis(200);
/// How often an entry is read or a check-and-set write tried while the node that answers is
/// behind (a standby answers reads and checks check-and-set from its own copy), and the first
/// pause between tries, growing: about two seconds in all.
pub(super) const LAGGING_TRIES: u32 = 8;
pub(super) const LAGGING_PAUSE: Duration = Duration::from_millis(70);

impl Kv {
    /// What a refusal means. A 403 is either a login the server no longer knows or a policy
    /// that does not cover this entry; the token's own lookup, which every token may make, tells.
    pub(super) async fn refusal(&self, answer: &Answer) -> ShareProblem {
        match answer.status {
            403 => match self.lookup_current().await {
                Ok(lookup) if lookup.status == 200 => ShareProblem::NotAllowed,
                Ok(lookup) if lookup.status == 403 => ShareProblem::LoginRefused,
                Ok(lookup) => status_problem(&lookup),
                Err(problem) => problem,
            },
            _ => status_problem(answer),
        }
    }

    async fn lookup_current(&self) -> Result<Answer, ShareProblem> {
        let token = self.session_token().await?;
        self.lookup_self(&token).await
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

    /// A call with this app's login. An AppRole token that the server no longer knows (it
    /// expired) is replaced once by a new login; a refusal by policy is not (each login may use
    /// up one of the secret ID's uses).
    pub(super) async fn call(
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
        if answer.status == 403 && approle && self.lookup_self(&token).await?.status == 403 {
            *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
            let token = self.session_token().await?;
            return self.send(method, url, body, Some(&token)).await;
        }
        Ok(answer)
    }

    /// The token's own lookup, which every token with the default policy may make.
    async fn lookup_self(&self, token: &Secret) -> Result<Answer, ShareProblem> {
        let url = self.url("auth/token/lookup-self");
        self.send(Method::GET, &url, None, Some(token)).await
    }

    /// One request, tried again while the server is busy for a moment.
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
            if !busy_for_a_moment(&answer) || tries >= FAILOVER_TRIES {
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

    pub(super) fn url(&self, api_path: &str) -> String {
        let base = self.destination.address.trim_end_matches('/');
        format!("{base}/v1/{api_path}")
    }

    pub(super) fn data_url(&self) -> String {
        let d = &self.destination;
        self.url(&format!("{}/data/{}", d.mount, d.path))
    }

    pub(super) fn metadata_url(&self) -> String {
        let d = &self.destination;
        self.url(&format!("{}/metadata/{}", d.mount, d.path))
    }
}

/// The certificates in a PEM file, read bounded.
pub(super) fn ca_certificates(
    path: &std::path::Path,
) -> Result<Vec<reqwest::Certificate>, ShareProblem> {
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

/// A moment when the server cannot serve the request but will shortly: a cluster electing a new
/// leader (307 with no body, or 500 "local node not active"), or a KV engine that
/// is being prepared (400, just after the engine is mounted or the node started: "Upgrading
/// from non-versioned to versioned data" on the leader, "Waiting for the primary to upgrade
/// from non-versioned to versioned data" on a standby, which looks again each second).
fn busy_for_a_moment(answer: &Answer) -> bool {
    match answer.status {
        307 => true,
        500 => errors_mention(answer, "local node not active"),
        400 => errors_mention(answer, "from non-versioned to versioned data"),
        _ => false,
    }
}

fn status_problem(answer: &Answer) -> ShareProblem {
    match answer.status {
        503 => ShareProblem::Sealed,
        403 => ShareProblem::NotAllowed,
        404 if no_route(answer) => ShareProblem::NoMount,
        status @ 500..=599 => ShareProblem::ServerError { status },
        // An engine still not ready after the tries: the server's own problem, for later.
        400 if busy_for_a_moment(answer) => ShareProblem::ServerError { status: 400 },
        _ => unexpected(answer),
    }
}

pub(super) fn unexpected(answer: &Answer) -> ShareProblem {
    ShareProblem::UnexpectedAnswer {
        status: Some(answer.status),
    }
}

pub(super) fn json_of(answer: &Answer) -> Result<Value, ShareProblem> {
    serde_json::from_slice(&answer.body).map_err(|_| unexpected(answer))
}

/// Whether the answer's `errors` list has one containing `words` (the API's errors are English
/// sentences; these few are its stable ones).
pub(super) fn errors_mention(answer: &Answer, words: &str) -> bool {
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
pub(super) fn no_route(answer: &Answer) -> bool {
    errors_mention(answer, "no handler for route")
}
