//! The portal's content tool: builds the static JSON content API (contract v1) from Markdown
//! sources, checks that the committed tree is up to date, and writes synthetic archives for scale
//! tests. The documents are the `portal-core` types the app decodes with.

pub mod documents;
pub mod generate;
pub mod pages;
pub mod participation;
pub mod publish;
pub mod register;
pub mod render;
pub mod search;
pub mod search_read;
pub mod source;
pub mod specimen;
pub mod synth;

use anyhow::{Context, Result, bail};
use generate::{Catalogue, Extras, MemorySink, Sink};
use portal_core::slug::{is_valid_slug, slugify, truncate_slug};
use portal_core::{API_VERSION, Alternate, Article, Attachment, Document, Image, Lang, paths};
use source::{ArticleSource, AttachmentSource, SiteSource};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a project's content lives, relative to its root.
pub struct Layout {
    pub content: PathBuf,
    pub public: PathBuf,
    pub out: PathBuf,
}

impl Layout {
    pub fn new(root: &Path) -> Self {
        Layout {
            content: root.join("content"),
            public: root.join("public"),
            out: root
                .join("public")
                .join("api")
                .join(format!("v{API_VERSION}")),
        }
    }
}

/// A stable id from the slug (FNV-1a, cut to 53 bits so JavaScript numbers hold it exactly).
pub fn stable_id(slug: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in slug.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

fn mime_of(file: &str) -> &'static str {
    match file
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv",
        Some("txt") => "text/plain",
        Some("doc") => "application/msword",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xls") => "application/vnd.ms-excel",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("odt") => "application/vnd.oasis.opendocument.text",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Reads `width`/`height` from an SVG's root element.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        value.trim_end_matches("px").parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// A site-root file (`/media/a.svg`) inside `public/`, refusing anything that climbs out of it.
pub(crate) fn public_file(public: &Path, url: &str) -> Result<PathBuf> {
    let rel = url.strip_prefix('/').unwrap_or(url);
    if rel.is_empty()
        || rel
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
    {
        bail!("{url:?} is not a file path under public/");
    }
    let path = public.join(rel);
    if !path.is_file() {
        bail!("{url:?} does not exist (looked for {})", path.display());
    }
    Ok(path)
}

/// The pixel size a PNG, JPEG or WebP file's header gives, `None` for anything else. Read from
/// the header alone so the tool needs no image library.
pub fn raster_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some((u32::from(*bytes.get(i)?) << 8) | u32::from(*bytes.get(i + 1)?));
    let le = |i: usize, n: usize| {
        bytes.get(i..i + n).map(|b| {
            b.iter()
                .rev()
                .fold(0u32, |acc, &x| (acc << 8) | u32::from(x))
        })
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        let be32 = |i: usize| Some((be16(i)? << 16) | be16(i + 2)?);
        return Some((be32(16)?, be32(20)?));
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return match bytes.get(12..16)? {
            b"VP8 " if bytes.get(23..26) == Some(&[0x9d, 0x01, 0x2a]) => {
                Some((le(26, 2)? & 0x3fff, le(28, 2)? & 0x3fff))
            }
            b"VP8L" if bytes.get(20) == Some(&0x2f) => {
                let bits = le(21, 4)?;
                Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
            }
            b"VP8X" => Some((le(24, 3)? + 1, le(27, 3)? + 1)),
            _ => None,
        };
    }
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    // JPEG: walk the segments to the first start of frame (SOF0–SOF15 but DHT, JPG and DAC).
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xff {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        match marker {
            0xff => i += 1,
            0xd0..=0xd7 | 0x01 => i += 2,
            0xc0..=0xcf if ![0xc4, 0xc8, 0xcc].contains(&marker) => {
                return Some((be16(i + 7)?, be16(i + 5)?));
            }
            0xd9 | 0xda => return None,
            _ => i += 2 + usize::try_from(be16(i + 2)?).ok()?,
        }
    }
}

pub(crate) fn image_size(public: &Path, url: &str) -> Option<(u32, u32)> {
    let bytes = std::fs::read(public_file(public, url).ok()?).ok()?;
    raster_size(&bytes).or_else(|| svg_size(std::str::from_utf8(&bytes).ok()?))
}

