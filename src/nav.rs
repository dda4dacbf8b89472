//! What a browser does on a full page load and a single-page app must redo itself: restore the
//! scroll position on Back/Forward, move focus to the new page's heading and announce the new page
//! to screen readers. Pages call [`page_ready`] once their content is in the DOM.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{History, ScrollRestoration, Window};

/// History state field holding our key of the entry.
const KEY: &str = "portalKey";
const STORAGE: &str = "portal-scroll";

#[derive(Default)]
struct Nav {
    /// Scroll position per history entry key.
    positions: HashMap<u32, f64>,
    next_key: u32,
    current_key: u32,
    /// Between leaving a page and the next page being ready: scroll events then belong to no page.
    navigating: bool,
    /// Set by Back/Forward: the position to restore once the page is ready.
    restore: Option<f64>,
    /// URL whose arrival was last handled, so a re-render of the same page does nothing.
    /// Cleared when a navigation starts: Back to the page just left is a new arrival.
    handled_url: Option<String>,
    /// Whether the first page of this visit has been handled.
    started: bool,
    /// Set when a control that changes only part of the page (a pager link) was used: the
    /// selector of the control to give focus back to once the new part is in.
    partial: Option<String>,
}

thread_local! {
    static NAV: RefCell<Nav> = RefCell::default();
}

fn window() -> Option<Window> {
    web_sys::window()
}

fn history() -> Option<History> {
    window()?.history().ok()
}

fn current_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

fn entry_key() -> Option<u32> {
    let state = history()?.state().ok()?;
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(&state, &JsValue::from_str(KEY))
        .ok()?
        .as_f64()
        .map(|k| k as u32)
}

/// Gives the current history entry a key if it has none; returns the entry's key.
fn ensure_entry_key(nav: &mut Nav) -> u32 {
    if let Some(k) = entry_key() {
        nav.next_key = nav.next_key.max(k + 1);
        return k;
    }
    let k = nav.next_key;
    nav.next_key += 1;
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &JsValue::from_str(KEY), &JsValue::from(k));
    if let Some(h) = history() {
        let _ = h.replace_state(&state, "");
    }
    k
}

fn scroll_y() -> f64 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

fn save_to_session(nav: &Nav) {
    let text: Vec<String> = nav
        .positions
        .iter()
        .map(|(k, y)| format!("{k}:{}", *y as i64))
        .collect();
    if let Some(s) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(STORAGE, &text.join(","));
    }
}

fn load_from_session(nav: &mut Nav) {
    let Some(text) = window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE).ok().flatten())
    else {
        return;
    };
    for pair in text.split(',') {
        if let Some((k, y)) = pair.split_once(':')
            && let (Ok(k), Ok(y)) = (k.parse::<u32>(), y.parse::<f64>())
        {
            nav.positions.insert(k, y);
            nav.next_key = nav.next_key.max(k + 1);
        }
    }
}

pub(crate) fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    capture: bool,
    f: impl FnMut(web_sys::Event) + 'static,
) {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        cb.as_ref().unchecked_ref(),
        capture,
    );
    // Lives as long as the page.
    cb.forget();
}

/// The link an event happened on or inside, if any.
pub(crate) fn link_of(ev: &web_sys::Event) -> Option<web_sys::HtmlAnchorElement> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()
}

/// Whether following `a` stays in the app (same origin, same tab, not a download): the links the
/// router takes over, and the only ones worth prefetching.
pub fn stays_in_app(a: &web_sys::HtmlAnchorElement) -> bool {
    window().and_then(|w| w.location().origin().ok()) == Some(a.origin())
        && a.target().is_empty()
        && !a.has_attribute("download")
}

