//! The search index read back natively, as the app reads it (`src/api/search.rs`): the manifest,
//! the shards of a query's terms, then tail tiers only while they are needed
//! (`portal_core::search::lookup`); and beside it the whole lists' answer, to compare. For the
//! tests and `examples/heads.rs`.

use anyhow::{Context, Result};
use portal_core::search::index::{
    Entry, Manifest, delta_shard_doc, manifest_doc, shard_doc, shard_of, tail_doc,
};
use portal_core::search::lookup::{Lookup, Next, Part};
use portal_core::search::query::{
    Plan, Search, filter_term, results, whole_list_results, with_delta,
};
use portal_core::search::rank::{Posting, Ranked};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// The fixed queries the benchmarks and tests run (`bench/queries.txt`).
pub fn fixed_queries() -> Vec<&'static str> {
    include_str!("../../../bench/queries.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// What a query read and found, and what the whole lists give.
#[derive(Debug, Clone)]
pub struct Run {
    pub ranked: Vec<Ranked>,
    pub total: usize,
    pub at_least: bool,
    /// The index files read, shards then tails, and their bytes.
    pub files: Vec<(String, usize)>,
    pub whole: Vec<Ranked>,
    pub whole_total: usize,
}

fn part(entry: &Entry, forms: &[String], want: Option<&str>) -> Part {
    let (postings, masks) = entry.masked(forms, want);
    Part {
        postings,
        masks,
        carried: entry.carried(),
        tails: entry.tails(),
        forms: forms.to_vec(),
    }
}

/// A term's whole list: its head `entry`, then every tail tier `read` gives, in article order.
pub fn whole(
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    term: &str,
    entry: &Entry,
    want: Option<&str>,
) -> Result<Vec<Posting>> {
    let mut all = entry.postings(want);
    for k in 1..=entry.tails() {
        let doc = tail_doc(term, k);
        let bytes = read(&doc).with_context(|| format!("{doc} missing"))?;
        let tier: Entry = serde_json::from_slice(&bytes)?;
        all.extend(tier.postings_with(entry.forms(), want));
    }
    all.sort_by_key(|p| p.doc);
    Ok(all)
}

/// Runs `search` on the index `read` gives (an API document's bytes by its path).
pub fn run(read: &dyn Fn(&str) -> Option<Vec<u8>>, search: &Search) -> Result<Run> {
    run_after(read, search, None).map(|(run, _)| run)
}

/// [`run`], going on from what an earlier query read (`kept`, used when it read the same terms:
/// [`Lookup::for_plan`]) as the app does for a refined query; with what this one read, for the
/// next.
pub fn run_after(
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    search: &Search,
    kept: Option<Lookup>,
) -> Result<(Run, Lookup)> {
    let get = |path: &str| read(path).with_context(|| format!("{path} missing"));
    let manifest: Manifest = serde_json::from_slice(&get(&manifest_doc())?)?;
    let search = search.known(&manifest);
    let plan = Plan::new(
        &search.q.nfc().collect::<String>().to_lowercase(),
        |s: &str| s.to_lowercase().nfd().collect(),
    );
    let terms = plan.terms();
    let mut files: Vec<(String, usize)> = Vec::new();
    let mut shards: HashMap<u32, HashMap<String, Entry>> = HashMap::new();
    let mut entry = |term: &str, files: &mut Vec<(String, usize)>| -> Result<Option<Entry>> {
        let n = shard_of(term, manifest.shards);
        if let std::collections::hash_map::Entry::Vacant(slot) = shards.entry(n) {
            let bytes = get(&shard_doc(n))?;
            files.push((shard_doc(n), bytes.len()));
            slot.insert(serde_json::from_slice(&bytes)?);
        }
        Ok(shards.get(&n).and_then(|s| s.get(term)).cloned())
    };
    // The query's terms, then the category filter's, if any.
    let looked: Vec<String> = terms.iter().cloned().chain(filter_term(&search)).collect();
    let mut entries = Vec::new();
    for t in &looked {
        entries.push(entry(t, &mut files)?);
    }
    let whole_of = |i: usize, want: Option<&str>| -> Result<Vec<Posting>> {
        match (entries.get(i), looked.get(i)) {
            (Some(Some(e)), Some(t)) => whole(read, t, e, want),
            _ => Ok(Vec::new()),
        }
    };
    let in_category = match filter_term(&search) {
        Some(_) => Some(whole_of(terms.len(), None)?),
        None => None,
    };
    let heads: Vec<Part> = entries
        .iter()
        .take(terms.len())
        .enumerate()
        .map(|(i, e)| {
            e.as_ref()
                .map(|e| part(e, e.forms(), plan.want(i).as_deref()))
                .unwrap_or_default()
        })
        .collect();
    let mut lookup = Lookup::resume(kept, &plan, || heads);
    let (ranked, total, at_least) = loop {
        match lookup.next(&plan, &search, &manifest, in_category.as_deref()) {
            Next::Done {
                ranked,
                total,
                at_least,
            } => break (ranked, total, at_least),
            Next::Read(list) => {
                anyhow::ensure!(!list.is_empty(), "nothing to read, nothing decided");
                for (term, file) in list {
                    let bytes = get(&file)?;
                    files.push((file, bytes.len()));
                    let tier: Entry = serde_json::from_slice(&bytes)?;
                    let forms = lookup.forms(term).to_vec();
                    lookup.add(term, part(&tier, &forms, plan.want(term).as_deref()));
                }
            }
        }
    };
    let lists: Vec<Vec<Posting>> = (0..terms.len())
        .map(|i| whole_of(i, plan.want(i).as_deref()))
        .collect::<Result<_>>()?;
    let (mut whole, mut whole_total) =
        results(&plan, &search, &manifest, &lists, in_category.as_deref());
    let (mut ranked, mut total) = (ranked, total);
    // What was published since the full build: whole lists, ranked once, merged into both.
    if let Some(delta) = &manifest.delta {
        let mut shards: HashMap<u32, HashMap<String, Entry>> = HashMap::new();
        for n in looked.iter().map(|t| shard_of(t, delta.shards)) {
            if delta.shards > 0 && !shards.contains_key(&n) {
                let bytes = get(&delta_shard_doc(n))?;
                files.push((delta_shard_doc(n), bytes.len()));
                shards.insert(n, serde_json::from_slice(&bytes)?);
            }
        }
        let found = whole_list_results(&plan, &search, &manifest, |term, want| {
            shards
                .get(&shard_of(term, delta.shards))
                .and_then(|s| s.get(term))
                .map(|e| e.postings(want))
                .unwrap_or_default()
        });
        (ranked, total) = with_delta(&search, &manifest, (ranked, total), found.clone());
        (whole, whole_total) = with_delta(&search, &manifest, (whole, whole_total), found);
    }
    let run = Run {
        ranked,
        total,
        at_least,
        files,
        whole,
        whole_total,
    };
    Ok((run, lookup))
}
