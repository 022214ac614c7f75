//! Making `factorial-connect://` links reach this program, without taking them from another one.
//!
//! An installed package already registers the scheme (its desktop entry on Linux, the installer on
//! Windows, Info.plist on macOS). Registering again at run time is only for a copy that is not
//! installed, and it runs first thing when the window is asked for, before anything that can fail
//! (a missing display or WebView2 runtime): links then still reach a waiting `authorize` of the
//! command line, which the window binary completes without a window. It must not hijack or break
//! links:
//! - a debug build registers only when asked (`FACTORIAL_CONNECT_REGISTER_SCHEME=1`), so running a
//!   checkout never takes links from the installed app;
//! - nothing is written when the current handler already runs this very executable;
//! - on Linux the entry is written by us, not by the deep-link plugin, whose `Exec="…" %u` line
//!   makes plain `xdg-open` (no desktop environment) fail: the path is quoted only when the desktop
//!   entry specification requires it.

#[cfg(target_os = "linux")]
use std::path::{Path, PathBuf};

use connect_cli::cli::messages::say;
use connect_cli::note;

/// The scheme in tauri.conf.json.
pub const SCHEME: &str = "factorial-connect";

/// Whether this launch may register the scheme at all.
fn wanted() -> bool {
    !cfg!(debug_assertions)
        || std::env::var("FACTORIAL_CONNECT_REGISTER_SCHEME").is_ok_and(|v| v == "1")
}

/// Registers where wanted and needed. A failure only costs the links (the paste fallback still
/// works), so it is said and the launch goes on.
pub fn register() {
    if !wanted() {
        return;
    }
    #[cfg(any(windows, target_os = "linux"))]
    if let Err(e) = register_if_needed() {
        let problem = e.to_string();
        note!(
            "{}",
            say(
                "cli-links-not-registered",
                &[("problem", (&problem).into())]
            )
        );
    }
    // macOS: the app bundle's Info.plist declares the scheme; nothing to do at run time.
}

/// Windows: the handler is the per-user class `HKCU\Software\Classes\factorial-connect`, as
/// the deep-link plugin writes it (an installer writes the same under its own root). Nothing is
/// written when the class Windows reads (HKCU over HKLM) already runs this executable.
#[cfg(windows)]
fn register_if_needed() -> std::io::Result<bool> {
    use windows_registry::{CLASSES_ROOT, CURRENT_USER};
    // The plain form (`C:\…`, not `\\?\C:\…`), as the plugin and the installers write it,
    // so the comparison below finds this very program.
    let exe = dunce::simplified(&std::env::current_exe()?)
        .display()
        .to_string();
    let command = format!("\"{exe}\" \"%1\"");
    let current = CLASSES_ROOT
        .open(format!("{SCHEME}\\shell\\open\\command"))
        .and_then(|key| key.get_string(""));
    if current.is_ok_and(|current| current.eq_ignore_ascii_case(&command)) {
        return Ok(false);
    }
    let class = format!("Software\\Classes\\{SCHEME}");
    let key = CURRENT_USER.create(&class)?;
    key.set_string("", "URL:Factorial Connect link")?;
    key.set_string("URL Protocol", "")?;
    CURRENT_USER
        .create(format!("{class}\\DefaultIcon"))?
        .set_string("", format!("{exe},0"))?;
    CURRENT_USER
        .create(format!("{class}\\shell\\open\\command"))?
        .set_string("", &command)?;
    Ok(true)
}

