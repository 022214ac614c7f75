// The window's only door to the backend. The commands and every type they take or return are
// generated from Rust into ./bindings.ts (src-tauri/src/desktop/bindings.rs); this file only turns
// every generated command's result into a value or a thrown ErrorCode (no command is listed by
// hand), and wraps the channel of link reports.

import { Channel } from "@tauri-apps/api/core";
import type { ErrorCode, Result, WindowEvent } from "./bindings.js";
import { commands } from "./bindings.js";

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

/** A command as the page calls it: its value, or its ErrorCode thrown. */
type Unwrapped<F> = F extends (...args: infer A) => Promise<Result<infer T, ErrorCode>>
  ? (...args: A) => Promise<T>
  : F extends (...args: infer A) => Promise<infer T>
    ? (...args: A) => Promise<T>
    : never;

type Commands = typeof commands;

/**
 * A command that can fail answers a `Result` (tauri-specta wraps it); one that cannot answers its
 * value. No command's own value has this shape (`status` with `data` or `error`).
 */
function isResult(answer: unknown): answer is Result<unknown, ErrorCode> {
  if (typeof answer !== "object" || answer === null || !("status" in answer)) return false;
  return (answer.status === "ok" && "data" in answer) || (answer.status === "error" && "error" in answer);
}

/** Every generated command, unwrapped: the list of commands is the generated one, nothing by hand. */
const unwrapped = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    async (...args: unknown[]) => {
      const answer = logged(name, await (command as (...args: unknown[]) => Promise<unknown>)(...args));
      if (!isResult(answer)) return answer;
      if (answer.status === "error") throw answer.error;
      return answer.data;
    },
  ]),
) as { [K in Exclude<keyof Commands, "subscribe">]: Unwrapped<Commands[K]> };

export const api = {
  ...unwrapped,
  /** What happens from now on; resolves with the latest link report already handled, if any. */
  subscribe: (handler: (event: WindowEvent) => void) => {
    const events = new Channel<WindowEvent>();
    events.onmessage = (event) => handler(logged("channel", event));
    return commands.subscribe(events).then((last) => logged("subscribe", last));
  },
};
