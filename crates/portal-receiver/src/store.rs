//! The SQLite file: one row per idempotency key. WAL, so `dump` and `state` can read and write
//! while `serve` runs; `synchronous=FULL`, so a 201 means the row is on disk.

use portal_core::participation::submit::{QuestionState, Receipt, reference};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS submissions (
    key       TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('comment', 'question')),
    reference TEXT NOT NULL UNIQUE,
    received  TEXT NOT NULL,
    target    TEXT NOT NULL,
    body      TEXT NOT NULL,
    state     TEXT NOT NULL DEFAULT 'received'
              CHECK (state IN ('received', 'answering', 'answered')),
    answer    TEXT
);
";

/// What was sent: a comment or a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Comment,
    Question,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Comment => "comment",
            Kind::Question => "question",
        }
    }

    /// The reference's prefix: `YK` (ý kiến) for a comment, `HD` (hỏi đáp) for a question.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Comment => "YK",
            Kind::Question => "HD",
        }
    }
}

/// A row found by its key: what a replay answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub kind: String,
    pub receipt: Receipt,
}

/// A new row.
pub struct NewRow<'a> {
    pub key: &'a str,
    pub kind: Kind,
    pub received: &'a str,
    pub target: &'a str,
    pub body: &'a str,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    New(Receipt),
    /// Another request recorded the same key first: its receipt.
    Existing(Recorded),
}

/// A question's state as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub state: QuestionState,
    pub received: String,
    pub answer: Option<String>,
}

pub struct Store {
    conn: Connection,
}

/// References are 40 random bits; a collision with a stored one is retried this many times.
const ATTEMPTS: usize = 16;

pub fn state_name(state: QuestionState) -> &'static str {
    match state {
        QuestionState::Received => "received",
        QuestionState::Answering => "answering",
        QuestionState::Answered => "answered",
    }
}

pub fn parse_state(name: &str) -> Option<QuestionState> {
    match name {
        "received" => Some(QuestionState::Received),
        "answering" => Some(QuestionState::Answering),
        "answered" => Some(QuestionState::Answered),
        _ => None,
    }
}

impl Store {
    /// Opens (and creates when missing) the database file.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // `journal_mode` answers with the mode it set: read it, or the pragma errs.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// The row recorded under `key`, if any.
    pub fn by_key(&self, key: &str) -> rusqlite::Result<Option<Recorded>> {
        self.conn
            .query_row(
                "SELECT kind, reference, received FROM submissions WHERE key = ?1",
                [key],
                |row| {
                    Ok(Recorded {
                        kind: row.get(0)?,
                        receipt: Receipt {
                            reference: row.get(1)?,
                            received: row.get(2)?,
                        },
                    })
                },
            )
            .optional()
    }

    /// Records a submission under a new random reference (retrying on the rare collision), or
    /// answers the row another request recorded under the same key meanwhile.
    pub fn insert(&self, row: &NewRow) -> rusqlite::Result<Inserted> {
        let mut last = None;
        for _ in 0..ATTEMPTS {
            let n: i64 = self.conn.query_row("SELECT random()", [], |r| r.get(0))?;
            let reference = reference(row.kind.prefix(), (n as u64) & ((1 << 40) - 1));
            let done = self.conn.execute(
                "INSERT INTO submissions (key, kind, reference, received, target, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (key) DO NOTHING",
                params![
                    row.key,
                    row.kind.as_str(),
                    reference,
                    row.received,
                    row.target,
                    row.body
                ],
            );
            match done {
                Ok(0) => {
                    return match self.by_key(row.key)? {
                        Some(recorded) => Ok(Inserted::Existing(recorded)),
                        None => Err(rusqlite::Error::QueryReturnedNoRows),
                    };
                }
                Ok(_) => {
                    return Ok(Inserted::New(Receipt {
                        reference,
                        received: row.received.to_owned(),
                    }));
                }
                // The reference is taken (the key's conflict is not an error): draw again.
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                    last = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or(rusqlite::Error::QueryReturnedNoRows))
    }

    /// A question's state by its (canonical) reference.
    pub fn question(&self, reference: &str) -> rusqlite::Result<Option<Status>> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT state, received, answer FROM submissions
                 WHERE reference = ?1 AND kind = 'question'",
                [reference],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((state, received, answer)) = row else {
            return Ok(None);
        };
        let state = parse_state(&state).ok_or_else(|| {
            rusqlite::Error::InvalidColumnType(0, "state".into(), rusqlite::types::Type::Text)
        })?;
        Ok(Some(Status {
            state,
            received,
            answer,
        }))
    }

    /// Moves a question on; false when no question has that reference.
    pub fn set_state(
        &self,
        reference: &str,
        state: QuestionState,
        answer: Option<&str>,
    ) -> rusqlite::Result<bool> {
        let changed = self.conn.execute(
            "UPDATE submissions SET state = ?2, answer = ?3
             WHERE reference = ?1 AND kind = 'question'",
            params![reference, state_name(state), answer],
        )?;
        Ok(changed > 0)
    }

    /// Every row, oldest first, the body parsed back into an object.
    pub fn dump(&self) -> rusqlite::Result<Vec<Value>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, kind, reference, received, target, state, answer, body
             FROM submissions ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |row| {
            let body: String = row.get(7)?;
            let body = serde_json::from_str::<Value>(&body).unwrap_or(Value::String(body));
            let mut object = serde_json::Map::new();
            for (i, name) in ["key", "kind", "reference", "received", "target", "state"]
                .into_iter()
                .enumerate()
            {
                object.insert(name.into(), Value::String(row.get(i)?));
            }
            let answer: Option<String> = row.get(6)?;
            object.insert("answer".into(), answer.map_or(Value::Null, Value::String));
            object.insert("body".into(), body);
            Ok(Value::Object(object))
        })?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store(name: &str) -> (std::path::PathBuf, Store) {
        let dir = std::env::temp_dir().join(format!(
            "portal-receiver-store-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("db.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn one_row_per_key_and_states_move_on() {
        let (dir, store) = temp_store("rows");
        let row = NewRow {
            key: "0123456789abcdef",
            kind: Kind::Question,
            received: "2026-12-06T10:00:00+07:00",
            target: "giao-thong",
            body: r#"{"name":"Lan"}"#,
        };
        let Inserted::New(first) = store.insert(&row).unwrap() else {
            panic!("not new");
        };
        assert!(first.reference.starts_with("HD-"));
        assert_eq!(
            store.insert(&row).unwrap(),
            Inserted::Existing(Recorded {
                kind: "question".into(),
                receipt: first.clone()
            })
        );
        let status = store.question(&first.reference).unwrap().unwrap();
        assert_eq!(status.state, QuestionState::Received);
        assert!(
            store
                .set_state(&first.reference, QuestionState::Answered, Some("a"))
                .unwrap()
        );
        let status = store.question(&first.reference).unwrap().unwrap();
        assert_eq!(
            (status.state, status.answer.as_deref()),
            (QuestionState::Answered, Some("a"))
        );
        assert!(
            !store
                .set_state("HD-00000000", QuestionState::Answered, None)
                .unwrap()
        );
        let rows = store.dump().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["body"]["name"], "Lan");
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
}
