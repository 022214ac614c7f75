//! Talking to Factorial: authorize URL, code exchange (RFC 6749 §4.1.3) and refresh (§6) through
//! the `oauth2` crate; revoke (RFC 7009) and the credentials endpoint that says who a token is.
//!
//! The HTTP client follows no redirects (a token endpoint that redirects is a misconfiguration or an
//! attack, oauth2-rs warns of SSRF), has connect and total timeouts, and uses rustls with the
//! system's roots. Client credentials go in the form body, as Factorial's own SDK sends them.
//! Error bodies are never echoed: a truncated token response could hold part of a token.

use std::sync::Mutex;
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AsyncHttpClient, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointNotSet, EndpointSet, HttpClientError, HttpRequest, HttpResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use serde_json::Value;
use url::Url;

use crate::app_profile::AppProfile;
use crate::error::{
    Error, ErrorCode, Field, InputIssue, ProviderRefusal, Result, Step, plain_text,
};
use crate::identity::{AccountKind, Identity};
use crate::secret::Secret;
use crate::token_set::TokenSet;

/// The most an answer from Factorial may be: a token or error answer is a few hundred bytes, a
/// credentials answer a few kilobytes. Anything longer is refused unread, not buffered.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// The oauth2 client with every endpoint we use set; the typestate proves it at compile time.
type FactorialClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// A freshly built authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636).
#[derive(Debug)]
pub struct AuthorizeRequest {
    pub url: Url,
    pub state: Secret,
    pub verifier: Option<Secret>,
}

/// Factorial's OAuth and API endpoints over one HTTP client.
#[derive(Debug, Clone)]
pub struct Provider {
    http: reqwest::Client,
}

