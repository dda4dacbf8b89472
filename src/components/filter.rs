//! A filter of a list's form (search, the register).

use leptos::prelude::*;

/// One filter of the form: a labelled list whose first choice, "Tất cả", applies none.
/// `choices` are (value, text); `chosen` is the value the address holds.
#[component]
pub fn Filter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
    #[prop(into)] chosen: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name prop:value=chosen>
                <option value="">"Tất cả"</option>
                {move || {
                    let chosen = chosen.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
