//! The portal's own pages (`content/pages.toml`) in each language, with what follows each page's
//! text built from `content/organisation.toml`: the organisation as nested lists, the leaders, the
//! departments and districts, the contacts as a table. One data file holds each unit's name in
//! both languages and its contacts once.

use crate::generate::{Sink, emit};
use crate::render;
use anyhow::{Context, Result, bail};
use portal_core::html::{attr_value, link_to, tel};
use portal_core::paths::{ABOUT, about, page_doc, page_route};
use portal_core::slug::is_valid_slug;
use portal_core::{API_VERSION, Alternate, DateTime, InfoPage, Lang, MenuItem, PageLink};
use serde::Deserialize;
use std::path::Path;

/// A text in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Both {
    pub vi: String,
    pub en: String,
}

impl Both {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageText {
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub lead: String,
    /// Markdown.
    #[serde(default)]
    pub text: String,
}

/// What follows a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// The other pages of the section, with their leads.
    Section,
    Organisation,
    Leaders,
    Units,
    Contacts,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSource {
    pub show: Option<Show>,
    pub vi: PageText,
    pub en: PageText,
}

impl PageSource {
    fn get(&self, lang: Lang) -> &PageText {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesFile {
    /// The section's name in the menu.
    pub menu: Both,
    pub pages: Vec<PageSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub name: String,
    pub title: Both,
    /// A site-root image (`/media/lanh-dao/x.svg`).
    pub portrait: String,
}

/// What a unit is, for the departments-and-districts page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Body,
    Department,
    District,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: Both,
    pub kind: Kind,
    pub address: Option<Both>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    pub children: Vec<Unit>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// When the data was last checked (`+07:00`).
    pub updated: String,
    pub leaders: Vec<Leader>,
    pub units: Vec<Unit>,
}

/// The words the built parts of the pages use.
struct Words {
    departments: &'static str,
    districts: &'static str,
    caption: &'static str,
    unit: &'static str,
    address: &'static str,
    phone: &'static str,
    email: &'static str,
    website: &'static str,
    portrait: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            departments: "Sở, ban, ngành",
            districts: "Quận, huyện",
            caption: "Địa chỉ, điện thoại, thư điện tử và trang web của các cơ quan",
            unit: "Cơ quan, đơn vị",
            address: "Địa chỉ",
            phone: "Điện thoại",
            email: "Thư điện tử",
            website: "Trang web",
            portrait: "Ảnh chân dung",
        },
        Lang::En => Words {
            departments: "Departments and agencies",
            districts: "Districts",
            caption: "Address, phone, email and website of each body",
            unit: "Body",
            address: "Address",
            phone: "Phone",
            email: "Email",
            website: "Website",
            portrait: "Portrait of",
        },
    }
}

pub fn load(content: &Path) -> Result<Option<(PagesFile, Organisation)>> {
    let pages = content.join("pages.toml");
    if !pages.exists() {
        return Ok(None);
    }
    let read =
        |p: &Path| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
    let org = content.join("organisation.toml");
    let pages: PagesFile =
        toml::from_str(&read(&pages)?).with_context(|| format!("parsing {}", pages.display()))?;
    let org: Organisation =
        toml::from_str(&read(&org)?).with_context(|| format!("parsing {}", org.display()))?;
    Ok(Some((pages, org)))
}

/// The route of a page (`/gioi-thieu/lanh-dao`, `/en/about/leaders`) relative to the site's base.
fn route(lang: Lang, slug: &str) -> String {
    let section = about(lang);
    lang.route(&page_route(section, slug))
}

/// The section as the menu of `lang` shows it: the first page, its sub-pages as children.
pub fn menu_item(file: &PagesFile, lang: Lang) -> MenuItem {
    let item = |p: &PageSource| MenuItem {
        slug: p.get(lang).slug.clone(),
        name: p.get(lang).title.clone(),
        path: Some(route(lang, &p.get(lang).slug)),
        children: Vec::new(),
    };
    let mut first = file.pages.first().map(item).unwrap_or_default();
    first.name = file.menu.get(lang).to_owned();
    first.children = file.pages.iter().skip(1).map(item).collect();
    first
}

