//! A prerender run: each route's page (and a category's or home's feed), then the not-found page,
//! the sitemap, robots.txt and the manifest. Which routes a run writes: `crawl.rs`.

use super::feeds::{self, Channel};
use super::head::{self, Head, Subject};
use super::kinds::kind_of;
use super::page::{links, render};
use super::sitemap::{self, Entry, Sitemap};
use super::source::Source;
use super::template::{self, Page};
use super::worker::{self, Worker};
use portal_core::route::{App, Route};
use portal_core::{Article, CategoryPage, Home, Lang, Site, decode, paths};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The route written as `404.html` (no route matches three such segments).
const NOT_FOUND_ROUTE: &str = "/_/_/_";
/// Trunk's page, kept as the template once `index.html` holds the prerendered home.
const SHELL: &str = "shell.html";

pub struct Options {
    /// A folder, or the base URL of a CMS serving the contract.
    pub api: String,
    /// Trunk's output (`dist/`): the template is its `index.html`; pages are written beside it.
    pub dist: PathBuf,
    /// The public address of the deployment (`https://portal.example/cong/`).
    pub site_url: String,
    /// Only what these articles (slugs) touch: each article, its categories' pages, home, feeds,
    /// the sitemap. `None`: everything.
    pub changed: Option<Vec<String>>,
    /// Threads rendering pages at once in a full run (the files written are the same whatever
    /// their number); a `--changed` run uses one.
    pub workers: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub articles: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// Routes not written because their document did not decode (the page would be the error
    /// panel): the host's 404 fallback and the app, with its retry, serve them instead.
    pub skipped: Vec<String>,
}

pub fn run(options: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let mut run = Run::new(options)?;
    match &options.changed {
        None => run.everything(options)?,
        Some(slugs) => run.changed(slugs)?,
    }
    run.finish()?;
    write_host_map(&options.dist, &run.site_url)?;
    run.report.seconds = started.elapsed().as_secs_f64();
    Ok(run.report)
}

/// What a host needs to send each path to the right file, from the route table
/// (`portal_core::route::host`): `host/nginx.conf`, the include the README tells deployers to
/// use, and `host/routes.json`, which the reference server reads.
fn write_host_map(dist: &Path, site_url: &str) -> Result<(), String> {
    use portal_core::route::host;
    let dir = dist.join("host");
    let base = paths::url_path(site_url);
    std::fs::create_dir_all(&dir)
        .and_then(|()| {
            host::files(base)
                .iter()
                .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
        })
        .map_err(|e| format!("{}: {e}", dir.display()))
}

pub(super) fn doc<T: DeserializeOwned>(source: &Source, path: &str) -> Result<Option<T>, String> {
    let Some(text) = source.read(path) else {
        return source.take_failure().map_or(Ok(None), Err);
    };
    decode::from_str::<T>(&text)
        .map(|d| Some(d.value))
        .map_err(|e| format!("{path}: {e}"))
}

/// A document's text as the contract's type, if it is one.
fn text_as<T: DeserializeOwned>(text: Option<&str>) -> Option<T> {
    decode::from_str::<T>(text?).ok().map(|d| d.value)
}

/// Trunk's `index.html`, unless it is already a prerendered page (a second run): then the copy
/// kept beside it.
fn load_template(dist: &Path) -> Result<String, String> {
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|e| format!("{}: {e}", dist.join(name).display()))
    };
    let index = read("index.html")?;
    if index.contains(template::ROOT) {
        return read(SHELL);
    }
    std::fs::write(dist.join(SHELL), &index).map_err(|e| format!("{SHELL}: {e}"))?;
    Ok(index)
}

/// A [`Run`]'s shared part, which threads can hold (the run's `Source` is the thread's own).
#[derive(Clone)]
pub(super) struct Seed {
    template: String,
    lookup_template: Option<String>,
    participation_template: Option<String>,
    dist: PathBuf,
    site: Site,
    english: Option<Site>,
    site_url: String,
    worker: Worker,
}

