//! The sitemap: `sitemap.xml`, an index of files of at most 50,000 URLs (`sitemap-<id>.xml`),
//! kept so that a `--changed` run reads and writes only the files holding the addresses it
//! changes. Each file's entries, sorted by address, are kept beside the site
//! (`_prerender/sitemap-<id>.json`), and `_prerender/sitemap.json` says where each file's addresses
//! start: an address belongs to the last file starting at or before it. A file grown past the
//! limit is cut in two (the second under a new id); an emptied one goes. Rewriting every file of a
//! million addresses for one article took 5.7 s.

use super::feeds::xml;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;
/// The run's own files: not a slug (slugs have no `_`), so no page's folder.
const DIR: &str = "_prerender";
const INDEX: &str = "sitemap.json";
/// What runs before the sitemap was kept in pieces left: removed by the next full run.
const OLD_MANIFEST: &str = "prerender.json";

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub loc: String,
    /// `YYYY-MM-DD` or RFC 3339.
    pub lastmod: Option<String>,
}

/// One sitemap file, as the index describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct File {
    id: u32,
    /// Its first address (the files' ranges follow one another in this order).
    first: String,
    count: usize,
    /// Its newest entry's, for the index.
    lastmod: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    files: Vec<File>,
    /// The id the next file cut off will take.
    next: u32,
}

/// Files to write (path under the site, text) and to remove, for the run to do.
#[derive(Debug, Default)]
pub struct Changes {
    pub write: Vec<(String, String)>,
    pub remove: Vec<String>,
}

/// The sitemap a run builds: a full run's every entry, or the last run's files, changed in part.
pub enum Sitemap {
    Whole(Vec<Entry>),
    Pieces(Pieces),
}

impl Sitemap {
    /// Adds `loc`, or sets its lastmod if the sitemap has it.
    pub fn set(&mut self, loc: String, lastmod: Option<String>) -> Result<(), String> {
        match self {
            // A full run writes each route once.
            Sitemap::Whole(entries) => entries.push(Entry { loc, lastmod }),
            Sitemap::Pieces(pieces) => pieces.set(loc, lastmod)?,
        }
        Ok(())
    }

    pub fn remove(&mut self, loc: &str) -> Result<(), String> {
        match self {
            Sitemap::Whole(entries) => entries.retain(|e| e.loc != loc),
            Sitemap::Pieces(pieces) => pieces.remove(loc)?,
        }
        Ok(())
    }

    /// A full run's entries so far (another thread's, to be merged into one sitemap).
    pub fn take_entries(&mut self) -> Vec<Entry> {
        match self {
            Sitemap::Whole(entries) => std::mem::take(entries),
            Sitemap::Pieces(_) => Vec::new(),
        }
    }

    pub fn extend(&mut self, more: Vec<Entry>) {
        if let Sitemap::Whole(entries) = self {
            entries.extend(more);
        }
    }

    /// The files to write: every file for a full run (and the files of the run before that it no
    /// longer has, to remove), the changed ones for the other.
    pub fn save(self, dist: &Path, site_url: &str, limit: usize) -> Result<Changes, String> {
        match self {
            Sitemap::Whole(mut entries) => {
                // One order whatever the threads did.
                entries.sort_by(|a, b| a.loc.cmp(&b.loc));
                let mut pieces = Pieces::empty(limit);
                pieces.loaded.insert(1, entries);
                // One file from the start of every address, cut at the limit as it is saved.
                pieces.index.files.push(File {
                    id: 1,
                    first: String::new(),
                    count: 0,
                    lastmod: None,
                });
                pieces.dirty.insert(1);
                pieces.index.next = 2;
                let mut changes = pieces.save(site_url)?;
                changes.remove = stale(dist, &changes.write);
                Ok(changes)
            }
            Sitemap::Pieces(pieces) => pieces.save(site_url),
        }
    }
}

