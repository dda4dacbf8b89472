//! The snippet builder for district webmasters (`/nhung`): choose a widget, see it live, copy the
//! snippet. The preview is the real widget in an iframe, sized by the same height messages the
//! loader uses.

use crate::base::{absolute, listen, window};
use crate::components::meta::page_meta;
use crate::components::shell::use_site;
use crate::nav;
use leptos::prelude::*;
use portal_core::MenuItem;
use portal_core::widget::{MAX_COUNT, WidgetKind};
use wasm_bindgen::JsCast;

fn flatten(items: &[MenuItem], depth: usize, out: &mut Vec<(String, String)>) {
    for i in items {
        out.push((i.slug.clone(), format!("{}{}", "— ".repeat(depth), i.name)));
        flatten(&i.children, depth + 1, out);
    }
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
    nav::announce_page("Nhúng tin của Cổng vào trang web khác".to_owned());
    let site = use_site();
    let kind = RwSignal::new("latest".to_owned());
    let category = RwSignal::new("tin-tuc-su-kien".to_owned());
    let count = RwSignal::new(5u32);
    let theme = RwSignal::new("light".to_owned());
    let accent = RwSignal::new("#a3161a".to_owned());
    let target = RwSignal::new("top".to_owned());
    let lang = RwSignal::new("vi".to_owned());
    let copied = RwSignal::new(String::new());
    // Whole pixels: formatting an f64 would add float-printing code to the bundle.
    let preview_height = RwSignal::new(320_i32);

    let categories = move || {
        let mut out = Vec::new();
        if let Some(s) = site() {
            flatten(&s.menu, 0, &mut out);
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
            format!(
                "Tin mới nhất: {} – Cổng Thông tin điện tử Thành phố",
                category_name()
            )
        } else {
            "Tin nổi bật – Cổng Thông tin điện tử Thành phố".to_owned()
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
        q.push(format!("lang={}", lang.get()));
        q.push(format!("host={}", js_sys::encode_uri_component(&origin())));
        q.push("id=preview".to_owned());
        format!("{}nhung/{path}?{}", portal_base(), q.join("&"))
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
            lang.get(),
            portal_core::html::attr_value(&title())
        ));
        let fallback_href = if kind.get() == "latest" {
            format!("{base}{}", category.get())
        } else {
            base.clone()
        };
        format!(
            "<div {attrs}>\n  <a href=\"{fallback_href}\">{}</a>\n</div>\n<script src=\"{base}nhung.js\" async></script>",
            portal_core::html::attr_value(&title())
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
            copied.set(if ok {
                "Đã sao chép đoạn mã.".to_owned()
            } else {
                "Không sao chép được; hãy chọn và sao chép đoạn mã bằng tay.".to_owned()
            });
        });
    };

    page_meta(
        "Nhúng tin của Cổng vào trang web khác",
        "Tạo đoạn mã nhúng tin mới nhất hoặc tin nổi bật của Cổng vào trang web của quận, huyện, phường, xã.",
    );
    view! {
        <div class="container page embed-builder">
            <h1>"Nhúng tin của Cổng vào trang web khác"</h1>
            <p class="page-lead">
                "Chọn loại tin, chuyên mục và giao diện; xem trước ngay bên dưới rồi sao chép đoạn mã vào trang web của đơn vị. "
                "Hướng dẫn chi tiết cho quản trị viên có trong tài liệu đi kèm mã nguồn (docs/widgets.md)."
            </p>
            <div class="builder-grid">
                <form class="builder-form" on:submit=|ev| ev.prevent_default()>
                    <fieldset>
                        <legend>"Loại tiện ích"</legend>
                        <label class="choice">
                            <input type="radio" name="kind" value="latest" prop:checked=move || kind.get() == "latest" on:change=move |_| kind.set("latest".into()) />
                            "Tin mới nhất của một chuyên mục"
                        </label>
                        <label class="choice">
                            <input type="radio" name="kind" value="featured" prop:checked=move || kind.get() == "featured" on:change=move |_| kind.set("featured".into()) />
                            "Tin nổi bật"
                        </label>
                    </fieldset>
                    <label for="w-category">"Chuyên mục"</label>
                    <select id="w-category" prop:disabled=move || kind.get() != "latest" on:change=move |ev| category.set(event_target_value(&ev))>
                        <For each=categories key=|c| c.0.clone() let:c>
                            <option value=c.0.clone() prop:selected=move || category.get() == c.0>{c.1.clone()}</option>
                        </For>
                    </select>
                    <label for="w-count">"Số bài (1–10)"</label>
                    <input id="w-count" type="number" min="1" max="10" prop:value=move || count.get().to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                count.set(n.clamp(1, MAX_COUNT));
                            }
                        } />
                    <label for="w-theme">"Giao diện"</label>
                    <select id="w-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="light">"Sáng"</option>
                        <option value="dark">"Tối"</option>
                    </select>
                    <label for="w-accent">"Màu nhấn"</label>
                    <input id="w-accent" type="color" prop:value=move || accent.get() on:input=move |ev| accent.set(event_target_value(&ev)) />
                    <label for="w-target">"Khi bấm vào tin"</label>
                    <select id="w-target" on:change=move |ev| target.set(event_target_value(&ev))>
                        <option value="top">"Mở trên Cổng, thay trang hiện tại"</option>
                        <option value="new">"Mở Cổng trong thẻ mới"</option>
                    </select>
                    <label for="w-lang">"Ngôn ngữ"</label>
                    <select id="w-lang" on:change=move |ev| lang.set(event_target_value(&ev))>
                        <option value="vi">"Tiếng Việt"</option>
                        <option value="en">"English"</option>
                    </select>
                </form>
                <div class="builder-preview">
                    <h2>"Xem trước"</h2>
                    <iframe
                        class="preview-frame"
                        title=title
                        src=preview_src
                        style:height=move || format!("{}px", preview_height.get())
                    ></iframe>
                    <h2>"Đoạn mã"</h2>
                    <label for="w-snippet" class="visually-hidden">"Đoạn mã nhúng"</label>
                    <textarea id="w-snippet" class="snippet" readonly rows="8" prop:value=snippet></textarea>
                    <button type="button" class="button" on:click=copy>"Sao chép đoạn mã"</button>
                    <p role="status" class="tool-status">{move || copied.get()}</p>
                </div>
            </div>
        </div>
    }
}
