//! A publish's part of the index (docs/publishing.md): the main index a full build wrote stays as
//! it is, and the articles published or changed since go to a small second index beside it
//! (`index::Delta`), rebuilt whole on every publish. Its articles are scored with the main index's
//! statistics (article count, average length, each term's article count), so that they rank as
//! the full build would rank them, give or take the drift since.
//!
//! A delta article keeps its number from one publish to the next (a new one is numbered after the
//! last, a changed one gets a new number and its old one is withdrawn), so a record, once written,
//! is always the same article's, whatever a reader or a cache holds.

use super::build::{forms_mask, forms_of, record, shard_entry, write_shards};
use super::{SCALE, article_terms, fields, fingerprint, numbers_doc, put};
use crate::generate::{Catalogue, Sink};
use anyhow::{Context, Result};
use portal_core::Article;
use portal_core::search::index::{
    Delta, Entry, Manifest, Written, Year, category_term, delta_shard_doc, manifest_doc, shard_doc,
    shard_of,
};
use portal_core::search::rank::{PHRASE, impact, weighted_length};
// Fx: as in `build` (`forms_of` takes its maps).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// `search/delta/numbers.json`: the delta's numbers as `search/numbers.json` has the full
/// build's (slug and fingerprint, in number order from the manifest's `docs`), so that a publish
/// gives each its number again (not read by the app).
pub fn delta_list_doc() -> String {
    "search/delta/numbers.json".to_owned()
}

/// An API document of the tree being published, by its path (`None`: there is none).
pub type Read<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// One delta article's terms: occurrences per field and written forms.
type Terms = HashMap<String, ([u16; 4], Vec<String>)>;

/// A document of the full build, which a publish needs.
fn json<T: serde::de::DeserializeOwned>(read: Read, path: &str) -> Result<T> {
    let bytes = read(path).with_context(|| {
        format!("{path} missing: a publish needs a full build (`portal-content build`) first")
    })?;
    serde_json::from_slice(&bytes).with_context(|| path.to_owned())
}

/// The index's manifest and every number given so far: the full build's, then the delta's (each
/// with its slug and fingerprint).
fn numbering(read: Read) -> Result<(Manifest, Vec<(String, String)>)> {
    let manifest: Manifest = json(read, &manifest_doc())?;
    let mut numbers: Vec<(String, String)> = json(read, &numbers_doc())?;
    let first = manifest.docs;
    anyhow::ensure!(
        numbers.len() == first as usize,
        "{} lists {} articles, the index {first}: not from the same full build",
        numbers_doc(),
        numbers.len()
    );
    if let Some(bytes) = read(&delta_list_doc()) {
        numbers.extend(serde_json::from_slice::<Vec<(String, String)>>(&bytes)?);
    }
    Ok((manifest, numbers))
}

/// Writes the delta of `articles` (every article the site now has, newest first) against the
/// full build that `read` gives, and the manifest naming it.
pub fn write(cat: &Catalogue, articles: &[Article], read: Read, sink: &mut dyn Sink) -> Result<()> {
    let (manifest, mut numbers) = numbering(read)?;
    let first = manifest.docs;
    let given: HashMap<(&str, &str), u32> = numbers
        .iter()
        .enumerate()
        .map(|(n, (slug, print))| ((slug.as_str(), print.as_str()), n as u32))
        .collect();
    let mut kept: HashSet<u32> = HashSet::default();
    // The delta's articles with their numbers, in number order.
    let mut delta: Vec<(u32, &Article)> = Vec::new();
    let mut added: Vec<(String, String)> = Vec::new();
    for a in articles {
        let print = fingerprint(a);
        let n = match given.get(&(a.slug.as_str(), print.as_str())) {
            Some(&n) => n,
            None => {
                added.push((a.slug.clone(), print));
                (numbers.len() + added.len() - 1) as u32
            }
        };
        kept.insert(n);
        if n >= first {
            delta.push((n, a));
        }
    }
    delta.sort_by_key(|(n, _)| *n);
    numbers.extend(added);
    let withdrawn: Vec<u32> = (0..numbers.len() as u32)
        .filter(|n| !kept.contains(n))
        .collect();
    let live = articles.len() as u32;
    let numbered = Numbered {
        manifest,
        numbers,
        delta,
        withdrawn,
        live,
    };
    write_numbered(cat, numbered, read, sink)
}

