// Adding an application, guided: where it lives, the button that opens Factorial's own "OAuth
// applications" page, the redirect URI to register there (with a copy button), then what Factorial
// shows: client ID and secret. Editing later changes only what may change (environment and client
// ID only until an account is connected). The form checks nothing itself: Rust does, and its answer
// names the field, which is marked here.

import { useState } from "preact/hooks";
import { api, asErrorCode } from "../api.js";
import type { AppProfile, Environment, ErrorCode, Field } from "../bindings.js";
import { DEFAULT_REDIRECT_URI, DEFAULT_REFRESH_LIFETIME_SECS, KNOWN_SCOPES } from "../bindings.js";
import { LIFE_UNITS, type LifeUnit, lifeField, lifeParts, scopesField } from "../form.js";
import type { MessageId } from "../i18n/ids.js";
import { useText } from "../language.js";
import { Dialog } from "./Dialog.js";

type Env = Environment["kind"];

/** What the environment choice sends: `production`, `demo`, or the base URL. */
const environmentValue = (env: Env, baseUrl: string) => (env === "custom" ? baseUrl.trim() : env);

/**
 * Scopes by what an HR admin looks for, in plain words first. Only how they are shown: the list
 * itself is Rust's (KNOWN_SCOPES), and a scope no group names is shown under "Other".
 */
const SCOPE_GROUPS: [string, readonly string[]][] = [
  [
    "people",
    [
      "employees",
      "contracts",
      "employee_updates",
      "documents",
      "custom_fields",
      "job_catalog",
      "company_locations",
      "company_legal_entities",
      "company_holidays",
    ],
  ],
  ["time", ["time_off", "time_tracking", "shift_management", "project_management_time"]],
  ["money", ["payroll", "payroll_supplements", "expenses", "finance", "banking", "project_management_expenses"]],
  ["talent", ["recruitment", "performance", "trainings"]],
  ["work", ["tasks", "posts", "project_management_projects"]],
  ["platform", ["integrations", "marketplace"]],
  ["older", ["read", "write"]],
];

function groupedScopes(known: readonly string[]): [string, string[]][] {
  const grouped = new Set(SCOPE_GROUPS.flatMap(([, scopes]) => scopes));
  const groups: [string, string[]][] = SCOPE_GROUPS.map(([group, scopes]) => [
    group,
    scopes.filter((s) => known.includes(s)),
  ]);
  groups.push(["other", known.filter((s) => !grouped.has(s))]);
  return groups.filter(([, scopes]) => scopes.length > 0);
}

