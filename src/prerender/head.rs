//! A page's head for crawlers and link previews (Zalo, Facebook): canonical URL, Open Graph,
//! Twitter card, JSON-LD, feeds. The title and description are the page's own (`page_meta`).

use portal_core::html::attr_value;
use portal_core::paths::{SHARE_IMAGE, SHARE_IMAGE_SIZE, resolve};
use portal_core::{Alternate, Article, Lang, Site};
use serde_json::{Value, json};

/// What a page is about, beyond its title and description.
pub enum Subject<'a> {
    Home,
    Category { slug: &'a str, name: &'a str },
    Article(&'a Article),
}

pub struct Head<'a> {
    pub site: &'a Site,
    /// The deployment's absolute base URL, ending in `/`.
    pub site_url: &'a str,
    /// The page's route (`/thoi-su/bai-a`).
    pub route: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub subject: Subject<'a>,
    pub lang: Lang,
    /// The same page in the other languages.
    pub alternates: &'a [Alternate],
}

/// The picture a link preview shows.
struct ShareImage {
    /// Absolute.
    url: String,
    width: Option<u32>,
    height: Option<u32>,
    alt: String,
}

/// The absolute URL of a route.
pub fn url(site_url: &str, route: &str) -> String {
    format!("{site_url}{}", route.trim_start_matches('/'))
}

/// The feed file of a category (`feeds/<slug>.xml`), or of all news.
pub fn feed_path(category: Option<&str>) -> String {
    format!("feeds/{}.xml", category.unwrap_or("tin-moi"))
}

