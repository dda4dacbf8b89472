//! Trunk's `index.html` as the page template: the prerendered body goes into `#app`, the page's
//! head tags into `<head>`. Everything else (the boot script, styles, the `<meta>` settings) stays
//! as Trunk wrote it.

use super::worker::{self, Worker};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use portal_core::i18n::Lang;

/// The start of the element the prerendered markup lives in; `src/takeover.rs` swaps in the
/// app's own.
pub const ROOT: &str = r#"<div id="app" class="prerendered""#;

pub struct Page<'a> {
    /// `<html lang>`, and the language of the line boot.js shows if the app cannot start.
    pub lang: Lang,
    /// The address this page is (with the deployment's sub-path); `None` for a page served for
    /// other addresses (the not-found page). The app compares it with the browser's
    /// (`base::served_this_page`).
    pub path: Option<&'a str>,
    pub title: &'a str,
    pub description: &'a str,
    /// Tags appended to `<head>` (canonical, Open Graph, JSON-LD, feeds), already escaped.
    pub head: &'a str,
    pub body: &'a str,
    /// The documents the page reads first, relative to the API base and in the page's language's
    /// folder (`Route::documents`).
    pub documents: &'a [String],
    /// The build's service worker: the page's scripts' `?v=`, and whether it registers it.
    pub worker: &'a Worker,
}

/// Asks the browser not to paint before `<main>` has arrived: on a slow link the first part of the
/// HTML would otherwise be painted alone, and a header painted half-parsed grows (moves) as the
/// rest of it arrives. The address is the page's own, as the browser ignores one that is not the
/// document's (and the template's `<base>` would resolve a bare `#main` to the site's root).
fn expect_main(page: &Page) -> String {
    match page.path {
        Some(path) if page.body.contains(r#"<main id="main""#) => {
            let mut link = "<link rel=\"expect\" blocking=\"render\"".to_owned();
            portal_core::html::attr(&mut link, "href", &format!("{path}#main"));
            link.push('>');
            link
        }
        _ => String::new(),
    }
}

