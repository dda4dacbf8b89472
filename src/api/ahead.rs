//! Fetching documents before the reader asks: the document behind a link pointed at, focused,
//! touched or on screen, so following it needs no request.

use super::client::document_url;
use super::http;
use crate::base::{route_of, window};

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

/// Fetches the document behind a same-origin portal link, unless it needs no request (decoded
/// before, fetched ahead not long ago, on its way). One try, no retries (failures are left to the
/// real visit). Whether a request was started.
pub fn prefetch_link(a: &web_sys::HtmlAnchorElement) -> bool {
    let Some(url) = route_of(a)
        .and_then(|r| r.document())
        .map(|d| document_url(&d))
    else {
        return false;
    };
    if http::known(&url) || !may_fetch_ahead(false) {
        return false;
    }
    leptos::task::spawn_local(http::fetch_ahead(url));
    true
}
