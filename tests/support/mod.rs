//! What the end-to-end tests stand on: the real Doorkeeper sandbox, the real binary, the real
//! keychain of the private test session (scripts/test-session), and the fake browser that presses
//! Authorize and hands the redirect to the binary as the OS would.
#![allow(dead_code)] // each test file uses a different part of this module

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub mod dunst;
pub mod lossy_proxy;
pub mod openbao_cluster;
pub mod page;
pub mod tray;
pub mod webdriver;
pub mod windows;
pub mod x11;

/// The command line, as scripts and the fake browser run it.
pub const BIN: &str = env!("CARGO_BIN_EXE_factorial-connect");
/// The window binary, which the OS runs for links and WebDriver launches.
pub const APP_BIN: &str = env!("CARGO_BIN_EXE_factorial-connect-app");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where `make reliability`'s secrets scan (scripts/secrets-scan) collects what the suite left
/// behind: each desk's data folder (kept, not deleted), every secret the sandboxes handed out or
/// were sent, and what each window's page received. Unset in `make test`.
pub fn scan_dir(part: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("FACTORIAL_CONNECT_SCAN_DIR")?).join(part);
    std::fs::create_dir_all(&dir).expect("the scan folder");
    Some(dir)
}

/// Refuses to run outside the private session: the tests must never touch the user's own keychain.
pub fn require_test_session() {
    assert_eq!(
        std::env::var("FACTORIAL_CONNECT_TEST_SESSION").as_deref(),
        Ok("1"),
        "these tests use the keychain and a display: run them through `make test` \
         (scripts/test-session), never against your own session"
    );
}

/// A Doorkeeper sandbox process, shared by the tests of one test binary.
pub struct Sandbox {
    pub url: String,
    child: Child,
    rotation: String,
    db: tempfile::TempDir,
}

static ON_USE: OnceLock<Sandbox> = OnceLock::new();
static IMMEDIATE: OnceLock<Sandbox> = OnceLock::new();

