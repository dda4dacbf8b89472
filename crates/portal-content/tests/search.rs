//! The search index, written by the content tool and read the way the app reads it: the manifest,
//! the shards of a query's own terms, then the records of the results.

use portal_content::generate::{Catalogue, MemorySink};
use portal_content::search::build;
use portal_content::source::CategorySource;
use portal_content::{Layout, build_into, search_read};
use portal_core::search::index::{
    Entry, Manifest, Record, manifest_doc, record_doc, shard_doc, shard_of,
};
use portal_core::search::lookup::Lookup;
use portal_core::search::query::{Plan, Search, whole_list_results};
use portal_core::search::rank::Posting;
use portal_core::{Article, CategoryRef, DateTime};
use serde_json::Value;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn lower_nfd(s: &str) -> String {
    s.to_lowercase().nfd().collect()
}

/// Runs `query` (a search page's query string) against an index in `sink`, as `api::search`
/// does: the titles of the results, best first, and how many shards it read.
fn run(sink: &MemorySink, query: &str) -> (Vec<String>, usize) {
    let read = |path: &str| -> Value {
        serde_json::from_slice(sink.0.get(path).unwrap_or_else(|| panic!("{path} missing")))
            .unwrap()
    };
    let manifest: Manifest = serde_json::from_value(read(&manifest_doc())).unwrap();
    // Every result on one page, to compare whole lists.
    let search = Search {
        page: 1000,
        ..Search::parse(query).known(&manifest)
    };
    let plan = Plan::new(
        &search.q.nfc().collect::<String>().to_lowercase(),
        lower_nfd,
    );
    let mut shards = Vec::new();
    let postings = |term: &str, want: Option<&str>| -> Vec<Posting> {
        let n = shard_of(term, manifest.shards);
        if !shards.contains(&n) {
            shards.push(n);
        }
        whole(sink, &read(&shard_doc(n)), term, want)
    };
    let (ranked, total) = whole_list_results(&plan, &search, &manifest, postings);
    assert!(ranked.len() <= total && ranked.len() <= search.page as usize * 10);
    let titles = ranked
        .iter()
        .map(|r| {
            let record: Record = serde_json::from_value(read(&record_doc(r.doc))).unwrap();
            record.title
        })
        .collect();
    (titles, shards.len())
}

/// A term's whole list: its head in `shard`, then every tail tier.
fn whole(sink: &MemorySink, shard: &Value, term: &str, want: Option<&str>) -> Vec<Posting> {
    let Some(head) = shard
        .get(term)
        .map(|v| serde_json::from_value::<Entry>(v.clone()).unwrap())
    else {
        return Vec::new();
    };
    search_read::whole(&|path| sink.0.get(path).cloned(), term, &head, want).unwrap()
}

/// The page asked for is the whole lists' page, and the count theirs (or, as a lower bound, at
/// most theirs and at least the results shown).
fn same_as_whole_lists(query: &str, r: &search_read::Run) {
    assert_eq!(r.ranked, r.whole, "{query}");
    if r.at_least {
        assert!(
            r.total <= r.whole_total && r.total >= r.whole.len(),
            "{query}: {} of {}",
            r.total,
            r.whole_total
        );
    } else {
        assert_eq!(r.total, r.whole_total, "{query}");
    }
}

/// Runs `query` tier by tier, as `api::search` does, and beside it on the whole lists: the page
/// asked for must be the same. Returns the tail files read and whether the count was a lower
/// bound.
fn tiered(sink: &MemorySink, query: &str) -> (usize, bool) {
    let read = |path: &str| sink.0.get(path).cloned();
    let r = search_read::run(&read, &Search::parse(query)).unwrap();
    same_as_whole_lists(query, &r);
    let tails = r
        .files
        .iter()
        .filter(|(f, _)| f.starts_with("search/tails/"))
        .count();
    (tails, r.at_least)
}

fn sample() -> MemorySink {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sink = MemorySink::default();
    build_into(&Layout::new(&root), &mut sink).unwrap();
    sink
}

