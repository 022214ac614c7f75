// The window: applications with their accounts, the waiting panel while the browser is out, the
// dialogs, and a banner for how each action ended. All state that matters lives in Rust; this
// holds only what is on screen and calls the commands on clicks.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, asErrorCode } from "../api.js";
import type {
  AppList,
  AppProfile,
  AppStatus,
  CallbackReport,
  ErrorCode,
  Preferences,
  Started,
  WindowEvent,
} from "../bindings.js";
import { chooseLanguage, spanText, text } from "../text.js";
import type { AccountAction } from "./AccountRow.js";
import { AppCard } from "./AppCard.js";
import { AppDialog } from "./AppDialog.js";
import { Banner, type Notice, type Remedy } from "./Banner.js";
import { Confirm } from "./Confirm.js";
import { Settings } from "./Settings.js";
import { Waiting } from "./Waiting.js";

type Open =
  | { kind: "add" }
  | { kind: "settings" }
  | { kind: "edit"; app: AppProfile; connected: boolean }
  | {
      kind: "confirm";
      title: string;
      body: string;
      confirm: string;
      run: () => Promise<void>;
      instead?: { label: string; action: string; run: () => Promise<void> };
    };

const nowSecs = () => Math.floor(Date.now() / 1000);

/** How many application cards are drawn at first, and added by each "Show more". */
const CARDS_AT_ONCE = 50;

