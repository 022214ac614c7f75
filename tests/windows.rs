//! The Windows programs against the real Doorkeeper sandbox on loopback: every command of the
//! command line and the Credential Manager as it holds our entries (under Wine on Linux, and on
//! Windows itself); and, under Wine only, links handed over as Windows hands them and what the
//! admin sees when the window cannot open (a message box, read through X).
//!
//! Run by `make windows-test` (scripts/windows-test), which cross-builds both programs and makes a
//! private Wine prefix, and on Windows by `.github/workflows/ci.yml`; ignored by a plain
//! `cargo test`, which has no Windows build to run.
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use serde_json::Value;
use support::windows::Windows;
use support::{Sandbox, admin_scene};

/// Where Windows keeps a per-user URL scheme's handler.
const CLASS: &str = r"Software\Classes\factorial-connect";

/// Windows' limit on one credential's blob.
const CRED_MAX_CREDENTIAL_BLOB_SIZE: usize = 2560;

fn names(entries: &[(usize, String)]) -> Vec<&str> {
    entries.iter().map(|(_, name)| name.as_str()).collect()
}

fn assert_within_limit(entries: &[(usize, String)]) {
    for (size, name) in entries {
        assert!(
            *size <= CRED_MAX_CREDENTIAL_BLOB_SIZE,
            "{name} holds {size} bytes, beyond Windows' {CRED_MAX_CREDENTIAL_BLOB_SIZE}"
        );
    }
}

fn accepted(sandbox: &Sandbox, token: &str) -> Value {
    let (status, identity) = sandbox.credentials_with_curl(token);
    assert_eq!(status, 200, "Factorial refused the token: {identity}");
    identity
}

#[test]
#[ignore = "needs the Windows build: make windows-test"]
fn every_command_works_on_windows() {
    let wine = Windows::from_env();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    let service = desk.keychain_service.clone();

    // The secret pasted in a Windows console ends with CRLF.
    let added = wine.run(
        &desk,
        &desk.add_app_args("Nóminas", &oauth),
        &format!("{}\r\n", oauth.client_secret),
    );
    assert!(added.ok(), "{added:?}");
    let entries = wine.credentials(&service);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries[0].1.ends_with(":client-secret"), "{entries:?}");
    // Stored as keyring stores it on Windows, UTF-16: the secret, trimmed of its line end.
    assert_eq!(entries[0].0, oauth.client_secret.encode_utf16().count() * 2);

    let connected = wine.authorize_by_paste(&desk, "Nóminas");
    assert!(connected.ok(), "{connected:?}");
    assert!(
        connected.stdout.contains(&company.admin_email),
        "{connected:?}"
    );

    let status = wine.run(&desk, &["status", "--json"], "");
    assert!(status.ok(), "{status:?}");
    let status: Value = serde_json::from_str(&status.stdout).expect("status --json is JSON");
    assert_eq!(status[0]["app"]["name"], "Nóminas", "{status}");
    assert_eq!(status[0]["accounts"].as_array().map(Vec::len), Some(1));

    let whoami = wine.run(&desk, &["whoami", "Nóminas"], "");
    assert!(whoami.ok(), "{whoami:?}");
    assert!(whoami.stdout.contains(&company.admin_email), "{whoami:?}");

    let token = wine.run(&desk, &["token", "Nóminas"], "");
    assert!(token.ok(), "{token:?}");
    let first = token.stdout.trim().to_string();
    accepted(sandbox, &first);
    let json = wine.run(&desk, &["token", "Nóminas", "--json"], "");
    assert!(json.ok(), "{json:?}");
    let json: Value = serde_json::from_str(&json.stdout).expect("token --json is JSON");
    assert_eq!(json["access_token"], first.as_str());
    assert_eq!(json["api_url"], sandbox.url.as_str());

    let refreshed = wine.run(&desk, &["refresh", "Nóminas"], "");
    assert!(refreshed.ok(), "{refreshed:?}");
    let second = wine.run(&desk, &["token", "Nóminas"], "").stdout;
    assert_ne!(second.trim(), first, "refresh gave the same token");
    accepted(sandbox, second.trim());

    // `exec` runs a batch file by its bare name, as a Windows shell does (PATHEXT), with the token
    // and the API's address in its environment, and ends with its exit code.
    let scripts = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        scripts.path().join("show-token.cmd"),
        "@echo off\r\necho %FACTORIAL_API_URL%\r\necho %FACTORIAL_ACCESS_TOKEN%\r\nexit /b 7\r\n",
    )
    .expect("the script");
    let mut exec = wine.desk_command(&desk, &["exec", "Nóminas", "--", "show-token"]);
    wine.put_on_path(&mut exec, scripts.path());
    let exec = support::run_to_end(exec, &["exec"], "");
    assert_eq!(exec.code, Some(7), "{exec:?}");
    let lines: Vec<&str> = exec.stdout.lines().map(str::trim).collect();
    assert_eq!(
        lines.first().copied(),
        Some(sandbox.url.as_str()),
        "{exec:?}"
    );
    accepted(sandbox, lines.get(1).copied().unwrap_or_default());

    let revoked = wine.run(&desk, &["revoke", "Nóminas"], "");
    assert!(revoked.ok(), "{revoked:?}");
    let (status, _) = sandbox.credentials_with_curl(second.trim());
    assert_eq!(status, 401, "a revoked token still works");
    assert_eq!(wine.credentials(&service).len(), 1, "only the secret stays");

    let removed = wine.run(&desk, &["apps", "remove", "Nóminas"], "");
    assert!(removed.ok(), "{removed:?}");
    assert!(wine.credentials(&service).is_empty(), "left behind");
}

