//! The manual pages, shell completions and changelog the Linux packages install
//! (`src-tauri/linux/{man,completions,doc}/`, listed in tauri.conf.json): the pages and completions
//! written from the command line's own definition and its English help catalog, the changelog
//! gzipped from `doc/changelog`, whose newest entry must be this version's and dates the pages. Kept in the repository, like the page's bindings, so
//! the bundler needs no build step and a change to them shows in review: this test fails while a
//! kept file differs from what the code writes, and `UPDATE_PACKAGED_DOCS=1` (in `make bindings`)
//! writes them again.

// Linux packaging: not run in the Windows build under Wine, which has no bash to type into.
#![cfg(not(windows))]
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Command;
use clap_complete::Shell;
use clap_mangen::Man;
use connect_cli::cli::completions::{self, PROGRAM};
use connect_cli::cli::help;
use connect_cli::i18n::Catalog;
use roff::{Roff, bold, roman};

/// Man pages are in English, as Debian's `man1` expects; the other languages speak through
/// `--help`, which follows the admin's language.
const LANGUAGE: &str = "en";

fn linux_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/linux")
}

/// Every file, as (path under src-tauri/linux, bytes before compression, gzipped?).
fn packaged_files() -> Vec<(String, Vec<u8>, bool)> {
    let catalog = Catalog::command_line(LANGUAGE);
    let changelog = std::fs::read(linux_dir().join("doc/changelog")).unwrap();
    let released = release_date(&String::from_utf8_lossy(&changelog));
    let mut files: Vec<_> = manual_pages(&catalog, &released)
        .into_iter()
        .map(|(name, page)| (format!("man/{name}.gz"), page, true))
        .collect();
    // The window's binary takes the same commands; its page is the command line's.
    files.push((
        "man/factorial-connect-app.1.gz".into(),
        b".so man1/factorial-connect.1\n".to_vec(),
        true,
    ));
    files.push(("doc/changelog.gz".into(), changelog, true));
    for (shell, name) in [
        (Shell::Bash, "factorial-connect.bash"),
        (Shell::Zsh, "_factorial-connect"),
        (Shell::Fish, "factorial-connect.fish"),
    ] {
        files.push((
            format!("completions/{name}"),
            completions::script(shell, &catalog),
            false,
        ));
    }
    files
}

/// One page per command (`factorial-connect-apps-add.1`, as git names its pages), each with the
/// synopsis, description, options and version clap's pages have; the first page also says what the
/// exit codes mean. Every page points to the others of its family.
fn manual_pages(catalog: &Catalog, released: &str) -> Vec<(String, Vec<u8>)> {
    let root = help::localized(catalog);
    let mut commands = Vec::new();
    collect(&root, &mut commands);
    let names: Vec<String> = commands.iter().map(page_name).collect();
    commands
        .iter()
        .zip(&names)
        .map(|(command, name)| {
            let man = Man::new(command.clone())
                .date(released)
                .source(format!("{PROGRAM} {}", env!("CARGO_PKG_VERSION")))
                .manual("Factorial Connect");
            let mut page = Vec::new();
            man.render(&mut page).unwrap();
            let mut extra = Roff::new();
            if command.get_name() == PROGRAM {
                exit_status(&mut extra, catalog);
            }
            see_also(&mut extra, catalog, name, &names);
            // Without roff's preamble again: the page's own defines it once.
            let extra = extra.render();
            let sections = extra.find(".SH").unwrap_or(0);
            page.extend(&extra.as_bytes()[sections..]);
            (format!("{name}.1"), page)
        })
        .collect()
}

/// The command and each of its subcommands, depth first; not clap's own `help` command.
fn collect(command: &Command, into: &mut Vec<Command>) {
    into.push(command.clone());
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, into);
    }
}

fn page_name(command: &Command) -> String {
    command
        .get_display_name()
        .unwrap_or(command.get_name())
        .to_string()
}

fn exit_status(roff: &mut Roff, catalog: &Catalog) {
    roff.control("SH", [catalog.text("manual-exit-status", None).as_str()]);
    // The highest exit code is the last one added.
    for code in 0..=connect_cli::exit::SECRETS_MANAGER {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(catalog.text(&format!("manual-exit-{code}"), None))]);
    }
}

fn see_also(roff: &mut Roff, catalog: &Catalog, this: &str, names: &[String]) {
    // The first page lists every other; the others point back to it.
    let others: Vec<&String> = if this == PROGRAM {
        names.iter().filter(|n| *n != this).collect()
    } else {
        vec![&names[0]]
    };
    roff.control("SH", [catalog.text("manual-see-also", None).as_str()]);
    for (i, other) in others.iter().enumerate() {
        let comma = if i + 1 < others.len() { "," } else { "" };
        roff.text([bold(other.as_str()), roman(format!("(1){comma}"))]);
        roff.control("br", []);
    }
}

