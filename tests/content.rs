//! Decodes every document of the bundled content API with the app's decoder (nothing may be left
//! out), and checks that the tree is consistent: every link a page can follow leads to a document
//! that exists.

#![cfg(not(target_arch = "wasm32"))]
use portal_core::legal::register::{self, REGISTER, Register, Row, Statuses};
use portal_core::legal::{Relation, Status, one_sided};
use portal_core::pagination::Archive;
use portal_core::participation::{
    self as part, Answer, AnswerCard, Answers, Consultation, ConsultationCard, Consultations,
    Period,
};
use portal_core::route::Route;
use portal_core::search::index::{Manifest, Record, manifest_doc};
use portal_core::{
    Alternate, Article, ArticleSummary, CategoryPage, Document, Home, InfoPage, Lang, MenuItem,
    Site, decode, paths,
};
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
    for lang in Lang::ALL {
        search_index_is_whole(&files, lang);
    }
    for rel in &files {
        // The English documents: the same layout under `en/`, each saying it is English.
        if let Some(inner) = rel.strip_prefix("en/") {
            let lang = if inner.starts_with("search/") {
                // Checked whole above.
                Lang::En
            } else if inner.starts_with("articles/") {
                load::<Article>(rel).lang
            } else if inner.starts_with("categories/") {
                load::<CategoryPage>(rel).lang
            } else if inner.starts_with("pages/") {
                load::<InfoPage>(rel).lang
            } else if inner == "site.json" {
                load::<Site>(rel).lang
            } else if inner == "home.json" {
                load::<Home>(rel).lang
            } else if inner.starts_with("widgets/") {
                widget_links_resolve(rel)
            } else {
                panic!("unexpected English document {rel}");
            };
            assert_eq!(lang, Lang::En, "{rel}");
            continue;
        }
        if rel.starts_with("widgets/") {
            assert_eq!(widget_links_resolve(rel), Lang::Vi);
        } else if rel.starts_with("pages/") {
            let p: InfoPage = load(rel);
            assert_eq!(paths::page_doc(&p.slug).as_deref(), Some(rel.as_str()));
            assert_eq!(p.lang, Lang::Vi);
        } else if rel.starts_with("articles/") {
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
        } else if rel.starts_with("search/") {
            // Checked whole above.
        } else if rel.starts_with("documents/index/rows/") {
            let _: Vec<Row> = load(rel);
        } else if rel == &register::manifest_doc() {
            let _: Register = load(rel);
        } else if let Some(s) = Status::ALL
            .into_iter()
            .find(|&s| rel == &register::status_doc(s))
        {
            let statuses: Statuses = load(rel);
            assert!(statuses.lists.keys().all(|k| k == s.code()), "{rel}");
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
        } else if rel == &part::consultations_doc() {
            let _: Consultations = load(rel);
        } else if rel.starts_with("consultations/") {
            let c: Consultation = load(rel);
            assert_eq!(
                part::consultation_doc(&c.slug).as_deref(),
                Some(rel.as_str())
            );
            assert_eq!(c.lang, Lang::Vi);
        } else if rel == &part::answers_doc() {
            let _: Answers = load(rel);
        } else if rel.starts_with("questions/") {
            let a: Answer = load(rel);
            assert_eq!(part::answer_doc(&a.slug).as_deref(), Some(rel.as_str()));
            assert_eq!(a.lang, Lang::Vi);
        } else {
            panic!("unexpected document {rel}");
        }
    }
    assert!(counts.0 >= 60, "at least 60 articles, found {}", counts.0);
}

