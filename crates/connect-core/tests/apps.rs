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

#[tokio::test]
async fn environment_and_client_id_change_only_until_an_account_is_connected() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    let rebind = |environment: Option<&str>, client_id: Option<&str>| {
        w.engine.update_app(
            "Tool",
            AppChanges {
                environment: environment.map(Into::into),
                client_id: client_id.map(Into::into),
                ..AppChanges::default()
            },
        )
    };
    // A typo in the client ID, noticed before connecting: fixed in place. The authorization
    // started with the old one is over, its verifier gone, and its late answer is refused.
    let started = common::begin(&w);
    let fixed = rebind(None, Some(" client-2 ")).unwrap();
    assert_eq!(fixed.client_id, "client-2");
    assert!(
        stored(&w).iter().all(|(k, _)| !k.starts_with("pending:")),
        "verifier of an ended authorization left behind"
    );
    let late = common::redirect_for(&started, "the-code");
    assert!(
        w.engine
            .complete(&late, connect_core::AnswerSource::DeepLink)
            .await
            .is_err(),
        "an answer for the old client ID was exchanged"
    );
    // A wrong environment is refused with its own words, and changes nothing.
    let err = rebind(Some("ftp://example.com"), None).unwrap_err();
    assert!(
        matches!(
            err.code(),
            ErrorCode::InvalidInput {
                field: Field::Environment,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(w.engine.app("Tool").unwrap().client_id, "client-2");
    // Back to the server the tests answer on, then connected: both are fixed from now on.
    rebind(Some(&server.url), Some("cid")).unwrap();
    connect(&w).await.unwrap();
    let before = w.engine.app("Tool").unwrap();
    for (environment, client_id, field) in [
        (Some("demo"), None, Field::Environment),
        (None, Some("client-3"), Field::ClientId),
    ] {
        let err = rebind(environment, client_id).unwrap_err();
        assert_eq!(
            *err.code(),
            ErrorCode::InvalidInput {
                field,
                issue: InputIssue::FixedOnceConnected
            }
        );
    }
    assert_eq!(w.engine.app("Tool").unwrap(), before);
    // Sending the values it already has is no change, and is allowed.
    rebind(Some(&server.url), Some("cid")).unwrap();
}

/// A long list is given a part at a time: the first ones asked for, and the selected one wherever
/// it is, each with its accounts, and the totals of the whole list.
#[tokio::test]
async fn the_list_gives_the_first_applications_and_the_selected_one_with_the_totals() {
    let server = FaultServer::start().await;
    let w = world(&server.url);
    connect(&w).await.unwrap();
    for i in 1..=4 {
        w.engine
            .add_app(connect_core::app_profile::NewApp {
                name: format!("Other {i}"),
                environment: server.url.clone(),
                client_id: format!("cid-{i}"),
                client_secret: None,
                confidential: false,
                redirect_uri: String::new(),
                scopes: String::new(),
                pkce: true,
                refresh_lifetime_secs: None,
            })
            .unwrap();
    }
    let names = |list: &connect_core::engine::AppList| -> Vec<String> {
        list.apps.iter().map(|s| s.app.name.clone()).collect()
    };

    let first = w.engine.list(2, None).unwrap();
    assert_eq!(names(&first), ["Tool", "Other 1"]);
    assert_eq!(
        first.apps[0].accounts.len(),
        1,
        "Tool's account is listed with it"
    );
    assert_eq!((first.total_apps, first.total_accounts), (5, 1));

    let kept = w.engine.list(2, Some("Other 4")).unwrap();
    assert_eq!(names(&kept), ["Tool", "Other 1", "Other 4"]);

    let all = w.engine.list(50, Some("Tool")).unwrap();
    assert_eq!(names(&all).len(), 5, "the selected one is not listed twice");
    assert_eq!(
        names(&w.engine.list(0, Some("Nobody")).unwrap()),
        Vec::<String>::new()
    );
    assert_eq!(w.engine.status().unwrap().len(), 5);
}
