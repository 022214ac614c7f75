//! The engine against hostile input and races: answers that belong to another authorization, PKCE
//! that must not be dropped, revoke that must leave nothing usable, a keychain that refuses to
//! store tokens the server already issued, forget racing a refresh, and answers too big to read.
//! Each test names the defect of issue 6 it pins.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use common::{FaultServer, Mode, begin, connect, redirect_for, stored, world};
use connect_core::error::{AnswerFlaw, CallbackError, KeychainProblem, ProviderRefusal};
use connect_core::registry::Outcome;
use connect_core::{AnswerSource, AttentionReason, ErrorCode};

/// Defect 1: an answer pasted into one wait that carries another authorization's state.
#[tokio::test]
async fn a_paste_for_another_authorization_is_refused_and_both_keep_waiting() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let mine = begin(&w);
    let other = begin(&w);
    let err = w
        .engine
        .complete(
            &redirect_for(&other, "code-for-the-other"),
            AnswerSource::Paste {
                pending: Some(&mine.state_hash),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(*err.code(), CallbackError::BelongsToAnother.into());
    assert!(
        server.requests("POST /oauth/token").is_empty(),
        "a code was exchanged"
    );
    assert_eq!(w.engine.outcome(&mine.state_hash).unwrap(), None);
    assert_eq!(w.engine.outcome(&other.state_hash).unwrap(), None);

    // Both still complete with their own answers.
    let ok = w
        .engine
        .complete(&redirect_for(&other, "c2"), AnswerSource::DeepLink)
        .await
        .unwrap();
    assert_eq!(ok.state_hash, other.state_hash);
    w.engine
        .complete(
            &redirect_for(&mine, "c1"),
            AnswerSource::Paste {
                pending: Some(&mine.state_hash),
            },
        )
        .await
        .unwrap();
}

/// Defect 1: the deep link and a paste of the same answer, at once, are one success.
#[tokio::test]
async fn a_deep_link_and_a_paste_of_the_same_answer_both_succeed() {
    let server = FaultServer::start().await;
    server.set(Mode::Slow).await;
    let w = world(&server.url);
    let start = begin(&w);
    let answer = redirect_for(&start, "the-code");
    let (link, paste) = tokio::join!(w.engine.complete(&answer, AnswerSource::DeepLink), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        w.engine
            .complete(
                &answer,
                AnswerSource::Paste {
                    pending: Some(&start.state_hash),
                },
            )
            .await
    });
    let (link, paste) = (link.unwrap(), paste.unwrap());
    assert_eq!(link.account.id, paste.account.id);
    assert_eq!(
        server.requests("POST /oauth/token").len(),
        1,
        "the code was exchanged twice"
    );
}

/// Defect 1, the other order: the paste is being exchanged when the deep link arrives. The link
/// is a success too, not "already completed".
#[tokio::test]
async fn a_paste_then_the_deep_link_of_the_same_answer_both_succeed() {
    let server = FaultServer::start().await;
    server.set(Mode::Slow).await;
    let w = world(&server.url);
    let start = begin(&w);
    let answer = redirect_for(&start, "the-code");
    let (paste, link) = tokio::join!(
        w.engine.complete(
            &answer,
            AnswerSource::Paste {
                pending: Some(&start.state_hash),
            },
        ),
        async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            w.engine.complete(&answer, AnswerSource::DeepLink).await
        }
    );
    assert_eq!(paste.unwrap().account.id, link.unwrap().account.id);
    assert_eq!(server.requests("POST /oauth/token").len(), 1);
    // Once it has ended, the same link again is a replay.
    common::assert_replayed(&w, &answer).await;
}

/// Defect 2: a pasted address (with or without a state) never retries without the verifier.
#[tokio::test]
async fn pkce_is_dropped_only_for_a_bare_pasted_code() {
    let server = FaultServer::start().await;
    server.set(Mode::RefusedGrant).await;
    let w = world(&server.url);

    for answer in [
        |s: &connect_core::engine::AuthorizationStart| redirect_for(s, "intercepted"),
        |_: &connect_core::engine::AuthorizationStart| {
            "https://tools.example/cb?code=intercepted".to_string()
        },
    ] {
        let start = begin(&w);
        server.forget_requests();
        let err = w
            .engine
            .complete(
                &answer(&start),
                AnswerSource::Paste {
                    pending: Some(&start.state_hash),
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err.code(), ErrorCode::CodeRefused { .. }), "{err}");
        let sent = server.requests("POST /oauth/token");
        assert_eq!(sent.len(), 1, "retried an address without PKCE");
        assert!(sent[0].contains("code_verifier="));
    }

    // A bare code from the dashboard's button may have been issued without PKCE: one retry.
    let start = begin(&w);
    server.forget_requests();
    let _ = w
        .engine
        .complete(
            "dashboard-code",
            AnswerSource::Paste {
                pending: Some(&start.state_hash),
            },
        )
        .await;
    let sent = server.requests("POST /oauth/token");
    assert_eq!(sent.len(), 2);
    assert!(sent[0].contains("code_verifier=") && !sent[1].contains("code_verifier="));
}

