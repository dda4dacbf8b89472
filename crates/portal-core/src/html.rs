//! Static, data-driven markup as HTML text: article cards and lists.
//!
//! Why not `view!`: a list of fifty cards built node by node costs a call across the wasm/JS
//! boundary per element, attribute and text, which made the home page's first render one long
//! task of about 320 ms on Lighthouse's slowed-down phone; the browser's parser builds the same
//! nodes from text natively. It also compiles natively, so the same markup can be written into
//! pages before the wasm arrives.
//!
//! Every text and attribute value from the API goes through [`text`] or [`attr`]; URLs from the API
//! reach attributes only through the sanitizer's URL policy ([`crate::sanitize::url_allowed`]).
//! Links are plain `<a href>`: the router follows them without a page load.

use crate::paths;
use crate::sanitize::url_allowed;
use crate::search::snippet::{marks, pieces};
use crate::{ArticleSummary, SearchHit};

fn escape(out: &mut String, s: &str, quotes: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Appends `s` escaped for element content.
pub fn text(out: &mut String, s: &str) {
    escape(out, s, false);
}

/// `s` escaped for the value of a double-quoted attribute.
pub fn attr_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(&mut out, s, true);
    out
}

/// Appends ` name="value"` with the value escaped for a double-quoted attribute.
pub fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape(out, value, true);
    out.push('"');
}

/// How a card is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    /// Heading level of the title inside the page outline (2 or 3).
    pub level: u8,
    pub show_lead: bool,
    /// The first picture of a page is likely its largest paint: loaded at once, not when scrolled to.
    pub eager: bool,
}

impl Default for Card {
    fn default() -> Self {
        Card {
            level: 3,
            show_lead: true,
            eager: false,
        }
    }
}

/// The class of a card's `<article>`: pictureless cards are laid out without the picture column.
pub fn card_class(a: &ArticleSummary) -> &'static str {
    if a.thumbnail.is_some() {
        "card"
    } else {
        "card no-thumb"
    }
}

/// The content of a card's `<article>`: thumbnail, title linking to the article, date and lead.
/// `base` is the deployment's sub-path ("" at the site root, `/cong` below it).
pub fn card_content(out: &mut String, a: &ArticleSummary, card: Card, base: &str) {
    if let Some(img) = a
        .thumbnail
        .as_ref()
        .filter(|img| url_allowed("img", "src", &img.src))
    {
        out.push_str("<img class=\"card-thumb\"");
        attr(out, "src", &img.src);
        out.push_str(" alt=\"\"");
        attr(out, "width", &img.width.unwrap_or(1200).to_string());
        attr(out, "height", &img.height.unwrap_or(675).to_string());
        out.push_str(if card.eager {
            " loading=\"eager\" fetchpriority=\"high\""
        } else {
            " loading=\"lazy\" fetchpriority=\"auto\""
        });
        out.push_str(" decoding=\"async\">");
    }
    let h = if card.level == 2 { "h2" } else { "h3" };
    out.push_str("<div class=\"card-body\"><");
    out.push_str(h);
    out.push_str(" class=\"card-title\"><a");
    let href = format!("{base}{}", paths::article_route(&a.category.slug, &a.slug));
    attr(out, "href", &href);
    out.push('>');
    text(out, &a.title);
    out.push_str("</a></");
    out.push_str(h);
    out.push_str("><p class=\"card-meta\"><time");
    attr(out, "datetime", &a.published.to_rfc3339());
    out.push('>');
    text(out, &a.published.date_vietnamese());
    out.push_str("</time></p>");
    if card.show_lead {
        out.push_str("<p class=\"card-lead\">");
        text(out, &a.lead);
        out.push_str("</p>");
    }
    out.push_str("</div>");
}

/// The items of a card list (`<ul class="card-list">`), one `<li><article>` per article; `eager`
/// applies to the first card only.
pub fn card_items(articles: &[ArticleSummary], card: Card, base: &str) -> String {
    let mut out = String::with_capacity(articles.len() * 700);
    for (i, a) in articles.iter().enumerate() {
        out.push_str("<li><article");
        attr(&mut out, "class", card_class(a));
        out.push('>');
        let card = Card {
            eager: card.eager && i == 0,
            ..card
        };
        card_content(&mut out, a, card, base);
        out.push_str("</article></li>");
    }
    out
}

/// Appends `s` escaped, its syllables that fold to one of `folded` in `<mark>`.
fn marked(out: &mut String, s: &str, folded: &[&str], nfd: &impl Fn(&str) -> String) {
    for (piece, hit) in pieces(s, &marks(s, folded, nfd)) {
        if hit {
            out.push_str("<mark>");
            text(out, &piece);
            out.push_str("</mark>");
        } else {
            text(out, &piece);
        }
    }
}

