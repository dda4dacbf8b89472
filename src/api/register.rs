//! The register's page of documents, from its static index (`portal_core::legal::register`): the
//! manifest, then only the lists the filters name (a type's, an issuer's, a field's, the
//! status's, the text's pairs of words or, when they select nothing, its words) and the rows of the
//! page on screen.

use super::client::{decode_text, document_url, get, text, try_join};
use super::error::ApiError;
use super::shard;
use crate::base::{lower_nfd, today};
use portal_core::legal::Status;
use portal_core::legal::filter::{Filters, exact_term, page_of, select};
use portal_core::legal::register::{
    Facet, Register, Row, Statuses, facet_doc, manifest_doc, rows_doc, shard_doc, shard_of,
    status_doc, ungap,
};
use web_sys::AbortSignal;

/// A page of the register as the page shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegisterPage {
    pub register: Register,
    /// The filters applied: the address's, without values the register does not have.
    pub applied: Filters,
    /// The address's filters that were not applied (their parameters).
    pub dropped: Vec<&'static str>,
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<Row>,
}

async fn text_of(doc: &str, signal: Option<&AbortSignal>) -> Result<std::rc::Rc<str>, ApiError> {
    text(&document_url(doc), signal).await
}

pub async fn register(
    filters: Filters,
    signal: Option<AbortSignal>,
) -> Result<RegisterPage, ApiError> {
    let signal = signal.as_ref();
    let register: Register = get(Some(manifest_doc()), signal).await?;
    let applied = filters.known(&register);
    let dropped = filters.dropped(&applied);

    // Every file the filters name, each once (two terms may share a shard), read at once.
    let facets: Vec<String> = Facet::ALL
        .into_iter()
        .filter_map(|f| applied.facet(f).and_then(|v| facet_doc(f, v)))
        .collect();
    let nfd = lower_nfd(&applied.q);
    let (words, phrase) = (Filters::terms(&nfd), Filters::phrase_terms(&nfd));
    // The whole number typed, looked up beside the text's terms: those documents come first.
    let exact_term = exact_term(&words);
    let shard_of_term = |t: &str| shard_doc(shard_of(t, register.shards));
    let status = applied.status.as_deref().and_then(Status::from_code);
    let mut files = Files::default();
    let mut first: Vec<String> = facets.clone();
    first.extend(phrase.iter().chain(&exact_term).map(|t| shard_of_term(t)));
    first.extend(status.map(status_doc));
    files.read(first, signal).await?;
    let mut lists: Vec<Vec<u32>> = facets.iter().map(|f| files.numbers(f, "")).collect();
    if let Some(s) = status {
        let statuses: Statuses = decode_text(files.text(&status_doc(s)))?;
        lists.push(statuses.on(s, today()));
    }
    let range = applied
        .year
        .and_then(|y| register.year_range(y))
        .unwrap_or(0..register.docs);
    let select_with = |terms: &[String], files: &Files| {
        let mut lists = lists.clone();
        lists.extend(terms.iter().map(|t| files.numbers(&shard_of_term(t), t)));
        select(range.clone(), &lists)
    };
    // The words side by side first (short lists); every word anywhere when that selects nothing.
    let mut selected = select_with(&phrase, &files);
    if selected.is_empty() && phrase != words {
        files
            .read(words.iter().map(|t| shard_of_term(t)).collect(), signal)
            .await?;
        selected = select_with(&words, &files);
    }
    let exact = exact_term
        .map(|t| files.numbers(&shard_of_term(&t), &t))
        .unwrap_or_default();
    let (ids, pages) = page_of(&selected, &exact, applied.oldest, applied.page);
    let mut chunks: Vec<u32> = ids.iter().map(|&d| register.chunk_of(d)).collect();
    chunks.sort_unstable();
    chunks.dedup();
    let files: Vec<Vec<Row>> = try_join(
        chunks
            .iter()
            .map(|&c| get::<Vec<Row>>(Some(rows_doc(c)), signal)),
    )
    .await?;
    let rows = ids
        .iter()
        .filter_map(|&d| {
            let at = chunks.binary_search(&register.chunk_of(d)).ok()?;
            let within = (d % register.rows.max(1)) as usize;
            files.get(at)?.get(within).cloned()
        })
        .collect();
    Ok(RegisterPage {
        page: applied.page.clamp(1, pages),
        applied,
        dropped,
        total: selected.len() as u32,
        pages,
        rows,
        register,
    })
}

/// The index files a page has read: their text, and each parsed once when first asked.
#[derive(Default)]
struct Files(Vec<(String, std::rc::Rc<str>, std::cell::OnceCell<shard::Parsed>)>);

impl Files {
    /// Reads the `paths` not read yet, at once.
    async fn read(
        &mut self,
        mut paths: Vec<String>,
        signal: Option<&AbortSignal>,
    ) -> Result<(), ApiError> {
        paths.sort_unstable();
        paths.dedup();
        paths.retain(|p| !self.0.iter().any(|(f, _, _)| f == p));
        let texts = try_join(paths.iter().map(|f| text_of(f, signal))).await?;
        self.0.extend(
            paths
                .into_iter()
                .zip(texts)
                .map(|(p, t)| (p, t, std::cell::OnceCell::new())),
        );
        Ok(())
    }

    fn text(&self, path: &str) -> &str {
        self.0
            .iter()
            .find(|(f, _, _)| f == path)
            .map_or("", |(_, t, _)| t)
    }

    /// The numbers a list file (`key` "") or a shard's term holds, ascending.
    fn numbers(&self, path: &str, key: &str) -> Vec<u32> {
        self.0
            .iter()
            .find(|(f, _, _)| f == path)
            .map(|(_, t, parsed)| {
                let parsed = parsed.get_or_init(|| shard::parse(t));
                ungap(shard::numbers(parsed, key).iter()).collect()
            })
            .unwrap_or_default()
    }
}

/// The register's documents a search's words select (its text filter: numbers and summaries), at
/// most `shown` of them, the number typed first; and how many there are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub rows: Vec<Row>,
    pub total: u32,
}

pub async fn found(
    q: String,
    shown: usize,
    signal: Option<AbortSignal>,
) -> Result<Found, ApiError> {
    if Filters::terms(&lower_nfd(&q)).is_empty() {
        return Ok(Found::default());
    }
    let page = register(
        Filters {
            q,
            ..Filters::default()
        },
        signal,
    )
    .await?;
    Ok(Found {
        rows: page.rows.into_iter().take(shown).collect(),
        total: page.total,
    })
}
