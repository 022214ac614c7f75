#!/usr/bin/env python3
"""`make bench`: Factorial Connect beside a bare Tauri app (bench/), measured in one run on this
machine, inside the private test session (Xvfb, D-Bus, gnome-keyring). Each figure is printed as
ours, the reference, and the ratio of their medians over alternating runs, then against its target.
"""

import gzip
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the packages install: the Tauri CLI's release builds.
OURS = ROOT / "target/release/factorial-connect-app"
CLI = ROOT / "target/release/factorial-connect"
BARE = ROOT / "target/release/bare-tauri"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
# Authorizations completed through the running window, for the deep-link and memory rows.
CYCLES = int(os.environ.get("BENCH_CYCLES", "1000"))
# Reconnections of one account, which also end the session each replaces: beside the figure, no target.
RECONNECTS = int(os.environ.get("BENCH_RECONNECTS", "200"))
SANDBOX = ROOT / "tests/sandbox/doorkeeper/server.rb"
FAKE_BROWSER = ROOT / "tests/sandbox/approve-browser"


def app_env(extra):
    env = dict(os.environ)
    env["FACTORIAL_CONNECT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-data-")
    env["FACTORIAL_CONNECT_KEYCHAIN_SERVICE"] = "factorial-connect-bench"
    env.update(extra)
    return env


def descendants(pid):
    """The process and every process it started (WebKit's web and network processes)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def settled_pss_mib(pid, seconds=10):
    """`split_pss_mib` once the window has settled: the least of a sample a second for `seconds`.
    WebKit's garbage collector and allocator give memory back on their own timers, so a single
    sample says more about when it was taken than about what is still held."""
    samples = []
    for _ in range(seconds):
        time.sleep(1)
        samples.append(split_pss_mib(pid))
    return tuple(min(s[i] for s in samples) for i in range(2))


def split_pss_mib(pid):
    """PSS of the window's main process, and of the processes it started (WebKit's), in MiB."""
    main = pss_kib([pid])
    return main / 1024, (pss_kib(descendants(pid)) - main) / 1024


def pss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def cold_start(binary):
    """Seconds from launch until the window's page has loaded (the app exits on that signal)."""
    for attempt in range(3):
        started = time.perf_counter()
        run = subprocess.run([str(binary)], env=app_env({"TAURI_BENCH_EXIT_ON_LOAD": "1"}),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        took = time.perf_counter() - started
        if run.returncode == 0:
            return took
        # Said, not hidden: a start that fails is timed again, and the failure shown.
        tail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"(cold start of {binary.name} failed with {run.returncode}, timed again: {tail})")
    raise RuntimeError(f"{binary} failed to start three times")


