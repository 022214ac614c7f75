#!/usr/bin/env python3
"""`make bench`: Factorial Connect beside a bare Tauri app (bench/), measured in one run on this
machine, inside the private test session (Xvfb, D-Bus, gnome-keyring). Each figure is printed as
ours, the reference, and the ratio of their medians over alternating runs, then against its target.
"""

import gzip
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the packages install: the Tauri CLI's release builds.
OURS = ROOT / "target/release/factorial-connect-app"
CLI = ROOT / "target/release/factorial-connect"
BARE = ROOT / "target/release/bare-tauri"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


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
    started = time.perf_counter()
    subprocess.run([str(binary)], env=app_env({"TAURI_BENCH_EXIT_ON_LOAD": "1"}), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return time.perf_counter() - started


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
    import json
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
    rows = []
    ours, ref = alternate(cold_start)
    rows.append(("cold start to the page loaded", f"{ours*1000:.0f} ms", f"{ref*1000:.0f} ms", ours / ref, 1.1))
    ours, ref = alternate(idle_memory, runs=3)
    rows.append(("memory (PSS) of the process tree, idle 3 s", f"{ours:.0f} MiB", f"{ref:.0f} MiB", ours / ref, 1.2))
    ours, ref = token_vs_secret_tool()
    rows.append(("`token APP` vs `secret-tool lookup`", f"{ours*1000:.1f} ms", f"{ref*1000:.1f} ms", ours / ref, 1.5))
    size = ui_gzip_kib()
    rows.append(("shipped UI, JS + CSS gzip", f"{size:.1f} KiB", "40 KiB (target)", size / 40, 1.0))
    debs = deb_sizes_mib()
    if debs:
        rows.append((".deb, both by the Tauri CLI and deb-xz", f"{debs[0]:.1f} MiB", f"{debs[1]:.1f} MiB",
                     debs[0] / debs[1], 1.3))
    else:
        print("(no .deb sizes: BENCH_DEBS names the two packages; make bench sets it)")
    (ours_pss, ours_cpu), (bare_pss, bare_cpu) = idle_in_tray()
    rows.append(("idle in the tray (no window) vs bare window: PSS", f"{ours_pss:.0f} MiB", f"{bare_pss:.0f} MiB",
                 ours_pss / bare_pss, None))
    rows.append(("idle in the tray vs bare window: CPU over 10 s", f"{ours_cpu:.2f} %", f"{bare_cpu:.2f} %",
                 ours_cpu / bare_cpu if bare_cpu else None, None))

    print(f"{'figure':48} {'ours':>12} {'reference':>16} {'ratio':>7}  target")
    for name, ours, ref, ratio, target in rows:
        if target is None:
            # A reference of nothing (0 % CPU) has no ratio.
            shown = "—" if ratio is None else f"{ratio:.2f}x"
            print(f"{name:48} {ours:>12} {ref:>16} {shown:>7}  (no target)")
            continue
        verdict = "ok" if ratio <= target else "MISSED"
        print(f"{name:48} {ours:>12} {ref:>16} {ratio:>6.2f}x  <= {target}x {verdict}")


if __name__ == "__main__":
    main()
