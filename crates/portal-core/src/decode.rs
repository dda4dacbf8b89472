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

fn fail<T>(problem: &'static str) -> Result<T> {
    Err(DecodeError {
        path: String::new(),
        problem,
    })
}

fn missing(key: &str) -> DecodeError {
    DecodeError {
        path: key.to_owned(),
        problem: "missing",
    }
}

/// Prefixes the path of an error from inside `key` (a field name, or `[i]` for an item).
fn within(mut e: DecodeError, key: &str) -> DecodeError {
    if e.path.is_empty() || e.path.starts_with('[') {
        e.path.insert_str(0, key);
    } else {
        e.path.insert(0, '.');
        e.path.insert_str(0, key);
    }
    e
}

/// A decoder of one value; plain function pointers, so the helpers below are instantiated once per
/// result type rather than once per call site.
type Read<N, T> = fn(&N) -> Result<T>;

fn object<N: Node>(n: &N) -> Result<()> {
    if n.is_object() {
        Ok(())
    } else {
        fail("expected an object")
    }
}

fn required<N: Node, T>(n: &N, key: &str, read: Read<N, T>) -> Result<T> {
    match n.field(key) {
        Some(v) => read(&v).map_err(|e| within(e, key)),
        None => Err(missing(key)),
    }
}

fn optional<N: Node, T>(n: &N, key: &str, read: Read<N, T>) -> Result<Option<T>> {
    match n.field(key) {
        Some(v) => read(&v).map(Some).map_err(|e| within(e, key)),
        None => Ok(None),
    }
}

fn list<N: Node, T>(n: &N, read: Read<N, T>) -> Result<Vec<T>> {
    let Some(items) = n.items() else {
        return fail("expected an array");
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item).map_err(|e| within(e, &format!("[{i}]")))?);
    }
    Ok(out)
}

/// An optional array: absent or null is empty.
fn optional_list<N: Node, T>(n: &N, key: &str, read: Read<N, T>) -> Result<Vec<T>> {
    match n.field(key) {
        Some(v) => list(&v, read).map_err(|e| within(e, key)),
        None => Ok(Vec::new()),
    }
}

fn required_list<N: Node, T>(n: &N, key: &str, read: Read<N, T>) -> Result<Vec<T>> {
    match n.field(key) {
        Some(v) => list(&v, read).map_err(|e| within(e, key)),
        None => Err(missing(key)),
    }
}

pub fn string<N: Node>(n: &N) -> Result<String> {
    n.string().map_or_else(|| fail("expected a string"), Ok)
}

fn whole(n: &impl Node, max: f64) -> Result<f64> {
    match n.number() {
        // JSON numbers reach JavaScript as doubles: whole numbers up to 2^53 are exact.
        Some(x) if x.fract() == 0.0 && (0.0..=max).contains(&x) => Ok(x),
        Some(_) => fail("expected a whole number in range"),
        None => fail("expected a number"),
    }
}

pub fn u32_<N: Node>(n: &N) -> Result<u32> {
    whole(n, f64::from(u32::MAX)).map(|x| x as u32)
}

pub fn u16_<N: Node>(n: &N) -> Result<u16> {
    whole(n, f64::from(u16::MAX)).map(|x| x as u16)
}

pub fn u64_<N: Node>(n: &N) -> Result<u64> {
    whole(n, 9_007_199_254_740_991.0).map(|x| x as u64)
}

pub fn boolean<N: Node>(n: &N) -> Result<bool> {
    n.boolean()
        .map_or_else(|| fail("expected true or false"), Ok)
}

pub fn date_time<N: Node>(n: &N) -> Result<DateTime> {
    DateTime::parse(&string(n)?).or_else(|_| fail("expected an RFC 3339 date-time"))
}

pub fn date<N: Node>(n: &N) -> Result<Date> {
    Date::parse(&string(n)?).or_else(|_| fail("expected a YYYY-MM-DD date"))
}

fn text_or_empty<N: Node>(n: &N, key: &str) -> Result<String> {
    optional(n, key, string).map(Option::unwrap_or_default)
}

pub fn image<N: Node>(n: &N) -> Result<Image> {
    object(n)?;
    Ok(Image {
        src: required(n, "src", string)?,
        alt: text_or_empty(n, "alt")?,
        width: optional(n, "width", u32_)?,
        height: optional(n, "height", u32_)?,
        caption: optional(n, "caption", string)?,
    })
}

pub fn category_ref<N: Node>(n: &N) -> Result<CategoryRef> {
    object(n)?;
    Ok(CategoryRef {
        slug: required(n, "slug", string)?,
        name: required(n, "name", string)?,
    })
}

fn menu_item_at<N: Node>(n: &N, depth: usize) -> Result<MenuItem> {
    object(n)?;
    if depth > MAX_MENU_DEPTH {
        return fail("menu nested too deep");
    }
    let mut children = Vec::new();
    if let Some(v) = n.field("children") {
        let Some(items) = v.items() else {
            return Err(DecodeError {
                path: "children".to_owned(),
                problem: "expected an array",
            });
        };
        for (i, item) in items.iter().enumerate() {
            children.push(
                menu_item_at(item, depth + 1)
                    .map_err(|e| within(within(e, &format!("[{i}]")), "children"))?,
            );
        }
    }
    Ok(MenuItem {
        slug: required(n, "slug", string)?,
        name: required(n, "name", string)?,
        children,
    })
}

pub fn menu_item<N: Node>(n: &N) -> Result<MenuItem> {
    menu_item_at(n, 1)
}

