//! The admin's window as an HR admin uses it, through the real window (WebDriver under Xvfb), the
//! Doorkeeper sandbox, the real keychain and the real X clipboard: add an application through the
//! guided form, connect it, copy its token without the page ever holding it, test it, change its
//! secret to a wrong one and see Factorial's refusal explained, then delete it and see its secrets
//! leave the keychain.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::time::Duration;

use support::page;
use support::webdriver::{BACKSPACE, DOWN, Driver, ENTER, ESCAPE, Session, TAB, one_window};
use support::{Sandbox, admin_scene, eventually};

/// What the X clipboard holds now, read the way any other program would.
fn clipboard() -> String {
    arboard::Clipboard::new()
        .and_then(|mut c| c.get_text())
        .unwrap_or_default()
}

/// Waits until the banner says `expected` with the given status (each action replaces the
/// banner, so an earlier one may still be on screen), and returns all it says.
/// The two checks below see what they look for: a nameless button is an axe violation, and an
/// inline style is blocked by the CSP and reported. Both are planted, seen, and taken away.
fn checks_can_fail(session: &Session) {
    session.run_async(
        "const b = document.createElement('button'); b.id = 'planted'; document.body.append(b); \
         arguments[arguments.length - 1]()",
    );
    let problems = session.accessibility_problems();
    assert!(
        problems.iter().any(|p| p.starts_with("button-name")),
        "axe did not see a planted nameless button: {problems:?}"
    );
    session.run_async(
        "document.getElementById('planted').remove(); \
         const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s); \
         setTimeout(arguments[arguments.length - 1], 200)",
    );
    let blocked = session.csp_violations();
    assert!(
        blocked.iter().any(|v| v.contains("style-src")),
        "the CSP did not report a planted inline style: {blocked:?}"
    );
    session.run_async("window.cspViolations.length = 0; arguments[arguments.length - 1]()");
}

/// No accessibility violation (axe-core) and no CSP violation on the screen as it is now.
fn screen_is_clean(session: &Session, screen: &str) {
    let problems = session.accessibility_problems();
    assert!(problems.is_empty(), "{screen}: {problems:#?}");
    let blocked = session.csp_violations();
    assert!(blocked.is_empty(), "{screen}: {blocked:?}");
}

fn banner(session: &Session, status: &str, expected: &str) -> String {
    let css = format!("#banner[data-status='{status}']");
    let mut last = String::new();
    let found = (0..600).find_map(|_| {
        if let Some(element) = session.find(&css) {
            last = session.text(&element);
            if last.contains(expected) {
                return Some(last.clone());
            }
        }
        std::thread::sleep(Duration::from_millis(100));
        None
    });
    found.unwrap_or_else(|| panic!("no {status} banner saying {expected:?}; last: {last:?}"))
}

