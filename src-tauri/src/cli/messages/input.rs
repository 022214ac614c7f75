//! What is wrong with something the admin typed on the command line, in English, naming the
//! option that fixes it.

use connect_core::app_profile::DEFAULT_REDIRECT_URI;
use connect_core::error::{Field, InputIssue};

pub fn sentence(field: Field, issue: &InputIssue) -> String {
    let name = field_name(field);
    match (field, issue) {
        (Field::Name, InputIssue::Empty) => {
            "Give the application a name, for example \"Payroll sync\".".into()
        }
        (Field::Environment, InputIssue::Empty) => {
            "Choose an environment: production, demo, or the base URL of another Factorial server."
                .into()
        }
        (Field::ClientId, InputIssue::Empty) => "The client ID is empty. Copy it from the application's page in Factorial (OAuth applications → your application).".into(),
        (_, InputIssue::Empty) => format!("The {name} is empty."),
        (_, InputIssue::TooLong { max }) => {
            format!("The {name} is too long; keep it under {max} characters.")
        }
        (_, InputIssue::ControlCharacters) => {
            format!("The {name} contains invisible control characters; type it again.")
        }
        (_, InputIssue::LooksLikeAddress) => format!(
            "The {name} may not look like an address or start with \"-\"; choose a plain name."
        ),
        (Field::ClientId, InputIssue::NotOneWord) => "The client ID should be one word without spaces. Copy it again from the application's page in Factorial.".into(),
        (_, InputIssue::NotOneWord) => format!(
            "The {name} should be one word without spaces. Copy it again from Factorial."
        ),
        (_, InputIssue::SecretRequired) => "A confidential application needs its client secret. Factorial shows it only once, when the application is created; if it is lost, create a new application in Factorial.".into(),
        (_, InputIssue::SecretNotAllowed) => "A public (non-confidential) application has no client secret. Leave the secret empty, or mark the application as confidential.".into(),
        (_, InputIssue::PublicWithoutPkce) => "A public (non-confidential) application must use PKCE: without a client secret, PKCE is what stops another program from using an intercepted code. Leave PKCE on, or mark the application as confidential.".into(),
        (Field::Environment, InputIssue::NotAnAddress { value, detail }) => format!(
            "\"{value}\" is neither production, demo nor a valid URL ({detail}). A base URL looks like https://api.factorialhr.com."
        ),
        (_, InputIssue::NotAnAddress { value, detail }) => format!(
            "\"{value}\" is not a valid {name} ({detail}). Use {DEFAULT_REDIRECT_URI}, exactly as registered in Factorial."
        ),
        (Field::Environment, InputIssue::PlainHttp) => "The base URL uses plain http, which would send secrets unencrypted. Use https (plain http is allowed only for 127.0.0.1 or localhost).".into(),
        (_, InputIssue::PlainHttp) => format!(
            "A plain http {name} is only allowed for 127.0.0.1 or localhost. Use https, or the app's own factorial-connect:// address."
        ),
        (Field::Environment, InputIssue::ForbiddenScheme { scheme }) => {
            format!("The base URL must start with https:// (it starts with {scheme}://).")
        }
        (_, InputIssue::ForbiddenScheme { scheme }) => {
            format!("A {scheme}: address cannot be a {name}.")
        }
        (_, InputIssue::NoHost) => format!("The {name} has no host name."),
        (_, InputIssue::NotJustServer) => format!(
            "The {name} must be just the server address, without ?query, #fragment or user name."
        ),
        (_, InputIssue::HasFragment) => {
            format!("A {name} may not contain a #fragment (OAuth forbids it).")
        }
        (_, InputIssue::NotAScope { scope }) => format!(
            "\"{scope}\" is not a scope name. Scopes are words like employees or time_off, separated by spaces."
        ),
        (Field::ClientSecret, InputIssue::Unreadable) => "The client secret could not be read (from the terminal, or from standard input as text). Type it at the prompt, or pipe it in: printf %s \"$SECRET\" | factorial-connect apps add …".into(),
        (_, InputIssue::Unreadable) => format!("The {name} could not be read."),
        (Field::Timeout, InputIssue::AboveLimit { max }) => format!(
            "--timeout can be at most {max} seconds: the authorization link expires then."
        ),
        (_, InputIssue::AboveLimit { max }) => format!("The {name} can be at most {max}."),
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Name => "name",
        Field::Environment => "base URL",
        Field::ClientId => "client ID",
        Field::ClientSecret => "client secret",
        Field::RedirectUri => "redirect URI",
        Field::Scopes => "scopes",
        Field::Pkce => "PKCE setting",
        Field::Timeout => "--timeout",
    }
}