impl Provider {
    pub fn new(timeout: Duration) -> Result<Self> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .timeout(timeout)
            .user_agent(concat!("factorial-connect/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|cause| {
                Error::with_cause(
                    ErrorCode::Network {
                        host: "the network".into(),
                    },
                    cause,
                )
            })?;
        Ok(Provider { http })
    }

    /// Builds `/oauth/authorize` with a fresh random `state` and, unless turned off, PKCE S256.
    /// A company token adds `resource_owner_type=company`.
    pub fn authorize_request(app: &AppProfile, kind: AccountKind) -> Result<AuthorizeRequest> {
        let client = oauth_client(app, None)?;
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(app.scopes.iter().cloned().map(Scope::new));
        let mut verifier = None;
        if app.pkce {
            let (challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            verifier = Some(Secret::new(pkce_verifier.secret().clone()));
        }
        if kind == AccountKind::Company {
            request = request.add_extra_param("resource_owner_type", "company");
        }
        let (url, state) = request.url();
        Ok(AuthorizeRequest {
            url,
            state: Secret::new(state.secret().clone()),
            verifier,
        })
    }

    /// Exchanges an authorization code for tokens.
    pub async fn exchange_code(
        &self,
        app: &AppProfile,
        client_secret: Option<&Secret>,
        code: &Secret,
        redirect_uri: &str,
        verifier: Option<&Secret>,
        now: u64,
    ) -> Result<TokenSet> {
        let mut app = app.clone();
        app.redirect_uri = redirect_uri.to_string();
        let client = oauth_client(&app, client_secret)?;
        let mut request = client.exchange_code(AuthorizationCode::new(code.expose().to_string()));
        if let Some(v) = verifier {
            request = request.set_pkce_verifier(PkceCodeVerifier::new(v.expose().to_string()));
        }
        let recorder = Recorder::new(&self.http);
        let response = request.request_async(&recorder).await;
        let response =
            response.map_err(|e| recorder.map_error(e, app_host(&app), Step::Connecting))?;
        Ok(token_set(&response, None, now))
    }

    /// Uses the refresh token; the provider may rotate it. If it returns none, the old one is kept.
    pub async fn refresh(
        &self,
        app: &AppProfile,
        client_secret: Option<&Secret>,
        refresh_token: &Secret,
        now: u64,
    ) -> Result<TokenSet> {
        let client = oauth_client(app, client_secret)?;
        let token = RefreshToken::new(refresh_token.expose().to_string());
        let recorder = Recorder::new(&self.http);
        let response = client
            .exchange_refresh_token(&token)
            .request_async(&recorder)
            .await;
        let response =
            response.map_err(|e| recorder.map_error(e, app_host(app), Step::Refreshing))?;
        Ok(token_set(&response, Some(refresh_token), now))
    }

    /// Revokes a token at the provider (RFC 7009 §2.1); `hint` may be empty when the kind of token
    /// is not known. Sent by hand rather than through oauth2,
    /// whose revoke refuses any non-https endpoint, while our environments already allow plain http
    /// only on loopback (a local Factorial-compatible server). Doorkeeper answers 200 for unknown
    /// tokens too, as the RFC asks.
    pub async fn revoke(
        &self,
        app: &AppProfile,
        client_secret: Option<&Secret>,
        token: &Secret,
        hint: &'static str,
    ) -> Result<()> {
        let host = app_host(app);
        let mut form = vec![
            ("token", token.expose()),
            ("client_id", app.client_id.as_str()),
        ];
        if !hint.is_empty() {
            form.push(("token_type_hint", hint));
        }
        if let Some(secret) = client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let response = self
            .http
            .post(app.environment.revoke_url())
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| transport_error(e, &host, Step::Revoking))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let content_type = content_type(response.headers());
        let body = read_bounded(response)
            .await
            .map_err(|e| e.into_error(&host, Step::Revoking, Some(status.as_u16())))?;
        match serde_json::from_slice::<oauth2::basic::BasicErrorResponse>(&body) {
            Ok(e) => Err(provider_error(&e, Step::Revoking)),
            Err(_) => Err(ErrorCode::BadResponse {
                host,
                status: Some(status.as_u16()),
                detail: content_type,
            }
            .into()),
        }
    }

    /// Asks the credentials endpoint who the token belongs to.
    pub async fn identity(
        &self,
        app: &AppProfile,
        access_token: &Secret,
        expected: AccountKind,
    ) -> Result<Identity> {
        let url = app.environment.credentials_url();
        let host = app_host(app);
        let response = self
            .http
            .get(url)
            .bearer_auth(access_token.expose())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| transport_error(e, &host, Step::Identifying))?;
        let status = response.status();
        if status == reqwest::StatusCode::UNAUTHORIZED {
            return Err(ErrorCode::TokenRejected {
                app: app.name.clone(),
            }
            .into());
        }
        let content_type = content_type(response.headers());
        if !status.is_success() {
            return Err(ErrorCode::BadResponse {
                host,
                status: Some(status.as_u16()),
                detail: content_type,
            }
            .into());
        }
        let body = read_bounded(response)
            .await
            .map_err(|e| e.into_error(&host, Step::Identifying, Some(status.as_u16())))?;
        let json: Value = serde_json::from_slice(&body).map_err(|e| ErrorCode::BadResponse {
            host: host.clone(),
            status: Some(status.as_u16()),
            detail: Some(not_json(content_type.as_deref(), || {
                format!("unreadable JSON: {}", json_problem(&e))
            })),
        })?;
        Identity::from_credentials(&json, expected).ok_or(
            ErrorCode::BadResponse {
                host,
                status: Some(status.as_u16()),
                detail: Some("it names no user or company".into()),
            }
            .into(),
        )
    }
}

/// What went wrong with a JSON body, in words: "cut short", "syntax error"…
fn json_problem(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "cut short",
        serde_json::error::Category::Syntax => "syntax error",
        serde_json::error::Category::Data => "unexpected shape",
        serde_json::error::Category::Io => "read error",
    }
}

