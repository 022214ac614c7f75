//! The desktop window: Tauri with its plugins around the engine.
//!
//! [`run`] builds it in steps whose names tell the story: single-instance registered first (with
//! its deep-link feature) so a second launch, which is how Windows and Linux deliver a link, hands
//! its arguments to this process and exits; then the links; and once the page has loaded, the data
//! folder watched, the keep-alive and the tray.

use std::fs::File;
use std::path::Path;
use std::process::ExitCode;

use connect_cli::cli::messages::say;
use connect_cli::launch::{AT_LOGIN, WINDOW_LOCK, WindowStart};
use connect_cli::{exit, note};
use connect_core::{Engine, lock_file};
use tauri::Manager;
use tauri_plugin_deep_link::DeepLinkExt;

use crate::events::WindowEvent;
use crate::state::AppState;
use crate::{bench_signals, bindings, deep_link, keep_alive, settings, tray};

fn take_window_lock(data_dir: &Path) -> Option<File> {
    let file = lock_file::open(&data_dir.join(WINDOW_LOCK)).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// A debug build asked to (`FACTORIAL_CONNECT_IPC_LOG=1`) makes the page keep every answer and
/// message it receives (`window.ipcLog`), so the end-to-end tests can show that no token reached
/// the page but the one Reveal asked for. A release build never does.
fn ipc_log() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let wanted = cfg!(debug_assertions) && std::env::var_os("FACTORIAL_CONNECT_IPC_LOG").is_some();
    let builder = tauri::plugin::Builder::new("ipc-log");
    if wanted {
        builder.js_init_script("window.ipcLog = [];").build()
    } else {
        builder.build()
    }
}

/// Tauri's updater, where this system takes it (see `updates`).
fn with_updater(builder: tauri::Builder<tauri::Wry>) -> tauri::Builder<tauri::Wry> {
    #[cfg(any(windows, target_os = "macos"))]
    return builder.plugin(tauri_plugin_updater::Builder::new().build());
    #[cfg(not(any(windows, target_os = "macos")))]
    builder
}

pub fn run(engine: Engine, start: WindowStart) -> ExitCode {
    // single-instance first, as its documentation asks: a second launch hands over its arguments
    // before any other plugin has started anything.
    let builder = tauri::Builder::default().plugin(single_instance());
    let result = with_updater(builder)
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![AT_LOGIN]),
        ))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(ipc_log())
        .on_page_load(move |webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                bench_signals::page_loaded();
                start_in_background(webview.app_handle(), start);
            }
        })
        .manage(AppState::new(engine))
        .invoke_handler(bindings::invoke_handler())
        .setup(move |app| {
            let state = app.state::<AppState>();
            state.hold_window_lock(take_window_lock(state.engine.data_dir()));
            remember_where_things_stand(app.handle(), start);
            listen_for_links(app);
            // Started at login, the tray is all there is (the window is closed where one shows);
            // otherwise the page comes first and the rest follows it (see start_in_background).
            if start == WindowStart::AtLogin {
                start_in_background(app.handle(), start);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| app.run(on_event));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let problem = e.to_string();
            note!(
                "{}",
                say("cli-window-failed", &[("problem", (&problem).into())])
            );
            ExitCode::from(exit::GENERAL)
        }
    }
}

/// A second launch (how Windows and Linux deliver a link) hands its arguments here and exits.
fn single_instance() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_single_instance::init(|app, argv, _cwd| {
        // A second start at login (the entry ran twice) changes nothing.
        if argv.iter().any(|a| a == AT_LOGIN) {
            return;
        }
        // The link itself reaches on_open_url through the deep-link feature; just come forward.
        deep_link::show_main_window(app);
    })
}

/// Other processes' changes to the data folder reach the page, the notices and the tray.
fn watch_data_folder(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    let handle = app.clone();
    match state.engine.watch(move || {
        let state = handle.state::<AppState>();
        state.broadcast(WindowEvent::DataChanged);
        // Another process may have found an account refused (a script's `token`).
        state.notices.update(&handle);
        tray::update(&handle);
    }) {
        Ok(watch) => state.keep_data_watch(watch),
        // The page still refreshes after each of its own actions; it just will not hear of other
        // processes' changes until then.
        Err(e) => {
            let problem = e.to_string();
            note!(
                "{}",
                say("cli-not-watching", &[("problem", (&problem).into())])
            );
        }
    }
}

/// What runs beside the window, started once: after the page has loaded, so that building the
/// tray's menu, the first keep-alive round and the watch do not hold up the window the admin is
/// waiting for (and, on two cores, do not compete with the web process for the CPU).
fn start_in_background(app: &tauri::AppHandle, start: WindowStart) {
    let state = app.state::<AppState>();
    if !state.first_start() {
        return;
    }
    watch_data_folder(app);
    keep_alive::start(app.clone());
    show_tray(app, start);
}

/// The keep-alive's switch as the app last left it (unreadable settings mean running), and the
/// notices' first look, which only records what is already so (the opening window shows it;
/// started at login into the tray, nothing shows it, so it is told, see `notices`). Both before
/// the page asks for the switch and before a link that started the app changes an account.
fn remember_where_things_stand(app: &tauri::AppHandle, start: WindowStart) {
    let state = app.state::<AppState>();
    state
        .keep_alive
        .set_paused(settings::remembered_keep_alive_paused(app));
    if start == WindowStart::AtLogin {
        state.notices.tell_from_start();
    }
    state.notices.update(app);
}

/// The tray icon; started at login, only the icon, where a tray shows it (its Open makes a window).
fn show_tray(app: &tauri::AppHandle, start: WindowStart) {
    match tray::create(app) {
        Ok(()) if start == WindowStart::AtLogin && tray::host_present() => {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.destroy();
            }
        }
        Ok(()) => {}
        Err(e) => {
            // Without a tray the window still works; closing it quits (see `tray`).
            let problem = e.to_string();
            note!("{}", say("cli-no-tray", &[("problem", (&problem).into())]));
        }
    }
}

/// Links from a second instance, and the one that launched us (a cold start), all go through
/// [`deep_link::handle`].
fn listen_for_links(app: &tauri::App) {
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            deep_link::handle(&handle, url.to_string());
        }
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        for url in urls {
            deep_link::handle(app.handle(), url.to_string());
        }
    }
}

fn on_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    match event {
        // The window closed (not Quit, which gives a code): stay in the tray if one shows.
        tauri::RunEvent::ExitRequested {
            code: None, api, ..
        } if tray::host_present() => api.prevent_exit(),
        tauri::RunEvent::Exit => {
            // A token copied from the window does not outlive it.
            app.state::<AppState>().clipboard.take_back(None);
        }
        _ => {}
    }
}
