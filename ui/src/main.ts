// Renders the window: applications with their accounts, a waiting panel while the browser is out,
// and a banner for how each authorization ended. All state lives in the backend; this file only
// draws what the commands return and calls them on clicks.

import { api, asErrorCode } from "./api.js";
import { SPAN_STEPS } from "./bindings.js";
import { catalogFor } from "./i18n/index.js";
import type {
  AccountStatus,
  AppStatus,
  CallbackReport,
  Environment,
  Started,
  WindowEvent,
} from "./api.js";

/** Expiry texts are redrawn from the data already here; the backend is asked only when it changed. */
const REDRAW_MS = 30_000;

/** The admin's language: the web view's, which follows the OS locale. */
const text = catalogFor(navigator.language);

let waiting: Started | null = null;
let shown: AppStatus[] = [];
/** The application last connected from this window (kept by tauri-plugin-store). */
let selectedApp: string | null = null;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

function envLabel(env: Environment): string {
  switch (env.kind) {
    case "production":
      return "Production";
    case "demo":
      return "Demo";
    case "custom":
      return env.base_url.replace(/\/+$/, "");
  }
}

const UNIT_WORDS: Record<(typeof SPAN_STEPS)[number]["unit"], string> = { seconds: "s", minutes: "min", hours: "h", days: "days" };

/** A span of seconds counted by the same rule as the command line's (SPAN_STEPS, from Rust). */
function spanText(secs: number): string {
  const step = SPAN_STEPS.find((s) => secs < s.below) ?? SPAN_STEPS[SPAN_STEPS.length - 1];
  if (!step) return `${secs} s`;
  return `${Math.floor(secs / step.secs_per_unit)} ${UNIT_WORDS[step.unit]}`;
}

/** The account's health, with its countdown worked out again at each redraw. */
function healthText(account: AccountStatus): string {
  const h = account.health;
  const now = Math.floor(Date.now() / 1000);
  switch (h.state) {
    case "needs_admin":
      return `Needs you to connect again: ${text.attention(h.reason)}`;
    case "expired_will_refresh":
      return "Expired — refreshed on next use";
    case "works":
    case "expires_soon": {
      if (h.expires_at === null) return "Never expires";
      const left = h.expires_at - now;
      return left > 0 ? `Expires in ${spanText(left)}` : "Expired — refreshed on next use";
    }
  }
}

function showBanner(kind: "ok" | "error" | "info", text: string): void {
  const banner = byId("banner");
  banner.hidden = false;
  banner.className = `banner banner-${kind}`;
  banner.dataset["status"] = kind;
  banner.textContent = text;
}

/** Says what went wrong, in the admin's words. */
function showError(e: unknown): void {
  showBanner("error", text.error(asErrorCode(e)));
}

function reportCallback(report: CallbackReport): void {
  const kinds = { connected: "ok", failed: "error", cancelled: "info" } as const;
  showBanner(kinds[report.outcome.status], text.outcome(report.outcome));
}

function renderAccount(account: AccountStatus): HTMLElement {
  return el(
    "li",
    {
      class: account.health.state === "needs_admin" ? "account account-stale" : "account",
      attrs: { "data-account-id": account.id },
    },
    el("span", { class: "account-label", text: account.label }),
    el("span", { class: "chip", text: account.kind === "company" ? "Company token" : "User token" }),
    el("span", { class: "account-expiry", text: healthText(account) }),
  );
}

function renderApp(status: AppStatus): HTMLElement {
  const { app, accounts } = status;
  const connect = (company: boolean, label: string) => {
    const button = el("button", {
      text: label,
      class: company ? "secondary" : "primary",
      attrs: { "data-app": app.name, "data-action": company ? "connect-company" : "connect-user" },
    });
    button.addEventListener("click", () => void startAuthorization(app.name, company));
    return button;
  };
  const list =
    accounts.length === 0
      ? el("p", { class: "muted", text: "Not connected yet." })
      : el("ul", { class: "accounts" }, ...accounts.map(renderAccount));
  return el(
    "section",
    {
      class: app.name === selectedApp ? "app-card selected" : "app-card",
      attrs: { "data-app": app.name },
    },
    el(
      "header",
      {},
      el("h2", { text: app.name }),
      el("span", { class: "chip", text: envLabel(app.environment) }),
      el("span", { class: "chip", text: app.confidential ? "Confidential" : "Public" }),
    ),
    el(
      "dl",
      {},
      el("dt", { text: "Client ID" }),
      el("dd", { text: app.client_id }),
      el("dt", { text: "Redirect URI" }),
      el("dd", { text: app.redirect_uri }),
      el("dt", { text: "Scopes" }),
      el("dd", { text: app.scopes.length ? app.scopes.join(" ") : "The application's own" }),
    ),
    list,
    el("div", { class: "actions" }, connect(false, "Connect as user"), connect(true, "Connect company")),
  );
}

