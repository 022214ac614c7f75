// The window's only door to the backend. The commands and every type they take or return are
// generated from Rust into ./bindings.ts (src-tauri/src/app/bindings.rs); this file only turns
// their results into values or thrown ErrorCodes, and wraps the channel of link reports.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings.js";
import type { ErrorCode, Result, WindowEvent } from "./bindings.js";

export type {
  AccountKind,
  AccountStatus,
  AppProfile,
  AppStatus,
  CallbackReport,
  Environment,
  ErrorCode,
  Outcome,
  Preferences,
  Started,
  WindowEvent,
} from "./bindings.js";

/** A command's value, or its ErrorCode thrown. */
async function value<T>(result: Promise<Result<T, ErrorCode>>): Promise<T> {
  const r = await result;
  if (r.status === "error") throw r.error;
  return r.data;
}

/**
 * Turns whatever a command rejected with into an ErrorCode. Anything that is not one (the IPC
 * itself failing) reads as `unknown`: the page never shows raw text from outside.
 */
export function asErrorCode(e: unknown): ErrorCode {
  if (typeof e === "object" && e !== null && "code" in e && typeof e.code === "string") {
    return e as ErrorCode;
  }
  console.error("command failed", e);
  return { code: "unknown" };
}

export const api = {
  listApps: () => value(commands.listApps()),
  addApp: (form: Parameters<typeof commands.addApp>[0]) => value(commands.addApp(form)),
  updateApp: (app: string, edit: Parameters<typeof commands.updateApp>[1]) =>
    value(commands.updateApp(app, edit)),
  removeApp: (app: string) => value(commands.removeApp(app)),
  openApplicationsPage: (environment: string) => value(commands.openApplicationsPage(environment)),
  copyText: (text: string) => value(commands.copyText(text)),
  copyToken: (app: string, account: string) => value(commands.copyToken(app, account)),
  copyForScripts: (app: string, account: string) => value(commands.copyForScripts(app, account)),
  revealToken: (app: string, account: string) => value(commands.revealToken(app, account)),
  testAccount: (app: string, account: string) => value(commands.testAccount(app, account)),
  refreshAccount: (app: string, account: string) => value(commands.refreshAccount(app, account)),
  revokeAccount: (app: string, account: string) => value(commands.revokeAccount(app, account)),
  forgetAccount: (app: string, account: string) => value(commands.forgetAccount(app, account)),
  about: () => commands.about(),
  removeEverything: () => value(commands.removeEverything()),
  startAuthorization: (app: string, company: boolean) =>
    value(commands.startAuthorization(app, company)),
  completePasted: (answer: string, pending: string | null) =>
    value(commands.completePasted(answer, pending)),
  cancelAuthorization: (stateHash: string) => value(commands.cancelAuthorization(stateHash)),
  authorizationOutcome: (stateHash: string) => value(commands.authorizationOutcome(stateHash)),
  preferences: () => value(commands.preferences()),
  setPreferences: (preferences: Parameters<typeof commands.setPreferences>[0]) =>
    value(commands.setPreferences(preferences)),
  /** What happens from now on; resolves with the latest link report already handled, if any. */
  subscribe: (handler: (event: WindowEvent) => void) => {
    const events = new Channel<WindowEvent>();
    events.onmessage = handler;
    return commands.subscribe(events);
  },
};
