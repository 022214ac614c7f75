//! `make screenshots`: every main screen of the window, in English and Spanish, light and dark,
//! written to docs/screenshots/ through the real window (not part of `make test`: it only draws).

#![allow(clippy::unwrap_used)] // a run that cannot unwrap has failed

#[path = "../crates/connect-core/tests/openbao/mod.rs"]
mod openbao;
mod support;

use std::time::Duration;

use openbao::Bao;

use support::page;
use support::webdriver::{Driver, Session, one_window};
use support::{Sandbox, admin_scene, connected_with, eventually, repo};

fn shoot(session: &Session, name: &str) {
    let path = session.screenshot(name);
    let kept = repo().join("docs/screenshots").join(name);
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    std::fs::copy(path, kept).unwrap();
}

#[test]
#[ignore = "draws the screenshots for the README: make screenshots"]
fn every_main_screen_in_both_languages_and_both_schemes() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    for (language, locale) in [("en", "en_US.UTF-8"), ("es", "es_ES.UTF-8")] {
        for (scheme, theme) in [("light", "Adwaita"), ("dark", "Adwaita:dark")] {
            let (company, oauth, mut desk) = admin_scene(sandbox, true);
            desk.deliver = false;
            let driver = Driver::start_with(
                &desk,
                &[("LC_ALL", locale), ("LANG", locale), ("GTK_THEME", theme)],
            );
            let session = driver.session(&[]);
            let name = |screen: &str| format!("{screen}-{language}-{scheme}.png");

            session.wait_for(page::NO_APPS, 30);
            shoot(&session, &name("first-run"));

            session.click_on("header [data-action='add-app']");
            session.wait_for("dialog[data-dialog='app'][open]", 10);
            session.type_into(&session.wait_for(page::APP_NAME, 5), "Payroll sync");
            session.type_into(&session.wait_for(page::APP_CLIENT_ID, 5), &oauth.client_id);
            session.type_into(
                &session.wait_for(page::APP_CLIENT_SECRET, 5),
                &oauth.client_secret,
            );
            shoot(&session, &name("add-application"));
            // The sandbox is "another server": added from the command line so the form above
            // shows what an admin of production sees.
            session.run_async(
                "document.querySelector('dialog').close(); arguments[arguments.length - 1]()",
            );
            desk.add_app("Payroll sync", &oauth, true, &["--scopes", "employees"]);

            let card = &page::app("Payroll sync");
            session.click_on(&format!("{card} [data-action='connect-user']"));
            session.wait_for(page::WAITING, 30);
            let link = eventually(Duration::from_secs(30), "the redirect", || {
                desk.redirects().first().cloned()
            });
            shoot(&session, &name("waiting"));
            session.type_into(&session.wait_for(page::PASTE, 10), &link);
            session.click_on(page::PASTE_SUBMIT);
            session.wait_for(&page::user_account(company.admin_employee_id), 60);
            shoot(&session, &name("connected"));

            // The company too: its card offers what a company token allows, no Refresh.
            session.click_on(&format!("{card} [data-action='connect-company']"));
            let link = eventually(Duration::from_secs(30), "the company's redirect", || {
                desk.redirects().get(1).cloned()
            });
            session.type_into(&session.wait_for(page::PASTE, 10), &link);
            session.click_on(page::PASTE_SUBMIT);
            session.wait_for(&page::company_account(company.id), 60);
            shoot(&session, &name("company-card"));

            session.type_into(
                &session.wait_for(&format!("{card} [data-action='connect-user']"), 10),
                "",
            );
            session.click_on(&format!("{card} [data-action='connect-user']"));
            session.type_into(
                &session.wait_for(page::PASTE, 10),
                "factorial-connect://oauth/callback?code=a&code=b",
            );
            session.click_on(page::PASTE_SUBMIT);
            session.wait_for(page::BANNER_ERROR, 20);
            shoot(&session, &name("error"));
            session.click_on("#cancel");

            session.click_on("header [data-action='settings']");
            session.wait_for("[data-about='keychain']", 10);
            shoot(&session, &name("settings"));
            session.close();
        }
    }
}

/// An account whose owner Factorial would not name (its credentials endpoint wants a scope the
/// token was not given), in both languages: what the admin reads on the card and in the banner.
#[test]
#[ignore = "draws the screenshots for the README: make screenshots"]
fn an_unidentified_account_in_both_languages() {
    let _one = one_window();
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"credentials_scope": "employees", "credentials_refusal": "rfc6750"}),
    );
    for (language, locale) in [("en", "en_US.UTF-8"), ("es", "es_ES.UTF-8")] {
        let (_company, _oauth, desk) =
            support::scene_without_the_owners_scope(&sandbox, "Time sync");
        let driver = Driver::start_with(&desk, &[("LC_ALL", locale), ("LANG", locale)]);
        let session = driver.session(&[]);
        session.click_on(&page::app_action("Time sync", "connect-company"));
        session.wait_for("[data-unidentified]", 60);
        session.wait_for("#banner[data-status='info']", 20);
        shoot(
            &session,
            &format!("unidentified-account-{language}-light.png"),
        );
        session.close();
    }
}

/// Sharing with servers, in both languages: the form filled in, the card once published, the
/// question before handing over, and the card of an account the keepers keep alive.
#[test]
#[ignore = "draws the screenshots for the README: make screenshots"]
fn sharing_with_servers_in_both_languages() {
    let _one = one_window();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    let policy = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
path "secret/data/factorial-connect-keeper/*" { capabilities = ["create"] }
"#;
    let login = runtime.block_on(bao.token_with_policy("desk", policy));
    let sandbox = Sandbox::shared();
    for (language, locale) in [("en", "en_US.UTF-8"), ("es", "es_ES.UTF-8")] {
        let (company, _oauth, desk) = connected_with(sandbox, "Payroll", &[]);
        let driver = Driver::start_with(&desk, &[("LC_ALL", locale), ("LANG", locale)]);
        let session = driver.session(&[]);
        let name = |screen: &str| format!("{screen}-{language}-light.png");
        let row = page::user_account(company.admin_employee_id);
        session.wait_for(&row, 30);

        session.click_on(&format!("{row} [data-action='share']"));
        session.wait_for("dialog[data-dialog='share'][open]", 10);
        session.type_into(&session.wait_for(page::SHARE_ADDRESS, 5), &bao.address);
        let path = format!("factorial/payroll-{language}");
        session.type_into(&session.wait_for(page::SHARE_PATH, 5), &path);
        session.type_into(&session.wait_for(page::SHARE_LOGIN, 5), &login);
        // From its heading, as the admin first sees it.
        session.run_async(
            "document.querySelectorAll(\"dialog[data-dialog='share'], dialog[data-dialog='share'] *\") \
             .forEach((e) => { e.scrollTop = 0; }); \
             document.activeElement.blur(); arguments[arguments.length - 1](true)",
        );
        shoot(&session, &name("share-form"));
        session.click_on(page::SHARE_SUBMIT);
        session.wait_for(&format!("{row} [data-sharing='published']"), 30);
        shoot(&session, &name("shared-card"));

        session.click_on(&format!("{row} [data-action='hand-over']"));
        session.wait_for("dialog[data-dialog='confirm'][open]", 10);
        shoot(&session, &name("hand-over-question"));
        session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
        session.wait_for(&format!("{row} [data-sharing='kept']"), 30);
        shoot(&session, &name("kept-card"));
        session.close();
    }
}
