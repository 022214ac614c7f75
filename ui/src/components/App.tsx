// The window: applications with their accounts, the waiting panel while the browser is out, the
// dialogs, and a banner for how each action ended. All state that matters lives in Rust; the hooks
// hold what is on screen by concern (the list, the authorization, the banner, the accounts'
// actions), and this draws them.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, asErrorCode } from "../api.js";
import type { AppStatus, ErrorCode, Preferences, WindowEvent } from "../bindings.js";
import type { Open } from "../dialogs.js";
import { useAccountActions } from "../hooks/useAccountActions.js";
import { CARDS_AT_ONCE, useApplications } from "../hooks/useApplications.js";
import { useAuthorization } from "../hooks/useAuthorization.js";
import { useNotices } from "../hooks/useNotices.js";
import { type Catalog, catalogFor } from "../i18n/index.js";
import { Language } from "../language.js";
import { type Context, type Fix, remedyFor } from "../remedy.js";
import { AppCard } from "./AppCard.js";
import { AppDialog } from "./AppDialog.js";
import { Banner, type Remedy } from "./Banner.js";
import { Confirm } from "./Confirm.js";
import { Settings } from "./Settings.js";
import { ShareDialog } from "./ShareDialog.js";
import { Waiting } from "./Waiting.js";

const nowSecs = () => Math.floor(Date.now() / 1000);

export function App() {
  // The admin's language, known once the preferences are read: until then nothing is worded, so
  // the catalog is parsed once, in the language the admin reads.
  const [text, setText] = useState<Catalog | null>(null);
  const [systemLocale, setSystemLocale] = useState(navigator.language);
  const [prefs, setPrefs] = useState<Preferences>({ selected_app: null, company_token: false, language: null });
  const [open, setOpen] = useState<Open | null>(null);
  const [now, setNow] = useState(nowSecs());
  const notices = useNotices();

  // A failure's remedy may connect again or open Edit: what those reach is set below, each render.
  const late = useRef<{ apps: AppStatus[] | null; connect: (app: string, company: boolean) => Promise<void> }>({
    apps: null,
    connect: async () => undefined,
  });
  const toRemedy = (fix: Fix | undefined): Remedy | undefined => {
    switch (fix?.kind) {
      case undefined:
        return undefined;
      case "reconnect":
        return { label: "connect-again", run: () => void late.current.connect(fix.app, fix.company) };
      case "retry":
        return { label: "try-again", run: fix.run };
      case "edit": {
        const found = late.current.apps?.find((s) => s.app.name === fix.app);
        if (!found) return undefined;
        const edit: Open = { kind: "edit", app: found.app, connected: found.accounts.length > 0 };
        return { label: "edit", run: () => setOpen(edit) };
      }
    }
  };
  const explain = (code: ErrorCode, context: Context) => toRemedy(remedyFor(code, context));
  const fail = (e: unknown, context: Context = {}) => {
    const code = asErrorCode(e);
    notices.say("error", (text) => text.error(code), JSON.stringify(code, null, 2), explain(code, context));
  };

  const applications = useApplications(prefs.selected_app, fail);
  const authorization = useAuthorization({
    say: notices.say,
    fail,
    explain,
    refresh: applications.refresh,
    clearNotice: notices.clear,
    remember: (app, company) => {
      const next = { ...prefs, selected_app: app, company_token: company };
      setPrefs(next);
      // A convenience: a settings file that cannot be written must not stop the connection.
      void api.setPreferences(next).catch(() => undefined);
    },
  });
  late.current = { apps: applications.apps, connect: authorization.connect };
  const accounts = useAccountActions({
    list: applications.list,
    say: notices.say,
    fail,
    clearError: notices.clearError,
    refresh: applications.refresh,
    setOpen,
    forgetWaiting: (app) => {
      const waited = authorization.current();
      if (waited && (app === undefined || waited.app_name === app)) authorization.setWaiting(null);
    },
  });

  useEffect(() => {
    void (async () => {
      // A link may have arrived (and been handled) before this page listened: a cold start.
      const last = await api.subscribe((event: WindowEvent) => {
        if (event.event === "link") authorization.onLink(event.report);
        // A click on a notification: the same as pressing Connect.
        else if (event.event === "connect_again") void authorization.connect(event.app_name, event.company);
        else void authorization.checkOutcome();
        void applications.refresh();
      });
      if (last) authorization.report(last);
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
      setText(catalogFor(language ?? about.system_locale));
      await applications.refresh();
    })();
    const tick = window.setInterval(() => setNow(nowSecs()), 1000);
    return () => window.clearInterval(tick);
  }, []);

  useEffect(() => {
    if (!text) return;
    document.documentElement.lang = text.language;
    document.title = text.text("window-title");
  }, [text]);

  if (!text) return null;

  const savePreferences = async (next: Preferences) => {
    setPrefs(next);
    try {
      await api.setPreferences(next);
    } catch (e) {
      fail(e);
    }
  };
  const { list, apps, shown } = applications;
  const waiting = authorization.waiting;

  return (
    <Language.Provider value={text}>
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
      <Banner n={notices.n} notice={notices.notice} />
      <Waiting
        key={waiting?.state_hash ?? "none"}
        started={waiting}
        onPaste={(answer) => void authorization.paste(answer)}
        onCancel={() => void authorization.cancel()}
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
            selected={status.app.name === prefs.selected_app}
            now={now}
            keepAlive={applications.keepAlive}
            // Made once (see the hooks): a card is not drawn again for new handlers.
            onConnect={(company) => void authorization.connect(status.app.name, company)}
            onEdit={() => setOpen({ kind: "edit", app: status.app, connected: status.accounts.length > 0 })}
            onDelete={() => accounts.remove(status)}
            onAccount={(accountId, action) => accounts.onAccount(status, accountId, action)}
            reveal={(accountId) => accounts.reveal(status.app.name, accountId)}
          />
        ))}
        {list !== null && list.total_apps > shown && (
          <button type="button" class="secondary" data-action="show-more" onClick={applications.showMore}>
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
            notices.say("ok", (text) => text.text(added ? "done-added" : "done-saved", { name: saved.name }));
            void applications.refresh();
          }}
        />
      ) : null}
      {open?.kind === "share" && (
        <ShareDialog
          app={open.app}
          accountId={open.accountId}
          label={open.label(text)}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notices.say("ok", (text) => text.text("done-shared"));
            void applications.refresh();
          }}
        />
      )}
      {open?.kind === "settings" && (
        <Settings
          language={prefs.language}
          onLanguage={(language) => {
            setText(catalogFor(language ?? systemLocale));
            void savePreferences({ ...prefs, language });
          }}
          keepAlive={applications.keepAlive}
          onKeepAlive={(on) => {
            applications.setKeepAlive(on);
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
          onRemoveEverything={accounts.removeEverything}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === "confirm" && (
        <Confirm
          title={open.title(text)}
          body={open.body(text)}
          confirm={open.confirm(text)}
          {...(open.instead
            ? {
                instead: {
                  label: open.instead.label(text),
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
    </Language.Provider>
  );
}
