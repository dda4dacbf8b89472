//! `portal-content publish <slug>…`: publishes the articles named into a tree a full build wrote,
//! reading only what they touch, so that a publish takes the same time in an archive of a million
//! articles as in the sample: each article's source (found by its front matter; no source: it is
//! withdrawn), its categories' pages from its place to the newest (`archive`), its neighbours in
//! its categories (for its related articles, and theirs), home and the widgets (from the categories' front
//! pages), the register's document it cites, and the search index's delta. Its neighbours' related
//! lists are picked again too. What it does not write, a full build does: the featured widget's
//! last place when a featured article is withdrawn (its deeper list is kept nowhere else).

use super::archive::{self, Edit, order};
use super::{Published, write_changed};
use crate::generate::{
    Catalogue, HOME_FEATURED, HOME_LATEST, RELATED, RELATED_REACH, Sink, home_blocks, related_in,
    widget_item, widgets,
};
use crate::source::{self, SiteSource};
use crate::{Layout, Under, article_route, search, slug_of, to_article};
use anyhow::{Context, Result, bail};
use portal_core::legal::register::document_doc;
use portal_core::{API_VERSION, Alternate, Article, ArticleSummary, CategoryPage, Document, Home};
use portal_core::{Lang, paths, widget};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;

/// The API tree being published: documents read as they are, written only when they differ.
struct Tree<'a> {
    out: &'a Path,
    done: Published,
}

impl Tree<'_> {
    fn read<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>> {
        match std::fs::read(self.out.join(path)) {
            Ok(bytes) => Ok(Some(
                serde_json::from_slice(&bytes).with_context(|| path.to_owned())?,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| path.to_owned()),
        }
    }

    fn must<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.read(path)?
            .with_context(|| format!("{path} missing: a publish needs a full build first"))
    }

    /// Writes `doc` as `generate::emit` does; whether it differed.
    fn put<T: Serialize>(&mut self, path: String, doc: &T) -> Result<bool> {
        let mut bytes = serde_json::to_vec(doc)?;
        bytes.push(b'\n');
        self.put_bytes(path, bytes)
    }

    fn put_bytes(&mut self, path: String, bytes: Vec<u8>) -> Result<bool> {
        write_changed(self.out, &path, &bytes, &mut self.done.written)
    }

    fn remove(&mut self, path: String) -> Result<bool> {
        let full = self.out.join(&path);
        if !full.exists() {
            return Ok(false);
        }
        std::fs::remove_file(&full).with_context(|| path.clone())?;
        self.done.removed.push(path);
        Ok(true)
    }
}

impl Sink for Tree<'_> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.put_bytes(path, bytes).map(drop)
    }
}

/// Publishes the articles `named` (slugs; `en/<slug>`: English) from the sources of `layout`
/// into its API tree.
pub fn publish_named(layout: &Layout, named: &[String]) -> Result<Published> {
    let mut tree = Tree {
        out: &layout.out,
        done: Published::default(),
    };
    for lang in Lang::ALL {
        let slugs: Vec<&str> = named
            .iter()
            .filter_map(|n| {
                let (prefix, slug) = super::language(n);
                (prefix == prefix_of(lang)).then_some(slug)
            })
            .collect();
        if !slugs.is_empty() {
            Language::open(layout, lang)?.publish(&mut tree, &slugs)?;
        }
    }
    // A document written twice (an article, then its counterpart's link) is named once.
    for list in [&mut tree.done.written, &mut tree.done.changed] {
        let mut seen = std::collections::HashSet::new();
        list.retain(|p| seen.insert(p.clone()));
    }
    Ok(tree.done)
}

/// A language's folder in the API tree and in the names a publish takes and prints
/// (`super::language` reads it back).
fn prefix_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "",
        Lang::En => "en/",
    }
}

/// One language's sources and where its documents are.
struct Language<'a> {
    layout: &'a Layout,
    lang: Lang,
    /// `en/` or nothing.
    prefix: &'static str,
    dir: std::path::PathBuf,
    site: SiteSource,
    cat: Catalogue,
}

