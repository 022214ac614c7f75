//! The non-secret data: applications, connected accounts, pending authorizations.
//!
//! One JSON file in the data folder, shared by the window and any number of CLI processes. Every
//! change is read-modify-write under an exclusive lock on a sibling lock file, and lands through a
//! temporary file and an atomic rename, so a reader never sees half a file and two writers never
//! lose each other's change. A file written by a newer version, or one that does not parse, is left
//! untouched, copied aside and reported: nothing is ever overwritten that we do not understand.
//!
//! What is on disk is input like any other: anyone who can write the file can put anything in it.
//! Every record is checked on load as if it had been typed in (a custom environment must still be
//! https or loopback, ids must be safe in keychain names), and a file that fails is reported, not
//! half-used.

mod data;
#[cfg(test)]
mod tests;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use data::{AccountRecord, LoadNotice, Origin, Outcome, PendingAuthorization, RegistryData};

use crate::error::{BusyWith, Damage, Error, ErrorCode, Result};
use crate::{files, lock_file};

/// The format version this build writes. 3: failed outcomes hold an error code with its
/// parameters and `needs_reconnect` an attention reason; 2 held bare codes beside English text,
/// 1 held English sentences.
pub(crate) const FORMAT_VERSION: u32 = 3;
pub(crate) const FILE_NAME: &str = "registry.json";
const LOCK_NAME: &str = "registry.lock";
/// Far beyond any real registry (thousands of applications); a bigger file is not ours.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Writers hold the lock for milliseconds; waiting longer means something is stuck.
const LOCK_WAIT: Duration = Duration::from_secs(10);

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
        let file = match lock_file::open_for_reading(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(RegistryData {
                    version: FORMAT_VERSION,
                    ..Default::default()
                });
            }
            Err(e) => return Err(Error::opening(path, e)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::storage(&path, e))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            // Not read whole, so not copied: a copy of its start would be no backup.
            return Err(ErrorCode::Corrupt {
                path: path.display().to_string(),
                backup: None,
                damage: Damage::TooLarge {
                    limit_mib: MAX_FILE_BYTES / (1024 * 1024),
                },
            }
            .into());
        }
        let unreadable = match parse(&bytes) {
            Ok(data) => return Ok(data),
            Err(why) => why,
        };
        // Never written over, and a copy kept beside it: the admin (or support) can restore it
        // even if they later move the original away to start over.
        let backup = keep_aside(&path, &bytes, &unreadable).map(|p| p.display().to_string());
        let path = path.display().to_string();
        Err(match unreadable {
            Unreadable::Damaged(damage) => ErrorCode::Corrupt {
                path,
                backup,
                damage,
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
        let file = lock_file::open(&path).map_err(|e| Error::opening(&path, e))?;
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
        let json = serde_json::to_vec_pretty(data)
            .map_err(|e| Error::storage(&path, std::io::Error::other(e)))?;
        files::write_replacing(&path, &json).map_err(|e| Error::storage(&path, e))
    }
}

/// True when a file read as `raw` is of an earlier format, or holds what loading fixes.
fn needs_migration(raw: &RegistryData) -> bool {
    let mut data = raw.clone();
    raw.version != FORMAT_VERSION || !data.normalize().is_empty() || data != *raw
}

/// Why a registry file could not be used.
pub(crate) enum Unreadable {
    Damaged(Damage),
    /// Written by a newer version, in this format.
    Newer(u32),
}

pub(crate) fn parse(bytes: &[u8]) -> std::result::Result<RegistryData, Unreadable> {
    #[derive(serde::Deserialize)]
    struct Version {
        #[serde(default)]
        version: u32,
    }
    let data: RegistryData = match serde_json::from_slice(bytes) {
        Ok(data) => data,
        Err(e) => {
            // A newer format may hold records this one cannot read: newer, not damaged. Only a
            // file that did not parse is read a second time, for its version alone.
            return Err(match serde_json::from_slice::<Version>(bytes) {
                Ok(Version { version }) if version > FORMAT_VERSION => Unreadable::Newer(version),
                _ => Unreadable::Damaged(Damage::Unreadable {
                    line: e.line() as u64,
                    column: e.column() as u64,
                }),
            });
        }
    };
    if data.version > FORMAT_VERSION {
        return Err(Unreadable::Newer(data.version));
    }
    data.validate().map_err(Unreadable::Damaged)?;
    Ok(data)
}

/// Copies an unreadable registry beside it, owner-only and never through a symlink: once per
/// damaged content (`registry.json.unreadable-<hash>`), once per newer format
/// (`registry.json.format-<n>`, so a newer version sharing the folder does not leave a copy per
/// write). The copy's path, or `None` when none could be made or vouched for.
fn keep_aside(path: &Path, bytes: &[u8], why: &Unreadable) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    let name = match why {
        Unreadable::Damaged(_) => {
            let hash = crate::account_lock::hex(&Sha256::digest(bytes));
            format!("{FILE_NAME}.unreadable-{}", &hash[..16])
        }
        Unreadable::Newer(format) => format!("{FILE_NAME}.format-{format}"),
    };
    let copy = path.with_file_name(name);
    match lock_file::private_options().create_new(true).open(&copy) {
        Ok(mut file) => {
            let written = file.write_all(bytes).and_then(|()| file.sync_all());
            if written.is_err() {
                let _ = fs::remove_file(&copy);
                return None;
            }
            Some(copy)
        }
        // Kept by an earlier read; vouched for only if it is a plain file (not something planted)
        // holding what a copy of this kind holds.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let mut kept = lock_file::open_for_reading(&copy).ok()?;
            let holds = match why {
                Unreadable::Damaged(_) => {
                    let mut read = Vec::new();
                    kept.read_to_end(&mut read).is_ok_and(|_| read == bytes)
                }
                Unreadable::Newer(_) => true,
            };
            holds.then_some(copy)
        }
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
/// alone: changing a link's target's mode would touch a file that is not ours; the folder itself
/// may be a link only to a folder that is private already.
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
        // A data folder that is a link (to another disk, say) is the admin's own choice, and used
        // only if what it points to is already private: a link is never followed to change the
        // permissions of a folder that may not be ours.
        let link = fs::symlink_metadata(dir).map_err(|e| Error::storage(dir, e))?;
        if link.file_type().is_symlink() {
            let target = fs::metadata(dir).map_err(|e| Error::storage(dir, e))?;
            if target.permissions().mode() & 0o077 != 0 {
                return Err(ErrorCode::UnsafePath {
                    path: dir.display().to_string(),
                    found: crate::error::PathProblem::SharedFolder,
                }
                .into());
            }
        }
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
