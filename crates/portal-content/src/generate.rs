//! Turns a site and its articles into the static JSON API tree (contract v1).
//!
//! One generator serves both the bundled sample (`build`) and synthetic archives (`synth`), so the
//! scale tests exercise exactly the documents the sample ships.

use crate::source::{CategorySource, MenuLink, SiteSource};
use anyhow::{Result, bail};
use portal_core::legal::register::REGISTER;
use portal_core::pagination::Archive;
use portal_core::slug::is_valid_slug;
use portal_core::{
    API_VERSION, Alternate, Article, ArticleSummary, Category, CategoryPage, CategoryRef, Home,
    HomeBlock, Image, MenuItem, Site, paths,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How many articles the home page shows in each of its lists.
pub const HOME_FEATURED: usize = 5;
pub const HOME_LATEST: usize = 8;
pub const HOME_BLOCK: usize = 4;
pub const RELATED: usize = 4;
/// Related articles are looked for among this many neighbours in time on each side, keeping
/// generation linear.
pub const RELATED_REACH: usize = 15;

#[derive(Debug, Clone)]
pub struct CategoryNode {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub main: bool,
    pub parent: Option<String>,
    pub children: Vec<String>,
    /// Top-level first, excluding the category itself.
    pub ancestors: Vec<String>,
}

/// The category tree, flattened and validated.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Pre-order: parents before children, in site.toml order.
    pub order: Vec<String>,
    pub nodes: HashMap<String, CategoryNode>,
    pub menu: Vec<MenuItem>,
}

impl Catalogue {
    pub fn new(roots: &[CategorySource]) -> Result<Self> {
        let mut cat = Catalogue {
            order: Vec::new(),
            nodes: HashMap::new(),
            menu: Vec::new(),
        };
        for root in roots {
            let item = cat.add(root, None, &[])?;
            cat.menu.push(item);
        }
        if cat.order.is_empty() {
            bail!("site.toml defines no categories");
        }
        Ok(cat)
    }

    fn add(
        &mut self,
        c: &CategorySource,
        parent: Option<&str>,
        ancestors: &[String],
    ) -> Result<MenuItem> {
        if !is_valid_slug(&c.slug) {
            bail!("category slug {:?} is not a valid slug", c.slug);
        }
        // A word the route table claims, or a language's prefix, is another page's address.
        if portal_core::route::table::claims(&c.slug)
            || portal_core::Lang::ALL
                .iter()
                .any(|l| l.prefix().trim_start_matches('/') == c.slug)
        {
            bail!("category slug {:?} is the address of another page", c.slug);
        }
        if self.nodes.contains_key(&c.slug) {
            bail!("category slug {:?} is used twice", c.slug);
        }
        self.order.push(c.slug.clone());
        self.nodes.insert(
            c.slug.clone(),
            CategoryNode {
                slug: c.slug.clone(),
                name: c.name.clone(),
                description: c.description.clone(),
                main: c.main,
                parent: parent.map(str::to_owned),
                children: c.children.iter().map(|k| k.slug.clone()).collect(),
                ancestors: ancestors.to_vec(),
            },
        );
        let mut below = ancestors.to_vec();
        below.push(c.slug.clone());
        let children = c
            .children
            .iter()
            .map(|k| self.add(k, Some(&c.slug), &below))
            .collect::<Result<_>>()?;
        Ok(MenuItem {
            slug: c.slug.clone(),
            name: c.name.clone(),
            children,
            ..MenuItem::default()
        })
    }

    pub fn reference(&self, slug: &str) -> Option<CategoryRef> {
        self.nodes.get(slug).map(|n| CategoryRef {
            slug: n.slug.clone(),
            name: n.name.clone(),
        })
    }

    /// Top-level down to `slug` itself.
    pub fn path_of(&self, slug: &str) -> Option<Vec<CategoryRef>> {
        let node = self.nodes.get(slug)?;
        node.ancestors
            .iter()
            .chain(std::iter::once(&node.slug))
            .map(|s| self.reference(s))
            .collect()
    }

