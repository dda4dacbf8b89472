//! Each page's document title (`<page> – <portal>`) and meta description.

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
