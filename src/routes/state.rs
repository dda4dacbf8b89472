//! What a page shows until its document is there, or instead of it: the one place that decides it
//! for every page.

use crate::api::{ApiError, DocumentResource};
use crate::components::status::{ErrorPanel, ListSkeleton};
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use portal_core::route::Route;
use std::future::Future;
use web_sys::AbortSignal;

/// The page's document, or what to show instead: its `skeleton` while loading, the not-found page
/// for a document the API does not have (when `missing_is_404`; a missing home document is a
/// failure instead), the error panel with `retry` for anything else.
pub fn unless_loaded<T>(
    state: Option<Result<T, ApiError>>,
    skeleton: fn() -> AnyView,
    missing_is_404: bool,
    retry: Callback<()>,
) -> Result<T, AnyView> {
    if !matches!(state, None | Some(Err(ApiError::Aborted))) {
        crate::base::page_ready();
    }
    match state {
        Some(Ok(value)) => Ok(value),
        None | Some(Err(ApiError::Aborted)) => Err(skeleton()),
        Some(Err(ApiError::NotFound)) if missing_is_404 => Err(view! { <NotFound /> }.into_any()),
        Some(Err(e)) => Err(view! {
            <div class="container page">
                <ErrorPanel error=e retry=retry />
            </div>
        }
        .into_any()),
    }
}

/// A page that is one document of its route (a register document, a consultation, an answer):
/// fetched for the route, a skeleton while it loads, the not-found page for one the API does not
/// have, the error panel with a retry; `show` renders it.
pub fn one_document<T, Fut>(
    route: Memo<Route>,
    fetch: impl Fn(Route, Option<AbortSignal>) -> Fut + 'static,
    show: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let data = DocumentResource::new(move || route.get(), fetch);
    let retry = Callback::new(move |_| data.refetch());
    move || match unless_loaded(
        data.get(),
        || view! { <div class="container page"><ListSkeleton rows=2 /></div> }.into_any(),
        true,
        retry,
    ) {
        Ok(doc) => show(doc),
        Err(shown) => shown,
    }
}