/// `template` with `page` in it.
pub fn fill(template: &str, page: &Page) -> Result<String, String> {
    // What boot.js says, in one polite line, when the app cannot take the page over (its files
    // or its data failed): the page stays as served.
    let mut body = ROOT.to_owned();
    if let Some(path) = page.path {
        portal_core::html::attr(&mut body, "data-path", path);
    }
    let unavailable = portal_core::i18n::OfflineTexts::of(page.lang).app_unavailable;
    portal_core::html::attr(&mut body, "data-unavailable", unavailable);
    body.push('>');
    body.push_str(page.body);
    body.push_str("</div>");
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            // After the title, not at the end of <head>: a minified template has no <head> tag.
            element!("html", |el| {
                el.set_attribute("lang", page.lang.code())?;
                // What the save button in an article's tools says once pressed (offline.js).
                let t = portal_core::i18n::OfflineTexts::of(page.lang);
                let words = [t.saved_offline, t.unsaved_offline].join("|");
                el.set_attribute("data-save-offline", &words)?;
                Ok(())
            }),
            element!("title", |el| {
                el.set_inner_content(page.title, ContentType::Text);
                let mut head = page.head.to_owned();
                head.push_str(&expect_main(page));
                head.push_str(&super::install::link(page.lang));
                // `public/assets/offline.js` registers the worker, once the app runs.
                if page.worker.on {
                    head.push_str(&format!(
                        "<meta name=\"portal-service-worker\" content=\"{}\" data-build=\"{}\">",
                        worker::FILE,
                        page.worker.build
                    ));
                }
                el.after(&head, ContentType::Html);
                Ok(())
            }),
            // What `public/assets/boot.js` fetches while the wasm downloads, as addresses under
            // the API base this page's app will read (the template's own setting).
            element!("meta[name=portal-api-base]", |el| {
                let base = el
                    .get_attribute("content")
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| portal_core::paths::API_BASE.to_owned());
                let docs: Vec<String> = page
                    .documents
                    .iter()
                    .map(|d| portal_core::paths::join(base.trim(), d))
                    .collect();
                el.after(
                    &format!(
                        "<meta name=\"portal-documents\" content=\"{}\">",
                        portal_core::html::attr_value(&docs.join(" "))
                    ),
                    ContentType::Html,
                );
                Ok(())
            }),
            // The scripts without a hash in their names, as this build's (`worker`).
            element!("script[src]", |el| {
                if let Some(src) = el
                    .get_attribute("src")
                    .and_then(|s| page.worker.versioned(&s))
                {
                    el.set_attribute("src", &src)?;
                }
                Ok(())
            }),
            element!("meta[name=description]", |el| {
                el.set_attribute("content", page.description)?;
                Ok(())
            }),
            // The page's content comes first: boot.js fetches the app once the page has painted.
            element!("link[rel=preload], link[rel=modulepreload]", |el| {
                el.remove();
                Ok(())
            }),
            // "This page needs JavaScript" is no longer true.
            element!("body noscript", |el| {
                el.remove();
                Ok(())
            }),
            element!("body", |el| {
                el.prepend(&body, ContentType::Html);
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    let html = rewrite_str(template, settings).map_err(|e| format!("template: {e}"))?;
    if !html.contains(ROOT) || !html.contains("</title>") {
        return Err("template: index.html needs a <title> and a <body> tag".into());
    }
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_a_minified_template() {
        let t = r#"<!doctype html><html lang=vi><meta charset=utf-8><title>X</title><meta name=description content=old><script type=module src=/assets/boot.js></script><link rel=modulepreload href=/a.js><link as=fetch href=/a.wasm rel=preload></head><body><noscript><p>JS</p></noscript></body></html>"#;
        let out = fill(
            t,
            &Page {
                lang: Lang::En,
                path: Some("/en/news"),
                title: "Bài <1>",
                description: "Mô \"tả\"",
                head: r#"<link rel="canonical" href="https://x/">"#,
                body: "<main>Nội dung</main>",
                documents: &["site.json".to_owned()],
                worker: &Worker {
                    build: "b1".into(),
                    version: "v1".into(),
                    on: true,
                },
            },
        )
        .unwrap_or_default();
        assert!(out.contains("<title>Bài &lt;1&gt;</title>"), "{out}");
        assert!(
            out.contains("<html lang=\"en\" data-save-offline=\"The article is saved"),
            "{out}"
        );
        assert!(out.contains("content=\"Mô &quot;tả&quot;\""), "{out}");
        assert!(
            out.contains(r#"</title><link rel="canonical" href="https://x/">"#),
            "{out}"
        );
        assert!(
            out.contains(
                r#"<body><div id="app" class="prerendered" data-path="/en/news" data-unavailable="Some of this page's functions are unavailable for now. You can still read it and follow its links."><main>Nội dung</main></div></body>"#
            ),
            "{out}"
        );
        assert!(out.contains("assets/boot.js?v=v1"), "{out}");
        assert!(
            out.contains(r#"<meta name="portal-service-worker" content="sw.js" data-build="b1">"#),
            "{out}"
        );
        assert!(
            !out.contains("a.js") && !out.contains("a.wasm"),
            "no preloads: {out}"
        );
        assert!(!out.contains("rel=\"expect\""), "no <main id=main>: {out}");
    }

    #[test]
    fn the_first_paint_waits_for_main_at_the_page_own_address() {
        let t = "<html><head><title>X</title></head><body></body></html>";
        let worker = Worker {
            build: "b1".into(),
            version: "v1".into(),
            on: false,
        };
        let page = |path| Page {
            lang: Lang::Vi,
            path,
            title: "T",
            description: "D",
            head: "",
            body: r#"<header>…</header><main id="main" tabindex="-1">x</main>"#,
            documents: &[],
            worker: &worker,
        };
        let out = fill(t, &page(Some("/cong/thoi-su"))).unwrap_or_default();
        assert!(
            out.contains(r##"<link rel="expect" blocking="render" href="/cong/thoi-su#main">"##),
            "{out}"
        );
        // The not-found page is served for any address: no address of its own to name.
        let out = fill(t, &page(None)).unwrap_or_default();
        assert!(out.contains("<main id") && !out.contains("expect"), "{out}");
    }
}