    pub fn leaves(&self) -> Vec<&str> {
        self.order
            .iter()
            .filter(|s| self.nodes[*s].children.is_empty())
            .map(String::as_str)
            .collect()
    }
}

/// Where generated documents go.
pub trait Sink {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()>;
}

/// Collects documents in memory (for `check` and tests).
#[derive(Default)]
pub struct MemorySink(pub BTreeMap<String, Vec<u8>>);

impl Sink for MemorySink {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        if self.0.insert(path.clone(), bytes).is_some() {
            bail!("{path} generated twice");
        }
        Ok(())
    }
}

/// Writes documents under a directory, counting files and bytes.
pub struct DirSink {
    pub root: PathBuf,
    pub files: u64,
    pub bytes: u64,
    made: HashSet<PathBuf>,
}

impl DirSink {
    pub fn new(root: &Path) -> Self {
        DirSink {
            root: root.to_path_buf(),
            files: 0,
            bytes: 0,
            made: HashSet::new(),
        }
    }
}

impl Sink for DirSink {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        let full = self.root.join(&path);
        if let Some(dir) = full.parent()
            && self.made.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir)?;
        }
        self.files += 1;
        self.bytes += bytes.len() as u64;
        std::fs::write(full, bytes)?;
        Ok(())
    }
}

pub fn emit<T: Serialize>(sink: &mut dyn Sink, path: String, doc: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec(doc)?;
    bytes.push(b'\n');
    sink.put(path, bytes)
}

fn summary(a: &Article) -> ArticleSummary {
    // Every generated article has a category path, checked in `generate`.
    a.summary()
        .unwrap_or_else(|| unreachable!("article {} has no category", a.slug))
}

/// Picks related articles: neighbours in time within the same category (`list`, indices into
/// `articles`, newest first), preferring shared tags.
fn related_for(i: usize, articles: &[Article], list: &[usize]) -> Vec<usize> {
    let Ok(pos) = list.binary_search(&i) else {
        return Vec::new();
    };
    let lo = pos.saturating_sub(RELATED_REACH);
    let hi = (pos + RELATED_REACH + 1).min(list.len());
    let window: Vec<&Article> = list[lo..hi].iter().map(|&j| &articles[j]).collect();
    related_in(pos - lo, &window)
        .into_iter()
        .filter_map(|k| list.get(lo + k).copied())
        .collect()
}

/// Related articles of `window[pos]` among its neighbours in `window` (a category's articles,
/// newest first, at most [`RELATED_REACH`] on each side): those sharing the most tags, then the
/// nearest in the category. Positions in `window`.
pub fn related_in(pos: usize, window: &[&Article]) -> Vec<usize> {
    let Some(me) = window.get(pos) else {
        return Vec::new();
    };
    let mut candidates: Vec<(usize, usize, usize)> = window
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != pos)
        .map(|(k, a)| {
            let shared = a.tags.iter().filter(|t| me.tags.contains(t)).count();
            (k, shared, k.abs_diff(pos))
        })
        .collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    candidates.into_iter().take(RELATED).map(|c| c.0).collect()
}

/// What a language's API has beside its articles.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The legal documents register (one, of the Vietnamese documents): its entry in the menu.
    pub register: bool,
    /// The portal's own pages' entry in the menu (`pages::menu_item`).
    pub about: Option<MenuItem>,
    /// The home page in the other languages.
    pub home_alternates: Vec<Alternate>,
}

/// Where an extra menu entry goes: after the top-level item `after`, or at the end.
fn position(menu: &[MenuItem], after: Option<&str>) -> usize {
    after
        .and_then(|a| menu.iter().position(|m| m.slug == a))
        .map_or(menu.len(), |i| i + 1)
}