impl<'a> Language<'a> {
    fn open(layout: &'a Layout, lang: Lang) -> Result<Language<'a>> {
        let dir = match lang {
            Lang::Vi => layout.content.clone(),
            Lang::En => layout.content.join("en"),
        };
        let site = source::load_site(&dir.join("site.toml"))?;
        let cat = Catalogue::new(&site.categories)?;
        Ok(Language {
            layout,
            lang,
            prefix: prefix_of(lang),
            dir,
            site,
            cat,
        })
    }

    fn path(&self, doc: Option<String>) -> Result<String> {
        Ok(format!("{}{}", self.prefix, doc.context("not a slug")?))
    }

    fn front(&self, tree: &Tree, category: &str) -> Result<CategoryPage> {
        tree.must(&self.path(paths::category_doc(category))?)
    }

    fn publish(&self, tree: &mut Tree, slugs: &[&str]) -> Result<()> {
        // Every source's front matter is read to find the articles' (file names are free).
        let sources = source::load_articles(&self.dir.join("articles"))?;
        let mut changes: Vec<(String, Option<Article>, Option<Article>)> = Vec::new();
        // Articles whose related lists may name the articles, or now would.
        let mut neighbours: Vec<String> = Vec::new();
        for &slug in slugs {
            let old: Option<Article> = tree.read(&self.path(paths::article_doc(slug))?)?;
            let now = match sources.iter().find(|s| slug_of(&s.front) == slug) {
                Some(src) => Some(self.article(tree, src, old.as_ref())?),
                None => None,
            };
            if old.is_none() && now.is_none() {
                bail!(
                    "{slug}: neither in the sources nor in {}",
                    tree.out.display()
                );
            }
            if let Some(old) = &old {
                neighbours.extend(self.near(tree, old)?);
            }
            self.categories(tree, old.as_ref(), now.as_ref())?;
            if self.lang == Lang::Vi {
                self.register(tree, slug, old.as_ref(), now.as_ref())?;
            }
            changes.push((slug.to_owned(), old, now));
        }
        // Related lists once every article is in its place, as a full build picks them (the
        // articles named as they are now, not as their documents were).
        let pending: HashMap<&str, &Article> = changes
            .iter()
            .filter_map(|(slug, _, now)| Some((slug.as_str(), now.as_ref()?)))
            .collect();
        for (slug, old, now) in &changes {
            let path = self.path(paths::article_doc(slug))?;
            match now {
                Some(a) => {
                    let mut a = a.clone();
                    a.related = self.related(tree, &a, &pending)?;
                    tree.put(path, &a)?;
                    neighbours.extend(self.near(tree, &a)?);
                }
                None => {
                    tree.remove(path)?;
                    if let Some(old) = old {
                        self.unlink_counterparts(tree, old)?;
                    }
                }
            }
            tree.done.changed.push(format!("{}{slug}", self.prefix));
        }
        neighbours.retain(|n| !slugs.contains(&n.as_str()));
        neighbours.sort();
        neighbours.dedup();
        for slug in neighbours {
            let path = self.path(paths::article_doc(&slug))?;
            let Some(mut a) = tree.read::<Article>(&path)? else {
                continue;
            };
            let related = self.related(tree, &a, &pending)?;
            if related != a.related {
                a.related = related;
                tree.put(path, &a)?;
                tree.done.changed.push(format!("{}{slug}", self.prefix));
            }
        }
        let named: Vec<(String, Option<Article>)> = changes
            .into_iter()
            .map(|(slug, _, now)| (slug, now))
            .collect();
        self.home_and_widgets(tree, &named)?;
        self.search(tree, &named)
    }

    /// The articles whose related lists can name `a`: those within reach of it in its category
    /// and its top category.
    fn near(&self, tree: &Tree, a: &Article) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for c in [a.category_path.last(), a.category_path.first()]
            .into_iter()
            .flatten()
        {
            if seen.contains(&c.slug.as_str()) {
                continue;
            }
            seen.push(&c.slug);
            let (list, at) = self.down_to(tree, &c.slug, &a.slug)?;
            let lo = at.saturating_sub(RELATED_REACH + 1);
            let hi = (at + RELATED_REACH + 2).min(list.len());
            let around = list.get(lo..hi).unwrap_or_default();
            out.extend(
                around
                    .iter()
                    .filter(|s| s.slug != a.slug)
                    .map(|s| s.slug.clone()),
            );
        }
        Ok(out)
    }

