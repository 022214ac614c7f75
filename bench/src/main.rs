//! A bare Tauri window with the window's plugins: what any Tauri app of this shape costs, for
//! `make bench` to set Factorial Connect's window beside.

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .plugin(tauri_plugin_single_instance::init(|_, _, _| {}))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_store::Builder::new().build())
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                bench_page_loaded();
            }
        })
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}

/// The same signal as Factorial Connect's window gives `make bench` (see its bench_signals.rs).
fn bench_page_loaded() {
    if let Some(path) = std::env::var_os("TAURI_BENCH_READY_FILE") {
        let _ = std::fs::write(path, b"loaded");
    }
    if std::env::var_os("TAURI_BENCH_EXIT_ON_LOAD").is_some() {
        std::process::exit(0);
    }
}