thread_local! {
    /// Whether this document runs the widget app (`nhung.html`) rather than the portal.
    static WIDGET_APP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a route (without the deployment's sub-path) belongs to the widget app.
fn widget_route(route: &str) -> bool {
    route == "/nhung" || route == "/nhung/" || route.starts_with("/nhung/")
}

/// A plain left click nobody has handled yet: the only clicks the app turns into navigations
/// (a modified click, e.g. Ctrl for a new tab, stays the browser's).
pub(crate) fn plain_left_click(ev: &web_sys::Event) -> bool {
    ev.dyn_ref::<web_sys::MouseEvent>().is_some_and(|m| {
        !ev.default_prevented()
            && m.button() == 0
            && !(m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key())
    })
}

/// A link into the other app (portal ↔ widget app) is a page load, not a route change: the host
/// serves the other app's page for it.
fn leave_for_other_app(ev: &web_sys::Event, a: &web_sys::HtmlAnchorElement) {
    if !plain_left_click(ev) || !stays_in_app(a) {
        return;
    }
    let path = a.pathname();
    let Some(route) = path.strip_prefix(&crate::app::base_path()) else {
        return;
    };
    if widget_route(route) != WIDGET_APP.get() {
        ev.prevent_default();
        if let Some(w) = window() {
            let _ = w.location().assign(&a.href());
        }
    }
}

/// Installs the listeners; call once before mounting (`widget_app`: this is `nhung.html`).
pub fn init(widget_app: bool) {
    WIDGET_APP.set(widget_app);
    let Some(win) = window() else { return };
    if let Some(h) = history() {
        let _ = h.set_scroll_restoration(ScrollRestoration::Manual);
    }
    NAV.with(|n| {
        let mut nav = n.borrow_mut();
        load_from_session(&mut nav);
        nav.current_key = ensure_entry_key(&mut nav);
        // A reload lands where the reader was.
        nav.restore = nav.positions.get(&nav.current_key).copied();
        nav.navigating = nav.restore.is_some();
    });
    listen(&win, "scroll", false, |_| {
        NAV.with(|n| {
            let mut nav = n.borrow_mut();
            if !nav.navigating {
                let k = nav.current_key;
                nav.positions.insert(k, scroll_y());
            }
        })
    });
    // A click on a link may start a navigation: freeze this entry's position before the router
    // scrolls to the top. Capture phase runs before the router's own listener.
    if let Some(doc) = win.document() {
        listen(&doc, "click", true, |ev| {
            if let Some(a) = link_of(&ev) {
                leave_for_other_app(&ev, &a);
                if ev.default_prevented() {
                    return;
                }
                let same_page = window().map(|w| w.location()).is_some_and(|l| {
                    l.pathname().ok() == Some(a.pathname()) && l.search().ok() == Some(a.search())
                });
                let routed = stays_in_app(&a) && !same_page;
                NAV.with(|n| {
                    let mut nav = n.borrow_mut();
                    let k = nav.current_key;
                    nav.positions.insert(k, scroll_y());
                    // The router will scroll to the top; that position belongs to the next page.
                    if routed {
                        nav.navigating = true;
                        nav.handled_url = None;
                        nav.partial = a
                            .has_attribute("data-partial")
                            .then(|| partial_selector(&a));
                    }
                });
            }
        });
    }
    // Likely next documents are fetched while the reader points at, focuses or touches a link.
    if let Some(doc) = win.document() {
        for event in ["pointerover", "focusin", "touchstart"] {
            listen(&doc, event, true, |ev| {
                if let Some(a) = link_of(&ev) {
                    let _ = crate::api::prefetch_link(&a);
                }
            });
        }
    }
    listen(&win, "popstate", false, |_| {
        NAV.with(|n| {
            let mut nav = n.borrow_mut();
            nav.navigating = true;
            nav.handled_url = None;
            nav.partial = None;
            let k = ensure_entry_key(&mut nav);
            nav.current_key = k;
            nav.restore = Some(nav.positions.get(&k).copied().unwrap_or(0.0));
        })
    });
    listen(&win, "pagehide", false, |_| {
        NAV.with(|n| save_to_session(&n.borrow()))
    });
}

/// Call while building a page's content: once it is in the DOM and the browser's address shows
/// this route, restores the scroll position (Back/Forward), moves focus to the h1 and announces
/// `title`. The router may update the address after the page renders, so this waits for it.
pub fn announce_page(title: String) {
    let location = crate::router::use_location();
    leptos::prelude::Effect::new(move |_| {
        use leptos::prelude::GetUntracked;
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let expected = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        page_ready(title.clone(), expected, 0);
    });
}

fn window_path() -> String {
    window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

fn page_ready(title: String, expected: String, tries: u32) {
    // The address may still be the previous page's: wait (briefly) for the router to push it, or
    // the new page would take over the previous history entry.
    // If it never does, the reader has already moved on (e.g. Back before this page arrived) and
    // this page must not claim the entry they are on now.
    if !window_path().ends_with(&expected) {
        if tries < 50 {
            let retry = Closure::once_into_js(move || page_ready(title, expected, tries + 1));
            if let Some(w) = window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    retry.unchecked_ref(),
                    10,
                );
            }
        }
        return;
    }
    let url = current_url();
    let (first_load, restore, partial) = NAV.with(|n| {
        let mut nav = n.borrow_mut();
        if nav.handled_url.as_deref() == Some(url.as_str()) {
            return (None, None, None);
        }
        let first = !nav.started;
        nav.started = true;
        nav.handled_url = Some(url.clone());
        let k = ensure_entry_key(&mut nav);
        nav.current_key = k;
        nav.navigating = false;
        (Some(first), nav.restore.take(), nav.partial.take())
    });
    let Some(first_load) = first_load else { return };
    // Run after the effects of the page's children (e.g. the article body) have filled the page,
    // or a restored position would be clamped to a still-short document.
    let settle = Closure::once_into_js(move || {
        if let (Some(y), Some(w)) = (restore, window()) {
            w.scroll_to_with_x_and_y(0.0, y);
            NAV.with(|n| {
                let mut nav = n.borrow_mut();
                let k = nav.current_key;
                nav.positions.insert(k, y);
            });
        }
        if let Some(selector) = partial {
            // Only the list changed: focus goes back to the control that was used.
            focus_control(&selector);
            announce(&format!("Đã tải {title}"));
        } else if !first_load {
            // On the first load the browser has already put the reader at the top of a fresh page.
            focus_heading();
            announce(&format!("Đã chuyển tới: {title}"));
        }
    });
    if let Some(w) = window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(settle.unchecked_ref(), 0);
    }
    // After the page has settled, so its own requests go first.
    // Only if the reader is still on this page by then: a page left quickly fetches nothing ahead.
    let watch = Closure::once_into_js(move || {
        if NAV.with(|n| n.borrow().handled_url.as_deref() == Some(url.as_str())) {
            watch_visible_links();
        }
    });
    if let Some(w) = window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(watch.unchecked_ref(), 300);
    }
}

