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
        .commands(collect_commands![
            commands::list_apps,
            commands::start_authorization,
            commands::complete_pasted,
            commands::cancel_authorization,
            commands::authorization_outcome,
            commands::subscribe,
            commands::preferences,
            commands::set_preferences,
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

    #[test]
    fn the_committed_bindings_are_current() {
        let generated = super::builder()
            .export_str(typescript())
            .expect("bindings export")
            // tauri-specta 2.0.0-rc.21 declares this alias over the `Channel` class it imports under
            // the same name, which would type every channel argument as `null`.
            .replace("export type TAURI_CHANNEL<TSend> = null\n", "");
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
