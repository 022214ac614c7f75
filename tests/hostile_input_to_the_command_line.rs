//! The binary against hostile input and races, through the real Doorkeeper sandbox and keychain:
//! an answer pasted into the wrong wait, revoke after a refresh, pipes that close or never end, no
//! display, and a keychain whose unlock dialog nobody answers. Each test names the defect of
//! issue 6 it pins.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use support::{BIN, Desk, Sandbox, admin_scene, eventually, repo, wait_with_timeout};

const REDIRECT: &str = "factorial-connect://oauth/callback";

/// `authorize APP` waiting with a pipe on stdin, its browser not handing the link back.
fn waiting_authorize(desk: &Desk, app: &str) -> Child {
    desk.command(&["authorize", app])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn state_of(link: &str) -> String {
    url::Url::parse(link)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned()
}

/// Defect 1: the answer of one authorization pasted into another's wait is refused, the wait goes
/// on, and each completes with its own answer.
#[test]
fn an_answer_pasted_into_the_wrong_wait_is_refused_and_both_still_complete() {
    let sandbox = Sandbox::shared();
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    let other_oauth = sandbox.create_app(true, REDIRECT, "employees");
    desk.deliver = false;
    desk.add_app("First", &oauth, true, &[]);
    desk.add_app("Second", &other_oauth, true, &[]);

    let mut first = waiting_authorize(&desk, "First");
    let first_link = eventually(Duration::from_secs(30), "first redirect", || {
        desk.redirects().into_iter().next()
    });
    let mut second = waiting_authorize(&desk, "Second");
    let second_link = eventually(Duration::from_secs(30), "second redirect", || {
        desk.redirects().into_iter().nth(1)
    });
    assert_ne!(state_of(&first_link), state_of(&second_link));

    let mut first_in = first.stdin.take().unwrap();
    writeln!(first_in, "{second_link}").unwrap();
    // The refusal is said, and the first keeps waiting; then its own answer completes it.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        first.try_wait().unwrap().is_none(),
        "the wait ended on another's answer"
    );
    writeln!(first_in, "{first_link}").unwrap();
    drop(first_in);
    let first_out = support::Run::from(wait_with_timeout(first, Duration::from_secs(60)));
    assert!(first_out.ok(), "{first_out:?}");
    assert!(
        first_out
            .stderr
            .contains("That answer belongs to another authorization"),
        "{}",
        first_out.stderr
    );
    assert!(
        first_out.stderr.contains("Connected “First”"),
        "{}",
        first_out.stderr
    );

    // The second was not completed by the stray paste: it still waits, and its own answer works.
    assert!(second.try_wait().unwrap().is_none(), "the other wait ended");
    let mut second_in = second.stdin.take().unwrap();
    writeln!(second_in, "{second_link}").unwrap();
    drop(second_in);
    let second_out = support::Run::from(wait_with_timeout(second, Duration::from_secs(60)));
    assert!(second_out.ok(), "{second_out:?}");
    assert!(
        second_out.stderr.contains("Connected “Second”"),
        "{}",
        second_out.stderr
    );

    let status = desk.status_json();
    for app in status.as_array().unwrap() {
        assert_eq!(
            app["accounts"][0]["id"],
            format!("user-{}", company.admin_employee_id),
            "{app}"
        );
    }
}

/// Defect 1: a wait that ends (here by its timeout) cancels its authorization, so its link no
/// longer completes anything afterwards.
#[test]
fn a_wait_that_times_out_leaves_no_authorization_open() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false;
    desk.add_app("Late", &oauth, true, &[]);
    let run = desk.run(&["authorize", "Late", "--timeout", "3"], "");
    assert_eq!(run.code, Some(7), "{run:?}");
    let link = desk.redirects().into_iter().next().unwrap();
    let late = desk.run(&[&link], "");
    assert_eq!(late.code, Some(7), "{late:?}");
    assert!(late.stderr.contains("already completed"), "{}", late.stderr);
    assert!(
        desk.status_json()[0]["accounts"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

/// Defect 4: revoke after refresh leaves nothing usable at Factorial: the access token from before
/// the refresh answers 401, and every token row of the application is revoked.
#[test]
fn revoke_after_refresh_leaves_no_usable_token_at_factorial() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Rotating", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Rotating"], "").ok());
    let before = desk
        .run(&["token", "Rotating"], "")
        .stdout
        .trim()
        .to_string();
    assert!(desk.run(&["refresh", "Rotating"], "").ok());
    assert!(desk.run(&["refresh", "Rotating"], "").ok());
    let current = desk
        .run(&["token", "Rotating"], "")
        .stdout
        .trim()
        .to_string();
    assert_ne!(before, current);
    // Doorkeeper keeps the replaced pair alive until the new token is used: it still works now.
    assert_eq!(sandbox.credentials_with_curl(&before).0, 200);

    let revoked = desk.run(&["revoke", "Rotating"], "");
    assert!(revoked.ok(), "{revoked:?}");
    assert_eq!(
        sandbox.credentials_with_curl(&before).0,
        401,
        "the old token still works"
    );
    assert_eq!(sandbox.credentials_with_curl(&current).0, 401);
    let rows = sandbox.tokens(&oauth.client_id);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter().all(|r| r["revoked"] == true),
        "a token row is still live: {rows:?}"
    );
}

