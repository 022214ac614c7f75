//! What the provider sends and how it reads answers, with an HTTP client that records requests
//! and plays back answers: no sockets, so the exact form bodies of exchange, refresh and revoke
//! are pinned here (oauth2-rs tests its own requests the same way). Doorkeeper remains the real
//! part in the end-to-end tests.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use super::errors::challenge_params;
use super::*;
use crate::app_profile::NewApp;
use crate::error::{AnswerFlaw, ProviderRefusal};

/// One request as it would have gone on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sent {
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Sent {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Scripted {
    sent: Mutex<Vec<Sent>>,
    answers: Mutex<VecDeque<std::result::Result<Answer, HttpFailure>>>,
    /// Whether the last Authorization header was marked sensitive.
    sensitive_authorization: std::sync::atomic::AtomicBool,
}

impl Scripted {
    fn answering(
        answers: impl IntoIterator<Item = std::result::Result<Answer, HttpFailure>>,
    ) -> Arc<Self> {
        Arc::new(Scripted {
            answers: Mutex::new(answers.into_iter().collect()),
            ..Scripted::default()
        })
    }

    fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        request: oauth2::HttpRequest,
    ) -> Pin<Box<dyn Future<Output = std::result::Result<Answer, HttpFailure>> + Send + Sync + '_>>
    {
        let (parts, body) = request.into_parts();
        if let Some(v) = parts.headers.get("authorization") {
            self.sensitive_authorization
                .store(v.is_sensitive(), std::sync::atomic::Ordering::SeqCst);
        }
        self.sent.lock().unwrap().push(Sent {
            method: parts.method.to_string(),
            uri: parts.uri.to_string(),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("?").to_string()))
                .collect(),
            body: String::from_utf8(body).unwrap(),
        });
        let answer = self
            .answers
            .lock()
            .unwrap()
            .pop_front()
            .expect("an answer scripted for every request");
        Box::pin(async move { answer })
    }
}

fn json(status: u16, body: &str) -> std::result::Result<Answer, HttpFailure> {
    Ok(Answer {
        status,
        content_type: Some("application/json".into()),
        challenge: None,
        body: body.as_bytes().to_vec(),
    })
}

const TOKENS: &str = r#"{"access_token":"at-2","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-2","scope":"employees"}"#;

fn app(confidential: bool) -> AppProfile {
    NewApp {
        name: "Payroll".into(),
        environment: "production".into(),
        client_id: "client-1".into(),
        client_secret: confidential.then(|| Secret::new("s3cret")),
        confidential,
        redirect_uri: String::new(),
        scopes: "employees".into(),
        pkce: true,
        refresh_lifetime_secs: None,
    }
    .validate("app-1".into(), 0)
    .unwrap()
    .profile
}

fn provider(http: &Arc<Scripted>) -> Provider {
    Provider::with_client(http.clone())
}

#[tokio::test]
async fn the_code_exchange_sends_code_redirect_verifier_and_credentials_in_the_body() {
    let http = Scripted::answering([json(200, TOKENS)]);
    let tokens = provider(&http)
        .exchange_code(
            &app(true),
            Some(&Secret::new("s3cret")),
            &Secret::new("the-code"),
            "factorial-connect://oauth/callback",
            Some(&Secret::new("the-verifier")),
            1000,
        )
        .await
        .unwrap();
    let sent = http.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].uri, "https://api.factorialhr.com/oauth/token");
    assert_eq!(
        sent[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        sent[0].body,
        "grant_type=authorization_code&code=the-code&code_verifier=the-verifier\
         &client_id=client-1&client_secret=s3cret\
         &redirect_uri=factorial-connect%3A%2F%2Foauth%2Fcallback"
    );
    assert_eq!(tokens.access_token.expose(), "at-2");
    assert_eq!(tokens.refresh_token.as_ref().unwrap().expose(), "rt-2");
    assert_eq!(tokens.expires_at, Some(4600));
}

#[tokio::test]
async fn a_public_application_sends_no_secret() {
    let http = Scripted::answering([json(200, TOKENS)]);
    provider(&http)
        .exchange_code(
            &app(false),
            None,
            &Secret::new("c"),
            "http://127.0.0.1:8080/cb",
            Some(&Secret::new("v")),
            0,
        )
        .await
        .unwrap();
    assert_eq!(
        http.sent()[0].body,
        "grant_type=authorization_code&code=c&code_verifier=v&client_id=client-1\
         &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb"
    );
}

