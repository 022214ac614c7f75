//! What the page sends a command, checked before Tauri reads it. Tauri refuses an argument it
//! cannot read with serde's English (“invalid args `limit` for command `list_apps`: invalid type:
//! string, expected u32”); checked first, in the same way Tauri reads it, the page gets our
//! `invalid_input` code instead, worded in the admin's language like every other error.

use std::collections::HashMap;
use std::str::FromStr;

use connect_core::error::{ArgumentProblem, ErrorCode, Field, InputIssue};
use serde::Deserialize;
use serde_json::Value;
use tauri::ipc::{Channel, InvokeBody, JavaScriptChannelId};

/// A type a command takes from the page, and whether a value sent as JSON is one.
pub trait FromPage {
    fn readable(value: &Value) -> bool;
}

/// The types read by serde, as Tauri reads them (a `&Value` deserializer, key by key). A missing
/// key is checked as null, which Tauri accepts only for an `Option`: a type listed here must refuse
/// null unless it is one (no `serde_json::Value`, no `()`).
macro_rules! read_by_serde {
    ($($ty:ty),* $(,)?) => {
        $(impl FromPage for $ty {
            fn readable(value: &Value) -> bool {
                <$ty>::deserialize(value).is_ok()
            }
        })*
    };
}

read_by_serde!(
    String,
    Option<String>,
    bool,
    u32,
    crate::commands::apps::AppForm,
    crate::commands::sharing::ShareForm,
    connect_core::engine::AppChanges,
    crate::settings::Preferences,
);

/// A channel is sent as the string Tauri's page library makes for it (`__CHANNEL__:<id>`).
impl<T> FromPage for Channel<T> {
    fn readable(value: &Value) -> bool {
        value
            .as_str()
            .is_some_and(|s| JavaScriptChannelId::from_str(s).is_ok())
    }
}

/// One argument a command takes from the page.
pub struct Argument {
    /// Its name as the page sends it: Tauri's default, the parameter's name in camelCase.
    pub key: String,
    readable: fn(&Value) -> bool,
}

impl Argument {
    pub fn of<T: FromPage>(parameter: &str) -> Self {
        Self {
            key: camel_case(parameter),
            readable: T::readable,
        }
    }
}

/// Each command's arguments, by the command's name.
pub struct Expected(HashMap<String, Vec<Argument>>);

impl Expected {
    pub fn new(commands: impl IntoIterator<Item = (String, Vec<Argument>)>) -> Self {
        Self(commands.into_iter().collect())
    }

    /// Refuses a call Tauri could not read; a command not listed here is left to Tauri (a plugin's,
    /// or one that does not exist, which Tauri refuses itself).
    pub fn check(&self, command: &str, payload: &InvokeBody) -> Result<(), ErrorCode> {
        let Some(arguments) = self.0.get(command) else {
            return Ok(());
        };
        for argument in arguments {
            let sent = match payload {
                InvokeBody::Json(json) => json.get(&argument.key),
                // Bytes carry no named arguments: every argument is missing, optional ones too.
                InvokeBody::Raw(_) => {
                    return Err(refusal(command, argument, ArgumentProblem::Missing));
                }
            };
            // A missing key reads as null, which only an optional argument accepts.
            let readable = (argument.readable)(sent.unwrap_or(&Value::Null));
            if !readable {
                let problem = match sent {
                    None => ArgumentProblem::Missing,
                    Some(_) => ArgumentProblem::WrongType,
                };
                return Err(refusal(command, argument, problem));
            }
        }
        Ok(())
    }
}

fn refusal(command: &str, argument: &Argument, problem: ArgumentProblem) -> ErrorCode {
    ErrorCode::InvalidInput {
        field: Field::Request,
        issue: InputIssue::BadArgument {
            command: command.to_string(),
            argument: argument.key.clone(),
            problem,
        },
    }
}

pub fn camel_case(snake: &str) -> String {
    let mut words = snake.split('_');
    let first = words.next().unwrap_or_default().to_string();
    words.fold(first, |mut out, word| {
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn expected() -> Expected {
        Expected::new([(
            "list_apps".to_string(),
            vec![
                Argument::of::<u32>("limit"),
                Argument::of::<Option<String>>("keep"),
            ],
        )])
    }

    fn problem(payload: InvokeBody) -> Option<(String, ArgumentProblem)> {
        match expected().check("list_apps", &payload) {
            Ok(()) => None,
            Err(ErrorCode::InvalidInput {
                field: Field::Request,
                issue:
                    InputIssue::BadArgument {
                        command,
                        argument,
                        problem,
                    },
            }) => {
                assert_eq!(command, "list_apps");
                Some((argument, problem))
            }
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_tauri_would_read_passes() {
        assert_eq!(problem(json!({"limit": 5, "keep": "HR"}).into()), None);
        // An optional argument may be left out or null, and a key nobody reads is ignored.
        assert_eq!(problem(json!({"limit": 5}).into()), None);
        assert_eq!(
            problem(json!({"limit": 5, "keep": null, "extra": 1}).into()),
            None
        );
    }

    #[test]
    fn what_tauri_could_not_read_is_refused_with_the_arguments_name() {
        let wrong = |v: Value| problem(v.into());
        for limit in [
            json!("5"),
            json!(-1),
            json!(1.5),
            json!(u64::MAX),
            json!(null),
        ] {
            assert_eq!(
                wrong(json!({ "limit": limit })),
                Some(("limit".into(), ArgumentProblem::WrongType)),
                "{limit}"
            );
        }
        assert_eq!(
            wrong(json!({"limit": 5, "keep": ["HR"]})),
            Some(("keep".into(), ArgumentProblem::WrongType))
        );
        for nothing in [json!({}), json!([5]), json!("limit"), json!(null)] {
            assert_eq!(
                wrong(nothing.clone()),
                Some(("limit".into(), ArgumentProblem::Missing)),
                "{nothing}"
            );
        }
        assert_eq!(
            problem(InvokeBody::Raw(vec![1, 2, 3])),
            Some(("limit".into(), ArgumentProblem::Missing))
        );
    }

    #[test]
    fn a_channel_is_the_string_tauris_library_sends() {
        type Events = Channel<()>;
        assert!(Events::readable(&json!("__CHANNEL__:12")));
        for not in [json!("12"), json!("__CHANNEL__:x"), json!(12), json!(null)] {
            assert!(!Events::readable(&not), "{not}");
        }
    }

    #[test]
    fn parameters_are_named_as_tauri_names_them() {
        assert_eq!(camel_case("state_hash"), "stateHash");
        assert_eq!(camel_case("app"), "app");
    }
}
