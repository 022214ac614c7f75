//! One entry per parser of outside input, for the fuzzers (`fuzz/`, run by `make reliability`) and
//! for the plain test that replays their corpora in `make test` (`corpus_replay` below). Each takes
//! any bytes, must not panic, and checks what must hold of whatever it accepts: a fuzzer finds
//! inputs that break those checks as well as inputs that crash.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use crate::app_profile::{AppProfile, NewApp};
use crate::callback::{self, CallbackInput, MAX_INPUT_LEN, RedirectResult};
use crate::identity::{AccountKind, Identity};
use crate::provider::{Answer, HttpClient, HttpFailure, Provider};
use crate::secret::Secret;

/// What we send that must never come back out in an error unless the answer itself carried it.
const CLIENT_SECRET: &str = "fuzz-client-secret-5b1f";
const CODE: &str = "fuzz-code-93ad";
const VERIFIER: &str = "fuzz-verifier-0c7e-padded-to-forty-three-chars";
const REFRESH_TOKEN: &str = "fuzz-refresh-token-71d2";

/// A deep link, a pasted redirect address or query, or a bare code (the window's paste box and
/// the command line's standard input both end here).
pub fn callback_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = callback::is_deep_link(&text);
    match callback::parse(&text) {
        Ok(CallbackInput::BareCode(code)) => {
            assert!(!code.expose().is_empty(), "an empty bare code was accepted");
            assert!(text.len() <= MAX_INPUT_LEN);
        }
        Ok(CallbackInput::Redirect { result, .. }) => {
            assert!(text.len() <= MAX_INPUT_LEN);
            if let RedirectResult::Code(code) = result {
                assert!(!code.expose().is_empty(), "an empty code was accepted");
            }
        }
        Err(_) => {}
    }
}

/// An answer of the token endpoint to a code exchange and to a refresh, as status, media type and
/// body: the first byte picks the status, the second whether it says JSON, the rest is the body.
pub fn token_answer(data: &[u8]) {
    let answer = answer_from(data);
    let body = String::from_utf8_lossy(&answer.body).into_owned();
    let runtime = runtime();
    let app = app();
    let secret = Secret::new(CLIENT_SECRET);

    let provider = Provider::with_client(OneAnswer::new(answer.clone()));
    let exchanged = runtime.block_on(provider.exchange_code(
        &app,
        Some(&secret),
        &Secret::new(CODE),
        "factorial-connect://oauth/callback",
        Some(&Secret::new(VERIFIER)),
        1_000,
    ));
    if let Err(e) = &exchanged {
        no_secret_in(&said(e), &body);
    }

    let provider = Provider::with_client(OneAnswer::new(answer));
    let refreshed =
        runtime.block_on(provider.refresh(&app, Some(&secret), &Secret::new(REFRESH_TOKEN), 1_000));
    match refreshed {
        // A refresh that brings no new refresh token keeps the old one: it is never dropped.
        Ok(tokens) => assert!(
            tokens.refresh_token.is_some(),
            "a refresh lost the refresh token"
        ),
        Err(e) => no_secret_in(&said(&e), &body),
    }
}

/// An answer of the credentials endpoint (who a token belongs to), read as JSON and through the
/// provider; the first two bytes as in [`token_answer`].
pub fn credentials_answer(data: &[u8]) {
    let answer = answer_from(data);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&answer.body) {
        for kind in [AccountKind::User, AccountKind::Company] {
            if let Some(identity) = Identity::from_credentials(&value, kind) {
                let Identity {
                    owner_id,
                    company_id,
                    email,
                    name,
                    role,
                    ..
                } = &identity;
                assert!(
                    owner_id.is_some() || email.is_some() || name.is_some(),
                    "an identity that names nobody"
                );
                // What the window and the command line show of it is plain and bounded.
                for text in [owner_id, company_id, email, name, role]
                    .into_iter()
                    .flatten()
                {
                    assert!(text.chars().count() <= 200, "an unbounded field: {text:?}");
                    assert!(
                        !text.chars().any(char::is_control),
                        "a control character: {text:?}"
                    );
                }
            }
        }
    }
    let body = String::from_utf8_lossy(&answer.body).into_owned();
    let provider = Provider::with_client(OneAnswer::new(answer));
    let access = "fuzz-access-token-e4a0";
    if let Err(e) =
        runtime().block_on(provider.identity(&app(), &Secret::new(access), AccountKind::User))
    {
        let said = said(&e);
        assert!(
            !said.contains(access) || body.contains(access),
            "the access token reached an error: {said}"
        );
    }
}

