//! What a page shows until its document is there, or instead of it: the one place that decides it
//! for every page.

use crate::api::ApiError;
use crate::components::status::ErrorPanel;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;

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