#[test]
fn an_admin_adds_connects_copies_tests_edits_and_deletes_with_the_mouse() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    // A copied token is taken back after this long (a minute outside tests).
    let driver = Driver::start_with(
        &desk,
        &[
            ("FACTORIAL_CONNECT_CLIPBOARD_SECONDS", "3"),
            // The page keeps what it receives (debug builds only), to show what never reached it.
            ("FACTORIAL_CONNECT_IPC_LOG", "1"),
        ],
    );
    let session = driver.session(&[]);

    // First run: nothing yet, and the way to add is offered.
    session.wait_for(page::NO_APPS, 30);
    session.screenshot("admin-empty.png");
    checks_can_fail(&session);
    screen_is_clean(&session, "first run");
    session.click_on("header [data-action='add-app']");
    session.wait_for("dialog[data-dialog='app'][open]", 10);

    // The guided form: the sandbox stands for another server; the redirect URI is copied from the
    // form as the admin would, to paste into Factorial.
    session.click_on("input[name='environment'][value='custom']");
    let base = session.wait_for(page::APP_BASE_URL, 10);
    session.type_into(&base, &desk.sandbox_url);
    session.click_on("[data-action='copy-redirect-uri']");
    eventually(
        Duration::from_secs(10),
        "the redirect URI on the clipboard",
        || (clipboard() == "factorial-connect://oauth/callback").then_some(()),
    );
    session.type_into(&session.wait_for(page::APP_NAME, 5), "Payroll sync");
    // With a slip of the hand at the end of the client ID, put right below before connecting.
    session.type_into(
        &session.wait_for(page::APP_CLIENT_ID, 5),
        &format!("{}-typo", oauth.client_id),
    );
    session.type_into(
        &session.wait_for(page::APP_CLIENT_SECRET, 5),
        &oauth.client_secret,
    );
    session.click_on("input[name='scope'][value='employees']");
    session.screenshot("admin-add.png");
    screen_is_clean(&session, "add dialog");
    session.click_on(page::SAVE_APP);
    banner(&session, "ok", "Added “Payroll sync”");
    let secret_entries = |desk: &support::Desk| {
        desk.keychain()
            .into_iter()
            .filter(|(name, _)| name.ends_with(":client-secret"))
            .count()
    };
    assert_eq!(secret_entries(&desk), 1, "the secret went to the keychain");
    assert!(
        !desk.data_dir_bytes().contains(&oauth.client_secret),
        "the secret reached the data folder"
    );

    // Before any account exists, Edit still offers the client ID: the typo is erased there.
    session.click_on(&page::app_action("Payroll sync", "edit"));
    let client_id = session.wait_for("dialog[data-dialog='app'][open] #app-client-id", 10);
    session.type_into(&client_id, &BACKSPACE.repeat("-typo".len()));
    session.click_on(page::SAVE_APP);
    banner(&session, "ok", "Saved “Payroll sync”");

    // More settings: how long the server honours a refresh token, Factorial's week unless
    // changed. A life out of range is refused by Rust and marked on its field; two days are kept.
    session.click_on(&page::app_action("Payroll sync", "edit"));
    session.wait_for("dialog[data-dialog='app'][open] #app-name", 10);
    assert!(session.find(page::APP_REFRESH_LIFE).is_some());
    session.click_on("dialog[data-dialog='app'] details.more summary");
    let life = session.wait_for(page::APP_REFRESH_LIFE, 10);
    assert_eq!(session.property(&life, "value"), "7");
    assert_eq!(
        session.property(&session.wait_for("#app-refresh-life-unit", 10), "value"),
        "days"
    );
    session.type_into(&life, &format!("{BACKSPACE}0"));
    session.click_on(page::SAVE_APP);
    let problem = session.wait_for("dialog[data-dialog='app'] .problem", 10);
    assert!(
        session
            .text(&problem)
            .contains("refresh-token life must be at least 2 seconds"),
        "{}",
        session.text(&problem)
    );
    assert!(
        session
            .find("#app-refresh-life[aria-invalid='true']")
            .is_some()
    );
    session.screenshot("admin-refresh-life-refused.png");
    session.type_into(&life, &format!("{BACKSPACE}2"));
    session.click_on(page::SAVE_APP);
    banner(&session, "ok", "Saved “Payroll sync”");
    assert_eq!(
        desk.status_json()[0]["app"]["refresh_lifetime_secs"],
        2 * 86_400
    );

    // One click to connect; the fake browser approves and the link comes back.
    session.click_on(&page::app_action("Payroll sync", "connect-user"));
    let account_css = page::user_account(company.admin_employee_id);
    let account = session.wait_for(&account_css, 60);
    assert!(session.text(&account).contains(&company.admin_email));
    assert!(session.text(&account).contains("Scopes: employees"));

    // Copy: the clipboard holds the token, the page never shows it.
    let token = desk.run(&["token", "Payroll sync"], "");
    assert!(token.ok(), "{token:?}");
    let token = token.stdout.trim().to_string();
    session.click_on(&format!("{account_css} [data-action='copy-token']"));
    banner(&session, "ok", "on the clipboard for 3 s");
    eventually(
        Duration::from_secs(10),
        "the token on the clipboard",
        || (clipboard() == token).then_some(()),
    );
    assert!(
        !session.page_text().contains(&token),
        "the page shows the token"
    );
    // Taken back when its time is up (3 s here), since nothing else was copied meanwhile.
    eventually(
        Duration::from_secs(15),
        "the token gone from the clipboard",
        || (clipboard() != token).then_some(()),
    );
    assert!(clipboard().is_empty(), "{:?}", clipboard());

    // For scripts: a command that fetches a token each time, never the token itself.
    session.click_on(&format!("{account_css} [data-action='copy-for-scripts']"));
    let line = eventually(Duration::from_secs(10), "the script line", || {
        let now = clipboard();
        now.starts_with("curl ").then_some(now)
    });
    assert!(
        line.contains("$(factorial-connect token 'Payroll sync' --account user-"),
        "{line}"
    );
    assert!(!line.contains(&token));
    // Copying the token, then something else: what the admin copied last stays.
    session.click_on(&format!("{account_css} [data-action='copy-token']"));
    eventually(Duration::from_secs(10), "the token copied again", || {
        (clipboard() == token).then_some(())
    });
    session.click_on(&format!("{account_css} [data-action='copy-for-scripts']"));
    std::thread::sleep(Duration::from_secs(5));
    assert!(clipboard().starts_with("curl "), "{:?}", clipboard());

    // Reveal shows the token, on request only; it is the one answer that carried it.
    session.click_on(&format!("{account_css} [data-action='reveal']"));
    let shown = session.wait_for("[data-revealed]", 10);
    assert_eq!(session.text(&shown), token);
    session.click_on(&format!("{account_css} [data-action='reveal']"));
    eventually(Duration::from_secs(5), "the token hidden again", || {
        session.find("[data-revealed]").is_none().then_some(())
    });
    let received = session.run_async("arguments[arguments.length - 1](window.ipcLog)");
    let received = received
        .as_array()
        .expect("the page kept its log (debug build)");
    assert!(received.len() > 10, "{received:?}");
    for entry in received {
        let text = entry.to_string();
        assert!(
            !text.contains(&oauth.client_secret),
            "the client secret reached the page: {text}"
        );
        if text.contains(&token) {
            assert_eq!(
                entry["command"], "revealToken",
                "a token reached the page unasked: {text}"
            );
        }
    }

    // Test asks Factorial who the token is.
    session.click_on(&format!("{account_css} [data-action='test']"));
    let said = banner(&session, "ok", "Factorial answered");
    assert!(said.contains(&company.admin_email), "{said}");
    session.screenshot("admin-connected.png");
    screen_is_clean(&session, "connected");

    // A wrong secret, set through Edit, is explained when Factorial refuses it.
    session.click_on(&page::app_action("Payroll sync", "edit"));
    session.type_into(
        &session.wait_for(page::APP_CLIENT_SECRET, 10),
        "not-the-secret",
    );
    // Connected now: environment and client ID are fixed, and the dialog says why.
    assert!(session.find(page::APP_CLIENT_ID).is_none());
    assert!(
        session
            .page_text()
            .contains("cannot change while an account is connected")
    );
    session.click_on(page::SAVE_APP);
    banner(&session, "ok", "Saved “Payroll sync”");
    session.click_on(&format!("{account_css} [data-action='refresh']"));
    banner(
        &session,
        "error",
        "did not accept the client ID or client secret",
    );
    session.screenshot("admin-wrong-secret.png");
    // Beside the explanation, the button that fixes it: Edit, where the secret is changed.
    let remedy = session.wait_for(page::BANNER_REMEDY, 10);
    assert_eq!(session.text(&remedy), "Edit");
    session.click(&remedy);
    session.wait_for("dialog[data-dialog='app'][open] #app-client-secret", 10);
    session
        .run_async("document.querySelector('dialog').close(); arguments[arguments.length - 1]()");
    screen_is_clean(&session, "error banner");

    // Delete asks first, then the secrets leave the keychain.
    session.click_on(&page::app_action("Payroll sync", "delete"));
    let confirm = session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    assert!(session.text(&confirm).contains("Delete “Payroll sync”?"));
    screen_is_clean(&session, "confirmation");
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    banner(&session, "ok", "Deleted “Payroll sync”");
    session.wait_for(page::NO_APPS, 20);
    assert!(
        desk.keychain().is_empty(),
        "entries left: {:?}",
        desk.keychain()
            .iter()
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>()
    );
    session.close();
}