/// The files of an earlier run a full run did not write.
fn stale(dist: &Path, written: &[(String, String)]) -> Vec<String> {
    let names = |dir: &Path, prefix: &str, suffix: &str| -> Vec<String> {
        let Ok(list) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        list.filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
            .collect()
    };
    let mut found: Vec<String> = names(dist, "sitemap-", ".xml");
    found.extend(
        names(&dist.join(DIR), "sitemap-", ".json")
            .into_iter()
            .map(|n| format!("{DIR}/{n}")),
    );
    if dist.join(OLD_MANIFEST).exists() {
        found.push(OLD_MANIFEST.to_owned());
    }
    found.retain(|n| !written.iter().any(|(w, _)| w == n));
    found.sort();
    found
}

/// The last run's sitemap, read file by file as addresses need them.
pub struct Pieces {
    dist: std::path::PathBuf,
    limit: usize,
    index: Index,
    /// The entries of the files read, by id.
    loaded: BTreeMap<u32, Vec<Entry>>,
    dirty: BTreeSet<u32>,
}

fn piece_path(id: u32) -> String {
    format!("{DIR}/sitemap-{id}.json")
}

fn xml_name(id: u32) -> String {
    format!("sitemap-{id}.xml")
}

impl Pieces {
    fn empty(limit: usize) -> Pieces {
        Pieces {
            dist: Default::default(),
            limit: limit.max(1),
            index: Index::default(),
            loaded: BTreeMap::new(),
            dirty: BTreeSet::new(),
        }
    }

    /// The sitemap the last full or `--changed` run left in `dist`.
    pub fn open(dist: &Path, limit: usize) -> Result<Pieces, String> {
        let path = dist.join(DIR).join(INDEX);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (run a full prerender first)", path.display()))?;
        let index = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Pieces {
            dist: dist.to_owned(),
            index,
            ..Pieces::empty(limit)
        })
    }

    /// The place in the index of the file `loc` belongs to.
    fn file_for(&self, loc: &str) -> Option<usize> {
        let files = &self.index.files;
        (!files.is_empty()).then(|| {
            files
                .partition_point(|f| f.first.as_str() <= loc)
                .saturating_sub(1)
        })
    }

    fn entries(&mut self, id: u32) -> Result<&mut Vec<Entry>, String> {
        if !self.loaded.contains_key(&id) {
            let path = self.dist.join(piece_path(id));
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let entries =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            self.loaded.insert(id, entries);
        }
        self.loaded
            .get_mut(&id)
            .ok_or_else(|| format!("sitemap file {id}"))
    }

    fn set(&mut self, loc: String, lastmod: Option<String>) -> Result<(), String> {
        let at = match self.file_for(&loc) {
            Some(at) => at,
            None => {
                let id = self.index.next;
                self.index.next += 1;
                self.index.files.push(File {
                    id,
                    first: loc.clone(),
                    count: 0,
                    lastmod: None,
                });
                self.loaded.insert(id, Vec::new());
                0
            }
        };
        let Some(file) = self.index.files.get_mut(at) else {
            return Ok(());
        };
        // An address before every file's goes into the first.
        if loc < file.first {
            file.first = loc.clone();
        }
        let id = file.id;
        let entries = self.entries(id)?;
        match entries.binary_search_by(|e| e.loc.as_str().cmp(&loc)) {
            Ok(k) => {
                if let Some(e) = entries.get_mut(k) {
                    e.lastmod = lastmod;
                }
            }
            Err(k) => entries.insert(k, Entry { loc, lastmod }),
        }
        self.dirty.insert(id);
        Ok(())
    }

    fn remove(&mut self, loc: &str) -> Result<(), String> {
        let Some(id) = self
            .file_for(loc)
            .and_then(|at| self.index.files.get(at))
            .map(|f| f.id)
        else {
            return Ok(());
        };
        let entries = self.entries(id)?;
        if let Ok(k) = entries.binary_search_by(|e| e.loc.as_str().cmp(loc)) {
            entries.remove(k);
            self.dirty.insert(id);
        }
        Ok(())
    }

    /// The changed files (cut in even parts when past the limit, gone when empty), their entries
    /// beside them, the index and `sitemap.xml`.
    fn save(mut self, site_url: &str) -> Result<Changes, String> {
        let mut changes = Changes::default();
        let mut files = Vec::new();
        let old = std::mem::take(&mut self.index.files);
        let last = old.len().saturating_sub(1);
        for (at, file) in old.into_iter().enumerate() {
            if !self.dirty.contains(&file.id) {
                files.push(file);
                continue;
            }
            let entries = self.loaded.remove(&file.id).unwrap_or_default();
            // Keep one file, even empty, so the sitemap stays whole.
            if entries.is_empty() && !(files.is_empty() && at == last) {
                changes.remove.push(xml_name(file.id));
                changes.remove.push(piece_path(file.id));
                continue;
            }
            let parts = entries.len().div_ceil(self.limit).max(1);
            let size = entries.len().div_ceil(parts).max(1);
            let mut chunks: Vec<&[Entry]> = entries.chunks(size).collect();
            if chunks.is_empty() {
                chunks.push(&[]);
            }
            for (k, chunk) in chunks.into_iter().enumerate() {
                let id = if k == 0 {
                    file.id
                } else {
                    self.index.next += 1;
                    self.index.next - 1
                };
                let lastmod = chunk.iter().filter_map(|e| e.lastmod.clone()).max();
                let first = match (k, chunk.first()) {
                    (0, _) | (_, None) => file.first.clone(),
                    (_, Some(e)) => e.loc.clone(),
                };
                changes.write.push((xml_name(id), urlset(chunk)));
                let json = serde_json::to_string(chunk).map_err(|e| e.to_string())?;
                changes.write.push((piece_path(id), json));
                files.push(File {
                    id,
                    first,
                    count: chunk.len(),
                    lastmod,
                });
            }
        }
        self.index.files = files;
        let index = serde_json::to_string(&self.index).map_err(|e| e.to_string())?;
        changes.write.push((format!("{DIR}/{INDEX}"), index));
        changes
            .write
            .push(("sitemap.xml".to_owned(), self.index_xml(site_url)));
        Ok(changes)
    }

    fn index_xml(&self, site_url: &str) -> String {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for file in &self.index.files {
            let loc = format!("{site_url}{}", xml_name(file.id));
            index += &format!("<sitemap><loc>{}</loc>", xml(&loc));
            if let Some(m) = &file.lastmod {
                index += &format!("<lastmod>{}</lastmod>", xml(m));
            }
            index += "</sitemap>\n";
        }
        index + "</sitemapindex>\n"
    }
}

