//! The tray through a real StatusNotifierItem host: Debian's `status-notifier-watcher` on the test
//! session's bus, the icon's menu read and clicked over `com.canonical.dbusmenu` with `busctl`, as a
//! desktop's tray would. Closing the window hides the app to the tray only when such a host exists;
//! hidden, the web view is gone; Open brings a window back; Pause and Quit do what they say.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use support::tray::Watcher;
use support::webdriver::one_window;
use support::{Sandbox, admin_scene, eventually};

/// The app, ended when the test ends however it ends: one left running would take the next test's
/// launches (single instance).
struct App(Child);

impl App {
    /// Waits for the app to end by itself, with success.
    fn ends_cleanly(&mut self) {
        eventually(Duration::from_secs(20), "the app gone", || {
            self.0
                .try_wait()
                .unwrap()
                .map(|status| assert!(status.success(), "{status}"))
        });
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the window and waits until its page has loaded, as a person would before closing it.
fn launch(desk: &support::Desk) -> App {
    let loaded = desk.data_dir.path().join("page-loaded");
    let app = App(desk
        .command(&[])
        .env("TAURI_BENCH_READY_FILE", &loaded)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap());
    eventually(Duration::from_secs(30), "the page loaded", || {
        loaded.exists().then_some(())
    });
    assert_eq!(windows(), 1);
    app
}

fn app_running() -> bool {
    Command::new("pgrep")
        .args(["-f", support::APP_BIN])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// How many windows titled Factorial Connect the X server has.
fn windows() -> usize {
    support::x11::windows("Factorial Connect")
}

/// WebKit's web processes started by this app, which hold the page: gone when the window is.
/// Only this app's: one of a previous test's app may still be exiting on a busy machine.
fn web_processes(app: &App) -> usize {
    let mut parents = std::collections::HashMap::<u32, Vec<u32>>::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // The parent is the second field after the command name, which may hold spaces.
        if let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok())
        {
            parents.entry(ppid).or_default().push(pid);
        }
    }
    let mut todo = vec![app.0.id()];
    let mut found = 0;
    while let Some(pid) = todo.pop() {
        for &child in parents.get(&pid).into_iter().flatten() {
            let cmdline = std::fs::read(format!("/proc/{child}/cmdline")).unwrap_or_default();
            if String::from_utf8_lossy(&cmdline).contains("WebKitWebProcess") {
                found += 1;
            }
            todo.push(child);
        }
    }
    found
}

#[test]
fn with_a_tray_host_closing_hides_to_the_tray_and_the_menu_does_what_it_says() {
    let _one = one_window();
    let watcher = Watcher::start();
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    // A name with `&`, which a menu would read as a shortcut mark (issue 20, item 6).
    desk.add_app("R&D payroll", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "R&D payroll"], "").ok());
    let mut app = launch(&desk);

    // The menu lists the account with its health, then Open, Pause keep-alive and Quit.
    let menu = eventually(Duration::from_secs(20), "the tray's menu", || {
        let menu = watcher.menu();
        (menu.len() >= 4 && menu[0].1.starts_with("R")).then_some(menu)
    });
    let labels: Vec<&str> = menu.iter().map(|(_, l, _, _)| l.as_str()).collect();
    assert!(
        labels[0].starts_with("R&D payroll · Ada Admin") && labels[0].contains("Works, expires in"),
        "{labels:?}"
    );
    assert!(!menu[0].2, "an account line is not a command");
    assert_eq!(
        labels[1..],
        ["Open Factorial Connect", "Pause keep-alive", "Quit"]
    );

    // Closing the window: the app stays, in the tray, without its window or web view.
    assert!(
        web_processes(&app) >= 1,
        "the open window has no web process"
    );
    assert_eq!(support::x11::close("Factorial Connect"), 1);
    eventually(Duration::from_secs(10), "the window gone", || {
        (windows() == 0 && web_processes(&app) == 0).then_some(())
    });
    std::thread::sleep(Duration::from_secs(1));
    assert!(app_running(), "closing quit although a tray shows the app");
    assert!(!watcher.menu().is_empty(), "the icon left the tray");

    // Pause is a switch, remembered like the one in Settings.
    watcher.click("Pause keep-alive");
    eventually(Duration::from_secs(10), "pause checked", || {
        watcher
            .menu()
            .iter()
            .any(|(_, l, _, on)| l == "Pause keep-alive" && *on)
            .then_some(())
    });
    let settings =
        std::fs::read_to_string(desk.data_dir.path().join("window-settings.json")).unwrap();
    let settings: Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(settings["keep_alive_paused"], true, "{settings}");

    // Open makes a window again.
    watcher.click("Open Factorial Connect");
    eventually(Duration::from_secs(20), "a window again", || {
        (windows() > 0).then_some(())
    });

    // Quit ends the app.
    watcher.click("Quit");
    app.ends_cleanly();
}

