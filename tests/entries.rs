//! `snippet-builder.html`, `lookup.html` (the look-up app) and `participation.html` must stay `index.html` (the
//! portal) but for their own start-up lines and styles: same API base and timeout metas, same
//! scripts, styles and copied folders.

fn lines(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().map(str::to_owned).collect()
}

/// `entry` without its leading comment and `own_styles`, compared line by line with index.html.
fn differs_only_in_its_own_lines(entry: &str, bin: &str, own_styles: Option<&str>) {
    let portal = lines("index.html");
    let mut other = lines(entry);
    // Its leading comment (after the doctype) explains the file.
    let end = other
        .iter()
        .position(|l| l.trim_end().ends_with("-->"))
        .unwrap_or_else(|| panic!("{entry} opens with a comment"));
    other.drain(1..=end);
    // Its own styles, which portal readers never download.
    if let Some(css) = own_styles {
        other.retain(|l| !l.contains(&format!(r#"rel="css" href="{css}""#)));
    }
    // Its own files in a folder of its own (`App::assets`), where hosts and the development loop
    // send them.
    let own_rust = format!(r#"data-bin="{bin}" data-target-path="{bin}""#);
    assert_eq!(portal.len(), other.len(), "{entry}: same number of lines");
    let own = |a: &str, b: &str| {
        (a.contains("<title>") && b.contains("<title>"))
            || (a.contains(r#"data-bin="portal""#)
                && b == a.replace(r#"data-bin="portal""#, &own_rust))
    };
    for (a, b) in portal.iter().zip(&other) {
        assert!(
            a == b || own(a, b),
            "index.html and {entry} differ:\n  {a}\n  {b}"
        );
    }
}

#[test]
fn the_snippet_builder_entry_differs_from_the_portal_entry_only_in_its_own_lines() {
    differs_only_in_its_own_lines(
        "snippet-builder.html",
        "snippet-builder",
        Some("style/widgets.css"),
    );
}

#[test]
fn the_lookup_entry_differs_from_the_portal_entry_only_in_its_own_lines() {
    differs_only_in_its_own_lines("lookup.html", "lookup", Some("style/lookup.css"));
}

#[test]
fn the_participation_entry_differs_from_the_portal_entry_only_in_its_own_lines() {
    differs_only_in_its_own_lines(
        "participation.html",
        "participation",
        Some("style/lookup.css"),
    );
}

/// `trunk serve` sends every address another app shows to that app's development build
/// (Trunk.toml's proxies, scripts/serve.sh): the first word of each such kind of the route table,
/// in each language, and each app's folder, nothing else.
#[test]
fn the_development_proxies_are_the_route_tables() {
    use portal_core::route::table::{App, Seg, TABLE};
    let config =
        std::fs::read_to_string("Trunk.toml").unwrap_or_else(|e| panic!("Trunk.toml: {e}"));
    let mut proxied: Vec<String> = config
        .lines()
        .filter_map(|l| l.trim().strip_prefix("backend = \"http://127.0.0.1:8081"))
        .map(|l| l.trim_end_matches('"').to_owned())
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for spec in TABLE.iter().filter(|s| s.app != App::Portal) {
        for shape in spec.shapes {
            if let Some(Seg::Word(words)) = shape.first() {
                for word in *words {
                    for lang in portal_core::Lang::ALL {
                        expected.push(format!("{}/{word}", lang.prefix()));
                    }
                }
            }
        }
    }
    expected.extend(
        App::ALL
            .iter()
            .filter_map(|a| a.assets())
            .map(|d| format!("/{d}/")),
    );
    expected.sort();
    expected.dedup();
    proxied.sort();
    assert_eq!(proxied, expected);
}
