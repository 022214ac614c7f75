// How the last action ended: done, or what went wrong and what to do, with the code behind it for
// support under "Show details" (codes carry no secret).

import { useState } from "preact/hooks";
import { text } from "../text.js";

export type Notice = { kind: "ok" | "error" | "info"; text: string; details?: string };

export function Banner(props: { notice: Notice | null }) {
  const [open, setOpen] = useState(false);
  const notice = props.notice;
  if (!notice) return <div id="banner" class="banner" role="status" aria-live="polite" hidden />;
  return (
    <div
      id="banner"
      class={`banner banner-${notice.kind}`}
      data-status={notice.kind}
      role={notice.kind === "error" ? "alert" : "status"}
      aria-live="polite"
    >
      <p class="banner-text">{notice.text}</p>
      {notice.details && (
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
