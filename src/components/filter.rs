//! A filter of a list's form (search, the register).

use leptos::prelude::*;

/// One filter of the form: a labelled list whose first choice ("all") applies none.
/// `choices` are (value, text), in `choices_lang` when it is not the page's language (the
/// register's Vietnamese names on an English page); `chosen` is the value the address holds.
#[component]
pub fn Filter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
    #[prop(into)] chosen: Signal<String>,
    #[prop(default = None)] choices_lang: Option<&'static str>,
) -> impl IntoView {
    // Memos: the options are rebuilt only when the choices or the choice change, not on every
    // change of the address their page follows (a search refined, a page turned).
    let chosen = Memo::new(move |_| chosen.get());
    let choices = Memo::new(move |_| choices.get());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name prop:value=chosen>
                <option value="">{crate::base::texts().all}</option>
                {move || {
                    let chosen = chosen.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected lang=choices_lang>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
