//! Which Factorial the application talks to: production, the demo sandbox, or a custom base URL.
//!
//! The demo host has moved before (see shared/factorial-oauth.md), so it is one constant here and a
//! custom base URL always works: a wrong guess costs a setting, not a rewrite.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Field, InputIssue, Result};

/// Factorial's production API and OAuth host.
pub const PRODUCTION_BASE_URL: &str = "https://api.factorialhr.com";
/// The demo (sandbox) host that Factorial's current API documentation gives.
pub const DEMO_BASE_URL: &str = "https://api.eu2.demo.factorial.dev";
/// The dated API version whose credentials endpoint tells who a token belongs to.
pub const API_VERSION: &str = "2026-10-01";

/// Where an application lives.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "base_url", rename_all = "snake_case")]
pub enum Environment {
    Production,
    Demo,
    /// Any other Factorial-compatible host: an older demo host, a future region, a test server.
    Custom(Url),
}

impl Environment {
    /// Reads what a user typed: `production`, `demo`, or a base URL.
    pub fn parse(input: &str) -> Result<Self> {
        let trimmed = input.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "production" | "prod" => return Ok(Environment::Production),
            "demo" | "sandbox" => return Ok(Environment::Demo),
            _ => {}
        }
        let url = parse_base_url(trimmed)?;
        // Typing the production or demo address is the same as choosing it.
        Ok(match url.as_str().trim_end_matches('/') {
            PRODUCTION_BASE_URL => Environment::Production,
            DEMO_BASE_URL => Environment::Demo,
            _ => Environment::Custom(url),
        })
    }

    /// The API and OAuth base URL, without a trailing slash in its path.
    pub fn base_url(&self) -> Url {
        match self {
            // These constants are valid URLs; a test pins that.
            Environment::Production => Url::parse(PRODUCTION_BASE_URL).expect("valid constant"),
            Environment::Demo => Url::parse(DEMO_BASE_URL).expect("valid constant"),
            Environment::Custom(url) => url.clone(),
        }
    }

    /// The base URL as scripts and servers are given it, without any trailing slash: they write
    /// `"$FACTORIAL_API_URL/api/…"`.
    pub fn api_url(&self) -> String {
        self.base_url().as_str().trim_end_matches('/').to_string()
    }

    /// A short name for lists: `production`, `demo`, or the custom host.
    pub fn label(&self) -> String {
        match self {
            Environment::Production => "production".to_string(),
            Environment::Demo => "demo".to_string(),
            Environment::Custom(url) => url.as_str().trim_end_matches('/').to_string(),
        }
    }

    /// Factorial's own "OAuth applications" page, where the admin creates the application.
    pub fn applications_page(&self) -> Url {
        self.endpoint("oauth/applications")
    }

    pub fn authorize_url(&self) -> Url {
        self.endpoint("oauth/authorize")
    }

    pub fn token_url(&self) -> Url {
        self.endpoint("oauth/token")
    }

    pub fn revoke_url(&self) -> Url {
        self.endpoint("oauth/revoke")
    }

    /// `GET` this with a bearer token to learn whom the token belongs to.
    pub fn credentials_url(&self) -> Url {
        self.endpoint(&format!(
            "api/{API_VERSION}/resources/api_public/credentials"
        ))
    }

    fn endpoint(&self, path: &str) -> Url {
        let mut url = self.base_url();
        let base_path = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{base_path}/{path}"));
        url
    }
}

/// A base URL must be https, or plain http only on this machine (a local test server).
fn parse_base_url(input: &str) -> Result<Url> {
    let field = Field::Environment;
    if input.is_empty() {
        return Err(Error::invalid(field, InputIssue::Empty));
    }
    let url = Url::parse(input).map_err(|e| {
        Error::invalid(
            field,
            InputIssue::NotAnAddress {
                value: crate::error::plain_text(input, 200),
                problem: e.into(),
            },
        )
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::invalid(field, InputIssue::PlainHttp));
        }
        other => {
            return Err(Error::invalid(
                field,
                InputIssue::ForbiddenScheme {
                    scheme: crate::error::plain_text(other, 40),
                },
            ));
        }
    }
    if url.host().is_none() {
        return Err(Error::invalid(field, InputIssue::NoHost));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Error::invalid(field, InputIssue::NotJustServer));
    }
    Ok(url)
}

/// True for 127.0.0.0/8, ::1 and `localhost`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_and_their_urls() {
        assert_eq!(
            Environment::parse("production").unwrap(),
            Environment::Production
        );
        assert_eq!(Environment::parse(" Demo ").unwrap(), Environment::Demo);
        assert_eq!(
            Environment::parse("https://api.factorialhr.com/").unwrap(),
            Environment::Production
        );
        assert_eq!(
            Environment::Production.authorize_url().as_str(),
            "https://api.factorialhr.com/oauth/authorize"
        );
        assert_eq!(
            Environment::Demo.credentials_url().as_str(),
            "https://api.eu2.demo.factorial.dev/api/2026-10-01/resources/api_public/credentials"
        );
    }

    #[test]
    fn custom_base_url_keeps_its_path() {
        let env = Environment::parse("https://proxy.example.com/factorial/").unwrap();
        assert_eq!(
            env.token_url().as_str(),
            "https://proxy.example.com/factorial/oauth/token"
        );
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(Environment::parse("http://127.0.0.1:3000").is_ok());
        assert!(Environment::parse("http://localhost:3000").is_ok());
        let issue = |input: &str| match Environment::parse(input).unwrap_err().into_code() {
            crate::error::ErrorCode::InvalidInput {
                field: crate::error::Field::Environment,
                issue,
            } => issue,
            other => panic!("{other:?}"),
        };
        assert_eq!(issue("http://api.example.com"), InputIssue::PlainHttp);
        assert_eq!(
            issue("ftp://api.example.com"),
            InputIssue::ForbiddenScheme {
                scheme: "ftp".into()
            }
        );
        assert!(matches!(
            issue("not a url"),
            InputIssue::NotAnAddress { value, .. } if value == "not a url"
        ));
        assert_eq!(issue("https://h.example/?x=1"), InputIssue::NotJustServer);
        assert!(Environment::parse("https://h.example/?x=1").is_err());
    }
}
