//! The real window through WebDriver: tauri-driver (which launches the app with the desk's
//! environment) and WebKitWebDriver, under the test session's Xvfb display.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::{APP_BIN, Desk, eventually, free_port};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One window at a time: on one session bus, a second app instance would find the first one's
/// single-instance name, hand over its arguments and exit — exactly what it is built to do.
static ONE_WINDOW: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub fn one_window() -> std::sync::MutexGuard<'static, ()> {
    ONE_WINDOW.lock().unwrap_or_else(|p| p.into_inner())
}

/// tauri-driver on a free port, with the desk's environment for the app it launches.
pub struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    pub fn start(desk: &Desk) -> Driver {
        Self::start_with(desk, &[])
    }

    /// With more environment for the app, such as a locale.
    pub fn start_with(desk: &Desk, extra: &[(&str, &str)]) -> Driver {
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
        .stderr(match super::scan_dir("logs") {
            // The window's messages, for the secrets scan.
            Some(logs) => {
                std::fs::File::create(logs.join(format!("window-{}.log", super::unique())))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null())
            }
            None => Stdio::null(),
        });
        for (key, value) in reference.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        cmd.envs(extra.iter().copied());
        if super::scan_dir("pages").is_some() {
            // The secrets scan reads what every page received (debug builds keep it on request).
            cmd.env("FACTORIAL_CONNECT_IPC_LOG", "1");
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

    pub fn session(&self, args: &[&str]) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": APP_BIN, "args": args}
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

pub struct Session {
    base: String,
}

pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const DOWN: &str = "\u{E015}";
pub const BACKSPACE: &str = "\u{E003}";

impl Session {
    pub fn find(&self, css: &str) -> Option<String> {
        let answer = request(
            "POST",
            &format!("{}/element", self.base),
            Some(json!({"using": "css selector", "value": css})),
        );
        answer["value"][ELEMENT].as_str().map(str::to_string)
    }

    pub fn wait_for(&self, css: &str, limit_secs: u64) -> String {
        eventually(Duration::from_secs(limit_secs), css, || self.find(css))
    }

    pub fn click(&self, element: &str) {
        request(
            "POST",
            &format!("{}/element/{element}/click", self.base),
            Some(json!({})),
        );
    }

    /// Empties a field, as selecting all of it and deleting would.
    pub fn clear(&self, element: &str) {
        request(
            "POST",
            &format!("{}/element/{element}/clear", self.base),
            Some(json!({})),
        );
    }

    /// Types `text` into a field, as keystrokes.
    pub fn type_into(&self, element: &str, text: &str) {
        request(
            "POST",
            &format!("{}/element/{element}/value", self.base),
            Some(json!({"text": text})),
        );
    }

    /// Presses keys as a keyboard would, on whatever has the focus: each character of `keys` is
    /// one key (WebDriver's codes for the others: [`TAB`], [`ENTER`], [`ESCAPE`], [`DOWN`]).
    pub fn press(&self, keys: &str) {
        let strokes: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        request(
            "POST",
            &format!("{}/actions", self.base),
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": strokes}]})),
        );
    }

    /// Whether the element with the focus matches `css`.
    pub fn focus_on(&self, css: &str) -> bool {
        let script = format!(
            "arguments[arguments.length - 1](!!document.activeElement?.matches({}))",
            json!(css)
        );
        self.run_async(&script).as_bool().unwrap_or(false)
    }

    /// Presses Tab until the focus reaches `css`; fails after `limit` presses.
    pub fn tab_to(&self, css: &str, limit: usize) {
        for _ in 0..limit {
            if self.focus_on(css) {
                return;
            }
            self.press(TAB);
        }
        assert!(
            self.focus_on(css),
            "{limit} presses of Tab never reached {css}"
        );
    }

    /// Whether the focused element shows that it has the focus (an outline a person can see).
    pub fn focus_is_visible(&self) -> bool {
        let script = "const s = getComputedStyle(document.activeElement); \
                      arguments[arguments.length - 1](s.outlineStyle !== 'none' \
                        && parseFloat(s.outlineWidth) >= 2)";
        self.run_async(script).as_bool().unwrap_or(false)
    }

    /// Finds `css` (waiting for it) and clicks it.
    pub fn click_on(&self, css: &str) {
        let element = self.wait_for(css, 20);
        self.click(&element);
    }

    /// Everything the page shows, as text.
    pub fn page_text(&self) -> String {
        self.run_async("arguments[arguments.length - 1](document.body.innerText)")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn text(&self, element: &str) -> String {
        request(
            "GET",
            &format!("{}/element/{element}/text", self.base),
            None,
        )["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A property of an element as the page holds it now (an input's `value`), as text.
    pub fn property(&self, element: &str, name: &str) -> String {
        let value = request(
            "GET",
            &format!("{}/element/{element}/property/{name}", self.base),
            None,
        )["value"]
            .clone();
        match value {
            Value::String(s) => s,
            other => other.to_string(),
        }
    }

    pub fn screenshot(&self, name: &str) -> PathBuf {
        // Let the web view paint what the DOM already says (Preact renders, then WebKit paints).
        self.run_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)))",
        );
        let answer = request("GET", &format!("{}/screenshot", self.base), None);
        let b64 = answer["value"].as_str().expect("screenshot data");
        let dir = std::env::var_os("FACTORIAL_CONNECT_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| super::repo().join("target/screenshots"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let mut base64 = Command::new("base64")
            .arg("-d")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("base64 starts");
        // Written from another thread while its output is read: a screenshot larger than a pipe
        // holds would otherwise leave both sides waiting on each other for good.
        let mut input = base64.stdin.take().expect("base64's stdin");
        let encoded = b64.as_bytes().to_vec();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            input.write_all(&encoded)
        });
        let decoded = base64.wait_with_output().expect("base64 decodes");
        writer
            .join()
            .expect("the writer thread")
            .expect("the screenshot reaches base64");
        std::fs::write(&path, decoded.stdout).unwrap();
        path
    }

    /// Calls a command through the page's IPC as any script in the page could, bypassing the
    /// page's own bindings: `{"allowed": value}` or `{"refused": error}`. `args` is JavaScript.
    pub fn invoke(&self, command: &str, args: &str) -> Value {
        self.run_async(&format!(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI_INTERNALS__.invoke('{command}', {args})\
               .then((v) => done({{allowed: v}}), (e) => done({{refused: e}}));"
        ))
    }

    /// Runs `script` in the page; it calls its last argument with the result.
    pub fn run_async(&self, script: &str) -> Value {
        request(
            "POST",
            &format!("{}/execute/async", self.base),
            Some(json!({"script": script, "args": []})),
        )["value"]
            .clone()
    }

    /// What axe-core (injected here, never shipped in the page) finds wrong on the screen as it
    /// is: one line per violation, with the elements it concerns.
    pub fn accessibility_problems(&self) -> Vec<String> {
        let axe =
            std::fs::read_to_string(super::repo().join("ui/node_modules/axe-core/axe.min.js"))
                .expect("axe-core is installed (npm ci in ui/)");
        let script = format!(
            "{axe}\n;const done = arguments[arguments.length - 1];\
             axe.run(document).then(r => done(r.violations.map(v => \
               v.id + ': ' + v.help + ' [' + v.nodes.map(n => n.target.join(' ')).join(', ') + ']')))\
             .catch(e => done(['axe failed: ' + e]));"
        );
        let answer = self.run_async(&script);
        answer
            .as_array()
            .unwrap_or_else(|| panic!("axe gave no answer: {answer}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Content-Security-Policy violations the page has seen since it loaded.
    pub fn csp_violations(&self) -> Vec<String> {
        self.run_async("arguments[arguments.length - 1](window.cspViolations ?? ['no listener'])")
            .as_array()
            .map(|a| a.iter().map(|v| v.to_string()).collect())
            .unwrap_or_default()
    }

    pub fn close(self) {}
}

impl Drop for Session {
    /// Ends the session, which closes the app, even when the test failed: a window left open
    /// would hold the single-instance name and swallow the next test's launches.
    fn drop(&mut self) {
        if let Some(dir) = super::scan_dir("pages") {
            let received = self.run_async("arguments[arguments.length - 1](window.ipcLog ?? null)");
            if received.is_array() {
                let file = dir.join(format!(
                    "page-{}-{}.json",
                    std::process::id(),
                    super::unique()
                ));
                let _ = std::fs::write(file, received.to_string());
            }
        }
        // Not through `request` while a test is failing: its bound would panic a second time,
        // which aborts the whole test binary and loses the other tests' results.
        if std::thread::panicking() {
            let _ = Command::new("curl")
                .args(["-sS", "--max-time", "30", "-X", "DELETE", &self.base])
                .output();
        } else {
            request("DELETE", &self.base, None);
        }
        // Closing is asynchronous: wait until the app is gone, or the next test's launch would be
        // handed to it and exit at once.
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(15)
            && Command::new("pgrep")
                .args(["-f", APP_BIN])
                .output()
                .is_ok_and(|o| o.status.success())
        {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

pub fn request(method: &str, url: &str, body: Option<Value>) -> Value {
    use std::io::Write;
    // The body goes through stdin: a script (axe-core) can be larger than one argument may be.
    // A bound on every call: a session the driver never finishes starting (seen once, when a
    // window did not come up) fails the test with a reason instead of holding CI to its limit.
    let mut child = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "180",
            "-X",
            method,
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            "@-",
            url,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("curl runs");
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(body.as_bytes());
    }
    let output = child.wait_with_output().expect("curl runs");
    // curl's exit code for a call that ran out of time; a refused connection stays Null, as
    // the callers that wait for the driver to listen expect.
    assert_ne!(
        output.status.code(),
        Some(28),
        "WebDriver did not answer {method} {url} within 180 s"
    );
    serde_json::from_slice(&output.stdout).unwrap_or(Value::Null)
}
