//! What this browser can read offline (`Route::Offline`): the articles the reader saved, then the
//! pages read in the last 30 days. The lists are the service worker's, shown by
//! `public/assets/offline.js` (the `<offline-list>` element); the worker also answers with this
//! page an address it has no copy of.

use crate::base::{lang, texts};
use crate::components::meta::page_meta;
use leptos::prelude::*;
use portal_core::i18n::OfflineTexts;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let title = texts().offline_title;
    let t = OfflineTexts::of(lang());
    crate::nav::announce_page(title.to_owned());
    crate::base::page_ready();
    page_meta(title, t.offline_description);
    view! {
        <div class="container page offline-page">
            <h1>{title}</h1>
            <p class="offline-missed" hidden=true>{t.offline_missed}</p>
            <p>{t.offline_intro}</p>
            <h2>{t.saved_title}</h2>
            <offline-list data-kind="saved" data-remove=t.remove_saved data-space=t.saved_space>
                <p>{t.saved_none}</p>
            </offline-list>
            <h2>{t.offline_read}</h2>
            <offline-list data-kind="read">
                <p>{t.offline_none}</p>
            </offline-list>
        </div>
    }
}