/// A token of thousands of characters is split below Windows' limit on one credential, read back
/// whole, and its pieces are all removed with the application.
#[test]
#[ignore = "needs the Windows build: make windows-test"]
fn long_tokens_are_split_below_the_credential_limit() {
    let wine = Windows::from_env();
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_length": 3000}),
    );
    let (company, oauth, desk) = admin_scene(&sandbox, true);
    let service = desk.keychain_service.clone();
    let added = wine.run(
        &desk,
        &desk.add_app_args("Long", &oauth),
        &oauth.client_secret,
    );
    assert!(added.ok(), "{added:?}");
    let connected = wine.authorize_by_paste(&desk, "Long");
    assert!(connected.ok(), "{connected:?}");

    let token = wine.run(&desk, &["token", "Long"], "");
    assert!(token.ok(), "{token:?}");
    let token = token.stdout.trim().to_string();
    assert_eq!(token.len(), 3000);
    assert_eq!(
        accepted(&sandbox, &token)["data"][0]["email"].as_str(),
        Some(company.admin_email.as_str())
    );
    let entries = wine.credentials(&service);
    let pieces: Vec<&(usize, String)> = entries.iter().filter(|(_, n)| n.contains('#')).collect();
    assert!(pieces.len() >= 3, "{:?}", names(&entries));
    assert_within_limit(&entries);

    // A refresh writes a new generation of pieces (the bundle now also lists the replaced pair
    // until Factorial confirms its end) and removes every piece of the old one.
    let generation = |entries: &[(usize, String)]| -> Vec<String> {
        let mut found: Vec<String> = entries
            .iter()
            .filter_map(|(_, n)| Some(n.split_once('#')?.1.split_once('.')?.0.to_string()))
            .collect();
        found.dedup();
        found
    };
    let before = generation(&entries);
    assert_eq!(before.len(), 1, "{:?}", names(&entries));
    let refreshed = wine.run(&desk, &["refresh", "Long"], "");
    assert!(refreshed.ok(), "{refreshed:?}");
    let after = wine.credentials(&service);
    let now = generation(&after);
    assert!(now.len() == 1 && now != before, "{:?}", names(&after));
    assert_within_limit(&after);
    let token = wine.run(&desk, &["token", "Long"], "");
    accepted(&sandbox, token.stdout.trim());

    let removed = wine.run(&desk, &["apps", "remove", "Long"], "");
    assert!(removed.ok(), "{removed:?}");
    assert!(wine.credentials(&service).is_empty(), "left behind");
}

/// What only Wine on Linux shows: a message box read and closed through X, the Wine registry, a
/// -gnu window binary that needs WebView2Loader.dll beside it (the MSVC build links it in).
#[cfg(unix)]
mod under_wine {
    use std::process::Stdio;
    use std::time::Duration;

    use serde_json::Value;

    use super::CLASS;
    use crate::support::windows::Windows;
    use crate::support::{Run, Sandbox, admin_scene, eventually, wait_with_timeout, x11};

    /// Windows hands a link to the program registered for the scheme, in a new process: the window
    /// binary, which registers itself first thing (even where it cannot open a window) and completes
    /// a waiting `authorize` of the command line without a window.
    #[test]
    #[ignore = "needs the Windows build: make windows-test"]
    fn a_link_reaches_the_waiting_command_line_through_the_registered_handler() {
        let wine = Windows::from_env();
        let sandbox = Sandbox::shared();
        let (company, oauth, mut desk) = admin_scene(sandbox, true);
        let added = wine.run(
            &desk,
            &desk.add_app_args("Linked", &oauth),
            &oauth.client_secret,
        );
        assert!(added.ok(), "{added:?}");

        // No handler yet, anywhere.
        for root in ["HKCU", "HKLM"] {
            wine.reg(&["delete", &format!(r"{root}\{CLASS}"), "/f"]);
        }
        // The window is started once, as a copy no installer registered: no WebView2 here, so it
        // says so, and has registered the scheme for this user before that.
        let mut window = wine.command(&wine.app());
        window.env("FACTORIAL_CONNECT_REGISTER_SCHEME", "1");
        let shown = open_and_close_message_box(window, "Factorial Connect cannot open its window");
        assert_ne!(shown.code, Some(0), "{shown:?}");
        assert!(shown.stderr.contains("WebView2"), "{shown:?}");
        let (found, said) = wine.reg(&["query", &format!(r"HKCU\{CLASS}\shell\open\command")]);
        let handler = format!("\"{}\" \"%1\"", wine.path(&wine.app()));
        assert!(found && said.contains(&handler), "{said}");
        // Windows reads a user's HKCU classes over HKLM's; Wine 8 reads only HKLM's, so the key is
        // copied there (where an MSI install puts it) for Wine's `start` to find.
        let class = format!(r"HKLM\{CLASS}");
        let command = format!(r"{class}\shell\open\command");
        for args in [
            [
                "add",
                &class,
                "/ve",
                "/d",
                "URL:Factorial Connect link",
                "/f",
            ]
            .as_slice(),
            &["add", &class, "/v", "URL Protocol", "/d", "", "/f"],
            &["add", &command, "/ve", "/d", &handler, "/f"],
        ] {
            assert!(wine.reg(args).0, "{args:?}");
        }

        // The browser opens the link the way Windows does: `start` looks up the scheme's handler.
        desk.deliver = true;
        let mut authorize = wine.desk_command(&desk, &["authorize", "Linked"]);
        authorize.env("SANDBOX_DELIVER_CMD", wine.deliver_with(&["start"]));
        let run = crate::support::run_to_end(authorize, &["authorize"], "");
        assert!(run.ok(), "{run:?}");
        assert!(run.stdout.contains(&company.admin_email), "{run:?}");
        let status = wine.run(&desk, &["status", "--json"], "");
        let status: Value = serde_json::from_str(&status.stdout).expect("status --json is JSON");
        assert_eq!(status[0]["accounts"].as_array().map(Vec::len), Some(1));
    }