fn check(file: &PagesFile) -> Result<()> {
    for lang in Lang::ALL {
        let first = file.pages.first().context("pages.toml has no pages")?;
        let section = about(lang);
        if first.get(lang).slug != section {
            bail!("the first page's {} slug must be {section:?}", lang.code());
        }
        let mut seen = Vec::new();
        for p in &file.pages {
            let slug = &p.get(lang).slug;
            if !is_valid_slug(slug) || seen.contains(&slug) {
                bail!("page slug {slug:?} is not valid or used twice");
            }
            if slug != section && ABOUT.contains(&slug.as_str()) {
                bail!("page slug {slug:?} is a section's");
            }
            seen.push(slug);
        }
    }
    Ok(())
}

/// Writes every page in both languages (`pages/…`, `en/pages/…`); `public` is for image sizes.
pub fn write(
    file: &PagesFile,
    org: &Organisation,
    public: &Path,
    sink: &mut dyn Sink,
) -> Result<()> {
    check(file)?;
    let updated = DateTime::parse(&org.updated).context("organisation.toml: updated")?;
    for lang in Lang::ALL {
        let section: Vec<PageLink> = file
            .pages
            .iter()
            .map(|p| PageLink {
                path: route(lang, &p.get(lang).slug),
                title: p.get(lang).title.clone(),
            })
            .collect();
        for p in &file.pages {
            let text = p.get(lang);
            let size_of = |url: &str| crate::image_size(public, url);
            let mut body = render::render(&text.text, &size_of).html;
            match p.show {
                Some(Show::Section) => body.push_str(&section_list(file, lang)),
                Some(Show::Organisation) => body.push_str(&tree(&org.units, lang)),
                Some(Show::Leaders) => body.push_str(&leaders(&org.leaders, lang, public)?),
                Some(Show::Units) => body.push_str(&units(&org.units, lang)),
                Some(Show::Contacts) => body.push_str(&contacts(&org.units, lang)),
                None => {}
            }
            let other = lang.other();
            let page = InfoPage {
                version: API_VERSION,
                lang,
                slug: text.slug.clone(),
                title: text.title.clone(),
                lead: text.lead.clone(),
                body_html: body,
                updated: Some(updated),
                section: section.clone(),
                alternates: vec![Alternate {
                    lang: other,
                    path: route(other, &p.get(other).slug),
                }],
            };
            let doc = page_doc(&text.slug).context("page slug")?;
            emit(sink, lang.doc(&doc), &page)?;
        }
    }
    Ok(())
}