/// Writes the delta of the articles `named` (slug, and the article now, `None`: withdrawn)
/// against the tree `read` gives, the delta's other articles read from their documents: what
/// a named publish does, reading neither every article nor every source.
pub fn write_named(
    cat: &Catalogue,
    named: &[(String, Option<Article>)],
    read: Read,
    sink: &mut dyn Sink,
) -> Result<()> {
    let (manifest, mut numbers) = numbering(read)?;
    let first = manifest.docs;
    let mut withdrawn: std::collections::BTreeSet<u32> = manifest
        .delta
        .as_ref()
        .map(|d| d.withdrawn.iter().copied().collect())
        .unwrap_or_default();
    let mut fresh: Vec<(u32, &Article)> = Vec::new();
    // New numbers in the order a whole publish gives them: the site's, newest first.
    let mut named: Vec<&(String, Option<Article>)> = named.iter().collect();
    named.sort_by(|(a, x), (b, y)| match (x, y) {
        (Some(x), Some(y)) => y.published.cmp(&x.published).then_with(|| a.cmp(b)),
        _ => y.is_some().cmp(&x.is_some()),
    });
    for (slug, now) in named {
        let print = now.as_ref().map(fingerprint);
        let live: Vec<u32> = (0..numbers.len() as u32)
            .filter(|n| !withdrawn.contains(n))
            .filter(|&n| numbers.get(n as usize).is_some_and(|(s, _)| s == slug))
            .collect();
        // An article indexed as it is now keeps its number.
        let same = live
            .iter()
            .copied()
            .find(|&n| numbers.get(n as usize).map(|(_, p)| Some(p)) == Some(print.as_ref()));
        withdrawn.extend(live.into_iter().filter(|&n| Some(n) != same));
        match (now, same, print) {
            (Some(a), None, Some(print)) => {
                numbers.push((slug.clone(), print));
                fresh.push((numbers.len() as u32 - 1, a));
            }
            (Some(a), Some(n), _) if n >= first => fresh.push((n, a)),
            _ => {}
        }
    }
    // The delta's other articles, as their documents have them.
    let mut others: Vec<(u32, Article)> = Vec::new();
    for (n, (slug, _)) in numbers.iter().enumerate().skip(first as usize) {
        let n = n as u32;
        if withdrawn.contains(&n) || fresh.iter().any(|(f, _)| *f == n) {
            continue;
        }
        let path = portal_core::paths::article_doc(slug).unwrap_or_default();
        others.push((n, json(read, &path)?));
    }
    let mut delta: Vec<(u32, &Article)> = others.iter().map(|(n, a)| (*n, a)).collect();
    delta.extend(fresh);
    delta.sort_by_key(|(n, _)| *n);
    let live = (numbers.len() - withdrawn.len()) as u32;
    let numbered = Numbered {
        manifest,
        numbers,
        delta,
        withdrawn: withdrawn.into_iter().collect(),
        live,
    };
    write_numbered(cat, numbered, read, sink)
}

/// Every number and what the delta holds, for [`write_numbered`].
struct Numbered<'a> {
    manifest: Manifest,
    numbers: Vec<(String, String)>,
    /// The delta's articles with their numbers, in number order.
    delta: Vec<(u32, &'a Article)>,
    withdrawn: Vec<u32>,
    /// Articles the site has now, for the scores.
    live: u32,
}

