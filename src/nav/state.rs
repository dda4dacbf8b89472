//! The navigation state of the visit: scroll positions by history entry, and what the page being
//! left asked of the next one. `mod.rs` keeps it up to date from the browser's events, `arrival`
//! reads it when a page is ready.

use crate::base::window;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::History;

/// History state field holding our key of the entry.
pub(super) const KEY: &str = "portalKey";
pub(super) const STORAGE: &str = "portal-scroll";

#[derive(Default)]
pub(super) struct Nav {
    /// Scroll position per history entry key (a list: one entry per page of the visit).
    pub(super) positions: Positions,
    pub(super) next_key: u32,
    pub(super) current_key: u32,
    /// Between leaving a page and the next page being ready: scroll events then belong to no page.
    pub(super) navigating: bool,
    /// Set by Back/Forward: the position to restore once the page is ready.
    pub(super) restore: Option<f64>,
    /// URL whose arrival was last handled, so a re-render of the same page does nothing.
    /// Cleared when a navigation starts: Back to the page just left is a new arrival.
    pub(super) handled_url: Option<String>,
    /// The path of the page shown before this one (the analytics event's referrer).
    pub(super) previous_path: Option<String>,
    /// Whether the first page of this visit has been handled.
    pub(super) started: bool,
    /// Whether this page's entry and the visit's saved positions have been read (`mod.rs`
    /// `this_entry`): until then there is nothing of this page's to save, and saving would erase
    /// the visit's positions.
    pub(super) loaded: bool,
    /// Set when a control that changes only part of the page (a pager link) was used: the
    /// selector of the control to give focus back to once the new part is in.
    pub(super) partial: Option<String>,
    /// With `partial`: the part that changed announces itself (search results' count), so the
    /// arrival says nothing.
    pub(super) quiet: bool,
}

impl Nav {
    /// Notes where the reader is on the current page (kept for Back to it).
    pub(super) fn keep_position(&mut self) {
        let k = self.current_key;
        self.positions.insert(k, scroll_y());
    }

    /// A navigation starts: scroll events belong to no page until the next one is ready, whose
    /// arrival is new; `partial` and `quiet` as the fields say.
    pub(super) fn leaving(&mut self, partial: Option<String>, quiet: bool) {
        self.navigating = true;
        self.handled_url = None;
        self.partial = partial;
        self.quiet = quiet;
    }
}

/// Scroll positions by history entry key.
#[derive(Default)]
pub(super) struct Positions(pub(super) Vec<(u32, f64)>);

impl Positions {
    pub(super) fn get(&self, key: u32) -> Option<f64> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, y)| *y)
    }

    pub(super) fn insert(&mut self, key: u32, y: f64) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = y,
            None => self.0.push((key, y)),
        }
    }
}

thread_local! {
    pub(super) static NAV: RefCell<Nav> = RefCell::default();
}

pub(super) fn history() -> Option<History> {
    window()?.history().ok()
}

pub(super) fn entry_key() -> Option<u32> {
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
pub(super) fn ensure_entry_key(nav: &mut Nav) -> u32 {
    if let Some(k) = entry_key() {
        nav.next_key = nav.next_key.max(k + 1);
        return k;
    }
    let (k, state) = new_entry(nav);
    if let Some(h) = history() {
        let _ = h.replace_state(&state, "");
    }
    k
}

/// A key for a history entry about to be made, and the state that carries it: given to the
/// router's push, the entry has its key from the start, so its arrival need not call
/// `history.replaceState` (a few milliseconds of every navigation, docs/performance.md).
pub(super) fn new_entry(nav: &mut Nav) -> (u32, JsValue) {
    let k = nav.next_key;
    nav.next_key += 1;
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &JsValue::from_str(KEY), &JsValue::from(k));
    (k, state.into())
}

pub(super) fn scroll_y() -> f64 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

pub(super) fn save_to_session(nav: &Nav) {
    if !nav.loaded {
        return;
    }
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

pub(super) fn load_from_session(nav: &mut Nav) {
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
