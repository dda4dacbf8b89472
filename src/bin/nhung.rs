//! The widget app: widget views for district sites (`/nhung/<kind>`) and the snippet builder
//! (`/nhung`). A binary of its own (entry `nhung.html`), so the portal's bundle does not carry it.
fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start_widgets();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The widget app runs in the browser: use `trunk serve nhung.html` (see README.md).");
}
