//! Parts of the first page built in tasks of their own.

use leptos::prelude::*;

/// Its children, rendered in a later task while the app takes over a prerendered page (at once
/// otherwise): the takeover then runs in slices a phone finishes between two taps, instead of
/// one long task (docs/performance.md, issue 25). The swap waits for them (`base::later`).
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(!crate::base::taking_over());
    if !shown.get_untracked() {
        crate::base::later(move || shown.set(true));
    }
    move || shown.get().then(|| children())
}
