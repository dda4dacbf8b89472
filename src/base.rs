//! The bottom layer: where the deployment lives (its base path, absolute URLs, `<meta>`
//! settings) and small DOM helpers. Every other module may import this; it imports none of them.

use leptos::prelude::on_cleanup;
use portal_core::i18n::{Lang, Texts};
use portal_core::route::Route;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, EventTarget, HtmlAnchorElement, Window};

/// The browser window; `None` in the native prerender, where there is no browser (web-sys calls
/// would panic there), so every path to the DOM goes through here and stops.
pub fn window() -> Option<Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

pub fn document() -> Option<Document> {
    window()?.document()
}

/// The document's base URL: `<base href>`, which Trunk sets to `--public-url`.
fn base_uri() -> Option<String> {
    document()?.base_uri().ok().flatten()
}

thread_local! {
    /// The path of `<base href>` without its trailing slash: "" at the site root, `/cong` for a
    /// build deployed with `--public-url /cong/`. Read once; the prerender sets it
    /// (`set_site`).
    static SITE_PATH: std::cell::RefCell<String> = std::cell::RefCell::new(
        base_uri()
            .and_then(|b| web_sys::Url::new(&b).ok())
            .map(|u| u.pathname().trim_end_matches('/').to_owned())
            .unwrap_or_default(),
    );
    /// The page's language, from its address (English under `<base>/en`): fixed for the app's
    /// life, since the language switch is a page load. The prerender sets it for each page.
    static LANG: std::cell::Cell<Lang> = std::cell::Cell::new(
        window()
            .and_then(|w| w.location().pathname().ok())
            .map_or(Lang::Vi, |path| {
                let site = SITE_PATH.with(|b| b.borrow().clone());
                path.strip_prefix(site.as_str()).map_or(Lang::Vi, |rest| Lang::split(rest).0)
            }),
    );
}

/// The page's language.
pub fn lang() -> Lang {
    LANG.with(std::cell::Cell::get)
}

/// The interface's words in the page's language.
pub fn texts() -> &'static Texts {
    lang().texts()
}

/// The language of the pages the prerender renders next, or of a widget's (`lang=en`).
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The prerender's deployment: the absolute URL of the site's base (`https://portal.example/cong/`),
/// where a browser would read `<base href>`.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_site(url: &str) {
    let root = format!("{}/", url.trim_end_matches('/'));
    let path = portal_core::paths::url_path(&root);
    SITE_PATH.with(|b| *b.borrow_mut() = path.trim_end_matches('/').to_owned());
    SITE.with(|s| *s.borrow_mut() = root);
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SITE: std::cell::RefCell<String> = Default::default();
}

/// Called by every page once it shows its content, an error or the not-found page (not while
/// it loads). On a prerendered page the first call tells `public/assets/boot.js` to swap the app
/// in (`<html data-app="ready">`, see `takeover`), once the parts rendered in later tasks
/// ([`later`]) are there too; after that, and without a prerendered page, the attribute is
/// already there and this does nothing.
pub fn page_ready() {
    READY.with(|r| r.asked.set(true));
    mark_ready();
}

fn mark_ready() {
    if READY.with(|r| r.held.get() > 0 || !r.asked.get()) {
        return;
    }
    if let Some(root) = document().and_then(|d| d.document_element())
        && !root.has_attribute("data-app")
    {
        let _ = root.set_attribute("data-app", "ready");
    }
}

#[derive(Default)]
struct Ready {
    asked: std::cell::Cell<bool>,
    held: std::cell::Cell<u32>,
}

thread_local! {
    static READY: Ready = Ready::default();
}

/// True while the app builds its first page, before `<html data-app>` says it runs: work left
/// to a later task then costs the reader nothing, the prerendered page being on screen.
pub fn taking_over() -> bool {
    document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| !root.has_attribute("data-app"))
}

/// Whether the app is taking over the prerendered page of this very address (not the not-found
/// page, nor a search page served for a query it does not hold): its data failing then leaves the
/// page as it was served (`api::quiet`).
pub fn served_this_page() -> bool {
    let Some(doc) = document().filter(|_| taking_over()) else {
        return false;
    };
    let here = doc
        .location()
        .and_then(|l| Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?)));
    let served = doc
        .get_element_by_id("app")
        .and_then(|app| app.get_attribute("data-path"));
    match (here, served) {
        (Some(here), Some(served)) => here.trim_end_matches('/') == served.trim_end_matches('/'),
        _ => false,
    }
}

/// `navigator.serviceWorker`, where the browser has it (read without web-sys's bindings for it).
fn service_workers() -> Option<JsValue> {
    let navigator: JsValue = window()?.navigator().into();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|c| !c.is_undefined())
}

/// Whether the portal's service worker answers this page's requests (`.controller`): a document
/// it could not fetch nor find stored is one this browser cannot read now, and a page load shows
/// the worker's page for that (the stored copy, or what can be read offline).
pub fn worker_controls() -> bool {
    service_workers()
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("controller")).ok())
        .is_some_and(|c| c.is_truthy())
}

