//! The keep-alive under a movable clock: an account refreshed hour after hour for longer than its
//! refresh token lives, network failures retried with backoff without bothering the admin, and a
//! refusal reported once. The loopback server issues an hour's access token on every exchange and
//! refresh (faults it cannot produce on demand are its reason to exist; the window's keep-alive runs
//! against the Doorkeeper sandbox in the end-to-end tests).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use std::sync::atomic::Ordering;

use common::{FaultServer, Mode, REFRESH_LIFE, World, connect, world};
use connect_core::health::Health;
use connect_core::keep_alive::{KeepAlive, KeepAliveEvent};
use connect_core::{AttentionReason, ErrorCode};

fn refreshes(server: &FaultServer) -> usize {
    server
        .requests("POST /oauth/token")
        .iter()
        .filter(|r| r.contains("grant_type=refresh_token"))
        .count()
}

fn health(w: &World) -> Health {
    w.engine.status().unwrap()[0].accounts[0].health
}

fn advance(w: &World, secs: u64) {
    w.now.fetch_add(secs, Ordering::SeqCst);
}

#[tokio::test]
async fn an_account_stays_usable_for_longer_than_its_refresh_token_lives() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();

    // Nothing is due at once: the pair is an hour old at most three quarters in.
    assert_eq!(keep_alive.round(&w.engine).await, []);
    let plan = w.engine.keep_alive_plan().unwrap();
    let due_in = plan[0].due_at - w.engine.now();
    assert!((2340..=2700).contains(&due_in), "{due_in}");

    // Three refresh-token lives (a day each here), a round every ten minutes, as a running app
    // would do: one refresh per due time, the account never needs the admin.
    let mut rounds = 0;
    while rounds * 600 < 3 * REFRESH_LIFE {
        advance(&w, 600);
        rounds += 1;
        for event in keep_alive.round(&w.engine).await {
            assert!(
                matches!(event, KeepAliveEvent::Refreshed { .. }),
                "{event:?}"
            );
        }
        assert!(
            matches!(health(&w), Health::Works { .. }),
            "{:?}",
            health(&w)
        );
    }
    // Each answer issues `rt-n`; follow the chain from the connection's pair. A refresh presents the
    // refresh token the one before it was given: no rotation was lost. The other refresh requests
    // end tokens let go of ten refreshes back (`Engine::end_token`), and present only such old ones.
    let requests = server.requests("POST /oauth/token");
    let all_issued = server.issued_tokens();
    let issued: Vec<String> = all_issued
        .iter()
        .filter(|t| t.starts_with("rt-"))
        .cloned()
        .collect();
    assert_eq!(requests.len(), issued.len(), "every token request answered");
    let presented = |r: &String| -> Option<String> {
        let at = r.find("refresh_token=")? + "refresh_token=".len();
        Some(r[at..].split('&').next()?.trim().to_string())
    };
    let mut current = issued[0].clone();
    let (mut n, mut ending) = (0, 0);
    for (k, request) in requests.iter().enumerate().skip(1) {
        let token = presented(request).expect("a refresh");
        if token == current {
            n += 1;
            current = issued[k].clone();
        } else {
            assert!(
                all_issued[..2 * k].contains(&token),
                "request {k} presented a token never issued: {token}"
            );
            ending += 1;
        }
    }
    // An hour's tokens, due 40 to 45 minutes in and found by the next ten-minute round: a refresh
    // every 40 to 50 minutes, so 3 days are 86 to 108 refreshes.
    assert!((86..=108).contains(&n), "{n} refreshes");
    assert_eq!(refreshes(&server), n + ending);
    assert!(
        ending <= 2 * n,
        "{ending} requests ending old tokens for {n} refreshes"
    );
    // The newest pair is what the account holds, with its refresh token's life ahead of it.
    let status = &w.engine.status().unwrap()[0].accounts[0];
    assert!(status.refresh_expires_at.unwrap() > w.engine.now() + REFRESH_LIFE - 3600);
    assert!(status.keep_alive_at.unwrap() > w.engine.now());
}

