//! Decoding of API documents. The contract is written once, as the serde derives of
//! [`crate::model`]; this module only adds the tolerance the API promises (docs/api.md):
//!
//! - unknown fields are ignored (serde's default);
//! - optional fields may be absent or `null` (`or_default`; `Option` takes `null` by itself);
//! - one bad item of a content list is left out and reported in [`Decoded::skipped`], so one
//!   broken card never costs the whole page (`optional::*`, `required::*`);
//! - a missing required field or a wrong type rejects the document, and [`DecodeError`] names the
//!   place down to the list item or object that holds it (`page.items[3]: missing field
//!   \`slug\``, `category_path[1]: …`), which the wrappers below record on the way out;
//! - nesting is bounded: text deeper than [`MAX_DEPTH`] is refused before parsing, and menu items
//!   deeper than [`MAX_MENU_DEPTH`] are cut.
//!
//! Documents are decoded from a parsed tree whose list items are independent values, so an item
//! that fails leaves the rest readable: `serde_json::Value` natively ([`from_str`]), the browser's
//! `JSON.parse` through serde-wasm-bindgen in the app ([`from_deserializer`]), which keeps a JSON
//! parser out of the wasm. Used through any other deserializer (the content tool reads `Footer`
//! from TOML; tests call serde_json directly), the same types read lists plainly, and one bad item
//! rejects the document.

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error as _};
use std::cell::Cell;
use std::fmt;

/// Deepest nesting of arrays and objects accepted in a document's text.
pub const MAX_DEPTH: usize = 128;

/// Items of tolerant lists nest at most this deep, counted from the document; only the menu tree
/// (`menu[0].children[1]…`) can get there. Deeper items are left out and reported.
pub const MAX_MENU_DEPTH: usize = 16;

/// Where in the document decoding failed, and why: ``category_path[1]: missing field `slug` ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Fields and indexes from the root, like `blocks[2].articles[0]`; empty for the document as a
    /// whole.
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

/// Decodes one document from its JSON text: serde_json builds the value tree, the contract's types
/// read it.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<Decoded<T>, DecodeError> {
    check_depth(text)?;
    let tree: serde_json::Value = serde_json::from_str(text).map_err(|e| DecodeError {
        path: String::new(),
        problem: e.to_string(),
    })?;
    from_deserializer(tree)
}

