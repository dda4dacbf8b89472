//! `portal-content publish`: brings a tree a full build wrote up to date with the sources after
//! articles were published, changed or withdrawn, writing only the documents that differ. The
//! search index is not rebuilt: what changed goes to its delta (`search::delta`), and the full
//! build's shards, tails and records stay as they are (docs/publishing.md).

mod archive;
mod named;

pub use named::publish_named;

use crate::generate::MemorySink;
use crate::{Layout, generate_all, list_tree};
use anyhow::{Context, Result};
use portal_core::search::index::{Manifest, manifest_doc};
use std::path::Path;

/// What a publish wrote and removed (paths relative to the API's root), and what the prerender's
/// `--changed` is to write again: the articles whose documents it wrote or removed
/// (`en/<slug>`: English), and the numbered pages of categories it wrote or removed
/// (`categories/<slug>/<k>.json`, `en/…`), which one more article at the newest end does not
/// touch but a withdrawn, changed or back-dated one does (`portal_core::pagination::Archive`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
}

/// Publishes the sources of `layout` into its API tree (`layout.out`), which a full build wrote.
pub fn publish(layout: &Layout) -> Result<Published> {
    let out = &layout.out;
    let read = |path: &str| std::fs::read(out.join(path)).ok();
    let mut fresh = MemorySink::default();
    generate_all(layout, &mut fresh, Some(&read))?;
    let mut done = Published::default();
    for (path, bytes) in &fresh.0 {
        write_changed(out, path, bytes, &mut done.written)?;
    }
    // Each language's full index, which the new manifest still names (its `docs`).
    let docs = |prefix: &str| -> u32 {
        fresh
            .0
            .get(&format!("{prefix}{}", manifest_doc()))
            .and_then(|b| serde_json::from_slice::<Manifest>(b).ok())
            .map_or(0, |m| m.docs)
    };
    let (vi, en) = (docs(""), docs("en/"));
    for path in list_tree(out)? {
        if fresh.0.contains_key(&path) {
            continue;
        }
        let (prefix, rest) = language(&path);
        if !is_main_index(rest, if prefix.is_empty() { vi } else { en }) {
            std::fs::remove_file(out.join(&path)).with_context(|| path.clone())?;
            done.removed.push(path);
        }
    }
    for path in done.written.iter().chain(&done.removed) {
        let (lang, rest) = language(path);
        if let Some(slug) = rest
            .strip_prefix("articles/")
            .and_then(|p| p.strip_suffix(".json"))
        {
            done.changed.push(format!("{lang}{slug}"));
        } else if let Some((_, Some(_))) = portal_core::paths::category_of_doc(rest) {
            done.changed.push(path.clone());
        }
    }
    Ok(done)
}

/// A path's language folder (`en/`, or none: Vietnamese) and the path within it.
fn language(path: &str) -> (&'static str, &str) {
    match path.strip_prefix("en/") {
        Some(rest) => ("en/", rest),
        None => ("", path),
    }
}

/// Whether `path` (in one language's tree) is a file of the full build's index of `docs`
/// articles, which a publish keeps without writing it.
fn is_main_index(path: &str, docs: u32) -> bool {
    if path.starts_with("search/terms/")
        || path.starts_with("search/tails/")
        || path == crate::search::numbers_doc()
    {
        return true;
    }
    path.strip_prefix("search/docs/")
        .and_then(|p| p.strip_suffix(".json"))
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n < docs)
}

/// Writes `bytes` at `path` unless the tree holds them already; says whether it wrote, and
/// records what it wrote in `written`.
fn write_changed(out: &Path, path: &str, bytes: &[u8], written: &mut Vec<String>) -> Result<bool> {
    if std::fs::read(out.join(path)).ok().as_deref() == Some(bytes) {
        return Ok(false);
    }
    write(out, path, bytes)?;
    written.push(path.to_owned());
    Ok(true)
}

fn write(out: &Path, path: &str, bytes: &[u8]) -> Result<()> {
    let full = out.join(path);
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written beside and renamed: a reader of the tree never sees half a document.
    let part = full.with_extension("json.part");
    std::fs::write(&part, bytes).with_context(|| path.to_owned())?;
    std::fs::rename(&part, &full).with_context(|| path.to_owned())?;
    Ok(())
}
