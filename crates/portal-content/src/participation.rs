//! Citizens writing to the city, as the portal publishes it: public consultations on drafts
//! (`content/consultations.toml`, `/lay-y-kien`) and questions with their answers
//! (`content/questions/`, `/hoi-dap`). Sources → the contract's documents
//! (`portal_core::participation`); a consultation whose draft became a document of the register
//! is linked both ways (the consultation names the document, the document names it back).

use crate::generate::{Sink, emit};
use crate::source::{AttachmentSource, split_front_matter};
use anyhow::{Context, Result, bail};
use portal_core::datetime::VIETNAM_OFFSET_MINUTES;
use portal_core::participation::{
    ASK, Answer, AnswerCard, Answers, Asker, Consultation, ConsultationCard, ConsultationRef,
    ConsultationReport, Consultations, DraftSection, QuestionField, STATUS, answer_doc,
    answers_doc, consultation_doc, consultations_doc,
};
use portal_core::slug::is_valid_slug;
use portal_core::{API_VERSION, Date, DateTime, Document, Lang};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// `content/consultations.toml`: one `[[consultations]]` table each (see content/README.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationsFile {
    #[serde(default)]
    pub consultations: Vec<ConsultationSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationSource {
    pub slug: String,
    pub title: String,
    pub drafted_by: String,
    pub summary: String,
    /// `YYYY-MM-DD`: comments are taken from the start of `opens` to the end of `closes`.
    pub opens: String,
    pub closes: String,
    /// The slug of the register's document the draft became, once issued (`documents.toml`).
    pub document: Option<String>,
    /// Files under `public/files`: the draft, the explanatory note (`tờ trình`), …
    #[serde(default)]
    pub files: Vec<AttachmentSource>,
    #[serde(default)]
    pub sections: Vec<SectionSource>,
    pub report: Option<ReportSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSource {
    pub id: String,
    pub title: String,
}

/// What the city published about the comments, once the consultation closed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSource {
    pub published: String,
    pub comments: u32,
    /// Markdown, rendered as an article's body is.
    pub summary: String,
    pub file: Option<AttachmentSource>,
}

/// `content/questions/fields.toml`: the fields questions are filed under, in the list's order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldsFile {
    #[serde(default)]
    pub fields: Vec<FieldSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSource {
    pub slug: String,
    pub name: String,
}

/// A question's front matter (`content/questions/<slug>.md`); the body is the answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFront {
    /// The question in a line: the page's title.
    pub title: String,
    /// A slug of `fields.toml`.
    pub field: String,
    /// The question as asked: plain text, never Markdown.
    pub question: String,
    pub asker: AskerSource,
    /// RFC 3339 with the +07:00 offset.
    pub asked: String,
    pub answered_by: String,
    pub answered: String,
    /// Slugs of the register's documents the answer rests on.
    #[serde(default)]
    pub documents: Vec<String>,
}

/// Who asked, as published: a first name and a district, never more.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskerSource {
    pub first_name: String,
    #[serde(default)]
    pub district: String,
}

/// A question source after parsing, before rendering.
#[derive(Debug, Clone)]
pub struct QuestionSource {
    pub path: PathBuf,
    /// The file's name without `.md`.
    pub slug: String,
    pub front: QuestionFront,
    pub asked: DateTime,
    pub answered: DateTime,
    pub markdown: String,
}

/// Every participation source of a content folder; `None` where the folder has none.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub consultations: Option<Vec<ConsultationSource>>,
    /// The fields and the questions (`content/questions/`).
    pub questions: Option<(Vec<FieldSource>, Vec<QuestionSource>)>,
}

/// The documents the sources make, checked and linked.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub consultations: Option<Vec<Consultation>>,
    pub answers: Option<(Vec<QuestionField>, Vec<Answer>)>,
}

/// The file the consultations are read from, relative to the content folder.
pub const CONSULTATIONS_FILE: &str = "consultations.toml";
/// The folder of the questions and, in it, the file of their fields.
pub const QUESTIONS_DIR: &str = "questions";
pub const FIELDS_FILE: &str = "fields.toml";

fn date(field: &str, value: &str) -> Result<Date> {
    Date::parse(value).with_context(|| format!("{field} {value:?}"))
}

