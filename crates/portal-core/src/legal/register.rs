//! The register's static index (docs/api.md, "Legal documents"): what the content tool writes
//! beside `documents/<slug>.json` so that any combination of filters reads a few small files,
//! whatever the number of documents. A CMS may write the same files.
//!
//! Documents are numbered from 0, the newest (by issue date), so a list of numbers in order is
//! newest first and a year is a range of numbers. Lists of numbers are written as gaps
//! ([`gaps`]: `[first, gap, gap, …]`).
//!
//! - `documents/index.json`: the [`Register`] manifest: counts, years, and the values of the
//!   type, issuer and field filters, each with the slug that names its list;
//! - `documents/index/<facet>/<slug>.json`: the numbers of the documents of one type, issuer or
//!   field (`facet` is the filter's query parameter: `loai`, `co-quan`, `linh-vuc`);
//! - `documents/index/status/<code>.json`: [`Statuses`] of one status, the numbers in it on
//!   [`Register::as_of`], and the changes after it that the dates already tell;
//! - `documents/index/terms/<n>.json`: shard `n` of [`Register::shards`], an object from each
//!   folded syllable of the numbers and summaries ([`shard_of`]), and each pair of adjacent ones
//!   ([`crate::legal::filter::pair_term`]), to its documents, and from each whole number
//!   ([`crate::legal::filter::number_term`]) to its own;
//! - `documents/index/rows/<n>.json`: the [`Row`]s of documents `n * rows ..`, what the table
//!   shows.

use crate::datetime::Date;
use crate::legal::Status;
pub use crate::search::index::{Year, gaps, shard_of, ungap};
use serde::{Deserialize, Serialize};

/// The register's path segment (`/van-ban`, `/van-ban/<slug>`), and its API folder.
pub const REGISTER: &str = "van-ban";

/// The register's language. It is one register, of the Vietnamese originals: the English pages
/// show its documents as they are (marked `lang`), read from the API's root like the Vietnamese.
pub const LANGUAGE: crate::Lang = crate::Lang::Vi;

/// Whether an API document (a path relative to the API base) is the register's, which every
/// language reads at the root (`Lang::doc`).
pub fn is_register_doc(doc: &str) -> bool {
    doc.starts_with("documents/")
}

pub fn document_doc(slug: &str) -> Option<String> {
    crate::slug::is_valid_slug(slug).then(|| format!("documents/{slug}.json"))
}

pub fn manifest_doc() -> String {
    "documents/index.json".to_owned()
}

pub fn facet_doc(facet: Facet, slug: &str) -> Option<String> {
    crate::slug::is_valid_slug(slug)
        .then(|| format!("documents/index/{}/{slug}.json", facet.param()))
}

/// One status's file: its list and every change (a filter on one status reads only its own).
pub fn status_doc(status: Status) -> String {
    format!("documents/index/status/{}.json", status.code())
}

pub fn shard_doc(shard: u32) -> String {
    format!("documents/index/terms/{shard}.json")
}

pub fn rows_doc(chunk: u32) -> String {
    format!("documents/index/rows/{chunk}.json")
}

/// The filters with a list per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Kind,
    Issuer,
    Field,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::Kind, Facet::Issuer, Facet::Field];

    /// Its query parameter, and the folder of its lists.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Kind => "loai",
            Facet::Issuer => "co-quan",
            Facet::Field => "linh-vuc",
        }
    }

    /// Its label on the register's form: the fact's own name.
    pub fn label(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            Facet::Kind => t.document_kind,
            Facet::Issuer => t.document_issuer,
            Facet::Field => t.document_field,
        }
    }
}

/// One value of a facet: its name, the slug of its list, how many documents have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    pub slug: String,
    pub name: String,
    pub count: u32,
}

/// `documents/index.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub version: u32,
    /// How many documents there are.
    pub docs: u32,
    /// How many term shards.
    pub shards: u32,
    /// Rows per file of `rows/`.
    pub rows: u32,
    /// The day the status lists describe.
    pub as_of: Date,
    /// Newest first.
    #[serde(default)]
    pub years: Vec<Year>,
    #[serde(default)]
    pub kinds: Vec<Value>,
    #[serde(default)]
    pub issuers: Vec<Value>,
    #[serde(default)]
    pub fields: Vec<Value>,
}

