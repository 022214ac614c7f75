// Asks before something that cannot be undone.

import { useText } from "../language.js";
import { Dialog } from "./Dialog.js";

export function Confirm(props: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  /** A safer way to the same end, offered first (Revoke before forgetting a live company token). */
  instead?: { label: string; action: string; run: () => void };
}) {
  const text = useText();
  return (
    <Dialog name="confirm" title={props.title} onClose={props.onClose}>
      <p>{props.body}</p>
      <div class="actions end">
        <button type="button" class="secondary" onClick={props.onClose} autofocus>
          {text.text("cancel")}
        </button>
        {props.instead && (
          <button type="button" class="primary" data-action={props.instead.action} onClick={props.instead.run}>
            {props.instead.label}
          </button>
        )}
        <button
          type="button"
          class={props.instead ? "secondary" : "danger"}
          data-action="confirm"
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
