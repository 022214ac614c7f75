"""`make bench`'s figures for servers (issue 22), with a real OpenBao dev server and the Doorkeeper
sandbox: what publishing adds to a refresh, and one keeper keeping a thousand accounts alive."""

import hashlib
import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from measure import CLI, FAKE_BROWSER, ROOT, Sandbox, app_env, free_port

BAO = ROOT / "target/tools/openbao/bin/bao"
# How long the keeper is watched, and how many accounts it keeps.
KEEPER_SECS = int(os.environ.get("BENCH_KEEPER_SECS", "120"))
ACCOUNTS = int(os.environ.get("BENCH_KEEPER_ACCOUNTS", "1000"))
REFRESHES = int(os.environ.get("BENCH_REFRESHES", "15"))


class Bao:
    """`bao server -dev` on a loopback port, in memory, its root token `root`."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="bench-bao-")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [str(BAO), "server", "-dev", "-dev-no-store-token", "-dev-root-token-id=root",
             f"-dev-listen-address=127.0.0.1:{port}"],
            env={**os.environ, "HOME": self.home}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                self.call("GET", "sys/health")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("OpenBao did not start")

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/v1/{path}", data=data, method=method,
                                         headers={"X-Vault-Token": "root", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)


def scene(sandbox):
    """A company, its admin and a confidential application in the sandbox."""
    company = sandbox.post("/sandbox/companies", {"name": "Acme", "legal_name": "Acme S.L."})["id"]
    email = f"admin-{time.time_ns()}@acme.test"
    user = sandbox.post("/sandbox/users", {"email": email, "password": "pw-admin", "full_name": "Ada Admin",
                                           "role": "admin", "company_id": company})["id"]
    app = sandbox.post("/sandbox/applications", {"name": "Payroll", "redirect_uri": "factorial-connect://oauth/callback",
                                                 "confidential": True, "scopes": "employees"})
    return email, user, app


def connected_desk(sandbox, email, app):
    """A desk (data folder, keychain service) with Payroll added and the admin connected, as the
    command line does it: the fake browser approves and hands the redirect back."""
    env = app_env({
        "FACTORIAL_CONNECT_KEYCHAIN_SERVICE": f"factorial-connect-bench-{time.time_ns()}",
        "BROWSER": str(FAKE_BROWSER), "SANDBOX_EMAIL": email, "SANDBOX_PASSWORD": "pw-admin",
        "SANDBOX_DECISION": "approve", "SANDBOX_DELIVER_CMD": str(CLI),
        "SANDBOX_REDIRECT_OUT": tempfile.mkstemp(prefix="bench-redirect-")[1],
    })
    subprocess.run([str(CLI), "apps", "add", "Payroll", "--client-id", app["client_id"], "--env", sandbox.url],
                   input=app["client_secret"].encode(), env=env, check=True, capture_output=True)
    subprocess.run([str(CLI), "authorize", "Payroll"], env=env, check=True, capture_output=True, timeout=120)
    return env


def publish_rows():
    """`refresh APP` on a shared account against one that is not, alternately: the median
    difference is what publishing adds (one read and one check-and-set write on loopback)."""
    bao, sandbox = Bao(), Sandbox()
    try:
        email, _, app = scene(sandbox)
        plain, shared = connected_desk(sandbox, email, app), connected_desk(sandbox, email, app)
        subprocess.run([str(CLI), "publish", "add", "Payroll", "--address", bao.url, "--path", "factorial/payroll"],
                       input=b"root\n", env=shared, check=True, capture_output=True)

        def timed(env):
            started = time.perf_counter()
            subprocess.run([str(CLI), "refresh", "Payroll"], env=env, check=True, capture_output=True)
            return time.perf_counter() - started

        without, with_sharing = [], []
        for _ in range(REFRESHES):
            without.append(timed(plain))
            with_sharing.append(timed(shared))
        versions = bao.call("GET", "secret/metadata/factorial/payroll")["data"]["current_version"]
        if versions < REFRESHES:
            raise RuntimeError(f"only {versions} versions published for {REFRESHES} refreshes")
        added = (statistics.median(with_sharing) - statistics.median(without)) * 1000
        return [(f"publishing added to `refresh APP` ({REFRESHES}x)", f"{added:.1f} ms",
                 f"{statistics.median(without) * 1000:.0f} ms bare", max(added, 0) / 20, 1.0)]
    finally:
        sandbox.stop()
        bao.stop()


def kept_account(i, app, client_secret, token, now, spread):
    """A private entry as `publish hand-over` writes it, due within the next `spread` seconds."""
    life = token["expires_in"] or 3600
    obtained = due_at(i, token, now, spread) - refresh_after(i, life)
    return {
        "written_by": "factorial-connect", "account_id": f"user-{i}", "kind": "user", "owner": f"user {i}",
        "app": app, "client_secret": client_secret,
        "tokens": {"access_token": token["access_token"], "refresh_token": token["refresh_token"],
                   "expires_at": obtained + life, "scopes": ["employees"], "obtained_at": obtained},
        "publish": {"path": f"bench/account-{i:04}", "writer": "bench", "version": None,
                    "published_for": obtained},
        "lease": None, "rotations": 0, "stopped": None, "handed_over_by": "bench", "handed_over_at": now,
    }


def due_at(i, token, now, spread):
    """When the keeper is to refresh account `i`: due times spread evenly over `spread` seconds,
    as refreshes come for accounts handed over at different times."""
    return now + 5 + int(i * spread / ACCOUNTS)


def refresh_after(i, life):
    """How long after it was obtained a pair is refreshed: connect_core::keep_alive::due_at,
    three quarters into its life, less up to a tenth of it by a jitter of the account's id."""
    jitter = hashlib.sha256(f"user-{i}".encode()).digest()[0] % 10
    return life * 3 // 4 - life * jitter // 100


