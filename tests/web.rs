//! Component tests in headless Chromium (wasm-bindgen-test): mount real components into the DOM
//! and read back what a user would see.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portal::api::ApiError;
use portal::components::cards::ArticleCard;
use portal::components::status::ErrorPanel;
use portal_core::{ArticleSummary, CategoryRef, DateTime, Image};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn summary() -> ArticleSummary {
    ArticleSummary {
        id: 7,
        slug: "khoi-cong-cau-moi".into(),
        title: "Khởi công cầu mới qua sông Hồng".into(),
        lead: "Cây cầu dài 1,2 km nối hai bờ.".into(),
        published: DateTime::parse("2024-03-01T20:30:00Z").unwrap(),
        category: CategoryRef {
            slug: "thoi-su".into(),
            name: "Thời sự".into(),
        },
        thumbnail: Some(Image {
            src: "media/cau.svg".into(),
            alt: "Cầu".into(),
            width: Some(1200),
            height: Some(675),
            caption: None,
        }),
    }
}

#[wasm_bindgen_test]
fn article_card_renders_title_link_date_and_lead() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        view! {
            <leptos_router::components::Router>
                <ArticleCard article=summary() />
            </leptos_router::components::Router>
        }
    });
    let link = el.query_selector("h3 a").unwrap().expect("title link");
    assert_eq!(
        link.text_content().unwrap(),
        "Khởi công cầu mới qua sông Hồng"
    );
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "/thoi-su/khoi-cong-cau-moi"
    );
    let time = el.query_selector("time").unwrap().expect("time");
    // 20:30 UTC on 1 March is already 2 March in Hà Nội.
    assert_eq!(time.text_content().unwrap(), "02/03/2024");
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2024-03-01T20:30:00Z"
    );
    let img = el.query_selector("img").unwrap().expect("thumbnail");
    assert_eq!(img.get_attribute("width").as_deref(), Some("1200"));
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert!(el.text_content().unwrap().contains("Cây cầu dài 1,2 km"));
}

#[wasm_bindgen_test]
async fn error_panel_says_what_failed_and_retries() {
    let el = host();
    let retries = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        view! { <ErrorPanel error=ApiError::Server(503) retry=move |_| retries.update(|n| *n += 1) /> }
    });
    let panel = el.query_selector("[role=alert]").unwrap().expect("alert");
    assert!(panel.text_content().unwrap().contains("mã 503"));
    let button: web_sys::HtmlElement = el
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Thử lại");
    button.click();
    gloo_timers_sleep(Duration::from_millis(10)).await;
    assert_eq!(retries.get_untracked(), 1);
}

async fn gloo_timers_sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, d.as_millis() as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
