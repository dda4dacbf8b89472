//! Going offline and back is noticed and said; a crash (which should never happen) is said too,
//! with a way out.

use leptos::prelude::*;

/// Whether the browser believes it is online; error panels retry by themselves when it comes back.
#[derive(Clone, Copy)]
pub struct Online(pub RwSignal<bool>);

pub fn provide_online() -> Online {
    let online = RwSignal::new(
        crate::base::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true),
    );
    if let Some(w) = crate::base::window() {
        for (event, value) in [("online", true), ("offline", false)] {
            crate::base::listen(&w, event, false, move |_| online.set(value));
        }
    }
    provide_context(Online(online));
    Online(online)
}

/// A status line that appears while offline and briefly once back online.
#[component]
pub fn ConnectionNotice() -> impl IntoView {
    let online = use_context::<Online>().map(|o| o.0);
    let was_offline = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    crate::base::effect(move || {
        let Some(on) = online.map(|o| o.get()) else {
            return;
        };
        if !on {
            was_offline.set(true);
            message.set(crate::base::texts().offline.to_owned());
        } else if was_offline.get_untracked() {
            message.set(crate::base::texts().online.to_owned());
            set_timeout(
                move || message.set(String::new()),
                std::time::Duration::from_secs(6),
            );
        }
    });
    view! {
        <div class="connection-notice" role="status" class:visible=move || !message.get().is_empty()>
            {move || message.get()}
        </div>
    }
}

/// Shown by the panic hook: the app has stopped, so everything here is plain DOM and a plain link.
pub fn show_crash_banner() {
    let Some(doc) = crate::base::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "crash-banner");
    let t = crate::base::texts();
    banner.set_inner_html(&format!(
        "<p><strong>{}</strong> {}</p><p><a href=\"\">{}</a></p>",
        t.crashed, t.sorry, t.reload
    ));
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
