//! The search app: the search page (`/tim-kiem`). A binary of its own (entry `tim-kiem.html`), so
//! the portal's bundle does not carry the index reader and the result list.
fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start_search();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "The search app runs in the browser: `trunk serve` shows it in debug builds (README.md)."
    );
}
