//! The static search index (docs/api.md, "Search"): where its files live and how a term's
//! postings are written and read. The content tool writes it (`portal-content`), the app reads
//! it; a CMS may write the same files.
//!
//! - `search/index.json`: the [`Manifest`], small and bounded (years and categories, not articles).
//! - `search/terms/<n>.json`: shard `n` of [`Manifest::shards`], an object from each term it holds
//!   ([`shard_of`]) to its postings: `{"v": [forms…], "p": […], "e": […]}` with its written
//!   forms (`"hoạch"`, `"quy hoạch"`), most common first, or just the array `p` when its forms are
//!   not told apart (a term only ever written as folded, or one too common for it to pay: every
//!   article then matches exactly). `p` is the articles then their impacts, `[doc, gap, gap, …,
//!   impact, impact, …]` (two columns compress better than pairs). `e` lists the
//!   articles that hold another form than `v[0]` alone: `[doc, mask, gap, mask, …]`, bit `i` of
//!   the mask saying the article holds `v[i]` (every other article holds `v[0]` only).
//! - `search/docs/<doc>.json`: a [`Record`], what a result shows, fetched for results on screen.
//!
//! Articles are numbered from 0, the newest, so postings in number order are newest first and a
//! year is a range of numbers.

use crate::datetime::DateTime;
use crate::model::CategoryRef;
use crate::search::rank::Posting;
use serde::{Deserialize, Serialize};

pub fn manifest_doc() -> String {
    "search/index.json".to_owned()
}

pub fn shard_doc(shard: u32) -> String {
    format!("search/terms/{shard}.json")
}

pub fn record_doc(doc: u32) -> String {
    format!("search/docs/{doc}.json")
}

/// Shard `n` of the delta ([`Delta`]): an object of entries like a main shard's, without tails.
pub fn delta_shard_doc(shard: u32) -> String {
    format!("search/delta/{shard}.json")
}

/// The shard holding `term`: FNV-1a of its UTF-8 bytes, modulo the shard count.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// The pseudo-term whose postings are the articles of a category (and of its descendants).
/// `#` never occurs in a syllable, so it cannot clash with a word.
pub fn category_term(slug: &str) -> String {
    format!("#{slug}")
}

/// The articles published in one year: numbers `first .. first + count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Year {
    pub year: i32,
    pub first: u32,
    pub count: u32,
}

/// `search/index.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// How many articles are indexed.
    pub docs: u32,
    /// How many term shards there are.
    pub shards: u32,
    /// Newest first.
    #[serde(default)]
    pub years: Vec<Year>,
    /// The categories a search can be narrowed to, in menu order.
    #[serde(default)]
    pub categories: Vec<CategoryRef>,
    /// The articles' average weighted length (`rank::weighted_length`): with `docs` and each
    /// term's article count, what a publish scores new articles with.
    #[serde(default)]
    pub average: f32,
    /// What was published since this index was built, when anything was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<Delta>,
}

/// The articles published or changed since the full build (docs/publishing.md): a small index of
/// their own in [`delta_shard_doc`] files, numbered on from the main index (`Manifest::docs` is
/// the first) in the order they were published, their records beside the others; and the
/// numbers that no longer count (a withdrawn article, or the old version of a changed one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// How many numbers the delta has given (withdrawn ones too: a number is never given twice).
    pub docs: u32,
    pub shards: u32,
    /// The delta's numbers of each year (runs of them; a year may come more than once).
    #[serde(default)]
    pub years: Vec<Year>,
    /// Numbers of the main index or of the delta, ascending.
    #[serde(default)]
    pub withdrawn: Vec<u32>,
}

impl Manifest {
    /// Every year's article numbers, the main index's then the delta's.
    fn all_years(&self) -> impl Iterator<Item = &Year> {
        let delta = self.delta.as_ref().map_or(&[][..], |d| d.years.as_slice());
        self.years.iter().chain(delta)
    }

