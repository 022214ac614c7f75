//! A real tray host for the tests: Debian's `status-notifier-watcher` on the test session's bus,
//! and our icon's menu read and clicked over `com.canonical.dbusmenu` with `busctl`, as a
//! desktop's tray would.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::eventually;

fn busctl(args: &[&str]) -> Option<Value> {
    let out = Command::new("busctl")
        .args(["--user", "--json=short"])
        .args(args)
        .output()
        .ok()?;
    serde_json::from_slice(&out.stdout).ok()
}

/// The tray host for the length of a test.
pub struct Watcher(Child);

impl Watcher {
    pub fn start() -> Watcher {
        let child = Command::new("status-notifier-watcher")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("status-notifier-watcher runs (make test-deps installs it)");
        eventually(Duration::from_secs(10), "the watcher on the bus", || {
            let owned = busctl(&[
                "call",
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus",
                "NameHasOwner",
                "s",
                "org.kde.StatusNotifierWatcher",
            ])?;
            (owned["data"][0] == true).then_some(())
        });
        Watcher(child)
    }

    /// The registered icon's bus name and menu path.
    fn menu_address(&self) -> Option<(String, String)> {
        let entries = busctl(&[
            "get-property",
            "org.kde.StatusNotifierWatcher",
            "/StatusNotifierWatcher",
            "org.kde.StatusNotifierWatcher",
            "RegisteredSNIEntries",
        ])?;
        let entry = entries["data"].as_array()?.last()?.clone();
        let (service, path) = (
            entry[0].as_str()?.to_string(),
            entry[1].as_str()?.to_string(),
        );
        let menu = busctl(&[
            "get-property",
            &service,
            &path,
            "org.kde.StatusNotifierItem",
            "Menu",
        ])?;
        Some((service, menu["data"].as_str()?.to_string()))
    }

    /// The menu's items: id, label, enabled, checked.
    pub fn menu(&self) -> Vec<(i64, String, bool, bool)> {
        let Some((service, path)) = self.menu_address() else {
            return Vec::new();
        };
        let Some(layout) = busctl(&[
            "call",
            &service,
            &path,
            "com.canonical.dbusmenu",
            "GetLayout",
            "iias",
            "--",
            "0",
            "-1",
            "0",
        ]) else {
            return Vec::new();
        };
        layout["data"][1][2]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|item| {
                let props = &item["data"][1];
                (
                    item["data"][0].as_i64().unwrap_or(-1),
                    props["label"]["data"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    props["enabled"]["data"].as_bool().unwrap_or(true),
                    props["toggle-state"]["data"].as_i64() == Some(1),
                )
            })
            .filter(|(_, label, _, _)| !label.is_empty())
            .collect()
    }

    pub fn click(&self, label: &str) {
        let (service, path) = self.menu_address().expect("an icon");
        let id = self
            .menu()
            .into_iter()
            .find(|(_, l, _, _)| l == label)
            .unwrap_or_else(|| panic!("no {label:?} in {:?}", self.menu()))
            .0
            .to_string();
        busctl(&[
            "call",
            &service,
            &path,
            "com.canonical.dbusmenu",
            "Event",
            "isvu",
            "--",
            &id,
            "clicked",
            "s",
            "",
            "0",
        ]);
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
