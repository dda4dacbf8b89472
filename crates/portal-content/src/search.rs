//! Writes the static search index (docs/api.md, "Search"; the format is
//! `portal_core::search::index`): the manifest, the term shards and one record per article.
//!
//! Two passes over the articles, both tokenising with the app's own folding: the first counts each
//! term's articles and written forms and each article's length, the second writes each posting's
//! BM25F impact, which needs them.

use crate::generate::{Catalogue, Sink};
use anyhow::Result;
use portal_core::search::fold::{Word, pairs, words};
use portal_core::search::index::{
    Entry, Manifest, Record, Written, Year, category_term, manifest_doc, record_doc, shard_doc,
    shard_of,
};
use portal_core::search::rank::{PHRASE, impact, weighted_length};
use portal_core::{API_VERSION, Article};
use serde::Serialize;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Impacts are written as `round(impact × SCALE)`: a half-point resolution, enough to order
/// results, small enough that common terms' impacts are mostly 0 and compress to nothing (against
/// quarter points: shards 10 % smaller at the 95th percentile, measured on 100,000 articles).
pub const SCALE: f32 = 2.0;
/// About how much JSON a shard holds: the shard count is the index's total divided by this
/// (compressed sizes are measured by `scripts/bench.sh`).
pub const SHARD_BYTES: usize = 48_000;
/// The most characters of an article's text a record keeps for snippets.
const RECORD_TEXT: usize = 2_000;
/// A term's written forms beyond this many are not told apart (a posting's mask is 32 bits).
const MAX_FORMS: usize = 31;
/// The written forms of a term are kept (for exact-diacritic matches) only while it is in at most
/// this share of the articles, or in at most [`FORMS_ALWAYS`]: a syllable as common as "do" (in
/// nearly every article, in nine forms) would cost its shard about 90 KB of masks, while the pairs
/// it is part of ("đô thị") tell the forms apart far more cheaply. Pairs keep theirs longer.
const SYLLABLE_FORMS_SHARE: u32 = 16;
const PAIR_FORMS_SHARE: u32 = 2;
const FORMS_ALWAYS: u32 = 64;

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

/// An article's fields as words, in the order of `rank::FIELDS`.
fn fields(a: &Article) -> [Vec<Word>; 4] {
    let read = |text: &str| words(&text.nfc().collect::<String>().to_lowercase(), lower_nfd);
    [
        read(&a.title),
        read(&a.lead),
        read(&a.tags.join(" . ")),
        read(&plain_text(&a.body_html)),
    ]
}

/// One article's terms: (term, occurrences per field, its written forms there).
fn article_terms(fields: &[Vec<Word>; 4]) -> HashMap<String, ([u16; 4], Vec<String>)> {
    let mut terms: HashMap<String, ([u16; 4], Vec<String>)> = HashMap::new();
    for (f, words) in fields.iter().enumerate() {
        for w in words {
            let entry = terms.entry(w.folded.clone()).or_default();
            entry.0[f] = entry.0[f].saturating_add(1);
            if !entry.1.contains(&w.exact) {
                entry.1.push(w.exact.clone());
            }
        }
        for (folded, exact) in pairs(words) {
            let entry = terms.entry(folded).or_default();
            entry.0[f] = entry.0[f].saturating_add(1);
            if !entry.1.contains(&exact) {
                entry.1.push(exact);
            }
        }
    }
    terms
}

/// What the index took: for `scripts/bench.sh` and the build's report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IndexReport {
    pub terms: usize,
    pub postings: usize,
    pub shards: u32,
}

