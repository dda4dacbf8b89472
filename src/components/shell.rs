//! The page frame: skip link, header with the main menu, footer with the Decree 42 contact block.

use crate::api::{ApiError, DocumentResource};
use crate::base::{effect, lang, link, meta_content, site_link, texts};
use crate::components::display::DisplayControls;
use crate::components::panel::{close_on_escape, panel_toggle};
use crate::components::search_box::HeaderSearch;
use crate::components::status::ErrorPanel;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use portal_core::i18n::fill;
use portal_core::{Alternate, MenuItem, Site, html, paths};

/// The site document, loaded once and shared by every page.
#[derive(Clone, Copy)]
pub struct SiteData {
    pub site: DocumentResource<(), Site>,
    /// The same page in the other languages, as the page being shown names them (`page_meta`).
    pub alternates: RwSignal<Vec<Alternate>>,
}

/// A reactive reader of the site document (`None` until it has loaded, or if it failed).
/// Call it while building a component: the context lookup needs the component's owner.
pub fn use_site() -> impl Fn() -> Option<Site> + Copy + Send + Sync + 'static {
    let data = use_context::<SiteData>();
    move || data.and_then(|s| s.site.get()).and_then(Result::ok)
}

#[component]
pub fn Header() -> impl IntoView {
    let site = use_site();
    // Until the site document arrives, the name and tagline written in index.html stand in, so the
    // header has its final size from the first paint (nothing below it shifts when data lands).
    // Logo, name and tagline as HTML text (`portal_core::html::brand`): one string for the
    // three, cheaper than a view for each.
    let brand = move || match site() {
        Some(s) => html::brand(Some(&s.logo), &s.name, s.tagline.as_deref()),
        None => html::brand(
            None,
            &meta_content("application-name").unwrap_or_else(|| texts().portal.to_owned()),
            meta_content("portal-tagline").as_deref(),
        ),
    };
    // Phones fold the display controls and the search box behind a button each (style/main.css),
    // so the page's own content starts in the first screen.
    let display_open = RwSignal::new(false);
    let search_open = RwSignal::new(false);
    let t = texts();
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href=link("/") inner_html=brand></a>
                <div class="header-tools">
                    {panel_toggle(
                        display_open,
                        "display-controls",
                        "header-toggle display-toggle needs-app",
                        view! {
                            <span aria-hidden="true">{t.display_symbol}</span>
                            <span class="visually-hidden">{t.display_settings}</span>
                        },
                    )}
                    <DisplayControls open=display_open />
                    <LanguageSwitch />
                    {panel_toggle(
                        search_open,
                        "header-search",
                        "header-toggle search-toggle",
                        view! {
                            <span class="search-icon" aria-hidden="true"></span>
                            <span class="visually-hidden">{t.search_button}</span>
                        },
                    )}
                </div>
                <HeaderSearch open=search_open />
            </div>
            <MainMenu />
            <SiteProblem />
        </header>
    }
}

/// If the site document (menu, footer) cannot be loaded, say so where the menu should be, with a
/// retry; the page's own content still loads.
#[component]
fn SiteProblem() -> impl IntoView {
    let data = use_context::<SiteData>();
    move || {
        let data = data?;
        match data.site.get() {
            Some(Err(e)) if e != ApiError::Aborted => Some(view! {
                <div class="container site-problem">
                    <ErrorPanel error=e retry=move |_| data.site.refetch() />
                </div>
            }),
            _ => None,
        }
    }
}

