//! Which routes the prerender writes as files, as the route table says.

use portal_core::Lang;
use portal_core::route::{Prerender, Route};

/// A route as the files are written: its language's prefix and its route's own address
/// (`/en/news/trang/2`), if it is one [`kind_of`] writes.
pub fn canonical(route: &str) -> Option<String> {
    let (lang, _) = Lang::split(route.split('?').next().unwrap_or_default());
    Some(lang.route(&kind_of(route)?.href()?))
}

/// The routes written as files, as the route table says (`Prerender`, and whether the English
/// site has the kind); not-found routes are never written, except as `404.html`. The route is its
/// language's (`/en/news` is `/news`).
pub fn kind_of(route: &str) -> Option<Route> {
    let (path, query) = route.split_once('?').unwrap_or((route, ""));
    // A file (a dot in the last segment) is not a page.
    if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        return None;
    }
    let (lang, path) = Lang::split(path);
    let r = Route::parse(path, query);
    let spec = r.kind().spec();
    if lang != Lang::Vi && !spec.english {
        return None;
    }
    match spec.prerender {
        Prerender::Never => None,
        Prerender::Always => Some(r),
        // Written once, as the page without a query.
        Prerender::Bare => (r == Route::parse(path, "")).then_some(r),
    }
}
