// The window's words, from the same Fluent catalogs as the command line (ui/i18n/*.ftl). The page
// never shows text from Rust: it gets codes with parameters and words them here. The catalogs'
// completeness (every message in every language, every code with its message) is tested in Rust.

import { FluentBundle, FluentResource } from "@fluent/bundle";
import en from "../../i18n/en.ftl";
import es from "../../i18n/es.ftl";
import type { AttentionReason, ErrorCode, Outcome } from "../bindings.js";
import { flatten, type Args } from "./args.js";
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

  /** Why an account needs the admin, as a short phrase. */
  attention(reason: AttentionReason): string {
    return this.text("attention", { reason });
  }
}

/** The catalog for a locale such as "es-ES"; English when there is none. */
export function catalogFor(locale: string): Catalog {
  const wanted = locale.split(/[-_.@]/)[0]?.toLowerCase() ?? "";
  return new Catalog(wanted in SOURCES ? (wanted as Language) : "en");
}
