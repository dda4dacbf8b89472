//! The register alone, as the synthetic archive of N articles writes it (one document for every
//! five), to look at its files without the hour a whole archive takes (issue 28: the register's
//! cold landings at 200,000 documents).
//!   cargo run --release -p portal-content --example register -- 1000000 target/register/api/v1
use anyhow::Context;
use portal_content::generate::{Catalogue, DirSink};
use portal_content::{source, synth};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().context("a count")?.parse()?;
    let out = std::path::PathBuf::from(args.next().context("an output folder")?);
    let site = source::load_site(std::path::Path::new("content/site.toml"))?;
    let corpus = synth::corpus(&source::load_articles(std::path::Path::new(
        "content/articles",
    ))?);
    let cat = Catalogue::new(&site.categories)?;
    let archive = synth::Archive::new(&cat, count, &corpus)?;
    let mut list = (0..count)
        .map(|n| archive.heading(n))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let docs = synth::documents(&list);
    for (a, d) in list.iter_mut().step_by(5).zip(&docs) {
        a.document = Some(portal_content::documents::legal_of(d));
    }
    let _ = std::fs::remove_dir_all(&out);
    let mut sink = DirSink::new(&out);
    let started = std::time::Instant::now();
    portal_content::documents::write(docs, &list, &mut sink)?;
    println!(
        "register of {} documents: {} files, {:.1} MB in {:.1} s",
        count / 5,
        sink.files,
        sink.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
