//! Search (issue 15): folding and terms (`fold`), ranking (`rank`). The content tool writes the
//! index with these functions and the app queries it with the same ones.

pub mod fold;
pub mod rank;

pub use fold::{fold, syllables, terms};