    /// Whether any article was published in `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.all_years().any(|y| y.year == year)
    }

    /// The article numbers of `year`: a range of the main index's, and runs of the delta's.
    pub fn year_ranges(&self, year: i32) -> Vec<std::ops::Range<u32>> {
        self.all_years()
            .filter(|y| y.year == year)
            .map(|y| y.first..y.first.saturating_add(y.count))
            .collect()
    }

    /// Whether article `doc` no longer counts (see [`Delta::withdrawn`]).
    pub fn withdrawn(&self, doc: u32) -> bool {
        self.delta
            .as_ref()
            .is_some_and(|d| d.withdrawn.binary_search(&doc).is_ok())
    }

    /// The years, gathered once for a query's many articles: [`Ages::of`] tells each one's age.
    pub fn ages(&self) -> Ages {
        Ages {
            newest: self.all_years().map(|y| y.year).max().unwrap_or(0),
            years: self.all_years().copied().collect(),
            last: std::cell::Cell::new(0),
        }
    }
}

/// See [`Manifest::ages`].
#[derive(Debug, Clone)]
pub struct Ages {
    newest: i32,
    years: Vec<Year>,
    /// The year the last article asked about was in: a query asks in article order.
    last: std::cell::Cell<usize>,
}

impl Ages {
    /// About how many years `doc` is older than the newest article (for the recency boost): its
    /// year's distance from the newest year, plus its place within its year.
    pub fn of(&self, doc: u32) -> f32 {
        let holds = |y: &Year| doc >= y.first && doc - y.first < y.count;
        let last = self.years.get(self.last.get()).filter(|y| holds(y));
        last.or_else(|| {
            let at = self.years.iter().position(holds)?;
            self.last.set(at);
            self.years.get(at)
        })
        .map_or(0.0, |y| {
            (self.newest - y.year) as f32 + (doc - y.first) as f32 / y.count.max(1) as f32
        })
    }
}

/// `search/docs/<doc>.json`: what a result shows of an article. `text` is its lead and body as
/// plain text, for the snippet around the first match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub slug: String,
    pub title: String,
    pub category: CategoryRef,
    pub published: DateTime,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub text: String,
}

/// One article's posting as the writer has it: its number, its quantised impact, and which of
/// the term's written forms it holds (bit `i`: form `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub doc: u32,
    pub impact: u32,
    pub forms: u32,
}

/// Article numbers (ascending) as gaps from the one before, the first as it is.
pub fn gaps(docs: impl Iterator<Item = u32>) -> impl Iterator<Item = u32> {
    let mut last = 0;
    docs.map(move |doc| {
        let gap = doc - last;
        last = doc;
        gap
    })
}

/// Article numbers back from their gaps; bad numbers never panic (gaps saturate).
pub fn ungap<'a>(gaps: impl Iterator<Item = &'a u32>) -> impl Iterator<Item = u32> {
    let mut doc: Option<u32> = None;
    gaps.map(move |&gap| {
        let next = doc.map_or(gap, |d| d.saturating_add(gap));
        doc = Some(next);
        next
    })
}

/// A term's postings (sorted by `doc`) as `p` and `e` (see the module's documentation); `forms`
/// is how many written forms it has listed.
pub fn encode(postings: &[Written], forms: usize) -> (Vec<u32>, Vec<u32>) {
    let mut p = Vec::with_capacity(postings.len() * 2);
    p.extend(gaps(postings.iter().map(|w| w.doc)));
    p.extend(postings.iter().map(|w| w.impact));
    let mut e = Vec::new();
    if forms > 1 {
        let exceptions: Vec<&Written> = postings.iter().filter(|w| w.forms != 1).collect();
        for (gap, w) in gaps(exceptions.iter().map(|w| w.doc)).zip(&exceptions) {
            e.push(gap);
            e.push(w.forms);
        }
    }
    (p, e)
}

