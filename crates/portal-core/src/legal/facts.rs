//! A legal document's facts as HTML text (the content of a `<dl>`), written by one function
//! wherever they are shown — an article that announces the document, the document's page in the
//! register — so both say the same with the same words: the register's official terms
//! (`i18n::Texts`'s `document_*`). Every value goes through `html::text` or `html::attr`.

use crate::html::{attr, link_to, text};
use crate::i18n::{Lang, RegisterTexts};
use crate::legal::Status;
use crate::{Date, Document, LegalDocument};

/// What a document states about itself; what it lacks is left out.
pub struct Facts<'a> {
    pub number: &'a str,
    pub kind: &'a str,
    pub field: Option<&'a str>,
    pub issuer: &'a str,
    /// Who signed it, as one line ("name, title").
    pub signer: Option<String>,
    pub issued: Date,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
}

impl<'a> Facts<'a> {
    /// What an article says of the document it announces.
    pub fn of_article(doc: &'a LegalDocument) -> Self {
        Facts {
            number: &doc.number,
            kind: &doc.kind,
            field: None,
            issuer: &doc.issuer,
            signer: doc.signer.clone(),
            issued: doc.issued,
            effective: doc.effective,
            expires: None,
        }
    }

    /// What the register says of a document.
    pub fn of_document(doc: &'a Document) -> Self {
        Facts {
            number: &doc.number,
            kind: &doc.kind,
            field: Some(doc.field.as_str()).filter(|f| !f.is_empty()),
            issuer: &doc.issuer,
            signer: doc.signer.as_ref().map(|s| match s.title.as_str() {
                "" => s.name.clone(),
                title => format!("{}, {title}", s.name),
            }),
            issued: doc.issued,
            effective: doc.effective,
            expires: doc.expires,
        }
    }
}

/// `<time datetime>` around a date as `lang` writes it.
pub fn date(out: &mut String, d: Date, lang: Lang) {
    out.push_str("<time");
    attr(out, "datetime", &d.to_iso());
    out.push('>');
    text(out, &d.in_lang(lang));
    out.push_str("</time>");
}

/// `<dt>term</dt><dd>…</dd>`, the `<dd>` marked with `values`, the language of its words when
/// they are not the page's.
fn fact(out: &mut String, term: &str, values: Option<Lang>, fill: impl FnOnce(&mut String)) {
    out.push_str("<dt>");
    text(out, term);
    out.push_str("</dt><dd");
    if let Some(l) = values {
        attr(out, "lang", l.code());
    }
    out.push('>');
    fill(out);
    out.push_str("</dd>");
}

/// The facts in their order: number, type, field, issuer, signer, issue, effective and expiry
/// dates. Terms and dates are the page's language (`lang`); the document's own words are marked
/// with theirs (`values`) when it is another.
pub fn items(out: &mut String, f: &Facts, lang: Lang, values: Option<Lang>) {
    let t = lang.texts();
    let word =
        |out: &mut String, term: &str, value: &str| fact(out, term, values, |o| text(o, value));
    word(out, t.document_number, f.number);
    word(out, t.document_kind, f.kind);
    if let Some(field) = f.field {
        word(out, t.document_field, field);
    }
    word(out, t.document_issuer, f.issuer);
    if let Some(s) = &f.signer {
        word(out, t.document_signer, s);
    }
    fact(out, t.document_issued, None, |o| date(o, f.issued, lang));
    if let Some(d) = f.effective {
        fact(out, t.document_effective, None, |o| date(o, d, lang));
    }
    if let Some(d) = f.expires {
        fact(out, t.document_expires, None, |o| date(o, d, lang));
    }
}

/// An article's facts about the document it announces (`<dl>`, in the article's language), and
/// the link to its page in the register (`page`, an `href`) when it has one.
pub fn for_article(doc: &LegalDocument, page: Option<&str>, lang: Lang) -> String {
    let mut out = String::from("<dl>");
    items(&mut out, &Facts::of_article(doc), lang, None);
    out.push_str("</dl>");
    if let Some(href) = page {
        out.push_str("<p class=\"document-link\">");
        link_to(&mut out, href, lang.texts().document_link);
        out.push_str("</p>");
    }
    out
}

