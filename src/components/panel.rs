//! The header's panels that phones fold behind a button: the display controls, the search box
//! and the main menu.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// A phone's button for a panel of the header (`id`), shown only on narrow screens (`class`
/// says how). Escape in the panel closes it and puts focus back on the button
/// (`close_on_escape`).
#[cfg(target_arch = "wasm32")]
pub fn panel_toggle(
    open: RwSignal<bool>,
    id: &'static str,
    class: &'static str,
    label: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-expanded=move || open.get().to_string()
            aria-controls=id
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}

/// In the prerendered page (before the app, or without JavaScript) a link to the panel opens it
/// (`:target` in style/main.css), in the same place and look as the button.
#[cfg(not(target_arch = "wasm32"))]
pub fn panel_toggle(
    _: RwSignal<bool>,
    id: &'static str,
    class: &'static str,
    label: impl IntoView + 'static,
) -> impl IntoView {
    view! { <a class=class href=format!("#{id}")>{label}</a> }
}

/// Escape inside an open header panel closes it and returns focus to its button.
pub fn close_on_escape(open: RwSignal<bool>, id: &'static str) -> impl Fn(KeyboardEvent) {
    move |ev: KeyboardEvent| {
        if ev.key() != "Escape" || !open.get_untracked() {
            return;
        }
        open.set(false);
        let button = crate::base::document()
            .and_then(|d| {
                d.query_selector(&format!("[aria-controls=\"{id}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok());
        if let Some(b) = button {
            let _ = b.focus();
        }
    }
}
