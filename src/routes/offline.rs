//! What this browser can read offline (`Route::Offline`). The list is the service worker's: its
//! caches are read by `public/assets/offline.js` (the `<offline-list>` element), which the
//! worker's page also shows when it answers an address it has no copy of.

use crate::base::texts;
use crate::components::meta::page_meta;
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = texts();
    crate::nav::announce_page(t.offline_title.to_owned());
    crate::base::page_ready();
    page_meta(t.offline_title, t.offline_description);
    view! {
        <div class="container page offline-page">
            <h1>{t.offline_title}</h1>
            <p class="offline-missed" hidden=true>{t.offline_missed}</p>
            <p>{t.offline_intro}</p>
            <h2>{t.offline_read}</h2>
            <offline-list>
                <p>{t.offline_none}</p>
            </offline-list>
        </div>
    }
}
