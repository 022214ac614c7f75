//! The real window under Xvfb, driven through WebDriver (tauri-driver + WebKitWebDriver) as a
//! person would use it: click Connect, let the browser approve, and see the account appear when
//! the redirect comes back through a second instance of the binary (single instance + deep link).
//! Also the cold start: the link itself launches the window.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use support::{BIN, Desk, Sandbox, admin_scene, eventually, free_port};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One window at a time: on one session bus, a second app instance would find the first one's
/// single-instance name, hand over its arguments and exit — exactly what it is built to do.
static ONE_WINDOW: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_window() -> std::sync::MutexGuard<'static, ()> {
    ONE_WINDOW.lock().unwrap_or_else(|p| p.into_inner())
}

/// tauri-driver on a free port, with the desk's environment for the app it launches.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(desk: &Desk) -> Driver {
        let port = free_port();
        let native = free_port();
        let reference = desk.command(&[]);
        let mut cmd = Command::new(driver_path());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (key, value) in reference.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        let child = cmd
            .spawn()
            .expect("tauri-driver runs (make test-deps installs it)");
        let url = format!("http://127.0.0.1:{port}");
        eventually(Duration::from_secs(20), "tauri-driver to listen", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).ok()
        });
        Driver { child, url }
    }

    fn session(&self, args: &[&str]) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": BIN, "args": args}
        }}});
        let answer = request("POST", &format!("{}/session", self.url), Some(caps));
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {answer}"))
            .to_string();
        Session {
            base: format!("{}/session/{id}", self.url),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver_path() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"));
    let installed = cargo_home.join("bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

struct Session {
    base: String,
}

impl Session {
    fn find(&self, css: &str) -> Option<String> {
        let answer = request(
            "POST",
            &format!("{}/element", self.base),
            Some(json!({"using": "css selector", "value": css})),
        );
        answer["value"][ELEMENT].as_str().map(str::to_string)
    }

    fn wait_for(&self, css: &str, limit_secs: u64) -> String {
        eventually(Duration::from_secs(limit_secs), css, || self.find(css))
    }

    fn click(&self, element: &str) {
        request(
            "POST",
            &format!("{}/element/{element}/click", self.base),
            Some(json!({})),
        );
    }

    fn text(&self, element: &str) -> String {
        request(
            "GET",
            &format!("{}/element/{element}/text", self.base),
            None,
        )["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let answer = request("GET", &format!("{}/screenshot", self.base), None);
        let b64 = answer["value"].as_str().expect("screenshot data");
        let dir = std::env::var_os("FACTORIAL_CONNECT_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| support::repo().join("target/screenshots"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let decoded = Command::new("base64")
            .arg("-d")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(b64.as_bytes())?;
                c.wait_with_output()
            })
            .expect("base64 decodes");
        std::fs::write(&path, decoded.stdout).unwrap();
        path
    }

    fn close(self) {
        request("DELETE", &self.base, None);
    }
}

fn request(method: &str, url: &str, body: Option<Value>) -> Value {
    let mut cmd = Command::new("curl");
    cmd.args([
        "-sS",
        "-X",
        method,
        "-H",
        "Content-Type: application/json",
        url,
    ]);
    if let Some(body) = body {
        cmd.arg("-d").arg(body.to_string());
    }
    let output = cmd.output().expect("curl runs");
    serde_json::from_slice(&output.stdout).unwrap_or(Value::Null)
}

#[test]
fn a_click_in_the_window_connects_through_the_browser_and_the_deep_link() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, desk) = admin_scene(sandbox, true);
    desk.add_app("Window app", &oauth, true, &[]);
    let driver = Driver::start(&desk);
    let session = driver.session(&[]);

    let card = session.wait_for("[data-app='Window app']", 30);
    assert!(session.text(&card).contains("Not connected yet."));
    let connect = session.wait_for("[data-app='Window app'] [data-action='connect-user']", 10);
    session.click(&connect);

    // The fake browser approves and runs `factorial-connect <link>`: a second instance, which hands
    // the link to this window and exits.
    let account_css = format!("[data-account-id='user-{}']", company.admin_employee_id);
    let account = session.wait_for(&account_css, 60);
    assert!(
        session.text(&account).contains(&company.admin_email),
        "{}",
        session.text(&account)
    );
    let banner = session.wait_for("#banner[data-status='ok']", 10);
    assert!(
        session.text(&banner).contains("Connected “Window app”"),
        "{}",
        session.text(&banner)
    );
    assert!(desk.keychain().iter().any(|(n, _)| n.ends_with(":tokens")));
    session.screenshot("window-connected.png");

    // A malformed link sent to the open window is a message, not a crash.
    let second = desk.run(
        &["factorial-connect://oauth/callback?code=a&code=b&state=s"],
        "",
    );
    assert!(
        second.ok(),
        "the second instance should hand the link over: {second:?}"
    );
    let error = session.wait_for("#banner[data-status='error']", 20);
    assert!(
        session.text(&error).contains("repeats the code"),
        "{}",
        session.text(&error)
    );
    assert!(
        session.find(&account_css).is_some(),
        "the window stopped working"
    );
    session.screenshot("window-bad-link.png");
    session.close();
}

#[test]
fn a_link_launches_the_window_and_completes_on_a_cold_start() {
    let _one = one_window();
    let sandbox = Sandbox::shared();
    let (company, oauth, mut desk) = admin_scene(sandbox, true);
    desk.deliver = false; // keep the link: it will launch the window itself
    desk.add_app("Cold app", &oauth, true, &[]);
    let driver = Driver::start(&desk);

    let first = driver.session(&[]);
    let connect = first.wait_for("[data-app='Cold app'] [data-action='connect-company']", 30);
    first.click(&connect);
    let link = eventually(Duration::from_secs(30), "the browser's redirect", || {
        desk.redirects().into_iter().next()
    });
    first.close(); // the window is gone when the link arrives

    let second = driver.session(&[&link]);
    let account = second.wait_for(&format!("[data-account-id='company-{}']", company.id), 60);
    assert!(
        second.text(&account).contains("Company token"),
        "{}",
        second.text(&account)
    );
    let banner = second.wait_for("#banner[data-status='ok']", 10);
    assert!(
        second.text(&banner).contains(&company.name),
        "{}",
        second.text(&banner)
    );
    second.close();
}
