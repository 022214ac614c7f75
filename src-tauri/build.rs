//! tauri.conf.json sits at the repository root (the design card's layout), which is also this
//! package's manifest directory, so tauri-build finds it by default; only the capabilities live
//! under src-tauri/.
fn main() {
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
