//! The authorize path end to end, as an admin and their scripts live it: the real binary, the real
//! Doorkeeper sandbox, the real Secret Service, and a browser that presses Authorize and hands the
//! redirect to `factorial-connect <url>` exactly as the OS runs the deep-link handler.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use support::{Desk, Sandbox, admin_scene, eventually, wait_with_timeout};

const REDIRECT: &str = "factorial-connect://oauth/callback";

#[test]
fn user_token_through_the_deep_link_lands_in_the_keychain_and_works_with_curl() {
    let sandbox = Sandbox::shared();
    let company = sandbox.seed_company();
    let oauth = sandbox.create_app(true, REDIRECT, "employees time_off");
    let desk = Desk::new(sandbox, &company.admin_email, "pw-admin");

    let added = desk.add_app(
        "Payroll sync",
        &oauth,
        true,
        &["--scopes", "employees time_off"],
    );
    assert!(
        !added.stderr.contains(&oauth.client_secret),
        "secret echoed: {}",
        added.stderr
    );

    let run = desk.run(&["authorize", "Payroll sync"], "");
    assert!(run.ok(), "authorize failed: {run:?}");
    let expected_label = format!("Ada Admin {} <{}>", &company.name[5..], company.admin_email);
    assert_eq!(run.stdout.trim(), expected_label);
    assert!(run.stderr.contains("/oauth/authorize?"), "{}", run.stderr);
    assert!(
        run.stderr.contains("code_challenge_method=S256"),
        "PKCE missing: {}",
        run.stderr
    );

    // What the admin sees afterwards.
    let status = desk.status_json();
    let account = &status[0]["accounts"][0];
    assert_eq!(account["kind"], "user");
    assert_eq!(account["id"], format!("user-{}", company.admin_employee_id));
    assert_eq!(account["label"], expected_label);
    let expires_in = account["access_expires_at"].as_u64().unwrap() as i64 - unix_now();
    assert!(
        (3500..=3600).contains(&expires_in),
        "expires in {expires_in}"
    );

    // The token works where a script uses it.
    let token = desk.run(&["token", "Payroll sync"], "");
    assert!(token.ok(), "{token:?}");
    let token = token.stdout.trim().to_string();
    assert_eq!(token.lines().count(), 1);
    let (status_code, body) = sandbox.credentials_with_curl(&token);
    assert_eq!(status_code, 200);
    assert_eq!(body["data"][0]["email"], company.admin_email.as_str());

    // Every secret is in the keychain, and none anywhere in the data folder or the output.
    let keychain = desk.keychain();
    let names: Vec<&str> = keychain.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.iter().any(|n| n.ends_with(":client-secret")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.contains(":account:user-") && n.ends_with(":tokens")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("pending:")),
        "verifier left behind: {names:?}"
    );
    assert!(keychain.iter().any(|(_, s)| s == &oauth.client_secret));
    assert!(keychain.iter().any(|(_, s)| s.contains(&token)));
    let refresh_token = sandbox
        .tokens(&oauth.client_id)
        .iter()
        .find(|t| t["token"] == token.as_str())
        .and_then(|t| t["refresh_token"].as_str().map(str::to_string))
        .expect("sandbox knows the token");
    let on_disk = desk.data_dir_bytes();
    for secret in [&oauth.client_secret, &token, &refresh_token] {
        assert!(
            !on_disk.contains(secret.as_str()),
            "a secret reached the data folder"
        );
        assert!(!run.stderr.contains(secret.as_str()) && !run.stdout.contains(secret.as_str()));
    }
    let delivered = std::fs::read_to_string(desk.data_dir.path().with_extension("deliver.log"))
        .unwrap_or_default();
    assert!(
        !delivered.contains(&token),
        "the deep-link handler printed the token"
    );
}

