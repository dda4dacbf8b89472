//! Synthetic archives for scale tests: N plausible articles spread over the leaf categories and
//! over ten years, written with the same generator as the sample. Their bodies are sentences drawn
//! from the sample's own articles ([`corpus`]), so the text varies as real text does: a search index
//! or a compression ratio measured on it means something (templated text compresses far better
//! than any real archive).

use crate::generate::{Catalogue, Sink, generate_with};
use crate::source::{ArticleSource, SiteSource};
use anyhow::{Result, bail};
use portal_core::slug::slugify;
use portal_core::{
    API_VERSION, Article, Attachment, Date, DateTime, Document, DocumentLink, DocumentRef, Image,
    Signer,
};

const SUBJECTS: &[&str] = &[
    "Ủy ban nhân dân phường",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Ban quản lý dự án",
    "Trung tâm Phục vụ hành chính công",
    "Sở Tài nguyên và Môi trường",
];
const ACTIONS: &[&str] = &[
    "triển khai kế hoạch",
    "tổng kết đợt kiểm tra",
    "lấy ý kiến người dân về",
    "hướng dẫn thực hiện",
    "đẩy nhanh tiến độ",
    "công bố kết quả",
];
const OBJECTS: &[&str] = &[
    "cải tạo hạ tầng khu dân cư",
    "chỉnh trang vỉa hè và cây xanh",
    "tiêm chủng mở rộng",
    "chuyển đổi số trong trường học",
    "phòng cháy, chữa cháy nhà ở",
    "thu gom, phân loại rác tại nguồn",
    "giải quyết thủ tục hành chính trực tuyến",
];
const PARAGRAPHS: &[&str] = &[
    "Theo kế hoạch, các đơn vị liên quan rà soát hiện trạng, lập danh mục việc cần làm và báo cáo kết quả theo từng tháng.",
    "Người dân có thể theo dõi tiến độ và gửi góp ý qua bộ phận một cửa hoặc trên Cổng thông tin điện tử của Thành phố.",
    "Lãnh đạo đơn vị đề nghị các phòng chuyên môn phối hợp chặt chẽ, bảo đảm an toàn và hạn chế ảnh hưởng tới sinh hoạt của người dân.",
    "Kinh phí thực hiện được bố trí từ ngân sách và các nguồn hợp pháp khác, công khai theo quy định.",
    "Kết quả sẽ được đánh giá vào cuối năm, làm cơ sở để nhân rộng cách làm hiệu quả ra các địa bàn khác.",
];
const MEDIA: &[(&str, &str)] = &[
    ("media/do-thi.svg", "Minh họa khu đô thị"),
    ("media/giao-thong.svg", "Minh họa tuyến đường đô thị"),
    ("media/hop-bao.svg", "Minh họa phòng họp"),
    ("media/cong-vien.svg", "Minh họa công viên"),
];

/// Small deterministic mixer, so the same `count` always yields the same archive.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

fn pick<T: Copy>(list: &[T], seed: u64) -> T {
    list[(seed % list.len() as u64) as usize]
}

/// The sentences of the sample's articles (titles, leads and body paragraphs, Markdown marks
/// removed), to draw synthetic bodies from.
pub fn corpus(sources: &[ArticleSource]) -> Vec<String> {
    let mut out = Vec::new();
    for a in sources {
        out.push(a.front.title.clone());
        out.push(a.front.lead.clone());
        for line in a.markdown.lines() {
            let line = line.trim();
            // Prose only: no headings, tables, images, quotes or list markers' short items.
            if line.is_empty() || line.starts_with(['#', '|', '!', '>', '<']) {
                continue;
            }
            let text: String = line
                .trim_start_matches(['-', '*', '+', ' '])
                .chars()
                .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
                .collect();
            for sentence in text.split_inclusive(". ") {
                let sentence = sentence.trim();
                if sentence.split_whitespace().count() >= 6 && !sentence.contains("](") {
                    out.push(sentence.to_owned());
                }
            }
        }
    }
    out
}

