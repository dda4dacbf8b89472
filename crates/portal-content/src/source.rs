//! Readable sources: `site.toml` and Markdown articles with TOML front matter.

use anyhow::{Context, Result, anyhow, bail};
use portal_core::{DateTime, Footer, Lang};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSource {
    /// The site's language (`vi` when absent); English lives in `content/en/`.
    #[serde(default)]
    pub lang: Lang,
    pub name: String,
    pub short_name: Option<String>,
    pub tagline: Option<String>,
    pub page_size: u32,
    pub logo: LogoSource,
    pub footer: Footer,
    /// The register's entry in the main menu.
    pub register: Option<RegisterMenu>,
    /// The portal's own pages' entry in the main menu (`content/pages.toml`).
    pub about: Option<AboutMenu>,
    /// Entries of the main menu that lead to a page of their own, not a category
    /// (`/lay-y-kien`, `/hoi-dap`).
    #[serde(default)]
    pub links: Vec<MenuLink>,
    pub categories: Vec<CategorySource>,
}

/// Where the menu reaches the portal's own pages, and which categories it gathers under them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AboutMenu {
    /// The top-level category it follows in the menu (the end when absent or unknown).
    pub after: Option<String>,
    /// Top-level categories shown under it in the menu rather than on their own.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// An entry of the main menu that leads to a page of its own (a route of the route table other
/// than a category's or an article's).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuLink {
    pub name: String,
    /// The route in the site's language, without its prefix (`/hoi-dap`).
    pub path: String,
    /// The top-level entry it follows in the menu, by slug (a category's, `van-ban`, the first
    /// word of another link's path); the end when absent or unknown.
    pub after: Option<String>,
}

/// Where the menu reaches the legal documents register (`/van-ban`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterMenu {
    pub name: String,
    /// The top-level category it follows in the menu (the end when absent or unknown).
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoSource {
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySource {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Main categories get a block on the home page.
    #[serde(default)]
    pub main: bool,
    #[serde(default)]
    pub children: Vec<CategorySource>,
}

/// Front matter as editors write it (see content/README.md). Unknown keys are an error here, unlike
/// in the API, so a typo in a source never silently drops data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub slug: Option<String>,
    pub id: Option<u64>,
    pub category: String,
    pub published: String,
    pub updated: Option<String>,
    pub author: String,
    pub lead: String,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    pub thumbnail: Option<String>,
    pub thumbnail_alt: Option<String>,
    /// The slug of the same article in the other language (an English article names its
    /// Vietnamese original): each page then offers the other.
    pub counterpart: Option<String>,
    /// The slug of the legal document the article announces (`content/documents.toml`).
    pub document: Option<String>,
    #[serde(default)]
    pub attachments: Vec<AttachmentSource>,
}

/// `content/documents.toml`: the register's documents (see content/README.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsFile {
    #[serde(default)]
    pub documents: Vec<DocumentSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSource {
    pub slug: String,
    pub number: String,
    pub kind: String,
    pub field: String,
    pub issuer: String,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub issued: String,
    pub effective: Option<String>,
    pub expires: Option<String>,
    pub status: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub amends: Vec<String>,
    #[serde(default)]
    pub guides: Vec<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub files: Vec<AttachmentSource>,
    /// Why a document has no file (a code of `portal_core::legal::NoFile`); without it, a
    /// document without files is an error.
    pub no_file: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSource {
    pub name: String,
    pub file: String,
}

/// An article source after parsing, before rendering.
#[derive(Debug, Clone)]
pub struct ArticleSource {
    pub path: PathBuf,
    pub front: FrontMatter,
    pub published: DateTime,
    pub updated: Option<DateTime>,
    pub markdown: String,
}

pub fn load_site(path: &Path) -> Result<SiteSource> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Splits `+++ front matter +++ body`.
pub fn split_front_matter(text: &str) -> Result<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(|| anyhow!("must start with a +++ line"))?;
    let end = rest
        .find("\n+++")
        .ok_or_else(|| anyhow!("front matter is not closed by a +++ line"))?;
    let front = &rest[..end + 1];
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Ok((front, body))
}

pub fn parse_article(path: &Path, text: &str) -> Result<ArticleSource> {
    let (front, body) = split_front_matter(text)?;
    let front: FrontMatter = toml::from_str(front).context("front matter")?;
    let published = DateTime::parse(&front.published).context("published")?;
    if published.offset_minutes != portal_core::datetime::VIETNAM_OFFSET_MINUTES {
        bail!("published must carry the +07:00 offset");
    }
    let updated = front
        .updated
        .as_deref()
        .map(DateTime::parse)
        .transpose()
        .context("updated")?;
    if let Some(u) = updated
        && u < published
    {
        bail!("updated is before published");
    }
    if front.thumbnail.is_some()
        && front
            .thumbnail_alt
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
    {
        bail!("thumbnail needs a thumbnail_alt");
    }
    Ok(ArticleSource {
        path: path.to_path_buf(),
        front,
        published,
        updated,
        markdown: body.to_owned(),
    })
}

/// `content/documents.toml`, or no documents when the file is absent.
pub fn load_documents(path: &Path) -> Result<DocumentsFile> {
    if !path.exists() {
        return Ok(DocumentsFile::default());
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Every `*.md` under `dir`, sorted by path so output never depends on directory order.
pub fn load_articles(dir: &Path) -> Result<Vec<ArticleSource>> {
    let mut files = Vec::new();
    collect_md(dir, &mut files)?;
    files.sort();
    files
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            parse_article(p, &text).with_context(|| format!("in {}", p.display()))
        })
        .collect()
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_md(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "+++\ntitle = \"Tiêu đề\"\ncategory = \"thoi-su\"\npublished = \"2024-01-02T08:00:00+07:00\"\nauthor = \"A\"\nlead = \"L\"\n+++\n\nThân bài.\n";

    #[test]
    fn parses_front_matter_and_body() {
        let a = parse_article(Path::new("x.md"), OK).unwrap();
        assert_eq!(a.front.title, "Tiêu đề");
        assert_eq!(a.markdown, "Thân bài.\n");
    }

    #[test]
    fn rejects_bad_sources() {
        let p = Path::new("x.md");
        assert!(parse_article(p, "no front matter").is_err());
        assert!(
            parse_article(p, &OK.replace("+07:00", "Z")).is_err(),
            "offset must be +07:00"
        );
        assert!(parse_article(p, &OK.replace("lead = \"L\"", "lead = \"L\"\ncolour = 1")).is_err());
        assert!(
            parse_article(
                p,
                &OK.replace("lead = \"L\"", "lead = \"L\"\nthumbnail = \"/media/a.svg\"")
            )
            .is_err()
        );
        assert!(
            parse_article(
                p,
                &OK.replace(
                    "lead = \"L\"",
                    "lead = \"L\"\nupdated = \"2023-01-01T00:00:00+07:00\""
                )
            )
            .is_err()
        );
    }
}
