use crate::api::{self, DocumentResource};
use crate::base::{lang, link, texts};
use crate::components::cards::ArticleList;
use crate::components::meta::page_meta_with;
use crate::components::pager::ArchivePager;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::fill;
use portal_core::paths;
use portal_core::route::Route;
use portal_core::{CategoryPage, CategoryRef};

/// `/<category>` and its numbered pages `/<category>/trang/<k>`: [`Route::Category`].
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
        .map(|c| (link(&paths::category_route(&c.slug)), c.name.clone()))
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
    // A numbered page is named by its dates (its number counts from the oldest article, which is
    // no help to a reader); the front page by the category alone.
    let dates = match (page.number, page.items.last(), page.items.first()) {
        (1.., Some(oldest), Some(newest)) => Some((
            oldest.published.date_in(lang()),
            newest.published.date_in(lang()),
        )),
        _ => None,
    };
    let title = match &dates {
        Some((from, to)) => fill(t.category_page, &[&category.name, from, to]),
        None => category.name.clone(),
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
    let count = match (&dates, page.total_items) {
        (Some((from, to)), _) => Some(fill(t.archive_range, &[from, to])),
        (None, Some(n)) => Some(fill(t.article_count, &[&n.to_string()])),
        (None, None) => None,
    };
    let href = move |page: Option<u32>| {
        let route = Route::Category {
            slug: slug.clone(),
            page,
        };
        link(&route.href().unwrap_or_default())
    };
    // A numbered page always has newer articles: its `newer`, or the front page.
    let newer = (page.number > 0).then(|| href(page.newer));
    let older = page.older.map(|k| href(Some(k)));
    let body = if page.items.is_empty() {
        view! { <p class="empty">{t.empty_category}</p> }.into_any()
    } else {
        view! {
            <ArticleList articles=page.items level=2 />
            <ArchivePager newer older />
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
                {count.map(|c| view! { <p class="count">{c}</p> })}
            </header>
            {children}
            {body}
        </div>
    }
}
