//! `/tim-kiem?q=…`: search every article. The address holds the whole search (query, filters,
//! page), so it can be shared, and Back brings it back with its results and scroll position. The
//! prerendered page is the form alone; results come once the app runs.

use crate::api::{self, ApiError, DocumentResource};
use crate::base::{base_path, lang, link, lower_nfc, lower_nfd};
use crate::components::filter::Filter;
use crate::components::meta::page_meta;
use crate::components::pager::Pager;
use crate::components::search_box::{follow_header_form, on_submit, search_href, search_route};
use crate::components::shell::use_site;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::{RegisterTexts, SearchTexts, fill};
use portal_core::legal::filter::Filters;
use portal_core::legal::markup;
use portal_core::route::Route;
use portal_core::search::index::{Manifest, manifest_doc};
use portal_core::search::query::{CATEGORY_PARAM, Plan, QUERY_PARAM, Search, YEAR_PARAM};
use portal_core::{MenuItem, SearchResults, html, paths};

/// What the live region says once results are in, in the page's language; `at_least` when the
/// total is a lower bound (the index's first tiers decided the page).
pub fn count_message(q: &str, total: u64, page: u32, pages: u32, at_least: bool) -> String {
    let t = SearchTexts::of(lang());
    let q = q.trim();
    if at_least {
        return match page {
            1 => fill(t.found_at_least, &[&total.to_string(), q]),
            _ => fill(
                t.found_at_least_page,
                &[&total.to_string(), q, &page.to_string()],
            ),
        };
    }
    match total {
        0 => fill(t.found_none, &[q]),
        1 => fill(t.found_one, &[q]),
        _ if pages > 1 => fill(
            t.found_pages,
            &[&total.to_string(), q, &page.to_string(), &pages.to_string()],
        ),
        _ => fill(t.found, &[&total.to_string(), q]),
    }
}

#[component]
pub fn SearchPage(route: Memo<Route>) -> impl IntoView {
    let search = Memo::new(move |_| match route.get() {
        Route::Search(s) => s,
        _ => Search::default(),
    });
    let data = DocumentResource::new(move || search.get(), api::search);
    // The register's documents the words select, beside the articles (the first page only),
    // looked up by the words as the register reads them: a query refined by its diacritics alone
    // keeps the documents it found.
    let found = DocumentResource::new(
        move || {
            let s = search.get();
            if s.page == 1 {
                Filters::text_key(&lower_nfd(&s.q))
            } else {
                String::new()
            }
        },
        |q, signal| api::found(q, DOCUMENTS_SHOWN, signal),
    );
    let retry = Callback::new(move |_| {
        data.refetch();
        found.refetch();
    });
    let answer = shown_answer(data, found, search);
    // Busy while the answer on screen is not this search's (the last one's, or none yet).
    let busy = move || {
        answer.with(|a| match a {
            Some(Ok((_, _, shown))) => *shown != search.get(),
            Some(Err(_)) => false,
            None => !search.get().q.trim().is_empty(),
        })
    };
    follow_header_form();
    let t = SearchTexts::of(lang());
    // The live region is on the page from the start, so a change of its text is announced.
    let status = move || {
        let s = search.get();
        if s.q.trim().is_empty() {
            return String::new();
        }
        match (data.get(), found.get()) {
            (None, _) | (_, None) => t.searching.to_owned(),
            (Some(Ok(r)), Some(documents)) => {
                let documents = documents.map_or(0, |d| d.total);
                let articles = if r.page.total_items == 0 && documents > 0 {
                    fill(t.no_articles, &[s.q.trim()])
                } else {
                    count_message(
                        &s.q,
                        r.page.total_items,
                        r.page.number,
                        r.page.total_pages,
                        r.at_least,
                    )
                };
                match documents {
                    0 => articles,
                    n => format!("{articles} {}", documents_message(n)),
                }
            }
            (Some(Err(_)), _) => String::new(),
        }
    };
    view! {
        <div class="container page search-page">
            <h1>{t.title}</h1>
            <SearchForm search=search />
            <p class="search-status" role="status">{status}</p>
            <div class="search-answer" aria-busy=move || busy().then_some("true")>
                {move || {
                    unless_loaded(answer.get(), || view! { <ListSkeleton rows=4 /> }.into_any(), false, retry)
                        .map(|(r, d, s)| view! { <Results data=r documents=d search=s /> }.into_any())
                        .unwrap_or_else(|shown| shown)
                }}
            </div>
        </div>
    }
}

