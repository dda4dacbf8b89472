//! Decoding of API documents. The contract is written once, as the serde derives of
//! [`crate::model`]; this module only adds the tolerance the API promises (docs/api.md):
//!
//! - unknown fields are ignored (serde's default);
//! - optional fields may be absent or `null` (`or_default`; `Option` takes `null` by itself);
//! - one bad item of a content list is left out and reported in [`Decoded::skipped`], so one
//!   broken card never costs the whole page (`optional_items`, `required_items`);
//! - a missing required field or a wrong type rejects the document, and [`DecodeError`] names the
//!   place (`page.items[3].slug: invalid type ...`, read off the text at serde_json's error
//!   position by `path_at`);
//! - nesting is bounded: documents deeper than [`MAX_DEPTH`] are refused before parsing, and menu
//!   items deeper than [`MAX_MENU_DEPTH`] are cut.
//!
//! Documents are decoded from the response text: a tolerant list borrows each item as a `RawValue`
//! slice of it and decodes the slice on its own (buffering a `serde_json::Value` would put a second
//! generic deserializer into the wasm). Only [`from_str`] does that: used through any other
//! deserializer (the content tool reads `Footer` from TOML; tests call serde_json directly), the
//! same types read lists plainly, and one bad item rejects the document.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_json::value::RawValue;
use std::cell::Cell;
use std::fmt;

/// Deepest nesting of arrays and objects accepted (serde_json's own limit). Checked on the text
/// first because serde_json skips unknown fields, and captures raw list items, without a limit,
/// and each item decoded on its own would get a fresh budget.
pub const MAX_DEPTH: usize = 128;

/// Items of tolerant lists nest at most this deep, counted from the document; only the menu tree
/// (`menu[0].children[1]…`) can get there. Deeper items are left out and reported.
pub const MAX_MENU_DEPTH: usize = 16;

/// Where in the document decoding failed, and why: ``category_path[1]: missing field `slug` ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Fields and indexes from the root, like `blocks[2].articles[0].published`; empty for the
    /// document as a whole.
    pub path: String,
    pub problem: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for DecodeError {}

/// A decoded document and the list items that were left out of it, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub skipped: Vec<DecodeError>,
}

/// Decodes one document from its JSON text with the contract's types.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<Decoded<T>, DecodeError> {
    if too_deep(text) {
        return Err(DecodeError {
            path: String::new(),
            problem: format!("nested more than {MAX_DEPTH} levels deep"),
        });
    }
    // Fresh state for this document, the caller's put back after (decoding never calls
    // `from_str` itself, but a thread-local must not leak between documents).
    let outer = STATE.replace(State {
        start: Some(text.as_ptr() as usize),
        ..State::default()
    });
    let value = parse(text);
    let state = STATE.replace(outer);
    match value {
        Ok(value) => Ok(Decoded {
            value,
            // The paths of left-out items, read off the document only now that one was left out.
            skipped: state
                .skipped
                .into_iter()
                .map(|s| {
                    let mut path = path_before(text, s.offset);
                    join(&mut path, &s.inner);
                    DecodeError {
                        path,
                        problem: s.problem,
                    }
                })
                .collect(),
        }),
        Err((path, e)) => Err(DecodeError {
            path,
            problem: e.to_string(),
        }),
    }
}

/// Decodes `text` whole; the error carries the path (empty for the root) and serde_json's error.
fn parse<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, (String, serde_json::Error)> {
    serde_json::from_str(text).map_err(|e| (path_at(text, e.line(), e.column()), e))
}

/// One open array or object while [`path_at`] reads a document.
enum Open<'a> {
    Array(usize),
    /// The key whose value is being read, if past its colon.
    Object(Option<&'a str>),
}

/// The path (`page.items[3].slug`) of the value at serde_json's error position (1-based line, and
/// column in bytes), by reading the text up to it: a second, cheap pass over a document that
/// failed, instead of a path-tracking wrapper around every deserializer (serde_path_to_error).
fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    // serde_json's column is that of the last byte it read: the value that failed, the colon
    // before an object or array of the wrong type, or the closing brace of an object that lacks a
    // field (read, so the path names that object).
    path_before(text, line_start + column)
}

