//! The page's typed door to the commands: `ui/src/bindings.ts` is generated from the commands and
//! the types they take and return (tauri-specta), so a renamed argument or a changed shape breaks
//! the UI's type check instead of a click. tauri-specta rather than ts-rs: it generates the command
//! wrappers and the channel types too, not only the data types. A unit test fails when the
//! committed file is stale; `UPDATE_BINDINGS=1 cargo test --bin factorial-connect-app bindings`
//! (or `make bindings`) rewrites it.

use tauri_specta::{Builder, collect_commands};

use crate::commands;

/// The commands the page may call; the same list is the invoke handler.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        // How a span of time is counted, shared with the command line (connect_core::health).
        .constant("SPAN_STEPS", connect_core::health::SPAN_STEPS)
        // Factorial's scopes, offered as a list in the add form (any well-formed name is accepted).
        .constant("KNOWN_SCOPES", connect_core::app_profile::KNOWN_SCOPES)
        // What a refresh token is believed to live unless the application says otherwise.
        .constant(
            "DEFAULT_REFRESH_LIFETIME_SECS",
            connect_core::keep_alive::DEFAULT_REFRESH_LIFETIME_SECS,
        )
        // Shown as text when no browser opens it.
        .constant("DOWNLOADS_PAGE", crate::updates::DOWNLOADS_PAGE)
        .constant(
            "DEFAULT_REDIRECT_URI",
            connect_core::app_profile::DEFAULT_REDIRECT_URI,
        )
        .commands(collect_commands![
            commands::list_apps,
            commands::apps::add_app,
            commands::apps::update_app,
            commands::apps::remove_app,
            commands::apps::open_applications_page,
            commands::apps::copy_redirect_uri,
            commands::authorization::start_authorization,
            commands::authorization::complete_pasted,
            commands::authorization::cancel_authorization,
            commands::authorization::authorization_outcome,
            commands::authorization::subscribe,
            commands::accounts::copy_token,
            commands::accounts::reveal_token,
            commands::accounts::copy_for_scripts,
            commands::accounts::test_account,
            commands::accounts::refresh_account,
            commands::accounts::revoke_account,
            commands::accounts::forget_account,
            commands::window::preferences,
            commands::window::set_preferences,
            commands::window::start_at_login,
            commands::window::set_start_at_login,
            commands::window::keep_alive_paused,
            commands::window::set_keep_alive_paused,
            commands::window::about,
            commands::window::remove_everything,
            commands::updates::update_way,
            commands::updates::check_for_update,
            commands::updates::install_update,
            commands::updates::open_downloads_page,
        ])
}

#[cfg(test)]
mod tests {
    use specta_typescript::{BigIntExportBehavior, Typescript};

    /// Unix seconds fit a JavaScript number for the next 285,000 years.
    pub fn typescript() -> Typescript {
        Typescript::default()
            .bigint(BigIntExportBehavior::Number)
            .header("// Generated from the Rust commands by src-tauri/src/app/bindings.rs: do not edit.\n// @ts-nocheck")
    }

    /// A command must be listed three times: here (the page's bindings and the invoke handler), in
    /// build.rs (the app manifest Tauri checks calls against) and in the window's capability (what
    /// the page may call). One missing from either of the last two is a command the page cannot use.
    #[test]
    fn every_command_is_in_the_manifest_and_the_capability() {
        let bindings = include_str!("../../../ui/src/bindings.ts");
        let manifest = include_str!("../../build.rs");
        let capability = include_str!("../../capabilities/main-window.json");
        let quoted: Vec<&str> = manifest
            .split(".commands(&[")
            .nth(1)
            .and_then(|rest| rest.split("])").next())
            .unwrap_or_default()
            .split('"')
            .skip(1)
            .step_by(2)
            .collect();
        assert!(quoted.len() > 10, "{quoted:?}");
        for name in &quoted {
            let camel: String = name
                .split('_')
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_string()
                    } else {
                        w[..1].to_uppercase() + &w[1..]
                    }
                })
                .collect();
            assert!(
                bindings.contains(&format!("async {camel}(")),
                "{name} is in build.rs but not a command"
            );
            assert!(
                capability.contains(&format!("\"allow-{}\"", name.replace('_', "-"))),
                "{name} is not allowed in main-window.json"
            );
        }
        assert_eq!(
            bindings.matches("\nasync ").count(),
            quoted.len(),
            "a command is missing from build.rs"
        );
    }

    /// tauri-specta writes constants in a hash map's order, which changes from run to run; sorted,
    /// the file is the same every time.
    fn constants_in_order(bindings: &str) -> String {
        const START: &str = "/** user-defined constants **/\n\n";
        let Some((head, rest)) = bindings.split_once(START) else {
            return bindings.to_string();
        };
        let (block, tail) = rest.split_once("\n\n").unwrap_or((rest, ""));
        let mut lines: Vec<&str> = block.lines().collect();
        lines.sort_unstable();
        format!("{head}{START}{}\n\n{tail}", lines.join("\n"))
    }

    #[test]
    fn the_committed_bindings_are_current() {
        let generated = super::builder()
            .export_str(typescript())
            .expect("bindings export")
            // tauri-specta 2.0.0-rc.21 declares this alias over the `Channel` class it imports under
            // the same name, which would type every channel argument as `null`.
            .replace("export type TAURI_CHANNEL<TSend> = null\n", "");
        let generated = constants_in_order(&generated);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/bindings.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, &generated).expect("write ui/src/bindings.ts");
            return;
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/bindings.ts is stale: run `make bindings` and commit it"
        );
    }
}
