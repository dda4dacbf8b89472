//! The prerender: every route of the portal written as an HTML file by the app's own components
//! (Leptos `ssr`, natively), so pages are readable before the wasm arrives, without it, and by
//! crawlers and link previews. The browser app then takes the page over (`src/takeover.rs`).
//!
//! Routes are found by following the links of the pages rendered, from home: whatever a reader
//! can reach is written, and a new route kind is prerendered once a page links to it and
//! [`kind_of`] names it. `--changed` rewrites only what one article touches.

mod crawl;
mod feeds;
mod head;
mod install;
mod kinds;
mod page;
mod sitemap;
mod source;
mod template;
mod worker;
mod write;

pub use kinds::{canonical, kind_of};
pub use page::{links, render};
pub use sitemap::SITEMAP_LIMIT;
pub use write::{Options, Report, run};