    /// The contract's article from its source, with the links to its other language's page.
    fn article(
        &self,
        tree: &mut Tree,
        src: &source::ArticleSource,
        old: Option<&Article>,
    ) -> Result<Article> {
        let cited: Option<Document> = match &src.front.document {
            Some(d) => tree.read(&document_doc(d).context("not a slug")?)?,
            None => None,
        };
        let documents: HashMap<&str, &Document> =
            cited.iter().map(|d| (d.slug.as_str(), d)).collect();
        let mut a = to_article(src, &self.cat, &self.layout.public, &documents)
            .with_context(|| format!("in {}", src.path.display()))?;
        a.version = API_VERSION;
        a.lang = self.site.lang;
        match (&src.front.counterpart, self.lang) {
            // The Vietnamese page keeps its link to the English one, which names it.
            (None, Lang::Vi) => {
                a.alternates = old.map(|o| o.alternates.clone()).unwrap_or_default()
            }
            (Some(counterpart), Lang::En) => {
                let path = paths::article_doc(counterpart).context("not a slug")?;
                let mut vi: Article = tree.must(&path)?;
                a.alternates = vec![Alternate {
                    lang: Lang::Vi,
                    path: article_route(Lang::Vi, &vi),
                }];
                let link = Alternate {
                    lang: Lang::En,
                    path: article_route(Lang::En, &a),
                };
                if !vi.alternates.contains(&link) {
                    vi.alternates.retain(|l| l.lang != Lang::En);
                    vi.alternates.push(link);
                    tree.put(path, &vi)?;
                    tree.done.changed.push(counterpart.clone());
                }
            }
            (Some(_), Lang::Vi) => bail!("{}: only English articles name a counterpart", a.slug),
            (None, Lang::En) => {}
        }
        Ok(a)
    }

    /// A withdrawn article's counterparts in the other language lose their link to it.
    fn unlink_counterparts(&self, tree: &mut Tree, gone: &Article) -> Result<()> {
        let other = self.lang.other();
        for link in gone.alternates.iter().filter(|l| l.lang == other) {
            let slug = link.path.rsplit('/').next().unwrap_or_default();
            let path = other.doc(&paths::article_doc(slug).context("not a slug")?);
            let Some(mut counterpart) = tree.read::<Article>(&path)? else {
                continue;
            };
            counterpart.alternates.retain(|l| l.lang != self.lang);
            if tree.put(path, &counterpart)? {
                tree.done
                    .changed
                    .push(format!("{}{slug}", prefix_of(other)));
            }
        }
        Ok(())
    }

    /// The pages of every category the article was or is in.
    fn categories(
        &self,
        tree: &mut Tree,
        old: Option<&Article>,
        now: Option<&Article>,
    ) -> Result<()> {
        let mut slugs: Vec<&str> = Vec::new();
        for a in old.iter().chain(now.iter()) {
            for c in &a.category_path {
                if !slugs.contains(&c.slug.as_str()) {
                    slugs.push(&c.slug);
                }
            }
        }
        let summary = now.and_then(Article::summary);
        for slug in slugs {
            let within = |a: &&Article| a.category_path.iter().any(|c| c.slug == slug);
            let change = Edit {
                remove: old.filter(within).map(|a| a.slug.as_str()),
                insert: summary.as_ref().filter(|_| now.filter(within).is_some()),
            };
            let front = self.front(tree, slug)?;
            let pages = {
                let mut read = |k: u32| -> Result<CategoryPage> {
                    tree.must(&self.path(paths::archive_doc(slug, k))?)
                };
                archive::edit(&front, self.site.page_size, &mut read, &change)?
            };
            for (k, page) in pages {
                let path = match k {
                    0 => self.path(paths::category_doc(slug))?,
                    k => self.path(paths::archive_doc(slug, k))?,
                };
                let changed = match page {
                    Some(page) => tree.put(path.clone(), &page)?,
                    None => tree.remove(path.clone())?,
                };
                // The prerender writes the front page of every category of an article anyway.
                if changed && k > 0 {
                    tree.done.changed.push(path);
                }
            }
        }
        Ok(())
    }

