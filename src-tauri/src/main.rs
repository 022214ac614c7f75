//! `factorial-connect`: the command line for people and scripts (like `gh auth`). With no
//! arguments, or a link the window should take, it starts the window binary beside it.

fn main() -> std::process::ExitCode {
    connect_cli::launch::command_line()
}
