use crate::api::{self, ApiError};
use crate::app::{link, page_meta};
use crate::components::cards::ArticleList;
use crate::components::status::{ErrorPanel, ListSkeleton};
use crate::nav;
use crate::router::{query_value, segments, use_location};
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use portal_core::pagination::{PageLink, pager, parse_page};
use portal_core::paths::{self, PAGE_PARAM};
use portal_core::{CategoryPage, CategoryRef};

#[component]
pub fn CategoryView() -> impl IntoView {
    let location = use_location();
    // `/:category?trang=n`; while the address already names another kind of page (this one is
    // about to go), the key stays, so nothing is fetched for it.
    let key = Memo::new(move |previous: Option<&(String, u32)>| {
        match <[String; 1]>::try_from(segments(&location.pathname.read())) {
            Ok([slug]) => {
                let page = parse_page(query_value(&location.search.read(), PAGE_PARAM).as_deref());
                (slug, page)
            }
            Err(_) => previous.cloned().unwrap_or_default(),
        }
    });
    let loader = api::Loader::new();
    let data = api::Load::new(move || {
        let k = key.get();
        let signal = loader.next();
        async move {
            let result = api::category(&k.0, k.1, signal.as_ref()).await;
            (k, result)
        }
    });
    move || match data.get() {
        // A response for another URL than the current one is never shown.
        Some((k, result)) if k == key.get() => match result {
            Ok(page) => view! { <CategoryContent data=page /> }.into_any(),
            Err(ApiError::NotFound) => view! { <NotFound /> }.into_any(),
            Err(ApiError::Aborted) => view! { <PageSkeleton /> }.into_any(),
            Err(e) => view! {
                <div class="container page">
                    <ErrorPanel error=e retry=move |_| data.refetch() />
                </div>
            }
            .into_any(),
        },
        _ => view! { <PageSkeleton /> }.into_any(),
    }
}

/// Shaped like a category page: heading, then a list of cards.
#[component]
fn PageSkeleton() -> impl IntoView {
    view! {
        <div class="container page">
            <div class="skeleton-heading" aria-hidden="true"></div>
            <ListSkeleton rows=6 />
        </div>
    }
}

#[component]
pub fn Breadcrumb(trail: Vec<CategoryRef>, #[prop(into)] current: String) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Đường dẫn">
            <ol>
                <li><a href=link("/")>"Trang chủ"</a></li>
                {trail
                    .into_iter()
                    .map(|c| view! { <li><a href=link(&paths::category_route(&c.slug, 1))>{c.name}</a></li> })
                    .collect_view()}
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}

#[component]
fn CategoryContent(data: CategoryPage) -> impl IntoView {
    let CategoryPage { category, page, .. } = data;
    let announced = category.name.clone();
    let page_number = page.number;
    nav::announce_page(if page_number > 1 {
        format!("{announced}, trang {page_number}")
    } else {
        announced
    });
    let slug = category.slug.clone();
    let title = if page.number > 1 {
        format!("{} – Trang {}", category.name, page.number)
    } else {
        category.name.clone()
    };
    let description = if category.description.is_empty() {
        category.name.clone()
    } else {
        category.description.clone()
    };
    let child_refs = category.children.clone();
    let children = (!child_refs.is_empty()).then(move || {
        view! {
            <nav class="subcategories" aria-label="Chuyên mục con">
                <ul>
                    {child_refs
                        .into_iter()
                        .map(|c| view! { <li><a href=link(&paths::category_route(&c.slug, 1)) class="chip">{c.name}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let count = format!("{} bài viết", page.total_items);
    let body = if page.items.is_empty() {
        view! { <p class="empty">"Chuyên mục này chưa có bài viết."</p> }.into_any()
    } else {
        view! {
            <ArticleList articles=page.items level=2 />
            <Pager slug=slug current=page.number total=page.total_pages />
        }
        .into_any()
    };
    page_meta(title, description);
    view! {
        <div class="container page category">
            <Breadcrumb trail=category.breadcrumb current=category.name.clone() />
            <header class="page-header">
                <h1>{category.name.clone()}</h1>
                {(!category.description.is_empty()).then(|| view! { <p class="page-lead">{category.description.clone()}</p> })}
                <p class="count">{count}</p>
            </header>
            {children}
            {body}
        </div>
    }
}

#[component]
fn Pager(slug: String, current: u32, total: u32) -> impl IntoView {
    if total <= 1 {
        return ().into_any();
    }
    let page_href = move |n: u32| link(&paths::category_route(&slug, n));
    // Plain <a>: the router still handles the click, but <A> would mark every page "current"
    // because it matches the path and ignores the query. data-partial: only the list changes, so
    // focus stays on the pager (see nav.rs); data-noscroll: the router keeps the reader in place.
    let prev = (current > 1).then(|| {
        view! { <li><a href=page_href(current - 1) rel="prev" data-partial="" data-noscroll="">"‹ Trang trước"</a></li> }
    });
    let next = (current < total).then(|| {
        view! { <li><a href=page_href(current + 1) rel="next" data-partial="" data-noscroll="">"Trang sau ›"</a></li> }
    });
    let pages = pager(current, total, 1)
        .into_iter()
        .map(|p| match p {
            PageLink::Gap => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
            PageLink::Page(n) if n == current => view! {
                <li><a href=page_href(n) aria-current="page" aria-label=format!("Trang {n}") data-partial="" data-noscroll="">{n}</a></li>
            }
            .into_any(),
            PageLink::Page(n) => view! {
                <li><a href=page_href(n) aria-label=format!("Trang {n}") data-partial="" data-noscroll="">{n}</a></li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label="Phân trang">
            <ul>{prev} {pages} {next}</ul>
        </nav>
    }
    .into_any()
}
