//! Markdown → HTML for article bodies: CommonMark + tables; an image alone in its paragraph
//! becomes a `<figure>` with its title as `<figcaption>`; site-root URLs become base-relative so the
//! portal works under a sub-path.

use portal_core::Image;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// `/media/a.svg` → `media/a.svg`; absolute URLs, fragments and mailto/tel stay as they are.
pub fn site_relative(url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => {
            if rest.is_empty() {
                "./".to_owned()
            } else {
                rest.to_owned()
            }
        }
        _ => url.to_owned(),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

pub struct Rendered {
    pub html: String,
    pub images: Vec<Image>,
}

/// Renders a body. `size_of` gives an image's intrinsic size (width, height) from its site URL.
pub fn render(markdown: &str, size_of: &dyn Fn(&str) -> Option<(u32, u32)>) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut images = Vec::new();
    let mut i = 0;
    while i < events.len() {
        // Figure pattern: Start(Paragraph) Start(Image) <alt text events> End(Image) End(Paragraph)
        if let (
            Some(Event::Start(Tag::Paragraph)),
            Some(Event::Start(Tag::Image {
                dest_url, title, ..
            })),
        ) = (events.get(i), events.get(i + 1))
        {
            let end_img = events[i + 2..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Image)));
            if let Some(rel) = end_img {
                let close = i + 2 + rel;
                if matches!(events.get(close + 1), Some(Event::End(TagEnd::Paragraph))) {
                    let alt: String = events[i + 2..close]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let src = site_relative(dest_url);
                    let caption = (!title.is_empty()).then(|| title.to_string());
                    let (width, height) =
                        size_of(dest_url).map_or((None, None), |(w, h)| (Some(w), Some(h)));
                    let mut fig = format!(
                        "<figure><img src=\"{}\" alt=\"{}\"",
                        escape(&src),
                        escape(&alt)
                    );
                    if let (Some(w), Some(h)) = (width, height) {
                        fig.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
                    }
                    fig.push('>');
                    if let Some(c) = &caption {
                        fig.push_str(&format!("<figcaption>{}</figcaption>", escape(c)));
                    }
                    fig.push_str("</figure>\n");
                    images.push(Image {
                        src,
                        alt,
                        width,
                        height,
                        caption,
                    });
                    out.push(Event::Html(CowStr::from(fig)));
                    i = close + 2;
                    continue;
                }
            }
        }
        let ev = match events[i].clone() {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(site_relative(&dest_url)),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                images.push(Image {
                    src: site_relative(&dest_url),
                    alt: String::new(),
                    width: None,
                    height: None,
                    caption: None,
                });
                Event::Start(Tag::Image {
                    link_type: if link_type == LinkType::Email {
                        LinkType::Inline
                    } else {
                        link_type
                    },
                    dest_url: CowStr::from(site_relative(&dest_url)),
                    title,
                    id,
                })
            }
            other => other,
        };
        out.push(ev);
        i += 1;
    }
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered {
        html: html_out,
        images,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_size(_: &str) -> Option<(u32, u32)> {
        None
    }

    #[test]
    fn lone_image_becomes_a_figure_with_caption() {
        let r = render(
            "Đoạn.\n\n![Hồ Gươm](/media/ho-guom.svg \"Hồ Gươm buổi sáng\")\n",
            &|_| Some((1200, 675)),
        );
        assert!(
            r.html.contains(r#"<figure><img src="media/ho-guom.svg" alt="Hồ Gươm" width="1200" height="675"><figcaption>Hồ Gươm buổi sáng</figcaption></figure>"#),
            "{}",
            r.html
        );
        assert_eq!(r.images.len(), 1);
        assert_eq!(r.images[0].caption.as_deref(), Some("Hồ Gươm buổi sáng"));
    }

    #[test]
    fn tables_lists_and_links() {
        let r = render(
            "| A | B |\n|---|---|\n| 1 | 2 |\n\n- x\n- [Dịch vụ công](/dich-vu-cong)\n",
            &no_size,
        );
        assert!(
            r.html.contains("<table>") && r.html.contains("<th>A</th>"),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<a href="dich-vu-cong">"#), "{}", r.html);
    }

    #[test]
    fn escapes_alt_and_caption() {
        let r = render("![a\"<b>](/m.svg \"<script>\")\n", &no_size);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(!r.html.contains("<b>"), "{}", r.html);
    }

    #[test]
    fn site_relative_urls() {
        assert_eq!(site_relative("/media/a.svg"), "media/a.svg");
        assert_eq!(
            site_relative("https://example.gov.vn/x"),
            "https://example.gov.vn/x"
        );
        assert_eq!(site_relative("//cdn.example/x"), "//cdn.example/x");
        assert_eq!(site_relative("#muc-1"), "#muc-1");
        assert_eq!(site_relative("/"), "./");
    }
}