fn write_numbered(cat: &Catalogue, n: Numbered, read: Read, sink: &mut dyn Sink) -> Result<()> {
    let Numbered {
        mut manifest,
        numbers,
        delta,
        withdrawn,
        live,
    } = n;
    let first = manifest.docs;
    let used = (numbers.len() as u32).saturating_sub(first);

    // Each delta article's terms, and how many delta articles hold each term, in which forms.
    let each: Vec<(Terms, f32)> = delta
        .iter()
        .map(|(_, a)| {
            let f = fields(a);
            let length = weighted_length(f.each_ref().map(|w| w.len() as u32));
            (article_terms(&f), length)
        })
        .collect();
    // Per term: its delta articles, and (as `forms_of` takes them) each other written form's
    // article count and how many do not write it folded.
    type Counted = (u32, (HashMap<String, u32>, u32));
    let mut counts: BTreeMap<&str, Counted> = BTreeMap::new();
    for (terms, _) in &each {
        for (term, (_, written)) in terms {
            let (df, (forms, absent)) = counts.entry(term).or_default();
            *df += 1;
            for w in written.iter().filter(|w| *w != term) {
                *forms.entry(w.clone()).or_default() += 1;
            }
            if !written.contains(term) {
                *absent += 1;
            }
        }
    }
    // The main index's article count of each term, from its entry in its shard.
    let mut shards: HashMap<u32, HashMap<String, Entry>> = HashMap::default();
    let mut main_df = |term: &str| -> Result<u32> {
        let n = shard_of(term, manifest.shards);
        if let std::collections::hash_map::Entry::Vacant(slot) = shards.entry(n) {
            slot.insert(json(read, &shard_doc(n))?);
        }
        Ok(shards
            .get(&n)
            .and_then(|s| s.get(term))
            .map_or(0, Entry::articles))
    };
    let docs = live;
    let average = if manifest.average > 0.0 {
        manifest.average
    } else {
        each.iter().map(|e| e.1).sum::<f32>() / each.len().max(1) as f32
    };
    let mut entries = Vec::new();
    for (term, (df, forms)) in &counts {
        let all_df = main_df(term)?.saturating_add(*df);
        let term_forms = forms_of(term, *df, Some(forms), delta.len() as u32);
        let phrase = if term.contains(' ') { PHRASE } else { 1.0 };
        let postings: Vec<Written> = each
            .iter()
            .zip(&delta)
            .filter_map(|((terms, length), (doc, _))| {
                let (tf, written) = terms.get(*term)?;
                let score = impact(*tf, *length, all_df, docs, average) * phrase;
                Some(Written {
                    doc: *doc,
                    impact: (score * SCALE).round() as u32,
                    forms: forms_mask(&term_forms, written),
                })
            })
            .collect();
        entries.push(shard_entry(
            term,
            &Entry::new(&postings, term_forms, Vec::new(), 0),
        )?);
    }
    for slug in &cat.order {
        let postings: Vec<Written> = delta
            .iter()
            .filter(|(_, a)| a.category_path.iter().any(|c| &c.slug == slug))
            .map(|(doc, _)| Written {
                doc: *doc,
                impact: 0,
                forms: 0,
            })
            .collect();
        if !postings.is_empty() {
            let value = Entry::new(&postings, Vec::new(), Vec::new(), 0);
            entries.push(shard_entry(&category_term(slug), &value)?);
        }
    }
    for (doc, a) in &delta {
        if let Some((path, bytes)) = record(*doc, a)? {
            sink.put(path, bytes)?;
        }
    }
    let shards = if delta.is_empty() {
        0
    } else {
        write_shards(entries, sink, delta_shard_doc)?
    };
    // Each year's numbers, runs of consecutive ones (withdrawn numbers break a run: they are in
    // no year, and out of every result anyway).
    let mut years: Vec<Year> = Vec::new();
    for (doc, a) in &delta {
        let year = a.published.in_vietnam().date.year;
        match years.last_mut() {
            Some(y) if y.year == year && y.first + y.count == *doc => y.count += 1,
            _ => years.push(Year {
                year,
                first: *doc,
                count: 1,
            }),
        }
    }
    if used > 0 {
        put(sink, delta_list_doc(), &numbers.get(first as usize..))?;
    }
    manifest.delta = (used > 0 || !withdrawn.is_empty()).then_some(Delta {
        docs: used,
        shards,
        years,
        withdrawn,
    });
    put(sink, manifest_doc(), &manifest)
}
