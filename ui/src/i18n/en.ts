// The window's English. The command line has its own sentences (src-tauri/src/cli/messages),
// which name commands where these name buttons.

import type {
  CallbackError,
  ErrorCode,
  Field,
  InputIssue,
  KeychainProblem,
  Malformed,
  ProviderRefusal,
  Step,
} from "../bindings.js";
import { unreachable, type Catalog } from "./catalog.js";

const said = (d: string | null): string => (d ? ` Factorial said: “${d}”.` : "");
const keptAt = (b: string | null): string => (b ? ` A copy was kept at ${b}.` : "");

function keychain(problem: KeychainProblem): string {
  switch (problem) {
    case "not_running":
      return "No keychain is available, so secrets cannot be stored safely. Start your system's keychain (on Linux: GNOME Keyring or KeePassXC, usually by logging in to the desktop again), then try again. Factorial Connect never keeps secrets in a plain file.";
    case "locked":
      return "The keychain is locked or refused access. Unlock it (for example in “Passwords and Keys”), then try again.";
    case "too_long":
      return "A secret is too long for this computer's keychain. Please report this to the Factorial Connect team.";
    case "not_responding":
      return "The keychain did not answer in time. It may be waiting for you to unlock it in a dialog; unlock it, then try again.";
    case "other":
      return "The keychain could not be used. Check that it is running and unlocked, then try again.";
    default:
      return unreachable(problem);
  }
}

const FIELD: Record<Field, string> = {
  name: "name",
  environment: "base URL",
  client_id: "client ID",
  client_secret: "client secret",
  redirect_uri: "redirect URI",
  scopes: "scopes",
  pkce: "PKCE setting",
  timeout: "waiting time",
};

function input(field: Field, issue: InputIssue): string {
  const name = FIELD[field];
  switch (issue.issue) {
    case "empty":
      return `The ${name} is empty.`;
    case "too_long":
      return `The ${name} is too long; keep it under ${issue.max} characters.`;
    case "control_characters":
      return `The ${name} contains invisible control characters; type it again.`;
    case "looks_like_address":
      return `The ${name} may not look like an address or start with “-”; choose a plain name.`;
    case "not_one_word":
      return `The ${name} should be one word without spaces. Copy it again from Factorial.`;
    case "secret_required":
      return "A confidential application needs its client secret. Factorial shows it only once; if it is lost, create a new application in Factorial.";
    case "secret_not_allowed":
      return "A public application has no client secret. Leave the secret empty, or mark the application as confidential.";
    case "public_without_pkce":
      return "A public application must use PKCE. Leave PKCE on, or mark the application as confidential.";
    case "not_an_address":
      return `“${issue.value}” is not a valid ${name}.`;
    case "plain_http":
      return `A plain http ${name} is only allowed for this computer (127.0.0.1 or localhost). Use https.`;
    case "forbidden_scheme":
      return `A ${issue.scheme}: address cannot be a ${name}.`;
    case "no_host":
      return `The ${name} has no host name.`;
    case "not_just_server":
      return `The ${name} must be just the server address, without ?query, #fragment or user name.`;
    case "has_fragment":
      return `A ${name} may not contain a #fragment.`;
    case "not_a_scope":
      return `“${issue.scope}” is not a scope name. Scopes are words like employees or time_off.`;
    case "unreadable":
      return `The ${name} could not be read.`;
    case "above_limit":
      return `The ${name} can be at most ${issue.max}.`;
    default:
      return unreachable(issue);
  }
}

function malformed(why: Malformed): string {
  switch (why.why) {
    case "empty":
      return "it is empty";
    case "control_characters":
      return "it contains invisible control characters";
    case "not_an_address":
      return "the address is not valid";
    case "foreign_link":
      return "Factorial Connect only handles factorial-connect://oauth/callback links";
    case "no_code":
      return "the address has no code in it";
    case "repeated_parameter":
      return `it repeats the ${why.name} parameter`;
    case "not_a_code":
      return "the code has characters an authorization code never has";
    case "link_without_state":
      return "the link cannot be matched to an authorization started here";
    case "link_not_an_address":
      return "a link must be an address";
    case "ambiguous_code":
      return "several authorizations are waiting, so a bare code is ambiguous";
    default:
      return unreachable(why);
  }
}

function callback(problem: CallbackError): string {
  switch (problem.kind) {
    case "unknown_state":
      return "That link does not belong to an authorization started here. Press Connect to start again.";
    case "replayed":
      return "That authorization was already completed; a link works only once. Press Connect if you need another token.";
    case "expired":
      return `That authorization expired (they last ${problem.minutes} minutes). Press Connect to start again.`;
    case "denied":
      return "Access was denied in Factorial (Deny was pressed, or your account may not grant it). Press Connect and then Authorize.";
    case "provider_error":
      return `Factorial refused the authorization (${problem.error_code}).${said(problem.description)} Check the application's settings in Factorial, then press Connect again.`;
    case "malformed":
      return `That is not an authorization answer: ${malformed(problem.why)}. Paste the whole address the browser ended on, or just the code it showed.`;
    case "too_long":
      return "That text is too long to be an authorization answer. Paste only the address the browser ended on, or the code.";
    case "belongs_to_another":
      return "That answer belongs to another authorization. Paste the address from the browser tab this one opened; it is still waiting.";
    case "nothing_pending":
      return "No authorization is waiting for an answer. Press Connect first.";
    default:
      return unreachable(problem);
  }
}

const STEP: Record<Step, string> = {
  connecting: "connecting",
  refreshing: "refreshing",
  revoking: "revoking",
  identifying: "asking who the token belongs to",
};

