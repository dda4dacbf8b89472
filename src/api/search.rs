//! A search's results: from a CMS's endpoint when `site.json` names one (`Site::search`), else
//! from the static index (`portal_core::search::index`): its manifest, the shards of the query's
//! own terms, and the records of the results on screen only.

use super::client::{api_href, decode_text, document_url, get, text, text_unkept, try_join};
use super::documents::site;
use super::error::ApiError;
use super::http::next_task;
use super::shard;
use super::tiers;
use crate::base::{lower_nfc, lower_nfd};
use portal_core::search::index::{
    Manifest, Record, delta_shard_doc, manifest_doc, record_doc, shard_doc, shard_of,
};
use portal_core::search::lookup::{Lookup, Next, Part};
use portal_core::search::query::{
    PAGE_SIZE, Plan, Search, filter_term, whole_list_results, with_delta,
};
use portal_core::search::rank::Posting;
use portal_core::search::snippet::snippet;
use portal_core::{API_VERSION, Page, SearchHit, SearchResults};
use std::rc::Rc;
use web_sys::AbortSignal;

/// The results of `search` (its page of them). An empty query finds nothing and fetches nothing.
pub async fn search(
    search: Search,
    signal: Option<AbortSignal>,
) -> Result<SearchResults, ApiError> {
    let signal = signal.as_ref();
    if search.q.trim().is_empty() {
        return Ok(empty(&search));
    }
    match endpoint().await {
        Some(endpoint) => from_endpoint(&endpoint, &search, signal).await,
        None => from_index(&search, signal).await,
    }
}

/// The CMS's search endpoint, if `site.json` names one: read once, not decoded again for every
/// query (a `site.json` that failed is read again next time).
async fn endpoint() -> Option<String> {
    thread_local! {
        static KNOWN: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
    }
    if let Some(known) = KNOWN.with_borrow(Clone::clone) {
        return known;
    }
    let endpoint = site().await.ok()?.search;
    KNOWN.set(Some(endpoint.clone()));
    endpoint
}

fn empty(search: &Search) -> SearchResults {
    SearchResults {
        version: API_VERSION,
        page: Page {
            number: search.page,
            size: PAGE_SIZE,
            total_items: 0,
            total_pages: 1,
            items: Vec::new(),
        },
        at_least: false,
    }
}

/// A CMS answers the search page's own parameters with the result document.
async fn from_endpoint(
    endpoint: &str,
    search: &Search,
    signal: Option<&AbortSignal>,
) -> Result<SearchResults, ApiError> {
    let url = api_href(endpoint);
    let sep = if url.contains('?') { '&' } else { '?' };
    let body = text(&format!("{url}{sep}{}", search.query()), signal).await?;
    decode_text(&body)
}