    /// A category's articles from the newest down to `slug` and [`RELATED_REACH`] and one beyond
    /// it (a neighbour's reach), and where `slug` is among them.
    fn down_to(
        &self,
        tree: &Tree,
        category: &str,
        slug: &str,
    ) -> Result<(Vec<ArticleSummary>, usize)> {
        let front = self.front(tree, category)?;
        let mut older = front.page.older;
        let mut list = front.page.items;
        loop {
            let at = list.iter().position(|s| s.slug == slug);
            match (at, older) {
                (Some(at), _) if list.len() > at + RELATED_REACH + 1 => return Ok((list, at)),
                (Some(at), None) => return Ok((list, at)),
                (None, None) => bail!("{slug} is not among {category}'s articles"),
                (_, Some(k)) => {
                    let page: CategoryPage =
                        tree.must(&self.path(paths::archive_doc(category, k))?)?;
                    older = page.page.older;
                    list.extend(page.page.items);
                }
            }
        }
    }

    /// `a`'s related articles, by `generate`'s rule: among its neighbours in its own category,
    /// then in its top category.
    fn related(
        &self,
        tree: &Tree,
        a: &Article,
        pending: &HashMap<&str, &Article>,
    ) -> Result<Vec<ArticleSummary>> {
        let leaf = a.category_path.last().map_or("", |c| c.slug.as_str());
        let top = a.category_path.first().map_or("", |c| c.slug.as_str());
        let mut related: Vec<ArticleSummary> = Vec::new();
        for category in [leaf, top] {
            if related.len() >= RELATED {
                break;
            }
            let (list, at) = self.down_to(tree, category, &a.slug)?;
            let lo = at.saturating_sub(RELATED_REACH);
            let hi = (at + RELATED_REACH + 1).min(list.len());
            let mut window: Vec<Article> = Vec::new();
            for s in list.get(lo..hi).unwrap_or_default() {
                window.push(match pending.get(s.slug.as_str()) {
                    _ if s.slug == a.slug => a.clone(),
                    Some(now) => (*now).clone(),
                    None => tree.must(&self.path(paths::article_doc(&s.slug))?)?,
                });
            }
            let refs: Vec<&Article> = window.iter().collect();
            for k in related_in(at - lo, &refs) {
                let Some(s) = window.get(k).and_then(Article::summary) else {
                    continue;
                };
                if related.len() < RELATED && !related.iter().any(|r| r.slug == s.slug) {
                    related.push(s);
                }
            }
            if top == leaf {
                break;
            }
        }
        Ok(related)
    }

    /// The register's documents the article cited or cites: their lists of citing articles.
    fn register(
        &self,
        tree: &mut Tree,
        slug: &str,
        old: Option<&Article>,
        now: Option<&Article>,
    ) -> Result<()> {
        let cited = |a: Option<&Article>| {
            a.and_then(|a| a.document.as_ref())
                .and_then(|d| d.slug.clone())
        };
        let (before, after) = (cited(old), cited(now));
        for document in before.iter().chain(after.iter()) {
            let path = document_doc(document).context("not a slug")?;
            let mut doc: Document = tree.must(&path)?;
            doc.cited_by.retain(|s| s.slug != slug);
            if after.as_ref() == Some(document)
                && let Some(s) = now.and_then(Article::summary)
            {
                let at = doc
                    .cited_by
                    .partition_point(|c| order(c, &s) == std::cmp::Ordering::Less);
                doc.cited_by.insert(at, s);
            }
            tree.put(path, &doc)?;
        }
        Ok(())
    }