export function App() {
  // The applications drawn (the first `shown`, and the selected one), with the totals.
  const [list, setList] = useState<AppList | null>(null);
  const apps = list?.apps ?? null;
  // Read by handlers made once (the link listener): they need the list as it is now.
  const appsRef = useRef(apps);
  appsRef.current = apps;
  const [notice, setNotice] = useState<{ n: number; notice: Notice } | null>(null);
  const [waiting, setWaitingState] = useState<Started | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [prefs, setPrefs] = useState<Preferences>({
    selected_app: null,
    company_token: false,
    language: null,
  });
  // The keep-alive's pause is its own setting (the tray switches it too), read with the list.
  const [keepAlive, setKeepAlive] = useState(true);
  // Cards drawn so far: a long list grows on request, so the page stays quick with hundreds.
  // The list is asked for only as far as that (through the ref: the event feed's handler outlives
  // renders).
  const [shown, setShownState] = useState(CARDS_AT_ONCE);
  const shownRef = useRef(CARDS_AT_ONCE);
  const [systemLocale, setSystemLocale] = useState(navigator.language);
  // Bumped when the language changes, so every text is drawn again.
  const [, setLanguageTick] = useState(0);
  const selected = prefs.selected_app;
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  const [now, setNow] = useState(nowSecs());
  // The channel's handler outlives renders: it reads what is waited for through this.
  const waitingRef = useRef<Started | null>(null);

  const setWaiting = (started: Started | null) => {
    waitingRef.current = started;
    setWaitingState(started);
  };
  /** `said` is worded when drawn, so a language chosen later rewords what is already shown. */
  const say = (kind: Notice["kind"], said: () => string, details?: string, remedy?: Remedy) =>
    setNotice((last) => {
      const notice: Notice = { kind, text: said };
      if (details !== undefined) notice.details = details;
      if (remedy !== undefined) notice.remedy = remedy;
      return { n: (last?.n ?? 0) + 1, notice };
    });
  /** What went wrong, with the button that fixes it where the window has one. */
  /** `company`: the account the failure concerns holds a company token (Connect again asks for one). */
  type Context = { app?: string; company?: boolean; retry?: () => void };
  /** Takes down an error banner once something else is under way (a success has its own). */
  const clearError = () => setNotice((last) => (last?.notice.kind === "error" ? null : last));
  const fail = (e: unknown, context: Context = {}) => {
    const code = asErrorCode(e);
    say("error", () => text.error(code), JSON.stringify(code, null, 2), remedyFor(code, context));
  };
  const remedyFor = (code: ErrorCode, context: Context): Remedy | undefined => {
    const { app, retry } = context;
    const company = context.company ?? false;
    const reconnect = app ? { label: "connect-again" as const, run: () => void connectRef.current(app, company) } : undefined;
    const again = retry ? { label: "try-again" as const, run: retry } : undefined;
    const edit = () => {
      const found = appsRef.current?.find((s) => s.app.name === app);
      if (!found) return undefined;
      const edit = { kind: "edit" as const, app: found.app, connected: found.accounts.length > 0 };
      return { label: "edit" as const, run: () => setOpen(edit) };
    };
    switch (code.code) {
      case "reconnect_needed":
      case "token_rejected":
      case "code_refused":
      case "wait_timed_out":
      case "tokens_not_saved":
      case "not_refreshable":
        return reconnect;
      case "callback_rejected":
        return ["expired", "unknown_state", "replayed", "denied"].includes(code.problem.kind) ? reconnect : undefined;
      case "secret_missing":
        return code.secret === "tokens" ? reconnect : edit();
      case "provider_refused":
        return code.refusal.error === "invalid_client" ? edit() : again;
      // The remedy is in the application: its scopes, or its base URL.
      case "identity_refused":
      case "no_such_address":
        return edit();
      case "web_page_instead":
      case "network":
      case "timeout":
      case "server_error":
      case "bad_response":
      case "connection_lost":
      case "busy":
      case "keychain":
      case "clipboard":
        return again;
      default:
        return undefined;
    }
  };
  const reportCallback = (report: CallbackReport, app?: string) => {
    if (report.outcome.status === "failed") {
      fail(report.outcome.error, app === undefined ? {} : { app });
      return;
    }
    const outcome = report.outcome;
    if (outcome.status === "connected" && outcome.unidentified) {
      const remedy = remedyFor(outcome.unidentified, { app: outcome.app_name });
      say("info", () => text.outcome(outcome), undefined, remedy);
      return;
    }
    say(outcome.status === "connected" ? "ok" : "info", () => text.outcome(outcome));
  };

  const refresh = async () => {
    try {
      setList(await api.listApps(shownRef.current, selectedRef.current));
      setKeepAlive(!(await api.keepAlivePaused()));
    } catch (e) {
      fail(e);
    }
  };

  /** The authorization being waited for may have ended in another process (a CLI took its link). */
  const checkOutcome = async () => {
    const asked = waitingRef.current;
    if (!asked) return;
    try {
      const outcome = await api.authorizationOutcome(asked.state_hash);
      if (!outcome || waitingRef.current !== asked) return;
      setWaiting(null);
      reportCallback({ state_hash: asked.state_hash, outcome }, asked.app_name);
    } catch (e) {
      fail(e);
    }
  };

  // An authorization nobody answered in time ends here too, not only in the engine.
  useEffect(() => {
    if (!waiting) return;
    const left = waiting.expires_at * 1000 - Date.now();
    const expire = window.setTimeout(() => {
      if (waitingRef.current !== waiting) return;
      setWaiting(null);
      const waited = Math.max(0, Math.round(left / 1000));
      say("info", () => text.error({ code: "wait_timed_out", waited_secs: waited }));
    }, Math.max(left, 0));
    return () => window.clearTimeout(expire);
  }, [waiting]);

  useEffect(() => {
    void (async () => {
      // A link may have arrived (and been handled) before this page listened: a cold start.
      const last = await api.subscribe((event: WindowEvent) => {
        if (event.event === "link") {
          const report = event.report;
          // The panel closes only for the authorization it waits for.
          const own = waitingRef.current;
          if (own && report.state_hash === own.state_hash) {
            setWaiting(null);
            reportCallback(report, own.app_name);
          } else {
            reportCallback(report);
          }
        } else if (event.event === "connect_again") {
          // A click on a notification: the same as pressing Connect, with this render's state.
          void connectRef.current(event.app_name, event.company);
        } else {
          void checkOutcome();
        }
        void refresh();
      });
      if (last) reportCallback(last);
      const about = await api.about();
      setSystemLocale(about.system_locale);
      let language: string | null = null;
      try {
        const saved = await api.preferences();
        setPrefs(saved);
        language = saved.language;
      } catch {
        // Preferences are a convenience; the window works without them.
      }
      chooseLanguage(language ?? about.system_locale);
      setLanguageTick((n) => n + 1);
      await refresh();
    })();
    const tick = window.setInterval(() => setNow(nowSecs()), 1000);
    return () => window.clearInterval(tick);
  }, []);

  const connect = async (app: string, company: boolean) => {
    try {
      setNotice(null);
      // One authorization at a time from this window: the one it replaces must not stay open for
      // a late link to complete.
      const replaced = waitingRef.current;
      if (replaced) {
        setWaiting(null);
        await api.cancelAuthorization(replaced.state_hash);
      }
      const next = { ...prefs, selected_app: app, company_token: company };
      setPrefs(next);
      // A convenience: a settings file that cannot be written must not stop the connection.
      void api.setPreferences(next).catch(() => undefined);
      setWaiting(await api.startAuthorization(app, company));
    } catch (e) {
      fail(e);
    }
  };

  // The page's event feed is subscribed once; it reaches the current `connect` through this.
  const connectRef = useRef(connect);
  connectRef.current = connect;

  const paste = async (answer: string) => {
    try {
      const report = await api.completePasted(answer, waitingRef.current?.state_hash ?? null);
      setWaiting(null);
      reportCallback(report);
      await refresh();
    } catch (e) {
      // A bad paste keeps the panel open so the admin can try again.
      fail(e);
    }
  };

  const cancel = async () => {
    const hash = waitingRef.current?.state_hash;
    if (!hash) return;
    setWaiting(null);
    try {
      // Too late to cancel: the answer is already being exchanged, and its outcome arrives as usual.
      if (await api.cancelAuthorization(hash)) say("info", () => text.error({ code: "cancelled" }));
      else say("info", () => text.text("cancel-too-late"));
    } catch (e) {
      fail(e);
    }
  };

  const onAccount = (status: AppStatus, accountId: string, action: AccountAction) => {
    const app = status.app.name;
    const account = status.accounts.find((a) => a.id === accountId);
    const label = account?.label ?? accountId;
    const attempt = async (run: () => Promise<() => string>) => {
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
          return () => text.text("done-token-copied", { span: spanText(seconds) });
        });
      case "copy-for-scripts":
        return void attempt(async () => {
          await api.copyForScripts(app, accountId);
          return () => text.text("done-script-copied");
        });
      case "test":
        return void attempt(async () => {
          const who = await api.testAccount(app, accountId);
          const name = [who.name, who.email && `<${who.email}>`].filter(Boolean).join(" ");
          return () => text.text("done-test", { who: name || who.owner_id || label });
        });
      case "refresh":
        return void attempt(async () => {
          const record = await api.refreshAccount(app, accountId);
          const left = (record.access_expires_at ?? nowSecs()) - nowSecs();
          return () => text.text("done-refreshed", { span: spanText(Math.max(left, 0)) });
        });
      case "revoke":
      case "forget": {
        // Both ask first, in the same words: what happens, at Factorial or only here.
        const revoke = () =>
          attempt(async () => {
            await api.revokeAccount(app, accountId);
            return () => text.text("done-revoked");
          });
        if (action === "revoke") {
          return setOpen({
            kind: "confirm",
            title: text.text("revoke-title", { label }),
            body: text.text("revoke-body"),
            confirm: text.text("revoke"),
            run: revoke,
          });
        }
        // A company token never expires and acts for the whole company: once forgotten here,
        // nothing in this app can end it. Revoking is offered first.
        const liveCompany = account?.kind === "company" && account.health.state !== "needs_admin";
        const forget = async () => {
          try {
            await api.forgetAccount(app, accountId);
            if (liveCompany) say("info", () => text.text("done-forgotten-company"));
            else say("ok", () => text.text("done-forgotten"));
          } catch (e) {
            fail(e, { app });
          }
          await refresh();
        };
        return setOpen({
          kind: "confirm",
          title: text.text("forget-title", { label }),
          body: text.text(liveCompany ? "forget-company-body" : "forget-body"),
          confirm: text.text(liveCompany ? "forget-anyway" : "forget"),
          run: forget,
          ...(liveCompany ? { instead: { label: text.text("revoke"), action: "revoke", run: revoke } } : {}),
        });
      }
    }
  };

  const reveal = async (app: string, accountId: string): Promise<string | null> => {
    try {
      return await api.revealToken(app, accountId);
    } catch (e) {
      fail(e);
      return null;
    }
  };

  const savePreferences = async (next: Preferences) => {
    setPrefs(next);
    try {
      await api.setPreferences(next);
    } catch (e) {
      fail(e);
    }
  };

  const setLanguage = (language: string | null) => {
    chooseLanguage(language ?? systemLocale);
    setLanguageTick((n) => n + 1);
    return savePreferences({ ...prefs, language });
  };

  const removeEverything = () => {
    setOpen({
      kind: "confirm",
      title: text.text("remove-everything-title"),
      body: text.text("remove-everything-body", {
        apps: list?.total_apps ?? 0,
        accounts: list?.total_accounts ?? 0,
      }),
      confirm: text.text("remove-everything"),
      run: async () => {
        try {
          const removed = await api.removeEverything();
          setWaiting(null);
          say("ok", () => text.text("done-removed-everything", { apps: removed }));
        } catch (e) {
          fail(e);
        }
        await refresh();
      },
    });
  };

  const remove = (status: AppStatus) =>
    setOpen({
      kind: "confirm",
      title: text.text("delete-title", { name: status.app.name }),
      body: text.text("delete-body", { accounts: status.accounts.length }),
      confirm: text.text("delete"),
      run: async () => {
        try {
          await api.removeApp(status.app.name);
          // Its pending authorization went with it: nothing will answer the panel any more.
          if (waitingRef.current?.app_name === status.app.name) setWaiting(null);
          say("ok", () => text.text("done-deleted", { name: status.app.name }));
        } catch (e) {
          fail(e);
        }
        await refresh();
      },
    });

  const showMore = () => {
    shownRef.current += CARDS_AT_ONCE;
    setShownState(shownRef.current);
    void refresh();
  };

  // What the cards' buttons call, always this render's (cards keep the handlers they were drawn with).
  const cardActions = useRef({ connect, setOpen, remove, onAccount, reveal });
  cardActions.current = { connect, setOpen, remove, onAccount, reveal };

  return (
    <>
      <header class="top">
        <div>
          <h1>{text.text("window-title")}</h1>
          <p class="muted">{text.text("window-subtitle")}</p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" data-action="settings" onClick={() => setOpen({ kind: "settings" })}>
            {text.text("settings")}
          </button>
          <button type="button" class="primary" data-action="add-app" onClick={() => setOpen({ kind: "add" })}>
            {text.text("add-app")}
          </button>
        </div>
      </header>
      <Banner n={notice?.n ?? 0} notice={notice?.notice ?? null} />
      <Waiting
        key={waiting?.state_hash ?? "none"}
        started={waiting}
        onPaste={(answer) => void paste(answer)}
        onCancel={() => void cancel()}
      />
      <main id="apps" class="apps" aria-busy={apps === null}>
        {list !== null && list.total_apps === 0 && (
          <div class="empty">
            <h2>{text.text("empty-title")}</h2>
            <p>{text.text("empty-body")}</p>
            <button type="button" class="primary" onClick={() => setOpen({ kind: "add" })}>
              {text.text("add-app")}
            </button>
          </div>
        )}
        {apps?.map((status) => (
          <AppCard
            key={status.app.id}
            status={status}
            selected={status.app.name === selected}
            now={now}
            language={text.language}
            keepAlive={keepAlive}
            // Through `cardActions`: a card is not drawn again for new handlers (see AppCard).
            onConnect={(company) => void cardActions.current.connect(status.app.name, company)}
            onEdit={() =>
              cardActions.current.setOpen({ kind: "edit", app: status.app, connected: status.accounts.length > 0 })
            }
            onDelete={() => cardActions.current.remove(status)}
            onAccount={(accountId, action) => cardActions.current.onAccount(status, accountId, action)}
            reveal={(accountId) => cardActions.current.reveal(status.app.name, accountId)}
          />
        ))}
        {list !== null && list.total_apps > shown && (
          <button type="button" class="secondary" data-action="show-more" onClick={showMore}>
            {text.text("show-more-apps", {
              count: Math.min(CARDS_AT_ONCE, list.total_apps - shown),
              total: list.total_apps,
            })}
          </button>
        )}
      </main>
      {open?.kind === "add" || open?.kind === "edit" ? (
        <AppDialog
          editing={open.kind === "edit" ? open.app : null}
          connected={open.kind === "edit" && open.connected}
          onClose={() => setOpen(null)}
          onDone={(saved, added) => {
            setOpen(null);
            say("ok", () => text.text(added ? "done-added" : "done-saved", { name: saved.name }));
            void refresh();
          }}
        />
      ) : null}
      {open?.kind === "settings" && (
        <Settings
          language={prefs.language}
          onLanguage={(language) => void setLanguage(language)}
          keepAlive={keepAlive}
          onKeepAlive={(on) => {
            setKeepAlive(on);
            api.setKeepAlivePaused(!on).catch(fail);
          }}
          onStartAtLogin={async (on) => {
            try {
              await api.setStartAtLogin(on);
            } catch (e) {
              fail(e);
            }
            return api.startAtLogin();
          }}
          onRemoveEverything={removeEverything}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === "confirm" && (
        <Confirm
          title={open.title}
          body={open.body}
          confirm={open.confirm}
          {...(open.instead
            ? {
                instead: {
                  label: open.instead.label,
                  action: open.instead.action,
                  run: () => {
                    const run = open.instead?.run;
                    setOpen(null);
                    if (run) void run();
                  },
                },
              }
            : {})}
          onClose={() => setOpen(null)}
          onConfirm={() => {
            const run = open.run;
            setOpen(null);
            void run();
          }}
        />
      )}
    </>
  );
}
