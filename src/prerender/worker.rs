//! The service worker of a build (`sw.js`, from `sw.js` beside this file), written by the
//! prerender because it is the build's last step: it knows every file of the build. The pages
//! name the scripts that are not hashed (boot.js, prefs.js, offline.js) with the build's
//! `?v=`, so a page and the files it runs always come from one build, online or offline.

use portal_core::Lang;
use portal_core::paths;
use std::hash::Hasher;
use std::path::Path;

/// The scripts whose names carry no hash (`public/assets/`); pages ask for them with `?v=`.
const SCRIPTS: [&str; 3] = ["assets/boot.js", "assets/prefs.js", "assets/offline.js"];
/// The worker's own file, at the deployment's root so that its scope is the whole site.
pub const FILE: &str = "sw.js";

/// What the pages of a build say about the worker.
#[derive(Clone)]
pub struct Worker {
    /// A name for this build's files.
    pub build: String,
    /// The `?v=` of the unhashed scripts.
    pub version: String,
    /// Whether pages register the worker (`PORTAL_SERVICE_WORKER=off`: the kill switch).
    pub on: bool,
}

impl Worker {
    /// Reads the build's files in `dist`.
    pub fn new(dist: &Path, on: bool) -> Worker {
        let mut scripts = std::collections::hash_map::DefaultHasher::new();
        for script in SCRIPTS {
            scripts.write(&std::fs::read(dist.join(script)).unwrap_or_default());
        }
        let version = format!("{:016x}", scripts.finish());
        let mut build = std::collections::hash_map::DefaultHasher::new();
        build.write(version.as_bytes());
        for name in hashed_files(dist) {
            build.write(name.as_bytes());
        }
        Worker {
            build: format!("{:016x}", build.finish()),
            version,
            on,
        }
    }

    /// `src` with the build's `?v=` if it names one of the unhashed scripts.
    pub fn versioned(&self, src: &str) -> Option<String> {
        SCRIPTS
            .iter()
            .any(|s| src.ends_with(s))
            .then(|| format!("{src}?v={}", self.version))
    }

    /// `sw.js`: the worker, or, switched off, one that removes itself and what it stored.
    pub fn script(&self, dist: &Path, english: bool) -> String {
        if !self.on {
            return RETIRE.to_owned();
        }
        let mut files: Vec<String> = hashed_files(dist);
        files.extend(SCRIPTS.iter().map(|s| format!("{s}?v={}", self.version)));
        let offline = |lang: Lang| lang.route(&paths::offline_route(lang));
        let page = |route: String| route.trim_start_matches('/').to_owned();
        files.push(page(offline(Lang::Vi)));
        let en = if english {
            files.push(page(offline(Lang::En)));
            page(offline(Lang::En))
        } else {
            page(offline(Lang::Vi))
        };
        format!(
            "const BUILD = {};\nconst FILES = {};\nconst OFFLINE = {{ vi: {}, en: {} }};\nconst API = {};\nconst HASHED = new RegExp({});\n{SOURCE}",
            json(&self.build),
            serde_json::to_string(&files).unwrap_or_else(|_| "[]".into()),
            json(&page(offline(Lang::Vi))),
            json(&en),
            json(&format!("{}/", paths::API_BASE.trim_end_matches('/'))),
            json(portal_core::route::host::HASHED),
        )
    }
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

const SOURCE: &str = include_str!("sw.js");

/// The kill switch's worker: it takes over, deletes the portal's caches, unregisters itself and
/// reloads the pages it controlled, which then run without a worker.
const RETIRE: &str =
    "// The portal's service worker, retired (PORTAL_SERVICE_WORKER=off, README: Deploying).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith('portal-')) await caches.delete(name);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
})()));
";

/// The portal's hashed files at the build's root (Trunk's `name-<16 hex>.ext`), sorted.
fn hashed_files(dist: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| hashed(name))
        .collect();
    names.sort();
    names
}

fn hashed(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // As `portal_core::route::host::HASHED` says, which the worker itself reads, and Trunk's
    // copy of the favicon.
    matches!(ext, "js" | "wasm" | "css" | "svg")
        && stem.rsplit_once('-').is_some_and(|(_, hash)| {
            (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_hashed_names() {
        assert!(hashed("portal-0123456789abcdef.js"));
        assert!(hashed("portal-0123456789abcdef_bg.wasm"));
        assert!(hashed("portal-123456789abcdef.js"));
        assert!(hashed("main-0123456789abcdef.css"));
        assert!(!hashed("index.html"));
        assert!(!hashed("sw.js"));
        assert!(!hashed("portal-0123.js"));
        assert!(hashed("favicon-4994eeb5f30fed3.svg"));
    }

    #[test]
    fn versions_only_the_unhashed_scripts() {
        let w = Worker {
            build: "b".into(),
            version: "v1".into(),
            on: true,
        };
        assert_eq!(
            w.versioned("/cong/assets/boot.js").as_deref(),
            Some("/cong/assets/boot.js?v=v1")
        );
        assert_eq!(w.versioned("portal-0123456789abcdef.js"), None);
    }
}
