//! The GOV.UK error summary: above the form, focused when the form is refused, one link per
//! refused field that moves focus to it (`nav::links`); the page's title starts with "Lỗi:" / "Error:" while it
//! shows.

use leptos::prelude::*;
use portal_core::i18n::{FormTexts, fill};
use portal_core::participation::submit::{FieldError, MAX_EMAIL, MAX_LINE, MAX_TEXT, Problem};
use wasm_bindgen::JsCast;

use super::{FieldSpec, Input};

/// What the reader is told about one refused field.
pub fn message(error: &FieldError, spec: Option<&FieldSpec>) -> String {
    let f = FormTexts::of(crate::base::lang());
    let label = spec.map_or(error.field.as_str(), |s| s.label);
    let lower = label.to_lowercase();
    match (error.problem, spec.map(|s| &s.input)) {
        (_, Some(Input::Consent { .. })) => f.required_consent.to_owned(),
        (Problem::Required, Some(Input::Choice(_))) => fill(f.required_choice, &[&lower]),
        (Problem::Required, _) => fill(f.required, &[&lower]),
        (Problem::TooLong, _) => {
            let max = match error.field.as_str() {
                "comment" | "question" => MAX_TEXT,
                "email" => MAX_EMAIL,
                _ => MAX_LINE,
            };
            fill(
                f.too_long,
                &[label, &crate::components::form::fields::number(max)],
            )
        }
        (Problem::Invalid, Some(Input::Email)) => f.invalid_email.to_owned(),
        (Problem::Invalid, _) => fill(f.invalid_choice, &[&lower]),
    }
}

/// Moves focus to the element with `id` (a field, or the summary itself).
pub fn focus(id: &str) {
    if let Some(el) = crate::base::document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Starts the document's title with "Lỗi: " while `errors` is true, and takes it off after.
pub fn mark_title(errors: bool) {
    let Some(doc) = crate::base::document() else {
        return;
    };
    let prefix = format!("{}: ", FormTexts::of(crate::base::lang()).error_prefix);
    let title = doc.title();
    let bare = title.strip_prefix(&prefix).unwrap_or(&title).to_owned();
    doc.set_title(&if errors {
        format!("{prefix}{bare}")
    } else {
        bare
    });
}

#[component]
pub fn ErrorSummary(errors: Signal<Vec<(String, String)>>) -> impl IntoView {
    let f = FormTexts::of(crate::base::lang());
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title" role="alert">
                    <h2 id="error-summary-title">{f.summary_title}</h2>
                    <ul>
                        {list
                            .into_iter()
                            // nav::links turns each into a jump that moves focus to the field.
                            .map(|(id, text)| view! { <li><a href=format!("#{id}")>{text}</a></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