    /// Runs `command` (a window binary), waits for a message box titled `title` on the X display,
    /// closes it as the admin's OK would, and gives how the program ended.
    fn open_and_close_message_box(mut command: std::process::Command, title: &str) -> Run {
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wine runs");
        eventually(Duration::from_secs(60), title, || {
            (x11::windows(title) > 0).then_some(())
        });
        assert_eq!(x11::close(title), 1);
        Run::from(wait_with_timeout(child, Duration::from_secs(30)))
    }

    /// Without the WebView2 runtime the window says what is missing and how to get it, in the
    /// admin's language, in a message box (a window program has no console), and ends non-zero.
    #[test]
    #[ignore = "needs the Windows build: make windows-test"]
    fn without_webview2_the_admin_is_told_in_their_language() {
        let wine = Windows::from_env();
        let data = tempfile::tempdir().expect("temp dir");
        let mut window = wine.command(&wine.app());
        window
            .env("FACTORIAL_CONNECT_DATA_DIR", wine.path(data.path()))
            .env("LANG", "es_ES.UTF-8")
            .env("LC_ALL", "es_ES.UTF-8");
        let shown =
            open_and_close_message_box(window, "Factorial Connect no puede abrir su ventana");
        assert_eq!(shown.code, Some(1), "{shown:?}");
        assert!(
            shown
                .stderr
                .contains("https://developer.microsoft.com/microsoft-edge/webview2/"),
            "{shown:?}"
        );
        assert!(
            shown.stderr.contains("factorial-connect --help"),
            "{shown:?}"
        );
    }

    /// A panic on the window's main thread is told in a message box, with the place in the code, and
    /// the program ends non-zero.
    #[test]
    #[ignore = "needs the Windows build: make windows-test"]
    fn a_crash_is_told_in_a_message_box() {
        let wine = Windows::from_env();
        let data = tempfile::tempdir().expect("temp dir");
        let mut window = wine.command(&wine.app());
        window
            .env("FACTORIAL_CONNECT_DATA_DIR", wine.path(data.path()))
            .env("FACTORIAL_CONNECT_PANIC_AT_START", "1");
        let shown = open_and_close_message_box(window, "Factorial Connect has stopped");
        assert_eq!(shown.code, Some(101), "{shown:?}");
    }

    /// A window binary that cannot even load (a DLL it needs is missing) cannot say anything itself:
    /// the command line that started it says what happened, instead of ending with 1 and no word.
    #[test]
    #[ignore = "needs the Windows build: make windows-test"]
    fn a_window_binary_that_cannot_load_is_explained() {
        let wine = Windows::from_env();
        let copy = tempfile::tempdir().expect("temp dir");
        for program in [wine.cli(), wine.app()] {
            let name = program.file_name().expect("a file name");
            std::fs::copy(&program, copy.path().join(name)).expect("a copy");
        }
        // WebView2Loader.dll, which the -gnu window binary loads at start, is not beside the copy.
        assert!(!copy.path().join("WebView2Loader.dll").exists());
        let data = tempfile::tempdir().expect("temp dir");
        let mut cli = wine.command(&copy.path().join("factorial-connect.exe"));
        cli.env("FACTORIAL_CONNECT_DATA_DIR", wine.path(data.path()));
        let run = crate::support::run_to_end(cli, &[], "");
        assert_ne!(run.code, Some(0), "{run:?}");
        assert!(
            run.stderr.contains("could not start")
                && run.stderr.contains("0xC0000135")
                && run.stderr.contains("Reinstall Factorial Connect"),
            "{run:?}"
        );
        assert!(!copy.path().join("WebView2Loader.dll").exists());
    }
}
