//! "Nghe đọc bài viết": reads the article aloud with the browser's speech synthesis, in
//! Vietnamese where a Vietnamese voice exists. Not shown where the browser cannot speak.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Speaking,
    Paused,
}

/// Whether the browser can speak. Older or stripped-down browsers have no speechSynthesis at
/// all (calling it would throw); asking is cheap, while the first call of `speechSynthesis`
/// starts the speech engine, tens of milliseconds on a phone: that waits for the first tap.
fn can_speak() -> bool {
    crate::base::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"speechSynthesis".into()).unwrap_or(false))
}

fn synth() -> Option<SpeechSynthesis> {
    if !can_speak() {
        return None;
    }
    crate::base::window()?.speech_synthesis().ok()
}

/// The article's text in reading order, cut at block boundaries (long utterances are cut off by
/// some engines).
fn chunks(selector: &str) -> Vec<String> {
    let Some(doc) = crate::base::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = doc.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.text_content())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A voice that speaks the page's language (a Vietnamese voice reading English, or the reverse,
/// is unintelligible).
fn voice_for(s: &SpeechSynthesis, lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    let voices = s.get_voices();
    (0..voices.length())
        .filter_map(|i| {
            voices
                .get(i)
                .dyn_into::<web_sys::SpeechSynthesisVoice>()
                .ok()
        })
        .find(|v| v.lang().to_ascii_lowercase().starts_with(lang))
}

const READ_ORDER: &str = ".article h1, .article .article-lead, .article-body h2, .article-body h3, .article-body h4, \
                          .article-body p, .article-body li, .article-body figcaption, .article-body td, .article-body th";

#[component]
pub fn ReadAloud() -> impl IntoView {
    if !can_speak() {
        return ().into_any();
    }
    let state = RwSignal::new(State::Idle);
    let main_button = NodeRef::<leptos::html::Button>::new();
    // Leaving the article stops the voice (if it ever spoke: the engine is not started for this).
    let spoke = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let spoken = spoke.clone();
    on_cleanup(move || {
        if spoken.load(std::sync::atomic::Ordering::Relaxed)
            && let Some(s) = synth()
        {
            s.cancel();
        }
    });
    let start = move || {
        let Some(s) = synth() else { return };
        spoke.store(true, std::sync::atomic::Ordering::Relaxed);
        s.cancel();
        let parts = chunks(READ_ORDER);
        let lang = crate::base::lang();
        let voice = voice_for(&s, lang.code());
        let tag = lang.regional();
        let last = parts.len().saturating_sub(1);
        for (i, text) in parts.iter().enumerate() {
            let Ok(u) = SpeechSynthesisUtterance::new_with_text(text) else {
                continue;
            };
            u.set_lang(tag);
            if let Some(v) = &voice {
                u.set_voice(Some(v));
            }
            if i == last {
                let done =
                    wasm_bindgen::closure::Closure::once_into_js(move || state.set(State::Idle));
                u.set_onend(Some(done.unchecked_ref()));
            }
            s.speak(&u);
        }
        state.set(State::Speaking);
    };
    let toggle = move |_| match state.get_untracked() {
        State::Idle => start(),
        State::Speaking => {
            if let Some(s) = synth() {
                s.pause();
            }
            state.set(State::Paused);
        }
        State::Paused => {
            if let Some(s) = synth() {
                s.resume();
            }
            state.set(State::Speaking);
        }
    };
    let stop = move |_| {
        if let Some(s) = synth() {
            s.cancel();
        }
        state.set(State::Idle);
        // The stop button becomes disabled; keep focus on the control group.
        if let Some(b) = main_button.get_untracked() {
            let _ = b.focus();
        }
    };
    let t = crate::base::texts();
    let label = move || match state.get() {
        State::Idle => t.listen,
        State::Speaking => t.pause,
        State::Paused => t.resume,
    };
    view! {
        <button type="button" class="tool-button" node_ref=main_button on:click=toggle>
            <span class="icon icon-speaker" aria-hidden="true"></span>
            {label}
        </button>
        <button type="button" class="tool-button" on:click=stop disabled=move || state.get() == State::Idle>
            <span class="icon icon-stop" aria-hidden="true"></span>
            {t.stop}
        </button>
    }
    .into_any()
}
