// Adding an application, guided: where it lives, the button that opens Factorial's own "OAuth
// applications" page, the redirect URI to register there (with a copy button), then what Factorial
// shows: client ID and secret. Editing later changes only what may change (environment and client
// ID only until an account is connected). The form checks nothing itself: Rust does, and its answer
// names the field, which is marked here.

import { useState } from "preact/hooks";
import { asErrorCode } from "../api.js";
import type { AppProfile, ErrorCode, Field } from "../bindings.js";
import type { MessageId } from "../i18n/ids.js";
import { useText } from "../language.js";
import { RefreshLife } from "./app-dialog/RefreshLife.js";
import { ScopePicker } from "./app-dialog/ScopePicker.js";
import { useAppForm } from "./app-dialog/useAppForm.js";
import { WhereItLives } from "./app-dialog/WhereItLives.js";
import { Dialog } from "./Dialog.js";

export function AppDialog(props: {
  editing: AppProfile | null;
  /** Whether the edited application has an account: then environment and client ID are fixed. */
  connected: boolean;
  onDone: (saved: AppProfile, added: boolean) => void;
  onClose: () => void;
}) {
  const text = useText();
  const editing = props.editing;
  // Environment and client ID are shown when adding, and when editing before any account exists.
  const bindable = !editing || !props.connected;
  const form = useAppForm(editing, bindable);
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const invalid = (field: Field) => (problem?.code === "invalid_input" && problem.field === field ? true : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      props.onDone(await form.save(), editing === null);
    } catch (err) {
      setProblem(asErrorCode(err));
    }
  }

  async function outside(action: () => Promise<unknown>, done?: MessageId) {
    setProblem(null);
    try {
      await action();
      if (done) setNote(text.text(done));
    } catch (err) {
      setProblem(asErrorCode(err));
    }
  }

  return (
    <Dialog
      name="app"
      title={editing ? text.text("edit-title", { name: editing.name }) : text.text("add-title")}
      onClose={props.onClose}
    >
      <form onSubmit={(e) => void submit(e)} class="form">
        {bindable && (
          <WhereItLives
            env={form.env}
            onEnv={form.setEnv}
            baseUrl={form.baseUrl}
            onBaseUrl={form.setBaseUrl}
            invalid={invalid("environment")}
            outside={outside}
          />
        )}
        <label>
          {text.text("label-name")}
          <input
            id="app-name"
            value={form.name}
            aria-invalid={invalid("name")}
            onInput={(e) => form.setName(e.currentTarget.value)}
          />
          <span class="help">{text.text("name-help")}</span>
        </label>
        {bindable && (
          <label>
            {text.text("label-client-id")}
            <input
              id="app-client-id"
              value={form.clientId}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={invalid("client_id")}
              onInput={(e) => form.setClientId(e.currentTarget.value)}
            />
          </label>
        )}
        {!editing && (
          <label class="inline">
            <input
              id="app-confidential"
              type="checkbox"
              checked={form.confidential}
              onChange={(e) => form.setConfidential(e.currentTarget.checked)}
            />{" "}
            {text.text("label-confidential")}
            <span class="help">{text.text("confidential-help")}</span>
          </label>
        )}
        {(editing ? editing.confidential : form.confidential) && (
          <label>
            {text.text("label-client-secret")}
            <input
              id="app-client-secret"
              type="password"
              autocomplete="off"
              value={form.secret}
              aria-invalid={invalid("client_secret")}
              onInput={(e) => form.setSecret(e.currentTarget.value)}
            />
            <span class="help">{text.text(editing ? "new-secret-help" : "client-secret-help")}</span>
          </label>
        )}
        <ScopePicker
          ticked={form.ticked}
          onTicked={form.setTicked}
          other={form.other}
          onOther={form.setOther}
          invalid={invalid("scopes")}
          editing={editing !== null}
        />
        <RefreshLife
          amount={form.lifeAmount}
          onAmount={form.setLifeAmount}
          unit={form.lifeUnit}
          onUnit={form.setLifeUnit}
          invalid={invalid("refresh_lifetime")}
        />
        {editing && props.connected && <p class="help">{text.text("fixed-after-connect")}</p>}
        {note && !problem && (
          <p class="note" role="status">
            {note}
          </p>
        )}
        {problem && (
          <p class="problem" role="alert" data-problem={problem.code}>
            {text.error(problem)}
          </p>
        )}
        <div class="actions end sticky-actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            {text.text("cancel")}
          </button>
          <button type="submit" class="primary" data-action="save-app">
            {text.text(editing ? "save" : "add-submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