/// Files under `public/` as the contract's attachments (type from the extension, size read).
fn attachments(files: &[AttachmentSource], public: &Path) -> Result<Vec<Attachment>> {
    files
        .iter()
        .map(|a| {
            let path =
                public_file(public, &a.file).with_context(|| format!("attachment {:?}", a.name))?;
            Ok(Attachment {
                name: a.name.clone(),
                mime: mime_of(&a.file).to_owned(),
                size: std::fs::metadata(path)?.len(),
                url: render::site_relative(&a.file),
            })
        })
        .collect()
}

/// Renders a Markdown body (an article's, an answer's, a consultation's report): its images must
/// be files under `public/` (their sizes read) with an alt text.
pub(crate) fn body(markdown: &str, public: &Path) -> Result<render::Rendered> {
    let size_of = |url: &str| image_size(public, url);
    let body = render::render(markdown, &size_of);
    for img in &body.images {
        if !img.src.contains("://") {
            public_file(public, &img.src).context("body image")?;
        }
        if img.alt.trim().is_empty() {
            bail!("body image {} has no alt text", img.src);
        }
    }
    Ok(body)
}

/// A source article's slug: its own, or made from its title.
pub fn slug_of(f: &source::FrontMatter) -> String {
    match &f.slug {
        Some(s) => s.clone(),
        None => truncate_slug(&slugify(&f.title), 90).to_owned(),
    }
}

/// One source article → the contract's article (related articles are added by the generator);
/// `documents` are the register's, by slug, for the one it announces.
pub fn to_article(
    src: &ArticleSource,
    cat: &Catalogue,
    public: &Path,
    documents: &HashMap<&str, &Document>,
) -> Result<Article> {
    let f = &src.front;
    let slug = slug_of(f);
    if !is_valid_slug(&slug) {
        bail!("slug {slug:?} is not valid");
    }
    let category_path = cat
        .path_of(&f.category)
        .with_context(|| format!("unknown category {:?}", f.category))?;
    let thumbnail = match &f.thumbnail {
        Some(url) => {
            public_file(public, url).context("thumbnail")?;
            let size = image_size(public, url);
            Some(Image {
                src: render::site_relative(url),
                alt: f.thumbnail_alt.clone().unwrap_or_default(),
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
                caption: None,
            })
        }
        None => None,
    };
    let body = body(&src.markdown, public)?;
    let attachments = attachments(&f.attachments, public)?;
    let document = match &f.document {
        Some(slug) => Some(documents::legal_of(
            documents
                .get(slug.as_str())
                .with_context(|| format!("unknown document {slug:?}"))?,
        )),
        None => None,
    };
    let mut tags: Vec<String> = Vec::new();
    for t in &f.tags {
        let t = t.trim().to_lowercase();
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    Ok(Article {
        version: API_VERSION,
        id: f.id.unwrap_or_else(|| stable_id(&slug)),
        slug,
        title: f.title.trim().to_owned(),
        lead: f.lead.trim().to_owned(),
        published: src.published,
        updated: src.updated,
        author: f.author.trim().to_owned(),
        category_path,
        body_html: body.html,
        thumbnail,
        images: body.images,
        attachments,
        tags,
        related: Vec::new(),
        document,
        featured: f.featured,
        lang: Lang::Vi,
        alternates: Vec::new(),
    })
}

/// Puts every document under a folder: the English API is `en/` with the same layout.
pub(crate) struct Under<'a> {
    pub prefix: &'static str,
    pub sink: &'a mut dyn Sink,
}

impl Sink for Under<'_> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.sink.put(format!("{}{path}", self.prefix), bytes)
    }
}

/// The route of an article relative to the site's base, in its language.
pub(crate) fn article_route(lang: Lang, a: &Article) -> String {
    let category = a.category().map(|c| c.slug.as_str()).unwrap_or_default();
    lang.route(&paths::article_route(category, &a.slug))
}

/// Reads the sources of a project and generates its whole API into `sink`: Vietnamese from
/// `content/`, English from `content/en/` (if there), the portal's own pages in both.
pub fn build_into(layout: &Layout, sink: &mut dyn Sink) -> Result<usize> {
    generate_all(layout, sink, None)
}

