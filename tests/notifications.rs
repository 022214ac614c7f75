//! Notifications through a real notification service: dunst on the test session's D-Bus, read and
//! clicked with `dunstctl` as a person would click them. A refused refresh found by the window's
//! keep-alive is told once, however many rounds follow, its click connects the account again, and
//! once connected the notification is taken off the screen.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::time::Duration;

use support::dunst::{Dunst, ctl};
use support::webdriver::{Driver, one_window};
use support::{Sandbox, admin_scene, eventually};

#[test]
fn a_refused_account_is_told_once_its_click_connects_it_again_and_the_notice_goes() {
    let _one = one_window();
    let dunst = Dunst::start();
    let sandbox = Sandbox::private("on-use");
    // Four-second tokens: the keep-alive refreshes every three seconds.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 4}),
    );
    let (company, oauth, desk) = admin_scene(&sandbox, true);
    desk.add_app("Payroll sync", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Payroll sync"], "").ok());
    let driver = Driver::start_with(&desk, &[("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS", "1")]);
    let session = driver.session(&[]);
    let account = format!("[data-account-id='user-{}']", company.admin_employee_id);
    session.wait_for(&account, 30);
    // Kept alive for a while: nothing to tell.
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(dunst.count(), 0, "{:?}", dunst.history());

    // Factorial ends the session (changing an application's scopes revokes its tokens).
    sandbox.post(
        &format!("/sandbox/applications/{}", oauth.client_id),
        serde_json::json!({"scopes": "employees time_off"}),
    );
    eventually(Duration::from_secs(20), "a notification", || {
        (dunst.count() > 0).then_some(())
    });
    // Rounds go on every second; the state does not change, so nothing more is told.
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(dunst.count(), 1, "{:?}", dunst.history());
    assert!(
        session.page_text().contains("Needs you to connect again"),
        "{}",
        session.page_text()
    );

    // The click connects again: the fake browser approves and the account works.
    ctl(&["action", "0"]);
    eventually(
        Duration::from_secs(30),
        "the account connected again",
        || {
            let run = desk.run(&["token", "Payroll sync"], "");
            run.ok().then_some(())
        },
    );
    // Connected again, the app takes its notification back (dunst keeps a clicked one on screen
    // while its timeout is "never"): nothing is left asking the admin for what is done. Taken back,
    // it moves to dunst's history, where its words can be read.
    eventually(
        Duration::from_secs(10),
        "the notification taken back",
        || (dunst.displayed() == 0).then_some(()),
    );
    assert_eq!(dunst.count(), 1, "{:?}", dunst.history());
    let told = dunst.history();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "Payroll sync: connect again", "{told:?}");
    assert!(
        told[0].1.contains("Factorial refused its tokens"),
        "{told:?}"
    );
    // dunst reads the body as markup (it says `body-markup` among its capabilities), where the
    // label's `<ada@acme.test>` would be a tag and vanish, and a name could be a link: the body
    // sent over D-Bus (what dunst keeps in its history) is escaped, so it shows the label whole
    // (issue 20, item 6).
    assert!(
        told[0]
            .1
            .contains(&format!("&lt;{}&gt;", company.admin_email))
            && !told[0].1.contains('<'),
        "{told:?}"
    );
    session.close();
}

/// A panic on the window binary's main thread, where the event loop runs, ends the window: the
/// admin is told in a notification that names the place in the code (never the panic's own text),
/// and the program ends with Rust's panic code.
#[test]
fn a_crash_of_the_window_is_told_in_a_notification() {
    let _one = one_window();
    let dunst = Dunst::start();
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(support::APP_BIN)
        .env("FACTORIAL_CONNECT_DATA_DIR", data.path())
        .env("FACTORIAL_CONNECT_PANIC_AT_START", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(101), "{out:?}");
    eventually(Duration::from_secs(10), "the notification", || {
        (dunst.displayed() == 1).then_some(())
    });
    ctl(&["close-all"]);
    let told = eventually(Duration::from_secs(10), "the closed notification", || {
        dunst.history().into_iter().next()
    });
    assert_eq!(told.0, "Factorial Connect has stopped");
    assert!(
        told.1.contains("src-tauri/src/desktop/fatal.rs:") && told.1.contains("are safe"),
        "{told:?}"
    );
    assert!(!told.1.contains("asked for a panic"), "{told:?}");
}
