//! Writes the static search index (docs/api.md, "Search"; the format is
//! `portal_core::search::index`): the manifest, the term shards and one record per article.
//!
//! Articles are tokenised once, with the app's own folding, for two passes (`build`): the first
//! counts each term's articles and written forms and each article's length, the second writes each
//! posting's BM25F impact, which needs them.

pub mod build;
mod count;
pub mod delta;
mod spill;
mod tape;

use crate::generate::{Catalogue, Sink};
use anyhow::{Context, Result};
use portal_core::Article;
use portal_core::search::fold::{Word, joined, words};
use serde::Serialize;
// Fx: millions of short keys hashed per pass, in a tool (no untrusted keys to fear).
use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::UnicodeNormalization;

/// Impacts are written as `round(impact × SCALE)`: a half-point resolution, enough to order
/// results, small enough that common terms' impacts are mostly 0 and compress to nothing (against
/// quarter points: shards 10 % smaller at the 95th percentile, measured on 100,000 articles).
pub const SCALE: f32 = 2.0;
/// About how much JSON a shard holds: the shard count is the index's total divided by this
/// (compressed sizes are measured by `scripts/bench.sh`).
pub const SHARD_BYTES: usize = 48_000;
/// The most characters of an article's text a record keeps for snippets.
pub(super) const RECORD_TEXT: usize = 2_000;
/// A term's written forms beyond this many are not told apart (a posting's mask is 32 bits).
pub(super) const MAX_FORMS: usize = 31;
/// The written forms of a term are kept (for exact-diacritic matches) only while it is in at most
/// this share of the articles, or in at most [`FORMS_ALWAYS`]: a syllable as common as "do" (in
/// nearly every article, in nine forms) would cost its shard about 90 KB of masks, while the pairs
/// it is part of ("đô thị") tell the forms apart far more cheaply. Pairs keep theirs longer.
pub(super) const SYLLABLE_FORMS_SHARE: u32 = 16;
pub(super) const PAIR_FORMS_SHARE: u32 = 2;
pub(super) const FORMS_ALWAYS: u32 = 64;

/// The text of HTML: tags dropped (block ends become spaces), the entities the content tool and
/// CMSs write decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        match rest[lt..].find('>') {
            Some(gt) => {
                out.push(' ');
                rest = &rest[lt + gt + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(&decode_entities(rest));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What the browser's `normalize("NFD")` and `toLowerCase()` give a query.
fn lower_nfd(s: &str) -> String {
    s.to_lowercase().nfd().collect()
}

thread_local! {
    /// [`lower_nfd`] of the syllables this thread has seen: an archive's vocabulary is small next
    /// to its text, and decomposing every occurrence was a sixth of the index build's time.
    static DECOMPOSED: std::cell::RefCell<HashMap<String, String>> = Default::default();
}

/// [`lower_nfd`], remembered (within a bound) per thread.
fn lower_nfd_cached(s: &str) -> String {
    DECOMPOSED.with_borrow_mut(|seen| {
        if let Some(d) = seen.get(s) {
            return d.clone();
        }
        let d = lower_nfd(s);
        if seen.len() >= 1 << 20 {
            seen.clear();
        }
        seen.insert(s.to_owned(), d.clone());
        d
    })
}

/// `text` composed (NFC) and lowered; most text already is composed, and is then not recomposed.
fn lower_nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfc().collect::<String>().to_lowercase(),
    }
}

/// An article's fields as words, in the order of `rank::FIELDS`.
pub(super) fn fields(a: &Article) -> [Vec<Word>; 4] {
    let read = |text: &str| words(&lower_nfc(text), lower_nfd_cached);
    [
        read(&a.title),
        read(&a.lead),
        read(&a.tags.join(" . ")),
        read(&plain_text(&a.body_html)),
    ]
}

