//! Living with tokens after the connection: refresh that rotates (and survives a lost answer),
//! automatic refresh in `token`, revoke, and every way an authorization answer is refused.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::time::Duration;

use support::lossy_proxy::LossyProxy;
use support::{BIN, Desk, Sandbox, admin_scene};

const REDIRECT: &str = "factorial-connect://oauth/callback";

fn token(desk: &Desk, app: &str) -> String {
    let run = desk.run(&["token", app], "");
    assert!(run.ok(), "token failed: {run:?}");
    run.stdout.trim().to_string()
}

fn stored_tokens(desk: &Desk) -> String {
    desk.tokens_entry().expect("tokens in the keychain")
}

#[test]
fn refresh_rotates_and_survives_a_lost_answer() {
    let sandbox = Sandbox::shared();
    let proxy = LossyProxy::start(&sandbox.url);
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.sandbox_url = proxy.url.clone(); // the app talks to Factorial through a flaky line
    desk.add_app("Flaky", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Flaky"], "").ok());
    let first = token(&desk, "Flaky");

    // A plain refresh rotates both tokens; using the new access token retires the old pair.
    let refreshed = desk.run(&["refresh", "Flaky"], "");
    assert!(refreshed.ok(), "{refreshed:?}");
    let second = token(&desk, "Flaky");
    assert_ne!(first, second);
    assert_eq!(sandbox.credentials_with_curl(&second).0, 200);
    let rows = sandbox.tokens(&oauth.client_id);
    let old = rows.iter().find(|t| t["token"] == first.as_str()).unwrap();
    assert_eq!(
        old["revoked"], true,
        "the old token should be retired once the new one is used"
    );

    // The answer to the next refresh is lost after the server rotated: the user is told, and the
    // stored tokens are exactly what they were.
    let before = stored_tokens(&desk);
    proxy.lose_next_refresh_answer();
    let lost = desk.run(&["refresh", "Flaky"], "");
    assert_eq!(lost.code, Some(5), "{lost:?}");
    assert!(
        lost.stderr.contains("broke before its answer arrived"),
        "{}",
        lost.stderr
    );
    assert_eq!(proxy.dropped.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        stored_tokens(&desk),
        before,
        "a failed refresh changed the stored tokens"
    );
    assert_eq!(token(&desk, "Flaky"), second);

    // Trying again with the stored refresh token works (Doorkeeper keeps it until the new access
    // token is first used), and the new token is good.
    let retried = desk.run(&["refresh", "Flaky"], "");
    assert!(
        retried.ok(),
        "retry after a lost answer failed: {retried:?}"
    );
    let third = token(&desk, "Flaky");
    assert_ne!(third, second);
    assert_eq!(sandbox.credentials_with_curl(&third).0, 200);
    let whoami = desk.run(&["whoami", "Flaky"], "");
    assert!(whoami.stdout.contains(&company.admin_email), "{whoami:?}");
}

#[test]
fn with_immediate_rotation_a_lost_answer_asks_to_reconnect_and_keeps_the_tokens() {
    let sandbox = Sandbox::immediate();
    let proxy = LossyProxy::start(&sandbox.url);
    let (_company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.sandbox_url = proxy.url.clone();
    desk.add_app("Strict", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Strict"], "").ok());
    let before = stored_tokens(&desk);

    proxy.lose_next_refresh_answer();
    assert_eq!(desk.run(&["refresh", "Strict"], "").code, Some(5));
    let again = desk.run(&["refresh", "Strict"], "");
    assert_eq!(again.code, Some(4), "{again:?}");
    assert!(
        again.stderr.contains("Connect the account again"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("The stored tokens were kept"),
        "{}",
        again.stderr
    );
    assert_eq!(stored_tokens(&desk), before);
    let status = desk.run(&["status"], "");
    assert!(
        status.stdout.contains("needs you to connect again"),
        "{}",
        status.stdout
    );

    // Connecting again clears it.
    assert!(desk.run(&["authorize", "Strict"], "").ok());
    let status = desk.run(&["status"], "");
    assert!(
        !status.stdout.contains("needs you to connect again"),
        "{}",
        status.stdout
    );
}

#[test]
fn token_refreshes_by_itself_when_it_expires_within_a_minute() {
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 30}),
    );
    let (_company, oauth, desk) = admin_scene(&sandbox, true);
    desk.add_app("Short", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Short"], "").ok());
    let issued = sandbox.tokens(&oauth.client_id)[0]["token"]
        .as_str()
        .unwrap()
        .to_string();

    let printed = token(&desk, "Short");
    assert_ne!(
        printed, issued,
        "a token that expires in 30 s was not refreshed first"
    );
    assert_eq!(sandbox.credentials_with_curl(&printed).0, 200);

    // Two scripts asking at once while the token is about to expire refresh once between them:
    // the second waits for the first, then finds fresh tokens (refresh tokens rotate, so a second
    // refresh with the spent one would fail).
    assert!(desk.run(&["refresh", "Short"], "").ok()); // a new 30 s token: due again
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 3600}),
    );
    let count_before = sandbox.tokens(&oauth.client_id).len();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let child = desk
                .command(&["token", "Short"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            std::thread::spawn(move || support::wait_with_timeout(child, Duration::from_secs(60)))
        })
        .collect();
    let outputs: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for o in &outputs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        outputs[0].stdout, outputs[1].stdout,
        "both scripts get the same fresh token"
    );
    assert_eq!(
        sandbox.tokens(&oauth.client_id).len(),
        count_before + 1,
        "exactly one refresh for two concurrent callers"
    );
}

