//! A publish end to end on a copy of the sample, as scripts/publish.sh runs it: a full build and
//! prerender, then the sources change, `portal-content publish` writes the API documents that
//! differ and the prerender's `--changed` run the pages, feeds and sitemap of the articles it
//! names. A withdrawn article is then on no page, in no feed and not in the sitemap; a new one is
//! on its page, its category's, home, the feeds and the sitemap.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/tree.rs"]
mod tree;

use portal::core::{Article, CategoryPage, decode, paths};
use portal::prerender::{Options, run};
use portal_content::generate::DirSink;
use portal_content::publish::{publish, publish_named};
use portal_content::{Layout, build_into};
use std::path::{Path, PathBuf};
use tree::copy_tree;

const SITE: &str = "https://portal.example/";

struct Site {
    dir: PathBuf,
    layout: Layout,
    dist: PathBuf,
}

impl Site {
    fn new(name: &str) -> Site {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(Path::new("content"), &dir.join("content"));
        let layout = Layout {
            content: dir.join("content"),
            public: PathBuf::from("public"),
            out: dir.join("api"),
        };
        build_into(&layout, &mut DirSink::new(&layout.out)).unwrap_or_else(|e| panic!("{e}"));
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).unwrap_or_else(|e| panic!("{e}"));
        for page in ["index.html", "lookup.html"] {
            std::fs::copy("index.html", dist.join(page)).unwrap_or_else(|e| panic!("{e}"));
        }
        let site = Site { dir, layout, dist };
        site.prerender(None);
        site
    }

    fn prerender(&self, changed: Option<Vec<String>>) {
        run(&Options {
            api: self.layout.out.to_string_lossy().into_owned(),
            dist: self.dist.clone(),
            site_url: SITE.into(),
            changed,
            workers: 2,
        })
        .unwrap_or_else(|e| panic!("prerender: {e}"));
    }

    /// What a CMS runs after changing the sources.
    fn publish(&self) -> Vec<String> {
        let done = publish(&self.layout).unwrap_or_else(|e| panic!("publish: {e}"));
        self.prerender(Some(done.changed.clone()));
        done.changed
    }

    /// What a CMS that names only the articles it published runs: the prerender then finds
    /// the category pages a change at the newest end touches by itself.
    fn publish_naming_articles(&self) -> Vec<String> {
        let done = publish(&self.layout).unwrap_or_else(|e| panic!("publish: {e}"));
        let articles: Vec<String> = done
            .changed
            .iter()
            .filter(|c| paths::category_of_doc(c.strip_prefix("en/").unwrap_or(c)).is_none())
            .cloned()
            .collect();
        self.prerender(Some(articles));
        done.changed
    }

    /// What a CMS naming the articles it published or withdrew runs (`portal-content publish
    /// <slug>…`, reading only what they touch): here the sources without a document and the
    /// documents without a source.
    fn publish_named(&self) -> Vec<String> {
        let sources = portal_content::source::load_articles(&self.layout.content.join("articles"))
            .unwrap_or_else(|e| panic!("{e}"));
        let slugs: Vec<String> = sources
            .iter()
            .map(|s| portal_content::slug_of(&s.front))
            .collect();
        let mut documents = Vec::new();
        walk(&self.layout.out.join("articles"), &mut documents);
        let published: Vec<String> = documents
            .iter()
            .filter_map(|d| Some(d.file_stem()?.to_string_lossy().into_owned()))
            .collect();
        let named: Vec<String> = slugs
            .iter()
            .filter(|s| !published.contains(s))
            .chain(published.iter().filter(|p| !slugs.contains(p)))
            .cloned()
            .collect();
        assert!(!named.is_empty(), "nothing to publish");
        let done = publish_named(&self.layout, &named).unwrap_or_else(|e| panic!("publish: {e}"));
        self.prerender(Some(done.changed.clone()));
        done.changed
    }

    fn article(&self, slug: &str) -> Article {
        let text = std::fs::read_to_string(self.layout.out.join(format!("articles/{slug}.json")))
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        decode::from_str::<Article>(&text)
            .map(|d| d.value)
            .unwrap_or_else(|e| panic!("{slug}: {e}"))
    }

    /// The pages, feeds and sitemaps that name `slug` in a link.
    fn naming(&self, slug: &str) -> Vec<String> {
        let mut files = Vec::new();
        walk(&self.dist, &mut files);
        let link = format!("/{slug}");
        files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html" || e == "xml"))
            .filter(|f| {
                std::fs::read_to_string(f).is_ok_and(|text| {
                    text.match_indices(&link).any(|(at, _)| {
                        // The address's end: a quote, `<`, `/` or `?`, not a longer slug.
                        text.get(at + link.len()..)
                            .and_then(|rest| rest.chars().next())
                            .is_some_and(|c| matches!(c, '"' | '<' | '/' | '?' | '#'))
                    })
                })
            })
            .filter_map(|f| {
                f.strip_prefix(&self.dist)
                    .ok()
                    .map(|p| p.to_string_lossy().into_owned())
            })
            .collect()
    }
}

