//! The portal's path words (`tim-kiem`, `van-ban`, `gioi-thieu`, `nhung`, `trang`) are the route
//! table's (crates/portal-core): no string literal in the app's code outside tests spells one, so a
//! path changes in one place. A word counts where it stands as a path segment or a file name
//! (`/van-ban`, `nhung.js`, `"tim-kiem"`), not inside prose.

const WORDS: [&str; 5] = ["tim-kiem", "van-ban", "gioi-thieu", "nhung", "trang"];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `code` (its test module left out), comments skipped.
fn literals(code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let mut end = None;
            let mut escaped = false;
            for (i, c) in after.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = Some(i);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let Some(end) = end else { break };
            out.push(after[..end].to_owned());
            rest = &after[end + 1..];
        }
    }
    out
}

/// Whether `literal` spells `word` as a path segment or a file's name.
fn names(literal: &str, word: &str) -> bool {
    literal.match_indices(word).any(|(at, _)| {
        let before = literal[..at].chars().next_back();
        let after = literal[at + word.len()..].chars().next();
        matches!(before, None | Some('/' | '}'))
            && matches!(after, None | Some('/' | '?' | '.' | '#'))
    })
}

#[test]
fn the_matcher_finds_path_words_and_leaves_prose() {
    assert!(names("/van-ban", "van-ban"));
    assert!(names("{}nhung/{path}", "nhung"));
    assert!(names("nhung.js", "nhung"));
    assert!(names("tim-kiem", "tim-kiem"));
    assert!(!names("Tìm thấy 3 kết quả, trang 2 trên 5.", "trang"));
    assert!(!names("van-ban-phap-luat", "van-ban"));
    assert_eq!(
        literals("let a = \"x\\\"y\"; // \"z\"\n// \"w\"\n#[cfg(test)]\n\"t\""),
        vec!["x\\\"y".to_owned(), "z".to_owned()]
    );
}

#[test]
fn no_literal_in_src_names_a_path_word() {
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src"), &mut files);
    assert!(files.len() > 20, "src/ has the app's files");
    let mut found = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap_or_default();
        for lit in literals(&code) {
            for word in WORDS {
                if names(&lit, word) {
                    found.push(format!("{}: {lit:?}", file.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "path words outside the route table:\n{}",
        found.join("\n")
    );
}
