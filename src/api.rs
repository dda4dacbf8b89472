//! The typed client of the content API (contract v1, see docs/api.md).

use leptos::prelude::{
    Effect, Get, GetValue, LocalStorage, RwSignal, Set, StoredValue, Track, Update, UpdateValue,
    on_cleanup,
};
use portal_core::decode::{self, DecodeError, Node};
use portal_core::{Article, CategoryPage, Home, Site, paths};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AbortController, AbortSignal};

/// Default API location, relative to the document's base URL so sub-path deployments work.
const DEFAULT_BASE: &str = "api/v1";
/// Documents kept in memory, so Back and repeated visits need no request.
const CACHE_ENTRIES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API says the document does not exist (404/410, or a static host's HTML fallback).
    NotFound,
    /// No answer: offline, DNS, CORS, connection reset.
    Network,
    /// The server failed (5xx).
    Server(u16),
    /// Any other non-success status.
    Http(u16),
    /// The body is not the document the contract describes.
    Decode(String),
    /// The reader left the page first; nothing is shown for it.
    Aborted,
    /// No answer within the time limit.
    Timeout,
}

impl ApiError {
    /// What the reader is told, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound => "Không tìm thấy nội dung này.".to_owned(),
            ApiError::Network => {
                "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại."
                    .to_owned()
            }
            ApiError::Server(code) => {
                format!("Máy chủ đang gặp sự cố (mã {code}). Vui lòng thử lại sau ít phút.")
            }
            ApiError::Http(code) => format!("Máy chủ từ chối yêu cầu (mã {code})."),
            ApiError::Decode(_) => {
                "Nội dung tạm thời không hiển thị được do dữ liệu không hợp lệ.".to_owned()
            }
            ApiError::Aborted => "Đã hủy tải nội dung.".to_owned(),
            ApiError::Timeout => {
                "Máy chủ phản hồi quá lâu. Vui lòng kiểm tra kết nối mạng rồi thử lại.".to_owned()
            }
        }
    }
}

/// Response bodies by URL, oldest evicted first once the bound is reached.
#[derive(Default)]
struct Cache {
    bodies: HashMap<String, Rc<str>>,
    order: VecDeque<String>,
}

/// Default time limit of one request; `<meta name="portal-api-timeout" content="ms">` overrides it.
const DEFAULT_TIMEOUT_MS: i32 = 15_000;
/// Waits before the automatic retries of a failed GET (network, timeout, 5xx).
const BACKOFF_MS: [i32; 2] = [600, 1_800];

impl ApiError {
    /// Worth trying again by itself: the failure may be passing.
    fn transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network | ApiError::Timeout | ApiError::Server(_)
        )
    }
}

pub fn meta_content(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??
        .dyn_into::<web_sys::HtmlMetaElement>()
        .ok()
        .map(|m| m.content())
}

thread_local! {
    static TIMEOUT_MS: i32 = meta_content("portal-api-timeout")
        .and_then(|v| v.trim().parse().ok())
        .filter(|ms: &i32| *ms > 0)
        .unwrap_or(DEFAULT_TIMEOUT_MS);
    static BASE: String = read_base();
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// The API base: `<meta name="portal-api-base" content="…">` resolved against the document's base
/// URL, so one build serves any deployment (edit the meta tag, not the wasm).
fn read_base() -> String {
    let configured = meta_content("portal-api-base")
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_BASE.to_owned());
    let doc = web_sys::window().and_then(|w| w.document());
    let base_uri = doc.and_then(|d| d.base_uri().ok().flatten());
    match base_uri.and_then(|b| web_sys::Url::new_with_base(&configured, &b).ok()) {
        Some(url) => url.href(),
        None => configured,
    }
}

pub fn base() -> String {
    BASE.with(Clone::clone)
}

fn cached(url: &str) -> Option<Rc<str>> {
    CACHE.with(|c| c.borrow().bodies.get(url).cloned())
}