pub(super) struct Run {
    pub(super) template: String,
    /// The look-up app's page (`scripts/build.sh`), the template of its pages; `None` when the
    /// build has no look-up app (its pages are then left to the host).
    pub(super) lookup_template: Option<String>,
    pub(super) participation_template: Option<String>,
    pub(super) dist: PathBuf,
    pub(super) site: Site,
    /// `en/site.json`, if the API has English pages.
    pub(super) english: Option<Site>,
    pub(super) site_url: String,
    pub(super) source: Source,
    /// A full run's every URL, or the last run's sitemap that a `--changed` run changes.
    pub(super) sitemap: Sitemap,
    pub(super) report: Report,
    pub(super) worker: Worker,
}

impl Run {
    /// A run on this thread: the app's renderer reads the site's address and the API from the
    /// thread's own state, set here.
    pub(super) fn new(options: &Options) -> Result<Run, String> {
        let site_url = format!("{}/", options.site_url.trim_end_matches('/'));
        let source = Source::new(&options.api);
        let site: Site = doc(&source, &paths::site_doc())?.ok_or("the API has no site.json")?;
        let english: Option<Site> = doc(&source, &Lang::En.doc(&paths::site_doc()))?;
        let seed = Seed {
            template: load_template(&options.dist)?,
            lookup_template: std::fs::read_to_string(options.dist.join(App::Lookup.entry())).ok(),
            participation_template: std::fs::read_to_string(
                options.dist.join(App::Participation.entry()),
            )
            .ok(),
            dist: options.dist.clone(),
            site,
            english,
            site_url,
            // The kill switch (README: Deploying): a build whose worker retires the one before.
            worker: Worker::new(
                &options.dist,
                std::env::var("PORTAL_SERVICE_WORKER").map_or(true, |v| v != "off"),
            ),
        };
        Ok(Run::grow(seed, source))
    }

    /// What another thread needs to make a run of the same templates and site (read once: the
    /// home page's file, the template's source, is rewritten during the run).
    pub(super) fn seed(&self) -> Seed {
        Seed {
            template: self.template.clone(),
            lookup_template: self.lookup_template.clone(),
            participation_template: self.participation_template.clone(),
            dist: self.dist.clone(),
            site: self.site.clone(),
            english: self.english.clone(),
            site_url: self.site_url.clone(),
            worker: self.worker.clone(),
        }
    }

    /// A run on this thread, reading the API through `source` (another thread's [`Run::seed`]
    /// with a `Source` of this thread's own).
    pub(super) fn grow(seed: Seed, source: Source) -> Run {
        crate::base::set_site(&seed.site_url);
        let reader = source.clone();
        crate::api::set_source(Box::new(move |doc| reader.read(doc)));
        Run {
            template: seed.template,
            lookup_template: seed.lookup_template,
            participation_template: seed.participation_template,
            dist: seed.dist,
            site: seed.site,
            english: seed.english,
            site_url: seed.site_url,
            source,
            sitemap: Sitemap::Whole(Vec::new()),
            report: Report::default(),
            worker: seed.worker,
        }
    }

    /// Takes in what another thread's run wrote.
    pub(super) fn absorb(&mut self, (entries, report): (Vec<Entry>, Report)) {
        self.sitemap.extend(entries);
        let mine = &mut self.report;
        mine.pages += report.pages;
        mine.articles += report.articles;
        mine.bytes += report.bytes;
        mine.skipped.extend(report.skipped);
    }

