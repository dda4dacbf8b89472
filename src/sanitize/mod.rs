//! Applies the sanitizer policy (`portal_core::sanitize`) in the browser.
//!
//! The untrusted HTML is parsed by `DOMParser` into an inert document (no scripts run, nothing
//! loads) and cleaned node by node; the cleaned nodes are imported into the page directly. The last
//! step is always a clean of a parsed tree, and what reaches the page is that very tree, not a
//! string parsed again, which is what mutation-XSS relies on.

use portal_core::sanitize::{
    EXTERNAL_REL, KEEP, MAX_DEPTH, TagRule, added_attributes, attr_allowed, embed_allowed,
    is_external, is_url_attr, tag_rule, url_allowed,
};
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Element, Node, SupportedType};

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::to_html;

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The portal's own presentation of cleaned content, applied after sanitizing (so sanitizing stays
/// idempotent): wide tables scroll inside their own labelled box instead of widening the page.
pub fn enhance(root: &Element) {
    let Some(doc) = crate::base::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(tables) = root.query_selector_all("table") else {
        return;
    };
    for i in 0..tables.length() {
        let Some(table) = tables.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(parent) = table.parent_node() else {
            continue;
        };
        let Ok(wrap) = doc.create_element("div") else {
            continue;
        };
        let _ = wrap.set_attribute("class", "table-wrap");
        let _ = wrap.set_attribute("role", "region");
        let _ = wrap.set_attribute("tabindex", "0");
        let label = table
            .query_selector("caption")
            .ok()
            .flatten()
            .and_then(|c| c.text_content())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| crate::base::texts().table_label.to_owned());
        let _ = wrap.set_attribute("aria-label", label.trim());
        let _ = parent.replace_child(&wrap, &table);
        let _ = wrap.append_child(&table);
    }
}

/// Parses `html`, cleans it, and returns the result as a fragment of the live document.
/// Returns `None` only if the browser cannot parse at all.
pub fn sanitize(html: &str) -> Option<DocumentFragment> {
    let parser = DomParser::new().ok()?;
    // Clean, write out, read back and clean again: the HTML parser restructures some markup (stray
    // table parts, formatting elements across blocks) when it reads it, so the second pass works on
    // the shape a browser will keep, and sanitizing the output again changes nothing.
    let first = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let body = first.body()?;
    clean_children(&first, body.as_ref(), 0);
    let normalised = body.inner_html();
    let parsed = parser
        .parse_from_string(&normalised, SupportedType::TextHtml)
        .ok()?;
    let body = parsed.body()?;
    clean_children(&parsed, body.as_ref(), 0);
    let live = crate::base::window()?.document()?;
    let fragment = live.create_document_fragment();
    while let Some(child) = body.first_child() {
        let imported = live.import_node_with_deep(&child, true).ok()?;
        body.remove_child(&child).ok()?;
        fragment.append_child(&imported).ok()?;
    }
    Some(fragment)
}

/// Sanitizes and serialises (for tests and for measuring what would be shown).
pub fn sanitize_to_string(html: &str) -> String {
    let Some(fragment) = sanitize(html) else {
        return String::new();
    };
    let Some(doc) = crate::base::window().and_then(|w| w.document()) else {
        return String::new();
    };
    let Ok(div) = doc.create_element("div") else {
        return String::new();
    };
    let _ = div.append_child(&fragment);
    div.inner_html()
}

fn clean_children(doc: &Document, parent: &Node, depth: usize) {
    let mut next = parent.first_child();
    while let Some(node) = next {
        next = node.next_sibling();
        match node.node_type() {
            Node::TEXT_NODE => {}
            Node::ELEMENT_NODE => {
                if let Ok(el) = node.dyn_into::<Element>() {
                    clean_element(doc, parent, el, depth);
                }
            }
            // Comments, processing instructions, CDATA: never shown, sometimes abused.
            _ => {
                let _ = parent.remove_child(&node);
            }
        }
    }
}