/// [`build_into`], with the search index written whole, or, given the tree a full build wrote
/// (`main`, an API document by its path), as a delta beside it (`search::delta`, a publish).
fn generate_all(
    layout: &Layout,
    sink: &mut dyn Sink,
    main: Option<search::delta::Read>,
) -> Result<usize> {
    let pages = pages::load(&layout.content)?;
    let english = layout.content.join("en");
    let english = english.join("site.toml").exists().then_some(english);
    let mut n = 0;
    let (vi, en) = (
        read_language(layout, &layout.content, Lang::Vi)?,
        english
            .as_deref()
            .map(|dir| read_language(layout, dir, Lang::En))
            .transpose()?,
    );
    let (mut vi, mut en) = (vi, en);
    if let Some(en) = &mut en {
        pair(&mut vi.articles, &mut en.articles)?;
    }
    // The consultations and the questions are the Vietnamese site's. A consultation names the
    // register's document its draft became, which names it back: linked before it is written.
    let participation = participation::load(&layout.content)?;
    let participation = participation::build(&participation, &mut vi.documents, &layout.public)?;
    // One register, of the Vietnamese documents, which both languages' menus reach.
    let register = !vi.documents.is_empty();
    for (lang, mut built) in [(Lang::Vi, Some(vi)), (Lang::En, en)] {
        let Some(built) = built.take() else { continue };
        let other = lang.other();
        let extras = Extras {
            register,
            about: pages.as_ref().map(|(file, _)| pages::menu_item(file, lang)),
            home_alternates: if english.is_some() {
                vec![Alternate {
                    lang: other,
                    path: other.route("/"),
                }]
            } else {
                Vec::new()
            },
        };
        n += built.articles.len();
        let mut under = Under {
            prefix: if lang == Lang::Vi { "" } else { "en/" },
            sink: &mut *sink,
        };
        let articles =
            generate::generate(&built.site, &built.cat, built.articles, &extras, &mut under)?;
        // Each language searches its own articles (`en/search/`).
        match main {
            None => drop(search::write(&built.cat, &articles, &mut under)?),
            Some(read) => {
                let prefix = under.prefix;
                let read = |path: &str| read(&format!("{prefix}{path}"));
                search::delta::write(&built.cat, &articles, &read, &mut under)?;
            }
        }
        // The register is one, of the Vietnamese documents and the articles that cite them.
        if lang == Lang::Vi {
            documents::write(built.documents, &articles, sink)?;
        }
    }
    participation::write(&participation, sink)?;
    if let Some((file, org)) = &pages {
        pages::write(file, org, &layout.public, sink)?;
    }
    Ok(n)
}

/// One language's sources, read.
struct Language {
    site: SiteSource,
    cat: Catalogue,
    articles: Vec<Article>,
    documents: Vec<Document>,
}

/// Links each English article to the Vietnamese one it names as its `counterpart`, both ways.
fn pair(vi: &mut [Article], en: &mut [Article]) -> Result<()> {
    for e in en.iter_mut() {
        let Some(slug) = e.alternates.pop().map(|a| a.path) else {
            continue;
        };
        let v = vi
            .iter_mut()
            .find(|v| v.slug == slug)
            .with_context(|| format!("{}: no Vietnamese article {slug:?}", e.slug))?;
        e.alternates = vec![Alternate {
            lang: Lang::Vi,
            path: article_route(Lang::Vi, v),
        }];
        v.alternates.push(Alternate {
            lang: Lang::En,
            path: article_route(Lang::En, e),
        });
    }
    Ok(())
}

