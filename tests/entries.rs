//! `nhung.html` (the widget app) must stay `index.html` (the portal) but for its own start-up
//! lines and styles: same API base and timeout metas, same scripts, styles and copied folders.

fn lines(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().map(str::to_owned).collect()
}

#[test]
fn the_widget_entry_differs_from_the_portal_entry_only_in_its_own_lines() {
    let portal = lines("index.html");
    let mut widgets = lines("nhung.html");
    // Its leading comment (after the doctype) explains the file.
    let end = widgets
        .iter()
        .position(|l| l.trim_end().ends_with("-->"))
        .expect("nhung.html opens with a comment");
    widgets.drain(1..=end);
    // Its own styles (widgets and the snippet builder), which portal readers never download.
    widgets.retain(|l| !l.contains(r#"href="style/widgets.css""#));
    assert_eq!(portal.len(), widgets.len(), "same number of lines");
    let own = |a: &str, b: &str| {
        (a.contains("<title>") && b.contains("<title>"))
            || (a.contains(r#"data-bin="portal""#)
                && b == a.replace(r#"data-bin="portal""#, r#"data-bin="nhung""#))
    };
    for (a, b) in portal.iter().zip(&widgets) {
        assert!(
            a == b || own(a, b),
            "index.html and nhung.html differ:\n  {a}\n  {b}"
        );
    }
}