    /// Renders and writes one route; returns the routes it links to (none if not found).
    pub(super) fn page(&mut self, route: &str) -> Result<Vec<String>, String> {
        self.source.next_page();
        let rendered = render(route);
        if let Some(failure) = self.source.take_failure() {
            return Err(failure);
        }
        if rendered.facts.not_found {
            return Ok(Vec::new());
        }
        // A page that did not set its title showed the error panel instead of its content.
        if rendered.facts.title.is_empty() {
            self.report.skipped.push(route.to_owned());
            return Ok(Vec::new());
        }
        let parsed = kind_of(route).unwrap_or(Route::NotFound);
        let lang = Lang::split(route).0;
        // The page's own document, for its head, its feed and its lastmod: the text the render
        // has just read (`Source` keeps it for the page), decoded again as the contract's type.
        let text = parsed
            .document()
            .and_then(|d| self.source.read(&lang.doc(&d)));
        let text = text.as_deref();
        let (article, category, home): (Option<Article>, Option<CategoryPage>, Option<Home>) =
            match &parsed {
                Route::Article { .. } => (text_as(text), None, None),
                Route::Category { .. } => (None, text_as(text), None),
                Route::Home => (None, None, text_as(text)),
                _ => (None, None, None),
            };
        let subject = match (&article, &category) {
            (Some(a), _) => Subject::Article(a),
            (_, Some(c)) => Subject::Category {
                slug: &c.category.slug,
                name: &c.category.name,
            },
            _ => Subject::Home,
        };
        let site = match (lang, &self.english) {
            (Lang::En, Some(english)) => english,
            _ => &self.site,
        };
        let head = Head {
            site,
            site_url: &self.site_url,
            route,
            title: &rendered.facts.title,
            description: &rendered.facts.description,
            subject,
            lang,
            alternates: &rendered.facts.alternates,
        }
        .tags();
        let docs: Vec<String> = parsed.documents().iter().map(|d| lang.doc(d)).collect();
        let newest = |items: &[portal_core::ArticleSummary]| {
            items
                .iter()
                .map(|i| i.published)
                .max_by_key(|d| d.unix_seconds())
                .map(|d| d.to_rfc3339())
        };
        let lastmod = match (&article, &category, &home) {
            (Some(a), _, _) => Some(a.updated.unwrap_or(a.published).to_rfc3339()),
            (_, Some(c), _) => newest(&c.page.items),
            (_, _, Some(h)) => newest(&h.latest),
            _ => None,
        };
        // `<base href>` would send `#id` to the home page: without the app to catch it (the skip
        // link, a body's own anchors, the phone menu), a jump in the page must name the page.
        let body = rendered.body.replace(
            "href=\"#",
            &format!("href=\"{}#", crate::base::site_link(route)),
        );
        let body = switch_to_counterpart(&body, lang, &rendered.facts.alternates);
        let worker = self.worker.clone();
        self.write_page(
            route,
            &Page {
                lang,
                path: Some(&crate::base::site_link(route)),
                title: &rendered.facts.title,
                description: &rendered.facts.description,
                head: &head,
                body: &body,
                documents: &docs,
                worker: &worker,
            },
        )?;
        self.sitemap
            .set(head::url(&self.site_url, route), lastmod)?;
        if article.is_some() {
            self.report.articles += 1;
        }
        // Feeds are of the Vietnamese news.
        let (category, home) = match lang {
            Lang::Vi => (category, home),
            _ => (None, None),
        };
        if let Some(c) = category.filter(|c| c.page.number == 0) {
            let title = format!("{} – {}", c.category.name, self.site.name);
            self.feed(Some(&c.category.slug), &title, route, &c.page.items)?;
        }
        if let Some(home) = home {
            let title = portal_core::i18n::fill(Lang::Vi.texts().latest_feed, &[&self.site.name]);
            self.feed(None, &title, "/", &home.latest)?;
        }
        if parsed == Route::Consultations && lang == Lang::Vi {
            let list: Option<portal_core::participation::Consultations> = text_as(text);
            self.consultations_feed(route, &rendered.facts.title, list.unwrap_or_default())?;
        }
        Ok(links(&rendered.body))
    }

    fn write_page(&mut self, route: &str, page: &Page) -> Result<(), String> {
        let template = match Route::app_of(route) {
            App::Lookup => match &self.lookup_template {
                Some(t) => t,
                None => return Ok(()),
            },
            App::Participation => match &self.participation_template {
                Some(t) => t,
                None => return Ok(()),
            },
            _ => &self.template,
        };
        let html = template::fill(template, page)?;
        let mut path = self.dist.clone();
        path.extend(route.split('/').filter(|s| !s.is_empty()));
        self.write(&path.join("index.html"), &html)?;
        self.report.pages += 1;
        Ok(())
    }

