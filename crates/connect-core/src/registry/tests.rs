//! The registry file: writers that lose nothing, files it will not use, formats it migrates.

use super::*;
use crate::app_profile::AppProfile;
use crate::environment::Environment;
use crate::error::{Damage, ErrorCode, RecordKind, RecordPart};
use crate::health::AttentionReason;

fn app(name: &str) -> AppProfile {
    AppProfile {
        id: name.to_lowercase(),
        name: name.into(),
        environment: Environment::Demo,
        client_id: "cid".into(),
        confidential: true,
        redirect_uri: "factorial-connect://oauth/callback".into(),
        scopes: vec![],
        pkce: true,
        created_at: 1,
        refresh_lifetime_secs: 7 * 86_400,
    }
}

#[test]
fn concurrent_writers_from_many_threads_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path().join("data")).unwrap();
    std::thread::scope(|s| {
        for i in 0..16 {
            let registry = registry.clone();
            s.spawn(move || {
                registry
                    .update(|d| {
                        d.apps.push(app(&format!("App{i}")));
                        Ok(())
                    })
                    .unwrap()
            });
        }
    });
    assert_eq!(registry.read().unwrap().apps.len(), 16);
}

#[test]
fn a_failed_change_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let result: Result<()> = registry.update(|d| {
        d.apps.push(app("A"));
        Err(Error::invalid(
            crate::error::Field::Name,
            crate::error::InputIssue::Empty,
        ))
    });
    assert!(result.is_err());
    assert!(!registry.path().exists());
}

#[test]
fn damaged_or_newer_files_are_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    fs::write(registry.path(), b"{\n  not json").unwrap();
    let err = registry.update(|_| Ok(())).unwrap_err();
    let ErrorCode::Corrupt {
        path,
        backup,
        damage,
    } = err.code()
    else {
        panic!("{err}");
    };
    // Where to look, for whoever opens the file.
    assert_eq!(*damage, Damage::Unreadable { line: 2, column: 3 });
    assert_eq!(*path, registry.path().display().to_string());
    let backup = backup.clone().expect("a copy kept aside");
    assert_eq!(fs::read(&backup).unwrap(), b"{\n  not json");
    assert_eq!(fs::read(registry.path()).unwrap(), b"{\n  not json");
    // Read again: the same copy, not a second one.
    let again = registry.read().unwrap_err();
    assert!(matches!(again.code(), ErrorCode::Corrupt { backup: Some(b), .. } if *b == backup));
    let copies = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("unreadable")
        })
        .count();
    assert_eq!(copies, 1);

    // A newer format, with a record this one cannot read: newer, not damaged.
    let newer =
        br#"{"version": 4, "apps": [{"id": "a", "name": "A", "environment": {"kind": "mars"}}]}"#;
    fs::write(registry.path(), newer).unwrap();
    let err = registry.read().unwrap_err();
    let ErrorCode::NewerData { format, backup, .. } = err.code() else {
        panic!("{err}");
    };
    assert_eq!(*format, 4);
    let backup = backup.clone().expect("a copy kept aside");
    assert!(backup.ends_with("registry.json.format-4"), "{backup}");
    assert_eq!(fs::read(&backup).unwrap(), newer);
    // The newer version writes again: still one copy of that format, not one per write.
    fs::write(registry.path(), br#"{"version": 4}"#).unwrap();
    assert!(registry.read().is_err());
    assert_eq!(fs::read(&backup).unwrap(), newer);
}

/// Unix only: Wine 8 cannot make a Windows symlink (see lock_file's test).
#[cfg(unix)]
#[test]
fn a_planted_copy_is_not_vouched_for() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let damaged = b"{ damaged";
    fs::write(registry.path(), damaged).unwrap();
    let err = registry.read().unwrap_err();
    let ErrorCode::Corrupt {
        backup: Some(backup),
        ..
    } = err.code()
    else {
        panic!("{err}");
    };
    // Someone swaps the copy for a link to elsewhere: the next read does not call it a copy.
    fs::remove_file(backup).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::write(&elsewhere, damaged).unwrap();
    std::os::unix::fs::symlink(&elsewhere, backup).unwrap();
    let err = registry.read().unwrap_err();
    assert!(
        matches!(err.code(), ErrorCode::Corrupt { backup: None, .. }),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_file_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path().join("d")).unwrap();
    registry
        .update(|d| {
            d.apps.push(app("A"));
            Ok(())
        })
        .unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(registry.dir()), 0o700);
    assert_eq!(mode(&registry.path()), 0o600);
}

