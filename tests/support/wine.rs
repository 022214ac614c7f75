//! The Windows build under Wine, as `make windows-test` prepares it (scripts/windows-test): both
//! programs cross-built for `x86_64-pc-windows-gnu`, a private Wine prefix, and the test's own
//! Windows tools (`cred-list.exe`, which reads the Credential Manager through `CredEnumerateW`).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Desk, Run, run_to_end};

/// Where scripts/windows-test put things; the tests refuse to run without them.
pub struct Wine {
    prefix: PathBuf,
    programs: PathBuf,
    tools: PathBuf,
}

impl Wine {
    pub fn from_env() -> Wine {
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
        Wine {
            prefix: dir("WINEPREFIX"),
            programs: dir("FACTORIAL_CONNECT_WINDOWS_PROGRAMS"),
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

    /// `wine PROGRAM`, quiet and in the private prefix.
    pub fn command(&self, program: &Path) -> Command {
        let mut command = Command::new("wine");
        command.arg(program);
        self.quiet(&mut command);
        command
    }

    fn quiet(&self, command: &mut Command) {
        command
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
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
            .env("FACTORIAL_CONNECT_DATA_DIR", windows_path(&data_dir(desk)));
        if desk.deliver {
            command.env(
                "SANDBOX_DELIVER_CMD",
                self.deliver_with(&[&self.cli().to_string_lossy()]),
            );
        }
        command
    }

    /// A command for the fake browser's `SANDBOX_DELIVER_CMD` that runs `wine ARGS… LINK`.
    pub fn deliver_with(&self, args: &[&str]) -> String {
        let mut words = vec![
            "env".to_string(),
            format!("WINEPREFIX={}", self.prefix.display()),
            "WINEDEBUG=-all".into(),
            "WINEDLLOVERRIDES=mscoree,mshtml=".into(),
            "wine".into(),
        ];
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

/// A host path as Windows programs under Wine see it (drive Z: is the host's root).
pub fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// One word for the fake browser's shlex split.
fn shell_word(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}
