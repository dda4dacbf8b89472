//! Property tests (proptest) of the decoder and the URL policy: random damage to real documents
//! never panics (and `decode::from_str` agrees with serde_json), unknown fields never break a
//! document, and no URL the policy accepts can run code.

use portal_core::sanitize::{embed_allowed, url_allowed};
use portal_core::{Article, CategoryPage, Home, Site, decode};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::Path;

fn sample(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/api/v1")
        .join(rel);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn samples() -> Vec<Value> {
    let cat = sample("categories/thoi-su/index.json");
    let slug = cat["page"]["items"][0]["slug"].as_str().unwrap().to_owned();
    vec![
        sample("site.json"),
        sample("home.json"),
        cat,
        sample(&format!("articles/{slug}.json")),
    ]
}

/// Decodes with one document type through `decode::from_str` and through serde_json alone (the
/// same derives, but lists are read plainly: a bad item rejects the document). Only a panic or a
/// disagreement is a failure; the answer is the number of items left out, or `None` for an error.
fn decode_as<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> Option<usize> {
    let plain = serde_json::from_str::<T>(text).ok();
    match decode::from_str::<T>(text) {
        Ok(d) => {
            for s in &d.skipped {
                assert!(!s.path.is_empty() && !s.problem.is_empty(), "{s:?}");
            }
            // Nothing left out: exactly what serde_json reads.
            if d.skipped.is_empty() || plain.is_some() {
                assert_eq!(Some(&d.value), plain.as_ref(), "{:?}: {text}", d.skipped);
            }
            Some(d.skipped.len())
        }
        Err(e) => {
            assert!(!e.problem.is_empty());
            let deep = e.problem.starts_with("nested more than");
            assert!(
                deep || plain.is_none(),
                "serde_json accepts what decode refuses: {e}: {text}"
            );
            None
        }
    }
}

fn decode_all(text: &str) -> [Option<usize>; 4] {
    [
        decode_as::<Site>(text),
        decode_as::<Home>(text),
        decode_as::<CategoryPage>(text),
        decode_as::<Article>(text),
    ]
}

#[derive(Debug, Clone)]
enum Damage {
    Remove,
    Null,
    Number(f64),
    Text(String),
    Array,
    Object,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::Remove),
        Just(Damage::Null),
        any::<f64>().prop_map(Damage::Number),
        ".{0,40}".prop_map(Damage::Text),
        Just(Damage::Array),
        Just(Damage::Object),
    ]
}

/// Applies `d` to the `pick`-th node of `v` (pre-order), counting as it goes.
fn apply(v: &mut Value, pick: &mut usize, d: &Damage) -> bool {
    let children: Vec<String> = match v {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
        _ => Vec::new(),
    };
    for key in children {
        if *pick == 0 {
            match v {
                Value::Object(m) => match d {
                    Damage::Remove => {
                        m.remove(&key);
                    }
                    other => {
                        m.insert(key, replacement(other));
                    }
                },
                Value::Array(a) => {
                    let i: usize = key.parse().unwrap_or(0);
                    if matches!(d, Damage::Remove) {
                        a.remove(i);
                    } else {
                        a[i] = replacement(d);
                    }
                }
                _ => {}
            }
            return true;
        }
        *pick -= 1;
        let child = match v {
            Value::Object(m) => m.get_mut(&key),
            Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        if let Some(c) = child
            && apply(c, pick, d)
        {
            return true;
        }
    }
    false
}

fn replacement(d: &Damage) -> Value {
    match d {
        Damage::Remove | Damage::Null => Value::Null,
        Damage::Number(n) => serde_json::Number::from_f64(*n)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Damage::Text(s) => Value::String(s.clone()),
        Damage::Array => Value::Array(vec![Value::Bool(true)]),
        Damage::Object => Value::Object(Default::default()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Random damage anywhere in a real document: decoding answers Ok or Err, never panics.
    #[test]
    fn damaged_documents_never_panic(which in 0usize..4, picks in prop::collection::vec((0usize..4000, damage()), 1..6)) {
        let mut doc = samples().swap_remove(which);
        for (pick, d) in &picks {
            let mut p = *pick;
            apply(&mut doc, &mut p, d);
        }
        let _ = decode_all(&doc.to_string());
    }

    /// Arbitrary bytes are rejected, not a panic.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = decode_all(&text);
    }

    /// Damage inside one of the home page's lists costs at most the item it lands in: the document
    /// still decodes and the other lists are untouched.
    #[test]
    fn a_damaged_item_costs_only_itself(list in 0usize..3, pick in 0usize..400, d in damage()) {
        let lists = |h: &Home| [h.featured.len(), h.latest.len(), h.blocks.len()];
        let mut doc = sample("home.json");
        let before = decode::from_str::<Home>(&doc.to_string()).unwrap().value;
        let name = ["featured", "latest", "blocks"][list];
        let mut p = pick;
        apply(&mut doc[name], &mut p, &d);
        let after = decode::from_str::<Home>(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let (b, a) = (lists(&before), lists(&after.value));
        for i in 0..3 {
            if i == list {
                prop_assert!(a[i] + 1 >= b[i], "{name}: {} of {} kept", a[i], b[i]);
            } else {
                prop_assert_eq!(a[i], b[i]);
            }
        }
        prop_assert!(after.skipped.iter().all(|s| s.path.starts_with(name)), "{:?}", after.skipped);
    }

    /// A field the contract does not know never breaks a document that decoded before.
    #[test]
    fn unknown_fields_are_ignored(which in 0usize..4, key in "[a-z_]{1,12}", value in ".{0,20}") {
        let mut doc = samples().swap_remove(which);
        let before = decode_all(&doc.to_string());
        if let Value::Object(m) = &mut doc
            && !m.contains_key(&key)
        {
            m.insert(key, Value::String(value));
        }
        prop_assert_eq!(decode_all(&doc.to_string()), before);
    }

    /// No URL the policy accepts has a scheme that can run code, however it is disguised.
    #[test]
    fn accepted_urls_cannot_run_code(prefix in "[ \\t\\n\\r\\x00-\\x1f]{0,3}", scheme in "(?i)(javascript|vbscript|data|java\\tscript|jav\\nascript|file|blob|about)", rest in ".{0,30}") {
        let url = format!("{prefix}{scheme}:{rest}");
        for (tag, attr) in [("a", "href"), ("img", "src"), ("blockquote", "cite"), ("iframe", "src")] {
            let ok = url_allowed(tag, attr, &url);
            let folded: String = url.chars().filter(|c| !c.is_ascii_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            let harmless_data = tag == "img" && folded.starts_with("data:image/") && !folded.starts_with("data:image/svg");
            prop_assert!(!ok || harmless_data, "{tag} {attr} accepted {url:?}");
        }
        prop_assert!(!embed_allowed(&url));
    }

    /// Ordinary web addresses and relative paths stay usable.
    #[test]
    fn ordinary_urls_are_accepted(host in "[a-z]{1,10}\\.gov\\.vn", path in "[a-z0-9/-]{0,20}") {
        let https = format!("https://{host}/{path}");
        prop_assert!(url_allowed("a", "href", &https));
        prop_assert!(url_allowed("img", "src", &https));
        let relative = path.replace(':', "");
        prop_assert!(url_allowed("a", "href", &relative));
    }
}
