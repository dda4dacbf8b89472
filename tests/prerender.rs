//! The prerender on the bundled sample, read back without a browser: every route kind's h1,
//! content and head tags; the feeds and the sitemap through an XML parser; `--changed` runs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/tree.rs"]
mod tree;

use portal::core::{Article, CategoryPage, Home, decode, paths};
use portal::prerender::{Options, Report, run};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tree::copy_tree;

const SITE: &str = "https://portal.example/";
const API: &str = "public/api/v1";

fn doc<T: serde::de::DeserializeOwned>(path: &str) -> T {
    let text = std::fs::read_to_string(Path::new(API).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    decode::from_str::<T>(&text)
        .map(|d| d.value)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every (Vietnamese) article of the sample.
fn articles() -> Vec<Article> {
    std::fs::read_dir(Path::new(API).join("articles"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| doc(&format!("articles/{}", entry.file_name().to_string_lossy())))
        .collect()
}

/// A fresh output folder holding the repository's index.html as the template.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy("index.html", dir.join("index.html")).unwrap_or_else(|e| panic!("{e}"));
    // The look-up app's page (search, the register), as scripts/build.sh leaves it.
    std::fs::copy("index.html", dir.join("lookup.html")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn prerender(dist: &Path, changed: Option<Vec<String>>) -> Report {
    prerender_with(dist, changed, 2)
}

fn prerender_with(dist: &Path, changed: Option<Vec<String>>, workers: usize) -> Report {
    run(&Options {
        api: API.into(),
        dist: dist.into(),
        site_url: SITE.into(),
        changed,
        workers,
    })
    .unwrap_or_else(|e| panic!("prerender: {e}"))
}

/// Every file under `dir`, by its path there, with its bytes.
fn files_of(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                out.insert(path.strip_prefix(dir).unwrap_or(&path).to_path_buf(), bytes);
            }
        }
    }
    out
}

#[test]
fn the_files_are_the_same_whatever_the_threads() {
    let (one, three) = (
        folder("prerender-one-thread"),
        folder("prerender-three-threads"),
    );
    let a = prerender_with(&one, None, 1);
    let b = prerender_with(&three, None, 3);
    assert_eq!(
        (a.pages, a.articles, a.bytes),
        (b.pages, b.articles, b.bytes)
    );
    assert!(a.pages > 100, "{a:?}");
    let (a, b) = (files_of(&one), files_of(&three));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b.get(path) == Some(bytes), "{} differs", path.display());
    }
}

/// The whole sample, prerendered once for the tests that only read it, beside what Trunk copies
/// into the dist (`copy-dir`/`copy-file` in index.html), as scripts/build.sh leaves it.
fn full() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = folder("prerender-full");
        let template = std::fs::read_to_string("index.html").unwrap_or_default();
        for line in template.lines().filter(|l| l.contains("rel=\"copy-")) {
            let Some(from) = line
                .split("href=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
            else {
                continue;
            };
            let to = dir.join(Path::new(from).file_name().unwrap_or_default());
            if line.contains("rel=\"copy-dir\"") {
                copy_tree(Path::new(from), &to);
            } else {
                std::fs::copy(from, &to).unwrap_or_else(|e| panic!("{from}: {e}"));
            }
        }
        prerender(&dir, None);
        dir
    })
}

fn page(route: &str) -> String {
    let mut path = full().to_path_buf();
    path.extend(route.split('/').filter(|s| !s.is_empty()));
    std::fs::read_to_string(path.join("index.html")).unwrap_or_else(|e| panic!("{route}: {e}"))
}

fn attr(s: &str) -> String {
    portal::core::html::attr_value(s)
}

fn text(s: &str) -> String {
    let mut out = String::new();
    portal::core::html::text(&mut out, s);
    out
}

fn meta(html: &str, property: &str) -> Option<String> {
    meta_by(html, "property", property)
}