#[test]
fn without_a_tray_host_closing_the_window_quits() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);
    let mut app = launch(&desk);
    assert_eq!(support::x11::close("Factorial Connect"), 1);
    app.ends_cleanly();
}

/// Start at login, opt-in from Settings: the OS's autostart entry runs the window binary with
/// `--at-login`, which the command line's parser never sees; started so, the app shows only its
/// tray icon where a tray host is, and its window where none is.
#[test]
fn starting_at_login_is_opt_in_and_goes_to_the_tray_where_one_shows() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);
    let entries =
        std::path::PathBuf::from(std::env::var("XDG_CONFIG_HOME").unwrap()).join("autostart");
    let entry = || {
        std::fs::read_dir(&entries)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .find(|text| text.contains("--at-login"))
    };
    assert_eq!(entry(), None, "on by default");

    // The switch in Settings writes the entry, and takes it away again.
    {
        let driver = support::webdriver::Driver::start(&desk);
        let session = driver.session(&[]);
        session.click_on("header [data-action='settings']");
        // Settings has read the current state (it asks along with the version shown below it).
        session.wait_for("[data-about='version']", 10);
        let switch = session.wait_for("#settings-start-at-login:not(:checked)", 10);
        session.click(&switch);
        session.wait_for("#settings-start-at-login:checked", 10);
        let text = eventually(Duration::from_secs(10), "the autostart entry", entry);
        assert!(
            text.contains(&format!("{} --at-login", support::APP_BIN)),
            "{text}"
        );
        session.click(&switch);
        eventually(Duration::from_secs(10), "the entry gone", || {
            entry().is_none().then_some(())
        });
    }

    // Started at login with a tray host: the icon, no window, no web view.
    let at_login = |desk: &support::Desk| {
        App(Command::new(support::APP_BIN)
            .arg("--at-login")
            .envs(
                desk.command(&[])
                    .get_envs()
                    .filter_map(|(k, v)| Some((k, v?))),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap())
    };
    {
        let watcher = Watcher::start();
        let app = at_login(&desk);
        eventually(Duration::from_secs(20), "the tray icon", || {
            (!watcher.menu().is_empty()).then_some(())
        });
        // The window made from the configuration is destroyed while the app starts, and with it
        // its web process (which takes a moment to exit on a busy machine, as may the previous
        // session's); after that, nothing comes back.
        eventually(Duration::from_secs(15), "no window and no web view", || {
            (windows() == 0 && web_processes(&app) == 0).then_some(())
        });
        std::thread::sleep(Duration::from_secs(2));
        assert_eq!(
            (windows(), web_processes(&app)),
            (0, 0),
            "a window opened at login although a tray shows the app"
        );
    }
    // Without one: the window, since an icon nobody sees would hide the app.
    let _app = at_login(&desk);
    eventually(Duration::from_secs(20), "the window", || {
        (windows() > 0).then_some(())
    });
}
