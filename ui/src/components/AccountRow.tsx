// One connected account: who it is, what kind of token, its scopes, when it was connected, a live
// countdown, and what can be done with it. The token itself stays in Rust unless Reveal is pressed.

import { useEffect, useState } from "preact/hooks";
import type { AccountStatus, AppProfile, Sharing } from "../bindings.js";
import type { MessageId } from "../i18n/ids.js";
import { useText } from "../language.js";

/** How long a revealed token stays on screen. */
const REVEAL_MS = 30_000;

/**
 * What of `now` the row shows: the countdown's unit count (it reads in minutes until the last
 * one) and whether the next keep-alive is already due. Two moments with the same key draw the same
 * row.
 */
export function timeShown(account: AccountStatus, now: number): string {
  const h = account.health;
  const left = "expires_at" in h && h.expires_at !== null ? h.expires_at - now : 0;
  const countdown = left <= 0 ? "over" : left < 120 ? String(left) : String(Math.floor(left / 60));
  const keepAliveDue = account.keep_alive_at !== null && account.keep_alive_at <= now;
  return keepAliveDue ? `${countdown} ${Math.floor(now / 60)}` : countdown;
}

export type AccountAction =
  | "copy-token"
  | "copy-for-scripts"
  | "test"
  | "refresh"
  | "revoke"
  | "forget"
  | "share"
  | "test-sharing"
  | "stop-sharing"
  | "hand-over";

export function AccountRow(props: {
  app: AppProfile;
  account: AccountStatus;
  now: number;
  keepAlive: boolean;
  onAction: (action: AccountAction) => void;
  reveal: () => Promise<string | null>;
}) {
  const text = useText();
  const { account } = props;
  const [revealed, setRevealed] = useState<string | null>(null);
  useEffect(() => {
    if (revealed === null) return;
    const hide = window.setTimeout(() => setRevealed(null), REVEAL_MS);
    return () => window.clearTimeout(hide);
  }, [revealed]);
  // Every row has the same buttons: each names its account to a screen reader.
  const labelId = `account-${props.app.id}-${account.id}`;
  const button = (action: AccountAction, label: MessageId, kind = "secondary") => (
    <button
      type="button"
      class={kind}
      data-action={action}
      aria-describedby={labelId}
      onClick={() => props.onAction(action)}
    >
      {text.text(label)}
    </button>
  );
  const stale = account.health.state === "needs_admin";
  const kept = account.sharing?.kept_by != null;
  return (
    <li class={stale ? "account account-stale" : "account"} data-account-id={account.id}>
      <div class="account-head">
        <span class="account-label" id={labelId}>
          {account.unidentified ? text.text("account-unidentified", { kind: account.kind }) : account.label}
        </span>
        <span class="chip">{text.text(account.kind === "company" ? "company-token" : "user-token")}</span>
        <span class="account-expiry">{text.health(account, props.now)}</span>
      </div>
      <p class="muted small">
        {text.text("connected-on", { date: text.date(account.connected_at) })} ·{" "}
        {text.text("scopes-granted", {
          scopes: account.scopes?.length ? account.scopes.join(" ") : text.text("scopes-application"),
        })}
      </p>
      {account.unidentified && (
        <p class="notice-line" role="note" data-unidentified>
          {account.unidentified.code === "unknown"
            ? text.text("unidentified-unknown")
            : text.error(account.unidentified)}
        </p>
      )}
      {account.refresh_expires_at !== null && !stale && !kept && (
        <p class="muted small" data-keep-alive>
          {text.text("refresh-token-until", { date: text.date(account.refresh_expires_at) })}
          {props.keepAlive &&
            account.keep_alive_at !== null &&
            ` · ${text.text("keep-alive-next", { date: text.date(Math.max(account.keep_alive_at, props.now)) })}`}
        </p>
      )}
      {account.sharing && <SharingLine sharing={account.sharing} now={props.now} />}
      {revealed !== null && (
        <code class="url revealed" data-revealed>
          {revealed}
        </code>
      )}
      <div class="actions wrap">
        {button("copy-token", "copy-token", "primary")}
        {button("copy-for-scripts", "copy-for-scripts")}
        <button
          type="button"
          class="secondary"
          data-action="reveal"
          aria-describedby={labelId}
          aria-pressed={revealed !== null}
          onClick={() => {
            if (revealed !== null) setRevealed(null);
            else void props.reveal().then(setRevealed);
          }}
        >
          {text.text(revealed !== null ? "hide" : "reveal")}
        </button>
        {/* Handed over: refreshing, revoking and sharing are the keepers' (README). */}
        {!kept && button("test", "test")}
        {/* A company token never expires and has nothing to refresh with. */}
        {account.has_refresh_token && !kept && button("refresh", "refresh")}
        {kept ? null : account.sharing ? (
          <>
            {button("test-sharing", "test-sharing")}
            {account.has_refresh_token && button("hand-over", "hand-over")}
            {button("stop-sharing", "stop-sharing")}
          </>
        ) : (
          button("share", "share-with-servers")
        )}
        {!kept && button("revoke", "revoke", "danger")}
        {button("forget", "forget")}
      </div>
    </li>
  );
}

/** Where the token is shared and how its last publishing went, or why it did not. */
function SharingLine(props: { sharing: Sharing; now: number }) {
  const text = useText();
  const { sharing } = props;
  const where = {
    server: serverOf(sharing.destination.address),
    entry: `${sharing.destination.mount}/${sharing.destination.path}`,
  };
  if (sharing.kept_by) {
    return (
      <p class="muted small" data-sharing="kept">
        {text.text("sharing-kept", {
          ...where,
          private: sharing.kept_by.entry,
          date: text.date(sharing.kept_by.since),
        })}
      </p>
    );
  }
  const failure = sharing.failure;
  if (failure) {
    const why = text.error({ code: "share_failed", server: where.server, problem: failure.problem });
    return (
      <p class="notice-line" role="note" data-sharing="failing">
        {text.text(failure.retry_at === null ? "sharing-stopped" : "sharing-failing", { ...where, why })}
      </p>
    );
  }
  return (
    <p class="muted small" data-sharing="published">
      {sharing.published_at == null
        ? text.text("sharing-waiting", where)
        : text.text("sharing-published", {
            ...where,
            version: sharing.version ?? 0,
            span: text.span(Math.max(props.now - sharing.published_at, 0)),
          })}
    </p>
  );
}

/** The server's name and port, as errors name it. */
function serverOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}
