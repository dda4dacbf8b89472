//! What a citizen sends (a comment on a draft, a question), the rules it is held to, and the
//! receiver's answers: the write half of the contract (`docs/api.md`, "Writing to the city").
//! The look-up app checks a form with [`Comment::check`] / [`Question::check`] before sending it;
//! the receiver checks again with the same functions, after normalising every text to NFC.

use serde::{Deserialize, Serialize};

/// Where the write endpoints live, relative to the API base: `POST submissions/comments`,
/// `POST submissions/questions`, `GET submissions/questions/<reference>`. One prefix, so a host
/// sends one path to the CMS (or the development receiver) and serves the rest as files.
pub const SUBMISSIONS: &str = "submissions";

pub fn comments_endpoint() -> String {
    format!("{SUBMISSIONS}/comments")
}

pub fn questions_endpoint() -> String {
    format!("{SUBMISSIONS}/questions")
}

/// A sent question's state, by its reference; `None` when the code cannot be one.
pub fn question_status_endpoint(reference: &str) -> Option<String> {
    let code = normalise_reference(reference)?;
    Some(format!("{SUBMISSIONS}/questions/{code}"))
}

/// The longest comment or question, in characters (Unicode scalar values, after NFC).
pub const MAX_TEXT: usize = 10_000;
/// The longest name, organisation, district or title: as long as a comment. Every text field
/// takes 10,000 characters (issue 27): nothing a citizen pastes is refused for its length below
/// that, and what is accepted is stored exactly.
pub const MAX_LINE: usize = MAX_TEXT;
/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// The largest request body the receiver reads, in bytes (413 above it): every field at its
/// limit in four-byte characters, escaped, fits.
pub const MAX_BODY: usize = 256 * 1024;

/// `POST submissions/comments`: a comment on an open consultation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Made by the client once per submission (kept with the draft): the receiver records one
    /// comment per key, so a retried or doubled submission is recorded once.
    pub key: String,
    pub consultation: String,
    /// A section's `id`, or empty for the whole draft.
    #[serde(default)]
    pub section: String,
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub email: String,
    pub comment: String,
    /// The consent to the processing of personal data (Decree 13/2023/NĐ-CP): must be true.
    pub consent: bool,
    /// The honeypot: hidden from people, filled by naive bots. Non-empty: accepted, not stored.
    #[serde(default)]
    pub website: String,
}

/// `POST submissions/questions`: a question to the city.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub name: String,
    /// The district (`quận/huyện`) or ward: published with the first name.
    pub district: String,
    /// Where the answer is sent; never published.
    pub email: String,
    /// A field's slug (`questions/index.json`'s `fields`).
    pub field: String,
    pub title: String,
    pub question: String,
    pub consent: bool,
    #[serde(default)]
    pub website: String,
}

/// Why a field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    /// Not an e-mail address, not a known section or field, not a valid key.
    Invalid,
}

/// One refused field: `field` is the body's member name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// 400's body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub errors: Vec<FieldError>,
}

/// 201's body (also for a key already recorded: the same reference again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// `YK-…` for a comment, `HD-…` for a question: what the citizen quotes and looks up.
    pub reference: String,
    /// When the receiver recorded it (RFC 3339).
    pub received: String,
}

/// 409's body: the consultation is closed (or not open yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub closes: String,
}

/// A question's state, as `GET submissions/questions/<reference>` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    Received,
    Answering,
    Answered,
}

/// `GET submissions/questions/<reference>`'s body. Nothing personal: the reference is the
/// only key, and the answer is public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionStatus {
    pub reference: String,
    pub state: QuestionState,
    pub received: String,
    /// The published answer's slug (`/hoi-dap/<slug>`), once answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// Reference codes: a prefix, a dash, 8 letters of Crockford's base 32 (no I, L, O, U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A reference from a number (the receiver's random 40 bits).
pub fn reference(prefix: &str, mut n: u64) -> String {
    let mut code = [b'0'; 8];
    for c in code.iter_mut().rev() {
        *c = ALPHABET[(n % 32) as usize];
        n /= 32;
    }
    format!("{prefix}-{}", String::from_utf8_lossy(&code))
}

/// A reference as typed (any case, spaces, `o` for `0`, `i`/`l` for `1`) in its canonical
/// form, or `None` when it cannot be one.
pub fn normalise_reference(typed: &str) -> Option<String> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let (prefix, code) = (cleaned.get(..2)?, cleaned.get(2..)?);
    let ok = matches!(prefix, "YK" | "HD")
        && code.len() == 8
        && code.bytes().all(|b| ALPHABET.contains(&b));
    ok.then(|| format!("{prefix}-{code}"))
}

/// Whether a client's key can be one: 16 to 64 letters, digits and dashes.
pub fn valid_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A plausible e-mail address: something, `@`, a domain with a dot, no spaces. Whether it
/// receives mail is not a form's question.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

struct Checks(Vec<FieldError>);

impl Checks {
    fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    }

    fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        if value.trim().is_empty() {
            if required {
                self.add(field, Problem::Required);
            }
        } else if value.chars().count() > max {
            self.add(field, Problem::TooLong);
        }
    }

    fn email(&mut self, value: &str, required: bool) {
        if value.trim().is_empty() {
            if required {
                self.add("email", Problem::Required);
            }
        } else if value.chars().count() > MAX_EMAIL {
            self.add("email", Problem::TooLong);
        } else if !plausible_email(value.trim()) {
            self.add("email", Problem::Invalid);
        }
    }

    fn consent(&mut self, consent: bool) {
        if !consent {
            self.add("consent", Problem::Required);
        }
    }
}

