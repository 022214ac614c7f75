//! Staying connected by itself, through the real binaries, the Doorkeeper sandbox and the real
//! keychain: the app, sitting in the tray, keeps a user account usable across several lives of its refresh
//! token (the sandbox refuses older ones, as Factorial does after a week), while the same account
//! left alone dies; and scripts get tokens through `token --json` and `exec` without ever holding a
//! refresh token or seeing the token on a command line.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::dunst::Dunst;
use support::tray::Watcher;
use support::webdriver::{Driver, one_window};
use support::{Desk, Random, Sandbox, connected_with, eventually};

/// Sandbox lifetimes: user access tokens 3 s, refresh tokens 4 s.
const ACCESS_TTL: u64 = 3;
const REFRESH_TTL: u64 = 4;

fn short_lived_sandbox() -> Sandbox {
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": ACCESS_TTL, "refresh_token_ttl": REFRESH_TTL}),
    );
    sandbox
}

/// An application whose refresh tokens live the sandbox's [`REFRESH_TTL`], with the admin's user
/// connected.
fn connected(sandbox: &Sandbox, app: &str) -> (support::OAuthApp, Desk) {
    let life = format!("{REFRESH_TTL}s");
    let (_company, oauth, desk) = connected_with(sandbox, app, &["--refresh-token-life", &life]);
    (oauth, desk)
}

/// The app started at login with a tray host present (so only its icon shows), a keep-alive round
/// every second; returned once its icon is on the tray.
fn in_the_tray(desk: &Desk, watcher: &Watcher) -> std::process::Child {
    let app = desk
        .command(&["--at-login"])
        .env("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    eventually(Duration::from_secs(20), "the tray icon", || {
        (!watcher.menu().is_empty()).then_some(())
    });
    app
}

#[test]
fn the_app_in_the_tray_keeps_an_account_alive_past_its_refresh_tokens_life() {
    let _one = one_window();
    let sandbox = short_lived_sandbox();

    // Left alone, an account dies with its refresh token: the control that shows the sandbox bites.
    let (_, alone) = connected(&sandbox, "Alone");
    std::thread::sleep(Duration::from_secs(REFRESH_TTL + 2));
    let dead = alone.run(&["token", "Alone"], "");
    assert_eq!(dead.code, Some(4), "{dead:?}");
    assert!(
        dead.stderr.contains("Connect the account again"),
        "{dead:?}"
    );

    // The app in the tray (started at login, a tray host present, no window), a round every second
    // here, nobody touching anything.
    let (oauth, desk) = connected(&sandbox, "Kept");
    let watcher = Watcher::start();
    let issued_before = sandbox.tokens(&oauth.client_id).len();
    let mut window = in_the_tray(&desk, &watcher);
    assert_eq!(
        support::x11::windows("Factorial Connect"),
        0,
        "not in the tray: a window is open"
    );
    let watched = Duration::from_secs(4 * REFRESH_TTL);
    let started = Instant::now();
    std::thread::sleep(watched);
    window.kill().unwrap();
    window.wait().unwrap();
    let elapsed = started.elapsed();

    // Four refresh-token lives later the account still works, and the keep-alive refreshed it
    // about every three quarters of the shorter life (3 s here), one at a time.
    let token = desk.run(&["token", "Kept"], "");
    assert!(token.ok(), "after {elapsed:?}: {token:?}");
    assert_eq!(sandbox.credentials_with_curl(token.stdout.trim()).0, 200);
    let refreshes = sandbox.tokens(&oauth.client_id).len() - issued_before;
    assert!(
        (5..=12).contains(&refreshes),
        "{refreshes} refreshes in {elapsed:?}"
    );
    let status = desk.run(&["status", "--json"], "");
    let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let account = &status[0]["accounts"][0];
    // A three-second token always "expires soon"; what matters is that nothing needs the admin.
    let state = account["health"]["state"].as_str().unwrap();
    assert!(["works", "expires_soon"].contains(&state), "{account}");
    assert!(
        account["refresh_expires_at"].as_u64().is_some(),
        "{account}"
    );
}

