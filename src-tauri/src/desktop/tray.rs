//! The tray (menu-bar) icon: each account's health, then Open, Pause keep-alive and Quit. On Linux
//! a click on the icon itself reaches nobody (StatusNotifierItem hosts only show the menu), so
//! every action is a menu item. The menu is drawn again whenever the data changes and after each
//! keep-alive round, in the window's language.
//!
//! Closing the window hides the app to the tray only where a tray host exists (on Linux, when
//! `org.kde.StatusNotifierWatcher` has an owner); otherwise closing quits, so the app never vanishes
//! into an icon nobody can see. Hidden, the window and its web view are gone, not kept in memory;
//! Open makes a new one.

use connect_cli::i18n::Catalog;
use connect_cli::time_text::{attention_in, span_in};
use connect_core::health::Health;
use fluent_bundle::FluentArgs;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};

use crate::deep_link::show_main_window;
use crate::state::AppState;

const TRAY: &str = "main";
const OPEN: &str = "open";
const PAUSE: &str = "pause";
const QUIT: &str = "quit";

/// Puts the icon in the tray. A desktop without a tray host simply shows nothing.
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let mut builder = TrayIconBuilder::with_id(TRAY)
        .tooltip("Factorial Connect")
        .menu(&menu(app)?)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| match event.id().as_ref() {
            OPEN => show_main_window(app),
            PAUSE => toggle_pause(app),
            QUIT => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

/// Draws the menu again (the accounts or their health changed, or the language).
pub fn update(app: &AppHandle) {
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), menu(app)) {
        let _ = tray.set_menu(Some(menu));
    }
}

fn toggle_pause(app: &AppHandle) {
    let paused = !app.state::<AppState>().keep_alive.paused();
    // The same switch as in Settings; remembered across restarts.
    let _ = crate::settings::set_keep_alive_paused(app, paused);
    update(app);
}

fn menu(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let catalog = crate::settings::catalog(app);
    let state = app.state::<AppState>();
    let now = state.engine.now();
    let menu = Menu::new(app)?;
    let status = state.engine.status().unwrap_or_default();
    for app_status in &status {
        for a in &app_status.accounts {
            let line = format!(
                "{} · {}: {}",
                menu_text(&app_status.app.name),
                menu_text(&catalog.account_label(&a.account.label, a.account.kind)),
                health_line(&catalog, a.health, now)
            );
            let id = format!("account:{}/{}", app_status.app.id, a.account.id);
            menu.append(&MenuItem::with_id(app, id, line, false, None::<&str>)?)?;
        }
    }
    if status.iter().all(|s| s.accounts.is_empty()) {
        let none = catalog.text("tray-no-accounts", None);
        menu.append(&MenuItem::with_id(app, "none", none, false, None::<&str>)?)?;
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(
        app,
        OPEN,
        catalog.text("tray-open", None),
        true,
        None::<&str>,
    )?)?;
    menu.append(&CheckMenuItem::with_id(
        app,
        PAUSE,
        catalog.text("tray-pause", None),
        true,
        state.keep_alive.paused(),
        None::<&str>,
    )?)?;
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(
        app,
        QUIT,
        catalog.text("tray-quit", None),
        true,
        None::<&str>,
    )?)?;
    Ok(menu)
}

/// Text from outside (an application's name, a label from Factorial) as a menu shows it: a menu
/// reads `&` as the mark of a keyboard shortcut ("R&D" would show "RD" with the D underlined), and
/// `&&` as one `&`.
fn menu_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// The window's health words (ui/src/text.ts `healthText`), for a menu line.
fn health_line(catalog: &Catalog, health: Health, now: u64) -> String {
    let mut args = FluentArgs::new();
    match health {
        Health::NeedsAdmin { reason } => {
            args.set("reason", attention_in(catalog, reason));
            catalog.text("health-needs-admin", Some(&args))
        }
        Health::ExpiredWillRefresh { .. } => catalog.text("health-expired", None),
        Health::Kept { .. } => catalog.text("health-kept", None),
        Health::Works { expires_at: None } => catalog.text("health-never-expires", None),
        Health::Works {
            expires_at: Some(at),
        }
        | Health::ExpiresSoon { expires_at: at } => {
            if at <= now {
                return catalog.text("health-expired", None);
            }
            args.set("span", span_in(catalog, at - now));
            let id = if matches!(health, Health::Works { .. }) {
                "health-expires-in"
            } else {
                "health-expires-soon"
            };
            catalog.text(id, Some(&args))
        }
    }
}

/// Whether closing the window should hide the app to the tray: only where a tray host shows it.
pub fn host_present() -> bool {
    #[cfg(target_os = "linux")]
    {
        // The StatusNotifierItem watcher is what shows tray icons on Linux desktops; GNOME without
        // its extension has none, and there the icon would be invisible.
        let owned = zbus::blocking::Connection::session().and_then(|bus| {
            bus.call_method(
                Some("org.freedesktop.DBus"),
                "/org/freedesktop/DBus",
                Some("org.freedesktop.DBus"),
                "NameHasOwner",
                &("org.kde.StatusNotifierWatcher",),
            )?
            .body()
            .deserialize::<bool>()
        });
        owned.unwrap_or(false)
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}
