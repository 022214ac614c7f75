//! The reliability suite's end-to-end parts (`make reliability`, issue 10), through the real
//! binaries, the Doorkeeper sandbox and the real keychain. Ignored by `make test`, which only builds
//! them: they start dozens of processes at once and belong to the suite that tries to lose data.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use support::webdriver::one_window;
use support::{Sandbox, connected_with};

/// Fifty scripts ask for a token at once, each its own process, while the window's keep-alive
/// runs every second, on an account whose access token is about to run out. The server uses
/// immediate rotation, so a second refresh would present a spent refresh token and be refused.
/// Exactly one refresh reaches it (counted there), and all fifty get the same token, which it
/// accepts.
#[test]
#[ignore = "part of make reliability"]
fn fifty_token_calls_at_once_make_one_refresh() {
    let _one = one_window();
    let sandbox = Sandbox::private("immediate");
    // Six seconds: `token` refreshes anything with under a minute left, and the window's
    // keep-alive is due three quarters in, so both want this pair refreshed during the burst.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 6}),
    );
    let (_company, oauth, desk) = connected_with(&sandbox, "Busy", &[]);
    let connected = Instant::now();
    let issued_before = sandbox.tokens(&oauth.client_id).len();
    // The pair the one refresh brings lives an hour: nobody has a reason to refresh it again. And
    // Factorial is slow to answer (two seconds), so all fifty are waiting while the first refresh
    // is on its way: each must then find the new pair instead of refreshing the spent one.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 3600, "token_delay_ms": 2000}),
    );

    let mut window = desk
        .command(&[])
        .env("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    if let Some(wait) = Duration::from_secs(4).checked_sub(connected.elapsed()) {
        std::thread::sleep(wait);
    }

    let calls: Vec<_> = (0..50)
        .map(|_| {
            desk.command(&["token", "Busy"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let answers: Vec<_> = calls
        .into_iter()
        .map(|call| call.wait_with_output().unwrap())
        .collect();
    // A keep-alive round after the burst, which must not refresh again either.
    std::thread::sleep(Duration::from_secs(2));
    window.kill().unwrap();
    let _ = window.wait();

    for answer in &answers {
        assert!(
            answer.status.success(),
            "a call failed: {}",
            String::from_utf8_lossy(&answer.stderr)
        );
    }
    let tokens: std::collections::BTreeSet<_> = answers
        .iter()
        .map(|a| String::from_utf8_lossy(&a.stdout).trim().to_string())
        .collect();
    assert_eq!(
        tokens.len(),
        1,
        "the calls got {} different tokens",
        tokens.len()
    );
    let refreshes = sandbox.tokens(&oauth.client_id).len() - issued_before;
    eprintln!("50 token calls and the window: {refreshes} refresh");
    assert_eq!(refreshes, 1, "refreshes that reached the server");
    let token = tokens.into_iter().next().unwrap();
    assert_eq!(sandbox.credentials_with_curl(&token).0, 200);
}
