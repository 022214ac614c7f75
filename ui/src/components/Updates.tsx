// The settings' Updates part: the way this copy gets its next version (chosen in Rust, see
// src-tauri/src/app/updates.rs), and on Windows and macOS the check and install.

import { useEffect, useState } from "preact/hooks";
import { api, asErrorCode } from "../api.js";
import type { AvailableUpdate, ErrorCode, UpdateWay } from "../bindings.js";
import { DOWNLOADS_PAGE } from "../bindings.js";
import type { MessageId } from "../i18n/ids.js";
import { useText } from "../language.js";

const HELP: Record<UpdateWay, MessageId> = {
  system_packages: "updates-system-packages",
  in_app: "updates-in-app",
  download_page: "updates-download-page",
};

type Step =
  | { at: "idle" }
  | { at: "checking" }
  | { at: "latest" }
  | { at: "available"; update: AvailableUpdate }
  | { at: "installing" }
  | { at: "failed"; problem: ErrorCode }
  | { at: "no-browser" };

export function Updates(props: { version: string }) {
  const text = useText();
  const [way, setWay] = useState<UpdateWay | null>(null);
  const [step, setStep] = useState<Step>({ at: "idle" });
  useEffect(() => {
    void api.updateWay().then(setWay);
  }, []);
  if (way === null) return null;

  const failed = (e: unknown) => setStep({ at: "failed", problem: asErrorCode(e) });
  const check = () => {
    setStep({ at: "checking" });
    api
      .checkForUpdate()
      .then((update) => setStep(update ? { at: "available", update } : { at: "latest" }))
      .catch(failed);
  };
  const install = () => {
    setStep({ at: "installing" });
    // It restarts into the new version; an answer means there was nothing newer after all.
    api
      .installUpdate()
      .then(() => setStep({ at: "latest" }))
      .catch(failed);
  };
  // The only way it fails is that no browser opens: then the address is shown to type in.
  const downloads = () => void api.openDownloadsPage().catch(() => setStep({ at: "no-browser" }));
  const downloadsButton = (
    <button type="button" class="secondary" data-action="open-downloads" onClick={downloads}>
      {text.text("open-downloads")}
    </button>
  );

  return (
    <div class="field" data-updates={way}>
      <span class="label">{text.text("label-updates")}</span>
      <p class="help">{text.text(HELP[way])}</p>
      {way === "in_app" ? (
        <div class="actions">
          {step.at === "available" ? (
            <button type="button" class="primary" data-action="install-update" onClick={install}>
              {text.text("install-update")}
            </button>
          ) : (
            <button
              type="button"
              class="secondary"
              data-action="check-for-update"
              disabled={step.at === "checking" || step.at === "installing"}
              onClick={check}
            >
              {text.text("check-for-update")}
            </button>
          )}
          {/* A failed check or install is told to use the downloads page: it is offered here. */}
          {(step.at === "failed" || step.at === "no-browser") && downloadsButton}
        </div>
      ) : (
        <div class="actions">{downloadsButton}</div>
      )}
      {step.at === "checking" && (
        <p class="note" role="status">
          {text.text("update-checking")}
        </p>
      )}
      {step.at === "latest" && (
        <p class="note" role="status">
          {text.text("update-latest", { version: props.version })}
        </p>
      )}
      {step.at === "available" && (
        <p class="note" role="status">
          {text.text("update-available", { version: step.update.version })}
        </p>
      )}
      {step.at === "installing" && (
        <p class="note" role="status">
          {text.text("update-installing")}
        </p>
      )}
      {step.at === "no-browser" && (
        <p class="problem" role="alert" data-problem="no_browser">
          {text.text("downloads-no-browser", { url: DOWNLOADS_PAGE })}
        </p>
      )}
      {step.at === "failed" && (
        <p class="problem" role="alert" data-problem={step.problem.code}>
          {text.error(step.problem)}
        </p>
      )}
    </div>
  );
}
