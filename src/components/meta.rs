//! Each page's document title (`<page> – <portal>`), meta description and other-language
//! alternates: set on the document in the browser, handed to the prerender's head
//! ([`PageFacts`]) natively.

use crate::base::{absolute, document, effect};
use crate::components::shell::{SiteData, use_site};
use leptos::prelude::{Set, use_context};
use portal_core::Alternate;
use wasm_bindgen::JsCast;

/// Document title (`<page> – <portal>`) and meta description of a page without a counterpart in
/// another language.
pub fn page_meta(title: impl Into<String>, description: impl Into<String>) {
    page_meta_with(title.into(), description.into(), Vec::new());
}

/// [`page_meta`], and the same page in other languages: the header's switch leads there, and
/// `<link rel="alternate" hreflang>` names them.
pub fn page_meta_with(title: String, description: String, alternates: Vec<Alternate>) {
    if let Some(site) = use_context::<SiteData>() {
        site.alternates.set(alternates.clone());
    }
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
            f.alternates = alternates.clone();
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
        hreflang_links(&alternates);
    });
}

/// `route` in the other language, for a page both languages show alike (the register and its
/// documents): the language switch leads there, and `hreflang` names it.
pub fn same_in_other_language(route: &portal_core::route::Route) -> Vec<Alternate> {
    let other = crate::base::lang().other();
    route
        .href()
        .map(|href| Alternate {
            lang: other,
            path: other.route(&href),
        })
        .into_iter()
        .collect()
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
    pub alternates: Vec<Alternate>,
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

/// The head's `<link rel="alternate" hreflang>`: this page's, in place of the last page's. The
/// prerender writes its own (`prerender::head`), which these replace once the app runs.
fn hreflang_links(alternates: &[Alternate]) {
    let Some(head) = document().and_then(|d| d.head()) else {
        return;
    };
    if let Ok(old) = head.query_selector_all("link[hreflang]") {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                el.remove();
            }
        }
    }
    let here = crate::base::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let tags = portal_core::html::hreflang_links(
        (crate::base::lang(), &here),
        alternates.iter().map(|a| (a.lang, absolute(&a.path))),
    );
    if !tags.is_empty() {
        let _ = head.insert_adjacent_html("beforeend", &tags);
    }
}
