//! The same policy applied natively, for the prerendered HTML: ammonia (html5ever's tree builder,
//! as a browser parses) keeps the allowed elements and attributes, then lol_html adds what the
//! browser walker adds (`finish` and `enhance` there): renamed `h1`, marked external links, print
//! addresses, lazy images, sandboxed embeds, scrolling tables.

use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, element, rewrite_str};
use portal_core::sanitize::{
    DROP, EXTERNAL_REL, KEEP, TagRule, added_attributes, attr_allowed, embed_allowed, is_external,
    is_url_attr, tag_rule, url_allowed,
};
use std::collections::HashSet;

/// Every attribute the policy may keep on some element; `attr_allowed` then decides per element.
const ATTRIBUTES: &[&str] = &[
    "title",
    "lang",
    "dir",
    "href",
    "src",
    "alt",
    "width",
    "height",
    "allowfullscreen",
    "colspan",
    "rowspan",
    "headers",
    "scope",
    "abbr",
    "span",
    "start",
    "reversed",
    "type",
    "value",
    "datetime",
    "cite",
];

/// `html` cleaned under `portal_core::sanitize`'s policy, as HTML text.
pub fn to_html(html: &str) -> String {
    let kept: HashSet<&str> = KEEP.iter().copied().chain(["h1", "iframe"]).collect();
    let dropped: HashSet<&str> = DROP.iter().copied().filter(|t| !kept.contains(t)).collect();
    let clean = ammonia::Builder::empty()
        .tags(kept)
        .clean_content_tags(dropped)
        .generic_attributes(ATTRIBUTES.iter().copied().collect())
        .url_schemes(["http", "https", "mailto", "tel", "data"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|tag, attr, value| {
            let ok = attr_allowed(tag, attr)
                && (!is_url_attr(attr) || url_allowed(tag, attr, value))
                && !(tag == "iframe" && attr == "src" && !embed_allowed(value));
            ok.then(|| value.into())
        })
        .clean(html)
        .to_string();
    finish(&clean).unwrap_or_default()
}

/// The label of each table's scrolling box, in document order: its caption's text, as the browser
/// walker gives it, or the page's language's `table_label`. `clean` is serialized by html5ever, so tags and entities are
/// regular.
fn table_labels(clean: &str) -> Vec<String> {
    clean
        .split("<table")
        .skip(1)
        .map(|rest| {
            let own = rest.split("<table").next().unwrap_or_default();
            let own = own.split("</table>").next().unwrap_or_default();
            let caption = own
                .split_once("<caption")
                .and_then(|(_, c)| c.split_once('>'))
                .and_then(|(_, c)| c.split_once("</caption>"))
                .map(|(text, _)| text_of(text))
                .unwrap_or_default();
            if caption.is_empty() {
                crate::base::texts().table_label.to_owned()
            } else {
                caption
            }
        })
        .collect()
}

/// The text of serialized HTML: tags dropped, html5ever's entities decoded, spaces collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the browser walker adds to kept elements, and its table wrapper.
fn finish(clean: &str) -> Result<String, lol_html::errors::RewritingError> {
    let mut labels = table_labels(clean).into_iter();
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("h1", |el| {
                if let TagRule::Rename(to) = tag_rule("h1") {
                    el.set_tag_name(to)?;
                }
                Ok(())
            }),
            element!("a[href]", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                if is_external(&href) {
                    el.set_attribute("rel", EXTERNAL_REL)?;
                }
                if let Some(url) = crate::base::resolve(&href) {
                    el.set_attribute("data-print-href", &url)?;
                }
                Ok(())
            }),
            element!("img", |el| {
                if !el.has_attribute("alt") {
                    el.set_attribute("alt", "")?;
                }
                add(el, "img")?;
                Ok(())
            }),
            element!("iframe", |el| {
                embed(el);
                Ok(())
            }),
            element!("table", |el| {
                let label = labels
                    .next()
                    .unwrap_or_else(|| crate::base::texts().table_label.to_owned());
                el.before(
                    &format!(
                        r#"<div class="table-wrap" role="region" tabindex="0" aria-label="{}">"#,
                        portal_core::html::attr_value(&label)
                    ),
                    ContentType::Html,
                );
                el.after("</div>", ContentType::Html);
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite_str(clean, settings)
}

/// The attributes the portal adds to `tag` ([`added_attributes`]).
fn add(el: &mut Element, tag: &str) -> Result<(), lol_html::errors::AttributeNameError> {
    for (name, value) in added_attributes(tag) {
        el.set_attribute(name, value)?;
    }
    Ok(())
}

/// An embed that kept its `src` is sandboxed and titled; one that lost it goes.
fn embed(el: &mut Element) {
    if !el.has_attribute("src") {
        el.remove();
        return;
    }
    let _ = add(el, "iframe");
    if el
        .get_attribute("title")
        .is_none_or(|t| t.trim().is_empty())
    {
        let _ = el.set_attribute("title", crate::base::texts().embed_title);
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn keeps_content_and_drops_script() {
        let out = to_html(
            r#"<h1>Tiêu đề</h1><p onclick="x()">Chữ <a href="javascript:alert(1)">a</a> <a href="https://x.vn/">b</a></p><script>alert(1)</script><table><tr><td>1</td></tr></table><iframe src="https://evil.example/"></iframe>"#,
        );
        assert!(out.starts_with("<h2>Tiêu đề</h2>"), "{out}");
        assert!(
            !out.contains("onclick") && !out.contains("script") && !out.contains("javascript"),
            "{out}"
        );
        assert!(
            out.contains(r#"rel="noopener noreferrer external""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<div class="table-wrap""#) && out.contains("</table></div>"),
            "{out}"
        );
        assert!(!out.contains("iframe"), "{out}");
    }

    #[test]
    fn a_table_is_labelled_by_its_caption() {
        let out = to_html(
            "<table><caption>Chỉ tiêu <b>2026</b> &amp; \"kế hoạch\"</caption><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>",
        );
        assert!(
            out.contains(r#"aria-label="Chỉ tiêu 2026 &amp; &quot;kế hoạch&quot;""#),
            "{out}"
        );
        assert!(out.contains(r#"aria-label="Bảng số liệu""#), "{out}");
    }
}
