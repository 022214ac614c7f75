//! What the window's commands, link handler and watchers share while it runs.

use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use connect_cli::i18n::Catalog;
use connect_core::Engine;
use connect_core::keep_alive::KeepAlive;
use connect_core::watch::DataWatch;
use tauri::ipc::Channel;

use crate::clipboard::Clipboard;
use crate::events::{CallbackReport, WindowEvent};
use crate::notices::Notices;

pub struct AppState {
    pub engine: Arc<Engine>,
    /// The one clipboard of the app (on X11 its owner serves what was copied).
    pub clipboard: Arc<Clipboard>,
    /// Refreshes accounts before they expire while the app runs (see `keep_alive`).
    pub keep_alive: Arc<KeepAlive>,
    /// What the admin was last told about each account (see `notices`).
    pub notices: Notices,
    /// The latest deep-link result, kept for a page that was not listening yet (cold start).
    last_callback: Mutex<Option<CallbackReport>>,
    /// The page's channels (see `commands::subscribe`).
    subscribers: Mutex<Vec<Channel<WindowEvent>>>,
    /// Tells the page when another process changes the data; kept alive while the window runs.
    data_watch: Mutex<Option<DataWatch>>,
    /// Held while the window runs; other processes test it to know a window is open.
    window_lock: Mutex<Option<File>>,
    /// The window's catalog for the tray and notifications, with the locale it was made for: parsed
    /// once per language, not at every menu update.
    catalog: Mutex<Option<(String, Arc<Catalog>)>>,
    /// Set once the watch, keep-alive and tray have started (see `window::start_in_background`).
    started: AtomicBool,
}

/// A poisoned lock only means a panic elsewhere while it was held; the data is still usable.
pub(crate) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn new(engine: Engine) -> Self {
        AppState {
            engine: Arc::new(engine),
            clipboard: Arc::new(Clipboard::default()),
            keep_alive: Arc::new(KeepAlive::default()),
            notices: Notices::default(),
            last_callback: Mutex::new(None),
            subscribers: Mutex::new(Vec::new()),
            data_watch: Mutex::new(None),
            window_lock: Mutex::new(None),
            catalog: Mutex::new(None),
            started: AtomicBool::new(false),
        }
    }

    /// True the first time only: a page loaded again (or a new window's) starts nothing twice.
    pub fn first_start(&self) -> bool {
        !self.started.swap(true, Ordering::SeqCst)
    }

    /// The catalog for `locale`, parsed again only when the locale changes.
    pub fn catalog(&self, locale: &str) -> Arc<Catalog> {
        let mut cached = locked(&self.catalog);
        match cached.as_ref() {
            Some((made_for, catalog)) if made_for == locale => Arc::clone(catalog),
            _ => {
                let catalog = Arc::new(Catalog::for_locale(locale));
                *cached = Some((locale.to_string(), Arc::clone(&catalog)));
                catalog
            }
        }
    }

    pub fn hold_window_lock(&self, lock: Option<File>) {
        *locked(&self.window_lock) = lock;
    }

    pub fn keep_data_watch(&self, watch: DataWatch) {
        *locked(&self.data_watch) = Some(watch);
    }

    /// Adds a page's channel; returns the latest link report for a page that opened after it.
    pub fn subscribe(&self, channel: Channel<WindowEvent>) -> Option<CallbackReport> {
        locked(&self.subscribers).push(channel);
        locked(&self.last_callback).clone()
    }

    /// Remembers a link's report and sends it to every page.
    pub fn report_link(&self, report: CallbackReport) {
        *locked(&self.last_callback) = Some(report.clone());
        self.broadcast(WindowEvent::Link { report });
    }

    /// Sends `event` to every page that subscribed; a page that went away (reloaded) leaves a dead
    /// channel behind, which is dropped here.
    pub fn broadcast(&self, event: WindowEvent) {
        locked(&self.subscribers).retain(|channel| channel.send(event.clone()).is_ok());
    }
}