/// Reads a term's postings from its `p` and `e`. `forms` are its written forms (empty when they
/// are not told apart: every article matches exactly); `want` the form the query wrote, when it
/// carries diacritics. An odd last number of either is dropped.
pub fn decode(p: &[u32], e: &[u32], forms: &[String], want: Option<&str>) -> Vec<Posting> {
    decode_masked(p, e, forms, want).0
}

/// [`decode`], and beside the postings each one's written-form mask (bit i: the article writes
/// the term as `forms[i]`), so that another written form is applied without decoding again
/// ([`apply_form`]).
pub fn decode_masked(
    p: &[u32],
    e: &[u32],
    forms: &[String],
    want: Option<&str>,
) -> (Vec<Posting>, Vec<u32>) {
    let pairs = e.chunks_exact(2);
    let mut exceptions = ungap(pairs.clone().map(|c| &c[0]))
        .zip(pairs.map(|c| c[1]))
        .peekable();
    let (docs, impacts) = p.split_at(p.len() / 2);
    let (mut postings, mut masks) = (
        Vec::with_capacity(docs.len()),
        Vec::with_capacity(docs.len()),
    );
    for (doc, &impact) in ungap(docs.iter()).zip(impacts) {
        while exceptions.next_if(|x| x.0 < doc).is_some() {}
        masks.push(exceptions.next_if(|x| x.0 == doc).map_or(1, |x| x.1));
        postings.push(Posting {
            doc,
            impact,
            exact: true,
        });
    }
    apply_form(&mut postings, &masks, forms, want);
    (postings, masks)
}

/// Marks which `postings` hold the term as `want` writes it, from their written-form `masks`
/// (beside them) and the term's `forms`: every one when the query wrote no diacritics or the
/// forms are not told apart, none when `want` is not among them.
pub fn apply_form(postings: &mut [Posting], masks: &[u32], forms: &[String], want: Option<&str>) {
    let bit = want
        .filter(|_| !forms.is_empty())
        .map(|w| forms.iter().position(|f| f == w));
    for (posting, &mask) in postings.iter_mut().zip(masks) {
        posting.exact = match bit {
            None => true,
            Some(None) => false,
            Some(Some(b)) => b < 32 && mask & (1 << b) != 0,
        };
    }
}

