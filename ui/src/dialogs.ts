// Which dialog is open over the window, with what it needs.

import type { AppProfile } from "./bindings.js";
import type { Catalog } from "./i18n/index.js";

/** Words drawn in the language of the moment. */
type Words = (text: Catalog) => string;

export type Open =
  | { kind: "add" }
  | { kind: "settings" }
  | { kind: "edit"; app: AppProfile; connected: boolean }
  | { kind: "share"; app: string; accountId: string; label: Words }
  | {
      kind: "confirm";
      title: Words;
      body: Words;
      confirm: Words;
      run: () => Promise<void>;
      instead?: { label: Words; action: string; run: () => Promise<void> };
    };