#[test]
fn company_token_never_expires_and_cannot_be_refreshed() {
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("HR bridge", &oauth, true, &[]);

    let run = desk.run(&["authorize", "HR bridge", "--company"], "");
    assert!(run.ok(), "{run:?}");
    assert!(
        run.stderr.contains("resource_owner_type=company"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout.trim(),
        format!("{} (company {})", company.name, company.id)
    );

    let status = desk.status_json();
    let account = &status[0]["accounts"][0];
    assert_eq!(account["kind"], "company");
    assert_eq!(account["id"], format!("company-{}", company.id));
    assert!(account["access_expires_at"].is_null());
    let human = desk.run(&["status"], "");
    assert!(
        human.stdout.contains("company token, never expires"),
        "{}",
        human.stdout
    );

    let token = desk
        .run(&["token", "HR bridge"], "")
        .stdout
        .trim()
        .to_string();
    let (code, body) = sandbox.credentials_with_curl(&token);
    assert_eq!(code, 200);
    assert_eq!(body["data"][0]["resource_owner_type"], "company");

    let refresh = desk.run(&["refresh", "HR bridge"], "");
    assert_eq!(refresh.code, Some(4), "{refresh:?}");
    assert!(
        refresh.stderr.contains("company tokens never expire"),
        "{}",
        refresh.stderr
    );

    // A basic user cannot get a company token: Factorial-like refusal, said plainly.
    let basic = Desk::new(sandbox, &company.basic_email, "pw-basic");
    basic.add_app("HR bridge", &oauth, true, &[]);
    let denied = basic.run(&["authorize", "HR bridge", "--company"], "");
    assert_eq!(denied.code, Some(7), "{denied:?}");
    assert!(
        denied.stderr.contains("Access was denied"),
        "{}",
        denied.stderr
    );
}

#[test]
fn one_application_holds_several_accounts() {
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Sync", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Sync"], "").ok());
    assert!(desk.run(&["authorize", "Sync", "--company"], "").ok());

    let ambiguous = desk.run(&["token", "Sync"], "");
    assert_eq!(ambiguous.code, Some(2));
    assert!(
        ambiguous.stderr.contains("several accounts"),
        "{}",
        ambiguous.stderr
    );
    assert!(
        ambiguous
            .stderr
            .contains(&format!("company-{}", company.id))
    );

    let by_id = desk.run(
        &[
            "token",
            "Sync",
            "--account",
            &format!("company-{}", company.id),
        ],
        "",
    );
    assert!(by_id.ok(), "{by_id:?}");
    let by_email = desk.run(&["token", "Sync", "--account", &company.admin_email], "");
    assert!(by_email.ok(), "{by_email:?}");
    assert_ne!(by_id.stdout, by_email.stdout);
    let unknown = desk.run(&["token", "Sync", "--account", "nobody"], "");
    assert_eq!(unknown.code, Some(3));
}

#[test]
fn public_app_with_pkce_needs_no_secret() {
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, false);
    desk.add_app("Public tool", &oauth, false, &[]);
    let run = desk.run(&["authorize", "Public tool"], "");
    assert!(run.ok(), "{run:?}");
    assert!(
        !desk
            .keychain()
            .iter()
            .any(|(n, _)| n.ends_with(":client-secret"))
    );
    assert!(desk.run(&["refresh", "Public tool"], "").ok());
}

