// The window's only door to the backend. The commands and every type they take or return are
// generated from Rust into ./bindings.ts (src-tauri/src/desktop/bindings.rs); this file only turns
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

/**
 * Keeps what the page received when a debug build asks for it (`window.ipcLog`, set by the app's
 * init script only then), for the end-to-end check that no token reaches the page unasked.
 */
function logged<T>(command: string, received: T): T {
  const log = (window as { ipcLog?: unknown[] }).ipcLog;
  if (Array.isArray(log)) log.push({ command, received });
  return received;
}

/** A command's value, or its ErrorCode thrown. */
async function value<T>(result: Promise<Result<T, ErrorCode>>, command = "command"): Promise<T> {
  const r = logged(command, await result);
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
  listApps: (limit: number, keep: string | null) => value(commands.listApps(limit, keep), "listApps"),
  addApp: (form: Parameters<typeof commands.addApp>[0]) => value(commands.addApp(form), "addApp"),
  updateApp: (app: string, edit: Parameters<typeof commands.updateApp>[1]) =>
    value(commands.updateApp(app, edit), "updateApp"),
  removeApp: (app: string) => value(commands.removeApp(app), "removeApp"),
  openApplicationsPage: (environment: string) => value(commands.openApplicationsPage(environment), "openApplicationsPage"),
  copyRedirectUri: () => value(commands.copyRedirectUri(), "copyRedirectUri"),
  copyToken: (app: string, account: string) => value(commands.copyToken(app, account), "copyToken"),
  copyForScripts: (app: string, account: string) => value(commands.copyForScripts(app, account), "copyForScripts"),
  revealToken: (app: string, account: string) => value(commands.revealToken(app, account), "revealToken"),
  testAccount: (app: string, account: string) => value(commands.testAccount(app, account), "testAccount"),
  refreshAccount: (app: string, account: string) => value(commands.refreshAccount(app, account), "refreshAccount"),
  revokeAccount: (app: string, account: string) => value(commands.revokeAccount(app, account), "revokeAccount"),
  forgetAccount: (app: string, account: string) => value(commands.forgetAccount(app, account), "forgetAccount"),
  about: async () => logged("about", await commands.about()),
  removeEverything: () => value(commands.removeEverything(), "removeEverything"),
  updateWay: async () => logged("updateWay", await commands.updateWay()),
  checkForUpdate: () => value(commands.checkForUpdate(), "checkForUpdate"),
  installUpdate: () => value(commands.installUpdate(), "installUpdate"),
  openDownloadsPage: () => value(commands.openDownloadsPage(), "openDownloadsPage"),
  startAuthorization: (app: string, company: boolean) =>
    value(commands.startAuthorization(app, company), "startAuthorization"),
  completePasted: (answer: string, pending: string | null) =>
    value(commands.completePasted(answer, pending), "completePasted"),
  cancelAuthorization: (stateHash: string) => value(commands.cancelAuthorization(stateHash), "cancelAuthorization"),
  authorizationOutcome: (stateHash: string) => value(commands.authorizationOutcome(stateHash), "authorizationOutcome"),
  preferences: () => value(commands.preferences(), "preferences"),
  setPreferences: (preferences: Parameters<typeof commands.setPreferences>[0]) =>
    value(commands.setPreferences(preferences), "setPreferences"),
  startAtLogin: async () => logged("startAtLogin", await commands.startAtLogin()),
  keepAlivePaused: async () => logged("keepAlivePaused", await commands.keepAlivePaused()),
  setKeepAlivePaused: (paused: boolean) => value(commands.setKeepAlivePaused(paused), "setKeepAlivePaused"),
  setStartAtLogin: (on: boolean) => value(commands.setStartAtLogin(on), "setStartAtLogin"),
  /** What happens from now on; resolves with the latest link report already handled, if any. */
  subscribe: (handler: (event: WindowEvent) => void) => {
    const events = new Channel<WindowEvent>();
    events.onmessage = (event) => handler(logged("channel", event));
    return commands.subscribe(events).then((last) => logged("subscribe", last));
  },
};
