//! The portal's content API contract (v1) and the pure logic around it.
//!
//! Everything here compiles natively so it is tested with plain `cargo test`; the wasm app decodes
//! with these types and the content tool writes with them, so the two can never drift apart.

pub mod datetime;
pub mod decode;
pub mod format;
pub mod html;
pub mod i18n;
pub mod legal;
pub mod model;
pub mod pagination;
pub mod participation;
pub mod paths;
pub mod route;
pub mod sanitize;
pub mod search;
pub mod slug;
pub mod widget;

pub use datetime::{Date, DateTime};
pub use i18n::Lang;
pub use model::*;