/// The same window in Spanish, as the system's locale asks; the language can be changed in
/// Settings, and Settings removes everything this app put on the computer.
#[test]
fn the_window_speaks_spanish_and_removes_everything_when_asked() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Nóminas", &oauth, true, &[]);
    let driver = Driver::start_with(&desk, &[("LC_ALL", "es_ES.UTF-8"), ("LANG", "es_ES.UTF-8")]);
    let session = driver.session(&[]);

    let card = session.wait_for(&page::app("Nóminas"), 30);
    eventually(Duration::from_secs(10), "the page in Spanish", || {
        session
            .text(&card)
            .contains("Aún no está conectada.")
            .then_some(())
    });
    session.click_on(&page::app_action("Nóminas", "connect-user"));
    let account_css = page::user_account(company.admin_employee_id);
    let account = session.wait_for(&account_css, 60);
    assert!(session.text(&account).contains("Token de usuario"));
    banner(&session, "ok", "Se conectó «Nóminas»");
    session.screenshot("admin-connected-es.png");

    // A link that is not an answer is explained in Spanish too.
    let stray = desk.run(
        &["factorial-connect://oauth/callback?code=a&code=b&state=s"],
        "",
    );
    assert!(stray.ok(), "{stray:?}");
    banner(&session, "error", "repite el parámetro code");

    // Settings: where secrets are, and the language switched to English at once.
    session.click_on("header [data-action='settings']");
    let keychain = session.wait_for("[data-about='keychain']", 10);
    assert!(session.text(&keychain).contains("Secret Service"));
    // How updates come: on Linux, the system's packages, and the downloads page opens in the
    // browser.
    let updates = session.wait_for("[data-updates='system_packages']", 5);
    assert!(
        session
            .text(&updates)
            .contains("actualizaciones de software del sistema"),
        "{}",
        session.text(&updates)
    );
    session.screenshot("admin-settings-es.png");
    screen_is_clean(&session, "settings in Spanish");
    session.click_on("[data-action='open-downloads']");
    eventually(Duration::from_secs(10), "the downloads page opened", || {
        desk.redirects()
            .iter()
            .any(|line| {
                line == "PAGE https://github.com/factorial-connect/factorial-connect/releases/latest"
            })
            .then_some(())
    });
    let language = session.wait_for("#settings-language", 5);
    session.click(&language);
    session.click_on("#settings-language option[value='en']");
    eventually(Duration::from_secs(10), "the page in English", || {
        session
            .page_text()
            .contains("Remove everything from this computer")
            .then_some(())
    });

    // Remove everything names what will go, then takes it.
    session.click_on("[data-action='remove-everything']");
    let confirm = session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    assert!(
        session
            .text(&confirm)
            .contains("One application and its account will go"),
        "{}",
        session.text(&confirm)
    );
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    banner(&session, "ok", "Removed one application");
    assert!(
        desk.keychain().is_empty(),
        "the keychain still holds entries"
    );
    session.close();
}

