//! A prerendered page's data that failed while the app takes the page over (server error, time
//! limit, network gone, a broken document): the page stays as it was served (the swap is held),
//! boot.js says so in one polite line, and the request is made again quietly, later and as soon as
//! the browser is back online, until it answers. Errors with a retry button are for pages the
//! reader does not have yet.

use crate::base::Hold;
use leptos::prelude::{
    LocalStorage, RwSignal, SetValue, StoredValue, Update, UpdateValue, WithValue,
};

/// The waits before each quiet retry, in ms; the last repeats.
const WAITS_MS: [i32; 5] = [2_000, 4_000, 8_000, 15_000, 30_000];

#[derive(Clone, Copy)]
pub(super) struct Quiet {
    /// While failing: the swap's hold, and the failures so far.
    state: StoredValue<Option<(Hold, usize)>, LocalStorage>,
    again: RwSignal<u32>,
}

impl Quiet {
    /// Quiet retries of the requests `again` starts.
    pub(super) fn new(again: RwSignal<u32>) -> Self {
        let quiet = Quiet {
            state: StoredValue::new_local(None),
            again,
        };
        if let Some(w) = crate::base::window() {
            crate::base::listen(&w, "online", false, move |_| quiet.ask());
        }
        quiet
    }

    /// The request failed: the swap waits, and the request is made again after a while.
    pub(super) fn failed(self) {
        let failures = self
            .state
            .try_update_value(|s| {
                let (_, n) = s.get_or_insert_with(|| (crate::base::hold(), 0));
                *n += 1;
                *n
            })
            .unwrap_or(1);
        crate::base::unavailable();
        let wait = WAITS_MS
            .get(failures - 1)
            .or(WAITS_MS.last())
            .copied()
            .unwrap_or_default();
        crate::base::after(wait, move || self.ask());
    }

    /// The request answered: the swap no longer waits for it.
    pub(super) fn answered(self) {
        self.state.try_set_value(None);
    }

    /// Asks again, if still failing.
    fn ask(self) {
        if self.state.try_with_value(Option::is_some) == Some(true) {
            self.again.try_update(|n| *n = n.wrapping_add(1));
        }
    }
}
