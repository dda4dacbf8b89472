//! Building blocks shared by the pages.

pub mod cards;
pub mod connectivity;
pub mod display;
pub mod files;
pub mod filter;
pub mod form;
pub mod later;
pub mod meta;
pub mod pager;
pub mod panel;
pub mod search_box;
pub mod shell;
pub mod speech;
pub mod status;
pub mod tools;
