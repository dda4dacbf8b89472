//! The receiver as a client meets it: the built binary on a free port, a small content API
//! written from portal-core's types, requests through ureq, the database read back by `dump`.

use portal_core::Date;
use portal_core::participation::submit::{
    Closed, Comment, MAX_BODY, MAX_LINE, Question, QuestionState, QuestionStatus, Receipt, Refused,
    normalise_reference,
};
use portal_core::participation::{Answers, Consultation, DraftSection, QuestionField};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_portal-receiver");
const TODAY: &str = "2026-12-06";
const OPEN: &str = "gop-y-quy-che-via-he";
const CLOSED: &str = "gop-y-bang-gia-dat";

/// A folder of its own under the system's temp dir, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "portal-receiver-{test}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        write_api(&dir.join("api"));
        Scratch(dir)
    }

    fn api(&self) -> PathBuf {
        self.0.join("api")
    }

    fn db(&self) -> PathBuf {
        self.0.join("receiver.sqlite")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// One open consultation with two sections, one closed, a questions index with two fields.
fn write_api(api: &Path) {
    std::fs::create_dir_all(api.join("consultations")).unwrap();
    std::fs::create_dir_all(api.join("questions")).unwrap();
    let section = |id: &str, title: &str| DraftSection {
        id: id.into(),
        title: title.into(),
    };
    let open = Consultation {
        version: 1,
        slug: OPEN.into(),
        title: "Dự thảo Quy chế quản lý vỉa hè".into(),
        drafted_by: "Sở Xây dựng".into(),
        summary: "Góp ý cho dự thảo.".into(),
        opens: date("2026-12-01"),
        closes: date("2026-12-31"),
        sections: vec![
            section("dieu-1", "Điều 1. Phạm vi điều chỉnh"),
            section("dieu-2", "Điều 2. Đối tượng áp dụng"),
        ],
        ..Consultation::default()
    };
    let closed = Consultation {
        slug: CLOSED.into(),
        title: "Dự thảo Bảng giá đất".into(),
        opens: date("2026-10-01"),
        closes: date("2026-11-01"),
        sections: vec![section("dieu-1", "Điều 1")],
        ..open.clone()
    };
    for c in [&open, &closed] {
        std::fs::write(
            api.join(format!("consultations/{}.json", c.slug)),
            serde_json::to_string_pretty(c).unwrap(),
        )
        .unwrap();
    }
    let answers = Answers {
        version: 1,
        fields: vec![
            QuestionField {
                slug: "giao-thong".into(),
                name: "Giao thông".into(),
            },
            QuestionField {
                slug: "y-te".into(),
                name: "Y tế".into(),
            },
        ],
        items: vec![],
    };
    std::fs::write(
        api.join("questions/index.json"),
        serde_json::to_string_pretty(&answers).unwrap(),
    )
    .unwrap();
}

/// A running `portal-receiver serve`, killed at the end; its stderr collected.
struct Receiver {
    child: Child,
    base: String,
    log: Arc<Mutex<String>>,
}

impl Receiver {
    fn start(scratch: &Scratch, extra: &[&str]) -> Receiver {
        Receiver::start_on(scratch, TODAY, extra)
    }

    /// `--today` fixed at `today`.
    fn start_on(scratch: &Scratch, today: &str, extra: &[&str]) -> Receiver {
        let mut args = vec!["--today", today];
        args.extend_from_slice(extra);
        Receiver::start_with(scratch, &args, None)
    }

    /// `serve` with these flags, and `PORTAL_RECEIVER_TODAY` set or not.
    fn start_with(scratch: &Scratch, extra: &[&str], env_today: Option<&str>) -> Receiver {
        let mut command = Command::new(BIN);
        command
            .arg("serve")
            .arg("--db")
            .arg(scratch.db())
            .arg("--api")
            .arg(scratch.api())
            .args(["--listen", "127.0.0.1:0"])
            .args(extra)
            .env_remove("PORTAL_RECEIVER_TODAY");
        if let Some(today) = env_today {
            command.env("PORTAL_RECEIVER_TODAY", today);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim_end()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_owned();
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Receiver { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1/{path}", self.base)
    }

    /// The log's lines, once there are at least `n` of them (the log is written after the
    /// answer is sent).
    fn log_lines(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log.lock().unwrap().clone();
            // Whole lines only: a line may arrive in pieces.
            let whole = log.rfind('\n').map_or("", |end| &log[..end]);
            let lines: Vec<String> = whole.lines().map(str::to_owned).collect();
            if lines.len() >= n || Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn receipt(&self) -> Receipt {
        serde_json::from_value(self.body.clone()).unwrap()
    }

    /// The refused fields' names, in the answer's order.
    fn refused(&self) -> Vec<String> {
        assert_eq!(self.status, 400, "{}", self.body);
        let refused: Refused = serde_json::from_value(self.body.clone()).unwrap();
        refused.errors.into_iter().map(|e| e.field).collect()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let text = response.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
    let answer = Answer {
        status,
        headers,
        body,
    };
    // Every answer, whatever it says.
    assert_eq!(
        answer.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    answer
}

fn post_raw(url: &str, body: impl Into<Vec<u8>>) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .send(body.into()),
    )
}

fn post(url: &str, body: &impl serde::Serialize) -> Answer {
    post_raw(url, serde_json::to_vec(body).unwrap())
}

fn get(url: &str) -> Answer {
    answer(agent().get(url).call())
}

fn run(args: &[&str], db: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(&args[..1])
        .arg("--db")
        .arg(db)
        .args(&args[1..])
        .output()
        .unwrap()
}

/// The database as `dump` prints it.
fn dump(db: &Path) -> Vec<Value> {
    let out = run(&["dump"], db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn key(test: &str) -> String {
    format!("{test}-0123456789abcdef")
}

fn comment(key: &str) -> Comment {
    Comment {
        key: key.into(),
        consultation: OPEN.into(),
        section: "dieu-2".into(),
        name: "Nguyễn Thị Lan".into(),
        organisation: String::new(),
        email: "lan@example.vn".into(),
        comment: "Đề nghị bổ sung quy định về lối đi cho người khuyết tật.".into(),
        consent: true,
        website: String::new(),
    }
}

fn question(key: &str) -> Question {
    Question {
        key: key.into(),
        name: "Trần Văn Minh".into(),
        district: "Quận Ba Đình".into(),
        email: "minh@example.vn".into(),
        field: "giao-thong".into(),
        title: "Đổi giấy phép lái xe ở đâu?".into(),
        question: "Tôi muốn đổi giấy phép lái xe hạng A1.".into(),
        consent: true,
        website: String::new(),
    }
}

fn is_vietnam_time(received: &str) -> bool {
    received.ends_with("+07:00") && portal_core::DateTime::parse(received).is_ok()
}

#[test]
fn a_comment_is_received_once_per_key() {
    let scratch = Scratch::new("once");
    let receiver = Receiver::start(&scratch, &[]);
    let url = receiver.url("submissions/comments");
    let sent = comment(&key("once"));

    let first = post(&url, &sent);
    assert_eq!(first.status, 201, "{}", first.body);
    let receipt = first.receipt();
    assert!(
        receipt.reference.starts_with("YK-"),
        "{}",
        receipt.reference
    );
    assert_eq!(
        normalise_reference(&receipt.reference).as_deref(),
        Some(receipt.reference.as_str())
    );
    assert!(is_vietnam_time(&receipt.received), "{}", receipt.received);
    assert_eq!(first.header("idempotent-replayed"), None);

    // The same key again (a retry, a double click): the same receipt, nothing new recorded.
    let again = post(&url, &sent);
    assert_eq!(again.status, 201);
    assert_eq!(again.receipt(), receipt);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));

    let rows = dump(&scratch.db());
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["key"], sent.key.as_str());
    assert_eq!(row["kind"], "comment");
    assert_eq!(row["reference"], receipt.reference.as_str());
    assert_eq!(row["received"], receipt.received.as_str());
    assert_eq!(row["target"], OPEN);
    assert_eq!(row["state"], "received");
    assert_eq!(row["answer"], Value::Null);
    let stored: Comment = serde_json::from_value(row["body"].clone()).unwrap();
    assert_eq!(stored, sent);
    assert!(row["body"].get("website").is_none(), "{}", row["body"]);

    // A question too: its own prefix, its field as the target.
    let q = post(
        &receiver.url("submissions/questions"),
        &question(&key("once-q")),
    );
    assert_eq!(q.status, 201, "{}", q.body);
    assert!(q.receipt().reference.starts_with("HD-"));
    let rows = dump(&scratch.db());
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[1]["kind"].as_str(), rows[1]["target"].as_str()),
        (Some("question"), Some("giao-thong"))
    );
}

#[test]
fn refusals_list_every_field_in_the_forms_order() {
    let scratch = Scratch::new("refused");
    let receiver = Receiver::start(&scratch, &[]);

    let bad = Comment {
        section: "dieu-9".into(),
        comment: "   ".into(),
        name: String::new(),
        organisation: "x".repeat(MAX_LINE + 1),
        email: "not an address".into(),
        consent: false,
        ..comment(&key("refused-c"))
    };
    let refused = post(&receiver.url("submissions/comments"), &bad);
    assert_eq!(
        refused.refused(),
        [
            "section",
            "comment",
            "name",
            "organisation",
            "email",
            "consent"
        ]
    );
    assert_eq!(refused.body["errors"][3]["problem"], "too_long");
    assert_eq!(refused.body["errors"][0]["problem"], "invalid");
    assert_eq!(refused.body["errors"][1]["problem"], "required");

    let bad = Question {
        field: "thue".into(),
        title: String::new(),
        district: String::new(),
        email: String::new(),
        consent: false,
        ..question(&key("refused-q"))
    };
    let refused = post(&receiver.url("submissions/questions"), &bad);
    assert_eq!(
        refused.refused(),
        ["field", "title", "district", "email", "consent"]
    );

    // Nothing refused was recorded, and the key is free for the corrected form.
    assert!(dump(&scratch.db()).is_empty());
    let fixed = post(
        &receiver.url("submissions/questions"),
        &question(&key("refused-q")),
    );
    assert_eq!(fixed.status, 201, "{}", fixed.body);
}

#[test]
fn malformed_bodies_and_bad_keys_are_refused() {
    let scratch = Scratch::new("malformed");
    let receiver = Receiver::start(&scratch, &[]);
    let url = receiver.url("submissions/comments");

    for body in [
        &b"{not json"[..],
        b"",
        b"[]",
        b"\xff\xfe",
        br#"{"key":"malformed-0123456789abcdef","consultation":1,"name":"A","comment":"B","consent":true}"#,
        br#"{"key":"malformed-0123456789abcdef","consultation":"x","name":"A","comment":"B","consent":"yes"}"#,
    ] {
        let a = post_raw(&url, body);
        assert_eq!(a.refused(), ["body"], "{:?}", String::from_utf8_lossy(body));
        assert_eq!(a.body["errors"][0]["problem"], "invalid");
    }
    for bad_key in ["short", "", "0123456789abcdef/../../etc", &"k".repeat(65)] {
        let a = post(&url, &comment(bad_key));
        assert_eq!(a.refused(), ["key"], "{bad_key:?}");
    }
    let a = post(
        &receiver.url("submissions/questions"),
        &question("with space 0123456789abcdef"),
    );
    assert_eq!(a.refused(), ["key"]);

    // A comment's key used again for a question is a client's mix-up, not a replay.
    assert_eq!(post(&url, &comment(&key("mixed"))).status, 201);
    let mixed = post(
        &receiver.url("submissions/questions"),
        &question(&key("mixed")),
    );
    assert_eq!(mixed.refused(), ["key"]);
    assert_eq!(dump(&scratch.db()).len(), 1);
}

#[test]
fn closed_and_unknown_consultations() {
    let scratch = Scratch::new("closed");
    let receiver = Receiver::start(&scratch, &[]);
    let url = receiver.url("submissions/comments");

    let closed = post(
        &url,
        &Comment {
            consultation: CLOSED.into(),
            section: "dieu-1".into(),
            ..comment(&key("closed"))
        },
    );
    assert_eq!(closed.status, 409, "{}", closed.body);
    let body: Closed = serde_json::from_value(closed.body.clone()).unwrap();
    assert_eq!(body.closes, "2026-11-01");

    for slug in ["khong-co", "../questions/index", "Gop-Y", ""] {
        let unknown = post(
            &url,
            &Comment {
                consultation: slug.into(),
                ..comment(&key("unknown"))
            },
        );
        assert_eq!(unknown.refused(), ["consultation"], "{slug:?}");
    }
    assert!(dump(&scratch.db()).is_empty());

    // The same consultation is open on its last day, and not yet on the day before it opens.
    let last_day = Receiver::start_on(&scratch, "2026-12-31", &[]);
    let ok = post(
        &last_day.url("submissions/comments"),
        &comment(&key("last-day")),
    );
    assert_eq!(ok.status, 201, "{}", ok.body);
    let early = Receiver::start_on(&scratch, "2026-11-30", &[]);
    let not_yet = post(
        &early.url("submissions/comments"),
        &comment(&key("not-yet")),
    );
    assert_eq!(not_yet.status, 409);
    assert_eq!(not_yet.body["closes"], "2026-12-31");
    // The day may come from the environment; a flag wins over it.
    let from_env = Receiver::start_with(&scratch, &[], Some("2026-11-30"));
    let a = post(
        &from_env.url("submissions/comments"),
        &comment(&key("from-env")),
    );
    assert_eq!(a.status, 409);
    let flag_wins = Receiver::start_with(&scratch, &["--today", TODAY], Some("2026-11-30"));
    let a = post(
        &flag_wins.url("submissions/comments"),
        &comment(&key("flag-wins")),
    );
    assert_eq!(a.status, 201, "{}", a.body);
}

#[test]
fn bodies_over_the_limit_get_413() {
    let scratch = Scratch::new("large");
    let receiver = Receiver::start(&scratch, &[]);
    let url = receiver.url("submissions/comments");

    let huge = Comment {
        comment: "a".repeat(300 * 1024),
        ..comment(&key("large"))
    };
    let body = serde_json::to_vec(&huge).unwrap();
    assert!(body.len() > MAX_BODY);
    let a = post_raw(&url, body.clone());
    assert_eq!(a.status, 413);
    assert_eq!(a.body, serde_json::json!({ "error": "too_large" }));

    // Sent without a length (chunked): refused while reading.
    let a = answer(
        agent()
            .post(&url)
            .header("Content-Type", "application/json")
            .send(ureq::SendBody::from_owned_reader(std::io::Cursor::new(
                body,
            ))),
    );
    assert_eq!(a.status, 413);
    assert_eq!(a.body["error"], "too_large");

    // The receiver goes on answering.
    assert_eq!(post(&url, &comment(&key("after-large"))).status, 201);
    assert_eq!(dump(&scratch.db()).len(), 1);
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let scratch = Scratch::new("rate");
    let receiver = Receiver::start(&scratch, &["--rate", "2"]);
    let comments = receiver.url("submissions/comments");
    let questions = receiver.url("submissions/questions");

    assert_eq!(post(&comments, &comment(&key("rate-1"))).status, 201);
    assert_eq!(post(&questions, &question(&key("rate-2"))).status, 201);
    let limited = post(&comments, &comment(&key("rate-3")));
    assert_eq!(limited.status, 429, "{}", limited.body);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(limited.body, serde_json::json!({ "retry_after": retry }));

    // A recorded key is replayed all the same: the client's retry must learn its reference.
    let replay = post(&comments, &comment(&key("rate-1")));
    assert_eq!(replay.status, 201);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    // The status look-up is not a submission.
    let reference = dump(&scratch.db())[1]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&receiver.url(&format!("submissions/questions/{reference}"))).status,
        200
    );
    assert_eq!(post(&questions, &question(&key("rate-4"))).status, 429);
    assert_eq!(dump(&scratch.db()).len(), 2);
}

