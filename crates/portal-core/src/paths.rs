//! Where things live: API document paths (relative to the API base) and the portal's own routes
//! (parsed by [`crate::route::Route`]).

use crate::slug::is_valid_slug;

/// The word before a list's page number in its path (`/tin-tuc-su-kien/trang/2`), and the query
/// parameter that carried it before (`?trang=2`, still read).
pub const PAGE_PARAM: &str = "trang";

/// The site-wide share picture (`og:image` of every page without a raster picture of its own),
/// relative to the deployment's base. A PNG: chat apps and social networks do not show SVG.
pub const SHARE_IMAGE: &str = "assets/share.png";

/// The share picture's width and height in pixels (the 1.91:1 of Facebook's and Zalo's large
/// previews).
pub const SHARE_IMAGE_SIZE: (u32, u32) = (1200, 630);

/// Whether an image URL names a picture link previews show: JPEG, PNG or WebP, by the file's
/// extension (any case; query and fragment ignored).
pub fn is_raster(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ["jpg", "jpeg", "png", "webp"]
            .iter()
            .any(|r| ext.eq_ignore_ascii_case(r))
    })
}

/// Where the content API lives when `<meta name="portal-api-base">` does not say (relative to the
/// deployment's base URL). `public/widget.js`, which has no wasm, keeps its own copy.
pub const API_BASE: &str = "api/v1";

/// The time limit of one API request, in milliseconds (`public/widget.js` keeps its own copy).
pub const API_TIMEOUT_MS: i32 = 15_000;

pub fn site_doc() -> String {
    "site.json".to_owned()
}

pub fn home_doc() -> String {
    "home.json".to_owned()
}

/// `categories/<slug>/index.json`, a category's front page (its newest articles), or `None` when
/// the slug could not name a document.
pub fn category_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("categories/{slug}/index.json"))
}

/// `categories/<slug>/<k>.json`, the category's `k`-th page counted from its oldest article
/// ([`crate::pagination::Archive`]), or `None` when the slug could not name a document.
pub fn archive_doc(slug: &str, k: u32) -> Option<String> {
    (is_valid_slug(slug) && k >= 1).then(|| format!("categories/{slug}/{k}.json"))
}

/// The category and page (`None`: the front page) a document path of [`category_doc`] or
/// [`archive_doc`] names: what a publish tells the prerender it wrote or removed.
pub fn category_of_doc(path: &str) -> Option<(String, Option<u32>)> {
    let (slug, page) = path
        .strip_prefix("categories/")?
        .strip_suffix(".json")?
        .split_once('/')?;
    let page = match page {
        "index" => None,
        k => Some(k.parse::<u32>().ok().filter(|&k| k >= 1)?),
    };
    is_valid_slug(slug).then(|| (slug.to_owned(), page))
}

/// `articles/<slug>.json`, or `None` when the slug could not name a document.
pub fn article_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("articles/{slug}.json"))
}

/// The first segment of the portal's own pages in each language (`/gioi-thieu/lien-he`,
/// `/en/about/contact`); the section's first page is the segment alone, and its slug is the
/// segment.
pub const ABOUT: [&str; 2] = ["gioi-thieu", "about"];

/// The page of what can be read offline, in each language (`/doc-ngoai-tuyen`, `/en/offline`):
/// the service worker (`scripts/service-worker.mjs`) answers an address it has no copy of with it.
pub const OFFLINE: [&str; 2] = ["doc-ngoai-tuyen", "offline"];

/// The offline page's address in `lang`, relative to the language's base.
pub fn offline_route(lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Vi => format!("/{}", OFFLINE[0]),
        crate::i18n::Lang::En => format!("/{}", OFFLINE[1]),
    }
}

/// The section's word in `lang`'s addresses.
pub fn about(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::Vi => ABOUT[0],
        crate::i18n::Lang::En => ABOUT[1],
    }
}

/// `pages/<slug>.json`, or `None` when the slug could not name a document.
pub fn page_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("pages/{slug}.json"))
}

/// The route of one of the portal's own pages: `/<section>` for the section's first page (its
/// slug is the section's), `/<section>/<slug>` for the others.
pub fn page_route(section: &str, slug: &str) -> String {
    if section == slug {
        format!("/{section}")
    } else {
        format!("/{section}/{slug}")
    }
}

/// The portal route of a category's front page: `/<slug>`.
pub fn category_route(slug: &str) -> String {
    format!("/{slug}")
}