/// A `<meta {key}="{value}" content="…">`'s content (`name` for Twitter's tags).
fn meta_by(html: &str, key: &str, value: &str) -> Option<String> {
    let start = html.find(&format!("<meta {key}=\"{value}\" content=\""))?;
    let rest = &html[start..];
    let value = rest.split("content=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
}

#[test]
fn home_has_its_content_head_and_site_json_ld() {
    let home: Home = doc("home.json");
    let html = page("/");
    assert!(html.contains("<div id=\"app\" class=\"prerendered\" data-path=\"/\""));
    assert!(html.contains("<h1 class=\"visually-hidden\">"), "home h1");
    for a in home.featured.iter().chain(&home.latest) {
        assert!(html.contains(&text(&a.title)), "home lists {}", a.title);
    }
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{SITE}\">")));
    assert_eq!(meta(&html, "og:type").as_deref(), Some("website"));
    assert!(html.contains("\"@type\":\"GovernmentOrganization\""));
    assert!(
        !html.contains("<noscript>"),
        "the page works without script"
    );
}

#[test]
fn every_page_of_a_category_has_its_articles_and_a_path_to_the_next() {
    let slug = "tin-tuc-su-kien";
    let front: CategoryPage = doc(&paths::category_doc(slug).unwrap());
    assert!(front.page.older.is_some(), "the sample has an older page");
    // From the front page along the older links to the oldest page, and back along the newer.
    let mut at = None;
    loop {
        let data: CategoryPage = doc(&match at {
            None => paths::category_doc(slug).unwrap(),
            Some(k) => paths::archive_doc(slug, k).unwrap(),
        });
        let route = match at {
            None => paths::category_route(slug),
            Some(k) => paths::archive_route(slug, k),
        };
        let html = page(&route);
        assert!(
            html.contains(&format!("<h1>{}</h1>", text(&data.category.name))),
            "{route}: h1"
        );
        for a in &data.page.items {
            assert!(
                html.contains(&attr(&paths::article_route(&a.category.slug, &a.slug))),
                "{route}: {}",
                a.slug
            );
        }
        assert!(html.contains(&format!(
            "<link rel=\"canonical\" href=\"{SITE}{}\">",
            route.trim_start_matches('/')
        )));
        assert!(
            html.contains(&format!("href=\"{SITE}feeds/{slug}.xml\"")),
            "{route}: its feed"
        );
        if at.is_some() {
            let newer = data.page.newer.map_or_else(
                || paths::category_route(slug),
                |k| paths::archive_route(slug, k),
            );
            assert!(
                html.contains(&format!("<a href=\"{newer}\" rel=\"prev\"")),
                "{route}: newer articles' link"
            );
        }
        match data.page.older {
            Some(k) => {
                let older = paths::archive_route(slug, k);
                assert!(
                    html.contains(&format!("<a href=\"{older}\" rel=\"next\"")),
                    "{route}: older articles' link"
                );
                at = Some(k);
            }
            None => {
                assert_eq!(at, Some(1), "the oldest page is page 1");
                break;
            }
        }
    }
}

#[test]
fn every_article_has_its_title_date_body_and_share_tags() {
    let mut seen = 0;
    for article in articles() {
        let Some(category) = article.category() else {
            continue;
        };
        let route = paths::article_route(&category.slug, &article.slug);
        let html = page(&route);
        assert!(
            html.contains(&format!(
                "<h1 id=\"article-title\">{}</h1>",
                text(&article.title)
            )),
            "{route}: h1"
        );
        assert!(
            html.contains(&format!(
                "<time datetime=\"{}\">",
                article.published.to_rfc3339()
            )),
            "{route}: date"
        );
        // The first words of the body's text.
        let body_text: String = portal::sanitize::to_html(&article.body_html);
        let first = body_text
            .split('<')
            .find(|t| t.contains('>') && t.split('>').nth(1).is_some_and(|x| x.trim().len() > 20))
            .and_then(|t| t.split('>').nth(1))
            .unwrap_or_default()
            .trim()
            .to_owned();
        assert!(
            !first.is_empty() && html.contains(&first),
            "{route}: body text"
        );
        assert!(
            !html.contains("<script>") && !html.contains("onerror="),
            "{route}: sanitized"
        );
        assert_eq!(
            meta(&html, "og:type").as_deref(),
            Some("article"),
            "{route}"
        );
        assert_eq!(
            meta(&html, "article:published_time"),
            Some(article.published.to_rfc3339()),
            "{route}"
        );
        assert!(
            meta(&html, "og:title").is_some_and(|t| t.starts_with(&attr(&article.title))),
            "{route}: og:title"
        );
        assert!(
            meta(&html, "og:image").is_some_and(|i| i.starts_with("http")),
            "{route}: og:image"
        );
        assert!(
            html.contains("<meta name=\"twitter:card\""),
            "{route}: twitter"
        );
        let ld = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let ld: serde_json::Value =
            serde_json::from_str(ld).unwrap_or_else(|e| panic!("{route}: JSON-LD: {e}"));
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article.title.as_str());
        assert_eq!(ld["publisher"]["@type"], "GovernmentOrganization");
        seen += 1;
    }
    assert!(seen >= 40, "{seen} articles checked");
}

