//! Display controls: text size (three steps) and a high-contrast theme. The choice is stored in
//! localStorage and applied to `<html>` by `public/assets/prefs.js` before the first paint; here
//! the same attributes are changed live.

use crate::components::panel::close_on_escape;
use leptos::prelude::*;

const KEY: &str = "portal-display";
/// Visible label and the words added for screen readers (the visible text starts the name, so
/// voice-control users can say what they see).
fn sizes() -> [(&'static str, &'static str); 3] {
    let t = crate::base::texts();
    [
        ("A", t.size_normal),
        ("A+", t.size_large),
        ("A++", t.size_larger),
    ]
}

fn root() -> Option<web_sys::Element> {
    crate::base::window()?.document()?.document_element()
}

fn prefers_more_contrast() -> bool {
    crate::base::window()
        .and_then(|w| w.match_media("(prefers-contrast: more)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn initial_size() -> u8 {
    root()
        .and_then(|r| r.get_attribute("data-text-size"))
        .and_then(|v| v.parse().ok())
        .filter(|n| *n <= 2)
        .unwrap_or(0)
}

fn initial_high_contrast() -> bool {
    match root()
        .and_then(|r| r.get_attribute("data-contrast"))
        .as_deref()
    {
        Some("high") => true,
        Some(_) => false,
        None => prefers_more_contrast(),
    }
}

fn save(size: u8, high: bool) {
    if let Some(r) = root() {
        let _ = if size == 0 {
            r.remove_attribute("data-text-size")
        } else {
            r.set_attribute("data-text-size", &size.to_string())
        };
        let _ = r.set_attribute("data-contrast", if high { "high" } else { "normal" });
    }
    let value = format!(
        r#"{{"size":{size},"contrast":"{}"}}"#,
        if high { "high" } else { "normal" }
    );
    if let Some(s) = crate::base::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Private browsing may refuse storage: the choice then lasts for this visit only.
        let _ = s.set_item(KEY, &value);
    }
}

/// `open`: shown on a phone, where a button folds it (`panel`).
#[component]
pub fn DisplayControls(open: RwSignal<bool>) -> impl IntoView {
    let size = RwSignal::new(initial_size());
    let high = RwSignal::new(initial_high_contrast());
    let set_size = move |n: u8| {
        size.set(n);
        save(n, high.get_untracked());
    };
    let toggle_contrast = move |_| {
        let next = !high.get_untracked();
        high.set(next);
        save(size.get_untracked(), next);
    };
    view! {
        <div
            id="display-controls"
            class="display-controls needs-app"
            class:open=move || open.get()
            on:keydown=close_on_escape(open, "display-controls")
        >
            <div class="size-group" role="group" aria-label=crate::base::texts().text_size>
                {sizes()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, name))| {
                        let n = i as u8;
                        view! {
                            <button
                                type="button"
                                class="display-button"
                                aria-pressed=move || (size.get() == n).to_string()
                                on:click=move |_| set_size(n)
                            >
                                {label}
                                <span class="visually-hidden">{name}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <button
                type="button"
                class="display-button contrast-button"
                aria-pressed=move || high.get().to_string()
                on:click=toggle_contrast
            >
                <span class="contrast-icon" aria-hidden="true"></span>
                {crate::base::texts().contrast}
            </button>
        </div>
    }
}
