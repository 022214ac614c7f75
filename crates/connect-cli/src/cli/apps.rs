//! `factorial-connect apps add | list | edit | remove`.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use connect_core::app_profile::NewApp;
use connect_core::engine::AppChanges;
use connect_core::error::{Field, InputIssue};
use connect_core::{Engine, Error, ErrorCode, Secret};

use super::messages::{say, shell_quote};
use super::output::{note, out, print_json};
use super::{AddArgs, AppsCommand, EditArgs};

pub async fn run(command: AppsCommand, engine: &Engine) -> Result<ExitCode, Error> {
    match command {
        AppsCommand::Add(args) => add(engine, args)?,
        AppsCommand::List { json } => list(engine, json)?,
        AppsCommand::Edit(args) => edit(engine, args)?,
        AppsCommand::Remove { name } => {
            let app = engine.remove_app(&name).await?;
            note!("{}", say("cli-removed", &[("name", (&app.name).into())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn add(engine: &Engine, args: AddArgs) -> Result<(), Error> {
    let client_secret = if args.public {
        None
    } else {
        Some(read_secret(Field::ClientSecret, "cli-secret-prompt")?)
    };
    let app = engine.add_app(NewApp {
        name: args.name,
        environment: args.env,
        client_id: args.client_id,
        client_secret,
        confidential: !args.public,
        redirect_uri: args.redirect_uri,
        scopes: args.scopes,
        pkce: !args.no_pkce,
        refresh_lifetime_secs: args.refresh_token_life,
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
    Ok(())
}

fn list(engine: &Engine, json: bool) -> Result<(), Error> {
    let apps: Vec<_> = engine.status()?.into_iter().map(|s| s.app).collect();
    if json {
        print_json(&apps);
        return Ok(());
    }
    if apps.is_empty() {
        note!("{}", say("cli-no-apps", &[]));
    }
    for app in &apps {
        let kind = if app.confidential {
            "confidential"
        } else {
            "public"
        };
        out!(
            "{}\t{}\t{}\t{kind}\t{}",
            app.name,
            app.environment.label(),
            app.client_id,
            app.redirect_uri
        );
    }
    Ok(())
}

fn edit(engine: &Engine, args: EditArgs) -> Result<(), Error> {
    // Read before anything changes (a secret that cannot be read leaves the rest as it was), and
    // never asked of a public application, which the engine would refuse it for.
    let client_secret = match args.new_secret {
        true if !engine.app(&args.name)?.confidential => {
            return Err(Error::from(ErrorCode::InvalidInput {
                field: Field::ClientSecret,
                issue: InputIssue::SecretNotAllowed,
            }));
        }
        true => Some(read_secret(Field::ClientSecret, "cli-secret-prompt")?),
        false => None,
    };
    let app = engine.update_app(
        &args.name,
        AppChanges {
            name: args.rename,
            client_secret,
            scopes: args.scopes,
            environment: args.env,
            client_id: args.client_id,
            refresh_lifetime_secs: args.refresh_token_life,
        },
    )?;
    note!("{}", say("cli-edited", &[("name", (&app.name).into())]));
    Ok(())
}

/// A secret (`field`: a client secret, a secrets manager's login) from stdin: a hidden prompt
/// (`prompt`) on a terminal, else the whole input trimmed.
pub(super) fn read_secret(field: Field, prompt: &str) -> Result<Secret, Error> {
    let unreadable = || {
        Error::from(ErrorCode::InvalidInput {
            field,
            issue: InputIssue::Unreadable,
        })
    };
    if std::io::stdin().is_terminal() {
        let typed = rpassword::prompt_password(super::messages::say(prompt, &[]))
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

/// A duration as people write it: a whole number and a unit, `7d`, `12h`, `30m` or `45s`. The
/// error is for clap, which reports it as an invalid value; its words are the admin's language's.
pub fn duration_secs(text: &str) -> Result<u64, String> {
    let problem = |why: &str| super::messages::say("cli-duration-problem", &[("why", why.into())]);
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| problem("no_unit"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| problem("no_number"))?;
    let scale = match unit.trim() {
        "d" => 86_400,
        "h" => 3600,
        "m" => 60,
        "s" => 1,
        _ => return Err(problem("unknown_unit")),
    };
    number.checked_mul(scale).ok_or_else(|| problem("too_long"))
}

#[cfg(test)]
mod tests {
    use super::duration_secs;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(duration_secs("7d"), Ok(7 * 86_400));
        assert_eq!(duration_secs(" 12h "), Ok(12 * 3600));
        assert_eq!(duration_secs("30m"), Ok(1800));
        assert_eq!(duration_secs("45s"), Ok(45));
        for bad in [
            "",
            "7",
            "d",
            "7w",
            "-1d",
            "1.5d",
            "99999999999999999999d",
            "7 d x",
        ] {
            assert!(duration_secs(bad).is_err(), "{bad:?}");
        }
        assert!(duration_secs("999999999999999d").is_err());
    }
}
