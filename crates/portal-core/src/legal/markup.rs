//! The register's rows and a document's relations as HTML text, for the same reasons as
//! `crate::html`'s cards: the browser's parser builds static markup far more cheaply than views
//! node by node (in bytes of wasm as in time), and the prerender writes the same text. Every
//! value from the API goes through `html::text` or `html::attr`. A document's facts:
//! [`super::facts`].
//!
//! The register's words are Vietnamese ([`LANGUAGE`]): on a page of another language each is
//! marked with its language.

use super::facts::date;
use crate::DocumentLink;
use crate::html::{attr, text};
use crate::i18n::{Lang, RegisterTexts};
use crate::legal::Relation;
use crate::legal::register::{LANGUAGE, REGISTER, Row};

/// The language to mark the register's words with on a page of `lang` (none on its own).
fn marked(lang: Lang) -> Option<Lang> {
    (lang != LANGUAGE).then_some(LANGUAGE)
}

/// `<span lang>` around `s` when it is marked, `s` alone otherwise (escaped).
fn value(out: &mut String, s: &str, lang: Option<Lang>) {
    match lang {
        Some(l) => {
            out.push_str("<span");
            attr(out, "lang", l.code());
            out.push('>');
            text(out, s);
            out.push_str("</span>");
        }
        None => text(out, s),
    }
}

/// `base` is the router's base (`/cong`, `/en`).
fn document_link(out: &mut String, slug: &str, number: &str, base: &str, lang: Option<Lang>) {
    out.push_str("<a");
    attr(out, "href", &format!("{base}/{REGISTER}/{slug}"));
    if let Some(l) = lang {
        attr(out, "lang", l.code());
    }
    out.push('>');
    text(out, number);
    out.push_str("</a>");
}

fn cell(out: &mut String, tag: &str, label: &str, fill: impl FnOnce(&mut String)) {
    out.push('<');
    out.push_str(tag);
    if tag == "th" {
        out.push_str(" scope=\"row\"");
    }
    attr(out, "data-label", label);
    out.push('>');
    fill(out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// The register table's rows (`<tbody>`) on a page of `lang`: number (a link, the row's header),
/// issue date, summary, type, issuer; `data-label` names each cell for the stacked list on phones.
pub fn register_rows(rows: &[Row], base: &str, lang: Lang) -> String {
    let t = lang.texts();
    let summary = RegisterTexts::of(lang).summary;
    let words = marked(lang);
    let mut out = String::with_capacity(rows.len() * 400);
    for r in rows {
        out.push_str("<tr>");
        cell(&mut out, "th", t.document_number, |o| {
            document_link(o, &r.slug, &r.number, base, words)
        });
        cell(&mut out, "td", t.document_issued, |o| {
            date(o, r.issued, lang)
        });
        cell(&mut out, "td", summary, |o| value(o, &r.summary, words));
        cell(&mut out, "td", t.document_kind, |o| {
            value(o, &r.kind, words)
        });
        cell(&mut out, "td", t.document_issuer, |o| {
            value(o, &r.issuer, words)
        });
        out.push_str("</tr>");
    }
    out
}

/// Documents found by a search, on a page of `lang` (`<li>` each): the type and number as the
/// link, then the date of issue and the issuer, then the summary.
pub fn found_documents(rows: &[Row], base: &str, lang: Lang) -> String {
    let words = marked(lang);
    let mut out = String::with_capacity(rows.len() * 300);
    for r in rows {
        out.push_str("<li class=\"found-document\"><p class=\"card-title\">");
        document_link(
            &mut out,
            &r.slug,
            &format!("{} {}", r.kind, r.number),
            base,
            words,
        );
        out.push_str("</p><p class=\"card-meta\">");
        date(&mut out, r.issued, lang);
        out.push_str(" · ");
        value(&mut out, &r.issuer, words);
        out.push_str("</p><p class=\"card-lead\">");
        value(&mut out, &r.summary, words);
        out.push_str("</p></li>");
    }
    out
}

/// The order of a document's relation groups: what replaces, amends or guides it first.
const ORDER: [Relation; 6] = [
    Relation::ReplacedBy,
    Relation::AmendedBy,
    Relation::GuidedBy,
    Relation::Replaces,
    Relation::Amends,
    Relation::Guides,
];

/// Related documents grouped by relation (`<h3>` and a list each) on a page of `lang`; empty
/// when none is known (unknown relations are left out).
pub fn relations(links: &[DocumentLink], base: &str, lang: Lang) -> String {
    let t = RegisterTexts::of(lang);
    let words = marked(lang);
    let mut out = String::new();
    for r in ORDER {
        let mut of = links
            .iter()
            .filter(|l| Relation::from_code(&l.relation) == Some(r))
            .peekable();
        if of.peek().is_none() {
            continue;
        }
        out.push_str("<h3>");
        text(&mut out, r.label(t));
        out.push_str("</h3><ul>");
        for l in of {
            out.push_str("<li>");
            document_link(&mut out, &l.document.slug, &l.document.number, base, words);
            if !l.document.summary.is_empty() {
                out.push_str("<span class=\"relation-summary\"> – ");
                value(&mut out, &l.document.summary, words);
                out.push_str("</span>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::hostile;
    use crate::{Date, DocumentRef};

    #[test]
    fn rows_escape_what_the_api_says_and_link_under_the_base() {
        let row = Row {
            slug: "qd-1".into(),
            number: hostile(),
            kind: hostile(),
            issuer: hostile(),
            issued: Date::parse("2024-10-15").unwrap(),
            summary: hostile(),
        };
        let html = register_rows(std::slice::from_ref(&row), "/cong", Lang::Vi);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"/cong/van-ban/qd-1\""));
        assert!(html.contains("<th scope=\"row\" data-label=\"Số ký hiệu\">"));
        assert!(html.contains("<time datetime=\"2024-10-15\">15/10/2024</time>"));
        assert!(!html.contains("lang="), "Vietnamese on its own page");
        assert_eq!(html.matches("<td").count(), 4);
        // English: English labels and dates, the register's words marked Vietnamese.
        let html = register_rows(&[row], "/en", Lang::En);
        assert!(
            html.contains(
                "<th scope=\"row\" data-label=\"Number\"><a href=\"/en/van-ban/qd-1\" lang=\"vi\">"
            ),
            "{html}"
        );
        assert!(
            html.contains("<td data-label=\"Summary\"><span lang=\"vi\">"),
            "{html}"
        );
        assert!(html.contains(">15 October 2024</time>"));
    }

    #[test]
    fn relations_group_in_order_and_skip_unknown_ones() {
        let link = |relation: &str, slug: &str| DocumentLink {
            relation: relation.into(),
            document: DocumentRef {
                slug: slug.into(),
                number: slug.to_uppercase(),
                summary: String::new(),
            },
        };
        let links = [
            link("replaces", "a"),
            link("cites", "b"),
            link("replaced_by", "c"),
        ];
        let html = relations(&links, "", Lang::Vi);
        let by = html.find("Bị thay thế bởi").unwrap();
        let replaces = html.find("Thay thế văn bản").unwrap();
        assert!(by < replaces);
        assert!(!html.contains("/van-ban/b"));
        assert_eq!(relations(&[link("cites", "b")], "", Lang::Vi), "");
        let html = relations(&links, "/en", Lang::En);
        assert!(html.contains("<h3>Replaced by</h3>"), "{html}");
        assert!(
            html.contains("<a href=\"/en/van-ban/c\" lang=\"vi\">C</a>"),
            "{html}"
        );
    }
}
