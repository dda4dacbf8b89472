//! The register's filters as its address holds them (`/van-ban?q=…&loai=…&co-quan=…&linh-vuc=…
//! &nam=…&tinh-trang=…&sap-xep=cu-nhat&trang=…`), and the documents they select.

use crate::legal::Status;
use crate::legal::register::{Facet, REGISTER, Register};
use crate::pagination::{parse_page, total_pages};
use crate::paths::{PAGE_PARAM, query_pairs};
use crate::search::fold::{fold, syllables};
use crate::search::query::{MAX_SYLLABLES, QUERY_PARAM, YEAR_PARAM};

pub const STATUS_PARAM: &str = "tinh-trang";
pub const ORDER_PARAM: &str = "sap-xep";
/// `sap-xep`'s value for oldest first (newest first is the default, and has none).
pub const OLDEST: &str = "cu-nhat";
/// Rows per page.
pub const PAGE_SIZE: u32 = 20;

/// What the reader asked. Facet values are the slugs of [`Register`]'s values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub q: String,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub field: Option<String>,
    pub year: Option<i32>,
    pub status: Option<String>,
    pub oldest: bool,
    pub page: u32,
}

impl Filters {
    /// From a query string (`?` optional); empty values are no filter.
    pub fn parse(query: &str) -> Filters {
        let mut f = Filters {
            page: 1,
            ..Filters::default()
        };
        for (k, v) in query_pairs(query) {
            let v = v.trim();
            let set = |slot: &mut Option<String>| {
                if slot.is_none() && !v.is_empty() {
                    *slot = Some(v.to_owned());
                }
            };
            match k.as_str() {
                QUERY_PARAM if f.q.is_empty() => f.q = v.to_owned(),
                YEAR_PARAM if f.year.is_none() => f.year = v.parse().ok(),
                STATUS_PARAM => set(&mut f.status),
                ORDER_PARAM => f.oldest = v == OLDEST,
                PAGE_PARAM => f.page = parse_page(Some(v)),
                k if k == Facet::Kind.param() => set(&mut f.kind),
                k if k == Facet::Issuer.param() => set(&mut f.issuer),
                k if k == Facet::Field.param() => set(&mut f.field),
                _ => {}
            }
        }
        f
    }

    pub fn facet(&self, facet: Facet) -> Option<&str> {
        match facet {
            Facet::Kind => self.kind.as_deref(),
            Facet::Issuer => self.issuer.as_deref(),
            Facet::Field => self.field.as_deref(),
        }
    }

