//! Lock files: a small file whose OS lock marks who holds something (the registry while it is
//! written, an account while it is refreshed, the data folder while a window is open). The OS drops
//! the lock when its holder dies, so a crash never leaves a stale lock behind.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Opens (creating, never truncating) the lock file at `path`; lock it with `File::lock` or
/// `File::try_lock`.
pub fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}
