fn main() {
    #[cfg(target_arch = "wasm32")]
    portal::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("The portal runs in the browser: use `trunk serve` (see README.md).");
}