    fn write(&mut self, path: &Path, text: &str) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.report.bytes += text.len() as u64;
        Ok(())
    }

    fn feed(
        &mut self,
        category: Option<&str>,
        title: &str,
        route: &str,
        items: &[portal_core::ArticleSummary],
    ) -> Result<(), String> {
        let file = head::feed_path(category);
        let site_url = self.site_url.clone();
        let text = feeds::rss(
            &Channel {
                title,
                link: &head::url(&site_url, route),
                description: title,
                feed_url: &head::url(&site_url, &file),
            },
            items,
            |a| head::url(&site_url, &paths::article_route(&a.category.slug, &a.slug)),
        );
        self.write(&self.dist.join(&file), &text)
    }

    /// `feeds/lay-y-kien.xml`: every consultation, newest opening first, dated by its opening.
    fn consultations_feed(
        &mut self,
        route: &str,
        title: &str,
        mut list: portal_core::participation::Consultations,
    ) -> Result<(), String> {
        let words = portal_core::i18n::ParticipationTexts::of(Lang::Vi);
        list.items.sort_by_key(|c| std::cmp::Reverse(c.opens));
        let items: Vec<feeds::Item> = list
            .items
            .iter()
            .map(|c| feeds::Item {
                title: c.title.clone(),
                link: head::url(
                    &self.site_url,
                    &Route::Consultation {
                        slug: c.slug.clone(),
                    }
                    .href()
                    .unwrap_or_default(),
                ),
                description: format!(
                    "{}. {}",
                    c.drafted_by,
                    portal_core::i18n::fill(
                        words.period_range,
                        &[&c.opens.in_lang(Lang::Vi), &c.closes.in_lang(Lang::Vi)]
                    )
                ),
                // Midnight of its opening day in Vietnam.
                date: portal_core::DateTime::parse(&format!("{}T00:00:00+07:00", c.opens.to_iso()))
                    .unwrap_or_default(),
                category: words.consultations_title.to_owned(),
            })
            .collect();
        let file = head::feed_path(Some(portal_core::participation::CONSULTATIONS));
        let text = feeds::rss_of(
            &feeds::Channel {
                title,
                link: &head::url(&self.site_url, route),
                description: words.consultations_description,
                feed_url: &head::url(&self.site_url, &file),
            },
            &items,
        );
        self.write(&self.dist.join(&file), &text)
    }

    /// The not-found page, the sitemap, the install manifests, the service worker and robots.txt.
    fn finish(&mut self) -> Result<(), String> {
        let rendered = render(NOT_FOUND_ROUTE);
        let head = r#"<meta name="robots" content="noindex">"#;
        let html = template::fill(
            &self.template,
            &Page {
                lang: Lang::Vi,
                path: None,
                title: &rendered.facts.title,
                description: &rendered.facts.description,
                head,
                body: &rendered.body,
                // The not-found page answers any address: no document is known to be needed.
                documents: &[],
                worker: &self.worker,
            },
        )?;
        self.write(&self.dist.join("404.html"), &html)?;
        let sitemap = std::mem::replace(&mut self.sitemap, Sitemap::Whole(Vec::new()));
        let changes = sitemap.save(&self.dist, &self.site_url, sitemap::SITEMAP_LIMIT)?;
        for name in changes.remove {
            let path = self.dist.join(name);
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        for (name, text) in changes.write {
            self.write(&self.dist.join(name), &text)?;
        }
        let manifests: Vec<(String, String)> = [
            (Some(&self.site), Lang::Vi),
            (self.english.as_ref(), Lang::En),
        ]
        .into_iter()
        .filter_map(|(site, lang)| Some(super::install::manifest(site?, lang)))
        .collect();
        for (path, text) in manifests {
            self.write(&self.dist.join(path), &text)?;
        }
        let script = self.worker.script(&self.dist, self.english.is_some());
        self.write(&self.dist.join(worker::FILE), &script)?;
        let robots = feeds::robots(&self.site_url);
        self.write(&self.dist.join("robots.txt"), &robots)
    }
}

/// The header's language switch leads to the page's counterpart: the app renders the header
/// before the page names its counterparts, so the markup holds the other language's home page,
/// which the browser app corrects once it runs; the file is right from the start.
fn switch_to_counterpart(body: &str, lang: Lang, alternates: &[portal_core::Alternate]) -> String {
    let other = lang.other();
    let (Some(to), Some(class)) = (
        alternates.iter().find(|a| a.lang == other),
        body.find("class=\"lang-switch\""),
    ) else {
        return body.to_owned();
    };
    let start = body[..class].rfind("<a ").unwrap_or(class);
    let end = class + body[class..].find('>').unwrap_or(0);
    let home = crate::base::site_link(&other.route("/"));
    let attr = |href: &str| format!("href=\"{}\"", portal_core::html::attr_value(href));
    let tag = body[start..end].replacen(&attr(&home), &attr(&crate::base::site_link(&to.path)), 1);
    format!("{}{tag}{}", &body[..start], &body[end..])
}