thread_local! {
    /// Watches the page's links; one for the visit, re-pointed at each page's links.
    static VIEWPORT: Option<web_sys::IntersectionObserver> = {
        let on_visible = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                for entry in entries.iter() {
                    let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
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
                    if let Ok(a) = target.dyn_into::<web_sys::HtmlAnchorElement>()
                        && crate::api::prefetch_link(&a)
                    {
                        VIEWPORT_FETCHED.set(VIEWPORT_FETCHED.get() + 1);
                    }
                }
            },
        );
        let observer = web_sys::IntersectionObserver::new(on_visible.as_ref().unchecked_ref()).ok();
        on_visible.forget();
        observer
    };
    /// Documents fetched ahead for the current page because their links came into view.
    static VIEWPORT_FETCHED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The most documents one page fetches ahead because their links are on screen.
const VIEWPORT_LINKS: u32 = 12;

/// Fetches ahead the documents behind the links of the page's content that come into view (not
/// the menu: that is prefetched on pointer and focus), on fast connections only and never when the
/// reader asked to save data.
fn watch_visible_links() {
    if !crate::api::may_fetch_ahead(true) {
        return;
    }
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    VIEWPORT.with(|observer| {
        let Some(observer) = observer else { return };
        observer.disconnect();
        VIEWPORT_FETCHED.set(0);
        let Ok(links) = doc.query_selector_all("main a[href]") else {
            return;
        };
        for i in 0..links.length() {
            if let Some(a) = links
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                .filter(stays_in_app)
            {
                observer.observe(&a);
            }
        }
    });
}

/// A selector that finds the same pager control in the re-rendered list.
fn partial_selector(a: &web_sys::HtmlAnchorElement) -> String {
    if let Some(rel) = a
        .get_attribute("rel")
        .filter(|r| r == "next" || r == "prev")
    {
        return format!(".pager a[rel='{rel}']");
    }
    match a.get_attribute("aria-label") {
        Some(label) if !label.contains(['\'', '\\']) => format!(".pager a[aria-label='{label}']"),
        _ => ".pager a[aria-current='page']".to_owned(),
    }
}

/// Focuses the control `selector` finds, or the current page's link when it is gone (e.g. "next"
/// on the last page).
fn focus_control(selector: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let el = doc.query_selector(selector).ok().flatten().or_else(|| {
        doc.query_selector(".pager a[aria-current='page']")
            .ok()
            .flatten()
    });
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Moves focus to the page's h1 (or main) without scrolling away from a restored position.
fn focus_heading() {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let target = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| doc.get_element_by_id("main"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
    }
}

/// Says `message` through the polite live region (`#announcer`).
pub fn announce(message: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(region) = doc.get_element_by_id("announcer") else {
        return;
    };
    // Clearing first makes a repeated message be read again.
    region.set_text_content(Some(""));
    let message = message.to_owned();
    let cb = Closure::once_into_js(move || region.set_text_content(Some(&message)));
    if let Some(w) = window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 50);
    }
}
