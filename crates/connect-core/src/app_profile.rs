//! An OAuth application as the admin created it in Factorial, and the checks on what they type.
//!
//! Only non-secret fields live here; the client secret goes to the keychain (see `vault`). Every
//! check names the field and what is wrong with it, so the edge can say how to fix it: the admin is
//! copying values from Factorial's dashboard and a wrong redirect URI is the most common failure.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::environment::{Environment, is_loopback};
use crate::error::{Error, Field, InputIssue, Result};
use crate::secret::Secret;

/// The redirect URI the desktop app receives through its deep link.
pub const DEFAULT_REDIRECT_URI: &str = "factorial-connect://oauth/callback";

/// Factorial's resource scopes (API 2025-04-01). Kept as data: newer API versions add more, and any
/// well-formed scope name is accepted.
pub const KNOWN_SCOPES: &[&str] = &[
    "banking",
    "company_holidays",
    "company_legal_entities",
    "company_locations",
    "contracts",
    "custom_fields",
    "documents",
    "employee_updates",
    "employees",
    "expenses",
    "finance",
    "integrations",
    "job_catalog",
    "marketplace",
    "payroll",
    "payroll_supplements",
    "performance",
    "posts",
    "project_management_expenses",
    "project_management_projects",
    "project_management_time",
    "recruitment",
    "shift_management",
    "tasks",
    "time_off",
    "time_tracking",
    "trainings",
    // Factorial's older scopes (seed documents, the `factorialhr` package): read or write on all.
    "read",
    "write",
];

const MAX_NAME: usize = 80;
const MAX_CLIENT_ID: usize = 256;
const MAX_SECRET: usize = 1024;
const MAX_URI: usize = 2048;

/// A stored application (non-secret part).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppProfile {
    /// Stable internal identifier; keychain entries are keyed by it, so a rename keeps them.
    pub id: String,
    /// What the admin calls it; unique, case-insensitively.
    pub name: String,
    pub environment: Environment,
    pub client_id: String,
    /// Confidential apps authenticate with a client secret (kept in the keychain).
    pub confidential: bool,
    pub redirect_uri: String,
    /// Empty means "the scopes set on the application in Factorial".
    pub scopes: Vec<String>,
    /// PKCE (RFC 7636) is sent unless turned off for a server that rejects it.
    pub pkce: bool,
    pub created_at: u64,
    /// How long a refresh token is believed to live: Factorial does not say (about a week), and
    /// the keep-alive refreshes well inside it.
    #[serde(default = "default_refresh_lifetime")]
    pub refresh_lifetime_secs: u64,
}

fn default_refresh_lifetime() -> u64 {
    crate::keep_alive::DEFAULT_REFRESH_LIFETIME_SECS
}

/// The shortest and longest refresh-token lives an application may declare. Seconds are allowed
/// for test servers (the sandbox's run in seconds); a life shorter than the keep-alive's minute
/// only means the token dies between two rounds, which the account's health then says.
pub const REFRESH_LIFETIME_RANGE: std::ops::RangeInclusive<u64> = 2..=366 * 86_400;

/// What the admin typed to add an application; [`NewApp::validate`] turns it into a profile.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewApp {
    pub name: String,
    /// `production`, `demo`, or a base URL.
    pub environment: String,
    pub client_id: String,
    /// Required for confidential applications, refused for public ones.
    #[serde(default)]
    pub client_secret: Option<Secret>,
    pub confidential: bool,
    /// Empty means [`DEFAULT_REDIRECT_URI`].
    #[serde(default)]
    pub redirect_uri: String,
    /// Space- or comma-separated.
    #[serde(default)]
    pub scopes: String,
    pub pkce: bool,
    /// Seconds; `None` means the default (7 days).
    #[serde(default)]
    pub refresh_lifetime_secs: Option<u64>,
}

/// A validated new application: the profile and its secret, ready to be stored.
#[derive(Debug)]
pub struct ValidatedApp {
    pub profile: AppProfile,
    pub client_secret: Option<Secret>,
}

impl NewApp {
    /// Checks every field and builds the profile. `id` and `now` come from the caller.
    pub fn validate(self, id: String, now: u64) -> Result<ValidatedApp> {
        let name = validate_name(&self.name)?;
        let environment = Environment::parse(&self.environment)?;
        let client_id = validate_client_id(&self.client_id)?;
        let client_secret = validate_secret(
            self.client_secret.as_ref().map(Secret::expose),
            self.confidential,
        )?;
        let redirect_uri = if self.redirect_uri.trim().is_empty() {
            DEFAULT_REDIRECT_URI.to_string()
        } else {
            validate_redirect_uri(&self.redirect_uri)?
        };
        let scopes = parse_scopes(&self.scopes)?;
        let refresh_lifetime_secs = self
            .refresh_lifetime_secs
            .map(validate_refresh_lifetime)
            .transpose()?
            .unwrap_or_else(default_refresh_lifetime);
        if !self.confidential && !self.pkce {
            // RFC 8252 §8.1: without a secret, PKCE is the only thing that ties the code to us.
            return Err(Error::invalid(Field::Pkce, InputIssue::PublicWithoutPkce));
        }
        Ok(ValidatedApp {
            profile: AppProfile {
                id,
                name,
                environment,
                client_id,
                confidential: self.confidential,
                redirect_uri,
                scopes,
                pkce: self.pkce,
                created_at: now,
                refresh_lifetime_secs,
            },
            client_secret,
        })
    }
}