/// One article's terms: (term, occurrences per field, its written forms there).
pub(super) fn article_terms(fields: &[Vec<Word>; 4]) -> HashMap<String, ([u16; 4], Vec<String>)> {
    let mut terms: HashMap<String, ([u16; 4], Vec<String>)> = HashMap::default();
    // Looked up before a key is made: most occurrences are of a term already seen.
    let mut add = |folded: &str, exact: &str, f: usize| {
        let entry = match terms.get_mut(folded) {
            Some(e) => e,
            None => terms.entry(folded.to_owned()).or_default(),
        };
        if let Some(n) = entry.0.get_mut(f) {
            *n = n.saturating_add(1);
        }
        if !entry.1.iter().any(|w| w == exact) {
            entry.1.push(exact.to_owned());
        }
    };
    let (mut folded, mut exact) = (String::new(), String::new());
    for (f, words) in fields.iter().enumerate() {
        for w in words {
            add(&w.folded, &w.exact, f);
        }
        // The pairs of `fold::pairs`, written into two buffers rather than two new strings each.
        for (a, b) in joined(words) {
            for (out, x, y) in [
                (&mut folded, &a.folded, &b.folded),
                (&mut exact, &a.exact, &b.exact),
            ] {
                out.clear();
                out.push_str(x);
                out.push(' ');
                out.push_str(y);
            }
            add(&folded, &exact, f);
        }
    }
    terms
}

/// `search/numbers.json`: each article's slug and [`fingerprint`] in number order, for a publish
/// to tell what changed since the full build (the app does not read it).
pub fn numbers_doc() -> String {
    "search/numbers.json".to_owned()
}

/// What the index holds of an article, hashed (FNV-1a, 64 bits, hex): a publish re-indexes an
/// article whose fingerprint changed.
pub fn fingerprint(a: &Article) -> String {
    let paths: Vec<&str> = a.category_path.iter().map(|c| c.slug.as_str()).collect();
    let text = serde_json::json!([
        a.slug,
        a.title,
        a.lead,
        a.tags,
        a.body_html,
        paths,
        a.published.to_rfc3339()
    ])
    .to_string();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What the index took: for `scripts/bench.sh` and the build's report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IndexReport {
    pub terms: usize,
    pub postings: usize,
    pub shards: u32,
    /// Tail tiers written beside the shards (`search/tails/`).
    pub tails: u32,
}

/// Writes the index of `articles` (newest first: their numbers are their places).
pub fn write(cat: &Catalogue, articles: &[Article], sink: &mut dyn Sink) -> Result<IndexReport> {
    let article = |n: u32| {
        articles
            .get(n as usize)
            .cloned()
            .with_context(|| format!("no article {n}"))
    };
    build::build(
        cat,
        articles.len() as u32,
        &article,
        sink,
        build::Plan::default(),
    )
}

pub(super) fn put<T: Serialize>(sink: &mut dyn Sink, path: String, doc: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec(doc)?;
    bytes.push(b'\n');
    sink.put(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_pairs_are_the_pairs_queries_are_cut_into() {
        let text = lower_nfc("Thành phố Hà Nội, (quận) Ba Đình: số 27/2024 — Thủ Đô");
        let words = words(&text, lower_nfd_cached);
        let fields = [words.clone(), Vec::new(), Vec::new(), Vec::new()];
        let terms = article_terms(&fields);
        let expected: Vec<(String, String)> = portal_core::search::fold::pairs(&words).collect();
        assert!(expected.len() >= 5, "{expected:?}");
        for (folded, exact) in &expected {
            let (tf, forms) = terms.get(folded).expect(folded);
            assert_eq!(tf[0], 1, "{folded}");
            assert_eq!(forms, &vec![exact.clone()], "{folded}");
        }
        let pair_terms = terms.keys().filter(|t| t.contains(' ')).count();
        assert_eq!(pair_terms, expected.len());
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<h2>Tiêu đề</h2><p>A &amp; B &lt;i&gt; &#7879;&#x1EC7; &bogus; &</p>"),
            "Tiêu đề A & B <i> ệệ &bogus; &"
        );
        assert_eq!(plain_text("<p>unclosed <b"), "unclosed");
    }
}
