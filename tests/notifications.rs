//! Notifications through a real notification service: dunst on the test session's D-Bus, read and
//! clicked with `dunstctl` as a person would click them. A refused refresh found by the window's
//! keep-alive is told once, however many rounds follow, and its click connects the account again.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use support::webdriver::{Driver, one_window};
use support::{Sandbox, admin_scene, eventually};

/// dunst for the length of a test.
struct Dunst(Child);

impl Dunst {
    fn start() -> Dunst {
        let child = Command::new("dunst")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst runs (make test-deps installs it)");
        eventually(Duration::from_secs(10), "dunst on the bus", || {
            ctl(&["is-paused"]).contains("false").then_some(())
        });
        Dunst(child)
    }

    /// Notifications shown now plus those already closed.
    fn count(&self) -> usize {
        let n = |which: &str| ctl(&["count", which]).trim().parse::<usize>().unwrap_or(0);
        n("displayed") + n("history")
    }

    /// Summaries and bodies of the closed notifications, newest first.
    fn history(&self) -> Vec<(String, String)> {
        let json: Value = serde_json::from_str(&ctl(&["history"])).unwrap();
        json["data"][0]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|n| {
                let text = |k: &str| n[k]["data"].as_str().unwrap_or_default().to_string();
                (text("summary"), text("body"))
            })
            .collect()
    }
}

impl Drop for Dunst {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn ctl(args: &[&str]) -> String {
    let out = Command::new("dunstctl").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn a_refused_account_is_told_once_and_its_click_connects_it_again() {
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
    // Nothing more was told; closing what is shown moves it to the history, where it can be read.
    assert_eq!(dunst.count(), 1);
    ctl(&["close-all"]);
    let told = dunst.history();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "Payroll sync: connect again", "{told:?}");
    assert!(
        told[0].1.contains("Factorial refused its tokens"),
        "{told:?}"
    );
    session.close();
}