/// The registry file in the data folder: whatever it holds, it is read or refused, and what is
/// read goes the way a write takes it (normalised, stamped with this format, pretty JSON) and
/// reads back the same.
pub fn registry_file(data: &[u8]) {
    if let Ok(mut registry) = crate::registry::parse(data) {
        registry.normalize();
        registry.version = crate::registry::FORMAT_VERSION;
        let written = serde_json::to_vec_pretty(&registry).expect("a read registry writes back");
        let mut again = match crate::registry::parse(&written) {
            Ok(again) => again,
            Err(_) => panic!("a registry we read could not be read back once written"),
        };
        assert_eq!(
            again, registry,
            "a registry changed on its way through a write"
        );
        let notices = again.normalize();
        assert_eq!(again, registry, "normalising twice changed it again");
        assert!(
            notices.is_empty(),
            "a written registry still had something to tell"
        );
    }
}

/// Everything an error can say anywhere: its sentence, its code, and the cause chain that goes to
/// logs and `--verbose`.
fn said(e: &crate::Error) -> String {
    format!("{e} {:?} {}", e.code(), e.developer_detail())
}

fn no_secret_in(said: &str, body: &str) {
    for secret in [CLIENT_SECRET, CODE, VERIFIER, REFRESH_TOKEN] {
        assert!(
            !said.contains(secret) || body.contains(secret),
            "a secret we sent reached an error: {said}"
        );
    }
}

const STATUSES: [u16; 11] = [200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 302];

fn answer_from(data: &[u8]) -> Answer {
    let status = data
        .first()
        .map_or(200, |b| STATUSES[usize::from(*b) % STATUSES.len()]);
    let content_type = match data.get(1).map(|b| b % 3) {
        Some(0) | None => Some("application/json".to_string()),
        Some(1) => Some("text/html".to_string()),
        _ => None,
    };
    let body = data.get(2..).unwrap_or_default().to_vec();
    // The body doubles as a `WWW-Authenticate` header, so its parser meets the same bytes.
    let challenge = (content_type.is_none()).then(|| String::from_utf8_lossy(&body).into_owned());
    Answer {
        status,
        content_type,
        challenge,
        body,
    }
}

fn app() -> AppProfile {
    match (NewApp {
        name: "Fuzz".into(),
        environment: "production".into(),
        client_id: "fuzz-client".into(),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
        confidential: true,
        redirect_uri: String::new(),
        scopes: "employees".into(),
        pkce: true,
        refresh_lifetime_secs: None,
    })
    .validate("fuzz-app".into(), 0)
    {
        Ok(valid) => valid.profile,
        Err(e) => panic!("the fuzzers' application is valid: {e}"),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime")
}

/// Gives one answer to the first request, and a lost connection to any after it.
struct OneAnswer(Mutex<Option<Answer>>);

impl OneAnswer {
    fn new(answer: Answer) -> Arc<Self> {
        Arc::new(OneAnswer(Mutex::new(Some(answer))))
    }
}

impl HttpClient for OneAnswer {
    fn send(
        &self,
        _request: oauth2::HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, HttpFailure>> + Send + Sync + '_>> {
        let answer = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        Box::pin(async move { answer.ok_or_else(|| HttpFailure::Lost("one answer only".into())) })
    }
}

/// The committed corpora (`fuzz/corpus/<target>/`), replayed as plain tests: every input a fuzzer
/// kept runs here on the stable toolchain, and so does every crash it found (`make reliability`
/// copies a crashing input into the corpus, so this fails until the crash is fixed).
#[cfg(test)]
mod corpus_replay {
    use std::path::PathBuf;

    fn replay(target: &str, entry: fn(&[u8])) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/corpus")
            .join(target);
        let mut count = 0;
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("the corpus {} is missing: {e}", dir.display()));
        for file in entries {
            let path = file.expect("a corpus entry").path();
            let data = std::fs::read(&path).expect("a corpus file");
            let outcome = std::panic::catch_unwind(|| entry(&data));
            assert!(outcome.is_ok(), "{} fails on {}", target, path.display());
            count += 1;
        }
        assert!(
            count >= 10,
            "{target}: only {count} inputs in {}",
            dir.display()
        );
    }

    #[test]
    fn callback_text() {
        replay("callback_text", super::callback_text);
    }

    #[test]
    fn token_answer() {
        replay("token_answer", super::token_answer);
    }

    #[test]
    fn credentials_answer() {
        replay("credentials_answer", super::credentials_answer);
    }

    #[test]
    fn registry_file() {
        replay("registry_file", super::registry_file);
    }
}
