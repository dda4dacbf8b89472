//! Small display helpers, in Vietnamese conventions.

/// `1234567` → `"1,2 MB"`: decimal comma, one decimal below 10, none above.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} byte");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = if value < 10.0 {
        format!("{:.1}", value)
    } else {
        format!("{:.0}", value)
    };
    format!("{} {}", text.replace('.', ","), UNITS[unit])
}

/// A short, readable name of a file type from its MIME type.
pub fn file_kind(mime: &str) -> &'static str {
    match mime.split(';').next().unwrap_or("").trim() {
        "application/pdf" => "PDF",
        "text/csv" => "CSV",
        "text/plain" => "TXT",
        "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/zip" => "ZIP",
        _ => "Tệp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(0), "0 byte");
        assert_eq!(human_size(1023), "1023 byte");
        assert_eq!(human_size(1024), "1,0 KB");
        assert_eq!(human_size(1_234), "1,2 KB");
        assert_eq!(human_size(56_789), "55 KB");
        assert_eq!(human_size(1_234_567), "1,2 MB");
        assert_eq!(human_size(u64::MAX), "16777216 TB");
    }

    #[test]
    fn kinds() {
        assert_eq!(file_kind("application/pdf"), "PDF");
        assert_eq!(file_kind("text/csv; charset=utf-8"), "CSV");
        assert_eq!(file_kind("application/x-unknown"), "Tệp");
    }
}