#[tokio::test]
async fn a_sleeping_computer_refreshes_once_when_it_wakes() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    // Asleep for five hours: the access token expired long ago, the refresh token still lives.
    advance(&w, 5 * 3600);
    let events = keep_alive.round(&w.engine).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(refreshes(&server), 1);
    assert_eq!(keep_alive.round(&w.engine).await, []);
    assert_eq!(refreshes(&server), 1, "refreshed twice on waking");
}

#[tokio::test]
async fn network_failures_are_retried_with_backoff_and_never_need_the_admin() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    advance(&w, 2700);
    for mode in [Mode::ServerError, Mode::HtmlPage] {
        server.set(mode).await;
        let before = refreshes(&server);
        let events = keep_alive.round(&w.engine).await;
        let [
            KeepAliveEvent::WillRetry {
                retry_at, error, ..
            },
        ] = events.as_slice()
        else {
            panic!("{mode:?}: {events:?}");
        };
        assert!(
            matches!(
                error,
                ErrorCode::ServerError { .. } | ErrorCode::WebPageInstead { .. }
            ),
            "{error:?}"
        );
        assert!(*retry_at > w.engine.now());
        assert_eq!(refreshes(&server), before + 1);
        // Not before the retry time, however often the rounds come.
        assert_eq!(keep_alive.round(&w.engine).await, []);
        assert_eq!(refreshes(&server), before + 1);
        assert!(!matches!(health(&w), Health::NeedsAdmin { .. }));
        w.now.store(*retry_at, Ordering::SeqCst);
    }
    // The network is back: the next round refreshes and the retries are forgotten.
    server.set(Mode::Ok).await;
    let events = keep_alive.round(&w.engine).await;
    assert!(
        matches!(events.as_slice(), [KeepAliveEvent::Refreshed { .. }]),
        "{events:?}"
    );
    assert!(matches!(health(&w), Health::Works { .. }));
}

#[tokio::test]
async fn an_unreachable_factorial_is_tried_again_as_soon_as_it_answers() {
    let server = FaultServer::start().await;
    let address = server.url.trim_start_matches("http://").to_string();
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    advance(&w, 2700);

    // Offline: no connection can be made. The account waits, untouched, and is not marked.
    server.unplug().await;
    let events = keep_alive.round(&w.engine).await;
    let [
        KeepAliveEvent::WillRetry {
            retry_at, error, ..
        },
    ] = events.as_slice()
    else {
        panic!("{events:?}");
    };
    assert!(matches!(error, ErrorCode::Network { .. }), "{error:?}");
    let retry_at = *retry_at;
    for _ in 0..3 {
        advance(&w, 10);
        assert_eq!(keep_alive.round(&w.engine).await, []);
    }
    assert!(
        !matches!(health(&w), Health::NeedsAdmin { .. }),
        "{:?}",
        health(&w)
    );
    assert!(w.engine.now() < retry_at);

    // The network is back well before the backoff's end: the next round finds Factorial answering
    // and refreshes then, once, instead of waiting out the backoff.
    let back = FaultServer::start_at(&address).await;
    advance(&w, 10);
    assert!(w.engine.now() < retry_at);
    let events = keep_alive.round(&w.engine).await;
    assert!(
        matches!(events.as_slice(), [KeepAliveEvent::Refreshed { .. }]),
        "{events:?}"
    );
    assert_eq!(refreshes(&back), 1);
    // What it asked before refreshing carried nothing secret.
    let asked = back.requests("HEAD ");
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(!asked[0].contains("Authorization"), "{asked:?}");
    assert_eq!(keep_alive.round(&w.engine).await, []);
    assert_eq!(refreshes(&back), 1);
    assert!(matches!(health(&w), Health::Works { .. }));
}

