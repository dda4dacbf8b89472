//! A page's document as a reactive value: fetched for a key (the page's route parameters), again
//! when the key changes or on retry, with the previous request aborted.

use super::error::ApiError;
use super::quiet::Quiet;
use leptos::prelude::{Get, GetUntracked, LocalStorage, Memo, RwSignal, Set, Update, With};
#[cfg(target_arch = "wasm32")]
use leptos::prelude::{StoredValue, Track, UpdateValue, on_cleanup};
use std::future::Future;
use std::pin::Pin;
#[cfg(target_arch = "wasm32")]
use web_sys::AbortController;
use web_sys::AbortSignal;

/// The last answer, with the key it answers.
type Answer<K, T> = Option<(K, Result<T, ApiError>)>;

/// The answer for one key. Built on an effect, `spawn_local` and a signal rather than
/// `LocalResource`, whose async-derived machinery costs 10.7 KB of gzip wasm (docs/performance.md).
pub struct DocumentResource<K: Send + Sync + 'static, T: 'static> {
    key: Memo<K>,
    value: RwSignal<Answer<K, T>, LocalStorage>,
    again: RwSignal<u32>,
}

impl<K: Send + Sync, T> Clone for DocumentResource<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync, T> Copy for DocumentResource<K, T> {}

impl<K, T> DocumentResource<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + 'static,
{
    /// Fetches `fetch(key)` whenever `key` changes. Starting a request aborts the one before, and
    /// the owner going (the reader left the page) aborts whatever is in flight; an answer
    /// overtaken by a newer request is dropped.
    pub fn new<Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K, Option<AbortSignal>) -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let key = Memo::new(move |_| key());
        let value = RwSignal::new_local(None);
        let again = RwSignal::new(0u32);
        let quiet = Quiet::new(again);
        refetch_on(
            again,
            Box::new(move |signal| {
                let k = key.get();
                let future = fetch(k.clone(), signal.clone());
                Box::pin(async move {
                    let result = future.await;
                    // Dropped if a newer request started meanwhile (its start aborted this one).
                    let aborted = move || signal.as_ref().is_some_and(AbortSignal::aborted);
                    let settled = settle(result.as_ref().err(), aborted(), quiet);
                    let answer = move || {
                        if !aborted() {
                            value.try_set(Some((k, result)));
                        }
                    };
                    match settled {
                        Settle::Keep => {}
                        Settle::Now => answer(),
                        Settle::Later => crate::base::later(answer),
                    }
                })
            }),
        );
        DocumentResource { key, value, again }
    }

    /// The answer for the current key: `None` while it loads (an answer for another key is never
    /// shown), and `Err(ApiError::Aborted)` reads as still loading too.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        let key = self.key.get();
        self.value.with(|v| match v {
            Some((k, Err(ApiError::Aborted))) if *k == key => None,
            Some((k, r)) if *k == key => Some(r.clone()),
            _ => None,
        })
    }

    /// The key of the answer being shown now (without tracking).
    pub fn key(&self) -> K {
        self.key.get_untracked()
    }

    /// Asks again (the retry button).
    pub fn refetch(&self) {
        self.again.update(|n| *n = n.wrapping_add(1));
    }
}

/// What becomes of an answer.
enum Settle {
    /// Not shown: the page stays as served, or is reloaded.
    Keep,
    Now,
    /// In a task after this one: the app is taking the page over.
    Later,
}

/// Decides what becomes of an answer (`error`: the request's, if it failed). Not generic, so it is
/// compiled once for every kind of document.
fn settle(error: Option<&ApiError>, aborted: bool, quiet: Quiet) -> Settle {
    let taking_over = crate::base::taking_over();
    if !aborted && error.is_some_and(ApiError::keeps_page) && crate::base::served_this_page() {
        // The prerendered page stays the page (api::quiet).
        quiet.failed();
        return Settle::Keep;
    }
    if !taking_over
        && !aborted
        && matches!(error, Some(ApiError::Network))
        && crate::base::worker_controls()
    {
        // Neither the network nor the worker's copies have it: the worker's page for this
        // address (what can be read offline) says so, as for a link followed with a page load.
        if let Some(w) = crate::base::window() {
            let _ = w.location().reload();
            return Settle::Keep;
        }
    }
    // While the app takes over, the page's content renders in a task after the one that received
    // and decoded it (docs/performance.md, issue 25).
    if taking_over {
        quiet.answered();
        Settle::Later
    } else {
        Settle::Now
    }
}

/// A request started for the current key, given its abort signal.
type Start = Box<dyn Fn(Option<AbortSignal>) -> Pin<Box<dyn Future<Output = ()>>>>;

/// Runs `start` now and whenever what it reads (the key) or `again` changes, aborting the request
/// before; the owner going aborts the last. Not generic, so the effect and the task are compiled
/// once for every kind of document.
#[cfg(target_arch = "wasm32")]
fn refetch_on(again: RwSignal<u32>, start: Start) {
    let current = StoredValue::new_local(None::<AbortController>);
    let abort = move || {
        current.try_update_value(|c| {
            if let Some(c) = c.take() {
                c.abort();
            }
        });
    };
    on_cleanup(abort);
    crate::base::effect(move || {
        again.track();
        abort();
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        current.update_value(|c| *c = controller);
        let request = start(signal);
        // While the app takes over, each request starts in a task of its own, and the swap waits
        // for its answer (a part shown without it would move the page when it came).
        if crate::base::taking_over() {
            let hold = crate::base::hold();
            crate::base::later(move || {
                leptos::task::spawn_local(async move {
                    request.await;
                    drop(hold);
                })
            });
        } else {
            leptos::task::spawn_local(request);
        }
    });
}

/// The prerender's documents are read at once (`api::get`), so the answer is there after one poll,
/// before the page renders: its HTML holds the content, not the skeleton.
#[cfg(not(target_arch = "wasm32"))]
fn refetch_on(_again: RwSignal<u32>, start: Start) {
    let mut task = start(None);
    let _ = task
        .as_mut()
        .poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
}
