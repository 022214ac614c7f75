//! Opening files in the data folder: lock files, and the files read there.
//!
//! A lock file is a small file whose OS lock marks who holds something (the registry while it is
//! written, an account while it is refreshed, the data folder while a window is open). The OS drops
//! the lock when its holder dies, so a crash never leaves a stale lock behind.
//!
//! What is in the data folder is input like any other (a shared or careless setup, or someone who
//! could write there), so a lock file is created exclusively and owner-only, and an existing file is
//! opened without following a link and without waiting on a pipe, and used only if it is a plain
//! file: planting `registry.lock -> ~/.bashrc` must not make us open, or create, anything else, and
//! a FIFO planted as `registry.json` must not make a command hang.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::PathProblem;

/// Opens (creating, never truncating) the lock file at `path`; lock it with `File::lock` or
/// `File::try_lock`, or wait for it with [`wait`].
pub fn open(path: &Path) -> std::io::Result<File> {
    match private_options().create_new(true).open(path) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            plain(no_follow(OpenOptions::new().write(true)).open(path)?)
        }
        other => other,
    }
}

/// Opens an existing file of the data folder for reading, as [`open`] opens a lock file.
pub fn open_for_reading(path: &Path) -> std::io::Result<File> {
    plain(no_follow(OpenOptions::new().read(true)).open(path)?)
}

/// Why a name was refused, carried inside the `io::Error` so that [`crate::Error::opening`] can
/// say it as [`crate::ErrorCode::UnsafePath`].
#[derive(Debug)]
pub(crate) struct NotPlain(pub PathProblem);

impl std::fmt::Display for NotPlain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            PathProblem::Link => "a link, not a plain file",
            _ => "not a plain file",
        })
    }
}

impl std::error::Error for NotPlain {}

/// `file` if it is a plain file. Unix refuses a symlink while opening; Windows opens the link
/// itself (a reparse point), which is refused here, as is anything else that is not a plain file.
fn plain(file: File) -> std::io::Result<File> {
    let meta = file.metadata()?;
    if is_plain_file(&meta) {
        return Ok(file);
    }
    let found = if meta.file_type().is_file() || meta.file_type().is_symlink() {
        PathProblem::Link // a plain file with a reparse point, or the link itself
    } else {
        PathProblem::NotAFile
    };
    Err(std::io::Error::new(
        ErrorKind::InvalidInput,
        NotPlain(found),
    ))
}

/// A plain file, and on Windows not a reparse point of any kind (`is_file` is false only for
/// symlinks and junctions; other reparse tags redirect too).
fn is_plain_file(meta: &std::fs::Metadata) -> bool {
    #[cfg(windows)]
    {
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
        use std::os::windows::fs::MetadataExt;
        if meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return false;
        }
    }
    meta.file_type().is_file()
}

/// Options for a new file only we can read and write, never following a symlink.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    no_follow(&mut options).clone()
}

fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    // O_NONBLOCK: a FIFO put in a lock file's place would otherwise make the open wait for a
    // reader for ever; on a plain file it changes nothing.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    // Windows: open a symlink or junction itself, never what it points at.
    #[cfg(windows)]
    {
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        std::os::windows::fs::OpenOptionsExt::custom_flags(options, FILE_FLAG_OPEN_REPARSE_POINT);
    }
    options
}

/// How waiting for a lock ended.
#[derive(Debug)]
pub enum WaitError {
    /// Someone else held it for the whole wait.
    Held,
    Io(std::io::Error),
}

/// Takes the lock on `file`, waiting at most `wait` (blocking the thread; for the registry's
/// millisecond-long holds).
pub fn wait(file: &File, wait: Duration) -> Result<(), WaitError> {
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(WaitError::Held),
            Err(std::fs::TryLockError::Error(e)) => return Err(WaitError::Io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix only: Wine 8's CreateSymbolicLinkW answers success and makes nothing, so Windows'
    /// refusal of a reparse point (FILE_FLAG_OPEN_REPARSE_POINT, then the plain-file check) has
    /// never run here (README, "What was run where").
    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_refused_not_followed() {
        let plant_symlink =
            |target: &Path, link: &Path| std::os::unix::fs::symlink(target, link).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, b"keep me").unwrap();
        let lock = dir.path().join("registry.lock");
        plant_symlink(&target, &lock);
        assert!(open(&lock).is_err(), "followed a symlink");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");

        let dangling = dir.path().join("other.lock");
        plant_symlink(&dir.path().join("created-elsewhere"), &dangling);
        assert!(open(&dangling).is_err());
        assert!(!dir.path().join("created-elsewhere").exists());
    }

    #[test]
    fn a_folder_in_a_lock_files_place_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("registry.lock");
        std::fs::create_dir(&lock).unwrap();
        assert!(open(&lock).is_err());
    }

    /// A FIFO in a lock file's place neither makes the open wait for a reader nor, once it has
    /// one, passes for a lock file.
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_a_lock_files_place_is_refused_without_waiting() {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("registry.lock");
        let made = std::process::Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(open(&lock).is_err(), "no reader: refused at once");
        let _reader = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&lock)
            .unwrap();
        let err = open(&lock).expect_err("a FIFO with a reader is no lock file");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        let err = open_for_reading(&lock).expect_err("nor a file to read");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn lock_files_are_owner_only_and_a_held_lock_is_reported() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = open(&path).unwrap();
        first.lock().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let second = open(&path).unwrap();
        assert!(matches!(
            wait(&second, Duration::from_millis(50)),
            Err(WaitError::Held)
        ));
        drop(first);
        assert!(wait(&second, Duration::from_millis(50)).is_ok());
    }
}
