//! Why an authorization answer (deep link, pasted address or code) was refused, in English.

use connect_core::CallbackError;
use connect_core::error::Malformed;

pub fn callback_sentence(problem: &CallbackError) -> String {
    match problem {
        CallbackError::UnknownState => "That link does not belong to an authorization started here (or it was already cleaned up). Start the authorization again.".into(),
        CallbackError::Replayed => "That authorization was already completed; a link works only once. Start a new authorization if you need another token.".into(),
        CallbackError::Expired { minutes } => format!(
            "That authorization link expired (they are valid for {minutes} minutes). Start the authorization again."
        ),
        CallbackError::Denied => "Access was denied in Factorial (the Deny button was pressed, or the account may not grant it). Start again and press Authorize.".into(),
        CallbackError::ProviderError {
            error_code,
            description,
        } => {
            let hint = match error_code.as_str() {
                "invalid_scope" => "Ask only for scopes that are enabled on the application in Factorial.",
                "unauthorized_client" => "Check the application's settings in Factorial.",
                "invalid_request" => "Check the client ID and redirect URI against the application's page in Factorial.",
                _ => "Try again; if it keeps failing, check the application's settings in Factorial.",
            };
            let description = description.as_deref().unwrap_or("no details given");
            format!("Factorial refused the authorization: {description} ({error_code}). {hint}")
        }
        CallbackError::Malformed { why } => format!(
            "That is not an authorization answer: {}. Paste the whole address the browser ended on, or just the code it showed.",
            malformed(why)
        ),
        CallbackError::TooLong { len } => format!(
            "That text is too long to be an authorization answer ({len} characters). Paste only the address the browser ended on, or the code."
        ),
        CallbackError::BelongsToAnother => "That answer belongs to another authorization (started for another application, or in another window). Paste the address from the browser tab that this authorization opened; this one is still waiting.".into(),
        CallbackError::NothingPending => "There is no authorization waiting for an answer. Start one first (factorial-connect authorize APP, or Connect in the window).".into(),
    }
}

fn malformed(why: &Malformed) -> String {
    match why {
        Malformed::Empty => "it is empty".into(),
        Malformed::ControlCharacters => "it contains invisible control characters".into(),
        Malformed::NotAnAddress { detail } => format!("the address is not valid ({detail})"),
        Malformed::ForeignLink => {
            "Factorial Connect only handles factorial-connect://oauth/callback links".into()
        }
        Malformed::NoCode => "the address has no code in it".into(),
        Malformed::RepeatedParameter { name } => format!("it repeats the {name} parameter"),
        Malformed::NotACode => "the code has characters an authorization code never has".into(),
        Malformed::LinkWithoutState => {
            "the link carries no state, so it cannot be matched to an authorization started here"
                .into()
        }
        Malformed::LinkNotAnAddress => "a link must be an address".into(),
        Malformed::AmbiguousCode => {
            "several authorizations are waiting, so a bare code is ambiguous".into()
        }
    }
}
