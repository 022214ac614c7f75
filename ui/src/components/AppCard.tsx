// One application: where it lives, its identifiers, its accounts, and how to connect more.

import { Component, h } from "preact";
import type { AppStatus, Environment } from "../bindings.js";
import type { Catalog } from "../i18n/index.js";
import { useText } from "../language.js";
import { type AccountAction, AccountRow, timeShown } from "./AccountRow.js";

export function environmentLabel(text: Catalog, env: Environment): string {
  switch (env.kind) {
    case "production":
      return text.text("env-production");
    case "demo":
      return text.text("env-demo");
    case "custom":
      return env.base_url.replace(/\/+$/, "");
  }
}

type CardProps = {
  status: AppStatus;
  selected: boolean;
  now: number;
  /** The keep-alive runs (not paused in Settings). */
  keepAlive: boolean;
  /** These must reach the page's current state when called (the card is not redrawn for them). */
  onConnect: (company: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
  onAccount: (accountId: string, action: AccountAction) => void;
  reveal: (accountId: string) => Promise<string | null>;
};

/**
 * The page ticks every second for its countdowns; a card is drawn again only when something it
 * shows changed: its application or accounts, its settings, or a countdown's text (a change of
 * language reaches `Card` through the context, whatever this says). With a thousand applications,
 * drawing them all each second kept the page too busy to answer.
 */
export class AppCard extends Component<CardProps> {
  override shouldComponentUpdate(next: CardProps): boolean {
    const now = this.props;
    return (
      now.status !== next.status ||
      now.selected !== next.selected ||
      now.keepAlive !== next.keepAlive ||
      next.status.accounts.some((a) => timeShown(a, now.now) !== timeShown(a, next.now))
    );
  }

  override render(props: CardProps) {
    return h(Card, props);
  }
}

function Card(props: CardProps) {
  const text = useText();
  const { app, accounts } = props.status;
  // The same buttons on every card: each names its application to a screen reader.
  const nameId = `app-${app.id}`;
  return (
    <section class={props.selected ? "app-card selected" : "app-card"} data-app={app.name}>
      <header>
        <h2 id={nameId}>{app.name}</h2>
        <span class="chip">{environmentLabel(text, app.environment)}</span>
        <span class="spacer" />
        <button type="button" class="link" data-action="edit" aria-describedby={nameId} onClick={props.onEdit}>
          {text.text("edit")}
        </button>
        <button
          type="button"
          class="link danger-text"
          data-action="delete"
          aria-describedby={nameId}
          onClick={props.onDelete}
        >
          {text.text("delete")}
        </button>
      </header>
      <dl>
        <dt>{text.text("label-client-id")}</dt>
        <dd>{app.client_id}</dd>
        <dt>{text.text("label-redirect-uri")}</dt>
        <dd>{app.redirect_uri}</dd>
        <dt>{text.text("label-scopes")}</dt>
        <dd>{app.scopes.length ? app.scopes.join(" ") : text.text("scopes-application")}</dd>
      </dl>
      {accounts.length === 0 ? (
        <p class="muted">{text.text("not-connected")}</p>
      ) : (
        <ul class="accounts">
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              app={app}
              account={account}
              now={props.now}
              keepAlive={props.keepAlive}
              onAction={(action) => props.onAccount(account.id, action)}
              reveal={() => props.reveal(account.id)}
            />
          ))}
        </ul>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-action="connect-user"
          aria-describedby={nameId}
          onClick={() => props.onConnect(false)}
        >
          {text.text("connect-user")}
        </button>
        <button
          type="button"
          class="secondary"
          data-action="connect-company"
          aria-describedby={nameId}
          title={text.text("connect-company-help")}
          onClick={() => props.onConnect(true)}
        >
          {text.text("connect-company")}
        </button>
      </div>
      <p class="muted small">{text.text("connect-company-help")}</p>
    </section>
  );
}