/// Registers this executable as the scheme's handler when it is not already; returns whether it
/// wrote anything.
#[cfg(target_os = "linux")]
fn register_if_needed() -> std::io::Result<bool> {
    let exe = std::env::current_exe()?;
    let appimage = std::env::var_os("APPIMAGE").map(PathBuf::from);
    // A package (.deb, .rpm) installs under /usr and registers the scheme in its desktop entry:
    // asking xdg-mime, a shell script that starts a dozen programs, at every launch would only
    // slow the window's start. /usr/local is the admin's own, where no package puts anything.
    if appimage.is_none() && exe.starts_with("/usr/") && !exe.starts_with("/usr/local/") {
        return Ok(false);
    }
    let exe = appimage.unwrap_or(exe);
    if handler_exec().is_some_and(|current| same_file(&current, &exe)) {
        return Ok(false);
    }
    let dir = dirs_data_home()?.join("applications");
    std::fs::create_dir_all(&dir)?;
    let name = "factorial-connect-handler.desktop";
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName=Factorial Connect\nExec={} %u\nTerminal=false\nMimeType=x-scheme-handler/{SCHEME};\nCategories=Utility;\n",
        desktop_exec_arg(&exe.to_string_lossy())
    );
    // Through a new file renamed into place: writing to the name itself would follow a link
    // planted there.
    connect_core::files::write_replacing(&dir.join(name), entry.as_bytes())?;
    // The MIME cache is what `gio open` reads; without the tool, xdg-mime below still works.
    let _ = std::process::Command::new("update-desktop-database")
        .arg(&dir)
        .output();
    let status = std::process::Command::new("xdg-mime")
        .args(["default", name, &format!("x-scheme-handler/{SCHEME}")])
        .status()?;
    if status.success() {
        Ok(true)
    } else {
        Err(std::io::Error::other(format!(
            "xdg-mime default failed ({status})"
        )))
    }
}

/// The executable the current handler entry runs, if any handler is set.
#[cfg(target_os = "linux")]
fn handler_exec() -> Option<PathBuf> {
    let output = std::process::Command::new("xdg-mime")
        .args(["query", "default", &format!("x-scheme-handler/{SCHEME}")])
        .output()
        .ok()?;
    let name = String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()?
        .trim()
        .to_string();
    if name.is_empty() || name.contains('/') {
        return None;
    }
    let mut dirs = vec![dirs_data_home().ok()?];
    let system = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    dirs.extend(system.split(':').map(PathBuf::from));
    let entry = dirs
        .iter()
        .map(|d| d.join("applications").join(&name))
        .find(|p| p.is_file())?;
    let text = std::fs::read_to_string(entry).ok()?;
    let exec = text.lines().find_map(|l| l.strip_prefix("Exec="))?.trim();
    let program = first_exec_word(exec)?;
    if program.contains('/') {
        Some(PathBuf::from(program))
    } else {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|d| d.join(&program))
            .find(|p| p.is_file())
    }
}

#[cfg(target_os = "linux")]
fn dirs_data_home() -> std::io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".local/share"))
        .ok_or_else(|| std::io::Error::other("HOME is not set"))
}

#[cfg(target_os = "linux")]
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The program of an `Exec=` line: its first word, unquoted per the desktop entry specification.
#[cfg(target_os = "linux")]
fn first_exec_word(exec: &str) -> Option<String> {
    let exec = exec.trim_start();
    if let Some(rest) = exec.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => out.push(chars.next()?),
                c => out.push(c),
            }
        }
        None
    } else {
        exec.split_whitespace().next().map(str::to_string)
    }
}

/// A path as one `Exec=` argument: bare when it has no reserved character (plain `xdg-open` takes
/// the first word literally, quotes included), else quoted with `"`, `` ` ``, `$` and `\` escaped.
#[cfg(target_os = "linux")]
fn desktop_exec_arg(path: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`', '%',
    ];
    if !path.contains(RESERVED) {
        return path.to_string();
    }
    let mut out = String::from("\"");
    for c in path.chars() {
        match c {
            '"' | '`' | '$' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // A literal % in Exec is written %%.
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn exec_paths_are_quoted_only_when_the_spec_requires_it() {
        assert_eq!(
            desktop_exec_arg("/usr/bin/factorial-connect"),
            "/usr/bin/factorial-connect"
        );
        assert_eq!(
            desktop_exec_arg("/home/ana/My Apps/factorial-connect"),
            "\"/home/ana/My Apps/factorial-connect\""
        );
        assert_eq!(desktop_exec_arg("/opt/a$b"), "\"/opt/a\\$b\"");
        for path in [
            "/usr/bin/factorial-connect",
            "/home/ana/My Apps/f c",
            "/opt/a$b\"c",
        ] {
            let line = format!("{} %u", desktop_exec_arg(path));
            assert_eq!(first_exec_word(&line).as_deref(), Some(path), "{line}");
        }
    }
}