pub fn official<N: Node>(n: &N) -> Result<Official> {
    object(n)?;
    Ok(Official {
        name: required(n, "name", string)?,
        role: required(n, "role", string)?,
        phone: optional(n, "phone", string)?,
        email: optional(n, "email", string)?,
    })
}

pub fn footer<N: Node>(n: &N) -> Result<Footer> {
    object(n)?;
    Ok(Footer {
        agency: required(n, "agency", string)?,
        managing_unit: optional(n, "managing_unit", string)?,
        address: required(n, "address", string)?,
        phone: required(n, "phone", string)?,
        email: required(n, "email", string)?,
        licence: required(n, "licence", string)?,
        note: optional(n, "note", string)?,
        officials: optional_list(n, "officials", official)?,
    })
}

pub fn site<N: Node>(n: &N) -> Result<Site> {
    object(n)?;
    Ok(Site {
        version: required(n, "version", u32_)?,
        name: required(n, "name", string)?,
        short_name: optional(n, "short_name", string)?,
        tagline: optional(n, "tagline", string)?,
        logo: required(n, "logo", image)?,
        menu: required_list(n, "menu", menu_item)?,
        footer: required(n, "footer", footer)?,
    })
}

pub fn article_summary<N: Node>(n: &N) -> Result<ArticleSummary> {
    object(n)?;
    Ok(ArticleSummary {
        id: required(n, "id", u64_)?,
        slug: required(n, "slug", string)?,
        title: required(n, "title", string)?,
        lead: text_or_empty(n, "lead")?,
        published: required(n, "published", date_time)?,
        category: required(n, "category", category_ref)?,
        thumbnail: optional(n, "thumbnail", image)?,
    })
}

fn home_block<N: Node>(n: &N) -> Result<HomeBlock> {
    object(n)?;
    Ok(HomeBlock {
        category: required(n, "category", category_ref)?,
        articles: required_list(n, "articles", article_summary)?,
    })
}

pub fn home<N: Node>(n: &N) -> Result<Home> {
    object(n)?;
    Ok(Home {
        version: required(n, "version", u32_)?,
        featured: optional_list(n, "featured", article_summary)?,
        latest: optional_list(n, "latest", article_summary)?,
        blocks: optional_list(n, "blocks", home_block)?,
    })
}

fn category<N: Node>(n: &N) -> Result<Category> {
    object(n)?;
    Ok(Category {
        slug: required(n, "slug", string)?,
        name: required(n, "name", string)?,
        description: text_or_empty(n, "description")?,
        parent: optional(n, "parent", category_ref)?,
        children: optional_list(n, "children", category_ref)?,
        breadcrumb: optional_list(n, "breadcrumb", category_ref)?,
    })
}

fn summary_page<N: Node>(n: &N) -> Result<Page<ArticleSummary>> {
    object(n)?;
    Ok(Page {
        number: required(n, "number", u32_)?,
        size: required(n, "size", u32_)?,
        total_items: required(n, "total_items", u64_)?,
        total_pages: required(n, "total_pages", u32_)?,
        items: required_list(n, "items", article_summary)?,
    })
}

pub fn category_page<N: Node>(n: &N) -> Result<CategoryPage> {
    object(n)?;
    Ok(CategoryPage {
        version: required(n, "version", u32_)?,
        category: required(n, "category", category)?,
        page: required(n, "page", summary_page)?,
    })
}

fn attachment<N: Node>(n: &N) -> Result<Attachment> {
    object(n)?;
    Ok(Attachment {
        name: required(n, "name", string)?,
        mime: required(n, "type", string)?,
        size: required(n, "size", u64_)?,
        url: required(n, "url", string)?,
    })
}

fn legal_document<N: Node>(n: &N) -> Result<LegalDocument> {
    object(n)?;
    Ok(LegalDocument {
        number: required(n, "number", string)?,
        kind: required(n, "kind", string)?,
        issuer: required(n, "issuer", string)?,
        signer: optional(n, "signer", string)?,
        issued: required(n, "issued", date)?,
        effective: optional(n, "effective", date)?,
    })
}

pub fn article<N: Node>(n: &N) -> Result<Article> {
    object(n)?;
    Ok(Article {
        version: required(n, "version", u32_)?,
        id: required(n, "id", u64_)?,
        slug: required(n, "slug", string)?,
        title: required(n, "title", string)?,
        lead: text_or_empty(n, "lead")?,
        published: required(n, "published", date_time)?,
        updated: optional(n, "updated", date_time)?,
        author: text_or_empty(n, "author")?,
        category_path: required_list(n, "category_path", category_ref)?,
        body_html: required(n, "body_html", string)?,
        thumbnail: optional(n, "thumbnail", image)?,
        images: optional_list(n, "images", image)?,
        attachments: optional_list(n, "attachments", attachment)?,
        tags: optional_list(n, "tags", string)?,
        related: optional_list(n, "related", article_summary)?,
        document: optional(n, "document", legal_document)?,
        featured: optional(n, "featured", boolean)?.unwrap_or(false),
    })
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
        let e = from_str(r#"{"status":70000,"code":"x"}"#, |n| {
            object(n)?;
            required(n, "status", u16_)
        })
        .unwrap_err();
        assert_eq!(e, "status: expected a whole number in range");
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
            attachment,
        )
        .unwrap();
        assert_eq!(a.mime, "application/pdf");
        let d = from_str(
            r#"{"number":"1/QĐ","kind":"Quyết định","issuer":"UBND","issued":"2024-02-30"}"#,
            legal_document,
        )
        .unwrap_err();
        assert_eq!(d, "issued: expected a YYYY-MM-DD date");
    }
}
