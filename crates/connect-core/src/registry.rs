//! The non-secret data: applications, connected accounts, pending authorizations.
//!
//! One JSON file in the data folder, shared by the window and any number of CLI processes. Every
//! change is read-modify-write under an exclusive lock on a sibling lock file, and lands through a
//! temporary file and an atomic rename, so a reader never sees half a file and two writers never
//! lose each other's change. A file written by a newer version, or one that does not parse, is left
//! untouched and reported: nothing is ever overwritten that we do not understand.
//!
//! What is on disk is input like any other: anyone who can write the file can put anything in it.
//! Every record is checked on load as if it had been typed in (a custom environment must still be
//! https or loopback, ids must be safe in keychain names), and a file that fails is reported, not
//! half-used.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::app_profile::{self, AppProfile};
use crate::environment::Environment;
use crate::error::{BusyWith, Error, ErrorCode, Result, plain_text};
use crate::health::AttentionReason;
use crate::identity::AccountKind;
use crate::lock_file;

/// The format version this build writes. 3: failed outcomes hold an error code with its
/// parameters and `needs_reconnect` an attention reason; 2 held bare codes beside English text,
/// 1 held English sentences.
const FORMAT_VERSION: u32 = 3;
pub(crate) const FILE_NAME: &str = "registry.json";
const LOCK_NAME: &str = "registry.lock";
/// Far beyond any real registry (thousands of applications); a bigger file is not ours.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Writers hold the lock for milliseconds; waiting longer means something is stuck.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Everything in the registry file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryData {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub apps: Vec<AppProfile>,
    #[serde(default)]
    pub accounts: Vec<AccountRecord>,
    #[serde(default)]
    pub pending: Vec<PendingAuthorization>,
}

/// A connected account (its tokens are in the keychain).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub app_id: String,
    /// Short and stable within the application: `user-12`, `company-7`.
    pub id: String,
    pub kind: AccountKind,
    pub label: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    pub connected_at: u64,
    /// Mirror of the keychain's expiry, so listing accounts never needs the keychain.
    #[serde(default)]
    pub access_expires_at: Option<u64>,
    #[serde(default)]
    pub has_refresh_token: bool,
    #[serde(default)]
    pub refreshed_at: Option<u64>,
    /// Why the admin must connect again (Factorial refused the refresh or access token, or new
    /// tokens could not be stored).
    #[serde(default, deserialize_with = "attention_reason")]
    pub needs_reconnect: Option<AttentionReason>,
}

/// Where an authorization was started, so its completion is shown in the same place.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Cli,
    Window,
}

/// An authorization request sent to the browser and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAuthorization {
    /// SHA-256 of the `state` sent in the URL: the file never holds a usable state.
    pub state_hash: String,
    pub app_id: String,
    pub kind: AccountKind,
    pub redirect_uri: String,
    pub pkce: bool,
    pub origin: Origin,
    pub created_at: u64,
    pub expires_at: u64,
    /// Set when a callback claimed this request; a second callback is a replay.
    #[serde(default)]
    pub claimed_at: Option<u64>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

/// How a pending authorization ended; waiters in other processes read it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Connected {
        /// Empty in outcomes recorded by format 2.
        #[serde(default)]
        app_name: String,
        account_id: String,
        label: String,
    },
    /// Format 2 recorded a bare code and English text: those read back as `Unknown`.
    Failed {
        #[serde(default)]
        error: ErrorCode,
    },
    Cancelled,
}

/// Something the registry fixed while loading, which the admin should hear about once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum LoadNotice {
    /// A public application was saved without PKCE, which a public client cannot do safely
    /// (RFC 8252 §8.1); PKCE is on from now on.
    PkceTurnedOn { app_name: String },
}

/// Version 1 kept an English sentence in `needs_reconnect`, which always meant "Factorial refused
/// the tokens"; a reason from a newer version reads the same way.
fn attention_reason<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<AttentionReason>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.map(|t| {
        serde_json::from_value(serde_json::Value::String(t)).unwrap_or(AttentionReason::Refused)
    }))
}