impl Register {
    pub fn values(&self, facet: Facet) -> &[Value] {
        match facet {
            Facet::Kind => &self.kinds,
            Facet::Issuer => &self.issuers,
            Facet::Field => &self.fields,
        }
    }

    pub fn year_range(&self, year: i32) -> Option<std::ops::Range<u32>> {
        let y = self.years.iter().find(|y| y.year == year)?;
        Some(y.first..y.first.saturating_add(y.count))
    }

    /// The rows file holding document `doc`.
    pub fn chunk_of(&self, doc: u32) -> u32 {
        doc / self.rows.max(1)
    }
}

/// `documents/index/status/<code>.json`: the documents in the status on [`Register::as_of`]
/// (`in_force` → gaps; one list a file), and every change the dates make after it: `[doc, day,
/// code]`, in order of day. It answers for any day from `as_of` on (the newest document's issue
/// date, so every reader's today, unless a clock is wrong).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Statuses {
    #[serde(default)]
    pub lists: std::collections::BTreeMap<String, Vec<u32>>,
    #[serde(default)]
    pub changes: Vec<(u32, Date, String)>,
}

impl Statuses {
    /// The documents in `status` on `today` (ascending): the list, then every change up to today
    /// (a document changing to `status` joins, one changing to another leaves).
    pub fn on(&self, status: Status, today: Date) -> Vec<u32> {
        let mut ids: Vec<u32> = self
            .lists
            .get(status.code())
            .map(|l| ungap(l.iter()).collect())
            .unwrap_or_default();
        for (doc, day, code) in &self.changes {
            if *day > today {
                continue;
            }
            match (code == status.code(), ids.binary_search(doc)) {
                (true, Err(at)) => ids.insert(at, *doc),
                (false, Ok(at)) => {
                    ids.remove(at);
                }
                _ => {}
            }
        }
        ids
    }

    /// What `status`'s file holds: its list and every change (`on` for it gives the same).
    pub fn only(&self, status: Status) -> Statuses {
        Statuses {
            lists: self
                .lists
                .get_key_value(status.code())
                .map(|(k, v)| (k.clone(), v.clone()))
                .into_iter()
                .collect(),
            changes: self.changes.clone(),
        }
    }
}

/// What the register's table shows of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub slug: String,
    pub number: String,
    pub kind: String,
    pub issuer: String,
    pub issued: Date,
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn statuses_apply_changes_up_to_today() {
        let mut lists = std::collections::BTreeMap::new();
        lists.insert("in_force".to_owned(), gaps([0, 2, 5].into_iter()).collect());
        lists.insert("not_yet_in_force".to_owned(), vec![1]);
        let s = Statuses {
            lists,
            changes: vec![
                (1, d("2027-01-01"), "in_force".into()),
                (5, d("2027-06-01"), "expired".into()),
            ],
        };
        let today = d("2026-12-02");
        assert_eq!(s.on(Status::InForce, today), [0, 2, 5]);
        assert_eq!(s.on(Status::NotYetInForce, today), [1]);
        let later = d("2027-06-01");
        assert_eq!(s.on(Status::InForce, later), [0, 1, 2]);
        assert_eq!(s.on(Status::Expired, later), [5]);
        assert_eq!(s.on(Status::NotYetInForce, later), Vec::<u32>::new());
        // Each status's own file answers as the whole would, on any day.
        for status in Status::ALL {
            for day in [today, d("2027-01-01"), later] {
                assert_eq!(s.only(status).on(status, day), s.on(status, day));
            }
        }
        assert_eq!(s.only(Status::InForce).lists.len(), 1);
    }

    #[test]
    fn paths_refuse_bad_slugs() {
        assert_eq!(
            facet_doc(Facet::Issuer, "chinh-phu").as_deref(),
            Some("documents/index/co-quan/chinh-phu.json")
        );
        assert_eq!(facet_doc(Facet::Kind, "../x"), None);
        assert_eq!(document_doc("a/b"), None);
    }
}