/// A term's entry in its shard, as JSON: what the content tool writes, and what natively is read
/// back (the browser reads only its query's entries, field by field, out of `JSON.parse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// Forms not told apart, every posting here: the postings alone.
    Plain(Vec<u32>),
    Forms {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        v: Vec<String>,
        p: Vec<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        e: Vec<u32>,
        /// A pair's postings carry its syllables' impacts in the same articles (the first
        /// syllable's column, then the second's), when either syllable has a tail: an article
        /// in a pair's head is then known whole ([`crate::search::rank::rank_heads`]).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        c: Vec<u32>,
        /// How many tail files follow the head `p` ([`tail_doc`]); none, all is here.
        #[serde(default, skip_serializing_if = "is_zero")]
        t: u32,
        /// With tails: how many articles the term is in (what a publish scores new articles
        /// with; the app does not read it).
        #[serde(default, skip_serializing_if = "is_zero")]
        n: u32,
    },
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Entry {
    /// The entry of `postings` (sorted by `doc`) with the term's listed `forms`, the impacts it
    /// `carries` (see `c`) and `tails` tail files after it. A tail file is an entry too, without
    /// forms (its head's hold) or tails.
    pub fn new(postings: &[Written], forms: Vec<String>, carries: Vec<u32>, tails: u32) -> Entry {
        let (p, e) = encode(postings, forms.len());
        if forms.is_empty() && tails == 0 && carries.is_empty() {
            Entry::Plain(p)
        } else {
            Entry::Forms {
                v: forms,
                p,
                e,
                c: carries,
                t: tails,
                n: 0,
            }
        }
    }

    /// The entry, telling how many articles the term is in when it has tails (the head alone
    /// says it otherwise).
    pub fn counted(mut self, articles: u32) -> Entry {
        if let Entry::Forms { t, n, .. } = &mut self
            && *t > 0
        {
            *n = articles;
        }
        self
    }

    /// How many articles the term is in, as far as its entry tells (see [`Entry::counted`]).
    pub fn articles(&self) -> u32 {
        match self {
            Entry::Plain(p) => (p.len() / 2) as u32,
            Entry::Forms { p, t, n, .. } => {
                if *t > 0 {
                    *n
                } else {
                    (p.len() / 2) as u32
                }
            }
        }
    }

    /// A tail file of a term with `forms` written forms: its postings (sorted by `doc`) and the
    /// impacts they carry.
    pub fn tail(postings: &[Written], forms: usize, carries: Vec<u32>) -> Entry {
        let (p, e) = encode(postings, forms);
        if e.is_empty() && carries.is_empty() {
            Entry::Plain(p)
        } else {
            Entry::Forms {
                v: Vec::new(),
                p,
                e,
                c: carries,
                t: 0,
                n: 0,
            }
        }
    }

    /// Its postings, `want` as for [`decode`].
    pub fn postings(&self, want: Option<&str>) -> Vec<Posting> {
        self.postings_with(self.forms(), want)
    }

    /// Its postings read with the written `forms` of its head (for a tail file).
    pub fn postings_with(&self, forms: &[String], want: Option<&str>) -> Vec<Posting> {
        self.masked(forms, want).0
    }

    /// [`Entry::postings_with`], with each posting's written-form mask ([`decode_masked`]).
    pub fn masked(&self, forms: &[String], want: Option<&str>) -> (Vec<Posting>, Vec<u32>) {
        match self {
            Entry::Plain(p) => decode_masked(p, &[], forms, want),
            Entry::Forms { p, e, .. } => decode_masked(p, e, forms, want),
        }
    }

    pub fn forms(&self) -> &[String] {
        match self {
            Entry::Plain(_) => &[],
            Entry::Forms { v, .. } => v,
        }
    }

    /// The impacts it carries, as columns beside its postings.
    pub fn carried(&self) -> Vec<Vec<u32>> {
        match self {
            Entry::Plain(_) => Vec::new(),
            Entry::Forms { p, c, .. } => columns(c, p.len() / 2),
        }
    }

    /// How many tail files it has.
    pub fn tails(&self) -> u32 {
        match self {
            Entry::Plain(_) => 0,
            Entry::Forms { t, .. } => *t,
        }
    }
}

/// `c` cut into columns of `n` (a last short one dropped): what a posting list carries.
pub fn columns(c: &[u32], n: usize) -> Vec<Vec<u32>> {
    if n == 0 {
        return Vec::new();
    }
    c.chunks_exact(n).map(<[u32]>::to_vec).collect()
}

/// The tiers of a term's postings (sorted by `doc`), each sorted by `doc`: the head (the first
/// `head` in the ranking's order: the highest impact first and, among equal impacts, the newest),
/// then tail tiers each four times the size of all before it (`head`×3, ×12, ×48, …), so a query
/// that needs more reads a few files, never the term's whole list to learn one more page.
pub fn tiers(postings: &[Written], head: usize) -> Vec<Vec<Written>> {
    let head = head.max(1);
    if postings.len() <= head {
        return vec![postings.to_vec()];
    }
    let mut order: Vec<&Written> = postings.iter().collect();
    order.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let mut out = Vec::new();
    let (mut from, mut upto) = (0usize, head);
    while from < order.len() {
        let end = upto.min(order.len());
        let mut tier: Vec<Written> = order
            .get(from..end)
            .unwrap_or_default()
            .iter()
            .map(|w| **w)
            .collect();
        tier.sort_by_key(|w| w.doc);
        out.push(tier);
        from = end;
        upto = upto.saturating_mul(4);
    }
    out
}