impl RegistryData {
    /// The application called `name` (case-insensitively), or an error listing the known ones.
    pub fn app(&self, name: &str) -> Result<&AppProfile> {
        let name = name.trim();
        self.apps
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ErrorCode::AppNotFound {
                    name: plain_text(name, 100),
                    known: self.apps.iter().map(|a| a.name.clone()).collect(),
                }
                .into()
            })
    }

    pub fn app_by_id(&self, id: &str) -> Option<&AppProfile> {
        self.apps.iter().find(|a| a.id == id)
    }

    pub fn ensure_name_free(&self, name: &str) -> Result<()> {
        if self.apps.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
            return Err(ErrorCode::AppExists {
                name: name.to_string(),
            }
            .into());
        }
        Ok(())
    }

    pub fn accounts_of<'a>(&'a self, app_id: &'a str) -> impl Iterator<Item = &'a AccountRecord> {
        self.accounts.iter().filter(move |a| a.app_id == app_id)
    }

    pub fn account(&self, app_id: &str, account_id: &str) -> Option<&AccountRecord> {
        self.accounts
            .iter()
            .find(|a| a.app_id == app_id && a.id == account_id)
    }

    pub fn account_mut(&mut self, app_id: &str, account_id: &str) -> Option<&mut AccountRecord> {
        self.accounts
            .iter_mut()
            .find(|a| a.app_id == app_id && a.id == account_id)
    }

    /// Removes an account; true if it was there.
    pub fn remove_account(&mut self, app_id: &str, account_id: &str) -> bool {
        let before = self.accounts.len();
        self.accounts
            .retain(|a| !(a.app_id == app_id && a.id == account_id));
        self.accounts.len() != before
    }

    pub fn pending(&self, state_hash: &str) -> Option<&PendingAuthorization> {
        self.pending.iter().find(|p| p.state_hash == state_hash)
    }

    pub fn pending_mut(&mut self, state_hash: &str) -> Option<&mut PendingAuthorization> {
        self.pending.iter_mut().find(|p| p.state_hash == state_hash)
    }

    /// Checks every record as if it had just been typed in; the first bad one is the error.
    fn validate(&self) -> std::result::Result<(), String> {
        for (i, app) in self.apps.iter().enumerate() {
            let n = i + 1;
            let bad = |what: &str| format!("application {n} has {what}");
            if !is_safe_id(&app.id, 64) {
                return Err(bad("an invalid id"));
            }
            app_profile::validate_name(&app.name).map_err(|_| bad("an invalid name"))?;
            app_profile::validate_client_id(&app.client_id)
                .map_err(|_| bad("an invalid client ID"))?;
            if let Environment::Custom(url) = &app.environment {
                Environment::parse(url.as_str())
                    .map_err(|_| bad("a base URL that is not https or loopback"))?;
            }
            app_profile::validate_redirect_uri(&app.redirect_uri)
                .map_err(|_| bad("an invalid redirect URI"))?;
            let scopes = app_profile::parse_scopes(&app.scopes.join(" "))
                .map_err(|_| bad("an invalid scope"))?;
            if scopes.len() != app.scopes.len() {
                return Err(bad("an invalid scope"));
            }
        }
        for (i, account) in self.accounts.iter().enumerate() {
            let n = i + 1;
            if !is_safe_id(&account.app_id, 64) || !is_safe_id(&account.id, 80) {
                return Err(format!("account {n} has an invalid id"));
            }
        }
        for (i, pending) in self.pending.iter().enumerate() {
            let n = i + 1;
            let hex = pending.state_hash.len() == 64
                && pending.state_hash.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex || !is_safe_id(&pending.app_id, 64) {
                return Err(format!("pending authorization {n} has an invalid id"));
            }
        }
        Ok(())
    }

    /// Tidies what is harmless to fix: display text stripped of control characters, and PKCE for
    /// public applications. Returns what the admin should be told.
    fn normalize(&mut self) -> Vec<LoadNotice> {
        let mut notices = Vec::new();
        for app in &mut self.apps {
            if !app.confidential && !app.pkce {
                app.pkce = true;
                notices.push(LoadNotice::PkceTurnedOn {
                    app_name: app.name.clone(),
                });
            }
        }
        for account in &mut self.accounts {
            account.label = plain_text(&account.label, 200);
            account.email = account.email.as_deref().map(|e| plain_text(e, 200));
            account.company_id = account.company_id.as_deref().map(|c| plain_text(c, 100));
        }
        // Format 2 recorded a connection without the application's name.
        for pending in &mut self.pending {
            if let Some(Outcome::Connected { app_name, .. }) = &mut pending.outcome
                && app_name.is_empty()
                && let Some(app) = self.apps.iter().find(|a| a.id == pending.app_id)
            {
                app_name.clone_from(&app.name);
            }
        }
        notices
    }
}