/// A language's search index (`search/`, `en/search/`): one record per article of that language,
/// each naming one the API has in it, as many shards as the manifest says, none empty.
fn search_index_is_whole(files: &[String], lang: Lang) {
    let under = |folder: &str| {
        let prefix = lang.doc(folder);
        files.iter().filter(move |f| f.starts_with(&prefix))
    };
    let manifest: Manifest = load(&lang.doc(&manifest_doc()));
    let articles = under("articles/").count();
    assert!(articles > 0 && manifest.shards >= 1, "{lang:?}");
    assert_eq!(
        manifest.docs as usize, articles,
        "{lang:?}: one record per article"
    );
    assert_eq!(under("search/docs/").count(), articles, "{lang:?}");
    for rel in under("search/docs/") {
        let r: Record = load(rel);
        let article = lang.doc(&paths::article_doc(&r.slug).unwrap_or_default());
        assert!(files.contains(&article), "{rel}: {article}");
    }
    assert_eq!(
        under("search/terms/").count(),
        manifest.shards as usize,
        "{lang:?}"
    );
    for rel in under("search/terms/") {
        let shard: serde_json::Value = load(rel);
        assert!(shard.as_object().is_some_and(|o| !o.is_empty()), "{rel}");
    }
}

/// A widget's document decodes, holds at most ten headlines, and each leads to an article the
/// API has (in the widget's language). Returns its language.
fn widget_links_resolve(rel: &str) -> Lang {
    let w: portal_core::widget::WidgetDoc = load(rel);
    assert!(w.items.len() <= 10 && !w.title.is_empty(), "{rel}");
    for item in &w.items {
        let doc = doc_of(&item.path).unwrap_or_default();
        assert!(
            api_root().join(&doc).is_file(),
            "{rel}: {} → {doc}",
            item.path
        );
    }
    w.lang
}

/// The categories of a menu (the items without a path of their own).
fn menu_slugs(items: &[MenuItem], out: &mut Vec<String>) {
    for i in items {
        if i.path.is_none() {
            out.push(i.slug.clone());
        }
        menu_slugs(&i.children, out);
    }
}

/// The document a route relative to the site's base shows, in its language (`/en/about` →
/// `en/pages/about.json`).
fn doc_of(path: &str) -> Option<String> {
    let (lang, route) = Lang::split(path);
    Some(lang.doc(&Route::parse(route, "").document()?))
}

/// Every item of a menu that leads somewhere else than a category: its document exists.
fn menu_paths(items: &[MenuItem], out: &mut Vec<String>) {
    for i in items {
        out.extend(i.path.clone());
        menu_paths(&i.children, out);
    }
}