fn urlset(entries: &[Entry]) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for e in entries {
        text += &format!("<url><loc>{}</loc>", xml(&e.loc));
        if let Some(m) = &e.lastmod {
            text += &format!("<lastmod>{}</lastmod>", xml(m));
        }
        text += "</url>\n";
    }
    text + "</urlset>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Entry {
        Entry {
            loc: format!("https://x.vn/a/{i:03}?b=1&c=2"),
            lastmod: Some(format!("2026-01-{:02}", i % 28 + 1)),
        }
    }

    /// Does what `Run` does with the changes.
    fn apply(dist: &Path, changes: Changes) {
        for name in changes.remove {
            std::fs::remove_file(dist.join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
        for (name, text) in changes.write {
            let path = dist.join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(dist))
                .and_then(|()| std::fs::write(path, text))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    fn folder(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("portal-sitemap-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    /// Every address of the sitemap's files, in the index's order, and the files' sizes.
    fn read(dist: &Path) -> (Vec<String>, Vec<usize>) {
        let text = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
        let index = text(&dist.join("sitemap.xml"));
        let mut locs = Vec::new();
        let mut sizes = Vec::new();
        for file in index.split("<loc>https://x.vn/").skip(1) {
            let name = file.split('<').next().unwrap_or_default();
            let urls = text(&dist.join(name));
            let found: Vec<String> = urls
                .split("<loc>")
                .skip(1)
                .map(|u| {
                    u.split('<')
                        .next()
                        .unwrap_or_default()
                        .replace("&amp;", "&")
                })
                .collect();
            sizes.push(found.len());
            locs.extend(found);
        }
        (locs, sizes)
    }

    #[test]
    fn a_full_run_cuts_its_sorted_entries_at_the_limit_and_drops_the_last_runs_extra_files() {
        let dist = folder("full");
        std::fs::write(dist.join("sitemap-9.xml"), "old").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dist.join(OLD_MANIFEST), "[]").unwrap_or_else(|e| panic!("{e}"));
        let mut entries: Vec<Entry> = (0..11).map(entry).collect();
        entries.reverse();
        let changes = Sitemap::Whole(entries)
            .save(&dist, "https://x.vn/", 4)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(changes.remove, vec![OLD_MANIFEST, "sitemap-9.xml"]);
        apply(&dist, changes);
        let (locs, sizes) = read(&dist);
        assert_eq!(sizes, vec![4, 4, 3]);
        let want: Vec<String> = (0..11).map(|i| entry(i).loc).collect();
        assert_eq!(locs, want);
        let text = std::fs::read_to_string(dist.join("sitemap-1.xml")).unwrap_or_default();
        assert!(text.contains("?b=1&amp;c=2"), "{text}");
    }

    #[test]
    fn a_changed_run_writes_only_the_files_its_addresses_are_in() {
        let dist = folder("changed");
        let all: Vec<Entry> = (0..40).step_by(2).map(entry).collect();
        let full = Sitemap::Whole(all).save(&dist, "https://x.vn/", 5);
        apply(&dist, full.unwrap_or_else(|e| panic!("{e}")));
        let mut pieces = Pieces::open(&dist, 5).unwrap_or_else(|e| panic!("{e}"));
        // Into the second file (10..=18), twice: cut in two; one gone from the fourth.
        pieces
            .set(entry(13).loc, None)
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
            .set(entry(15).loc, None)
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
            .remove(&entry(34).loc)
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
            .set(entry(0).loc, Some("2027-01-01".into()))
            .unwrap_or_else(|e| panic!("{e}"));
        let changes = Sitemap::Pieces(pieces)
            .save(&dist, "https://x.vn/", 5)
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = changes.write.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"sitemap-3.xml"), "{names:?}");
        assert!(
            names.contains(&"sitemap-5.xml"),
            "the second's cut {names:?}"
        );
        apply(&dist, changes);
        let (locs, sizes) = read(&dist);
        let mut want: Vec<String> = (0..40)
            .step_by(2)
            .chain([13, 15])
            .filter(|&i| i != 34)
            .map(|i| entry(i).loc)
            .collect();
        want.sort();
        assert_eq!(locs, want);
        assert_eq!(sizes, vec![5, 4, 3, 5, 4]);
        let index = std::fs::read_to_string(dist.join("sitemap.xml")).unwrap_or_default();
        assert!(index.contains("<lastmod>2027-01-01</lastmod>"), "{index}");
    }

    #[test]
    fn a_file_emptied_goes_and_an_address_before_all_goes_into_the_first() {
        let dist = folder("emptied");
        let full = Sitemap::Whole((10..14).map(entry).collect()).save(&dist, "https://x.vn/", 2);
        apply(&dist, full.unwrap_or_else(|e| panic!("{e}")));
        let mut pieces = Pieces::open(&dist, 2).unwrap_or_else(|e| panic!("{e}"));
        pieces
            .remove(&entry(12).loc)
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
            .remove(&entry(13).loc)
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
            .set(entry(1).loc, None)
            .unwrap_or_else(|e| panic!("{e}"));
        let changes = Sitemap::Pieces(pieces).save(&dist, "https://x.vn/", 2);
        let changes = changes.unwrap_or_else(|e| panic!("{e}"));
        assert!(changes.remove.contains(&"sitemap-2.xml".to_owned()));
        apply(&dist, changes);
        let (locs, sizes) = read(&dist);
        assert_eq!(locs, [1, 10, 11].map(|i| entry(i).loc));
        assert_eq!(sizes, vec![2, 1]);
        assert!(!dist.join("sitemap-2.xml").exists());
    }
}
