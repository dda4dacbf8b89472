//! The look-up app: search, the legal documents register and its documents, the portal's own
//! pages. A binary of its own (entry `lookup.html`), so the portal's bundle does not carry them.
fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start_lookup();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The look-up app runs in the browser: `bash scripts/serve.sh` (README.md).");
}
