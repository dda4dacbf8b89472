//! The contract's documents read from an already parsed JSON tree, field by field.
//!
//! Why not serde in the browser: serde_json's generic deserializer is monomorphised for every
//! document type and cost about 30 KB of the gzip wasm; there the app parses with the browser's own
//! `JSON.parse` and walks the result with these functions (one instantiation, for `JsValue`).
//! Natively the same functions run over `serde_json::Value`, and the tests hold
//! them equal to the serde derives, which the content tool writes with.
//!
//! The rules are the serde derives' (docs/api.md): unknown fields are ignored, optional fields may be
//! absent or null, and a missing required field or a value of the wrong type rejects the document.
//! Only the fields the contract names are visited, so a hostile document nested a million levels
//! deep in some unknown field costs nothing; the one recursive type, the menu, stops at
//! [`MAX_MENU_DEPTH`].

use crate::datetime::{Date, DateTime};
use crate::model::*;
use std::fmt;

/// Menus deeper than this are refused (the portal shows two levels; serde_json stopped at 128).
pub const MAX_MENU_DEPTH: usize = 16;

/// A parsed JSON value. `field` answers `None` for an absent or null field, and for a value that is
/// not an object.
pub trait Node: Sized {
    fn is_object(&self) -> bool;
    fn field(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    fn items(&self) -> Option<Vec<Self>>;
}

/// Where in the document decoding failed, and why: `category_path[1].slug: missing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub path: String,
    pub problem: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for DecodeError {}

type Result<T> = std::result::Result<T, DecodeError>;

/// The first error met while reading a document. Readers return a placeholder value after an
/// error instead of returning early: `?` on every field made the compiler emit the clean-up of all
/// fields read so far at each one (quadratic code, 8 KB for `Article` alone).
#[derive(Default)]
pub struct Ctx {
    err: Option<DecodeError>,
}

impl Ctx {
    fn failed(&self) -> bool {
        self.err.is_some()
    }

    fn fail(&mut self, problem: &'static str) {
        if self.err.is_none() {
            self.err = Some(DecodeError {
                path: String::new(),
                problem,
            });
        }
    }

