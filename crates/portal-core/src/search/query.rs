//! A search as its address holds it (`/tim-kiem?q=…&chuyen-muc=…&nam=…&trang=…`), and the terms
//! and filters it becomes against the index.

use crate::pagination::parse_page;
use crate::paths::{PAGE_PARAM, query_pairs};
use crate::search::fold::{Word, pairs, words};
use crate::search::index::{Manifest, category_term};
use crate::search::rank::{Posting, Ranked, merge, rank, recency};

/// The search page's path segment.
pub const SEARCH: &str = "tim-kiem";
pub const QUERY_PARAM: &str = "q";
pub const CATEGORY_PARAM: &str = "chuyen-muc";
pub const YEAR_PARAM: &str = "nam";
/// The most syllables of a query that are searched (a pasted paragraph still searches its start).
pub const MAX_SYLLABLES: usize = 10;
/// Results per page.
pub const PAGE_SIZE: u32 = 10;

/// What the reader asked: the text as typed, the filters, the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub q: String,
    pub category: Option<String>,
    pub year: Option<i32>,
    pub page: u32,
}

impl Search {
    /// From a query string (`?` optional). Empty filters are none; a year that is not a number
    /// is none (an unknown category or year finds nothing rather than everything).
    pub fn parse(query: &str) -> Search {
        let mut s = Search {
            page: 1,
            ..Search::default()
        };
        for (k, v) in query_pairs(query) {
            let v = v.trim();
            match k.as_str() {
                QUERY_PARAM if s.q.is_empty() => s.q = v.to_owned(),
                CATEGORY_PARAM if !v.is_empty() && s.category.is_none() => {
                    s.category = Some(v.to_owned())
                }
                YEAR_PARAM if s.year.is_none() => s.year = v.parse().ok(),
                PAGE_PARAM => s.page = parse_page(Some(v)),
                _ => {}
            }
        }
        s
    }

    /// The parameters that are set, as a query string without `?` (empty when none is).
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            query.append_pair(QUERY_PARAM, &self.q);
        }
        if let Some(c) = &self.category {
            query.append_pair(CATEGORY_PARAM, c);
        }
        if let Some(y) = self.year {
            query.append_pair(YEAR_PARAM, &y.to_string());
        }
        if self.page > 1 {
            query.append_pair(PAGE_PARAM, &self.page.to_string());
        }
        query.finish()
    }

    /// The address relative to the base path: `/tim-kiem`, then the parameters that are set.
    pub fn href(&self) -> String {
        match self.query() {
            query if query.is_empty() => format!("/{SEARCH}"),
            query => format!("/{SEARCH}?{query}"),
        }
    }

    /// Without filters the index does not know (a category or year it has no articles for): an
    /// unknown filter is ignored, and shown as not applied, rather than find nothing.
    pub fn known(&self, manifest: &Manifest) -> Search {
        Search {
            category: self
                .category
                .clone()
                .filter(|c| manifest.categories.iter().any(|k| &k.slug == c)),
            year: self.year.filter(|&y| manifest.has_year(y)),
            ..self.clone()
        }
    }

    /// The same search on another page.
    pub fn with_page(&self, page: u32) -> Search {
        Search {
            page,
            ..self.clone()
        }
    }
}

/// The terms a query looks up: its distinct syllables (at most [`MAX_SYLLABLES`]) as written
/// and folded, then its adjacent pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub words: Vec<Word>,
    pub pairs: Vec<String>,
    /// Each pair as written (`"quy hoạch"`), beside `pairs`.
    pub exact_pairs: Vec<String>,
}

