// What the add and edit form holds, and what it sends: everything on adding; on editing, only what
// changed (null for the rest), and environment and client ID only while no account is connected.

import { useState } from "preact/hooks";
import { api } from "../../api.js";
import { type AppProfile, DEFAULT_REFRESH_LIFETIME_SECS } from "../../bindings.js";
import { type LifeUnit, lifeField, lifeParts, scopesField } from "../../form.js";
import { isKnownScope } from "./ScopePicker.js";
import { type Env, environmentValue } from "./WhereItLives.js";

export function useAppForm(editing: AppProfile | null, bindable: boolean) {
  const current = editing?.environment;
  const currentBaseUrl = current?.kind === "custom" ? current.base_url : "";
  const currentLife = lifeParts(editing?.refresh_lifetime_secs ?? DEFAULT_REFRESH_LIFETIME_SECS);
  const [env, setEnv] = useState<Env>(current?.kind ?? "production");
  const [baseUrl, setBaseUrl] = useState(currentBaseUrl);
  const [name, setName] = useState(editing?.name ?? "");
  const [clientId, setClientId] = useState(editing?.client_id ?? "");
  const [secret, setSecret] = useState("");
  const [confidential, setConfidential] = useState(true);
  const [ticked, setTicked] = useState<string[]>(editing?.scopes.filter(isKnownScope) ?? []);
  const [other, setOther] = useState(editing?.scopes.filter((s) => !isKnownScope(s)).join(" ") ?? "");
  const [lifeAmount, setLifeAmount] = useState(currentLife.amount);
  const [lifeUnit, setLifeUnit] = useState<LifeUnit>(currentLife.unit);

  /** Sends the form to Rust, which checks it; throws its ErrorCode. The secret is not kept. */
  async function save(): Promise<AppProfile> {
    const environment = environmentValue(env, baseUrl);
    const scopes = scopesField(ticked, other);
    const life = lifeField(lifeAmount, lifeUnit);
    const saved = editing
      ? await api.updateApp(editing.name, {
          name: name.trim() === editing.name ? null : name,
          client_secret: secret.trim() ? secret : null,
          scopes: scopes === editing.scopes.join(" ") ? null : scopes,
          environment:
            !bindable || (current && environment === environmentValue(current.kind, currentBaseUrl))
              ? null
              : environment,
          client_id: !bindable || clientId.trim() === editing.client_id ? null : clientId,
          refresh_lifetime_secs: life === editing.refresh_lifetime_secs ? null : life,
        })
      : await api.addApp({
          name,
          environment,
          client_id: clientId,
          client_secret: confidential ? secret : null,
          confidential,
          redirect_uri: "",
          scopes,
          refresh_lifetime_secs: life,
        });
    setSecret("");
    return saved;
  }

  return {
    env,
    setEnv,
    baseUrl,
    setBaseUrl,
    name,
    setName,
    clientId,
    setClientId,
    secret,
    setSecret,
    confidential,
    setConfidential,
    ticked,
    setTicked,
    other,
    setOther,
    lifeAmount,
    setLifeAmount,
    lifeUnit,
    setLifeUnit,
    save,
  };
}