/// The path of the value that starts at byte `end` of `text` (or that `end` is inside of).
fn path_before(text: &str, end: usize) -> String {
    let end = end.min(text.len());
    let bytes = text.as_bytes();
    let mut open: Vec<Open<'_>> = Vec::new();
    let mut key: Option<&str> = None;
    let mut i = 0;
    while i < end {
        match bytes.get(i) {
            Some(b'"') => {
                let start = i + 1;
                i = start;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if let Some(Open::Object(None)) = open.last() {
                    key = text.get(start..i.min(text.len()));
                }
            }
            Some(b':') => {
                if let Some(Open::Object(k)) = open.last_mut() {
                    *k = key.take();
                }
            }
            Some(b',') => match open.last_mut() {
                Some(Open::Array(n)) => *n += 1,
                Some(Open::Object(k)) => *k = None,
                None => {}
            },
            Some(b'[') => open.push(Open::Array(0)),
            Some(b'{') => open.push(Open::Object(None)),
            Some(b']' | b'}') => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for o in &open {
        match o {
            Open::Array(n) => join(&mut path, &format!("[{n}]")),
            Open::Object(Some(k)) => join(&mut path, k),
            Open::Object(None) => {}
        }
    }
    path
}

/// Whether arrays and objects nest deeper than [`MAX_DEPTH`] anywhere in `text` (brackets inside
/// strings do not count). Exact for the part of a document serde_json accepts.
fn too_deep(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// A list item left out: where its text starts in the document, the path inside it and why.
struct Skipped {
    offset: usize,
    inner: String,
    problem: String,
}

/// What decoding a document keeps aside: where its text starts in memory while [`from_str`]
/// decodes it (so the deserializer is serde_json over that text, and an item's offset in it is its
/// address minus this), how many items enclose the one being decoded, and what was left out.
#[derive(Default)]
struct State {
    start: Option<usize>,
    nesting: usize,
    skipped: Vec<Skipped>,
}

thread_local! {
    static STATE: Cell<State> = Cell::default();
}

/// Runs `f` on the state. A `Cell` taken and put back cannot panic like a `RefCell`; `f` never
/// calls `with` itself.
fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|cell| {
        let mut state = cell.take();
        let r = f(&mut state);
        cell.set(state);
        r
    })
}

/// Joins a path and a field (`a` + `b` → `a.b`) or an index (`a` + `[1]` → `a[1]`).
fn join(path: &mut String, segment: &str) {
    if !path.is_empty() && !segment.is_empty() && !segment.starts_with('[') {
        path.push('.');
    }
    path.push_str(segment);
}

/// A `null` is as good as an absent field: the type's default (`""`, `[]`, `false`).
pub(crate) fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list; `required`: absent or `null` is an error rather than an empty list.
fn list<'de, D, T>(d: D, required: bool) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    if required {
        Vec::deserialize(d)
    } else {
        Ok(Option::deserialize(d)?.unwrap_or_default())
    }
}

/// A content list that may be absent or `null`; a bad item is left out (`#[serde(deserialize_with)]`).
pub(crate) fn optional_items<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    items(d, false)
}

/// A content list the document must have (absent or `null` rejects it); a bad item is left out.
pub(crate) fn required_items<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    items(d, true)
}

/// A list whose bad items are left out: under [`from_str`], each item is captured as raw text
/// first (which succeeds for any well-formed JSON), then decoded on its own.
fn items<'de, D, T>(d: D, required: bool) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let Some(start) = with(|s| s.start) else {
        return list(d, required);
    };
    let raw: Vec<&'de RawValue> = list(d, required)?;
    let mut out = Vec::with_capacity(raw.len());
    for item in raw {
        let text = item.get();
        if let Some(value) = decode_item(text, (text.as_ptr() as usize).saturating_sub(start)) {
            out.push(value);
        }
    }
    Ok(out)
}

