//! Decodes every document of the bundled content API with the app's decoder (nothing may be left
//! out), and checks that the tree is consistent: every link a page can follow leads to a document
//! that exists.

#![cfg(not(target_arch = "wasm32"))]
use portal_core::legal::register::{self, REGISTER, Register, Row, Statuses};
use portal_core::legal::{Relation, one_sided};
use portal_core::search::index::{Manifest, Record, manifest_doc};
use portal_core::{Article, CategoryPage, Document, Home, MenuItem, Site, decode, paths};
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn api_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/api/v1")
}

/// Decodes with the app's decoder (`portal_core::decode::from_str`): the document must decode with
/// nothing left out.
fn load<T: DeserializeOwned>(rel: &str) -> T {
    let path = api_root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoded =
        decode::from_str::<T>(&text).unwrap_or_else(|e| panic!("{rel} does not decode: {e}"));
    assert!(
        decoded.skipped.is_empty(),
        "{rel}: items left out: {:?}",
        decoded.skipped
    );
    decoded.value
}

fn all_files() -> Vec<String> {
    portal_content::list_tree(&api_root()).expect("list public/api/v1")
}

#[test]
fn every_bundled_document_decodes() {
    let files = all_files();
    assert!(files.len() > 80, "only {} documents", files.len());
    let mut counts = (0, 0);
    // The search index: as many records as articles, as many shards as the manifest says.
    let index = (
        files.iter().filter(|f| f.starts_with("articles/")).count(),
        files
            .iter()
            .filter(|f| f.starts_with("search/terms/"))
            .count(),
    );
    let manifest: Manifest = load(&manifest_doc());
    assert_eq!(manifest.shards as usize, index.1);
    assert_eq!(
        files
            .iter()
            .filter(|f| f.starts_with("search/docs/"))
            .count(),
        index.0
    );
    for rel in &files {
        if rel.starts_with("articles/") {
            let a: Article = load(rel);
            assert_eq!(paths::article_doc(&a.slug).as_deref(), Some(rel.as_str()));
            counts.0 += 1;
        } else if rel.starts_with("categories/") {
            let _: CategoryPage = load(rel);
            counts.1 += 1;
        } else if rel == "site.json" {
            let _: Site = load(rel);
        } else if rel == "home.json" {
            let _: Home = load(rel);
        } else if rel == &manifest_doc() {
            let m: Manifest = load(rel);
            assert_eq!(m.docs as usize, index.0, "one record per article");
            assert!(m.shards >= 1);
        } else if rel.starts_with("search/docs/") {
            // A record names an article the API has.
            let r: Record = load(rel);
            assert!(
                files.contains(&paths::article_doc(&r.slug).unwrap_or_default()),
                "{rel}"
            );
        } else if rel.starts_with("documents/index/rows/") {
            let _: Vec<Row> = load(rel);
        } else if rel == &register::manifest_doc() {
            let _: Register = load(rel);
        } else if rel == &register::status_doc() {
            let _: Statuses = load(rel);
        } else if rel.starts_with("documents/index/") {
            // A facet's list or a term shard: numbers, or an object of them.
            let v: serde_json::Value = load(rel);
            assert!(v.is_array() || v.is_object(), "{rel}");
        } else if rel.starts_with("documents/") {
            let d: Document = load(rel);
            assert_eq!(
                register::document_doc(&d.slug).as_deref(),
                Some(rel.as_str())
            );
        } else if rel.starts_with("search/terms/") {
            let shard: serde_json::Value = load(rel);
            assert!(
                shard.is_object() && !shard.as_object().is_some_and(|o| o.is_empty()),
                "{rel}"
            );
        } else {
            panic!("unexpected document {rel}");
        }
    }
    assert!(counts.0 >= 60, "at least 60 articles, found {}", counts.0);
}

fn menu_slugs(items: &[MenuItem], out: &mut Vec<String>) {
    for i in items {
        out.push(i.slug.clone());
        menu_slugs(&i.children, out);
    }
}

