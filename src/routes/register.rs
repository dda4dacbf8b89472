//! `/van-ban?…`: the legal documents register. The address holds every filter, the order and the
//! page, so a view can be linked to and Back brings it back. A table on wide screens, a stacked
//! list on phones (style/main.css: `.register-table`; the rows are `legal::markup`'s HTML text);
//! the count is announced.

use crate::api::{self, DocumentResource, RegisterPage as Data};
use crate::base::{base_path, lang, link, texts};
use crate::components::filter::Filter;
use crate::components::meta::{page_meta_with, same_in_other_language};
use crate::components::pager::Pager;
use crate::components::search_box::on_submit;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::{RegisterTexts, fill};
use portal_core::legal::filter::{Filters, OLDEST, ORDER_PARAM, STATUS_PARAM};
use portal_core::legal::register::{Facet, LANGUAGE, Register};
use portal_core::legal::{Status, markup};
use portal_core::route::Route;
use portal_core::search::query::{QUERY_PARAM, YEAR_PARAM};

fn register_href(query: &str) -> String {
    Filters::parse(query).href()
}

/// What the live region says once the rows are in, in the page's language.
pub fn count_message(total: u32, page: u32, pages: u32, filtered: bool) -> String {
    let t = RegisterTexts::of(lang());
    let (one, some, paged) = if filtered {
        (
            t.count_one_matching,
            t.count_matching,
            t.count_matching_pages,
        )
    } else {
        (t.count_one, t.count, t.count_pages)
    };
    let n = |v: u32| v.to_string();
    match total {
        0 => t.count_none.to_owned(),
        1 => one.to_owned(),
        _ if pages > 1 => fill(paged, &[&n(total), &n(page), &n(pages)]),
        _ => fill(some, &[&n(total)]),
    }
}

/// The language to mark the register's own words with (kinds, issuers, numbers) on this page:
/// none on a Vietnamese page.
fn register_words() -> Option<&'static str> {
    (lang() != LANGUAGE).then(|| LANGUAGE.code())
}

fn filtered(f: &Filters) -> bool {
    !f.q.trim().is_empty()
        || Facet::ALL.into_iter().any(|x| f.facet(x).is_some())
        || f.year.is_some()
        || f.status.is_some()
}

#[component]
pub fn RegisterPage(route: Memo<Route>) -> impl IntoView {
    let t = RegisterTexts::of(lang());
    let filters = Memo::new(move |_| match route.get() {
        Route::Register { query } => Filters::parse(&query),
        _ => Filters::default(),
    });
    let data = DocumentResource::new(move || filters.get(), api::register);
    let retry = Callback::new(move |_| data.refetch());
    // The form's choices fill in a task after the rows (a phone's long task, issue 25).
    let register = crate::base::in_next_task(move || {
        data.get()
            .and_then(Result::ok)
            .map(|d| d.register)
            .unwrap_or_default()
    });
    let status = move || match data.get() {
        Some(Ok(d)) => count_message(d.total, d.page, d.pages, filtered(&d.applied)),
        None => t.loading.to_owned(),
        Some(Err(_)) => String::new(),
    };
    // Its counterpart: the other language's register, without the filters (its first page).
    let bare = Route::Register {
        query: String::new(),
    };
    page_meta_with(
        t.title.to_owned(),
        t.description.to_owned(),
        same_in_other_language(&bare),
    );
    view! {
        <div class="container page register-page">
            <h1>{t.title}</h1>
            <RegisterForm filters=filters register=register />
            <p class="search-status" role="status">{status}</p>
            {move || {
                unless_loaded(data.get(), || view! { <ListSkeleton rows=4 /> }.into_any(), false, retry)
                    .map(|d| view! { <Rows data=d /> }.into_any())
                    .unwrap_or_else(|shown| shown)
            }}
        </div>
    }
}

fn choices(values: &[portal_core::legal::register::Value]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.slug.clone(), format!("{} ({})", v.name, v.count)))
        .collect()
}

