//! The one error type of the engine: an [`ErrorCode`] with parameters, which is all an edge needs
//! to say what happened, plus the developer cause (a reqwest or I/O error, a keychain's own words)
//! for logs and `--verbose`. `Display` is for developers; a person reads the sentence the CLI or
//! the window makes from the code. No error carries a secret.

mod code;
mod keychain;
mod plain_text;
mod reasons;

pub use code::{
    ArgumentProblem, BusyWith, CallbackError, ErrorCode, Field, InputIssue, KeychainProblem,
    Malformed, NotRefreshable, PathProblem, ProviderRefusal, SecretKind, Step,
};
pub(crate) use keychain::{keychain, keychain_error};
pub use plain_text::{is_hidden, plain_text};
pub use reasons::{
    AddressProblem, AnswerFlaw, BrowserProblem, ClipboardProblem, Damage, RecordKind, RecordPart,
    SystemProblem, UpdateProblem,
};

use std::path::Path;

/// A result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An [`ErrorCode`] and, when there is one, what caused it.
#[derive(Debug, thiserror::Error)]
#[error("{}", describe_code(.code))]
pub struct Error {
    code: ErrorCode,
    #[source]
    cause: Option<Cause>,
}

impl Error {
    /// An error with a developer cause behind it.
    pub fn with_cause(code: ErrorCode, cause: impl Into<Cause>) -> Self {
        Error {
            code,
            cause: Some(cause.into()),
        }
    }

    /// What went wrong, for the edge to say and branch on.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The same error with its code changed by `f`; the cause stays.
    pub(crate) fn map_code(self, f: impl FnOnce(ErrorCode) -> ErrorCode) -> Self {
        Error {
            code: f(self.code),
            cause: self.cause,
        }
    }

    pub fn into_code(self) -> ErrorCode {
        self.code
    }

    /// The code and the whole chain of causes, for logs and `--verbose`; never contains a secret.
    pub fn developer_detail(&self) -> String {
        let mut out = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            out.push_str(&format!("\n  caused by: {cause}"));
            source = cause.source();
        }
        out
    }

    pub(crate) fn invalid(field: Field, issue: InputIssue) -> Self {
        ErrorCode::InvalidInput { field, issue }.into()
    }

    /// An error opening something in the data folder: a name that is not a plain file (see
    /// [`crate::lock_file`]) is said as what it is, anything else as a storage error.
    pub(crate) fn opening(path: impl AsRef<Path>, cause: std::io::Error) -> Self {
        let found = cause
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<crate::lock_file::NotPlain>())
            .map(|not_plain| not_plain.0)
            .or_else(|| refused_by_the_system(&cause));
        match found {
            Some(found) => {
                let path = path.as_ref().display().to_string();
                Error::with_cause(ErrorCode::UnsafePath { path, found }, cause)
            }
            None => Error::storage(path, cause),
        }
    }

    pub(crate) fn storage(path: impl AsRef<Path>, cause: std::io::Error) -> Self {
        let code = ErrorCode::storage(path.as_ref().display().to_string(), Some(&cause));
        Error::with_cause(code, cause)
    }
}

impl From<ErrorCode> for Error {
    fn from(code: ErrorCode) -> Self {
        Error { code, cause: None }
    }
}

/// For edges that pass only the code on (the window's commands); the cause stays in logs.
impl From<Error> for ErrorCode {
    fn from(e: Error) -> Self {
        e.code
    }
}

impl From<CallbackError> for Error {
    fn from(problem: CallbackError) -> Self {
        ErrorCode::from(problem).into()
    }
}

/// The code as JSON, which is what a developer wants to see in a log.
fn describe_code(code: &ErrorCode) -> String {
    serde_json::to_string(code).unwrap_or_else(|_| code.name())
}

/// Unix: what `O_NOFOLLOW | O_NONBLOCK` opens refuse with, said as what was found.
#[cfg(unix)]
fn refused_by_the_system(cause: &std::io::Error) -> Option<PathProblem> {
    match cause.raw_os_error()? {
        libc::ELOOP | libc::EMLINK => Some(PathProblem::Link),
        libc::ENXIO | libc::EISDIR => Some(PathProblem::NotAFile),
        _ => None,
    }
}

#[cfg(not(unix))]
fn refused_by_the_system(_: &std::io::Error) -> Option<PathProblem> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_a_tagged_object_with_their_parameters() {
        let json = |c: ErrorCode| serde_json::to_string(&c).unwrap();
        assert_eq!(
            json(ErrorCode::AppNotFound {
                name: "Payroll".into(),
                known: vec!["HR".into()]
            }),
            r#"{"code":"app_not_found","name":"Payroll","known":["HR"]}"#
        );
        assert_eq!(
            json(ErrorCode::CodeRefused { description: None }),
            r#"{"code":"code_refused","description":null}"#
        );
        assert_eq!(
            json(ErrorCode::Busy {
                holder: BusyWith::Account,
                waited_secs: 30
            }),
            r#"{"code":"busy","holder":"account","waited_secs":30}"#
        );
        assert_eq!(
            json(ErrorCode::InvalidInput {
                field: Field::ClientId,
                issue: InputIssue::TooLong { max: 200 }
            }),
            r#"{"code":"invalid_input","field":"client_id","issue":{"issue":"too_long","max":200}}"#
        );
        assert_eq!(
            json(
                CallbackError::Malformed {
                    why: Malformed::RepeatedParameter {
                        name: "state".into()
                    }
                }
                .into()
            ),
            r#"{"code":"callback_rejected","problem":{"kind":"malformed","why":{"why":"repeated_parameter","name":"state"}},"from_link":false}"#
        );
        assert_eq!(json(ErrorCode::Cancelled), r#"{"code":"cancelled"}"#);
    }

    #[test]
    fn a_code_from_a_newer_version_reads_back_as_unknown() {
        for json in [
            r#"{"code":"from_the_future"}"#,
            r#"{"code":"from_the_future","with":"parameters"}"#,
        ] {
            let code: ErrorCode = serde_json::from_str(json).unwrap();
            assert_eq!(code, ErrorCode::Unknown, "{json}");
        }
    }

    #[test]
    fn every_code_round_trips() {
        let code = ErrorCode::ProviderRefused {
            refusal: ProviderRefusal::Other {
                error_code: "invalid_request".into(),
            },
            during: Step::Revoking,
            description: Some("bad".into()),
        };
        let back: ErrorCode = serde_json::from_str(&serde_json::to_string(&code).unwrap()).unwrap();
        assert_eq!(back, code);
    }

    #[test]
    fn the_developer_text_is_the_code_and_its_cause() {
        let err = Error::storage("/data/registry.json", std::io::Error::other("disk full"));
        let text = err.developer_detail();
        assert!(
            text.starts_with(r#"{"code":"storage","path":"/data/registry.json""#),
            "{text}"
        );
        assert!(text.contains("caused by: disk full"), "{text}");
    }
}