function provider(refusal: ProviderRefusal, during: Step, description: string | null): string {
  const step = STEP[during];
  switch (refusal.error) {
    case "invalid_client":
      return `Factorial did not accept the client ID or client secret while ${step}.${said(description)} Check both against the application's page in Factorial.`;
    case "invalid_grant":
      return `Factorial refused the token while ${step}.${said(description)} Connect the account again.`;
    case "unauthorized_client":
      return `This application is not allowed to do that.${said(description)} Check the application's settings in Factorial.`;
    case "invalid_scope":
      return `Factorial refused the requested scopes.${said(description)} Ask only for scopes enabled on the application in Factorial.`;
    case "other":
      return `Factorial refused the request while ${step} (${refusal.error_code}).${said(description)} Check the application's settings, then try again.`;
    default:
      return unreachable(refusal);
  }
}

export const en: Catalog = {
  error(code: ErrorCode): string {
    switch (code.code) {
      case "invalid_input":
        return input(code.field, code.issue);
      case "app_not_found":
        return `There is no application called “${code.name}”.`;
      case "app_exists":
        return `An application called “${code.name}” already exists. Choose another name.`;
      case "not_connected":
        return `“${code.app}” is not connected to any Factorial account yet. Press Connect.`;
      case "account_not_found":
        return `“${code.app}” has no account “${code.account}”.`;
      case "account_ambiguous":
        return `“${code.app}” is connected to several accounts; choose one.`;
      case "keychain":
        return keychain(code.problem);
      case "tokens_not_saved":
        return `Factorial issued new tokens, but the keychain would not store them. ${
          code.revoked
            ? "They were revoked at Factorial, so nothing usable was left behind."
            : "They may still work at Factorial until revoked in its dashboard."
        } Make sure the keychain is unlocked, then connect the account again.`;
      case "secret_missing":
        switch (code.secret) {
          case "tokens":
            return "This account's tokens are missing from the keychain (deleted outside Factorial Connect). Connect the account again.";
          case "client_secret":
          case "secret_part":
            return "A secret of this application is missing from the keychain (deleted outside Factorial Connect). Remove the application and add it again with its client secret (factorial-connect apps remove, then apps add); if the secret is lost, create a new application in Factorial, which shows a secret only once.";
          default:
            return unreachable(code.secret);
        }
      case "callback_rejected":
        return callback(code.problem);
      case "code_refused":
        return `Factorial refused the authorization code (it expired, was already used, or the redirect URI differs from the one registered).${said(code.description)} Press Connect to start again.`;
      case "reconnect_needed":
        return `Factorial no longer accepts this account's tokens (expired, revoked or replaced).${said(code.description)} Connect the account again; nothing else was changed.`;
      case "token_rejected":
        return `Factorial refused the access token of “${code.app}” (revoked or expired). Connect it again.`;
      case "provider_refused":
        return provider(code.refusal, code.during, code.description);
      case "not_refreshable":
        return code.reason === "company_token"
          ? "Company tokens never expire, so there is nothing to refresh."
          : "Factorial gave no refresh token for this account. Connect it again when it stops working.";
      case "network":
        return `Could not reach ${code.host}. Check your internet connection, then try again.`;
      case "connection_lost":
        switch (code.during) {
          case "connecting":
            return `The connection to ${code.host} broke before its answer arrived, and Factorial may already have used up the authorization code. Press Connect to start again.`;
          case "refreshing":
            return `The connection to ${code.host} broke before its answer arrived. The stored tokens were kept: try again, and if Factorial refuses them, connect the account again.`;
          case "revoking":
            return `The connection to ${code.host} broke before its answer arrived. Try again to be sure the tokens are revoked.`;
          case "identifying":
            return `The connection to ${code.host} broke before its answer arrived. Try again.`;
          default:
            return unreachable(code.during);
        }
      case "timeout":
        return `${code.host} did not answer in time. Try again in a moment.`;
      case "bad_response":
        return code.status !== null && code.status >= 500
          ? `${code.host} had a problem on its side. Try again in a few minutes.`
          : `${code.host} sent an answer Factorial Connect does not understand. Check the application's environment, or try again later.`;
      case "busy":
        return "Another Factorial Connect window or script is using this right now. Wait a moment and try again.";
      case "storage":
        return `Factorial Connect could not use its data folder ${code.path} (${code.detail}). Check that the disk has room and the folder is writable.`;
      case "corrupt":
        return `The file ${code.path} is damaged and was left untouched, so nothing is lost.${keptAt(code.backup)} Move it aside to start over, or restore it from a backup.`;
      case "newer_data":
        return `The file ${code.path} was written by a newer Factorial Connect and was left untouched. Install the newer version to use it.${keptAt(code.backup)}`;
      case "no_browser":
        return "No web browser could be opened. Open the address shown yourself, then paste the address it ends on.";
      case "wait_timed_out":
        return "No answer came back from the browser in time. Press Connect to try again.";
      case "cancelled":
        return "The authorization was cancelled. Nothing was changed.";
      case "unknown":
        return "Something failed that this version of Factorial Connect cannot describe (another version recorded it). Try again; if it keeps happening, update Factorial Connect.";
      default:
        return unreachable(code);
    }
  },

  outcome(outcome) {
    switch (outcome.status) {
      case "connected":
        return outcome.app_name
          ? `Connected “${outcome.app_name}” to ${outcome.label}.`
          : `Connected to ${outcome.label}.`;
      case "failed":
        return this.error(outcome.error);
      case "cancelled":
        return this.error({ code: "cancelled" });
      default:
        return unreachable(outcome);
    }
  },

  attention(reason) {
    switch (reason) {
      case "refused":
        return "Factorial refused its tokens";
      case "tokens_not_saved":
        return "new tokens could not be stored in the keychain";
      case "not_refreshable":
        return "it expired and cannot be refreshed";
      default:
        return unreachable(reason);
    }
  },
};
