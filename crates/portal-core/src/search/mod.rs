//! Search (issue 15): folding and terms (`fold`), ranking (`rank`), the static index's format
//! (`index`), a query (`query`) and what results show (`snippet`). The content tool writes the
//! index with these functions and the app queries it with the same ones.

pub mod fold;
pub mod index;
pub mod lookup;
pub mod query;
pub mod rank;
pub mod snippet;

pub use fold::{fold, syllables, terms};
