//! One page per file.

pub mod about;
pub mod article;
pub mod category;
pub mod document;
pub mod embed;
pub mod home;
pub mod not_found;
pub mod offline;
pub mod register;
pub mod search;
pub mod state;
