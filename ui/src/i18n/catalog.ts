// What every language of the window provides. The page never shows text from Rust: it gets codes
// with parameters (bindings.ts) and words them here, naming the window's own buttons.

import type { AttentionReason, ErrorCode, Outcome } from "../bindings.js";

export interface Catalog {
  /** What went wrong and what to do next. */
  error(code: ErrorCode): string;
  /** How an authorization ended. */
  outcome(outcome: Outcome): string;
  /** Why an account needs the admin, as a short phrase. */
  attention(reason: AttentionReason): string;
}

/** Makes `switch` statements exhaustive: a new code from Rust fails the type check here. */
export function unreachable(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
