//! Small display helpers, in the page's language's conventions.

use crate::i18n::{Lang, fill};

/// `1234567` → `"1,2 MB"` (`"1.2 MB"` in English): one decimal below 10, none above; bytes
/// below a KB in `lang`'s words. Integer arithmetic only: formatting floats would pull
/// float-printing code into the wasm bundle.
pub fn human_size(bytes: u64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return fill(lang.texts().bytes, &[&bytes.to_string()]);
    }
    // Value in tenths of the unit, rounded half up at each step like the float version was.
    let mut unit = 0;
    let mut divisor: u128 = 1024;
    while u128::from(bytes) >= divisor * 1024 && unit + 1 < UNITS.len() {
        divisor *= 1024;
        unit += 1;
    }
    let tenths = (u128::from(bytes) * 10 + divisor / 2) / divisor;
    if tenths < 100 {
        let mark = lang.decimal_mark();
        format!("{}{mark}{} {}", tenths / 10, tenths % 10, UNITS[unit])
    } else {
        let whole = (u128::from(bytes) + divisor / 2) / divisor;
        format!("{whole} {}", UNITS[unit])
    }
}

/// A short, readable name of a file type from its MIME type; `None` for a type without one
/// (the page names it "file" in its language).
pub fn file_kind(mime: &str) -> Option<&'static str> {
    Some(match mime.split(';').next().unwrap_or("").trim() {
        "application/pdf" => "PDF",
        "text/csv" => "CSV",
        "text/plain" => "TXT",
        "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/zip" => "ZIP",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let vi = |n| human_size(n, Lang::Vi);
        assert_eq!(vi(0), "0 byte");
        assert_eq!(vi(1023), "1023 byte");
        assert_eq!(vi(1024), "1,0 KB");
        assert_eq!(vi(1_234), "1,2 KB");
        assert_eq!(vi(56_789), "55 KB");
        assert_eq!(vi(1_234_567), "1,2 MB");
        assert_eq!(vi(u64::MAX), "16777216 TB");
        assert_eq!(vi(10_188), "9,9 KB");
        assert_eq!(vi(10_200), "10 KB");
        assert_eq!(vi(1_048_575), "1024 KB");
        assert_eq!(human_size(838, Lang::En), "838 bytes");
        assert_eq!(human_size(1_234_567, Lang::En), "1.2 MB");
    }

    #[test]
    fn kinds() {
        assert_eq!(file_kind("application/pdf"), Some("PDF"));
        assert_eq!(file_kind("text/csv; charset=utf-8"), Some("CSV"));
        assert_eq!(file_kind("application/x-unknown"), None);
    }
}
