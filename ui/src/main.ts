// Renders the window: applications with their accounts, a waiting panel while the browser is out,
// and a banner for how each authorization ended. All state lives in the backend; this file only
// draws what the commands return and calls them on clicks.

import { api, asCommandError } from "./api.js";
import type { AccountRecord, AppStatus, CallbackReport, Environment, Started } from "./api.js";

const REFRESH_MS = 2000;
const POLL_MS = 500;

let waiting: Started | null = null;
let pollTimer: number | undefined;
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

function expiryText(account: AccountRecord): string {
  if (account.needs_reconnect) return "Needs you to connect again";
  const at = account.access_expires_at ?? null;
  if (at === null) return "Never expires";
  const secs = at - Math.floor(Date.now() / 1000);
  if (secs <= 0) return "Expired — refreshed on next use";
  if (secs < 120) return `Expires in ${secs} s`;
  if (secs < 7200) return `Expires in ${Math.floor(secs / 60)} min`;
  return `Expires in ${Math.floor(secs / 3600)} h`;
}

function showBanner(kind: "ok" | "error" | "info", text: string): void {
  const banner = byId("banner");
  banner.hidden = false;
  banner.className = `banner banner-${kind}`;
  banner.dataset["status"] = kind;
  banner.textContent = text;
}

function reportCallback(report: CallbackReport): void {
  if (report.status === "connected") {
    showBanner("ok", `Connected “${report.app_name}” to ${report.label}.`);
  } else {
    showBanner("error", report.message);
  }
}

function renderAccount(account: AccountRecord): HTMLElement {
  return el(
    "li",
    {
      class: account.needs_reconnect ? "account account-stale" : "account",
      attrs: { "data-account-id": account.id },
    },
    el("span", { class: "account-label", text: account.label }),
    el("span", { class: "chip", text: account.kind === "company" ? "Company token" : "User token" }),
    el("span", { class: "account-expiry", text: expiryText(account) }),
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
  } catch (e) {
    showBanner("error", asCommandError(e).message);
  }
}

function showWaiting(started: Started | null): void {
  waiting = started;
  const panel = byId("waiting");
  panel.hidden = started === null;
  window.clearInterval(pollTimer);
  if (!started) return;
  byId("waiting-title").textContent =
    `Waiting for Factorial to connect “${started.app_name}” (${started.kind} token)…`;
  byId("waiting-url").textContent = started.url;
  byId("waiting-browser").textContent = started.browser_error
    ? `No browser could be opened (${started.browser_error}). Open the address above yourself.`
    : "Finish in your browser: log in to Factorial and press Authorize.";
  byId<HTMLInputElement>("paste").value = "";
  pollTimer = window.setInterval(() => void pollOutcome(), POLL_MS);
}

async function pollOutcome(): Promise<void> {
  if (!waiting) return;
  try {
    const outcome = await api.authorizationOutcome(waiting.state_hash);
    if (!outcome) return;
    const appName = waiting.app_name;
    const hash = waiting.state_hash;
    showWaiting(null);
    if (outcome.status === "connected") {
      reportCallback({ status: "connected", state_hash: hash, app_name: appName, account_id: outcome.account_id, label: outcome.label });
    } else if (outcome.status === "failed") {
      showBanner("error", outcome.message);
    } else {
      showBanner("info", "The authorization was cancelled.");
    }
    await refresh();
  } catch (e) {
    showBanner("error", asCommandError(e).message);
  }
}

async function startAuthorization(app: string, company: boolean): Promise<void> {
  try {
    byId("banner").hidden = true;
    selectedApp = app;
    await api.setPreferences({ selected_app: app, company_token: company });
    showWaiting(await api.startAuthorization(app, company));
  } catch (e) {
    showBanner("error", asCommandError(e).message);
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
    showBanner("error", asCommandError(e).message);
  }
}

async function cancel(): Promise<void> {
  if (!waiting) return;
  const hash = waiting.state_hash;
  showWaiting(null);
  try {
    await api.cancelAuthorization(hash);
    showBanner("info", "Cancelled. Nothing was changed.");
  } catch (e) {
    showBanner("error", asCommandError(e).message);
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
  const last = await api.subscribe(onLinkReport);
  if (last) reportCallback(last);
  try {
    selectedApp = (await api.preferences()).selected_app;
  } catch {
    // Preferences are a convenience; the window works without them.
  }
  await refresh();
  document.querySelector(".app-card.selected")?.scrollIntoView({ block: "nearest" });
  window.setInterval(() => void refresh(), REFRESH_MS);
}

void main();
