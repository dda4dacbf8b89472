//! The portal's web frontend: a Leptos (CSR) single-page app built by Trunk.
//!
//! Pure logic lives in `portal-core` (tested natively); everything here touches the browser and is
//! compiled for wasm32 only, which keeps native `cargo test` free of browser crates.

pub use portal_core as core;

// Modules import downwards only: base, then api, then nav, then components, then routes, then app.
#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod base;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod nav;
#[cfg(target_arch = "wasm32")]
pub mod routes;
#[cfg(target_arch = "wasm32")]
pub mod sanitize;

/// Mounts the portal on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    boot();
    leptos::mount::mount_to_body(app::App);
}

/// Mounts the widget app (widgets and the snippet builder, `src/bin/nhung.rs`) on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start_widgets() {
    boot();
    leptos::mount::mount_to_body(app::WidgetApp);
}

#[cfg(target_arch = "wasm32")]
fn boot() {
    // A panic stops the whole app: log it, and tell the reader, with a reload link that needs no wasm.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::connectivity::show_crash_banner();
    }));
}