#[test]
fn revoke_ends_the_token_at_factorial_and_here() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Done", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Done"], "").ok());
    let live = token(&desk, "Done");

    let revoked = desk.run(&["revoke", "Done"], "");
    assert!(revoked.ok(), "{revoked:?}");
    assert_eq!(sandbox.credentials_with_curl(&live).0, 401);
    assert!(!desk.keychain().iter().any(|(n, _)| n.ends_with(":tokens")));
    let after = desk.run(&["token", "Done"], "");
    assert_eq!(after.code, Some(3));
    assert!(
        after
            .stderr
            .contains("is not connected to any Factorial account yet"),
        "{}",
        after.stderr
    );

    // forget: only here; the token still works at Factorial.
    assert!(desk.run(&["authorize", "Done"], "").ok());
    let kept = token(&desk, "Done");
    assert!(desk.run(&["forget", "Done"], "").ok());
    assert_eq!(sandbox.credentials_with_curl(&kept).0, 200);
    assert!(!desk.keychain().iter().any(|(n, _)| n.ends_with(":tokens")));

    // apps remove takes the client secret out of the keychain too.
    assert!(desk.run(&["apps", "remove", "Done"], "").ok());
    assert!(desk.keychain().is_empty(), "{:?}", desk.keychain());
}

/// Revoke once the access token has expired, after refreshes whose new tokens nobody used (so
/// Doorkeeper, rotating on use, still honours the refresh tokens they replaced): Factorial takes
/// none of the refresh tokens the account ever held afterwards. Doorkeeper's revoke endpoint
/// alone does nothing to a refresh token whose access token has expired, and says 200.
#[test]
fn revoke_after_the_token_expired_ends_every_refresh_token_it_held() {
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 2}),
    );
    let (_company, oauth, desk) = admin_scene(&sandbox, true);
    desk.add_app("Gone", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Gone"], "").ok());
    // Each call refreshes (under a minute left), and nothing uses the new access tokens.
    token(&desk, "Gone");
    token(&desk, "Gone");
    std::thread::sleep(Duration::from_secs(3));
    let held: Vec<String> = sandbox
        .tokens(&oauth.client_id)
        .iter()
        .filter_map(|t| t["refresh_token"].as_str().map(str::to_string))
        .collect();
    assert_eq!(held.len(), 3, "a connection and two refreshes");

    let revoked = desk.run(&["revoke", "Gone"], "");
    assert!(revoked.ok(), "{revoked:?}");
    for (n, refresh_token) in held.iter().enumerate() {
        let (status, answer) = sandbox.refresh_with_curl(&oauth, refresh_token);
        assert_eq!(
            (status, answer["error"].as_str()),
            (400, Some("invalid_grant")),
            "refresh token {n} of {} still works after revoke",
            held.len()
        );
    }
}

