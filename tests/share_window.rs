//! "Share with servers" as an HR admin uses it, through the real window (WebDriver under Xvfb),
//! the Doorkeeper sandbox, the real keychain and a real OpenBao: a wrong login explained in the
//! form, then the account shared, its card saying where and which version, a test, and stopping.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

#[path = "../crates/connect-core/tests/openbao/mod.rs"]
mod openbao;
mod support;

use std::time::Duration;

use openbao::Bao;
use support::page;
use support::webdriver::{Driver, one_window};
use support::{Sandbox, connected_with, eventually};

const PUBLISHER_POLICY: &str = r#"
path "secret/data/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/metadata/factorial/*" { capabilities = ["create", "update", "read"] }
path "secret/destroy/factorial/*" { capabilities = ["update"] }
"#;

#[test]
fn an_admin_shares_a_token_with_openbao_tests_it_and_stops() {
    let _one = one_window();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    let login = runtime.block_on(bao.token_with_policy("publisher", PUBLISHER_POLICY));
    let sandbox = Sandbox::shared();
    let (company, _oauth, desk) = connected_with(sandbox, "Payroll", &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    let row = page::user_account(company.admin_employee_id);
    session.wait_for(&row, 30);

    session.click_on(&format!("{row} [data-action='share']"));
    session.wait_for("dialog[data-dialog='share'][open]", 10);
    session.type_into(&session.wait_for(page::SHARE_ADDRESS, 5), &bao.address);
    session.type_into(&session.wait_for(page::SHARE_PATH, 5), "factorial/payroll");
    session.type_into(&session.wait_for(page::SHARE_LOGIN, 5), "not-a-token");
    session.click_on(page::SHARE_SUBMIT);
    let problem = session.wait_for(
        "dialog[data-dialog='share'] [data-problem='share_failed']",
        30,
    );
    let said = session.text(&problem);
    assert!(said.contains("refused the login"), "{said}");
    let in_view = session.run_async(
        "const r = document.querySelector(\"dialog[data-dialog='share'] [data-problem]\").getBoundingClientRect(); \
         const bar = document.querySelector(\"dialog[data-dialog='share'] .sticky-actions\").getBoundingClientRect(); \
         arguments[arguments.length - 1](r.top >= 0 && r.bottom <= bar.top)",
    );
    assert_eq!(in_view, true, "the answer is hidden under the buttons");
    session.screenshot("share-refused.png");

    let field = session.wait_for(page::SHARE_LOGIN, 5);
    session.clear(&field);
    session.type_into(&field, &login);
    session.click_on(page::SHARE_SUBMIT);
    eventually(Duration::from_secs(30), "the form closed", || {
        session
            .find("dialog[data-dialog='share'][open]")
            .is_none()
            .then_some(())
    });
    let line = session.wait_for(&format!("{row} [data-sharing='published']"), 30);
    let shown = session.text(&line);
    assert!(
        shown.contains(&format!(
            "127.0.0.1:{}",
            bao.address.rsplit(':').next().unwrap()
        )) && shown.contains("secret/factorial/payroll")
            && shown.contains("version 2"),
        "{shown}"
    );
    session.screenshot("share-published.png");
    let token = desk.run(&["token", "Payroll"], "");
    let (version, data) = runtime
        .block_on(bao.entry("secret", "factorial/payroll"))
        .unwrap();
    assert_eq!(
        (version, data["access_token"].as_str()),
        (2, Some(token.stdout.trim()))
    );
    // The login never reached the page's text.
    assert!(!session.text(&session.wait_for("body", 5)).contains(&login));

    session.click_on(&format!("{row} [data-action='test-sharing']"));
    let ok = session.wait_for("#banner[data-status='ok']", 30);
    eventually(Duration::from_secs(30), "the test's answer", || {
        session
            .text(&ok)
            .contains("The secrets manager works")
            .then_some(())
    });

    session.click_on(&format!("{row} [data-action='stop-sharing']"));
    session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    eventually(Duration::from_secs(30), "the sharing line gone", || {
        session
            .find(&format!("{row} [data-sharing]"))
            .is_none()
            .then_some(())
    });
    let (_, data) = runtime
        .block_on(bao.entry("secret", "factorial/payroll"))
        .unwrap();
    assert_eq!(data["removed"], true);
    assert!(
        session
            .find(&format!("{row} [data-action='share']"))
            .is_some()
    );
}

/// The hand-over from the window: asked first, then the card says who keeps the account alive and
/// offers nothing that only the keepers may do now; the private entry is on the server.
#[test]
fn an_admin_hands_a_shared_account_over_to_the_servers_keepers() {
    let _one = one_window();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bao = runtime.block_on(Bao::start());
    let policy = format!(
        "{PUBLISHER_POLICY}\npath \"secret/data/factorial-connect-keeper/*\" {{ capabilities = [\"create\"] }}\n"
    );
    let login = runtime.block_on(bao.token_with_policy("desk", &policy));
    let sandbox = Sandbox::shared();
    let (company, _oauth, desk) = connected_with(sandbox, "Payroll", &[]);
    let shared = desk.publish_add("Payroll", &bao.address, "factorial/payroll", &login);
    assert!(shared.ok(), "{shared:?}");
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);
    let row = page::user_account(company.admin_employee_id);
    session.wait_for(&format!("{row} [data-sharing='published']"), 30);

    session.click_on(&format!("{row} [data-action='hand-over']"));
    let dialog = session.wait_for("dialog[data-dialog='confirm'][open]", 10);
    assert!(
        session
            .text(&dialog)
            .contains("Do this only once a keeper runs there"),
        "{}",
        session.text(&dialog)
    );
    session.click_on("dialog[data-dialog='confirm'] [data-action='confirm']");
    let line = session.wait_for(&format!("{row} [data-sharing='kept']"), 30);
    let shown = session.text(&line);
    assert!(
        shown.contains("to the keepers on 127.0.0.1:")
            && shown.contains("secret/factorial-connect-keeper/factorial-payroll"),
        "{shown}"
    );
    let card = session.text(&session.wait_for(&row, 5));
    assert!(
        card.contains("Kept alive on a server by its keepers"),
        "{card}"
    );
    session.screenshot("share-handed-over.png");
    for gone in ["refresh", "revoke", "stop-sharing", "hand-over", "test"] {
        assert!(
            session
                .find(&format!("{row} [data-action='{gone}']"))
                .is_none(),
            "{gone} is still offered"
        );
    }
    assert!(
        session
            .find(&format!("{row} [data-action='copy-token']"))
            .is_some()
    );
    let (version, private) = runtime
        .block_on(bao.entry("secret", "factorial-connect-keeper/factorial-payroll"))
        .unwrap();
    assert_eq!(version, 1);
    assert_eq!(private["written_by"], "factorial-connect");
    assert!(private["tokens"]["refresh_token"].is_string());
    // The desk's token is now the one published there.
    let token = desk.run(&["token", "Payroll"], "");
    let (_, published) = runtime
        .block_on(bao.entry("secret", "factorial/payroll"))
        .unwrap();
    assert_eq!(
        Some(token.stdout.trim()),
        published["access_token"].as_str()
    );
}
