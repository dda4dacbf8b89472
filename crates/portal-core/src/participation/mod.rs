//! Citizens writing to the city: public consultations on drafts (`/lay-y-kien`) and questions and
//! answers (`/hoi-dap`). The read documents are here; what a citizen sends, the rules it is held to
//! and the receiver's answers are in [`submit`], shared by the look-up app (which checks a form
//! before sending it) and the receiver (`crates/portal-receiver`, which checks it again).

pub mod submit;

use crate::datetime::{Date, DateTime};
use crate::i18n::Lang;
pub use crate::model::ConsultationRef;
use crate::model::{Attachment, DocumentRef};
use crate::slug::is_valid_slug;
use serde::{Deserialize, Serialize};

/// The first word of the consultations' addresses (`/lay-y-kien`, `/lay-y-kien/<slug>`).
pub const CONSULTATIONS: &str = "lay-y-kien";
/// The first word of the questions and answers (`/hoi-dap`, `/hoi-dap/<slug>`).
pub const QUESTIONS: &str = "hoi-dap";
/// `/hoi-dap/gui-cau-hoi`: the form that sends a question.
pub const ASK: &str = "gui-cau-hoi";
/// `/hoi-dap/tra-cuu?ma=<reference>`: a sent question's state, by its reference.
pub const STATUS: &str = "tra-cuu";
/// The status page's query parameter: the reference code.
pub const CODE_PARAM: &str = "ma";
/// The portal's own page (`/gioi-thieu/<slug>`) that says how personal data sent through the
/// forms is processed (Decree 13/2023/NĐ-CP): the consent box links to it.
pub const PRIVACY_PAGE: &str = "bao-ve-du-lieu-ca-nhan";
/// The questions list's filters: the field, and a text folded as search folds it.
pub const FIELD_PARAM: &str = "linh-vuc";
pub const TEXT_PARAM: &str = "q";

/// `consultations/index.json`.
pub fn consultations_doc() -> String {
    "consultations/index.json".to_owned()
}

/// `consultations/<slug>.json`, or `None` when the slug could not name a document.
pub fn consultation_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("consultations/{slug}.json"))
}

/// `questions/index.json`: every published answer's card and the fields.
pub fn answers_doc() -> String {
    "questions/index.json".to_owned()
}

/// `questions/<slug>.json`, or `None` when the slug could not name a document.
pub fn answer_doc(slug: &str) -> Option<String> {
    is_valid_slug(slug).then(|| format!("questions/{slug}.json"))
}

/// A part of a draft that a comment can address (`Điều 3`, `Chương II`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSection {
    /// Sent with a comment (`dieu-3`).
    pub id: String,
    pub title: String,
}

/// What the city published about the comments it received, once the consultation closed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsultationReport {
    pub published: Date,
    /// How many comments were received.
    pub comments: u32,
    /// Untrusted HTML, sanitized like an article's body.
    pub summary_html: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Attachment>,
}

/// `consultations/<slug>.json`: a draft put out for public comment (`/lay-y-kien/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    pub version: u32,
    #[serde(default)]
    pub lang: Lang,
    pub slug: String,
    /// The draft's title (`Dự thảo Quyết định ban hành Quy định …`).
    pub title: String,
    /// The body that drafted it (`Sở Tư pháp`).
    pub drafted_by: String,
    pub summary: String,
    /// Comments are taken from the start of `opens` to the end of `closes` (Vietnam's time).
    pub opens: Date,
    pub closes: Date,
    /// The draft, the explanatory note (`tờ trình`), …
    #[serde(default)]
    pub files: Vec<Attachment>,
    /// The parts a comment may address; a comment may also address the whole draft.
    #[serde(default)]
    pub sections: Vec<DraftSection>,
    /// The register's document this draft became, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ConsultationReport>,
}

/// A consultation in the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationCard {
    pub slug: String,
    pub title: String,
    pub drafted_by: String,
    pub opens: Date,
    pub closes: Date,
    #[serde(default)]
    pub reported: bool,
}

impl From<&Consultation> for ConsultationCard {
    fn from(c: &Consultation) -> Self {
        ConsultationCard {
            slug: c.slug.clone(),
            title: c.title.clone(),
            drafted_by: c.drafted_by.clone(),
            opens: c.opens,
            closes: c.closes,
            reported: c.report.is_some(),
        }
    }
}

