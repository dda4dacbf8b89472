//! The participation app: the consultations on drafts and the questions to the city, with their
//! forms. A binary of its own (entry `participation.html`), so neither the portal's bundle nor
//! the look-up app's (search, the register) carries the forms.
fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start_participation();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The participation app runs in the browser: `bash scripts/serve.sh` (README.md).");
}
