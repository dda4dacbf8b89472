use anyhow::{Context, Result, bail};
use portal_content::generate::DirSink;
use portal_content::{Layout, build_into, source, stale_paths, synth};
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "portal-content — builds the portal's static JSON content API

USAGE:
    portal-content build [--root DIR]
        Generate public/api/v1 from content/ (replaces the old tree).
    portal-content publish [--root DIR] [--out DIR] [SLUG…]
        Bring an API tree that `build` wrote (public/api/v1, or DIR) up to date with content/
        after articles were published, changed or withdrawn: only the documents that differ are
        written, and the search index gets a delta (docs/publishing.md). Prints the articles
        touched (English ones as en/<slug>), for `prerender --changed` (scripts/publish.sh runs both).
        With SLUGs (en/<slug>: English), only those articles, reading only what they touch (no
        source: withdrawn); without, every source is compared with the tree.
    portal-content check [--root DIR]
        Fail if public/api/v1 differs from what `build` would write.
    portal-content synth --count N --out DIR [--root DIR]
        Write a synthetic API tree of N articles to DIR (for scale tests) and report the time.
    portal-content specimens [--root DIR]
        Write a specimen PDF under public/files/ for every document of content/documents.toml
        that has no file and does not say why, and print the [[documents.files]] entries to add.

--root defaults to the current directory (the project root).";

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let cmd = args.next().unwrap_or_default();
    let (mut root, mut count, mut out) = (PathBuf::from("."), None::<u64>, None::<PathBuf>);
    let mut named: Vec<String> = Vec::new();
    while let Some(flag) = args.next() {
        if !flag.starts_with("--") {
            named.push(flag);
            continue;
        }
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--root" => root = value.into(),
            "--count" => count = Some(value.parse().context("--count")?),
            "--out" => out = Some(value.into()),
            _ => bail!("unknown option {flag}\n\n{USAGE}"),
        }
    }
    let mut layout = Layout::new(&root);
    match cmd.as_str() {
        "build" => {
            let started = Instant::now();
            if layout.out.exists() {
                std::fs::remove_dir_all(&layout.out)?;
            }
            let mut sink = DirSink::new(&layout.out);
            let n = build_into(&layout, &mut sink)?;
            println!(
                "built {} articles: {} files, {} bytes in {} ({:.2} s)",
                n,
                sink.files,
                sink.bytes,
                layout.out.display(),
                started.elapsed().as_secs_f64()
            );
        }
        "publish" => {
            if let Some(out) = out {
                layout.out = out;
            }
            let started = Instant::now();
            let done = match named.is_empty() {
                true => portal_content::publish::publish(&layout)?,
                false => portal_content::publish::publish_named(&layout, &named)?,
            };
            for path in &done.written {
                eprintln!("wrote {path}");
            }
            for path in &done.removed {
                eprintln!("removed {path}");
            }
            eprintln!(
                "published: {} written, {} removed ({:.2} s)",
                done.written.len(),
                done.removed.len(),
                started.elapsed().as_secs_f64()
            );
            // Standard output is what the prerender's `--changed` takes, alone.
            println!("{}", done.changed.join(","));
        }
        "check" => {
            let diff = stale_paths(&layout)?;
            if !diff.is_empty() {
                bail!(
                    "{} is stale ({} paths); run `cargo run -p portal-content -- build`:\n  {}",
                    layout.out.display(),
                    diff.len(),
                    diff.iter()
                        .take(20)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n  ")
                );
            }
            println!("{} is up to date", layout.out.display());
        }
        "synth" => {
            let count = count.context("synth needs --count N")?;
            let out = out.context("synth needs --out DIR")?;
            let site = source::load_site(&layout.content.join("site.toml"))?;
            let started = Instant::now();
            if out.exists() {
                std::fs::remove_dir_all(&out)?;
            }
            let mut sink = DirSink::new(&out);
            let corpus = synth::corpus(&source::load_articles(&layout.content.join("articles"))?);
            synth::write(&site, count, &corpus, &mut sink)?;
            println!(
                "synthesised {count} articles: {} files, {:.1} MB in {} ({:.2} s)",
                sink.files,
                sink.bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
        }
        "specimens" => {
            let file = source::load_documents(&layout.content.join("documents.toml"))?;
            for d in file
                .documents
                .iter()
                .filter(|d| d.files.is_empty() && d.no_file.is_none())
            {
                let bytes = portal_content::specimen::document_pdf(
                    &d.issuer,
                    &d.kind,
                    &d.number,
                    &portal_core::Date::parse(&d.issued)?.to_vietnamese(),
                    &d.summary,
                );
                std::fs::write(layout.public.join(format!("files/{}.pdf", d.slug)), bytes)?;
                println!(
                    "# {}\n[[documents.files]]\nname = \"Toàn văn {} số {}\"\nfile = \"/files/{}.pdf\"\n",
                    d.slug, d.kind, d.number, d.slug
                );
            }
        }
        _ => {
            println!("{USAGE}");
            if !cmd.is_empty() && cmd != "help" && cmd != "--help" {
                bail!("unknown command {cmd:?}");
            }
        }
    }
    Ok(())
}