/// When the browser cannot come back, the address it ended on is pasted into the waiting panel;
/// a company token is connected the same way. Revoke and Forget ask first, then do what they say.
#[test]
fn a_pasted_answer_connects_and_revoke_and_forget_ask_first() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false; // the browser's redirect goes nowhere: the admin pastes it
    desk.add_app("Paste app", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);

    let paste_the_redirect = |seen: usize| {
        let link = eventually(Duration::from_secs(30), "the browser's redirect", || {
            desk.redirects().get(seen).cloned()
        });
        session.type_into(&session.wait_for(page::PASTE, 10), &link);
        session.click_on(page::PASTE_SUBMIT);
    };
    session.click_on(&page::app_action("Paste app", "connect-user"));
    session.wait_for(page::WAITING, 10);
    paste_the_redirect(0);
    let user_css = page::user_account(company.admin_employee_id);
    session.wait_for(&user_css, 60);
    banner(&session, "ok", "Connected “Paste app”");
    session.wait_for(page::NOT_WAITING, 10);

    session.click_on(&page::app_action("Paste app", "connect-company"));
    paste_the_redirect(1);
    let company_css = page::company_account(company.id);
    let row = session.wait_for(&company_css, 60);
    assert!(session.text(&row).contains("Works, never expires"));

    // Revoke: asked, then the token no longer works at Factorial and the row is gone.
    let token = desk.run(
        &[
            "token",
            "Paste app",
            "--account",
            &format!("user-{}", company.admin_employee_id),
        ],
        "",
    );
    assert!(token.ok(), "{token:?}");
    session.click_on(&format!("{user_css} [data-action='revoke']"));
    session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    banner(&session, "ok", "Revoked at Factorial");
    eventually(Duration::from_secs(20), "the revoked account gone", || {
        session.find(&user_css).is_none().then_some(())
    });
    let (status, _) = sandbox.credentials_with_curl(token.stdout.trim());
    assert_eq!(status, 401, "the revoked token still works at Factorial");

    // Only what applies to each kind: a company token has nothing to refresh with.
    assert!(
        session
            .find(&format!("{company_css} [data-action='refresh']"))
            .is_none(),
        "Refresh offered on a company token"
    );
    // Forgetting a live company token asks first, says what stays alive, offers Revoke first.
    session.click_on(&format!("{company_css} [data-action='forget']"));
    let confirm = session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    let asked = session.text(&confirm);
    assert!(
        asked.contains("never expires and acts for the whole company")
            && asked.contains("nothing here can revoke it afterwards"),
        "{asked}"
    );
    let offered: Vec<String> = ["revoke", "confirm"]
        .iter()
        .map(|a| {
            session.wait_for(
                &format!("dialog[data-dialog='confirm'] [data-action='{a}']"),
                5,
            )
        })
        .map(|b| session.property(&b, "className"))
        .collect();
    assert_eq!(
        offered,
        ["primary", "secondary"],
        "Revoke is not the first choice"
    );
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    // Not a success in green: a live token is left at Factorial, and the banner says so.
    banner(&session, "info", "still valid at Factorial");
    eventually(
        Duration::from_secs(20),
        "the forgotten account gone",
        || session.find(&company_css).is_none().then_some(()),
    );
    session.close();
}