#[test]
fn the_honeypot_accepts_and_keeps_nothing() {
    let scratch = Scratch::new("honeypot");
    let receiver = Receiver::start(&scratch, &[]);
    let bot = Comment {
        website: "http://spam.example".into(),
        ..comment(&key("honeypot"))
    };
    let a = post(&receiver.url("submissions/comments"), &bot);
    assert_eq!(a.status, 201, "{}", a.body);
    let receipt = a.receipt();
    assert_eq!(
        normalise_reference(&receipt.reference).as_deref(),
        Some(receipt.reference.as_str())
    );
    assert!(receipt.reference.starts_with("YK-"));
    assert!(is_vietnam_time(&receipt.received));
    let bot = Question {
        website: "x".into(),
        ..question(&key("honeypot-q"))
    };
    let a = post(&receiver.url("submissions/questions"), &bot);
    assert_eq!(a.status, 201);
    assert!(a.receipt().reference.starts_with("HD-"));
    assert!(dump(&scratch.db()).is_empty());

    // Nor is it logged: the next request's line is the only one.
    assert_eq!(get(&receiver.url("nothing-here")).status, 404);
    assert_eq!(receiver.log_lines(1), ["GET other 404"]);
}

#[test]
fn texts_are_stored_as_nfc_and_otherwise_exactly() {
    let scratch = Scratch::new("texts");
    let receiver = Receiver::start(&scratch, &[]);

    // "Nguyễn Thị Lan" decomposed: e + circumflex + tilde, i + grave.
    let nfd_name = "Nguye\u{302}\u{303}n Thi\u{323} Lan";
    let nfc_name = "Nguyễn Thị Lan";
    assert_ne!(nfd_name, nfc_name);
    let tricky = "<img src=x onerror=alert(1)> \u{202E}abc\u{202C} 😀👩‍👩‍👧 \"quoted\" \\ </script>";
    let sent = Comment {
        name: nfd_name.into(),
        organisation: "Ho\u{300}a Bi\u{300}nh".into(),
        comment: tricky.into(),
        ..comment(&key("texts"))
    };
    let a = post(&receiver.url("submissions/comments"), &sent);
    assert_eq!(a.status, 201, "{}", a.body);

    let q = Question {
        title: tricky.into(),
        question: "Xe ma\u{301}y".into(),
        ..question(&key("texts-q"))
    };
    assert_eq!(post(&receiver.url("submissions/questions"), &q).status, 201);

    let rows = dump(&scratch.db());
    let body = &rows[0]["body"];
    assert_eq!(body["name"], nfc_name);
    assert_eq!(body["organisation"], "Hòa Bình");
    assert_eq!(body["comment"], tricky);
    assert_eq!(rows[1]["body"]["title"], tricky);
    assert_eq!(rows[1]["body"]["question"], "Xe máy");

    // The NFD form of the same key is the same key: a replay.
    let again = post(&receiver.url("submissions/comments"), &sent);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
}

