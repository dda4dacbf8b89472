//! Search forms: the header's on every page, the search page's with its filters. Both are plain
//! GET forms to `/tim-kiem`, so they work before the app runs and without it; on the search page
//! (the look-up app), submitting either navigates in place (`on_submit`, `follow_header_form`).

use crate::base::{document, link, listen, texts};
use crate::components::panel::close_on_escape;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use leptos_router::location::State;
use portal_core::search::query::Search;
use wasm_bindgen::JsCast;

/// The search page's address, relative to the base path.
pub fn search_route() -> String {
    Search::default().href()
}

/// The search page's address for a form's query string (empty filters dropped).
pub fn search_href(query: &str) -> String {
    Search::parse(query).href()
}

/// Follows a GET form's submission in the app: its fields become the address `href` makes of
/// them (`search_href`, the register's), navigated to without a page load. `focus` names the
/// control to give focus back to when the results come (the page's own form); `None` goes to the
/// page's heading like any navigation.
pub fn on_submit(
    focus: Option<&'static str>,
    href: fn(&str) -> String,
) -> impl Fn(SubmitEvent) + 'static {
    let navigate = use_navigate();
    move |ev: SubmitEvent| {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(query) = web_sys::FormData::new_with_form(&form)
            .ok()
            .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
            .map(|params| String::from(params.to_string()))
        else {
            return;
        };
        ev.prevent_default();
        let state = crate::nav::before_navigate(focus);
        navigate(
            &href(&query),
            NavigateOptions {
                state: State::new(Some(state)),
                ..NavigateOptions::default()
            },
        );
    }
}

/// On the search page, the header's form searches in place too (elsewhere it is a plain form: the
/// search page is a page load away, in the look-up app). Call while building the page.
pub fn follow_header_form() {
    let Some(doc) = document() else { return };
    let submit = on_submit(None, search_href);
    listen(&doc, "submit", false, move |ev| {
        let from_header = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.class_list().contains("header-search"));
        if let (true, Ok(ev)) = (from_header, ev.dyn_into::<SubmitEvent>()) {
            submit(ev);
        }
    });
}

/// The header's search form, to the search page of the page's language (each language has its
/// own index). `/` focuses it, unless the reader is typing in a field.
/// `open`: shown on a phone, where a button folds it (`panel`); opening it puts the cursor in
/// its field.
#[component]
pub fn HeaderSearch(open: RwSignal<bool>) -> impl IntoView {
    let field = NodeRef::<leptos::html::Input>::new();
    crate::base::effect(move || {
        if open.get()
            && let Some(input) = field.get_untracked()
        {
            let _ = input.focus();
        }
    });
    if let Some(doc) = document() {
        listen(&doc, "keydown", false, move |ev| {
            let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if key.key() != "/" || key.ctrl_key() || key.meta_key() || key.alt_key() {
                return;
            }
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            let input = document()
                .and_then(|d| d.get_element_by_id("header-q"))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let (false, Some(input)) = (typing, input) {
                ev.prevent_default();
                open.set(true);
                let _ = input.focus();
            }
        });
    }
    let t = texts();
    view! {
        <form
            id="header-search"
            class="header-search"
            class:open=move || open.get()
            on:keydown=close_on_escape(open, "header-search")
            role="search"
            aria-label=t.search_form
            action=link(&search_route())
            method="get"
        >
            <label for="header-q" class="visually-hidden">{t.search_field}</label>
            <input
                node_ref=field
                id="header-q"
                type="search"
                name="q"
                placeholder=t.search_placeholder
                autocomplete="off"
                enterkeyhint="search"
                aria-keyshortcuts="/"
            />
            <button type="submit" class="button">{t.search_button}</button>
        </form>
    }
}