/// A body of 2–5 paragraphs of 2–5 sentences each, drawn from `corpus` (or the fixed paragraphs
/// when it is empty).
fn body(corpus: &[String], r: u64) -> String {
    let paragraphs = 2 + (r >> 32) % 4;
    (0..paragraphs)
        .map(|p| {
            if corpus.is_empty() {
                return format!("<p>{}</p>\n", pick(PARAGRAPHS, (r >> 36) + p));
            }
            let seed = mix(r ^ (p + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            let sentences = 2 + seed % 4;
            let text: Vec<&str> = (0..sentences)
                .filter_map(|s| corpus.get((mix(seed + s) % corpus.len() as u64) as usize))
                .map(String::as_str)
                .collect();
            let mut html = String::from("<p>");
            portal_core::html::text(&mut html, &text.join(" "));
            html + "</p>\n"
        })
        .collect()
}

/// Builds `count` synthetic articles for the given catalogue, their bodies drawn from `corpus`.
pub fn articles(cat: &Catalogue, count: u64, corpus: &[String]) -> Result<Vec<Article>> {
    let archive = Archive::new(cat, count, corpus)?;
    (0..count).map(|n| archive.article(n)).collect()
}

/// A synthetic archive of `count` articles, read by number: the same article every time, so a
/// large archive can be read again instead of held.
pub struct Archive<'a> {
    cat: &'a Catalogue,
    leaves: Vec<&'a str>,
    corpus: &'a [String],
    /// The newest article's time (Unix seconds) and the seconds between two articles.
    newest: i64,
    step: i64,
}

impl<'a> Archive<'a> {
    pub fn new(cat: &'a Catalogue, count: u64, corpus: &'a [String]) -> Result<Self> {
        let leaves = cat.leaves();
        if leaves.is_empty() {
            bail!("no leaf categories");
        }
        // Newest at 2026-11-20 08:00 +07:00, oldest about ten years earlier.
        let newest = DateTime::parse("2026-11-20T08:00:00+07:00")?.unix_seconds();
        let span: i64 = 10 * 365 * 86_400;
        let step = (span / count.max(1) as i64).max(1);
        Ok(Archive {
            cat,
            leaves,
            corpus,
            newest,
            step,
        })
    }

    /// Article `n` (0 is the newest).
    pub fn article(&self, n: u64) -> Result<Article> {
        let mut a = self.heading(n)?;
        self.fill(&mut a);
        Ok(a)
    }

    /// Gives an article of this archive (from [`Archive::heading`]) its body.
    pub fn fill(&self, a: &mut Article) {
        if a.body_html.is_empty() {
            a.body_html = body(self.corpus, mix(a.id));
        }
    }

    /// Article `n` without its body: everything a list, a feed or the register needs, a few
    /// hundred bytes where the body is kilobytes (1,000,000 of them are held at once).
    pub fn heading(&self, n: u64) -> Result<Article> {
        let Archive {
            cat,
            leaves,
            newest,
            step,
            ..
        } = self;
        let (newest, step) = (*newest, *step);
        let r = mix(n + 1);
        let leaf = pick(leaves, r);
        let title = format!(
            "{} {} {} (bản tin số {})",
            pick(SUBJECTS, r >> 8),
            pick(ACTIONS, r >> 16),
            pick(OBJECTS, r >> 24),
            n + 1
        );
        let slug = slugify(&title);
        let thumbnail = r.is_multiple_of(3).then(|| {
            let (src, alt) = pick(MEDIA, r >> 40);
            Image {
                src: src.to_owned(),
                alt: alt.to_owned(),
                width: Some(1200),
                height: Some(675),
                caption: None,
            }
        });
        let Some(category_path) = cat.path_of(leaf) else {
            bail!("unknown leaf {leaf}")
        };
        Ok(Article {
            lang: portal_core::Lang::Vi,
            alternates: Vec::new(),
            version: API_VERSION,
            id: n + 1,
            slug,
            lead: format!("{} {}.", pick(SUBJECTS, r >> 8), pick(OBJECTS, r >> 24)),
            title,
            published: DateTime::from_unix_seconds(newest - n as i64 * step, 7 * 60),
            updated: None,
            author: "Bản tin tổng hợp".to_owned(),
            category_path,
            body_html: String::new(),
            thumbnail,
            images: Vec::new(),
            attachments: Vec::new(),
            tags: vec![pick(&["đô thị", "y tế", "giáo dục", "hành chính"], r >> 44).to_owned()],
            related: Vec::new(),
            document: None,
            featured: n < 3,
        })
    }
}

const KINDS: &[(&str, &str)] = &[
    ("Quyết định", "QĐ-UBND"),
    ("Kế hoạch", "KH-UBND"),
    ("Chỉ thị", "CT-UBND"),
    ("Thông báo", "TB-VP"),
    ("Công văn", "UBND-KT"),
    ("Nghị quyết", "NQ-HĐND"),
];
const ISSUERS: &[&str] = &[
    "Ủy ban nhân dân Thành phố",
    "Hội đồng nhân dân Thành phố",
    "Văn phòng UBND Thành phố",
    "Sở Xây dựng",
    "Sở Tài chính",
    "Sở Y tế",
];
const FIELDS: &[&str] = &[
    "Đất đai",
    "Giao thông – Đô thị",
    "Xây dựng",
    "Y tế",
    "Giáo dục – Đào tạo",
    "Tài chính – Ngân sách",
    "Cải cách hành chính",
    "Môi trường",
];

/// One document for every five articles (the register's 20,000 at 100,000 articles): document
/// `k` is cited by article `5k` and issued a few days before it; some replace, amend or guide
/// older ones. In the articles' order, so newest first.
pub fn documents(articles: &[Article]) -> Vec<Document> {
    let total = articles.len().div_ceil(5);
    let mut docs: Vec<Document> = Vec::with_capacity(total);
    for (k, a) in articles.iter().step_by(5).enumerate() {
        let r = mix(k as u64 + 7);
        let (kind, symbol) = pick(KINDS, r);
        let at = a.published.unix_seconds() - ((r >> 8) % 10) as i64 * 86_400;
        let issued = DateTime::from_unix_seconds(at, 7 * 60).date;
        let effective = DateTime::from_unix_seconds(at + 10 * 86_400, 7 * 60).date;
        let year = issued.year;
        let slug = format!("{}-{}-{}", k + 1, year, slugify(symbol));
        let mut relations = Vec::new();
        let mut link = |relation: &str, older: usize| {
            if older < total {
                relations.push(DocumentLink {
                    relation: relation.to_owned(),
                    document: DocumentRef {
                        slug: String::new(),
                        number: older.to_string(),
                        summary: String::new(),
                    },
                });
            }
        };
        match k % 9 {
            3 => link("replaces", k + 11),
            5 => link("amends", k + 4),
            7 => link("guides", k + 6),
            _ => {}
        }
        docs.push(Document {
            lang: portal_core::Lang::Vi,
            version: API_VERSION,
            slug,
            number: format!("{}/{year}/{symbol}", k + 1),
            kind: kind.to_owned(),
            field: pick(FIELDS, r >> 16).to_owned(),
            issuer: pick(ISSUERS, r >> 24).to_owned(),
            signer: Some(Signer {
                name: "Nguyễn Văn An".to_owned(),
                title: "Phó Chủ tịch UBND Thành phố".to_owned(),
            }),
            issued,
            effective: Some(effective),
            expires: None,
            status: None,
            summary: format!(
                "Về việc {} {}",
                pick(ACTIONS, r >> 32),
                pick(OBJECTS, r >> 40)
            ),
            body_html: None,
            files: Vec::new(),
            no_file: None,
            relations,
            cited_by: Vec::new(),
            consultation: None,
        });
    }
    // Links were written with the older document's position: name it by slug, and end what
    // is replaced (a replaced document expires when its successor takes effect; an amended one
    // is partly in force).
    let slugs: Vec<String> = docs.iter().map(|d| d.slug.clone()).collect();
    let mut ends: Vec<(usize, Option<Date>, &str)> = Vec::new();
    for d in &mut docs {
        for l in &mut d.relations {
            let older: usize = l.document.number.parse().unwrap_or(0);
            l.document.slug = slugs.get(older).cloned().unwrap_or_default();
            l.document.number.clear();
            match l.relation.as_str() {
                "replaces" => ends.push((older, d.effective, "")),
                "amends" => ends.push((older, None, "partly_in_force")),
                _ => {}
            }
        }
    }
    for (older, expires, status) in ends {
        if let Some(d) = docs.get_mut(older) {
            if expires.is_some() {
                d.expires = expires;
            }
            if !status.is_empty() {
                d.status = Some(status.to_owned());
            }
        }
    }
    docs
}

/// Gives `doc` its file, a specimen PDF written beside the documents (`documents/files/`, under the
/// API's base, so the synthetic tree is served whole wherever it is mounted as `api/v1`).
fn file_of(doc: &mut Document, sink: &mut dyn Sink) -> Result<()> {
    let bytes = crate::specimen::document_pdf(
        &doc.issuer,
        &doc.kind,
        &doc.number,
        &doc.issued.to_vietnamese(),
        &doc.summary,
    );
    let path = format!("documents/files/{}.pdf", doc.slug);
    doc.files = vec![Attachment {
        name: format!("Toàn văn {} số {}", doc.kind, doc.number),
        mime: "application/pdf".to_owned(),
        size: bytes.len() as u64,
        url: format!(
            "{}/{path}",
            portal_core::paths::API_BASE.trim_end_matches('/')
        ),
    }];
    sink.put(path, bytes)
}

/// Writes a complete synthetic API tree for `count` articles, their bodies drawn from `corpus`.
pub fn write(site: &SiteSource, count: u64, corpus: &[String], sink: &mut dyn Sink) -> Result<()> {
    let cat = Catalogue::new(&site.categories)?;
    // Held without their bodies; each body is made again when its article is written or indexed.
    let archive = Archive::new(&cat, count, corpus)?;
    let mut list = (0..count)
        .map(|n| archive.heading(n))
        .collect::<Result<Vec<_>>>()?;
    let mut docs = documents(&list);
    for d in &mut docs {
        file_of(d, sink)?;
    }
    for (a, d) in list.iter_mut().step_by(5).zip(&docs) {
        a.document = Some(crate::documents::legal_of(d));
    }
    let extras = crate::generate::Extras {
        register: !docs.is_empty(),
        ..Default::default()
    };
    // Each part's time on standard error, for scripts/scale.sh.
    let started = std::time::Instant::now();
    let lap = |part: &str, since: std::time::Instant| {
        eprintln!(
            "  {part}: {:.1} s{}",
            since.elapsed().as_secs_f64(),
            memory().map_or(String::new(), |m| format!(", {m}"))
        );
        std::time::Instant::now()
    };
    let list = generate_with(site, &cat, list, &extras, &|a| archive.fill(a), sink)?;
    let at = lap("articles, categories, home, feeds", started);
    crate::documents::write(docs, &list, sink)?;
    let at = lap("register", at);
    // The index reads the articles again by number (generate keeps them newest first, which is
    // their numbers' order), so the list and its bodies go first.
    drop(list);
    let by_number = |n: u32| archive.article(u64::from(n));
    let report = crate::search::build::build(
        &cat,
        u32::try_from(count)?,
        &by_number,
        sink,
        crate::search::build::Plan::default(),
    )?;
    lap(
        &format!(
            "search index ({} terms, {} postings, {} shards, {} tail files)",
            report.terms, report.postings, report.shards, report.tails
        ),
        at,
    );
    Ok(())
}

/// The process's memory now and at its peak so far, where the system tells (Linux).
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
    };
    Some(format!(
        "memory {} (peak {})",
        field("VmRSS:")?,
        field("VmHWM:")?
    ))
}