export function AppDialog(props: {
  editing: AppProfile | null;
  /** Whether the edited application has an account: then environment and client ID are fixed. */
  connected: boolean;
  onDone: (saved: AppProfile, added: boolean) => void;
  onClose: () => void;
}) {
  const text = useText();
  const editing = props.editing;
  // Environment and client ID are shown when adding, and when editing before any account exists.
  const bindable = !editing || !props.connected;
  const current = editing?.environment;
  const [env, setEnv] = useState<Env>(current?.kind ?? "production");
  const currentBaseUrl = current?.kind === "custom" ? current.base_url : "";
  const [baseUrl, setBaseUrl] = useState(currentBaseUrl);
  const [name, setName] = useState(editing?.name ?? "");
  const [clientId, setClientId] = useState(editing?.client_id ?? "");
  const [secret, setSecret] = useState("");
  const [confidential, setConfidential] = useState(true);
  type Scope = (typeof KNOWN_SCOPES)[number];
  const known: readonly string[] = KNOWN_SCOPES;
  const isKnown = (s: string): s is Scope => known.includes(s);
  const [ticked, setTicked] = useState<string[]>(editing?.scopes.filter(isKnown) ?? []);
  const [other, setOther] = useState(editing?.scopes.filter((s) => !isKnown(s)).join(" ") ?? "");
  const currentLife = lifeParts(editing?.refresh_lifetime_secs ?? DEFAULT_REFRESH_LIFETIME_SECS);
  const [lifeAmount, setLifeAmount] = useState(currentLife.amount);
  const [lifeUnit, setLifeUnit] = useState<LifeUnit>(currentLife.unit);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [filter, setFilter] = useState("");
  const environment = environmentValue(env, baseUrl);
  const invalid = (field: Field) => (problem?.code === "invalid_input" && problem.field === field ? true : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      const scopes = scopesField(ticked, other);
      const sameEnvironment = current && environment === environmentValue(current.kind, currentBaseUrl);
      const life = lifeField(lifeAmount, lifeUnit);
      const saved = editing
        ? await api.updateApp(editing.name, {
            name: name.trim() === editing.name ? null : name,
            client_secret: secret.trim() ? secret : null,
            scopes: scopes === editing.scopes.join(" ") ? null : scopes,
            environment: !bindable || sameEnvironment ? null : environment,
            client_id: !bindable || clientId.trim() === editing.client_id ? null : clientId,
            refresh_lifetime_secs: life === editing.refresh_lifetime_secs ? null : life,
          })
        : await api.addApp({
            name,
            environment,
            client_id: clientId,
            client_secret: confidential ? secret : null,
            confidential,
            redirect_uri: "",
            scopes,
            refresh_lifetime_secs: life,
          });
      setSecret("");
      props.onDone(saved, editing === null);
    } catch (err) {
      setProblem(asErrorCode(err));
    }
  }

  async function outside(action: () => Promise<unknown>, done?: MessageId) {
    setProblem(null);
    try {
      await action();
      if (done) setNote(text.text(done));
    } catch (err) {
      setProblem(asErrorCode(err));
    }
  }

  return (
    <Dialog
      name="app"
      title={editing ? text.text("edit-title", { name: editing.name }) : text.text("add-title")}
      onClose={props.onClose}
    >
      <form onSubmit={(e) => void submit(e)} class="form">
        {bindable && (
          <>
            <fieldset>
              <legend>{text.text("label-environment")}</legend>
              {(["production", "demo", "custom"] as const).map((value) => (
                <label class="inline" key={value}>
                  <input
                    type="radio"
                    name="environment"
                    value={value}
                    checked={env === value}
                    onChange={() => setEnv(value)}
                  />{" "}
                  {text.text(`env-${value}`)}
                </label>
              ))}
              {env === "custom" && (
                <label>
                  {text.text("label-base-url")}
                  <input
                    id="app-base-url"
                    type="url"
                    placeholder="https://api.factorialhr.com"
                    value={baseUrl}
                    aria-invalid={invalid("environment")}
                    aria-describedby="app-base-url-help"
                    onInput={(e) => setBaseUrl(e.currentTarget.value)}
                  />
                </label>
              )}
              {env === "custom" && (
                <span class="help" id="app-base-url-help">
                  {text.text("base-url-help")}
                </span>
              )}
              {/* Every environment has the page; another server's is at its own address. */}
              <button
                type="button"
                class="secondary"
                data-action="open-factorial-page"
                onClick={() => void outside(() => api.openApplicationsPage(environment), "done-page-opened")}
              >
                {text.text(env === "custom" ? "open-server-page" : "open-factorial-page")}
              </button>
            </fieldset>
            <div class="field">
              <span class="label">{text.text("label-redirect-uri")}</span>
              <div class="row">
                <code class="url" id="app-redirect-uri">
                  {DEFAULT_REDIRECT_URI}
                </code>
                <button
                  type="button"
                  class="secondary"
                  data-action="copy-redirect-uri"
                  onClick={() => {
                    setCopied(false);
                    void outside(() => api.copyRedirectUri().then(() => setCopied(true)));
                  }}
                >
                  {text.text("copy")}
                </button>
              </div>
              {/* Said beside the button that was pressed, not at the foot of a long form. */}
              <p class="note small" role="status" data-copied={copied ? "" : undefined}>
                {copied ? text.text("done-redirect-copied") : ""}
              </p>
              <p class="help">{text.text("redirect-uri-help")}</p>
            </div>
          </>
        )}
        <label>
          {text.text("label-name")}
          <input
            id="app-name"
            value={name}
            aria-invalid={invalid("name")}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <span class="help">{text.text("name-help")}</span>
        </label>
        {bindable && (
          <label>
            {text.text("label-client-id")}
            <input
              id="app-client-id"
              value={clientId}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={invalid("client_id")}
              onInput={(e) => setClientId(e.currentTarget.value)}
            />
          </label>
        )}
        {!editing && (
          <label class="inline">
            <input
              id="app-confidential"
              type="checkbox"
              checked={confidential}
              onChange={(e) => setConfidential(e.currentTarget.checked)}
            />{" "}
            {text.text("label-confidential")}
            <span class="help">{text.text("confidential-help")}</span>
          </label>
        )}
        {(editing ? editing.confidential : confidential) && (
          <label>
            {text.text("label-client-secret")}
            <input
              id="app-client-secret"
              type="password"
              autocomplete="off"
              value={secret}
              aria-invalid={invalid("client_secret")}
              onInput={(e) => setSecret(e.currentTarget.value)}
            />
            <span class="help">{text.text(editing ? "new-secret-help" : "client-secret-help")}</span>
          </label>
        )}
        <fieldset class="scopes">
          <legend>{text.text("label-scopes")}</legend>
          <p class="help">{text.text("scopes-help")}</p>
          <label>
            {text.text("scopes-filter")}
            <input
              id="app-scopes-filter"
              type="search"
              value={filter}
              spellcheck={false}
              onInput={(e) => setFilter(e.currentTarget.value)}
            />
          </label>
          {(() => {
            const wanted = filter.trim().toLowerCase();
            const shown = groupedScopes(known)
              .map(([group, scopes]): [string, string[]] => [
                group,
                scopes.filter(
                  (scope) =>
                    !wanted ||
                    scope.toLowerCase().includes(wanted) ||
                    text
                      .text(`scope-${scope}` as MessageId)
                      .toLowerCase()
                      .includes(wanted),
                ),
              ])
              .filter(([, scopes]) => scopes.length > 0);
            if (shown.length === 0) return <p class="help">{text.text("scopes-filter-none", { filter })}</p>;
            return shown.map(([group, scopes]) => (
              // biome-ignore lint/a11y/useSemanticElements: inside the scopes' fieldset, a fieldset per group would draw a frame in a frame
              <div class="scope-group" key={group} role="group" aria-labelledby={`scope-group-${group}`}>
                <p class="scope-group-title" id={`scope-group-${group}`}>
                  {text.text("scope-group", { group })}
                </p>
                {scopes.map((scope) => (
                  <label class="scope" key={scope}>
                    <input
                      type="checkbox"
                      name="scope"
                      value={scope}
                      checked={ticked.includes(scope)}
                      onChange={(e) =>
                        setTicked(e.currentTarget.checked ? [...ticked, scope] : ticked.filter((s) => s !== scope))
                      }
                    />
                    <span>
                      {text.text(`scope-${scope}` as MessageId)} <code class="muted">{scope}</code>
                    </span>
                  </label>
                ))}
              </div>
            ));
          })()}
          <label>
            {text.text("scopes-other")}
            <input
              id="app-scopes-other"
              value={other}
              spellcheck={false}
              aria-invalid={invalid("scopes")}
              onInput={(e) => setOther(e.currentTarget.value)}
            />
          </label>
          {editing && <p class="help">{text.text("scopes-change-warning")}</p>}
        </fieldset>
        {/* Opened by the admin, or by Rust's answer naming the field inside. */}
        <details
          class="more"
          open={more || invalid("refresh_lifetime") === true}
          onToggle={(e) => setMore(e.currentTarget.open)}
        >
          <summary>{text.text("more-settings")}</summary>
          <div class="field">
            <label for="app-refresh-life">{text.text("label-refresh-life")}</label>
            <div class="row">
              <input
                id="app-refresh-life"
                type="number"
                step="any"
                inputMode="decimal"
                value={lifeAmount}
                aria-invalid={invalid("refresh_lifetime")}
                aria-describedby="app-refresh-life-help"
                onInput={(e) => setLifeAmount(e.currentTarget.value)}
              />
              <select
                id="app-refresh-life-unit"
                aria-label={text.text("label-refresh-life-unit")}
                value={lifeUnit}
                onChange={(e) => setLifeUnit(e.currentTarget.value as LifeUnit)}
              >
                {LIFE_UNITS.map((unit) => (
                  <option value={unit} key={unit}>
                    {text.text(`unit-${unit}`)}
                  </option>
                ))}
              </select>
            </div>
            <p class="help" id="app-refresh-life-help">
              {text.text("refresh-life-help")}
            </p>
          </div>
        </details>
        {editing && props.connected && <p class="help">{text.text("fixed-after-connect")}</p>}
        {note && !problem && (
          <p class="note" role="status">
            {note}
          </p>
        )}
        {problem && (
          <p class="problem" role="alert" data-problem={problem.code}>
            {text.error(problem)}
          </p>
        )}
        <div class="actions end sticky-actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            {text.text("cancel")}
          </button>
          <button type="submit" class="primary" data-action="save-app">
            {text.text(editing ? "save" : "add-submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
