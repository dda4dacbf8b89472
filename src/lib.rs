//! The portal's web frontend: a Leptos single-page app built by Trunk, whose routes are also
//! prerendered to HTML from the same components (`prerender`, native only).
//!
//! Pure logic lives in `portal-core` (tested natively). The app's modules compile for both targets;
//! everything that touches the browser goes through `base::window()`, which is `None` natively.

pub use portal_core as core;

// Modules import downwards only: base, then api, then nav, then components, then routes, then app,
// then the ways of starting it (the browser's `start`, the native `prerender`).
pub mod api;
pub mod app;
pub mod base;
pub mod components;
pub mod nav;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod routes;
pub mod sanitize;
#[cfg(target_arch = "wasm32")]
mod takeover;

/// Every app's allocator: Talc, smaller in the wasm than the default dlmalloc (docs/performance.md).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Starts the portal: takes over the prerendered page if there is one (`takeover`), or mounts on
/// an empty `<body>` (`trunk serve`).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    boot();
    takeover::start(app::PortalApp);
}

/// Starts the look-up app (`src/bin/lookup.rs`), taking over its prerendered page.
#[cfg(target_arch = "wasm32")]
pub fn start_lookup() {
    boot();
    takeover::start(app::LookupApp);
}

/// Starts the participation app (`src/bin/participation.rs`), taking over its prerendered page.
#[cfg(target_arch = "wasm32")]
pub fn start_participation() {
    boot();
    takeover::start(app::ParticipationApp);
}

/// Mounts the snippet builder (`src/bin/snippet-builder.rs`) on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start_snippet_builder() {
    boot();
    leptos::mount::mount_to_body(app::SnippetBuilderApp);
    takeover::mark_running();
}

#[cfg(target_arch = "wasm32")]
fn boot() {
    // A panic stops the whole app: log it, and tell the reader, with a reload link that needs no wasm.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::connectivity::show_crash_banner();
    }));
}
