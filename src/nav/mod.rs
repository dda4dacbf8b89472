//! What a browser does on a full page load and a single-page app must redo itself, driven by
//! leptos_router's location: restore the scroll position on Back/Forward, move focus to the new
//! page's heading, announce the new page to screen readers, and report it to site analytics
//! (`arrival`). Also the clicks the router must not take (`links`) and fetching ahead (`ahead`).

mod ahead;
mod arrival;
mod links;
mod state;

pub use arrival::{NAVIGATE_EVENT, announce, announce_page};

/// Call before navigating from code (a search form's submission), as a link click would be
/// noted: this page's scroll position is kept, and the next page's arrival restores nothing.
/// `focus`: the control to give focus back to once the new content is in (only part of the page
/// changed, which then announces itself), instead of the new page's heading. Returns the history
/// state to navigate with (the new entry's key).
pub fn before_navigate(focus: Option<&str>) -> wasm_bindgen::JsValue {
    NAV.with(|n| {
        let mut nav = n.borrow_mut();
        nav.keep_position();
        nav.leaving(focus.map(str::to_owned), focus.is_some());
        new_entry(&mut nav).1
    })
}

use crate::base::{link_of, listen, stays_in_app, window};
use portal_core::route::App;
use state::{NAV, ensure_entry_key, history, load_from_session, new_entry, save_to_session};
use web_sys::ScrollRestoration;

/// This history entry's key, and its position to restore on a reload.
fn this_entry() {
    if let Some(h) = history() {
        let _ = h.set_scroll_restoration(ScrollRestoration::Manual);
    }
    NAV.with(|n| {
        let mut nav = n.borrow_mut();
        load_from_session(&mut nav);
        nav.loaded = true;
        nav.current_key = ensure_entry_key(&mut nav);
        // A reload lands where the reader was.
        nav.restore = nav.positions.get(nav.current_key);
        nav.navigating = nav.restore.is_some();
    });
}

/// Installs the listeners for the life of the current owner: call at the root of an app. The click
/// listener runs in the capture phase, so it sees every click before leptos_router does.
pub fn init(app: App) {
    let Some(win) = window() else { return };
    // `history.replaceState` is the costliest call of the app's start (docs/performance.md):
    // while the app takes over, in a task of its own, before the page arrives.
    if crate::base::taking_over() {
        // Until then, scrolling belongs to no entry (the key is not known yet).
        NAV.with(|n| n.borrow_mut().navigating = true);
        crate::base::later(this_entry);
    } else {
        this_entry();
    }
    listen(&win, "scroll", false, |_| {
        NAV.with(|n| {
            let mut nav = n.borrow_mut();
            if !nav.navigating {
                nav.keep_position();
            }
        })
    });
    if let Some(doc) = win.document() {
        // Capture phase: before leptos_router's listener, which follows the link and scrolls to the
        // top. This entry's position is noted first.
        listen(&doc, "click", true, move |ev| {
            if links::take_click(&ev, app) {
                return;
            }
            let Some(a) = link_of(&ev) else { return };
            let same_page = window().map(|w| w.location()).is_some_and(|l| {
                l.pathname().ok() == Some(a.pathname()) && l.search().ok() == Some(a.search())
            });
            let routed = stays_in_app(&a) && !same_page;
            let state = NAV.with(|n| {
                let mut nav = n.borrow_mut();
                nav.keep_position();
                // The router will scroll to the top; that position belongs to the next page.
                routed.then(|| {
                    nav.leaving(
                        a.has_attribute("data-partial")
                            .then(|| arrival::partial_selector(&a)),
                        a.has_attribute("data-quiet"),
                    );
                    new_entry(&mut nav).1
                })
            });
            // The router pushes the entry with the link's `state` property: the new entry's key,
            // or nothing (a link that stays on this page must not carry an earlier click's key).
            let key = wasm_bindgen::JsValue::from_str("state");
            let _ = match state {
                Some(state) => js_sys::Reflect::set(&a, &key, &state),
                None => js_sys::Reflect::delete_property(&a, &key),
            };
        });
        ahead::install(&doc, app);
    }
    listen(&win, "popstate", false, |_| {
        NAV.with(|n| {
            let mut nav = n.borrow_mut();
            nav.leaving(None, false);
            let k = ensure_entry_key(&mut nav);
            nav.current_key = k;
            nav.restore = Some(nav.positions.get(k).unwrap_or(0.0));
        })
    });
    listen(&win, "pagehide", false, |_| {
        NAV.with(|n| save_to_session(&n.borrow()))
    });
}