impl Plan {
    /// `lower_nfc`: the query lowered and composed; `lower_nfd` as for [`words`].
    pub fn new(lower_nfc: &str, lower_nfd: impl Fn(&str) -> String) -> Plan {
        let all: Vec<Word> = words(lower_nfc, lower_nfd)
            .into_iter()
            .take(MAX_SYLLABLES)
            .collect();
        let pairs: Vec<(String, String)> = pairs(&all).collect();
        let mut distinct: Vec<Word> = Vec::new();
        for w in all {
            if !distinct.iter().any(|d| d.folded == w.folded) {
                distinct.push(w);
            }
        }
        let mut unique_pairs: Vec<String> = Vec::new();
        let mut exact_pairs: Vec<String> = Vec::new();
        for (folded, exact) in pairs {
            if !unique_pairs.contains(&folded) {
                unique_pairs.push(folded);
                exact_pairs.push(exact);
            }
        }
        Plan {
            words: distinct,
            pairs: unique_pairs,
            exact_pairs,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every term to look up: the syllables, then the pairs.
    pub fn terms(&self) -> Vec<String> {
        self.words
            .iter()
            .map(|w| w.folded.clone())
            .chain(self.pairs.iter().cloned())
            .collect()
    }

    /// The written form term `term` (of [`Plan::terms`]) should match exactly, when the query
    /// wrote it with diacritics: a syllable (`"hoạch"`) or a pair (`"quy hoạch"`).
    pub fn want(&self, term: usize) -> Option<String> {
        if let Some(w) = self.words.get(term) {
            return (w.exact != w.folded).then(|| w.exact.clone());
        }
        let pair = self.exact_pairs.get(term - self.words.len())?;
        (!pair.is_ascii()).then(|| pair.clone())
    }

    /// For each of [`Plan::terms`], the syllables (their places among them) an article holding
    /// it holds too: a syllable itself, a pair its two.
    pub fn implies(&self) -> Vec<Vec<usize>> {
        let place = |s: &str| self.words.iter().position(|w| w.folded == s);
        (0..self.words.len())
            .map(|i| vec![i])
            .chain(
                self.pairs
                    .iter()
                    .map(|p| p.split(' ').filter_map(place).collect()),
            )
            .collect()
    }

    /// The folded syllables, for marking matches.
    pub fn folded(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.folded.as_str()).collect()
    }
}

/// The term to look up for a category filter, if any.
pub fn filter_term(search: &Search) -> Option<String> {
    search.category.as_deref().map(category_term)
}

/// What a search keeps (its filters), the recency boost, and how many results it needs (up to
/// the end of its page).
pub fn scope<'a>(
    search: &Search,
    manifest: &'a Manifest,
    in_category: Option<&'a [Posting]>,
) -> (impl Fn(u32) -> bool + 'a, impl Fn(u32) -> f32 + 'a, usize) {
    // Once here, not for each posting: `keep` is asked of every article a query's lists hold.
    let years = search.year.map(|y| manifest.year_ranges(y));
    let ages = manifest.ages();
    (
        move |doc| {
            years
                .as_ref()
                .is_none_or(|ranges| ranges.iter().any(|r| r.contains(&doc)))
                && !manifest.withdrawn(doc)
                && in_category.is_none_or(|c| c.binary_search_by_key(&doc, |p| p.doc).is_ok())
        },
        move |doc| recency(ages.of(doc)),
        (search.page as usize).saturating_mul(PAGE_SIZE as usize),
    )
}

/// Ranks a query: `postings` holds one list per term of [`Plan::terms`] (an absent term, an
/// empty list), `in_category` the category filter's articles (sorted) when one is set. The results
/// up to the end of the search's page, best first, and how many there are in all.
pub fn results<L: AsRef<[Posting]>>(
    plan: &Plan,
    search: &Search,
    manifest: &Manifest,
    postings: &[L],
    in_category: Option<&[Posting]>,
) -> (Vec<Ranked>, usize) {
    let (keep, boost, limit) = scope(search, manifest, in_category);
    rank(postings, plan.words.len(), keep, boost, limit)
}

/// Results from whole lists (the delta's, `index::Delta`, or a test's): `postings(term, want)`
/// reads a term's whole list (none: an empty list).
pub fn whole_list_results(
    plan: &Plan,
    search: &Search,
    manifest: &Manifest,
    mut postings: impl FnMut(&str, Option<&str>) -> Vec<Posting>,
) -> (Vec<Ranked>, usize) {
    let lists: Vec<Vec<Posting>> = plan
        .terms()
        .iter()
        .enumerate()
        .map(|(i, t)| postings(t, plan.want(i).as_deref()))
        .collect();
    let in_category = filter_term(search).map(|f| postings(&f, None));
    results(plan, search, manifest, &lists, in_category.as_deref())
}