/// Describes an unreadable answer: a non-JSON content type says it all ("text/html instead of
/// JSON"); otherwise `otherwise` says what was wrong with the JSON.
fn not_json(content_type: Option<&str>, otherwise: impl FnOnce() -> String) -> String {
    match content_type {
        Some(ct) if !ct.contains("json") => format!("{ct} instead of JSON"),
        _ => otherwise(),
    }
}

/// The provider's `{"error", "error_description"}` body in our terms.
fn provider_error(e: &oauth2::basic::BasicErrorResponse, during: Step) -> Error {
    let refusal = match e.error() {
        BasicErrorResponseType::InvalidClient => ProviderRefusal::InvalidClient,
        BasicErrorResponseType::InvalidGrant => ProviderRefusal::InvalidGrant,
        BasicErrorResponseType::UnauthorizedClient => ProviderRefusal::UnauthorizedClient,
        BasicErrorResponseType::InvalidScope => ProviderRefusal::InvalidScope,
        other => ProviderRefusal::Other {
            error_code: plain_text(other.as_ref(), 64),
        },
    };
    let description = e.error_description().map(|d| plain_text(d, 300));
    match (refusal, during) {
        (ProviderRefusal::InvalidGrant, Step::Connecting) => ErrorCode::CodeRefused { description },
        (ProviderRefusal::InvalidGrant, Step::Refreshing) => {
            ErrorCode::ReconnectNeeded { description }
        }
        (refusal, during) => ErrorCode::ProviderRefused {
            refusal,
            during,
            description,
        },
    }
    .into()
}

fn oauth_client(app: &AppProfile, client_secret: Option<&Secret>) -> Result<FactorialClient> {
    let env = &app.environment;
    let redirect = RedirectUrl::new(app.redirect_uri.clone()).map_err(|e| {
        Error::invalid(
            Field::RedirectUri,
            InputIssue::NotAnAddress {
                value: plain_text(&app.redirect_uri, 200),
                detail: e.to_string(),
            },
        )
    })?;
    let mut client = BasicClient::new(ClientId::new(app.client_id.clone()))
        .set_auth_uri(AuthUrl::from_url(env.authorize_url()))
        .set_token_uri(TokenUrl::from_url(env.token_url()))
        .set_redirect_uri(redirect)
        .set_auth_type(AuthType::RequestBody);
    if let Some(secret) = client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.expose().to_string()));
    }
    Ok(client)
}

fn token_set(
    response: &oauth2::basic::BasicTokenResponse,
    previous_refresh: Option<&Secret>,
    now: u64,
) -> TokenSet {
    TokenSet {
        access_token: Secret::new(response.access_token().secret().clone()),
        refresh_token: response
            .refresh_token()
            .map(|t| Secret::new(t.secret().clone()))
            .or_else(|| previous_refresh.cloned()),
        expires_at: response
            .expires_in()
            .map(|d| now.saturating_add(d.as_secs())),
        scopes: response
            .scopes()
            .map(|s| s.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        obtained_at: now,
        replaced: Vec::new(),
    }
}

fn app_host(app: &AppProfile) -> String {
    let url = app.environment.base_url();
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => url.to_string(),
    }
}

fn content_type(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_string())
}

fn transport_error(cause: reqwest::Error, host: &str, during: Step) -> Error {
    let host = host.to_string();
    let code = if cause.is_timeout() {
        ErrorCode::Timeout { host }
    } else if cause.is_body() || cause.is_decode() {
        ErrorCode::BadResponse {
            host,
            status: cause.status().map(|s| s.as_u16()),
            detail: Some("the answer was cut short".into()),
        }
    } else if cause.is_connect() {
        ErrorCode::Network { host }
    } else {
        // Connected, sent, then the line dropped: the server may have acted on the request.
        ErrorCode::ConnectionLost { host, during }
    };
    Error::with_cause(code, cause)
}

