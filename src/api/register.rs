//! The register's page of documents, from its static index (`portal_core::legal::register`): the
//! manifest, then only the lists the filters name (a type's, an issuer's, a field's, the
//! statuses, the text's syllables) and the rows of the page on screen.

use super::client::{decode_text, document_url, get, text, try_join};
use super::error::ApiError;
use super::shard;
use crate::base::{lower_nfd, today};
use portal_core::legal::Status;
use portal_core::legal::filter::{Filters, number_term, page_of, select};
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

    // Every file the filters name, each once (two syllables may share a shard), read at once.
    let facets: Vec<String> = Facet::ALL
        .into_iter()
        .filter_map(|f| applied.facet(f).and_then(|v| facet_doc(f, v)))
        .collect();
    let terms = Filters::terms(&lower_nfd(&applied.q));
    // The whole number typed, looked up beside its syllables: those documents come first.
    let exact_term = (!terms.is_empty()).then(|| number_term(&terms));
    let shard_of_term = |t: &str| shard_doc(shard_of(t, register.shards));
    let status = applied.status.as_deref().and_then(Status::from_code);
    let mut files: Vec<String> = facets.clone();
    files.extend(terms.iter().chain(&exact_term).map(|t| shard_of_term(t)));
    files.extend(status.map(|_| status_doc()));
    files.sort_unstable();
    files.dedup();
    let texts = try_join(files.iter().map(|f| text_of(f, signal))).await?;
    // (The statuses are decoded whole, below.)
    let parsed: Vec<shard::Parsed> = texts
        .iter()
        .zip(&files)
        .map(|(t, f)| shard::parse(if *f == status_doc() { "null" } else { t }))
        .collect();
    let numbers = |file: &str, key: &str| -> Vec<u32> {
        files
            .binary_search_by(|f| f.as_str().cmp(file))
            .ok()
            .and_then(|i| parsed.get(i))
            .map(|p| ungap(shard::numbers(p, key).iter()).collect())
            .unwrap_or_default()
    };
    let mut lists: Vec<Vec<u32>> = facets.iter().map(|f| numbers(f, "")).collect();
    lists.extend(terms.iter().map(|t| numbers(&shard_of_term(t), t)));
    if let Some(s) = status {
        let at = files.binary_search(&status_doc()).unwrap_or_default();
        let statuses: Statuses = decode_text(texts.get(at).map_or("", |t| t))?;
        lists.push(statuses.on(s, today()));
    }
    let exact = exact_term
        .map(|t| numbers(&shard_of_term(&t), &t))
        .unwrap_or_default();
    let range = applied
        .year
        .and_then(|y| register.year_range(y))
        .unwrap_or(0..register.docs);
    let selected = select(range, &lists);
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