async fn from_index(
    search: &Search,
    signal: Option<&AbortSignal>,
) -> Result<SearchResults, ApiError> {
    let manifest: Manifest = get(Some(manifest_doc()), signal).await?;
    let search = &search.known(&manifest);
    let plan = Plan::new(&lower_nfc(&search.q), lower_nfd);
    if plan.is_empty() {
        return Ok(empty(search));
    }
    let terms = plan.terms();
    let filter = filter_term(search);
    // The main index's shards of the query's terms and, in the same round, the delta's.
    let delta_shards = manifest.delta.as_ref().map_or(0, |d| d.shards);
    let numbers = |count: u32| {
        let mut n: Vec<u32> = terms
            .iter()
            .chain(&filter)
            .map(|t| shard_of(t, count))
            .collect();
        n.sort_unstable();
        n.dedup();
        n
    };
    let shards = numbers(manifest.shards);
    let deltas = if delta_shards > 0 {
        numbers(delta_shards)
    } else {
        Vec::new()
    };
    let docs: Vec<String> = shards
        .iter()
        .map(|&s| shard_doc(s))
        .chain(deltas.iter().map(|&s| delta_shard_doc(s)))
        .collect();
    // Shards read by an earlier query are kept parsed; the others are fetched and parsed.
    let mut read = try_join(docs.iter().map(|d| async move {
        if let Some(kept) = tiers::shard(d) {
            return Ok(kept);
        }
        let body = text_unkept(&document_url(d), signal).await?;
        let parsed = Rc::new(shard::parse(&body));
        tiers::keep_shard(d, parsed.clone());
        Ok(parsed)
    }))
    .await?;
    let delta_read = read.split_off(shards.len().min(read.len()));
    let parsed: Vec<(u32, Rc<shard::Parsed>)> = shards.iter().copied().zip(read).collect();
    let delta_parsed: Vec<(u32, Rc<shard::Parsed>)> =
        deltas.iter().copied().zip(delta_read).collect();
    next_task().await;
    let shard_holding = |term: &str| {
        let n = shard_of(term, manifest.shards);
        parsed
            .iter()
            .find(|(s, _)| *s == n)
            .map(|(_, shard)| &**shard)
    };
    let heads = || -> Vec<Part> {
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                shard_holding(t)
                    .map(|s| shard::head(s, t, plan.want(i).as_deref()))
                    .unwrap_or_default()
            })
            .collect()
    };
    let in_category: Option<Vec<Posting>> = filter.map(|f| {
        shard_holding(&f)
            .map(|s| shard::postings(s, &f, None))
            .unwrap_or_default()
    });
    // The heads first (or what the last query of these words read); a term's next tier only
    // while those read cannot decide the page.
    let mut lookup = Lookup::resume(tiers::take_lookup(), &plan, heads);
    let (ranked, total, at_least) = loop {
        match lookup.next(&plan, search, &manifest, in_category.as_deref()) {
            Next::Done {
                ranked,
                total,
                at_least,
            } => break (ranked, total, at_least),
            Next::Read(files) => {
                // Tiers read by an earlier query are kept as numbers; the others are fetched.
                let raws = try_join(files.iter().map(|(_, f)| async move {
                    if let Some(raw) = tiers::kept(f) {
                        return Ok(raw);
                    }
                    let body = text_unkept(&document_url(f), signal).await?;
                    let raw = Rc::new(shard::Raw::of(&shard::parse(&body)));
                    tiers::keep(f, raw.clone());
                    Ok(raw)
                }))
                .await?;
                for ((term, _), raw) in files.iter().zip(&raws) {
                    let forms = lookup.forms(*term).to_vec();
                    let want = plan.want(*term);
                    lookup.add(*term, raw.part(&forms, want.as_deref()));
                }
                next_task().await;
            }
        }
    };
    tiers::keep_lookup(lookup);

    // What was published since the full build: its whole lists, merged in.
    let (ranked, total) = if delta_parsed.is_empty() {
        (ranked, total)
    } else {
        let delta = whole_list_results(&plan, search, &manifest, |term, want| {
            let n = shard_of(term, delta_shards);
            delta_parsed
                .iter()
                .find(|(s, _)| *s == n)
                .map(|(_, shard)| shard::postings(shard, term, want))
                .unwrap_or_default()
        });
        with_delta(search, &manifest, (ranked, total), delta)
    };
    let pages = portal_core::pagination::total_pages(total as u64, PAGE_SIZE);
    let range = portal_core::pagination::item_range(search.page, PAGE_SIZE, ranked.len());
    let on_screen = ranked.get(range).unwrap_or_default();
    // A result shown lately for the same words (the query refined by its diacritics, a filter)
    // is neither read nor cut again: its snippet depends on those words alone.
    let folded = plan.folded();
    let words = folded.join(" ");
    let kept: Vec<Option<Rc<SearchHit>>> = on_screen
        .iter()
        .map(|r| tiers::hit(r.doc, &words))
        .collect();
    let records: Vec<Option<Record>> =
        try_join(on_screen.iter().zip(&kept).map(|(r, kept)| async move {
            match kept {
                Some(_) => Ok(None),
                None => get::<Record>(Some(record_doc(r.doc)), signal)
                    .await
                    .map(Some),
            }
        }))
        .await?;
    let read = records.iter().any(Option::is_some);
    if read {
        next_task().await;
    }
    let items: Vec<SearchHit> = on_screen
        .iter()
        .zip(kept)
        .zip(records)
        .filter_map(|((r, kept), record)| {
            if let Some(hit) = kept {
                return Some(SearchHit::clone(&hit));
            }
            let record = record?;
            let hit = SearchHit {
                snippet: snippet(&record.text, &folded, lower_nfd),
                slug: record.slug,
                title: record.title,
                category: record.category,
                published: record.published,
            };
            tiers::keep_hit(r.doc, &words, Rc::new(hit.clone()));
            Some(hit)
        })
        .collect();
    // The snippets cut, the page renders in a task of its own: together they were a first
    // search's longest task on a phone (Lighthouse, docs/performance.md).
    if read {
        next_task().await;
    }
    Ok(SearchResults {
        version: API_VERSION,
        page: Page {
            number: search.page,
            size: PAGE_SIZE,
            total_items: total as u64,
            total_pages: pages,
            items,
        },
        at_least,
    })
}