/// The reqwest client as oauth2's HTTP function, remembering the last answer's status and content
/// type so that a non-JSON or cut-short answer can be described without echoing its body.
struct Recorder<'a> {
    http: &'a reqwest::Client,
    seen: Mutex<Option<(u16, Option<String>)>>,
}

impl<'a> Recorder<'a> {
    fn new(http: &'a reqwest::Client) -> Self {
        Recorder {
            http,
            seen: Mutex::new(None),
        }
    }

    fn seen(&self) -> (Option<u16>, Option<String>) {
        match self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            Some((status, content_type)) => (Some(status), content_type),
            None => (None, None),
        }
    }

    fn map_error(
        &self,
        error: RequestTokenError<
            HttpClientError<reqwest::Error>,
            oauth2::basic::BasicErrorResponse,
        >,
        host: String,
        during: Step,
    ) -> Error {
        let (status, content_type) = self.seen();
        match error {
            RequestTokenError::ServerResponse(e) => provider_error(&e, during),
            RequestTokenError::Request(HttpClientError::Reqwest(e)) => {
                transport_error(*e, &host, during)
            }
            RequestTokenError::Request(HttpClientError::Other(reason)) if reason == TOO_LARGE => {
                ErrorCode::BadResponse {
                    host,
                    status,
                    detail: Some(too_large_detail()),
                }
                .into()
            }
            RequestTokenError::Request(_) => ErrorCode::BadResponse {
                host,
                status,
                detail: Some("the connection failed mid-answer".into()),
            }
            .into(),
            RequestTokenError::Parse(e, _body) => ErrorCode::BadResponse {
                host,
                status,
                detail: Some(not_json(content_type.as_deref(), || {
                    format!("unreadable JSON: {}", json_problem(e.inner()))
                })),
            }
            .into(),
            RequestTokenError::Other(_) => ErrorCode::BadResponse {
                host,
                status,
                detail: Some(not_json(content_type.as_deref(), || {
                    "an empty or unexpected answer".into()
                })),
            }
            .into(),
        }
    }
}

impl<'c> AsyncHttpClient<'c> for Recorder<'_> {
    type Error = HttpClientError<reqwest::Error>;
    type Future = std::pin::Pin<
        Box<dyn Future<Output = std::result::Result<HttpResponse, Self::Error>> + Send + Sync + 'c>,
    >;

    /// oauth2's own reqwest glue, but with the body read through [`read_bounded`].
    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(Box::new)?;
            let response = self.http.execute(request).await.map_err(Box::new)?;
            let status = response.status();
            let ct = content_type(response.headers());
            *self.seen.lock().unwrap_or_else(|p| p.into_inner()) = Some((status.as_u16(), ct));
            let mut builder = oauth2::http::Response::builder()
                .status(status)
                .version(response.version());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = match read_bounded(response).await {
                Ok(body) => body,
                Err(BodyError::Transport(e)) => return Err(HttpClientError::Reqwest(Box::new(e))),
                Err(BodyError::TooLarge) => return Err(HttpClientError::Other(TOO_LARGE.into())),
            };
            builder.body(body).map_err(HttpClientError::Http)
        })
    }
}

const TOO_LARGE: &str = "answer too large";

fn too_large_detail() -> String {
    format!(
        "an answer larger than {} KiB, which no OAuth answer is",
        MAX_ANSWER_BYTES / 1024
    )
}

/// Why a body could not be read.
enum BodyError {
    Transport(reqwest::Error),
    TooLarge,
}

impl BodyError {
    fn into_error(self, host: &str, during: Step, status: Option<u16>) -> Error {
        match self {
            BodyError::Transport(e) => transport_error(e, host, during),
            BodyError::TooLarge => ErrorCode::BadResponse {
                host: host.to_string(),
                status,
                detail: Some(too_large_detail()),
            }
            .into(),
        }
    }
}

/// Reads a body chunk by chunk and stops at [`MAX_ANSWER_BYTES`], so a hostile or broken server
/// cannot make us buffer without limit.
async fn read_bounded(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
