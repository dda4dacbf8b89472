use crate::base::{lang, link, texts};
use crate::components::meta::{self, page_meta};
use leptos::prelude::*;
use portal_core::Lang;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = texts();
    crate::nav::announce_page(t.not_found.to_owned());
    meta::not_found();
    crate::base::page_ready();
    page_meta(t.not_found, t.not_found_description);
    // The Vietnamese portal's busiest sections; the English pages have only the home page to offer.
    let mut ways = vec![(link("/"), t.back_home.to_owned())];
    if lang() == Lang::Vi {
        ways.push((link("/tin-tuc-su-kien"), t.see_news.to_owned()));
        ways.push((link("/hoi-dap"), t.ask_question.to_owned()));
    }
    view! {
        <div class="container page not-found">
            <h1>{t.not_found}</h1>
            <p>{t.not_found_text}</p>
            <p>{t.you_can}</p>
            <ul inner_html=portal_core::html::links(&ways)></ul>
        </div>
    }
}
