//! A query's reading of the index, tier by tier: it starts from its terms' heads (their shards)
//! and reads the next tail tier of the terms in the way only while the tiers read so far cannot
//! decide the page asked for ([`rank_heads`]). The app and the native tests run the same steps,
//! so what the browser shows is what the tests check against the whole lists.

use crate::search::index::{Manifest, apply_form, tail_doc};
use crate::search::query::{Plan, Search, results, scope};
use crate::search::rank::{BOOST_MAX, Known, Posting, Ranked, Rest, rank_heads};

/// A head entry or a tail file as read: its postings (sorted by article) and their written-form
/// masks beside them ([`crate::search::index::decode_masked`]), the impacts they carry (columns
/// beside them), and, for a head, its tail count and written forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    pub postings: Vec<Posting>,
    pub masks: Vec<u32>,
    pub carried: Vec<Vec<u32>>,
    pub tails: u32,
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct Term {
    postings: Vec<Posting>,
    masks: Vec<u32>,
    carried: Vec<Vec<u32>>,
    rest: Option<Rest>,
    read: u32,
    tails: u32,
    forms: Vec<String>,
}

/// What to do next: show the results, or read these tail files first (the term each is of).
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Done {
        ranked: Vec<Ranked>,
        /// How many results there are, or at least (when `at_least`) as far as the tiers read
        /// tell: the rest of the results were never needed.
        total: usize,
        at_least: bool,
    },
    Read(Vec<(usize, String)>),
}

#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// The plan's terms (folded), which `terms` are read for.
    names: Vec<String>,
    terms: Vec<Term>,
    implies: Vec<Vec<usize>>,
}

impl Lookup {
    /// From the heads of [`Plan::terms`], in their order (a term not in the index: an empty part).
    pub fn new(plan: &Plan, heads: Vec<Part>) -> Lookup {
        let terms = heads
            .into_iter()
            .map(|h| Term {
                rest: if h.tails > 0 {
                    Some(Rest::of(&h.postings).unwrap_or(Rest::UNKNOWN))
                } else {
                    None
                },
                masks: masks_of(h.masks, h.postings.len()),
                postings: h.postings,
                carried: h.carried,
                read: 0,
                tails: h.tails,
                forms: h.forms,
            })
            .collect();
        Lookup {
            names: plan.terms(),
            terms,
            implies: plan.implies(),
        }
    }

    /// Whether it reads `plan`'s terms: the same query, or the same words written with other
    /// diacritics (the terms are folded).
    pub fn reads(&self, plan: &Plan) -> bool {
        self.names == plan.terms()
    }

    /// Where `plan` starts: from `kept`, an earlier query's reading, when it [`Lookup::reads`]
    /// the same terms ([`Lookup::for_plan`]), else from its terms' heads.
    pub fn resume(kept: Option<Lookup>, plan: &Plan, heads: impl FnOnce() -> Vec<Part>) -> Lookup {
        match kept.filter(|l| l.reads(plan)) {
            Some(kept) => kept.for_plan(plan),
            None => Lookup::new(plan, heads()),
        }
    }

    /// The tiers read so far, for `plan` (which [`Lookup::reads`] the same terms): a refined query
    /// (its diacritics, a filter, the next page) goes on from what the last one read, its written
    /// forms applied to the postings kept, instead of decoding and merging every tier again. Any
    /// tiers read are a prefix of each list, so [`Lookup::next`] decides as from the heads.
    pub fn for_plan(mut self, plan: &Plan) -> Lookup {
        for (i, t) in self.terms.iter_mut().enumerate() {
            apply_form(&mut t.postings, &t.masks, &t.forms, plan.want(i).as_deref());
        }
        self.implies = plan.implies();
        self
    }

