//! Content API contract v1 (see `docs/api.md`): these serde derives ARE the contract; the app reads
//! documents through them (`crate::decode::from_str`) and the content tool writes with them.
//!
//! Decoding is tolerant by design, so a CMS can add fields without breaking deployed clients:
//! unknown fields are ignored, optional fields may be absent or `null`, and a bad item of a content
//! list is left out (and reported) rather than reject the page. A missing required field or a wrong
//! type rejects the document. The `deserialize_with` helpers live in `crate::decode`.

use crate::datetime::{Date, DateTime};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The contract version this crate speaks; it is also the `/api/v1` path segment.
pub const API_VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

/// An image: `src` is absolute (`https://…`) or relative to the portal's base URL (`media/x.svg`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    /// Empty only for decorative images.
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

impl Image {
    /// Whether link previews can show it ([`crate::paths::is_raster`]).
    pub fn is_raster(&self) -> bool {
        crate::paths::is_raster(&self.src)
    }
}

/// A link to a category: enough to name it and build its URL (`/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

/// One entry of the main menu; `children` nest to any depth.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MenuItem {
    pub slug: String,
    pub name: String,
    /// Where the item leads (a route relative to the deployment's base, `/gioi-thieu/lien-he`)
    /// when it is not the category `/<slug>` of the menu's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::decode::optional::children",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub children: Vec<MenuItem>,
}

/// A person the public can contact, as Decree 42 asks the footer to name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The footer block: responsible agency, address, phone, email, licence line and officials.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    pub agency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managing_unit: Option<String>,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub licence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "crate::decode::optional::officials")]
    pub officials: Vec<Official>,
}

/// The same page in another language: `path` is its route relative to the deployment's base
/// (`/en/about/organisation`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternate {
    pub lang: Lang,
    pub path: String,
}

/// `site.json` (`en/site.json` in English): identity, menu tree and footer; loaded once per visit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagline: Option<String>,
    pub logo: Image,
    #[serde(deserialize_with = "crate::decode::required::menu")]
    pub menu: Vec<MenuItem>,
    #[serde(deserialize_with = "crate::decode::within::footer")]
    pub footer: Footer,
    /// A CMS's search endpoint (absolute, or relative to the API base), asked with the search
    /// page's parameters and answering [`SearchResults`]; without it the app reads the static
    /// index (`search/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The site in other languages (their home pages): the language switch offers only these.
    #[serde(
        default,
        deserialize_with = "crate::decode::hint::alternates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternates: Vec<Alternate>,
}

/// What lists show of an article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: u64,
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub lead: String,
    pub published: DateTime,
    /// The article's own (most specific) category; its URL is `/<category.slug>/<slug>`.
    pub category: CategoryRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
}

/// A home-page block: the newest articles of one main category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeBlock {
    pub category: CategoryRef,
    #[serde(deserialize_with = "crate::decode::required::articles")]
    pub articles: Vec<ArticleSummary>,
}

/// `home.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    #[serde(default, deserialize_with = "crate::decode::optional::featured")]
    pub featured: Vec<ArticleSummary>,
    #[serde(default, deserialize_with = "crate::decode::optional::latest")]
    pub latest: Vec<ArticleSummary>,
    #[serde(default, deserialize_with = "crate::decode::optional::blocks")]
    pub blocks: Vec<HomeBlock>,
    /// The same page in the other languages, for `hreflang` and the language switch.
    #[serde(
        default,
        deserialize_with = "crate::decode::hint::alternates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternates: Vec<Alternate>,
}

/// A category as its own pages describe it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<CategoryRef>,
    #[serde(default, deserialize_with = "crate::decode::optional::children")]
    pub children: Vec<CategoryRef>,
    /// Ancestors from the top level down, excluding this category (empty for a top-level one).
    /// A path: a bad item rejects the document rather than be left out, since a trail with a gap
    /// would name the wrong parent.
    #[serde(default, deserialize_with = "crate::decode::whole::breadcrumb")]
    pub breadcrumb: Vec<CategoryRef>,
    /// The same page in the other languages, for `hreflang` and the language switch.
    #[serde(
        default,
        deserialize_with = "crate::decode::hint::alternates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternates: Vec<Alternate>,
}

/// One page of a list: numbers start at 1; `total_pages` is at least 1, even for an empty list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    pub number: u32,
    pub size: u32,
    pub total_items: u64,
    pub total_pages: u32,
    #[serde(deserialize_with = "crate::decode::required::items")]
    pub items: Vec<T>,
}

