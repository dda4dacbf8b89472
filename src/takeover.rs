//! Where the app mounts. On a prerendered page (`src/prerender`), into the detached twin of `#app`
//! that `public/assets/boot.js` prepared (`window.portalRoot`): boot.js swaps it in when the page
//! has its content, which every page says through `base::page_ready`. The swap lives in boot.js,
//! in a few lines of JavaScript, rather than in the wasm, where the DOM calls it needs cost more.
//! Without a prerendered page (`trunk serve`), the app mounts on `<body>`.

use crate::base::{document, window};
use leptos::prelude::IntoView;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub fn start<N: IntoView + 'static>(app: fn() -> N) {
    // In a task of its own, after the one that compiled and instantiated the wasm: each stays
    // shorter on a slow phone (docs/performance.md, issue 25).
    crate::base::after(0, move || mount(app));
}

fn mount<N: IntoView + 'static>(app: fn() -> N) {
    let twin = window()
        .and_then(|w| js_sys::Reflect::get(&w, &"portalRoot".into()).ok())
        .and_then(|t| t.dyn_into::<HtmlElement>().ok());
    match twin {
        Some(twin) => leptos::mount::mount_to(twin, app).forget(),
        None => {
            leptos::mount::mount_to_body(app);
            mark_running();
        }
    }
}

/// `<html data-app="on">`: the app runs (tests and styles may wait for it).
pub fn mark_running() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app", "on");
    }
}