#[test]
fn the_sample_is_found_with_or_without_diacritics_in_any_normal_form() {
    let sink = sample();
    let (found, shards) = run(&sink, "q=dang+ky+ket+hon");
    assert!(
        found.first().is_some_and(|t| t.contains("đăng ký kết hôn")),
        "{found:?}"
    );
    // Four syllables and three pairs: at most seven shards, only those.
    assert!(shards <= 7, "{shards}");
    for q in [
        "Đăng ký kết hôn",
        "ĐĂNG KÝ KẾT HÔN",
        "Đăng ký kết hôn",
        "DANG KY KET HON",
    ] {
        let query = format!("q={}", q.replace(' ', "+"));
        assert_eq!(run(&sink, &query).0, found, "{q:?}");
    }
    let (found, _) = run(&sink, "q=ho+guom");
    assert!(
        found.first().is_some_and(|t| t.contains("hồ Gươm")),
        "{found:?}"
    );
    assert!(run(&sink, "q=khong+co+tu+nay+xyz").0.is_empty());
    assert!(run(&sink, "q=%3Cscript%3E").0.is_empty());
}

#[test]
fn the_phrase_comes_first_and_filters_narrow() {
    let sink = sample();
    let (all, _) = run(&sink, "q=cay+xanh");
    assert!(all.len() > 2, "{all:?}");
    assert!(all[0].to_lowercase().contains("cây xanh"), "{all:?}");
    let (in_2021, _) = run(&sink, "q=cay+xanh&nam=2021");
    assert!(!in_2021.is_empty() && in_2021.len() < all.len());
    assert!(in_2021.iter().all(|t| all.contains(t)));
    let (planning, _) = run(&sink, "q=cay+xanh&chuyen-muc=quy-hoach");
    assert!(planning.iter().all(|t| all.contains(t)));
    assert!(
        planning.iter().any(|t| t.contains("Phú Lương")),
        "{planning:?}"
    );
    assert!(planning.len() < all.len());
}

fn article(n: u64, title: &str, body: &str) -> Article {
    Article {
        id: n,
        slug: format!("bai-{n}"),
        title: title.to_owned(),
        published: DateTime::parse("2026-01-01T08:00:00+07:00").unwrap(),
        category_path: vec![CategoryRef {
            slug: "tin".into(),
            name: "Tin".into(),
        }],
        body_html: format!("<p>{body}</p>"),
        ..Article::default()
    }
}

#[test]
fn exact_diacritics_rank_first_and_pairs_do_not_cross_punctuation() {
    let cat = Catalogue::new(&[CategorySource {
        slug: "tin".into(),
        name: "Tin".into(),
        description: String::new(),
        main: true,
        children: Vec::new(),
    }])
    .unwrap();
    // Numbered newest first: 0 is the newest.
    let articles = vec![
        article(1, "Bản tin về độ an toàn", "Đo độ bền của cầu."),
        article(2, "Bản tin về đô thị", "Quy hoạch đô thị mới."),
        article(3, "Bản tin về đồ án", "Đồ án kiến trúc. Thị trấn mới."),
    ];
    let mut sink = MemorySink::default();
    portal_content::search::write(&cat, &articles, &mut sink).unwrap();
    // Typed without diacritics: every article holds "do", the newest first.
    let (plain, _) = run(&sink, "q=do");
    assert_eq!(plain.len(), 3);
    assert_eq!(plain[0], "Bản tin về độ an toàn");
    // With diacritics, the article holding that form first.
    assert_eq!(
        run(&sink, "q=đồ").0.first().map(String::as_str),
        Some("Bản tin về đồ án")
    );
    assert_eq!(
        run(&sink, "q=đô").0.first().map(String::as_str),
        Some("Bản tin về đô thị")
    );
    // "đô thị" is a phrase in the second; in the third "đồ án." and "Thị trấn" are apart.
    let (phrase, _) = run(&sink, "q=do+thi");
    assert_eq!(phrase, ["Bản tin về đô thị", "Bản tin về đồ án"]);
}

#[test]
fn the_first_page_from_the_tiers_read_is_the_whole_lists_first_page() {
    let sink = sample();
    assert!(
        sink.0.keys().any(|k| k.starts_with("search/tails/")),
        "the sample has tails"
    );
    let (mut decided, mut read) = (0, 0);
    for q in search_read::fixed_queries() {
        for extra in ["", "&trang=2", "&nam=2026", "&chuyen-muc=thoi-su"] {
            let query = format!("q={}{extra}", q.replace(' ', "+"));
            let (tails, at_least) = tiered(&sink, &query);
            decided += usize::from(at_least);
            read += usize::from(tails > 0);
        }
    }
    // Both ways are taken: decided by the heads, and by reading tails.
    assert!(
        decided > 20 && read > 20,
        "decided {decided}, read tails {read}"
    );
}

