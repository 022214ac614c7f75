// How the last action ended: done, or what went wrong and what to do, with the code behind it for
// support under "Show details" (codes carry no secret). One live region that stays in place, so a
// screen reader reads each new message; only its content changes.

import { useEffect, useState } from "preact/hooks";
import type { MessageId } from "../i18n/ids.js";
import type { Catalog } from "../i18n/index.js";
import { useText } from "../language.js";

/** The button that fixes what went wrong, where there is one. */
export type Remedy = { label: MessageId; run: () => void };

export type Notice = {
  kind: "ok" | "error" | "info";
  /** Worded when drawn, in the language of the moment: the banner follows a change of language. */
  text: (text: Catalog) => string;
  details?: string;
  remedy?: Remedy;
};

export function Banner(props: { n: number; notice: Notice | null }) {
  const text = useText();
  const [open, setOpen] = useState(false);
  // A new message starts with its details folded.
  useEffect(() => setOpen(false), [props.n]);
  const notice = props.notice;
  return (
    <div
      id="banner"
      class={notice ? `banner banner-${notice.kind}` : "banner"}
      data-status={notice?.kind}
      role="status"
      aria-live={notice?.kind === "error" ? "assertive" : "polite"}
      hidden={!notice}
    >
      {notice && <p class="banner-text">{notice.text(text)}</p>}
      {notice?.remedy && (
        <button type="button" class="primary" data-action="remedy" onClick={notice.remedy.run}>
          {text.text(notice.remedy.label)}
        </button>
      )}
      {notice?.details && (
        <>
          <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {text.text(open ? "hide-details" : "show-details")}
          </button>
          {open && <pre class="details">{notice.details}</pre>}
        </>
      )}
    </div>
  );
}
