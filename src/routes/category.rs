use crate::api::{self, DocumentResource};
use crate::base::{link, texts};
use crate::components::cards::ArticleList;
use crate::components::meta::page_meta_with;
use crate::components::pager::Pager;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::fill;
use portal_core::paths;
use portal_core::route::Route;
use portal_core::{CategoryPage, CategoryRef};

/// `/<category>`, `/<category>/trang/<n>` (and the older `?trang=<n>`): [`Route::Category`].
#[component]
pub fn CategoryView(route: Memo<Route>) -> impl IntoView {
    let data = DocumentResource::new(move || route.get(), api::category);
    let retry = Callback::new(move |_| data.refetch());
    move || {
        unless_loaded(
            data.get(),
            || view! { <PageSkeleton /> }.into_any(),
            true,
            retry,
        )
        .map(|page| view! { <CategoryContent data=page /> }.into_any())
        .unwrap_or_else(|shown| shown)
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

/// Categories as a breadcrumb's trail: (address, name).
pub fn crumbs(categories: &[CategoryRef]) -> Vec<(String, String)> {
    categories
        .iter()
        .map(|c| (link(&paths::category_route(&c.slug, 1)), c.name.clone()))
        .collect()
}

/// Home, then `trail` ((address, name) pairs), then the page itself (in `current_lang` when it
/// is not the page's language): static links, written as HTML text
/// (`portal_core::html::breadcrumb`).
#[component]
pub fn Breadcrumb(
    trail: Vec<(String, String)>,
    #[prop(into)] current: String,
    #[prop(default = None)] current_lang: Option<portal_core::Lang>,
) -> impl IntoView {
    let t = texts();
    let mut all = vec![(link("/"), t.home.to_owned())];
    all.extend(trail);
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <ol inner_html=portal_core::html::breadcrumb(&all, &current, current_lang)></ol>
        </nav>
    }
}

#[component]
fn CategoryContent(data: CategoryPage) -> impl IntoView {
    let CategoryPage { category, page, .. } = data;
    let t = texts();
    let slug = category.slug.clone();
    let title = if page.number > 1 {
        fill(t.category_page, &[&category.name, &page.number.to_string()])
    } else {
        category.name.clone()
    };
    nav::announce_page(title.clone());
    let description = if category.description.is_empty() {
        category.name.clone()
    } else {
        category.description.clone()
    };
    let child_refs = category.children.clone();
    let children = (!child_refs.is_empty()).then(move || {
        view! {
            <nav class="subcategories" aria-label=t.subcategories>
                <ul inner_html=portal_core::html::links(&crumbs(&child_refs))></ul>
            </nav>
        }
    });
    let count = fill(t.article_count, &[&page.total_items.to_string()]);
    let body = if page.items.is_empty() {
        view! { <p class="empty">{t.empty_category}</p> }.into_any()
    } else {
        view! {
            <ArticleList articles=page.items level=2 />
            <Pager
                current=page.number
                total=page.total_pages
                href=move |n| link(&paths::category_route(&slug, n))
            />
        }
        .into_any()
    };
    page_meta_with(title, description, category.alternates.clone());
    view! {
        <div class="container page category">
            <Breadcrumb trail=crumbs(&category.breadcrumb) current=category.name.clone() />
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