    /// Prefixes the path of the error with `key` (a field name, or `[i]` for an item).
    fn within(&mut self, key: &str) {
        if let Some(e) = &mut self.err {
            if !e.path.is_empty() && !e.path.starts_with('[') {
                e.path.insert(0, '.');
            }
            e.path.insert_str(0, key);
        }
    }
}

/// Reads one value. Plain function pointers, so the helpers below are instantiated once per
/// result type rather than once per call site.
type Read<N, T> = fn(&N, &mut Ctx) -> T;

/// Runs `read` over a whole document.
pub fn run<N: Node, T>(n: &N, read: Read<N, T>) -> Result<T> {
    let mut cx = Ctx::default();
    let value = read(n, &mut cx);
    match cx.err {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// False (and the error recorded) unless `n` is an object and nothing has failed yet.
fn object<N: Node>(n: &N, cx: &mut Ctx) -> bool {
    if !n.is_object() {
        cx.fail("expected an object");
    }
    !cx.failed()
}

fn required<N: Node, T: Default>(n: &N, key: &str, cx: &mut Ctx, read: Read<N, T>) -> T {
    if cx.failed() {
        return T::default();
    }
    match n.field(key) {
        Some(v) => {
            let value = read(&v, cx);
            if cx.failed() {
                cx.within(key);
            }
            value
        }
        None => {
            cx.fail("missing");
            cx.within(key);
            T::default()
        }
    }
}

fn optional<N: Node, T>(n: &N, key: &str, cx: &mut Ctx, read: Read<N, T>) -> Option<T> {
    if cx.failed() {
        return None;
    }
    let value = read(&n.field(key)?, cx);
    if cx.failed() {
        cx.within(key);
        return None;
    }
    Some(value)
}

fn list<N: Node, T>(n: &N, cx: &mut Ctx, read: Read<N, T>) -> Vec<T> {
    let Some(items) = n.items() else {
        cx.fail("expected an array");
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, cx));
        if cx.failed() {
            cx.within(&format!("[{i}]"));
            return Vec::new();
        }
    }
    out
}

/// The array `v` found at `key`.
fn list_at<N: Node, T>(v: &N, key: &str, cx: &mut Ctx, read: Read<N, T>) -> Vec<T> {
    let out = list(v, cx, read);
    if cx.failed() {
        cx.within(key);
    }
    out
}

/// An optional array: absent or null is empty.
fn optional_list<N: Node, T>(n: &N, key: &str, cx: &mut Ctx, read: Read<N, T>) -> Vec<T> {
    if cx.failed() {
        return Vec::new();
    }
    match n.field(key) {
        Some(v) => list_at(&v, key, cx, read),
        None => Vec::new(),
    }
}

fn required_list<N: Node, T>(n: &N, key: &str, cx: &mut Ctx, read: Read<N, T>) -> Vec<T> {
    if cx.failed() {
        return Vec::new();
    }
    match n.field(key) {
        Some(v) => list_at(&v, key, cx, read),
        None => {
            cx.fail("missing");
            cx.within(key);
            Vec::new()
        }
    }
}

fn string<N: Node>(n: &N, cx: &mut Ctx) -> String {
    n.string().unwrap_or_else(|| {
        cx.fail("expected a string");
        String::new()
    })
}

fn whole(n: &impl Node, max: f64, cx: &mut Ctx) -> f64 {
    match n.number() {
        // JSON numbers reach JavaScript as doubles: whole numbers up to 2^53 are exact.
        Some(x) if x.fract() == 0.0 && (0.0..=max).contains(&x) => x,
        Some(_) => {
            cx.fail("expected a whole number in range");
            0.0
        }
        None => {
            cx.fail("expected a number");
            0.0
        }
    }
}

fn u32_<N: Node>(n: &N, cx: &mut Ctx) -> u32 {
    whole(n, f64::from(u32::MAX), cx) as u32
}

fn u64_<N: Node>(n: &N, cx: &mut Ctx) -> u64 {
    whole(n, 9_007_199_254_740_991.0, cx) as u64
}

fn boolean<N: Node>(n: &N, cx: &mut Ctx) -> bool {
    n.boolean().unwrap_or_else(|| {
        cx.fail("expected true or false");
        false
    })
}

fn date_time<N: Node>(n: &N, cx: &mut Ctx) -> DateTime {
    let parsed = n.string().and_then(|s| DateTime::parse(&s).ok());
    parsed.unwrap_or_else(|| {
        cx.fail("expected an RFC 3339 date-time");
        DateTime::default()
    })
}

fn date<N: Node>(n: &N, cx: &mut Ctx) -> Date {
    let parsed = n.string().and_then(|s| Date::parse(&s).ok());
    parsed.unwrap_or_else(|| {
        cx.fail("expected a YYYY-MM-DD date");
        Date::default()
    })
}

fn text_or_empty<N: Node>(n: &N, key: &str, cx: &mut Ctx) -> String {
    optional(n, key, cx, string).unwrap_or_default()
}

fn image<N: Node>(n: &N, cx: &mut Ctx) -> Image {
    if !object(n, cx) {
        return Image::default();
    }
    Image {
        src: required(n, "src", cx, string),
        alt: text_or_empty(n, "alt", cx),
        width: optional(n, "width", cx, u32_),
        height: optional(n, "height", cx, u32_),
        caption: optional(n, "caption", cx, string),
    }
}

fn category_ref<N: Node>(n: &N, cx: &mut Ctx) -> CategoryRef {
    if !object(n, cx) {
        return CategoryRef::default();
    }
    CategoryRef {
        slug: required(n, "slug", cx, string),
        name: required(n, "name", cx, string),
    }
}

fn menu_item_at<N: Node>(n: &N, cx: &mut Ctx, depth: usize) -> MenuItem {
    if !object(n, cx) {
        return MenuItem::default();
    }
    let slug = required(n, "slug", cx, string);
    let name = required(n, "name", cx, string);
    let mut children = Vec::new();
    if let (false, Some(v)) = (cx.failed(), n.field("children")) {
        match v.items() {
            None => cx.fail("expected an array"),
            Some(_) if depth >= MAX_MENU_DEPTH => cx.fail("menu nested too deep"),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    children.push(menu_item_at(item, cx, depth + 1));
                    if cx.failed() {
                        cx.within(&format!("[{i}]"));
                        break;
                    }
                }
            }
        }
        if cx.failed() {
            cx.within("children");
        }
    }
    MenuItem {
        slug,
        name,
        children,
    }
}