/// `categories/<slug>/index.json` (the front page) and `categories/<slug>/<k>.json`: a category
/// and one page of its articles (its own and its descendants'), in pages that never move once
/// full ([`crate::pagination::Archive`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    #[serde(deserialize_with = "crate::decode::within::category")]
    pub category: Category,
    #[serde(deserialize_with = "crate::decode::within::page")]
    pub page: ArchivePage,
}

/// One page of a category's articles, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArchivePage {
    /// `0`: the front page; `k`: the `k`-th page counted from the oldest article.
    #[serde(default)]
    pub number: u32,
    /// The category's articles in all, on the front page only: a numbered page does not change
    /// when more are published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_items: Option<u64>,
    #[serde(deserialize_with = "crate::decode::required::items")]
    pub items: Vec<ArticleSummary>,
    /// The page of the articles just older than these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<u32>,
    /// On a numbered page, the page of the articles just newer; none: the front page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<u32>,
}

/// One result of a search: the article, and a snippet of its text around the first match (plain
/// text; the app marks the matches).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub category: CategoryRef,
    pub published: DateTime,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub snippet: String,
}

/// A page of search results: what a CMS's search endpoint (`Site::search`) answers, and what the
/// app builds itself from the static index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub version: u32,
    #[serde(deserialize_with = "crate::decode::within::page")]
    pub page: Page<SearchHit>,
    /// `page.total_items` is a lower bound: the results found so far, the rest never needed for
    /// this page (the static index's tiers; a CMS may say so too).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
}

/// A downloadable file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    /// MIME type, e.g. `application/pdf`.
    #[serde(rename = "type")]
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    pub url: String,
}

/// Metadata of a legal document (Decree 42: number, issuer, issue and effective dates), as the
/// article that announces it carries it; `slug` names its page in the register (`/van-ban/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegalDocument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    pub number: String,
    pub kind: String,
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    pub issued: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
}

/// Who signed a document, and as what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub title: String,
}

/// What a link to another document shows: its number and summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub slug: String,
    pub number: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub summary: String,
}

/// How this document stands to another: `relation` is a code of
/// [`crate::legal::Relation`] (`replaces`, `replaced_by`, `amends`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLink {
    pub relation: String,
    pub document: DocumentRef,
}

/// A link to a public consultation (`/lay-y-kien/<slug>`, `crate::participation`): from the
/// register's document its draft became.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationRef {
    pub slug: String,
    pub title: String,
}

/// `documents/<slug>.json`: a legal document of the register (`/van-ban/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    pub slug: String,
    /// Number and symbol (`số ký hiệu`): `27/2024/QĐ-UBND`.
    pub number: String,
    /// Nghị quyết, Quyết định, Chỉ thị, … (any word: an unknown type is shown as it is).
    pub kind: String,
    /// Field (`lĩnh vực`).
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub field: String,
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    pub issued: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    /// A code of [`crate::legal::Status`] when the document states it; otherwise (or when the
    /// code is unknown) the status follows from the dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The summary (`trích yếu`).
    pub summary: String,
    /// The full text: untrusted HTML, sanitized like an article's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    #[serde(default, deserialize_with = "crate::decode::optional::files")]
    pub files: Vec<Attachment>,
    /// Why it has no files, when it has none: `draft`, `withdrawn` (`legal::NoFile`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_file: Option<String>,
    #[serde(default, deserialize_with = "crate::decode::optional::relations")]
    pub relations: Vec<DocumentLink>,
    /// The articles that cite it, newest first.
    #[serde(default, deserialize_with = "crate::decode::optional::cited_by")]
    pub cited_by: Vec<ArticleSummary>,
    /// The public consultation whose draft this document became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<ConsultationRef>,
}

impl Document {
    pub fn reference(&self) -> DocumentRef {
        DocumentRef {
            slug: self.slug.clone(),
            number: self.number.clone(),
            summary: self.summary.clone(),
        }
    }
}

/// `articles/<slug>.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    pub id: u64,
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub lead: String,
    pub published: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime>,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub author: String,
    /// The article's own category, from the top level down to it. A path: a bad item rejects the
    /// document rather than be left out, since the article's URL is built from the last one.
    #[serde(deserialize_with = "crate::decode::whole::category_path")]
    pub category_path: Vec<CategoryRef>,
    /// Untrusted HTML: the client sanitizes it before it reaches the DOM.
    pub body_html: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
    /// Every image of the body, with alt and caption.
    #[serde(default, deserialize_with = "crate::decode::optional::images")]
    pub images: Vec<Image>,
    #[serde(default, deserialize_with = "crate::decode::optional::attachments")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "crate::decode::optional::tags")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "crate::decode::optional::related")]
    pub related: Vec<ArticleSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<LegalDocument>,
    #[serde(
        default,
        deserialize_with = "crate::decode::or_default",
        skip_serializing_if = "is_false"
    )]
    pub featured: bool,
    /// The same page in the other languages, for `hreflang` and the language switch.
    #[serde(
        default,
        deserialize_with = "crate::decode::hint::alternates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternates: Vec<Alternate>,
}