#[tokio::test]
async fn a_refresh_sends_the_refresh_token_and_keeps_it_when_none_comes_back() {
    let http = Scripted::answering([json(
        200,
        r#"{"access_token":"at-3","token_type":"Bearer","expires_in":3600}"#,
    )]);
    let tokens = provider(&http)
        .refresh(
            &app(true),
            Some(&Secret::new("s3cret")),
            &Secret::new("rt-1"),
            0,
        )
        .await
        .unwrap();
    assert_eq!(
        http.sent()[0].body,
        "grant_type=refresh_token&refresh_token=rt-1&client_id=client-1&client_secret=s3cret"
    );
    assert_eq!(tokens.refresh_token.unwrap().expose(), "rt-1");
}

#[tokio::test]
async fn a_revoke_is_a_plain_rfc_7009_form() {
    let http = Scripted::answering([json(200, "{}")]);
    provider(&http)
        .revoke(
            &app(true),
            Some(&Secret::new("s3cret")),
            &Secret::new("rt-1"),
            "refresh_token",
        )
        .await
        .unwrap();
    let sent = &http.sent()[0];
    assert_eq!(sent.uri, "https://api.factorialhr.com/oauth/revoke");
    assert_eq!(
        sent.body,
        "token=rt-1&client_id=client-1&token_type_hint=refresh_token&client_secret=s3cret"
    );
}