/// A search's answer: its articles, its documents and the search they answer.
type Answer = (SearchResults, api::Found, Search);

/// The answer on screen: the last search whose articles and documents are both in (both at
/// once, so that the documents never push the articles down once shown), kept until the next
/// one's are, so a refined search changes the list once, with no skeleton between two lists (a
/// layout and a frame less on every search; `aria-busy` meanwhile). A failure shows itself; the
/// first search shows the skeleton while it loads.
fn shown_answer(
    data: DocumentResource<Search, SearchResults>,
    found: DocumentResource<String, api::Found>,
    search: Memo<Search>,
) -> Memo<Option<Result<Answer, ApiError>>> {
    Memo::new(move |before: Option<&Option<Result<Answer, ApiError>>>| {
        match (data.get(), found.get()) {
            (Some(Ok(r)), Some(d)) => Some(Ok((r, d.unwrap_or_default(), search.get_untracked()))),
            (Some(Err(e)), _) if e != ApiError::Aborted => Some(Err(e)),
            _ => before.cloned().flatten().filter(|b| b.is_ok()),
        }
    })
}

/// Every category of the menu, sub-categories after their parent and marked as such.
fn categories(menu: &[MenuItem], out: &mut Vec<(String, String)>) {
    out.extend(portal_core::route::menu::choices(menu, "– "));
}

