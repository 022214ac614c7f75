//! Where an account's token is shared: a server, a KV version 2 mount and a path in it, and how
//! this app logs in there. The login's secret (a token, or an AppRole secret ID) is kept in the
//! keychain like every other secret; none of it is here.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{AddressProblem, Error, Field, InputIssue};

/// A secrets manager's KV v2 entry and how to log in to it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    /// The server's address, `https://vault.example.com:8200` (plain http on this computer only).
    pub address: String,
    /// The KV version 2 engine's mount (`secret`, or a nested one like `teams/hr-kv`).
    pub mount: String,
    /// The entry's path inside the mount (`factorial/payroll`).
    pub path: String,
    /// Vault Enterprise's and OpenBao's namespace, sent as `X-Vault-Namespace`.
    pub namespace: Option<String>,
    /// A PEM file of the certificate authority that signed the server's certificate, for a
    /// company's own CA; the system's roots are trusted too.
    pub ca_file: Option<String>,
    pub login: Login,
}

/// How this app logs in; the secret half is in the keychain.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Login {
    /// A token given by the server's admin, used as it is.
    Token,
    /// AppRole, the way services log in: the role ID here, the secret ID in the keychain.
    AppRole { role_id: String },
}

/// The longest mount, path or namespace accepted; real ones are a few dozen characters.
const MAX_PATH: usize = 512;

impl Destination {
    /// A destination from what the admin typed, checked: an address that is https (or http on
    /// this computer), and a mount and path made of plain segments, so that nothing typed can
    /// reach another route of the server's API.
    pub fn new(
        address: &str,
        mount: &str,
        path: &str,
        namespace: Option<&str>,
        ca_file: Option<String>,
        login: Login,
    ) -> Result<Self, Error> {
        let address = server_address(address)?
            .as_str()
            .trim_end_matches('/')
            .to_string();
        let ca_file = ca_file.filter(|f| !f.trim().is_empty());
        // Nested mounts (`teams/hr-kv`) are common: the mount is given apart from the path.
        let mount = segments(mount.trim().trim_matches('/'), Field::ServerMount)?;
        let path = segments(path.trim().trim_matches('/'), Field::ServerPath)?;
        let namespace = match namespace.map(|n| n.trim().trim_matches('/')) {
            None | Some("") => None,
            Some(n) => Some(segments(n, Field::ServerNamespace)?),
        };
        if let Login::AppRole { role_id } = &login {
            if role_id.trim().is_empty() {
                return Err(Error::invalid(Field::ServerLogin, InputIssue::Empty));
            }
            if role_id.len() > MAX_PATH
                || role_id.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(Error::invalid(Field::ServerLogin, InputIssue::NotOneWord));
            }
        }
        Ok(Destination {
            address,
            mount,
            path,
            namespace,
            ca_file,
            login,
        })
    }

    /// The server's name and port, as errors and lists show it.
    pub fn server(&self) -> String {
        let Ok(url) = Url::parse(&self.address) else {
            return crate::error::plain_text(&self.address, 200);
        };
        match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            (None, _) => crate::error::plain_text(&self.address, 200),
        }
    }

    /// Whether a destination read back from the data folder is still one [`Destination::new`]
    /// accepts (the file may have been edited by hand).
    pub fn is_valid(&self) -> bool {
        Destination::new(
            &self.address,
            &self.mount,
            &self.path,
            self.namespace.as_deref(),
            self.ca_file.clone(),
            self.login.clone(),
        )
        .is_ok_and(|d| &d == self)
    }

    /// `mount/path`, as the server's own tools name the entry (`bao kv get -mount=… path`).
    pub fn entry(&self) -> String {
        format!("{}/{}", self.mount, self.path)
    }
}

