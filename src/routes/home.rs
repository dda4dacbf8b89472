use crate::api;
use crate::app::page_meta;
use crate::components::cards::ArticleList;
use crate::components::shell::use_site;
use crate::components::status::{ErrorPanel, ListSkeleton};
use leptos::prelude::*;
use portal_core::{Home, paths};

#[component]
pub fn HomePage() -> impl IntoView {
    let loader = api::Loader::new();
    let data = api::Load::new(move || {
        let signal = loader.next();
        async move { api::home(signal.as_ref()).await }
    });
    let site = use_site();
    let name = move || {
        site()
            .map(|s| s.name)
            .unwrap_or_else(|| "Trang chủ".to_owned())
    };
    page_meta(
        "Trang chủ",
        "Thông tin chính thống về hoạt động chỉ đạo, điều hành, quy hoạch, văn bản và dịch vụ công của Thành phố.",
    );
    view! {
        <div class="container page home">
            <h1 class="visually-hidden">{name}</h1>
            {move || match data.get() {
                None => view! { <ListSkeleton rows=6 /> }.into_any(),
                Some(Err(crate::api::ApiError::Aborted)) => view! { <ListSkeleton rows=6 /> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e retry=move |_| data.refetch() /> }.into_any(),
                Some(Ok(home)) => view! { <HomeContent home=home /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn HomeContent(home: Home) -> impl IntoView {
    crate::nav::announce_page("Trang chủ".to_owned());
    let Home {
        featured,
        latest,
        blocks,
        ..
    } = home;
    view! {
        {(!featured.is_empty())
            .then(|| {
                view! {
                    <section class="featured" aria-labelledby="featured-title">
                        <h2 id="featured-title" class="section-title">"Tin nổi bật"</h2>
                        <ArticleList articles=featured class="featured-grid" eager=true />
                    </section>
                }
            })}
        <section class="latest" aria-labelledby="latest-title">
            <h2 id="latest-title" class="section-title">"Tin mới nhất"</h2>
            <ArticleList articles=latest />
        </section>
        <div class="blocks">
            {blocks
                .into_iter()
                .map(|b| {
                    let id = format!("block-{}", b.category.slug);
                    let href = crate::app::link(&paths::category_route(&b.category.slug, 1));
                    let more = format!("Xem tất cả: {}", b.category.name);
                    view! {
                        <section class="block" aria-labelledby=id.clone()>
                            <h2 id=id.clone() class="section-title">
                                <a href=href.clone()>{b.category.name.clone()}</a>
                            </h2>
                            <ArticleList articles=b.articles />
                            <p class="more"><a href=href>{more}</a></p>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
