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
}

impl Manifest {
    /// The article numbers of `year`, if it has any.
    pub fn year_range(&self, year: i32) -> Option<std::ops::Range<u32>> {
        let y = self.years.iter().find(|y| y.year == year)?;
        Some(y.first..y.first.saturating_add(y.count))
    }

    /// About how many years `doc` is older than the newest article (for the recency boost): its
    /// year's distance from the newest year, plus its place within its year.
    pub fn age_years(&self, doc: u32) -> f32 {
        let newest = self.years.first().map_or(0, |y| y.year);
        self.years
            .iter()
            .find(|y| doc >= y.first && doc - y.first < y.count)
            .map_or(0.0, |y| {
                (newest - y.year) as f32 + (doc - y.first) as f32 / y.count.max(1) as f32
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
    let bit = want
        .filter(|_| !forms.is_empty())
        .map(|w| forms.iter().position(|f| f == w));
    let pairs = e.chunks_exact(2);
    let mut exceptions = ungap(pairs.clone().map(|c| &c[0]))
        .zip(pairs.map(|c| c[1]))
        .peekable();
    let (docs, impacts) = p.split_at(p.len() / 2);
    ungap(docs.iter())
        .zip(impacts)
        .map(|(doc, &impact)| {
            while exceptions.next_if(|x| x.0 < doc).is_some() {}
            let mask = exceptions.next_if(|x| x.0 == doc).map_or(1, |x| x.1);
            let exact = match bit {
                None => true,
                Some(None) => false,
                Some(Some(b)) => b < 32 && mask & (1 << b) != 0,
            };
            Posting { doc, impact, exact }
        })
        .collect()
}

/// A term's entry in its shard, as JSON: what the content tool writes, and what natively is read
/// back (the browser reads only its query's entries, field by field, out of `JSON.parse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// Forms not told apart: the postings alone.
    Plain(Vec<u32>),
    Forms {
        v: Vec<String>,
        p: Vec<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        e: Vec<u32>,
    },
}

impl Entry {
    /// The entry of `postings` (sorted by `doc`) with the term's listed `forms`.
    pub fn new(postings: &[Written], forms: Vec<String>) -> Entry {
        let (p, e) = encode(postings, forms.len());
        if forms.is_empty() {
            Entry::Plain(p)
        } else {
            Entry::Forms { v: forms, p, e }
        }
    }

    /// Its postings, `want` as for [`decode`].
    pub fn postings(&self, want: Option<&str>) -> Vec<Posting> {
        match self {
            Entry::Plain(p) => decode(p, &[], &[], want),
            Entry::Forms { v, p, e } => decode(p, e, v, want),
        }
    }
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
        let plain = Entry::new(&postings, Vec::new());
        assert_eq!(serde_json::to_string(&plain).unwrap(), "[0,3,7,0]");
        let forms = vec!["hoạch".to_owned(), "hoach".to_owned()];
        let with = Entry::new(&postings, forms.clone());
        assert_eq!(
            serde_json::to_string(&with).unwrap(),
            r#"{"v":["hoạch","hoach"],"p":[0,3,7,0],"e":[3,2]}"#
        );
        let one = Entry::new(&postings, vec!["hoạch".to_owned()]);
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            r#"{"v":["hoạch"],"p":[0,3,7,0]}"#
        );
        for entry in [plain, with, one] {
            let text = serde_json::to_string(&entry).unwrap();
            assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), entry);
        }
        let read = Entry::new(&postings, forms).postings(Some("hoach"));
        assert_eq!(
            read.iter().map(|p| p.exact).collect::<Vec<_>>(),
            [false, true]
        );
        assert!(serde_json::from_str::<Entry>(r#"{"p":"x"}"#).is_err());
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
        assert_eq!(m.year_range(2025), Some(10..30));
        assert_eq!(m.year_range(2019), None);
        assert_eq!(m.age_years(0), 0.0);
        assert!((m.age_years(20) - 1.5).abs() < 1e-6);
        assert_eq!(m.age_years(999), 0.0);
    }
}