/// A document's facts on its page (the content of its `<dl>`): those above, its status on the
/// reader's day and its summary.
pub fn for_document(doc: &Document, status: Status, lang: Lang) -> String {
    let r = RegisterTexts::of(lang);
    let values = (doc.lang != lang).then_some(doc.lang);
    let mut out = String::with_capacity(900);
    items(&mut out, &Facts::of_document(doc), lang, values);
    fact(&mut out, r.status, None, |o| text(o, status.label(r)));
    fact(&mut out, r.summary, values, |o| text(o, &doc.summary));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Signer;
    use crate::legal::hostile;

    #[test]
    fn an_articles_facts_are_escaped_and_dated_in_its_language() {
        let doc = LegalDocument {
            slug: Some("qd-1".into()),
            number: "1/2024/QĐ-UBND".into(),
            kind: "Quyết định".into(),
            issuer: "UBND <Thành phố>".into(),
            signer: None,
            issued: Date::parse("2024-11-01").unwrap_or_default(),
            effective: None,
        };
        let html = for_article(&doc, Some("/van-ban/qd-1"), Lang::En);
        assert!(
            html.contains("<dt>Issued by</dt><dd>UBND &lt;Thành phố&gt;</dd>"),
            "{html}"
        );
        assert!(
            html.contains("<dd><time datetime=\"2024-11-01\">1 November 2024</time></dd>"),
            "{html}"
        );
        assert!(!html.contains("Signed by"), "no signer, no line");
        assert!(html.ends_with("<p class=\"document-link\"><a href=\"/van-ban/qd-1\">See the document, its files and related documents</a></p>"), "{html}");
    }

    #[test]
    fn an_article_and_the_register_say_the_same_in_the_same_words() {
        let doc = Document {
            number: "27/2024/QĐ-UBND".into(),
            kind: "Quyết định".into(),
            issuer: "UBND".into(),
            signer: Some(Signer {
                name: "Lê Hoàng Nam".into(),
                title: String::new(),
            }),
            issued: Date::parse("2024-10-15").unwrap_or_default(),
            effective: Date::parse("2024-11-01").ok(),
            summary: "S".into(),
            ..Document::default()
        };
        let legal = LegalDocument {
            slug: None,
            number: doc.number.clone(),
            kind: doc.kind.clone(),
            issuer: doc.issuer.clone(),
            signer: Some("Lê Hoàng Nam".into()),
            issued: doc.issued,
            effective: doc.effective,
        };
        let article = for_article(&legal, None, Lang::Vi);
        let page = for_document(&doc, Status::InForce, Lang::Vi);
        let shared = article
            .strip_prefix("<dl>")
            .and_then(|a| a.strip_suffix("</dl>"))
            .unwrap_or_default();
        assert!(page.starts_with(shared), "{article}\n{page}");
        assert!(
            shared.contains("<dt>Số ký hiệu</dt>") && shared.contains("<dt>Ngày có hiệu lực</dt>")
        );
    }

    #[test]
    fn a_documents_facts_leave_out_what_is_missing_and_mark_its_language() {
        let mut doc = Document {
            number: "27/2024/QĐ-UBND".into(),
            kind: hostile(),
            issuer: "UBND".into(),
            issued: Date::parse("2024-10-15").unwrap_or_default(),
            summary: "S".into(),
            ..Document::default()
        };
        let html = for_document(&doc, Status::InForce, Lang::Vi);
        assert!(!html.contains("Lĩnh vực") && !html.contains("Người ký"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("lang="), "the page's own language: {html}");
        assert!(html.contains("<dt>Tình trạng hiệu lực</dt><dd>Còn hiệu lực</dd>"));
        doc.signer = Some(Signer {
            name: "Lê Hoàng Nam".into(),
            title: "Phó Chủ tịch".into(),
        });
        doc.expires = Date::parse("2026-01-01").ok();
        let html = for_document(&doc, Status::Expired, Lang::Vi);
        assert!(html.contains("<dd>Lê Hoàng Nam, Phó Chủ tịch</dd>"));
        assert!(html.contains("<dt>Ngày hết hiệu lực</dt>"));
        // On an English page: English terms and dates, the Vietnamese words marked.
        let html = for_document(&doc, Status::Expired, Lang::En);
        assert!(
            html.contains("<dt>Number</dt><dd lang=\"vi\">27/2024/QĐ-UBND</dd>"),
            "{html}"
        );
        assert!(
            html.contains("<dt>Status</dt><dd>No longer in force</dd>"),
            "{html}"
        );
        assert!(html.contains("<dd><time datetime=\"2024-10-15\">15 October 2024</time></dd>"));
        assert!(html.contains("<dt>Summary</dt><dd lang=\"vi\">S</dd>"));
    }
}
