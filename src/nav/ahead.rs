//! Which documents to fetch ahead: those behind links the reader points at, focuses or touches,
//! and (on fast connections) those behind the page's links that come into view.

use crate::api::{may_fetch_ahead, prefetch_link};
use crate::base::{document, link_of, listen, stays_in_app};
use leptos::prelude::on_cleanup;
use portal_core::route::App;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// The most documents one page fetches ahead because their links are on screen.
const VIEWPORT_LINKS: u32 = 12;

type OnVisible = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

thread_local! {
    /// Watches the page's links: one for the app, re-pointed at each page's links.
    static VIEWPORT: RefCell<Option<(IntersectionObserver, OnVisible)>> = const { RefCell::new(None) };
    /// Documents fetched ahead for the current page because their links came into view.
    static VIEWPORT_FETCHED: Cell<u32> = const { Cell::new(0) };
    /// The app running: a link into another app is a page load, whose app would not find the
    /// documents kept here, so nothing is fetched ahead for it.
    static APP: Cell<App> = const { Cell::new(App::Portal) };
}

/// Fetches ahead the document behind `a` if it is one of this app's pages.
fn ahead(a: &web_sys::HtmlAnchorElement) -> bool {
    !super::links::leaves_the_app(a, APP.get()) && prefetch_link(a)
}

/// Installs the pointer, focus and touch listeners and the viewport observer, released with the
/// current owner (the app).
pub(super) fn install(doc: &web_sys::Document, app: App) {
    APP.set(app);
    for event in ["pointerover", "focusin", "touchstart"] {
        listen(doc, event, true, |ev| {
            if let Some(a) = link_of(&ev) {
                ahead(&a);
            }
        });
    }
    let on_visible = OnVisible::new(|entries: js_sys::Array, observer: IntersectionObserver| {
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                continue;
            };
            if !entry.is_intersecting() {
                continue;
            }
            let target = entry.target();
            observer.unobserve(&target);
            if VIEWPORT_FETCHED.get() >= VIEWPORT_LINKS {
                observer.disconnect();
                return;
            }
            if let Ok(a) = target.dyn_into::<web_sys::HtmlAnchorElement>() {
                ahead_in_a_task(a, true);
            }
        }
    });
    if let Ok(observer) = IntersectionObserver::new(on_visible.as_ref().unchecked_ref()) {
        VIEWPORT.set(Some((observer, on_visible)));
    }
    let release = SendWrapper::new(|| {
        if let Some((observer, _)) = VIEWPORT.take() {
            observer.disconnect();
        }
    });
    on_cleanup(move || release.take()());
}

/// Fetches ahead the document behind `a` in a task of its own: a page's dozen links at once would
/// otherwise be one long task on a slow phone (docs/performance.md, issue 25). `on_screen`: one
/// of the links that came into view, which fetch at most `VIEWPORT_LINKS` a page.
fn ahead_in_a_task(a: web_sys::HtmlAnchorElement, on_screen: bool) {
    crate::base::after(0, move || {
        if !on_screen {
            ahead(&a);
        } else if VIEWPORT_FETCHED.get() < VIEWPORT_LINKS && ahead(&a) {
            VIEWPORT_FETCHED.set(VIEWPORT_FETCHED.get() + 1);
        }
    });
}

/// Fetches ahead the documents behind the main menu's sections, the pages readers open most, as
/// soon as a page has arrived (its own requests answered, the app's page the one shown): one
/// request per task, on fast connections only and never when the reader asked to save data. Not
/// when the main thread is next idle: a busy phone may not be idle for a while, Safari has no
/// `requestIdleCallback`, and a reader's first tap on the menu can come sooner; on a desktop the
/// requests now go out 64-100 ms after the swap, against 71-125 when idle (docs/performance.md).
/// Those fetched not long ago, or on their way, are not asked for again (`api::prefetch_link`).
pub(super) fn menu_on_arrival() {
    if may_fetch_ahead(true) {
        for a in links(".main-nav .menu-item > a") {
            ahead_in_a_task(a, false);
        }
    }
}

/// The page's links that `selector` matches.
fn links(selector: &str) -> impl Iterator<Item = web_sys::HtmlAnchorElement> {
    let list = document().and_then(|d| d.query_selector_all(selector).ok());
    let count = list.as_ref().map_or(0, web_sys::NodeList::length);
    (0..count).filter_map(move |i| {
        list.as_ref()?
            .item(i)?
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .ok()
    })
}

/// Fetches ahead the documents behind the links of the page's content that come into view (not
/// the menu: see `menu_on_arrival`), on fast connections only and never when the reader asked to
/// save data.
pub(super) fn watch_visible_links() {
    if !may_fetch_ahead(true) {
        return;
    }
    VIEWPORT.with_borrow(|viewport| {
        let Some((observer, _)) = viewport else {
            return;
        };
        observer.disconnect();
        VIEWPORT_FETCHED.set(0);
        for a in links("main a[href]").filter(stays_in_app) {
            observer.observe(&a);
        }
    });
}