/// The app stopped with SIGSTOP for longer than its access token lives (a stand-in for a sleep: the
/// process runs nothing, though unlike a suspend the monotonic clock goes on) refreshes the expired
/// account at once when it runs again, once; with Factorial out of reach (the sandbox stopped, its
/// port refusing connections, as offline) the account keeps its tokens and its health, nobody is
/// told anything, and once Factorial answers again the keep-alive refreshes within seconds instead
/// of sitting out its backoff (a minute after the first failure).
#[test]
fn after_a_sleep_or_an_outage_the_app_catches_up_once_without_bothering_the_admin() {
    let _one = one_window();
    let dunst = Dunst::start();
    let mut sandbox = Sandbox::private("on-use");
    // Four-second access tokens (refreshed three seconds in), minute-long refresh tokens: room for
    // the outage and a Rails boot without the refresh token entering its last seventh.
    let settings = serde_json::json!({"access_token_ttl": 4, "refresh_token_ttl": 60});
    sandbox.post("/sandbox/settings", settings.clone());
    let (_company, oauth, desk) =
        connected_with(&sandbox, "Laptop", &["--refresh-token-life", "60s"]);
    let issued = |sandbox: &Sandbox| sandbox.tokens(&oauth.client_id).len();

    let watcher = Watcher::start();
    let mut app = in_the_tray(&desk, &watcher);
    let pid = app.id().to_string();
    let signal = |name: &str| {
        assert!(
            Command::new("kill")
                .args([name, &pid])
                .status()
                .unwrap()
                .success()
        )
    };

    // Asleep for ten seconds: two and a half access-token lives, ten missed rounds.
    signal("-STOP");
    // A refresh already on the wire when the process stopped lands now, not after waking.
    std::thread::sleep(Duration::from_secs(1));
    let asleep = issued(&sandbox);
    std::thread::sleep(Duration::from_secs(10));
    assert_eq!(issued(&sandbox), asleep);
    signal("-CONT");
    // Running again: one refresh within moments. The next is due three seconds after it, so a second
    // one in the following second would refresh the same pair twice.
    eventually(Duration::from_secs(5), "a refresh after waking", || {
        (issued(&sandbox) > asleep).then_some(())
    });
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        issued(&sandbox),
        asleep + 1,
        "more than one refresh on waking"
    );

    // Factorial out of reach for longer than an access token lives: every try fails to connect.
    let back = issued(&sandbox);
    sandbox.stop();
    std::thread::sleep(Duration::from_secs(8));
    let status = desk.status_json();
    let account = &status[0]["accounts"][0];
    assert_ne!(account["health"]["state"], "needs_admin", "{account}");
    assert_eq!(dunst.count(), 0, "{:?}", dunst.history());

    // Back (a Rails boot later): refreshed within seconds, and the account works.
    sandbox.start_again();
    sandbox.post("/sandbox/settings", settings);
    eventually(
        Duration::from_secs(15),
        "a refresh once Factorial answers again",
        || (issued(&sandbox) > back).then_some(()),
    );
    app.kill().unwrap();
    app.wait().unwrap();
    let token = desk.run(&["token", "Laptop"], "");
    assert!(token.ok(), "{token:?}");
    assert_eq!(sandbox.credentials_with_curl(token.stdout.trim()).0, 200);
    assert_eq!(dunst.count(), 0, "{:?}", dunst.history());
}