fn vietnam_time(field: &str, value: &str) -> Result<DateTime> {
    let t = DateTime::parse(value).with_context(|| format!("{field} {value:?}"))?;
    if t.offset_minutes != VIETNAM_OFFSET_MINUTES {
        bail!("{field} must carry the +07:00 offset");
    }
    Ok(t)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Parses `<slug>.md`: TOML front matter between `+++` lines, then the answer in Markdown.
pub fn parse_question(path: &Path, text: &str) -> Result<QuestionSource> {
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (front, body) = split_front_matter(text)?;
    let front: QuestionFront = toml::from_str(front).context("front matter")?;
    let asked = vietnam_time("asked", &front.asked)?;
    let answered = vietnam_time("answered", &front.answered)?;
    if answered < asked {
        bail!("answered is before asked");
    }
    Ok(QuestionSource {
        path: path.to_path_buf(),
        slug,
        front,
        asked,
        answered,
        markdown: body.to_owned(),
    })
}

/// Reads `consultations.toml` and `questions/` (its `fields.toml` and every `*.md`, sorted by
/// name so the output never depends on directory order), each only if it is there.
pub fn load(content: &Path) -> Result<Sources> {
    let mut sources = Sources::default();
    let file = content.join(CONSULTATIONS_FILE);
    if file.exists() {
        let parsed: ConsultationsFile =
            toml::from_str(&read(&file)?).with_context(|| format!("parsing {}", file.display()))?;
        sources.consultations = Some(parsed.consultations);
    }
    let dir = content.join(QUESTIONS_DIR);
    if dir.is_dir() {
        let fields_path = dir.join(FIELDS_FILE);
        let fields: FieldsFile = toml::from_str(&read(&fields_path)?)
            .with_context(|| format!("parsing {}", fields_path.display()))?;
        let mut files = Vec::new();
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
        files.sort();
        let questions = files
            .iter()
            .map(|p| parse_question(p, &read(p)?).with_context(|| format!("in {}", p.display())))
            .collect::<Result<Vec<_>>>()?;
        sources.questions = Some((fields.fields, questions));
    }
    Ok(sources)
}

/// One consultation source → its document (the inverse link on the register's document is
/// `build`'s). `documents` are the register's, by slug.
pub fn to_consultation(
    src: &ConsultationSource,
    documents: &HashMap<&str, &Document>,
    public: &Path,
) -> Result<Consultation> {
    if !is_valid_slug(&src.slug) {
        bail!("slug {:?} is not valid", src.slug);
    }
    for (name, value) in [
        ("title", &src.title),
        ("drafted_by", &src.drafted_by),
        ("summary", &src.summary),
    ] {
        if value.trim().is_empty() {
            bail!("{name} is empty");
        }
    }
    let opens = date("opens", &src.opens)?;
    let closes = date("closes", &src.closes)?;
    if closes < opens {
        bail!("closes is before opens");
    }
    let mut ids = HashSet::new();
    let mut sections = Vec::new();
    for s in &src.sections {
        if !is_valid_slug(&s.id) {
            bail!("section id {:?} is not a valid slug", s.id);
        }
        if !ids.insert(s.id.as_str()) {
            bail!("section id {:?} is used twice", s.id);
        }
        if s.title.trim().is_empty() {
            bail!("section {:?} has no title", s.id);
        }
        sections.push(DraftSection {
            id: s.id.clone(),
            title: s.title.trim().to_owned(),
        });
    }
    let document = match &src.document {
        Some(slug) => Some(
            documents
                .get(slug.as_str())
                .with_context(|| format!("unknown document {slug:?}"))?
                .reference(),
        ),
        None => None,
    };
    let report = match &src.report {
        Some(r) => {
            let published = date("report.published", &r.published)?;
            if published < closes {
                bail!("the report is published before the consultation closes");
            }
            if r.summary.trim().is_empty() {
                bail!("the report has no summary");
            }
            let file = match &r.file {
                Some(f) => crate::attachments(std::slice::from_ref(f), public)
                    .context("report")?
                    .pop(),
                None => None,
            };
            Some(ConsultationReport {
                published,
                comments: r.comments,
                summary_html: crate::body(&r.summary, public)
                    .context("report summary")?
                    .html,
                file,
            })
        }
        None => None,
    };
    Ok(Consultation {
        version: API_VERSION,
        lang: Lang::Vi,
        slug: src.slug.clone(),
        title: src.title.trim().to_owned(),
        drafted_by: src.drafted_by.trim().to_owned(),
        summary: src.summary.trim().to_owned(),
        opens,
        closes,
        files: crate::attachments(&src.files, public)?,
        sections,
        document,
        report,
    })
}

/// One question source → its answer. `fields` are the known fields; `documents` the
/// register's, by slug.
pub fn to_answer(
    src: &QuestionSource,
    fields: &[QuestionField],
    documents: &HashMap<&str, &Document>,
    public: &Path,
) -> Result<Answer> {
    let f = &src.front;
    if !is_valid_slug(&src.slug) {
        bail!("slug {:?} (the file's name) is not valid", src.slug);
    }
    // `/hoi-dap/gui-cau-hoi` and `/hoi-dap/tra-cuu` are the form's and the status page's.
    if [ASK, STATUS].contains(&src.slug.as_str()) {
        bail!("slug {:?} is the address of another page", src.slug);
    }
    if !fields.iter().any(|k| k.slug == f.field) {
        bail!("unknown field {:?} (fields.toml)", f.field);
    }
    for (name, value) in [
        ("title", &f.title),
        ("question", &f.question),
        ("answered_by", &f.answered_by),
        ("asker.first_name", &f.asker.first_name),
    ] {
        if value.trim().is_empty() {
            bail!("{name} is empty");
        }
    }
    if src.markdown.trim().is_empty() {
        bail!("the answer (the body) is empty");
    }
    let mut refs = Vec::new();
    for slug in &f.documents {
        let d = documents
            .get(slug.as_str())
            .with_context(|| format!("unknown document {slug:?}"))?;
        if refs
            .iter()
            .any(|r: &portal_core::DocumentRef| r.slug == *slug)
        {
            bail!("document {slug:?} is named twice");
        }
        refs.push(d.reference());
    }
    Ok(Answer {
        version: API_VERSION,
        lang: Lang::Vi,
        slug: src.slug.clone(),
        title: f.title.trim().to_owned(),
        field: f.field.clone(),
        question: f.question.trim().to_owned(),
        asker: Asker {
            first_name: f.asker.first_name.trim().to_owned(),
            district: f.asker.district.trim().to_owned(),
        },
        asked: src.asked,
        answer_html: crate::body(&src.markdown, public)?.html,
        answered_by: f.answered_by.trim().to_owned(),
        answered: src.answered,
        documents: refs,
    })
}

/// Checks and converts every source; each consultation whose draft became a document of
/// `documents` is named on that document (`Document::consultation`).
pub fn build(sources: &Sources, documents: &mut [Document], public: &Path) -> Result<Built> {
    let mut built = Built::default();
    let mut named: Vec<(String, ConsultationRef)> = Vec::new();
    {
        let by_slug: HashMap<&str, &Document> =
            documents.iter().map(|d| (d.slug.as_str(), d)).collect();
        if let Some(list) = &sources.consultations {
            let mut slugs = HashSet::new();
            let mut out = Vec::new();
            for src in list {
                let c = to_consultation(src, &by_slug, public).with_context(|| {
                    format!("consultation {:?} in {CONSULTATIONS_FILE}", src.slug)
                })?;
                if !slugs.insert(c.slug.clone()) {
                    bail!("consultation slug {:?} is used twice", c.slug);
                }
                if let Some(d) = &c.document {
                    if let Some((_, other)) = named.iter().find(|(s, _)| *s == d.slug) {
                        bail!(
                            "document {:?} is named by two consultations ({:?} and {:?})",
                            d.slug,
                            other.slug,
                            c.slug
                        );
                    }
                    named.push((
                        d.slug.clone(),
                        ConsultationRef {
                            slug: c.slug.clone(),
                            title: c.title.clone(),
                        },
                    ));
                }
                out.push(c);
            }
            built.consultations = Some(out);
        }
        if let Some((field_sources, questions)) = &sources.questions {
            let mut fields: Vec<QuestionField> = Vec::new();
            for f in field_sources {
                if !is_valid_slug(&f.slug) || f.name.trim().is_empty() {
                    bail!(
                        "{FIELDS_FILE}: field {:?} needs a valid slug and a name",
                        f.slug
                    );
                }
                if fields.iter().any(|k| k.slug == f.slug) {
                    bail!("{FIELDS_FILE}: field {:?} is listed twice", f.slug);
                }
                fields.push(QuestionField {
                    slug: f.slug.clone(),
                    name: f.name.trim().to_owned(),
                });
            }
            let mut slugs = HashSet::new();
            let mut answers = Vec::new();
            for q in questions {
                let a = to_answer(q, &fields, &by_slug, public)
                    .with_context(|| format!("in {}", q.path.display()))?;
                if !slugs.insert(a.slug.clone()) {
                    bail!("question slug {:?} is used twice", a.slug);
                }
                answers.push(a);
            }
            built.answers = Some((fields, answers));
        }
    }
    for d in documents.iter_mut() {
        d.consultation = named
            .iter()
            .find(|(slug, _)| *slug == d.slug)
            .map(|(_, r)| r.clone());
    }
    Ok(built)
}

/// Writes the consultations (`consultations/index.json` and one document each) and the answers
/// (`questions/index.json`, newest answered first, and one document each).
pub fn write(built: &Built, sink: &mut dyn Sink) -> Result<()> {
    if let Some(list) = &built.consultations {
        // Any order will do (the page orders them on the reader's day); newest opened first.
        let mut items: Vec<ConsultationCard> = list.iter().map(ConsultationCard::from).collect();
        items.sort_by(|a, b| b.opens.cmp(&a.opens).then_with(|| a.slug.cmp(&b.slug)));
        for c in list {
            emit(sink, consultation_doc(&c.slug).unwrap_or_default(), c)?;
        }
        emit(
            sink,
            consultations_doc(),
            &Consultations {
                version: API_VERSION,
                items,
            },
        )?;
    }
    if let Some((fields, answers)) = &built.answers {
        let mut items: Vec<AnswerCard> = answers.iter().map(AnswerCard::from).collect();
        items.sort_by(|a, b| {
            b.answered
                .cmp(&a.answered)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        for a in answers {
            emit(sink, answer_doc(&a.slug).unwrap_or_default(), a)?;
        }
        emit(
            sink,
            answers_doc(),
            &Answers {
                version: API_VERSION,
                fields: fields.clone(),
                items,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::MemorySink;

    const QUESTION: &str = "+++\ntitle = \"Đổi giấy phép lái xe ở đâu?\"\nfield = \"giao-thong\"\nquestion = \"Tôi tạm trú ở Thành phố.\"\nasker = { first_name = \"Khải\", district = \"phường Mai Dịch\" }\nasked = \"2026-11-02T08:00:00+07:00\"\nanswered_by = \"Sở Xây dựng\"\nanswered = \"2026-11-09T10:00:00+07:00\"\n+++\n\nĐổi tại bất kỳ tỉnh nào.\n";

    const CONSULTATION: &str = r#"
[[consultations]]
slug = "gia-trong-giu-xe"
title = "Dự thảo Quyết định quy định giá dịch vụ trông giữ xe"
drafted_by = "Sở Tài chính"
summary = "Giá theo ba khu vực."
opens = "2026-06-15"
closes = "2026-07-15"
document = "qd-41-2026-qd-ubnd"
sections = [
  { id = "dieu-1", title = "Điều 1. Phạm vi điều chỉnh" },
  { id = "dieu-2", title = "Điều 2. Giá trông giữ xe máy" },
]
"#;

    fn fields() -> Vec<FieldSource> {
        vec![FieldSource {
            slug: "giao-thong".into(),
            name: "Giao thông".into(),
        }]
    }

    fn question(name: &str, text: &str) -> Sources {
        let q = parse_question(Path::new(name), text).unwrap();
        Sources {
            consultations: None,
            questions: Some((fields(), vec![q])),
        }
    }

    fn consultations(text: &str) -> Sources {
        let file: ConsultationsFile = toml::from_str(text).unwrap();
        Sources {
            consultations: Some(file.consultations),
            questions: None,
        }
    }

    fn register() -> Vec<Document> {
        vec![
            Document {
                slug: "qd-41-2026-qd-ubnd".into(),
                number: "41/2026/QĐ-UBND".into(),
                summary: "Quy định giá cụ thể dịch vụ trông giữ xe".into(),
                issued: Date::parse("2026-09-04").unwrap(),
                ..Default::default()
            },
            Document {
                slug: "qd-12-2021-qd-ubnd".into(),
                number: "12/2021/QĐ-UBND".into(),
                issued: Date::parse("2021-06-18").unwrap(),
                ..Default::default()
            },
        ]
    }

    fn error(result: Result<Built>) -> String {
        format!("{:#}", result.expect_err("refused"))
    }

    #[test]
    fn a_question_is_read_from_its_file() {
        let mut docs = register();
        let built = build(
            &question("questions/doi-giay-phep.md", QUESTION),
            &mut docs,
            Path::new("."),
        )
        .unwrap();
        let (fields, answers) = built.answers.unwrap();
        assert_eq!(fields[0].name, "Giao thông");
        let a = &answers[0];
        assert_eq!(
            (a.slug.as_str(), a.field.as_str()),
            ("doi-giay-phep", "giao-thong")
        );
        assert_eq!(a.asker.first_name, "Khải");
        assert_eq!(a.answer_html, "<p>Đổi tại bất kỳ tỉnh nào.</p>\n");
    }

    #[test]
    fn reserved_slugs_are_refused() {
        for word in [ASK, STATUS] {
            let mut docs = register();
            let e = error(build(
                &question(&format!("questions/{word}.md"), QUESTION),
                &mut docs,
                Path::new("."),
            ));
            assert!(e.contains("address of another page"), "{e}");
        }
    }

    #[test]
    fn a_question_of_an_unknown_field_is_refused() {
        let mut docs = register();
        let text = QUESTION.replace("\"giao-thong\"", "\"thue\"");
        let e = error(build(
            &question("questions/a.md", &text),
            &mut docs,
            Path::new("."),
        ));
        assert!(e.contains("unknown field \"thue\""), "{e}");
    }

    #[test]
    fn a_question_naming_an_unknown_document_or_answered_before_asked_is_refused() {
        let mut docs = register();
        let text = QUESTION.replace("+++\n\n", "documents = [\"qd-99\"]\n+++\n\n");
        let e = error(build(
            &question("questions/a.md", &text),
            &mut docs,
            Path::new("."),
        ));
        assert!(e.contains("unknown document \"qd-99\""), "{e}");
        let text = QUESTION.replace("2026-11-09", "2026-11-01");
        assert!(parse_question(Path::new("a.md"), &text).is_err());
        let text = QUESTION.replace("08:00:00+07:00", "08:00:00Z");
        assert!(parse_question(Path::new("a.md"), &text).is_err());
    }

    #[test]
    fn the_document_and_the_consultation_name_each_other() {
        let mut docs = register();
        let built = build(&consultations(CONSULTATION), &mut docs, Path::new(".")).unwrap();
        let mut sink = MemorySink::default();
        write(&built, &mut sink).unwrap();
        crate::documents::write(docs, &[], &mut sink).unwrap();
        let read =
            |path: String| -> serde_json::Value { serde_json::from_slice(&sink.0[&path]).unwrap() };
        let c: Consultation =
            serde_json::from_value(read(consultation_doc("gia-trong-giu-xe").unwrap())).unwrap();
        let d = c.document.expect("the consultation names its document");
        assert_eq!(
            (d.slug.as_str(), d.number.as_str()),
            ("qd-41-2026-qd-ubnd", "41/2026/QĐ-UBND")
        );
        let doc = |slug: &str| -> Document {
            let path = portal_core::legal::register::document_doc(slug).unwrap();
            serde_json::from_value(read(path)).unwrap()
        };
        assert_eq!(
            doc("qd-41-2026-qd-ubnd").consultation,
            Some(ConsultationRef {
                slug: "gia-trong-giu-xe".into(),
                title: "Dự thảo Quyết định quy định giá dịch vụ trông giữ xe".into(),
            })
        );
        assert_eq!(doc("qd-12-2021-qd-ubnd").consultation, None);
        let index: Consultations = serde_json::from_value(read(consultations_doc())).unwrap();
        assert_eq!(index.items.len(), 1);
        assert_eq!(index.items[0].slug, "gia-trong-giu-xe");
        assert_eq!(c.sections.len(), 2);
    }

    #[test]
    fn bad_consultations_are_refused() {
        let refused = |from: &str, to: &str, says: &str| {
            let mut docs = register();
            let e = error(build(
                &consultations(&CONSULTATION.replace(from, to)),
                &mut docs,
                Path::new("."),
            ));
            assert!(e.contains(says), "{from} → {to}: {e}");
        };
        refused("2026-07-15", "2026-06-14", "closes is before opens");
        refused("2026-07-15", "2026-07-32", "closes");
        refused("\"dieu-2\"", "\"dieu-1\"", "used twice");
        refused("\"dieu-2\"", "\"Điều 2\"", "not a valid slug");
        refused("qd-41-2026-qd-ubnd", "qd-99", "unknown document \"qd-99\"");
        // Two consultations cannot both have become the same document.
        let twice = format!(
            "{CONSULTATION}{}",
            CONSULTATION
                .replace("slug = \"gia-trong-giu-xe\"", "slug = \"lan-hai\"")
                .replace("[[consultations]]", "\n[[consultations]]")
        );
        let mut docs = register();
        let e = error(build(&consultations(&twice), &mut docs, Path::new(".")));
        assert!(e.contains("named by two consultations"), "{e}");
    }
}
