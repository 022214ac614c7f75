// While the browser is out: what is being waited for, and the fallback for a browser that cannot
// come back (the dashboard's authorize button, a different redirect URI): paste what it shows.

import { useState } from "preact/hooks";
import type { Started } from "../bindings.js";
import { useText } from "../language.js";

export function Waiting(props: { started: Started | null; onPaste: (answer: string) => void; onCancel: () => void }) {
  const text = useText();
  const [answer, setAnswer] = useState("");
  const started = props.started;
  return (
    <section id="waiting" class="waiting" hidden={started === null} aria-live="polite">
      {started && (
        <>
          <h2 id="waiting-title">{text.text("waiting-title", { app: started.app_name })}</h2>
          <p id="waiting-browser">
            {started.browser_error ? text.error(started.browser_error) : text.text("waiting-browser")}
          </p>
          <p class="muted">{text.text("waiting-url")}</p>
          <code id="waiting-url" class="url">
            {started.url}
          </code>
          <form
            id="paste-form"
            onSubmit={(e) => {
              e.preventDefault();
              props.onPaste(answer);
            }}
          >
            <label for="paste">{text.text("paste-label")}</label>
            <div class="row">
              <input
                id="paste"
                type="text"
                autocomplete="off"
                spellcheck={false}
                placeholder={text.text("paste-placeholder")}
                value={answer}
                onInput={(e) => setAnswer(e.currentTarget.value)}
              />
              <button type="submit" class="primary">
                {text.text("complete")}
              </button>
              <button type="button" id="cancel" class="secondary" onClick={props.onCancel}>
                {text.text("cancel")}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