fn menu_item_in<N: Node>(n: &N, cx: &mut Ctx) -> MenuItem {
    menu_item_at(n, cx, 1)
}

fn official<N: Node>(n: &N, cx: &mut Ctx) -> Official {
    if !object(n, cx) {
        return Official::default();
    }
    Official {
        name: required(n, "name", cx, string),
        role: required(n, "role", cx, string),
        phone: optional(n, "phone", cx, string),
        email: optional(n, "email", cx, string),
    }
}

fn footer<N: Node>(n: &N, cx: &mut Ctx) -> Footer {
    if !object(n, cx) {
        return Footer::default();
    }
    Footer {
        agency: required(n, "agency", cx, string),
        managing_unit: optional(n, "managing_unit", cx, string),
        address: required(n, "address", cx, string),
        phone: required(n, "phone", cx, string),
        email: required(n, "email", cx, string),
        licence: required(n, "licence", cx, string),
        note: optional(n, "note", cx, string),
        officials: optional_list(n, "officials", cx, official),
    }
}

fn site_in<N: Node>(n: &N, cx: &mut Ctx) -> Site {
    if !object(n, cx) {
        return Site::default();
    }
    Site {
        version: required(n, "version", cx, u32_),
        name: required(n, "name", cx, string),
        short_name: optional(n, "short_name", cx, string),
        tagline: optional(n, "tagline", cx, string),
        logo: required(n, "logo", cx, image),
        menu: required_list(n, "menu", cx, menu_item_in),
        footer: required(n, "footer", cx, footer),
    }
}

fn article_summary_in<N: Node>(n: &N, cx: &mut Ctx) -> ArticleSummary {
    if !object(n, cx) {
        return ArticleSummary::default();
    }
    ArticleSummary {
        id: required(n, "id", cx, u64_),
        slug: required(n, "slug", cx, string),
        title: required(n, "title", cx, string),
        lead: text_or_empty(n, "lead", cx),
        published: required(n, "published", cx, date_time),
        category: required(n, "category", cx, category_ref),
        thumbnail: optional(n, "thumbnail", cx, image),
    }
}

fn home_block<N: Node>(n: &N, cx: &mut Ctx) -> HomeBlock {
    if !object(n, cx) {
        return HomeBlock::default();
    }
    HomeBlock {
        category: required(n, "category", cx, category_ref),
        articles: required_list(n, "articles", cx, article_summary_in),
    }
}

fn home_in<N: Node>(n: &N, cx: &mut Ctx) -> Home {
    if !object(n, cx) {
        return Home::default();
    }
    Home {
        version: required(n, "version", cx, u32_),
        featured: optional_list(n, "featured", cx, article_summary_in),
        latest: optional_list(n, "latest", cx, article_summary_in),
        blocks: optional_list(n, "blocks", cx, home_block),
    }
}

fn category<N: Node>(n: &N, cx: &mut Ctx) -> Category {
    if !object(n, cx) {
        return Category::default();
    }
    Category {
        slug: required(n, "slug", cx, string),
        name: required(n, "name", cx, string),
        description: text_or_empty(n, "description", cx),
        parent: optional(n, "parent", cx, category_ref),
        children: optional_list(n, "children", cx, category_ref),
        breadcrumb: optional_list(n, "breadcrumb", cx, category_ref),
    }
}

fn summary_page<N: Node>(n: &N, cx: &mut Ctx) -> Page<ArticleSummary> {
    if !object(n, cx) {
        return Page::default();
    }
    Page {
        number: required(n, "number", cx, u32_),
        size: required(n, "size", cx, u32_),
        total_items: required(n, "total_items", cx, u64_),
        total_pages: required(n, "total_pages", cx, u32_),
        items: required_list(n, "items", cx, article_summary_in),
    }
}

fn category_page_in<N: Node>(n: &N, cx: &mut Ctx) -> CategoryPage {
    if !object(n, cx) {
        return CategoryPage::default();
    }
    CategoryPage {
        version: required(n, "version", cx, u32_),
        category: required(n, "category", cx, category),
        page: required(n, "page", cx, summary_page),
    }
}

fn attachment<N: Node>(n: &N, cx: &mut Ctx) -> Attachment {
    if !object(n, cx) {
        return Attachment::default();
    }
    Attachment {
        name: required(n, "name", cx, string),
        mime: required(n, "type", cx, string),
        size: required(n, "size", cx, u64_),
        url: required(n, "url", cx, string),
    }
}

