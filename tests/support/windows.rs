//! The Windows programs under test: cross-built for `x86_64-pc-windows-gnu` and run under Wine in a
//! private prefix (`make windows-test`, scripts/windows-test, on Linux), or built natively and run
//! as they are on a Windows machine (`.github/workflows/ci.yml`). Either way the test's own Windows
//! tool `cred-list.exe` reads the Credential Manager through `CredEnumerateW`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::{Desk, Run, eventually, repo, run_to_end, wait_with_timeout};

/// Where the programs and tools are; the tests refuse to run without them.
pub struct Windows {
    /// The Wine prefix; `None` on Windows itself.
    wine: Option<PathBuf>,
    programs: PathBuf,
    tools: PathBuf,
}

impl Windows {
    pub fn from_env() -> Windows {
        super::require_test_session();
        let dir = |name: &str| {
            let dir = std::env::var_os(name)
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    panic!("{name} is not set: these tests run through `make windows-test`")
                });
            assert!(dir.is_dir(), "{name}: {} is not a folder", dir.display());
            dir
        };
        let native = cfg!(windows);
        Windows {
            wine: (!native).then(|| dir("WINEPREFIX")),
            programs: if native {
                Path::new(super::BIN)
                    .parent()
                    .expect("the programs' folder")
                    .to_path_buf()
            } else {
                dir("FACTORIAL_CONNECT_WINDOWS_PROGRAMS")
            },
            tools: dir("FACTORIAL_CONNECT_WINDOWS_TOOLS"),
        }
    }

    /// The command line's `.exe`.
    pub fn cli(&self) -> PathBuf {
        self.programs.join("factorial-connect.exe")
    }

    /// The window binary's `.exe`, the links' handler.
    pub fn app(&self) -> PathBuf {
        self.programs.join("factorial-connect-app.exe")
    }

    /// PROGRAM as Windows runs it: under Wine (quiet, in the private prefix), or itself.
    pub fn command(&self, program: &Path) -> Command {
        let Some(prefix) = &self.wine else {
            return Command::new(program);
        };
        let mut command = Command::new("wine");
        command
            .arg(program)
            .env("WINEPREFIX", prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
        command
    }

    /// Puts `folder` on the PATH the Windows program searches (Wine takes WINEPATH for that).
    pub fn put_on_path(&self, command: &mut Command, folder: &Path) {
        if self.wine.is_some() {
            command.env("WINEPATH", self.path(folder));
        } else {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let joined = std::env::join_paths(
                std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&path)),
            )
            .expect("a PATH");
            command.env("PATH", joined);
        }
    }

    /// A host path as the Windows programs see it: under Wine, drive Z: is the host's root.
    pub fn path(&self, path: &Path) -> String {
        if self.wine.is_some() {
            format!("Z:{}", path.display()).replace('/', "\\")
        } else {
            path.display().to_string()
        }
    }

    /// The desk's command line run as the Windows program: the same environment, with the data
    /// folder as a Windows path (in a folder named as a user whose name is not ASCII), and the fake
    /// browser handing the redirect to the command line's `.exe` under Wine.
    pub fn desk_command(&self, desk: &Desk, args: &[&str]) -> Command {
        let native = desk.command(args);
        let mut command = self.command(&self.cli());
        for (name, value) in native.get_envs() {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        command
            .args(args)
            .env("FACTORIAL_CONNECT_DATA_DIR", self.path(&data_dir(desk)));
        if desk.deliver {
            command.env(
                "SANDBOX_DELIVER_CMD",
                self.deliver_with(&[&self.cli().to_string_lossy()]),
            );
        }
        command
    }

    /// A command for the fake browser's `SANDBOX_DELIVER_CMD` that runs `[wine] ARGS… LINK`.
    pub fn deliver_with(&self, args: &[&str]) -> String {
        let mut words = Vec::new();
        if let Some(prefix) = &self.wine {
            words.extend([
                "env".to_string(),
                format!("WINEPREFIX={}", prefix.display()),
                "WINEDEBUG=-all".into(),
                "WINEDLLOVERRIDES=mscoree,mshtml=".into(),
                "wine".into(),
            ]);
        }
        words.extend(args.iter().map(|a| a.to_string()));
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `wine reg ARGS…` in the prefix; whether it succeeded and what it printed.
    pub fn reg(&self, args: &[&str]) -> (bool, String) {
        let output = self
            .command(Path::new("reg"))
            .args(args)
            .output()
            .expect("wine runs reg");
        let text = String::from_utf8_lossy(&output.stdout).replace('\r', "");
        (output.status.success(), text)
    }

    pub fn run(&self, desk: &Desk, args: &[&str], stdin: &str) -> Run {
        run_to_end(self.desk_command(desk, args), args, stdin)
    }

    /// The desk's `authorize APP` without a browser of the system's: the fake browser is given the
    /// address the command printed, and its redirect is pasted back with a Windows line end.
    pub fn authorize_by_paste(&self, desk: &Desk, app: &str) -> Run {
        let mut child = self
            .desk_command(desk, &["authorize", app, "--no-browser"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the command line runs");
        let (said, heard) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        let reader = std::thread::spawn(move || {
            let mut all = String::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = said.send(line.trim().to_string());
                all.push_str(&line);
                all.push('\n');
            }
            all
        });
        let url = eventually(Duration::from_secs(60), "the authorize address", || {
            heard.try_iter().find(|line| line.starts_with("http"))
        });
        let before = desk.redirects().len();
        // The desk's browser settings (login, decision, where the redirect goes), not its hand-off.
        let desk_env = desk.command(&[]);
        let python = if cfg!(windows) { "python" } else { "python3" };
        let mut browser = Command::new(python);
        browser
            .arg(repo().join("tests/sandbox/approve-browser"))
            .arg(&url)
            .envs(desk_env.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .env_remove("SANDBOX_DELIVER_CMD");
        let opened = browser.status().expect("the fake browser runs");
        assert!(opened.success(), "the fake browser failed");
        let redirect = eventually(Duration::from_secs(30), "the browser's redirect", || {
            desk.redirects().get(before).cloned()
        });
        let mut stdin = child.stdin.take().expect("stdin");
        std::io::Write::write_all(&mut stdin, format!("{redirect}\r\n").as_bytes())
            .expect("the paste");
        drop(stdin);
        let mut run = Run::from(wait_with_timeout(child, Duration::from_secs(90)));
        run.stderr = reader.join().expect("stderr read");
        run
    }

    /// The Credential Manager's generic credentials of a keychain service: (blob bytes, the
    /// entry's name). keyring names a credential `<entry>.<service>`.
    pub fn credentials(&self, service: &str) -> Vec<(usize, String)> {
        let output = self
            .command(&self.tools.join("cred-list.exe"))
            .output()
            .expect("cred-list runs under Wine");
        assert!(output.status.success(), "{output:?}");
        let suffix = format!(".{service}");
        let mut entries: Vec<(usize, String)> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| {
                let (size, name) = line.trim_end().split_once(' ')?;
                Some((size.parse().ok()?, name.strip_suffix(&suffix)?.to_string()))
            })
            .collect();
        entries.sort_by(|a, b| a.1.cmp(&b.1));
        entries
    }
}

/// The desk's data folder as the Windows programs use it.
pub fn data_dir(desk: &Desk) -> PathBuf {
    desk.data_dir
        .path()
        .join("Usuarios")
        .join("José Müller-Ñandú")
}

/// One word for the fake browser's shlex split.
fn shell_word(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}