async function refresh(): Promise<void> {
  try {
    const apps = await api.listApps();
    // Several changes arrive per authorization; redraw only when what is shown differs, so the
    // page does not flicker (and an element being read is not replaced under the reader).
    if (JSON.stringify(apps) === JSON.stringify(shown) && byId("apps").childElementCount > 0) {
      return;
    }
    shown = apps;
    draw(shown);
  } catch (e) {
    showError(e);
  }
}

function draw(apps: AppStatus[]): void {
  const container = byId("apps");
  if (apps.length === 0) {
    container.replaceChildren(
      el(
        "div",
        { class: "empty" },
        el("h2", { text: "No applications yet" }),
        el(
          "p",
          {},
          "Create an OAuth application in Factorial (Settings → OAuth applications) with the redirect URI ",
          el("code", { class: "nowrap", text: "factorial-connect://oauth/callback" }),
          ", then add it here from a terminal:",
        ),
        el("code", {
          class: "command",
          text: 'factorial-connect apps add "NAME" --client-id CLIENT_ID --env demo',
        }),
      ),
    );
  } else {
    container.replaceChildren(...apps.map(renderApp));
  }
}

function showWaiting(started: Started | null): void {
  waiting = started;
  const panel = byId("waiting");
  panel.hidden = started === null;
  if (!started) return;
  byId("waiting-title").textContent =
    `Waiting for Factorial to connect “${started.app_name}” (${started.kind} token)…`;
  byId("waiting-url").textContent = started.url;
  byId("waiting-browser").textContent = started.browser_error
    ? text.error(started.browser_error)
    : "Finish in your browser: log in to Factorial and press Authorize.";
  byId<HTMLInputElement>("paste").value = "";
}

/** The authorization being waited for may have ended in another process (a CLI took its link). */
async function checkOutcome(): Promise<void> {
  const asked = waiting;
  if (!asked) return;
  try {
    const outcome = await api.authorizationOutcome(asked.state_hash);
    // The link's own report may have closed the panel (or a new authorization replaced it) while
    // this was asked: then there is nothing left to do here.
    if (!outcome || waiting !== asked) return;
    showWaiting(null);
    reportCallback({ state_hash: asked.state_hash, outcome });
    await refresh();
  } catch (e) {
    showError(e);
  }
}

async function startAuthorization(app: string, company: boolean): Promise<void> {
  try {
    byId("banner").hidden = true;
    // One authorization at a time from this window: the one it replaces must not stay open for a
    // late link to complete.
    if (waiting) {
      const replaced = waiting.state_hash;
      showWaiting(null);
      await api.cancelAuthorization(replaced);
    }
    selectedApp = app;
    await api.setPreferences({ selected_app: app, company_token: company });
    showWaiting(await api.startAuthorization(app, company));
  } catch (e) {
    showError(e);
  }
}

async function completePasted(): Promise<void> {
  const answer = byId<HTMLInputElement>("paste").value;
  try {
    const report = await api.completePasted(answer, waiting?.state_hash ?? null);
    showWaiting(null);
    reportCallback(report);
    await refresh();
  } catch (e) {
    // A bad paste keeps the panel open so the user can try again.
    showError(e);
  }
}

async function cancel(): Promise<void> {
  if (!waiting) return;
  const hash = waiting.state_hash;
  showWaiting(null);
  try {
    await api.cancelAuthorization(hash);
    showBanner("info", text.error({ code: "cancelled" }));
  } catch (e) {
    showError(e);
  }
}

/** A link reached the app: the panel closes only if it answered the authorization it waits for. */
function onLinkReport(report: CallbackReport): void {
  if (waiting && report.state_hash === waiting.state_hash) showWaiting(null);
  reportCallback(report);
  void refresh();
}

async function main(): Promise<void> {
  byId("paste-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void completePasted();
  });
  byId("cancel").addEventListener("click", () => void cancel());
  // A link may have arrived (and been handled) before this page listened: a cold start.
  const last = await api.subscribe((event: WindowEvent) => {
    if (event.event === "link") {
      onLinkReport(event.report);
    } else {
      void refresh();
      void checkOutcome();
    }
  });
  if (last) reportCallback(last);
  try {
    selectedApp = (await api.preferences()).selected_app;
  } catch {
    // Preferences are a convenience; the window works without them.
  }
  await refresh();
  document.querySelector(".app-card.selected")?.scrollIntoView({ block: "nearest" });
  window.setInterval(() => draw(shown), REDRAW_MS);
}

void main();