/// Factorial will not say whose a token is (its credentials endpoint wants a scope the token was
/// not given): the card says so and how to fix it, Test fills the owner in once Factorial answers,
/// and connecting again replaces the account rather than adding a ghost beside it.
#[test]
fn an_account_factorial_will_not_name_says_so_and_is_not_doubled() {
    let _one = one_window();
    let sandbox = Sandbox::private("on-use");
    let (company, _oauth, desk) = support::scene_without_the_owners_scope(&sandbox, "Ghostly");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"credentials_scope": "employees", "credentials_refusal": "rfc6750"}),
    );
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    let rows = "[data-app='Ghostly'] [data-account-id]";
    let count = || {
        session.run_async(&format!(
            "arguments[arguments.length - 1](document.querySelectorAll(\"{rows}\").length)"
        ))
    };

    session.click_on(&page::app_action("Ghostly", "connect-company"));
    let said = banner(&session, "info", "would not say whose it is");
    assert!(said.contains("“employees”"), "{said}");
    assert!(
        session.find(page::BANNER_REMEDY).is_some(),
        "no way to Edit offered"
    );
    let row = session.wait_for(rows, 30);
    let card = session.text(&row);
    assert!(
        card.contains("Company account — Factorial has not said which"),
        "{card}"
    );
    assert!(
        card.contains("“employees”") && card.contains("Edit"),
        "{card}"
    );
    assert!(!card.contains("not yet identified"), "{card}");
    screen_is_clean(&session, "an unidentified account");
    session.screenshot("unidentified-account.png");

    // Connecting again while Factorial still will not say: the same one row.
    session.click_on(&page::app_action("Ghostly", "connect-company"));
    banner(&session, "info", "would not say whose it is");
    assert_eq!(count(), 1);

    // Factorial answers now: Test names the company, and the notice is gone.
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"credentials_scope": ""}),
    );
    session.click_on(&format!("{rows} [data-action='test']"));
    banner(&session, "ok", &company.name);
    eventually(Duration::from_secs(20), "the owner filled in", || {
        let text = session.text(&session.wait_for(rows, 5));
        (text.contains(&company.name) && session.find("[data-unidentified]").is_none())
            .then_some(())
    });
    session.click_on(&page::app_action("Ghostly", "connect-company"));
    banner(&session, "ok", "Connected “Ghostly”");
    assert_eq!(count(), 1);
    session.close();
}