/// Defect 2: a public application cannot turn PKCE off.
#[test]
fn a_public_application_without_pkce_is_refused() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, false);
    let run = desk.run(
        &[
            "apps",
            "add",
            "Public",
            "--client-id",
            &oauth.client_id,
            "--env",
            &desk.sandbox_url,
            "--public",
            "--no-pkce",
        ],
        "",
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("must use PKCE"), "{}", run.stderr);
}

/// Defect 15: a reader that goes away (`status | head -1`) is not a panic.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    for n in 0..20 {
        desk.add_app(&format!("App {n}"), &oauth, true, &[]);
    }
    for args in [&["status"][..], &["apps", "list"][..], &["--help"][..]] {
        let mut child = desk
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = support::Run::from(wait_with_timeout(child, Duration::from_secs(30)));
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
        assert_ne!(out.code, Some(101), "{args:?}");
    }
}

/// Defect 15: odd arguments are usage errors with a sentence, never a panic.
#[test]
fn odd_arguments_are_usage_errors() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Odd", &oauth, true, &[]);
    let cases: &[(&[&str], u8, &str)] = &[
        (
            &[
                "authorize",
                "Odd",
                "--no-browser",
                "--timeout",
                "18446744073709551615",
            ],
            2,
            "at most 600 seconds",
        ),
        (
            &["authorize", "Odd", "--timeout", "-1"],
            2,
            "unexpected argument “-1”",
        ),
        (
            &[
                "apps",
                "add",
                "\u{1b}[2Jx",
                "--client-id",
                "c",
                "--env",
                "demo",
            ],
            2,
            "invisible characters",
        ),
        // Issue 20, item 7: a name that reads as another (`evilexe.txt`).
        (
            &[
                "apps",
                "add",
                "evil\u{202e}txt.exe",
                "--client-id",
                "c",
                "--env",
                "demo",
            ],
            2,
            "could make it read as something else",
        ),
        (&["token", "\u{202e}Odd"], 3, "There is no application"),
        (
            &[
                "apps",
                "add",
                "X",
                "--client-id",
                "c",
                "--env",
                "http://evil.example",
            ],
            2,
            "unencrypted",
        ),
    ];
    for (args, code, expected) in cases {
        let run = desk.run(args, "secret");
        assert_eq!(run.code, Some(i32::from(*code)), "{args:?}: {run:?}");
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'),
            "terminal control characters echoed: {:?}",
            run.stderr
        );
    }
}

