// The window's only door to the backend: one typed function per Rust command in
// src-tauri/src/commands.rs, with the shapes those commands serialise. Keep the two in step.

import { Channel, invoke } from "@tauri-apps/api/core";

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
  /** Why the admin must connect again, as an error code. */
  needs_reconnect: ErrorCode | null;
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

export type ErrorCode =
  | "invalid_input"
  | "app_not_found"
  | "app_exists"
  | "not_connected"
  | "account_not_found"
  | "account_ambiguous"
  | "keychain"
  | "secret_missing"
  | "callback_rejected"
  | "code_refused"
  | "reconnect_needed"
  | "provider_refused"
  | "not_refreshable"
  | "network"
  | "bad_response"
  | "busy"
  | "storage"
  | "timed_out"
  | "no_browser"
  | "cancelled"
  | "unknown";

/** How a link or paste ended; `state_hash` names the authorization it answered (null: none here). */
export type CallbackReport =
  | { status: "connected"; state_hash: string; app_name: string; account_id: string; label: string }
  | { status: "failed"; state_hash: string | null; code: ErrorCode; message: string };

export type Outcome =
  | { status: "connected"; account_id: string; label: string }
  | { status: "failed"; code: ErrorCode; message: string }
  | { status: "cancelled" };

export interface Preferences {
  selected_app: string | null;
  company_token: boolean;
}

/** What every command rejects with. */
export interface CommandError {
  code: ErrorCode | "internal";
  message: string;
}

/** Turns whatever a command rejected with into a CommandError. */
export function asCommandError(e: unknown): CommandError {
  if (typeof e === "object" && e !== null && "message" in e && "code" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code) as ErrorCode, message: String(message) };
  }
  return { code: "internal", message: String(e) };
}

export const api = {
  listApps: () => invoke<AppStatus[]>("list_apps"),
  startAuthorization: (app: string, company: boolean) =>
    invoke<Started>("start_authorization", { app, company }),
  completePasted: (answer: string, pending: string | null) =>
    invoke<CallbackReport>("complete_pasted", { answer, pending }),
  cancelAuthorization: (stateHash: string) => invoke<void>("cancel_authorization", { stateHash }),
  authorizationOutcome: (stateHash: string) =>
    invoke<Outcome | null>("authorization_outcome", { stateHash }),
  preferences: () => invoke<Preferences>("preferences"),
  setPreferences: (preferences: Preferences) => invoke<void>("set_preferences", { preferences }),
  /** Reports of deep links from now on; resolves with the latest one already handled, if any. */
  subscribe: (handler: (report: CallbackReport) => void) => {
    const reports = new Channel<CallbackReport>();
    reports.onmessage = handler;
    return invoke<CallbackReport | null>("subscribe", { reports });
  },
};
