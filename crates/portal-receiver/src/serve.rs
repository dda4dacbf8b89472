//! The HTTP side: routes, the order in which a submission is judged, the answers.

use crate::limit::Limiter;
use crate::store::{Inserted, Kind, NewRow, Store};
use portal_core::datetime::VIETNAM_OFFSET_MINUTES;
use portal_core::participation::submit::{
    Closed, Comment, FieldError, MAX_BODY, Problem, Question, QuestionState, QuestionStatus,
    Receipt, Refused, SUBMISSIONS, normalise_reference, reference, valid_key,
};
use portal_core::participation::{
    Answers, Consultation, Period, answers_doc, consultation_doc, period,
};
use portal_core::{Date, DateTime};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Read, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// What `serve` was told.
pub struct Config {
    pub db: PathBuf,
    pub api: PathBuf,
    pub listen: String,
    pub prefix: String,
    pub rate: usize,
    pub today: Option<Date>,
}

/// The receiver's state, shared by the requests' threads.
pub struct Receiver {
    store: Mutex<Store>,
    limiter: Mutex<Limiter>,
    api: PathBuf,
    prefix: String,
    today: Option<Date>,
}

/// An answer before it becomes HTTP.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
    /// False for the honeypot: a bot's visit leaves no trace.
    pub log: bool,
}

impl Reply {
    fn json(status: u16, value: &impl Serialize) -> Reply {
        Reply {
            status,
            body: serde_json::to_string(value).unwrap_or_else(|_| SERVER_ERROR.to_owned()),
            headers: Vec::new(),
            log: true,
        }
    }

    fn error(status: u16, error: &str) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": error }))
    }

    fn refused(field: &str) -> Reply {
        Reply::json(
            400,
            &Refused {
                errors: vec![FieldError {
                    field: field.to_owned(),
                    problem: Problem::Invalid,
                }],
            },
        )
    }

    /// 500: the database (or a published file) failed. The reason goes to stderr, never to the
    /// client; it names no submission.
    fn server(reason: impl std::fmt::Display) -> Reply {
        eprintln!("error: {reason}");
        Reply::error(500, "server")
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

const SERVER_ERROR: &str = r#"{"error":"server"}"#;

/// What a path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Comments,
    Questions,
    /// `submissions/questions/<reference>`, the reference as typed.
    QuestionStatus(String),
    Other,
}

impl Endpoint {
    /// The name a log line gives it: never the reference.
    pub fn name(&self) -> &'static str {
        match self {
            Endpoint::Comments => "comments",
            Endpoint::Questions => "questions",
            Endpoint::QuestionStatus(_) => "question-status",
            Endpoint::Other => "other",
        }
    }
}

/// The endpoint of a request's target: `<prefix>submissions/…`, or `/submissions/…` when a
/// proxy has stripped the prefix already.
pub fn route(prefix: &str, url: &str) -> Endpoint {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path
        .strip_prefix(prefix)
        .or_else(|| path.strip_prefix('/'))
        .and_then(|rest| rest.strip_prefix(SUBMISSIONS))
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return Endpoint::Other;
    };
    match rest {
        "comments" => Endpoint::Comments,
        "questions" => Endpoint::Questions,
        _ => match rest.strip_prefix("questions/") {
            Some(code) if !code.is_empty() && !code.contains('/') => {
                Endpoint::QuestionStatus(code.to_owned())
            }
            _ => Endpoint::Other,
        },
    }
}

/// Today in Vietnam (UTC+07:00) by the system clock.
pub fn today_in_vietnam() -> Date {
    now_in_vietnam().date
}

fn now_in_vietnam() -> DateTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    DateTime::from_unix_seconds(secs, VIETNAM_OFFSET_MINUTES)
}

fn nfc(text: &mut String) {
    if !is_nfc(text) {
        *text = text.nfc().collect();
    }
}

/// A request as the handler sees it.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub ip: Option<IpAddr>,
    /// The Content-Length, when sent.
    pub length: Option<usize>,
    pub body: &'a mut dyn Read,
}

/// What the two kinds of submission have in common; the rest is theirs.
trait Submission: Serialize + DeserializeOwned {
    const KIND: Kind;
    fn key(&self) -> &str;
    fn website(&self) -> &str;
    /// Every text to NFC.
    fn normalise(&mut self);
    /// The kind's own judgement, against the published content: the target (the consultation's
    /// or the field's slug), or the answer that refuses it.
    fn judge(&self, api: &Path, today: Date) -> Result<String, Reply>;
}