    /// Home's lists and the widgets, from the categories' front pages (a top category's front
    /// page holds its newest ten at least, and every article is in a top category).
    fn home_and_widgets(&self, tree: &mut Tree, named: &[(String, Option<Article>)]) -> Result<()> {
        let mut fronts: HashMap<String, Vec<ArticleSummary>> = HashMap::new();
        for slug in &self.cat.order {
            fronts.insert(slug.clone(), self.front(tree, slug)?.page.items);
        }
        let home_path = self.path(Some(paths::home_doc()))?;
        let mut home: Home = tree.must(&home_path)?;
        let mut latest: Vec<ArticleSummary> = Vec::new();
        for slug in self
            .cat
            .order
            .iter()
            .filter(|s| self.cat.nodes[*s].parent.is_none())
        {
            for s in fronts.get(slug).into_iter().flatten() {
                if !latest.iter().any(|l| l.slug == s.slug) {
                    latest.push(s.clone());
                }
            }
        }
        latest.sort_by(order);
        latest.truncate(HOME_LATEST);
        home.latest = latest;

        // Featured: the widget's deeper list, less the articles named, and those now featured.
        let widget_path = self.path(widget::widget_doc(widget::WidgetKind::Featured, None))?;
        let shown: Option<widget::WidgetDoc> = tree.read(&widget_path)?;
        let mut featured: Vec<ArticleSummary> = home.featured.clone();
        for item in shown.map(|w| w.items).unwrap_or_default() {
            let slug = item.path.rsplit('/').next().unwrap_or_default().to_owned();
            if !featured.iter().any(|f| f.slug == slug)
                && let Some(a) = tree.read::<Article>(&self.path(paths::article_doc(&slug))?)?
                && let Some(s) = a.summary()
            {
                featured.push(s);
            }
        }
        featured.retain(|f| !named.iter().any(|(slug, _)| *slug == f.slug));
        for (_, a) in named {
            if let Some(s) = a.as_ref().filter(|a| a.featured).and_then(Article::summary) {
                featured.push(s);
            }
        }
        featured.sort_by(order);
        let items = featured.iter().map(|s| widget_item(self.lang, s)).collect();
        featured.truncate(HOME_FEATURED);
        home.featured = featured;
        home.blocks = home_blocks(&self.cat, &mut |slug| {
            Ok(fronts.get(slug).cloned().unwrap_or_default())
        })?;
        tree.put(home_path, &home)?;
        let lang = self.lang;
        let mut newest = |slug: &str| {
            Ok(fronts
                .get(slug)
                .into_iter()
                .flatten()
                .map(|s| widget_item(lang, s))
                .collect())
        };
        let mut under = Under {
            prefix: self.prefix,
            sink: tree,
        };
        widgets(lang, &self.cat, items, &mut newest, &mut under)
    }

    /// The search index's delta; the delta's shards a smaller delta no longer has, and the
    /// records of delta articles withdrawn (the full build's stay: its numbers are its files).
    fn search(&self, tree: &mut Tree, named: &[(String, Option<Article>)]) -> Result<()> {
        use portal_core::search::index::{Manifest, delta_shard_doc, manifest_doc, record_doc};
        let out = tree.out.to_owned();
        let prefix = self.prefix;
        let read = move |path: &str| std::fs::read(out.join(format!("{prefix}{path}"))).ok();
        let manifest =
            |tree: &Tree| -> Result<Manifest> { tree.must(&format!("{prefix}{}", manifest_doc())) };
        let before = manifest(tree)?;
        let mut under = Under { prefix, sink: tree };
        search::delta::write_named(&self.cat, named, &read, &mut under)?;
        let after = manifest(tree)?;
        let delta_of = |m: &Manifest| {
            m.delta
                .as_ref()
                .map_or((0, Vec::new()), |d| (d.shards, d.withdrawn.clone()))
        };
        let ((shards_before, withdrawn_before), (shards_after, withdrawn_after)) =
            (delta_of(&before), delta_of(&after));
        for k in shards_after..shards_before {
            tree.remove(format!("{prefix}{}", delta_shard_doc(k)))?;
        }
        for n in withdrawn_after {
            if n >= after.docs && !withdrawn_before.contains(&n) {
                tree.remove(format!("{prefix}{}", record_doc(n)))?;
            }
        }
        Ok(())
    }
}