impl Article {
    /// The article's own category (the last of its path).
    pub fn category(&self) -> Option<&CategoryRef> {
        self.category_path.last()
    }

    pub fn summary(&self) -> Option<ArticleSummary> {
        Some(ArticleSummary {
            id: self.id,
            slug: self.slug.clone(),
            title: self.title.clone(),
            lead: self.lead.clone(),
            published: self.published,
            category: self.category()?.clone(),
            thumbnail: self.thumbnail.clone(),
        })
    }
}

/// A link within a section of the portal's own pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    /// The page's route, relative to the deployment's base (`/gioi-thieu/lanh-dao`).
    pub path: String,
    pub title: String,
}

/// `pages/<slug>.json` (`en/pages/<slug>.json`): one of the portal's own pages (introduction,
/// organisation, leaders, departments and districts, contacts), at `/gioi-thieu[/<slug>]`
/// (`/en/about[/<slug>]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InfoPage {
    pub version: u32,
    /// The document's language (`vi` when missing).
    #[serde(default)]
    pub lang: Lang,
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub lead: String,
    /// Untrusted HTML (the organisation as nested lists, contacts as a table, …): the client
    /// sanitizes it like an article's body.
    pub body_html: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime>,
    /// The pages of its section, this one included, in the menu's order.
    #[serde(
        default,
        deserialize_with = "crate::decode::optional::section",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub section: Vec<PageLink>,
    /// The same page in the other languages, for `hreflang` and the language switch.
    #[serde(
        default,
        deserialize_with = "crate::decode::hint::alternates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternates: Vec<Alternate>,
}

/// The body of a JSON error answer: `{"error": {"status": 404, "code": "not_found", "message": "…"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub status: u16,
    pub code: String,
    #[serde(default, deserialize_with = "crate::decode::or_default")]
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorDocument {
    pub error: ErrorBody,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_ignored_and_optional_fields_default() {
        let s: ArticleSummary = serde_json::from_str(
            r#"{"id":1,"slug":"a","title":"T","published":"2024-01-01T08:00:00+07:00",
                "category":{"slug":"c","name":"C","colour":"red"},"future_field":[1,2]}"#,
        )
        .unwrap();
        assert_eq!(s.lead, "");
        assert!(s.thumbnail.is_none());
    }

    #[test]
    fn missing_required_field_or_wrong_type_is_an_error() {
        assert!(serde_json::from_str::<ArticleSummary>(r#"{"id":1,"slug":"a"}"#).is_err());
        assert!(
            serde_json::from_str::<ArticleSummary>(
                r#"{"id":"one","slug":"a","title":"T","published":"2024-01-01T08:00:00+07:00","category":{"slug":"c","name":"C"}}"#
            )
            .is_err()
        );
    }

    #[test]
    fn attachment_type_is_named_type_on_the_wire() {
        let a = Attachment {
            name: "n".into(),
            mime: "application/pdf".into(),
            size: 3,
            url: "files/a.pdf".into(),
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains(r#""type":"application/pdf""#), "{json}");
    }

    #[test]
    fn error_document_decodes() {
        let e: ApiErrorDocument = serde_json::from_str(
            r#"{"error":{"status":404,"code":"not_found","message":"Không tìm thấy"}}"#,
        )
        .unwrap();
        assert_eq!(e.error.status, 404);
    }

    #[test]
    fn alternates_are_a_hint_a_bad_list_is_ignored() {
        let home = |alternates: &str| {
            crate::decode::from_str::<Home>(&format!(
                r#"{{"version":1,"lang":"en","alternates":{alternates},"latest":[]}}"#
            ))
            .map(|d| d.value)
        };
        let good = home(r#"[{"lang":"vi","path":"/"}]"#).unwrap();
        assert_eq!((good.lang, good.alternates.len()), (Lang::En, 1));
        for bad in [r#"[{"lang":"vi","path":5}]"#, r#""x""#, "null", "{}"] {
            let decoded = crate::decode::from_str::<Home>(&format!(
                r#"{{"version":1,"lang":"en","alternates":{bad},"latest":[]}}"#
            ))
            .unwrap_or_else(|e| panic!("{bad}: {e}"));
            let h = decoded.value;
            assert!(h.alternates.is_empty(), "{bad}");
            // Reported like a left-out item (a `null` is as good as absent).
            assert_eq!(decoded.skipped.len(), usize::from(bad != "null"), "{bad}");
            assert_eq!(h.lang, Lang::En, "the rest still reads");
        }
    }
}