#[tokio::test]
async fn who_a_token_belongs_to_is_asked_with_the_bearer_token() {
    let http = Scripted::answering([json(
        200,
        r#"{"data":[{"employee_id":7,"company_id":3,"email":"ana@acme.test","full_name":"Ana"}]}"#,
    )]);
    let result = provider(&http)
        .identity(&app(true), &Secret::new("at-1"), AccountKind::User)
        .await;
    let sent = &http.sent()[0];
    assert_eq!(sent.method, "GET");
    assert_eq!(
        sent.uri,
        "https://api.factorialhr.com/api/2026-10-01/resources/api_public/credentials"
    );
    assert_eq!(sent.header("authorization"), Some("Bearer at-1"));
    assert!(sent.body.is_empty());
    let identity = result.unwrap();
    assert_eq!(identity.email.as_deref(), Some("ana@acme.test"));
    assert_eq!(identity.owner_id.as_deref(), Some("7"));

    // A refused token says so, rather than "cannot read the answer".
    let http = Scripted::answering([json(401, r#"{"error":"invalid_token"}"#)]);
    let err = provider(&http)
        .identity(&app(true), &Secret::new("at-1"), AccountKind::User)
        .await
        .unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::TokenRejected {
            app: "Payroll".into()
        }
    );
}

#[tokio::test]
async fn answers_become_codes() {
    let refused = r#"{"error":"invalid_grant","error_description":"expired"}"#;
    let cases: Vec<(std::result::Result<Answer, HttpFailure>, Step, ErrorCode)> = vec![
        (
            json(400, refused),
            Step::Connecting,
            ErrorCode::CodeRefused {
                description: Some("expired".into()),
            },
        ),
        (
            json(400, refused),
            Step::Refreshing,
            ErrorCode::ReconnectNeeded {
                description: Some("expired".into()),
            },
        ),
        (
            json(401, r#"{"error":"invalid_client"}"#),
            Step::Refreshing,
            ErrorCode::ProviderRefused {
                refusal: ProviderRefusal::InvalidClient,
                during: Step::Refreshing,
                description: None,
            },
        ),
        (
            Ok(Answer {
                status: 502,
                content_type: Some("text/html".into()),
                challenge: None,
                // A server that echoes the request in its error page.
                body: format!("<html>{SECRET} {CODE} {REFRESH}</html>").into_bytes(),
            }),
            Step::Connecting,
            // Down or broken on its side, whatever its error page says.
            ErrorCode::ServerError {
                host: "api.factorialhr.com".into(),
                status: 502,
            },
        ),
        (
            Err(HttpFailure::TooLarge { status: 200 }),
            Step::Refreshing,
            ErrorCode::BadResponse {
                host: "api.factorialhr.com".into(),
                status: Some(200),
                flaw: AnswerFlaw::TooLarge { limit_kib: 64 },
            },
        ),
        (
            Err(HttpFailure::Lost("reset by peer".into())),
            Step::Refreshing,
            ErrorCode::ConnectionLost {
                host: "api.factorialhr.com".into(),
                during: Step::Refreshing,
            },
        ),
        (
            Err(HttpFailure::Connect("refused".into())),
            Step::Connecting,
            ErrorCode::Network {
                host: "api.factorialhr.com".into(),
            },
        ),
    ];
    for (answer, step, expected) in cases {
        let http = Scripted::answering([answer]);
        let p = provider(&http);
        let secret = Secret::new(SECRET);
        let err = match step {
            Step::Connecting => p
                .exchange_code(
                    &app(true),
                    Some(&secret),
                    &Secret::new(CODE),
                    "factorial-connect://oauth/callback",
                    Some(&Secret::new(VERIFIER)),
                    0,
                )
                .await
                .unwrap_err(),
            _ => p
                .refresh(&app(true), Some(&secret), &Secret::new(REFRESH), 0)
                .await
                .unwrap_err(),
        };
        assert_eq!(*err.code(), expected);
        // None of the request's secrets in anything an edge could print or store.
        for text in [
            err.developer_detail(),
            format!("{err:?}"),
            serde_json::to_string(err.code()).unwrap(),
        ] {
            for secret in [SECRET, CODE, VERIFIER, REFRESH] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
    }
}

const SECRET: &str = "s3cret-do-not-leak";
const CODE: &str = "code-do-not-leak";
const VERIFIER: &str = "verifier-do-not-leak";
const REFRESH: &str = "rt-do-not-leak";

#[tokio::test]
async fn the_status_decides_when_the_body_goes_wrong() {
    // A revoke answered 200 has revoked the token, whatever became of the body.
    let http = Scripted::answering([Err(HttpFailure::CutShort {
        status: Some(200),
        cause: "reset".into(),
    })]);
    provider(&http)
        .revoke(&app(true), None, &Secret::new("rt"), "refresh_token")
        .await
        .unwrap();
    // A refused token is refused, however long the refusal.
    let http = Scripted::answering([Err(HttpFailure::TooLarge { status: 401 })]);
    let err = provider(&http)
        .identity(&app(true), &Secret::new("at"), AccountKind::User)
        .await
        .unwrap_err();
    assert!(
        matches!(err.code(), ErrorCode::TokenRejected { .. }),
        "{err}"
    );
    // A server error cut short is still the server's problem.
    let http = Scripted::answering([Err(HttpFailure::CutShort {
        status: Some(503),
        cause: "reset".into(),
    })]);
    let err = provider(&http)
        .refresh(&app(true), None, &Secret::new("rt"), 0)
        .await
        .unwrap_err();
    assert!(
        matches!(err.code(), ErrorCode::ServerError { status: 503, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn the_bearer_token_is_a_sensitive_header() {
    let http = Scripted::answering([json(401, "{}")]);
    let _ = provider(&http)
        .identity(&app(true), &Secret::new("at-1"), AccountKind::User)
        .await;
    assert!(
        http.sensitive_authorization
            .load(std::sync::atomic::Ordering::SeqCst)
    );
}

fn answer(status: u16, content_type: Option<&str>, challenge: Option<&str>, body: &str) -> Answer {
    Answer {
        status,
        content_type: content_type.map(str::to_string),
        challenge: challenge.map(str::to_string),
        body: body.as_bytes().to_vec(),
    }
}

/// Each kind of answer the credentials endpoint may give gets its own code, so each gets its own
/// words and remedy: a missing scope is not a wrong base URL, and a sign-in page is neither.
#[tokio::test]
async fn who_a_token_belongs_to_is_refused_in_words_of_its_own() {
    let host = || "api.factorialhr.com".to_string();
    let refused = |scope: Option<&str>, description: Option<&str>| ErrorCode::IdentityRefused {
        app: "Payroll".into(),
        scope: scope.map(str::to_string),
        description: description.map(str::to_string),
    };
    let mut cases = vec![
        // RFC 6750 §3.1: the challenge names the scope it wants.
        (
            answer(
                403,
                Some("application/json"),
                Some(r#"Bearer realm="Factorial", error="insufficient_scope", scope="employees""#),
                "",
            ),
            refused(Some("employees"), None),
        ),
        // Doorkeeper's JSON refusal, with words and a scope list in the body.
        (
            answer(
                403,
                Some("application/json"),
                None,
                r#"{"error":"invalid_scope","error_description":"Needs employees","scopes":["employees"]}"#,
            ),
            refused(Some("employees"), Some("Needs employees")),
        ),
        // Doorkeeper's stock `head :forbidden`: nothing named, still a refusal of identity.
        (
            answer(403, Some("text/html"), None, ""),
            refused(None, None),
        ),
        // What sits where a scope belongs is shown only if it is one.
        (
            answer(403, None, Some(r#"Bearer scope="<a href=x>""#), ""),
            refused(None, None),
        ),
        (
            answer(404, Some("text/html"), None, "<h1>Not Found</h1>"),
            ErrorCode::NoSuchAddress {
                host: host(),
                during: Step::Identifying,
            },
        ),
        (
            answer(302, Some("text/html"), None, ""),
            ErrorCode::WebPageInstead {
                host: host(),
                status: 302,
            },
        ),
        // A proxy's or a network's sign-in page, answered 200.
        (
            answer(
                200,
                Some("text/html"),
                None,
                "<html>Sign in to the Wi-Fi</html>",
            ),
            ErrorCode::WebPageInstead {
                host: host(),
                status: 200,
            },
        ),
        (
            answer(503, Some("text/html"), None, "down"),
            ErrorCode::ServerError {
                host: host(),
                status: 503,
            },
        ),
        (
            answer(401, None, None, ""),
            ErrorCode::TokenRejected {
                app: "Payroll".into(),
            },
        ),
        (
            answer(418, Some("application/json"), None, "{}"),
            ErrorCode::BadResponse {
                host: host(),
                status: Some(418),
                flaw: AnswerFlaw::UnexpectedStatus,
            },
        ),
    ];
    let unreadable = |content_type, body, flaw| {
        let expected = ErrorCode::BadResponse {
            host: host(),
            status: Some(200),
            flaw,
        };
        (answer(200, content_type, None, body), expected)
    };
    let not_json = AnswerFlaw::NotJson {
        content_type: "text/plain".into(),
    };
    cases.extend([
        unreadable(Some("application/json"), "{}", AnswerFlaw::NoOwner),
        unreadable(
            Some("application/json"),
            "{\"data\": [",
            AnswerFlaw::JsonCutShort,
        ),
        unreadable(Some("application/json"), "nope", AnswerFlaw::JsonSyntax),
        unreadable(None, "nope", AnswerFlaw::JsonSyntax),
        unreadable(Some("text/plain"), "nope", not_json),
    ]);
    for (given, expected) in cases {
        let shown = format!("{} {:?}", given.status, given.challenge);
        let http = Scripted::answering([Ok(given)]);
        let err = provider(&http)
            .identity(&app(true), &Secret::new("at"), AccountKind::Company)
            .await
            .unwrap_err();
        assert_eq!(*err.code(), expected, "for {shown}");
    }
}

#[tokio::test]
async fn a_token_endpoint_behind_a_sign_in_page_or_at_a_wrong_address_says_so() {
    for (given, expected) in [
        (
            answer(200, Some("text/html"), None, "<html>login</html>"),
            ErrorCode::WebPageInstead {
                host: "api.factorialhr.com".into(),
                status: 200,
            },
        ),
        (
            answer(404, Some("application/json"), None, r#"{"status":404}"#),
            ErrorCode::NoSuchAddress {
                host: "api.factorialhr.com".into(),
                during: Step::Refreshing,
            },
        ),
    ] {
        let http = Scripted::answering([Ok(given)]);
        let err = provider(&http)
            .refresh(&app(true), None, &Secret::new("rt"), 0)
            .await
            .unwrap_err();
        assert_eq!(*err.code(), expected);
    }
}

#[test]
fn a_challenges_parameters_are_read_with_quotes_and_escapes() {
    assert_eq!(
        challenge_params(r#"Bearer realm="a, b", error=insufficient_scope, scope="x \"y\"""#),
        vec![
            ("realm".to_string(), "a, b".to_string()),
            ("error".to_string(), "insufficient_scope".to_string()),
            ("scope".to_string(), "x \"y\"".to_string()),
        ]
    );
    // Unfinished or odd headers give what they can, never a panic.
    for odd in [
        "",
        "Bearer",
        "Bearer scope=\"open",
        "=",
        "Bearer ,,,=,",
        "é=\"ü",
    ] {
        let _ = challenge_params(odd);
    }
}
