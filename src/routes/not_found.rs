use crate::base::{lang, link, texts};
use crate::components::meta::{self, page_meta};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::Lang;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = texts();
    crate::nav::announce_page(t.not_found.to_owned());
    meta::not_found();
    crate::base::page_ready();
    page_meta(t.not_found, t.not_found_description);
    // The Vietnamese portal's busiest sections; the English pages have only the home page to offer.
    let more = (lang() == Lang::Vi).then(|| {
        view! {
            <li><A href=link("/tin-tuc-su-kien") exact=true>"Xem tin tức – sự kiện mới nhất"</A></li>
            <li><A href=link("/hoi-dap") exact=true>"Gửi câu hỏi tới chuyên mục Hỏi đáp"</A></li>
        }
    });
    view! {
        <div class="container page not-found">
            <h1>{t.not_found}</h1>
            <p>{t.not_found_text}</p>
            <p>{t.you_can}</p>
            <ul>
                <li><A href=link("/") exact=true>{t.back_home}</A></li>
                {more}
            </ul>
        </div>
    }
}
