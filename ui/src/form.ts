// What the add and edit forms send, made from what the admin ticked and typed. Checking it is
// Rust's job (one set of rules for the window and the command line).

/** The scopes ticked and the ones typed, as Rust reads them: space-separated, each once. */
export function scopesField(ticked: readonly string[], other: string): string {
  const all = [...ticked, ...other.split(/[\s,]+/)].filter((s) => s.length > 0);
  return [...new Set(all)].join(" ");
}

/** The units the refresh-token life is written in. */
export const LIFE_UNITS = ["minutes", "hours", "days"] as const;
export type LifeUnit = (typeof LIFE_UNITS)[number];
const UNIT_SECS: Record<LifeUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

/** A refresh-token life as the form shows it: in the largest unit it is a whole number of. */
export function lifeParts(secs: number): { amount: string; unit: LifeUnit } {
  const unit = [...LIFE_UNITS].reverse().find((u) => secs % UNIT_SECS[u] === 0) ?? "minutes";
  return { amount: String(secs / UNIT_SECS[unit]), unit };
}

/**
 * What the form sends for a refresh-token life, in whole seconds. An input of type number is empty
 * for anything that is not a number, and the field starts filled in, so empty is sent as 0 for Rust
 * to refuse and name the field, never taken for "the default" or "unchanged"; so is a negative amount.
 */
export function lifeField(amount: string, unit: LifeUnit): number {
  if (amount.trim() === "") return 0;
  const secs = Math.round(Number(amount) * UNIT_SECS[unit]);
  if (Number.isNaN(secs)) return 0;
  return Math.min(Math.max(secs, 0), Number.MAX_SAFE_INTEGER);
}
