//! Which routes a run writes: everything a reader can reach from home, or what some changed
//! articles touch.

use super::kinds::{canonical, kind_of};
use super::sitemap::{Entry, Pieces, SITEMAP_LIMIT, Sitemap};
use super::source::Source;
use super::write::{Options, Report, Run, doc};
use portal_core::Lang;
use portal_core::legal::register::{Register, Row, manifest_doc, rows_doc};
use portal_core::route::Route;
use portal_core::{Article, CategoryPage, paths};
use std::collections::{HashSet, VecDeque};
use std::sync::{Condvar, Mutex};

impl Run {
    /// Everything a reader can reach from home, and every document of the register (most are
    /// reached only through its filters, which need the app). `options.workers` threads render
    /// at once, each with a run of its own, taking routes from one queue.
    pub(super) fn everything(&mut self, options: &Options) -> Result<(), String> {
        let mut start = vec!["/".to_owned()];
        start.extend(self.documents()?);
        let crawl = Crawl::new(start);
        if options.workers <= 1 {
            crawl.work(self)?;
        } else {
            let seed = self.seed();
            let parts = std::thread::scope(|s| {
                let threads: Vec<_> = (0..options.workers)
                    .map(|_| {
                        s.spawn(|| -> Result<(Vec<Entry>, Report), String> {
                            let mut run = Run::grow(seed.clone(), Source::new(&options.api));
                            crawl.work(&mut run)?;
                            Ok((run.sitemap.take_entries(), run.report))
                        })
                    })
                    .collect();
                threads
                    .into_iter()
                    .map(|t| {
                        t.join()
                            .map_err(|_| "a prerender thread panicked".to_owned())?
                    })
                    .collect::<Result<Vec<_>, String>>()
            })?;
            for part in parts {
                self.absorb(part);
            }
        }
        Ok(())
    }

    /// The routes of the register's documents, from its index's rows, in every language the API
    /// has (one register, shown by each).
    fn documents(&self) -> Result<Vec<String>, String> {
        let Some(register) = doc::<Register>(&self.source, &manifest_doc())? else {
            return Ok(Vec::new());
        };
        let langs: &[Lang] = match self.english {
            Some(_) => &Lang::ALL,
            None => &[Lang::Vi],
        };
        let mut out = Vec::new();
        for chunk in 0..register.docs.div_ceil(register.rows.max(1)) {
            let rows: Vec<Row> = doc(&self.source, &rows_doc(chunk))?.unwrap_or_default();
            let routes = rows
                .into_iter()
                .filter_map(|r| Route::Document { slug: r.slug }.href());
            out.extend(routes.flat_map(|h| langs.iter().map(move |l| l.route(&h))));
        }
        Ok(out)
    }

    /// What the articles `slugs` touch (`en/<slug>`: an English article), and the numbered
    /// category pages named by their documents (`categories/<slug>/<k>.json`, `en/…`), which a
    /// publish wrote or removed.
    pub(super) fn changed(&mut self, slugs: &[String]) -> Result<(), String> {
        self.sitemap = Sitemap::Pieces(Pieces::open(&self.dist, SITEMAP_LIMIT)?);
        let mut categories: Vec<(Lang, String)> = Vec::new();
        let mut langs: Vec<Lang> = Vec::new();
        for named in slugs {
            let (lang, slug) = match named.strip_prefix("en/") {
                Some(slug) => (Lang::En, slug),
                None => (Lang::Vi, named.as_str()),
            };
            if !langs.contains(&lang) {
                langs.push(lang);
            }
            if let Some((category, page)) = paths::category_of_doc(slug) {
                match page {
                    Some(k) => self.archive_page(lang, &category, k)?,
                    None => categories.push((lang, category)),
                }
                continue;
            }
            let path = paths::article_doc(slug).ok_or(format!("{named}: not a slug"))?;
            let mut touched: Vec<String> = Vec::new();
            match doc::<Article>(&self.source, &lang.doc(&path))? {
                Some(article) => {
                    let category = article
                        .category()
                        .map(|c| c.slug.clone())
                        .unwrap_or_default();
                    self.page(&lang.route(&paths::article_route(&category, slug)))?;
                    touched.extend(article.category_path.iter().map(|c| c.slug.clone()));
                }
                // Gone from the API: its page goes too, and its categories' pages, which listed
                // it, are written again (the category its address named, and that one's parents).
                None => {
                    for category in self.remove_article(lang, slug)? {
                        let page: Option<CategoryPage> = paths::category_doc(&category)
                            .map_or(Ok(None), |p| doc(&self.source, &lang.doc(&p)))?;
                        let parents = page.map(|p| p.category.breadcrumb).unwrap_or_default();
                        touched.extend(parents.into_iter().map(|c| c.slug));
                        touched.push(category);
                    }
                }
            }
            for c in touched {
                if !categories.contains(&(lang, c.clone())) {
                    categories.push((lang, c));
                }
            }
        }
        for (lang, slug) in categories {
            self.category(lang, &slug)?;
        }
        for lang in langs {
            self.page(&lang.route("/"))?;
        }
        Ok(())
    }

