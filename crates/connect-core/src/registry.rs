//! The non-secret data: applications, connected accounts, pending authorizations.
//!
//! One JSON file in the data folder, shared by the window and any number of CLI processes. Every
//! change is read-modify-write under an exclusive lock on a sibling lock file, and lands through a
//! temporary file and an atomic rename, so a reader never sees half a file and two writers never
//! lose each other's change. A file written by a newer version, or one that does not parse, is left
//! untouched and reported: nothing is ever overwritten that we do not understand.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app_profile::AppProfile;
use crate::error::{Error, Result};
use crate::identity::AccountKind;
use crate::lock_file;

/// The format version this build writes.
const FORMAT_VERSION: u32 = 1;
const FILE_NAME: &str = "registry.json";
const LOCK_NAME: &str = "registry.lock";

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
    /// Set when Factorial refused the refresh token or the access token: the user must connect again.
    #[serde(default)]
    pub needs_reconnect: Option<String>,
}

/// Where an authorization was started, so its completion is shown in the same place.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Connected { account_id: String, label: String },
    Failed { code: String, message: String },
    Cancelled,
}

/// The registry file in a data folder.
#[derive(Debug, Clone)]
pub struct Registry {
    dir: PathBuf,
}

impl Registry {
    /// Opens (and creates, private to the user) the data folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        create_private_dir(&dir)?;
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
        let path = self.path();
        match fs::read(&path) {
            Ok(bytes) => parse(&path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RegistryData {
                version: FORMAT_VERSION,
                ..Default::default()
            }),
            Err(e) => Err(Error::storage(path, e)),
        }
    }

    /// Applies `change` to the newest data under an exclusive lock and saves it if it changed.
    /// `change` may fail: then nothing is written.
    pub fn update<T>(&self, change: impl FnOnce(&mut RegistryData) -> Result<T>) -> Result<T> {
        let _lock = self.lock()?;
        let before = self.read()?;
        let mut data = before.clone();
        let out = change(&mut data)?;
        if data != before {
            data.version = FORMAT_VERSION;
            self.write(&data)?;
        }
        Ok(out)
    }

    fn lock(&self) -> Result<File> {
        let path = self.dir.join(LOCK_NAME);
        let file = lock_file::open(&path).map_err(|e| Error::storage(&path, e))?;
        // Held for milliseconds by any writer; blocking is the right wait.
        file.lock().map_err(|e| Error::storage(&path, e))?;
        Ok(file)
    }

    fn write(&self, data: &RegistryData) -> Result<()> {
        let path = self.path();
        let tmp = self
            .dir
            .join(format!("{FILE_NAME}.tmp-{}", std::process::id()));
        let json = serde_json::to_vec_pretty(data).map_err(|e| Error::Corrupt {
            path: path.clone(),
            cause: e,
        })?;
        let result = (|| {
            let mut file = private_file(&tmp)?;
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

fn parse(path: &Path, bytes: &[u8]) -> Result<RegistryData> {
    let data: RegistryData = serde_json::from_slice(bytes).map_err(|e| Error::Corrupt {
        path: path.to_path_buf(),
        cause: e,
    })?;
    if data.version > FORMAT_VERSION {
        return Err(Error::storage(
            path,
            std::io::Error::other(format!(
                "it was written by a newer Factorial Connect (format {}); update this copy",
                data.version
            )),
        ));
    }
    Ok(data)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::storage(dir, e))
}

fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
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
            Err(Error::invalid("name", "no"))
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
        assert_eq!(err.code(), "storage");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(fs::read(registry.path()).unwrap(), b"{ not json");

        fs::write(registry.path(), br#"{"version": 99}"#).unwrap();
        let err = registry.read().unwrap_err();
        assert!(err.to_string().contains("newer Factorial Connect"), "{err}");
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
}
