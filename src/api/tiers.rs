//! Search tail tiers kept between queries, as their numbers: a query refined (its diacritics, a
//! year, the next page) reads the same tiers again, and a tier of a common word is megabytes of
//! JSON to parse. Kept once read, oldest out first, up to a bound on the numbers held.

use super::shard::Raw;
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

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::default();
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
