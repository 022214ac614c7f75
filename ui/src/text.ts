// The admin's language for this page, and the few things words are made from here: spans of
// time (counted by the same steps as the command line), dates (Intl), an account's health.

import { SPAN_STEPS } from "./bindings.js";
import type { AccountStatus } from "./bindings.js";
import { catalogFor } from "./i18n/index.js";

/**
 * The admin's language: the one chosen in Settings, else the system's (as Rust reads it, like the
 * command line). A live binding: `chooseLanguage` replaces it and the tree renders again.
 */
export let text = catalogFor(typeof navigator === "undefined" ? "en" : navigator.language);

export function chooseLanguage(locale: string): void {
  text = catalogFor(locale);
  if (typeof document !== "undefined") {
    document.documentElement.lang = text.language;
    document.title = text.text("window-title");
  }
}

/** "42 min", "3 h", "2 days": a span of seconds by the steps shared with the command line. */
export function spanText(secs: number): string {
  const step = SPAN_STEPS.find((s) => secs < s.below) ?? SPAN_STEPS[SPAN_STEPS.length - 1];
  const count = step ? Math.floor(secs / step.secs_per_unit) : secs;
  return text.text("span", { count, unit: step?.unit ?? "seconds" });
}

/** A day and time in the admin's language. */
export function dateText(unixSecs: number): string {
  return new Intl.DateTimeFormat(text.language, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(unixSecs * 1000),
  );
}

/** How the account is doing at `now` (Unix seconds); the countdown is worked out again each time. */
export function healthText(account: AccountStatus, now: number): string {
  const h = account.health;
  switch (h.state) {
    case "needs_admin":
      return text.text("health-needs-admin", { reason: text.attention(h.reason) });
    case "expired_will_refresh":
      return text.text("health-expired");
    case "works":
    case "expires_soon": {
      if (h.expires_at === null) return text.text("health-never-expires");
      const left = h.expires_at - now;
      if (left <= 0) return text.text("health-expired");
      const id = h.state === "works" && left > 600 ? "health-expires-in" : "health-expires-soon";
      return text.text(id, { span: spanText(left) });
    }
  }
}
