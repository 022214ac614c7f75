//! Hearing about changes other processes make to the data folder, instead of polling it.
//!
//! A CLI refresh, a deep-link handler or another window writes the registry by renaming a new file
//! over it; the window and a waiting `authorize` want to know at once. The OS's file notifications
//! (inotify, FSEvents, ReadDirectoryChangesW, through `notify`) report the rename; the callback
//! says only "something changed", and the listener reads the registry again. Several writes in a
//! row may arrive as several calls, or one: listeners re-read, so both are fine.

use std::path::Path;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// Stops watching when dropped.
pub struct DataWatch {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for DataWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataWatch")
    }
}

/// Calls `on_change` whenever `file_name` in `dir` is created, replaced, changed or removed.
pub fn watch_file(
    dir: &Path,
    file_name: &'static str,
    on_change: impl Fn() + Send + 'static,
) -> Result<DataWatch> {
    #[cfg(windows)]
    let dir = &long_form(dir).map_err(|e| Error::storage(dir, e))?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let relevant = !matches!(event.kind, EventKind::Access(_))
            && event
                .paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == file_name));
        if relevant {
            on_change();
        }
    })
    .map_err(|e| Error::storage(dir, std::io::Error::other(e.to_string())))?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| Error::storage(dir, std::io::Error::other(e.to_string())))?;
    Ok(DataWatch { _watcher: watcher })
}

/// Windows: `dir` in the `\\?\` form, which CreateFileW opens however deep it is: notify hands
/// the path to it as it is, and a folder deeper than 260 characters fails in the usual form. (The
/// standard library does this for its own calls; `canonicalize` would too, but Wine 8's answers
/// "more data available" for a long path.)
#[cfg(windows)]
fn long_form(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    use std::ffi::OsString;
    use std::path::{Component, Prefix};
    let full = std::path::absolute(dir)?;
    let mut parts = full.components();
    let Some(Component::Prefix(prefix)) = parts.next() else {
        return Ok(full);
    };
    let mut long = match prefix.kind() {
        Prefix::Disk(_) => {
            let mut long = OsString::from(r"\\?\");
            long.push(prefix.as_os_str());
            long
        }
        Prefix::UNC(server, share) => {
            let mut long = OsString::from(r"\\?\UNC\");
            long.push(server);
            long.push(r"\");
            long.push(share);
            long
        }
        // Already verbatim, or a device path: as it is.
        _ => return Ok(full),
    };
    for part in parts {
        if let Component::Normal(name) = part {
            long.push(r"\");
            long.push(name);
        }
    }
    Ok(long.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user whose name is not ASCII, and a folder deeper than Windows' old 260-character limit:
    /// a change there is still heard.
    #[test]
    fn a_change_in_a_non_ascii_long_folder_is_heard() {
        let base = tempfile::tempdir().unwrap();
        let dir = crate::files::far_and_foreign_folder(base.path());
        let registry = crate::registry::Registry::open(&dir).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let _watch = watch_file(&dir, crate::registry::FILE_NAME, move || {
            let _ = tx.send(());
        })
        .unwrap();
        std::fs::write(registry.path(), b"{}").unwrap();
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the change was heard");
    }

    #[cfg(windows)]
    #[test]
    fn the_long_form_of_a_folder() {
        let long = |p: &str| long_form(Path::new(p)).unwrap().display().to_string();
        assert_eq!(long(r"C:\Users\Ana\AppData"), r"\\?\C:\Users\Ana\AppData");
        assert_eq!(
            long(r"C:\Users\.\Ana\x\..\AppData"),
            r"\\?\C:\Users\Ana\AppData"
        );
        assert_eq!(long(r"\\server\home\ana"), r"\\?\UNC\server\home\ana");
        assert_eq!(long(r"\\?\C:\already"), r"\\?\C:\already");
    }
}
