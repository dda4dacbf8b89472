//! Specimen files for documents whose real file the sample does not have: a one-page PDF naming
//! the document and saying it is a specimen, so that every document of the sample and of the
//! synthetic archive has a file to download. The PDF's standard font has no Vietnamese letters,
//! so its text is written without diacritics (the page says what it is; the register's own page
//! carries the exact words).

use unicode_normalization::UnicodeNormalization;

/// The last line of every specimen.
const STAMP: &str = "Ban mau minh hoa - Cong Thong tin dien tu Thanh pho";
/// Characters per line before a line is wrapped (Helvetica 12 on an A4 page with 1-inch margins).
const WIDTH: usize = 78;

/// `text` in the PDF font's letters: diacritics dropped, đ → d, anything else outside printable
/// ASCII a space.
pub fn plain(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            '–' | '—' => '-',
            c if c.is_ascii_graphic() || c == ' ' => c,
            _ => ' ',
        })
        .collect()
}

/// `text` cut into lines of at most [`WIDTH`] characters at spaces (a longer word is cut).
fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.len() > WIDTH {
            let rest = line.split_off(WIDTH);
            lines.push(std::mem::replace(&mut line, rest));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A PDF string literal's text: its delimiters and backslash escaped.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

/// A one-page PDF: `heading` in large type, then each paragraph of `body` wrapped, then the
/// specimen stamp. Deterministic (no dates, no ids), so a rebuild writes the same bytes.
pub fn pdf(heading: &str, body: &[String]) -> Vec<u8> {
    let mut text = format!(
        "BT\n/F1 16 Tf\n72 770 Td\n20 TL\n({}) Tj T*\n/F1 12 Tf\n16 TL\n",
        escape(&plain(heading))
    );
    for paragraph in body {
        for line in wrap(&plain(paragraph)) {
            text.push_str(&format!("({}) Tj T*\n", escape(&line)));
        }
    }
    text.push_str(&format!("T* ({STAMP}) Tj\nET\n"));
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A document's specimen: its issuer, its kind and number with the date of issue, its summary.
pub fn document_pdf(
    issuer: &str,
    kind: &str,
    number: &str,
    issued: &str,
    summary: &str,
) -> Vec<u8> {
    pdf(
        &issuer.to_uppercase(),
        &[
            format!("{kind} so {number} ngay {issued}"),
            summary.to_owned(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_written_without_marks() {
        assert_eq!(
            plain("Quyết định số 27/2024/QĐ-UBND – Hà Nội"),
            "Quyet dinh so 27/2024/QD-UBND - Ha Noi"
        );
        assert_eq!(plain("a😀b"), "a b");
    }

    #[test]
    fn the_file_is_a_pdf_whose_cross_references_point_at_its_objects() {
        let summary = "Quy định (tạm thời) về \\ quản lý ".repeat(8);
        let bytes = pdf("Ủy ban nhân dân Thành phố", &[summary]);
        // The binary comment's bytes as '?', so offsets into the text are offsets into the file.
        let text: String = bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '?' })
            .collect();
        assert!(text.starts_with("%PDF-1.4\n"));
        assert!(text.ends_with("%%EOF\n"));
        assert!(text.contains("(Uy ban nhan dan Thanh pho) Tj"));
        assert!(text.contains("\\(tam thoi\\)") && text.contains("\\\\"));
        // Every line of text fits the page.
        assert!(
            text.lines()
                .filter(|l| l.ends_with(") Tj T*"))
                .all(|l| l.len() < WIDTH + 20)
        );
        // startxref names the xref table, and each entry its object.
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|s| s.lines().next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        assert!(text[start..].starts_with("xref\n0 6\n"));
        for (i, entry) in text[start..].lines().skip(3).take(5).enumerate() {
            let at: usize = entry[..10].parse().unwrap_or(0);
            assert!(
                text[at..].starts_with(&format!("{} 0 obj", i + 1)),
                "object {}",
                i + 1
            );
        }
        // The stream's length is its content's.
        let length: usize = text
            .split("/Length ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let stream = text.split_once(">>\nstream\n").map_or("", |(_, s)| s);
        assert_eq!(stream.find("endstream"), Some(length));
        assert_eq!(pdf("a", &[]), pdf("a", &[]));
    }
}