/// Defect 4: however many refreshes went unused, every token Factorial issued ends up revoked:
/// the oldest when they are let go, the rest by revoke.
#[tokio::test]
async fn after_many_refreshes_revoke_leaves_no_issued_token_unrevoked() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    for _ in 0..14 {
        w.engine.refresh("Tool", None).await.unwrap();
    }
    w.engine.revoke("Tool", None).await.unwrap();
    let revoked: String = server.requests("POST /oauth/revoke").join("\n");
    for token in server.issued_tokens() {
        assert!(
            revoked.contains(&format!("token={token}&")),
            "{token} was never revoked"
        );
    }
}

/// Defect 4: revoke after refreshes revokes the replaced pairs too.
#[tokio::test]
async fn revoke_revokes_every_pair_a_refresh_replaced() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    w.engine.refresh("Tool", None).await.unwrap();
    w.engine.refresh("Tool", None).await.unwrap();
    let token_answers = server.requests("POST /oauth/token").len();
    assert_eq!(token_answers, 3);
    server.forget_requests();
    w.engine.revoke("Tool", None).await.unwrap();
    let revoked: Vec<String> = server
        .requests("POST /oauth/revoke")
        .iter()
        .map(|r| {
            let body = r.split("\r\n\r\n").nth(1).unwrap_or_default();
            url::form_urlencoded::parse(body.as_bytes())
                .find(|(k, _)| k == "token")
                .unwrap()
                .1
                .into_owned()
        })
        .collect();
    // Answers 0, 2 and 3 were token answers (1 was the credentials call): every token of them.
    for token in ["rt-3", "at-3", "rt-2", "at-2", "rt-0", "at-0"] {
        assert!(
            revoked.iter().any(|t| t == token),
            "{token} not revoked: {revoked:?}"
        );
    }
    assert_eq!(revoked[0], "rt-3", "the current refresh token goes first");
    assert!(stored(&w).iter().all(|(k, _)| !k.ends_with(":tokens")));
}

/// Defect 5: the keychain refuses the rotated tokens; they are revoked and the admin is told.
#[tokio::test]
async fn a_keychain_that_refuses_new_tokens_revokes_them_and_says_so() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let before = stored(&w);
    w.store.refuse_token_writes.store(true, Ordering::SeqCst);
    w.store.token_write_attempts.store(0, Ordering::SeqCst);
    server.forget_requests();

    let err = w.engine.refresh("Tool", None).await.unwrap_err();
    let not_saved = ErrorCode::TokensNotSaved {
        revoked: true,
        problem: KeychainProblem::Locked,
    };
    assert_eq!(*err.code(), not_saved);
    assert_eq!(
        w.store.token_write_attempts.load(Ordering::SeqCst),
        3,
        "retried"
    );
    let revoked = server.requests("POST /oauth/revoke");
    assert!(
        revoked.iter().any(|r| r.contains("token=rt-")),
        "{revoked:?}"
    );
    assert_eq!(stored(&w), before, "the stored tokens changed");
    let (_, record) = w.engine.account("Tool", None).unwrap();
    assert_eq!(
        record.needs_reconnect,
        Some(AttentionReason::TokensNotSaved)
    );

    // The same on a first connection: nothing stored, the tokens revoked, the waiter told.
    let w = world(&server.url);
    w.store.refuse_token_writes.store(true, Ordering::SeqCst);
    let start = begin(&w);
    server.forget_requests();
    let err = w
        .engine
        .complete(&redirect_for(&start, "c"), AnswerSource::DeepLink)
        .await
        .unwrap_err();
    assert_eq!(*err.code(), not_saved);
    assert_eq!(server.requests("POST /oauth/revoke").len(), 2);
    assert_eq!(
        w.engine.outcome(&start.state_hash).unwrap(),
        Some(Outcome::Failed { error: not_saved })
    );
}

/// Defect 3: forget while another caller refreshes leaves no tokens behind.
#[tokio::test]
async fn forget_during_a_refresh_leaves_nothing_behind() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    server.set(Mode::Slow).await;
    let (refreshed, forgotten) = tokio::join!(w.engine.refresh("Tool", None), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        w.engine.forget("Tool", None).await
    });
    refreshed.unwrap();
    forgotten.unwrap();
    assert!(
        stored(&w).iter().all(|(k, _)| !k.ends_with(":tokens")),
        "an orphan token entry: {:?}",
        stored(&w)
    );
    let err = w.engine.account("Tool", None).unwrap_err();
    assert!(
        matches!(err.code(), ErrorCode::NotConnected { .. }),
        "{err}"
    );
}

