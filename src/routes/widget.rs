//! Widget views for district websites (`/nhung/moi-nhat`, `/nhung/noi-bat`): compact, no portal
//! chrome, links that open the full article on the portal, and the page height reported to the
//! embedding page (only to the origin the loader declared) so the iframe never scrolls.

use crate::api::{self, ApiError, DocumentResource};
use crate::base::{absolute, window};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use portal_core::route::{Route, query_pairs};
use portal_core::widget::{self, Lang, LinkTarget, Theme, WidgetKind, WidgetParams};
use portal_core::{ArticleSummary, paths};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const PORTAL: (&str, &str) = ("Cổng Thông tin điện tử Thành phố", "City Government Portal");

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::En { en } else { vi }
}

/// Tells the embedding page how tall the widget is. Only the declared host origin receives it.
fn report_height(params: &WidgetParams) {
    let (Some(host), Some(id)) = (&params.host, &params.id) else {
        return;
    };
    let Some(w) = crate::base::window() else {
        return;
    };
    let Ok(Some(parent)) = w.parent() else { return };
    let height = w
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.get_bounding_client_rect().height().ceil())
        .unwrap_or(0.0);
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"portal-widget:height".into());
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    let _ = parent.post_message(&msg, host);
}

/// Re-reports the height whenever the document's size changes (content, fonts, images, width),
/// until the current owner (the effect's run) is cleaned up.
fn watch_height(params: WidgetParams) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let cb = Closure::<dyn FnMut()>::new(move || report_height(&params));
    let observer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&root);
    }
    // A lazily loaded or late-laid-out frame can miss the first report: repeat it a few times.
    let mut timers = Vec::new();
    if let Some(w) = window() {
        for delay in [250, 1000, 3000] {
            if let Ok(t) = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                delay,
            ) {
                timers.push(t);
            }
        }
    }
    let held = SendWrapper::new((observer, cb, timers));
    on_cleanup(move || {
        let (observer, _cb, timers) = held.take();
        if let Some(o) = observer {
            o.disconnect();
        }
        if let Some(w) = window() {
            for t in timers {
                w.clear_timeout_with_handle(t);
            }
        }
    });
}

/// Applies theme, accent and language to the widget's own document.
fn apply_look(params: &WidgetParams) {
    let Some(doc) = crate::base::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", if params.lang == Lang::En { "en" } else { "vi" });
        let _ = root.set_attribute(
            "data-widget-theme",
            if params.theme == Theme::Dark {
                "dark"
            } else {
                "light"
            },
        );
        let _ = root.class_list().add_1("embedded");
        if let Some(accent) = &params.accent {
            let _ = root
                .unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .set_property("--accent", accent);
        }
    }
}

#[component]
pub fn WidgetView() -> impl IntoView {
    let route = use_params_map();
    let location = use_location();
    // Every pair in order, repeated names included (the parser reports conflicts).
    let pairs = Memo::new(move |_| query_pairs(&location.search.read()));
    let parsed = Memo::new(move |_| {
        // `/nhung/:kind`
        let kind = route
            .read()
            .get("kind")
            .and_then(|k| WidgetKind::from_path(&k));
        match kind {
            Some(kind) => widget::parse(kind, &pairs.read()),
            None => Err(vec![
                "Loại tiện ích không tồn tại (moi-nhat hoặc noi-bat).".to_owned(),
            ]),
        }
    });
    // Height reports need the host and id even when other parameters are wrong.
    let fallback = Memo::new(move |_| widget::parse(WidgetKind::Featured, &pairs.read()).ok());
    Effect::new(move |_| {
        let params = parsed.get().ok().or_else(|| fallback.get());
        if let Some(p) = params {
            apply_look(&p);
            report_height(&p);
            watch_height(p);
        }
    });
    move || match parsed.get() {
        Ok(params) => view! { <WidgetBody params=params /> }.into_any(),
        Err(errors) => {
            view! { <WidgetError lang=Lang::Vi messages=errors retry=None /> }.into_any()
        }
    }
}

type Loaded = Result<(String, Vec<ArticleSummary>, String), ApiError>;

