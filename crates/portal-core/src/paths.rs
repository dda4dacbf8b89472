//! Where things live: API document paths (relative to the API base) and the portal's own routes
//! (parsed by [`crate::route::Route`]).

use crate::slug::is_valid_slug;

/// Query parameter of a list's page number (`/tin-tuc-su-kien?trang=2`).
pub const PAGE_PARAM: &str = "trang";

pub fn site_doc() -> String {
    "site.json".to_owned()
}

pub fn home_doc() -> String {
    "home.json".to_owned()
}

/// `categories/<slug>/<page>.json`, or `None` when the slug could not name a document.
pub fn category_doc(slug: &str, page: u32) -> Option<String> {
    (is_valid_slug(slug) && page >= 1).then(|| format!("categories/{slug}/{page}.json"))
}

/// `articles/<slug>.json`, or `None` when the slug could not name a document.
pub fn article_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("articles/{slug}.json"))
}

/// The portal route of a category page: `/<slug>`, or `/<slug>?trang=<n>` beyond the first page.
pub fn category_route(slug: &str, page: u32) -> String {
    if page <= 1 {
        format!("/{slug}")
    } else {
        format!("/{slug}?{PAGE_PARAM}={page}")
    }
}

/// The portal route of an article: `/<category-slug>/<article-slug>`.
pub fn article_route(category_slug: &str, slug: &str) -> String {
    format!("/{category_slug}/{slug}")
}

/// Joins an API base (absolute URL or path, with or without a trailing slash) and a document path.
pub fn join(base: &str, doc: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        doc.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_routes() {
        assert_eq!(
            category_doc("thoi-su", 2).as_deref(),
            Some("categories/thoi-su/2.json")
        );
        assert_eq!(category_doc("thoi-su", 0), None);
        assert_eq!(category_doc("../site", 1), None);
        assert_eq!(article_doc("a-b").as_deref(), Some("articles/a-b.json"));
        assert_eq!(article_doc("a%2F..").as_deref(), None);
        assert_eq!(category_route("thoi-su", 1), "/thoi-su");
        assert_eq!(category_route("thoi-su", 3), "/thoi-su?trang=3");
        assert_eq!(article_route("thoi-su", "x"), "/thoi-su/x");
        assert_eq!(join("/api/v1/", "/home.json"), "/api/v1/home.json");
        assert_eq!(
            join("https://cms.example.gov.vn/api/v1", "site.json"),
            "https://cms.example.gov.vn/api/v1/site.json"
        );
    }
}