/// The newest entry's date, as a manual page writes it (2026-12-01), once that entry is checked to
/// be this version's: a new version needs its changelog entry before its packages.
fn release_date(changelog: &str) -> String {
    let version = changelog
        .lines()
        .next()
        .and_then(|l| l.split(['(', ')']).nth(1))
        .unwrap_or_default();
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "src-tauri/linux/doc/changelog needs an entry for this version"
    );
    let trailer = changelog.lines().find(|l| l.starts_with(" -- ")).unwrap();
    // " -- Name <mail>  Tue, 01 Dec 2026 07:52:36 +0000"
    let date: Vec<&str> = trailer.split("  ").nth(1).unwrap().split(' ').collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = months.iter().position(|m| *m == date[2]).unwrap() + 1;
    format!("{}-{month:02}-{}", date[3], date[1])
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    // No name and no time in the header: the same input gives the same file, on any day.
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut text)
        .unwrap();
    text
}

#[test]
fn the_packages_manual_pages_and_completions_are_current() {
    let dir = linux_dir();
    let files = packaged_files();
    if std::env::var_os("UPDATE_PACKAGED_DOCS").is_some() {
        // Not doc/, which holds the changelog's source too.
        for sub in ["man", "completions"] {
            let _ = std::fs::remove_dir_all(dir.join(sub));
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for (path, bytes, compressed) in &files {
            let bytes = if *compressed {
                gzip(bytes)
            } else {
                bytes.clone()
            };
            std::fs::write(dir.join(path), bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (path, bytes, compressed) in &files {
        let kept = std::fs::read(dir.join(path)).ok();
        let kept = kept.map(|k| if *compressed { gunzip(&k) } else { k });
        if kept.as_ref() != Some(bytes) {
            stale.push(path.clone());
        }
    }
    // A page for a command that no longer exists is stale too.
    let listed: Vec<String> = std::fs::read_dir(dir.join("man"))
        .into_iter()
        .flatten()
        .map(|e| format!("man/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| !files.iter().any(|(f, _, _)| f == p))
        .collect();
    stale.extend(listed);
    assert!(
        stale.is_empty(),
        "out of date (run `make bindings` and commit the result): {stale:?}"
    );
}

/// Roff's escapes for the characters our words use, undone.
fn unescaped(page: &[u8]) -> String {
    String::from_utf8(page.to_vec())
        .unwrap()
        .replace("\\-", "-")
        .replace("\\*(Aq", "'")
}

#[test]
fn every_command_has_a_page_that_describes_it() {
    let catalog = Catalog::command_line(LANGUAGE);
    let pages = manual_pages(&catalog, "2026-12-01");
    for (name, about) in [
        ("factorial-connect.1", "Connect tools to Factorial HR's API"),
        ("factorial-connect-apps-edit.1", "Change an application"),
        ("factorial-connect-token.1", "Print a valid access token"),
        ("factorial-connect-completions.1", "completion script"),
    ] {
        let page = pages.iter().find(|(n, _)| n == name);
        let text = unescaped(&page.unwrap().1);
        assert!(text.contains(about), "{name}: {text}");
    }
    let main = unescaped(&pages[0].1);
    assert!(main.contains("EXIT STATUS") && main.contains("factorial-connect-apps-edit"));
}

/// What is written is also shipped: both packages list every file, from where it is kept.
#[test]
fn both_packages_install_every_file() {
    let config = std::fs::read_to_string(linux_dir().join("../../tauri.conf.json")).unwrap();
    let config: serde_json::Value = serde_json::from_str(&config).unwrap();
    let mut kept: Vec<String> = packaged_files()
        .into_iter()
        .map(|(path, _, _)| format!("src-tauri/linux/{path}"))
        .collect();
    kept.push("src-tauri/linux/doc/copyright".into());
    for package in ["deb", "rpm"] {
        let files = config["bundle"]["linux"][package]["files"]
            .as_object()
            .unwrap();
        let mut shipped: Vec<String> = files
            .values()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        shipped.sort();
        kept.sort();
        assert_eq!(shipped, kept, "tauri.conf.json's {package} files");
    }
}

/// What bash offers at a Tab, with the packaged script loaded as bash-completion loads it.
fn bash_offers(line: &str) -> Vec<String> {
    let script = linux_dir().join("completions/factorial-connect.bash");
    let words: Vec<&str> = line.split(' ').collect();
    let program = format!(
        "source {script:?}; COMP_WORDS=({words}); COMP_CWORD={cword}; \
         _factorial__connect factorial-connect {cur:?} {prev:?}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words
            .iter()
            .map(|w| format!("{w:?}"))
            .collect::<Vec<_>>()
            .join(" "),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_commands_and_their_options() {
    assert_eq!(bash_offers("factorial-connect ap"), ["apps"]);
    assert_eq!(bash_offers("factorial-connect apps ed"), ["edit"]);
    assert_eq!(
        bash_offers("factorial-connect apps edit Payroll --re"),
        ["--rename", "--refresh-token-life"]
    );
    assert_eq!(bash_offers("factorial-connect token --acc"), ["--account"]);
    assert_eq!(bash_offers("factorial-connect completions z"), ["zsh"]);
}
