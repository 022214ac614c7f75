//! Changing an application after it was added: a new name keeps its secret and accounts, a new
//! secret replaces the old one in the keychain, and what may not change is refused with a code.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::{FaultServer, connect, stored, world, world_with};
use connect_core::engine::AppChanges;
use connect_core::error::{Field, InputIssue};
use connect_core::{ErrorCode, Secret};

#[tokio::test]
async fn a_renamed_application_keeps_its_secret_and_accounts() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    let before = stored(&w);
    let renamed = w
        .engine
        .update_app(
            "tool",
            AppChanges {
                name: Some("Payroll sync".into()),
                scopes: Some("employees, time_off".into()),
                ..AppChanges::default()
            },
        )
        .unwrap();
    assert_eq!(renamed.name, "Payroll sync");
    assert_eq!(renamed.scopes, ["employees", "time_off"]);
    assert_eq!(stored(&w), before, "the keychain changed");
    let (_, account) = w.engine.account("Payroll sync", None).unwrap();
    assert_eq!(account.id, "user-12");
    let err = w.engine.app("Tool").unwrap_err();
    assert!(matches!(err.code(), ErrorCode::AppNotFound { .. }), "{err}");
}

#[tokio::test]
async fn a_new_secret_replaces_the_old_one_in_the_keychain() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let secret_entry = |w: &common::World| {
        stored(w)
            .into_iter()
            .find(|(k, _)| k.ends_with(":client-secret"))
            .map(|(_, v)| v)
    };
    let old = secret_entry(&w).unwrap();
    w.engine
        .update_app(
            "Tool",
            AppChanges {
                client_secret: Some(Secret::new(" regenerated-secret ")),
                ..AppChanges::default()
            },
        )
        .unwrap();
    assert_ne!(secret_entry(&w).unwrap(), old);
    assert_eq!(secret_entry(&w).unwrap(), "regenerated-secret");
}

#[tokio::test]
async fn what_may_not_change_is_refused_with_its_code() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    w.engine
        .add_app(connect_core::app_profile::NewApp {
            name: "Other".into(),
            environment: "demo".into(),
            client_id: "c2".into(),
            client_secret: Some(Secret::new("s")),
            confidential: true,
            ..Default::default()
        })
        .unwrap();
    let rename = |to: &str| {
        w.engine.update_app(
            "Tool",
            AppChanges {
                name: Some(to.into()),
                ..AppChanges::default()
            },
        )
    };
    let err = rename("other").unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::AppExists {
            name: "other".into()
        }
    );
    // The same name in other letters is the same application.
    assert_eq!(rename("TOOL").unwrap().name, "TOOL");

    let public = world_with(&server.url, false);
    let err = public
        .engine
        .update_app(
            "Tool",
            AppChanges {
                client_secret: Some(Secret::new("s")),
                ..AppChanges::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::InvalidInput {
            field: Field::ClientSecret,
            issue: InputIssue::SecretNotAllowed
        }
    );
}
