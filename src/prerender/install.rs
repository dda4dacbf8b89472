//! The web app manifest of each language (`manifest.webmanifest`, `en/manifest.webmanifest`): the
//! portal can be installed, under the deployment's sub-path (every address in it is relative to
//! the manifest's own), with the site document's names.

use portal_core::{Lang, Site};

/// The manifest's file, in each language's folder.
pub const FILE: &str = "manifest.webmanifest";
/// The portal's red (`--red` in style/main.css, the pages' `theme-color`).
const THEME: &str = "#a3161a";

/// `<link rel="manifest">` for a page in `lang` (relative to `<base href>`).
pub fn link(lang: Lang) -> String {
    format!("<link rel=\"manifest\" href=\"{}{FILE}\">", folder(lang))
}

/// The manifest's path under the build, and its text.
pub fn manifest(site: &Site, lang: Lang) -> (String, String) {
    // From the language's folder back to the site's root, where the icons are.
    let root = if folder(lang).is_empty() { "" } else { "../" };
    let icon = |file: &str, size: u32, purpose: &str| {
        serde_json::json!({
            "src": format!("{root}assets/icons/{file}"),
            "sizes": format!("{size}x{size}"),
            "type": "image/png",
            "purpose": purpose,
        })
    };
    let text = serde_json::json!({
        "id": "./",
        "name": site.name,
        "short_name": site.short_name.as_deref().unwrap_or(&site.name),
        "description": site.tagline.as_deref().unwrap_or_default(),
        "lang": lang.code(),
        "dir": "ltr",
        "start_url": "./",
        "scope": format!("{root}./"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            icon("icon-192.png", 192, "any"),
            icon("icon-512.png", 512, "any"),
            icon("maskable-192.png", 192, "maskable"),
            icon("maskable-512.png", 512, "maskable"),
            { "src": format!("{root}assets/emblem.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any" },
        ],
    });
    (format!("{}{FILE}", folder(lang)), text.to_string())
}

fn folder(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "",
        Lang::En => "en/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_in_its_folder_with_the_whole_site_in_scope() {
        let site: Site =
            portal_core::decode::from_str(include_str!("../../public/api/v1/en/site.json"))
                .map(|d| d.value)
                .unwrap_or_else(|e| panic!("{e}"));
        let (path, text) = manifest(&site, Lang::En);
        assert_eq!(path, "en/manifest.webmanifest");
        let m: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(m["start_url"], "./");
        assert_eq!(m["scope"], ".././");
        assert_eq!(m["short_name"], "City Portal");
        assert_eq!(m["icons"][2]["purpose"], "maskable");
        assert_eq!(m["icons"][0]["src"], "../assets/icons/icon-192.png");
        assert_eq!(
            link(Lang::En),
            r#"<link rel="manifest" href="en/manifest.webmanifest">"#
        );
    }
}