/// Whether this page can have the portal's service worker: the build registers one (the
/// prerender's `<meta name="portal-service-worker">`) and the browser has them.
pub fn worker_possible() -> bool {
    meta_content("portal-service-worker").is_some() && service_workers().is_some()
}

/// Tells boot.js that the app cannot take the prerendered page over for now (its data failed and
/// is asked for again quietly): the page stays as served, and boot.js says so in one polite line.
pub fn unavailable() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute(UNAVAILABLE, "");
    }
}

/// `<html data-app-unavailable>`: read by `public/assets/boot.js`, which removes it at the swap.
const UNAVAILABLE: &str = "data-app-unavailable";

/// Holds the swap (and a page's arrival, [`settled`]) until dropped: a request in flight while
/// the app takes over, whose answer the page will show.
pub struct Hold(());

pub fn hold() -> Hold {
    READY.with(|r| r.held.set(r.held.get() + 1));
    Hold(())
}

impl Drop for Hold {
    fn drop(&mut self) {
        READY.with(|r| r.held.set(r.held.get().saturating_sub(1)));
        mark_ready();
    }
}

/// Runs `f` in a task of its own, after this one, and holds the swap until it has run.
pub fn later(f: impl FnOnce() + 'static) {
    let hold = hold();
    after(0, move || {
        f();
        // Released in the next task: the effects of what `f` rendered run first (in this task's
        // microtasks) and hold what they leave to later tasks (an article's body).
        after(0, move || drop(hold));
    });
}

/// Runs `f` in a later task, once every part left to a later task ([`later`]) has rendered and
/// the app's page is the one in the document (`<html data-app="on">`, after boot.js's swap): a
/// page's arrival (scroll position, focus) then sees the whole page, not the prerendered one.
pub fn settled(f: impl FnOnce() + 'static) {
    settled_after(0, f, 500);
}

fn settled_after(ms: i32, f: impl FnOnce() + 'static, tries: u32) {
    after(ms, move || {
        let root = document().and_then(|d| d.document_element());
        let swapped = root
            .as_ref()
            .and_then(|root| root.get_attribute("data-app"))
            .is_some_and(|a| a == "on");
        if root.is_some_and(|root| root.has_attribute(UNAVAILABLE)) && !swapped {
            // The prerendered page stays the page until its data comes: an arrival before then
            // would move the reader's page.
            settled_after(250, f, tries);
        } else if READY.with(|r| r.held.get()) > 0 && tries > 0 {
            settled_after(0, f, tries - 1);
        } else if !swapped && tries > 0 {
            // Waiting for boot.js's swap: a timer, at most about five seconds.
            settled_after(10, f, tries - 1);
        } else {
            f();
        }
    });
}

/// `source()` as a memo that takes each new value in a later task than the one that changed it
/// (the first value at once): what renders from it then renders in a slice of its own
/// (docs/performance.md, issue 25), and a page's arrival waits for it ([`settled`]).
pub fn in_next_task<T>(source: impl Fn() -> T + Send + Sync + 'static) -> leptos::prelude::Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    #[cfg(target_arch = "wasm32")]
    use leptos::prelude::Set;
    use leptos::prelude::{Get, RwSignal, untrack};
    let shown = RwSignal::new(untrack(&source));
    #[cfg(target_arch = "wasm32")]
    effect(move || {
        let next = source();
        later(move || {
            shown.try_set(next);
        });
    });
    leptos::prelude::Memo::new(move |_| shown.get())
}

/// The router base: the deployment's sub-path and the language's ("" at the site root, `/cong`
/// under `--public-url /cong/`, `/cong/en` for its English pages).
pub fn base_path() -> String {
    SITE_PATH.with(|b| format!("{}{}", b.borrow(), lang().prefix()))
}

/// A route of the page's language (`/thoi-su`) as an `href` with the deployment's sub-path and
/// the language's in front (`/cong/thoi-su`, `/en/news`).
pub fn link(route: &str) -> String {
    let base = base_path();
    match route {
        // English's home is `/en`, not `/en/`.
        "/" if !base.is_empty() && lang() != Lang::Vi => base,
        _ => format!("{base}{route}"),
    }
}

/// A path relative to the deployment's base, whatever its language (`/en/about`, an
/// [`portal_core::Alternate`]'s), as an `href`.
pub fn site_link(path: &str) -> String {
    SITE_PATH.with(|b| format!("{}{path}", b.borrow()))
}

/// An address resolved against the base URL as the browser would follow it.
pub fn resolve(href: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::Url::new_with_base(href, &base_uri()?)
        .ok()
        .map(|u| u.href());
    #[cfg(not(target_arch = "wasm32"))]
    SITE.with(|site| portal_core::paths::resolve(&site.borrow(), href))
}

