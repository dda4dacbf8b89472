//! What a citizen types, kept on their device (`localStorage`) as they type, until the receiver
//! confirms it or 30 days pass: a reload, a crash, a closed tab or a dropped connection loses
//! nothing. The idempotency key is kept with it, so every attempt to send the same text is one
//! submission to the receiver.

use serde::{Deserialize, Serialize};

/// How long an unsent draft is kept (the form says so: `FormTexts::kept`).
pub const KEEP_DAYS: f64 = 30.0;
const DAY_MS: f64 = 86_400_000.0;
const PREFIX: &str = "portal-form:";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// When last typed in (ms since 1970).
    pub saved: f64,
    /// The idempotency key of this text's submission.
    pub key: String,
    /// The fields by name.
    pub values: Vec<(String, String)>,
    pub consent: bool,
    /// Sent (or tried) without a confirmed answer: sent again, with the same key, as soon as
    /// the page can.
    pub pending: bool,
}

fn storage() -> Option<web_sys::Storage> {
    crate::base::window()?.local_storage().ok().flatten()
}

fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// The form's kept draft, if one is there and not expired (an expired one is removed).
pub fn load(form: &str) -> Option<Draft> {
    let s = storage()?;
    let text = s.get_item(&format!("{PREFIX}{form}")).ok().flatten()?;
    let draft: Draft = crate::api::decode_text(&text).ok()?;
    if now() - draft.saved > KEEP_DAYS * DAY_MS {
        let _ = s.remove_item(&format!("{PREFIX}{form}"));
        return None;
    }
    Some(draft)
}

/// Keeps `draft` (stamped now). A full storage keeps the page working: the text is still in
/// the form.
pub fn save(form: &str, draft: &Draft) {
    let Some(s) = storage() else { return };
    let draft = Draft {
        saved: now(),
        ..draft.clone()
    };
    if let Some(json) = crate::api::to_json(&draft) {
        let _ = s.set_item(&format!("{PREFIX}{form}"), &json);
    }
}

pub fn remove(form: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{form}"));
    }
}

/// Removes every expired draft of every form (on any form page's visit), so a text never sent
/// does not stay on a shared computer beyond the stated time.
pub fn expire_all() {
    let Some(s) = storage() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let _ = load(&k[PREFIX.len()..]);
    }
}

/// A new idempotency key: the browser's `crypto.randomUUID()`, or time and `Math.random`.
pub fn new_key() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let uuid = crate::base::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok())
            .and_then(|c| {
                let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
                f.dyn_into::<js_sys::Function>().ok()?.call0(&c).ok()
            })
            .and_then(|v| v.as_string());
        if let Some(uuid) = uuid {
            return uuid;
        }
        format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e15) as u64
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}