fn remember(url: String, text: Rc<str>) {
    CACHE.with(|c| {
        let cache = &mut *c.borrow_mut();
        if cache.bodies.insert(url.clone(), text).is_none() {
            cache.order.push_back(url);
        }
        while cache.order.len() > CACHE_ENTRIES {
            if let Some(old) = cache.order.pop_front() {
                cache.bodies.remove(&old);
            }
        }
    });
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// One attempt: aborted by the caller's signal or by the time limit, whichever comes first.
async fn attempt(url: &str, signal: Option<&AbortSignal>) -> Result<Rc<str>, ApiError> {
    let Ok(own) = AbortController::new() else {
        return Err(ApiError::Network);
    };
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let on_timeout = {
        let (own, timed_out) = (own.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            own.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            TIMEOUT_MS.with(|t| *t),
        )
        .unwrap_or(0);
    // The caller leaving the page aborts this attempt too.
    let forward = {
        let own = own.clone();
        Closure::<dyn FnMut()>::new(move || own.abort())
    };
    if let Some(s) = signal {
        let _ = s.add_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
    }
    let result = async {
        let failed = |_| {
            if timed_out.get() {
                ApiError::Timeout
            } else if signal.is_some_and(AbortSignal::aborted) {
                ApiError::Aborted
            } else {
                ApiError::Network
            }
        };
        let resp = gloo_net::http::Request::get(url)
            .abort_signal(Some(&own.signal()))
            .send()
            .await
            .map_err(failed)?;
        let status = resp.status();
        match status {
            200..=299 => {}
            404 | 410 => return Err(ApiError::NotFound),
            500..=599 => return Err(ApiError::Server(status)),
            _ => return Err(ApiError::Http(status)),
        }
        // A static host with an SPA fallback answers a missing .json with index.html and 200.
        if resp
            .headers()
            .get("content-type")
            .is_some_and(|t| t.contains("text/html"))
        {
            return Err(ApiError::NotFound);
        }
        let text: Rc<str> = resp.text().await.map_err(failed)?.into();
        Ok(text)
    }
    .await;
    window.clear_timeout_with_handle(timer);
    if let Some(s) = signal {
        let _ = s.remove_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
    }
    result
}

/// A GET with the time limit and, for passing failures, two more tries after a pause.
async fn fetch_text(url: &str, signal: Option<&AbortSignal>) -> Result<Rc<str>, ApiError> {
    if let Some(hit) = cached(url) {
        return Ok(hit);
    }
    // Fetched ahead and not yet decoded: taken out, so a body that fails to decode is fetched
    // anew on retry.
    if let Some(ahead) = AHEAD.with(|a| a.borrow_mut().remove(url)) {
        return Ok(ahead);
    }
    let mut result = attempt(url, signal).await;
    for wait in BACKOFF_MS {
        match &result {
            Err(e) if e.transient() => {
                sleep(wait).await;
                if signal.is_some_and(AbortSignal::aborted) {
                    return Err(ApiError::Aborted);
                }
                result = attempt(url, signal).await;
            }
            _ => break,
        }
    }
    result
}

/// A value of the browser's `JSON.parse`, read by `portal_core::decode`.
pub struct Js(wasm_bindgen::JsValue);

impl Node for Js {
    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        (!v.is_undefined() && !v.is_null()).then_some(Js(v))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Js).collect())
    }
}

/// Parses with the browser (no Rust recursion, so depth cannot overflow the wasm stack) and
/// decodes with `read`.
pub fn decode_text<T>(text: &str, read: fn(&Js) -> Result<T, DecodeError>) -> Result<T, ApiError> {
    let value = js_sys::JSON::parse(text).map_err(|_| ApiError::Decode("not JSON".to_owned()))?;
    read(&Js(value)).map_err(|e| ApiError::Decode(e.to_string()))
}

/// Fetches and decodes one document (a path relative to the API base). `None` (a slug that cannot
/// name a document) is "not found" without a request.
pub async fn get<T>(
    doc: Option<String>,
    signal: Option<&AbortSignal>,
    read: fn(&Js) -> Result<T, DecodeError>,
) -> Result<T, ApiError> {
    let doc = doc.ok_or(ApiError::NotFound)?;
    let url = paths::join(&base(), &doc);
    let text = fetch_text(&url, signal).await?;
    let doc = decode_text(&text, read)?;
    // Only a document that decoded is kept: a broken answer is asked for again on retry.
    remember(url, text);
    Ok(doc)
}

pub async fn site() -> Result<Site, ApiError> {
    get(Some(paths::site_doc()), None, decode::site).await
}

pub async fn home(signal: Option<&AbortSignal>) -> Result<Home, ApiError> {
    get(Some(paths::home_doc()), signal, decode::home).await
}

pub async fn category(
    slug: &str,
    page: u32,
    signal: Option<&AbortSignal>,
) -> Result<CategoryPage, ApiError> {
    get(
        paths::category_doc(slug, page),
        signal,
        decode::category_page,
    )
    .await
}

pub async fn article(slug: &str, signal: Option<&AbortSignal>) -> Result<Article, ApiError> {
    get(paths::article_doc(slug), signal, decode::article).await
}

