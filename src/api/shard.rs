//! Index files read key by key: a search shard holds thousands of terms and a query wants one or
//! two, so the text is parsed once (the browser's `JSON.parse`) and only the wanted entries are
//! read out of it. Anything not shaped as the contract says reads as nothing.

use portal_core::search::index::{columns, decode_masked};
use portal_core::search::lookup::Part;
use portal_core::search::rank::Posting;

pub use imp::{Parsed, numbers, parse, readable};

/// A search term's postings (`portal_core::search::index::Entry`): its plain array, or its
/// written forms `v` with `p` and `e`.
pub fn postings(shard: &Parsed, term: &str, want: Option<&str>) -> Vec<Posting> {
    head(shard, term, want).postings
}

/// A term's head in its shard (an empty part when the index does not have it).
pub fn head(shard: &Parsed, term: &str, want: Option<&str>) -> Part {
    imp::get(shard, term)
        .map(|entry| Raw::of(&entry).part(&imp::strings(&entry, "v"), want))
        .unwrap_or_default()
}

/// An entry's numbers as written (`p`, `e`, `c` and `t`), before a query's written form picks
/// its exact matches: what a tail tier is kept as between queries (`super::tiers`).
#[derive(Debug, Clone, Default)]
pub struct Raw {
    p: Vec<u32>,
    e: Vec<u32>,
    c: Vec<u32>,
    t: u32,
}

impl Raw {
    pub fn of(entry: &Parsed) -> Raw {
        match imp::array(entry) {
            Some(p) => Raw {
                p,
                ..Raw::default()
            },
            None => Raw {
                p: numbers(entry, "p"),
                e: numbers(entry, "e"),
                c: numbers(entry, "c"),
                t: imp::number(entry, "t"),
            },
        }
    }

    /// How many numbers it holds (what keeping it costs).
    pub fn len(&self) -> usize {
        self.p.len() + self.e.len() + self.c.len()
    }

    /// The entry as read (a head, or a whole tail file): `forms` are the head's written forms.
    pub fn part(&self, forms: &[String], want: Option<&str>) -> Part {
        let (postings, masks) = decode_masked(&self.p, &self.e, forms, want);
        Part {
            postings,
            masks,
            carried: columns(&self.c, self.p.len() / 2),
            tails: self.t,
            forms: forms.to_vec(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Array, JSON, Reflect, Uint32Array};
    use wasm_bindgen::{JsCast, JsValue};

    pub type Parsed = JsValue;

    pub fn parse(text: &str) -> Parsed {
        JSON::parse(text).unwrap_or(JsValue::NULL)
    }

    /// Whether it parsed as an object (a shard, a tier's entry).
    pub fn readable(value: &Parsed) -> bool {
        value.is_object()
    }

    /// `value[key]`, when `value` is an object that has it.
    pub fn get(value: &Parsed, key: &str) -> Option<Parsed> {
        if !value.is_object() {
            return None;
        }
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// `value` as numbers, when it is an array (copied at once through `Uint32Array`).
    pub fn array(value: &Parsed) -> Option<Vec<u32>> {
        value
            .dyn_ref::<Array>()
            .map(|a| Uint32Array::new(a).to_vec())
    }

    /// The numbers at `key` (`value` itself when `key` is empty); none when not an array.
    pub fn numbers(value: &Parsed, key: &str) -> Vec<u32> {
        let v = if key.is_empty() {
            Some(value.clone())
        } else {
            get(value, key)
        };
        v.and_then(|v| array(&v)).unwrap_or_default()
    }

    /// The whole number at `key`; 0 when missing or not one.
    pub fn number(value: &Parsed, key: &str) -> u32 {
        get(value, key)
            .and_then(|v| v.as_f64())
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .map_or(0, |n| n as u32)
    }

    pub fn strings(value: &Parsed, key: &str) -> Vec<String> {
        get(value, key)
            .and_then(|v| v.dyn_into::<Array>().ok())
            .map(|a| a.iter().filter_map(|f| f.as_string()).collect())
            .unwrap_or_default()
    }
}

/// Natively (the prerender, which never searches, and so only for completeness) through
/// serde_json.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use serde_json::Value;

    pub type Parsed = Value;

    pub fn parse(text: &str) -> Parsed {
        serde_json::from_str(text).unwrap_or(Value::Null)
    }

    pub fn readable(value: &Parsed) -> bool {
        value.is_object()
    }

    pub fn get(value: &Parsed, key: &str) -> Option<Parsed> {
        value.get(key).filter(|v| !v.is_null()).cloned()
    }

    pub fn array(value: &Parsed) -> Option<Vec<u32>> {
        value.as_array().map(|a| {
            a.iter()
                .map(|n| n.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
                .collect()
        })
    }

    pub fn numbers(value: &Parsed, key: &str) -> Vec<u32> {
        let v = if key.is_empty() {
            Some(value.clone())
        } else {
            get(value, key)
        };
        v.and_then(|v| array(&v)).unwrap_or_default()
    }

    pub fn number(value: &Parsed, key: &str) -> u32 {
        get(value, key)
            .and_then(|v| v.as_u64())
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    }

    pub fn strings(value: &Parsed, key: &str) -> Vec<String> {
        get(value, key)
            .and_then(|v| v.as_array().cloned())
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}