#[tokio::test]
async fn a_server_that_answers_but_fails_waits_out_its_backoff() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    advance(&w, 2700);
    server.set(Mode::ServerError).await;
    assert_eq!(keep_alive.round(&w.engine).await.len(), 1);
    server.forget_requests();
    // Reached and failing: no asking whether it answers, no refresh before the retry time.
    for _ in 0..5 {
        advance(&w, 10);
        assert_eq!(keep_alive.round(&w.engine).await, []);
    }
    assert_eq!(server.requests("").len(), 0, "{:?}", server.requests(""));
}

#[tokio::test]
async fn a_refusal_needs_the_admin_and_is_reported_once() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    advance(&w, 2700);
    server.set(Mode::RefusedGrant).await;
    let events = keep_alive.round(&w.engine).await;
    assert!(
        matches!(
            events.as_slice(),
            [KeepAliveEvent::NeedsAdmin {
                reason: AttentionReason::Refused,
                ..
            }]
        ),
        "{events:?}"
    );
    assert_eq!(
        health(&w),
        Health::NeedsAdmin {
            reason: AttentionReason::Refused
        }
    );
    let tried = refreshes(&server);
    for _ in 0..5 {
        advance(&w, 3600);
        assert_eq!(keep_alive.round(&w.engine).await, []);
    }
    assert_eq!(refreshes(&server), tried, "kept trying a refused account");
    assert_eq!(
        w.engine.status().unwrap()[0].accounts[0].keep_alive_at,
        None
    );
}

#[tokio::test]
async fn a_paused_keep_alive_does_nothing() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    keep_alive.set_paused(true);
    advance(&w, 5 * 3600);
    assert_eq!(keep_alive.round(&w.engine).await, []);
    assert_eq!(refreshes(&server), 0);
    keep_alive.set_paused(false);
    assert_eq!(keep_alive.round(&w.engine).await.len(), 1);
}

#[tokio::test]
async fn a_refresh_by_someone_else_moves_the_keep_alive_on() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let keep_alive = KeepAlive::default();
    // A script refreshed a moment before the keep-alive's time came.
    advance(&w, 2200);
    w.engine.refresh("Tool", None).await.unwrap();
    advance(&w, 600);
    assert_eq!(keep_alive.round(&w.engine).await, []);
    assert_eq!(
        refreshes(&server),
        1,
        "refreshed a pair that was minutes old"
    );
}

#[tokio::test]
async fn the_admin_hears_of_a_refresh_token_running_out_only_when_nothing_refreshed_it() {
    use connect_core::keep_alive::Notice;
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let notice = |w: &World| {
        let status = w.engine.status().unwrap();
        let record = &status[0].accounts[0].account;
        record.notice(&status[0].app, w.engine.now())
    };
    let keep_alive = KeepAlive::default();
    // Kept alive for two refresh-token lives: never a word.
    for _ in 0..2 * 24 * 6 {
        advance(&w, 600);
        keep_alive.round(&w.engine).await;
        assert_eq!(notice(&w), None);
    }
    // Paused (or the app off): once the refresh token enters its last seventh, the admin hears.
    keep_alive.set_paused(true);
    let ends = w.engine.status().unwrap()[0].accounts[0]
        .refresh_expires_at
        .unwrap();
    w.now.store(ends - REFRESH_LIFE / 7 - 60, Ordering::SeqCst);
    assert_eq!(notice(&w), None);
    advance(&w, 120);
    assert!(
        matches!(notice(&w), Some(Notice::RefreshEndsSoon { at }) if at > w.engine.now()),
        "{:?}",
        notice(&w)
    );
    // Running again, the keep-alive refreshes it and the notice is gone.
    keep_alive.set_paused(false);
    keep_alive.round(&w.engine).await;
    assert_eq!(notice(&w), None);
    // A refusal is a notice of its own.
    advance(&w, 3600);
    server.set(Mode::RefusedGrant).await;
    keep_alive.round(&w.engine).await;
    assert_eq!(
        notice(&w),
        Some(Notice::NeedsAdmin {
            reason: AttentionReason::Refused
        })
    );
}