/// The items of a results list (`<ol class="search-results">`): title linking to the article,
/// category and date, snippet; the query's syllables (`folded`) marked in title and snippet.
pub fn search_items(
    hits: &[SearchHit],
    folded: &[&str],
    nfd: impl Fn(&str) -> String,
    base: &str,
) -> String {
    let mut out = String::with_capacity(hits.len() * 800);
    for h in hits {
        out.push_str("<li class=\"search-hit\"><h2 class=\"card-title\"><a");
        let href = format!("{base}{}", paths::article_route(&h.category.slug, &h.slug));
        attr(&mut out, "href", &href);
        out.push('>');
        marked(&mut out, &h.title, folded, &nfd);
        out.push_str("</a></h2><p class=\"card-meta\"><a");
        attr(
            &mut out,
            "href",
            &format!("{base}{}", paths::category_route(&h.category.slug, 1)),
        );
        out.push('>');
        text(&mut out, &h.category.name);
        out.push_str("</a> · <time");
        attr(&mut out, "datetime", &h.published.to_rfc3339());
        out.push('>');
        text(&mut out, &h.published.date_vietnamese());
        out.push_str("</time></p>");
        if !h.snippet.is_empty() {
            out.push_str("<p class=\"snippet\">");
            marked(&mut out, &h.snippet, folded, &nfd);
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CategoryRef, DateTime, Image};

    fn summary(title: &str, src: &str) -> ArticleSummary {
        ArticleSummary {
            id: 1,
            slug: "khoi-cong".into(),
            title: title.into(),
            lead: "Dẫn <b>nhập</b> & \"trích\"".into(),
            published: DateTime::parse("2024-03-01T20:30:00Z").unwrap(),
            category: CategoryRef {
                slug: "thoi-su".into(),
                name: "Thời sự".into(),
            },
            thumbnail: Some(Image {
                src: src.into(),
                alt: "ảnh".into(),
                width: None,
                height: Some(600),
                caption: None,
            }),
        }
    }

    #[test]
    fn a_card_has_its_link_date_picture_and_lead() {
        let html = card_items(
            &[summary("Cầu mới", "media/cau.svg")],
            Card::default(),
            "/cong",
        );
        assert_eq!(
            html,
            "<li><article class=\"card\"><img class=\"card-thumb\" src=\"media/cau.svg\" alt=\"\" \
             width=\"1200\" height=\"600\" loading=\"lazy\" fetchpriority=\"auto\" decoding=\"async\">\
             <div class=\"card-body\"><h3 class=\"card-title\"><a href=\"/cong/thoi-su/khoi-cong\">Cầu mới</a></h3>\
             <p class=\"card-meta\"><time datetime=\"2024-03-01T20:30:00Z\">02/03/2024</time></p>\
             <p class=\"card-lead\">Dẫn &lt;b&gt;nhập&lt;/b&gt; &amp; \"trích\"</p></div></article></li>"
        );
    }

    #[test]
    fn only_the_first_card_is_eager_and_levels_and_leads_follow_the_options() {
        let two = [summary("A", "a.svg"), summary("B", "b.svg")];
        let html = card_items(
            &two,
            Card {
                level: 2,
                show_lead: false,
                eager: true,
            },
            "",
        );
        assert_eq!(
            html.matches("loading=\"eager\" fetchpriority=\"high\"")
                .count(),
            1
        );
        assert!(html.find("eager").unwrap() < html.find(">B<").unwrap());
        assert_eq!(html.matches("<h2 class=\"card-title\">").count(), 2);
        assert!(!html.contains("card-lead"));
    }

    #[test]
    fn hostile_text_and_urls_stay_inert() {
        let mut a = summary("<img src=x onerror=alert(1)>\"'", "javascript:alert(1)");
        a.slug = "\"><script>alert(1)</script>".into();
        a.category.slug = "x\" onmouseover=\"alert(1)".into();
        let html = card_items(&[a], Card::default(), "");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("\" onmouseover"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        // A rejected picture is left out; the card keeps its class (it had one).
        assert!(!html.contains("<img"), "{html}");
        assert!(html.starts_with("<li><article class=\"card\">"), "{html}");
    }

    #[test]
    fn a_card_without_a_picture_says_so_in_its_class() {
        let mut a = summary("A", "a.svg");
        a.thumbnail = None;
        let html = card_items(&[a], Card::default(), "");
        assert!(html.starts_with("<li><article class=\"card no-thumb\"><div class=\"card-body\">"));
    }

    #[test]
    fn search_results_mark_matches_and_escape_everything() {
        use unicode_normalization::UnicodeNormalization;
        let nfd = |s: &str| s.to_lowercase().nfd().collect::<String>();
        let hit = SearchHit {
            slug: "quy-hoach".into(),
            title: "Quy hoạch <b>sông</b> Hồng".into(),
            category: CategoryRef {
                slug: "thoi-su".into(),
                name: "Thời sự".into(),
            },
            published: DateTime::parse("2024-03-01T20:30:00Z").unwrap(),
            snippet: "… phân khu \"sông Hồng\" & bãi giữa …".into(),
        };
        let html = search_items(&[hit], &["song", "hong"], nfd, "/cong");
        assert!(html.contains(r#"<a href="/cong/thoi-su/quy-hoach">Quy hoạch &lt;b&gt;<mark>sông</mark>&lt;/b&gt; <mark>Hồng</mark></a>"#), "{html}");
        assert!(html.contains(r#"<a href="/cong/thoi-su">Thời sự</a> · <time datetime="2024-03-01T20:30:00Z">02/03/2024</time>"#), "{html}");
        assert!(html.contains(r#"<p class="snippet">… phân khu "<mark>sông</mark> <mark>Hồng</mark>" &amp; bãi giữa …</p>"#), "{html}");
        assert!(!html.contains("<b>"));
    }
}