/// The most postings of a term its shard holds (its head): the term's best, in the ranking's own
/// order (impact, then the newest); the rest are its tail, in files of their own. A query whose
/// first page the heads already decide reads nothing more (`rank::rank_heads`). A quarter of a
/// small archive, so that the sample splits its common terms as a large archive does.
pub fn head_size(docs: u32) -> usize {
    (docs as usize / 4).clamp(8, HEAD_MAX)
}
pub const HEAD_MAX: usize = 1_000;

/// Tail file `n` of `term`: by a 64-bit FNV-1a of the term, so its name needs no lookup.
pub fn tail_doc(term: &str, n: u32) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("search/tails/{h:016x}/{n}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(doc: u32, impact: u32, forms: u32) -> Written {
        Written { doc, impact, forms }
    }

    #[test]
    fn postings_round_trip_with_and_without_forms() {
        // Form 0 "hoạch" is the common one; docs 3 and 90 hold "hoach" only, doc 4 both.
        let postings = [w(0, 7, 1), w(3, 0, 2), w(4, 12, 3), w(90, 1, 2)];
        let forms = vec!["hoạch".to_owned(), "hoach".to_owned()];
        let (p, e) = encode(&postings, 2);
        assert_eq!(p, [0, 3, 1, 86, 7, 0, 12, 1]);
        assert_eq!(e, [3, 2, 1, 3, 86, 2]);
        let read = decode(&p, &e, &forms, Some("hoạch"));
        assert_eq!(
            read.iter().map(|p| p.doc).collect::<Vec<_>>(),
            [0, 3, 4, 90]
        );
        assert_eq!(
            read.iter().map(|p| p.impact).collect::<Vec<_>>(),
            [7, 0, 12, 1]
        );
        assert_eq!(
            read.iter().map(|p| p.exact).collect::<Vec<_>>(),
            [true, false, true, false]
        );
        let plain = decode(&p, &e, &forms, Some("hoach"));
        assert_eq!(
            plain.iter().map(|p| p.exact).collect::<Vec<_>>(),
            [false, true, true, true]
        );
        // Without diacritics in the query, every article is an exact match.
        assert!(decode(&p, &e, &forms, None).iter().all(|p| p.exact));
        // A form the index never saw matches nothing exactly.
        assert!(
            decode(&p, &e, &forms, Some("hoặch"))
                .iter()
                .all(|p| !p.exact)
        );

        // One form, written with diacritics: every article holds it, and no other form.
        let (p, e) = encode(&postings, 1);
        assert!(e.is_empty());
        let one = vec!["hoạch".to_owned()];
        assert!(decode(&p, &e, &one, Some("hoạch")).iter().all(|p| p.exact));
        assert!(decode(&p, &e, &one, Some("hoặch")).iter().all(|p| !p.exact));
        // No forms listed: not told apart, every article matches exactly.
        assert!(decode(&p, &e, &[], Some("quý")).iter().all(|p| p.exact));
    }

    #[test]
    fn entries_are_an_array_or_an_object_with_forms() {
        let postings = [w(0, 7, 1), w(3, 0, 2)];
        let plain = Entry::new(&postings, Vec::new(), Vec::new(), 0);
        assert_eq!(serde_json::to_string(&plain).unwrap(), "[0,3,7,0]");
        let forms = vec!["hoạch".to_owned(), "hoach".to_owned()];
        let with = Entry::new(&postings, forms.clone(), Vec::new(), 0);
        assert_eq!(
            serde_json::to_string(&with).unwrap(),
            r#"{"v":["hoạch","hoach"],"p":[0,3,7,0],"e":[3,2]}"#
        );
        let one = Entry::new(&postings, vec!["hoạch".to_owned()], Vec::new(), 0);
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            r#"{"v":["hoạch"],"p":[0,3,7,0]}"#
        );
        for entry in [plain, with, one] {
            let text = serde_json::to_string(&entry).unwrap();
            assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), entry);
        }
        let read = Entry::new(&postings, forms, Vec::new(), 0).postings(Some("hoach"));
        assert_eq!(
            read.iter().map(|p| p.exact).collect::<Vec<_>>(),
            [false, true]
        );
        assert!(serde_json::from_str::<Entry>(r#"{"p":"x"}"#).is_err());
        // A head with tails: its count after the postings, with or without forms.
        let head = Entry::new(&postings, Vec::new(), Vec::new(), 2);
        assert_eq!(
            serde_json::to_string(&head).unwrap(),
            r#"{"p":[0,3,7,0],"t":2}"#
        );
        assert_eq!(head.tails(), 2);
        assert_eq!(
            serde_json::from_str::<Entry>(r#"{"p":[0,3,7,0],"t":2}"#).unwrap(),
            head
        );
        assert_eq!(head.postings(None).len(), 2);
    }

    #[test]
    fn heads_are_the_best_in_ranking_order_and_tails_the_rest() {
        let postings = [w(0, 3, 1), w(1, 9, 1), w(2, 3, 1), w(5, 9, 1), w(8, 1, 1)];
        let cut = tiers(&postings, 3);
        let docs = |t: &[Written]| t.iter().map(|w| w.doc).collect::<Vec<_>>();
        // 9, 9, then the newest 3; the rest in the next tier.
        assert_eq!(
            cut.iter().map(|t| docs(t)).collect::<Vec<_>>(),
            [vec![0, 1, 5], vec![2, 8]]
        );
        let all = tiers(&postings, 5);
        assert_eq!(all.iter().map(Vec::len).collect::<Vec<_>>(), [5]);
        let many: Vec<Written> = (0..100).map(|d| w(d, d % 10, 1)).collect();
        let cut = tiers(&many, 4);
        assert_eq!(
            cut.iter().map(Vec::len).collect::<Vec<_>>(),
            [4, 12, 48, 36]
        );
        assert!(
            cut.iter()
                .all(|t| t.windows(2).all(|p| p[0].doc < p[1].doc))
        );
        // Each tier's worst comes before the next tier's best, in the ranking's order.
        assert_eq!(cut[0].iter().map(|w| w.impact).min(), Some(9));
        let two = [w(0, 7, 1), w(3, 0, 2)];
        let carries = Entry::new(&two, Vec::new(), vec![1, 2, 3, 4], 1);
        assert_eq!(carries.carried(), [vec![1, 2], vec![3, 4]]);
        let tail = Entry::tail(&two, 2, Vec::new());
        assert_eq!(
            serde_json::to_string(&tail).unwrap(),
            r#"{"p":[0,3,7,0],"e":[3,2]}"#
        );
        let forms = ["hoạch".to_owned(), "hoach".to_owned()];
        assert_eq!(
            tail.postings_with(&forms, Some("hoach"))
                .iter()
                .map(|p| p.exact)
                .collect::<Vec<_>>(),
            [false, true]
        );
        assert_eq!(head_size(66), 16);
        assert_eq!(head_size(1_000_000), HEAD_MAX);
        assert_eq!(head_size(0), 8);
        assert_ne!(tail_doc("ha noi", 0), tail_doc("ha noi", 1));
        assert_ne!(tail_doc("ha noi", 0), tail_doc("ha noj", 0));
        assert!(
            tail_doc("quy", 3).starts_with("search/tails/")
                && tail_doc("quy", 3).ends_with("/3.json")
        );
    }

    #[test]
    fn bad_postings_never_panic() {
        assert!(decode(&[], &[], &[], None).is_empty());
        assert_eq!(
            decode(&[5, 1, 9], &[], &[], None).len(),
            1,
            "odd number dropped"
        );
        let huge = decode(&[u32::MAX, u32::MAX, 1, 1], &[], &[], None);
        assert_eq!(huge.last().map(|p| p.doc), Some(u32::MAX));
        let forms = vec!["a".to_owned(); 40];
        assert_eq!(
            decode(&[0, 1], &[0, u32::MAX, 7], &forms, Some("a")).len(),
            1
        );
        // Exceptions out of order are skipped, not a panic.
        let forms = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(
            decode(&[2, 1, 1, 1], &[9, 2, 0, 2], &forms, Some("b")).len(),
            2
        );
    }

    #[test]
    fn shards_spread_terms_and_stay_in_range() {
        let mut used = [0u32; 8];
        for t in [
            "ha",
            "noi",
            "ha noi",
            "quy",
            "hoach",
            "quy hoach",
            "da",
            "nang",
            "#thoi-su",
        ] {
            let s = shard_of(t, 8);
            assert!(s < 8);
            used[s as usize] += 1;
        }
        assert!(used.iter().filter(|&&n| n > 0).count() >= 4, "{used:?}");
        assert_eq!(shard_of("x", 0), 0);
        assert_eq!(shard_of("ha noi", 64), shard_of("ha noi", 64));
    }

    #[test]
    fn years_are_ranges_and_ages() {
        let m = Manifest {
            years: vec![
                Year {
                    year: 2026,
                    first: 0,
                    count: 10,
                },
                Year {
                    year: 2025,
                    first: 10,
                    count: 20,
                },
            ],
            ..Manifest::default()
        };
        let in_year = |doc, year| m.year_ranges(year).iter().any(|r| r.contains(&doc));
        assert!(in_year(10, 2025) && in_year(29, 2025));
        assert!(!in_year(30, 2025) && !in_year(9, 2025));
        assert!(m.has_year(2025) && !m.has_year(2019));
        let ages = m.ages();
        assert_eq!(ages.of(0), 0.0);
        assert!((ages.of(20) - 1.5).abs() < 1e-6);
        assert_eq!(ages.of(999), 0.0);
        // Asked out of order, the year remembered is not taken for another's.
        assert_eq!(ages.of(3), 0.3);
        assert!(!m.withdrawn(3));
    }

    #[test]
    fn a_delta_adds_years_and_withdraws() {
        let year = |year, first, count| Year { year, first, count };
        let m = Manifest {
            docs: 30,
            years: vec![year(2026, 0, 10), year(2025, 10, 20)],
            delta: Some(Delta {
                docs: 3,
                shards: 1,
                years: vec![year(2027, 30, 2), year(2026, 32, 1)],
                withdrawn: vec![4, 17],
            }),
            ..Manifest::default()
        };
        let in_year = |doc, year| m.year_ranges(year).iter().any(|r| r.contains(&doc));
        assert!(m.has_year(2027) && in_year(31, 2027) && !in_year(32, 2027));
        assert!(in_year(5, 2026) && in_year(32, 2026));
        // The newest year is the delta's: the main index's articles are a year older now.
        let ages = m.ages();
        assert_eq!(ages.of(30), 0.0);
        assert!((ages.of(0) - 1.0).abs() < 1e-6);
        assert!(m.withdrawn(4) && m.withdrawn(17) && !m.withdrawn(5) && !m.withdrawn(30));
    }

    #[test]
    fn a_tailed_entry_tells_its_article_count() {
        let w = |doc| Written {
            doc,
            impact: 1,
            forms: 1,
        };
        let head = Entry::new(&[w(0), w(2)], Vec::new(), Vec::new(), 2).counted(40);
        assert_eq!(head.articles(), 40);
        let whole = Entry::new(&[w(0), w(2)], Vec::new(), Vec::new(), 0).counted(40);
        assert_eq!(whole, Entry::Plain(vec![0, 2, 1, 1]));
        assert_eq!(whole.articles(), 2);
        let json = serde_json::to_string(&head).unwrap();
        assert!(json.contains("\"n\":40"), "{json}");
        assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), head);
    }
}
