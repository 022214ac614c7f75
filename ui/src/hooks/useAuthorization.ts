// One authorization at a time from this window: started on Connect, waited for while the browser
// is out, ended by the link (through the channel), a paste, Cancel, its expiry, or another process
// (a command line that took its link).

import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { CallbackReport, ErrorCode, Started } from "../bindings.js";
import type { Context } from "../remedy.js";
import { useLatest } from "./latest.js";
import type { Say } from "./useNotices.js";

type Deps = {
  say: Say;
  fail: (e: unknown, context?: Context) => void;
  /** The unidentified account's remedy: the same as a failure's. */
  explain: (code: ErrorCode, context: Context) => Parameters<Say>[3];
  refresh: () => Promise<void>;
  /** Remembers the application and kind last connected (the window opens on them). */
  remember: (app: string, company: boolean) => void;
  clearNotice: () => void;
};

export function useAuthorization(deps: Deps) {
  const [waiting, setWaitingState] = useState<Started | null>(null);
  const actions = useLatest(deps, (get) => {
    // Read by the channel's handler, which outlives renders.
    let current: Started | null = null;
    const setWaiting = (started: Started | null) => {
      current = started;
      setWaitingState(started);
    };
    const report = (report: CallbackReport, app?: string) => {
      const { say, fail, explain } = get();
      const outcome = report.outcome;
      if (outcome.status === "failed") return fail(outcome.error, app === undefined ? {} : { app });
      if (outcome.status === "connected" && outcome.unidentified) {
        const remedy = explain(outcome.unidentified, { app: outcome.app_name });
        return say("info", (text) => text.outcome(outcome), undefined, remedy);
      }
      say(outcome.status === "connected" ? "ok" : "info", (text) => text.outcome(outcome));
    };
    return {
      current: () => current,
      setWaiting,
      /** A link's report: the panel closes only for the authorization it waits for. */
      onLink: (linked: CallbackReport) => {
        const own = current;
        if (own && linked.state_hash === own.state_hash) {
          setWaiting(null);
          report(linked, own.app_name);
        } else {
          report(linked);
        }
      },
      report,
      /** The authorization waited for may have ended in another process. */
      checkOutcome: async () => {
        const asked = current;
        if (!asked) return;
        try {
          const outcome = await api.authorizationOutcome(asked.state_hash);
          if (!outcome || current !== asked) return;
          setWaiting(null);
          report({ state_hash: asked.state_hash, outcome }, asked.app_name);
        } catch (e) {
          get().fail(e);
        }
      },
      connect: async (app: string, company: boolean) => {
        try {
          get().clearNotice();
          // The authorization it replaces must not stay open for a late link to complete.
          const replaced = current;
          if (replaced) {
            setWaiting(null);
            await api.cancelAuthorization(replaced.state_hash);
          }
          get().remember(app, company);
          setWaiting(await api.startAuthorization(app, company));
        } catch (e) {
          get().fail(e);
        }
      },
      paste: async (answer: string) => {
        try {
          const pasted = await api.completePasted(answer, current?.state_hash ?? null);
          setWaiting(null);
          report(pasted);
          await get().refresh();
        } catch (e) {
          // A bad paste keeps the panel open so the admin can try again.
          get().fail(e);
        }
      },
      cancel: async () => {
        const hash = current?.state_hash;
        if (!hash) return;
        setWaiting(null);
        try {
          // Too late to cancel: the answer is already being exchanged, and its outcome arrives.
          if (await api.cancelAuthorization(hash)) get().say("info", (text) => text.error({ code: "cancelled" }));
          else get().say("info", (text) => text.text("cancel-too-late"));
        } catch (e) {
          get().fail(e);
        }
      },
    };
  });

  // An authorization nobody answered in time ends here too, not only in the engine.
  useEffect(() => {
    if (!waiting) return;
    const left = waiting.expires_at * 1000 - Date.now();
    const expire = window.setTimeout(
      () => {
        if (actions.current() !== waiting) return;
        actions.setWaiting(null);
        const waited = Math.max(0, Math.round(left / 1000));
        deps.say("info", (text) => text.error({ code: "wait_timed_out", waited_secs: waited }));
      },
      Math.max(left, 0),
    );
    return () => window.clearTimeout(expire);
  }, [waiting]);

  return { waiting, ...actions };
}
