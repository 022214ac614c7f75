// "Share with servers": where the company's secrets manager (OpenBao or Vault) keeps the token
// for its servers, and how this app logs in there. The login crosses once, inward, to the
// keychain. The form checks nothing itself: Rust does (and writes the first version before
// anything is kept), and its answer names the field, which is marked here.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, asErrorCode } from "../api.js";
import type { ErrorCode, Field } from "../bindings.js";
import { useText } from "../language.js";
import { Dialog } from "./Dialog.js";

export function ShareDialog(props: {
  app: string;
  accountId: string;
  label: string;
  onDone: () => void;
  onClose: () => void;
}) {
  const text = useText();
  const [address, setAddress] = useState("");
  const [mount, setMount] = useState("secret");
  const [path, setPath] = useState("");
  const [namespace, setNamespace] = useState("");
  const [caFile, setCaFile] = useState("");
  const [approle, setApprole] = useState(false);
  const [roleId, setRoleId] = useState("");
  const [login, setLogin] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  // The answer comes below the last field: brought into view, above the sticky buttons.
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (problem) said.current?.scrollIntoView({ block: "center" });
  }, [problem]);
  const invalid = (field: Field) => (problem?.code === "invalid_input" && problem.field === field ? true : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      await api.shareAccount(props.app, props.accountId, {
        address,
        mount,
        path,
        namespace,
        ca_file: caFile,
        role_id: approle ? roleId : "",
        login,
      });
      setLogin("");
      props.onDone();
    } catch (err) {
      setProblem(asErrorCode(err));
    } finally {
      setBusy(false);
    }
  }

  const field = (
    id: string,
    label: Parameters<typeof text.text>[0],
    value: string,
    set: (v: string) => void,
    name: Field | null,
    help?: Parameters<typeof text.text>[0],
  ) => (
    <label>
      {text.text(label)}
      <input
        id={id}
        value={value}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={name ? invalid(name) : undefined}
        onInput={(e) => set(e.currentTarget.value)}
      />
      {help && <span class="help">{text.text(help)}</span>}
    </label>
  );

  return (
    <Dialog name="share" title={text.text("share-title", { label: props.label })} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)} class="form">
        <p class="help">{text.text("share-intro")}</p>
        {field("share-address", "share-address", address, setAddress, "server_address", "share-address-help")}
        {field("share-mount", "share-mount", mount, setMount, "server_mount")}
        {field("share-path", "share-path", path, setPath, "server_path", "share-path-help")}
        {field("share-namespace", "share-namespace", namespace, setNamespace, "server_namespace", "share-optional")}
        {field("share-ca-file", "share-ca-file", caFile, setCaFile, null, "share-ca-file-help")}
        <label class="inline">
          <input
            id="share-approle"
            type="checkbox"
            checked={approle}
            onChange={(e) => setApprole(e.currentTarget.checked)}
          />{" "}
          {text.text("share-approle")}
        </label>
        {approle && field("share-role-id", "share-role-id", roleId, setRoleId, "server_login")}
        <label>
          {text.text(approle ? "share-secret-id" : "share-token")}
          <input
            id="share-login"
            type="password"
            autocomplete="off"
            value={login}
            aria-invalid={invalid("server_secret")}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
          <span class="help">{text.text("share-login-help")}</span>
        </label>
        {problem && (
          <p class="problem" role="alert" data-problem={problem.code} ref={said}>
            {text.error(problem)}
          </p>
        )}
        <div class="actions end sticky-actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            {text.text("cancel")}
          </button>
          <button type="submit" class="primary" data-action="save-share" disabled={busy}>
            {text.text("share-submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
