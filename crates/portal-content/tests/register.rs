//! The register's index, written by the content tool for the sample and read back the way the app
//! reads it (`src/api/register.rs`): each filter's list, intersected, paged, rows looked up. Every
//! answer is checked against the documents themselves.

use portal_content::generate::MemorySink;
use portal_content::{Layout, build_into};
use portal_core::legal::filter::{Filters, exact_term, page_of, select};
use portal_core::legal::register::{
    Facet, Register, Row, Statuses, document_doc, facet_doc, manifest_doc, rows_doc, shard_doc,
    shard_of, status_doc, ungap,
};
use portal_core::legal::{Status, status_of};
use portal_core::{Date, Document};
use serde::de::DeserializeOwned;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn sample() -> MemorySink {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sink = MemorySink::default();
    build_into(&Layout::new(&root), &mut sink).unwrap();
    sink
}

fn read<T: DeserializeOwned>(sink: &MemorySink, path: &str) -> T {
    serde_json::from_slice(sink.0.get(path).unwrap_or_else(|| panic!("{path} missing"))).unwrap()
}

/// The documents `query` selects on `today`, in the order shown, all pages.
fn run(sink: &MemorySink, query: &str, today: Date) -> Vec<Row> {
    let register: Register = read(sink, &manifest_doc());
    let f = Filters::parse(query).known(&register);
    let mut lists: Vec<Vec<u32>> = Vec::new();
    for facet in Facet::ALL {
        if let Some(doc) = f.facet(facet).and_then(|v| facet_doc(facet, v)) {
            let gaps: Vec<u32> = read(sink, &doc);
            lists.push(ungap(gaps.iter()).collect());
        }
    }
    let nfd: String = f.q.to_lowercase().nfd().collect();
    let terms = Filters::terms(&nfd);
    let term = |t: &str| -> Vec<u32> {
        let shard: serde_json::Map<String, serde_json::Value> =
            read(sink, &shard_doc(shard_of(t, register.shards)));
        let gaps: Vec<u32> = shard
            .get(t)
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .unwrap_or_default();
        ungap(gaps.iter()).collect()
    };
    let exact = exact_term(&terms).map(|t| term(&t)).unwrap_or_default();
    if let Some(s) = f.status.as_deref().and_then(Status::from_code) {
        let statuses: Statuses = read(sink, &status_doc(s));
        assert_eq!(statuses.lists.len(), 1, "one status a file");
        lists.push(statuses.on(s, today));
    }
    let range = f
        .year
        .and_then(|y| register.year_range(y))
        .unwrap_or(0..register.docs);
    // The pairs typed first; the words, when the pairs select nothing.
    let with = |terms: &[String]| {
        let mut lists = lists.clone();
        lists.extend(terms.iter().map(|t| term(t)));
        select(range.clone(), &lists)
    };
    let phrase = Filters::phrase_terms(&nfd);
    let mut selected = with(&phrase);
    if selected.is_empty() && phrase != terms {
        selected = with(&terms);
    }
    let mut out = Vec::new();
    for page in 1..=page_of(&selected, &exact, f.oldest, 1).1 {
        for id in page_of(&selected, &exact, f.oldest, page).0 {
            let rows: Vec<Row> = read(sink, &rows_doc(register.chunk_of(id)));
            out.push(rows[(id % register.rows) as usize].clone());
        }
    }
    out
}

fn documents(sink: &MemorySink) -> Vec<Document> {
    sink.0
        .keys()
        .filter(|k| k.starts_with("documents/") && !k.starts_with("documents/index"))
        .map(|k| read(sink, k))
        .collect()
}

#[test]
fn a_number_typed_without_diacritics_finds_its_document_first() {
    let sink = sample();
    let today = Date::parse("2026-12-02").unwrap();
    let found = run(&sink, "q=27%2F2024%2Fqd-ubnd", today);
    assert_eq!(
        found.first().map(|r| r.slug.as_str()),
        Some("qd-27-2024-qd-ubnd")
    );
    assert!(found.len() <= 3, "{found:?}");
    let found = run(&sink, "q=N%C4%90+42%2F2022", today);
    assert!(found.iter().any(|r| r.slug == "nd-42-2022-nd-cp"));
    assert!(run(&sink, "q=khong+co+van+ban+nay+xyz", today).is_empty());
}