impl Sandbox {
    /// Doorkeeper's default rotation: the old refresh token lives until the new access token is used.
    pub fn shared() -> &'static Sandbox {
        require_test_session();
        ON_USE.get_or_init(|| Sandbox::start("on-use"))
    }

    /// Rotation where the old refresh token dies at once.
    pub fn immediate() -> &'static Sandbox {
        require_test_session();
        IMMEDIATE.get_or_init(|| Sandbox::start("immediate"))
    }

    /// A sandbox of one's own, for tests that change its settings (token lifetime).
    pub fn private(rotation: &str) -> Sandbox {
        require_test_session();
        Sandbox::start(rotation)
    }

    fn start(rotation: &str) -> Sandbox {
        let db = tempfile::tempdir().expect("temp dir");
        let (url, child) = Sandbox::launch(free_port(), rotation, db.path(), &[]);
        Sandbox {
            url,
            child,
            rotation: rotation.to_string(),
            db,
        }
    }

    fn launch(port: u16, rotation: &str, db: &Path, extra: &[&str]) -> (String, Child) {
        let mut child = Command::new("ruby")
            .arg(repo().join("tests/sandbox/doorkeeper/server.rb"))
            .args(["--port", &port.to_string(), "--rotation", rotation])
            .arg("--db")
            .arg(db.join("sandbox.sqlite3"))
            .args(["--parent-pid", &std::process::id().to_string()])
            .args(extra)
            .envs(scan_dir("secrets").map(|dir| {
                let file = dir.join(format!("sandbox-{}-{}.txt", std::process::id(), unique()));
                ("SANDBOX_SECRETS_OUT", file)
            }))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ruby runs the Doorkeeper sandbox (make deps installs it)");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("sandbox prints READY");
        let url = line
            .trim()
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("sandbox did not start: {line:?}"))
            .to_string();
        (url, child)
    }

    /// Factorial out of reach: the server is gone and its port refuses connections.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Back at the same address with the same companies, applications and tokens (its settings
    /// start from their defaults again).
    pub fn start_again(&mut self) {
        let port: u16 = self
            .url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("the sandbox's port");
        let (url, child) = Sandbox::launch(port, &self.rotation, self.db.path(), &["--keep-db"]);
        assert_eq!(url, self.url);
        self.child = child;
    }

    pub fn post(&self, path: &str, body: Value) -> Value {
        let output = Command::new("curl")
            .args([
                "-sS",
                "--fail-with-body",
                "-H",
                "Content-Type: application/json",
            ])
            .arg(format!("{}{path}", self.url))
            .arg("-d")
            .arg(body.to_string())
            .output()
            .expect("curl runs");
        assert!(
            output.status.success(),
            "POST {path}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        serde_json::from_slice(&output.stdout).expect("sandbox answers JSON")
    }

    pub fn get(&self, path: &str) -> Value {
        let output = Command::new("curl")
            .args(["-sS", "--fail-with-body"])
            .arg(format!("{}{path}", self.url))
            .output()
            .expect("curl runs");
        serde_json::from_slice(&output.stdout).expect("sandbox answers JSON")
    }

    /// A company, its admin and a basic user; names are unique per call.
    pub fn seed_company(&self) -> Company {
        let n = unique();
        let company = self.post(
            "/sandbox/companies",
            json!({"name": format!("Acme {n}"), "legal_name": format!("Acme {n} S.L.")}),
        );
        let id = company["id"].as_i64().expect("company id");
        let admin_email = format!("admin{n}@acme.test");
        let basic_email = format!("basic{n}@acme.test");
        let admin = self.post(
            "/sandbox/users",
            json!({"email": admin_email, "password": "pw-admin", "full_name": format!("Ada Admin {n}"), "role": "admin", "company_id": id}),
        );
        self.post(
            "/sandbox/users",
            json!({"email": basic_email, "password": "pw-basic", "full_name": format!("Bo Basic {n}"), "role": "basic", "company_id": id}),
        );
        Company {
            id,
            name: format!("Acme {n}"),
            admin_email,
            admin_employee_id: admin["employee_id"].as_i64().expect("employee id"),
            basic_email,
        }
    }

    /// Registers an OAuth application in the sandbox, as the admin would in Factorial's dashboard.
    pub fn create_app(&self, confidential: bool, redirect_uri: &str, scopes: &str) -> OAuthApp {
        let app = self.post(
            "/sandbox/applications",
            json!({"name": format!("Tool {}", unique()), "redirect_uri": redirect_uri, "confidential": confidential, "scopes": scopes}),
        );
        OAuthApp {
            client_id: app["client_id"].as_str().expect("client_id").to_string(),
            client_secret: app["client_secret"]
                .as_str()
                .expect("client_secret")
                .to_string(),
        }
    }

    pub fn tokens(&self, client_id: &str) -> Vec<Value> {
        self.get(&format!("/sandbox/tokens?client_id={client_id}"))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Presents `refresh_token` to the token endpoint as the application would (the form on
    /// stdin, off the command line): the HTTP status and the answer.
    pub fn refresh_with_curl(&self, app: &OAuthApp, refresh_token: &str) -> (u16, Value) {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "refresh_token")
            .append_pair("refresh_token", refresh_token)
            .append_pair("client_id", &app.client_id)
            .append_pair("client_secret", &app.client_secret)
            .finish();
        curl_with_input(
            &["--data-binary", "@-", &format!("{}/oauth/token", self.url)],
            &form,
        )
    }

    /// Calls the credentials endpoint with `curl`, as a user's script would.
    pub fn credentials_with_curl(&self, token: &str) -> (u16, Value) {
        // The header from stdin: a token on a command line is what the secrets scan looks for.
        curl_with_input(
            &[
                "-H",
                "@-",
                &format!(
                    "{}/api/2026-10-01/resources/api_public/credentials",
                    self.url
                ),
            ],
            &format!("Authorization: Bearer {token}\n"),
        )
    }
}

/// `curl` with `args`, `input` on its stdin (secrets stay off its command line): the HTTP status and
/// the answer as JSON (null if it is not).
fn curl_with_input(args: &[&str], input: &str) -> (u16, Value) {
    use std::io::Write;
    let mut child = Command::new("curl")
        .args(["-sS", "-w", "\n%{http_code}"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("curl runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.as_bytes())
        .expect("curl reads its input");
    drop(stdin);
    let output = child.wait_with_output().expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let (body, status) = text.rsplit_once('\n').expect("status line");
    (
        status.trim().parse().expect("numeric status"),
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Statics are not dropped; --parent-pid ends the server when the test binary exits.
        let _ = self.child.kill();
    }
}

/// [`admin_scene`] with the application added under `app` (with `add`, options of `apps add`) and
/// the admin's user connected.
pub fn connected_with(sandbox: &Sandbox, app: &str, add: &[&str]) -> (Company, OAuthApp, Desk) {
    let (company, oauth, desk) = admin_scene(sandbox, true);
    let added = desk.add_app(app, &oauth, true, add);
    assert!(added.ok(), "{added:?}");
    let authorized = desk.run(&["authorize", app], "");
    assert!(authorized.ok(), "{authorized:?}");
    (company, oauth, desk)
}

/// The usual cast: a company whose admin sits at a fresh desk, and an application registered in
/// the sandbox with the deep-link redirect URI and the `employees` scope.
/// The scene of an owner Factorial will not name: the application in the sandbox has `employees`
/// and `time_off`, while the one added here as `app` asks only for `time_off`, so a credentials
/// endpoint that demands `employees` (the sandbox's `credentials_scope`) refuses its tokens.
pub fn scene_without_the_owners_scope(sandbox: &Sandbox, app: &str) -> (Company, OAuthApp, Desk) {
    let company = sandbox.seed_company();
    let oauth = sandbox.create_app(
        true,
        "factorial-connect://oauth/callback",
        "employees time_off",
    );
    let desk = Desk::new(sandbox, &company.admin_email, "pw-admin");
    desk.add_app(app, &oauth, true, &["--scopes", "time_off"]);
    (company, oauth, desk)
}

pub fn admin_scene(sandbox: &Sandbox, confidential: bool) -> (Company, OAuthApp, Desk) {
    let company = sandbox.seed_company();
    let oauth = sandbox.create_app(
        confidential,
        "factorial-connect://oauth/callback",
        "employees",
    );
    let desk = Desk::new(sandbox, &company.admin_email, "pw-admin");
    (company, oauth, desk)
}

pub struct Company {
    pub id: i64,
    pub name: String,
    pub admin_email: String,
    pub admin_employee_id: i64,
    pub basic_email: String,
}

pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
}

/// One user's installation: a data folder and a keychain service of its own, and a browser.
pub struct Desk {
    pub data_dir: tempfile::TempDir,
    pub keychain_service: String,
    pub sandbox_url: String,
    pub login: (String, String),
    pub decision: &'static str,
    /// Where the fake browser writes the redirect it saw.
    pub redirect_out: PathBuf,
    /// Hand the redirect to the binary (as the OS would); `false` leaves it to a paste.
    pub deliver: bool,
}

impl Desk {
    pub fn new(sandbox: &Sandbox, login_email: &str, password: &str) -> Desk {
        let data_dir = match scan_dir("desks") {
            Some(desks) => tempfile::Builder::new()
                .prefix("desk-")
                .disable_cleanup(true)
                .tempdir_in(desks),
            None => tempfile::tempdir(),
        }
        .expect("temp dir");
        let redirect_out = data_dir.path().with_extension("redirects");
        Desk {
            keychain_service: format!("factorial-connect-test-{}-{}", std::process::id(), unique()),
            redirect_out,
            data_dir,
            sandbox_url: sandbox.url.clone(),
            login: (login_email.to_string(), password.to_string()),
            decision: "approve",
            deliver: true,
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env("FACTORIAL_CONNECT_DATA_DIR", self.data_dir.path())
            .env("FACTORIAL_CONNECT_KEYCHAIN_SERVICE", &self.keychain_service)
            .env("BROWSER", repo().join("tests/sandbox/approve-browser"))
            .env("SANDBOX_EMAIL", &self.login.0)
            .env("SANDBOX_PASSWORD", &self.login.1)
            .env("SANDBOX_DECISION", self.decision)
            .env("SANDBOX_REDIRECT_OUT", &self.redirect_out)
            .env(
                "SANDBOX_LOG",
                self.data_dir.path().with_extension("deliver.log"),
            );
        if self.deliver {
            cmd.env("SANDBOX_DELIVER_CMD", BIN);
        } else {
            cmd.env_remove("SANDBOX_DELIVER_CMD");
        }
        cmd
    }

    /// Runs the binary to completion with `stdin` as its input.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        run_to_end(self.command(args), args, stdin)
    }

    /// `publish add APP --address ADDRESS --path PATH`, the login on stdin as an admin pastes it.
    pub fn publish_add(&self, app: &str, address: &str, path: &str, login: &str) -> Run {
        self.run(
            &["publish", "add", app, "--address", address, "--path", path],
            &format!("{login}\n"),
        )
    }

    /// Adds an application through the CLI, the secret on stdin.
    pub fn add_app(&self, name: &str, app: &OAuthApp, confidential: bool, extra: &[&str]) -> Run {
        let mut args = self.add_app_args(name, app);
        if !confidential {
            args.push("--public");
        }
        args.extend_from_slice(extra);
        let run = self.run(&args, if confidential { &app.client_secret } else { "" });
        assert!(run.ok(), "apps add failed: {}", run.stderr);
        run
    }

    /// `apps add NAME` of the sandbox's application `app`, on this desk's sandbox.
    pub fn add_app_args<'a>(&'a self, name: &'a str, app: &'a OAuthApp) -> Vec<&'a str> {
        vec![
            "apps",
            "add",
            name,
            "--client-id",
            &app.client_id,
            "--env",
            &self.sandbox_url,
        ]
    }

    pub fn status_json(&self) -> Value {
        let run = self.run(&["status", "--json"], "");
        assert!(run.ok(), "status failed: {}", run.stderr);
        serde_json::from_str(&run.stdout).expect("status --json is JSON")
    }

    /// The redirects the fake browser saw, in order.
    pub fn redirects(&self) -> Vec<String> {
        std::fs::read_to_string(&self.redirect_out)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Every byte under the data folder, to prove no secret is there.
    pub fn data_dir_bytes(&self) -> String {
        let mut all = Vec::new();
        collect_files(self.data_dir.path(), &mut all);
        all.iter()
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The keychain entry of the desk's one connected account (the vault's JSON), if there is one.
    pub fn tokens_entry(&self) -> Option<String> {
        self.keychain()
            .into_iter()
            .find(|(name, _)| name.ends_with(":tokens"))
            .map(|(_, secret)| secret)
    }

    /// What the Secret Service holds for this desk: (entry name, secret) pairs, via `secret-tool`.
    pub fn keychain(&self) -> Vec<(String, String)> {
        // secret-tool splits each item over stdout and stderr; merged in order, items are blocks
        // that start with "[/N]".
        let output = Command::new("sh")
            .arg("-c")
            .arg("secret-tool search --all --unlock service \"$1\" 2>&1")
            .arg("sh")
            .arg(&self.keychain_service)
            .output()
            .expect("secret-tool runs");
        parse_secret_tool(&String::from_utf8_lossy(&output.stdout))
    }
}

/// Runs `command` (the command line with `args`) to completion with `stdin` as its input; what it
/// said goes to the secrets scan's log when there is one.
pub fn run_to_end(mut command: Command, args: &[&str], stdin: &str) -> Run {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().expect("stdin");
    // A command that does not read its input may have exited already (a usage error).
    match input.write_all(stdin.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
        _ => {}
    }
    drop(input);
    let run = Run::from(wait_with_timeout(child, Duration::from_secs(120)));
    if let Some(logs) = scan_dir("logs") {
        // What the command said (its stdout is the answer asked for, a token included).
        let mut log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(logs.join("command-line-stderr.log"))
            .expect("the scan's log");
        let _ = writeln!(log, "== {args:?}\n{}", run.stderr);
    }
    run
}

fn parse_secret_tool(text: &str) -> Vec<(String, String)> {
    let mut items = Vec::new();
    let (mut user, mut secret) = (None, None);
    for line in text.lines().chain(std::iter::once("[/end]")) {
        let line = line.trim();
        if line.starts_with("[/") {
            if let (Some(u), Some(s)) = (user.take(), secret.take()) {
                items.push((u, s));
            }
        } else if let Some(u) = line.strip_prefix("attribute.username = ") {
            user = Some(u.to_string());
        } else if let Some(v) = line.strip_prefix("secret = ") {
            secret = Some(v.to_string());
        }
    }
    items.sort();
    items
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn wait_with_timeout(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "timed out after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until `check` returns Some, or panics after `limit`.
pub fn eventually<T>(limit: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// xorshift64: random enough for kill moments, and replayable from its seed.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed | 1)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

pub fn unique() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed) * 1000 + (std::process::id() as usize % 1000)
}
