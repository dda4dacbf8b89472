//! The snippet builder (`/nhung`): district webmasters build a widget's snippet with a live
//! preview. A binary of its own (entry `snippet-builder.html`), so the portal's bundle does not
//! carry it.
fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start_snippet_builder();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The snippet builder runs in the browser: `bash scripts/serve.sh` (README.md).");
}