def idle_memory(binary):
    """PSS in MiB of the whole process tree, 3 s after the page loaded."""
    ready = Path(tempfile.mkdtemp()) / "ready"
    proc = subprocess.Popen([str(binary)], env=app_env({"TAURI_BENCH_READY_FILE": str(ready)}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.time() + 60
        while not ready.exists():
            if time.time() > deadline:
                raise RuntimeError(f"{binary} never loaded its page")
            time.sleep(0.05)
        time.sleep(3)
        return pss_kib(descendants(proc.pid)) / 1024
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def cpu_seconds(pids):
    """User + system CPU time used so far by the processes."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def idle_in_tray():
    """Ours started at login into the tray (a StatusNotifierItem host running, no window), against
    the bare app idle with its window: PSS after 5 s, then CPU use over the next 10 s."""
    watcher = subprocess.Popen(["status-notifier-watcher"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(1)

        def profile(cmd, env):
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            try:
                time.sleep(5)
                pids = descendants(proc.pid)
                pss = pss_kib(pids) / 1024
                before = cpu_seconds(pids)
                time.sleep(10)
                cpu = (cpu_seconds(descendants(proc.pid)) - before) / 10 * 100
                return pss, cpu
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)

        ours = profile([str(OURS), "--at-login"], app_env({}))
        bare = profile([str(BARE)], app_env({}))
        return ours, bare
    finally:
        os.killpg(watcher.pid, signal.SIGTERM)
        watcher.wait(timeout=20)


def alternate(measure, runs=RUNS):
    ours, reference = [], []
    for _ in range(runs):
        ours.append(measure(OURS))
        reference.append(measure(BARE))
    return statistics.median(ours), statistics.median(reference)


def token_vs_secret_tool():
    """`factorial-connect token` for a valid token against `secret-tool lookup` of one item."""
    env = app_env({})
    subprocess.run([str(CLI), "apps", "add", "Bench", "--client-id", "c", "--env", "demo"],
                   input=b"sec", env=env, check=True, capture_output=True)
    registry = Path(env["FACTORIAL_CONNECT_DATA_DIR"]) / "registry.json"
    data = json.loads(registry.read_text())
    app = data["apps"][0]["id"]
    now = int(time.time())
    data["accounts"] = [{"app_id": app, "id": "user-1", "kind": "user", "label": "Bench",
                         "connected_at": 1, "access_expires_at": now + 3600, "has_refresh_token": True}]
    registry.write_text(json.dumps(data))
    key = f"app:{app}:account:user-1:tokens"
    tokens = json.dumps({"access_token": "at-bench", "refresh_token": "rt", "expires_at": now + 3600,
                         "scopes": [], "obtained_at": 1})
    subprocess.run(["secret-tool", "store", "--label=bench", "service", env["FACTORIAL_CONNECT_KEYCHAIN_SERVICE"],
                    "username", key], input=tokens.encode(), check=True)
    lookup = ["secret-tool", "lookup", "service", env["FACTORIAL_CONNECT_KEYCHAIN_SERVICE"], "username", key]
    ours_cmd = [str(CLI), "token", "Bench"]
    assert subprocess.run(ours_cmd, env=env, capture_output=True).stdout.strip() == b"at-bench"

    def timed(cmd):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - started

    ours, reference = [], []
    for _ in range(30):
        ours.append(timed(ours_cmd))
        reference.append(timed(lookup))
    return statistics.median(ours), statistics.median(reference)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=120):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        text = answer.read()
    return json.loads(text) if text else None


class Sandbox:
    """The Doorkeeper sandbox the tests use, its one line per request logged to a file."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="bench-sandbox-"))
        self.log = self.dir / "requests.log"
        self.proc = subprocess.Popen(
            ["ruby", str(SANDBOX), "--port", str(free_port()), "--db", str(self.dir / "sandbox.sqlite3"),
             "--parent-pid", str(os.getpid())],
            stdout=subprocess.PIPE, stderr=self.log.open("w"), text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("READY "):
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self.url = line.split(" ", 1)[1]

    def post(self, path, body):
        return http("POST", self.url + path, body)

    def app_request_ms(self):
        """The server's own time for each authorization the window completed: the requests the
        window made after the browser's last one (the code's exchange, who the token is, ending
        the session it replaces), summed per authorization, in order."""
        cycles, in_cycle = [], False
        for line in self.log.read_text().splitlines():
            m = re.match(r"sandbox: (\S+) (\S+) -> \d+ \(([\d.]+) ms\)", line)
            if not m:
                continue
            method, path, ms = m.group(1), m.group(2), float(m.group(3))
            if path == "/oauth/token" or path == "/oauth/revoke" or path.startswith("/api/"):
                if not in_cycle:
                    cycles.append(0.0)
                    in_cycle = True
                cycles[-1] += ms
            else:
                in_cycle = False
        return cycles

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)


class WebDriver:
    """tauri-driver driving the release window (TAURI_WEBVIEW_AUTOMATION, which it sets, is what
    lets WebKit be driven; nothing in the build changes)."""

    # The log of the newest session, for a failure to show.
    last_log = None

    def __init__(self, env, app=OURS):
        self.app = app
        self.port = free_port()
        driver = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin/tauri-driver"
        # What the driver and the window say, for a session that breaks (see `measured`).
        self.log = Path(tempfile.mkstemp(prefix="bench-driver-", suffix=".log")[1])
        with self.log.open("w") as log:
            self.proc = subprocess.Popen([str(driver) if driver.exists() else "tauri-driver", "--port", str(self.port),
                                          "--native-port", str(free_port())], env=env,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        WebDriver.last_log = self.log
        base = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": str(app)}}}}
        for attempt in range(5):
            # tauri-driver listens before WebKit's driver behind it is ready.
            try:
                answer = http("POST", f"{base}/session", caps)
                break
            except OSError:
                if attempt == 4:
                    raise
                time.sleep(1)
        self.session = f"{base}/session/{answer['value']['sessionId']}"
        http("POST", f"{self.session}/timeouts", {"script": 3_600_000})

    def run(self, script, *args):
        """Runs `script` in the page; it resolves through `done`, its last argument."""
        answer = http("POST", f"{self.session}/execute/async", {"script": script, "args": list(args)},
                      timeout=3600)["value"]
        if isinstance(answer, dict) and "error" in answer:
            raise RuntimeError(f"the page script failed: {answer}")
        return answer

    def app_pid(self):
        found = subprocess.run(["pgrep", "-f", "-n", str(self.app)], capture_output=True, text=True).stdout.split()
        return int(found[0])

    def close(self):
        try:
            pid = self.app_pid()
        except (IndexError, ValueError):
            pid = None
        try:
            http("DELETE", self.session)
        except OSError:
            pass  # a broken session is gone already
        finally:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        # The next window would otherwise find this one still running and hand itself over to it
        # (single instance), which ends the next session at once.
        for _ in range(100):
            if pid is None or not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)


def open_window(env, app=OURS):
    """The window under WebDriver, its page loaded. The session sometimes breaks while WebKit's
    driver starts (a connection reset); then the window is closed and opened again, and said."""
    for attempt in range(3):
        driver = WebDriver(env, app)
        try:
            for _ in range(10):
                # The first script may reach WebKit before the page exists.
                try:
                    driver.run("arguments[arguments.length - 1](true)")
                    break
                except OSError:
                    time.sleep(1)
            driver.run("const done = arguments[arguments.length - 1];"
                       "const t = setInterval(() => { if (document.readyState === 'complete' && window.__TAURI_INTERNALS__)"
                       " { clearInterval(t); done(true); } }, 20);")
            return driver
        except OSError as e:
            driver.close()
            if attempt == 2:
                raise
            print(f"(the WebDriver session broke while the window opened: {e}; opening it again)", flush=True)


def list_call_ms():
    """The page's list call (`list_apps`, IPC included) with 1,000 applications of 10 accounts: the 50
    cards it draws first, with the totals."""
    env = app_env({})
    for i in range(1000):
        subprocess.run([str(CLI), "apps", "add", f"App {i:04}", "--client-id", f"client-{i}", "--env", "demo",
                        "--public"], env=env, check=True, capture_output=True)
    registry = Path(env["FACTORIAL_CONNECT_DATA_DIR"]) / "registry.json"
    data = json.loads(registry.read_text())
    now = int(time.time())
    data["accounts"] = [
        {"app_id": app["id"], "id": f"user-{j}", "kind": "user", "label": f"Person {j} <person{j}@acme.test>",
         "email": f"person{j}@acme.test", "scopes": ["employees"], "connected_at": now - 60,
         "access_expires_at": now + 3600, "has_refresh_token": True}
        for app in data["apps"] for j in range(10)]
    registry.write_text(json.dumps(data))
    driver = open_window(env)
    try:
        times = driver.run("""
            const done = arguments[arguments.length - 1];
            (async () => {
              const invoke = window.__TAURI_INTERNALS__.invoke, times = [];
              let listed = 0;
              for (let i = 0; i < 21; i++) {
                const started = performance.now();
                const list = await invoke('list_apps', {limit: 50, keep: null});
                times.push(performance.now() - started);
                listed = [list.apps.length, list.apps.reduce((n, a) => n + a.accounts.length, 0),
                          list.total_apps, list.total_accounts];
              }
              done({times, listed});
            })().catch(e => done({error: JSON.stringify(e) + " " + String(e)}));""")
    finally:
        driver.close()
    # What the page draws first (50 cards of 10 accounts), and the totals it shows.
    if times["listed"] != [50, 500, 1000, 10000]:
        raise RuntimeError(f"the list call did not give 50 of 1,000 applications with their accounts: {times['listed']}")
    return statistics.median(times["times"])


def authorize_cycles(cycles, reconnect):
    """`cycles` authorizations through the running window, as the admin makes them: the page starts
    one, the browser (tests/sandbox/approve-browser, logged in once) approves it, and the link
    reaches the window through the command line, as the desktop hands it over. Each connects a new
    account (the page forgets the one before, outside the timed part), or with `reconnect` the
    same account again, which also ends the session it replaces. Returns the median time from the
    link's arrival (on_open_url) to the tokens stored, minus the server's own time for the
    requests in between, and the growth of the window's memory (PSS, settled) from after the
    first 20 cycles to the end: of its main process, and of the web processes it started."""
    sandbox = Sandbox()
    try:
        company = sandbox.post("/sandbox/companies", {"name": "Bench", "legal_name": "Bench S.L."})
        sandbox.post("/sandbox/users", {"email": "admin@bench.test", "password": "pw-admin",
                                        "full_name": "Ada Bench", "role": "admin", "company_id": company["id"]})
        oauth = sandbox.post("/sandbox/applications", {"name": "Bench", "redirect_uri": "factorial-connect://oauth/callback",
                                                       "confidential": True, "scopes": "employees"})
        work = Path(tempfile.mkdtemp(prefix="bench-cycles-"))
        link_log = work / "links.log"
        env = app_env({
            "BROWSER": str(FAKE_BROWSER), "SANDBOX_EMAIL": "admin@bench.test", "SANDBOX_PASSWORD": "pw-admin",
            "SANDBOX_DELIVER_CMD": str(CLI), "SANDBOX_COOKIE_JAR": str(work / "cookies.txt"),
            "SANDBOX_LOG": os.devnull, "TAURI_BENCH_LINK_LOG": str(link_log),
        })
        subprocess.run([str(CLI), "apps", "add", "Bench", "--client-id", oauth["client_id"], "--env", sandbox.url],
                       input=oauth["client_secret"].encode(), env=env, check=True, capture_output=True)
        driver = open_window(env)
        try:
            cycle = """
                const [count, reconnect, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
                (async () => {
                  const invoke = window.__TAURI_INTERNALS__.invoke;
                  const app = (await invoke('list_apps', {limit: 1, keep: null})).apps[0].app.name;
                  for (let i = 0; i < count; i++) {
                    const started = await invoke('start_authorization', {app, company: false});
                    for (;;) {
                      const outcome = await invoke('authorization_outcome', {stateHash: started.state_hash});
                      if (outcome && outcome.status === 'connected') {
                        if (!reconnect) await invoke('forget_account', {app, account: outcome.account_id});
                        break;
                      }
                      if (outcome) throw new Error(JSON.stringify(outcome));
                      // Not too often: the calls would compete with the measured path for the 2 cores.
                      await new Promise(r => setTimeout(r, 50));
                    }
                  }
                  done(count);
                })().catch(e => done({error: JSON.stringify(e) + " " + String(e)}));"""
            warm_up = min(20, cycles)
            driver.run(cycle, warm_up, reconnect)
            pid = driver.app_pid()
            before = settled_pss_mib(pid)
            # In four parts, to see whether the memory keeps growing or levels off.
            done, curve = warm_up, []
            for part in range(4):
                count = (cycles - warm_up) * (part + 1) // 4 - (done - warm_up)
                driver.run(cycle, count, reconnect)
                done += count
                curve.append((done, split_pss_mib(pid)))
            after = settled_pss_mib(pid)
            if not reconnect:
                print(f"memory (main, web MiB) after {warm_up}: {before[0]:.1f}, {before[1]:.1f}; " + "; ".join(
                    f"after {n}: {m:.1f}, {w:.1f}" for n, (m, w) in curve), flush=True)
        finally:
            driver.close()
        links = [line.split() for line in link_log.read_text().splitlines()]
        server = sandbox.app_request_ms()
        if len(links) != cycles or any(outcome != "stored" for _, outcome in links) or len(server) != cycles:
            raise RuntimeError(f"{cycles} authorizations: {len(links)} links handled, "
                               f"{sum(o == 'stored' for _, o in links)} stored, {len(server)} token requests")
        ours = [int(us) / 1000 - ms for (us, _), ms in zip(links, server)]
        growth = tuple(a - b for a, b in zip(after, before))
        return statistics.median(ours), statistics.median(server), growth
    finally:
        sandbox.stop()


def ipc_growth(app, command, calls=20000):
    """The growth of the web processes' memory (PSS, MiB) over `calls` trivial IPC calls from the
    page, once settled: what the IPC itself costs WebKit, ours beside the bare app (whose
    page may call nothing: a refused call makes the same round trip)."""
    driver = open_window(app_env({}), app)
    try:
        pid = driver.app_pid()
        loop = """
            const [command, count, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            (async () => {
              const invoke = window.__TAURI_INTERNALS__.invoke;
              for (let i = 0; i < count; i++) await invoke(command).catch(() => undefined);
              done(count);
            })();"""
        driver.run(loop, command, 500)
        before = settled_pss_mib(pid)[1]
        driver.run(loop, command, calls)
        return settled_pss_mib(pid)[1] - before
    finally:
        driver.close()


def ui_gzip_kib():
    public = ROOT / "ui/public"
    total = 0
    for path in [public / "js/main.js", public / "styles.css"]:
        total += len(gzip.compress(path.read_bytes(), 9))
    return total / 1024


def deb_sizes_mib():
    """The two .deb files `make bench` packaged the same way (BENCH_DEBS: ours:bare)."""
    paths = [Path(p) for p in os.environ.get("BENCH_DEBS", "").split(":") if p]
    if len(paths) != 2 or not all(p.is_file() for p in paths):
        return None
    return tuple(p.stat().st_size / (1024 * 1024) for p in paths)


def main():
    for binary in (OURS, CLI, BARE):
        if not binary.exists():
            sys.exit(f"{binary} is missing: make bench builds it")
    rows, failed = [], []
    for name, measure in MEASUREMENTS:
        measured = measured_once_or_twice(name, measure)
        if measured is None:
            failed.append(name)
            continue
        for row in measured:
            print_row(*row)
        rows.extend(measured)

    print(f"\n{'figure':48} {'ours':>12} {'reference':>16} {'ratio':>7}  target")
    for row in rows:
        print_row(*row)
    for name in failed:
        print(f"{name:48} {'FAILED':>12}")
    if failed:
        sys.exit(1)


def measured_once_or_twice(name, measure):
    """The rows of `measure`, tried again once if it fails (a WebDriver session now and then ends
    in the middle of a long script); None if it fails twice. Each failure is said, with the end of
    the driver's and window's log. The other figures are measured either way."""
    for attempt in (1, 2):
        WebDriver.last_log = None
        try:
            return measure()
        except Exception as e:  # noqa: BLE001 - any failure of one figure
            print(f"{name}: could not be measured (try {attempt} of 2): {type(e).__name__}: {e}", flush=True)
            if WebDriver.last_log is not None and WebDriver.last_log.exists():
                tail = WebDriver.last_log.read_text(errors="replace").splitlines()[-15:]
                print(f"  the end of {WebDriver.last_log}:\n    " + "\n    ".join(tail), flush=True)
    return None


def print_row(name, ours, ref, ratio, target):
    if target is None:
        # A reference of nothing (0 % CPU) has no ratio.
        shown = "—" if ratio is None else f"{ratio:.2f}x"
        print(f"{name:48} {ours:>12} {ref:>16} {shown:>7}  (no target)", flush=True)
        return
    verdict = "ok" if ratio <= target else "MISSED"
    print(f"{name:48} {ours:>12} {ref:>16} {ratio:>6.2f}x  <= {target}x {verdict}", flush=True)


def cold_start_rows():
    ours, ref = alternate(cold_start)
    return [("cold start to the page loaded", f"{ours*1000:.0f} ms", f"{ref*1000:.0f} ms", ours / ref, 1.1)]


def idle_memory_rows():
    ours, ref = alternate(idle_memory, runs=3)
    return [("memory (PSS) of the process tree, idle 3 s", f"{ours:.0f} MiB", f"{ref:.0f} MiB", ours / ref, 1.2)]


def token_rows():
    ours, ref = token_vs_secret_tool()
    return [("`token APP` vs `secret-tool lookup`", f"{ours*1000:.1f} ms", f"{ref*1000:.1f} ms", ours / ref, 1.5)]


def size_rows():
    size = ui_gzip_kib()
    rows = [("shipped UI, JS + CSS gzip", f"{size:.1f} KiB", "40 KiB (target)", size / 40, 1.0)]
    debs = deb_sizes_mib()
    if debs:
        rows.append((".deb, both by the Tauri CLI and deb-xz", f"{debs[0]:.1f} MiB", f"{debs[1]:.1f} MiB",
                     debs[0] / debs[1], 1.3))
    else:
        print("(no .deb sizes: BENCH_DEBS names the two packages; make bench sets it)")
    return rows


def list_rows():
    listed = list_call_ms()
    return [("list call: 50 cards of 1,000 apps x 10, with IPC", f"{listed:.1f} ms", "50 ms (target)",
             listed / 50, 1.0)]


def authorization_rows():
    link, server, (main_growth, web_growth) = authorize_cycles(CYCLES, reconnect=False)
    growth = main_growth + web_growth
    return [
        (f"deep link -> tokens stored, minus server ({server:.1f})", f"{link:.1f} ms", "10 ms (target)",
         link / 10, 1.0),
        (f"memory growth over {CYCLES} authorizations", f"{growth:.1f} MiB", "5 MiB (target)", growth / 5, 1.0),
        ("  of which the main process, and the web ones", f"{main_growth:.1f} MiB", f"{web_growth:.1f} MiB",
         None, None),
    ]


def ipc_rows():
    ours, ref = ipc_growth(OURS, "about"), ipc_growth(BARE, "plugin:app|version")
    return [("  web processes over 20,000 trivial IPC calls", f"{ours:.1f} MiB", f"{ref:.1f} MiB",
             ours / ref if ref > 0 else None, None)]


def reconnect_rows():
    link, server, _ = authorize_cycles(RECONNECTS, reconnect=True)
    return [(f"reconnecting one account ({RECONNECTS}x), minus server ({server:.1f})", f"{link:.1f} ms",
             "—", None, None)]


def tray_rows():
    (ours_pss, ours_cpu), (bare_pss, bare_cpu) = idle_in_tray()
    return [
        ("idle in the tray (no window) vs bare window: PSS", f"{ours_pss:.0f} MiB", f"{bare_pss:.0f} MiB",
         ours_pss / bare_pss, None),
        ("idle in the tray vs bare window: CPU over 10 s", f"{ours_cpu:.2f} %", f"{bare_cpu:.2f} %",
         ours_cpu / bare_cpu if bare_cpu else None, None),
    ]


MEASUREMENTS = [
    ("cold start", cold_start_rows), ("idle memory", idle_memory_rows), ("token", token_rows),
    ("sizes", size_rows), ("list call", list_rows), ("authorizations", authorization_rows),
    ("IPC memory", ipc_rows), ("reconnections", reconnect_rows), ("tray", tray_rows),
    # bench/sharing.py imports this module: looked up when measured, not at import.
    ("publishing", lambda: __import__("sharing").publish_rows()),
    ("keeper", lambda: __import__("sharing").keeper_rows()),
]


if __name__ == "__main__":
    main()