#[test]
fn rows_survive_a_restart() {
    let scratch = Scratch::new("restart");
    let first = Receiver::start(&scratch, &[]);
    let sent = question(&key("restart"));
    let receipt = post(&first.url("submissions/questions"), &sent).receipt();
    first.stop();
    let before = dump(&scratch.db());
    assert_eq!(before.len(), 1);

    let second = Receiver::start(&scratch, &[]);
    let again = post(&second.url("submissions/questions"), &sent);
    assert_eq!(again.status, 201);
    assert_eq!(again.receipt(), receipt);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    let status = get(&second.url(&format!("submissions/questions/{}", receipt.reference)));
    assert_eq!(status.status, 200);
    assert_eq!(dump(&scratch.db()), before);
}

#[test]
fn a_questions_state_by_its_reference() {
    let scratch = Scratch::new("status");
    let receiver = Receiver::start(&scratch, &[]);
    let receipt = post(
        &receiver.url("submissions/questions"),
        &question(&key("status")),
    )
    .receipt();
    let status_url = |code: &str| receiver.url(&format!("submissions/questions/{code}"));

    let a = get(&status_url(&receipt.reference));
    assert_eq!(a.status, 200, "{}", a.body);
    let status: QuestionStatus = serde_json::from_value(a.body.clone()).unwrap();
    assert_eq!(
        status,
        QuestionStatus {
            reference: receipt.reference.clone(),
            state: QuestionState::Received,
            received: receipt.received.clone(),
            answer: None,
        }
    );
    // Nothing personal: exactly these members.
    let mut members: Vec<&String> = a.body.as_object().unwrap().keys().collect();
    members.sort();
    assert_eq!(members, ["received", "reference", "state"]);

    // As typed: lower case, `o` for zero.
    let typed = receipt.reference.to_lowercase().replace('0', "o");
    assert_eq!(
        get(&status_url(&typed)).body["reference"],
        receipt.reference.as_str()
    );

    let db = scratch.db();
    let out = run(&["state", &receipt.reference, "answering"], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        get(&status_url(&receipt.reference)).body["state"],
        "answering"
    );

    let out = run(
        &[
            "state",
            &receipt.reference,
            "answered",
            "--answer",
            "some-slug",
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = get(&status_url(&receipt.reference));
    let status: QuestionStatus = serde_json::from_value(a.body).unwrap();
    assert_eq!(status.state, QuestionState::Answered);
    assert_eq!(status.answer.as_deref(), Some("some-slug"));
    assert_eq!(dump(&db)[0]["answer"], "some-slug");

    // Unknown references, comments' references, and what cannot be one.
    let unknown = get(&status_url("HD-00000000"));
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body, serde_json::json!({ "error": "not_found" }));
    let c = post(
        &receiver.url("submissions/comments"),
        &comment(&key("status-c")),
    )
    .receipt();
    assert_eq!(get(&status_url(&c.reference)).status, 404);
    assert_eq!(get(&status_url("not-a-reference")).refused(), ["reference"]);

    // `state` refuses what it cannot do, with a usage (2) or a failure (1).
    assert_eq!(
        run(&["state", "HD-00000000", "answered"], &db)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["state", "HD-00000000", "closed"], &db).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["state", "HD-00000000", "received"], &db)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["state", &c.reference, "received"], &db).status.code(),
        Some(1)
    );
}