/// A data folder holding a committed registry file, as an earlier release wrote it.
fn from_fixture(name: &str) -> (tempfile::TempDir, Registry) {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    fs::copy(fixture, registry.path()).unwrap();
    (dir, registry)
}

#[test]
fn a_registry_of_the_first_release_is_migrated() {
    // Written in format 1 (the first release): an English reason, a string outcome code, and a
    // public application saved without PKCE.
    let (_dir, registry) = from_fixture("registry-v1.json");
    let notices = registry.migrate().unwrap();
    assert_eq!(
        notices,
        vec![LoadNotice::PkceTurnedOn {
            app_name: "Local script".into()
        }]
    );
    let data = registry.read().unwrap();
    assert_eq!(data.version, FORMAT_VERSION);
    assert_eq!(data.apps.len(), 2);
    assert!(data.apps[1].pkce);
    assert_eq!(
        data.accounts[0].needs_reconnect,
        Some(AttentionReason::Refused)
    );
    assert_eq!(data.accounts[1].needs_reconnect, None);
    assert_eq!(
        data.pending[0].outcome,
        Some(Outcome::Failed {
            error: ErrorCode::ReconnectNeeded { description: None }
        })
    );
    let text = fs::read_to_string(registry.path()).unwrap();
    assert!(text.contains("\"needs_reconnect\": \"refused\""), "{text}");
    assert!(
        !text.contains("no longer accepts"),
        "English left in the registry"
    );
    // Once migrated, there is nothing more to say.
    assert!(registry.migrate().unwrap().is_empty());
}

#[test]
fn a_registry_of_format_2_is_migrated() {
    // Written by the release before codes carried parameters: a bare code beside English text
    // in a failed outcome, a connection without its application's name, "keychain" as the
    // reason an account needs the admin.
    let (_dir, registry) = from_fixture("registry-v2.json");
    assert!(registry.migrate().unwrap().is_empty());
    let data = registry.read().unwrap();
    assert_eq!(data.version, FORMAT_VERSION);
    assert_eq!(
        data.accounts[0].needs_reconnect,
        Some(AttentionReason::TokensNotSaved)
    );
    // A bare code that needs no parameters is read as that code; one that does is unknown.
    assert_eq!(
        data.pending[0].outcome,
        Some(Outcome::Failed {
            error: ErrorCode::CodeRefused { description: None }
        })
    );
    assert_eq!(
        data.pending[2].outcome,
        Some(Outcome::Failed {
            error: ErrorCode::Unknown
        })
    );
    assert_eq!(
        data.pending[1].outcome,
        Some(Outcome::Connected {
            app_name: "Payroll sync".into(),
            account_id: "user-12".into(),
            label: "Ana García <ana@acme.test>".into(),
            unidentified: None,
        })
    );
    let text = fs::read_to_string(registry.path()).unwrap();
    assert!(
        !text.contains("\"message\""),
        "English left in the registry"
    );
}