/// `q=<typed>` as an address writes it (every byte but letters and digits escaped).
fn q(typed: &str) -> String {
    let escaped: String = typed
        .bytes()
        .map(|b| match b {
            b if b.is_ascii_alphanumeric() => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect();
    format!("q={escaped}")
}

/// What the search page shows beside the articles (`src/api/register.rs`, `found`): the
/// register's text filter, so every written form of a number finds its document first.
#[test]
fn every_written_form_of_a_number_finds_its_document_first() {
    let sink = sample();
    let today = Date::parse("2026-12-02").unwrap();
    for typed in [
        "27/2024/QĐ-UBND",
        "27/2024/qđ-ubnd",
        "27/2024/QD-UBND",
        "27 2024 qd ubnd",
        "27-2024-QĐ-UBND",
        "  27 / 2024 / QĐ – UBND ",
    ] {
        let found = run(&sink, &q(typed), today);
        assert_eq!(
            found.first().map(|r| r.slug.as_str()),
            Some("qd-27-2024-qd-ubnd"),
            "{typed:?}: {found:?}"
        );
    }
    // By its summary's words, with or without diacritics.
    for typed in [
        "hè phố ngoài mục đích giao thông",
        "he pho ngoai muc dich giao thong",
    ] {
        let found: Vec<String> = run(&sink, &q(typed), today)
            .into_iter()
            .map(|r| r.slug)
            .collect();
        assert!(
            found.contains(&"qd-27-2024-qd-ubnd".to_owned()),
            "{typed:?}: {found:?}"
        );
    }
}

/// A document's number's and summary's folded syllables, in order (the number's first).
fn syllables_of(d: &Document) -> Vec<String> {
    let text = format!("{} {}", d.number, d.summary).to_lowercase();
    let folded = portal_core::search::fold::fold(&text.nfd().collect::<String>());
    portal_core::search::fold::syllables(&folded)
        .map(str::to_owned)
        .collect()
}

#[test]
fn filters_combine_and_match_the_documents() {
    let sink = sample();
    let today = Date::parse("2026-12-02").unwrap();
    let docs = documents(&sink);
    for (query, keep) in [
        (
            "loai=quyet-dinh&nam=2024",
            Box::new(|d: &Document| d.kind == "Quyết định" && d.issued.year == 2024)
                as Box<dyn Fn(&Document) -> bool>,
        ),
        (
            "co-quan=uy-ban-nhan-dan-thanh-pho&tinh-trang=expired",
            Box::new(|d: &Document| {
                d.issuer == "Ủy ban nhân dân Thành phố" && status_of(d, today) == Status::Expired
            }),
        ),
        (
            "tinh-trang=not_yet_in_force",
            Box::new(|d: &Document| status_of(d, today) == Status::NotYetInForce),
        ),
        // Words typed side by side find them side by side in a summary or a number...
        (
            "q=dat+dai",
            Box::new(|d: &Document| syllables_of(d).windows(2).any(|w| w == ["dat", "dai"])),
        ),
        // (In 28 summaries both, side by side in one.)
        (
            "q=pho+tren",
            Box::new(|d: &Document| syllables_of(d).windows(2).any(|w| w == ["pho", "tren"])),
        ),
        (
            "q=trat+tu+via+he",
            Box::new(|d: &Document| {
                let words = syllables_of(d);
                words.windows(2).any(|w| w == ["trat", "tu"])
                    && words.windows(2).any(|w| w == ["via", "he"])
            }),
        ),
        // ... and, when no document has them so, every document with each of them.
        (
            "q=dai+dat",
            Box::new(|d: &Document| {
                let words = syllables_of(d);
                words.contains(&"dat".to_owned()) && words.contains(&"dai".to_owned())
            }),
        ),
    ] {
        let mut want: Vec<&Document> = docs.iter().filter(|d| keep(d)).collect();
        want.sort_by(|a, b| b.issued.cmp(&a.issued).then(a.number.cmp(&b.number)));
        let got = run(&sink, query, today);
        assert!(!want.is_empty(), "{query}: the sample has some");
        let got: Vec<&str> = got.iter().map(|r| r.slug.as_str()).collect();
        let want: Vec<&str> = want.iter().map(|d| d.slug.as_str()).collect();
        assert_eq!(got, want, "{query}");
        // Oldest first is the same list reversed.
        let mut oldest = run(&sink, &format!("{query}&sap-xep=cu-nhat"), today);
        oldest.reverse();
        assert_eq!(
            oldest.iter().map(|r| r.slug.as_str()).collect::<Vec<_>>(),
            want
        );
    }
}

#[test]
fn statuses_follow_the_reader_day_not_the_build_day() {
    let sink = sample();
    let docs = documents(&sink);
    // From the index's day on (the newest document's issue date).
    for day in ["2026-11-20", "2026-12-02", "2027-01-01", "2030-01-01"] {
        let today = Date::parse(day).unwrap();
        for s in Status::ALL {
            let want = docs.iter().filter(|d| status_of(d, today) == s).count();
            let got = run(&sink, &format!("tinh-trang={}", s.code()), today).len();
            assert_eq!(got, want, "{} on {day}", s.code());
        }
    }
    assert!(
        sink.0
            .contains_key(&document_doc("nd-224-2026-nd-cp").unwrap())
    );
}

#[test]
fn every_document_of_the_sample_has_its_file() {
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
    let docs = documents(&sample());
    assert!(docs.len() > 40);
    for d in &docs {
        assert!(!d.files.is_empty(), "{} has no file", d.slug);
        assert_eq!(d.no_file, None, "{}", d.slug);
        for f in &d.files {
            let bytes =
                std::fs::read(public.join(&f.url)).unwrap_or_else(|e| panic!("{}: {e}", f.url));
            assert_eq!(bytes.len() as u64, f.size, "{}", f.url);
            if f.mime == "application/pdf" {
                assert!(
                    bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF\n"),
                    "{}",
                    f.url
                );
            }
        }
    }
}