/// The window (its keep-alive every second and its Refresh button) and six scripts asking for
/// tokens in a loop, all on one account at once, against a server whose rotation ends the old
/// refresh token at the first refresh: two refreshes at once, or one presenting a spent refresh
/// token, would be refused and leave the account needing the admin. None is.
#[test]
fn the_window_and_scripts_refreshing_one_account_together_never_lose_a_rotation() {
    let _one = one_window();
    let sandbox = Sandbox::private("immediate");
    // Three-second tokens: every `token` call (which refreshes within a minute of expiry) and every
    // keep-alive round wants a refresh.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 3}),
    );
    let (company, oauth, desk) = connected_with(&sandbox, "Shared", &[]);
    let issued_before = sandbox.tokens(&oauth.client_id).len();

    let driver = Driver::start_with(&desk, &[("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS", "1")]);
    let session = driver.session(&[]);
    let account = format!("[data-account-id='user-{}']", company.admin_employee_id);
    session.wait_for(&account, 30);

    let until = Instant::now() + Duration::from_secs(8);
    let mut clicks = 0;
    let runs: Vec<_> = std::thread::scope(|scope| {
        let scripts: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    let mut runs = Vec::new();
                    while Instant::now() < until {
                        runs.push(desk.run(&["token", "Shared"], ""));
                    }
                    runs
                })
            })
            .collect();
        while Instant::now() < until {
            session.click_on(&format!("{account} [data-action='refresh']"));
            clicks += 1;
            std::thread::sleep(Duration::from_millis(700));
        }
        scripts
            .into_iter()
            .flat_map(|s| s.join().unwrap())
            .collect()
    });
    for run in &runs {
        assert!(run.ok(), "{run:?}");
    }
    let refreshes = sandbox.tokens(&oauth.client_id).len() - issued_before;
    eprintln!(
        "{} token calls, {clicks} Refresh clicks, {refreshes} refreshes",
        runs.len()
    );
    assert!(
        refreshes >= 10,
        "too few refreshes to have raced: {refreshes}"
    );
    let page = session.page_text();
    assert!(!page.contains("connect again"), "{page}");
    let status = desk.status_json();
    assert_ne!(
        status[0]["accounts"][0]["health"]["state"], "needs_admin",
        "{status}"
    );
    let token = desk.run(&["token", "Shared"], "");
    assert!(token.ok(), "{token:?}");
    assert_eq!(sandbox.credentials_with_curl(token.stdout.trim()).0, 200);
    session.close();
}

#[test]
fn scripts_get_a_token_as_json_and_run_commands_with_one() {
    let sandbox = Sandbox::private("on-use");
    // Five minutes left: enough for `token` (one minute), not for `exec` (ten).
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 300}),
    );
    let (_company, _oauth, desk) = connected_with(&sandbox, "Scripts", &[]);

    let plain = desk.run(&["token", "Scripts"], "");
    let json = desk.run(&["token", "Scripts", "--json"], "");
    assert!(json.ok(), "{json:?}");
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["access_token"], plain.stdout.trim());
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["scopes"], serde_json::json!(["employees"]));
    assert_eq!(json["app"], "Scripts");
    assert_eq!(json["kind"], "user");
    assert_eq!(json["api_url"], sandbox.url.trim_end_matches('/'));
    let expires_in = json["expires_in"].as_u64().unwrap();
    assert!((200..=300).contains(&expires_in), "{json}");
    assert!(json.get("refresh_token").is_none(), "{json}");

    // exec: a fresh token (refreshed, since five minutes is under ten) and the API's address in the
    // environment; the call works, and the command line the child sees has no token.
    // The script keeps the token off every command line itself (printf is a shell builtin, and curl
    // reads the header from its standard input), then looks at every process's command line on the
    // machine while it runs: Factorial Connect put the token on none of them.
    let call = r#"printf 'header = "Authorization: Bearer %s"\n' "$FACTORIAL_ACCESS_TOKEN" | curl -sS -o /dev/null -w '%{http_code}' -K - "$FACTORIAL_API_URL/api/2026-10-01/resources/api_public/credentials"
found=no
for f in /proc/[0-9]*/cmdline; do
  c=$(tr '\0' ' ' < "$f" 2>/dev/null)
  case "$c" in *"$FACTORIAL_ACCESS_TOKEN"*) found=yes ;; esac