/// The document of a page, loaded again whenever a signal `source` reads changes: what
/// `LocalResource` does, without its async-derived machinery (portal wasm 219.0 → 208.3 KB gzip).
/// A value keeps showing while the next one loads; an answer overtaken by a newer one is dropped.
pub struct Load<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
    again: RwSignal<u32>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    pub fn new<Fut: Future<Output = T> + 'static>(source: impl Fn() -> Fut + 'static) -> Self {
        let value = RwSignal::new_local(None);
        let again = RwSignal::new(0u32);
        let latest = StoredValue::new_local(0u32);
        Effect::new(move |_| {
            again.track();
            let future = source();
            latest.update_value(|n| *n += 1);
            let mine = latest.get_value();
            leptos::task::spawn_local(async move {
                let v = future.await;
                if latest.try_get_value() == Some(mine) {
                    value.try_set(Some(v));
                }
            });
        });
        Load { value, again }
    }

    /// `None` until the first answer.
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    /// Asks again (the retry button).
    pub fn refetch(&self) {
        self.again.update(|n| *n = n.wrapping_add(1));
    }
}

/// Owns the request of one page: starting the next request aborts the previous one, and leaving
/// the page aborts whatever is still in flight.
#[derive(Clone, Copy)]
pub struct Loader(StoredValue<Option<AbortController>, LocalStorage>);

impl Loader {
    pub fn new() -> Self {
        let current = StoredValue::new_local(None::<AbortController>);
        // The router keeps a page's parameters until its pending data settles, so a request for
        // the page being left is aborted as soon as the address changes.
        let location = crate::router::use_location();
        Effect::new(move |previous: Option<String>| {
            let now = format!("{}?{}", location.pathname.get(), location.search.get());
            if previous.is_some_and(|p| p != now) {
                current.update_value(|c| {
                    if let Some(c) = c.take() {
                        c.abort();
                    }
                });
            }
            now
        });
        on_cleanup(move || {
            current.try_update_value(|c| {
                if let Some(c) = c.take() {
                    c.abort();
                }
            });
        });
        Loader(current)
    }

    /// Aborts the previous request and returns the signal for the next one.
    pub fn next(&self) -> Option<AbortSignal> {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        self.0.update_value(|c| {
            if let Some(old) = std::mem::replace(c, controller) {
                old.abort();
            }
        });
        signal
    }
}

impl Default for Loader {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// URLs already prefetched (or being prefetched) in this visit; cleared when it grows large.
    static PREFETCHED: RefCell<std::collections::HashSet<String>> = RefCell::default();
    /// Bodies fetched ahead, by URL, kept as text until a page asks for them: decoding waits for
    /// the visit, so fetching ahead costs the main thread next to nothing.
    static AHEAD: RefCell<std::collections::HashMap<String, Rc<str>>> = RefCell::default();
}

/// The most bodies kept from fetching ahead.
const AHEAD_ENTRIES: usize = 32;

/// Whether documents may be fetched before the reader asks for them: never when the reader asked
/// browsers to save data; for links merely on screen (`speculative`), only on a fast connection.
pub fn may_fetch_ahead(speculative: bool) -> bool {
    let connection = web_sys::window()
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

/// Fetches the document behind a link the reader points at, focuses, touches or has on screen, so
/// following it needs no request. Same-origin portal links only; one try, no retries (failures are
/// left to the real visit). Whether a request was started.
pub fn prefetch_link(a: &web_sys::HtmlAnchorElement) -> bool {
    if !crate::nav::stays_in_app(a) {
        return false;
    }
    let path = a.pathname();
    let Some(route) = path.strip_prefix(&crate::app::base_path()) else {
        return false;
    };
    let Some(doc) = paths::doc_for_route(route, &a.search()) else {
        return false;
    };
    let url = paths::join(&base(), &doc);
    if cached(&url).is_some() || !may_fetch_ahead(false) {
        return false;
    }
    let fresh = PREFETCHED.with(|p| {
        let mut set = p.borrow_mut();
        if set.len() > 256 {
            set.clear();
        }
        set.insert(url.clone())
    });
    if !fresh {
        return false;
    }
    leptos::task::spawn_local(async move {
        if let Ok(text) = attempt(&url, None).await {
            AHEAD.with(|a| {
                let mut ahead = a.borrow_mut();
                if ahead.len() >= AHEAD_ENTRIES {
                    ahead.clear();
                }
                ahead.insert(url, text);
            });
        }
    });
    true
}