/// Every HTML file under `dir`.
fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// Issue 24: every prerendered page's share picture (`og:image`, `twitter:image`) is a JPEG, PNG
/// or WebP that the dist holds, with its true size; chat apps and social networks show no SVG. An
/// article with a raster picture of its own shares it, any other page the site-wide one.
#[test]
fn every_page_shares_a_raster_picture_the_dist_holds() {
    let mut files = Vec::new();
    html_files(full(), &mut files);
    let mut pages = 0;
    for file in &files {
        let html = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let at = file.strip_prefix(full()).unwrap_or(file).display();
        let Some(image) = meta(&html, "og:image") else {
            // Pages are `<route>/index.html`; the other files are Trunk's templates and 404.html.
            assert!(
                file.file_name().is_some_and(|n| n != "index.html"),
                "{at}: no og:image"
            );
            continue;
        };
        assert!(paths::is_raster(&image), "{at}: {image} is not raster");
        assert_eq!(
            meta_by(&html, "name", "twitter:image"),
            Some(image.clone()),
            "{at}"
        );
        assert_eq!(
            meta_by(&html, "name", "twitter:card").as_deref(),
            Some("summary_large_image"),
            "{at}"
        );
        // The URL names a file of the deployment: the dist holds it, at the size the tags say.
        let relative = image
            .strip_prefix(SITE)
            .and_then(|p| p.split(['?', '#']).next())
            .unwrap_or_else(|| panic!("{at}: {image} is not the site's"));
        let mut path = full().to_path_buf();
        path.extend(relative.split('/'));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{at}: {image}: {e}"));
        let (width, height) = portal_content::raster_size(&bytes)
            .unwrap_or_else(|| panic!("{at}: {image} is not a PNG, JPEG or WebP"));
        assert_eq!(
            meta(&html, "og:image:width"),
            Some(width.to_string()),
            "{at}"
        );
        assert_eq!(
            meta(&html, "og:image:height"),
            Some(height.to_string()),
            "{at}"
        );
        pages += 1;
    }
    assert!(pages >= 140, "{pages} pages checked");
    let share = std::fs::read(full().join(paths::SHARE_IMAGE)).unwrap_or_default();
    assert_eq!(
        portal_content::raster_size(&share),
        Some(paths::SHARE_IMAGE_SIZE)
    );
    assert!(
        share.len() < 60_000,
        "the share picture is {} bytes",
        share.len()
    );
    assert_eq!(
        meta(&page("/"), "og:image"),
        Some(format!("{SITE}{}", paths::SHARE_IMAGE))
    );
    // Articles: their own first raster picture (thumbnail first, then the body's), else the
    // site-wide one; the sample has both kinds of own picture and SVG-only articles.
    let (mut thumbnails, mut bodies, mut svg_only) = (0, 0, 0);
    for article in articles() {
        let Some(category) = article.category() else {
            continue;
        };
        let route = paths::article_route(&category.slug, &article.slug);
        let html = page(&route);
        let own = article
            .thumbnail
            .iter()
            .chain(&article.images)
            .find(|i| i.is_raster());
        let expected = match own {
            Some(i) => {
                if article.thumbnail.as_ref() == Some(i) {
                    thumbnails += 1;
                } else {
                    bodies += 1;
                }
                assert_eq!(meta(&html, "og:image:alt"), Some(attr(&i.alt)), "{route}");
                format!("{SITE}{}", i.src)
            }
            None => {
                svg_only += usize::from(article.thumbnail.is_some() || !article.images.is_empty());
                format!("{SITE}{}", paths::SHARE_IMAGE)
            }
        };
        assert_eq!(meta(&html, "og:image"), Some(expected.clone()), "{route}");
        let ld = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let ld: serde_json::Value =
            serde_json::from_str(ld).unwrap_or_else(|e| panic!("{route}: JSON-LD: {e}"));
        assert_eq!(ld["image"], expected.as_str(), "{route}: JSON-LD image");
    }
    assert!(
        thumbnails >= 1 && bodies >= 1 && svg_only >= 1,
        "own thumbnails {thumbnails}, own body pictures {bodies}, SVG only {svg_only}"
    );
}