fn legal_document<N: Node>(n: &N, cx: &mut Ctx) -> LegalDocument {
    if !object(n, cx) {
        return LegalDocument::default();
    }
    LegalDocument {
        number: required(n, "number", cx, string),
        kind: required(n, "kind", cx, string),
        issuer: required(n, "issuer", cx, string),
        signer: optional(n, "signer", cx, string),
        issued: required(n, "issued", cx, date),
        effective: optional(n, "effective", cx, date),
    }
}

fn article_in<N: Node>(n: &N, cx: &mut Ctx) -> Article {
    if !object(n, cx) {
        return Article::default();
    }
    Article {
        version: required(n, "version", cx, u32_),
        id: required(n, "id", cx, u64_),
        slug: required(n, "slug", cx, string),
        title: required(n, "title", cx, string),
        lead: text_or_empty(n, "lead", cx),
        published: required(n, "published", cx, date_time),
        updated: optional(n, "updated", cx, date_time),
        author: text_or_empty(n, "author", cx),
        category_path: required_list(n, "category_path", cx, category_ref),
        body_html: required(n, "body_html", cx, string),
        thumbnail: optional(n, "thumbnail", cx, image),
        images: optional_list(n, "images", cx, image),
        attachments: optional_list(n, "attachments", cx, attachment),
        tags: optional_list(n, "tags", cx, string),
        related: optional_list(n, "related", cx, article_summary_in),
        document: optional(n, "document", cx, legal_document),
        featured: optional(n, "featured", cx, boolean).unwrap_or(false),
    }
}

pub fn site<N: Node>(n: &N) -> Result<Site> {
    run(n, site_in)
}

pub fn home<N: Node>(n: &N) -> Result<Home> {
    run(n, home_in)
}

pub fn category_page<N: Node>(n: &N) -> Result<CategoryPage> {
    run(n, category_page_in)
}

pub fn article<N: Node>(n: &N) -> Result<Article> {
    run(n, article_in)
}

pub fn article_summary<N: Node>(n: &N) -> Result<ArticleSummary> {
    run(n, article_summary_in)
}

pub fn menu_item<N: Node>(n: &N) -> Result<MenuItem> {
    run(n, menu_item_in)
}

#[cfg(not(target_arch = "wasm32"))]
mod json {
    use super::Node;
    use serde_json::Value;

    // Owned, so decoders take plain `Value`; the copies only cost natively (tools and tests).
    impl Node for Value {
        fn is_object(&self) -> bool {
            Value::is_object(self)
        }
        fn field(&self, key: &str) -> Option<Self> {
            self.as_object()?.get(key).filter(|v| !v.is_null()).cloned()
        }
        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Option<Vec<Self>> {
            self.as_array().cloned()
        }
    }
}

