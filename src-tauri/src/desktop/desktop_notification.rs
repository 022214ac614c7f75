//! The desktop's own notifications behind one shape on every platform: show one that stays until
//! acted on and calls back when clicked, and take one back by its id. Tauri's notification plugin
//! cannot report a click on desktop, hence the platforms' own crates: notify-rust (the freedesktop
//! service on Linux and the BSDs, Notification Center on macOS) and, on Windows, the toast crate
//! notify-rust itself uses there, whose activation callback notify-rust does not expose.

/// Shows a notification. `on_shown` receives its id where it can later be taken back with
/// [`withdraw`]; `on_click` runs when the admin clicks it. Blocks until the notification closes
/// where the platform tells, so call it off the window's threads. The error is the system's words.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn present(
    summary: &str,
    body: &str,
    open: &str,
    _app_id: &str,
    on_shown: impl FnOnce(u32),
    on_click: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    let body = if reads_markup() {
        markup_escaped(body)
    } else {
        body.to_string()
    };
    let shown = notification(summary, &body)
        // It stays until the admin acts or dismisses it: told once, it must not slip by.
        .timeout(notify_rust::Timeout::Never)
        .action("default", open)
        .show()
        .map_err(|e| e.to_string())?;
    on_shown(shown.id());
    shown.wait_for_action(|action| {
        if action == "default" {
            on_click();
        }
    });
    Ok(())
}

/// Whether the notification service reads the body as markup (the freedesktop capability
/// `body-markup`, which dunst and GNOME Shell have): then text from outside must be escaped, or a
/// label such as `Ana <ana@acme.test>` loses its address and a name such as `<a href="…">` becomes
/// a link that looks like ours. A service without it shows the text as it is.
#[cfg(all(unix, not(target_os = "macos")))]
fn reads_markup() -> bool {
    notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "body-markup"))
}

/// `text` as markup that shows exactly `text`.
#[cfg(all(unix, not(target_os = "macos")))]
fn markup_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Windows: a toast under the installed app's AppUserModelID (the bundle identifier, which the
/// installers register); a click on it, or on it in the Action Center while the app runs, calls
/// back. Toasts have no id to take back here.
#[cfg(windows)]
pub fn present(
    summary: &str,
    body: &str,
    _open: &str,
    app_id: &str,
    _on_shown: impl FnOnce(u32),
    on_click: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    use tauri_winrt_notification::{Duration, Toast};
    let mut on_click = Some(on_click);
    Toast::new(app_id)
        .title(summary)
        .text1(body)
        .duration(Duration::Long)
        .on_activated(move |_action| {
            if let Some(click) = on_click.take() {
                click();
            }
            Ok(())
        })
        .show()
        .map_err(|e| e.to_string())
}

/// macOS: Notification Center shows it. notify-rust reports no click there; mac-notification-sys
/// (which it wraps) can wait for one, but no macOS build can be checked on this project's machines
/// (no Apple SDK), so until one can, the notification tells and the window or the tray's menu is
/// where the admin acts.
#[cfg(target_os = "macos")]
pub fn present(
    summary: &str,
    body: &str,
    _open: &str,
    _app_id: &str,
    _on_shown: impl FnOnce(u32),
    _on_click: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    notification(summary, body)
        .show()
        .map(drop)
        .map_err(|e| e.to_string())
}

/// A notification of ours through notify-rust, before its platform's touches.
#[cfg(not(windows))]
pub fn notification(summary: &str, body: &str) -> notify_rust::Notification {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Factorial Connect")
        .summary(summary)
        .body(body);
    notification
}

/// Takes notifications off the screen: what they asked of the admin is done (or no longer theirs
/// to do). One already dismissed or clicked is simply not there any more.
pub fn withdraw(ids: Vec<u32>) {
    if ids.is_empty() {
        return;
    }
    #[cfg(not(target_os = "linux"))]
    drop(ids);
    #[cfg(target_os = "linux")]
    std::thread::spawn(move || {
        let Ok(bus) = zbus::blocking::Connection::session() else {
            return;
        };
        for id in ids {
            // The server answers an unknown id with an error; there is nothing to do about it.
            let _ = bus.call_method(
                Some("org.freedesktop.Notifications"),
                "/org/freedesktop/Notifications",
                Some("org.freedesktop.Notifications"),
                "CloseNotification",
                &(id,),
            );
        }
    });
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    use super::markup_escaped;

    #[test]
    fn text_from_outside_shows_as_text_not_markup() {
        assert_eq!(
            markup_escaped("Ana <ana@acme.test>"),
            "Ana &lt;ana@acme.test&gt;"
        );
        assert_eq!(
            markup_escaped(r#"<a href="https://evil.test">sign in again</a>"#),
            "&lt;a href=&quot;https://evil.test&quot;&gt;sign in again&lt;/a&gt;"
        );
        assert_eq!(
            markup_escaped("<img src='file:///etc/passwd'> & more"),
            "&lt;img src=&#39;file:///etc/passwd&#39;&gt; &amp; more"
        );
    }
}