#[test]
fn not_found_page_is_written_once_and_not_indexed() {
    let html = std::fs::read_to_string(full().join("404.html")).unwrap_or_default();
    assert!(html.contains("<h1>Không tìm thấy trang</h1>"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        !full().join("_").exists(),
        "the not-found route is not written as a page"
    );
}

/// Every sitemap file of the full run, as one text.
fn sitemaps() -> String {
    std::fs::read_dir(full())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("sitemap-"))
        .map(|e| xml(&e.path()))
        .collect()
}

fn xml(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn feeds_parse_and_list_the_newest_articles() {
    let mut checked = 0;
    for entry in std::fs::read_dir(full().join("feeds"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let text = xml(&entry.path());
        let feed =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{:?}: {e}", entry.path()));
        let rss = feed.root_element();
        assert_eq!(rss.tag_name().name(), "rss");
        assert_eq!(rss.attribute("version"), Some("2.0"));
        let channel = rss
            .children()
            .find(|n| n.has_tag_name("channel"))
            .unwrap_or_else(|| panic!("channel"));
        for required in ["title", "link", "description"] {
            assert!(
                channel.children().any(|n| n.has_tag_name(required)),
                "channel {required}"
            );
        }
        let links: Vec<String> = channel
            .children()
            .filter(|n| n.has_tag_name("item"))
            .map(|item| {
                for required in ["title", "link", "guid", "pubDate", "description"] {
                    assert!(
                        item.children().any(|n| n.has_tag_name(required)),
                        "item {required}"
                    );
                }
                item.children()
                    .find(|n| n.has_tag_name("link"))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        let name = entry.file_name().to_string_lossy().replace(".xml", "");
        if name == portal_core::participation::CONSULTATIONS {
            // Every consultation, newest opening first, linked to its page.
            let mut list =
                doc::<portal_core::participation::Consultations>("consultations/index.json").items;
            list.sort_by_key(|c| std::cmp::Reverse(c.opens));
            let expected: Vec<String> = list
                .iter()
                .map(|c| format!("{SITE}lay-y-kien/{}", c.slug))
                .collect();
            assert_eq!(links, expected, "{name}");
            assert!(!expected.is_empty());
            checked += 1;
            continue;
        }
        let expected: Vec<_> = if name == "tin-moi" {
            doc::<Home>("home.json").latest
        } else {
            doc::<CategoryPage>(&format!("categories/{name}/index.json"))
                .page
                .items
        };
        let expected: Vec<String> = expected
            .iter()
            .take(30)
            .map(|a| {
                format!(
                    "{SITE}{}",
                    paths::article_route(&a.category.slug, &a.slug).trim_start_matches('/')
                )
            })
            .collect();
        assert_eq!(links, expected, "{name}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked} feeds");
}

#[test]
fn sitemap_lists_every_article_exactly_once() {
    let index = xml(&full().join("sitemap.xml"));
    let index = roxmltree::Document::parse(&index).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
    let mut locs: Vec<String> = Vec::new();
    for shard in index
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
    {
        let file = shard
            .strip_prefix(SITE)
            .unwrap_or_else(|| panic!("{shard}"));
        let text = xml(&full().join(file));
        let urls = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(urls.root_element().tag_name().name(), "urlset");
        let entries: Vec<_> = urls
            .descendants()
            .filter(|n| n.has_tag_name("url"))
            .collect();
        assert!(entries.len() <= portal::prerender::SITEMAP_LIMIT);
        for url in entries {
            let loc = url
                .children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|n| n.text())
                .unwrap_or_default();
            locs.push(loc.to_owned());
        }
    }
    for article in articles() {
        let Some(c) = article.category() else {
            continue;
        };
        let loc = format!(
            "{SITE}{}",
            paths::article_route(&c.slug, &article.slug).trim_start_matches('/')
        );
        assert_eq!(locs.iter().filter(|l| **l == loc).count(), 1, "{loc}");
    }
    let robots = xml(&full().join("robots.txt"));
    assert!(robots.contains(&format!("Sitemap: {SITE}sitemap.xml")));
}

/// The register's first page and every document are written, with their head tags, and listed
/// in the sitemap.
#[test]
fn the_register_and_every_document_are_prerendered() {
    let register = page("/van-ban");
    assert!(
        register.contains("<title>Tra cứu văn bản – "),
        "register title"
    );
    assert_eq!(
        register.matches("<tr>").count(),
        21,
        "a header row and 20 documents"
    );
    assert!(register.contains(&format!("<link rel=\"canonical\" href=\"{SITE}van-ban\"")));
    let sitemap = sitemaps();
    let register_index: portal::core::legal::register::Register =
        doc(&portal::core::legal::register::manifest_doc());
    let mut seen = 0;
    for entry in std::fs::read_dir(Path::new(API).join("documents"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file() && e.file_name() != "index.json")
    {
        let d: portal::core::Document = doc(&format!(
            "documents/{}",
            entry.file_name().to_string_lossy()
        ));
        let html = page(&format!("/van-ban/{}", d.slug));
        assert!(
            html.contains(&format!(
                ">{}</h1>",
                text(&format!("{} {}", d.kind, d.number))
            )),
            "{}",
            d.slug
        );
        assert!(html.contains("Tình trạng hiệu lực"), "{}", d.slug);
        assert!(
            sitemap.contains(&format!("<loc>{SITE}van-ban/{}</loc>", d.slug)),
            "{} in the sitemap",
            d.slug
        );
        seen += 1;
    }
    assert_eq!(seen, register_index.docs);
    // The replaced decree names its successor, linked.
    assert!(page("/van-ban/nd-42-2022-nd-cp").contains("href=\"/van-ban/nd-224-2026-nd-cp\""));
}

/// The English site searches its own articles and shows the register: English headings and
/// words around the Vietnamese documents, which are marked `lang="vi"` and read from the API's
/// root; every document has its English page.
#[test]
fn the_english_site_has_search_and_the_register() {
    let search = page("/en/tim-kiem");
    assert!(search.contains("<html lang=\"en\"") && search.contains(">Search</h1>"));
    assert!(
        search.contains("action=\"/en/tim-kiem\""),
        "the header searches the English site"
    );
    assert!(
        search.contains("en/search/index.json"),
        "the English index first"
    );
    let register = page("/en/van-ban");
    assert!(
        register.contains("<title>Legal documents – "),
        "register title"
    );
    assert_eq!(register.matches("<tr>").count(), 21);
    assert!(register.contains("<th scope=\"col\">Number</th>"));
    assert!(
        register.contains("action=\"/en/van-ban\""),
        "its form stays English"
    );
    assert!(register.contains("data-label=\"Summary\"><span lang=\"vi\">"));
    for vietnamese in [
        "Tra cứu văn bản</h1>",
        "Lọc văn bản",
        "Số ký hiệu",
        "Tất cả",
    ] {
        assert!(!register.contains(vietnamese), "{vietnamese}");
    }
    let html = page("/en/van-ban/nd-42-2022-nd-cp");
    assert!(
        html.contains("<h1 id=\"document-title\" lang=\"vi\">"),
        "{html}"
    );
    assert!(html.contains("<dt>Number</dt><dd lang=\"vi\">42/2022/NĐ-CP</dd>"));
    assert!(html.contains("href=\"/en/van-ban/nd-224-2026-nd-cp\" lang=\"vi\""));
    assert!(
        html.contains("api/v1/documents/nd-42-2022-nd-cp.json") && !html.contains("en/documents/")
    );
    // Its counterpart is the Vietnamese page of the same document, both ways.
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"{SITE}van-ban/nd-42-2022-nd-cp\">"
    )));
    assert!(page("/van-ban/nd-42-2022-nd-cp").contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{SITE}en/van-ban/nd-42-2022-nd-cp\">"
    )));
    let sitemap = sitemaps();
    let register_index: portal::core::legal::register::Register =
        doc(&portal::core::legal::register::manifest_doc());
    let english = sitemap.matches(&format!("<loc>{SITE}en/van-ban/")).count();
    assert_eq!(
        english as u32, register_index.docs,
        "every document in English"
    );
    for route in ["en/tim-kiem", "en/van-ban"] {
        assert!(
            sitemap.contains(&format!("<loc>{SITE}{route}</loc>")),
            "{route}"
        );
    }
}

