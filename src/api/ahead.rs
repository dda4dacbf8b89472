//! Fetching documents before the reader asks: the document behind a link pointed at, focused,
//! touched or on screen, so following it needs no request.

use super::client::document_url;
use super::http;
use crate::base::{route_of, window};
use std::cell::RefCell;

thread_local! {
    /// URLs already prefetched (or being prefetched) in this visit; cleared when it grows large.
    static PREFETCHED: RefCell<Vec<String>> = RefCell::default();
}

/// Whether documents may be fetched before the reader asks for them: never when the reader asked
/// browsers to save data; for links merely on screen (`speculative`), only on a fast connection.
pub fn may_fetch_ahead(speculative: bool) -> bool {
    let connection = window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"connection".into()).ok())
        .filter(|c| c.is_object());
    let field = |name: &str| {
        connection
            .as_ref()
            .and_then(|c| js_sys::Reflect::get(c, &name.into()).ok())
    };
    if field("saveData").and_then(|v| v.as_bool()) == Some(true) {
        return false;
    }
    // Browsers without the Network Information API count as fast.
    !speculative
        || field("effectiveType")
            .and_then(|v| v.as_string())
            .is_none_or(|t| t == "4g")
}

/// Fetches the document behind a same-origin portal link. One try, no retries (failures are left
/// to the real visit). Whether a request was started.
pub fn prefetch_link(a: &web_sys::HtmlAnchorElement) -> bool {
    let Some(url) = route_of(a)
        .and_then(|r| r.document())
        .map(|d| document_url(&d))
    else {
        return false;
    };
    if http::cached(&url) || !may_fetch_ahead(false) {
        return false;
    }
    let fresh = PREFETCHED.with(|p| {
        let mut seen = p.borrow_mut();
        if seen.contains(&url) {
            return false;
        }
        if seen.len() >= 256 {
            seen.clear();
        }
        seen.push(url.clone());
        true
    });
    if !fresh {
        return false;
    }
    leptos::task::spawn_local(async move {
        if let Ok(text) = http::attempt(&url, None).await {
            http::keep_ahead(url, text);
        }
    });
    true
}
