//! RSS 2.0 feeds and robots.txt.

use portal_core::ArticleSummary;

/// Items in a feed.
pub const FEED_ITEMS: usize = 30;

/// `s` escaped for XML text and double-quoted attributes: the HTML escaping
/// (`portal_core::html`), without the control characters XML 1.0 does not allow.
pub(super) fn xml(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    portal_core::html::attr_value(&allowed)
}

pub struct Channel<'a> {
    pub title: &'a str,
    /// The page the feed is about (absolute).
    pub link: &'a str,
    pub description: &'a str,
    /// The feed's own URL (absolute).
    pub feed_url: &'a str,
}

/// One item of a feed.
pub struct Item {
    pub title: String,
    /// Absolute.
    pub link: String,
    pub description: String,
    pub date: portal_core::DateTime,
    pub category: String,
}

/// An RSS 2.0 feed of articles (newest first), each linked by `link_of`.
pub fn rss(
    channel: &Channel,
    items: &[ArticleSummary],
    link_of: impl Fn(&ArticleSummary) -> String,
) -> String {
    let items: Vec<Item> = items
        .iter()
        .take(FEED_ITEMS)
        .map(|a| Item {
            title: a.title.clone(),
            link: link_of(a),
            description: a.lead.clone(),
            date: a.published,
            category: a.category.name.clone(),
        })
        .collect();
    rss_of(channel, &items)
}

/// An RSS 2.0 feed of `items` (newest first; the first [`FEED_ITEMS`]).
pub fn rss_of(channel: &Channel, items: &[Item]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    out += &format!(
        "<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>vi</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(channel.title),
        xml(channel.link),
        xml(channel.description),
        xml(channel.feed_url)
    );
    if let Some(newest) = items
        .iter()
        .map(|a| a.date)
        .max_by_key(|d| d.unix_seconds())
    {
        out += &format!("<lastBuildDate>{}</lastBuildDate>\n", newest.to_rfc822());
    }
    for a in items.iter().take(FEED_ITEMS) {
        let link = xml(&a.link);
        out += &format!(
            "<item>\n<title>{}</title>\n<link>{link}</link>\n<guid isPermaLink=\"true\">{link}</guid>\n<description>{}</description>\n<pubDate>{}</pubDate>\n<category>{}</category>\n</item>\n",
            xml(&a.title),
            xml(&a.description),
            a.date.to_rfc822(),
            xml(&a.category)
        );
    }
    out + "</channel>\n</rss>\n"
}

/// Everything may be crawled but the widgets (framed by district sites) and the bare app shell
/// (the prerender's template, which has no content of its own).
pub fn robots(site_url: &str) -> String {
    let path = portal_core::paths::url_path(site_url);
    let widgets = portal_core::route::SNIPPETS;
    format!(
        "User-agent: *\nAllow: {path}\nDisallow: {path}{widgets}/\nDisallow: {path}shell.html\nSitemap: {site_url}sitemap.xml\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_loses_what_xml_forbids() {
        assert_eq!(
            xml("a\u{1}<b> & \"c\"\n"),
            "a&lt;b&gt; &amp; &quot;c&quot;\n"
        );
    }

    #[test]
    fn robots_under_a_sub_path() {
        let r = robots("https://x.vn/cong/");
        assert!(
            r.contains("Disallow: /cong/nhung/\nDisallow: /cong/shell.html\n"),
            "{r}"
        );
        assert!(
            r.ends_with("Sitemap: https://x.vn/cong/sitemap.xml\n"),
            "{r}"
        );
    }
}