#[test]
fn a_changed_article_rewrites_only_what_it_touches() {
    let dir = folder("prerender-changed");
    let everything = prerender(&dir, None);
    let home: Home = doc("home.json");
    let newest = home.latest.first().unwrap_or_else(|| panic!("an article"));
    let article: Article = doc(&format!("articles/{}.json", newest.slug));
    let category = article
        .category()
        .map(|c| c.slug.clone())
        .unwrap_or_default();
    // A page the change does not touch is left alone; the ones it touches are written again.
    let untouched = dir.join("dich-vu-cong").join("index.html");
    let touched = dir.join(&category).join(&article.slug).join("index.html");
    std::fs::remove_file(&untouched).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(&touched).unwrap_or_else(|e| panic!("{e}"));
    let changed = prerender(&dir, Some(vec![article.slug.clone()]));
    assert!(touched.exists(), "the article is written again");
    assert!(!untouched.exists(), "an unrelated page is not");
    assert!(
        changed.pages < everything.pages / 3,
        "{} of {} pages",
        changed.pages,
        everything.pages
    );
    assert_eq!(
        xml(&dir.join("sitemap.xml")),
        xml(&full().join("sitemap.xml"))
    );
}

/// A tiny HTTP server for the sample API (a CMS stand-in): `fail` answers 500 for one document,
/// `broken` answers it with a body that is not the contract's.
fn serve_api(fail: Option<&'static str>) -> String {
    serve_api_with(fail, None)
}

