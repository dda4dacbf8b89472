//! Building blocks shared by the pages.

pub mod cards;
pub mod shell;
pub mod status;