#[test]
fn a_tampered_registry_is_reported_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let good = serde_json::json!({
        "version": 2,
        "apps": [{"id": "a1", "name": "A", "environment": {"kind": "demo"}, "client_id": "c",
                  "confidential": true, "redirect_uri": "factorial-connect://oauth/callback",
                  "scopes": [], "pkce": true, "created_at": 1}],
        "accounts": [],
        "pending": []
    });
    fs::write(registry.path(), good.to_string()).unwrap();
    assert!(registry.read().is_ok());
    let app = |part| Damage::BadRecord {
        record: RecordKind::Application,
        number: 1,
        part,
    };
    let cases: Vec<(&str, serde_json::Value, Damage)> = vec![
        (
            "/apps/0/environment",
            serde_json::json!({"kind": "custom", "base_url": "http://evil.example/"}),
            app(RecordPart::BaseUrl),
        ),
        (
            "/apps/0/id",
            serde_json::json!("../../x"),
            app(RecordPart::Id),
        ),
        (
            "/apps/0/redirect_uri",
            serde_json::json!("javascript:alert(1)"),
            app(RecordPart::RedirectUri),
        ),
        (
            "/apps/0/name",
            serde_json::json!("x\u{1b}[2J"),
            app(RecordPart::Name),
        ),
        (
            "/apps/0/client_id",
            serde_json::json!("c\nd"),
            app(RecordPart::ClientId),
        ),
        (
            "/apps/0/scopes",
            serde_json::json!(["a b"]),
            app(RecordPart::Scopes),
        ),
        (
            "/accounts",
            serde_json::json!([{"app_id": "a1", "id": "user:1:tokens", "kind": "user", "label": "x", "connected_at": 1}]),
            Damage::BadRecord {
                record: RecordKind::Account,
                number: 1,
                part: RecordPart::Id,
            },
        ),
        (
            "/accounts",
            serde_json::json!([{"app_id": "a1", "id": "user-1", "kind": "user", "label": "x", "connected_at": 1,
                                "sharing": {"destination": {"address": "http://vault.example.com", "mount": "secret",
                                "path": "p", "namespace": null, "ca_file": null, "login": {"method": "token"}},
                                "writer": "w"}}]),
            Damage::BadRecord {
                record: RecordKind::Account,
                number: 1,
                part: RecordPart::SharedTo,
            },
        ),
        (
            "/accounts",
            serde_json::json!([{"app_id": "a1", "id": "user-1", "kind": "user", "label": "x", "connected_at": 1,
                                "sharing": {"destination": {"address": "https://vault.example.com", "mount": "secret",
                                "path": "../sys/seal", "namespace": null, "ca_file": null, "login": {"method": "token"}},
                                "writer": "w"}}]),
            Damage::BadRecord {
                record: RecordKind::Account,
                number: 1,
                part: RecordPart::SharedTo,
            },
        ),
        (
            "/pending",
            serde_json::json!([{"state_hash": "a".repeat(64), "app_id": "a1", "kind": "user", "redirect_uri": "x", "pkce": true, "origin": "cli", "created_at": 0, "expires_at": 1},
                               {"state_hash": "é", "app_id": "a1", "kind": "user", "redirect_uri": "x", "pkce": true, "origin": "cli", "created_at": 0, "expires_at": 18446744073709551615u64}]),
            Damage::BadRecord {
                record: RecordKind::PendingAuthorization,
                number: 2,
                part: RecordPart::Id,
            },
        ),
        // The record's shape itself: where reading stopped.
        (
            "/apps/0/created_at",
            serde_json::json!("yesterday"),
            Damage::Unreadable { line: 1, column: 0 },
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).unwrap() = value;
        let bytes = bad.to_string();
        fs::write(registry.path(), &bytes).unwrap();
        let err = registry.update(|_| Ok(())).unwrap_err();
        let ErrorCode::Corrupt { damage, .. } = err.code() else {
            panic!("{pointer}: {err}");
        };
        // Where the JSON reader stopped depends on the order it met the fields: the line is
        // known (one line of JSON), the column only roughly.
        let damage = match damage {
            Damage::Unreadable { line, .. } => Damage::Unreadable {
                line: *line,
                column: 0,
            },
            other => *other,
        };
        assert_eq!(damage, expected, "{pointer}");
        assert_eq!(
            fs::read_to_string(registry.path()).unwrap(),
            bytes,
            "rewritten"
        );
    }
    // Times at the edge of u64 are data, not a reason to overflow.
    let mut edge = good.clone();
    edge["pending"] = serde_json::json!([{"state_hash": "a".repeat(64), "app_id": "a1", "kind": "user",
        "redirect_uri": "factorial-connect://oauth/callback", "pkce": true, "origin": "cli",
        "created_at": u64::MAX, "expires_at": u64::MAX}]);
    fs::write(registry.path(), edge.to_string()).unwrap();
    assert!(registry.read().is_ok());

    let huge = vec![b' '; (MAX_FILE_BYTES + 10) as usize];
    fs::write(registry.path(), huge).unwrap();
    let err = registry.read().unwrap_err();
    assert!(
        matches!(
            err.code(),
            ErrorCode::Corrupt {
                damage: Damage::TooLarge { limit_mib: 8 },
                ..
            }
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_existing_open_folder_is_made_private_on_open() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    fs::create_dir_all(data.join("locks")).unwrap();
    fs::write(data.join("registry.json"), b"{}").unwrap();
    fs::write(data.join("window-settings.json"), b"{}").unwrap();
    fs::write(data.join("locks/x.lock"), b"").unwrap();
    for p in [&data, &data.join("locks")] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    for f in ["registry.json", "window-settings.json", "locks/x.lock"] {
        fs::set_permissions(data.join(f), fs::Permissions::from_mode(0o644)).unwrap();
    }
    Registry::open(&data).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("locks")), 0o700);
    for f in ["registry.json", "window-settings.json", "locks/x.lock"] {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
}

#[test]
fn a_held_registry_lock_is_reported_as_busy() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let held = lock_file::open(&dir.path().join(LOCK_NAME)).unwrap();
    held.lock().unwrap();
    let started = std::time::Instant::now();
    let err = registry.update(|_| Ok(())).unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::Busy {
            holder: BusyWith::DataFolder,
            waited_secs: LOCK_WAIT.as_secs()
        }
    );
    assert!(started.elapsed() < LOCK_WAIT + Duration::from_secs(2));
}

