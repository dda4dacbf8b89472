//! A page's arrival, once its content is in the DOM and the address shows it: the scroll position
//! restored (Back/Forward), focus on its h1, the announcement, and the event for site analytics.

use super::state::{NAV, ensure_entry_key};
use crate::base::{after, document, window};
use leptos::prelude::GetUntracked;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// The event dispatched on `window` after every client-side navigation, once the new page is in
/// place: `detail` is `{ path, title, referrer }` (paths with the query, as in the address bar).
/// README "Site analytics" shows how to forward it to a tracker.
pub const NAVIGATE_EVENT: &str = "portal:navigate";

/// Call while building a page's content: once it is in the DOM and the browser's address shows
/// this route, restores the scroll position (Back/Forward), moves focus to the h1, announces
/// `title` and reports the navigation. The router updates the address after the page renders,
/// so this waits for it.
pub fn announce_page(title: String) {
    let location = use_location();
    crate::base::effect(move || {
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

/// The address bar's path and query.
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
            after(10, move || page_ready(title, expected, tries + 1));
        }
        return;
    }
    let url = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let path = window_path();
    let arrival = NAV.with(|n| {
        let mut nav = n.borrow_mut();
        if nav.handled_url.as_deref() == Some(url.as_str()) {
            return None;
        }
        let first = !nav.started;
        nav.started = true;
        nav.handled_url = Some(url.clone());
        let k = ensure_entry_key(&mut nav);
        nav.current_key = k;
        nav.navigating = false;
        let referrer = nav.previous_path.replace(path.clone());
        let quiet = std::mem::take(&mut nav.quiet);
        Some((
            first,
            nav.restore.take(),
            nav.partial.take(),
            quiet,
            referrer,
        ))
    });
    let Some((first_load, restore, partial, quiet, referrer)) = arrival else {
        return;
    };
    // Run once the page's children (e.g. the article body, filled in a task of its own) are
    // there, or a restored position would be clamped to a still-short document.
    crate::base::settled(move || {
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
            if !quiet {
                announce(&portal_core::i18n::fill(
                    crate::base::texts().loaded,
                    &[&title],
                ));
            }
        } else if !first_load {
            // On the first load the browser has already put the reader at the top of a fresh page.
            focus_heading();
            announce(&portal_core::i18n::fill(
                crate::base::texts().arrived,
                &[&title],
            ));
        }
        // A page load is counted by the tracker's own script; the app reports the rest.
        if !first_load {
            report(&path, referrer.as_deref().unwrap_or_default());
        }
        super::ahead::menu_on_arrival();
    });
    // After the page has settled, so its own requests go first.
    // Only if the reader is still on this page by then: a page left quickly fetches nothing ahead.
    after(300, move || {
        if NAV.with(|n| n.borrow().handled_url.as_deref() == Some(url.as_str())) {
            super::ahead::watch_visible_links();
        }
    });
}

/// Dispatches [`NAVIGATE_EVENT`] on `window`.
fn report(path: &str, referrer: &str) {
    let (Some(w), Some(doc)) = (window(), document()) else {
        return;
    };
    let detail = js_sys::Object::new();
    for (key, value) in [
        ("path", path),
        ("title", &doc.title()),
        ("referrer", referrer),
    ] {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value.into());
    }
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(NAVIGATE_EVENT, &init) {
        let _ = w.dispatch_event(&event);
    }
}

/// A selector that finds the same pager control in the re-rendered list.
pub(super) fn partial_selector(a: &web_sys::HtmlAnchorElement) -> String {
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

/// Focuses the control `selector` finds, or when it is gone (e.g. "next" on the last page) the
/// current page's link, or the pager's other link (a category's oldest page has only "newer").
fn focus_control(selector: &str) {
    let Some(doc) = document() else { return };
    let el = [selector, ".pager a[aria-current='page']", ".pager a"]
        .into_iter()
        .find_map(|s| doc.query_selector(s).ok().flatten());
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Moves focus to the page's h1 (or main) without scrolling away from a restored position.
fn focus_heading() {
    let Some(doc) = document() else { return };
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
    let Some(region) = document().and_then(|d| d.get_element_by_id("announcer")) else {
        return;
    };
    // Clearing first makes a repeated message be read again.
    region.set_text_content(Some(""));
    let message = message.to_owned();
    after(50, move || region.set_text_content(Some(&message)));
}