/// A link of site.toml's menu as its item: named by its path's first word, leading to the route
/// in the site's language. The route must be a page of its own that the language has.
pub fn link_item(link: &MenuLink, lang: portal_core::Lang) -> Result<MenuItem> {
    use portal_core::route::{Kind, Route};
    let kind = Route::parse(&link.path, "").kind();
    let first = link.path.trim_start_matches('/').split('/').next();
    let Some(slug) = first.filter(|s| link.path.starts_with('/') && is_valid_slug(s)) else {
        bail!("menu link {:?}: {:?} is not a route", link.name, link.path);
    };
    if matches!(
        kind,
        Kind::NotFound | Kind::Home | Kind::Category | Kind::Article
    ) || (lang != portal_core::Lang::Vi && !kind.spec().english)
    {
        bail!(
            "menu link {:?}: {:?} is not a page of its own of the {} site",
            link.name,
            link.path,
            lang.code()
        );
    }
    Ok(MenuItem {
        slug: slug.to_owned(),
        name: link.name.clone(),
        path: Some(lang.route(&link.path)),
        children: Vec::new(),
    })
}

/// The category tree as the menu, with the register's entry when there are documents, the
/// portal's own pages' (gathering the categories site.toml names under it) and site.toml's links.
fn menu(site: &SiteSource, cat: &Catalogue, extras: &Extras) -> Result<Vec<MenuItem>> {
    let mut menu = cat.menu.clone();
    if let (Some(mut about), Some(place)) = (extras.about.clone(), &site.about) {
        for slug in &place.categories {
            if let Some(i) = menu.iter().position(|m| m.slug == *slug) {
                about.children.push(menu.remove(i));
            }
        }
        let at = position(&menu, place.after.as_deref());
        menu.insert(at, about);
    }
    if let (true, Some(r)) = (extras.register, &site.register) {
        let at = position(&menu, r.after.as_deref());
        menu.insert(
            at,
            MenuItem {
                slug: REGISTER.to_owned(),
                name: r.name.clone(),
                ..MenuItem::default()
            },
        );
    }
    for link in &site.links {
        let item = link_item(link, site.lang)?;
        let at = position(&menu, link.after.as_deref());
        menu.insert(at, item);
    }
    Ok(menu)
}

/// Generates every document of the API into `sink`. Articles may come in any order; they are
/// returned in the API's order, newest first (the search index numbers them so).
pub fn generate(
    site: &SiteSource,
    cat: &Catalogue,
    articles: Vec<Article>,
    extras: &Extras,
    sink: &mut dyn Sink,
) -> Result<Vec<Article>> {
    generate_with(site, cat, articles, extras, &|_| {}, sink)
}