fn section_list(file: &PagesFile, lang: Lang) -> String {
    let mut out = String::from("<ul>");
    for p in file.pages.iter().skip(1) {
        let t = p.get(lang);
        out.push_str("<li>");
        // Relative to the base: the app and the prerender resolve it under the deployment.
        link_to(
            &mut out,
            route(lang, &t.slug).trim_start_matches('/'),
            &t.title,
        );
        if !t.lead.is_empty() {
            out.push_str(&format!("<br>{}", attr_value(&t.lead)));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// The organisation as nested lists, each level one list deeper.
fn tree(units: &[Unit], lang: Lang) -> String {
    let mut out = String::from("<ul>");
    for u in units {
        out.push_str("<li>");
        match &u.website {
            Some(w) => link_to(&mut out, w, u.name.get(lang)),
            None => out.push_str(&attr_value(u.name.get(lang))),
        }
        if !u.children.is_empty() {
            out.push_str(&tree(&u.children, lang));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn leaders(list: &[Leader], lang: Lang, public: &Path) -> Result<String> {
    let w = words(lang);
    let mut out = String::from("<ul>");
    for l in list {
        crate::public_file(public, &l.portrait)
            .with_context(|| format!("portrait of {}", l.name))?;
        let (width, height) = crate::image_size(public, &l.portrait).unwrap_or((240, 300));
        out.push_str(&format!(
            "<li><img src=\"{}\" alt=\"{} {}\" width=\"{width}\" height=\"{height}\"><h2>{}</h2><p>{}</p></li>",
            attr_value(&render::site_relative(&l.portrait)),
            attr_value(w.portrait),
            attr_value(&l.name),
            attr_value(&l.name),
            attr_value(l.title.get(lang)),
        ));
    }
    out.push_str("</ul>");
    Ok(out)
}

fn walk<'a>(units: &'a [Unit], out: &mut Vec<&'a Unit>) {
    for u in units {
        out.push(u);
        walk(&u.children, out);
    }
}

fn all(units: &[Unit]) -> Vec<&Unit> {
    let mut out = Vec::new();
    walk(units, &mut out);
    out
}

fn units(units: &[Unit], lang: Lang) -> String {
    let w = words(lang);
    let every = all(units);
    let mut out = String::new();
    for (kind, title) in [
        (Kind::Department, w.departments),
        (Kind::District, w.districts),
    ] {
        out.push_str(&format!("<h2>{}</h2><ul>", attr_value(title)));
        for u in every.iter().filter(|u| u.kind == kind) {
            out.push_str("<li>");
            match &u.website {
                Some(site) => link_to(&mut out, site, u.name.get(lang)),
                None => out.push_str(&attr_value(u.name.get(lang))),
            }
            if let Some(p) = &u.phone {
                out.push_str(&format!(" · {} ", attr_value(w.phone)));
                link_to(&mut out, &tel(p), p);
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out
}

/// Contacts as a table: one row per unit that has any. Each cell starts with its column's name
/// in a `<span>`, hidden beside the headers and shown when narrow screens stack the rows.
fn contacts(units: &[Unit], lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!(
        "<table><caption>{}</caption><thead><tr>",
        attr_value(w.caption)
    );
    for h in [w.unit, w.address, w.phone, w.email, w.website] {
        out.push_str(&format!("<th scope=\"col\">{}</th>", attr_value(h)));
    }
    out.push_str("</tr></thead><tbody>");
    let cell = |out: &mut String, label: &str, content: Option<String>| {
        out.push_str(&format!("<td><span>{}: </span>", attr_value(label)));
        out.push_str(&content.unwrap_or_else(|| "–".to_owned()));
        out.push_str("</td>");
    };
    for u in all(units) {
        if u.address.is_none() && u.phone.is_none() && u.email.is_none() && u.website.is_none() {
            continue;
        }
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            attr_value(u.name.get(lang))
        ));
        cell(
            &mut out,
            w.address,
            u.address.as_ref().map(|a| attr_value(a.get(lang))),
        );
        let a = |href: String, text: &str| {
            let mut s = String::new();
            link_to(&mut s, &href, text);
            s
        };
        cell(&mut out, w.phone, u.phone.as_ref().map(|p| a(tel(p), p)));
        cell(
            &mut out,
            w.email,
            u.email.as_ref().map(|m| a(format!("mailto:{m}"), m)),
        );
        cell(
            &mut out,
            w.website,
            u.website
                .as_ref()
                .map(|s| a(s.clone(), s.trim_start_matches("https://"))),
        );
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(vi: &str, kind: Kind, phone: Option<&str>, children: Vec<Unit>) -> Unit {
        Unit {
            name: Both {
                vi: vi.into(),
                en: format!("{vi} (en)"),
            },
            kind,
            address: None,
            phone: phone.map(Into::into),
            email: None,
            website: None,
            children,
        }
    }

    #[test]
    fn the_tree_nests_and_the_contacts_link_phones() {
        let list = vec![unit(
            "Ủy ban <nhân dân>",
            Kind::Body,
            None,
            vec![unit(
                "Sở Tài chính",
                Kind::Department,
                Some("024 0000 1234"),
                vec![],
            )],
        )];
        assert_eq!(
            tree(&list, Lang::Vi),
            "<ul><li>Ủy ban &lt;nhân dân&gt;<ul><li>Sở Tài chính</li></ul></li></ul>"
        );
        let table = contacts(&list, Lang::En);
        assert!(
            table.contains("<th scope=\"row\">Sở Tài chính (en)</th>"),
            "{table}"
        );
        assert!(
            table.contains("<a href=\"tel:02400001234\">024 0000 1234</a>"),
            "{table}"
        );
        // A unit with no contacts has no row.
        assert!(!table.contains("Ủy ban"), "{table}");
        assert!(units(&list, Lang::En).contains("<h2>Departments and agencies</h2>"));
    }
}
