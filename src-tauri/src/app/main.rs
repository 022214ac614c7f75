//! `factorial-connect-app`: the desktop window, and the handler the OS runs for
//! `factorial-connect://` links. Tauri and its plugins live here and nowhere else; what it shares
//! with the command line comes from `connect_shell`.

mod bindings;
mod clipboard;
mod commands;
mod deep_link;
mod desktop_notification;
mod events;
mod keep_alive;
mod notices;
mod scheme;
mod state;
mod tray;
mod window;

fn main() -> std::process::ExitCode {
    connect_shell::launch::window_or_command_line(window::run)
}