/// A refresh-token life within [`REFRESH_LIFETIME_RANGE`].
pub fn validate_refresh_lifetime(secs: u64) -> Result<u64> {
    if REFRESH_LIFETIME_RANGE.contains(&secs) {
        Ok(secs)
    } else {
        Err(Error::invalid(
            Field::RefreshLifetime,
            InputIssue::OutOfRange {
                min: *REFRESH_LIFETIME_RANGE.start(),
                max: *REFRESH_LIFETIME_RANGE.end(),
            },
        ))
    }
}

/// A name as typed (the window's form, a command, the page's commands): besides the checks a
/// stored name passes, it may not hold characters that would make it read as something else.
pub fn validate_name(input: &str) -> Result<String> {
    let name = validate_stored_name(input)?;
    if name.chars().any(crate::error::is_hidden) {
        return Err(Error::invalid(Field::Name, InputIssue::ControlCharacters));
    }
    Ok(name)
}

/// A name read from the data folder: an earlier version may have let hidden characters in, and
/// the file is not refused for that (the name is shown as it is, and renaming it cleans it).
pub fn validate_stored_name(input: &str) -> Result<String> {
    let name = input.trim();
    if name.is_empty() {
        return Err(Error::invalid(Field::Name, InputIssue::Empty));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::invalid(
            Field::Name,
            InputIssue::TooLong {
                max: MAX_NAME as u64,
            },
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(Field::Name, InputIssue::ControlCharacters));
    }
    if name.contains("://") || name.starts_with('-') {
        return Err(Error::invalid(Field::Name, InputIssue::LooksLikeAddress));
    }
    Ok(name.to_string())
}

pub fn validate_client_id(input: &str) -> Result<String> {
    let id = input.trim();
    if id.is_empty() {
        return Err(Error::invalid(Field::ClientId, InputIssue::Empty));
    }
    if id.len() > MAX_CLIENT_ID || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(Field::ClientId, InputIssue::NotOneWord));
    }
    Ok(id.to_string())
}

pub(crate) fn validate_secret(input: Option<&str>, confidential: bool) -> Result<Option<Secret>> {
    let secret = input.map(str::trim).filter(|s| !s.is_empty());
    match (secret, confidential) {
        (None, true) => Err(Error::invalid(
            Field::ClientSecret,
            InputIssue::SecretRequired,
        )),
        (Some(_), false) => Err(Error::invalid(
            Field::ClientSecret,
            InputIssue::SecretNotAllowed,
        )),
        (Some(s), true) if s.len() > MAX_SECRET || s.chars().any(char::is_whitespace) => {
            Err(Error::invalid(Field::ClientSecret, InputIssue::NotOneWord))
        }
        (s, _) => Ok(s.map(Secret::new)),
    }
}

/// Accepts a custom scheme (the deep link), https, or http on loopback; never a fragment.
pub fn validate_redirect_uri(input: &str) -> Result<String> {
    let field = Field::RedirectUri;
    let raw = input.trim();
    if raw.len() > MAX_URI {
        return Err(Error::invalid(
            field,
            InputIssue::TooLong {
                max: MAX_URI as u64,
            },
        ));
    }
    if raw == "urn:ietf:wg:oauth:2.0:oob" {
        return Ok(raw.to_string());
    }
    let url = Url::parse(raw).map_err(|e| {
        Error::invalid(
            field,
            InputIssue::NotAnAddress {
                value: crate::error::plain_text(raw, 200),
                problem: e.into(),
            },
        )
    })?;
    if url.fragment().is_some() {
        return Err(Error::invalid(field, InputIssue::HasFragment));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::invalid(field, InputIssue::PlainHttp));
        }
        "javascript" | "data" | "file" | "vbscript" => {
            return Err(Error::invalid(
                field,
                InputIssue::ForbiddenScheme {
                    scheme: url.scheme().to_string(),
                },
            ));
        }
        _ => {}
    }
    // Keep what the admin registered, byte for byte: Factorial compares it exactly.
    Ok(raw.to_string())
}