/// Deny in Factorial is explained in the admin's words, and nothing is connected.
#[test]
fn a_denied_consent_says_so() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.decision = "deny";
    desk.add_app("Denied app", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.click_on(&page::app_action("Denied app", "connect-user"));
    banner(&session, "error", "Access was denied in Factorial");
    session.wait_for(page::NOT_WAITING, 10);
    assert!(session.find("[data-account-id]").is_none());
    session.close();
}

/// Everything above again without a mouse: Tab, arrows, Enter and Escape add an application and
/// connect the company; the focus shows where it is, stays inside an open dialog and comes back
/// to the button that opened it.
#[test]
fn the_keyboard_alone_adds_an_application_and_connects_the_company() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.wait_for(page::NO_APPS, 30);

    session.tab_to("header [data-action='add-app']", 20);
    assert!(
        session.focus_is_visible(),
        "the focused button shows no outline"
    );
    session.press(ENTER);
    session.wait_for("dialog[data-dialog='app'][open]", 10);
    // Tab cycles inside the dialog: the page behind it is never reached.
    let inside = "const a = document.activeElement; arguments[arguments.length - 1](\
                  !a || a === document.body || !!a.closest('dialog[open]'))";
    for press in 0..60 {
        assert_eq!(
            session.run_async(inside),
            true,
            "after {press} presses of Tab the focus left the dialog"
        );
        session.press(TAB);
    }
    // The environment is a radio group: arrows move the choice, as everywhere else.
    session.tab_to("input[name='environment']:checked", 60);
    session.press(&DOWN.repeat(2));
    assert!(session.focus_on("input[value='custom']:checked"));
    session.tab_to(page::APP_BASE_URL, 5);
    session.press(&desk.sandbox_url);
    session.tab_to(page::APP_NAME, 10);
    session.press("Keyboard app");
    session.tab_to(page::APP_CLIENT_ID, 5);
    session.press(&oauth.client_id);
    session.tab_to(page::APP_CLIENT_SECRET, 5);
    session.press(&oauth.client_secret);
    session.press(ENTER);
    banner(&session, "ok", "Added “Keyboard app”");
    assert!(
        session.focus_on("header [data-action='add-app']"),
        "the focus did not come back to the button that opened the dialog"
    );

    // Connect the company, with Enter.
    session.tab_to(&page::app_action("Keyboard app", "connect-company"), 30);
    assert!(session.focus_is_visible());
    session.press(ENTER);
    let company_css = page::company_account(company.id);
    let account = session.wait_for(&company_css, 60);
    assert!(session.text(&account).contains(&company.name));

    // A confirmation opened with Enter closes with Escape, asks nothing, and hands the focus back.
    let forget = format!("{company_css} [data-action='forget']");
    session.tab_to(&forget, 40);
    session.press(ENTER);
    session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    session.press(ESCAPE);
    eventually(Duration::from_secs(5), "the confirmation closed", || {
        session.find("dialog[open]").is_none().then_some(())
    });
    assert!(
        session.focus_on(&forget),
        "the focus did not come back to Forget"
    );
    assert!(
        session.find(&company_css).is_some(),
        "Escape forgot the account"
    );
    screen_is_clean(&session, "after the keyboard");
    session.close();
}

/// A long list is drawn fifty cards at a time: the rest comes with "Show more", which says how
/// many are left.
#[test]
fn a_long_list_of_applications_grows_on_request() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, false);
    for n in 0..60 {
        desk.add_app(&format!("Tool {n:02}"), &oauth, false, &[]);
    }
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.wait_for(&page::app("Tool 00"), 30);
    let cards = |session: &Session| {
        session
            .run_async(
                "arguments[arguments.length - 1](document.querySelectorAll('[data-app]').length)",
            )
            .as_u64()
    };
    assert_eq!(cards(&session), Some(50));
    let more = session.wait_for("[data-action='show-more']", 10);
    assert_eq!(session.text(&more), "Show 10 more applications (of 60)");
    session.run_async(
        "document.querySelector(\"[data-action='show-more']\").scrollIntoView(); arguments[arguments.length - 1]()",
    );
    session.screenshot("admin-show-more.png");
    session.click(&more);
    session.wait_for(&page::app("Tool 59"), 10);
    assert_eq!(cards(&session), Some(60));
    assert!(session.find("[data-action='show-more']").is_none());
}