/// Ids end up in keychain entry names and file names: letters, digits and `@._-` only.
fn is_safe_id(id: &str, max: usize) -> bool {
    !id.is_empty()
        && id.len() <= max
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_' | b'-'))
}

/// The registry file in a data folder.
#[derive(Debug, Clone)]
pub struct Registry {
    dir: PathBuf,
}

impl Registry {
    /// Opens the data folder, creating it private to the user, and makes it and every file in it
    /// private even when an older version (or the user) left them readable by others.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        create_private_dir(&dir)?;
        make_private(&dir)?;
        Ok(Registry { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// A consistent snapshot. No lock needed: writers replace the file atomically.
    pub fn read(&self) -> Result<RegistryData> {
        let mut data = self.read_raw()?;
        data.normalize();
        Ok(data)
    }

    /// Applies `change` to the newest data under an exclusive lock and saves it if it changed.
    /// `change` may fail: then nothing is written.
    pub fn update<T>(&self, change: impl FnOnce(&mut RegistryData) -> Result<T>) -> Result<T> {
        let _lock = self.lock()?;
        let mut data = self.read()?;
        let before = data.clone();
        let out = change(&mut data)?;
        if data != before {
            data.version = FORMAT_VERSION;
            self.write(&data)?;
        }
        Ok(out)
    }

    /// Brings a file written by an earlier version up to this one and returns what the admin
    /// should hear about. Does nothing to a file it cannot read.
    pub fn migrate(&self) -> Result<Vec<LoadNotice>> {
        // Every command opens the engine: a current file must cost one read, not the lock.
        if !self.path().exists() || !needs_migration(&self.read_raw()?) {
            return Ok(Vec::new());
        }
        let _lock = self.lock()?;
        let raw = self.read_raw()?;
        let mut data = raw.clone();
        let notices = data.normalize();
        if data != raw || (raw.version != FORMAT_VERSION && self.path().exists()) {
            data.version = FORMAT_VERSION;
            self.write(&data)?;
        }
        Ok(notices)
    }

    fn read_raw(&self) -> Result<RegistryData> {
        let path = self.path();
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(RegistryData {
                    version: FORMAT_VERSION,
                    ..Default::default()
                });
            }
            Err(e) => return Err(Error::storage(path, e)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::storage(&path, e))?;
        let unreadable = if bytes.len() as u64 > MAX_FILE_BYTES {
            Unreadable::Damaged(format!(
                "larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ))
        } else {
            match parse(&bytes) {
                Ok(data) => return Ok(data),
                Err(why) => why,
            }
        };
        // Never written over, and a copy kept beside it: the admin (or support) can restore it
        // even if they later move the original away to start over.
        let backup = keep_aside(&path, &bytes).map(|p| p.display().to_string());
        let path = path.display().to_string();
        Err(match unreadable {
            Unreadable::Damaged(detail) => ErrorCode::Corrupt {
                path,
                backup,
                detail,
            },
            Unreadable::Newer(format) => ErrorCode::NewerData {
                path,
                backup,
                format,
            },
        }
        .into())
    }

    fn lock(&self) -> Result<File> {
        let path = self.dir.join(LOCK_NAME);
        let file = lock_file::open(&path).map_err(|e| Error::storage(&path, e))?;
        match lock_file::wait(&file, LOCK_WAIT) {
            Ok(()) => Ok(file),
            Err(lock_file::WaitError::Held) => Err(ErrorCode::Busy {
                holder: BusyWith::DataFolder,
                waited_secs: LOCK_WAIT.as_secs(),
            }
            .into()),
            Err(lock_file::WaitError::Io(e)) => Err(Error::storage(&path, e)),
        }
    }

    fn write(&self, data: &RegistryData) -> Result<()> {
        let path = self.path();
        // Unique per write, and created exclusively: a name planted in advance (a symlink) makes
        // the write fail instead of landing elsewhere.
        let tmp = self.dir.join(format!(
            "{FILE_NAME}.tmp-{}-{:016x}",
            std::process::id(),
            rand_u64()
        ));
        let json = serde_json::to_vec_pretty(data)
            .map_err(|e| Error::storage(&path, std::io::Error::other(e)))?;
        let result = (|| {
            let mut file = lock_file::private_options().create_new(true).open(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
            fs::rename(&tmp, &path)?;
            // Make the rename itself durable.
            File::open(&self.dir)?.sync_all()
        })();
        if result.is_err() {
            // Best effort: a stray temp file is harmless but untidy.
            let _ = fs::remove_file(&tmp);
        }
        result.map_err(|e| Error::storage(&path, e))
    }
}

/// True when a file read as `raw` is of an earlier format, or holds what loading fixes.
fn needs_migration(raw: &RegistryData) -> bool {
    let mut data = raw.clone();
    raw.version != FORMAT_VERSION || !data.normalize().is_empty() || data != *raw
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// Why a registry file could not be used.
enum Unreadable {
    Damaged(String),
    /// Written by a newer version, in this format.
    Newer(u32),
}

fn parse(bytes: &[u8]) -> std::result::Result<RegistryData, Unreadable> {
    let data: RegistryData = serde_json::from_slice(bytes)
        .map_err(|e| Unreadable::Damaged(format!("not readable as Factorial Connect data: {e}")))?;
    if data.version > FORMAT_VERSION {
        return Err(Unreadable::Newer(data.version));
    }
    data.validate().map_err(Unreadable::Damaged)?;
    Ok(data)
}

/// Copies an unreadable registry to `registry.json.unreadable-<hash>`, once per content, owner-only
/// and never through a symlink; the copy's path, or `None` when it could not be made.
fn keep_aside(path: &Path, bytes: &[u8]) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    let hash = crate::account_lock::hex(&Sha256::digest(bytes));
    let copy = path.with_file_name(format!("{FILE_NAME}.unreadable-{}", &hash[..16]));
    match lock_file::private_options().create_new(true).open(&copy) {
        Ok(mut file) => {
            let written = file.write_all(bytes).and_then(|()| file.sync_all());
            if written.is_err() {
                let _ = fs::remove_file(&copy);
                return None;
            }
            Some(copy)
        }
        // Kept already by an earlier read of the same content.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Some(copy),
        Err(_) => None,
    }
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::storage(dir, e))
}

/// Owner-only permissions on the folder, its files and its `locks/` folder. Symlinks are left
/// alone: changing a link's target's mode would touch a file that is not ours.
fn make_private(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let set = |path: &Path, mode: u32| -> Result<()> {
            let meta = fs::symlink_metadata(path).map_err(|e| Error::storage(path, e))?;
            if meta.file_type().is_symlink() || meta.permissions().mode() & 0o777 == mode {
                return Ok(());
            }
            fs::set_permissions(path, fs::Permissions::from_mode(mode))
                .map_err(|e| Error::storage(path, e))
        };
        set(dir, 0o700)?;
        for folder in [dir.to_path_buf(), dir.join("locks")] {
            let Ok(entries) = fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(t) if t.is_dir() => set(&path, 0o700)?,
                    Ok(t) if t.is_file() => set(&path, 0o600)?,
                    _ => {}
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir; // Windows: the per-user AppData folder is already private to the user.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environment::Environment;

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
        fs::write(registry.path(), b"{ not json").unwrap();
        let err = registry.update(|_| Ok(())).unwrap_err();
        let ErrorCode::Corrupt { path, backup, .. } = err.code() else {
            panic!("{err}");
        };
        assert_eq!(*path, registry.path().display().to_string());
        let backup = backup.clone().expect("a copy kept aside");
        assert_eq!(fs::read(&backup).unwrap(), b"{ not json");
        assert_eq!(fs::read(registry.path()).unwrap(), b"{ not json");
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

        fs::write(registry.path(), br#"{"version": 99}"#).unwrap();
        let err = registry.read().unwrap_err();
        let ErrorCode::NewerData { format, backup, .. } = err.code() else {
            panic!("{err}");
        };
        assert_eq!(*format, 99);
        assert_eq!(
            fs::read(backup.as_ref().unwrap()).unwrap(),
            br#"{"version": 99}"#
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

    #[test]
    fn a_registry_of_the_first_release_is_migrated() {
        // Written in format 1 (the first release): an English reason, a string outcome code, and a
        // public application saved without PKCE.
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::open(dir.path()).unwrap();
        fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/registry-v1.json"
            ),
            registry.path(),
        )
        .unwrap();
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
                error: ErrorCode::Unknown
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
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::open(dir.path()).unwrap();
        fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/registry-v2.json"
            ),
            registry.path(),
        )
        .unwrap();
        assert!(registry.migrate().unwrap().is_empty());
        let data = registry.read().unwrap();
        assert_eq!(data.version, FORMAT_VERSION);
        assert_eq!(
            data.accounts[0].needs_reconnect,
            Some(AttentionReason::TokensNotSaved)
        );
        assert_eq!(
            data.pending[0].outcome,
            Some(Outcome::Failed {
                error: ErrorCode::Unknown
            })
        );
        assert_eq!(
            data.pending[1].outcome,
            Some(Outcome::Connected {
                app_name: "Payroll sync".into(),
                account_id: "user-12".into(),
                label: "Ana García <ana@acme.test>".into()
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
        let cases: Vec<(&str, serde_json::Value, &str)> = vec![
            (
                "/apps/0/environment",
                serde_json::json!({"kind": "custom", "base_url": "http://evil.example/"}),
                "base URL",
            ),
            ("/apps/0/id", serde_json::json!("../../x"), "invalid id"),
            (
                "/apps/0/redirect_uri",
                serde_json::json!("javascript:alert(1)"),
                "redirect URI",
            ),
            (
                "/apps/0/name",
                serde_json::json!("x\u{1b}[2J"),
                "invalid name",
            ),
            (
                "/apps/0/scopes",
                serde_json::json!(["a b"]),
                "invalid scope",
            ),
            (
                "/accounts",
                serde_json::json!([{"app_id": "a1", "id": "user:1:tokens", "kind": "user", "label": "x", "connected_at": 1}]),
                "invalid id",
            ),
            (
                "/pending",
                serde_json::json!([{"state_hash": "é", "app_id": "a1", "kind": "user", "redirect_uri": "x", "pkce": true, "origin": "cli", "created_at": 0, "expires_at": 18446744073709551615u64}]),
                "invalid id",
            ),
        ];
        for (pointer, value, expected) in cases {
            let mut bad = good.clone();
            *bad.pointer_mut(pointer).unwrap() = value;
            let bytes = bad.to_string();
            fs::write(registry.path(), &bytes).unwrap();
            let err = registry.update(|_| Ok(())).unwrap_err();
            let ErrorCode::Corrupt { detail, .. } = err.code() else {
                panic!("{pointer}: {err}");
            };
            assert!(detail.contains(expected), "{pointer}: {detail}");
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
            matches!(err.code(), ErrorCode::Corrupt { detail, .. } if detail == "larger than 8 MiB"),
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

    #[cfg(unix)]
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
}
