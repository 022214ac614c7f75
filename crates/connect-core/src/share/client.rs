//! The handful of KV version 2 calls publishing needs, over the engine's one HTTP door (bounded
//! answers, no redirects, rustls), plus the destination's own CA when it has one.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use oauth2::http::Method;
use serde_json::{Value, json};

use super::destination::Destination;
use super::problem::ShareProblem;
use super::record::{PublishedToken, WRITER};
use super::requests::{
    LAGGING_PAUSE, LAGGING_TRIES, ca_certificates, errors_mention, json_of, no_route, unexpected,
};
use crate::provider::{HttpClient, ReqwestClient};
use crate::secret::Secret;

/// How many versions before the last are destroyed when the metadata cannot be read (KV v2
/// keeps 10 by default).
const MAX_KEPT_GUESS: u64 = 100;

/// A destination's KV v2 entry, logged in.
pub struct Kv {
    pub(super) http: Arc<dyn HttpClient>,
    pub(super) destination: Destination,
    /// The token, or the AppRole secret ID.
    pub(super) login_secret: Secret,
    /// The token AppRole's login gave, kept for the next calls (shared by the clients of other
    /// entries made with [`Kv::at`], so one login serves them all).
    pub(super) session: Arc<Mutex<Option<Secret>>>,
}

/// What a write left on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub version: u64,
}

/// The server refused a check-and-set write: the version is not the one given.
struct VersionMoved;

/// What a node holds at an entry.
enum Seen {
    /// No version at all: never written, its metadata deleted, or a node that has not seen it.
    Nothing,
    /// The latest version was soft-deleted.
    Removed {
        version: u64,
    },
    Present {
        version: u64,
        data: Value,
    },
}

impl Seen {
    fn version(&self) -> Option<u64> {
        match self {
            Seen::Nothing => None,
            Seen::Removed { version } | Seen::Present { version, .. } => Some(*version),
        }
    }

    /// The version and data, when there is a version that is not removed.
    fn present(self) -> Option<(u64, Value)> {
        match self {
            Seen::Present { version, data } => Some((version, data)),
            Seen::Nothing | Seen::Removed { .. } => None,
        }
    }
}

impl Kv {
    /// A client for `destination`, logging in with `login_secret`.
    pub fn new(
        destination: Destination,
        login_secret: Secret,
        timeout: Duration,
    ) -> Result<Self, ShareProblem> {
        let roots = match &destination.ca_file {
            Some(path) => ca_certificates(std::path::Path::new(path))?,
            None => Vec::new(),
        };
        let http = ReqwestClient::trusting(timeout, roots)
            .map_err(|_| ShareProblem::UnexpectedAnswer { status: None })?;
        Ok(Self::with_http(destination, login_secret, Arc::new(http)))
    }

    /// The same over another HTTP door (tests' faults).
    pub fn with_http(
        destination: Destination,
        login_secret: Secret,
        http: Arc<dyn HttpClient>,
    ) -> Self {
        Kv {
            http,
            destination,
            login_secret,
            session: Arc::new(Mutex::new(None)),
        }
    }

    /// Another entry of the same engine (`path` inside the same mount), with the same login.
    pub fn at(&self, path: &str) -> Result<Kv, crate::error::Error> {
        let d = &self.destination;
        let destination = Destination::new(
            &d.address,
            &d.mount,
            path,
            d.namespace.as_deref(),
            d.ca_file.clone(),
            d.login.clone(),
        )?;
        Ok(Kv {
            http: Arc::clone(&self.http),
            destination,
            login_secret: self.login_secret.clone(),
            session: Arc::clone(&self.session),
        })
    }

