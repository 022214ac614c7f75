// The scopes of an application: Rust's list (KNOWN_SCOPES) in groups an HR admin looks for, a
// filter over the codes and their plain words, and a field for any scope the list does not name.

import { useState } from "preact/hooks";
import { KNOWN_SCOPES } from "../../bindings.js";
import type { MessageId } from "../../i18n/ids.js";
import { useText } from "../../language.js";

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

const known: readonly string[] = KNOWN_SCOPES;

/** Whether Rust's list names the scope (the others go in the free field). */
export const isKnownScope = (scope: string): boolean => known.includes(scope);

/**
 * The groups to show: each with the known scopes whose code or plain words (`wordOf`) contain the
 * filter, empty groups left out.
 */
export function shownScopes(filter: string, wordOf: (scope: string) => string): [string, string[]][] {
  const wanted = filter.trim().toLowerCase();
  const matches = (scope: string) =>
    !wanted || scope.toLowerCase().includes(wanted) || wordOf(scope).toLowerCase().includes(wanted);
  const grouped = new Set(SCOPE_GROUPS.flatMap(([, scopes]) => scopes));
  const groups: [string, string[]][] = SCOPE_GROUPS.map(([group, scopes]) => [
    group,
    scopes.filter((s) => known.includes(s)),
  ]);
  groups.push(["other", known.filter((s) => !grouped.has(s))]);
  return groups
    .map(([group, scopes]): [string, string[]] => [group, scopes.filter(matches)])
    .filter(([, scopes]) => scopes.length > 0);
}

export function ScopePicker(props: {
  ticked: string[];
  onTicked: (ticked: string[]) => void;
  other: string;
  onOther: (other: string) => void;
  /** Rust named the scopes as what to fix. */
  invalid: true | undefined;
  editing: boolean;
}) {
  const text = useText();
  const [filter, setFilter] = useState("");
  const { ticked, onTicked } = props;
  const shown = shownScopes(filter, (scope) => text.text(`scope-${scope}` as MessageId));
  return (
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
      {shown.length === 0 && <p class="help">{text.text("scopes-filter-none", { filter })}</p>}
      {shown.map(([group, scopes]) => (
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
                  onTicked(e.currentTarget.checked ? [...ticked, scope] : ticked.filter((s) => s !== scope))
                }
              />
              <span>
                {text.text(`scope-${scope}` as MessageId)} <code class="muted">{scope}</code>
              </span>
            </label>
          ))}
        </div>
      ))}
      <label>
        {text.text("scopes-other")}
        <input
          id="app-scopes-other"
          value={props.other}
          spellcheck={false}
          aria-invalid={props.invalid}
          onInput={(e) => props.onOther(e.currentTarget.value)}
        />
      </label>
      {props.editing && <p class="help">{text.text("scopes-change-warning")}</p>}
    </fieldset>
  );
}
