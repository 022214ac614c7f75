// Asks before something that cannot be undone.

import { text } from "../text.js";
import { Dialog } from "./Dialog.js";

export function Confirm(props: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog name="confirm" title={props.title} onClose={props.onClose}>
      <p>{props.body}</p>
      <div class="actions end">
        <button type="button" class="secondary" onClick={props.onClose} autofocus>
          {text.text("cancel")}
        </button>
        <button type="button" class="danger" data-action="confirm" onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
