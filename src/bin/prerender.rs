//! `cargo run --release --bin prerender -- --api public/api/v1 --dist dist --site https://portal.example/`
//! Writes every route of the portal as HTML into Trunk's output (see `portal::prerender`).
//! `--changed <slug>[,<slug>…]` rewrites only what those articles touch (`en/<slug>`: an English
//! article); `--workers <n>` threads render at once (every core unless told).

/// Millions of short-lived strings on every core: mimalloc's per-thread heaps rather than glibc's.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let mut options = portal::prerender::Options {
        api: "public/api/v1".into(),
        dist: "dist".into(),
        site_url: "http://127.0.0.1:8080/".into(),
        changed: None,
        // Every core (`--workers` says otherwise).
        workers: std::thread::available_parallelism().map_or(1, usize::from),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("prerender: {flag} needs a value");
            return std::process::ExitCode::FAILURE;
        };
        match flag.as_str() {
            "--api" => options.api = value,
            "--dist" => options.dist = value.into(),
            "--site" => options.site_url = value,
            "--changed" => options.changed = Some(value.split(',').map(str::to_owned).collect()),
            "--workers" => match value.parse() {
                Ok(n) => options.workers = n,
                Err(_) => {
                    eprintln!("prerender: --workers needs a number");
                    return std::process::ExitCode::FAILURE;
                }
            },
            _ => {
                eprintln!(
                    "prerender: unknown option {flag} (--api, --dist, --site, --changed, --workers)"
                );
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    match portal::prerender::run(&options) {
        Ok(r) => {
            for route in &r.skipped {
                eprintln!("prerender: {route} not written: its document is not the contract's");
            }
            println!(
                "prerender: {} pages ({} articles), {:.1} MB, in {:.1} s",
                r.pages,
                r.articles,
                r.bytes as f64 / 1e6,
                r.seconds
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