/// Writes the index of `articles` (newest first: their numbers are their places).
pub fn write(cat: &Catalogue, articles: &[Article], sink: &mut dyn Sink) -> Result<IndexReport> {
    let docs = articles.len() as u32;
    // Pass 1: each term's article count and written forms, each article's weighted length.
    let mut df: HashMap<String, u32> = HashMap::new();
    let mut forms: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut lengths: Vec<f32> = Vec::with_capacity(articles.len());
    for a in articles {
        let fields = fields(a);
        lengths.push(weighted_length(fields.each_ref().map(|f| f.len() as u32)));
        for (term, (_, written)) in article_terms(&fields) {
            for form in written {
                *forms
                    .entry(term.clone())
                    .or_default()
                    .entry(form)
                    .or_default() += 1;
            }
            *df.entry(term).or_default() += 1;
        }
    }
    let average = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
    // A term's forms, most common first; none listed when it is only written as folded, or too
    // common for its forms to be worth their bytes (then every article counts as exact).
    let forms: HashMap<String, Vec<String>> = forms
        .into_iter()
        .filter(|(term, _)| {
            let share = if term.contains(' ') {
                PAIR_FORMS_SHARE
            } else {
                SYLLABLE_FORMS_SHARE
            };
            df.get(term)
                .is_some_and(|&n| n <= FORMS_ALWAYS.max(docs / share))
        })
        .filter_map(|(term, counts)| {
            let mut list: Vec<(String, u32)> = counts.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let list: Vec<String> = list.into_iter().take(MAX_FORMS).map(|f| f.0).collect();
            let plain = list.len() == 1 && list.first() == Some(&term);
            (!plain).then_some((term, list))
        })
        .collect();

    // Pass 2: the postings, in article order.
    let mut postings: HashMap<String, Vec<Written>> = HashMap::with_capacity(df.len());
    for (doc, a) in articles.iter().enumerate() {
        let doc = doc as u32;
        let length = lengths.get(doc as usize).copied().unwrap_or(average);
        for (term, (tf, written)) in article_terms(&fields(a)) {
            let n = df.get(&term).copied().unwrap_or(1);
            let phrase = if term.contains(' ') { PHRASE } else { 1.0 };
            let score = impact(tf, length, n, docs, average) * phrase;
            let term_forms = forms.get(&term).map_or(&[][..], Vec::as_slice);
            let mask = term_forms
                .iter()
                .enumerate()
                .filter(|(_, f)| written.contains(f))
                .fold(0u32, |m, (i, _)| m | 1 << i);
            postings.entry(term).or_default().push(Written {
                doc,
                impact: (score * SCALE).round() as u32,
                forms: mask,
            });
        }
    }
    for slug in &cat.order {
        let list = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.category_path.iter().any(|c| &c.slug == slug))
            .map(|(doc, _)| Written {
                doc: doc as u32,
                impact: 0,
                forms: 0,
            })
            .collect();
        postings.insert(category_term(slug), list);
    }

    let total: usize = postings.values().map(Vec::len).sum();
    // Each term's key and entry as JSON text, then shards by size: a shard's text is about
    // SHARD_BYTES (its terms' names weigh as much as their postings on a small site).
    let mut entries: Vec<(&String, String, String)> = Vec::with_capacity(postings.len());
    for (term, list) in &postings {
        let entry = Entry::new(list, forms.get(term).cloned().unwrap_or_default());
        entries.push((
            term,
            serde_json::to_string(term)?,
            serde_json::to_string(&entry)?,
        ));
    }
    // In the order of their keys' text, as the shards have always been written.
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let bytes: usize = entries.iter().map(|(_, k, v)| k.len() + v.len() + 2).sum();
    let shards = bytes.div_ceil(SHARD_BYTES).max(1) as u32;
    let mut files: Vec<String> = vec![String::from("{"); shards as usize];
    for (term, key, value) in &entries {
        if let Some(file) = files.get_mut(shard_of(term, shards) as usize) {
            if file.len() > 1 {
                file.push(',');
            }
            file.push_str(key);
            file.push(':');
            file.push_str(value);
        }
    }
    for (n, mut file) in files.into_iter().enumerate() {
        file.push_str("}\n");
        sink.put(shard_doc(n as u32), file.into_bytes())?;
    }

    let mut years: Vec<Year> = Vec::new();
    for (doc, a) in articles.iter().enumerate() {
        let year = a.published.in_vietnam().date.year;
        match years.last_mut() {
            Some(y) if y.year == year => y.count += 1,
            _ => years.push(Year {
                year,
                first: doc as u32,
                count: 1,
            }),
        }
    }
    let manifest = Manifest {
        version: API_VERSION,
        docs,
        shards,
        years,
        categories: cat.order.iter().filter_map(|s| cat.reference(s)).collect(),
    };
    put(sink, manifest_doc(), &manifest)?;

    for (doc, a) in articles.iter().enumerate() {
        let Some(category) = a.category_path.last().cloned() else {
            continue;
        };
        let mut text = a.lead.clone();
        text.push(' ');
        text.push_str(&plain_text(&a.body_html));
        if let Some((cut, _)) = text.char_indices().nth(RECORD_TEXT) {
            text.truncate(cut);
        }
        let record = Record {
            slug: a.slug.clone(),
            title: a.title.clone(),
            category,
            published: a.published,
            text,
        };
        put(sink, record_doc(doc as u32), &record)?;
    }
    Ok(IndexReport {
        terms: postings.len(),
        postings: total,
        shards,
    })
}

fn put<T: Serialize>(sink: &mut dyn Sink, path: String, doc: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec(doc)?;
    bytes.push(b'\n');
    sink.put(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<h2>Tiêu đề</h2><p>A &amp; B &lt;i&gt; &#7879;&#x1EC7; &bogus; &</p>"),
            "Tiêu đề A & B <i> ệệ &bogus; &"
        );
        assert_eq!(plain_text("<p>unclosed <b"), "unclosed");
    }
}