#[test]
fn every_refused_answer_says_why_and_nothing_crashes() {
    let sandbox = Sandbox::shared();
    let company = sandbox.seed_company();
    let oauth = sandbox.create_app(true, REDIRECT, "employees");

    // Deny in the browser.
    let mut desk = Desk::new(sandbox, &company.admin_email, "pw-admin");
    desk.decision = "deny";
    desk.add_app("Tool", &oauth, true, &[]);
    let denied = desk.run(&["authorize", "Tool"], "");
    assert_eq!(denied.code, Some(7), "{denied:?}");
    assert!(
        denied.stderr.contains("Access was denied"),
        "{}",
        denied.stderr
    );

    // Replay of a link that already worked.
    desk.decision = "approve";
    assert!(desk.run(&["authorize", "Tool"], "").ok());
    let used = desk.redirects().last().cloned().unwrap();
    let replay = desk.run(&[&used], "");
    assert_eq!(replay.code, Some(7), "{replay:?}");
    assert!(
        replay.stderr.contains("already completed"),
        "{}",
        replay.stderr
    );

    // A link with a forged state, malformed links, an oversized one: refused, never a panic.
    let forged = used.replace("state=", "state=forged");
    let long = format!(
        "factorial-connect://oauth/callback?code={}&state=x",
        "a".repeat(5000)
    );
    let cases: [(&str, &str); 5] = [
        (&forged, "answers no authorization started here"),
        ("factorial-connect://oauth/callback", "has no code"),
        (
            "factorial-connect://oauth/callback?code=a&code=b&state=s",
            "repeats the code",
        ),
        (
            "factorial-connect://somewhere/else?code=a&state=s",
            "only handles factorial-connect://oauth/callback",
        ),
        (&long, "too long"),
    ];
    for (link, expected) in cases {
        let run = desk.run(&[link], "");
        assert_eq!(run.code, Some(7), "{link}: {run:?}");
        assert!(run.stderr.contains(expected), "{link}: {}", run.stderr);
        // Nobody pasted anything: a link nobody asked for is said to be one.
        assert!(
            run.stderr.contains("may have opened it") && !run.stderr.contains("Paste"),
            "{link}: {}",
            run.stderr
        );
    }

    // A wrong client secret: Factorial refuses the exchange; the message says what to check.
    let wrong = support::OAuthApp {
        client_id: oauth.client_id.clone(),
        client_secret: "not-the-secret".into(),
    };
    let desk2 = Desk::new(sandbox, &company.admin_email, "pw-admin");
    desk2.add_app("Wrong secret", &wrong, true, &[]);
    let refused = desk2.run(&["authorize", "Wrong secret"], "");
    assert_eq!(refused.code, Some(7), "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("did not accept the client ID or client secret"),
        "{}",
        refused.stderr
    );

    // A redirect URI that does not match Factorial's: the browser shows an error page and never
    // comes back, so the wait ends with a clear message instead of hanging.
    let desk3 = Desk::new(sandbox, &company.admin_email, "pw-admin");
    desk3.add_app(
        "Bad redirect",
        &oauth,
        true,
        &["--redirect-uri", "https://wrong.example/cb"],
    );
    let stuck = desk3.run(&["authorize", "Bad redirect", "--timeout", "4"], "");
    assert_eq!(stuck.code, Some(7), "{stuck:?}");
    assert!(
        stuck
            .stderr
            .contains("No answer came back from the browser within 4 seconds"),
        "{}",
        stuck.stderr
    );
    assert!(
        desk3
            .redirects()
            .iter()
            .any(|l| l.starts_with("ERROR-PAGE")),
        "{:?}",
        desk3.redirects()
    );

    // Unknown application.
    let unknown = desk.run(&["authorize", "Nope"], "");
    assert_eq!(unknown.code, Some(3));
    assert!(
        unknown.stderr.contains("Known applications: Tool"),
        "{}",
        unknown.stderr
    );

    // The binary was never killed by a panic along the way.
    assert!(std::path::Path::new(BIN).exists());
}

/// Connecting an account again ends the session it replaces at Factorial, once the new one is
/// stored, and never revokes what the new connection holds (Doorkeeper may hand back the very same
/// still-valid access token).
#[test]
fn reconnecting_ends_the_old_session_but_never_the_new_token() {
    let sandbox = Sandbox::private("on-use");
    let (_company, oauth, desk) = admin_scene(&sandbox, true);
    desk.add_app("Again", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Again"], "").ok());
    let first = token(&desk, "Again");

    assert!(desk.run(&["authorize", "Again"], "").ok());
    let second = token(&desk, "Again");
    assert_ne!(first, second);
    assert_eq!(sandbox.credentials_with_curl(&second).0, 200);
    assert_eq!(
        sandbox.credentials_with_curl(&first).0,
        401,
        "the replaced access token still works at Factorial"
    );
    let rows = sandbox.tokens(&oauth.client_id);
    let old = rows.iter().find(|t| t["token"] == first.as_str()).unwrap();
    assert_eq!(
        old["revoked"], true,
        "the replaced pair was not revoked: {old}"
    );

    // The same access token handed back: it is the new connection's, and keeps working.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"reuse_access_token": true}),
    );
    assert!(desk.run(&["authorize", "Again"], "").ok());
    let third = token(&desk, "Again");
    assert_eq!(
        third, second,
        "the sandbox did not hand the same token back"
    );
    assert_eq!(
        sandbox.credentials_with_curl(&third).0,
        200,
        "the token handed back was revoked"
    );
}