/// A route (`/thoi-su`), or an address relative to the base (`api/v1`), as an absolute URL under
/// the base: what links inside another site's page (widgets, snippets) need.
pub fn absolute(route: &str) -> String {
    resolve(route.trim_start_matches('/')).unwrap_or_else(|| route.to_owned())
}

/// The content of `<meta name="…">` in index.html (deployment settings that need no rebuild).
pub fn meta_content(name: &str) -> Option<String> {
    document()?
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??
        .dyn_into::<web_sys::HtmlMetaElement>()
        .ok()
        .map(|m| m.content())
}

/// `s` lowered and in Unicode's canonical decomposition (NFD), or composition (NFC), for search
/// folding: the browser's own `normalize` and `toLowerCase`, so no Unicode table goes into the
/// wasm. Natively (the prerender, which never searches) `s` as it is.
pub fn lower_nfd(s: &str) -> String {
    normalized(s, "NFD")
}

pub fn lower_nfc(s: &str) -> String {
    normalized(s, "NFC")
}

/// Today in Vietnam (a document's legal status depends on it): the browser's clock, or the
/// machine's in the prerender.
pub fn today() -> portal_core::Date {
    #[cfg(target_arch = "wasm32")]
    let secs = (js_sys::Date::now() / 1000.0) as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    portal_core::DateTime::from_unix_seconds(secs, portal_core::datetime::VIETNAM_OFFSET_MINUTES)
        .date
}

/// `s` in Unicode's canonical composition (NFC), not lowered: what a citizen typed, as the
/// receiver stores it. Natively `s` as it is.
pub fn nfc(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(s).normalize("NFC"));
    #[cfg(not(target_arch = "wasm32"))]
    s.to_owned()
}

fn normalized(s: &str, _form: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(s).normalize(_form).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    s.to_owned()
}

/// An event listener, removed when dropped.
struct Listener {
    target: EventTarget,
    event: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.event,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// Listens to `event` on `target` for as long as the current reactive owner (the component being
/// built) lives: removed by `on_cleanup`, never leaked.
pub fn listen(
    target: &EventTarget,
    event: &'static str,
    capture: bool,
    f: impl FnMut(Event) + 'static,
) {
    let callback = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        callback.as_ref().unchecked_ref(),
        capture,
    );
    let listener = SendWrapper::new(Listener {
        target: target.clone(),
        event,
        capture,
        callback,
    });
    on_cleanup(move || drop(listener));
}

/// `Effect::new` with the closure boxed: the effect's machinery is then compiled once for the
/// whole app instead of once per closure type, about 2 KB of wasm each (docs/performance.md).
pub fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    leptos::prelude::Effect::new(move |_| f());
}

/// Runs `f` once, after `ms` milliseconds.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// The link an event happened on or inside, if any.
pub fn link_of(ev: &Event) -> Option<HtmlAnchorElement> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()
}

/// A plain left click nobody has handled yet: the only clicks that become client-side navigations
/// (a modified click, e.g. Ctrl for a new tab, stays the browser's).
pub fn plain_left_click(ev: &Event) -> bool {
    ev.dyn_ref::<web_sys::MouseEvent>().is_some_and(|m| {
        !ev.default_prevented()
            && m.button() == 0
            && !(m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key())
    })
}

/// Whether following `a` stays in this window on this origin (same tab, not a download).
pub fn stays_in_app(a: &HtmlAnchorElement) -> bool {
    window().and_then(|w| w.location().origin().ok()) == Some(a.origin())
        && a.target().is_empty()
        && !a.has_attribute("download")
}

/// The link's path relative to the deployment's base, whatever its language, if it is under it.
fn site_path(a: &HtmlAnchorElement) -> Option<String> {
    let path = a.pathname();
    let site = SITE_PATH.with(|b| b.borrow().clone());
    let rest = path.strip_prefix(site.as_str())?;
    match rest {
        "" => Some("/".to_owned()),
        _ => rest.starts_with('/').then(|| rest.to_owned()),
    }
}

/// The link's path relative to the base path of the page's language, if it is one of its pages
/// (a page of the other language is a page load: its app reads other documents).
pub fn route_path(a: &HtmlAnchorElement) -> Option<String> {
    let path = site_path(a)?;
    let (lang, route) = Lang::split(&path);
    (lang == self::lang()).then(|| route.to_owned())
}

/// The route of an address's path (`/cong/en/news` → `/news`): what follows the router's base
/// (the deployment's and the language's path); `/` for anything outside it.
pub fn route_path_of(pathname: &str) -> String {
    let base = base_path();
    match pathname.strip_prefix(base.as_str()) {
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Whether the link leads to a page of the deployment in another language than this page's.
pub fn other_language(a: &HtmlAnchorElement) -> bool {
    site_path(a).is_some_and(|p| Lang::split(&p).0 != lang())
}

/// The page a same-origin link leads to, if it is one of ours.
pub fn route_of(a: &HtmlAnchorElement) -> Option<Route> {
    if !stays_in_app(a) {
        return None;
    }
    Some(Route::parse(&route_path(a)?, &a.search()))
}