    /// A category's front page, and the numbered pages one more or one fewer article at the
    /// newest end changes (`portal_core::pagination::Archive`): the newest (new when the front
    /// page's run has just filled), the one before it (whose newer neighbour was the front page)
    /// and the one after it (gone when a withdrawal brought it back onto the front page). Pages
    /// deeper in the archive are named by their documents.
    fn category(&mut self, lang: Lang, slug: &str) -> Result<(), String> {
        self.page(&lang.route(&paths::category_route(slug)))?;
        let front: Option<CategoryPage> =
            paths::category_doc(slug).map_or(Ok(None), |p| doc(&self.source, &lang.doc(&p)))?;
        let newest = front.and_then(|f| f.page.older).unwrap_or(0);
        for k in [newest.saturating_sub(1), newest, newest + 1] {
            if k >= 1 {
                self.archive_page(lang, slug, k)?;
            }
        }
        Ok(())
    }

    /// Page `k` of a category, written from its document, or removed if the API has none.
    fn archive_page(&mut self, lang: Lang, slug: &str, k: u32) -> Result<(), String> {
        let route = lang.route(&paths::archive_route(slug, k));
        let path = paths::archive_doc(slug, k).ok_or(format!("{slug}: not a slug"))?;
        if doc::<CategoryPage>(&self.source, &lang.doc(&path))?.is_some() {
            self.page(&route)?;
            return Ok(());
        }
        self.remove_page(&route)?;
        self.sitemap
            .remove(&super::head::url(&self.site_url, &route))
    }

    /// Removes the folder of the page at `route` (its `index.html`), if it has one.
    fn remove_page(&self, route: &str) -> Result<(), String> {
        let route = route.trim_start_matches('/');
        let dir = self.dist.join(route);
        if !route.is_empty() && dir.is_dir() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(())
    }

    /// Removes the page of an article of `lang` the API no longer has, found by its folder
    /// (`<category>/<slug>/`: the category, gone with the article, is not known otherwise; the
    /// sitemap is not read whole for it). Only an article's page: a category whose slug is the
    /// same stays. Returns the categories its address named.
    fn remove_article(&mut self, lang: Lang, slug: &str) -> Result<Vec<String>, String> {
        let root = lang.route("/");
        let folder = self.dist.join(root.trim_start_matches('/'));
        let list = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let mut categories = Vec::new();
        for dir in list.filter_map(|e| e.ok()?.file_name().into_string().ok()) {
            let route = lang.route(&paths::article_route(&dir, slug));
            let is_article =
                matches!(kind_of(&route), Some(Route::Article { slug: s, .. }) if s == slug);
            if !is_article || !folder.join(&dir).join(slug).join("index.html").is_file() {
                continue;
            }
            self.remove_page(&route)?;
            self.sitemap
                .remove(&super::head::url(&self.site_url, &route))?;
            categories.push(dir);
        }
        categories.sort();
        Ok(categories)
    }
}

/// The routes still to render, shared by the threads of a full run: breadth first from home, each
/// route once.
struct Crawl {
    state: Mutex<State>,
    /// Rung when a route is queued, or the last busy thread finishes, or one fails.
    wake: Condvar,
}

struct State {
    queue: VecDeque<String>,
    seen: HashSet<String>,
    /// Threads rendering a route now (whose links may still add routes).
    busy: usize,
    failed: bool,
}

impl Crawl {
    fn new(start: Vec<String>) -> Crawl {
        Crawl {
            state: Mutex::new(State {
                seen: start.iter().cloned().collect(),
                queue: start.into(),
                busy: 0,
                failed: false,
            }),
            wake: Condvar::new(),
        }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>, String> {
        self.state
            .lock()
            .map_err(|_| "a prerender thread failed".to_owned())
    }

    /// Renders routes with `run` until none are left (or another thread failed).
    fn work(&self, run: &mut Run) -> Result<(), String> {
        loop {
            let route = {
                let mut state = self.lock()?;
                loop {
                    if state.failed {
                        return Ok(());
                    }
                    if let Some(route) = state.queue.pop_front() {
                        state.busy += 1;
                        break route;
                    }
                    if state.busy == 0 {
                        return Ok(());
                    }
                    state = self
                        .wake
                        .wait(state)
                        .map_err(|_| "a prerender thread failed".to_owned())?;
                }
            };
            let links = run.page(&route);
            let mut state = self.lock()?;
            state.busy -= 1;
            self.wake.notify_all();
            match links {
                Ok(links) => {
                    for href in links.iter().filter_map(|l| canonical(l)) {
                        if state.seen.insert(href.clone()) {
                            state.queue.push_back(href);
                        }
                    }
                }
                Err(e) => {
                    state.failed = true;
                    return Err(e);
                }
            }
        }
    }
}