/// Splits on spaces or commas (older Factorial docs write `read,write`), removes duplicates.
pub fn parse_scopes(input: &str) -> Result<Vec<String>> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in input
        .split(|c: char| c.is_whitespace() || c == ',' || c == '+')
        .filter(|s| !s.is_empty())
    {
        let valid = scope.len() <= 100
            && scope
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
        if !valid {
            return Err(Error::invalid(
                Field::Scopes,
                InputIssue::NotAScope {
                    scope: crate::error::plain_text(scope, 100),
                },
            ));
        }
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_string());
        }
    }
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// Issue 20, item 7: a typed name may not hold what would make it read as another name; what
    /// real names need (accents, other scripts, joiners in emoji and Persian) stays allowed.
    #[test]
    fn a_typed_name_may_not_lie_about_itself() {
        for lying in [
            "evil\u{202e}txt.exe",
            "Pay\u{200b}roll",
            "\u{2066}Payroll\u{2069}",
            "Payroll\u{feff}",
            "Pay\u{00ad}roll",
            "Payroll\u{e0041}",
        ] {
            let err = validate_name(lying).unwrap_err();
            assert_eq!(
                *err.code(),
                ErrorCode::InvalidInput {
                    field: Field::Name,
                    issue: InputIssue::ControlCharacters
                },
                "{lying:?}"
            );
        }
        for honest in [
            "Nóminas",
            "給与",
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family tool",
            "می\u{200c}خواهم",
        ] {
            assert_eq!(validate_name(honest).unwrap(), honest);
        }
        // One stored by an earlier version still loads.
        assert!(validate_stored_name("Pay\u{200b}roll").is_ok());
    }

    fn new_app() -> NewApp {
        NewApp {
            name: "Payroll sync".into(),
            environment: "demo".into(),
            client_id: "abc123".into(),
            client_secret: Some(Secret::new("s3cret")),
            confidential: true,
            redirect_uri: String::new(),
            scopes: "employees, time_off employees".into(),
            pkce: true,
            refresh_lifetime_secs: None,
        }
    }

    #[test]
    fn a_typical_application_validates_with_defaults() {
        let v = new_app().validate("id1".into(), 5).unwrap();
        assert_eq!(v.profile.redirect_uri, DEFAULT_REDIRECT_URI);
        assert_eq!(v.profile.scopes, vec!["employees", "time_off"]);
        assert_eq!(v.client_secret.as_ref().map(Secret::expose), Some("s3cret"));
        assert!(
            !format!("{v:?}").contains("s3cret"),
            "Debug leaks the secret"
        );
    }

    #[test]
    fn each_bad_field_says_what_to_fix() {
        let cases: Vec<(NewApp, (Field, &str))> = vec![
            (
                NewApp {
                    client_id: " ".into(),
                    ..new_app()
                },
                (Field::ClientId, "empty"),
            ),
            (
                NewApp {
                    name: "".into(),
                    ..new_app()
                },
                (Field::Name, "empty"),
            ),
            (
                NewApp {
                    client_secret: None,
                    ..new_app()
                },
                (Field::ClientSecret, "secret_required"),
            ),
            (
                NewApp {
                    confidential: false,
                    ..new_app()
                },
                (Field::ClientSecret, "secret_not_allowed"),
            ),
            (
                NewApp {
                    redirect_uri: "http://example.com/cb".into(),
                    ..new_app()
                },
                (Field::RedirectUri, "plain_http"),
            ),
            (
                NewApp {
                    redirect_uri: "factorial-connect://oauth/callback#x".into(),
                    ..new_app()
                },
                (Field::RedirectUri, "has_fragment"),
            ),
            (
                NewApp {
                    redirect_uri: "no scheme".into(),
                    ..new_app()
                },
                (Field::RedirectUri, "not_an_address"),
            ),
            (
                NewApp {
                    environment: "http://factorial.example".into(),
                    ..new_app()
                },
                (Field::Environment, "plain_http"),
            ),
            (
                NewApp {
                    scopes: "employees; drop".into(),
                    ..new_app()
                },
                (Field::Scopes, "not_a_scope"),
            ),
            (
                NewApp {
                    confidential: false,
                    client_secret: None,
                    pkce: false,
                    ..new_app()
                },
                (Field::Pkce, "public_without_pkce"),
            ),
        ];
        for (input, (field, issue)) in cases {
            let err = input.validate("id".into(), 0).unwrap_err();
            let ErrorCode::InvalidInput {
                field: got,
                issue: what,
            } = err.code()
            else {
                panic!("expected invalid input, got {err}");
            };
            assert_eq!(*got, field, "{err}");
            assert_eq!(serde_json::to_value(what).unwrap()["issue"], issue, "{err}");
        }
    }

    #[test]
    fn redirect_uris_users_register() {
        for ok in [
            "factorial-connect://oauth/callback",
            "https://example.com/callback",
            "http://127.0.0.1:8080/cb",
            "urn:ietf:wg:oauth:2.0:oob",
        ] {
            assert_eq!(validate_redirect_uri(ok).unwrap(), ok);
        }
        assert!(validate_redirect_uri("javascript:alert(1)").is_err());
    }
}