impl Site {
    fn category(&self, doc: &str) -> Option<CategoryPage> {
        let text = std::fs::read_to_string(self.layout.out.join(doc)).ok()?;
        decode::from_str::<CategoryPage>(&text)
            .ok()
            .map(|d| d.value)
    }

    /// The source file of an article, found by its title.
    fn source_of(&self, title: &str) -> PathBuf {
        let mut files = Vec::new();
        walk(&self.layout.content.join("articles"), &mut files);
        let line = format!("title = \"{title}\"");
        files
            .into_iter()
            .find(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(&line)))
            .unwrap_or_else(|| panic!("no source titled {title}"))
    }

    /// Every page of `category` is its document's: a page for each document, with its articles,
    /// and none past the oldest and newest.
    fn pages_match_documents(&self, category: &str) {
        let front = self
            .category(&paths::category_doc(category).unwrap_or_default())
            .unwrap_or_else(|| panic!("{category}: no front page"));
        let newest = front.page.older.unwrap_or(0);
        let pages = std::iter::once((paths::category_route(category), Some(front))).chain(
            (1..=newest + 1).map(|k| {
                let doc = paths::archive_doc(category, k).unwrap_or_default();
                (paths::archive_route(category, k), self.category(&doc))
            }),
        );
        for (route, doc) in pages {
            let file = self
                .dist
                .join(route.trim_start_matches('/'))
                .join("index.html");
            let Some(doc) = doc else {
                assert!(!file.exists(), "{route}: a page without its document");
                continue;
            };
            let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{route}: {e}"));
            let links = html.matches("class=\"card-title\"").count();
            assert_eq!(
                links,
                doc.page.items.len(),
                "{route}: its articles and no others"
            );
            for a in &doc.page.items {
                let href = paths::article_route(&a.category.slug, &a.slug);
                assert!(
                    html.contains(&format!("href=\"{href}\"")),
                    "{route}: {}",
                    a.slug
                );
            }
            // Its neighbours' links, as its document names them.
            let newer = (doc.page.number > 0).then(|| match doc.page.newer {
                Some(k) => paths::archive_route(category, k),
                None => paths::category_route(category),
            });
            let older = doc.page.older.map(|k| paths::archive_route(category, k));
            for (href, rel) in [(newer, "prev"), (older, "next")] {
                let found = html.contains(&format!(" rel=\"{rel}\""));
                match href.map(|h| format!("<a href=\"{h}\" rel=\"{rel}\"")) {
                    Some(link) => assert!(html.contains(&link), "{route}: {link}"),
                    None => assert!(!found, "{route}: no {rel} link"),
                }
            }
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The newest article of Thời sự: in the feeds, on its category's first page, in its neighbours'
/// related articles.
const NEWEST: &str = "thoi-su/dien-tap-ung-pho-mua-lon-2026.md";

#[test]
fn a_withdrawn_article_is_on_no_page_in_no_feed_and_not_in_the_sitemap() {
    let site = Site::new("publish-withdraw");
    let slug = "thanh-pho-dien-tap-ung-pho-mua-lon-ngap-ung-va-su-co-de-dieu-nam-2026";
    let before = site.naming(slug);
    for expected in [
        "thoi-su/index.html",
        "tin-tuc-su-kien/index.html",
        "sitemap-1.xml",
    ] {
        assert!(
            before.contains(&expected.to_owned()),
            "{expected}: {before:?}"
        );
    }
    assert!(before.iter().any(|f| f.starts_with("feeds/")), "{before:?}");
    let page = site.dist.join("thoi-su").join(slug).join("index.html");
    assert!(page.exists());

    std::fs::remove_file(site.layout.content.join("articles").join(NEWEST))
        .unwrap_or_else(|e| panic!("{e}"));
    let touched = site.publish();

    assert!(touched.contains(&slug.to_owned()), "{touched:?}");
    assert!(!page.exists(), "its page is removed");
    assert_eq!(site.naming(slug), Vec::<String>::new());
}

#[test]
fn a_published_article_is_on_its_page_its_category_home_the_feeds_and_the_sitemap() {
    let site = Site::new("publish-new");
    let source = "+++\ntitle = \"Khánh thành vườn ươm cây bản địa trên tuyến phố mới\"\n\
        category = \"thoi-su\"\npublished = \"2026-12-01T09:00:00+07:00\"\n\
        author = \"Phòng Thông tin\"\nlead = \"Thành phố khánh thành vườn ươm cây bản địa \
        phục vụ các tuyến phố mới.\"\ntags = [\"cây xanh\"]\n+++\n\n\
        Vườn ươm cung cấp cây giống cho các phường.\n";
    std::fs::write(
        site.layout.content.join("articles/thoi-su/vuon-uom.md"),
        source,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let touched = site.publish();
    let slug = "khanh-thanh-vuon-uom-cay-ban-dia-tren-tuyen-pho-moi";
    assert!(touched.contains(&slug.to_owned()), "{touched:?}");
    assert_eq!(
        site.article(slug).title,
        "Khánh thành vườn ươm cây bản địa trên tuyến phố mới"
    );
    let page = site.dist.join("thoi-su").join(slug).join("index.html");
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("Khánh thành vườn ươm cây bản địa"));
    let naming = site.naming(slug);
    for expected in ["index.html", "thoi-su/index.html", "sitemap-1.xml"] {
        assert!(
            naming.contains(&expected.to_owned()),
            "{expected}: {naming:?}"
        );
    }
    assert!(naming.iter().any(|f| f.starts_with("feeds/")), "{naming:?}");
}

#[test]
fn a_withdrawn_english_article_leaves_the_english_site_and_its_counterpart_page() {
    let site = Site::new("publish-english");
    let slug = "vietnamese-goods-fair-2026-opens";
    let page = site.dist.join("en/news").join(slug).join("index.html");
    assert!(page.exists());
    assert!(site.naming(slug).contains(&"en/news/index.html".to_owned()));
    std::fs::remove_file(
        site.layout
            .content
            .join("en/articles/news/hanoi-trade-fair-2026-opens.md"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let touched = site.publish();
    assert!(touched.contains(&format!("en/{slug}")), "{touched:?}");
    assert!(!page.exists(), "its page is removed");
    // Its Vietnamese counterpart's page no longer offers it as the English version.
    assert_eq!(site.naming(slug), Vec::<String>::new());
}

#[test]
fn withdrawing_an_old_article_writes_the_pages_after_it_again_and_each_page_stays_its_document() {
    withdraw_an_old_article("publish-old", Site::publish);
}

fn withdraw_an_old_article(name: &str, publish: fn(&Site) -> Vec<String>) {
    let site = Site::new(name);
    let category = "tin-tuc-su-kien";
    let oldest = site
        .category(&paths::archive_doc(category, 1).unwrap_or_default())
        .and_then(|p| p.page.items.last().cloned())
        .unwrap_or_else(|| panic!("{category} has a page 1"));
    site.pages_match_documents(category);
    std::fs::remove_file(site.source_of(&oldest.title)).unwrap_or_else(|e| panic!("{e}"));
    let touched = publish(&site);
    // Every numbered page from its place to the newest moved by one article, and says so.
    let front = site.category(&paths::category_doc(category).unwrap_or_default());
    let newest = front.and_then(|f| f.page.older).unwrap_or(0);
    assert!(newest >= 1, "{category} still has a numbered page");
    for k in 1..=newest {
        let doc = format!("categories/{category}/{k}.json");
        assert!(touched.contains(&doc), "{doc}: {touched:?}");
    }
    assert_eq!(site.naming(&oldest.slug), Vec::<String>::new());
    site.pages_match_documents(category);
    site.pages_match_documents(&oldest.category.slug);
}

#[test]
fn a_publish_that_fills_the_front_page_run_makes_it_a_numbered_page_and_links_the_one_before() {
    fill_the_front_page_run("publish-fill", Site::publish);
}

#[test]
fn a_cms_naming_only_the_articles_gets_the_same_pages_when_a_run_fills() {
    fill_the_front_page_run("publish-fill-articles", Site::publish_naming_articles);
}

#[test]
fn a_publish_naming_the_new_articles_fills_the_run_the_same_way() {
    fill_the_front_page_run("publish-fill-named", Site::publish_named);
}

#[test]
fn a_publish_naming_an_old_article_withdrawn_writes_the_pages_after_it_again() {
    withdraw_an_old_article("publish-old-named", Site::publish_named);
}

fn fill_the_front_page_run(name: &str, publish: fn(&Site) -> Vec<String>) {
    let site = Site::new(name);
    let category = "tin-tuc-su-kien";
    let front = |site: &Site| {
        site.category(&paths::category_doc(category).unwrap_or_default())
            .unwrap_or_else(|| panic!("{category}: no front page"))
    };
    let before = front(&site);
    let total = before.page.total_items.unwrap_or_default();
    let newest = before.page.older.unwrap_or(0);
    // Enough new articles to fill the run after the front page's: one more numbered page.
    let more = 10 - total % 10;
    for n in 0..more {
        let source = format!(
            "+++\ntitle = \"Thông báo lịch tiếp công dân đợt {n} của Thành phố\"\n\
             category = \"thoi-su\"\npublished = \"2026-12-0{}T09:00:00+07:00\"\n\
             author = \"Văn phòng\"\nlead = \"Lịch tiếp công dân định kỳ.\"\n+++\n\n\
             Lãnh đạo Thành phố tiếp công dân theo lịch.\n",
            n % 9 + 1
        );
        std::fs::write(
            site.layout
                .content
                .join(format!("articles/thoi-su/tiep-dan-{n}.md")),
            source,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let touched = publish(&site);
    let after = front(&site);
    assert_eq!(after.page.older, Some(newest + 1), "a new numbered page");
    for k in [newest, newest + 1].into_iter().filter(|&k| k >= 1) {
        let doc = format!("categories/{category}/{k}.json");
        assert!(touched.contains(&doc), "{doc}: {touched:?}");
    }
    // The pages older than those two were not written again.
    for k in 1..newest {
        let doc = format!("categories/{category}/{k}.json");
        assert!(!touched.contains(&doc), "{doc}: {touched:?}");
    }
    site.pages_match_documents(category);
    site.pages_match_documents("thoi-su");
}