/// The main index's results (`main`: best first, and how many) with the delta's
/// ([`whole_list_results`]) merged in.
pub fn with_delta(
    search: &Search,
    manifest: &Manifest,
    main: (Vec<Ranked>, usize),
    delta: (Vec<Ranked>, usize),
) -> (Vec<Ranked>, usize) {
    let limit = (search.page as usize).saturating_mul(PAGE_SIZE as usize);
    (
        merge(main.0, delta.0, manifest.docs, limit),
        main.1.saturating_add(delta.1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        s.to_lowercase().nfd().collect()
    }

    fn plan(q: &str) -> Plan {
        use unicode_normalization::UnicodeNormalization;
        Plan::new(&q.nfc().collect::<String>().to_lowercase(), nfd)
    }

    #[test]
    fn the_address_holds_the_whole_search() {
        let s = Search::parse("?q=quy+ho%E1%BA%A1ch&chuyen-muc=thoi-su&nam=2025&trang=3");
        assert_eq!(
            s,
            Search {
                q: "quy hoạch".into(),
                category: Some("thoi-su".into()),
                year: Some(2025),
                page: 3
            }
        );
        assert_eq!(Search::parse(&s.href()["/tim-kiem".len()..]), s);
        assert_eq!(Search::parse("").href(), "/tim-kiem");
        assert_eq!(
            Search::parse("q=a&chuyen-muc=&nam=x&trang=0"),
            Search {
                q: "a".into(),
                page: 1,
                ..Search::default()
            }
        );
        // Markup is only text in the address.
        let hostile = Search::parse("q=%3Cscript%3E%22%27");
        assert_eq!(hostile.q, "<script>\"'");
        assert_eq!(hostile.href(), "/tim-kiem?q=%3Cscript%3E%22%27");
    }

    #[test]
    fn unknown_filters_are_ignored() {
        let manifest = Manifest {
            years: vec![crate::search::index::Year {
                year: 2025,
                first: 0,
                count: 1,
            }],
            categories: vec![crate::CategoryRef {
                slug: "thoi-su".into(),
                name: "Thời sự".into(),
            }],
            ..Manifest::default()
        };
        let s = Search::parse("q=a&chuyen-muc=khong-co&nam=1999").known(&manifest);
        assert_eq!((s.category, s.year), (None, None));
        let s = Search::parse("q=a&chuyen-muc=thoi-su&nam=2025").known(&manifest);
        assert_eq!(
            (s.category.as_deref(), s.year),
            (Some("thoi-su"), Some(2025))
        );
    }

    #[test]
    fn plans_fold_dedupe_and_pair() {
        let p = plan("Quy hoạch  QUY hoach sông");
        assert_eq!(p.folded(), ["quy", "hoach", "song"]);
        assert_eq!(p.pairs, ["quy hoach", "hoach quy", "hoach song"]);
        assert_eq!(p.want(0), None);
        assert_eq!(p.want(1).as_deref(), Some("hoạch"));
        assert_eq!(p.want(2).as_deref(), Some("sông"));
        assert_eq!(p.want(3).as_deref(), Some("quy hoạch"));
        assert_eq!(p.want(4).as_deref(), Some("hoạch quy"));
        assert_eq!(p.want(5).as_deref(), Some("hoach sông"));
        assert_eq!(p.want(6), None);
        assert_eq!(p.terms().len(), 6);
        assert!(plan("!!! «» … 😀").is_empty());
        assert_eq!(plan(&"ha ".repeat(1000)).words.len(), 1);
        let long: String = (0..500).map(|i| format!("t{i} ")).collect();
        assert_eq!(plan(&long).words.len(), MAX_SYLLABLES);
    }
}