/// The portal route of a category's `k`-th page counted from its oldest article:
/// `/<slug>/trang/<k>`. A path, not a query, so that every page is a file a static host can serve
/// (the prerender).
pub fn archive_route(slug: &str, k: u32) -> String {
    format!("/{slug}/{PAGE_PARAM}/{k}")
}

/// The portal route of an article: `/<category-slug>/<article-slug>`.
pub fn article_route(category_slug: &str, slug: &str) -> String {
    format!("/{category_slug}/{slug}")
}

/// The first value of `name` in a query (`?` optional), decoded as browsers do (`+` is a space).
pub fn query_value(query: &str, name: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A query's pairs, decoded, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Joins an API base (absolute URL or path, with or without a trailing slash) and a document path.
pub fn join(base: &str, doc: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        doc.trim_start_matches('/')
    )
}

/// The path of an absolute URL (`https://portal.example/cong/` → `/cong/`), `/` when it has none.
pub fn url_path(url: &str) -> &str {
    url.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/")
}

/// `href` resolved against `base`, an absolute URL ending in `/` (`https://portal.example/cong/`),
/// as a browser would for the schemes the portal writes: absolute URLs stay, `//host` takes the
/// base's scheme, `/path` its origin, anything else its path.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let (scheme, rest) = base.split_once("://")?;
    let origin_len = scheme.len() + 3 + rest.find('/').unwrap_or(rest.len());
    let origin = base.get(..origin_len)?;
    let href = href.trim();
    let has_scheme = href.find(':').is_some_and(|i| {
        href[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && i > 0
    });
    Some(if has_scheme {
        href.to_owned()
    } else if let Some(rest) = href.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if href.starts_with('/') {
        format!("{origin}{href}")
    } else {
        format!("{base}{href}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_routes() {
        assert_eq!(
            category_doc("thoi-su").as_deref(),
            Some("categories/thoi-su/index.json")
        );
        assert_eq!(
            archive_doc("thoi-su", 2).as_deref(),
            Some("categories/thoi-su/2.json")
        );
        assert_eq!(archive_doc("thoi-su", 0), None);
        assert_eq!(archive_doc("../site", 1), None);
        assert_eq!(category_doc("../site"), None);
        // And back.
        for (slug, page) in [("thoi-su", None), ("thoi-su", Some(7))] {
            let doc = match page {
                None => category_doc(slug),
                Some(k) => archive_doc(slug, k),
            };
            let back = doc.as_deref().and_then(category_of_doc);
            assert_eq!(back, Some((slug.to_owned(), page)));
        }
        for not in [
            "categories/thoi-su/0.json",
            "categories/a/b/1.json",
            "articles/a.json",
            "categories/x.json",
            "categories/Thoi/1.json",
        ] {
            assert_eq!(category_of_doc(not), None, "{not}");
        }
        assert_eq!(article_doc("a-b").as_deref(), Some("articles/a-b.json"));
        assert_eq!(article_doc("a%2F..").as_deref(), None);
        assert_eq!(category_route("thoi-su"), "/thoi-su");
        assert_eq!(archive_route("thoi-su", 3), "/thoi-su/trang/3");
        assert_eq!(article_route("thoi-su", "x"), "/thoi-su/x");
        assert_eq!(join("/api/v1/", "/home.json"), "/api/v1/home.json");
        assert_eq!(
            join("https://cms.example.gov.vn/api/v1", "site.json"),
            "https://cms.example.gov.vn/api/v1/site.json"
        );
    }

    #[test]
    fn raster_pictures_are_told_from_svg_by_their_name() {
        for src in [
            "media/a.jpg",
            "media/a.JPEG",
            "https://cdn.example/a.png?w=1200",
            "/a.webp#x",
            SHARE_IMAGE,
        ] {
            assert!(is_raster(src), "{src}");
        }
        for src in [
            "media/a.svg",
            "media/a.svg?x=.png",
            "media.png/a",
            "png",
            "",
        ] {
            assert!(!is_raster(src), "{src}");
        }
    }

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://portal.example/cong/";
        let r = |h| resolve(base, h).unwrap_or_default();
        assert_eq!(r("media/a.jpg"), "https://portal.example/cong/media/a.jpg");
        assert_eq!(r("/x"), "https://portal.example/x");
        assert_eq!(r("//cdn.example/y"), "https://cdn.example/y");
        assert_eq!(r("mailto:a@b.vn"), "mailto:a@b.vn");
        assert_eq!(r("#muc-1"), "https://portal.example/cong/#muc-1");
        assert_eq!(resolve("not a url", "x"), None);
        assert_eq!(url_path(base), "/cong/");
        assert_eq!(url_path("https://portal.example"), "/");
    }
}
