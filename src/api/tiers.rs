//! Search index files kept between queries, read: a query refined (its diacritics, a year, the
//! next page) reads the same files again. Tail tiers are kept as their numbers (a tier of a
//! common word is megabytes of JSON to parse), oldest out first, up to a bound on the numbers
//! held; term shards as the browser parsed them (each holds thousands of terms: parsing one again
//! took longer than the rest of a refined query), the last few.

use super::shard::{Parsed, Raw, readable};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// About 16 MB of numbers: the tiers of a few of the heaviest queries at 1,000,000 articles.
const HELD: usize = 4_000_000;

#[derive(Default)]
struct Kept {
    tiers: VecDeque<(String, Rc<Raw>)>,
    held: usize,
}

/// Term shards kept parsed: the shards of a few queries of four words, a few megabytes.
const SHARDS: usize = 16;

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::default();
    static SHARDS_KEPT: RefCell<VecDeque<(String, Rc<Parsed>)>> = RefCell::default();
}

/// The term shard `doc` as parsed by an earlier query, if kept.
pub fn shard(doc: &str) -> Option<Rc<Parsed>> {
    SHARDS_KEPT.with_borrow(|k| k.iter().find(|(d, _)| d == doc).map(|(_, p)| p.clone()))
}

/// Keeps the parsed term shard `doc`, the oldest going beyond [`SHARDS`]; one that did not
/// parse (a broken answer) is not kept, so it is asked for again.
pub fn keep_shard(doc: &str, parsed: Rc<Parsed>) {
    if !readable(&parsed) {
        return;
    }
    SHARDS_KEPT.with_borrow_mut(|k| {
        if k.iter().any(|(d, _)| d == doc) {
            return;
        }
        k.push_back((doc.to_owned(), parsed));
        while k.len() > SHARDS {
            k.pop_front();
        }
    });
}

/// The tier kept for `doc`, if any.
pub fn kept(doc: &str) -> Option<Rc<Raw>> {
    KEPT.with(|k| {
        k.borrow()
            .tiers
            .iter()
            .find(|(d, _)| d == doc)
            .map(|(_, raw)| raw.clone())
    })
}

/// Keeps `raw` as the tier of `doc`; one larger than the bound is not kept, nor an empty one (a
/// tier always has postings: nothing read means a broken answer, to be asked for again).
pub fn keep(doc: &str, raw: Rc<Raw>) {
    if raw.len() == 0 || raw.len() > HELD {
        return;
    }
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if k.tiers.iter().any(|(d, _)| d == doc) {
            return;
        }
        k.held += raw.len();
        k.tiers.push_back((doc.to_owned(), raw));
        while k.held > HELD {
            let Some((_, old)) = k.tiers.pop_front() else {
                break;
            };
            k.held = k.held.saturating_sub(old.len());
        }
    });
}
