//! The snippet builder for district webmasters (`/nhung`): choose a widget, see it live, copy the
//! snippet. The preview is the real widget in an iframe, sized by the same height messages the
//! loader uses.

use crate::base::{absolute, lang, listen, window};
use crate::components::meta::page_meta;
use crate::components::shell::use_site;
use crate::nav;
use leptos::prelude::*;
use portal_core::i18n::{BuilderTexts, fill};
use portal_core::route::Route;
use portal_core::widget::{MAX_COUNT, WidgetKind};
use portal_core::{Lang, MenuItem};
use wasm_bindgen::JsCast;

fn flatten(menu: &[MenuItem], out: &mut Vec<(String, String)>) {
    out.extend(portal_core::route::menu::choices(menu, "— "));
}

fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The portal's base URL (origin + sub-path), ending in `/`.
fn portal_base() -> String {
    absolute("")
}

#[component]
pub fn SnippetBuilder() -> impl IntoView {
    let t = BuilderTexts::of(lang());
    nav::announce_page(t.title.to_owned());
    let site = use_site();
    let kind = RwSignal::new("latest".to_owned());
    let category = RwSignal::new("tin-tuc-su-kien".to_owned());
    let count = RwSignal::new(5u32);
    let theme = RwSignal::new("light".to_owned());
    let accent = RwSignal::new("#a3161a".to_owned());
    let target = RwSignal::new("top".to_owned());
    let widget_lang = RwSignal::new(Lang::Vi.code().to_owned());
    let copied = RwSignal::new(String::new());
    // Whole pixels: formatting an f64 would add float-printing code to the bundle.
    let preview_height = RwSignal::new(320_i32);

    let categories = move || {
        let mut out = Vec::new();
        if let Some(s) = site() {
            flatten(&s.menu, &mut out);
        }
        out
    };
    let category_name = move || {
        categories()
            .into_iter()
            .find(|(slug, _)| *slug == category.get())
            .map(|(_, name)| name.trim_start_matches("— ").to_owned())
            .unwrap_or_default()
    };
    let title = move || {
        if kind.get() == "latest" {
            fill(t.widget_latest, &[&category_name()])
        } else {
            t.widget_featured.to_owned()
        }
    };
    let preview_src = move || {
        let path = if kind.get() == "latest" {
            WidgetKind::Latest
        } else {
            WidgetKind::Featured
        }
        .path();
        let mut q = vec![format!("limit={}", count.get())];
        if kind.get() == "latest" {
            q.push(format!("category={}", category.get()));
        }
        q.push(format!("theme={}", theme.get()));
        q.push(format!("accent={}", accent.get().replace('#', "%23")));
        q.push(format!("target={}", target.get()));
        q.push(format!("lang={}", widget_lang.get()));
        q.push(format!("host={}", js_sys::encode_uri_component(&origin())));
        q.push("id=preview".to_owned());
        // The widget's address is the route table's (`Route::Widget`), under the portal's base.
        let route = Route::Widget {
            kind: path.to_owned(),
        }
        .href()
        .unwrap_or_default();
        format!(
            "{}{}?{}",
            portal_base(),
            route.trim_start_matches('/'),
            q.join("&")
        )
    };
    let snippet = move || {
        let base = portal_base();
        let mut attrs = format!("data-portal-widget=\"{}\"", kind.get());
        if kind.get() == "latest" {
            attrs.push_str(&format!(" data-category=\"{}\"", category.get()));
        }
        attrs.push_str(&format!(
            " data-limit=\"{}\" data-theme=\"{}\" data-accent=\"{}\" data-target=\"{}\" data-lang=\"{}\" data-title=\"{}\"",
            count.get(),
            theme.get(),
            accent.get(),
            target.get(),
            widget_lang.get(),
            portal_core::html::attr_value(&title())
        ));
        let fallback_href = if kind.get() == "latest" {
            format!("{base}{}", category.get())
        } else {
            base.clone()
        };
        format!(
            "<div {attrs}>\n  <a href=\"{fallback_href}\">{}</a>\n</div>\n<script src=\"{base}{}\" async></script>",
            portal_core::html::attr_value(&title()),
            portal_core::widget::LOADER
        )
    };

    // Size the preview from its height messages (same origin only).
    if let Some(w) = window() {
        listen(&w, "message", false, move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            if ev.origin() != origin() {
                return;
            }
            let data = ev.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
            if get("type").and_then(|v| v.as_string()).as_deref() == Some("portal-widget:height")
                && get("id").and_then(|v| v.as_string()).as_deref() == Some("preview")
                && let Some(h) = get("height").and_then(|v| v.as_f64())
            {
                preview_height.set(h.clamp(60.0, 4000.0).ceil() as i32);
            }
        });
    }

    let copy = move |_| {
        let Some(w) = crate::base::window() else {
            return;
        };
        let promise = w.navigator().clipboard().write_text(&snippet());
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(if ok { t.copied } else { t.copy_failed }.to_owned());
        });
    };

    page_meta(t.title, t.description);
    view! {
        <div class="container page embed-builder">
            <h1>{t.title}</h1>
            <p class="page-lead">{t.lead} {t.guide}</p>
            <div class="builder-grid">
                <form class="builder-form" on:submit=|ev| ev.prevent_default()>
                    <fieldset>
                        <legend>{t.kind}</legend>
                        <label class="choice">
                            <input type="radio" name="kind" value="latest" prop:checked=move || kind.get() == "latest" on:change=move |_| kind.set("latest".into()) />
                            {t.latest}
                        </label>
                        <label class="choice">
                            <input type="radio" name="kind" value="featured" prop:checked=move || kind.get() == "featured" on:change=move |_| kind.set("featured".into()) />
                            {t.featured}
                        </label>
                    </fieldset>
                    <label for="w-category">{t.category}</label>
                    <select id="w-category" prop:disabled=move || kind.get() != "latest" on:change=move |ev| category.set(event_target_value(&ev))>
                        <For each=categories key=|c| c.0.clone() let:c>
                            <option value=c.0.clone() prop:selected=move || category.get() == c.0>{c.1.clone()}</option>
                        </For>
                    </select>
                    <label for="w-count">{t.count}</label>
                    <input id="w-count" type="number" min="1" max="10" prop:value=move || count.get().to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                count.set(n.clamp(1, MAX_COUNT));
                            }
                        } />
                    <label for="w-theme">{t.theme}</label>
                    <select id="w-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="light">{t.light}</option>
                        <option value="dark">{t.dark}</option>
                    </select>
                    <label for="w-accent">{t.accent}</label>
                    <input id="w-accent" type="color" prop:value=move || accent.get() on:input=move |ev| accent.set(event_target_value(&ev)) />
                    <label for="w-target">{t.target}</label>
                    <select id="w-target" on:change=move |ev| target.set(event_target_value(&ev))>
                        <option value="top">{t.target_top}</option>
                        <option value="new">{t.target_new}</option>
                    </select>
                    <label for="w-lang">{t.language}</label>
                    // Each language named in itself, and marked so.
                    <select id="w-lang" on:change=move |ev| widget_lang.set(event_target_value(&ev))>
                        {Lang::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() lang=l.code()>{l.own_name()}</option> })
                            .collect_view()}
                    </select>
                </form>
                <div class="builder-preview">
                    <h2>{t.preview}</h2>
                    <iframe
                        class="preview-frame"
                        title=title
                        src=preview_src
                        style:height=move || format!("{}px", preview_height.get())
                    ></iframe>
                    <h2>{t.snippet}</h2>
                    <label for="w-snippet" class="visually-hidden">{t.snippet_label}</label>
                    <textarea id="w-snippet" class="snippet" readonly rows="8" prop:value=snippet></textarea>
                    <button type="button" class="button" on:click=copy>{t.copy}</button>
                    <p role="status" class="tool-status">{move || copied.get()}</p>
                </div>
            </div>
        </div>
    }
}
