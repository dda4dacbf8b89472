//! One field of a citizen's form: its label, hint, inline error, and for long texts a character
//! count that a screen reader hears politely once typing pauses (GOV.UK's character count).
//! No `required` or `maxlength`: the browser's bubbles and silent cuts would take over from the
//! form's own words, and a pasted text over the limit must stay whole for the reader to shorten.

use super::{FieldSpec, Input};
use leptos::prelude::*;
use portal_core::i18n::{FormTexts, fill};

/// `n` with the page's language's thousands separator (10.000, 10,000).
pub fn number(n: usize) -> String {
    let sep = match crate::base::lang() {
        portal_core::Lang::Vi => '.',
        portal_core::Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Characters as the receiver counts them: Unicode scalar values after NFC.
fn count(text: &str) -> usize {
    crate::base::nfc(text).chars().count()
}

#[component]
pub fn Field(
    spec: FieldSpec,
    value: RwSignal<String>,
    checked: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let f = FormTexts::of(crate::base::lang());
    let id = format!("f-{}", spec.name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let count_id = format!("{id}-count");
    let is_text = matches!(spec.input, Input::Text);
    let has_hint = spec.hint.is_some() || is_text;
    let described = {
        let count_id = count_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.read().is_some() {
                ids.push(error_id.clone());
            }
            if is_text {
                ids.push(count_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.read().is_some().then_some("true");
    let optional = spec
        .optional
        .then(|| view! { " " <span class="optional">{f.optional}</span> });
    let hint = match (&spec.input, spec.hint) {
        (Input::Text, hint) => Some(format!(
            "{}{}",
            hint.map(|h| format!("{h} ")).unwrap_or_default(),
            fill(f.limit, &[&number(spec.max)])
        )),
        (_, hint) => hint.map(str::to_owned),
    };
    let hint = hint.map(|h| view! { <p class="hint" id=format!("{}-hint", id)>{h}</p> });
    let error_line = {
        let error_id = format!("{id}-error");
        move || {
            error.get().map(|e| {
                view! {
                    <p class="error-message" id=error_id.clone()>
                        <span class="visually-hidden">{f.error_prefix} ": "</span>
                        {e}
                    </p>
                }
            })
        }
    };
    let on_text = move |ev| value.set(event_target_value(&ev));
    let field_class = move || {
        if error.read().is_some() {
            "field form-field has-error"
        } else {
            "field form-field"
        }
    };
    let control = match spec.input.clone() {
        Input::Line { autocomplete } => view! {
            <input id=id.clone() name=spec.name type="text" autocomplete=autocomplete spellcheck="false"
                aria-describedby=described aria-invalid=invalid prop:value=value on:input=on_text />
        }
        .into_any(),
        Input::Email => view! {
            <input id=id.clone() name=spec.name type="email" autocomplete="email" spellcheck="false"
                aria-describedby=described aria-invalid=invalid prop:value=value on:input=on_text />
        }
        .into_any(),
        Input::Text => {
            view! {
                <textarea id=id.clone() name=spec.name rows="8" aria-describedby=described
                    aria-invalid=invalid prop:value=value on:input=on_text></textarea>
                <Count id=count_id.clone() value=value max=spec.max />
            }
            .into_any()
        }
        Input::Choice(choices) => view! {
            <select id=id.clone() name=spec.name aria-describedby=described aria-invalid=invalid
                prop:value=value on:change=on_text>
                {choices
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = v == value.get_untracked();
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Input::Consent { privacy } => {
            return view! {
                <div class=field_class>
                    {error_line}
                    <div class="checkbox">
                        <input id=id.clone() name=spec.name type="checkbox" aria-describedby=described
                            aria-invalid=invalid prop:checked=checked
                            on:change=move |ev| checked.set(event_target_checked(&ev)) />
                        <label for=id>
                            {spec.label} " " <a href=privacy>{f.privacy}</a> "."
                        </label>
                    </div>
                </div>
            }
            .into_any();
        }
    };
    view! {
        <div class=field_class>
            <label for=id.clone()>{spec.label} {optional}</label>
            {hint}
            {error_line}
            {control}
        </div>
    }
    .into_any()
}

/// The count under a long field: seen at once, heard once typing pauses for a second.
#[component]
fn Count(id: String, value: RwSignal<String>, max: usize) -> impl IntoView {
    let f = FormTexts::of(crate::base::lang());
    // Counted once per change (NFC of up to 10,000 characters), read by the words and the class.
    let n = Memo::new(move |_| count(&value.read()));
    let words = move || {
        let n = n.get();
        if n > max {
            fill(f.over, &[&number(n - max)])
        } else {
            fill(f.left, &[&number(max - n)])
        }
    };
    let over = move || n.get() > max;
    let heard = RwSignal::new(String::new());
    let typed = StoredValue::new(0u32);
    crate::base::effect(move || {
        value.track();
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        crate::base::after(1_000, move || {
            // The first run is the page's own: nothing was typed yet. The field may be gone
            // by now (sent, the page left): then nothing is said.
            if typed.try_get_value() == Some(mine) && mine > 1 {
                let _ = heard.try_set(words());
            }
        });
    });
    view! {
        <p class="char-count" class:over=over id=id aria-hidden="true">{words}</p>
        <p class="visually-hidden" aria-live="polite">{heard}</p>
    }
}
