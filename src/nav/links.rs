//! Clicks on links that leptos_router must not take as in-app navigations. It leaves a click alone
//! once `preventDefault` was called, so this capture-phase listener decides first.

use crate::base::{link_of, plain_left_click, route_path, stays_in_app, window};
use portal_core::route::{App, Route};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlAnchorElement};

/// Handles the click if it is one of ours to handle; returns whether it did.
pub(super) fn take_click(ev: &Event, this_app: App) -> bool {
    if !plain_left_click(ev) {
        return false;
    }
    let Some(a) = link_of(ev) else { return false };
    if let Some(id) = a
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
        && matches!(a.target().as_str(), "" | "_self")
    {
        return jump(ev, &id);
    }
    if !stays_in_app(&a) {
        return false;
    }
    if leaves_the_app(&a, this_app) {
        ev.prevent_default();
        if let Some(w) = window() {
            let _ = w.location().assign(&a.href());
        }
        return true;
    }
    false
}

/// A link the browser must follow with a page load: into another app (the route table's
/// [`App`]: the host serves it as another page), into the other language, or to a file (a dot in the last segment:
/// `files/report.pdf`, `api/v1/site.json`; routes are slugs, which have none).
pub(super) fn leaves_the_app(a: &HtmlAnchorElement, this_app: App) -> bool {
    let Some(path) = route_path(a) else {
        // The other language's pages: the router's base may hold them (`/en` under `/`).
        return crate::base::other_language(a);
    };
    Route::app_of(&path) != this_app
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// `href="#id"`: with `<base href>` set, the browser (and the router) would resolve it against the
/// base and load the home page; it means this page's element `id` (the skip link, notes in an
/// article). Jumps there without a new history entry and moves focus, as a browser does.
fn jump(ev: &Event, id: &str) -> bool {
    let Some(win) = window() else { return false };
    let Some(target) = win.document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    ev.prevent_default();
    let here = win.location();
    if let (Ok(h), Ok(path), Ok(search)) = (win.history(), here.pathname(), here.search()) {
        // This entry's state (scroll positions are keyed by it) stays.
        let state = h.state().unwrap_or(JsValue::NULL);
        let _ = h.replace_state_with_url(&state, "", Some(&format!("{path}{search}#{id}")));
    }
    target.scroll_into_view();
    // Reading and Tab continue from the target (main has tabindex="-1" for this).
    if let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    true
}
