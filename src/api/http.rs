//! One GET of a document: a time limit, retries of passing failures, an in-memory cache of bodies
//! that decoded, and the bodies fetched ahead of a visit.

// The prerender reads its documents elsewhere (`api::get`): natively this is compiled, not used.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::error::ApiError;
use crate::base::{meta_content, window};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AbortController, AbortSignal};

/// Waits before the automatic retries of a failed GET (network, timeout, 5xx).
const BACKOFF_MS: [i32; 2] = [600, 1_800];
/// Documents kept in memory.
const CACHE_ENTRIES: usize = 64;
/// The most bodies kept from fetching ahead.
const AHEAD_ENTRIES: usize = 32;

/// How long a body fetched ahead may stand in for a request: a page left open for an hour does
/// not show the hour-old list its menu fetched ahead.
const AHEAD_FRESH_MS: f64 = 5.0 * 60_000.0;

/// Bodies (or what is kept with them) by URL, oldest first. A few dozen entries: a list searched
/// in order is as quick as a hash map here, and costs the wasm less.
type Bodies<T = Rc<str>> = VecDeque<(String, T)>;

/// Takes the body kept for `url` out of `bodies`.
fn take<T>(bodies: &mut Bodies<T>, url: &str) -> Option<T> {
    let at = bodies.iter().position(|(u, _)| u == url)?;
    bodies.remove(at).map(|(_, text)| text)
}

/// Keeps `text` for `url` as the newest entry, evicting the oldest beyond `bound`.
fn keep<T>(bodies: &mut Bodies<T>, url: String, text: T, bound: usize) {
    take(bodies, &url);
    bodies.push_back((url, text));
    while bodies.len() > bound {
        bodies.pop_front();
    }
}

thread_local! {
    /// The time limit of one request: `portal_core::paths::API_TIMEOUT_MS`, unless the page says
    /// otherwise (`<meta name="portal-api-timeout" content="ms">`, which no entry page ships: a
    /// deployment, or a test, may add it).
    static TIMEOUT_MS: i32 = meta_content("portal-api-timeout")
        .and_then(|v| v.trim().parse().ok())
        .filter(|ms: &i32| *ms > 0)
        .unwrap_or(portal_core::paths::API_TIMEOUT_MS);
    /// Bodies that decoded, so Back and repeated visits need no request.
    static CACHE: RefCell<Bodies> = RefCell::default();
    /// Documents fetched ahead: on their way, or arrived and kept as text until a page asks for
    /// them (decoding waits for the visit, so fetching ahead costs the main thread next to nothing).
    static AHEAD: RefCell<Bodies<Ahead>> = RefCell::default();
}

/// A document fetched ahead.
enum Ahead {
    /// Its request, still on its way, and a promise settled when it ends: a visit asking for the
    /// same document waits for it instead of asking twice.
    OnItsWay(js_sys::Promise),
    /// Its body, and when it arrived.
    Arrived(f64, Rc<str>),
}

impl Ahead {
    /// Whether it may stand in for a request.
    fn fresh(&self) -> bool {
        match self {
            Ahead::OnItsWay(_) => true,
            Ahead::Arrived(at, _) => arrived_lately(*at),
        }
    }
}

/// Whether a body that arrived at `at` may still stand in for a request.
fn arrived_lately(at: f64) -> bool {
    js_sys::Date::now() - at < AHEAD_FRESH_MS
}

/// Whether `url` needs no request: decoded before, fetched ahead not long ago, or on its way.
pub(super) fn known(url: &str) -> bool {
    CACHE.with_borrow(|c| c.iter().any(|(u, _)| u == url))
        || AHEAD.with_borrow(|a| a.iter().any(|(u, ahead)| u == url && ahead.fresh()))
}

