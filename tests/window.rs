//! The real window under Xvfb, driven through WebDriver (tauri-driver + WebKitWebDriver) as a
//! person would use it: click Connect, let the browser approve, and see the account appear when
//! the redirect comes back through a second instance of the binary (single instance + deep link).
//! Also the cold start: the link itself launches the window.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;

use support::page;
use support::webdriver::{Driver, one_window};
use support::{APP_BIN, Sandbox, admin_scene, eventually};

#[test]
fn a_click_in_the_window_connects_through_the_browser_and_the_deep_link() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Window app", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);

    let card = session.wait_for(&page::app("Window app"), 30);
    assert!(session.text(&card).contains("Not connected yet."));
    let connect = session.wait_for(&page::app_action("Window app", "connect-user"), 10);
    session.click(&connect);

    // The fake browser approves and runs `factorial-connect <link>`: a second instance, which hands
    // the link to this window and exits.
    let account_css = page::user_account(company.admin_employee_id);
    let account = session.wait_for(&account_css, 60);
    assert!(
        session.text(&account).contains(&company.admin_email),
        "{}",
        session.text(&account)
    );
    let banner = session.wait_for(page::BANNER_OK, 10);
    assert!(
        session.text(&banner).contains("Connected “Window app”"),
        "{}",
        session.text(&banner)
    );
    assert!(desk.keychain().iter().any(|(n, _)| n.ends_with(":tokens")));
    session.screenshot("window-connected.png");

    // A malformed link sent to the open window is a message, not a crash.
    let second = desk.run(
        &["factorial-connect://oauth/callback?code=a&code=b&state=s"],
        "",
    );
    assert!(
        second.ok(),
        "the second instance should hand the link over: {second:?}"
    );
    let error = session.wait_for(page::BANNER_ERROR, 20);
    assert!(
        session.text(&error).contains("repeats the code"),
        "{}",
        session.text(&error)
    );
    assert!(
        session.find(&account_css).is_some(),
        "the window stopped working"
    );
    session.screenshot("window-bad-link.png");
    session.close();
}

#[test]
fn a_link_launches_the_window_and_completes_on_a_cold_start() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false; // keep the link: it will launch the window itself
    desk.add_app("Cold app", &oauth, true, &[]);
    let driver = Driver::start(&desk);

    let first = driver.session(&[]);
    let connect = first.wait_for(&page::app_action("Cold app", "connect-company"), 30);
    first.click(&connect);
    let link = eventually(Duration::from_secs(30), "the browser's redirect", || {
        desk.redirects().into_iter().next()
    });
    first.close(); // the window is gone when the link arrives

    let second = driver.session(&[&link]);
    let account = second.wait_for(&page::company_account(company.id), 60);
    assert!(
        second.text(&account).contains("Company token"),
        "{}",
        second.text(&account)
    );
    let banner = second.wait_for(page::BANNER_OK, 10);
    assert!(
        second.text(&banner).contains(&company.name),
        "{}",
        second.text(&banner)
    );
    second.close();
}

/// Issue 6, defect 6: a link that answers no authorization of this window shows its message but
/// leaves the waiting panel open; the window's own link closes it.
#[test]
fn a_stray_link_does_not_close_the_waiting_panel() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false; // the test hands the links over itself
    desk.add_app("Panel app", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    let connect = session.wait_for(&page::app_action("Panel app", "connect-user"), 30);
    session.click(&connect);
    session.wait_for(page::WAITING, 10);
    let own_link = eventually(Duration::from_secs(30), "the browser's redirect", || {
        desk.redirects().into_iter().next()
    });

    // Any web page can open our scheme with a made-up state.
    let forged = desk.run(
        &["factorial-connect://oauth/callback?code=attacker&state=made-up"],
        "",
    );
    assert!(forged.ok(), "{forged:?}");
    let error = session.wait_for(page::BANNER_ERROR, 20);
    let said = session.text(&error);
    assert!(
        said.contains("answers no authorization started here")
            && said.contains("a web page or another program may have opened it")
            && !said.contains("Paste"),
        "{said}"
    );
    assert!(
        session.find(page::WAITING).is_some(),
        "a stray link closed the waiting panel"
    );

    let own = desk.run(&[&own_link], "");
    assert!(own.ok(), "{own:?}");
    session.wait_for(page::NOT_WAITING, 30);
    session.wait_for(&page::user_account(company.admin_employee_id), 10);
    session.close();
}

/// Issue 6, defect 12: the page may call the app's commands and nothing else; in particular it
/// cannot listen to the deep-link plugin's event, which carries the code and state.
#[test]
fn the_page_can_call_only_the_apps_own_commands() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.wait_for(page::APPS, 30);
    let call = |cmd: &str, args: &str| session.invoke(cmd, args);
    let listed = call("list_apps", "{limit: 1, keep: null}");
    assert!(listed.get("allowed").is_some(), "{listed}");
    for (cmd, args) in [
        (
            "plugin:event|listen",
            "{event: 'deep-link://new-url', target: {kind: 'Any'}, handler: 1}",
        ),
        ("plugin:deep-link|get_current", "{}"),
        ("plugin:store|load", "{path: 'x.json'}"),
        ("plugin:window|close", "{label: 'main'}"),
    ] {
        let answer = call(cmd, args);
        assert!(answer.get("refused").is_some(), "{cmd}: {answer}");
    }
    session.close();
}