/// The portal's own pages exist in both languages and name each other; the English site has its
/// own menu, news and home; paired articles point at each other; every menu leads to documents.
#[test]
fn both_languages_are_complete_and_linked() {
    let files: HashSet<String> = all_files().into_iter().collect();
    let vi: Site = load("site.json");
    let en: Site = load("en/site.json");
    assert_eq!((vi.lang, en.lang), (Lang::Vi, Lang::En));
    assert_eq!(
        vi.alternates,
        vec![Alternate {
            lang: Lang::En,
            path: "/en".into()
        }]
    );
    assert_eq!(
        en.alternates,
        vec![Alternate {
            lang: Lang::Vi,
            path: "/".into()
        }]
    );
    for site in [&vi, &en] {
        // One register, which both menus reach.
        assert!(
            site.menu.iter().any(|m| m.slug == REGISTER),
            "{:?}",
            site.lang
        );
        let mut paths = Vec::new();
        menu_paths(&site.menu, &mut paths);
        assert!(
            paths.len() >= 5,
            "the menu reaches the five pages: {paths:?}"
        );
        for p in paths {
            let doc = doc_of(&p).unwrap_or_else(|| panic!("{p} names no document"));
            assert!(files.contains(&doc), "{p}: {doc} missing");
        }
    }
    let pages: Vec<String> = files
        .iter()
        .filter(|f| f.starts_with("pages/"))
        .cloned()
        .collect();
    assert_eq!(pages.len(), 6, "{pages:?}");
    let mut english = 0;
    for rel in files.iter().filter(|f| f.contains("pages/")) {
        let page: InfoPage = load(rel);
        assert_eq!(page.alternates.len(), 1, "{rel}");
        let there = &page.alternates[0];
        let doc = doc_of(&there.path).unwrap_or_default();
        let other: InfoPage = load(&doc);
        assert_eq!(other.lang, there.lang);
        // … and back.
        assert_eq!(
            doc_of(&other.alternates[0].path).as_deref(),
            Some(rel.as_str())
        );
        assert!(
            page.section
                .iter()
                .any(|s| doc_of(&s.path).as_deref() == Some(rel.as_str()))
        );
        english += usize::from(page.lang == Lang::En);
    }
    assert_eq!(english, 6);
    let contacts: InfoPage = load("pages/lien-he.json");
    assert!(contacts.body_html.contains("<th scope=\"row\">"));
    assert!(
        contacts.body_html.contains("href=\"tel:") && contacts.body_html.contains("href=\"mailto:")
    );
    let organisation: InfoPage = load("en/pages/organisation.json");
    assert!(
        organisation
            .body_html
            .contains("<li>City People's Committee<ul>"),
        "a nested list"
    );
    let news: CategoryPage = load("en/categories/news/index.json");
    assert!(news.page.items.len() >= 3, "a few English articles");
    let home: Home = load("en/home.json");
    assert_eq!(
        home.alternates,
        vec![Alternate {
            lang: Lang::Vi,
            path: "/".into()
        }]
    );
    let mut paired = 0;
    for item in &news.page.items {
        let a: Article = load(&format!("en/articles/{}.json", item.slug));
        for alt in &a.alternates {
            let v: Article = load(&doc_of(&alt.path).unwrap_or_default());
            assert_eq!(v.lang, Lang::Vi);
            let back = &v.alternates[0];
            assert_eq!(
                doc_of(&back.path),
                Some(format!("en/articles/{}.json", a.slug))
            );
            paired += 1;
        }
    }
    assert!(
        paired >= 1,
        "an English article translates a Vietnamese one"
    );
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
        let front: CategoryPage = load(&paths::category_doc(slug).unwrap());
        assert_eq!(&front.category.slug, slug);
        assert_eq!(front.page.number, 0);
        let total = front.page.total_items.expect("the front page counts them") as usize;
        // Pages that never move: full numbered pages from the oldest, the front page holding
        // the newest full run and any newer (portal_core::pagination::Archive).
        let archive = Archive::new(total, 10);
        assert_eq!(front.page.items.len(), archive.range(None).len(), "{slug}");
        assert_eq!(front.page.older, archive.older(None), "{slug}");
        let mut all: Vec<ArticleSummary> = Vec::new();
        for k in 1..=archive.pages() {
            let doc = paths::archive_doc(slug, k).unwrap();
            assert!(files.contains(&doc), "{doc} missing");
            let page: CategoryPage = load(&doc);
            assert_eq!(page.page.number, k);
            assert_eq!(page.page.items.len(), 10, "{doc}");
            assert_eq!(page.page.total_items, None, "{doc}: a count would change");
            assert_eq!(
                (page.page.older, page.page.newer),
                (archive.older(Some(k)), archive.newer(k)),
                "{doc}"
            );
            all.splice(0..0, page.page.items);
        }
        assert!(!files.contains(&paths::archive_doc(slug, archive.pages() + 1).unwrap()));
        // The front page's articles, then the numbered pages', newest first: every article
        // once, newest first across page boundaries too.
        all.splice(0..0, front.page.items.iter().cloned());
        assert_eq!(all.len(), total, "{slug}: every article once");
        let slugs: HashSet<&str> = all.iter().map(|i| i.slug.as_str()).collect();
        assert_eq!(slugs.len(), total, "{slug}: every article once");
        assert!(
            all.windows(2).all(|w| w[0].published >= w[1].published),
            "{slug} out of order"
        );
        let items = all;
        for item in &items {
            let a: Article = load(&paths::article_doc(&item.slug).unwrap());
            assert_eq!(a.category().map(|c| &c.slug), Some(&item.category.slug));
            assert!(
                a.category_path.iter().any(|c| &c.slug == slug),
                "{} not under {slug}",
                a.slug
            );
        }
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

/// The consultations and the answers: each index lists every document of its folder; a
/// consultation whose draft became a document of the register and that document name each other;
/// an answer's field is one of the index's and its documents exist.
#[test]
fn consultations_and_answers_are_listed_and_linked() {
    let files = all_files();
    let under = |folder: &str, index: &str| -> Vec<String> {
        files
            .iter()
            .filter(|f| f.starts_with(folder) && f.as_str() != index)
            .cloned()
            .collect()
    };
    let index: Consultations = load(&part::consultations_doc());
    let consultations: Vec<Consultation> = under("consultations/", &part::consultations_doc())
        .iter()
        .map(|f| load(f))
        .collect();
    assert_eq!(index.items.len(), consultations.len());
    let mut periods = Vec::new();
    for c in &consultations {
        assert!(
            index.items.contains(&ConsultationCard::from(c)),
            "{} listed",
            c.slug
        );
        assert!(c.opens <= c.closes && c.files.len() >= 2, "{}", c.slug);
        let mut ids: Vec<&str> = c.sections.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert!(
            ids.len() == c.sections.len() && ids.len() >= 4,
            "{}",
            c.slug
        );
        let report_file = c.report.as_ref().and_then(|r| r.file.as_ref());
        for f in c.files.iter().chain(report_file) {
            let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("public")
                .join(&f.url);
            assert_eq!(std::fs::metadata(&file).map(|m| m.len()).ok(), Some(f.size));
        }
        if let Some(d) = &c.document {
            let doc: Document = load(&register::document_doc(&d.slug).unwrap());
            assert_eq!(
                doc.consultation.as_ref().map(|r| r.slug.as_str()),
                Some(c.slug.as_str()),
                "{} names {} back",
                d.slug,
                c.slug
            );
            assert_eq!(doc.number, d.number);
        }
        let today = portal_core::Date::parse("2026-12-06").unwrap();
        periods.push((
            part::period(c.opens, c.closes, today),
            c.report.is_some(),
            c.document.is_some(),
        ));
    }
    // On the sample's day: two open, one upcoming, one closed with its report, one closed that
    // became a document of the register.
    let count = |f: &dyn Fn(&(Period, bool, bool)) -> bool| periods.iter().filter(|p| f(p)).count();
    assert_eq!(count(&|p| matches!(p.0, Period::Open { .. })), 2);
    assert_eq!(count(&|p| p.0 == Period::Upcoming), 1);
    assert_eq!(count(&|p| p.0 == Period::Closed && p.1), 1);
    assert_eq!(count(&|p| p.0 == Period::Closed && p.2), 1);
    // Every document that names a consultation is named back by it.
    for rel in files
        .iter()
        .filter(|f| f.starts_with("documents/") && !f.starts_with("documents/index"))
    {
        let d: Document = load(rel);
        if let Some(r) = &d.consultation {
            let c: Consultation = load(&part::consultation_doc(&r.slug).unwrap());
            assert_eq!(c.document.map(|x| x.slug), Some(d.slug.clone()));
            assert_eq!(c.title, r.title);
        }
    }

    let answers: Answers = load(&part::answers_doc());
    let docs = under("questions/", &part::answers_doc());
    assert_eq!(answers.items.len(), docs.len());
    assert!(answers.items.len() >= 12 && answers.fields.len() >= 5);
    assert!(
        answers
            .items
            .windows(2)
            .all(|w| w[0].answered >= w[1].answered),
        "newest answered first"
    );
    for field in &answers.fields {
        assert!(
            answers.items.iter().any(|a| a.field == field.slug),
            "{} has questions",
            field.slug
        );
    }
    for card in &answers.items {
        assert!(![part::ASK, part::STATUS].contains(&card.slug.as_str()));
        assert!(answers.fields.iter().any(|f| f.slug == card.field));
        let a: Answer = load(&part::answer_doc(&card.slug).unwrap());
        assert_eq!(&AnswerCard::from(&a), card);
        assert!(a.asked <= a.answered && !a.answer_html.is_empty());
        for d in &a.documents {
            let doc: Document = load(&register::document_doc(&d.slug).unwrap());
            assert_eq!(doc.number, d.number);
        }
    }
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
