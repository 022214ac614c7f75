// What the add and edit forms send, made from what the admin ticked and typed. Checking it is
// Rust's job (one set of rules for the window and the command line).

/** The scopes ticked and the ones typed, as Rust reads them: space-separated, each once. */
export function scopesField(ticked: readonly string[], other: string): string {
  const all = [...ticked, ...other.split(/[\s,]+/)].filter((s) => s.length > 0);
  return [...new Set(all)].join(" ");
}
