//! Search index files kept between queries, read: a query refined (its diacritics, a year, the
//! next page) reads the same files again. Tail tiers are kept as their numbers (a tier of a
//! common word is megabytes of JSON to parse), up to a bound on the numbers held; term shards as
//! the browser parsed them (each holds thousands of terms: parsing one again took longer than the
//! rest of a refined query), the last few. Oldest out first. And the last query's reading (its
//! terms' tiers decoded and merged), which a refined query of the same words goes on from, and
//! the results shown lately with their snippets.

use super::shard::{Parsed, Raw, readable};
use portal_core::SearchHit;
use portal_core::search::lookup::Lookup;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// About 16 MB of numbers: the tiers of a few of the heaviest queries at 1,000,000 articles.
const HELD: usize = 4_000_000;

/// Term shards kept parsed: the shards of a few queries of four words, a few megabytes.
const SHARDS: usize = 16;

/// Files kept by name, each with what keeping it costs; the oldest go once the costs pass
/// `bound`.
struct Kept<T> {
    files: VecDeque<(String, Rc<T>, usize)>,
    held: usize,
    bound: usize,
}

impl<T> Kept<T> {
    const fn new(bound: usize) -> Self {
        Kept {
            files: VecDeque::new(),
            held: 0,
            bound,
        }
    }

    fn get(&self, doc: &str) -> Option<Rc<T>> {
        self.files
            .iter()
            .find(|(d, ..)| d == doc)
            .map(|(_, kept, _)| kept.clone())
    }

    /// Keeps `value` as `doc`, unless it is kept already or alone costs more than the bound.
    fn keep(&mut self, doc: &str, value: Rc<T>, cost: usize) {
        if cost > self.bound || self.files.iter().any(|(d, ..)| d == doc) {
            return;
        }
        self.held += cost;
        self.files.push_back((doc.to_owned(), value, cost));
        while self.held > self.bound {
            let Some((.., old)) = self.files.pop_front() else {
                break;
            };
            self.held = self.held.saturating_sub(old);
        }
    }
}

thread_local! {
    static TIERS: RefCell<Kept<Raw>> = const { RefCell::new(Kept::new(HELD)) };
    static SHARDS_KEPT: RefCell<Kept<Parsed>> = const { RefCell::new(Kept::new(SHARDS)) };
    static LAST: RefCell<Option<Lookup>> = const { RefCell::new(None) };
    static HITS: RefCell<Kept<SearchHit>> = const { RefCell::new(Kept::new(HITS_KEPT)) };
}

/// Results kept with their snippets: three pages of them.
const HITS_KEPT: usize = 30;

/// The result for article `doc` as shown for the folded `words`, if kept.
pub fn hit(doc: u32, words: &str) -> Option<Rc<SearchHit>> {
    HITS.with_borrow(|k| k.get(&format!("{doc} {words}")))
}

/// Keeps the result for article `doc` as shown for the folded `words`.
pub fn keep_hit(doc: u32, words: &str, hit: Rc<SearchHit>) {
    HITS.with_borrow_mut(|k| k.keep(&format!("{doc} {words}"), hit, 1));
}

/// The last query's reading, taken: a refined query of the same words (a twin with other
/// diacritics, another page or filter) goes on from it (`Lookup::resume`); decoding and merging
/// its tiers again was most of a refined heavy query's time (docs/performance.md).
pub fn take_lookup() -> Option<Lookup> {
    LAST.take()
}

/// About 16 MB of decoded postings (16 bytes each with their mask): the reading of the heaviest
/// fixed queries at 1,000,000 articles.
const LOOKUP: usize = 1_000_000;

/// Keeps `lookup` for the next query, in place of the last one; one holding more postings than
/// `LOOKUP` is not kept.
pub fn keep_lookup(lookup: Lookup) {
    LAST.set((lookup.len() <= LOOKUP).then_some(lookup));
}

/// The tier kept for `doc`, if any.
pub fn kept(doc: &str) -> Option<Rc<Raw>> {
    TIERS.with_borrow(|k| k.get(doc))
}

/// Keeps `raw` as the tier of `doc`; one larger than the bound is not kept, nor an empty one (a
/// tier always has postings: nothing read means a broken answer, to be asked for again).
pub fn keep(doc: &str, raw: Rc<Raw>) {
    let cost = raw.len();
    if cost > 0 {
        TIERS.with_borrow_mut(|k| k.keep(doc, raw, cost));
    }
}

/// The term shard `doc` as parsed by an earlier query, if kept.
pub fn shard(doc: &str) -> Option<Rc<Parsed>> {
    SHARDS_KEPT.with_borrow(|k| k.get(doc))
}

/// Keeps the parsed term shard `doc`; one that did not parse (a broken answer) is not kept, so
/// it is asked for again.
pub fn keep_shard(doc: &str, parsed: Rc<Parsed>) {
    if readable(&parsed) {
        SHARDS_KEPT.with_borrow_mut(|k| k.keep(doc, parsed, 1));
    }
}
