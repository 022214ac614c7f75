//! Keeping applications from the command line: `apps edit` changes what the window's Edit changes,
//! and what it refuses, it refuses with the window's reasons.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use serde_json::Value;
use support::{Sandbox, admin_scene};

fn app_named<'a>(apps: &'a Value, name: &str) -> Option<&'a Value> {
    apps.as_array()?.iter().find(|a| a["name"] == name)
}

#[test]
fn edit_changes_the_secret_name_scopes_and_refresh_life_and_keeps_the_account() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Payroll", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Payroll"], "").ok());
    // whoami --json: the stored account and Factorial's answer, both as objects.
    let who = desk.run(&["whoami", "Payroll", "--json"], "");
    let who: Value = serde_json::from_str(&who.stdout).unwrap();
    assert!(
        who["account"]["id"].is_string() && who["identity"].is_object(),
        "{who}"
    );

    // A secret that is not the application's: the next refresh is refused, and nothing is lost.
    let wrong = desk.run(
        &["apps", "edit", "Payroll", "--new-secret"],
        "not-the-secret\n",
    );
    assert!(wrong.ok(), "{wrong:?}");
    assert!(
        wrong.stderr.contains("Saved the changes to “Payroll”"),
        "{}",
        wrong.stderr
    );
    let tokens = desk.tokens_entry();
    let refused = desk.run(&["refresh", "Payroll"], "");
    assert!(!refused.ok(), "{refused:?}");
    assert_eq!(
        desk.tokens_entry(),
        tokens,
        "a refused refresh keeps the tokens"
    );

    // The right secret again: refresh works, so the keychain holds what was typed.
    let right = desk.run(
        &["apps", "edit", "Payroll", "--new-secret"],
        &oauth.client_secret,
    );
    assert!(right.ok(), "{right:?}");
    let refreshed = desk.run(&["refresh", "Payroll"], "");
    assert!(refreshed.ok(), "{refreshed:?}");

    let edited = desk.run(
        &[
            "apps",
            "edit",
            "Payroll",
            "--rename",
            "Payroll sync",
            "--scopes",
            "read write",
            "--refresh-token-life",
            "2d",
        ],
        "",
    );
    assert!(edited.ok(), "{edited:?}");
    let list = desk.run(&["apps", "list", "--json"], "");
    let apps: Value = serde_json::from_str(&list.stdout).unwrap();
    assert!(app_named(&apps, "Payroll").is_none(), "{apps}");
    let app = app_named(&apps, "Payroll sync").unwrap();
    assert_eq!(app["scopes"], serde_json::json!(["read", "write"]));
    assert_eq!(app["refresh_lifetime_secs"], 2 * 86_400);
    // The account came along with the new name.
    let token = desk.run(&["token", "Payroll sync"], "");
    assert!(token.ok(), "{token:?}");
    assert_eq!(sandbox.credentials_with_curl(token.stdout.trim()).0, 200);

    // Where the tokens came from is fixed while an account is connected, as in the window.
    let moved = desk.run(&["apps", "edit", "Payroll sync", "--env", "demo"], "");
    assert_eq!(moved.code, Some(2), "{moved:?}");
    assert!(
        moved.stderr.contains("environment") && !moved.stderr.contains("panicked"),
        "{}",
        moved.stderr
    );
}

#[test]
fn edit_asks_for_a_change_and_never_reads_a_secret_it_would_refuse() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, false);
    desk.add_app("Public", &oauth, false, &[]);

    let nothing = desk.run(&["apps", "edit", "Public"], "");
    assert_eq!(nothing.code, Some(2), "{nothing:?}");
    assert!(
        nothing
            .stderr
            .contains("say what to change: one or more of --rename, --new-secret")
            && nothing.stderr.contains("apps edit --help"),
        "{}",
        nothing.stderr
    );

    // A public application has no secret: refused before standard input is read. (Read, an
    // empty input would be no change at all and the edit would succeed.)
    let secret = desk.run(&["apps", "edit", "Public", "--new-secret"], "");
    assert_eq!(secret.code, Some(2), "{secret:?}");
    assert!(
        secret.stderr.contains("has no client secret"),
        "{}",
        secret.stderr
    );

    let unknown = desk.run(&["apps", "edit", "Nobody", "--rename", "X"], "");
    assert_eq!(unknown.code, Some(3), "{unknown:?}");

    // The secret is never an argument: a value after --new-secret is not taken for one.
    let inline = desk.run(&["apps", "edit", "Public", "--new-secret", "abc"], "");
    assert_eq!(inline.code, Some(2), "{inline:?}");
    assert!(!inline.stderr.contains("panicked"), "{}", inline.stderr);
}

/// An address that cannot be read says what is wrong with it, in the admin's language (the URL
/// parser's own reasons are English), and nothing is added.
#[test]
fn a_bad_address_says_what_is_wrong_with_it_in_the_admins_language() {
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = admin_scene(sandbox, false);
    let add = |env: &str, language: &str| {
        let args = [
            "apps",
            "add",
            "Bad",
            "--client-id",
            "abc",
            "--public",
            "--env",
            env,
        ];
        let mut command = desk.command(&args);
        command.env("LC_ALL", language).env("LANG", language);
        support::run_to_end(command, &args, "")
    };
    for (env, english, spanish) in [
        (
            "https://x:99999",
            "its port is not a number from 0 to 65535",
            "su puerto no es un número de 0 a 65535",
        ),
        (
            "api.factorialhr.com",
            "it does not start with a scheme such as https://",
            "no empieza por un esquema como https://",
        ),
        (
            "https://exa mple.com",
            "its server name has characters no name can have",
            "su nombre de servidor tiene",
        ),
    ] {
        for (language, words) in [("en_US.UTF-8", english), ("es_ES.UTF-8", spanish)] {
            let run = add(env, language);
            assert_eq!(run.code, Some(2), "{run:?}");
            assert!(run.stderr.contains(words), "{language}: {}", run.stderr);
        }
    }
    let list = desk.run(&["apps", "list", "--json"], "");
    assert_eq!(list.stdout.trim(), "[]", "{list:?}");
}

/// A data folder the system will not give says why in the admin's words, with the system's own
/// number for support, and exits with the storage code.
#[test]
fn a_data_folder_the_system_refuses_says_why() {
    let place = tempfile::NamedTempFile::new().unwrap();
    // A folder inside a file: the system answers "not a directory" (error 20 on Linux).
    let inside_a_file = place.path().join("data");
    let run = support::run_to_end(
        {
            let mut command = std::process::Command::new(support::BIN);
            command
                .args(["status"])
                .env("FACTORIAL_CONNECT_DATA_DIR", &inside_a_file)
                .env(
                    "FACTORIAL_CONNECT_KEYCHAIN_SERVICE",
                    "apps-cli-refused-folder",
                )
                .env("LC_ALL", "en_US.UTF-8");
            command
        },
        &["status"],
        "",
    );
    assert_eq!(run.code, Some(8), "{run:?}");
    assert!(
        run.stderr.contains("could not use its data folder")
            && run.stderr.contains("the system refused (system error 20)"),
        "{}",
        run.stderr
    );
}