/// The query and its filters. Changing a filter does nothing until the form is sent (no change
/// of context on input); the fields show the address's search, so Back brings them back too.
#[component]
fn SearchForm(search: Memo<Search>) -> impl IntoView {
    let t = SearchTexts::of(lang());
    let site = use_site();
    let categories_of_site = move || {
        let mut out = Vec::new();
        categories(&site().map(|s| s.menu).unwrap_or_default(), &mut out);
        out
    };
    // The years that have articles: from the index's manifest (small and bounded).
    let manifest = DocumentResource::new(
        || (),
        |_, signal| async move { api::get::<Manifest>(Some(manifest_doc()), signal.as_ref()).await },
    );
    let years = move || {
        manifest
            .get()
            .and_then(Result::ok)
            .map(|m| {
                m.years
                    .iter()
                    .map(|y| (y.year.to_string(), y.year.to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let selected_category = move || search.get().category.unwrap_or_default();
    let selected_year = move || search.get().year.map(|y| y.to_string()).unwrap_or_default();
    view! {
        <form
            class="search-form"
            role="search"
            aria-label=t.form
            action=link(&search_route())
            method="get"
            on:submit=on_submit(Some("#search-q"), search_href)
        >
            <div class="field search-query">
                <label for="search-q">{t.query}</label>
                <p class="hint" id="search-q-hint">{t.hint}</p>
                <input
                    id="search-q"
                    type="search"
                    name=QUERY_PARAM
                    autocomplete="off"
                    enterkeyhint="search"
                    aria-describedby="search-q-hint"
                    prop:value=move || search.get().q
                    value=search.get_untracked().q
                />
            </div>
            <Filter id="search-category" name=CATEGORY_PARAM label=t.category choices=categories_of_site chosen=selected_category />
            <Filter id="search-year" name=YEAR_PARAM label=t.year choices=years chosen=selected_year />
            <button type="submit" class="button">{t.submit}</button>
        </form>
    }
}

/// How many of the documents found the search page shows (the rest are a link away).
const DOCUMENTS_SHOWN: usize = 3;

/// The live region's words for the documents found.
fn documents_message(total: u32) -> String {
    let r = RegisterTexts::of(lang());
    match total {
        1 => r.count_one_matching.to_owned(),
        n => fill(r.count_matching, &[&n.to_string()]),
    }
}

/// The documents found, apart from the articles: a few, and the way to all of them in the
/// register (its text filter holds the same words).
#[component]
fn FoundDocuments(found: api::Found, q: String) -> impl IntoView {
    let t = SearchTexts::of(lang());
    let items = markup::found_documents(&found.rows, &base_path(), lang());
    let filters = Filters {
        q,
        ..Filters::default()
    };
    let more = (found.total as usize > found.rows.len()).then(|| {
        view! {
            <p class="found-more">
                <a href=link(&filters.href())>{fill(t.all_documents, &[&found.total.to_string()])}</a>
            </p>
        }
    });
    view! {
        <section class="found-documents" aria-labelledby="found-documents-title">
            <h2 id="found-documents-title">{t.documents}</h2>
            <ul class="card-list" inner_html=items></ul>
            {more}
        </section>
    }
}

#[component]
fn Results(data: SearchResults, documents: api::Found, search: Search) -> impl IntoView {
    let t = SearchTexts::of(lang());
    let q = search.q.trim().to_owned();
    let title = if q.is_empty() {
        t.title.to_owned()
    } else {
        fill(t.title_of, &[&q])
    };
    page_meta(title.clone(), t.description);
    nav::announce_page(title);
    if q.is_empty() {
        return view! { <p class="search-intro">{t.intro}</p> }.into_any();
    }
    let page = data.page;
    let has_documents = !documents.rows.is_empty();
    let documents = has_documents.then(|| view! { <FoundDocuments found=documents q=q.clone() /> });
    // With documents above them, the articles are a group of their own.
    let heading = has_documents.then(|| view! { <h2 class="found-articles">{t.articles}</h2> });
    if page.items.is_empty() {
        if has_documents {
            return view! { {documents} {heading} <p>{fill(t.no_articles, &[&q])}</p> }.into_any();
        }
        return view! { <NoResults search=search /> }.into_any();
    }
    let plan = Plan::new(&lower_nfc(&q), lower_nfd);
    let items = html::search_items(&page.items, &plan.folded(), lower_nfd, &base_path(), lang());
    let first = (page.number.saturating_sub(1)) * page.size + 1;
    view! {
        {documents}
        {heading}
        <ol class="search-results" start=first inner_html=items></ol>
        <Pager
            current=page.number
            total=page.total_pages
            href=move |n| link(&search.with_page(n).href())
            quiet=true
        />
    }
    .into_any()
}

/// Nothing found: what to try next.
#[component]
fn NoResults(search: Search) -> impl IntoView {
    let t = SearchTexts::of(lang());
    let site = use_site();
    let filtered = search.category.is_some() || search.year.is_some();
    let unfiltered = Search {
        category: None,
        year: None,
        page: 1,
        ..search
    };
    let menu = move || {
        site()
            .map(|s| s.menu)
            .unwrap_or_default()
            .into_iter()
            .filter(portal_core::route::menu::is_category)
            .map(|c| view! { <li><a href=link(&paths::category_route(&c.slug))>{c.name}</a></li> })
            .collect_view()
    };
    view! {
        <div class="no-results">
            <h2>{t.no_results}</h2>
            <ul>
                <li>{t.check_spelling}</li>
                <li>{t.fewer_words}</li>
                {filtered.then(|| view! {
                    <li><a href=link(&unfiltered.href())>{t.without_filters}</a></li>
                })}
            </ul>
            <h3>{t.by_section}</h3>
            <ul class="no-results-categories">{menu}</ul>
        </div>
    }
}
