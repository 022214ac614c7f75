//! `factorial-connect completions SHELL`: a completion script written from the same command
//! definition the parser uses, with the descriptions in the admin's language. The packages install
//! the English ones for bash, zsh and fish (`src-tauri/linux/completions/`, kept current by a test).

use std::io::Write;
use std::process::ExitCode;

use clap_complete::Shell;

use super::{help, messages, note};
use crate::exit;
use crate::i18n::Catalog;

/// The program name completions are registered for.
pub const PROGRAM: &str = "factorial-connect";

/// Prints the script; a closed pipe or full disk is reported, never a panic.
pub fn print(shell: Shell) -> ExitCode {
    let script = script(shell, messages::catalog());
    match std::io::stdout().lock().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader has what it wanted (`… | head`), as every other command treats it.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let problem = e.to_string();
            note!(
                "{}",
                messages::say("cli-could-not-write", &[("problem", (&problem).into())])
            );
            ExitCode::from(exit::GENERAL)
        }
    }
}

/// The script for `shell`, described in `catalog`'s language. Written to memory first: clap's
/// generators panic on a failed write.
pub fn script(shell: Shell, catalog: &Catalog) -> Vec<u8> {
    let mut command = help::localized(catalog);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, PROGRAM, &mut script);
    if shell == Shell::Bash {
        return mend_bash(script);
    }
    script
}

/// clap_complete's bash script names a subcommand's state two ways when the program's name has a
/// hyphen ("factorial__connect__subcmd__apps" where it is set, "factorial__subcmd__connect__…"
/// where it is matched), so nothing after the first word completes (clap-rs/clap#6421, open).
/// Spelt one way here; once clap spells it right this changes nothing, and the packaged-files
/// test still types into bash to check.
fn mend_bash(script: Vec<u8>) -> Vec<u8> {
    let wrong = format!("{}__subcmd__", PROGRAM.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", PROGRAM.replace('-', "__"));
    String::from_utf8_lossy(&script)
        .replace(&wrong, &right)
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_that_knows_every_command() {
        let catalog = Catalog::command_line("en");
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = String::from_utf8(script(shell, &catalog)).unwrap_or_default();
            for word in ["apps", "edit", "new-secret", "token", "completions"] {
                assert!(script.contains(word), "{shell}: {word}");
            }
        }
        let powershell = script(Shell::PowerShell, &catalog);
        let powershell = String::from_utf8_lossy(&powershell);
        assert!(
            powershell
                .contains("Register-ArgumentCompleter -Native -CommandName 'factorial-connect'")
        );
    }
}