/// The main menu: top-level categories with their sub-categories as disclosures; on narrow screens
/// the whole menu is behind one button.
#[component]
fn MainMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    // At most one sub-menu is open: they share one panel position.
    let open_sub = RwSignal::new(None::<String>);
    let location = use_location();
    // Any navigation closes the phone menu and the sub-menus.
    effect(move || {
        location.pathname.track();
        open.set(false);
        open_sub.set(None);
    });
    let site = use_site();
    let items = move || site().map(|s| s.menu).unwrap_or_default();
    view! {
        <nav class="main-nav" aria-label=texts().main_menu on:keydown=close_on_escape(open, "main-menu")>
            <div class="container">
                {panel_toggle(
                    open,
                    "main-menu",
                    "menu-toggle",
                    view! {
                        <span class="menu-icon" aria-hidden="true"></span>
                        {texts().menu}
                    },
                )}
                <ul id="main-menu" class="menu" class:open=move || open.get()>
                    <li class="menu-item">
                        <A href=link("/") exact=true>{texts().home}</A>
                    </li>
                    // Not <For>: the menu changes once, when the site document lands, so keyed
                    // diffing would only cost bytes.
                    {move || {
                        items()
                            .into_iter()
                            .map(|item| view! { <MenuEntry item=item open_sub=open_sub /> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </nav>
    }
}

#[component]
fn MenuEntry(item: MenuItem, open_sub: RwSignal<Option<String>>) -> impl IntoView {
    let href = item_href(&item);
    if item.children.is_empty() {
        return view! {
            <li class="menu-item">
                <A href=href>{item.name}</A>
            </li>
        }
        .into_any();
    }
    let slug = item.slug.clone();
    let expanded = Memo::new(move |_| open_sub.read().as_deref() == Some(slug.as_str()));
    let sub_id = format!("submenu-{}", item.slug);
    let btn_ref = NodeRef::<leptos::html::Button>::new();
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && expanded.get_untracked() {
            ev.stop_propagation();
            open_sub.set(None);
            if let Some(btn) = btn_ref.get_untracked() {
                let _ = btn.focus();
            }
        }
    };
    let label = fill(texts().submenu, &[&item.name]);
    let name = item.name.clone();
    view! {
        <li class="menu-item has-children" on:keydown=on_key>
            <A href=href>{name}</A>
            <button
                type="button"
                class="submenu-toggle"
                aria-expanded=move || expanded.get().to_string()
                aria-controls=sub_id.clone()
                aria-label=label
                node_ref=btn_ref
                on:click={
                    let slug = item.slug.clone();
                    move |_| {
                        let next = (!expanded.get_untracked()).then(|| slug.clone());
                        open_sub.set(next);
                    }
                }
            >
                <span class="chevron" aria-hidden="true"></span>
            </button>
            <ul id=sub_id class="submenu" class:open=move || expanded.get()>
                {item
                    .children
                    .into_iter()
                    .map(|child| {
                        let href = item_href(&child);
                        view! {
                            <li>
                                <A href=href>{child.name}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

/// A menu item's address: its own path (a page of the portal's own, another language's page), or
/// its category's.
fn item_href(item: &MenuItem) -> String {
    match &item.path {
        Some(path) => site_link(path),
        None => link(&paths::category_route(&item.slug)),
    }
}

/// The header's language switch: the page's counterpart in the other language when it has one,
/// that language's home page otherwise. A page load (its documents are another language's).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let other = lang().other();
    let alternates = use_context::<SiteData>().map(|s| s.alternates);
    let site = use_site();
    // Until the site document says otherwise, the language is there (no shift when it lands).
    let offered = move || site().is_none_or(|s| s.alternates.iter().any(|a| a.lang == other));
    let href = move || {
        let path = alternates
            .and_then(|a| {
                a.with(|all| all.iter().find(|x| x.lang == other).map(|x| x.path.clone()))
            })
            .unwrap_or_else(|| other.route("/"));
        site_link(&path)
    };
    move || {
        offered().then(|| {
            view! {
            <a
                class="lang-switch"
                href=href
                hreflang=other.code()
                lang=other.code()
                aria-label=fill(other.texts().switch_language, &[other.own_name()])
            >
                {other.own_name()}
            </a>
            }
        })
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = use_site();
    // What can be read without a network (the service worker's copies): one tap from every page.
    let offline = link(&paths::offline_route(lang()));
    let footer = move || {
        site()
            .map(|s| portal_core::html::footer(&s.name, &s.footer, texts(), &offline))
            .unwrap_or_default()
    };
    view! { <footer class="site-footer" inner_html=footer></footer> }
}
