//! dunst, a real notification service, on the test session's D-Bus: read and clicked with
//! `dunstctl` as a person would click.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::eventually;

/// dunst for the length of a test.
pub struct Dunst(Child);

impl Dunst {
    pub fn start() -> Dunst {
        let child = Command::new("dunst")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst runs (make test-deps installs it)");
        eventually(Duration::from_secs(10), "dunst on the bus", || {
            ctl(&["is-paused"]).contains("false").then_some(())
        });
        Dunst(child)
    }

    /// Notifications shown now plus those already closed.
    pub fn count(&self) -> usize {
        self.counted("displayed") + self.counted("history")
    }

    /// Notifications on screen now.
    pub fn displayed(&self) -> usize {
        self.counted("displayed")
    }

    fn counted(&self, which: &str) -> usize {
        ctl(&["count", which]).trim().parse::<usize>().unwrap_or(0)
    }

    /// Summaries and bodies of the closed notifications, newest first.
    pub fn history(&self) -> Vec<(String, String)> {
        let json: Value = serde_json::from_str(&ctl(&["history"])).unwrap();
        json["data"][0]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|n| {
                let text = |k: &str| n[k]["data"].as_str().unwrap_or_default().to_string();
                (text("summary"), text("body"))
            })
            .collect()
    }
}

impl Drop for Dunst {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn ctl(args: &[&str]) -> String {
    let out = Command::new("dunstctl").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}
