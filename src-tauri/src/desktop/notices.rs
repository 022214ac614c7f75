//! Telling the admin when an account needs them, through the desktop's notifications: once per
//! change of an account's notice (the core's `AccountRecord::notice`), in the window's language,
//! and a click does what fixes it (connect again, or refresh now).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use connect_cli::cli::messages::say;
use connect_cli::i18n::Catalog;
use connect_cli::note;
use connect_cli::time_text::{attention_in, now, span_in};
use connect_core::identity::AccountKind;
use connect_core::keep_alive::Notice;
use fluent_bundle::FluentArgs;
use tauri::{AppHandle, Manager};

use crate::deep_link::show_main_window;
use crate::desktop_notification::{present, withdraw};
use crate::events::WindowEvent;
use crate::state::{AppState, locked};

/// What each account was last told ("app id/account id"), so a state is told once.
#[derive(Default)]
pub struct Notices {
    told: Mutex<HashMap<String, Telling>>,
    /// The first look records what is already so without a word: the window is opening and shows
    /// it; a notification for every old problem at each start would teach the admin to ignore them.
    started: Mutex<bool>,
}

/// What an account was told, and the desktop's id for it while it may be on screen, so it can be
/// taken back when the account is fine again (reconnected, or refreshed in time).
struct Telling {
    notice: Notice,
    id: Option<u32>,
}

/// An account to tell about, with what the click needs.
struct Told {
    key: String,
    app_name: String,
    account_id: String,
    label: String,
    company: bool,
    notice: Notice,
}

impl Notices {
    /// Makes the first look tell too: the app started without a window (at login, in the tray).
    pub fn tell_from_start(&self) {
        *locked(&self.started) = true;
    }

    /// Looks at every account: tells the admin about each new notice, forgets those that are fine
    /// again (so a later problem is told again).
    pub fn update(&self, handle: &AppHandle) {
        let state = handle.state::<AppState>();
        let first = !std::mem::replace(&mut *locked(&self.started), true);
        let mut news = Vec::new();
        let mut withdrawn = Vec::new();
        {
            // The status is read under the lock: two threads looking at once (the keep-alive and
            // the data watch) must not act on reads in the wrong order and tell a state twice.
            let mut told = locked(&self.told);
            let Ok(status) = state.engine.status() else {
                return;
            };
            let now = state.engine.now();
            let mut seen = HashSet::new();
            for app in &status {
                for a in &app.accounts {
                    let key = format!("{}/{}", app.app.id, a.account.id);
                    match a.account.notice(&app.app, now) {
                        Some(notice) if told.get(&key).map(|t| t.notice) != Some(notice) => {
                            let old = told.insert(key.clone(), Telling { notice, id: None });
                            withdrawn.extend(old.and_then(|t| t.id));
                            news.push(Told {
                                key: key.clone(),
                                app_name: app.app.name.clone(),
                                account_id: a.account.id.clone(),
                                label: a.account.label.clone(),
                                company: a.account.kind == AccountKind::Company,
                                notice,
                            });
                        }
                        Some(_) => {}
                        None => {
                            withdrawn.extend(told.remove(&key).and_then(|t| t.id));
                        }
                    }
                    seen.insert(key);
                }
            }
            told.retain(|key, t| {
                let kept = seen.contains(key);
                if !kept {
                    withdrawn.extend(t.id);
                }
                kept
            });
        }
        withdraw(withdrawn);
        if first {
            return;
        }
        let catalog = crate::settings::catalog(handle);
        for news in news {
            show(handle, &catalog, news);
        }
    }
}

impl Notices {
    /// Keeps the id of a notification now on screen, or takes it back at once when its account
    /// changed while it was being shown. Two on screen for one notice (the account went bad, fine
    /// and bad again before the first was shown) keep only the newer.
    fn shown(&self, key: &str, notice: Notice, id: u32) {
        let mut told = locked(&self.told);
        match told.get_mut(key) {
            Some(t) if t.notice == notice => withdraw(t.id.replace(id).into_iter().collect()),
            _ => withdraw(vec![id]),
        }
    }
}

fn show(handle: &AppHandle, catalog: &Catalog, told: Told) {
    let mut args = FluentArgs::new();
    args.set("app", told.app_name.clone());
    let kind = if told.company {
        AccountKind::Company
    } else {
        AccountKind::User
    };
    args.set("label", catalog.account_label(&told.label, kind));
    let (summary, body) = match told.notice {
        Notice::NeedsAdmin { reason } => {
            args.set("reason", attention_in(catalog, reason));
            (
                catalog.text("notice-needs-admin-title", Some(&args)),
                catalog.text("notice-needs-admin", Some(&args)),
            )
        }
        Notice::RefreshEndsSoon { at } => {
            let span = span_in(catalog, at.saturating_sub(now()));
            args.set("span", span);
            (
                catalog.text("notice-ends-soon-title", Some(&args)),
                catalog.text("notice-ends-soon", Some(&args)),
            )
        }
    };
    let open = catalog.text("notice-open", None);
    let app_id = handle.config().identifier.clone();
    let handle = handle.clone();
    // Showing waits for the notification service, and waiting for a click blocks until it closes:
    // both off the window's threads.
    std::thread::spawn(move || {
        let (key, notice) = (told.key.clone(), told.notice);
        let clicked = handle.clone();
        let shown = present(
            &summary,
            &body,
            &open,
            &app_id,
            |id| handle.state::<AppState>().notices.shown(&key, notice, id),
            move || act(&clicked, &told),
        );
        if let Err(problem) = shown {
            note!(
                "{}",
                say("cli-notice-failed", &[("problem", (&problem).into())])
            );
        }
    });
}

/// What a click does: the window comes forward, and connects again or refreshes.
fn act(handle: &AppHandle, told: &Told) {
    show_main_window(handle);
    let state = handle.state::<AppState>();
    // Clicked late: the account may be fine again by now (reconnected elsewhere).
    let still = state.engine.status().ok().and_then(|status| {
        let app = status.iter().find(|s| s.app.name == told.app_name)?;
        let account = app
            .accounts
            .iter()
            .find(|a| a.account.id == told.account_id)?;
        account.account.notice(&app.app, state.engine.now())
    });
    if still.is_none() {
        return;
    }
    match told.notice {
        Notice::NeedsAdmin { .. } => state.broadcast(WindowEvent::ConnectAgain {
            app_name: told.app_name.clone(),
            company: told.company,
        }),
        Notice::RefreshEndsSoon { .. } => {
            let engine = state.engine.clone();
            let (app, account) = (told.app_name.clone(), told.account_id.clone());
            tauri::async_runtime::spawn(async move {
                // The outcome shows in the window like any change; a failure becomes the next notice.
                let _ = engine.refresh(&app, Some(&account)).await;
            });
        }
    }
}
