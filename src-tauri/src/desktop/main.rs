// The window binary opens no console window on Windows (a link clicked in the browser would flash
// one); the command line `factorial-connect.exe` stays a console program for scripts.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! `factorial-connect-app`: the desktop window, and the handler the OS runs for
//! `factorial-connect://` links. Tauri and its plugins live here and nowhere else; what it shares
//! with the command line comes from `connect_cli`.

mod arguments;
mod bench_signals;
mod bindings;
mod clipboard;
mod commands;
mod deep_link;
mod desktop_notification;
mod events;
mod fatal;
mod keep_alive;
mod notices;
mod scheme;
mod settings;
mod state;
mod tray;
mod updates;
mod window;

fn main() -> std::process::ExitCode {
    fatal::install_panic_hook();
    connect_cli::launch::window_or_command_line(connect_cli::launch::WindowParts {
        register_links: scheme::register,
        blocker: fatal::blocker,
        tell: fatal::tell,
        run: window::run,
    })
}
