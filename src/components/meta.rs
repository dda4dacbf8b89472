//! Each page's document title (`<page> – <portal>`) and meta description: set on the document in
//! the browser, handed to the prerender's head ([`PageFacts`]) natively.

use crate::base::{document, effect};
use crate::components::shell::use_site;

/// Document title (`<page> – <portal>`) and meta description of a route.
pub fn page_meta(title: impl Into<String>, description: impl Into<String>) {
    let (title, description) = (title.into(), description.into());
    let site = use_site();
    let full = move || {
        let portal = site()
            .map(|s| s.short_name.unwrap_or(s.name))
            .unwrap_or_default();
        if portal.is_empty() || portal == title {
            title.clone()
        } else {
            format!("{title} – {portal}")
        }
    };
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(facts) = leptos::prelude::use_context::<PageFacts>() {
        facts.with(|f| {
            f.title = full();
            f.description = description.clone();
        });
    }
    // Set directly rather than through leptos_meta (−4.9 KB gzip of wasm): every route has one.
    effect(move || {
        let Some(doc) = document() else { return };
        doc.set_title(&full());
        // index.html's own description (for readers and crawlers that never run the app) is the one
        // updated, so there is always exactly one.
        if let Ok(Some(m)) = doc.query_selector("meta[name='description']") {
            let _ = m.set_attribute("content", &description);
        }
    });
}

/// What the prerender learns from a page while rendering it: its head's title and description,
/// and whether it is the not-found page (written only as `404.html`).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Default)]
pub struct PageFacts(std::sync::Arc<std::sync::Mutex<Facts>>);

#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub title: String,
    pub description: String,
    pub not_found: bool,
}

#[cfg(not(target_arch = "wasm32"))]
impl PageFacts {
    pub fn with<R>(&self, f: impl FnOnce(&mut Facts) -> R) -> R {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}

/// Marks the page being prerendered as the not-found page.
pub fn not_found() {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(facts) = leptos::prelude::use_context::<PageFacts>() {
        facts.with(|f| f.not_found = true);
    }
}
