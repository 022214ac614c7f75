// The page's own logic, without a window: how spans and health read, what the forms send, how a
// code's parameters become a message's variables, and that every code reads in every language.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { type AccountStatus, type ErrorCode, type Health, KNOWN_SCOPES } from "../src/bindings.js";
import { shownScopes } from "../src/components/app-dialog/ScopePicker.js";
import { lifeField, lifeParts, scopesField } from "../src/form.js";
import { flatten } from "../src/i18n/args.js";
import type { MessageId } from "../src/i18n/ids.js";
import { catalogFor } from "../src/i18n/index.js";
import { remedyFor } from "../src/remedy.js";

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
  const en = catalogFor("en");
  assert.equal(en.span(30), "30 s");
  assert.equal(en.span(3600), "60 min");
  assert.equal(en.span(7200), "2 h");
  assert.equal(en.span(86_400 * 3), "3 days");
  assert.equal(catalogFor("es-ES").span(86_400 * 3), "3 días");
});

test("health counts down from what the list said", () => {
  const healthText = (a: AccountStatus, now: number) => catalogFor("en").health(a, now);
  const now = 1_000_000;
  assert.equal(healthText(account({ state: "works", expires_at: now + 42 * 60 }), now), "Works, expires in 42 min");
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

test("every scope Rust knows is offered once, and the filter finds it by code or by plain words", () => {
  const es = catalogFor("es");
  const word = (scope: string) => es.text(`scope-${scope}` as MessageId);
  const offered = shownScopes("", word).flatMap(([, scopes]) => scopes);
  assert.deepEqual([...offered].sort(), [...KNOWN_SCOPES].sort());
  assert.deepEqual(shownScopes("nómina", word), [["money", ["payroll", "payroll_supplements"]]]);
  assert.deepEqual(
    shownScopes("  TIME_OFF ", word).flatMap(([, s]) => s),
    ["time_off"],
  );
  assert.deepEqual(shownScopes("no such scope", word), []);
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
  assert.equal(args.kind, "malformed");
  assert.equal(args.why, "repeated_parameter");
  assert.equal(args.name, "state");
  const more = flatten({ code: "code_refused", description: null, known: ["A", "B"], revoked: true });
  assert.equal(more.has_description, "no");
  assert.equal(more.known, "A, B");
  assert.equal(more.has_known, "yes");
  assert.equal(more.revoked, "true");
});

test("every code reads in every language, with nothing left unresolved", () => {
  const examples = JSON.parse(
    readFileSync(new URL("../test/error-examples.json", import.meta.url), "utf8"),
  ) as ErrorCode[];
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

test("each failure offers the button that fixes it, for the account it concerns", () => {
  const retry = () => undefined;
  const context = { app: "Payroll", company: true, retry };
  // Factorial refused the tokens: connect again, as the same kind of account.
  assert.deepEqual(remedyFor({ code: "reconnect_needed", description: null }, context), {
    kind: "reconnect",
    app: "Payroll",
    company: true,
  });
  assert.deepEqual(remedyFor({ code: "reconnect_needed", description: null }, { app: "HR" }), {
    kind: "reconnect",
    app: "HR",
    company: false,
  });
  // The remedy is in the application: its scopes, its secret, its base URL.
  for (const code of [
    { code: "identity_refused", app: "Payroll", scope: "employees", description: null },
    { code: "secret_missing", app: "Payroll", secret: "client_secret" },
    { code: "provider_refused", refusal: { error: "invalid_client", description: null } },
  ] as ErrorCode[]) {
    assert.deepEqual(remedyFor(code, context), { kind: "edit", app: "Payroll" }, code.code);
  }
  // What may pass by itself: try again, when there is something to try again.
  assert.deepEqual(remedyFor({ code: "network", host: "api.factorialhr.com" } as ErrorCode, context), {
    kind: "retry",
    run: retry,
  });
  assert.equal(remedyFor({ code: "network", host: "api.factorialhr.com" } as ErrorCode, {}), undefined);
  // Nothing in the window fixes a name already taken, or a link nobody asked for.
  assert.equal(remedyFor({ code: "app_exists", name: "Payroll" }, context), undefined);
  assert.equal(
    remedyFor(
      {
        code: "callback_rejected",
        problem: { kind: "malformed", why: { why: "link_without_state" } },
        from_link: true,
      },
      context,
    ),
    undefined,
  );
});