#[test]
fn a_query_going_on_from_the_last_ones_tiers_finds_what_the_whole_lists_give() {
    // The app keeps a query's reading for the next (src/api/tiers.rs): the fixed queries come
    // in pairs, each then its accented twin, whose written forms are applied to the postings
    // the first one read and merged.
    let sink = sample();
    let read = |path: &str| sink.0.get(path).cloned();
    let (mut kept, mut last, mut refined, mut reordered) = (None, Vec::new(), 0, 0);
    for q in search_read::fixed_queries() {
        for extra in ["", "&trang=2", "&chuyen-muc=thoi-su"] {
            let query = format!("q={}{extra}", q.replace(' ', "+"));
            let plan = Plan::new(&q.nfc().collect::<String>().to_lowercase(), lower_nfd);
            let carried = kept.as_ref().is_some_and(|l: &Lookup| l.reads(&plan));
            let (r, lookup) =
                search_read::run_after(&read, &Search::parse(&query), kept.take()).unwrap();
            same_as_whole_lists(&query, &r);
            let docs: Vec<u32> = r.ranked.iter().map(|x| x.doc).collect();
            if carried && extra.is_empty() {
                refined += 1;
                reordered += usize::from(!last.is_empty() && docs != last);
            }
            if extra.is_empty() {
                last = docs;
            }
            kept = Some(lookup);
        }
    }
    // Refined queries ran, and the written forms changed some of their pages (else a form
    // left unapplied would pass unseen: the sample's twins reorder two).
    assert!(
        refined > 20 && reordered > 0,
        "refined {refined}, reordered {reordered}"
    );
}

/// The sample's site and the sentences synthetic articles are drawn from.
fn synthetic_sources() -> (portal_content::source::SiteSource, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let site = portal_content::source::load_site(&root.join("site.toml")).unwrap();
    let articles = portal_content::source::load_articles(&root.join("articles")).unwrap();
    (site, portal_content::synth::corpus(&articles))
}

#[test]
fn a_synthetic_archive_decides_most_fixed_queries_from_the_heads() {
    let (site, corpus) = synthetic_sources();
    let mut sink = MemorySink::default();
    portal_content::synth::write(&site, 3_000, &corpus, &mut sink).unwrap();
    let (mut decided, queries) = (0, search_read::fixed_queries());
    for q in &queries {
        let (tails, at_least) = tiered(&sink, &format!("q={}", q.replace(' ', "+")));
        decided += usize::from(at_least && tails == 0);
    }
    assert!(
        decided * 2 > queries.len(),
        "{decided} of {} decided by the heads",
        queries.len()
    );
}

#[test]
fn the_index_is_the_same_whatever_the_workers_buckets_and_spill() {
    let (site, corpus) = synthetic_sources();
    let cat = Catalogue::new(&site.categories).unwrap();
    let articles = portal_content::synth::articles(&cat, 1_500, &corpus).unwrap();
    let article = |n: u32| Ok(articles[n as usize].clone());
    let index = |plan: build::Plan| {
        let mut sink = MemorySink::default();
        let report = build::build(&cat, 1_500, &article, &mut sink, plan).unwrap();
        (sink.0, report)
    };
    let (one, report) = index(build::Plan {
        workers: 1,
        bucket_postings: u64::MAX,
        spill_to_disk: u64::MAX,
    });
    // Tails, forms and carried impacts are all there to be compared.
    assert!(report.tails > 0 && report.shards > 1, "{report:?}");
    assert!(one.keys().any(|k| k.starts_with("search/tails/")));
    // Three workers, a bucket per ~20,000 postings, spilled to files.
    let (many, again) = index(build::Plan {
        workers: 3,
        bucket_postings: 20_000,
        spill_to_disk: 0,
    });
    assert_eq!(report, again);
    assert_eq!(one.len(), many.len());
    for (path, bytes) in &one {
        assert!(many.get(path) == Some(bytes), "{path} differs");
    }
}
