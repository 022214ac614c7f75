//! The page's typed door to the commands: `ui/src/bindings.ts` is generated from the commands and
//! the types they take and return (tauri-specta), so a renamed argument or a changed shape breaks
//! the UI's type check instead of a click. tauri-specta rather than ts-rs: it generates the command
//! wrappers and the channel types too, not only the data types. A unit test fails when the
//! committed file is stale; `UPDATE_BINDINGS=1 cargo test --bin factorial-connect-app bindings`
//! (or `make bindings`) rewrites it.

use tauri::Wry;
use tauri::ipc::Invoke;
use tauri_specta::{Builder, collect_commands};

use crate::arguments::{Argument, Expected};
use crate::commands;

/// The commands the page may call, each with its parameters: those Tauri provides (before the
/// `;`) and those the page sends, with their types. The one list makes the bindings, the invoke
/// handler and the check of what the page sends. The compiler holds its types and their order to
/// each function's signature (`signatures_match`); the names, which it cannot see, are held to
/// the generated bindings by a test. No command may rename its arguments (`rename_all`) or
/// itself: the check reads them by Tauri's default names.
macro_rules! commands {
    ($($($segment:ident)::+ ($($provided:ident),* ; $($parameter:ident: $ty:ty),*)),* $(,)?) => {
        fn with_commands(builder: Builder<Wry>) -> Builder<Wry> {
            builder.commands(collect_commands![$($($segment)::+),*])
        }

        /// Each command's name and the arguments it takes from the page.
        fn arguments() -> Vec<(String, Vec<Argument>)> {
            vec![$((
                command_name(stringify!($($segment)::+)),
                vec![$(Argument::of::<$ty>(stringify!($parameter))),*],
            )),*]
        }

        /// Compiles only while every command takes exactly the parameters listed, in order.
        #[allow(dead_code, clippy::diverging_sub_expression)]
        fn signatures_match() {
            fn any<T>() -> T {
                unreachable!()
            }
            $(let _ = || {
                $($segment)::+($({ let _ = stringify!($provided); any() },)* $(any::<$ty>()),*)
            };)*
        }
    };
}

commands! {
    commands::list_apps(state; limit: u32, keep: Option<String>),
    commands::apps::add_app(state; form: commands::apps::AppForm),
    commands::apps::update_app(state; app: String, edit: connect_core::engine::AppChanges),
    commands::apps::remove_app(state; app: String),
    commands::apps::open_applications_page(; environment: String),
    commands::apps::copy_redirect_uri(state;),
    commands::authorization::start_authorization(state; app: String, company: bool),
    commands::authorization::complete_pasted(state; answer: String, pending: Option<String>),
    commands::authorization::cancel_authorization(state; state_hash: String),
    commands::authorization::authorization_outcome(state; state_hash: String),
    commands::authorization::subscribe(
        state;
        events: tauri::ipc::Channel<crate::events::WindowEvent>
    ),
    commands::accounts::copy_token(state; app: String, account: String),
    commands::accounts::reveal_token(state; app: String, account: String),
    commands::accounts::copy_for_scripts(state; app: String, account: String),
    commands::accounts::test_account(state; app: String, account: String),
    commands::accounts::refresh_account(state; app: String, account: String),
    commands::accounts::revoke_account(state; app: String, account: String),
    commands::accounts::forget_account(state; app: String, account: String),
    commands::sharing::share_account(
        state;
        app: String,
        account: String,
        form: commands::sharing::ShareForm
    ),
    commands::sharing::test_sharing(state; app: String, account: String),
    commands::sharing::unshare_account(state; app: String, account: String),
    commands::sharing::hand_over_account(state; app: String, account: String),
    commands::preferences::preferences(app;),
    commands::preferences::set_preferences(app; preferences: crate::settings::Preferences),
    commands::autostart::start_at_login(app;),
    commands::autostart::set_start_at_login(app; on: bool),
    commands::preferences::keep_alive_paused(state;),
    commands::preferences::set_keep_alive_paused(app; paused: bool),
    commands::about::about(state;),
    commands::apps::remove_everything(state;),
    commands::updates::update_way(app;),
    commands::updates::check_for_update(app;),
    commands::updates::install_update(app;),
    commands::updates::open_downloads_page(;),
}

/// `commands :: apps :: add_app` → `add_app`, the name the page calls it by.
fn command_name(path: &str) -> String {
    path.rsplit("::").next().unwrap_or(path).trim().to_string()
}

/// The page's bindings: the commands, and the constants the page shares with Rust.
pub fn builder() -> Builder<Wry> {
    let builder = Builder::<Wry>::new()
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
        );
    with_commands(builder)
}

/// The invoke handler: what the page sends is checked first, so an argument of the wrong type is
/// refused as our code rather than in Tauri's English.
pub fn invoke_handler() -> impl Fn(Invoke<Wry>) -> bool + Send + Sync + 'static {
    let handler = builder().invoke_handler();
    let expected = Expected::new(arguments());
    move |invoke| match expected.check(invoke.message.command(), invoke.message.payload()) {
        Ok(()) => handler(invoke),
        Err(code) => {
            invoke.resolver.reject(code);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use specta_typescript::{BigIntExportBehavior, Typescript};

    /// Unix seconds fit a JavaScript number for the next 285,000 years.
    pub fn typescript() -> Typescript {
        Typescript::default()
            .bigint(BigIntExportBehavior::Number)
            .header("// Generated from the Rust commands by src-tauri/src/desktop/bindings.rs: do not edit.\n// @ts-nocheck")
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
            let camel = crate::arguments::camel_case(name);
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

    /// The arguments checked before a call are the ones the page's bindings send, by name.
    #[test]
    fn the_checked_arguments_are_the_ones_the_bindings_send() {
        let bindings = include_str!("../../../ui/src/bindings.ts");
        let commands = super::arguments();
        assert!(commands.len() > 10);
        for (command, arguments) in commands {
            let start = format!("async {}(", crate::arguments::camel_case(&command));
            let sent: Vec<&str> = bindings
                .split_once(&start)
                .and_then(|(_, rest)| rest.split_once(')'))
                .map(|(list, _)| list.split(", ").filter_map(|a| a.split(':').next()))
                .expect("the command in the bindings")
                .filter(|name| !name.is_empty())
                .collect();
            let checked: Vec<&str> = arguments.iter().map(|a| a.key.as_str()).collect();
            assert_eq!(checked, sent, "{command}");
        }
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
