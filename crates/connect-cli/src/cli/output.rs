//! Writing for scripts (stdout) and people (stderr) without ever panicking: `println!` panics when
//! the reader has gone away (`factorial-connect status | head -1`), and a message that cannot be
//! shown is not worth a crash.

/// A line on stdout: the answer a script reads.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// A line on stderr: for the person at the terminal.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub use crate::{note, out};

/// Pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => out!("{text}"),
        Err(e) => {
            let problem = e.to_string();
            note!(
                "{}",
                super::messages::say("cli-json-failed", &[("problem", (&problem).into())])
            );
        }
    }
}
