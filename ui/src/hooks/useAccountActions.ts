// What the cards' buttons do to accounts and applications: each action runs, says how it ended, and
// draws the list again; what cannot be undone asks first.

import { api } from "../api.js";
import type { AppList, AppStatus } from "../bindings.js";
import type { AccountAction } from "../components/AccountRow.js";
import type { Open } from "../dialogs.js";
import type { Catalog } from "../i18n/index.js";
import type { Context } from "../remedy.js";
import { useLatest } from "./latest.js";
import type { Say } from "./useNotices.js";

type Deps = {
  list: AppList | null;
  say: Say;
  fail: (e: unknown, context?: Context) => void;
  clearError: () => void;
  refresh: () => Promise<void>;
  setOpen: (open: Open | null) => void;
  /** Ends the waiting panel of an application that is gone. */
  forgetWaiting: (app?: string) => void;
};

const nowSecs = () => Math.floor(Date.now() / 1000);

export function useAccountActions(deps: Deps) {
  return useLatest(deps, (get) => {
    const onAccount = (status: AppStatus, accountId: string, action: AccountAction): void => {
      const { say, fail, clearError, refresh, setOpen } = get();
      const app = status.app.name;
      const account = status.accounts.find((a) => a.id === accountId);
      const label = (text: Catalog) => (account ? text.accountLabel(account) : accountId);
      const attempt = async (run: () => Promise<(text: Catalog) => string>) => {
        // A new action: an earlier error no longer stands.
        clearError();
        try {
          say("ok", await run());
        } catch (e) {
          fail(e, { app, company: account?.kind === "company", retry: () => onAccount(status, accountId, action) });
        }
        await refresh();
      };
      switch (action) {
        case "copy-token":
          return void attempt(async () => {
            const seconds = await api.copyToken(app, accountId);
            return (text) => text.text("done-token-copied", { span: text.span(seconds) });
          });
        case "copy-for-scripts":
          return void attempt(async () => {
            await api.copyForScripts(app, accountId);
            return (text) => text.text("done-script-copied");
          });
        case "test":
          return void attempt(async () => {
            const who = await api.testAccount(app, accountId);
            const name = [who.name, who.email && `<${who.email}>`].filter(Boolean).join(" ");
            return (text) => text.text("done-test", { who: name || who.owner_id || label(text) });
          });
        case "refresh":
          return void attempt(async () => {
            const record = await api.refreshAccount(app, accountId);
            const left = Math.max((record.access_expires_at ?? nowSecs()) - nowSecs(), 0);
            return (text) => text.text("done-refreshed", { span: text.span(left) });
          });
        case "share":
          setOpen({ kind: "share", app, accountId, label });
          return;
        case "test-sharing":
          return void attempt(async () => {
            await api.testSharing(app, accountId);
            return (text) => text.text("done-sharing-tested");
          });
        case "stop-sharing":
          setOpen({
            kind: "confirm",
            title: (text) => text.text("stop-sharing-title", { label: label(text) }),
            body: (text) => text.text("stop-sharing-body"),
            confirm: (text) => text.text("stop-sharing"),
            run: () =>
              attempt(async () => {
                await api.unshareAccount(app, accountId);
                return (text) => text.text("done-sharing-stopped");
              }),
          });
          return;
        case "hand-over":
          setOpen({
            kind: "confirm",
            title: (text) => text.text("hand-over-title", { label: label(text) }),
            body: (text) => text.text("hand-over-body"),
            confirm: (text) => text.text("hand-over"),
            run: () =>
              attempt(async () => {
                await api.handOverAccount(app, accountId);
                return (text) => text.text("done-handed-over");
              }),
          });
          return;
        case "revoke":
        case "forget": {
          // Both ask first, in the same words: what happens, at Factorial or only here.
          const revoke = () =>
            attempt(async () => {
              await api.revokeAccount(app, accountId);
              return (text) => text.text("done-revoked");
            });
          if (action === "revoke") {
            setOpen({
              kind: "confirm",
              title: (text) => text.text("revoke-title", { label: label(text) }),
              body: (text) => text.text("revoke-body"),
              confirm: (text) => text.text("revoke"),
              run: revoke,
            });
            return;
          }
          // A company token never expires and acts for the whole company: once forgotten here,
          // nothing in this app can end it. Revoking is offered first.
          const liveCompany = account?.kind === "company" && account.health.state !== "needs_admin";
          const forget = async () => {
            try {
              await api.forgetAccount(app, accountId);
              if (liveCompany) say("info", (text) => text.text("done-forgotten-company"));
              else say("ok", (text) => text.text("done-forgotten"));
            } catch (e) {
              fail(e, { app });
            }
            await refresh();
          };
          setOpen({
            kind: "confirm",
            title: (text) => text.text("forget-title", { label: label(text) }),
            body: (text) => text.text(liveCompany ? "forget-company-body" : "forget-body"),
            confirm: (text) => text.text(liveCompany ? "forget-anyway" : "forget"),
            run: forget,
            ...(liveCompany
              ? { instead: { label: (text) => text.text("revoke"), action: "revoke", run: revoke } }
              : {}),
          });
        }
      }
    };

    return {
      onAccount,
      reveal: async (app: string, accountId: string): Promise<string | null> => {
        try {
          return await api.revealToken(app, accountId);
        } catch (e) {
          get().fail(e);
          return null;
        }
      },
      remove: (status: AppStatus) => {
        const { setOpen } = get();
        setOpen({
          kind: "confirm",
          title: (text) => text.text("delete-title", { name: status.app.name }),
          body: (text) => text.text("delete-body", { accounts: status.accounts.length }),
          confirm: (text) => text.text("delete"),
          run: async () => {
            const { say, fail, refresh, forgetWaiting } = get();
            try {
              await api.removeApp(status.app.name);
              // Its pending authorization went with it: nothing will answer the panel any more.
              forgetWaiting(status.app.name);
              say("ok", (text) => text.text("done-deleted", { name: status.app.name }));
            } catch (e) {
              fail(e);
            }
            await refresh();
          },
        });
      },
      removeEverything: () => {
        const { list, setOpen } = get();
        setOpen({
          kind: "confirm",
          title: (text) => text.text("remove-everything-title"),
          body: (text) =>
            text.text("remove-everything-body", {
              apps: list?.total_apps ?? 0,
              accounts: list?.total_accounts ?? 0,
            }),
          confirm: (text) => text.text("remove-everything"),
          run: async () => {
            const { say, fail, refresh, forgetWaiting } = get();
            try {
              const removed = await api.removeEverything();
              forgetWaiting();
              say("ok", (text) => text.text("done-removed-everything", { apps: removed }));
            } catch (e) {
              fail(e);
            }
            await refresh();
          },
        });
      },
    };
  });
}
