//! Writes the register's static index (docs/api.md, "Legal documents"; the format is
//! `portal_core::legal::register`): the manifest, one list per type, issuer and field, the
//! statuses, the term shards of numbers and summaries, and the rows.

use crate::generate::{Sink, emit};
use anyhow::Result;
use portal_core::legal::filter::{number_term, pair_term};
use portal_core::legal::register::{
    Facet, Register, Row, Statuses, Value, Year, facet_doc, gaps, manifest_doc, rows_doc,
    shard_doc, shard_of, status_doc,
};
use portal_core::legal::{Status, status_of};
use portal_core::search::fold::{fold, syllables};
use portal_core::slug::slugify;
use portal_core::{API_VERSION, Date, Document};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Rows per file: a filtered page's 20 rows fall in at most 20 files of about 1 KB compressed,
/// and the unfiltered first page in 2.
pub const ROWS: u32 = 10;
/// About how much JSON a term shard holds.
pub const SHARD_BYTES: usize = 24_000;

/// A facet's values, most documents first, and each one's documents (ascending). Names that
/// make the same slug are one value (the first name seen).
fn facet(docs: &[Document], name_of: impl Fn(&Document) -> &str) -> Vec<(Value, Vec<u32>)> {
    let mut by_slug: BTreeMap<String, (Value, Vec<u32>)> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let name = name_of(d).trim();
        let slug = slugify(name);
        if slug.is_empty() {
            continue;
        }
        let entry = by_slug.entry(slug.clone()).or_insert_with(|| {
            (
                Value {
                    slug,
                    name: name.to_owned(),
                    count: 0,
                },
                Vec::new(),
            )
        });
        entry.0.count += 1;
        entry.1.push(i as u32);
    }
    let mut values: Vec<_> = by_slug.into_values().collect();
    values.sort_by(|a, b| b.0.count.cmp(&a.0.count).then(a.0.name.cmp(&b.0.name)));
    values
}

/// The statuses on `as_of`, and the changes the dates make after it.
fn statuses(docs: &[Document], as_of: Date) -> Statuses {
    let mut lists: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut changes = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        lists
            .entry(status_of(d, as_of).code().to_owned())
            .or_default()
            .push(i);
        let stated = d.status.as_deref().and_then(Status::from_code).is_some();
        if stated {
            continue;
        }
        let start = d.effective.unwrap_or(d.issued);
        if start > as_of {
            changes.push((i, start, Status::InForce.code().to_owned()));
        }
        if let Some(e) = d.expires.filter(|&e| e > as_of) {
            changes.push((i, e, Status::Expired.code().to_owned()));
        }
    }
    changes.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Statuses {
        lists: lists
            .into_iter()
            .map(|(k, v)| (k, gaps(v.into_iter()).collect()))
            .collect(),
        changes,
    }
}

/// Each folded syllable of the documents' numbers and summaries, and each pair of adjacent ones
/// within a number or a summary → its documents (ascending); each whole number's pseudo-term → its
/// own.
fn terms(docs: &[Document]) -> HashMap<String, Vec<u32>> {
    // Hashed, not ordered: each shard's terms are ordered when it is written.
    let mut out: HashMap<String, Vec<u32>> = HashMap::default();
    let syllables_of = |text: &str| -> Vec<String> {
        let folded = fold(&text.to_lowercase().nfd().collect::<String>());
        syllables(&folded).map(str::to_owned).collect()
    };
    for (i, d) in docs.iter().enumerate() {
        let (number, summary) = (syllables_of(&d.number), syllables_of(&d.summary));
        let mut distinct: HashSet<String> = number.iter().chain(&summary).cloned().collect();
        for part in [&number, &summary] {
            distinct.extend(part.windows(2).filter_map(|w| match w {
                [a, b] => Some(pair_term(a, b)),
                _ => None,
            }));
        }
        distinct.insert(number_term(&number));
        for t in distinct {
            out.entry(t).or_default().push(i as u32);
        }
    }
    out
}

/// Writes the index of `docs`, which are in the register's order (newest first).
pub fn write(docs: &[Document], sink: &mut dyn Sink) -> Result<()> {
    let mut years: Vec<Year> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        match years.last_mut() {
            Some(y) if y.year == d.issued.year => y.count += 1,
            _ => years.push(Year {
                year: d.issued.year,
                first: i as u32,
                count: 1,
            }),
        }
    }
    let as_of = docs.iter().map(|d| d.issued).max().unwrap_or_default();
    let kinds = facet(docs, |d| &d.kind);
    let issuers = facet(docs, |d| &d.issuer);
    let fields = facet(docs, |d| &d.field);
    for (which, values) in [
        (Facet::Kind, &kinds),
        (Facet::Issuer, &issuers),
        (Facet::Field, &fields),
    ] {
        for (value, ids) in values {
            let list: Vec<u32> = gaps(ids.iter().copied()).collect();
            emit(
                sink,
                facet_doc(which, &value.slug).unwrap_or_default(),
                &list,
            )?;
        }
    }
    let statuses = statuses(docs, as_of);
    for status in Status::ALL {
        emit(sink, status_doc(status), &statuses.only(status))?;
    }

    let terms = terms(docs);
    let encoded: Vec<(String, Vec<u32>)> = terms
        .into_iter()
        .map(|(t, ids)| (t, gaps(ids.into_iter()).collect()))
        .collect();
    let bytes: usize = encoded
        .iter()
        .map(|(t, p)| t.len() + 4 + p.iter().map(|n| n.to_string().len() + 1).sum::<usize>())
        .sum();
    let shards = bytes.div_ceil(SHARD_BYTES).max(1) as u32;
    let mut shard_maps: Vec<BTreeMap<&str, &Vec<u32>>> = vec![BTreeMap::new(); shards as usize];
    for (t, p) in &encoded {
        if let Some(m) = shard_maps.get_mut(shard_of(t, shards) as usize) {
            m.insert(t, p);
        }
    }
    for (n, m) in shard_maps.iter().enumerate() {
        emit(sink, shard_doc(n as u32), m)?;
    }

    for (n, chunk) in docs.chunks(ROWS as usize).enumerate() {
        let rows: Vec<Row> = chunk
            .iter()
            .map(|d| Row {
                slug: d.slug.clone(),
                number: d.number.clone(),
                kind: d.kind.clone(),
                issuer: d.issuer.clone(),
                issued: d.issued,
                summary: d.summary.clone(),
            })
            .collect();
        emit(sink, rows_doc(n as u32), &rows)?;
    }

    let values = |list: Vec<(Value, Vec<u32>)>| list.into_iter().map(|v| v.0).collect();
    let manifest = Register {
        version: API_VERSION,
        docs: docs.len() as u32,
        shards,
        rows: ROWS,
        as_of,
        years,
        kinds: values(kinds),
        issuers: values(issuers),
        fields: values(fields),
    };
    emit(sink, manifest_doc(), &manifest)
}
