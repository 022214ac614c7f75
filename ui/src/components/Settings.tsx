// Settings: the window's language, whether accounts are kept connected, where secrets are kept, the
// data folder, the version, how updates come, and the way to remove everything this app put on this computer.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { About, KeychainKind } from "../bindings.js";
import type { MessageId } from "../i18n/ids.js";
import { useText } from "../language.js";
import { Dialog } from "./Dialog.js";
import { Updates } from "./Updates.js";

const KEYCHAINS: Record<KeychainKind, MessageId> = {
  secret_service: "keychain-secret-service",
  macos_keychain: "keychain-macos",
  credential_manager: "keychain-windows",
};

export function Settings(props: {
  language: string | null;
  onLanguage: (language: string | null) => void;
  keepAlive: boolean;
  onKeepAlive: (on: boolean) => void;
  /** Sets starting at login; answers the state it ended in. */
  onStartAtLogin: (on: boolean) => Promise<boolean>;
  onRemoveEverything: () => void;
  onClose: () => void;
}) {
  const text = useText();
  const [about, setAbout] = useState<About | null>(null);
  const [atLogin, setAtLogin] = useState(false);
  useEffect(() => {
    void api.about().then(setAbout);
    void api.startAtLogin().then(setAtLogin);
  }, []);
  return (
    <Dialog name="settings" title={text.text("settings")} onClose={props.onClose}>
      <div class="form">
        <label>
          {text.text("label-language")}
          <select
            id="settings-language"
            value={props.language ?? ""}
            onChange={(e) => props.onLanguage(e.currentTarget.value || null)}
          >
            <option value="">{text.text("language-system")}</option>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <label class="inline">
          <input
            id="settings-keep-alive"
            type="checkbox"
            checked={props.keepAlive}
            onChange={(e) => props.onKeepAlive(e.currentTarget.checked)}
          />{" "}
          {text.text("label-keep-alive")}
          <span class="help">{text.text("keep-alive-help")}</span>
        </label>
        <label class="inline">
          <input
            id="settings-start-at-login"
            type="checkbox"
            checked={atLogin}
            onChange={(e) => void props.onStartAtLogin(e.currentTarget.checked).then(setAtLogin)}
          />{" "}
          {text.text("label-start-at-login")}
          <span class="help">{text.text("start-at-login-help")}</span>
        </label>
        {about && (
          <>
            <dl>
              <dt>{text.text("label-keychain")}</dt>
              <dd data-about="keychain">{text.text(KEYCHAINS[about.keychain])}</dd>
              <dt>{text.text("label-version")}</dt>
              <dd data-about="version">{about.version}</dd>
            </dl>
            {/* What support asks for, out of the admin's way until wanted. */}
            <details class="more" data-about="support">
              <summary>{text.text("for-support")}</summary>
              <dl>
                <dt>{text.text("label-keychain-entries")}</dt>
                <dd data-about="keychain-service">{about.keychain_service}</dd>
                <dt>{text.text("label-data-folder")}</dt>
                <dd data-about="data-folder">{about.data_dir}</dd>
              </dl>
            </details>
          </>
        )}
        {about && <Updates version={about.version} />}
        <div class="field">
          <button type="button" class="danger" data-action="remove-everything" onClick={props.onRemoveEverything}>
            {text.text("remove-everything")}
          </button>
          <p class="help">{text.text("remove-everything-help")}</p>
        </div>
        <div class="actions end">
          <button type="button" class="primary" onClick={props.onClose}>
            {text.text("close")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