/// `consultations/index.json`: every consultation, in any order (the page orders them on the
/// reader's day: [`ordered`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultations {
    pub version: u32,
    pub items: Vec<ConsultationCard>,
}

/// Where a consultation stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Not open yet.
    Upcoming,
    /// Open: `days_left` counts the closing day (1 on the last day).
    Open {
        days_left: u32,
    },
    Closed,
}

/// The consultation's period on `today`: open from `opens` through `closes`, both included.
pub fn period(opens: Date, closes: Date, today: Date) -> Period {
    if today < opens {
        Period::Upcoming
    } else if today > closes {
        Period::Closed
    } else {
        Period::Open {
            days_left: (days(closes) - days(today) + 1).max(1) as u32,
        }
    }
}

/// Days since 1970-01-01 (proleptic Gregorian): what lets two dates be subtracted.
fn days(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 {
        (i64::from(d.year) - 1, i64::from(d.month) + 9)
    } else {
        (i64::from(d.year), i64::from(d.month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The list as the page shows it on `today`: open consultations first, closing soonest first;
/// then upcoming ones, opening soonest first; then closed ones, latest closed first.
pub fn ordered(items: &[ConsultationCard], today: Date) -> Vec<(Period, &ConsultationCard)> {
    let mut list: Vec<_> = items
        .iter()
        .map(|c| (period(c.opens, c.closes, today), c))
        .collect();
    list.sort_by(|(pa, a), (pb, b)| {
        let rank = |p: &Period| match p {
            Period::Open { .. } => 0,
            Period::Upcoming => 1,
            Period::Closed => 2,
        };
        rank(pa).cmp(&rank(pb)).then_with(|| match pa {
            Period::Closed => b.closes.cmp(&a.closes),
            Period::Upcoming => a.opens.cmp(&b.opens),
            Period::Open { .. } => a.closes.cmp(&b.closes),
        })
    });
    list
}

/// The questions list's query from a form's (`linh-vuc=&q=x`): its filters, the empty ones and
/// any other parameter left out, so the address says only what applies.
pub fn questions_query(query: &str) -> String {
    let pairs = crate::paths::query_pairs(query);
    let kept = pairs
        .iter()
        .filter(|(k, v)| (k == FIELD_PARAM || k == TEXT_PARAM) && !v.trim().is_empty());
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish()
}

/// A field (`lĩnh vực`) that questions are filed under.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionField {
    pub slug: String,
    pub name: String,
}

/// Who asked, as published: a first name and a district, never more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asker {
    pub first_name: String,
    #[serde(default)]
    pub district: String,
}

/// `questions/<slug>.json`: a published question and its answer (`/hoi-dap/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub version: u32,
    #[serde(default)]
    pub lang: Lang,
    pub slug: String,
    /// The question in a line: the page's title.
    pub title: String,
    /// A slug of [`Answers::fields`].
    pub field: String,
    /// The question as asked (plain text: shown as text, never as HTML).
    pub question: String,
    pub asker: Asker,
    pub asked: DateTime,
    /// Untrusted HTML, sanitized like an article's body.
    pub answer_html: String,
    pub answered_by: String,
    pub answered: DateTime,
    #[serde(default)]
    pub documents: Vec<DocumentRef>,
}

/// An answer in the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCard {
    pub slug: String,
    pub title: String,
    pub field: String,
    pub answered_by: String,
    pub answered: DateTime,
    /// The question's first words, for the list and its text filter.
    pub excerpt: String,
}

impl From<&Answer> for AnswerCard {
    fn from(a: &Answer) -> Self {
        AnswerCard {
            slug: a.slug.clone(),
            title: a.title.clone(),
            field: a.field.clone(),
            answered_by: a.answered_by.clone(),
            answered: a.answered,
            excerpt: excerpt(&a.question, 200),
        }
    }
}

/// The text's first `max` characters, cut at a word, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// `questions/index.json`: the fields, and every published answer newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub version: u32,
    pub fields: Vec<QuestionField>,
    pub items: Vec<AnswerCard>,
}

