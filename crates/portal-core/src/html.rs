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
    /// The page's language, for the date.
    pub lang: crate::Lang,
}

impl Default for Card {
    fn default() -> Self {
        Card {
            level: 3,
            show_lead: true,
            eager: false,
            lang: crate::Lang::Vi,
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
    text(out, &a.published.date_in(card.lang));
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

/// The home page's blocks, one per main category: its name linking to it, its newest cards, a
/// link to see them all (`see_all` with a `{}` for the name).
pub fn home_blocks(blocks: &[crate::HomeBlock], card: Card, base: &str, see_all: &str) -> String {
    let mut out = String::new();
    for b in blocks {
        let href = format!("{base}{}", paths::category_route(&b.category.slug));
        let id = format!("block-{}", b.category.slug);
        out.push_str("<section class=\"block\"");
        attr(&mut out, "aria-labelledby", &id);
        out.push_str("><h2 class=\"section-title\"");
        attr(&mut out, "id", &id);
        out.push('>');
        link_to(&mut out, &href, &b.category.name);
        out.push_str("</h2><ul class=\"card-list\">");
        out.push_str(&card_items(&b.articles, card, base));
        out.push_str("</ul><p class=\"more\">");
        link_to(
            &mut out,
            &href,
            &crate::i18n::fill(see_all, &[&b.category.name]),
        );
        out.push_str("</p></section>");
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
    lang: crate::Lang,
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
            &format!("{base}{}", paths::category_route(&h.category.slug)),
        );
        out.push('>');
        text(&mut out, &h.category.name);
        out.push_str("</a> · <time");
        attr(&mut out, "datetime", &h.published.to_rfc3339());
        out.push('>');
        text(&mut out, &h.published.date_in(lang));
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

/// `<time datetime>` around a date-time as `lang` writes it.
fn time(out: &mut String, at: &crate::DateTime, lang: crate::Lang) {
    out.push_str("<time");
    attr(out, "datetime", &at.to_rfc3339());
    out.push('>');
    text(out, &at.in_lang(lang));
    out.push_str("</time>");
}

/// An article's meta line (the inside of `<p class="article-meta">`): published, and updated when
/// it differs.
pub fn article_meta(
    published: &crate::DateTime,
    updated: Option<&crate::DateTime>,
    lang: crate::Lang,
    t: &crate::i18n::Texts,
) -> String {
    let mut out = String::from("<span>");
    text(&mut out, t.published);
    time(&mut out, published, lang);
    out.push_str("</span>");
    if let Some(u) = updated.filter(|u| *u != published) {
        out.push_str("<span class=\"updated\">");
        text(&mut out, t.updated);
        time(&mut out, u, lang);
        out.push_str("</span>");
    }
    out
}

/// An article's tags (the inside of `<div class="tags">`).
pub fn tags(tags: &[String], t: &crate::i18n::Texts) -> String {
    let mut out = String::from("<h2 class=\"tags-title\">");
    text(&mut out, t.tags);
    out.push_str("</h2><ul>");
    for tag in tags {
        out.push_str("<li>");
        text(&mut out, tag);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// A link to a category after its label (the inside of `<p class="article-category">`); `base`
/// is the router's base (`/cong`, `/en`).
pub fn category_link(c: &crate::CategoryRef, t: &crate::i18n::Texts, base: &str) -> String {
    let mut out = String::new();
    text(&mut out, t.section);
    link_to(
        &mut out,
        &format!("{base}{}", paths::category_route(&c.slug)),
        &c.name,
    );
    out
}

/// Appends `<a href>value</a>`, both escaped.
pub fn link_to(out: &mut String, href: &str, value: &str) {
    out.push_str("<a");
    attr(out, "href", href);
    out.push('>');
    text(out, value);
    out.push_str("</a>");
}

/// Links as list items: (address, text) pairs.
pub fn links(items: &[(String, String)]) -> String {
    let mut out = String::new();
    for (href, name) in items {
        out.push_str("<li>");
        link_to(&mut out, href, name);
        out.push_str("</li>");
    }
    out
}

/// A breadcrumb's items (the inside of its `<ol>`): `trail`, (address, name) pairs from the
/// home page down, then the page itself, marked current, and with its language when it is not
/// the page's (`current_lang`).
pub fn breadcrumb(
    trail: &[(String, String)],
    current: &str,
    current_lang: Option<crate::Lang>,
) -> String {
    let mut out = links(trail);
    out.push_str("<li aria-current=\"page\"");
    if let Some(l) = current_lang {
        attr(&mut out, "lang", l.code());
    }
    out.push('>');
    text(&mut out, current);
    out.push_str("</li>");
    out
}

/// The header's home link content: the logo (its box while the site document loads, nothing if
/// its URL fails the sanitizer's policy), the portal's name and tagline.
pub fn brand(logo: Option<&crate::Image>, name: &str, tagline: Option<&str>) -> String {
    let mut out = String::new();
    match logo {
        Some(l) if url_allowed("img", "src", &l.src) => {
            out.push_str("<img class=\"brand-logo\"");
            attr(&mut out, "src", &l.src);
            out.push_str(" alt=\"\"");
            attr(&mut out, "width", &l.width.unwrap_or(64).to_string());
            attr(&mut out, "height", &l.height.unwrap_or(64).to_string());
            out.push('>');
        }
        Some(_) => {}
        None => out.push_str("<span class=\"brand-logo\" aria-hidden=\"true\"></span>"),
    }
    out.push_str("<span class=\"brand-text\"><span class=\"brand-name\">");
    text(&mut out, name);
    out.push_str("</span><span class=\"brand-tagline\">");
    text(&mut out, tagline.unwrap_or_default());
    out.push_str("</span></span>");
    out
}

/// `<link rel="alternate" hreflang>` for a page (`own`: its language and absolute URL) and each
/// of its counterparts, or nothing when it has none: the prerender's head and the app write the
/// same tags.
pub fn hreflang_links(
    own: (crate::Lang, &str),
    others: impl IntoIterator<Item = (crate::Lang, String)>,
) -> String {
    let mut others = others.into_iter().peekable();
    if others.peek().is_none() {
        return String::new();
    }
    let mut out = String::new();
    let own = (own.0, own.1.to_owned());
    for (lang, href) in std::iter::once(own).chain(others) {
        out.push_str("<link rel=\"alternate\"");
        attr(&mut out, "hreflang", lang.code());
        attr(&mut out, "href", &href);
        out.push('>');
    }
    out
}

/// `tel:` for a phone number as people write it (`024 0000 1234` → `tel:02400001234`).
pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

fn contact(out: &mut String, label: &str, href: &str, value: &str) {
    text(out, label);
    link_to(out, href, value);
}

/// The footer's content (Decree 42's block: agency, managing unit, address, phone, email,
/// licence, note, the officials to contact) as HTML, escaped: static text, so the app sets it
/// in one go instead of building some thirty reactive nodes.
/// `offline` is the link to what can be read offline (its address under the deployment's base).
pub fn footer(site_name: &str, f: &crate::Footer, t: &crate::i18n::Texts, offline: &str) -> String {
    let mut out = String::with_capacity(1500);
    let para = |out: &mut String, label: &str, value: &str| {
        out.push_str("<p>");
        text(out, label);
        text(out, value);
        out.push_str("</p>");
    };
    out.push_str("<div class=\"container footer-inner\"><section class=\"footer-agency\" aria-labelledby=\"footer-title\"><h2 id=\"footer-title\" class=\"footer-title\">");
    text(&mut out, site_name);
    out.push_str("</h2>");
    para(&mut out, t.agency, &f.agency);
    if let Some(u) = &f.managing_unit {
        para(&mut out, t.managing_unit, u);
    }
    out.push_str("<address>");
    para(&mut out, t.address, &f.address);
    out.push_str("<p>");
    contact(&mut out, t.phone, &tel(&f.phone), &f.phone);
    out.push_str("</p><p>");
    contact(&mut out, t.email, &format!("mailto:{}", f.email), &f.email);
    out.push_str("</p></address><p class=\"footer-licence\">");
    text(&mut out, &f.licence);
    out.push_str("</p>");
    if let Some(n) = &f.note {
        out.push_str("<p class=\"footer-note\">");
        text(&mut out, n);
        out.push_str("</p>");
    }
    out.push_str("</section><section class=\"footer-officials\" aria-labelledby=\"footer-officials-title\"><h2 id=\"footer-officials-title\" class=\"footer-title\">");
    text(&mut out, t.contacts);
    out.push_str("</h2><ul>");
    for o in &f.officials {
        out.push_str("<li><strong>");
        text(&mut out, &o.name);
        out.push_str("</strong>, ");
        text(&mut out, &o.role);
        if let Some(p) = &o.phone {
            out.push_str("<br>");
            contact(&mut out, t.phone, &tel(p), p);
        }
        if let Some(m) = &o.email {
            out.push_str("<br>");
            contact(&mut out, t.email, &format!("mailto:{m}"), m);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section></div><p class=\"container footer-offline\">");
    link_to(&mut out, offline, t.offline_title);
    out.push_str("</p>");
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
                ..Card::default()
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
        let html = search_items(&[hit], &["song", "hong"], nfd, "/cong", crate::Lang::Vi);
        assert!(html.contains(r#"<a href="/cong/thoi-su/quy-hoach">Quy hoạch &lt;b&gt;<mark>sông</mark>&lt;/b&gt; <mark>Hồng</mark></a>"#), "{html}");
        assert!(html.contains(r#"<a href="/cong/thoi-su">Thời sự</a> · <time datetime="2024-03-01T20:30:00Z">02/03/2024</time>"#), "{html}");
        assert!(html.contains(r#"<p class="snippet">… phân khu "<mark>sông</mark> <mark>Hồng</mark>" &amp; bãi giữa …</p>"#), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn the_footer_is_escaped_and_links_its_contacts() {
        let f = crate::Footer {
            agency: "UBND <Thành phố>".into(),
            address: "Số 1".into(),
            phone: "024 0000 1234".into(),
            email: "a@example.gov.vn".into(),
            licence: "GP".into(),
            officials: vec![crate::Official {
                name: "Bà \"A\"".into(),
                role: "Giám đốc".into(),
                phone: Some("024 1".into()),
                email: None,
            }],
            ..crate::Footer::default()
        };
        let html = footer("Cổng", &f, crate::Lang::En.texts(), "/en/offline");
        assert!(
            html.ends_with(r#"<p class="container footer-offline"><a href="/en/offline">Reading offline</a></p>"#),
            "{html}"
        );
        assert!(
            html.contains("<p>Governing body: UBND &lt;Thành phố&gt;</p>"),
            "{html}"
        );
        assert!(
            html.contains("Phone: <a href=\"tel:02400001234\">024 0000 1234</a>"),
            "{html}"
        );
        assert!(html.contains("<li><strong>Bà \"A\"</strong>, Giám đốc<br>Phone: <a href=\"tel:0241\">024 1</a></li>"), "{html}");
        assert!(!html.contains("managing"), "no managing unit, no line");
    }

    #[test]
    fn an_articles_meta_and_tags_are_escaped_and_dated_in_its_language() {
        let at = crate::DateTime::parse("2024-11-01T10:30:00+07:00").unwrap_or_default();
        let meta = article_meta(&at, Some(&at), crate::Lang::Vi, crate::Lang::Vi.texts());
        assert_eq!(
            meta,
            "<span>Ngày đăng <time datetime=\"2024-11-01T10:30:00+07:00\">01/11/2024 | 10:30 AM</time></span>"
        );
        assert_eq!(
            tags(&["a<b".into()], crate::Lang::Vi.texts()),
            "<h2 class=\"tags-title\">Từ khóa</h2><ul><li>a&lt;b</li></ul>"
        );
    }
}