/// [`generate`], with `fill` completing each article just before its document is written: a large
/// archive is held without its bodies (`synth`), each body made when its article is written.
pub fn generate_with(
    site: &SiteSource,
    cat: &Catalogue,
    mut articles: Vec<Article>,
    extras: &Extras,
    fill: &dyn Fn(&mut Article),
    sink: &mut dyn Sink,
) -> Result<Vec<Article>> {
    articles.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });

    let mut slugs = HashSet::new();
    let mut ids = HashSet::new();
    for a in &articles {
        if !slugs.insert(a.slug.as_str()) {
            bail!("article slug {:?} is used twice", a.slug);
        }
        if !ids.insert(a.id) {
            bail!("article id {} is used twice (slug {:?})", a.id, a.slug);
        }
        if a.category_path.is_empty() {
            bail!("article {:?} has no category", a.slug);
        }
    }

    // Indices (in the sorted order, so ascending = newest first) of the articles under each category.
    let mut under: HashMap<&str, Vec<usize>> =
        cat.order.iter().map(|s| (s.as_str(), Vec::new())).collect();
    for (i, a) in articles.iter().enumerate() {
        for c in &a.category_path {
            match under.get_mut(c.slug.as_str()) {
                Some(list) => list.push(i),
                None => bail!("article {:?} names unknown category {:?}", a.slug, c.slug),
            }
        }
    }

    let summaries: Vec<ArticleSummary> = articles.iter().map(summary).collect();

    for (i, a) in articles.iter().enumerate() {
        let leaf = a.category_path.last().map_or("", |c| c.slug.as_str());
        let top = a.category_path.first().map_or("", |c| c.slug.as_str());
        let mut rel = related_for(i, &articles, under.get(leaf).map_or(&[][..], Vec::as_slice));
        if rel.len() < RELATED && top != leaf {
            for j in related_for(i, &articles, under.get(top).map_or(&[][..], Vec::as_slice)) {
                if rel.len() < RELATED && !rel.contains(&j) {
                    rel.push(j);
                }
            }
        }
        let mut doc = a.clone();
        fill(&mut doc);
        doc.version = API_VERSION;
        doc.lang = site.lang;
        doc.related = rel.into_iter().map(|j| summaries[j].clone()).collect();
        emit(sink, paths::article_doc(&a.slug).unwrap_or_default(), &doc)?;
    }

    for slug in &cat.order {
        let node = &cat.nodes[slug];
        let category = Category {
            slug: node.slug.clone(),
            name: node.name.clone(),
            description: node.description.clone(),
            parent: node.parent.as_deref().and_then(|p| cat.reference(p)),
            children: node
                .children
                .iter()
                .filter_map(|c| cat.reference(c))
                .collect(),
            breadcrumb: node
                .ancestors
                .iter()
                .filter_map(|c| cat.reference(c))
                .collect(),
            alternates: Vec::new(),
        };
        // Newest first; the archive's pages count from the oldest.
        let list = &under[slug.as_str()];
        let archive = Archive::new(list.len(), site.page_size);
        let page = |number: Option<u32>| {
            let range = archive.range(number);
            let newest_first = list.len() - range.end..list.len() - range.start;
            let items = list
                .get(newest_first)
                .unwrap_or_default()
                .iter()
                .map(|&j| summaries[j].clone())
                .collect();
            CategoryPage {
                version: API_VERSION,
                lang: site.lang,
                category: category.clone(),
                page: archive.page(number, items),
            }
        };
        emit(
            sink,
            paths::category_doc(slug).unwrap_or_default(),
            &page(None),
        )?;
        for k in 1..=archive.pages() {
            let path = paths::archive_doc(slug, k).unwrap_or_default();
            emit(sink, path, &page(Some(k)))?;
        }
    }

    let home = Home {
        version: API_VERSION,
        lang: site.lang,
        alternates: extras.home_alternates.clone(),
        featured: articles
            .iter()
            .zip(&summaries)
            .filter(|(a, _)| a.featured)
            .take(HOME_FEATURED)
            .map(|(_, s)| s.clone())
            .collect(),
        latest: summaries.iter().take(HOME_LATEST).cloned().collect(),
        blocks: home_blocks(cat, &mut |s| {
            Ok(under[s]
                .iter()
                .take(HOME_BLOCK)
                .map(|&j| summaries[j].clone())
                .collect())
        })?,
    };
    emit(sink, paths::home_doc(), &home)?;
    let lang = site.lang;
    let max = portal_core::widget::MAX_COUNT as usize;
    let featured = articles
        .iter()
        .zip(&summaries)
        .filter(|(a, _)| a.featured)
        .take(max)
        .map(|(_, s)| widget_item(lang, s))
        .collect();
    let mut newest = |slug: &str| {
        Ok(under[slug]
            .iter()
            .take(max)
            .map(|&i| widget_item(lang, &summaries[i]))
            .collect())
    };
    widgets(lang, cat, featured, &mut newest, sink)?;

    let doc = Site {
        version: API_VERSION,
        lang: site.lang,
        name: site.name.clone(),
        short_name: site.short_name.clone(),
        tagline: site.tagline.clone(),
        logo: Image {
            src: crate::render::site_relative(&site.logo.src),
            alt: site.logo.alt.clone(),
            width: Some(site.logo.width),
            height: Some(site.logo.height),
            caption: None,
        },
        menu: menu(site, cat, extras)?,
        footer: site.footer.clone(),
        search: None,
        alternates: extras.home_alternates.clone(),
    };
    emit(sink, paths::site_doc(), &doc)?;
    Ok(articles)
}