/// Refuses text whose arrays and objects nest deeper than [`MAX_DEPTH`] (brackets inside strings
/// do not count), before any parser recurses into it.
pub fn check_depth(text: &str) -> Result<(), DecodeError> {
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
                    return Err(DecodeError {
                        path: String::new(),
                        problem: format!("nested more than {MAX_DEPTH} levels deep"),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Decodes one document from a parsed tree (see the module docs for which deserializers fit).
pub fn from_deserializer<'de, T, D>(tree: D) -> Result<Decoded<T>, DecodeError>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    // Fresh state for this document, the caller's put back after (a thread-local must not leak
    // between documents).
    let outer = STATE.replace(State {
        active: true,
        ..State::default()
    });
    let value = T::deserialize(tree);
    let state = STATE.replace(outer);
    match value {
        Ok(value) => Ok(Decoded {
            value,
            skipped: state.skipped,
        }),
        Err(e) => Err(DecodeError {
            path: state.failed_at.unwrap_or_default(),
            problem: e.to_string(),
        }),
    }
}

/// One step of a path: a field, or the index of a list item.
enum Step {
    Field(&'static str),
    Index(usize),
}

/// What decoding a document keeps aside: whether [`from_deserializer`] is decoding, where in the
/// document it is (the fields and items the wrappers below entered), how many tolerant items
/// enclose it, the path of an error on its way out, and what was left out.
#[derive(Default)]
struct State {
    active: bool,
    path: Vec<Step>,
    nesting: usize,
    failed_at: Option<String>,
    skipped: Vec<DecodeError>,
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

impl State {
    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// Notes where an error is, unless a deeper step already did.
    fn fail_here(&mut self) {
        if self.failed_at.is_none() {
            self.failed_at = Some(self.path_text());
        }
    }
}

/// Enters one `step` deeper in the document; whether a step was taken (only while decoding).
/// The bookkeeping is not generic, so it is compiled once for every type.
#[inline(never)]
fn enter(step: Step) -> bool {
    with(|s| {
        if s.active {
            s.path.push(step);
        }
        s.active
    })
}

/// Leaves the step [`enter`] took, noting where an error on its way out is.
#[inline(never)]
fn leave(entered: bool, failed: bool) {
    if entered {
        with(|s| {
            if failed {
                s.fail_here();
            }
            s.path.pop();
        });
    }
}

/// A `null` is as good as an absent field: the type's default (`""`, `[]`, `false`).
pub(crate) fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Values that are only hints (the other languages' pages): one that does not decode is left out
/// (its default) and reported like a left-out item, rather than cost the document. Safe because
/// both decoders read from a tree (the browser's `JSON.parse`, serde_json's `Value`): a failed
/// value leaves the rest intact.
pub(crate) mod hint {
    pub(crate) fn alternates<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: serde::Deserializer<'de>,
        T: Default + serde::Deserialize<'de>,
    {
        Ok(match <Option<T> as serde::Deserialize>::deserialize(d) {
            Ok(v) => v.unwrap_or_default(),
            Err(e) => {
                super::left_out("alternates", e.to_string());
                T::default()
            }
        })
    }
}

/// Reports the field `field` of the current object left out, for `problem`.
#[inline(never)]
fn left_out(field: &str, problem: String) {
    with(|s| {
        if s.active {
            let mut path = s.path_text();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
            s.skipped.push(DecodeError { path, problem });
        }
    });
}

/// A list; `required`: `null` is an error rather than an empty list (absence is serde's to
/// report). Always read as an `Option`, so a type in both kinds of list is compiled once.
fn list<'de, D, T>(d: D, required: bool) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::deserialize(d)? {
        Some(items) => Ok(items),
        None if !required => Ok(Vec::new()),
        None => Err(D::Error::custom("invalid type: null, expected a sequence")),
    }
}

/// An item of a content list (read by [`each`]): `None` when it was left out.
struct Item<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (seen, may_read) = item_start();
        let result = if may_read {
            T::deserialize(d)
        } else {
            Err(D::Error::custom("nested too deep"))
        };
        match result {
            Ok(value) => {
                item_end(seen, None);
                Ok(Item(Some(value)))
            }
            Err(e) => {
                if item_end(seen, Some(e.to_string())) {
                    Ok(Item(None))
                } else {
                    // Outside `from_deserializer` a bad item fails the list, as plain serde would.
                    Err(e)
                }
            }
        }
    }
}

/// Before an item: the reports so far, and whether it may be read (not nested too deep).
#[inline(never)]
fn item_start() -> (usize, bool) {
    with(|s| {
        s.nesting += 1;
        (s.skipped.len(), !s.active || s.nesting <= MAX_MENU_DEPTH)
    })
}

/// After an item (`failed`: why it failed; `seen`: the reports before it): moves to the next
/// index; a failed item is left out and reported while decoding (returns true), else its error
/// goes on.
#[inline(never)]
fn item_end(seen: usize, failed: Option<String>) -> bool {
    with(|s| {
        s.nesting -= 1;
        // The item's own path, taken before its index moves on, and only for an item that failed.
        let report = match failed {
            Some(problem) if s.active => Some((problem, s.path_text())),
            _ => None,
        };
        if let Some(Step::Index(i)) = s.path.last_mut() {
            *i += 1;
        }
        let Some((problem, here)) = report else {
            return false;
        };
        // Items left out inside a dropped item are moot: report the item alone.
        let path = s.failed_at.take().unwrap_or(here);
        s.skipped.truncate(seen);
        s.skipped.push(DecodeError { path, problem });
        true
    })
}

/// An item of a list that fails whole: it only counts its index.
struct Counted<T>(T);

impl<T> IntoIterator for Counted<T> {
    type Item = T;
    type IntoIter = std::iter::Once<T>;
    fn into_iter(self) -> Self::IntoIter {
        std::iter::once(self.0)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Counted<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let result = T::deserialize(d);
        counted(result.is_err());
        result.map(Counted)
    }
}

/// After an item of a list that fails whole: notes where, and moves to the next index.
#[inline(never)]
fn counted(failed: bool) {
    with(|s| {
        if failed {
            s.fail_here();
        }
        if let Some(Step::Index(i)) = s.path.last_mut() {
            *i += 1;
        }
    });
}

/// A list read item by item through `W` ([`Item`]: a bad item is left out; [`Counted`]: it fails
/// the list), the field and each item's index named in paths.
#[inline(never)]
fn each<'de, D, W, T>(d: D, field: &'static str, required: bool) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    W: Deserialize<'de> + IntoIterator<Item = T>,
{
    let entered = enter(Step::Field(field));
    // Items count their own index; a list that is not a list is the field's error.
    let index = enter(Step::Index(0));
    let all: Result<Vec<W>, _> = list(d, required);
    leave(index, false);
    leave(entered, all.is_err());
    Ok(all?.into_iter().flatten().collect())
}

impl<T> IntoIterator for Item<T> {
    type Item = T;
    type IntoIter = std::option::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// An object, named in the paths of errors and left-out items inside it.
#[inline(never)]
fn object<'de, D, T>(d: D, field: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let entered = enter(Step::Field(field));
    let value = T::deserialize(d);
    leave(entered, value.is_err());
    value
}

// Entry points for `#[serde(deserialize_with = "…")]` in model.rs, each named after its field:
// serde does not tell a helper which field it reads, and the paths name it.

macro_rules! lists {
    ($required:literal: $($field:ident),*) => {$(
        pub(crate) fn $field<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
        where
            D: serde::Deserializer<'de>,
            T: serde::Deserialize<'de>,
        {
            super::each::<D, super::Item<T>, T>(d, stringify!($field), $required)
        }
    )*};
}

/// Content lists that may be absent or `null`; a bad item is left out.
pub(crate) mod optional {
    lists!(false: featured, latest, blocks, related, images, attachments, tags, children, officials,
        files, relations, cited_by, section);
}

/// Content lists a document must have (absent or `null` rejects it); a bad item is left out.
pub(crate) mod required {
    lists!(true: menu, articles, items);
}

/// Lists that fail whole: a path (the article's URL comes from the last category of
/// `category_path`; a gap in `breadcrumb` would show the wrong parent).
pub(crate) mod whole {
    macro_rules! fields {
        ($($field:ident: $required:literal),*) => {$(
            pub(crate) fn $field<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
            where
                D: serde::Deserializer<'de>,
                T: serde::Deserialize<'de>,
            {
                super::each::<D, super::Counted<T>, T>(d, stringify!($field), $required)
            }
        )*};
    }
    fields!(category_path: true, breadcrumb: false);
}

/// Objects that hold lists or are worth naming in an error's path.
pub(crate) mod within {
    macro_rules! fields {
        ($($field:ident),*) => {$(
            pub(crate) fn $field<'de, D, T>(d: D) -> Result<T, D::Error>
            where
                D: serde::Deserializer<'de>,
                T: serde::Deserialize<'de>,
            {
                super::object(d, stringify!($field))
            }
        )*};
    }
    fields!(page, category, footer);
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
        let page = same::<CategoryPage>("categories/thoi-su/index.json");
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
        // Paths go down to the item; serde's message says what is wrong in it.
        assert!(skipped[0].starts_with("category.children[1]: invalid type: integer `1`"));
        assert!(skipped[1].starts_with("page.items[0]: "), "{skipped:?}");

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
        // Paths go down to the nearest list item or named object (`page`), not to the leaf field:
        // naming every field would wrap every visitor (serde_path_to_error: +7 KB of brotli wasm).
        assert_eq!(e.path, "page");
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
        assert!(
            e.problem
                .starts_with("invalid type: string \"yes\", expected a boolean"),
            "{e}"
        );
        let e = err::<Article>(&article("").replace(r#""id":1"#, r#""id":1.5"#));
        assert!(
            e.problem.starts_with("invalid type: floating point `1.5`"),
            "{e}"
        );
        let e = err::<Article>(&article("").replace(r#""name":"C""#, r#""name":5"#));
        assert_eq!(e.path, "category_path[0]");
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
        let too_deep = |t: &str| check_depth(t).is_err();
        let at = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(!too_deep(&at(MAX_DEPTH)));
        assert!(too_deep(&at(MAX_DEPTH + 1)));
        assert!(!too_deep(&format!(r#"["\"{}"]"#, "[".repeat(500))));
        assert!(!too_deep(&"]".repeat(500)));
    }
}