#[test]
fn pasted_redirect_address_and_pasted_bare_code_both_complete() {
    let sandbox = Sandbox::shared();
    let company = sandbox.seed_company();
    let oauth = sandbox.create_app(true, REDIRECT, "employees");
    for (name, paste_code_only) in [("Paste URL", false), ("Paste code", true)] {
        let mut desk = Desk::new(sandbox, &company.admin_email, "pw-admin");
        desk.deliver = false; // the OS hand-off "fails": the user pastes instead
        desk.add_app(name, &oauth, true, &[]);
        let mut child = desk
            .command(&["authorize", name])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let redirect = eventually(Duration::from_secs(30), "the browser's redirect", || {
            desk.redirects().into_iter().next()
        });
        let paste = if paste_code_only {
            let url = url::Url::parse(&redirect).unwrap();
            url.query_pairs()
                .find(|(k, _)| k == "code")
                .unwrap()
                .1
                .into_owned()
        } else {
            redirect
        };
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "not a code at all").unwrap(); // a typo first: reported, wait goes on
        writeln!(stdin, "{paste}").unwrap();
        drop(stdin);
        let run = support::Run::from(wait_with_timeout(child, Duration::from_secs(60)));
        assert!(run.ok(), "{name}: {run:?}");
        assert!(
            run.stderr.contains("That is not an authorization answer"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.contains(&company.admin_email), "{}", run.stdout);
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Factorial accepts a token but will not say whose it is (its credentials endpoint wants a scope
/// the token lacks). The account is kept and said to be unidentified, with the scope named when
/// the answer names it; connecting again replaces it instead of adding a ghost beside it; and the
/// owner is filled in as soon as Factorial answers, on Test (`whoami`) or after a refresh.
#[test]
fn an_owner_factorial_will_not_name_leaves_no_ghost() {
    let sandbox = Sandbox::private("on-use");
    let (company, oauth, desk) = support::scene_without_the_owners_scope(&sandbox, "Ghostly");
    let settings = |scope: &str, refusal: &str| {
        sandbox.post(
            "/sandbox/settings",
            serde_json::json!({"credentials_scope": scope, "credentials_refusal": refusal}),
        );
    };
    settings("employees", "rfc6750");

    let connected = desk.run(&["authorize", "Ghostly", "--company"], "");
    assert!(connected.ok(), "{connected:?}");
    assert!(
        connected.stderr.contains("would not say whose it is")
            && connected.stderr.contains("“employees”"),
        "{}",
        connected.stderr
    );
    let accounts = || {
        desk.status_json()[0]["accounts"]
            .as_array()
            .unwrap()
            .clone()
    };
    let ghost = accounts()[0].clone();
    assert_eq!(accounts().len(), 1);
    assert_eq!(ghost["unidentified"]["code"], "identity_refused");
    assert_eq!(ghost["unidentified"]["scope"], "employees");
    let status = desk.run(&["status"], "");
    assert!(
        status.stdout.contains("would not say whose it is"),
        "{}",
        status.stdout
    );
    // No English is stored for it: the command line words it in the admin's language.
    assert_eq!(ghost["label"], "");
    assert!(
        status
            .stdout
            .contains("Company account — Factorial has not said which"),
        "{}",
        status.stdout
    );

    // Test says what it is, not "an answer Factorial Connect does not understand".
    let who = desk.run(&["whoami", "Ghostly"], "");
    assert!(!who.ok());
    assert!(
        who.stderr.contains("The token works and was kept")
            && who.stderr.contains("“employees”")
            && !who.stderr.contains("does not understand"),
        "{}",
        who.stderr
    );
    // Stock Doorkeeper names nothing: the likely cause is said instead.
    settings("employees", "doorkeeper");
    let who = desk.run(&["whoami", "Ghostly"], "");
    assert!(
        who.stderr.contains("Most likely the application's scopes"),
        "{}",
        who.stderr
    );

    // Connecting again, still unidentified: the same account, its old token ended at Factorial.
    let again = desk.run(&["authorize", "Ghostly", "--company"], "");
    assert!(again.ok(), "{again:?}");
    assert_eq!(accounts().len(), 1, "{:?}", accounts());
    assert_eq!(accounts()[0]["id"], ghost["id"]);
    let live = |rows: Vec<serde_json::Value>| rows.iter().filter(|r| r["revoked"] != true).count();
    assert_eq!(live(sandbox.tokens(&oauth.client_id)), 1);

    // Factorial answers now: Test fills in the owner, and a later connect lands in that account.
    settings("", "json");
    let who = desk.run(&["whoami", "Ghostly"], "");
    assert!(who.ok(), "{who:?}");
    let named = accounts()[0].clone();
    assert!(named["unidentified"].is_null(), "{named}");
    assert_eq!(
        named["label"],
        format!("{} (company {})", company.name, company.id)
    );
    let again = desk.run(&["authorize", "Ghostly", "--company"], "");
    assert!(again.ok(), "{again:?}");
    assert_eq!(accounts().len(), 1, "{:?}", accounts());
    assert_eq!(live(sandbox.tokens(&oauth.client_id)), 1);

    // A user token: unidentified at first, named after a refresh once Factorial answers.
    settings("employees", "json");
    assert!(desk.run(&["authorize", "Ghostly"], "").ok());
    let user = accounts()
        .into_iter()
        .find(|a| a["kind"] == "user")
        .unwrap();
    assert_eq!(user["unidentified"]["code"], "identity_refused");
    settings("", "json");
    let id = user["id"].as_str().unwrap();
    let refreshed = desk.run(&["refresh", "Ghostly", "--account", id], "");
    assert!(refreshed.ok(), "{refreshed:?}");
    let user = accounts().into_iter().find(|a| a["id"] == id).unwrap();
    assert!(user["unidentified"].is_null(), "{user}");
    assert_eq!(user["email"], company.admin_email.as_str());
}

/// Issue 20, item 7: a name Factorial sends with characters that change how text reads (U+202E
/// turns `Mallory` + U+202E + `gpj.exe` around) is shown with them visible, in the terminal and in what
/// scripts read, never obeyed and never silently dropped.
#[test]
fn hidden_characters_in_a_name_from_factorial_are_shown_not_obeyed() {
    let sandbox = Sandbox::shared();
    let company = sandbox.seed_company();
    let email = format!("mallory{}@acme.test", support::unique());
    sandbox.post(
        "/sandbox/users",
        serde_json::json!({"email": email, "password": "pw-m", "role": "admin",
            "full_name": "Mallory\u{202e}gpj.exe\u{200b}\u{1b}[2K", "company_id": company.id}),
    );
    let oauth = sandbox.create_app(true, REDIRECT, "employees");
    let desk = Desk::new(sandbox, &email, "pw-m");
    desk.add_app("Payroll", &oauth, true, &[]);

    let run = desk.run(&["authorize", "Payroll"], "");
    assert!(run.ok(), "{run:?}");
    let shown = "Mallory[U+202E]gpj.exe[U+200B][U+001B][2K";
    assert_eq!(run.stdout.trim(), format!("{shown} <{email}>"));
    let status = desk.run(&["status"], "");
    assert!(status.stdout.contains(shown), "{}", status.stdout);
    assert_eq!(
        desk.status_json()[0]["accounts"][0]["label"],
        format!("{shown} <{email}>")
    );
    for said in [&run.stdout, &run.stderr, &status.stdout, &status.stderr] {
        assert!(
            !said.contains(['\u{202e}', '\u{200b}', '\u{1b}']),
            "{said:?}"
        );
    }
}
