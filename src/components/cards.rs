//! Article summaries as cards and lists.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::sanitize::url_allowed;
use portal_core::{ArticleSummary, paths};

/// One article in a list: thumbnail, title linking to the article, date and lead.
#[component]
pub fn ArticleCard(
    article: ArticleSummary,
    /// Heading level of the title inside the page outline (2 or 3).
    #[prop(default = 3)]
    level: u8,
    #[prop(default = true)] show_lead: bool,
    /// The first picture of a page is likely its largest paint: loaded at once, not when scrolled to.
    #[prop(default = false)]
    eager: bool,
) -> impl IntoView {
    let href = crate::app::link(&paths::article_route(&article.category.slug, &article.slug));
    let title_link = view! { <A href=href.clone()>{article.title.clone()}</A> };
    let title = if level == 2 {
        view! { <h2 class="card-title">{title_link}</h2> }.into_any()
    } else {
        view! { <h3 class="card-title">{title_link}</h3> }.into_any()
    };
    let class = if article.thumbnail.is_some() {
        "card"
    } else {
        "card no-thumb"
    };
    // URLs from the API reach attributes only through the sanitizer's URL policy.
    let thumb = article
        .thumbnail
        .filter(|img| url_allowed("img", "src", &img.src))
        .map(|img| {
            view! {
                <img
                    class="card-thumb"
                    src=img.src
                    alt=""
                    width=img.width.unwrap_or(1200)
                    height=img.height.unwrap_or(675)
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=if eager { "high" } else { "auto" }
                    decoding="async"
                />
            }
        });
    view! {
        <article class=class>
            {thumb}
            <div class="card-body">
                {title}
                <p class="card-meta">
                    <time datetime=article.published.to_rfc3339()>
                        {article.published.date_vietnamese()}
                    </time>
                </p>
                {show_lead.then(|| view! { <p class="card-lead">{article.lead.clone()}</p> })}
            </div>
        </article>
    }
}

#[component]
pub fn ArticleList(articles: Vec<ArticleSummary>, #[prop(default = 3)] level: u8) -> impl IntoView {
    view! {
        <ul class="card-list">
            {articles
                .into_iter()
                .map(|a| view! { <li><ArticleCard article=a level=level /></li> })
                .collect_view()}
        </ul>
    }
}
