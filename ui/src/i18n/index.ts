// The window's words, from the same Fluent catalogs as the command line (ui/i18n/*.ftl), and the few
// things words are made from here: spans of time (counted by the same steps as the command line),
// dates (Intl), an account's health. The page never shows text from Rust: it gets codes with
// parameters and words them here. The catalogs'
// completeness (every message in every language, every code with its message) is tested in Rust.

import { FluentBundle, FluentResource } from "@fluent/bundle";
import en from "../../i18n/en.ftl";
import es from "../../i18n/es.ftl";
import type { AccountStatus, AttentionReason, ErrorCode, Outcome } from "../bindings.js";
import { SPAN_STEPS } from "../bindings.js";
import { type Args, flatten } from "./args.js";
import type { MessageId } from "./ids.js";

const SOURCES = { en, es } as const;
export type Language = keyof typeof SOURCES;

export class Catalog {
  readonly language: Language;
  private readonly bundle: FluentBundle;

  constructor(language: Language) {
    this.language = language;
    // No bidi isolation marks around variables: they would reach copied text and tests.
    this.bundle = new FluentBundle(language, { useIsolating: false });
    this.bundle.addResource(new FluentResource(SOURCES[language]));
  }

  /** A message by id; the id itself if the catalog lacks it, never an empty line. */
  text(id: MessageId, args?: Args): string {
    const message = this.bundle.getMessage(id);
    if (!message?.value) return id;
    return this.bundle.formatPattern(message.value, args ?? null, []);
  }

  /** What went wrong and what to do next. */
  error(code: ErrorCode): string {
    // A code from a newer version may have no message here: it reads as the unknown one.
    const id = `error-${code.code}` as MessageId;
    return this.bundle.hasMessage(id) ? this.text(id, flatten(code)) : this.text("error-unknown");
  }

  /** How an authorization ended. */
  outcome(outcome: Outcome): string {
    switch (outcome.status) {
      case "connected":
        // Connected, though Factorial would not say whose the token is: what to do about that.
        if (outcome.unidentified)
          return `${this.text("outcome-connected-unidentified", { app_name: outcome.app_name })} ${this.error(outcome.unidentified)}`;
        return this.text("outcome-connected", { app_name: outcome.app_name, label: outcome.label });
      case "failed":
        return this.error(outcome.error);
      case "cancelled":
        return this.error({ code: "cancelled" });
    }
  }

  /** An account as named to the admin: its label, or words for one whose owner Factorial has not
   * named (the engine stores no words for it). */
  accountLabel(account: AccountStatus): string {
    return account.label || this.text("account-unidentified", { kind: account.kind });
  }

  /** Why an account needs the admin, as a short phrase. */
  attention(reason: AttentionReason): string {
    return this.text("attention", { reason });
  }

  /** "42 min", "3 h", "2 days": a span of seconds by the steps shared with the command line. */
  span(secs: number): string {
    const step = SPAN_STEPS.find((s) => secs < s.below) ?? SPAN_STEPS[SPAN_STEPS.length - 1];
    const count = step ? Math.floor(secs / step.secs_per_unit) : secs;
    return this.text("span", { count, unit: step?.unit ?? "seconds" });
  }

  /** A day and time (Intl). */
  date(unixSecs: number): string {
    return new Intl.DateTimeFormat(this.language, { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(unixSecs * 1000),
    );
  }

  /** How the account is doing at `now` (Unix seconds); the countdown is worked out again each time. */
  health(account: AccountStatus, now: number): string {
    const h = account.health;
    switch (h.state) {
      case "needs_admin":
        return this.text("health-needs-admin", { reason: this.attention(h.reason) });
      case "expired_will_refresh":
        return this.text("health-expired");
      case "kept":
        return this.text("health-kept");
      case "works":
      case "expires_soon": {
        if (h.expires_at === null) return this.text("health-never-expires");
        const left = h.expires_at - now;
        if (left <= 0) return this.text("health-expired");
        const id = h.state === "works" && left > 600 ? "health-expires-in" : "health-expires-soon";
        return this.text(id, { span: this.span(left) });
      }
    }
  }
}

// Parsed once per language, when first asked for: the admin's own is usually the only one.
const made = new Map<Language, Catalog>();

/** The catalog for a locale such as "es-ES"; English when there is none. */
export function catalogFor(locale: string): Catalog {
  const wanted = locale.split(/[-_.@]/)[0]?.toLowerCase() ?? "";
  const language: Language = wanted in SOURCES ? (wanted as Language) : "en";
  let catalog = made.get(language);
  if (!catalog) {
    catalog = new Catalog(language);
    made.set(language, catalog);
  }
  return catalog;
}
