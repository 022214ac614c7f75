//! The file operations whose meaning differs between Unix and Windows, in one place, so the
//! registry and the locks say what they want ("replace this file for good") and this module says
//! how each system does it.
//!
//! - Making a rename durable: Unix syncs the folder that holds the name. Windows refuses to open a
//!   folder the way `File::open` asks ("access denied"), and the standard library's rename has no
//!   write-through flag; NTFS's journal keeps the folder consistent, so a power cut right after a
//!   save leaves the previous file or the new one, never half of either, but may lose the save.
//! - Replacing a file that another program holds open: Unix never minds; on Windows a reader that
//!   opened it without delete sharing (an editor, a backup or search indexer, an antivirus scan)
//!   makes the rename fail for as long as it holds it, usually milliseconds, so it is tried again
//!   for a bounded time.

use std::fs;
use std::io;
use std::path::Path;
#[cfg(windows)]
use std::time::Duration;

/// How long a replacement keeps trying while another program holds the file on Windows.
#[cfg(windows)]
const REPLACE_WAIT: Duration = Duration::from_secs(5);

/// Writes `bytes` as the file `path` in one step: into a new file beside it, unique and created
/// exclusively (owner-only, never through a link: a name planted in advance makes the write fail
/// instead of landing elsewhere), flushed, then put in place with [`replace`]. A reader sees the
/// old file or the new one; a failed write leaves the old one and no stray file.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(
        "{name}.tmp-{}-{:016x}",
        std::process::id(),
        rand_u64()
    ));
    let result = (|| {
        let mut file = crate::lock_file::private_options()
            .create_new(true)
            .open(&tmp)?;
        io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
        drop(file);
        replace(&tmp, path)
    })();
    if result.is_err() {
        // Best effort: a stray temp file is harmless but untidy.
        let _ = fs::remove_file(&tmp);
    }
    result
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

/// Puts `from` in place of `to` in one step, so a reader sees the old file or the new one, and
/// makes the change survive a power cut where the system lets us ask.
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    rename_when_free(from, to)?;
    sync_folder_of(to)
}

#[cfg(not(windows))]
fn rename_when_free(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

#[cfg(windows)]
fn rename_when_free(from: &Path, to: &Path) -> io::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match fs::rename(from, to) {
            Err(e) if held_by_another(&e) && started.elapsed() < REPLACE_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Windows' answers while another handle keeps a file from being replaced or deleted. "Access
/// denied" is also Windows' answer for good (a read-only file, a folder in the file's place): then
/// the save fails after the wait, with the registry's lock held that long.
#[cfg(windows)]
fn held_by_another(error: &io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    matches!(
        error.raw_os_error(),
        Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
    )
}

#[cfg(unix)]
fn sync_folder_of(path: &Path) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder_of(_: &Path) -> io::Result<()> {
    Ok(())
}

/// The data folder of a user whose name is not ASCII, deep enough to pass Windows' old
/// 260-character limit on paths (tests of everything that touches the data folder use it).
#[cfg(test)]
pub(crate) fn far_and_foreign_folder(base: &Path) -> std::path::PathBuf {
    let mut dir = base.join("Usuarios").join("José Müller-Ñandú 日本語");
    while dir.as_os_str().len() < 300 {
        dir = dir.join("carpeta con un nombre largo é");
    }
    dir.join("dev.factorialconnect.desktop")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replacement_lands_whole_and_leaves_no_source() {
        let dir = tempfile::tempdir().unwrap();
        let (new, target) = (dir.path().join("new"), dir.path().join("target"));
        fs::write(&target, b"old").unwrap();
        fs::write(&new, b"new").unwrap();
        replace(&new, &target).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert!(!new.exists());
    }

    /// Windows: a program that opened the file without delete sharing (as editors and scanners
    /// do) and closes it soon does not make the save fail.
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_without_delete_sharing_is_replaced_once_let_go() {
        use std::os::windows::fs::OpenOptionsExt;
        use std::time::Duration;
        const FILE_SHARE_READ: u32 = 1;
        let dir = tempfile::tempdir().unwrap();
        let (new, target) = (dir.path().join("new"), dir.path().join("target"));
        fs::write(&target, b"old").unwrap();
        fs::write(&new, b"new").unwrap();
        let held = fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(&target)
            .unwrap();
        // Proof that the hold is real here: a plain rename is refused while it lasts.
        let refused = fs::rename(&new, &target).expect_err("the hold refuses a rename");
        assert!(held_by_another(&refused), "{refused:?}");
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(400));
            drop(held);
        });
        replace(&new, &target).unwrap();
        releaser.join().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }
}