async fn load(params: &WidgetParams) -> Loaded {
    // An English widget shows the English pages (`en/` documents, `/en/…` links).
    crate::base::set_lang(params.lang);
    let here = |route: &str| absolute(&params.lang.route(route));
    match (params.kind, &params.category) {
        (WidgetKind::Latest, Some(slug)) => {
            let page = api::category(Route::category(slug, None), None).await?;
            let items = page
                .page
                .items
                .into_iter()
                .take(params.count as usize)
                .collect();
            Ok((
                page.category.name,
                items,
                here(&paths::category_route(slug, 1)),
            ))
        }
        _ => {
            let home = api::home(None).await?;
            let items = home
                .featured
                .into_iter()
                .take(params.count as usize)
                .collect();
            Ok((
                t(params.lang, "Tin nổi bật", "Featured").to_owned(),
                items,
                here("/"),
            ))
        }
    }
}

#[component]
fn WidgetBody(params: WidgetParams) -> impl IntoView {
    let p = params.clone();
    let data = DocumentResource::new(
        || (),
        move |_, _| {
            let p = p.clone();
            async move { load(&p).await }
        },
    );
    let lang = params.lang;
    move || {
        match data.get() {
        None => view! { <div class="widget widget-loading" aria-busy="true"><p>{t(lang, "Đang tải…", "Loading…")}</p></div> }
            .into_any(),
        Some(Err(ApiError::NotFound)) => {
            let msg = format!(
                "{} “{}”.",
                t(lang, "Không tìm thấy chuyên mục", "No such category"),
                params.category.clone().unwrap_or_default()
            );
            view! { <WidgetError lang=lang messages=vec![msg] retry=None /> }.into_any()
        }
        Some(Err(e)) => {
            view! { <WidgetError lang=lang messages=vec![e.message()] retry=Some(Callback::new(move |_| data.refetch())) /> }
                .into_any()
        }
        Some(Ok((name, items, more))) => view! { <WidgetList params=params.clone() name=name items=items more=more /> }.into_any(),
    }
    }
}

#[component]
fn WidgetList(
    params: WidgetParams,
    name: String,
    items: Vec<ArticleSummary>,
    more: String,
) -> impl IntoView {
    let lang = params.lang;
    let target = params.target.attr();
    let rel = (params.target == LinkTarget::NewTab).then_some("noopener");
    let heading = match params.kind {
        WidgetKind::Latest => format!("{}: {name}", t(lang, "Tin mới nhất", "Latest news")),
        WidgetKind::Featured => name,
    };
    let source = if lang == Lang::En { PORTAL.1 } else { PORTAL.0 };
    let hint = move || {
        (params.target == LinkTarget::NewTab)
            .then(|| t(lang, " (mở trong thẻ mới)", " (opens in a new tab)"))
    };
    view! {
        <section class="widget" aria-labelledby="widget-title">
            <header class="widget-header">
                <h2 id="widget-title" class="widget-title">{heading}</h2>
                <p class="widget-source">
                    <a href=absolute(&lang.route("/")) target=target rel=rel>{source}<span class="visually-hidden">{hint}</span></a>
                </p>
            </header>
            {if items.is_empty() {
                view! { <p class="widget-empty">{t(lang, "Chưa có bài viết.", "No articles yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="widget-list">
                        {items
                            .into_iter()
                            .map(|a| {
                                let href = absolute(&lang.route(&paths::article_route(&a.category.slug, &a.slug)));
                                view! {
                                    <li>
                                        <a href=href target=target rel=rel>{a.title}<span class="visually-hidden">{hint}</span></a>
                                        <time datetime=a.published.to_rfc3339()>{a.published.date_in(lang)}</time>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="widget-more">
                <a href=more target=target rel=rel>{t(lang, "Xem thêm trên Cổng", "More on the portal")}</a>
            </p>
        </section>
    }
}

/// A readable message inside the widget's own box; the host page is not affected.
#[component]
fn WidgetError(lang: Lang, messages: Vec<String>, retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <section class="widget widget-error" role="alert">
            <h2 class="widget-title">{t(lang, "Tiện ích không hiển thị được", "This widget cannot be shown")}</h2>
            <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            {retry.map(|r| view! { <button type="button" class="button" on:click=move |_| r.run(())>{t(lang, "Thử lại", "Retry")}</button> })}
            <p class="widget-more">
                <a href=absolute(&lang.route("/")) target="_top">{if lang == Lang::En { PORTAL.1 } else { PORTAL.0 }}</a>
            </p>
        </section>
    }
}