/// Whether `css` lies wholly inside the window's viewport, as the admin sees it without scrolling.
fn in_view(session: &Session, css: &str) -> bool {
    session.run_async(&format!(
        "const r = document.querySelector(\"{css}\").getBoundingClientRect(); \
         arguments[arguments.length - 1](r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0)"
    )) == true
}

/// The add form at the window's default size, in both languages: it fits, its action is in reach
/// without scrolling, scopes read in plain words in groups and can be filtered, every environment
/// has its page button, and a copy says so beside the button. The banner follows the language and
/// an error does not outlive the next action.
#[test]
fn the_add_form_fits_the_window_and_answers_where_it_is_asked() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (_company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Form app", &oauth, true, &[]);
    assert!(desk.run(&["authorize", "Form app"], "").ok());
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    session.wait_for("[data-app='Form app'] [data-account-id]", 30);

    let check_form = |shot: &str, group: &str, words: &str| {
        session.click_on("header [data-action='add-app']");
        session.wait_for("dialog[data-dialog='app'][open]", 10);
        assert!(
            in_view(&session, "dialog[data-dialog='app']"),
            "the dialog is taller than the window"
        );
        assert!(in_view(&session, page::SAVE_APP), "Add is out of reach");
        let first = session.wait_for(".scope-group-title", 5);
        assert_eq!(session.text(&first), group);
        let employees = session.wait_for("label.scope:has(input[value='employees'])", 5);
        assert!(
            session.text(&employees).starts_with(words),
            "{}",
            session.text(&employees)
        );
        for older in ["read", "write"] {
            session.wait_for(&format!("input[name='scope'][value='{older}']"), 5);
        }
        session.click_on("input[name='environment'][value='custom']");
        session.wait_for("#app-base-url-help", 5);
        session.wait_for("[data-action='open-factorial-page']", 5);
        session.screenshot(shot);
    };
    check_form(
        "add-form-en.png",
        "People and the company",
        "Employees and teams",
    );
    let page = session.wait_for("[data-action='open-factorial-page']", 5);
    assert_eq!(
        session.text(&page),
        "Open this server's OAuth applications page"
    );
    // A filter by plain words or identifier.
    let filter = session.wait_for("#app-scopes-filter", 5);
    session.type_into(&filter, "payroll");
    let shown = session.run_async(
        "arguments[arguments.length - 1](document.querySelectorAll(\"input[name='scope']\").length)",
    );
    assert_eq!(shown, 2);
    session.type_into(&filter, "zzz");
    assert!(
        session
            .page_text()
            .contains("No scope matches “payrollzzz”.")
    );
    // Copy says so beside the button, in view.
    session.click_on("[data-action='copy-redirect-uri']");
    let copied = session.wait_for("[data-copied]", 10);
    assert!(session.text(&copied).contains("on the clipboard"));
    assert!(in_view(&session, "[data-copied]"));
    session.press(ESCAPE);

    // An error, then the language changed: the banner says the same in Spanish.
    let stray = desk.run(
        &["factorial-connect://oauth/callback?code=c&state=made-up"],
        "",
    );
    assert!(stray.ok(), "{stray:?}");
    banner(&session, "error", "A factorial-connect link arrived");
    session.click_on("header [data-action='settings']");
    let language = session.wait_for("#settings-language", 5);
    session.click(&language);
    session.click_on("#settings-language option[value='es']");
    session.press(ESCAPE);
    banner(&session, "error", "Llegó un enlace factorial-connect");
    // The header's two buttons stand the same height in Spanish.
    let heights = session.run_async(
        "arguments[arguments.length - 1]([...document.querySelectorAll('header .actions button')]\
         .map(b => Math.round(b.getBoundingClientRect().height)))",
    );
    assert_eq!(heights[0], heights[1], "{heights}");
    check_form(
        "add-form-es.png",
        "Personas y empresa",
        "Empleados y equipos",
    );
    session.press(ESCAPE);
    // The next action's answer replaces the error.
    session.click_on("[data-app='Form app'] [data-account-id] [data-action='test']");
    banner(&session, "ok", "Factorial respondió");
    assert!(session.find(page::BANNER_ERROR).is_none());
    session.close();
}
