//! Legal documents (the register, `/van-ban`): a document's legal status from its dates, the
//! relations between documents, each with its inverse, so the register can check that both ends
//! agree; the register's static index ([`register`]) and its filters ([`filter`]).

pub mod facts;
pub mod filter;
pub mod markup;
pub mod register;

use crate::datetime::Date;
use crate::i18n::RegisterTexts;
use crate::model::Document;

/// Whether a document applies (Vietnamese "tình trạng hiệu lực").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotYetInForce,
    InForce,
    PartlyInForce,
    Expired,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::InForce,
        Status::PartlyInForce,
        Status::NotYetInForce,
        Status::Expired,
    ];

    /// The status in words (never shown by colour alone).
    pub fn label(self, t: &RegisterTexts) -> &'static str {
        match self {
            Status::NotYetInForce => t.not_yet_in_force,
            Status::InForce => t.in_force,
            Status::PartlyInForce => t.partly_in_force,
            Status::Expired => t.expired,
        }
    }

    /// The contract's word for it, and back; an unknown word is no status (derived instead).
    pub fn code(self) -> &'static str {
        match self {
            Status::NotYetInForce => "not_yet_in_force",
            Status::InForce => "in_force",
            Status::PartlyInForce => "partly_in_force",
            Status::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Why a document has no file to download (the contract's `no_file`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFile {
    /// Still a draft: its file comes when it is issued.
    Draft,
    /// Its issuer withdrew the file.
    Withdrawn,
}

impl NoFile {
    pub const ALL: [NoFile; 2] = [NoFile::Draft, NoFile::Withdrawn];

    pub fn code(self) -> &'static str {
        match self {
            NoFile::Draft => "draft",
            NoFile::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<NoFile> {
        NoFile::ALL.into_iter().find(|n| n.code() == code)
    }

    /// What a document's page says in place of its files: the reason in words, or (no reason, an
    /// unknown code) that there is no file yet.
    pub fn say(code: Option<&str>, t: &RegisterTexts) -> &'static str {
        match code.and_then(NoFile::from_code) {
            Some(NoFile::Draft) => t.no_file_draft,
            Some(NoFile::Withdrawn) => t.no_file_withdrawn,
            None => t.no_file,
        }
    }
}

/// A document's status on `today`: the one it states (a known code), else from its dates.
pub fn status_of(doc: &Document, today: Date) -> Status {
    let stated = doc.status.as_deref().and_then(Status::from_code);
    status_on(stated, doc.issued, doc.effective, doc.expires, today)
}

/// The status on `today`: the one the document states if any, else from its dates. Without an
/// effective date a document applies from its issue date; it expires on its expiry date.
pub fn status_on(
    stated: Option<Status>,
    issued: Date,
    effective: Option<Date>,
    expires: Option<Date>,
    today: Date,
) -> Status {
    if let Some(s) = stated {
        return s;
    }
    if expires.is_some_and(|e| today >= e) {
        Status::Expired
    } else if today < effective.unwrap_or(issued) {
        Status::NotYetInForce
    } else {
        Status::InForce
    }
}

/// How one document stands to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Replaces,
    ReplacedBy,
    Amends,
    AmendedBy,
    Guides,
    GuidedBy,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Replaces,
        Relation::ReplacedBy,
        Relation::Amends,
        Relation::AmendedBy,
        Relation::Guides,
        Relation::GuidedBy,
    ];

    /// The contract's word for it, and back (an unknown word is no relation: the link is not shown).
    pub fn code(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::ReplacedBy => "replaced_by",
            Relation::Amends => "amends",
            Relation::AmendedBy => "amended_by",
            Relation::Guides => "guides",
            Relation::GuidedBy => "guided_by",
        }
    }

    pub fn from_code(code: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The same link seen from the other document.
    pub fn inverse(self) -> Relation {
        match self {
            Relation::Replaces => Relation::ReplacedBy,
            Relation::ReplacedBy => Relation::Replaces,
            Relation::Amends => Relation::AmendedBy,
            Relation::AmendedBy => Relation::Amends,
            Relation::Guides => Relation::GuidedBy,
            Relation::GuidedBy => Relation::Guides,
        }
    }

    /// The heading its group has on a document's page.
    pub fn label(self, t: &RegisterTexts) -> &'static str {
        match self {
            Relation::Replaces => t.replaces,
            Relation::ReplacedBy => t.replaced_by,
            Relation::Amends => t.amends,
            Relation::AmendedBy => t.amended_by,
            Relation::Guides => t.guides,
            Relation::GuidedBy => t.guided_by,
        }
    }
}

/// The links `(from, relation, to)` whose inverse `(to, inverse, from)` is missing: a register is
/// consistent when this is empty.
pub fn one_sided<'a>(
    links: &'a [(&'a str, Relation, &'a str)],
) -> Vec<&'a (&'a str, Relation, &'a str)> {
    links
        .iter()
        .filter(|(from, rel, to)| !links.contains(&(*to, rel.inverse(), *from)))
        .collect()
}

/// What an API might put in any field of a document, for the tests of its markup: escaped, it is
/// harmless text.
#[cfg(test)]
pub(crate) fn hostile() -> String {
    "<img src=x onerror=alert(1)>\"&".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn status_from_dates_unless_stated() {
        let issued = d("2022-06-30");
        let effective = Some(d("2022-08-01"));
        let on = |today, expires| status_on(None, issued, effective, expires, d(today));
        assert_eq!(on("2022-07-15", None), Status::NotYetInForce);
        assert_eq!(on("2022-08-01", None), Status::InForce);
        assert_eq!(on("2026-01-01", Some(d("2026-07-01"))), Status::InForce);
        assert_eq!(on("2026-07-01", Some(d("2026-07-01"))), Status::Expired);
        // No effective date: in force from its issue.
        assert_eq!(status_on(None, issued, None, None, issued), Status::InForce);
        // What the document states wins (partly in force cannot be told from dates).
        let stated = Some(Status::PartlyInForce);
        assert_eq!(
            status_on(stated, issued, effective, None, d("2022-07-01")),
            Status::PartlyInForce
        );
    }

    #[test]
    fn status_codes_round_trip_and_unknown_is_none() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            for lang in crate::Lang::ALL {
                assert!(!s.label(RegisterTexts::of(lang)).is_empty());
            }
        }
        assert_eq!(Status::from_code("bogus"), None);
    }

    #[test]
    fn relations_pair_up() {
        for r in Relation::ALL {
            assert_eq!(r.inverse().inverse(), r);
            assert_ne!(r.inverse(), r);
            assert_eq!(Relation::from_code(r.code()), Some(r));
        }
        assert_eq!(Relation::from_code("cites"), None);
        let links = [
            ("224-2026-nd-cp", Relation::Replaces, "42-2022-nd-cp"),
            ("42-2022-nd-cp", Relation::ReplacedBy, "224-2026-nd-cp"),
            ("12-2021-qd-ubnd", Relation::GuidedBy, "huong-dan-1"),
        ];
        let missing = one_sided(&links);
        assert_eq!(missing, [&links[2]]);
    }
}