done
printf ' %s %s' "$FACTORIAL_ACCESS_TOKEN" "$found""#;
    let run = desk.run(&["exec", "Scripts", "--", "sh", "-c", call], "");
    assert!(run.ok(), "{run:?}");
    let words: Vec<&str> = run.stdout.split_whitespace().collect();
    let [status, used, found] = words[..] else {
        panic!("{run:?}");
    };
    assert_eq!(status, "200", "{run:?}");
    assert_ne!(
        used,
        plain.stdout.trim(),
        "exec did not refresh a five-minute token"
    );
    assert_eq!(found, "no", "the token is on a process's command line");

    // The command's exit code is the caller's; a command that does not exist says so.
    let failed = desk.run(&["exec", "Scripts", "--", "sh", "-c", "exit 7"], "");
    assert_eq!(failed.code, Some(7), "{failed:?}");
    let missing = desk.run(
        &["exec", "Scripts", "--", "/nonexistent/tool", "--flag"],
        "",
    );
    assert_eq!(missing.code, Some(127), "{missing:?}");
    assert!(
        missing.stderr.contains("could not run “/nonexistent/tool”"),
        "{missing:?}"
    );
    // Without a command there is nothing to run: a usage error.
    let usage = desk.run(&["exec", "Scripts"], "");
    assert_eq!(usage.code, Some(2), "{usage:?}");
}

/// Killed at any moment of a keep-alive refresh, the app never loses the session: the tokens are
/// stored before they are used, and the server (Doorkeeper's default rotation, as Factorial's)
/// honours the old refresh token until the new access token is used.
#[test]
fn killing_the_app_during_keep_alive_refreshes_never_loses_the_session() {
    let _one = one_window();
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 2, "refresh_token_ttl": 60}),
    );
    let (oauth, desk) = connected(&sandbox, "Crashy");
    // A different moment each run, printed so a failure can be replayed.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    eprintln!("seed {seed}");
    let mut random = Random::new(seed);
    // Kill moments spread over 0.8 to 4.8 s, across the window's start and its refreshes (due
    // every 1.5 s with two-second tokens).
    let mut next_ms = || 800 + random.below(4000);
    // Refreshes the keep-alive made while the window ran (the `token` checks refresh too).
    let mut kept_alive = 0;
    for round in 0..10 {
        let issued_before = sandbox.tokens(&oauth.client_id).len();
        let mut window = desk
            .command(&[])
            .env("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = next_ms();
        std::thread::sleep(Duration::from_millis(wait));
        // SIGKILL: no clean-up runs, as when the power goes.
        window.kill().unwrap();
        window.wait().unwrap();
        let _ = Command::new("pkill")
            .args(["-KILL", "-f", support::APP_BIN])
            .status();
        kept_alive += sandbox.tokens(&oauth.client_id).len() - issued_before;
        // What the keychain holds is the newest pair Factorial issued, or the one before it when
        // the kill fell between Factorial's answer and the write: refreshed tokens are stored, not
        // just survived by the old refresh token (which on-use rotation keeps valid). Pairs issued
        // only to end old tokens (`Engine::end_token`) are revoked at once; a kill during that
        // leaves at most one of them live, hence three.
        let mut issued = sandbox.tokens(&oauth.client_id);
        issued.sort_by_key(|t| t["id"].as_i64());
        let newest: Vec<&str> = issued
            .iter()
            .rev()
            .filter(|t| t["revoked"] == false)
            .take(3)
            .filter_map(|t| t["token"].as_str())
            .collect();
        let stored: serde_json::Value =
            serde_json::from_str(&desk.tokens_entry().unwrap()).unwrap();
        let stored = stored["access_token"].as_str().unwrap().to_string();
        assert!(
            newest.contains(&stored.as_str()),
            "round {round} (killed after {wait} ms, seed {seed}): the keychain holds an older pair"
        );
        let token = desk.run(&["token", "Crashy"], "");
        assert!(
            token.ok(),
            "round {round} (killed after {wait} ms, seed {seed}): {token:?}"
        );
        assert_eq!(sandbox.credentials_with_curl(token.stdout.trim()).0, 200);
    }
    eprintln!("{kept_alive} keep-alive refreshes across 10 kills");
    assert!(
        kept_alive >= 5,
        "too few refreshes under way to have tested anything: {kept_alive}"
    );
}