fn clean_element(doc: &Document, parent: &Node, el: Element, depth: usize) {
    let tag = el.local_name().to_ascii_lowercase();
    let foreign = el.namespace_uri().as_deref() != Some(HTML_NS);
    if depth >= MAX_DEPTH || foreign {
        let _ = parent.remove_child(&el);
        return;
    }
    let mut rule = if tag == "iframe" && el.get_attribute("src").is_some_and(|s| embed_allowed(&s))
    {
        TagRule::Keep
    } else {
        tag_rule(&tag)
    };
    // An element created with `is` keeps that value even when the attribute is removed (and the
    // serializer writes it back): replace it with a plain element of the same name.
    if rule == TagRule::Keep && el.has_attribute("is") {
        rule = TagRule::Rename(KEEP.iter().copied().find(|k| *k == tag).unwrap_or("span"));
    }
    match rule {
        TagRule::Drop => {
            let _ = parent.remove_child(&el);
        }
        TagRule::Unwrap => {
            clean_children(doc, &el, depth + 1);
            while let Some(child) = el.first_child() {
                let _ = parent.insert_before(&child, Some(&el));
            }
            let _ = parent.remove_child(&el);
        }
        TagRule::Rename(new_tag) => {
            let Ok(renamed) = doc.create_element(new_tag) else {
                let _ = parent.remove_child(&el);
                return;
            };
            while let Some(child) = el.first_child() {
                let _ = renamed.append_child(&child);
            }
            copy_allowed_attributes(&el, &renamed, new_tag);
            let _ = parent.replace_child(&renamed, &el);
            clean_children(doc, &renamed, depth + 1);
            finish(&renamed, new_tag);
        }
        TagRule::Keep => {
            clean_attributes(&el, &tag);
            clean_children(doc, &el, depth + 1);
            finish(&el, &tag);
        }
    }
}

fn attribute_ok(tag: &str, name: &str, value: &str) -> bool {
    attr_allowed(tag, name) && (!is_url_attr(name) || url_allowed(tag, name, value))
}

fn clean_attributes(el: &Element, tag: &str) {
    let names = el.get_attribute_names();
    for i in 0..names.length() {
        let Some(name) = names.get(i).as_string() else {
            continue;
        };
        let value = el.get_attribute(&name).unwrap_or_default();
        if !attribute_ok(tag, &name.to_ascii_lowercase(), &value) {
            let _ = el.remove_attribute(&name);
        }
    }
}

fn copy_allowed_attributes(from: &Element, to: &Element, tag: &str) {
    let names = from.get_attribute_names();
    for i in 0..names.length() {
        let Some(name) = names.get(i).as_string() else {
            continue;
        };
        let value = from.get_attribute(&name).unwrap_or_default();
        if attribute_ok(tag, &name.to_ascii_lowercase(), &value) {
            let _ = to.set_attribute(&name, &value);
        }
    }
}

/// Per-element guarantees after cleaning (each is the same on a second pass: idempotent).
fn finish(el: &Element, tag: &str) {
    match tag {
        "a" => {
            let Some(href) = el.get_attribute("href") else {
                return;
            };
            if is_external(&href) {
                let _ = el.set_attribute("rel", EXTERNAL_REL);
            }
            // The absolute address, written out after the link text on paper.
            if let Some(url) = crate::base::resolve(&href) {
                let _ = el.set_attribute("data-print-href", &url);
            }
        }
        // Alt is never missing: absent means decorative here, not "file name read aloud".
        "img" if !el.has_attribute("alt") => {
            let _ = el.set_attribute("alt", "");
        }
        _ => {}
    }
    for (name, value) in added_attributes(tag) {
        let _ = el.set_attribute(name, value);
    }
    if tag == "iframe"
        && el
            .get_attribute("title")
            .is_none_or(|t| t.trim().is_empty())
    {
        let _ = el.set_attribute("title", crate::base::texts().embed_title);
    }
}
