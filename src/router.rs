//! Client-side routing: the address as signals, links followed without a page load, Back/Forward.
//!
//! Why not leptos_router: the portal has four routes and plain links, and the router's generic
//! route tree cost 47 KB of the 208 KB gzip wasm (measured by building without it), a fifth
//! of the whole first visit. This keeps what the pages use: the address as signals, route
//! parameters, the query, and `<a>` clicks turned into history entries. Scroll restoration, focus
//! and announcements after a navigation stay in `nav.rs`.

use crate::nav::{link_of, listen, plain_left_click, stays_in_app};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The browser's address. `pathname` is the full path (with the deployment's sub-path); `search`
/// is the query without its `?`.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
}

#[derive(Clone, Copy)]
struct Address(RwSignal<(String, String)>);

fn window_address() -> (String, String) {
    let Some(l) = web_sys::window().map(|w| w.location()) else {
        return (String::from("/"), String::new());
    };
    let search = l.search().unwrap_or_default();
    (
        l.pathname().unwrap_or_else(|_| String::from("/")),
        search.strip_prefix('?').unwrap_or(&search).to_owned(),
    )
}

/// Follows the address; call once, at the root of an app, before anything reads [`use_location`].
pub fn provide() {
    let address = Address(RwSignal::new(window_address()));
    let pathname = Memo::new(move |_| address.0.read().0.clone());
    let search = Memo::new(move |_| address.0.read().1.clone());
    provide_context(address);
    provide_context(Location { pathname, search });
    let sync = move || {
        let now = window_address();
        if address.0.with_untracked(|a| *a != now) {
            address.0.set(now);
        }
    };
    let Some(win) = web_sys::window() else { return };
    listen(&win, "popstate", false, move |_| sync());
    if let Some(doc) = win.document() {
        // Bubble phase: after nav.rs's capture listener has noted the position being left.
        listen(&doc, "click", false, move |ev| {
            if follow(&ev) {
                sync();
            }
        });
    }
}

/// Takes over a plain left click on an in-app link: a new history entry instead of a page load.
/// Returns whether the address changed.
fn follow(ev: &web_sys::Event) -> bool {
    if !plain_left_click(ev) {
        return false;
    }
    let Some(a) = link_of(ev) else {
        return false;
    };
    if let Some(id) = a
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
        && matches!(a.target().as_str(), "" | "_self")
    {
        jump(ev, &id);
        return false;
    }
    if !stays_in_app(&a)
        || a.get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"))
    {
        return false;
    }
    let base = crate::app::base_path();
    let path = a.pathname();
    if !(path == base || path.starts_with(&format!("{base}/"))) {
        return false;
    }
    // A file (`files/report.pdf`, `api/v1/site.json`): routes are slugs, which have no dot.
    if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        return false;
    }
    let Some(win) = web_sys::window() else {
        return false;
    };
    let here = win.location();
    let same_document = here.pathname().ok().as_deref() == Some(path.as_str())
        && here.search().ok().as_deref() == Some(a.search().as_str());
    // A jump inside the page (#section) is the browser's.
    if same_document && !a.hash().is_empty() {
        return false;
    }
    ev.prevent_default();
    if !same_document
        && let Ok(h) = win.history()
        && h.push_state_with_url(&JsValue::NULL, "", Some(&a.href()))
            .is_err()
    {
        // The browser refused the entry (e.g. too many): a page load still gets the reader there.
        let _ = here.assign(&a.href());
        return false;
    }
    // A pager link keeps the reader where they are; any other link starts at the top.
    if !a.has_attribute("data-noscroll") {
        win.scroll_to_with_x_and_y(0.0, 0.0);
    }
    !same_document
}

/// `href="#id"`: with `<base href>` set, the browser would resolve it against the base and load
/// the home page; it means this page's element `id` (the skip link, notes in an article).
fn jump(ev: &web_sys::Event, id: &str) {
    let Some(win) = web_sys::window() else { return };
    let Some(target) = win.document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    ev.prevent_default();
    let here = win.location();
    if let (Ok(h), Ok(path), Ok(search)) = (win.history(), here.pathname(), here.search()) {
        // This entry's state (nav.rs keys its scroll position by it) stays.
        let state = h.state().unwrap_or(JsValue::NULL);
        let _ = h.replace_state_with_url(&state, "", Some(&format!("{path}{search}#{id}")));
    }
    target.scroll_into_view();
    // What a browser does on a fragment: reading and Tab continue from the target (main has
    // tabindex="-1" for this).
    if let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| {
        // Outside a routed app (component tests): a fixed address.
        let (path, search) = window_address();
        Location {
            pathname: Memo::new(move |_| path.clone()),
            search: Memo::new(move |_| search.clone()),
        }
    })
}

/// The path without the deployment's sub-path, split into its non-empty segments.
pub fn segments(pathname: &str) -> Vec<String> {
    let base = crate::app::base_path();
    let route = pathname.strip_prefix(base.as_str()).unwrap_or(pathname);
    route
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The query's pairs, decoded by the browser, in order.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Ok(entries) = js_sys::try_iter(&params.entries()) else {
        return out;
    };
    for pair in entries.into_iter().flatten().flatten() {
        let pair = js_sys::Array::from(&pair);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

/// The first value of `name` in the query.
pub fn query_value(search: &str, name: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(search)
        .ok()?
        .get(name)
}

/// A link that says `aria-current="page"` while its page (or, unless `exact`, a page below it) is
/// shown: the main menu's.
#[component]
pub fn NavLink(
    href: String,
    class: &'static str,
    #[prop(default = false)] exact: bool,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let target = href.trim_end_matches('/').to_owned();
    let current = move || {
        let path = location.pathname.read();
        let path = path.trim_end_matches('/');
        let active = path == target
            || (!exact && path.len() > target.len() && path.starts_with(&format!("{target}/")));
        active.then_some("page")
    };
    view! { <a href=href class=class aria-current=current>{children()}</a> }
}
