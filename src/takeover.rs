//! Taking over a prerendered page (`src/prerender`) without a flash: the app renders into a
//! detached twin of `#app`, and the twin replaces the prerendered markup in one step once the page
//! has its content (`base::page_ready`). Until then the reader reads, scrolls and follows links in
//! the prerendered page; focus moves to the same control in the twin. Without a prerendered page
//! (`trunk serve`), the app mounts on `<body>`.

use crate::base::{document, when_ready};
use leptos::prelude::IntoView;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement};

/// What can hold focus, in document order: the same list in both trees.
const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";

pub fn start<N: IntoView + 'static>(app: fn() -> N) {
    let Some(doc) = document() else { return };
    let twin = doc
        .get_element_by_id("app")
        .zip(doc.create_element("div").ok());
    let Some((prerendered, twin)) = twin else {
        leptos::mount::mount_to_body(app);
        mark_running();
        return;
    };
    twin.set_id("app");
    // Registered first: a page that is ready at once (not found) says so while mounting.
    let shown = twin.clone();
    when_ready(move || swap(&prerendered, &shown));
    leptos::mount::mount_to(twin.unchecked_into(), app).forget();
}

fn swap(prerendered: &Element, twin: &Element) {
    let focused = focus_index(prerendered);
    if prerendered.replace_with_with_node_1(twin).is_err() {
        return;
    }
    let target = focused
        .and_then(|i| twin.query_selector_all(FOCUSABLE).ok()?.get(i))
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = target {
        let options = FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
    mark_running();
}

/// The position of the focused element among `root`'s focusable ones.
fn focus_index(root: &Element) -> Option<u32> {
    let active = document()?.active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    let all = root.query_selector_all(FOCUSABLE).ok()?;
    (0..all.length()).find(|&i| all.get(i).is_some_and(|n| n.is_same_node(Some(&active))))
}

/// `<html data-app="on">`: the app runs (tests and styles may wait for it).
fn mark_running() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app", "on");
    }
}