/// Defect 3: revoke while another caller refreshes revokes the pair the refresh produced.
#[tokio::test]
async fn revoke_during_a_refresh_revokes_the_new_pair() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    server.set(Mode::Slow).await;
    let (refreshed, revoked) = tokio::join!(w.engine.refresh("Tool", None), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        w.engine.revoke("Tool", None).await
    });
    refreshed.unwrap();
    revoked.unwrap();
    // The refresh's answer was the third request (token, credentials, token).
    let revokes = server.requests("POST /oauth/revoke");
    assert!(
        revokes.iter().any(|r| r.contains("token=rt-2")),
        "{revokes:?}"
    );
    assert!(stored(&w).iter().all(|(k, _)| !k.ends_with(":tokens")));
}

/// Defect 10: answers are bounded and server text is stripped of control characters.
#[tokio::test]
async fn oversized_answers_are_refused_and_server_text_is_made_plain() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    server.set(Mode::Huge).await;
    let err = connect(&w).await.unwrap_err();
    let too_large = |err: &connect_core::Error| {
        matches!(
            err.code(),
            ErrorCode::BadResponse {
                flaw: AnswerFlaw::TooLarge { limit_kib: 64 },
                ..
            }
        )
    };
    assert!(too_large(&err), "{err}");

    // The same when the answer does not announce its length.
    server.set(Mode::HugeChunked).await;
    let err = connect(&w).await.unwrap_err();
    assert!(too_large(&err), "{err}");

    server.set(Mode::Ok).await;
    connect(&w).await.unwrap();
    server.set(Mode::EscapedErrorCode).await;
    let err = w.engine.refresh("Tool", None).await.unwrap_err();
    let ErrorCode::ProviderRefused {
        refusal: ProviderRefusal::Other { error_code },
        ..
    } = err.code()
    else {
        panic!("{err}");
    };
    assert!(!error_code.chars().any(char::is_control), "{error_code:?}");
    server.set(Mode::RefusedGrantWithEscapes).await;
    let err = w.engine.refresh("Tool", None).await.unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::ReconnectNeeded {
            description: Some("Bad[U+001B][2K[U+001B][1Agrant [U+202E]evil".into())
        }
    );
}

/// Events instead of polling: a change made by another engine over the same folder (another
/// process) is heard without asking.
#[tokio::test]
async fn a_change_by_another_process_is_heard() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let _watch = w
        .engine
        .watch(move || {
            let _ = tx.send(());
        })
        .unwrap();
    let other = connect_core::Engine::with_vault(
        w.dir.path(),
        connect_core::vault::Vault::new(w.store.clone()),
        connect_core::engine::Settings::default(),
        connect_core::engine::system_clock(),
    )
    .unwrap();
    // Let the watch settle, then forget what opening the other engine may have stirred.
    tokio::time::sleep(Duration::from_millis(100)).await;
    while rx.try_recv().is_ok() {}
    other.remove_app("Tool").await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("no change was heard")
        .unwrap();
    assert!(w.engine.status().unwrap().is_empty());
}

/// The answer usually reaches the process that asked, which keeps the verifier in memory; when it
/// reaches another (a window that restarted, or a command line), the keychain's copy is used. Either
/// way Factorial gets the verifier of that request, and none is left in the keychain.
#[tokio::test]
async fn the_verifier_comes_from_memory_or_the_keychain_and_none_is_left() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let key = |start: &connect_core::engine::AuthorizationStart| {
        format!("pending:{}:pkce-verifier", start.state_hash)
    };
    // Completes `start` in `engine`; Factorial must get `verifier`, and the keychain keep none.
    let answer = async |engine: &connect_core::Engine,
                        start: &connect_core::engine::AuthorizationStart,
                        verifier: &str| {
        server.forget_requests();
        engine
            .complete(&redirect_for(start, "the-code"), AnswerSource::DeepLink)
            .await
            .unwrap();
        let sent = server.requests("POST /oauth/token");
        let wanted = format!("code_verifier={verifier}");
        assert!(sent[0].contains(&wanted), "{}", sent[0]);
        assert!(
            stored(&w).iter().all(|(k, _)| !k.starts_with("pending:")),
            "a verifier was left behind"
        );
    };
    let verifier_of = |start| {
        let key = key(start);
        stored(&w).into_iter().find(|(k, _)| *k == key).unwrap().1
    };

    let start = begin(&w);
    let own = verifier_of(&start);
    // Only the memory can give it now: the answer needs no keychain read for it.
    connect_core::vault::SecretStore::delete(&w.store, &key(&start)).unwrap();
    answer(&w.engine, &start, &own).await;

    // Another process: the same data folder and keychain, none of the first one's memory.
    let start = begin(&w);
    let kept = verifier_of(&start);
    let clock_now = w.now.load(Ordering::SeqCst);
    let other = connect_core::Engine::with_vault(
        w.dir.path(),
        connect_core::vault::Vault::new(w.store.clone()),
        connect_core::Settings::default(),
        std::sync::Arc::new(move || clock_now),
    )
    .unwrap();
    answer(&other, &start, &kept).await;
}
