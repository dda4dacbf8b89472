use crate::api::{self, DocumentResource};
use crate::base::{base_path, texts};
use crate::components::cards::ArticleList;
use crate::components::meta::page_meta_with;
use crate::components::shell::use_site;
use crate::components::status::ListSkeleton;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::Home;
use portal_core::html::{self, Card};

#[component]
pub fn HomePage() -> impl IntoView {
    let data = DocumentResource::new(|| (), |_, signal| api::home(signal));
    let site = use_site();
    let name = move || {
        site()
            .map(|s| s.name)
            .unwrap_or_else(|| texts().home.to_owned())
    };
    let skeleton =
        || view! { <div class="container page home"><ListSkeleton rows=6 /></div> }.into_any();
    view! {
        <h1 class="visually-hidden">{name}</h1>
        {move || {
            unless_loaded(data.get(), skeleton, false, Callback::new(move |_| data.refetch()))
                .map(|home| view! { <HomeContent home=home /> }.into_any())
                .unwrap_or_else(|shown| shown)
        }}
    }
}

#[component]
fn HomeContent(home: Home) -> impl IntoView {
    let t = texts();
    crate::nav::announce_page(t.home.to_owned());
    let Home {
        featured,
        latest,
        blocks,
        alternates,
        ..
    } = home;
    page_meta_with(t.home.to_owned(), t.home_description.to_owned(), alternates);
    // Static links and cards: HTML text (`portal_core::html`), as every card list is.
    let card = Card {
        lang: crate::base::lang(),
        ..Card::default()
    };
    let blocks = html::home_blocks(&blocks, card, &base_path(), t.see_all);
    view! {
        <div class="container page home">
        {(!featured.is_empty())
            .then(|| {
                view! {
                    <section class="featured" aria-labelledby="featured-title">
                        <h2 id="featured-title" class="section-title">{t.featured}</h2>
                        <ArticleList articles=featured class="featured-grid" eager=true />
                    </section>
                }
            })}
        <section class="latest" aria-labelledby="latest-title">
            <h2 id="latest-title" class="section-title">{t.latest}</h2>
            <ArticleList articles=latest />
        </section>
        <div class="blocks" inner_html=blocks></div>
        </div>
    }
}