    /// The names under this entry's path taken as a folder (`LIST` on its metadata): entries,
    /// and folders ending in `/`. Empty when there is nothing there.
    pub async fn list(&self) -> Result<Vec<String>, ShareProblem> {
        let url = format!("{}?list=true", self.metadata_url());
        let answer = self.call(Method::GET, &url, None).await?;
        match answer.status {
            200 => {
                let value = json_of(&answer)?;
                let keys = value["data"]["keys"]
                    .as_array()
                    .ok_or_else(|| unexpected(&answer))?;
                Ok(keys
                    .iter()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect())
            }
            404 if no_route(&answer) => Err(ShareProblem::NoMount),
            404 => Ok(Vec::new()),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// One check-and-set write of `data` over version `cas` (0: create only); `None` when the
    /// entry's version is not `cas` any more: someone else wrote first or removed it, or the
    /// node that answers was still behind after about two seconds of waiting for it.
    pub async fn write_if_version(
        &self,
        data: &Value,
        cas: u64,
    ) -> Result<Option<Written>, ShareProblem> {
        Ok(self.write(data, cas).await?.ok())
    }

    pub fn destination(&self) -> &Destination {
        &self.destination
    }

    /// The entry's current version and data; `None` when there is none (never written, or
    /// removed).
    pub async fn read(&self) -> Result<Option<(u64, Value)>, ShareProblem> {
        Ok(self.look().await?.present())
    }

    /// What the node that answers holds at the entry, telling an entry it has never seen from
    /// one whose latest version was soft-deleted (a check-and-set write over that version would
    /// bring it back).
    async fn look(&self) -> Result<Seen, ShareProblem> {
        let answer = self.call(Method::GET, &self.data_url(), None).await?;
        match answer.status {
            // A soft-deleted latest version reads as data: null, with its metadata (200 from
            // older servers, 404 from OpenBao 2).
            200 | 404 if !no_route(&answer) => {
                let value = json_of(&answer).unwrap_or(Value::Null);
                let data = &value["data"];
                match data["metadata"]["version"].as_u64() {
                    Some(version) if data["data"].is_null() => Ok(Seen::Removed { version }),
                    Some(version) => Ok(Seen::Present {
                        version,
                        data: data["data"].clone(),
                    }),
                    None if answer.status == 404 => Ok(Seen::Nothing),
                    None => Err(unexpected(&answer)),
                }
            }
            404 => Err(ShareProblem::NoMount),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// The entry as read once the node that answers has seen `version` (just written, maybe
    /// through another node), or as it is after a few seconds of waiting for that.
    async fn read_caught_up(&self, version: u64) -> Result<Option<(u64, Value)>, ShareProblem> {
        let mut attempt = 0;
        loop {
            let seen = self.look().await?;
            attempt += 1;
            if seen.version().is_some_and(|v| v >= version) || attempt >= LAGGING_TRIES {
                return Ok(seen.present());
            }
            tokio::time::sleep(LAGGING_PAUSE * attempt).await;
        }
    }

    /// Writes `token` over version `ours` (this app's last write), or creates the entry when
    /// `ours` is `None`. Someone else's version is never replaced, nor an entry someone removed.
    pub async fn publish(
        &self,
        token: &PublishedToken,
        ours: Option<u64>,
    ) -> Result<Written, ShareProblem> {
        let data = serde_json::to_value(token)
            .map_err(|_| ShareProblem::UnexpectedAnswer { status: None })?;
        match ours {
            None => self.create(&data).await,
            Some(ours) => {
                let base = self.ours_now(&data, ours).await?;
                self.write_over(&data, base).await
            }
        }
    }

    /// Stops sharing: a marker without any token is written over our latest version, then every
    /// version before it is destroyed rather than soft-deleted (a soft-deleted version can be
    /// brought back and read, and older ones hold tokens that were valid minutes ago). The
    /// marker stays as the entry's last word; someone else's version is left as it is.
    pub async fn remove(&self, ours: u64, writer: &str) -> Result<(), ShareProblem> {
        let marker = marker(writer, "removed");
        let base = match self.ours_now(&marker, ours).await {
            Ok(base) => base,
            // Soft-deleted by someone: its versions may still be brought back, so ours go.
            Err(ShareProblem::RemovedByOthers { .. }) => ours,
            Err(problem) => return Err(problem),
        };
        let last = self.write_over(&marker, base).await?.version;
        self.destroy_before(last).await
    }

    /// Tries the destination as publishing will use it: when nothing is published there yet, it
    /// is created as publishing would (with a placeholder holding no token), read back, and left
    /// with a marker saying it was only a test; when `ours` is published, it is read back.
    pub async fn test(&self, ours: Option<u64>, writer: &str) -> Result<(), ShareProblem> {
        match ours {
            Some(ours) => self
                .ours_now(&marker(writer, "probe"), ours)
                .await
                .map(drop),
            None => {
                let probe = marker(writer, "probe");
                let first = self.create_placeholder(&probe).await?;
                match self.read_caught_up(first).await? {
                    Some((version, data)) if version == first && data["probe"] == true => {}
                    _ => return Err(ShareProblem::UnexpectedAnswer { status: Some(200) }),
                }
                let last = self
                    .write_over(&marker(writer, "removed"), first)
                    .await?
                    .version;
                self.destroy_before(last).await
            }
        }
    }

    /// The first publishing: a placeholder without the token, then the token over it once the
    /// entry is known to require check-and-set (an entry anyone could overwrite gets no token).
    async fn create(&self, data: &Value) -> Result<Written, ShareProblem> {
        let writer = data["writer"].as_str().unwrap_or_default();
        let first = self
            .create_placeholder(&marker(writer, "placeholder"))
            .await?;
        self.write_over(data, first).await
    }

    /// Creates the entry (only an empty one, or one this app left: its marker, or a version by
    /// this same copy) with `placeholder`, and makes it require check-and-set. Its version.
    async fn create_placeholder(&self, placeholder: &Value) -> Result<u64, ShareProblem> {
        self.check_engine().await?;
        let first = match self.write(placeholder, 0).await? {
            Ok(written) => written.version,
            Err(VersionMoved) => match self.read().await? {
                Some((found, current)) if is_ours_to_reuse(&current, placeholder) => {
                    match self.write(placeholder, found).await? {
                        Ok(written) => written.version,
                        Err(VersionMoved) => return Err(ShareProblem::PathTaken),
                    }
                }
                _ => return Err(ShareProblem::PathTaken),
            },
        };
        if let Err(problem) = self.require_cas().await {
            // Only what was just written, which holds no token.
            let _ = self.destroy(&[first]).await;
            return Err(problem);
        }
        Ok(first)
    }

    /// The version to write over: `ours` while it is the latest; a later one by this same copy
    /// (written, then not recorded: the process was stopped, or the answer lost); otherwise who
    /// holds the entry now.
    async fn ours_now(&self, data: &Value, ours: u64) -> Result<u64, ShareProblem> {
        let removed = ShareProblem::RemovedByOthers { ours };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let gave_up = attempt >= LAGGING_TRIES;
            match self.look().await? {
                Seen::Present { version, .. } if version == ours => return Ok(ours),
                // Our own marker says sharing stopped there: never written over by a publish that
                // started before (revoke, forget or remove in another process).
                Seen::Present { data: current, .. } if current["removed"] == true => {
                    return Err(removed);
                }
                Seen::Present {
                    version,
                    data: current,
                } if version > ours && same_writer(&current, data) => {
                    return Ok(version);
                }
                Seen::Present { version, .. } if version > ours => {
                    return Err(ShareProblem::WrittenByOthers {
                        ours,
                        found: version,
                    });
                }
                Seen::Removed { version } if version >= ours => return Err(removed),
                // Older than what we wrote, or nothing yet: a standby not caught up. Asked
                // again, briefly.
                Seen::Nothing if gave_up => return Err(removed),
                _ if gave_up => return Err(ShareProblem::UnexpectedAnswer { status: Some(200) }),
                _ => tokio::time::sleep(LAGGING_PAUSE * attempt).await,
            }
        }
    }

    /// One check-and-set write over `base`; if another version came in between, whose it is.
    async fn write_over(&self, data: &Value, base: u64) -> Result<Written, ShareProblem> {
        match self.write(data, base).await? {
            Ok(written) => Ok(written),
            Err(VersionMoved) => Err(self.moved_from(base).await),
        }
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
        match answer.status {
            200 if json_of(&answer)?["data"]["cas_required"] == true => Ok(()),
            200 | 403 => Err(ShareProblem::CasNotRequired),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// Destroys every version kept before `last`, as the entry's metadata lists them (or the
    /// last few, when this login may not read it).
    async fn destroy_before(&self, last: u64) -> Result<(), ShareProblem> {
        let answer = self.call(Method::GET, &self.metadata_url(), None).await?;
        let kept: Vec<u64> = match answer.status {
            200 => json_of(&answer)?["data"]["versions"]
                .as_object()
                .map(|versions| versions.keys().filter_map(|k| k.parse().ok()).collect())
                .unwrap_or_default(),
            _ => (last.saturating_sub(MAX_KEPT_GUESS).max(1)..last).collect(),
        };
        let mut earlier: Vec<u64> = kept.into_iter().filter(|v| *v < last).collect();
        earlier.sort_unstable();
        if earlier.is_empty() {
            return Ok(());
        }
        self.destroy(&earlier).await
    }

    async fn destroy(&self, versions: &[u64]) -> Result<(), ShareProblem> {
        let d = &self.destination;
        let url = self.url(&format!("{}/destroy/{}", d.mount, d.path));
        let body = json!({ "versions": versions });
        let answer = self.call(Method::POST, &url, Some(body)).await?;
        match answer.status {
            200 | 204 => Ok(()),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// One check-and-set write, tried again while the node that answers is behind.
    ///
    /// A cluster's standby answers reads from its own copy and checks check-and-set against it
    /// before passing a write on to the leader, so just after a write through it, the next one
    /// can be refused as if someone else had written. Refused, the entry is read: a later
    /// version means someone did, and a removed one that someone removed it; an older or the
    /// same one, or none yet (the node has not seen the version `cas` was taken from), means
    /// this node is behind, and the write is tried again shortly, for about two seconds at most.
    async fn write(
        &self,
        data: &Value,
        cas: u64,
    ) -> Result<Result<Written, VersionMoved>, ShareProblem> {
        let mut attempt = 0;
        loop {
            let refused = match self.write_once(data, cas).await? {
                Ok(written) => return Ok(Ok(written)),
                Err(refused) => refused,
            };
            attempt += 1;
            if cas == 0 || attempt >= LAGGING_TRIES {
                return Ok(Err(refused));
            }
            match self.look().await? {
                // Someone wrote after `cas`, or removed it (then this write would bring it back).
                Seen::Present { version, .. } if version > cas => return Ok(Err(refused)),
                Seen::Removed { version } if version >= cas => return Ok(Err(refused)),
                _ => tokio::time::sleep(LAGGING_PAUSE * attempt).await,
            }
        }
    }

    async fn write_once(
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
            // A version 1 engine takes any write, options and all, and answers with no body;
            // what was written (a placeholder, never a token) is taken back.
            204 => {
                let _ = self.call(Method::DELETE, &self.data_url(), None).await;
                Err(ShareProblem::NotVersioned)
            }
            404 if no_route(&answer) => Err(ShareProblem::NoMount),
            _ => Err(self.refusal(&answer).await),
        }
    }

    /// Who holds the entry now that our version is not the latest.
    async fn moved_from(&self, ours: u64) -> ShareProblem {
        match self.read().await {
            Ok(Some((found, _))) if found > ours => ShareProblem::WrittenByOthers { ours, found },
            Ok(Some(_)) => ShareProblem::UnexpectedAnswer { status: Some(400) },
            Ok(None) => ShareProblem::RemovedByOthers { ours },
            Err(problem) => problem,
        }
    }
}

/// Something this app writes that holds no token: a placeholder, a probe, or the marker left
/// where sharing stopped.
fn marker(writer: &str, what: &str) -> Value {
    json!({ "written_by": WRITER, "writer": writer, what: true })
}

/// Whether an entry found in place may be written over: the marker this app leaves when it
/// stops sharing (it holds nothing), or a version by this same copy.
fn is_ours_to_reuse(current: &Value, ours: &Value) -> bool {
    let left_by_us = current["written_by"] == WRITER && current["removed"] == true;
    left_by_us || same_writer(current, ours)
}

/// Whether `current` was written by the same copy of this app as `ours` is being written by.
fn same_writer(current: &Value, ours: &Value) -> bool {
    current["written_by"] == WRITER
        && ours["writer"].as_str().is_some_and(|w| !w.is_empty())
        && current["writer"] == ours["writer"]
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::provider::{Answer, HttpFailure};
    use crate::share::Login;

    /// A server whose mount list this login may not read, and whose engine is KV version 1:
    /// every write answers 204 with no body. (A real OpenBao answers the mount list to any
    /// login with a capability under the mount, so this case needs a stand-in.)
    #[derive(Clone, Default)]
    struct VersionOne {
        seen: Arc<Mutex<Vec<String>>>,
    }

    impl HttpClient for VersionOne {
        fn send(
            &self,
            request: oauth2::HttpRequest,
        ) -> Pin<Box<dyn Future<Output = Result<Answer, HttpFailure>> + Send + Sync + '_>> {
            let mut line = format!("{} {}", request.method(), request.uri().path());
            if String::from_utf8_lossy(request.body()).contains("never-sent") {
                line.push_str(" with the token");
            }
            self.seen.lock().unwrap().push(line.clone());
            let status = if line.contains("/sys/internal/ui/mounts/") {
                403
            } else {
                204
            };
            Box::pin(async move {
                Ok(Answer {
                    status,
                    content_type: None,
                    challenge: None,
                    body: Vec::new(),
                })
            })
        }
    }

    #[tokio::test]
    async fn a_version_1_engine_is_found_by_its_answer_and_what_it_took_is_removed() {
        let server = VersionOne::default();
        let destination = Destination::new(
            "http://127.0.0.1:1",
            "old",
            "factorial/x",
            None,
            None,
            Login::Token,
        )
        .unwrap();
        let kv = Kv::with_http(destination, Secret::new("t"), Arc::new(server.clone()));
        let token = PublishedToken {
            access_token: Secret::new("never-sent"),
            token_type: "Bearer".into(),
            expires_at: None,
            scopes: vec![],
            owner: None,
            kind: None,
            api_base_url: "https://api.factorialhr.com".into(),
            written_by: WRITER.into(),
            writer: "w".into(),
            version: "0".into(),
        };
        assert_eq!(
            kv.publish(&token, None).await.unwrap_err(),
            ShareProblem::NotVersioned
        );
        let seen = server.seen.lock().unwrap().clone();
        assert_eq!(
            seen,
            [
                "GET /v1/sys/internal/ui/mounts/old/factorial/x",
                "POST /v1/old/data/factorial/x",
                "DELETE /v1/old/data/factorial/x",
            ]
        );
    }
}