#[test]
fn routes_methods_and_usage() {
    let scratch = Scratch::new("routes");
    let receiver = Receiver::start(&scratch, &[]);

    for path in ["", "submissions", "submissions/comment", "home.json"] {
        let a = get(&receiver.url(path));
        assert_eq!(a.status, 404, "{path}");
        assert_eq!(a.body["error"], "not_found");
    }
    let a = get(&receiver.url("submissions/comments"));
    assert_eq!(a.status, 405);
    assert_eq!(a.header("allow"), Some("POST"));
    let a = answer(
        agent()
            .delete(receiver.url("submissions/questions/HD-00000000"))
            .call(),
    );
    assert_eq!(a.status, 405);
    assert_eq!(a.header("allow"), Some("GET, HEAD"));

    // A proxy that strips the prefix reaches the same endpoints.
    let stripped = format!("{}/submissions/comments", receiver.base);
    assert_eq!(post(&stripped, &comment(&key("stripped"))).status, 201);

    // Another prefix (a sub-path deployment).
    let sub = Receiver::start(&scratch, &["--prefix", "/cong/api/v1/"]);
    let url = format!("{}/cong/api/v1/submissions/comments", sub.base);
    assert_eq!(post(&url, &comment(&key("sub-path"))).status, 201);

    // Bad arguments: a usage, exit 2.
    for args in [
        &["serve"][..],
        &["serve", "--db", "x.sqlite"],
        &["serve", "--db", "x", "--api", "/no/such/folder"],
        &["frobnicate"],
        &["dump", "--verbose", "1"],
        &[],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
    }
    let api = scratch.api();
    let api = api.to_str().unwrap();
    for bad in [
        &["--today", "2026-13-01"][..],
        &["--rate", "0"],
        &["--rate", "many"],
    ] {
        let out = Command::new(BIN)
            .args([
                "serve",
                "--db",
                "x",
                "--api",
                api,
                "--listen",
                "127.0.0.1:0",
            ])
            .args(bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn the_log_names_no_one() {
    let scratch = Scratch::new("log");
    let receiver = Receiver::start(&scratch, &[]);
    let c = comment(&key("log-c"));
    let q = question(&key("log-q"));
    let receipt = post(&receiver.url("submissions/comments"), &c).receipt();
    let asked = post(&receiver.url("submissions/questions"), &q).receipt();
    get(&receiver.url(&format!("submissions/questions/{}", asked.reference)));
    post_raw(&receiver.url("submissions/questions"), "{");

    let lines = receiver.log_lines(4);
    assert_eq!(
        lines,
        [
            "POST comments 201",
            "POST questions 201",
            "GET question-status 200",
            "POST questions 400",
        ]
    );
    let log = lines.join("\n");
    for personal in [
        c.name.as_str(),
        &c.email,
        &q.email,
        &q.district,
        &receipt.reference,
        &asked.reference,
        "127.0.0.1",
    ] {
        assert!(!log.contains(personal), "{personal}");
    }
}
