use crate::api::{self, ApiError};
use crate::app::PageMeta;
use crate::components::cards::ArticleList;
use crate::components::status::{ErrorPanel, ListSkeleton};
use crate::routes::category::Breadcrumb;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_core::{Article, paths};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        let p = params.read();
        (
            p.get("category").unwrap_or_default(),
            p.get("article").unwrap_or_default(),
        )
    });
    let data = LocalResource::new(move || {
        let k = key.get();
        async move {
            let result = api::article(&k.1).await;
            (k, result)
        }
    });
    move || match data.get() {
        Some((k, result)) if k == key.get() => match result {
            // An article asked for under another category than its own is not this URL's page.
            Ok(a) if a.category().is_some_and(|c| c.slug == k.0) => {
                view! { <ArticleView article=a /> }.into_any()
            }
            Ok(_) | Err(ApiError::NotFound) => view! { <NotFound /> }.into_any(),
            Err(e) => view! {
                <div class="container page">
                    <ErrorPanel error=e retry=move |_| data.refetch() />
                </div>
            }
            .into_any(),
        },
        _ => view! {
            <div class="container page">
                <div class="skeleton-heading" aria-hidden="true"></div>
                <ListSkeleton rows=2 />
            </div>
        }
        .into_any(),
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let mut trail = article.category_path.clone();
    let own = trail.pop();
    let crumbs = trail.clone();
    let category_link = own.map(|c| {
        view! {
            <p class="article-category">
                "Chuyên mục: " <A href=paths::category_route(&c.slug, 1)>{c.name}</A>
            </p>
        }
    });
    let mut full_trail = crumbs;
    if let Some(c) = article.category() {
        full_trail.push(c.clone());
    }
    let updated = article
        .updated
        .filter(|u| *u != article.published)
        .map(|u| {
            view! {
                <span class="updated">
                    " · Cập nhật " <time datetime=u.to_rfc3339()>{u.to_vietnamese()}</time>
                </span>
            }
        });
    let related = (!article.related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">"Bài viết liên quan"</h2>
                <ArticleList articles=article.related.clone() />
            </section>
        }
    });
    view! {
        <PageMeta title=article.title.clone() description=article.lead.clone() />
        <div class="container page">
            <Breadcrumb trail=full_trail current=article.title.clone() />
            <article class="article">
                <header class="article-header">
                    <h1>{article.title.clone()}</h1>
                    <p class="article-meta">
                        "Ngày đăng "
                        <time datetime=article.published.to_rfc3339()>{article.published.to_vietnamese()}</time>
                        {updated}
                    </p>
                    <p class="article-lead">{article.lead.clone()}</p>
                </header>
                {(!article.author.is_empty()).then(|| view! { <p class="article-author">{article.author.clone()}</p> })}
                {category_link}
            </article>
            {related}
        </div>
    }
}