/// Parses `text` and decodes it with `read` (native callers: tools and tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T>(
    text: &str,
    read: fn(&serde_json::Value) -> Result<T>,
) -> std::result::Result<T, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    read(&value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sample(rel: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../public/api/v1")
            .join(rel);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn decodes_the_samples_exactly_as_serde_does() {
        let site = sample("site.json");
        assert_eq!(
            from_str(&site, super::site).unwrap(),
            serde_json::from_str::<Site>(&site).unwrap()
        );
        let home = sample("home.json");
        assert_eq!(
            from_str(&home, super::home).unwrap(),
            serde_json::from_str::<Home>(&home).unwrap()
        );
        let cat = sample("categories/thoi-su/1.json");
        let page = from_str(&cat, category_page).unwrap();
        assert_eq!(page, serde_json::from_str::<CategoryPage>(&cat).unwrap());
        let first = &page.page.items[0].slug;
        let text = sample(&format!("articles/{first}.json"));
        assert_eq!(
            from_str(&text, super::article).unwrap(),
            serde_json::from_str::<Article>(&text).unwrap()
        );
    }

    const SUMMARY: &str = r#"{"id":1,"slug":"a","title":"T","published":"2024-01-01T08:00:00+07:00",
        "category":{"slug":"c","name":"C","colour":"red"}"#;

    #[test]
    fn unknown_fields_are_ignored_and_optional_fields_default() {
        let s = from_str(
            &format!(r#"{SUMMARY},"future_field":[1,[2,{{}}]]}}"#),
            article_summary,
        )
        .unwrap();
        assert_eq!(s.lead, "");
        assert!(s.thumbnail.is_none());
        // null is as good as absent for an optional field
        let s = from_str(
            &format!(r#"{SUMMARY},"thumbnail":null,"lead":null}}"#),
            article_summary,
        )
        .unwrap();
        assert!(s.thumbnail.is_none());
        assert_eq!(s.lead, "");
    }

    #[test]
    fn missing_or_mistyped_fields_are_errors_that_say_where() {
        let e = from_str(r#"{"id":1,"slug":"a"}"#, article_summary).unwrap_err();
        assert_eq!(e, "title: missing");
        let e = from_str(SUMMARY, article_summary).unwrap_err();
        assert!(
            e.contains("EOF"),
            "an unclosed document is a parse error: {e}"
        );
        let e = from_str(
            &format!("{}}}", SUMMARY.replace(r#""name":"C""#, r#""name":7"#)),
            article_summary,
        )
        .unwrap_err();
        assert_eq!(e, "category.name: expected a string");
        let e = from_str(
            &format!(r#"{SUMMARY},"thumbnail":{{"alt":"x"}}}}"#),
            article_summary,
        )
        .unwrap_err();
        assert_eq!(e, "thumbnail.src: missing");
        let e = from_str(
            &format!(
                "{},\"lead\":3}}",
                SUMMARY.replace(r#""id":1"#, r#""id":"one""#)
            ),
            article_summary,
        )
        .unwrap_err();
        assert_eq!(e, "id: expected a number");
        let e = from_str(
            r#"{"version":1,"featured":[{"id":1}],"latest":[]}"#,
            super::home,
        )
        .unwrap_err();
        assert_eq!(e, "featured[0].slug: missing");
        assert_eq!(
            from_str("[1,2]", super::home).unwrap_err(),
            "expected an object"
        );
    }

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        for (id, ok) in [
            ("1", true),
            ("1.0", true),
            ("9007199254740991", true),
            ("9007199254740993", false),
            ("1.5", false),
            ("-1", false),
            ("1e400", false),
        ] {
            let doc = format!(
                "{},\"lead\":\"\"}}",
                SUMMARY.replace(r#""id":1"#, &format!(r#""id":{id}"#))
            );
            assert_eq!(from_str(&doc, article_summary).is_ok(), ok, "id {id}");
        }
        let e = from_str(
            r#"{"number":1,"size":20,"total_items":-3,"total_pages":1,"items":[]}"#,
            |n| run(n, summary_page),
        )
        .unwrap_err();
        assert_eq!(e, "total_items: expected a whole number in range");
    }

    #[test]
    fn menus_stop_at_their_depth_limit() {
        fn nested(depth: usize) -> String {
            let mut s = r#"{"slug":"x","name":"X"}"#.to_owned();
            for _ in 1..depth {
                s = format!(r#"{{"slug":"x","name":"X","children":[{s}]}}"#);
            }
            s
        }
        assert!(from_str(&nested(MAX_MENU_DEPTH), menu_item).is_ok());
        let e = from_str(&nested(MAX_MENU_DEPTH + 1), menu_item).unwrap_err();
        assert!(e.ends_with("menu nested too deep"), "{e}");
        assert!(e.starts_with("children[0].children[0]"), "{e}");
    }

    #[test]
    fn dates_and_the_wire_name_of_type() {
        let e = from_str(
            &format!(
                "{}}}",
                SUMMARY.replace("2024-01-01T08:00:00+07:00", "hôm qua")
            ),
            article_summary,
        )
        .unwrap_err();
        assert_eq!(e, "published: expected an RFC 3339 date-time");
        let a = from_str(
            r#"{"name":"n","type":"application/pdf","size":3,"url":"files/a.pdf"}"#,
            |n| run(n, attachment),
        )
        .unwrap();
        assert_eq!(a.mime, "application/pdf");
        let d = from_str(
            r#"{"number":"1/QĐ","kind":"Quyết định","issuer":"UBND","issued":"2024-02-30"}"#,
            |n| run(n, legal_document),
        )
        .unwrap_err();
        assert_eq!(d, "issued: expected a YYYY-MM-DD date");
    }
}
