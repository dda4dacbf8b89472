//! Page links for a paged list: previous, numbers around the current page, next.

use leptos::prelude::*;
use portal_core::pagination::{PageLink, pager};

/// `href` gives page `n`'s address. `quiet`: the list announces itself (search results' count),
/// so arriving on another page says nothing more.
#[component]
pub fn Pager(
    current: u32,
    total: u32,
    #[prop(into)] href: Callback<u32, String>,
    #[prop(default = false)] quiet: bool,
) -> impl IntoView {
    if total <= 1 {
        return ().into_any();
    }
    let t = crate::base::texts();
    let page_href = move |n: u32| href.run(n);
    let label = move |n: u32| portal_core::i18n::fill(t.page_n, &[&n.to_string()]);
    let quiet = quiet.then_some("");
    // Plain <a>: the router still follows it, but <A> would mark every page "current" because it
    // matches the path and ignores the query. data-partial: only the list changes, so focus stays
    // on the pager (nav/arrival.rs); data-noscroll: leptos_router keeps the reader in place.
    let prev = (current > 1).then(|| {
        view! { <li><a href=page_href(current - 1) rel="prev" data-partial="" data-noscroll="" data-quiet=quiet>{t.previous_page}</a></li> }
    });
    let next = (current < total).then(|| {
        view! { <li><a href=page_href(current + 1) rel="next" data-partial="" data-noscroll="" data-quiet=quiet>{t.next_page}</a></li> }
    });
    let pages = pager(current, total, 1)
        .into_iter()
        .map(|p| match p {
            PageLink::Gap => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
            PageLink::Page(n) if n == current => view! {
                <li><a href=page_href(n) aria-current="page" aria-label=label(n) data-partial="" data-noscroll="" data-quiet=quiet>{n}</a></li>
            }
            .into_any(),
            PageLink::Page(n) => view! {
                <li><a href=page_href(n) aria-label=label(n) data-partial="" data-noscroll="" data-quiet=quiet>{n}</a></li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label=t.pagination>
            <ul>{prev} {pages} {next}</ul>
        </nav>
    }
    .into_any()
}

/// The links between a category's pages, which never move once full
/// (`portal_core::pagination::Archive`): to the newer articles and to the older ones, as the
/// GOV.UK pattern for a sequence. Same arrival as [`Pager`]: only the list changes.
#[component]
pub fn ArchivePager(newer: Option<String>, older: Option<String>) -> impl IntoView {
    if newer.is_none() && older.is_none() {
        return ().into_any();
    }
    let t = crate::base::texts();
    let newer = newer.map(|href| {
        view! { <li><a href=href rel="prev" data-partial="" data-noscroll="">{t.newer_articles}</a></li> }
    });
    let older = older.map(|href| {
        view! { <li class="pager-older"><a href=href rel="next" data-partial="" data-noscroll="">{t.older_articles}</a></li> }
    });
    view! {
        <nav class="pager archive-pager" aria-label=t.pagination>
            <ul>{newer} {older}</ul>
        </nav>
    }
    .into_any()
}