/// Issue 20, item 9: an argument of the wrong type, or none, is refused as our `invalid_input`
/// code naming the command and the argument, never in serde's English, and nothing is done.
#[test]
fn arguments_the_commands_cannot_read_are_refused_as_a_code() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Payroll", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.wait_for(page::APPS, 30);
    let call = |cmd: &str, args: &str| session.invoke(cmd, args);
    let before = call("list_apps", "{limit: 10}");
    assert!(before.get("allowed").is_some(), "{before}");
    for (cmd, args, argument, problem) in [
        ("list_apps", "{limit: 'ten'}", "limit", "wrong_type"),
        ("list_apps", "{limit: -1}", "limit", "wrong_type"),
        ("list_apps", "{}", "limit", "missing"),
        ("list_apps", "new Uint8Array([1, 2])", "limit", "missing"),
        ("list_apps", "{limit: 1, keep: 7}", "keep", "wrong_type"),
        ("add_app", "{form: 5}", "form", "wrong_type"),
        (
            "add_app",
            "{form: {name: 'Payroll 2', environment: 'demo', client_id: 'x', \
             client_secret: 's', confidential: 'yes', redirect_uri: '', scopes: '', \
             refresh_lifetime_secs: null}}",
            "form",
            "wrong_type",
        ),
        ("remove_app", "{app: ['Payroll']}", "app", "wrong_type"),
        (
            "start_authorization",
            "{app: 'Payroll', company: 'yes'}",
            "company",
            "wrong_type",
        ),
        (
            "complete_pasted",
            "{answer: {code: 'x'}}",
            "answer",
            "wrong_type",
        ),
        (
            "cancel_authorization",
            "{state_hash: 'x'}",
            "stateHash",
            "missing",
        ),
        ("subscribe", "{events: 'nope'}", "events", "wrong_type"),
        (
            "set_preferences",
            "{preferences: []}",
            "preferences",
            "wrong_type",
        ),
        ("set_start_at_login", "{on: 1}", "on", "wrong_type"),
        (
            "reveal_token",
            "{app: 'Payroll', account: null}",
            "account",
            "wrong_type",
        ),
    ] {
        let answer = call(cmd, args);
        let refused = &answer["refused"];
        assert_eq!(refused["code"], "invalid_input", "{cmd} {args}: {answer}");
        assert_eq!(refused["field"], "request", "{cmd} {args}: {answer}");
        let issue = &refused["issue"];
        assert_eq!(issue["issue"], "bad_argument", "{cmd} {args}: {answer}");
        assert_eq!(issue["command"], cmd, "{answer}");
        assert_eq!(issue["argument"], argument, "{cmd} {args}: {answer}");
        assert_eq!(issue["problem"], problem, "{cmd} {args}: {answer}");
    }
    // Nothing was done: the application is still there, and still as it was.
    let after = call("list_apps", "{limit: 10}");
    assert_eq!(
        after["allowed"]["apps"][0]["app"],
        before["allowed"]["apps"][0]["app"]
    );
    assert_eq!(after["allowed"]["apps"][0]["app"]["name"], "Payroll");
    session.close();
}

/// Issue 6, defect 14: a debug build never registers itself for links unless asked; asked, it
/// writes an entry that plain `xdg-open` can run.
#[test]
fn a_debug_window_registers_the_scheme_only_when_asked() {
    let _one = one_window();
    let applications =
        std::path::Path::new(&std::env::var("XDG_DATA_HOME").unwrap()).join("applications");
    let handler = applications.join("factorial-connect-handler.desktop");
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);

    let launch = |register: bool| {
        let mut cmd = desk.command(&[]);
        if register {
            cmd.env("FACTORIAL_CONNECT_REGISTER_SCHEME", "1");
        }
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut window = launch(false);
    // The window is up once it holds its lock; registration (on a thread of its own) would take
    // well under the second given here, as the run with registration below shows.
    eventually(Duration::from_secs(30), "the window", || {
        std::fs::metadata(desk.data_dir.path().join("window.lock")).ok()
    });
    std::thread::sleep(Duration::from_secs(1));
    window.kill().unwrap();
    window.wait().unwrap();
    assert!(!handler.exists(), "a debug build registered itself");
    let entries: Vec<_> = std::fs::read_dir(&applications)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        entries
            .iter()
            .all(|n| !n.to_string_lossy().contains("handler")),
        "{entries:?}"
    );

    // A link planted where the entry goes (issue 20, item 8) is replaced, never written through.
    std::fs::create_dir_all(&applications).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim");
    std::fs::write(&victim, "untouched").unwrap();
    std::os::unix::fs::symlink(&victim, &handler).unwrap();

    let mut window = launch(true);
    let query = || {
        let out = Command::new("xdg-mime")
            .args(["query", "default", "x-scheme-handler/factorial-connect"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    eventually(Duration::from_secs(30), "the scheme's handler set", || {
        (query() == "factorial-connect-handler.desktop").then_some(())
    });
    window.kill().unwrap();
    window.wait().unwrap();
    assert!(
        !std::fs::symlink_metadata(&handler)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the planted link is still there"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    let entry = std::fs::read_to_string(&handler).unwrap();
    assert!(
        entry.contains(&format!("Exec={APP_BIN} %u")),
        "Exec must be unquoted for plain xdg-open: {entry}"
    );
    // Plain xdg-open (no desktop environment here) runs the binary with the link: its message
    // proves the link arrived.
    let xdg = Command::new("xdg-open")
        .arg("factorial-connect://oauth/callback?code=c&state=unknown")
        .envs(
            desk.command(&[])
                .get_envs()
                .filter_map(|(k, v)| Some((k, v?))),
        )
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&xdg.stderr);
    assert!(
        said.contains("answers no authorization started here"),
        "xdg-open did not reach the binary: {said}"
    );
    std::fs::remove_file(&handler).unwrap();
}