    /// How many postings it holds (what keeping it costs).
    pub fn len(&self) -> usize {
        self.terms.iter().map(|t| t.postings.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The written forms of term `term` (its head's), to read its tail files with.
    pub fn forms(&self, term: usize) -> &[String] {
        self.terms.get(term).map_or(&[], |t| t.forms.as_slice())
    }

    pub fn next(
        &self,
        plan: &Plan,
        search: &Search,
        manifest: &Manifest,
        in_category: Option<&[Posting]>,
    ) -> Next {
        // A required term read whole and found nowhere: nothing to find, nothing more to read.
        let none = self
            .terms
            .iter()
            .take(plan.words.len())
            .any(|t| t.rest.is_none() && t.postings.is_empty());
        if none || self.terms.iter().all(|t| t.rest.is_none()) {
            // Read in place: the whole lists can be long.
            let lists: Vec<&[Posting]> = self.terms.iter().map(|t| t.postings.as_slice()).collect();
            let (ranked, total) = results(plan, search, manifest, &lists, in_category);
            return Next::Done {
                ranked,
                total,
                at_least: false,
            };
        }
        let known: Vec<Known> = self
            .terms
            .iter()
            .map(|t| Known {
                postings: &t.postings,
                rest: t.rest,
                carried: &t.carried,
            })
            .collect();
        let (keep, boost, limit) = scope(search, manifest, in_category);
        match rank_heads(
            &known,
            plan.words.len(),
            &self.implies,
            keep,
            boost,
            BOOST_MAX,
            limit,
        ) {
            Ok((ranked, total)) => Next::Done {
                ranked,
                total,
                at_least: true,
            },
            // The next tier of each term in the way (of every term not read whole, when the
            // heads cannot say which).
            Err(undecided) => {
                let names = plan.terms();
                let next = |i: usize| {
                    let t = self.terms.get(i).filter(|t| t.rest.is_some())?;
                    Some((i, tail_doc(names.get(i)?, t.read + 1)))
                };
                let files: Vec<(usize, String)> =
                    undecided.read.into_iter().filter_map(next).collect();
                if files.is_empty() {
                    // Never asked for nothing, but a query must not wait for nothing: all then.
                    Next::Read((0..self.terms.len()).filter_map(next).collect())
                } else {
                    Next::Read(files)
                }
            }
        }
    }

    /// Adds the next tail tier of term `term` (read with its head's forms).
    pub fn add(&mut self, term: usize, tier: Part) {
        let Some(t) = self.terms.get_mut(term) else {
            return;
        };
        t.read += 1;
        t.rest = if t.read >= t.tails {
            None
        } else {
            // The tiers are the term's list in ranking order, cut: the last one read bounds the rest.
            Some(Rest::of(&tier.postings).unwrap_or(Rest::UNKNOWN))
        };
        let columns = t.carried.len().max(tier.carried.len());
        let tier_masks = masks_of(tier.masks, tier.postings.len());
        let (mut postings, mut masks, mut carried) = (
            Vec::with_capacity(t.postings.len() + tier.postings.len()),
            Vec::with_capacity(t.postings.len() + tier.postings.len()),
            vec![Vec::new(); columns],
        );
        let (mut a, mut b) = (0usize, 0usize);
        loop {
            let from_old = match (t.postings.get(a), tier.postings.get(b)) {
                (Some(x), Some(y)) => x.doc <= y.doc,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (list, marks, cols, at) = if from_old {
                (&t.postings, &t.masks, &t.carried, &mut a)
            } else {
                (&tier.postings, &tier_masks, &tier.carried, &mut b)
            };
            if let Some(p) = list.get(*at) {
                postings.push(*p);
                masks.push(marks.get(*at).copied().unwrap_or(1));
                for (j, col) in carried.iter_mut().enumerate() {
                    col.push(cols.get(j).and_then(|c| c.get(*at)).copied().unwrap_or(0));
                }
            }
            *at += 1;
        }
        t.postings = postings;
        t.masks = masks;
        t.carried = carried;
    }
}

/// A part's masks, one per posting: those it has, the first form (1) for any it lacks (a part
/// built without them, whose postings are then all of the first form).
fn masks_of(mut masks: Vec<u32>, postings: usize) -> Vec<u32> {
    masks.resize(postings, 1);
    masks
}
