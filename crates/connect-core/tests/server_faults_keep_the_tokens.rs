//! Faults a real OAuth server will not produce on demand — a 500, an HTML page instead of JSON, a
//! server that never answers, a refused connection, a body cut short — served by a tiny loopback
//! server, plus an expired authorization under a movable clock. Each must end in a plain message
//! and leave every stored token exactly as it was.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use std::sync::atomic::Ordering;

use common::{FaultServer, Mode, connect, stored, world};
use connect_core::AnswerSource;
use connect_core::ErrorCode;
use connect_core::error::{AnswerFlaw, CallbackError, Malformed};
use connect_core::identity::AccountKind;
use connect_core::registry::{Origin, Outcome};

#[tokio::test]
async fn exchange_faults_end_in_plain_messages_and_are_recorded_for_waiters() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let host = server.url.trim_start_matches("http://").to_string();
    let bad = |status: Option<u16>, flaw: AnswerFlaw| ErrorCode::BadResponse {
        host: host.clone(),
        status,
        flaw,
    };
    let cases = [
        (
            Mode::ServerError,
            ErrorCode::ServerError {
                host: host.clone(),
                status: 500,
            },
        ),
        // A proxy's or a sign-in page: its own words, not "an answer we do not understand".
        (
            Mode::HtmlPage,
            ErrorCode::WebPageInstead {
                host: host.clone(),
                status: 200,
            },
        ),
        (Mode::Silent, ErrorCode::Timeout { host: host.clone() }),
        (Mode::CutShort, bad(Some(200), AnswerFlaw::CutShort)),
    ];
    for (mode, code) in cases {
        server.set(mode).await;
        let err = connect(&w).await.unwrap_err();
        assert_eq!(*err.code(), code, "{mode:?}: {err}");
        assert!(
            !err.to_string().contains("the-code") && !err.developer_detail().contains("csecret")
        );
    }
    assert!(
        stored(&w).iter().all(|(k, _)| !k.contains(":tokens")),
        "a failed exchange stored tokens"
    );
    assert!(
        stored(&w).iter().all(|(k, _)| !k.starts_with("pending:")),
        "verifiers left behind"
    );
}

#[tokio::test]
async fn refresh_faults_keep_every_stored_token() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let connected = connect(&w).await.unwrap();
    assert_eq!(connected.account.id, "user-12");
    let before = stored(&w);
    for mode in [
        Mode::ServerError,
        Mode::HtmlPage,
        Mode::Silent,
        Mode::CutShort,
        Mode::RefusedGrant,
    ] {
        server.set(mode).await;
        let err = w.engine.refresh("Tool", None).await.unwrap_err();
        assert_eq!(
            stored(&w),
            before,
            "{mode:?} changed the stored tokens: {err}"
        );
        if mode == Mode::RefusedGrant {
            assert!(
                matches!(err.code(), ErrorCode::ReconnectNeeded { .. }),
                "{err}"
            );
        }
    }
    let (_, record) = w.engine.account("Tool", None).unwrap();
    assert!(record.needs_reconnect.is_some());

    server.set(Mode::Ok).await;
    w.engine.refresh("Tool", None).await.unwrap();
    assert_ne!(stored(&w), before);
    let (_, record) = w.engine.account("Tool", None).unwrap();
    assert!(
        record.needs_reconnect.is_none(),
        "a good refresh clears the warning"
    );
}

#[tokio::test]
async fn a_refused_connection_says_the_server_cannot_be_reached() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let w = world(&format!("http://127.0.0.1:{port}"));
    let err = connect(&w).await.unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::Network {
            host: format!("127.0.0.1:{port}")
        }
    );
}

#[tokio::test]
async fn cancel_says_whether_it_stopped_the_authorization() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    // Still waiting for the browser: cancelled, and a late answer is refused.
    let waiting = common::begin(&w);
    assert!(w.engine.cancel(&waiting.state_hash).unwrap());
    assert_eq!(
        w.engine.outcome(&waiting.state_hash).unwrap(),
        Some(Outcome::Cancelled)
    );
    // The answer arrived and Factorial is slow to exchange it: too late, the connection goes on
    // and its outcome is recorded, so a window that pressed Cancel can still say who connected.
    server.set(Mode::Slow).await;
    let answered = common::begin(&w);
    let link = common::redirect_for(&answered, "the-code");
    let (connected, cancelled) =
        tokio::join!(w.engine.complete(&link, AnswerSource::DeepLink), async {
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            w.engine.cancel(&answered.state_hash).unwrap()
        });
    assert!(
        !cancelled,
        "a claimed authorization was reported as cancelled"
    );
    connected.unwrap();
    assert!(matches!(
        w.engine.outcome(&answered.state_hash).unwrap(),
        Some(Outcome::Connected { .. })
    ));
    // Once it ended, cancelling again changes nothing.
    assert!(!w.engine.cancel(&answered.state_hash).unwrap());
}

#[tokio::test]
async fn an_expired_authorization_is_refused_and_recorded() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let start = w
        .engine
        .begin_authorization("Tool", AccountKind::User, Origin::Window)
        .unwrap();
    let state = url::Url::parse(&start.url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    w.now.fetch_add(10 * 60 + 1, Ordering::SeqCst);
    let answer = format!("factorial-connect://oauth/callback?code=c&state={state}");
    let err = w
        .engine
        .complete(&answer, AnswerSource::DeepLink)
        .await
        .unwrap_err();
    let expired = ErrorCode::from(CallbackError::Expired { minutes: 10 });
    // The process the link reached says it came as a link (the admin pasted nothing); the window
    // that waited hears of its own authorization's end.
    assert_eq!(*err.code(), expired.clone().of_link());
    assert_eq!(
        w.engine.outcome(&start.state_hash).unwrap(),
        Some(Outcome::Failed { error: expired })
    );
    // And it stays used: a second try is a replay, not a second chance.
    common::assert_replayed(&w, &answer).await;
}

#[tokio::test]
async fn a_deep_link_without_state_or_with_a_bare_code_is_refused() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    w.engine
        .begin_authorization("Tool", AccountKind::User, Origin::Cli)
        .unwrap();
    // Any web page can open our scheme: a link must prove it answers our request.
    let err = w
        .engine
        .complete(
            "factorial-connect://oauth/callback?code=attacker",
            AnswerSource::DeepLink,
        )
        .await
        .unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::from(CallbackError::Malformed {
            why: Malformed::LinkWithoutState
        })
        .of_link()
    );
    // The same code pasted by the user is theirs to give.
    let ok = w
        .engine
        .complete(
            "factorial-connect://oauth/callback?code=mine",
            AnswerSource::Paste { pending: None },
        )
        .await
        .unwrap();
    assert_eq!(ok.account.label, "Ana <ana@acme.test>");
}
