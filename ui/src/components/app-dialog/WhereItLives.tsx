// Where a new application lives: the environment, the button that opens Factorial's own "OAuth
// applications" page there, and the redirect URI to register on it (with a copy button). Shown
// while an application can still move, that is until an account is connected.

import { useState } from "preact/hooks";
import { api } from "../../api.js";
import { DEFAULT_REDIRECT_URI, type Environment } from "../../bindings.js";
import type { MessageId } from "../../i18n/ids.js";
import { useText } from "../../language.js";

export type Env = Environment["kind"];

/** What the environment choice sends: `production`, `demo`, or the base URL. */
export const environmentValue = (env: Env, baseUrl: string) => (env === "custom" ? baseUrl.trim() : env);

export function WhereItLives(props: {
  env: Env;
  onEnv: (env: Env) => void;
  baseUrl: string;
  onBaseUrl: (baseUrl: string) => void;
  /** Rust named the environment as what to fix. */
  invalid: true | undefined;
  /** Runs a call to the system (a browser, the clipboard), saying what it did or why it failed. */
  outside: (action: () => Promise<unknown>, done?: MessageId) => Promise<void>;
}) {
  const text = useText();
  const [copied, setCopied] = useState(false);
  const { env, outside } = props;
  const environment = environmentValue(env, props.baseUrl);
  return (
    <>
      <fieldset>
        <legend>{text.text("label-environment")}</legend>
        {(["production", "demo", "custom"] as const).map((value) => (
          <label class="inline" key={value}>
            <input
              type="radio"
              name="environment"
              value={value}
              checked={env === value}
              onChange={() => props.onEnv(value)}
            />{" "}
            {text.text(`env-${value}`)}
          </label>
        ))}
        {env === "custom" && (
          <label>
            {text.text("label-base-url")}
            <input
              id="app-base-url"
              type="url"
              placeholder="https://api.factorialhr.com"
              value={props.baseUrl}
              aria-invalid={props.invalid}
              aria-describedby="app-base-url-help"
              onInput={(e) => props.onBaseUrl(e.currentTarget.value)}
            />
          </label>
        )}
        {env === "custom" && (
          <span class="help" id="app-base-url-help">
            {text.text("base-url-help")}
          </span>
        )}
        {/* Every environment has the page; another server's is at its own address. */}
        <button
          type="button"
          class="secondary"
          data-action="open-factorial-page"
          onClick={() => void outside(() => api.openApplicationsPage(environment), "done-page-opened")}
        >
          {text.text(env === "custom" ? "open-server-page" : "open-factorial-page")}
        </button>
      </fieldset>
      <div class="field">
        <span class="label">{text.text("label-redirect-uri")}</span>
        <div class="row">
          <code class="url" id="app-redirect-uri">
            {DEFAULT_REDIRECT_URI}
          </code>
          <button
            type="button"
            class="secondary"
            data-action="copy-redirect-uri"
            onClick={() => {
              setCopied(false);
              void outside(() => api.copyRedirectUri().then(() => setCopied(true)));
            }}
          >
            {text.text("copy")}
          </button>
        </div>
        {/* Said beside the button that was pressed, not at the foot of a long form. */}
        <p class="note small" role="status" data-copied={copied ? "" : undefined}>
          {copied ? text.text("done-redirect-copied") : ""}
        </p>
        <p class="help">{text.text("redirect-uri-help")}</p>
      </div>
    </>
  );
}
