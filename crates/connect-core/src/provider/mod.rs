//! Talking to Factorial: authorize URL, code exchange (RFC 6749 §4.1.3) and refresh (§6) through
//! the `oauth2` crate; revoke (RFC 7009) and the credentials endpoint that says who a token is.
//!
//! Every request goes through one [`HttpClient`] (see `http`), so tests can assert exactly what is
//! sent. Client credentials go in the form body, as Factorial's own SDK sends them. Error bodies
//! are never echoed: a truncated token response could hold part of a token.

mod errors;
mod http;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::http::{Method, Request, header};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, HttpClientError, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use serde_json::Value;
use url::Url;

pub use http::{Answer, HttpClient, HttpFailure, MAX_ANSWER_BYTES, ReqwestClient};

use crate::app_profile::AppProfile;
use crate::error::{
    AddressProblem, AnswerFlaw, Error, ErrorCode, Field, InputIssue, Result, Step, plain_text,
};
use crate::identity::{AccountKind, Identity};
use crate::secret::Secret;
use crate::token_set::TokenSet;
use errors::{Refusal, oauth_error, provider_error, transport_error, unreadable};
use http::OAuthHttp;

/// The oauth2 client with every endpoint we use set; the typestate proves it at compile time.
type FactorialClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

type OAuthError =
    RequestTokenError<HttpClientError<http::Failed>, oauth2::basic::BasicErrorResponse>;

/// A freshly built authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636).
#[derive(Debug)]
pub struct AuthorizeRequest {
    pub url: Url,
    pub state: Secret,
    pub verifier: Option<Secret>,
}

/// Factorial's OAuth and API endpoints over one HTTP client.
#[derive(Clone)]
pub struct Provider {
    http: Arc<dyn HttpClient>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Provider")
    }
}

impl Provider {
    /// Over the real network.
    pub fn new(timeout: Duration) -> Result<Self> {
        let client = ReqwestClient::new(timeout).map_err(|cause| {
            Error::with_cause(
                ErrorCode::Network {
                    host: "the network".into(),
                },
                cause,
            )
        })?;
        Ok(Provider::with_client(Arc::new(client)))
    }

    /// Over any [`HttpClient`]: tests hand in one that records what is sent.
    pub fn with_client(http: Arc<dyn HttpClient>) -> Self {
        Provider { http }
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
        let http = OAuthHttp::new(self.http.as_ref());
        let response = request.request_async(&http).await;
        let response = response.map_err(|e| oauth_error(&http, e, &app, Step::Connecting))?;
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
        let http = OAuthHttp::new(self.http.as_ref());
        let response = client
            .exchange_refresh_token(&token)
            .request_async(&http)
            .await;
        let response = response.map_err(|e| oauth_error(&http, e, app, Step::Refreshing))?;
        Ok(token_set(&response, Some(refresh_token), now))
    }