impl Comment {
    /// The members in the order a form shows them: the error summary lists them so.
    pub const FIELDS: [&'static str; 6] = [
        "section",
        "comment",
        "name",
        "organisation",
        "email",
        "consent",
    ];

    /// Every refused field, in the form's order; `sections` are the consultation's ids (a
    /// section not among them is refused).
    pub fn check(&self, sections: &[&str]) -> Vec<FieldError> {
        let mut c = Checks(Vec::new());
        if !self.section.is_empty() && !sections.contains(&self.section.as_str()) {
            c.add("section", Problem::Invalid);
        }
        c.text("comment", &self.comment, true, MAX_TEXT);
        c.text("name", &self.name, true, MAX_LINE);
        c.text("organisation", &self.organisation, false, MAX_LINE);
        c.email(&self.email, false);
        c.consent(self.consent);
        c.0
    }
}

impl Question {
    pub const FIELDS: [&'static str; 7] = [
        "field", "title", "question", "name", "district", "email", "consent",
    ];

    /// Every refused field, in the form's order; `fields` are the known fields' slugs.
    pub fn check(&self, fields: &[&str]) -> Vec<FieldError> {
        let mut c = Checks(Vec::new());
        if self.field.is_empty() {
            c.add("field", Problem::Required);
        } else if !fields.contains(&self.field.as_str()) {
            c.add("field", Problem::Invalid);
        }
        c.text("title", &self.title, true, MAX_LINE);
        c.text("question", &self.question, true, MAX_TEXT);
        c.text("name", &self.name, true, MAX_LINE);
        c.text("district", &self.district, true, MAX_LINE);
        c.email(&self.email, true);
        c.consent(self.consent);
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment() -> Comment {
        Comment {
            key: "0123456789abcdef-0001".into(),
            consultation: "du-thao".into(),
            name: "Lan".into(),
            comment: "Đề nghị bổ sung.".into(),
            consent: true,
            ..Comment::default()
        }
    }

    #[test]
    fn a_complete_comment_passes() {
        assert_eq!(comment().check(&["dieu-1"]), vec![]);
        let with_section = Comment {
            section: "dieu-1".into(),
            email: "lan@example.vn".into(),
            ..comment()
        };
        assert_eq!(with_section.check(&["dieu-1"]), vec![]);
    }

    #[test]
    fn refusals_come_in_the_forms_order() {
        let bad = Comment {
            section: "dieu-9".into(),
            comment: " ".into(),
            name: String::new(),
            email: "not an address".into(),
            consent: false,
            ..comment()
        };
        let fields: Vec<_> = bad
            .check(&["dieu-1"])
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["section", "comment", "name", "email", "consent"]);
        for f in &fields {
            assert!(Comment::FIELDS.contains(&f.as_str()));
        }
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let at_limit = Comment {
            comment: "😀".repeat(MAX_TEXT),
            ..comment()
        };
        assert_eq!(at_limit.check(&[]), vec![]);
        let over = Comment {
            comment: "a".repeat(MAX_TEXT + 1),
            ..comment()
        };
        assert_eq!(over.check(&[])[0].problem, Problem::TooLong);
        // Every field at its limit in four-byte characters fits the body limit, escaped as JSON.
        let q = Question {
            key: "k".repeat(64),
            name: "😀".repeat(MAX_LINE),
            district: "😀".repeat(MAX_LINE),
            email: "a".repeat(MAX_EMAIL),
            field: "giao-thong".into(),
            title: "😀".repeat(MAX_LINE),
            question: "😀".repeat(MAX_TEXT),
            consent: true,
            website: String::new(),
        };
        let body = serde_json::to_string(&q).unwrap();
        assert!(body.len() < MAX_BODY, "{}", body.len());
    }

    #[test]
    fn questions_need_every_field() {
        let empty = Question::default();
        let fields: Vec<_> = empty
            .check(&["y-te"])
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, Question::FIELDS);
    }

    #[test]
    fn references_read_back_as_typed() {
        let r = reference("HD", 0x12_3456_789A);
        assert_eq!(r.len(), 11);
        assert_eq!(normalise_reference(&r).as_deref(), Some(r.as_str()));
        assert_eq!(
            normalise_reference(&r.to_lowercase()).as_deref(),
            Some(r.as_str())
        );
        assert_eq!(
            normalise_reference(" hd 0o1l 2345 ").as_deref(),
            Some("HD-00112345")
        );
        assert_eq!(normalise_reference("XX-00000000"), None);
        assert_eq!(normalise_reference("HD-0000000U"), None);
        assert_eq!(normalise_reference("HD-"), None);
        assert_eq!(normalise_reference("HĐ-00000000"), None);
        assert_eq!(
            question_status_endpoint("hd-00000001").as_deref(),
            Some("submissions/questions/HD-00000001")
        );
        assert_eq!(question_status_endpoint("../site"), None);
    }

    #[test]
    fn keys_and_emails() {
        assert!(valid_key("0123456789abcdef"));
        assert!(!valid_key("short"));
        assert!(!valid_key("0123456789abcdef/../x"));
        assert!(plausible_email("a.b@so-tu-phap.hanoi.gov.vn"));
        for bad in ["a@b", "@b.vn", "a b@c.vn", "a@.vn", "a@b.", "ab.vn"] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
