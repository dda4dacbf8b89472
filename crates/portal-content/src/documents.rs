//! The register's documents: sources → contract documents, linked both ways to the articles that
//! announce them and to each other (every relation written once in the sources, its inverse added
//! here), then written with the register's index (`crate::register`).

use crate::generate::{Sink, emit};
use crate::source::DocumentSource;
use anyhow::{Context, Result, bail};
use portal_core::legal::register::document_doc;
use portal_core::legal::{NoFile, Relation, Status};
use portal_core::slug::is_valid_slug;
use portal_core::{API_VERSION, Article, Date, Document, DocumentLink, LegalDocument, Signer};
use std::collections::HashMap;
use std::path::Path;

fn date(field: &str, value: &str) -> Result<Date> {
    Date::parse(value).with_context(|| format!("{field} {value:?}"))
}

fn optional_date(field: &str, value: Option<&str>) -> Result<Option<Date>> {
    value.map(|v| date(field, v)).transpose()
}

/// One source → its document, with the relations the source writes (not yet their inverses).
pub fn to_document(src: &DocumentSource, public: &Path) -> Result<Document> {
    if !is_valid_slug(&src.slug) {
        bail!("slug {:?} is not valid", src.slug);
    }
    let issued = date("issued", &src.issued)?;
    let effective = optional_date("effective", src.effective.as_deref())?;
    let expires = optional_date("expires", src.expires.as_deref())?;
    if effective.is_some_and(|e| e < issued) {
        bail!("effective is before issued");
    }
    if let Some(s) = &src.status
        && Status::from_code(s).is_none()
    {
        bail!("status {s:?} is not one of in_force, partly_in_force, expired, not_yet_in_force");
    }
    if src.signer_title.is_some() && src.signer.is_none() {
        bail!("signer_title without signer");
    }
    let mut relations = Vec::new();
    for (relation, slugs) in [
        (Relation::Replaces, &src.replaces),
        (Relation::Amends, &src.amends),
        (Relation::Guides, &src.guides),
    ] {
        for slug in slugs {
            relations.push(DocumentLink {
                relation: relation.code().to_owned(),
                document: portal_core::DocumentRef {
                    slug: slug.clone(),
                    ..Default::default()
                },
            });
        }
    }
    // A register's page offers its document to download: a document without a file says why.
    match (&src.no_file, src.files.is_empty()) {
        (None, true) => bail!(
            "no file: add [[documents.files]], or say why with no_file = \"{}\"",
            NoFile::ALL.map(NoFile::code).join("\" or \"")
        ),
        (Some(code), _) if NoFile::from_code(code).is_none() => bail!(
            "no_file {code:?} is not one of {}",
            NoFile::ALL.map(NoFile::code).join(", ")
        ),
        (Some(_), false) => bail!("no_file given, yet the document has files"),
        _ => {}
    }
    let body_html = src.text.as_deref().map(|md| {
        let size_of = |url: &str| crate::image_size(public, url);
        crate::render::render(md, &size_of).html
    });
    Ok(Document {
        lang: portal_core::Lang::Vi,
        version: API_VERSION,
        slug: src.slug.clone(),
        number: src.number.trim().to_owned(),
        kind: src.kind.trim().to_owned(),
        field: src.field.trim().to_owned(),
        issuer: src.issuer.trim().to_owned(),
        signer: src.signer.as_ref().map(|name| Signer {
            name: name.trim().to_owned(),
            title: src.signer_title.clone().unwrap_or_default(),
        }),
        issued,
        effective,
        expires,
        status: src.status.clone(),
        summary: src.summary.trim().to_owned(),
        body_html,
        files: crate::attachments(&src.files, public)?,
        no_file: src.no_file.clone(),
        relations,
        cited_by: Vec::new(),
        consultation: None,
    })
}

