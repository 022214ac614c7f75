//! `factorial-connect apps add | list | remove`.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use connect_core::app_profile::NewApp;
use connect_core::error::{Field, InputIssue};
use connect_core::{Engine, Error, ErrorCode, Secret};

use super::AppsCommand;
use super::messages::{say, shell_quote};
use super::output::{note, out, print_json};

pub async fn run(command: AppsCommand, engine: &Engine) -> Result<ExitCode, Error> {
    match command {
        AppsCommand::Add {
            name,
            client_id,
            env,
            redirect_uri,
            scopes,
            public,
            no_pkce,
        } => {
            let client_secret = if public { None } else { Some(read_secret()?) };
            let app = engine.add_app(NewApp {
                name,
                environment: env,
                client_id,
                client_secret,
                confidential: !public,
                redirect_uri,
                scopes,
                pkce: !no_pkce,
            })?;
            let (environment, quoted) = (app.environment.label(), shell_quote(&app.name));
            let said = say(
                "cli-added",
                &[
                    ("name", (&app.name).into()),
                    ("environment", (&environment).into()),
                    ("app", (&quoted).into()),
                ],
            );
            note!("{said}");
        }
        AppsCommand::List { json } => {
            let apps: Vec<_> = engine.status()?.into_iter().map(|s| s.app).collect();
            if json {
                print_json(&apps);
            } else if apps.is_empty() {
                note!("{}", say("cli-no-apps", &[]));
            } else {
                for app in apps {
                    out!(
                        "{}\t{}\t{}\t{}\t{}",
                        app.name,
                        app.environment.label(),
                        app.client_id,
                        if app.confidential {
                            "confidential"
                        } else {
                            "public"
                        },
                        app.redirect_uri
                    );
                }
            }
        }
        AppsCommand::Remove { name } => {
            let app = engine.remove_app(&name).await?;
            note!("{}", say("cli-removed", &[("name", (&app.name).into())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The client secret, from stdin: hidden prompt on a terminal, else the whole input trimmed.
fn read_secret() -> Result<Secret, Error> {
    let unreadable = || {
        Error::from(ErrorCode::InvalidInput {
            field: Field::ClientSecret,
            issue: InputIssue::Unreadable,
        })
    };
    if std::io::stdin().is_terminal() {
        let typed =
            rpassword::prompt_password("Client secret (shown once by Factorial; input hidden): ")
                .map_err(|_| unreadable())?;
        return Ok(Secret::new(typed));
    }
    let mut input = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut input)
        .map_err(|_| unreadable())?;
    Ok(Secret::new(input.trim().to_string()))
}