#[test]
fn the_tree_is_linked_and_consistent() {
    let files: HashSet<String> = all_files().into_iter().collect();
    let site: Site = load("site.json");
    assert!(site.menu.len() >= 8, "at least 8 top-level categories");
    assert!(
        site.menu.iter().any(|m| !m.children.is_empty()),
        "some categories have children"
    );
    let mut slugs = Vec::new();
    menu_slugs(&site.menu, &mut slugs);
    let mut years = HashSet::new();
    let (mut with_images, mut with_tables, mut with_lists, mut with_attachments) = (0, 0, 0, 0);
    assert!(
        slugs.iter().any(|s| s == REGISTER),
        "the menu reaches the register"
    );
    for slug in slugs.iter().filter(|s| *s != REGISTER) {
        let first: CategoryPage = load(&paths::category_doc(slug, 1).unwrap());
        assert_eq!(&first.category.slug, slug);
        for n in 1..=first.page.total_pages {
            let doc = paths::category_doc(slug, n).unwrap();
            assert!(files.contains(&doc), "{doc} missing");
            let page: CategoryPage = load(&doc);
            assert_eq!(page.page.number, n);
            assert!(page.page.items.len() <= page.page.size as usize);
            // Newest first, across page boundaries too.
            assert!(
                page.page
                    .items
                    .windows(2)
                    .all(|w| w[0].published >= w[1].published),
                "{doc} out of order"
            );
            for item in &page.page.items {
                let a: Article = load(&paths::article_doc(&item.slug).unwrap());
                assert_eq!(a.category().map(|c| &c.slug), Some(&item.category.slug));
                assert!(
                    a.category_path.iter().any(|c| &c.slug == slug),
                    "{} not under {slug}",
                    a.slug
                );
            }
        }
        assert!(!files.contains(&paths::category_doc(slug, first.page.total_pages + 1).unwrap()));
    }
    for rel in files.iter().filter(|f| f.starts_with("articles/")) {
        let a: Article = load(rel);
        years.insert(a.published.in_vietnam().date.year);
        with_images += usize::from(!a.images.is_empty() || a.thumbnail.is_some());
        with_tables += usize::from(a.body_html.contains("<table>"));
        with_lists += usize::from(a.body_html.contains("<ul>") || a.body_html.contains("<ol>"));
        with_attachments += usize::from(!a.attachments.is_empty());
        for r in &a.related {
            assert!(
                files.contains(&paths::article_doc(&r.slug).unwrap()),
                "related {} of {}",
                r.slug,
                a.slug
            );
        }
        for att in &a.attachments {
            let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("public")
                .join(&att.url);
            assert_eq!(
                std::fs::metadata(&file).map(|m| m.len()).ok(),
                Some(att.size),
                "{}",
                att.url
            );
        }
    }
    assert!(years.len() >= 4, "dated across several years: {years:?}");
    assert!(with_images >= 10 && with_tables >= 5 && with_lists >= 10 && with_attachments >= 5);
    let home: Home = load("home.json");
    assert!(!home.featured.is_empty() && !home.latest.is_empty() && !home.blocks.is_empty());
}

/// Documents and articles point at each other, relations appear on both ends, and the sample has
/// what the register needs to show (Decree 42 and its successor among them).
#[test]
fn documents_are_linked_both_ways() {
    let files = all_files();
    let docs: Vec<Document> = files
        .iter()
        .filter(|f| f.starts_with("documents/") && !f.starts_with("documents/index"))
        .map(|f| load(f))
        .collect();
    let register: Register = load(&register::manifest_doc());
    assert_eq!(register.docs as usize, docs.len());
    assert!(docs.len() >= 40, "{} documents", docs.len());
    assert!(register.kinds.len() >= 5 && register.issuers.len() >= 4);
    assert!(register.years.len() >= 5);
    let by_slug: std::collections::HashMap<&str, &Document> =
        docs.iter().map(|d| (d.slug.as_str(), d)).collect();
    let mut links: Vec<(&str, Relation, &str)> = Vec::new();
    for d in &docs {
        for l in &d.relations {
            let r = Relation::from_code(&l.relation).expect("known relation");
            let other = by_slug
                .get(l.document.slug.as_str())
                .expect("related exists");
            assert_eq!(other.number, l.document.number);
            links.push((&d.slug, r, &l.document.slug));
        }
        for cited in &d.cited_by {
            let a: Article = load(&paths::article_doc(&cited.slug).unwrap());
            assert_eq!(
                a.document.and_then(|l| l.slug).as_deref(),
                Some(d.slug.as_str())
            );
        }
        for f in &d.files {
            let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("public")
                .join(&f.url);
            assert_eq!(std::fs::metadata(&file).map(|m| m.len()).ok(), Some(f.size));
        }
    }
    assert!(one_sided(&links).is_empty(), "{:?}", one_sided(&links));
    assert!(links.len() >= 20, "several chains of relations");
    let mut citing = 0;
    for rel in files.iter().filter(|f| f.starts_with("articles/")) {
        let a: Article = load(rel);
        if let Some(slug) = a.document.as_ref().and_then(|l| l.slug.as_deref()) {
            let d = by_slug.get(slug).expect("an article's document exists");
            assert!(
                d.cited_by.iter().any(|c| c.slug == a.slug),
                "{slug} ← {}",
                a.slug
            );
            citing += 1;
        }
    }
    assert!(citing >= 6);
    let decree = by_slug
        .get("nd-42-2022-nd-cp")
        .expect("Decree 42 is in the sample");
    assert!(
        decree
            .relations
            .iter()
            .any(|l| l.relation == Relation::ReplacedBy.code())
    );
}

#[test]
fn bundled_tree_is_what_the_content_tool_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stale = portal_content::stale_paths(&portal_content::Layout::new(root)).expect("generate");
    assert!(
        stale.is_empty(),
        "public/api/v1 is stale; run `cargo run -p portal-content -- build`: {stale:?}"
    );
}
