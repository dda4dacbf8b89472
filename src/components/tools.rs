//! The tools above an article or a document: print, copy link (and what the page adds).

use leptos::prelude::*;
use portal_core::i18n::fill;

/// Print, the `children` (an article's read-aloud button) and copy the page's link; `what` names
/// the page in their labels ("bài viết", "văn bản"). The children are passed, not switched on, so
/// a page without them does not carry their code.
#[component]
pub fn PageTools(
    what: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = crate::base::texts();
    let status = RwSignal::new(String::new());
    let print = move |_| {
        if let Some(w) = crate::base::window() {
            let _ = w.print();
        }
    };
    let copy = move |_| {
        let Some(w) = crate::base::window() else {
            return;
        };
        let url = w.location().href().unwrap_or_default();
        let clipboard = w.navigator().clipboard();
        let promise = clipboard.write_text(&url);
        leptos::task::spawn_local(async move {
            let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => fill(t.copied, &[what]),
                Err(_) => fill(t.copy_failed, &[what, &url]),
            };
            status.set(message);
        });
    };
    view! {
        <div class="article-tools no-print needs-app">
            <button type="button" class="tool-button" on:click=print>
                <span class="icon icon-print" aria-hidden="true"></span>
                {fill(t.print, &[what])}
            </button>
            {children.map(|c| c())}
            <button type="button" class="tool-button" on:click=copy>
                <span class="icon icon-link" aria-hidden="true"></span>
                {t.copy_link}
            </button>
            <p class="tool-status" role="status">{move || status.get()}</p>
        </div>
    }
}

/// "Save for offline", where the portal's service worker can run: the button is here from the
/// first render, so that it takes its place in the tools at once, but stays invisible until
/// `public/assets/offline.js` has a worker to save with and makes it work (nothing moves when it
/// appears).
#[component]
pub fn SaveOffline() -> impl IntoView {
    let t = crate::base::texts();
    crate::base::worker_possible().then(|| {
        view! {
            <save-offline>
                <button type="button" class="tool-button" aria-pressed="false">
                    <span class="icon icon-save" aria-hidden="true"></span>
                    {t.save_offline}
                </button>
            </save-offline>
        }
    })
}