/// Decodes one list item (starting at `offset` in the document), or records why it is left out.
fn decode_item<'de, T: Deserialize<'de>>(text: &'de str, offset: usize) -> Option<T> {
    let (nesting, seen) = with(|s| {
        s.nesting += 1;
        (s.nesting, s.skipped.len())
    });
    let result = if nesting > MAX_MENU_DEPTH {
        Err((String::new(), "nested too deep".to_owned()))
    } else {
        parse(text).map_err(|(path, e)| (path, without_position(&e)))
    };
    with(|s| {
        s.nesting -= 1;
        match result {
            Ok(value) => Some(value),
            Err((inner, problem)) => {
                // Items left out inside a dropped item are moot: report the item alone.
                s.skipped.truncate(seen);
                s.skipped.push(Skipped {
                    offset,
                    inner,
                    problem,
                });
                None
            }
        }
    })
}

/// serde_json's message without its " at line L column C": in an item decoded on its own they
/// count from the item, not the document, and would mislead.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&tail) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use std::path::Path;

    fn sample(rel: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../public/api/v1")
            .join(rel);
        std::fs::read_to_string(path).unwrap()
    }

    /// Decodes a document that must decode; returns the value and the skip reports as text.
    fn ok<T: DeserializeOwned>(text: &str) -> (T, Vec<String>) {
        let d = from_str::<T>(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        (d.value, d.skipped.iter().map(|e| e.to_string()).collect())
    }

    fn err<T: DeserializeOwned + fmt::Debug>(text: &str) -> DecodeError {
        from_str::<T>(text).unwrap_err()
    }

    const SUMMARY: &str = r#"{"id":1,"slug":"a","title":"T","published":"2024-01-01T08:00:00+07:00","category":{"slug":"c","name":"C"}}"#;
    const REF: &str = r#"{"slug":"c","name":"C"}"#;

    fn article(fields: &str) -> String {
        format!(
            r#"{{"version":1,"id":1,"slug":"a","title":"T","published":"2024-01-01T08:00:00+07:00",
                "category_path":[{REF}],"body_html":"<p>x</p>"{fields}}}"#
        )
    }

    fn site(menu: &str, officials: &str) -> String {
        format!(
            r#"{{"version":1,"name":"N","logo":{{"src":"l.svg"}},"menu":{menu},
                "footer":{{"agency":"A","address":"B","phone":"1","email":"e","licence":"L"{officials}}}}}"#
        )
    }

    #[test]
    fn decodes_the_samples_exactly_as_serde_does() {
        fn same<T: DeserializeOwned + PartialEq + fmt::Debug>(rel: &str) -> T {
            let text = sample(rel);
            let (ours, skipped) = ok::<T>(&text);
            assert!(skipped.is_empty(), "{rel}: {skipped:?}");
            assert_eq!(ours, serde_json::from_str::<T>(&text).unwrap(), "{rel}");
            ours
        }
        same::<Site>("site.json");
        same::<Home>("home.json");
        let page = same::<CategoryPage>("categories/thoi-su/1.json");
        let first = &page.page.items.first().unwrap().slug;
        same::<Article>(&format!("articles/{first}.json"));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = SUMMARY.replace(
            r#""id":1"#,
            r#""id":1,"future":[1,[2,{"x":null}]],"colour":"red""#,
        );
        let (s, skipped) = ok::<ArticleSummary>(&text);
        assert_eq!((s.id, skipped.len()), (1, 0));
        let (a, _) = ok::<Article>(&article(
            r#","document":{"number":"1","kind":"K","issuer":"I","issued":"2024-01-02","seal":true},"x":{}"#,
        ));
        assert_eq!(a.document.unwrap().number, "1");
    }

    #[test]
    fn missing_optional_fields_default() {
        let (a, skipped) = ok::<Article>(&article(""));
        assert!(skipped.is_empty());
        assert_eq!((a.lead.as_str(), a.author.as_str()), ("", ""));
        assert!(a.images.is_empty() && a.tags.is_empty() && a.related.is_empty());
        assert!(a.thumbnail.is_none() && a.updated.is_none() && a.document.is_none());
        assert!(!a.featured);
        let (s, _) = ok::<Site>(&site(r#"[{"slug":"m","name":"M"}]"#, ""));
        assert!(s.footer.officials.is_empty() && s.menu[0].children.is_empty());
        let (h, _) = ok::<Home>(r#"{"version":1}"#);
        assert!(h.featured.is_empty() && h.latest.is_empty() && h.blocks.is_empty());
    }

    #[test]
    fn null_in_optional_fields_is_the_default() {
        let (a, skipped) = ok::<Article>(&article(
            r#","lead":null,"author":null,"thumbnail":null,"updated":null,"images":null,"attachments":null,
               "tags":null,"related":null,"document":null,"featured":null"#,
        ));
        assert!(skipped.is_empty());
        assert_eq!(a, ok::<Article>(&article("")).0);
        let (s, _) = ok::<Site>(&site(
            r#"[{"slug":"m","name":"M","children":null}]"#,
            r#","officials":null,"note":null"#,
        ));
        assert!(s.footer.officials.is_empty() && s.footer.note.is_none());
        let page = r#"{"version":1,"category":{"slug":"c","name":"C","description":null,"children":null,
            "breadcrumb":null,"parent":null},"page":{"number":1,"size":10,"total_items":0,"total_pages":1,"items":[]}}"#;
        let (p, _) = ok::<CategoryPage>(page);
        assert!(p.category.description.is_empty() && p.category.breadcrumb.is_empty());
        let (img, _) = ok::<Image>(r#"{"src":"a.svg","alt":null,"width":null}"#);
        assert_eq!((img.alt.as_str(), img.width), ("", None));
    }

    #[test]
    fn a_bad_item_is_left_out_and_reported_with_its_path() {
        let bad = r#"{"id":9,"title":"no slug"}"#;
        let home = format!(
            r#"{{"version":1,"featured":[{SUMMARY},{SUMMARY},{bad},{SUMMARY}],
                "blocks":[{{"category":{REF},"articles":[{SUMMARY}]}},
                          {{"category":{REF},"articles":[{SUMMARY},{bad}]}}]}}"#
        );
        let (h, skipped) = ok::<Home>(&home);
        assert_eq!(h.featured.len(), 3);
        assert_eq!(h.blocks.len(), 2);
        assert_eq!(h.blocks[1].articles.len(), 1);
        assert_eq!(
            skipped,
            [
                "featured[2]: missing field `slug`",
                "blocks[1].articles[1]: missing field `slug`",
            ]
        );

        // A field's path inside the item, and lists under plain fields (`page`, `category`).
        let page = format!(
            r#"{{"version":1,"category":{{"slug":"c","name":"C","children":[{REF},{{"slug":1,"name":"N"}}]}},
                "page":{{"number":1,"size":10,"total_items":2,"total_pages":1,
                "items":[{},{SUMMARY}]}}}}"#,
            SUMMARY.replace("2024-01-01T08:00:00+07:00", "hôm qua")
        );
        let (p, skipped) = ok::<CategoryPage>(&page);
        assert_eq!((p.category.children.len(), p.page.items.len()), (1, 1));
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].starts_with("category.children[1].slug: invalid type: integer `1`"));
        assert!(
            skipped[1].starts_with("page.items[0].published: "),
            "{skipped:?}"
        );

        let (a, skipped) = ok::<Article>(&article(&format!(
            r#","tags":["a",7,"b"],"images":[{{"alt":"no src"}},{{"src":"i.svg"}}],
               "attachments":[{{"name":"n"}}],"related":[{SUMMARY},"x"]"#
        )));
        assert_eq!(a.tags, ["a", "b"]);
        assert_eq!(
            (a.images.len(), a.attachments.len(), a.related.len()),
            (1, 0, 1)
        );
        assert_eq!(
            skipped,
            [
                "tags[1]: invalid type: integer `7`, expected a string",
                "images[0]: missing field `src`",
                "attachments[0]: missing field `type`",
                "related[1]: invalid type: string \"x\", expected struct ArticleSummary",
            ]
        );

        let (s, skipped) = ok::<Site>(&site(
            r#"[{"slug":"m","name":"M","children":[{"slug":"k"},{"slug":"k","name":"K"}]},{"name":"x"}]"#,
            r#","officials":[{"name":"A","role":"R"},{"name":"B"}]"#,
        ));
        assert_eq!((s.menu.len(), s.menu[0].children.len()), (1, 1));
        assert_eq!(s.footer.officials.len(), 1);
        assert_eq!(
            skipped,
            [
                "menu[0].children[0]: missing field `name`",
                "menu[1]: missing field `slug`",
                "footer.officials[1]: missing field `role`",
            ]
        );
    }

    #[test]
    fn a_left_out_item_is_reported_alone() {
        // The block fails (no category): the bad article inside it is not reported too.
        let home = format!(r#"{{"version":1,"blocks":[{{"articles":[{SUMMARY},{{}}]}}]}}"#);
        let (h, skipped) = ok::<Home>(&home);
        assert!(h.blocks.is_empty());
        assert_eq!(skipped, ["blocks[0]: missing field `category`"]);
        // serde_json used directly reads lists plainly: one bad item rejects the document.
        assert!(serde_json::from_str::<Home>(&home).is_err());
        // Nothing carries over to the next document.
        assert!(ok::<Home>(r#"{"version":1}"#).1.is_empty());
    }

    #[test]
    fn a_missing_required_field_is_an_error_naming_its_path() {
        let e = err::<Article>(&article("").replace(r#""title":"T","#, ""));
        assert_eq!(e.path, "");
        assert!(e.problem.starts_with("missing field `title`"), "{e}");
        // Path-like lists reject the document rather than lose an element.
        let e = err::<Article>(
            &article("").replace(&format!("[{REF}]"), &format!(r#"[{REF},{{"name":"X"}}]"#)),
        );
        assert_eq!(e.path, "category_path[1]");
        assert!(
            e.to_string()
                .starts_with("category_path[1]: missing field `slug`"),
            "{e}"
        );
        let e = err::<CategoryPage>(
            r#"{"version":1,"category":{"slug":"c","name":"C","breadcrumb":[{"slug":"p"}]},
                "page":{"number":1,"size":1,"total_items":0,"total_pages":1,"items":[]}}"#,
        );
        assert_eq!(e.path, "category.breadcrumb[0]");
        // Required lists stay required: absent or null is an error, not an empty list.
        let e = err::<CategoryPage>(
            r#"{"version":1,"category":{"slug":"c","name":"C"},
                "page":{"number":1,"size":1,"total_items":0,"total_pages":1}}"#,
        );
        assert!(
            e.to_string().starts_with("page: missing field `items`"),
            "{e}"
        );
        let e = err::<Site>(&site("null", ""));
        assert!(e.to_string().starts_with("menu: invalid type: null"), "{e}");
        // ... inside an item that is itself left out, only that item is lost.
        let (h, skipped) = ok::<Home>(&format!(
            r#"{{"version":1,"blocks":[{{"category":{REF}}}]}}"#
        ));
        assert!(h.blocks.is_empty());
        assert_eq!(skipped, ["blocks[0]: missing field `articles`"]);
    }

    #[test]
    fn a_wrong_type_is_an_error_naming_its_path() {
        let e = err::<CategoryPage>(
            r#"{"version":1,"category":{"slug":"c","name":"C"},
                "page":{"number":1,"size":10,"total_items":-3,"total_pages":1,"items":[]}}"#,
        );
        assert_eq!(e.path, "page.total_items");
        assert!(e.problem.starts_with("invalid value: integer `-3`"), "{e}");
        let e = err::<CategoryPage>(
            r#"{"version":1,"category":{"slug":"c","name":"C"},"page":{"number":1,"size":10,
                "total_items":0,"total_pages":1,"items":{}}}"#,
        );
        assert!(
            e.to_string().starts_with("page.items: invalid type: map"),
            "{e}"
        );
        let e = err::<Article>(&article(r#","featured":"yes""#));
        assert_eq!(e.path, "featured");
        let e = err::<Article>(&article("").replace(r#""id":1"#, r#""id":1.5"#));
        assert_eq!(e.path, "id");
        let e = err::<Site>(r#""site""#);
        assert!(
            e.problem
                .starts_with(r#"invalid type: string "site", expected struct Site"#),
            "{e}"
        );
        // Text that is not JSON, or JSON with trailing text: errors, with serde_json's position.
        assert!(err::<Site>("{\"version\":").to_string().contains("EOF"));
        assert!(
            err::<Home>(r#"{"version":1} x"#)
                .to_string()
                .starts_with("trailing characters")
        );
    }

    #[test]
    fn hostile_nesting_is_refused_without_a_crash() {
        const DEEP: usize = 100_000;
        // In a known field: menu children 100,000 levels down.
        let menu = format!(
            r#"{}{{"slug":"x","name":"X"}}{}"#,
            r#"{"slug":"x","name":"X","children":["#.repeat(DEEP),
            "]}".repeat(DEEP)
        );
        let e = err::<Site>(&site(&format!("[{menu}]"), ""));
        assert_eq!(
            e.to_string(),
            format!("nested more than {MAX_DEPTH} levels deep")
        );
        assert!(from_str::<MenuItem>(&menu).is_err());
        // In an unknown field, which serde_json would skip without a limit.
        let unknown = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
        let e = err::<Home>(&format!(r#"{{"version":1,"x":{unknown}}}"#));
        assert!(e.problem.starts_with("nested more than"), "{e}");
        let e = err::<Home>(&format!(
            r#"{{"version":1,"featured":[{{"x":{unknown}}}]}}"#
        ));
        assert!(e.problem.starts_with("nested more than"), "{e}");
        // Brackets inside strings are text.
        let text = format!(r#"{{"version":1,"x":"{}"}}"#, "[{".repeat(DEEP));
        assert!(from_str::<Home>(&text).is_ok());
    }

    #[test]
    fn menus_are_cut_at_their_depth_limit() {
        fn nested(levels: usize) -> String {
            let mut s = r#"{"slug":"x","name":"X"}"#.to_owned();
            for _ in 1..levels {
                s = format!(r#"{{"slug":"x","name":"X","children":[{s}]}}"#);
            }
            format!("[{s}]")
        }
        fn levels(items: &[MenuItem]) -> usize {
            items
                .iter()
                .map(|m| 1 + levels(&m.children))
                .max()
                .unwrap_or(0)
        }
        let (s, skipped) = ok::<Site>(&site(&nested(MAX_MENU_DEPTH), ""));
        assert_eq!((levels(&s.menu), skipped.len()), (MAX_MENU_DEPTH, 0));
        let (s, skipped) = ok::<Site>(&site(&nested(MAX_MENU_DEPTH + 5), ""));
        assert_eq!(levels(&s.menu), MAX_MENU_DEPTH);
        let path = format!("menu[0]{}", ".children[0]".repeat(MAX_MENU_DEPTH));
        assert_eq!(skipped, [format!("{path}: nested too deep")]);
    }

    #[test]
    fn too_deep_counts_only_structure() {
        let at = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(!too_deep(&at(MAX_DEPTH)));
        assert!(too_deep(&at(MAX_DEPTH + 1)));
        assert!(!too_deep(&format!(r#"["\"{}"]"#, "[".repeat(500))));
        assert!(!too_deep(&"]".repeat(500)));
    }
}