impl Submission for Comment {
    const KIND: Kind = Kind::Comment;

    fn key(&self) -> &str {
        &self.key
    }

    fn website(&self) -> &str {
        &self.website
    }

    fn normalise(&mut self) {
        // Every member named: a text added to the contract fails to compile here until it is.
        let Comment {
            key,
            consultation,
            section,
            name,
            organisation,
            email,
            comment,
            consent: _,
            website,
        } = self;
        for text in [
            key,
            consultation,
            section,
            name,
            organisation,
            email,
            comment,
            website,
        ] {
            nfc(text);
        }
    }

    fn judge(&self, api: &Path, today: Date) -> Result<String, Reply> {
        let Some(doc) = consultation_doc(&self.consultation) else {
            return Err(Reply::refused("consultation"));
        };
        let text = match std::fs::read_to_string(api.join(&doc)) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Reply::refused("consultation"));
            }
            Err(e) => return Err(Reply::server(format!("{doc}: {e}"))),
        };
        let consultation = portal_core::decode::from_str::<Consultation>(&text)
            .map_err(|e| Reply::server(format!("{doc}: {e}")))?
            .value;
        if !matches!(
            period(consultation.opens, consultation.closes, today),
            Period::Open { .. }
        ) {
            return Err(Reply::json(
                409,
                &Closed {
                    closes: consultation.closes.to_iso(),
                },
            ));
        }
        let sections: Vec<&str> = consultation
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let errors = self.check(&sections);
        if !errors.is_empty() {
            return Err(Reply::json(400, &Refused { errors }));
        }
        Ok(self.consultation.clone())
    }
}

impl Submission for Question {
    const KIND: Kind = Kind::Question;

    fn key(&self) -> &str {
        &self.key
    }

    fn website(&self) -> &str {
        &self.website
    }

    fn normalise(&mut self) {
        let Question {
            key,
            name,
            district,
            email,
            field,
            title,
            question,
            consent: _,
            website,
        } = self;
        for text in [key, name, district, email, field, title, question, website] {
            nfc(text);
        }
    }

    fn judge(&self, api: &Path, _today: Date) -> Result<String, Reply> {
        let doc = answers_doc();
        let text = std::fs::read_to_string(api.join(&doc))
            .map_err(|e| Reply::server(format!("{doc}: {e}")))?;
        let answers = portal_core::decode::from_str::<Answers>(&text)
            .map_err(|e| Reply::server(format!("{doc}: {e}")))?
            .value;
        let fields: Vec<&str> = answers.fields.iter().map(|f| f.slug.as_str()).collect();
        let errors = self.check(&fields);
        if !errors.is_empty() {
            return Err(Reply::json(400, &Refused { errors }));
        }
        Ok(self.field.clone())
    }
}

enum BodyError {
    TooLarge,
    Unreadable,
}

