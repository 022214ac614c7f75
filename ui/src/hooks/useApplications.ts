// The applications drawn: the first `shown` and the selected one, with the totals, and whether the
// keep-alive runs (its own setting, which the tray switches too). A long list grows on request, so
// the page stays quick with hundreds.

import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { AppList } from "../bindings.js";
import { useLatest } from "./latest.js";

/** How many application cards are drawn at first, and added by each "Show more". */
export const CARDS_AT_ONCE = 50;

export function useApplications(selected: string | null, fail: (e: unknown) => void) {
  const [list, setList] = useState<AppList | null>(null);
  const [keepAlive, setKeepAlive] = useState(true);
  const [shown, setShown] = useState(CARDS_AT_ONCE);
  const actions = useLatest({ selected, fail }, (get) => {
    // Asked for only as far as drawn, including what "Show more" just added.
    let asked = CARDS_AT_ONCE;
    const refresh = async () => {
      try {
        setList(await api.listApps(asked, get().selected));
        setKeepAlive(!(await api.keepAlivePaused()));
      } catch (e) {
        get().fail(e);
      }
    };
    return {
      refresh,
      showMore: () => {
        asked += CARDS_AT_ONCE;
        setShown(asked);
        void refresh();
      },
    };
  });
  return { list, apps: list?.apps ?? null, shown, keepAlive, setKeepAlive, ...actions };
}