    /// The parameters that are set, as a query string without `?`.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            query.append_pair(QUERY_PARAM, &self.q);
        }
        for facet in Facet::ALL {
            if let Some(v) = self.facet(facet) {
                query.append_pair(facet.param(), v);
            }
        }
        if let Some(y) = self.year {
            query.append_pair(YEAR_PARAM, &y.to_string());
        }
        if let Some(s) = &self.status {
            query.append_pair(STATUS_PARAM, s);
        }
        if self.oldest {
            query.append_pair(ORDER_PARAM, OLDEST);
        }
        if self.page > 1 {
            query.append_pair(PAGE_PARAM, &self.page.to_string());
        }
        query.finish()
    }

    /// The address relative to the base path.
    pub fn href(&self) -> String {
        match self.query() {
            query if query.is_empty() => format!("/{REGISTER}"),
            query => format!("/{REGISTER}?{query}"),
        }
    }

    /// Without the values the register does not have: an unknown filter is ignored (and shown as
    /// not applied) rather than find nothing.
    pub fn known(&self, register: &Register) -> Filters {
        let known = |facet: Facet| {
            self.facet(facet)
                .filter(|v| register.values(facet).iter().any(|k| k.slug == *v))
                .map(str::to_owned)
        };
        Filters {
            kind: known(Facet::Kind),
            issuer: known(Facet::Issuer),
            field: known(Facet::Field),
            year: self.year.filter(|&y| register.year_range(y).is_some()),
            status: self
                .status
                .clone()
                .filter(|s| Status::from_code(s).is_some()),
            ..self.clone()
        }
    }

    /// The filters of `self` that `known` dropped, by parameter (to say they were not applied).
    pub fn dropped(&self, known: &Filters) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Facet::ALL
            .into_iter()
            .filter(|&f| self.facet(f).is_some() && known.facet(f).is_none())
            .map(Facet::param)
            .collect();
        if self.year.is_some() && known.year.is_none() {
            out.push(YEAR_PARAM);
        }
        if self.status.is_some() && known.status.is_none() {
            out.push(STATUS_PARAM);
        }
        out
    }

    pub fn with_page(&self, page: u32) -> Filters {
        Filters {
            page,
            ..self.clone()
        }
    }

    /// The text filter as it is read (its folded syllables, in the order typed): two texts with
    /// the same key select the same documents, so a search that only adds or changes diacritics
    /// need not look them up again. `lower_nfd` as for [`Filters::terms`].
    pub fn text_key(lower_nfd: &str) -> String {
        syllables(&fold(lower_nfd)).collect::<Vec<_>>().join(" ")
    }

    /// The text filter's distinct folded syllables (at most [`MAX_SYLLABLES`]); `lower_nfd` is
    /// `q` lower-cased and decomposed.
    pub fn terms(lower_nfd: &str) -> Vec<String> {
        let folded = fold(lower_nfd);
        let mut out: Vec<String> = Vec::new();
        for s in syllables(&folded) {
            if !out.iter().any(|t| t == s) {
                out.push(s.to_owned());
            }
            if out.len() == MAX_SYLLABLES {
                break;
            }
        }
        out
    }

    /// The terms the text filter looks up first: pairs of adjacent syllables as typed (the
    /// register indexes each number's and each summary's, [`pair_term`]) that cover every syllable
    /// (`a b c d` → `a b`, `c d`; `a b c` → `a b`, `b c`), or the one syllable typed. Far shorter
    /// lists than the syllables' at scale; when they select nothing, the page falls back to
    /// [`Filters::terms`] (words typed out of order, or apart in the text).
    pub fn phrase_terms(lower_nfd: &str) -> Vec<String> {
        let folded = fold(lower_nfd);
        let typed: Vec<&str> = syllables(&folded).take(MAX_SYLLABLES).collect();
        let mut out: Vec<String> = Vec::new();
        let mut add = |t: String| {
            if !out.contains(&t) {
                out.push(t);
            }
        };
        match typed.as_slice() {
            [] => {}
            [one] => add((*one).to_owned()),
            _ => {
                for pair in typed.chunks(2) {
                    match pair {
                        [a, b] => add(pair_term(a, b)),
                        // An odd last syllable pairs with the one before it.
                        [b] => {
                            if let Some(a) = typed.len().checked_sub(2).and_then(|i| typed.get(i)) {
                                add(pair_term(a, b));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        out
    }
}

/// The term of two adjacent syllables of a number or a summary.
pub fn pair_term(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

/// The pseudo-term of a whole number and symbol, from its syllables (`27/2024/QĐ-UBND` and
/// "27 2024 qd ubnd" are both `#27 2024 qd ubnd`): documents whose number is exactly what the
/// reader typed are shown first. `#` never occurs in a syllable.
pub fn number_term(terms: &[String]) -> String {
    format!("#{}", terms.join(" "))
}

/// The whole number's pseudo-term to look up beside the text's `words` ([`Filters::terms`]), when
/// the text could be a number: every number has a digit.
pub fn exact_term(words: &[String]) -> Option<String> {
    words
        .iter()
        .any(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .then(|| number_term(words))
}

/// The documents every list holds (each ascending), within `range`: the register's selection.
/// No list selects the whole range.
pub fn select(range: std::ops::Range<u32>, lists: &[Vec<u32>]) -> Vec<u32> {
    let Some((shortest, rest)) = lists
        .iter()
        .min_by_key(|l| l.len())
        .map(|s| (s, lists.iter().filter(move |l| !std::ptr::eq(*l, s))))
    else {
        return range.collect();
    };
    let rest: Vec<&Vec<u32>> = rest.collect();
    shortest
        .iter()
        .copied()
        .filter(|d| range.contains(d))
        .filter(|d| rest.iter().all(|l| l.binary_search(d).is_ok()))
        .collect()
}

/// One page of a selection (ascending = newest first): the documents on it in the order shown,
/// those whose number is the one typed (`exact`, ascending) first, and how many pages there are.
/// A page past the end is the last.
pub fn page_of(selected: &[u32], exact: &[u32], oldest: bool, page: u32) -> (Vec<u32>, u32) {
    let pages = total_pages(selected.len() as u64, PAGE_SIZE);
    let page = page.clamp(1, pages);
    let skip = ((page - 1) * PAGE_SIZE) as usize;
    let is_exact = |d: &u32| exact.binary_search(d).is_ok();
    let ordered = |keep_exact: bool| {
        let list = selected.iter().filter(move |d| is_exact(d) == keep_exact);
        let list: Box<dyn Iterator<Item = &u32>> = if oldest {
            Box::new(list.rev())
        } else {
            Box::new(list)
        };
        list
    };
    let ids = ordered(true)
        .chain(ordered(false))
        .skip(skip)
        .take(PAGE_SIZE as usize)
        .copied()
        .collect();
    (ids, pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::register::{Value, Year};

    fn register() -> Register {
        let v = |slug: &str| Value {
            slug: slug.into(),
            name: slug.into(),
            count: 1,
        };
        Register {
            docs: 50,
            rows: 10,
            years: vec![
                Year {
                    year: 2026,
                    first: 0,
                    count: 30,
                },
                Year {
                    year: 2025,
                    first: 30,
                    count: 20,
                },
            ],
            kinds: vec![v("quyet-dinh")],
            issuers: vec![v("chinh-phu")],
            fields: vec![v("dat-dai")],
            ..Register::default()
        }
    }

    #[test]
    fn parses_and_writes_the_address() {
        let f = Filters::parse(
            "q=27%2F2024&loai=quyet-dinh&co-quan=chinh-phu&linh-vuc=dat-dai&nam=2025\
             &tinh-trang=in_force&sap-xep=cu-nhat&trang=2",
        );
        assert_eq!(f.q, "27/2024");
        assert_eq!(f.kind.as_deref(), Some("quyet-dinh"));
        assert_eq!(f.year, Some(2025));
        assert!(f.oldest);
        assert_eq!(f.page, 2);
        assert_eq!(Filters::parse(&f.query()), f);
        assert_eq!(Filters::parse("").href(), "/van-ban");
        assert_eq!(
            Filters::parse("loai=&nam=x&sap-xep=moi").href(),
            "/van-ban",
            "empty and bad values are no filter"
        );
    }

    #[test]
    fn unknown_values_are_dropped_and_named() {
        let f = Filters::parse("loai=bogus&co-quan=chinh-phu&nam=1990&tinh-trang=lost");
        let known = f.known(&register());
        assert_eq!(known.kind, None);
        assert_eq!(known.issuer.as_deref(), Some("chinh-phu"));
        assert_eq!(known.year, None);
        assert_eq!(known.status, None);
        assert_eq!(f.dropped(&known), ["loai", "nam", "tinh-trang"]);
    }

    #[test]
    fn text_terms_fold_like_search() {
        assert_eq!(
            Filters::terms("27/2024/qđ-ubnd"),
            ["27", "2024", "qd", "ubnd"]
        );
        // Decomposed (the browser's `normalize("NFD")`), as the app passes it.
        let nfd = "đa\u{302}\u{301}t đai đa\u{302}\u{301}t";
        assert_eq!(Filters::terms(nfd), ["dat", "dai"]);
        assert_eq!(Filters::terms("  "), Vec::<String>::new());
    }

    #[test]
    fn a_text_and_its_key_select_the_same_documents() {
        for (a, b) in [
            ("27/2024/qđ-ubnd", "27 2024 qd ubnd"),
            (
                "chi\u{309}nh trang via\u{309} he\u{300}",
                "chinh trang via he",
            ),
            ("a b a b c", "a   b.a,b c"),
        ] {
            assert_eq!(Filters::text_key(a), Filters::text_key(b));
            let key = Filters::text_key(a);
            assert_eq!(Filters::terms(&key), Filters::terms(a));
            assert_eq!(Filters::phrase_terms(&key), Filters::phrase_terms(a));
            assert_eq!(
                exact_term(&Filters::terms(&key)),
                exact_term(&Filters::terms(a))
            );
        }
        assert_ne!(Filters::text_key("a b"), Filters::text_key("b a"));
        assert_eq!(Filters::text_key(" . "), "");
    }

    #[test]
    fn phrase_terms_are_pairs_that_cover_every_syllable() {
        assert_eq!(
            Filters::phrase_terms("27/2024/qđ-ubnd"),
            ["27 2024", "qd ubnd"]
        );
        assert_eq!(
            Filters::phrase_terms("chi\u{309}nh trang via\u{309} he\u{300}"),
            ["chinh trang", "via he"]
        );
        assert_eq!(Filters::phrase_terms("a b c"), ["a b", "b c"]);
        assert_eq!(Filters::phrase_terms("đa\u{302}\u{301}t"), ["dat"]);
        assert_eq!(Filters::phrase_terms("a b a b"), ["a b"]);
        assert_eq!(Filters::phrase_terms(" . "), Vec::<String>::new());
    }

    #[test]
    fn selects_what_every_list_holds_within_the_range() {
        let a = vec![1, 3, 5, 7, 31, 40];
        let b = vec![3, 5, 6, 31, 40, 41];
        assert_eq!(select(0..50, &[a.clone(), b.clone()]), [3, 5, 31, 40]);
        assert_eq!(select(30..50, &[a.clone(), b]), [31, 40]);
        assert_eq!(select(0..4, &[]), [0, 1, 2, 3]);
        assert_eq!(select(0..50, &[a, Vec::new()]), Vec::<u32>::new());
    }

    #[test]
    fn pages_in_either_order() {
        let all: Vec<u32> = (0..45).collect();
        let (first, pages) = page_of(&all, &[], false, 1);
        assert_eq!(pages, 3);
        assert_eq!(first.first(), Some(&0));
        assert_eq!(first.len(), 20);
        let (oldest, _) = page_of(&all, &[], true, 1);
        assert_eq!(oldest.first(), Some(&44));
        let (last, _) = page_of(&all, &[], false, 9);
        assert_eq!(
            last,
            (40..45).collect::<Vec<_>>(),
            "past the end is the last"
        );
        assert_eq!(page_of(&[], &[], false, 1), (Vec::new(), 1));
        // The exact number first, then the rest in order.
        let (first, _) = page_of(&all, &[7, 30], false, 1);
        assert_eq!(&first[..4], [7, 30, 0, 1]);
        let (first, _) = page_of(&all, &[7, 30], true, 1);
        assert_eq!(&first[..4], [30, 7, 44, 43]);
        assert_eq!(number_term(&["27".into(), "qd".into()]), "#27 qd");
        assert_eq!(
            exact_term(&["27".into(), "qd".into()]).as_deref(),
            Some("#27 qd")
        );
        assert_eq!(exact_term(&["dat".into(), "dai".into()]), None);
        assert_eq!(exact_term(&[]), None);
    }
}