/// The filters; nothing applies until the form is sent.
#[component]
fn RegisterForm(filters: Memo<Filters>, register: Memo<Register>) -> impl IntoView {
    let (t, r) = (texts(), RegisterTexts::of(lang()));
    let words = register_words();
    let facet = move |f: Facet| Signal::derive(move || choices(register.read().values(f)));
    let chosen = move |f: Facet| {
        Signal::derive(move || filters.read().facet(f).unwrap_or_default().to_owned())
    };
    let years = Signal::derive(move || {
        register
            .read()
            .years
            .iter()
            .map(|y| (y.year.to_string(), format!("{} ({})", y.year, y.count)))
            .collect::<Vec<_>>()
    });
    let year = Signal::derive(move || {
        filters
            .read()
            .year
            .map(|y| y.to_string())
            .unwrap_or_default()
    });
    let statuses = Signal::derive(move || {
        Status::ALL
            .iter()
            .map(|s| (s.code().to_owned(), s.label(r).to_owned()))
            .collect::<Vec<_>>()
    });
    let status = Signal::derive(move || filters.read().status.clone().unwrap_or_default());
    let oldest = move || filters.read().oldest;
    view! {
        <form
            class="search-form register-form"
            role="search"
            aria-label=r.form
            action=link(&Filters::default().href())
            method="get"
            on:submit=on_submit(Some("#register-q"), register_href)
        >
            <div class="field search-query">
                <label for="register-q">{r.query}</label>
                <p class="hint" id="register-q-hint">{r.hint}</p>
                <input
                    id="register-q"
                    type="search"
                    name=QUERY_PARAM
                    autocomplete="off"
                    aria-describedby="register-q-hint"
                    prop:value=move || filters.read().q.clone()
                    value=filters.get_untracked().q
                />
            </div>
            <Filter id="register-kind" name=Facet::Kind.param() label=Facet::Kind.label(t) choices=facet(Facet::Kind) chosen=chosen(Facet::Kind) choices_lang=words />
            <Filter id="register-issuer" name=Facet::Issuer.param() label=Facet::Issuer.label(t) choices=facet(Facet::Issuer) chosen=chosen(Facet::Issuer) choices_lang=words />
            <Filter id="register-field" name=Facet::Field.param() label=Facet::Field.label(t) choices=facet(Facet::Field) chosen=chosen(Facet::Field) choices_lang=words />
            <Filter id="register-year" name=YEAR_PARAM label=r.year choices=years chosen=year />
            <Filter id="register-status" name=STATUS_PARAM label=r.status choices=statuses chosen=status />
            <div class="field">
                <label for="register-order">{r.order}</label>
                <select id="register-order" name=ORDER_PARAM prop:value=move || if oldest() { OLDEST } else { "" }>
                    <option value="" selected=move || !oldest()>{r.newest}</option>
                    <option value=OLDEST selected=oldest>{r.oldest}</option>
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button">{r.filter}</button>
                <a href=link(&Filters::default().href())>{r.clear}</a>
            </div>
        </form>
    }
}

/// The filters of the address that were not applied, named.
fn dropped_message(dropped: &[&'static str]) -> Option<String> {
    let (t, r) = (texts(), RegisterTexts::of(lang()));
    let names: Vec<&str> = dropped
        .iter()
        .map(|p| match *p {
            YEAR_PARAM => r.year,
            STATUS_PARAM => r.status,
            other => Facet::ALL
                .into_iter()
                .find(|f| f.param() == other)
                .map_or(other, |f| f.label(t)),
        })
        .collect();
    (!names.is_empty()).then(|| fill(r.dropped, &[&names.join(", ")]))
}

#[component]
fn Rows(data: Data) -> impl IntoView {
    let (t, r) = (texts(), RegisterTexts::of(lang()));
    let title = if data.page > 1 {
        fill(r.title_page, &[&data.page.to_string()])
    } else {
        r.title.to_owned()
    };
    nav::announce_page(title);
    let dropped =
        dropped_message(&data.dropped).map(|m| view! { <p class="notice" role="note">{m}</p> });
    if data.rows.is_empty() {
        return view! {
            {dropped}
            <div class="no-results">
                <h2>{r.none}</h2>
                <ul>
                    <li>{r.check_number}</li>
                    <li>{r.fewer_filters}</li>
                    <li><a href=link(&Filters::default().href())>{r.see_all}</a></li>
                </ul>
            </div>
        }
        .into_any();
    }
    let applied = data.applied.clone();
    let rows = markup::register_rows(&data.rows, &base_path(), lang());
    view! {
        {dropped}
        <table class="register-table">
            <caption class="visually-hidden">
                {fill(r.caption, &[&data.page.to_string(), &data.pages.to_string()])}
            </caption>
            <thead>
                <tr>
                    <th scope="col">{t.document_number}</th>
                    <th scope="col">{t.document_issued}</th>
                    <th scope="col">{r.summary}</th>
                    <th scope="col">{t.document_kind}</th>
                    <th scope="col">{t.document_issuer}</th>
                </tr>
            </thead>
            <tbody inner_html=rows></tbody>
        </table>
        <Pager
            current=data.page
            total=data.pages
            href=move |n| link(&applied.with_page(n).href())
            quiet=true
        />
    }
    .into_any()
}