fn server_address(text: &str) -> Result<Url, Error> {
    let field = Field::ServerAddress;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, InputIssue::Empty));
    }
    if text.len() > 2048 {
        return Err(Error::invalid(field, InputIssue::TooLong { max: 2048 }));
    }
    let url = Url::parse(text).map_err(|e| {
        Error::invalid(
            field,
            InputIssue::NotAnAddress {
                value: crate::error::plain_text(text, 200),
                problem: AddressProblem::from(e),
            },
        )
    })?;
    match url.scheme() {
        "https" => {}
        "http" if crate::environment::is_loopback(&url) => {}
        "http" => return Err(Error::invalid(field, InputIssue::PlainHttp)),
        other => {
            let scheme = crate::error::plain_text(other, 40);
            return Err(Error::invalid(
                field,
                InputIssue::ForbiddenScheme { scheme },
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid(field, InputIssue::NoHost));
    }
    let credentials = !url.username().is_empty() || url.password().is_some();
    if url.query().is_some() || url.fragment().is_some() || credentials {
        return Err(Error::invalid(field, InputIssue::NotJustServer));
    }
    if !matches!(url.path(), "" | "/") {
        return Err(Error::invalid(field, InputIssue::NotJustServer));
    }
    Ok(url)
}

/// Slash-separated segments of letters, digits, `-`, `_` and `.`, none empty, `.` or `..`.
fn segments(text: &str, field: Field) -> Result<String, Error> {
    if text.is_empty() {
        return Err(Error::invalid(field, InputIssue::Empty));
    }
    if text.len() > MAX_PATH {
        return Err(Error::invalid(
            field,
            InputIssue::TooLong {
                max: MAX_PATH as u64,
            },
        ));
    }
    let plain = text.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    });
    if !plain {
        return Err(Error::invalid(field, InputIssue::NotAPath));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn issue(result: Result<Destination, Error>) -> (Field, InputIssue) {
        match result.unwrap_err().into_code() {
            ErrorCode::InvalidInput { field, issue } => (field, issue),
            other => panic!("{other:?}"),
        }
    }

    fn dest(address: &str, mount: &str, path: &str) -> Result<Destination, Error> {
        Destination::new(address, mount, path, None, None, Login::Token)
    }

    #[test]
    fn a_plain_destination_is_kept_as_typed_without_surrounding_slashes() {
        let d = dest(
            " https://vault.example.com:8200/ ",
            "/secret/",
            "/factorial/payroll/",
        )
        .unwrap();
        assert_eq!(d.server(), "vault.example.com:8200");
        assert_eq!(d.entry(), "secret/factorial/payroll");
        assert!(dest("http://127.0.0.1:8200", "kv", "a.b/c_d-e").is_ok());
    }

    #[test]
    fn nothing_typed_reaches_another_route_of_the_servers_api() {
        for path in [
            "../sys/seal",
            "a/../../sys",
            "a//b",
            "a/./b",
            "a?b",
            "a#b",
            "a%2e%2e",
            "a b",
            "ä",
        ] {
            assert_eq!(
                issue(dest("https://v.example", "secret", path)),
                (Field::ServerPath, InputIssue::NotAPath),
                "{path}"
            );
        }
        assert_eq!(
            issue(dest("https://v.example", "teams/../sys", "x")),
            (Field::ServerMount, InputIssue::NotAPath)
        );
        assert!(dest("https://v.example", "teams/hr-kv", "x").is_ok());
        assert_eq!(
            issue(dest("https://v.example", "", "x")).1,
            InputIssue::Empty
        );
    }

    #[test]
    fn the_address_is_https_or_this_computer_and_just_a_server() {
        assert_eq!(
            issue(dest("http://vault.example.com", "s", "p")).1,
            InputIssue::PlainHttp
        );
        assert_eq!(
            issue(dest("https://v.example/v1/secret", "s", "p")).1,
            InputIssue::NotJustServer
        );
        assert_eq!(
            issue(dest("https://u@v.example", "s", "p")).1,
            InputIssue::NotJustServer
        );
        assert_eq!(
            issue(dest("https://:pw@v.example", "s", "p")).1,
            InputIssue::NotJustServer
        );
        assert!(matches!(
            issue(dest("vault", "s", "p")).1,
            InputIssue::NotAnAddress { .. }
        ));
        assert!(matches!(
            issue(dest("file:///etc", "s", "p")).1,
            InputIssue::ForbiddenScheme { .. }
        ));
    }

    #[test]
    fn an_approle_needs_a_role_id() {
        let login = Login::AppRole {
            role_id: " ".into(),
        };
        let r = Destination::new("https://v.example", "s", "p", None, None, login);
        assert_eq!(issue(r), (Field::ServerLogin, InputIssue::Empty));
    }
}