fn serve_api_with(fail: Option<&'static str>, broken: Option<String>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Drain the headers.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line
                .split(' ')
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches("/api/v1/")
                .to_owned();
            let (status, body) = if fail.is_some_and(|f| path == f) {
                ("500 Internal Server Error", String::from("{}"))
            } else if broken.as_deref() == Some(path.as_str()) {
                ("200 OK", String::from("{\"version\": 1, \"title\": 42}"))
            } else {
                match std::fs::read_to_string(Path::new(API).join(&path)) {
                    Ok(text) => ("200 OK", text),
                    Err(_) => ("404 Not Found", String::from("{\"error\":{}}")),
                }
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://127.0.0.1:{port}/api/v1")
}

#[test]
fn a_cms_serving_the_contract_prerenders_the_same_pages() {
    let dir = folder("prerender-cms");
    let report = run(&Options {
        api: serve_api(None),
        dist: dir.clone(),
        site_url: SITE.into(),
        changed: None,
        workers: 2,
    })
    .unwrap_or_else(|e| panic!("prerender from a URL: {e}"));
    assert!(report.articles >= 40, "{report:?}");
    for file in [
        "index.html",
        "sitemap-1.xml",
        "feeds/thoi-su.xml",
        "thoi-su/index.html",
    ] {
        // (The service worker's build and the scripts' `?v=` name the files of each folder,
        // which differ.)
        let same = |path: &Path| {
            let mut text = xml(path);
            for mark in [" data-build=\"", "?v="] {
                let mut out = String::new();
                let mut rest = text.as_str();
                while let Some((before, after)) = rest.split_once(mark) {
                    out.push_str(before);
                    rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
                }
                out.push_str(rest);
                text = out;
            }
            text
        };
        assert_eq!(same(&dir.join(file)), same(&full().join(file)), "{file}");
    }
}

#[test]
fn a_failing_cms_stops_the_prerender_rather_than_publish_empty_pages() {
    let dir = folder("prerender-cms-failing");
    let result = run(&Options {
        api: serve_api(Some("categories/thoi-su/index.json")),
        dist: dir,
        site_url: SITE.into(),
        changed: None,
        workers: 2,
    });
    let error = result.err().unwrap_or_default();
    assert!(
        error.contains("categories/thoi-su/index.json") && error.contains("500"),
        "{error}"
    );
}

#[test]
fn a_document_that_does_not_decode_leaves_its_page_out_and_says_so() {
    let home: Home = doc("home.json");
    let a = home.latest.first().unwrap_or_else(|| panic!("an article"));
    let dir = folder("prerender-broken");
    let report = run(&Options {
        api: serve_api_with(None, Some(format!("articles/{}.json", a.slug))),
        dist: dir.clone(),
        site_url: SITE.into(),
        changed: None,
        workers: 2,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let route = paths::article_route(&a.category.slug, &a.slug);
    assert_eq!(report.skipped, vec![route.clone()]);
    assert!(
        !dir.join(route.trim_start_matches('/')).exists(),
        "no page holding an error panel"
    );
    assert!(dir.join("index.html").exists(), "the rest is written");
}

#[test]
fn an_article_gone_from_the_api_loses_its_page_and_nothing_else() {
    // A copy of the sample, from which one article then goes.
    let api = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prerender-gone-api");
    let _ = std::fs::remove_dir_all(&api);
    copy_tree(Path::new(API), &api);
    let dir = folder("prerender-gone");
    let options = |changed| Options {
        api: api.to_string_lossy().into_owned(),
        dist: dir.clone(),
        site_url: SITE.into(),
        changed,
        workers: 2,
    };
    run(&options(None)).unwrap_or_else(|e| panic!("{e}"));
    let home: Home = doc("home.json");
    let a = home.latest.first().unwrap_or_else(|| panic!("an article"));
    let page = dir.join(&a.category.slug).join(&a.slug);
    assert!(page.join("index.html").exists());
    std::fs::remove_file(api.join(format!("articles/{}.json", a.slug)))
        .unwrap_or_else(|e| panic!("{e}"));
    run(&options(Some(vec![a.slug.clone()]))).unwrap_or_else(|e| panic!("{e}"));
    assert!(!page.exists(), "its page is removed");
    assert!(
        dir.join(&a.category.slug).join("index.html").exists(),
        "its category stays"
    );
    let sitemap = xml(&dir.join("sitemap-1.xml"));
    assert!(
        !sitemap.contains(&format!("/{}</loc>", a.slug)),
        "and it leaves the sitemap"
    );
}

/// The English pages and the portal's own pages are written: `<html lang>`, English chrome,
/// hreflang both ways, and the header's switch leading to the counterpart (or the other home).
#[test]
fn both_languages_and_the_portals_own_pages_are_prerendered() {
    let vi = page("/gioi-thieu/co-cau-to-chuc");
    let en = page("/en/about/organisation");
    assert!(vi.contains("<html lang=\"vi\""), "vi lang");
    assert!(en.contains("<html lang=\"en\""), "en lang");
    assert!(
        en.contains("<h1 id=\"article-title\">Organisation</h1>"),
        "en h1"
    );
    assert!(
        en.contains(">Main menu<") || en.contains("aria-label=\"Main menu\""),
        "English chrome"
    );
    assert!(
        en.contains(">Skip to main content</a>"),
        "English skip link"
    );
    assert!(
        !en.contains("Bỏ qua để tới nội dung chính"),
        "no Vietnamese chrome"
    );
    for html in [&vi, &en] {
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"vi\" href=\"{SITE}gioi-thieu/co-cau-to-chuc\">"
        )));
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"{SITE}en/about/organisation\">"
        )));
    }
    let switch = |html: &str| {
        let at = html.find("class=\"lang-switch\"").unwrap_or_default();
        let start = html[..at].rfind("<a ").unwrap_or_default();
        html[start..at].to_owned()
    };
    assert!(
        switch(&vi).contains("href=\"/en/about/organisation\""),
        "switch to the counterpart"
    );
    assert!(
        switch(&en).contains("href=\"/gioi-thieu/co-cau-to-chuc\""),
        "and back"
    );
    // A page without a counterpart switches to the other language's home, and has no hreflang.
    let news: CategoryPage = doc("en/categories/news/index.json");
    let html = page("/en/news");
    assert!(
        switch(&html).contains("href=\"/\""),
        "to the Vietnamese home"
    );
    assert!(!html.contains("hreflang=\"vi\" href"), "no alternates");
    for item in &news.page.items {
        let article = page(&format!("/en/news/{}", item.slug));
        assert!(
            article.contains(&format!(">{}</h1>", text(&item.title))),
            "{}",
            item.slug
        );
        assert!(
            article.contains(&format!(
                "<time datetime=\"{}\">{}</time>",
                item.published.to_rfc3339(),
                item.published.in_lang(portal::core::Lang::En)
            )),
            "English date: {}",
            item.slug
        );
    }
    let home = page("/en");
    assert!(home.contains("<html lang=\"en\"") && home.contains(">Latest news</h2>"));
    assert!(home.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"{SITE}\">"
    )));
    assert!(page("/gioi-thieu/lien-he").contains("<a href=\"tel:"));
    let sitemap = sitemaps();
    for route in ["en/about/leaders", "gioi-thieu/lanh-dao", "en/news"] {
        assert!(
            sitemap.contains(&format!("<loc>{SITE}{route}</loc>")),
            "{route} in the sitemap"
        );
    }
}
