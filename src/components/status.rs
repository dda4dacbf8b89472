//! Loading placeholders and error panels.

use crate::api::ApiError;
use leptos::prelude::*;

/// Grey blocks shaped like a list of article cards, so nothing jumps when content arrives.
#[component]
pub fn ListSkeleton(#[prop(default = 4)] rows: usize) -> impl IntoView {
    // Static markup: HTML text, cheaper than a view per block.
    let card = "<div class=\"skeleton-card\"><div class=\"skeleton-thumb\"></div><div class=\"skeleton-lines\">\
                <div class=\"skeleton-line w-90\"></div><div class=\"skeleton-line w-40\"></div>\
                <div class=\"skeleton-line w-75\"></div></div></div>";
    view! {
        <div class="skeleton" aria-hidden="true" inner_html=card.repeat(rows)></div>
        <p class="visually-hidden" role="status">{crate::base::texts().loading}</p>
    }
}

/// A clear message in the page's language and a retry button.
#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    // Back online: try again without being asked.
    if let Some(online) = use_context::<crate::components::connectivity::Online>() {
        // The state seen last, kept outside the effect: `base::effect`'s closure keeps no value.
        let was = std::cell::Cell::new(None::<bool>);
        crate::base::effect(move || {
            let now = online.0.get();
            if was.replace(Some(now)) == Some(false) && now {
                retry.run(());
            }
        });
    }
    let t = crate::base::texts();
    view! {
        <div class="error-panel" role="alert">
            <h2 class="error-title">{t.load_failed}</h2>
            <p>{error.message()}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {t.retry}
            </button>
        </div>
    }
}
