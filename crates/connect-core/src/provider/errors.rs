//! What Factorial's refusals and unreadable answers become: each status and form told apart (its
//! OAuth error, a 401 or 403 with the scope it asks for, a 404, an HTML page from a proxy or a
//! login page, a server error), as an error code with the words Factorial gave, made plain.

use oauth2::RequestTokenError;
use oauth2::basic::BasicErrorResponseType;

use serde_json::Value;

use super::http::{Answer, HttpFailure, MAX_ANSWER_BYTES, OAuthHttp};
use super::{OAuthError, app_host};
use crate::app_profile::AppProfile;
use crate::error::{AnswerFlaw, Error, ErrorCode, ProviderRefusal, Step, plain_text};

/// The provider's `{"error", "error_description"}` body in our terms.
pub(super) fn provider_error(e: &oauth2::basic::BasicErrorResponse, during: Step) -> Error {
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

/// An oauth2 failure in our terms: the provider's refusal, the transport's failure (kept by
/// [`OAuthHttp`]), or an answer that is not OAuth.
pub(super) fn oauth_error(
    http: &OAuthHttp<'_>,
    error: OAuthError,
    app: &AppProfile,
    during: Step,
) -> Error {
    let host = app_host(app);
    if let Some(failure) = http.failure() {
        return transport_error(failure, &host, during);
    }
    let (status, content_type) = http.seen();
    let flaw = match error {
        RequestTokenError::ServerResponse(e) => return provider_error(&e, during),
        RequestTokenError::Request(_) => AnswerFlaw::CutShort,
        RequestTokenError::Parse(e, _body) => AnswerFlaw::of_json(e.inner()),
        RequestTokenError::Other(_) => AnswerFlaw::Empty,
    };
    let flaw = flaw.unless_not_json(content_type.as_deref());
    unreadable(host, status, content_type.as_deref(), flaw, during).into()
}

pub(super) fn transport_error(failure: HttpFailure, host: &str, during: Step) -> Error {
    let host = host.to_string();
    let (code, cause) = match failure {
        HttpFailure::Timeout(cause) => (ErrorCode::Timeout { host }, Some(cause)),
        HttpFailure::Connect(cause) => (ErrorCode::Network { host }, Some(cause)),
        HttpFailure::CutShort { status, cause } => (
            unreadable(host, status, None, AnswerFlaw::CutShort, during),
            Some(cause),
        ),
        // Connected, sent, then the line dropped: the server may have acted on the request.
        HttpFailure::Lost(cause) => (ErrorCode::ConnectionLost { host, during }, Some(cause)),
        HttpFailure::TooLarge { status } => (
            unreadable(
                host,
                Some(status),
                None,
                AnswerFlaw::TooLarge {
                    limit_kib: (MAX_ANSWER_BYTES / 1024) as u64,
                },
                during,
            ),
            None,
        ),
    };
    match cause {
        Some(cause) => Error::with_cause(code, cause),
        None => code.into(),
    }
}

/// An answer that is not what was asked for, told apart by what the admin can do about it: the
/// server's own failure (5xx), nothing at that address (404), a web page or a redirect where data
/// belongs (a proxy or a sign-in page), or else an answer we cannot read, and how.
pub(super) fn unreadable(
    host: String,
    status: Option<u16>,
    content_type: Option<&str>,
    flaw: AnswerFlaw,
    during: Step,
) -> ErrorCode {
    let web_page = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
    match status {
        Some(status @ 500..=599) => ErrorCode::ServerError { host, status },
        Some(404) => ErrorCode::NoSuchAddress { host, during },
        Some(status @ 300..=399) => ErrorCode::WebPageInstead { host, status },
        Some(status) if web_page => ErrorCode::WebPageInstead { host, status },
        _ => ErrorCode::BadResponse { host, status, flaw },
    }
}

/// What a 403 says about itself: the scope it wanted, from the RFC 6750 challenge or the JSON
/// body, and the server's own words.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Refusal {
    pub(super) scope: Option<String>,
    pub(super) description: Option<String>,
}

impl Refusal {
    pub(super) fn read(answer: &Answer) -> Refusal {
        let header = answer.challenge.as_deref().map(challenge_params);
        let from_header = |name: &str| {
            header
                .as_ref()
                .and_then(|params| params.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
                .map(|(_, v)| v.clone())
        };
        let body: Option<Value> = serde_json::from_slice(&answer.body).ok();
        let from_body = |name: &str| match body.as_ref().and_then(|b| b.get(name)) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            _ => None,
        };
        // Only names that are scopes: anything else in that place is not shown as one.
        let scope = from_header("scope")
            .or_else(|| from_body("scope"))
            .or_else(|| from_body("scopes"))
            .and_then(|s| crate::app_profile::parse_scopes(&s).ok())
            .filter(|scopes| !scopes.is_empty())
            .map(|scopes| plain_text(&scopes.join(" "), 200));
        let description = from_body("error_description")
            .or_else(|| from_header("error_description"))
            .map(|d| plain_text(&d, 300))
            .filter(|d| !d.is_empty());
        Refusal { scope, description }
    }
}

/// The `name=value` pairs of a `WWW-Authenticate` challenge (RFC 7235 §2.1), values unquoted.
/// Lenient: whatever does not parse is skipped.
pub(super) fn challenge_params(header: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    // Past the scheme ("Bearer").
    let mut rest = header.trim_start();
    if let Some(space) = rest.find(' ')
        && !rest[..space].contains('=')
    {
        rest = &rest[space..];
    }
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq].trim().to_string();
        rest = &rest[eq + 1..];
        let value = if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            rest = &quoted[end.min(quoted.len())..];
            value
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let value = rest[..end].trim().to_string();
            rest = &rest[end..];
            value
        };
        if !name.is_empty() && !name.contains(' ') {
            params.push((name, value));
        }
    }
    params
}
