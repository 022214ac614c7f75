// Which button fixes what went wrong, by the error's code: a pure choice, tested without a window
// (test/page.test.ts); the page turns it into the banner's button.

import type { ErrorCode } from "./bindings.js";

/** What the failure concerns: the application, whether its account holds a company token, and the
 * action to run again. */
export type Context = { app?: string; company?: boolean; retry?: () => void };

export type Fix =
  /** Connect the application again, as the same kind of account. */
  | { kind: "reconnect"; app: string; company: boolean }
  /** Open the application's Edit dialog (its scopes, its secret or its base URL are the remedy). */
  | { kind: "edit"; app: string }
  | { kind: "retry"; run: () => void };

export function remedyFor(code: ErrorCode, context: Context): Fix | undefined {
  const { app, retry } = context;
  const reconnect: Fix | undefined = app ? { kind: "reconnect", app, company: context.company ?? false } : undefined;
  const edit: Fix | undefined = app ? { kind: "edit", app } : undefined;
  const again: Fix | undefined = retry ? { kind: "retry", run: retry } : undefined;
  switch (code.code) {
    case "reconnect_needed":
    case "token_rejected":
    case "code_refused":
    case "wait_timed_out":
    case "tokens_not_saved":
    case "not_refreshable":
      return reconnect;
    case "callback_rejected":
      return ["expired", "unknown_state", "replayed", "denied"].includes(code.problem.kind) ? reconnect : undefined;
    case "secret_missing":
      return code.secret === "tokens" ? reconnect : edit;
    case "provider_refused":
      return code.refusal.error === "invalid_client" ? edit : again;
    // The remedy is in the application: its scopes, or its base URL.
    case "identity_refused":
    case "no_such_address":
      return edit;
    case "web_page_instead":
    case "network":
    case "timeout":
    case "server_error":
    case "bad_response":
    case "connection_lost":
    case "busy":
    case "keychain":
    case "clipboard":
      return again;
    default:
      return undefined;
  }
}