/// The home page's block of each main category: its newest (`newest(slug)`, at most
/// [`HOME_BLOCK`]).
pub fn home_blocks(
    cat: &Catalogue,
    newest: &mut dyn FnMut(&str) -> Result<Vec<ArticleSummary>>,
) -> Result<Vec<HomeBlock>> {
    let mut blocks = Vec::new();
    for slug in cat.order.iter().filter(|s| cat.nodes[*s].main) {
        if let Some(category) = cat.reference(slug) {
            let mut articles = newest(slug)?;
            articles.truncate(HOME_BLOCK);
            blocks.push(HomeBlock { category, articles });
        }
    }
    Ok(blocks)
}

/// An article's headline in a widget, dated in `lang`.
pub fn widget_item(lang: portal_core::Lang, a: &ArticleSummary) -> portal_core::widget::WidgetItem {
    portal_core::widget::WidgetItem {
        title: a.title.clone(),
        path: lang.route(&paths::article_route(&a.category.slug, &a.slug)),
        published: a.published,
        date: a.published.date_in(lang),
    }
}

/// The widgets' documents (`portal_core::widget::WidgetDoc`): `featured`, and each category's
/// newest (`newest(slug)`), each at most `MAX_COUNT` headlines.
pub fn widgets(
    lang: portal_core::Lang,
    cat: &Catalogue,
    mut featured: Vec<portal_core::widget::WidgetItem>,
    newest: &mut dyn FnMut(&str) -> Result<Vec<portal_core::widget::WidgetItem>>,
    sink: &mut dyn Sink,
) -> Result<()> {
    use portal_core::Lang;
    use portal_core::widget::{MAX_COUNT, WidgetDoc, WidgetKind, widget_doc};
    let (featured_title, latest) = match lang {
        Lang::Vi => ("Tin nổi bật", "Tin mới nhất"),
        Lang::En => ("Featured", "Latest news"),
    };
    let max = MAX_COUNT as usize;
    let doc =
        |title: String, link: String, items: Vec<portal_core::widget::WidgetItem>| WidgetDoc {
            version: API_VERSION,
            lang,
            title,
            link,
            items,
        };
    let mut write = |kind, category: Option<&str>, d: WidgetDoc| -> Result<()> {
        let path = widget_doc(kind, category).unwrap_or_default();
        emit(sink, path, &d)
    };
    featured.truncate(max);
    let home = lang.route("/");
    write(
        WidgetKind::Featured,
        None,
        doc(featured_title.to_owned(), home, featured),
    )?;
    for slug in &cat.order {
        let node = &cat.nodes[slug];
        let mut items = newest(slug)?;
        items.truncate(max);
        write(
            WidgetKind::Latest,
            Some(slug),
            doc(
                format!("{latest}: {}", node.name),
                lang.route(&paths::category_route(slug)),
                items,
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::Lang;

    fn link(path: &str) -> MenuLink {
        MenuLink {
            name: "Hỏi đáp".into(),
            path: path.into(),
            after: None,
        }
    }

    #[test]
    fn menu_links_lead_to_pages_of_their_own() {
        let item = link_item(&link("/hoi-dap"), Lang::Vi).unwrap();
        assert_eq!(
            (item.slug.as_str(), item.path.as_deref()),
            ("hoi-dap", Some("/hoi-dap"))
        );
        assert_eq!(
            link_item(&link("/lay-y-kien"), Lang::Vi).unwrap().slug,
            "lay-y-kien"
        );
        // A category's or an article's address, nothing, or a page the English site lacks.
        for (path, lang) in [
            ("/thoi-su", Lang::Vi),
            ("/thoi-su/a", Lang::Vi),
            ("/", Lang::Vi),
            ("hoi-dap", Lang::Vi),
            ("/hoi-dap", Lang::En),
        ] {
            assert!(link_item(&link(path), lang).is_err(), "{path} {lang:?}");
        }
    }
}