/// The answers a reader's filters keep: `field` a field's slug (empty: all), `text` matched
/// word by word against title, excerpt and answering body, folded as search folds
/// (`fold` is the caller's: NFD and lower case need the platform's Unicode tables).
pub fn filter_answers<'a>(
    items: &'a [AnswerCard],
    field: &str,
    text: &str,
    fold: impl Fn(&str) -> String,
) -> Vec<&'a AnswerCard> {
    let words: Vec<String> = fold(text)
        .split(|c: char| !crate::search::fold::is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    items
        .iter()
        .filter(|a| field.is_empty() || a.field == field)
        .filter(|a| {
            if words.is_empty() {
                return true;
            }
            let hay = fold(&format!("{} {} {}", a.title, a.excerpt, a.answered_by));
            let hay: Vec<&str> = hay
                .split(|c: char| !crate::search::fold::is_word_char(c))
                .collect();
            words
                .iter()
                .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn periods_count_the_closing_day() {
        let (o, c) = (d("2026-12-01"), d("2026-12-31"));
        assert_eq!(period(o, c, d("2026-11-30")), Period::Upcoming);
        assert_eq!(
            period(o, c, d("2026-12-01")),
            Period::Open { days_left: 31 }
        );
        assert_eq!(period(o, c, d("2026-12-31")), Period::Open { days_left: 1 });
        assert_eq!(period(o, c, d("2027-01-01")), Period::Closed);
        // Across a leap day and a year's end.
        assert_eq!(
            period(d("2028-02-01"), d("2028-03-01"), d("2028-02-28")),
            Period::Open { days_left: 3 }
        );
        assert_eq!(days(d("1970-01-01")), 0);
        assert_eq!(days(d("2000-03-01")) - days(d("2000-02-28")), 2);
    }

    #[test]
    fn open_first_then_upcoming_then_closed() {
        let card = |slug: &str, o: &str, c: &str| ConsultationCard {
            slug: slug.into(),
            opens: d(o),
            closes: d(c),
            ..Default::default()
        };
        let items = [
            card("old", "2025-01-01", "2025-02-01"),
            card("late", "2026-12-01", "2027-01-30"),
            card("soon", "2026-11-01", "2026-12-10"),
            card("next", "2027-01-01", "2027-02-01"),
            card("recent", "2026-10-01", "2026-11-01"),
        ];
        let order: Vec<&str> = ordered(&items, d("2026-12-06"))
            .iter()
            .map(|(_, c)| c.slug.as_str())
            .collect();
        assert_eq!(order, ["soon", "late", "next", "recent", "old"]);
    }

    #[test]
    fn filters_by_field_and_folded_words() {
        let card = |slug: &str, field: &str, title: &str| AnswerCard {
            slug: slug.into(),
            field: field.into(),
            title: title.into(),
            ..Default::default()
        };
        let items = [
            card("a", "giao-thong", "Đổi giấy phép lái xe"),
            card("b", "y-te", "Thẻ bảo hiểm y tế"),
        ];
        let fold = |s: &str| {
            use unicode_normalization::UnicodeNormalization;
            crate::search::fold::fold(&s.to_lowercase().nfd().collect::<String>())
        };
        let slugs = |v: Vec<&AnswerCard>| v.iter().map(|c| c.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(filter_answers(&items, "", "", fold)), ["a", "b"]);
        assert_eq!(slugs(filter_answers(&items, "y-te", "", fold)), ["b"]);
        assert_eq!(slugs(filter_answers(&items, "", "doi giay", fold)), ["a"]);
        assert_eq!(slugs(filter_answers(&items, "", "Đổi GIẤY", fold)), ["a"]);
        assert!(filter_answers(&items, "y-te", "lai xe", fold).is_empty());
    }

    #[test]
    fn the_questions_query_keeps_what_applies() {
        assert_eq!(
            questions_query("linh-vuc=&q=gi%E1%BA%A5y+ph%C3%A9p"),
            "q=gi%E1%BA%A5y+ph%C3%A9p"
        );
        assert_eq!(questions_query("?linh-vuc=y-te&q=+&x=1"), "linh-vuc=y-te");
        assert_eq!(questions_query(""), "");
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("  a  b ", 10), "a b");
        assert_eq!(excerpt("một hai ba bốn", 9), "một hai…");
    }
}