/// Fetches `url` ahead of its visit: one try, no retries (a failure is left to the visit), the
/// body kept as text until the visit takes it.
pub(super) async fn fetch_ahead(url: String) {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
    AHEAD.with_borrow_mut(|a| keep(a, url.clone(), Ahead::OnItsWay(promise), AHEAD_ENTRIES));
    let arrived = attempt(&url, None).await;
    AHEAD.with_borrow_mut(|a| match arrived {
        Ok(text) => keep(
            a,
            url,
            Ahead::Arrived(js_sys::Date::now(), text),
            AHEAD_ENTRIES,
        ),
        Err(_) => drop(take(a, &url)),
    });
    if let Some(settle) = settle {
        let _ = settle.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// Waits for a request fetching `url` ahead, if one is on its way.
async fn ahead_arrived(url: &str) {
    let promise = AHEAD.with_borrow(|a| {
        a.iter().find_map(|(u, ahead)| match ahead {
            Ahead::OnItsWay(p) if u == url => Some(p.clone()),
            _ => None,
        })
    });
    if let Some(promise) = promise {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The body fetched ahead for `url`, if fresh, taken out: a body that fails to decode is then
/// fetched anew on retry.
fn take_ahead(url: &str) -> Option<Rc<str>> {
    match AHEAD.with_borrow_mut(|a| take(a, url))? {
        Ahead::Arrived(at, text) if arrived_lately(at) => Some(text),
        _ => None,
    }
}

/// Keeps a body that decoded (a broken answer is asked for again on retry).
pub(super) fn remember(url: String, text: Rc<str>) {
    CACHE.with(|c| keep(&mut c.borrow_mut(), url, text, CACHE_ENTRIES));
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a later task (at once in the prerender): long work between two awaits then runs
/// in slices a phone finishes between two taps (docs/performance.md, issue 25).
pub(super) async fn next_task() {
    #[cfg(target_arch = "wasm32")]
    sleep(0).await;
}

/// What came back from one request.
pub(super) struct Reply {
    pub status: u16,
    /// A Content-Type of HTML: a static host's fallback page, not the API's answer.
    pub html: bool,
    /// `Retry-After`, as sent.
    pub retry_after: Option<String>,
    pub text: Rc<str>,
}

/// One request, made by `request` with the abort signal to give it, aborted by the caller's
/// signal or by the time limit, whichever comes first: its answer whatever the status, or why
/// there is none. Generic over how the request is made, so a GET-only app carries no POST.
pub(super) async fn exchange(
    request: impl FnOnce(&AbortSignal) -> Result<gloo_net::http::Request, gloo_net::Error>,
    signal: Option<&AbortSignal>,
) -> Result<Reply, ApiError> {
    let Ok(own) = AbortController::new() else {
        return Err(ApiError::Network);
    };
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let window = window().ok_or(ApiError::Network)?;
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
        let resp = request(&own.signal())
            .map_err(failed)?
            .send()
            .await
            .map_err(failed)?;
        let headers = resp.headers();
        Ok(Reply {
            status: resp.status(),
            html: headers
                .get("content-type")
                .is_some_and(|t| t.contains("text/html")),
            retry_after: headers.get("retry-after"),
            text: resp.text().await.map_err(failed)?.into(),
        })
    }
    .await;
    window.clear_timeout_with_handle(timer);
    if let Some(s) = signal {
        let _ = s.remove_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
    }
    result
}

/// One GET, whatever the answer's status.
pub(super) async fn get(url: &str, signal: Option<&AbortSignal>) -> Result<Reply, ApiError> {
    let get = |abort: &AbortSignal| {
        gloo_net::http::Request::get(url)
            .abort_signal(Some(abort))
            .build()
    };
    exchange(get, signal).await
}

/// One GET of a document: its body, or the failure its status says.
pub(super) async fn attempt(url: &str, signal: Option<&AbortSignal>) -> Result<Rc<str>, ApiError> {
    let reply = get(url, signal).await?;
    match reply.status {
        200..=299 => {}
        404 | 410 => return Err(ApiError::NotFound),
        500..=599 => return Err(ApiError::Server(reply.status)),
        status => return Err(ApiError::Http(status)),
    }
    // A static host with an SPA fallback answers a missing .json with index.html and 200.
    if reply.html {
        return Err(ApiError::NotFound);
    }
    Ok(reply.text)
}

/// A GET with the time limit and, for passing failures, two more tries after a pause.
pub(super) async fn fetch_text(
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<Rc<str>, ApiError> {
    let hit = CACHE.with(|c| {
        let cache = c.borrow();
        cache
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, text)| text.clone())
    });
    if let Some(hit) = hit {
        return Ok(hit);
    }
    ahead_arrived(url).await;
    // A reader gone meanwhile leaves the body for a later visit.
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(ApiError::Aborted);
    }
    if let Some(ahead) = take_ahead(url) {
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