/// Defect 15: a paste that never ends its line is skipped with a message, not buffered.
#[test]
fn an_endless_paste_is_bounded_and_said() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false;
    desk.add_app("Flood", &oauth, true, &[]);
    let mut child = desk
        .command(&["authorize", "Flood", "--timeout", "8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let rss_kib = || {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut input = child.stdin.take().unwrap();
    let chunk = vec![b'a'; 1 << 20];
    input.write_all(&chunk).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let started_with = rss_kib();
    for _ in 0..63 {
        // 64 MiB in all, without a newline.
        input.write_all(&chunk).unwrap();
    }
    let grew_by = rss_kib().saturating_sub(started_with);
    input.write_all(b"\n").unwrap();
    drop(input);
    let out = support::Run::from(wait_with_timeout(child, Duration::from_secs(60)));
    assert!(
        out.stderr
            .contains("too long to be an authorization answer"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, Some(7), "{out:?}");
    assert!(
        grew_by < 16 * 1024,
        "the paste was buffered: grew by {grew_by} KiB"
    );
}

/// Defect 15: no display is a sentence, not a GTK abort.
#[test]
fn no_display_is_explained() {
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);
    let out = support::Run::from(
        desk.command(&[])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains("no graphical display"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

/// Issue 20, item 8: files in the data folder are input too. A pipe planted as the registry or its
/// lock, or a link planted as the registry, is refused at once and said as what it is: no command
/// waits on it, follows it, or loses the registry or a secret.
#[test]
fn a_pipe_or_a_link_planted_in_the_data_folder_is_refused_at_once() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Payroll", &oauth, true, &[]);
    let data = desk.data_dir.path();
    let kept = data.join("registry.kept");
    std::fs::rename(data.join("registry.json"), &kept).unwrap();
    let plant_fifo = |name: &str| {
        let made = std::process::Command::new("mkfifo")
            .arg(data.join(name))
            .status()
            .unwrap();
        assert!(made.success());
    };

    plant_fifo("registry.json");
    let started = Instant::now();
    let status = desk.run(&["status"], "");
    assert_ne!(status.code, Some(0), "{status:?}");
    assert!(
        status
            .stderr
            .contains("a pipe, a device or a folder is where a plain file belongs")
            && status.stderr.contains("registry.json"),
        "{status:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10), "it waited");
    std::fs::remove_file(data.join("registry.json")).unwrap();

    std::os::unix::fs::symlink(&kept, data.join("registry.json")).unwrap();
    let status = desk.run(&["status"], "");
    assert!(
        status.stderr.contains("it is a link to somewhere else"),
        "{status:?}"
    );
    std::fs::remove_file(data.join("registry.json")).unwrap();

    std::fs::rename(&kept, data.join("registry.json")).unwrap();
    std::fs::remove_file(data.join("registry.lock")).unwrap();
    plant_fifo("registry.lock");
    let added = desk.run(&desk.add_app_args("Other", &oauth), &oauth.client_secret);
    assert_ne!(added.code, Some(0), "{added:?}");
    assert!(
        added.stderr.contains("registry.lock") && added.stderr.contains("plain file"),
        "{added:?}"
    );
    // Nothing was lost: the application and its secret are still there once the pipe is gone.
    std::fs::remove_file(data.join("registry.lock")).unwrap();
    let listed = desk.status_json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    let secrets = desk.keychain();
    let kept: Vec<_> = secrets
        .iter()
        .filter(|(name, _)| name.ends_with(":client-secret"))
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "{:?}",
        secrets.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
}

/// Defect 13: a locked keychain whose unlock dialog nobody answers is an error (exit 6) in bounded
/// time. Runs in a session of its own (its own bus, keyring and display), so locking that keyring
/// and leaving its prompt open disturbs no other test.
#[test]
fn a_keychain_nobody_unlocks_is_an_error_in_bounded_time() {
    support::require_test_session();
    // secret-tool (libsecret 0.20) locks the collection, then crashes on its way out: its exit
    // status says nothing, the prompt it leads to does.
    let script = format!(
        "secret-tool lock --collection=login; \
         dbus-update-activation-environment DISPLAY && \
         printf 'secret' | FACTORIAL_CONNECT_KEYCHAIN_TIMEOUT=3 FACTORIAL_CONNECT_DATA_DIR=\"$HOME/data\" \
           '{BIN}' apps add Locked --client-id c --env demo"
    );
    let started = Instant::now();
    let out = support::Run::from(wait_with_timeout(
        std::process::Command::new(repo().join("scripts/test-session"))
            .args(["bash", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(90),
    ));
    assert_eq!(out.code, Some(6), "{out:?}");
    assert!(
        out.stderr.contains("The keychain did not answer in time"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// The command line starts without the window's libraries: scripts calling `token` must not pay
/// for WebKitGTK (issue 6, "a command line that does not pay for the window").
#[test]
fn the_command_line_links_no_window_library() {
    let needed = std::process::Command::new("ldd").arg(BIN).output().unwrap();
    let libraries = String::from_utf8_lossy(&needed.stdout);
    for window_library in ["webkit2gtk", "libgtk", "libjavascriptcore", "libsoup"] {
        assert!(
            !libraries.contains(window_library),
            "{BIN} loads {window_library}:\n{libraries}"
        );
    }
    let app = std::process::Command::new("ldd")
        .arg(support::APP_BIN)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&app.stdout).contains("webkit2gtk"));
}

/// The command line speaks the language the environment names, from the same catalogs as the
/// window; a language there is no catalog for reads as English.
#[test]
fn the_command_line_speaks_the_environments_language() {
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, true);
    let say = |locale: &str| {
        let out = desk
            .command(&["token", "Nowhere"])
            .env("LC_ALL", locale)
            .output()
            .expect("binary runs");
        assert_eq!(out.status.code(), Some(3));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let spanish = say("es_ES.UTF-8");
    assert!(
        spanish.contains("No hay ninguna aplicación llamada «Nowhere»"),
        "{spanish}"
    );
    let german = say("de_DE.UTF-8");
    assert!(
        german.contains("There is no application called “Nowhere”"),
        "{german}"
    );
}
