//! What a browser does on a full page load and a single-page app must redo itself, driven by
//! leptos_router's location: restore the scroll position on Back/Forward, move focus to the new
//! page's heading, announce the new page to screen readers, and report it to site analytics
//! (`arrival`). Also the clicks the router must not take (`links`) and fetching ahead (`ahead`).

mod ahead;
mod arrival;
mod links;

pub use arrival::{NAVIGATE_EVENT, announce, announce_page};

/// Call before navigating from code (a search form's submission), as a link click would be
/// noted: this page's scroll position is kept, and the next page's arrival restores nothing.
/// `focus`: the control to give focus back to once the new content is in (only part of the page
/// changed, which then announces itself), instead of the new page's heading.
pub fn before_navigate(focus: Option<&str>) {
    NAV.with(|n| {
        let mut nav = n.borrow_mut();
        nav.keep_position();
        nav.leaving(focus.map(str::to_owned), focus.is_some());
    });
}

use crate::base::{link_of, listen, stays_in_app, window};
use portal_core::route::App;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{History, ScrollRestoration};

/// History state field holding our key of the entry.
const KEY: &str = "portalKey";
const STORAGE: &str = "portal-scroll";

#[derive(Default)]
struct Nav {
    /// Scroll position per history entry key (a list: one entry per page of the visit).
    positions: Positions,
    next_key: u32,
    current_key: u32,
    /// Between leaving a page and the next page being ready: scroll events then belong to no page.
    navigating: bool,
    /// Set by Back/Forward: the position to restore once the page is ready.
    restore: Option<f64>,
    /// URL whose arrival was last handled, so a re-render of the same page does nothing.
    /// Cleared when a navigation starts: Back to the page just left is a new arrival.
    handled_url: Option<String>,
    /// The path of the page shown before this one (the analytics event's referrer).
    previous_path: Option<String>,
    /// Whether the first page of this visit has been handled.
    started: bool,
    /// Set when a control that changes only part of the page (a pager link) was used: the
    /// selector of the control to give focus back to once the new part is in.
    partial: Option<String>,
    /// With `partial`: the part that changed announces itself (search results' count), so the
    /// arrival says nothing.
    quiet: bool,
}

impl Nav {
    /// Notes where the reader is on the current page (kept for Back to it).
    fn keep_position(&mut self) {
        let k = self.current_key;
        self.positions.insert(k, scroll_y());
    }

    /// A navigation starts: scroll events belong to no page until the next one is ready, whose
    /// arrival is new; `partial` and `quiet` as the fields say.
    fn leaving(&mut self, partial: Option<String>, quiet: bool) {
        self.navigating = true;
        self.handled_url = None;
        self.partial = partial;
        self.quiet = quiet;
    }
}

/// Scroll positions by history entry key.
#[derive(Default)]
struct Positions(Vec<(u32, f64)>);

impl Positions {
    fn get(&self, key: u32) -> Option<f64> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, y)| *y)
    }

    fn insert(&mut self, key: u32, y: f64) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = y,
            None => self.0.push((key, y)),
        }
    }
}

thread_local! {
    static NAV: RefCell<Nav> = RefCell::default();
}

fn history() -> Option<History> {
    window()?.history().ok()
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
        .0
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
            // Saved as whole pixels, read as an integer: parsing a float would add 3.8 KB of
            // float-parsing code to the wasm.
            && let (Ok(k), Ok(y)) = (k.parse::<u32>(), y.parse::<i64>())
        {
            nav.positions.insert(k, y as f64);
            nav.next_key = nav.next_key.max(k + 1);
        }
    }
}

/// Installs the listeners for the life of the current owner: call at the root of an app. The click
/// listener runs in the capture phase, so it sees every click before leptos_router does.
pub fn init(app: App) {
    let Some(win) = window() else { return };
    if let Some(h) = history() {
        let _ = h.set_scroll_restoration(ScrollRestoration::Manual);
    }
    NAV.with(|n| {
        let mut nav = n.borrow_mut();
        load_from_session(&mut nav);
        nav.current_key = ensure_entry_key(&mut nav);
        // A reload lands where the reader was.
        nav.restore = nav.positions.get(nav.current_key);
        nav.navigating = nav.restore.is_some();
    });
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
            NAV.with(|n| {
                let mut nav = n.borrow_mut();
                nav.keep_position();
                // The router will scroll to the top; that position belongs to the next page.
                if routed {
                    nav.leaving(
                        a.has_attribute("data-partial")
                            .then(|| arrival::partial_selector(&a)),
                        a.has_attribute("data-quiet"),
                    );
                }
            });
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
