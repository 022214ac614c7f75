// The variables of an `error-<code>` message, made from the code's parameters by the rule the
// command line follows too (crates/connect-cli/src/i18n.rs): nested values by their own names, lists joined
// with ", ", and `has_<name>` = "yes" or "no" for whether a value is given.

import type { FluentVariable } from "@fluent/bundle";

export type Args = Record<string, FluentVariable>;

export function flatten(fields: object, args: Args = {}): Args {
  for (const [name, value] of Object.entries(fields)) {
    const given = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
    args[`has_${name}`] = given ? "yes" : "no";
    if (Array.isArray(value)) {
      args[name] = value.map(String).join(", ");
    } else if (typeof value === "object" && value !== null) {
      flatten(value as object, args);
    } else if (typeof value === "boolean") {
      args[name] = value ? "true" : "false";
    } else if (typeof value === "string" || typeof value === "number") {
      args[name] = value;
    }
  }
  return args;
}