/// A user whose name is not ASCII, and a folder deeper than Windows' old 260-character limit.
#[test]
fn a_non_ascii_and_long_data_folder_works() {
    let base = tempfile::tempdir().unwrap();
    let dir = crate::files::far_and_foreign_folder(base.path());
    let registry = Registry::open(&dir).unwrap();
    registry
        .update(|d| {
            d.apps.push(AppProfile {
                name: "Nóminas".into(),
                ..app("Payroll")
            });
            Ok(())
        })
        .unwrap();
    let again = Registry::open(&dir).unwrap();
    assert_eq!(again.read().unwrap().apps[0].name, "Nóminas");
    assert!(again.migrate().unwrap().is_empty());
    let lock = lock_file::open(&dir.join(LOCK_NAME)).unwrap();
    assert!(lock.try_lock().is_ok());
}

/// Runs `f` on its own thread and fails the test if it has not answered in 10 s: a read that
/// waits on a pipe must be caught, not hang the suite.
#[cfg(unix)]
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("it waited instead of answering")
}

/// Files in the data folder are input too: a link or a pipe in the registry's place is refused at
/// once as what it is, never followed, waited on or copied aside.
#[cfg(unix)]
#[test]
fn a_link_or_a_pipe_in_the_registrys_place_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path().join("d")).unwrap();
    let elsewhere = dir.path().join("someone-elses-file");
    fs::write(&elsewhere, b"{\"version\": 3}").unwrap();
    std::os::unix::fs::symlink(&elsewhere, registry.path()).unwrap();
    let err = registry.read().unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::UnsafePath {
            path: registry.path().display().to_string(),
            found: crate::error::PathProblem::Link
        }
    );
    assert!(registry.update(|_| Ok(())).is_err());
    let names: Vec<_> = fs::read_dir(registry.dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().contains("unreadable")),
        "copied aside: {names:?}"
    );

    fs::remove_file(registry.path()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(registry.path())
        .status()
        .unwrap();
    assert!(made.success());
    let reader = registry.clone();
    let err = within_seconds(move || reader.read().unwrap_err());
    assert!(
        matches!(
            err.code(),
            ErrorCode::UnsafePath {
                found: crate::error::PathProblem::NotAFile,
                ..
            }
        ),
        "{err}"
    );
    let writer = registry.clone();
    assert!(within_seconds(move || writer.update(|_| Ok(())).is_err()));
}

/// A data folder that is a link (to another disk, say) is used when the folder it points to is
/// private already, and refused, unchanged, when others can use it.
#[cfg(unix)]
#[test]
fn a_data_folder_that_is_a_link_must_point_at_a_private_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let link = dir.path().join("data");
    std::os::unix::fs::symlink(&shared, &link).unwrap();
    let err = Registry::open(&link).unwrap_err();
    assert_eq!(
        *err.code(),
        ErrorCode::UnsafePath {
            path: link.display().to_string(),
            found: crate::error::PathProblem::SharedFolder
        }
    );
    let mode = fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o777, "the shared folder was changed");

    fs::set_permissions(&shared, fs::Permissions::from_mode(0o700)).unwrap();
    let registry = Registry::open(&link).unwrap();
    registry
        .update(|d| {
            d.apps.push(app("A"));
            Ok(())
        })
        .unwrap();
    assert!(shared.join(FILE_NAME).is_file());
}

#[test]
fn an_account_an_earlier_version_could_not_identify_is_known_as_such() {
    // Earlier versions kept such an account under an English label and nothing else: it is told
    // apart on load, so the window says so and a new connection replaces it.
    let (_dir, registry) = from_fixture("registry-v2.json");
    let text = fs::read_to_string(registry.path()).unwrap().replacen(
        "\"label\": \"Ana García <ana@acme.test>\"",
        "\"label\": \"company account (not yet identified)\"",
        1,
    );
    fs::write(registry.path(), text).unwrap();
    registry.migrate().unwrap();
    let data = registry.read().unwrap();
    assert_eq!(data.accounts[0].unidentified, Some(ErrorCode::Unknown));
    assert!(!data.accounts[0].is_owned_by("user-12"));
    // Its English words go: each edge says it in the admin's language.
    assert_eq!(data.accounts[0].label, "");
    // The label alone decides: a name an owner really has stays identified.
    let (_dir, registry) = from_fixture("registry-v2.json");
    let data = registry.read().unwrap();
    assert_eq!(data.accounts[0].unidentified, None);
    assert!(data.accounts[0].is_owned_by("user-12"));
}
