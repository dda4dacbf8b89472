//! One page per file.

pub mod about;
pub mod answer;
pub mod article;
pub mod ask;
pub mod category;
pub mod consultation;
pub mod consultations;
pub mod document;
pub mod embed;
pub mod home;
pub mod not_found;
pub mod offline;
pub mod question_status;
pub mod questions;
pub mod register;
pub mod search;
pub mod state;
