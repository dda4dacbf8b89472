//! The synthetic archive is a complete, decodable API tree.

use portal_content::generate::{Catalogue, MemorySink};
use portal_content::{source, synth};
use portal_core::{Article, CategoryPage, Home, Site};
use std::path::Path;

#[test]
fn synthetic_archive_decodes_and_paginates() {
    let site =
        source::load_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/site.toml"))
            .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/articles");
    let corpus = synth::corpus(&source::load_articles(&root).unwrap());
    assert!(corpus.len() > 200, "{} sentences", corpus.len());
    let mut sink = MemorySink::default();
    synth::write(&site, 1_234, &corpus, &mut sink).unwrap();
    let docs = &sink.0;
    let articles = docs.keys().filter(|k| k.starts_with("articles/")).count();
    assert_eq!(articles, 1_234);
    let _: Site = serde_json::from_slice(&docs["site.json"]).unwrap();
    let home: Home = serde_json::from_slice(&docs["home.json"]).unwrap();
    assert_eq!(home.featured.len(), 3);
    let cat = Catalogue::new(&site.categories).unwrap();
    let mut leaf_total = 0;
    for leaf in cat.leaves() {
        let first: CategoryPage =
            serde_json::from_slice(&docs[&format!("categories/{leaf}/index.json")]).unwrap();
        let total = first.page.total_items.unwrap_or_default();
        leaf_total += total;
        // The oldest page is page 1; the front page's older page is the newest numbered one.
        if let Some(newest) = first.page.older {
            for k in [1, newest] {
                let page: CategoryPage =
                    serde_json::from_slice(&docs[&format!("categories/{leaf}/{k}.json")]).unwrap();
                assert_eq!(page.page.items.len(), 10);
            }
            assert!(!docs.contains_key(&format!("categories/{leaf}/{}.json", newest + 1)));
        }
        assert!(!first.page.items.is_empty() || total == 0);
    }
    assert_eq!(leaf_total, 1_234, "every article sits in exactly one leaf");
    for (path, bytes) in docs
        .iter()
        .filter(|(k, _)| k.starts_with("articles/"))
        .take(50)
    {
        let a: Article = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(a.related.len() <= 4);
    }
    // The bodies vary as real text does (drawn from the sample's sentences), not from a template.
    let mut bodies: Vec<String> = docs
        .iter()
        .filter(|(k, _)| k.starts_with("articles/"))
        .map(|(_, bytes)| serde_json::from_slice::<Article>(bytes).unwrap().body_html)
        .collect();
    bodies.sort();
    bodies.dedup();
    assert!(
        bodies.len() > 1_200,
        "{} distinct bodies of 1,234",
        bodies.len()
    );
}

#[test]
fn every_synthetic_document_has_its_file() {
    let site =
        source::load_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/site.toml"))
            .unwrap();
    let mut sink = MemorySink::default();
    let corpus = vec!["Một câu.".to_owned(); 3];
    synth::write(&site, 100, &corpus, &mut sink).unwrap();
    let docs: Vec<portal_core::Document> = sink
        .0
        .iter()
        .filter(|(k, _)| {
            k.starts_with("documents/") && k.ends_with(".json") && !k.contains("index")
        })
        .filter_map(|(_, bytes)| serde_json::from_slice(bytes).ok())
        .collect();
    assert_eq!(docs.len(), 20);
    for d in &docs {
        let [file] = d.files.as_slice() else {
            panic!("{}: {} files", d.slug, d.files.len())
        };
        // Served with the tree, wherever it is mounted as api/v1.
        let path = file
            .url
            .strip_prefix("api/v1/")
            .unwrap_or_else(|| panic!("{}", file.url));
        let bytes = &sink.0[path];
        assert_eq!(bytes.len() as u64, file.size);
        assert!(String::from_utf8_lossy(bytes).contains(&d.number.replace('Đ', "D")));
    }
}