fn read_language(layout: &Layout, dir: &Path, lang: Lang) -> Result<Language> {
    let site: SiteSource = source::load_site(&dir.join("site.toml"))?;
    if site.lang != lang {
        bail!("{}: lang must be {:?}", dir.display(), lang.code());
    }
    let cat = Catalogue::new(&site.categories)?;
    let docs_path = dir.join("documents.toml");
    let docs = source::load_documents(&docs_path)?
        .documents
        .iter()
        .map(|d| {
            documents::to_document(d, &layout.public)
                .with_context(|| format!("document {:?} in {}", d.slug, docs_path.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    let by_slug: HashMap<&str, &Document> = docs.iter().map(|d| (d.slug.as_str(), d)).collect();
    let sources = source::load_articles(&dir.join("articles"))?;
    let articles = sources
        .iter()
        .map(|s| {
            let mut a = to_article(s, &cat, &layout.public, &by_slug)
                .with_context(|| format!("in {}", s.path.display()))?;
            // Held here until `pair` turns it into the counterpart's route.
            if let (Lang::Vi, Some(_)) = (lang, &s.front.counterpart) {
                bail!(
                    "{}: only English articles name a counterpart",
                    s.path.display()
                );
            }
            if let Some(c) = &s.front.counterpart {
                a.alternates = vec![Alternate {
                    lang: lang.other(),
                    path: c.clone(),
                }];
            }
            Ok(a)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Language {
        site,
        cat,
        articles,
        documents: docs,
    })
}

/// Every file under `dir`, as paths relative to it with `/` separators.
pub fn list_tree(dir: &Path) -> Result<Vec<String>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(base, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out)?;
    }
    out.sort();
    Ok(out)
}

/// Compares the committed tree with a fresh generation; returns the paths that differ.
pub fn stale_paths(layout: &Layout) -> Result<Vec<String>> {
    let mut fresh = MemorySink::default();
    build_into(layout, &mut fresh)?;
    let on_disk = list_tree(&layout.out)?;
    let mut diff = Vec::new();
    for path in &on_disk {
        match fresh.0.get(path) {
            Some(bytes) if std::fs::read(layout.out.join(path))? == *bytes => {}
            Some(_) => diff.push(format!("changed: {path}")),
            None => diff.push(format!("not generated: {path}")),
        }
    }
    for path in fresh.0.keys() {
        if on_disk.binary_search(path).is_err() {
            diff.push(format!("missing: {path}"));
        }
    }
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_svg_sizes() {
        assert_eq!(
            svg_size(r#"<?xml?><svg xmlns="x" width="1200" height="675" viewBox="0 0 1200 675">"#),
            Some((1200, 675))
        );
        assert_eq!(svg_size(r#"<svg viewBox="0 0 10 10">"#), None);
    }

    #[test]
    fn reads_raster_sizes_from_their_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend([0, 0, 4, 0xb0, 0, 0, 2, 0x76]);
        assert_eq!(raster_size(&png), Some((1200, 630)));
        // SOI, an APP0 of 4 bytes, then SOF2 (progressive): height 675, width 1200.
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc2, 0, 17, 8, 2, 0xa3, 4, 0xb0, 3,
        ];
        assert_eq!(raster_size(&jpeg), Some((1200, 675)));
        let webp = |chunk: &[u8], data: &[u8]| {
            let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
            b.extend(chunk);
            b.extend([0; 4]);
            b.extend(data);
            b
        };
        let lossy = webp(
            b"VP8 ",
            &[0, 0, 0, 0x9d, 0x01, 0x2a, 0xb0, 0x04, 0xa3, 0x02],
        );
        assert_eq!(raster_size(&lossy), Some((1200, 675)));
        // 1199 and 674 in 14 bits each, after the signature byte.
        let bits: u32 = 1199 | (674 << 14);
        let mut lossless = vec![0x2f];
        lossless.extend(bits.to_le_bytes());
        assert_eq!(raster_size(&webp(b"VP8L", &lossless)), Some((1200, 675)));
        let extended = webp(b"VP8X", &[0, 0, 0, 0, 0xaf, 0x04, 0, 0xa2, 0x02, 0]);
        assert_eq!(raster_size(&extended), Some((1200, 675)));
        assert_eq!(raster_size(b"<svg width=\"1\" height=\"1\">"), None);
        assert_eq!(raster_size(&[0xff, 0xd8, 0xff, 0xda]), None);
    }

    #[test]
    fn ids_are_stable_and_fit_javascript_numbers() {
        assert_eq!(stable_id("a"), stable_id("a"));
        assert_ne!(stable_id("a"), stable_id("b"));
        assert!(stable_id("tin-tuc") < 1 << 53);
    }

    #[test]
    fn public_files_cannot_escape() {
        let dir = Path::new(".");
        assert!(public_file(dir, "/../etc/passwd").is_err());
        assert!(public_file(dir, "/a//b").is_err());
    }
}