/// What an article carries of the document it announces.
pub fn legal_of(doc: &Document) -> LegalDocument {
    LegalDocument {
        slug: Some(doc.slug.clone()),
        number: doc.number.clone(),
        kind: doc.kind.clone(),
        issuer: doc.issuer.clone(),
        signer: doc.signer.as_ref().map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                format!("{} {}", s.title, s.name)
            }
        }),
        issued: doc.issued,
        effective: doc.effective,
    }
}

/// Newest first (by issue date, then number): the register's order, which numbers them.
pub fn sort(docs: &mut [Document]) {
    docs.sort_by(|a, b| {
        b.issued
            .cmp(&a.issued)
            .then_with(|| a.number.cmp(&b.number))
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

/// Completes `docs` (relations with their inverses and the linked documents' numbers and
/// summaries, the articles that cite each, newest first as `articles` come), sorts them newest
/// first and writes each document and the register's index.
pub fn write(mut docs: Vec<Document>, articles: &[Article], sink: &mut dyn Sink) -> Result<()> {
    sort(&mut docs);
    let at: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.clone(), i))
        .collect();
    if at.len() != docs.len() {
        bail!("a document slug is used twice");
    }
    let mut links: Vec<(usize, Relation, usize)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for link in &d.relations {
            let Some(&j) = at.get(&link.document.slug) else {
                bail!("{} names unknown document {:?}", d.slug, link.document.slug);
            };
            let Some(relation) = Relation::from_code(&link.relation) else {
                bail!("{} has unknown relation {:?}", d.slug, link.relation);
            };
            if i == j {
                bail!("{} is related to itself", d.slug);
            }
            for l in [(i, relation, j), (j, relation.inverse(), i)] {
                if !links.contains(&l) {
                    links.push(l);
                }
            }
        }
    }
    let refs: Vec<_> = docs.iter().map(Document::reference).collect();
    for d in &mut docs {
        d.relations.clear();
    }
    for (i, relation, j) in links {
        docs[i].relations.push(DocumentLink {
            relation: relation.code().to_owned(),
            document: refs[j].clone(),
        });
    }
    for a in articles {
        let Some(slug) = a.document.as_ref().and_then(|l| l.slug.as_deref()) else {
            continue;
        };
        let Some(&i) = at.get(slug) else {
            bail!("article {:?} names unknown document {slug:?}", a.slug);
        };
        if let Some(s) = a.summary() {
            docs[i].cited_by.push(s);
        }
    }
    for d in &docs {
        emit(sink, document_doc(&d.slug).unwrap_or_default(), d)?;
    }
    crate::register::write(&docs, sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(extra: &str) -> DocumentSource {
        let toml = format!(
            "slug = \"qd-1\"\nnumber = \"1/QĐ-UBND\"\nkind = \"Quyết định\"\nfield = \"Xây dựng\"\n\
             issuer = \"UBND\"\nissued = \"2026-01-02\"\nsummary = \"Về việc thử\"\n{extra}"
        );
        toml::from_str(&toml).unwrap()
    }

    fn error(src: &DocumentSource) -> String {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
        to_document(src, &public)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_document_without_a_file_must_say_why() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
        assert!(
            error(&source("")).contains("no file"),
            "{}",
            error(&source(""))
        );
        for code in ["draft", "withdrawn"] {
            let d = to_document(&source(&format!("no_file = \"{code}\"")), &public).unwrap();
            assert_eq!(d.no_file.as_deref(), Some(code));
            assert!(d.files.is_empty());
        }
        assert!(error(&source("no_file = \"lost\"")).contains("not one of draft, withdrawn"));
        let file = "[[files]]\nname = \"Toàn văn\"\nfile = \"/files/qd-27-2024-qd-ubnd.pdf\"\n";
        let d = to_document(&source(file), &public).unwrap();
        assert_eq!((d.files.len(), d.no_file), (1, None));
        assert!(
            error(&source(&format!("no_file = \"draft\"\n{file}")))
                .contains("yet the document has files")
        );
        // A file that is not there is an error too.
        assert!(
            error(&source(
                "[[files]]\nname = \"x\"\nfile = \"/files/none.pdf\"\n"
            ))
            .contains("attachment")
        );
    }
}
