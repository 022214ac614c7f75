// The page's own logic, without a window: how spans and health read, what the forms send, how a
// code's parameters become a message's variables, and that every code reads in every language.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { AccountStatus, ErrorCode, Health } from "../src/bindings.js";
import { lifeField, lifeParts, scopesField } from "../src/form.js";
import { flatten } from "../src/i18n/args.js";
import { catalogFor } from "../src/i18n/index.js";
import { chooseLanguage, healthText, spanText } from "../src/text.js";

const account = (health: Health): AccountStatus => ({
  app_id: "a",
  id: "user-1",
  kind: "user",
  label: "Ana",
  email: null,
  company_id: null,
  scopes: [],
  connected_at: 0,
  access_expires_at: null,
  has_refresh_token: true,
  refreshed_at: null,
  needs_reconnect: null,
  health,
  refresh_expires_at: null,
  keep_alive_at: null,
});

test("spans read like a person would say them, in each language", () => {
  chooseLanguage("en");
  assert.equal(spanText(30), "30 s");
  assert.equal(spanText(3600), "60 min");
  assert.equal(spanText(7200), "2 h");
  assert.equal(spanText(86_400 * 3), "3 days");
  chooseLanguage("es-ES");
  assert.equal(spanText(86_400 * 3), "3 días");
  chooseLanguage("en");
});

test("health counts down from what the list said", () => {
  chooseLanguage("en");
  const now = 1_000_000;
  assert.equal(
    healthText(account({ state: "works", expires_at: now + 42 * 60 }), now),
    "Works, expires in 42 min",
  );
  // Read again later: the same account, less time left.
  assert.equal(
    healthText(account({ state: "works", expires_at: now + 42 * 60 }), now + 40 * 60),
    "Expires in 2 min; refreshed on next use",
  );
  assert.equal(healthText(account({ state: "works", expires_at: now - 1 }), now), "Expired; refreshed on next use");
  assert.equal(healthText(account({ state: "works", expires_at: null }), now), "Works, never expires");
  assert.match(
    healthText(account({ state: "needs_admin", reason: "refused" }), now),
    /^Needs you to connect again: Factorial refused its tokens/,
  );
});

test("the scopes field is what was ticked and typed, each once", () => {
  assert.equal(scopesField(["employees"], " time_off, employees  payroll"), "employees time_off payroll");
  assert.equal(scopesField([], "   "), "");
});

test("the refresh-token life is shown in its largest whole unit and sent in seconds", () => {
  assert.deepEqual(lifeParts(7 * 86_400), { amount: "7", unit: "days" });
  assert.deepEqual(lifeParts(36 * 3600), { amount: "36", unit: "hours" });
  assert.deepEqual(lifeParts(90), { amount: "1.5", unit: "minutes" });
  assert.equal(lifeField("7", "days"), 604_800);
  assert.equal(lifeField("1.5", "hours"), 5400);
  // Empty (what the browser gives for anything not a number) is refused by Rust, never dropped.
  assert.equal(lifeField(" ", "days"), 0);
  // Out of range or not a number: sent for Rust to refuse, never dropped or turned into NaN.
  assert.equal(lifeField("-3", "days"), 0);
  assert.equal(lifeField("abc", "days"), 0);
  assert.equal(lifeField("1e400", "days"), Number.MAX_SAFE_INTEGER);
});

test("a code's parameters become variables by the command line's rule", () => {
  const args = flatten({
    code: "callback_rejected",
    problem: { kind: "malformed", why: { why: "repeated_parameter", name: "state" } },
  });
  assert.equal(args["kind"], "malformed");
  assert.equal(args["why"], "repeated_parameter");
  assert.equal(args["name"], "state");
  const more = flatten({ code: "code_refused", description: null, known: ["A", "B"], revoked: true });
  assert.equal(more["has_description"], "no");
  assert.equal(more["known"], "A, B");
  assert.equal(more["has_known"], "yes");
  assert.equal(more["revoked"], "true");
});

test("every code reads in every language, with nothing left unresolved", () => {
  const examples = JSON.parse(readFileSync(new URL("../test/error-examples.json", import.meta.url), "utf8")) as ErrorCode[];
  assert.ok(examples.length > 100, `only ${examples.length} examples`);
  for (const language of ["en", "es"]) {
    const catalog = catalogFor(language);
    const unknown = catalog.error({ code: "unknown" });
    for (const code of examples) {
      const said = catalog.error(code);
      // A code without its own message would read as the unknown one.
      if (code.code !== "unknown") assert.notEqual(said, unknown, `${language} ${code.code}`);
      assert.ok(said.length > 10, `${language} ${code.code}: ${said}`);
      assert.ok(!said.includes("{") && !said.startsWith("error-"), `${language} ${code.code}: ${said}`);
    }
  }
  // A code from a newer version still reads as something.
  assert.match(catalogFor("en").error({ code: "from_the_future" } as unknown as ErrorCode), /cannot describe/);
});
