//! `portal-receiver`: the development and test receiver of the portal's write endpoints
//! (`POST submissions/comments`, `POST submissions/questions`,
//! `GET submissions/questions/<reference>`), and the reference implementation of that half of
//! the contract (`portal_core::participation::submit`). It judges a submission exactly as the
//! contract says (body limit, key, NFC, idempotency, honeypot, rate limit, the consultation's
//! period, the same `check()` the form runs), records it in a SQLite file, and answers a
//! question's state by its reference.
//!
//! It is not a CMS. A CMS that takes these endpoints over must also:
//! - moderate what it receives before anything is published (comments are never published
//!   here, and a question becomes public only as an answer someone wrote);
//! - write and publish the answers (`questions/<slug>.json` and the index) and the report on a
//!   consultation's comments, and move each question's state on (`state` does it by hand here);
//! - e-mail the citizen the reference on receipt and the answer once published;
//! - keep personal data (names, e-mail addresses, districts) only as long as its purpose needs
//!   and the consent covers (Decree 13/2023/NĐ-CP), delete it on request and on schedule, and
//!   keep it out of logs and backups that outlive that (this receiver keeps every row forever);
//! - see the client's real address behind its proxies for the rate limit, and run more than
//!   one process against a real database.

mod limit;
mod serve;
mod store;

use portal_core::Date;
use portal_core::participation::submit::{QuestionState, QuestionStatus, normalise_reference};
use portal_core::slug::is_valid_slug;
use serve::Config;
use std::path::PathBuf;
use std::process::ExitCode;
use store::{Store, parse_state};

const USAGE: &str = "\
usage:
  portal-receiver serve --db FILE --api DIR [--listen 127.0.0.1:8082] [--prefix /api/v1/]
                        [--rate N (new submissions per address per minute, default 10)]
                        [--today YYYY-MM-DD (default: $PORTAL_RECEIVER_TODAY, else today in Vietnam)]
  portal-receiver dump --db FILE
  portal-receiver state --db FILE REFERENCE received|answering|answered [--answer SLUG]";

/// A command line's flags (`--name value`) and the words between them.
struct Args {
    flags: Vec<(String, String)>,
    words: Vec<String>,
}

impl Args {
    fn parse(args: impl Iterator<Item = String>, known: &[&str]) -> Result<Args, String> {
        let (mut flags, mut words) = (Vec::new(), Vec::new());
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            if let Some(name) = arg.strip_prefix("--") {
                if !known.contains(&name) {
                    return Err(format!("unknown flag --{name}"));
                }
                let value = args
                    .next()
                    .ok_or_else(|| format!("--{name} needs a value"))?;
                if flags.iter().any(|(n, _)| n == name) {
                    return Err(format!("--{name} given twice"));
                }
                flags.push((name.to_owned(), value));
            } else {
                words.push(arg);
            }
        }
        Ok(Args { flags, words })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required"))
    }
}

/// Why a command stopped: bad arguments (usage, exit 2) or a failure (exit 1).
enum Failure {
    Usage(String),
    Failed(String),
}

fn serve_config(args: &Args) -> Result<Config, String> {
    if let Some(word) = args.words.first() {
        return Err(format!("unexpected argument {word:?}"));
    }
    let api = PathBuf::from(args.required("api")?);
    if !api.is_dir() {
        return Err(format!("--api {}: not a folder", api.display()));
    }
    let mut prefix = args.get("prefix").unwrap_or("/api/v1/").to_owned();
    if !prefix.starts_with('/') {
        prefix.insert(0, '/');
    }
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    let rate = match args.get("rate") {
        None => 10,
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("--rate {n:?}: not a positive number"))?,
    };
    let today = match args
        .get("today")
        .map(str::to_owned)
        .or_else(|| std::env::var("PORTAL_RECEIVER_TODAY").ok())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => Some(Date::parse(&s).map_err(|e| format!("--today: {e}"))?),
    };
    Ok(Config {
        db: PathBuf::from(args.required("db")?),
        api,
        listen: args.get("listen").unwrap_or("127.0.0.1:8082").to_owned(),
        prefix,
        rate,
        today,
    })
}

fn open(args: &Args) -> Result<Store, Failure> {
    let db = args.required("db").map_err(Failure::Usage)?;
    Store::open(db.as_ref()).map_err(|e| Failure::Failed(format!("{db}: {e}")))
}

fn dump(args: &Args) -> Result<(), Failure> {
    if let Some(word) = args.words.first() {
        return Err(Failure::Usage(format!("unexpected argument {word:?}")));
    }
    let rows = open(args)?
        .dump()
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::Failed(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn state(args: &Args) -> Result<(), Failure> {
    let [typed, state] = args.words.as_slice() else {
        return Err(Failure::Usage(
            "state needs a reference and a state".to_owned(),
        ));
    };
    let code = normalise_reference(typed)
        .ok_or_else(|| Failure::Usage(format!("{typed:?} is not a reference")))?;
    let state = parse_state(state)
        .ok_or_else(|| Failure::Usage(format!("{state:?} is not received|answering|answered")))?;
    let answer = args.get("answer");
    match (state, answer) {
        (QuestionState::Answered, None) => {
            return Err(Failure::Usage("answered needs --answer SLUG".to_owned()));
        }
        (QuestionState::Answered, Some(slug)) if !is_valid_slug(slug) => {
            return Err(Failure::Usage(format!("--answer {slug:?} is not a slug")));
        }
        (QuestionState::Received | QuestionState::Answering, Some(_)) => {
            return Err(Failure::Usage(
                "--answer goes with answered only".to_owned(),
            ));
        }
        _ => {}
    }
    let store = open(args)?;
    let failed = |e: rusqlite::Error| Failure::Failed(e.to_string());
    if !store.set_state(&code, state, answer).map_err(failed)? {
        return Err(Failure::Failed(format!(
            "no question has the reference {code}"
        )));
    }
    let status = store
        .question(&code)
        .map_err(failed)?
        .ok_or_else(|| Failure::Failed(format!("{code} went away")))?;
    let status = QuestionStatus {
        reference: code,
        state: status.state,
        received: status.received,
        answer: status.answer,
    };
    let text = serde_json::to_string(&status).map_err(|e| Failure::Failed(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn run() -> Result<(), Failure> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let known: &[&str] = match command.as_str() {
        "serve" => &["db", "api", "listen", "prefix", "rate", "today"],
        "dump" => &["db"],
        "state" => &["db", "answer"],
        "" => return Err(Failure::Usage("no command".to_owned())),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return Ok(());
        }
        other => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    };
    let args = Args::parse(args, known).map_err(Failure::Usage)?;
    match command.as_str() {
        "serve" => {
            let config = serve_config(&args).map_err(Failure::Usage)?;
            serve::serve(config).map_err(Failure::Failed)
        }
        "dump" => dump(&args),
        _ => state(&args),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => {
            eprintln!("portal-receiver: {why}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(why)) => {
            eprintln!("portal-receiver: {why}");
            ExitCode::FAILURE
        }
    }
}
