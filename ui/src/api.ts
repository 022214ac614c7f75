// The window's only door to the backend: one typed function per Rust command in
// src-tauri/src/commands.rs, with the shapes those commands serialise. Keep the two in step.

export type AccountKind = "user" | "company";

export type Environment =
  | { kind: "production" }
  | { kind: "demo" }
  | { kind: "custom"; base_url: string };

export interface AppProfile {
  id: string;
  name: string;
  environment: Environment;
  client_id: string;
  confidential: boolean;
  redirect_uri: string;
  scopes: string[];
  pkce: boolean;
  created_at: number;
}

export interface AccountRecord {
  app_id: string;
  id: string;
  kind: AccountKind;
  label: string;
  email: string | null;
  company_id: string | null;
  scopes: string[];
  connected_at: number;
  access_expires_at: number | null;
  has_refresh_token: boolean;
  refreshed_at: number | null;
  needs_reconnect: string | null;
}

export interface AppStatus {
  app: AppProfile;
  accounts: AccountRecord[];
}

export interface Started {
  app_name: string;
  kind: AccountKind;
  url: string;
  state_hash: string;
  expires_at: number;
  browser_error: string | null;
}

export type CallbackReport =
  | { status: "connected"; app_name: string; account_id: string; label: string }
  | { status: "failed"; code: string; message: string };

export type Outcome =
  | { status: "connected"; account_id: string; label: string }
  | { status: "failed"; code: string; message: string }
  | { status: "cancelled" };

export interface Preferences {
  selected_app: string | null;
  company_token: boolean;
}

/** What every command rejects with. */
export interface CommandError {
  code: string;
  message: string;
}

interface TauriGlobal {
  core: { invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> };
  event: {
    listen<T>(event: string, handler: (e: { payload: T }) => void): Promise<() => void>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

function tauri(): TauriGlobal {
  const t = window.__TAURI__;
  if (!t) {
    throw new Error("This page only works inside the Factorial Connect window.");
  }
  return t;
}

/** Turns whatever a command rejected with into a CommandError. */
export function asCommandError(e: unknown): CommandError {
  if (typeof e === "object" && e !== null && "message" in e && "code" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code), message: String(message) };
  }
  return { code: "internal", message: String(e) };
}

const call = <T>(cmd: string, args?: Record<string, unknown>): Promise<T> =>
  tauri().core.invoke<T>(cmd, args);

export const api = {
  listApps: () => call<AppStatus[]>("list_apps"),
  startAuthorization: (app: string, company: boolean) =>
    call<Started>("start_authorization", { app, company }),
  completePasted: (answer: string, pending: string | null) =>
    call<CallbackReport>("complete_pasted", { answer, pending }),
  cancelAuthorization: (stateHash: string) =>
    call<void>("cancel_authorization", { stateHash }),
  authorizationOutcome: (stateHash: string) =>
    call<Outcome | null>("authorization_outcome", { stateHash }),
  lastCallback: () => call<CallbackReport | null>("last_callback"),
  preferences: () => call<Preferences>("preferences"),
  setPreferences: (preferences: Preferences) => call<void>("set_preferences", { preferences }),
  onCallback: (handler: (report: CallbackReport) => void) =>
    tauri().event.listen<CallbackReport>("callback-result", (e) => handler(e.payload)),
};
