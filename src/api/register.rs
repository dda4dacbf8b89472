//! The register's page of documents, from its static index (`portal_core::legal::register`): the
//! manifest, then only the lists the filters name (a type's, an issuer's, a field's, the
//! statuses, the text's syllables) and the rows of the page on screen.

use super::{ApiError, document_url, get, shard, text, try_join};
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

type Fetch<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<u32>, ApiError>> + 'a>>;

/// The numbers in a list file (gaps), or in a text shard's entry for `term`.
async fn list(
    doc: String,
    term: Option<&str>,
    signal: Option<&AbortSignal>,
) -> Result<Vec<u32>, ApiError> {
    let parsed = shard::parse(&text(&document_url(&doc), signal).await?);
    let gaps = shard::numbers(&parsed, term.unwrap_or_default());
    Ok(ungap(gaps.iter()).collect())
}

pub async fn register(
    filters: Filters,
    signal: Option<AbortSignal>,
) -> Result<RegisterPage, ApiError> {
    let signal = signal.as_ref();
    let register: Register = get(Some(manifest_doc()), signal).await?;
    let applied = filters.known(&register);
    let dropped = filters.dropped(&applied);

    let terms = Filters::terms(&lower_nfd(&applied.q));
    // The whole number typed, looked up beside its syllables: those documents come first.
    let exact_term = (!terms.is_empty()).then(|| number_term(&terms));
    let mut wanted: Vec<Fetch<'_>> = Vec::new();
    for doc in Facet::ALL
        .into_iter()
        .filter_map(|f| applied.facet(f).and_then(|v| facet_doc(f, v)))
    {
        wanted.push(Box::pin(list(doc, None, signal)));
    }
    for t in &terms {
        let doc = shard_doc(shard_of(t, register.shards));
        wanted.push(Box::pin(list(doc, Some(t.as_str()), signal)));
    }
    if let Some(status) = applied.status.as_deref().and_then(Status::from_code) {
        wanted.push(Box::pin(async move {
            let statuses: Statuses = get(Some(status_doc()), signal).await?;
            Ok(statuses.on(status, today()))
        }));
    }
    if let Some(t) = &exact_term {
        let doc = shard_doc(shard_of(t, register.shards));
        wanted.push(Box::pin(list(doc, Some(t.as_str()), signal)));
    }
    let mut lists = try_join(wanted).await?;
    let exact = match exact_term {
        Some(_) => lists.pop().unwrap_or_default(),
        None => Vec::new(),
    };
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