impl Head<'_> {
    /// The tags to append to `<head>`.
    pub fn tags(&self) -> String {
        let canonical = url(self.site_url, self.route);
        let mut out = String::new();
        let mut tag = |name: &str, key: &str, value: &str| {
            out.push_str(&format!(
                "<meta {name}=\"{}\" content=\"{}\">",
                attr_value(key),
                attr_value(value)
            ));
        };
        let article = match &self.subject {
            Subject::Article(a) => Some(*a),
            _ => None,
        };
        tag("property", "og:site_name", &self.site.name);
        tag("property", "og:locale", self.lang.locale());
        for a in self.alternates {
            tag("property", "og:locale:alternate", a.lang.locale());
        }
        tag(
            "property",
            "og:type",
            if article.is_some() {
                "article"
            } else {
                "website"
            },
        );
        tag("property", "og:title", self.title);
        tag("property", "og:description", self.description);
        tag("property", "og:url", &canonical);
        let image = self.image();
        if let Some(i) = &image {
            tag("property", "og:image", &i.url);
            if let (Some(w), Some(h)) = (i.width, i.height) {
                tag("property", "og:image:width", &w.to_string());
                tag("property", "og:image:height", &h.to_string());
            }
            if !i.alt.is_empty() {
                tag("property", "og:image:alt", &i.alt);
            }
        }
        if let Some(a) = article {
            tag(
                "property",
                "article:published_time",
                &a.published.to_rfc3339(),
            );
            if let Some(u) = a.updated {
                tag("property", "article:modified_time", &u.to_rfc3339());
            }
            if let Some(c) = a.category() {
                tag("property", "article:section", &c.name);
            }
            for t in &a.tags {
                tag("property", "article:tag", t);
            }
        }
        let card = if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        tag("name", "twitter:card", card);
        tag("name", "twitter:title", self.title);
        tag("name", "twitter:description", self.description);
        if let Some(i) = &image {
            tag("name", "twitter:image", &i.url);
            if !i.alt.is_empty() {
                tag("name", "twitter:image:alt", &i.alt);
            }
        }
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            attr_value(&canonical)
        ));
        // hreflang: the page itself and each counterpart, all absolute.
        out.push_str(&portal_core::html::hreflang_links(
            (self.lang, &canonical),
            self.alternates
                .iter()
                .map(|a| (a.lang, url(self.site_url, &a.path))),
        ));
        for (path, title) in self.feeds() {
            out.push_str(&format!(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">",
                attr_value(&title),
                attr_value(&url(self.site_url, &path))
            ));
        }
        // A data block, not script: CSP's script-src does not apply to it. `<` is escaped so no
        // text in it can close the element.
        let ld = self
            .json_ld(&canonical, image.as_ref().map(|i| i.url.as_str()))
            .to_string()
            .replace('<', "\\u003c");
        out.push_str(&format!(
            "<script type=\"application/ld+json\">{ld}</script>"
        ));
        out
    }

    /// The share picture: the article's first raster one (its thumbnail, else its body's), else
    /// the site-wide [`SHARE_IMAGE`]. Never an SVG: chat apps and social networks show none.
    fn image(&self) -> Option<ShareImage> {
        let own = match &self.subject {
            Subject::Article(a) => a.thumbnail.iter().chain(&a.images).find(|i| i.is_raster()),
            _ => None,
        };
        match own {
            Some(i) => Some(ShareImage {
                url: resolve(self.site_url, &i.src)?,
                width: i.width,
                height: i.height,
                alt: i.alt.clone(),
            }),
            None => Some(ShareImage {
                url: resolve(self.site_url, SHARE_IMAGE)?,
                width: Some(SHARE_IMAGE_SIZE.0),
                height: Some(SHARE_IMAGE_SIZE.1),
                // The picture shows the emblem and the portal's name.
                alt: self.site.name.clone(),
            }),
        }
    }

    /// The news feeds the page offers: its category's, and all news (the Vietnamese news: the
    /// English pages have none).
    fn feeds(&self) -> Vec<(String, String)> {
        if self.lang != Lang::Vi {
            return Vec::new();
        }
        let latest = portal_core::i18n::fill(self.lang.texts().latest_feed, &[&self.site.name]);
        let mut out = vec![(feed_path(None), latest)];
        let category = match &self.subject {
            Subject::Category { slug, name } => Some((slug.to_string(), name.to_string())),
            Subject::Article(a) => a.category().map(|c| (c.slug.clone(), c.name.clone())),
            Subject::Home => None,
        };
        if let Some((slug, name)) = category {
            out.push((
                feed_path(Some(&slug)),
                format!("{name} – {}", self.site.name),
            ));
        }
        out
    }

    fn organization(&self) -> Value {
        let f = &self.site.footer;
        json!({
            "@type": "GovernmentOrganization",
            "name": f.agency,
            "alternateName": self.site.name,
            "url": self.site_url,
            "logo": resolve(self.site_url, &self.site.logo.src),
            "address": f.address,
            "telephone": f.phone,
            "email": f.email,
        })
    }

    fn json_ld(&self, canonical: &str, image: Option<&str>) -> Value {
        let mut org = self.organization();
        match &self.subject {
            Subject::Article(a) => json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": a.title,
                "description": a.lead,
                "url": canonical,
                "mainEntityOfPage": canonical,
                "datePublished": a.published.to_rfc3339(),
                "dateModified": a.updated.unwrap_or(a.published).to_rfc3339(),
                "image": image,
                "inLanguage": self.lang.code(),
                "articleSection": a.category().map(|c| c.name.clone()),
                "keywords": a.tags,
                "author": if a.author.is_empty() { org.clone() } else { json!({"@type": "Person", "name": a.author}) },
                "publisher": org,
            }),
            _ => {
                if let Some(o) = org.as_object_mut() {
                    o.insert("@context".into(), json!("https://schema.org"));
                }
                org
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::Image;

    fn site() -> Site {
        portal_core::decode::from_str::<Site>(include_str!("../../public/api/v1/site.json"))
            .map(|d| d.value)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn article_head_has_og_twitter_and_news_article() {
        let site = site();
        let text = std::fs::read_dir("public/api/v1/articles")
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
            .and_then(|e| std::fs::read_to_string(e.path()).ok())
            .unwrap_or_default();
        let article = portal_core::decode::from_str::<Article>(&text)
            .map(|d| d.value)
            .unwrap_or_else(|e| panic!("{e}"));
        let route = format!("/x/{}", article.slug);
        let head = Head {
            site: &site,
            site_url: "https://portal.example/",
            route: &route,
            title: "T \"q\" <b>",
            description: "D",
            subject: Subject::Article(&article),
            lang: Lang::Vi,
            alternates: &[Alternate {
                lang: Lang::En,
                path: "/en/news/a".into(),
            }],
        }
        .tags();
        assert!(
            head.contains(r#"<meta property="og:type" content="article">"#),
            "{head}"
        );
        assert!(
            head.contains(r#"content="T &quot;q&quot; &lt;b&gt;""#),
            "{head}"
        );
        assert!(head.contains(&format!(
            r#"<meta property="article:published_time" content="{}">"#,
            article.published.to_rfc3339()
        )));
        assert!(head.contains(&format!(
            r#"<link rel="canonical" href="https://portal.example/x/{}">"#,
            article.slug
        )));
        assert!(head.contains(r#""@type":"NewsArticle""#), "{head}");
        assert!(
            head.contains(
                r#"<link rel="alternate" hreflang="en" href="https://portal.example/en/news/a">"#
            ),
            "{head}"
        );
        assert!(
            head.contains(&format!(
                r#"<link rel="alternate" hreflang="vi" href="https://portal.example/x/{}">"#,
                article.slug
            )),
            "{head}"
        );
        assert!(head.contains(r#"<meta name="twitter:card""#), "{head}");
    }

    #[test]
    fn the_share_picture_is_the_articles_raster_one_else_the_site_wide_png() {
        let site = site();
        let picture = |src: &str| Image {
            src: src.into(),
            alt: "Ảnh".into(),
            width: Some(800),
            height: Some(450),
            caption: None,
        };
        let head_of = |thumbnail: Option<Image>, images: Vec<Image>| {
            let article = Article {
                thumbnail,
                images,
                ..Article::default()
            };
            Head {
                site: &site,
                site_url: "https://portal.example/cong/",
                route: "/x/a",
                title: "T",
                description: "D",
                subject: Subject::Article(&article),
                lang: Lang::Vi,
                alternates: &[],
            }
            .tags()
        };
        let meta = |head: &str, key: &str| {
            head.split(&format!("property=\"{key}\" content=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_owned)
        };
        // The thumbnail is an SVG: the body's WebP, with its own size and text.
        let head = head_of(
            Some(picture("media/a.svg")),
            vec![picture("media/b.svg"), picture("media/c.WEBP?v=2")],
        );
        assert_eq!(
            meta(&head, "og:image").as_deref(),
            Some("https://portal.example/cong/media/c.WEBP?v=2")
        );
        assert_eq!(meta(&head, "og:image:width").as_deref(), Some("800"));
        assert_eq!(meta(&head, "og:image:alt").as_deref(), Some("Ảnh"));
        assert!(head.contains(
            r#"<meta name="twitter:image" content="https://portal.example/cong/media/c.WEBP?v=2">"#
        ));
        assert!(head.contains(r#""image":"https://portal.example/cong/media/c.WEBP?v=2""#));
        // SVG only: the site-wide picture, under the deployment's base.
        for head in [
            head_of(Some(picture("media/a.svg")), Vec::new()),
            head_of(None, Vec::new()),
        ] {
            let url = format!("https://portal.example/cong/{SHARE_IMAGE}");
            assert_eq!(meta(&head, "og:image"), Some(url.clone()));
            assert_eq!(meta(&head, "og:image:width").as_deref(), Some("1200"));
            assert_eq!(meta(&head, "og:image:height").as_deref(), Some("630"));
            assert!(head.contains(&format!(r#"<meta name="twitter:image" content="{url}">"#)));
            assert!(head.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        }
    }
}
