// The banner's message: how the last action ended, worded when drawn (a language chosen later
// rewords it), numbered so the banner knows a new one from the same one drawn again.

import { useState } from "preact/hooks";
import type { Notice, Remedy } from "../components/Banner.js";
import type { Catalog } from "../i18n/index.js";

export type Say = (kind: Notice["kind"], said: (text: Catalog) => string, details?: string, remedy?: Remedy) => void;

export function useNotices() {
  const [shown, setShown] = useState<{ n: number; notice: Notice } | null>(null);
  const say: Say = (kind, said, details, remedy) =>
    setShown((last) => {
      const notice: Notice = { kind, text: said };
      if (details !== undefined) notice.details = details;
      if (remedy !== undefined) notice.remedy = remedy;
      return { n: (last?.n ?? 0) + 1, notice };
    });
  return {
    n: shown?.n ?? 0,
    notice: shown?.notice ?? null,
    say,
    /** Takes down an error once something else is under way (a success has its own message). */
    clearError: () => setShown((last) => (last?.notice.kind === "error" ? null : last)),
    clear: () => setShown(null),
  };
}
