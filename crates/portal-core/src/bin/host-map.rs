//! `cargo run -p portal-core --bin host-map -- <dir> [base]`: writes the host map
//! (`routes.json`, `nginx.conf`, see `portal_core::route::host`) into `dir`, for a deployment at
//! `base` (`/` unless given). The prerender writes the same files into a build; this is for
//! `scripts/serve.sh`, whose development loop sends each address to its app the same way.
fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("host-map: usage: host-map <dir> [base]");
        return std::process::ExitCode::FAILURE;
    };
    let base = args.next().unwrap_or_else(|| "/".to_owned());
    let dir = std::path::Path::new(&dir);
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        portal_core::route::host::files(&base)
            .iter()
            .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
    });
    match written {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("host-map: {}: {e}", dir.display());
            std::process::ExitCode::FAILURE
        }
    }
}
