//! The one door to the network, as a trait so tests can stand in for it without sockets (the way
//! oauth2-rs tests its own requests): [`HttpClient`] takes a request and gives back the whole
//! answer, already bounded. [`ReqwestClient`] is the real one.
//!
//! It follows no redirects (a token endpoint that redirects is a misconfiguration or an attack;
//! oauth2-rs warns of SSRF), has connect and total timeouts, uses rustls with the system's roots,
//! and reads at most [`MAX_ANSWER_BYTES`] of any answer.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use oauth2::{AsyncHttpClient, HttpClientError, HttpRequest, HttpResponse};

/// The most an answer from Factorial may be: a token or error answer is a few hundred bytes, a
/// credentials answer a few kilobytes. Anything longer is refused unread, not buffered.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An answer read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The media type without parameters ("application/json").
    pub content_type: Option<String>,
    /// `WWW-Authenticate`, where a refusal may name the scope it wanted (RFC 6750 §3).
    pub challenge: Option<String>,
    pub body: Vec<u8>,
}

/// Why no whole answer came back.
#[derive(Debug)]
pub enum HttpFailure {
    /// No connection could be made.
    Connect(Cause),
    Timeout(Cause),
    /// The answer broke off part way; `status` when its status line had arrived.
    CutShort {
        status: Option<u16>,
        cause: Cause,
    },
    /// Sent, then the line dropped before any answer: the server may have acted on the request.
    Lost(Cause),
    /// Longer than [`MAX_ANSWER_BYTES`]; `status` when it was read.
    TooLarge {
        status: u16,
    },
}

impl HttpFailure {
    /// The status the server answered with before the failure, if it got that far: a revoke
    /// answered 200 has succeeded even if its body then broke off.
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpFailure::CutShort { status, .. } => *status,
            HttpFailure::TooLarge { status } => Some(*status),
            _ => None,
        }
    }
}

/// Sends one request and returns its whole answer.
pub trait HttpClient: Send + Sync + 'static {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, HttpFailure>> + Send + Sync + '_>>;
}

/// The real network, through reqwest.
#[derive(Debug, Clone)]
pub struct ReqwestClient {
    http: reqwest::Client,
}

impl ReqwestClient {
    pub fn new(timeout: Duration) -> Result<Self, reqwest::Error> {
        Self::trusting(timeout, Vec::new())
    }

    /// The same, trusting `roots` besides the system's: a company's own certificate authority.
    pub fn trusting(
        timeout: Duration,
        roots: Vec<reqwest::Certificate>,
    ) -> Result<Self, reqwest::Error> {
        let mut builder = reqwest::Client::builder();
        for root in roots {
            builder = builder.add_root_certificate(root);
        }
        let http = builder
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .timeout(timeout)
            .user_agent(concat!("factorial-connect/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(ReqwestClient { http })
    }
}

impl HttpClient for ReqwestClient {
    fn send(
        &self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, HttpFailure>> + Send + Sync + '_>> {
        Box::pin(async move {
            // Our requests are built from validated addresses; one reqwest cannot take is a bug.
            let request =
                reqwest::Request::try_from(request).map_err(|e| HttpFailure::Lost(Box::new(e)))?;
            let mut response = self
                .http
                .execute(request)
                .await
                .map_err(|e| classify(e, None))?;
            let status = response.status().as_u16();
            let header = |name| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            };
            let content_type = header(reqwest::header::CONTENT_TYPE)
                .map(|v| crate::error::plain_text(v.split(';').next().unwrap_or(v).trim(), 100));
            let challenge =
                header(reqwest::header::WWW_AUTHENTICATE).map(|v| crate::error::plain_text(v, 500));
            if response
                .content_length()
                .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
            {
                return Err(HttpFailure::TooLarge { status });
            }
            let mut body = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| classify(e, Some(status)))?
            {
                if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(HttpFailure::TooLarge { status });
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Answer {
                status,
                content_type,
                challenge,
                body,
            })
        })
    }
}

/// `status`: what the server had answered before the body failed.
fn classify(e: reqwest::Error, status: Option<u16>) -> HttpFailure {
    // A connection that could not be made in time is no connection (offline, Wi-Fi half up after a
    // sleep, a name that does not resolve): nothing was sent.
    if e.is_connect() && status.is_none() {
        HttpFailure::Connect(Box::new(e))
    } else if e.is_timeout() {
        HttpFailure::Timeout(Box::new(e))
    } else if e.is_body() || e.is_decode() || status.is_some() {
        HttpFailure::CutShort {
            status,
            cause: Box::new(e),
        }
    } else if e.is_connect() {
        HttpFailure::Connect(Box::new(e))
    } else {
        HttpFailure::Lost(Box::new(e))
    }
}

/// An [`HttpClient`] as oauth2's HTTP function. oauth2 reports a failed request without saying
/// why, and an unreadable answer without its status, so both are kept here for the error.
pub(super) struct OAuthHttp<'a> {
    client: &'a dyn HttpClient,
    seen: Mutex<Option<(u16, Option<String>)>>,
    failure: Mutex<Option<HttpFailure>>,
}

/// What oauth2 is told when the request failed; the failure itself waits in [`OAuthHttp`].
#[derive(Debug, thiserror::Error)]
#[error("the request failed")]
pub(super) struct Failed;

impl<'a> OAuthHttp<'a> {
    pub(super) fn new(client: &'a dyn HttpClient) -> Self {
        OAuthHttp {
            client,
            seen: Mutex::new(None),
            failure: Mutex::new(None),
        }
    }

    /// The last answer's status and content type, if one arrived.
    pub(super) fn seen(&self) -> (Option<u16>, Option<String>) {
        match self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            Some((status, content_type)) => (Some(status), content_type),
            None => (None, None),
        }
    }

    /// Why the request failed, if it did.
    pub(super) fn failure(&self) -> Option<HttpFailure> {
        self.failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

impl<'c> AsyncHttpClient<'c> for OAuthHttp<'_> {
    type Error = HttpClientError<Failed>;
    type Future =
        Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let answer = match self.client.send(request).await {
                Ok(answer) => answer,
                Err(failure) => {
                    *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(failure);
                    return Err(HttpClientError::Reqwest(Box::new(Failed)));
                }
            };
            *self.seen.lock().unwrap_or_else(|p| p.into_inner()) =
                Some((answer.status, answer.content_type.clone()));
            let mut builder = oauth2::http::Response::builder().status(answer.status);
            if let Some(ct) = &answer.content_type {
                builder = builder.header(oauth2::http::header::CONTENT_TYPE, ct);
            }
            builder.body(answer.body).map_err(HttpClientError::Http)
        })
    }
}
