//! The register's rows and a document's facts and relations as HTML text, for the same reasons
//! as `crate::html`'s cards: the browser's parser builds static markup far more cheaply than
//! views node by node (in bytes of wasm as in time), and the prerender writes the same text.
//! Every value from the API goes through `html::text` or `html::attr`.

use crate::html::{attr, text};
use crate::legal::register::{REGISTER, Row};
use crate::legal::{Relation, Status};
use crate::{Date, Document, DocumentLink};

/// `base` is the deployment's sub-path ("" at the site root, `/cong` below it).
fn document_link(out: &mut String, slug: &str, number: &str, base: &str) {
    out.push_str("<a");
    attr(out, "href", &format!("{base}/{REGISTER}/{slug}"));
    out.push('>');
    text(out, number);
    out.push_str("</a>");
}

fn date(out: &mut String, d: Date) {
    out.push_str("<time");
    attr(out, "datetime", &d.to_iso());
    out.push('>');
    text(out, &d.to_vietnamese());
    out.push_str("</time>");
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

/// The register table's rows (`<tbody>`): number (a link, the row's header), issue date,
/// summary, type, issuer; `data-label` names each cell for the stacked list on phones.
pub fn register_rows(rows: &[Row], base: &str) -> String {
    let mut out = String::with_capacity(rows.len() * 400);
    for r in rows {
        out.push_str("<tr>");
        cell(&mut out, "th", "Số ký hiệu", |o| {
            document_link(o, &r.slug, &r.number, base)
        });
        cell(&mut out, "td", "Ngày ban hành", |o| date(o, r.issued));
        cell(&mut out, "td", "Trích yếu", |o| text(o, &r.summary));
        cell(&mut out, "td", "Loại văn bản", |o| text(o, &r.kind));
        cell(&mut out, "td", "Cơ quan ban hành", |o| text(o, &r.issuer));
        out.push_str("</tr>");
    }
    out
}

fn fact(out: &mut String, term: &str, fill: impl FnOnce(&mut String)) {
    out.push_str("<dt>");
    text(out, term);
    out.push_str("</dt><dd>");
    fill(out);
    out.push_str("</dd>");
}

/// A document's facts, the content of its `<dl>`; missing optional fields are left out.
pub fn facts(doc: &Document, status: Status) -> String {
    let mut out = String::with_capacity(800);
    fact(&mut out, "Số ký hiệu", |o| text(o, &doc.number));
    fact(&mut out, "Loại văn bản", |o| text(o, &doc.kind));
    if !doc.field.is_empty() {
        fact(&mut out, "Lĩnh vực", |o| text(o, &doc.field));
    }
    fact(&mut out, "Cơ quan ban hành", |o| text(o, &doc.issuer));
    if let Some(s) = &doc.signer {
        fact(&mut out, "Người ký", |o| {
            text(o, &s.name);
            if !s.title.is_empty() {
                o.push_str(", ");
                text(o, &s.title);
            }
        });
    }
    fact(&mut out, "Ngày ban hành", |o| date(o, doc.issued));
    if let Some(d) = doc.effective {
        fact(&mut out, "Ngày có hiệu lực", |o| date(o, d));
    }
    if let Some(d) = doc.expires {
        fact(&mut out, "Ngày hết hiệu lực", |o| date(o, d));
    }
    fact(&mut out, "Tình trạng hiệu lực", |o| {
        text(o, status.label())
    });
    fact(&mut out, "Trích yếu", |o| text(o, &doc.summary));
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

/// Related documents grouped by relation (`<h3>` and a list each); empty when none is known
/// (unknown relations are left out).
pub fn relations(links: &[DocumentLink], base: &str) -> String {
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
        text(&mut out, r.label());
        out.push_str("</h3><ul>");
        for l in of {
            out.push_str("<li>");
            document_link(&mut out, &l.document.slug, &l.document.number, base);
            if !l.document.summary.is_empty() {
                out.push_str("<span class=\"relation-summary\"> – ");
                text(&mut out, &l.document.summary);
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
    use crate::{DocumentRef, Signer};

    fn hostile() -> String {
        "<img src=x onerror=alert(1)>\"&".to_owned()
    }

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
        let html = register_rows(&[row], "/cong");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"/cong/van-ban/qd-1\""));
        assert!(html.contains("<th scope=\"row\" data-label=\"Số ký hiệu\">"));
        assert!(html.contains("<time datetime=\"2024-10-15\">15/10/2024</time>"));
        assert_eq!(html.matches("<td").count(), 4);
    }

    #[test]
    fn facts_leave_out_what_is_missing() {
        let mut doc = Document {
            number: "27/2024/QĐ-UBND".into(),
            kind: hostile(),
            issuer: "UBND".into(),
            issued: Date::parse("2024-10-15").unwrap(),
            summary: "S".into(),
            ..Document::default()
        };
        let html = facts(&doc, Status::InForce);
        assert!(!html.contains("Lĩnh vực") && !html.contains("Người ký"));
        assert!(!html.contains("<img"));
        assert!(html.contains("<dt>Tình trạng hiệu lực</dt><dd>Còn hiệu lực</dd>"));
        doc.signer = Some(Signer {
            name: "Lê Hoàng Nam".into(),
            title: "Phó Chủ tịch".into(),
        });
        doc.expires = Some(Date::parse("2026-01-01").unwrap());
        let html = facts(&doc, Status::Expired);
        assert!(html.contains("<dd>Lê Hoàng Nam, Phó Chủ tịch</dd>"));
        assert!(html.contains("<dt>Ngày hết hiệu lực</dt>"));
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
        let html = relations(
            &[
                link("replaces", "a"),
                link("cites", "b"),
                link("replaced_by", "c"),
            ],
            "",
        );
        let by = html.find("Bị thay thế bởi").unwrap();
        let replaces = html.find("Thay thế văn bản").unwrap();
        assert!(by < replaces);
        assert!(!html.contains("/van-ban/b"));
        assert_eq!(relations(&[link("cites", "b")], ""), "");
    }
}