    /// Revokes a token at the provider (RFC 7009 §2.1); `hint` may be empty when the kind of token
    /// is not known. Sent by hand rather than through oauth2, whose revoke refuses any non-https
    /// endpoint, while our environments already allow plain http only on loopback (a local
    /// Factorial-compatible server). Doorkeeper answers 200 for unknown tokens too, as the RFC asks.
    pub async fn revoke(
        &self,
        app: &AppProfile,
        client_secret: Option<&Secret>,
        token: &Secret,
        hint: &'static str,
    ) -> Result<()> {
        // Built in its own scope: the serializer is not Sync and must not live across an await.
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("token", token.expose());
            form.append_pair("client_id", &app.client_id);
            if !hint.is_empty() {
                form.append_pair("token_type_hint", hint);
            }
            if let Some(secret) = client_secret {
                form.append_pair("client_secret", secret.expose());
            }
            form.finish()
        };
        let request = Request::builder()
            .method(Method::POST)
            .uri(app.environment.revoke_url().as_str())
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form.into_bytes());
        let answer = match self.send(request, app).await? {
            Ok(answer) => answer,
            // Answered 2xx, then the body went wrong: the token is revoked all the same.
            Err(failure) if failure.status().is_some_and(|s| (200..300).contains(&s)) => {
                return Ok(());
            }
            Err(failure) => return Err(transport_error(failure, &app_host(app), Step::Revoking)),
        };
        if (200..300).contains(&answer.status) {
            return Ok(());
        }
        match serde_json::from_slice::<oauth2::basic::BasicErrorResponse>(&answer.body) {
            Ok(e) => Err(provider_error(&e, Step::Revoking)),
            Err(e) => Err(unreadable(
                app_host(app),
                Some(answer.status),
                answer.content_type.as_deref(),
                AnswerFlaw::of_json(&e).unless_not_json(answer.content_type.as_deref()),
                Step::Revoking,
            )
            .into()),
        }
    }

    /// Whether the application's server answers a bare `HEAD` of its address. Any answer counts,
    /// a 404 or a 500 too: the question is whether the network reaches it, not whether it works.
    pub async fn answers(&self, app: &AppProfile) -> bool {
        let request = Request::builder()
            .method(Method::HEAD)
            .uri(app.environment.base_url().as_str())
            .body(Vec::new());
        match self.send(request, app).await {
            Ok(Ok(_)) => true,
            Ok(Err(failure)) => {
                !matches!(failure, HttpFailure::Connect(_) | HttpFailure::Timeout(_))
            }
            Err(_) => false,
        }
    }

    /// Asks the credentials endpoint who the token belongs to.
    pub async fn identity(
        &self,
        app: &AppProfile,
        access_token: &Secret,
        expected: AccountKind,
    ) -> Result<Identity> {
        let request = credentials_request(app, access_token)?;
        let host = app_host(app);
        let answer = match self.send(request, app).await? {
            Ok(answer) => answer,
            // Refused, whatever became of the body.
            Err(failure) if failure.status() == Some(401) => return Err(token_rejected(app)),
            Err(failure) => return Err(transport_error(failure, &host, Step::Identifying)),
        };
        let content_type = answer.content_type.as_deref();
        if let Some(refused) = identity_refused(app, &host, &answer) {
            return Err(refused);
        }
        let bad = |flaw: AnswerFlaw| -> Error {
            unreadable(
                host.clone(),
                Some(answer.status),
                content_type,
                flaw,
                Step::Identifying,
            )
            .into()
        };
        let json: Value = serde_json::from_slice(&answer.body)
            .map_err(|e| bad(AnswerFlaw::of_json(&e).unless_not_json(content_type)))?;
        Identity::from_credentials(&json, expected).ok_or_else(|| bad(AnswerFlaw::NoOwner))
    }

    /// Sends a request built here; a request that cannot even be built is a bad environment. The
    /// outer error is that; the inner result is the network's, for the caller to judge by status.
    async fn send(
        &self,
        request: std::result::Result<oauth2::HttpRequest, oauth2::http::Error>,
        app: &AppProfile,
    ) -> Result<std::result::Result<Answer, HttpFailure>> {
        let request = request.map_err(|e| {
            Error::with_cause(
                ErrorCode::InvalidInput {
                    field: Field::Environment,
                    issue: InputIssue::NotAnAddress {
                        value: app.environment.base_url().to_string(),
                        // The request could not be built from the address: no parser's reason.
                        problem: AddressProblem::Other,
                    },
                },
                e,
            )
        })?;
        Ok(self.http.send(request).await)
    }
}

fn oauth_client(app: &AppProfile, client_secret: Option<&Secret>) -> Result<FactorialClient> {
    let env = &app.environment;
    let redirect = RedirectUrl::new(app.redirect_uri.clone()).map_err(|e| {
        Error::invalid(
            Field::RedirectUri,
            InputIssue::NotAnAddress {
                value: plain_text(&app.redirect_uri, 200),
                problem: e.into(),
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

fn token_rejected(app: &AppProfile) -> Error {
    ErrorCode::TokenRejected {
        app: app.name.clone(),
    }
    .into()
}

/// `GET` the credentials endpoint with the access token.
fn credentials_request(
    app: &AppProfile,
    access_token: &Secret,
) -> Result<std::result::Result<oauth2::HttpRequest, oauth2::http::Error>> {
    // Marked sensitive, as reqwest's `bearer_auth` does: kept out of Debug output and of HTTP/2
    // header compression tables. A token that cannot be a header is not one Factorial would accept
    // either.
    let mut bearer = header::HeaderValue::from_str(&format!("Bearer {}", access_token.expose()))
        .map_err(|_| token_rejected(app))?;
    bearer.set_sensitive(true);
    Ok(Request::builder()
        .method(Method::GET)
        .uri(app.environment.credentials_url().as_str())
        .header(header::AUTHORIZATION, bearer)
        .header(header::ACCEPT, "application/json")
        .body(Vec::new()))
}

/// Why the credentials endpoint's answer names no one, told by its status: none for a success.
fn identity_refused(app: &AppProfile, host: &str, answer: &Answer) -> Option<Error> {
    let content_type = answer.content_type.as_deref();
    match answer.status {
        200..=299 => None,
        401 => Some(token_rejected(app)),
        // Authenticated but not allowed: the token works, it just may not ask this.
        403 => {
            let refusal = Refusal::read(answer);
            Some(
                ErrorCode::IdentityRefused {
                    app: app.name.clone(),
                    scope: refusal.scope,
                    description: refusal.description,
                }
                .into(),
            )
        }
        status => Some(
            unreadable(
                host.to_string(),
                Some(status),
                content_type,
                AnswerFlaw::UnexpectedStatus.unless_not_json(content_type),
                Step::Identifying,
            )
            .into(),
        ),
    }
}