def proc_rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def proc_cpu_secs(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def keeper_rows():
    """One keeper (the release binary) keeping ACCOUNTS handed-over accounts alive for
    KEEPER_SECS: its resident memory sampled each second and its CPU time over the whole run,
    which includes reading every entry at start and the refreshes that fall due (as many per
    second as a thousand hour-long tokens make: 1,000 per 45 min)."""
    bao, sandbox = Bao(), Sandbox()
    keeper = None
    try:
        _, user, app = scene(sandbox)
        tokens = sandbox.post("/sandbox/tokens", {"client_id": app["client_id"], "user_id": user, "count": ACCOUNTS})
        # The application's profile as the desktop keeps it, from `apps add`.
        env = app_env({"FACTORIAL_CONNECT_KEYCHAIN_SERVICE": f"factorial-connect-bench-{time.time_ns()}"})
        subprocess.run([str(CLI), "apps", "add", "Payroll", "--client-id", app["client_id"], "--env", sandbox.url],
                       input=app["client_secret"].encode(), env=env, check=True, capture_output=True)
        profile = json.loads((Path(env["FACTORIAL_CONNECT_DATA_DIR"]) / "registry.json").read_text())["apps"][0]
        now = int(time.time())
        # Refreshes spread as the accounts' hour-long tokens would spread them over 45 minutes.
        spread = 2700
        for i, token in enumerate(tokens):
            entry = kept_account(i, profile, app["client_secret"], token, now, spread)
            bao.call("POST", f"secret/data/factorial-connect-keeper/bench-account-{i:04}",
                     {"options": {"cas": 0}, "data": entry})
        login = Path(tempfile.mkstemp(prefix="bench-keeper-login-")[1])
        login.write_text("root")
        log = Path(tempfile.mkstemp(prefix="bench-keeper-", suffix=".log")[1])
        with log.open("w") as out:
            keeper = subprocess.Popen([str(CLI), "keeper", "--address", bao.url, "--login-file", str(login)],
                                      env={**os.environ, "LC_ALL": "C.UTF-8"}, stdout=subprocess.DEVNULL, stderr=out)
        started, samples = time.monotonic(), []
        while time.monotonic() - started < KEEPER_SECS:
            samples.append(proc_rss_mib(keeper.pid))
            time.sleep(1)
        cpu = proc_cpu_secs(keeper.pid) / (time.monotonic() - started) * 100
        text = log.read_text()
        refreshed = text.count("refreshed (rotation")
        due = sum(1 for i, _ in enumerate(tokens) if due_at(i, tokens[i], now, spread) < now + KEEPER_SECS - 5)
        if refreshed < due * 0.9 or "refused" in text:
            raise RuntimeError(f"{refreshed} of about {due} due refreshes in {KEEPER_SECS} s:\n{text[-2000:]}")
        peak = max(samples)
        return [
            (f"keeper, {ACCOUNTS} accounts ({refreshed} refreshed in {KEEPER_SECS} s): RSS peak",
             f"{peak:.1f} MiB", "30 MiB (target)", peak / 30, 1.0),
            ("  its RSS on average", f"{statistics.mean(samples):.1f} MiB", "—", None, None),
            ("keeper: CPU on average, reading all and refreshing", f"{cpu:.2f} %", "1 % (target)", cpu / 1, 1.0),
        ]
    finally:
        if keeper is not None:
            keeper.terminate()
            keeper.wait(timeout=30)
        sandbox.stop()
        bao.stop()