/// The body, refused above [`MAX_BODY`] whether the client said so or not. What a refused
/// client still sends is read and thrown away by tiny_http once the answer is out (keep-alive
/// goes on); tiny_http 0.12 allocates the announced remainder for that, so a Content-Length
/// beyond the machine's memory aborts the process: a front proxy's body limit is what guards a
/// receiver that strangers reach.
fn read_body(length: Option<usize>, body: &mut dyn Read) -> Result<Vec<u8>, BodyError> {
    if length.is_some_and(|n| n > MAX_BODY) {
        return Err(BodyError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(length.unwrap_or(0));
    body.take(MAX_BODY as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| BodyError::Unreadable)?;
    if bytes.len() > MAX_BODY {
        // Sent without a length (chunked), which tiny_http does not throw away: read the rest,
        // up to a bound, so that the client gets to read the 413 rather than a broken pipe.
        let _ = io::copy(&mut body.take(DRAIN as u64), &mut io::sink());
        return Err(BodyError::TooLarge);
    }
    Ok(bytes)
}

/// How much more of a chunked body over the limit is read and thrown away.
const DRAIN: usize = 16 * MAX_BODY;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A thread that panicked holding it left nothing half-written that SQLite would not undo.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Receiver {
    pub fn new(config: &Config) -> Result<Receiver, String> {
        let store = Store::open(&config.db).map_err(|e| format!("{}: {e}", config.db.display()))?;
        Ok(Receiver {
            store: Mutex::new(store),
            limiter: Mutex::new(Limiter::new(config.rate)),
            api: config.api.clone(),
            prefix: config.prefix.clone(),
            today: config.today,
        })
    }

    /// One request's answer, and the endpoint's name for the log.
    pub fn handle(&self, request: Incoming) -> (&'static str, Reply) {
        let endpoint = route(&self.prefix, request.url);
        let name = endpoint.name();
        let reply = match (&endpoint, request.method) {
            (Endpoint::Other, _) => Reply::error(404, "not_found"),
            (Endpoint::Comments, "POST") => self.submit::<Comment>(request),
            (Endpoint::Questions, "POST") => self.submit::<Question>(request),
            (Endpoint::Comments | Endpoint::Questions, _) => {
                Reply::error(405, "method_not_allowed").with("Allow", "POST")
            }
            (Endpoint::QuestionStatus(code), "GET" | "HEAD") => self.status(code),
            (Endpoint::QuestionStatus(_), _) => {
                Reply::error(405, "method_not_allowed").with("Allow", "GET, HEAD")
            }
        };
        (name, reply)
    }

    fn submit<T: Submission>(&self, request: Incoming) -> Reply {
        let bytes = match read_body(request.length, request.body) {
            Ok(bytes) => bytes,
            Err(BodyError::TooLarge) => return Reply::error(413, "too_large"),
            Err(BodyError::Unreadable) => return Reply::refused("body"),
        };
        let Ok(mut submission) = serde_json::from_slice::<T>(&bytes) else {
            return Reply::refused("body");
        };
        if !valid_key(submission.key()) {
            return Reply::refused("key");
        }
        submission.normalise();

        // A key already recorded: the same receipt again, whatever else this body says.
        match lock(&self.store).by_key(submission.key()) {
            Ok(Some(recorded)) if recorded.kind == T::KIND.as_str() => {
                return Reply::json(201, &recorded.receipt).with("Idempotent-Replayed", "true");
            }
            // The key names a submission of the other kind: the client mixed its keys up.
            Ok(Some(_)) => return Reply::refused("key"),
            Ok(None) => {}
            Err(e) => return Reply::server(e),
        }

        // The honeypot: a receipt like any other, and nothing kept.
        if !submission.website().is_empty() {
            let n = RandomState::new().hash_one(Instant::now()) & ((1 << 40) - 1);
            let mut reply = Reply::json(
                201,
                &Receipt {
                    reference: reference(T::KIND.prefix(), n),
                    received: now_in_vietnam().to_rfc3339(),
                },
            );
            reply.log = false;
            return reply;
        }

        if let Some(ip) = request.ip
            && let Err(secs) = lock(&self.limiter).admit(ip, Instant::now())
        {
            return Reply::json(429, &serde_json::json!({ "retry_after": secs }))
                .with("Retry-After", secs.to_string());
        }

        let today = self.today.unwrap_or_else(today_in_vietnam);
        let target = match submission.judge(&self.api, today) {
            Ok(target) => target,
            Err(reply) => return reply,
        };

        let mut body = match serde_json::to_value(&submission) {
            Ok(body) => body,
            Err(e) => return Reply::server(e),
        };
        if let Some(object) = body.as_object_mut() {
            object.remove("website");
        }
        let received = now_in_vietnam().to_rfc3339();
        let row = NewRow {
            key: submission.key(),
            kind: T::KIND,
            received: &received,
            target: &target,
            body: &body.to_string(),
        };
        match lock(&self.store).insert(&row) {
            Ok(Inserted::New(receipt)) => Reply::json(201, &receipt),
            Ok(Inserted::Existing(recorded)) if recorded.kind == T::KIND.as_str() => {
                Reply::json(201, &recorded.receipt).with("Idempotent-Replayed", "true")
            }
            Ok(Inserted::Existing(_)) => Reply::refused("key"),
            Err(e) => Reply::server(e),
        }
    }

    fn status(&self, typed: &str) -> Reply {
        let Some(code) = normalise_reference(typed) else {
            return Reply::refused("reference");
        };
        match lock(&self.store).question(&code) {
            Ok(Some(status)) => Reply::json(
                200,
                &QuestionStatus {
                    reference: code,
                    state: status.state,
                    received: status.received,
                    answer: status
                        .answer
                        .filter(|_| status.state == QuestionState::Answered),
                },
            ),
            Ok(None) => Reply::error(404, "not_found"),
            Err(e) => Reply::server(e),
        }
    }

    /// Answers one tiny_http request, and logs it.
    fn respond(&self, mut request: tiny_http::Request) {
        let method = request.method().as_str().to_owned();
        let url = request.url().to_owned();
        let ip = request.remote_addr().map(|a| a.ip());
        let length = request.body_length();
        let (name, reply) = self.handle(Incoming {
            method: &method,
            url: &url,
            ip,
            length,
            body: request.as_reader(),
        });
        let mut response =
            tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
        let headers = [
            ("Content-Type", "application/json; charset=utf-8".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
            ("X-Content-Type-Options", "nosniff".to_owned()),
        ];
        for (field, value) in headers.into_iter().chain(reply.headers) {
            if let Ok(header) = tiny_http::Header::from_bytes(field.as_bytes(), value.as_bytes()) {
                response.add_header(header);
            }
        }
        // A client that went away gets nothing more; the row (if any) is kept.
        let _ = request.respond(response);
        if reply.log {
            eprintln!("{method} {name} {}", reply.status);
        }
    }
}

/// `portal-receiver serve`: binds, says where, answers until killed.
pub fn serve(config: Config) -> Result<(), String> {
    let receiver = Arc::new(Receiver::new(&config)?);
    let server = tiny_http::Server::http(&config.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| format!("{} is not an IP address", config.listen))?;
    let mut stdout = io::stdout();
    writeln!(stdout, "listening on http://{addr}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("stdout: {e}"))?;
    for request in server.incoming_requests() {
        let receiver = Arc::clone(&receiver);
        // One thread per request: the database's lock orders the writes. Should no thread be
        // had, the request is dropped, and tiny_http answers it with an empty 500.
        if let Err(e) = std::thread::Builder::new().spawn(move || receiver.respond(request)) {
            eprintln!("error: no thread for a request: {e}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_with_and_without_the_prefix() {
        let p = "/api/v1/";
        assert_eq!(route(p, "/api/v1/submissions/comments"), Endpoint::Comments);
        assert_eq!(route(p, "/submissions/questions?x=1"), Endpoint::Questions);
        assert_eq!(
            route(p, "/api/v1/submissions/questions/hd-0000 0001"),
            Endpoint::QuestionStatus("hd-0000 0001".into())
        );
        for other in [
            "/",
            "/api/v1/submissions",
            "/api/v1/submissions/",
            "/api/v1/submissions/comments/",
            "/api/v1/submissions/questions/",
            "/api/v1/submissions/questions/a/b",
            "/api/v1/home.json",
            "/api/v2/submissions/comments",
        ] {
            assert_eq!(route(p, other), Endpoint::Other, "{other}");
        }
        assert_eq!(
            route("/cong/api/v1/", "/cong/api/v1/submissions/comments"),
            Endpoint::Comments
        );
    }

    #[test]
    fn bodies_over_the_limit_are_refused_either_way() {
        let big = vec![b' '; MAX_BODY + 1];
        assert!(matches!(
            read_body(Some(MAX_BODY + 1), &mut &[][..]),
            Err(BodyError::TooLarge)
        ));
        assert!(matches!(
            read_body(None, &mut &big[..]),
            Err(BodyError::TooLarge)
        ));
        assert!(matches!(
            read_body(None, &mut &big[1..]),
            Ok(bytes) if bytes.len() == MAX_BODY
        ));
    }

    #[test]
    fn every_text_is_normalised() {
        let nfd = "Nguye\u{302}\u{303}n";
        let mut c = Comment {
            key: nfd.into(),
            consultation: nfd.into(),
            section: nfd.into(),
            name: nfd.into(),
            organisation: nfd.into(),
            email: nfd.into(),
            comment: nfd.into(),
            consent: true,
            website: nfd.into(),
        };
        c.normalise();
        let value = serde_json::to_value(&c).unwrap();
        for (_, v) in value.as_object().unwrap() {
            if let Some(s) = v.as_str() {
                assert_eq!(s, "Nguyễn");
            }
        }
    }
}
