//! What ranking costs a refined query natively (issue 28): each fixed query with diacritics
//! (bench/queries.txt) ranked from what its plain twin read, as the app does (`api/tiers.rs` keeps
//! the reading; `Lookup::for_plan`), the median of 7 runs; the index files are read beforehand.
//!   cargo run --release -p portal-content --example twins -- target/scale/1000000/api/v1
use portal_content::search_read::{fixed_queries, run_after};
use portal_core::search::index::{Manifest, manifest_doc};
use portal_core::search::lookup::{Lookup, Next};
use portal_core::search::query::{Plan, Search};
use unicode_normalization::UnicodeNormalization;

fn main() -> anyhow::Result<()> {
    let api = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("public/api/v1".into()));
    let read = |path: &str| std::fs::read(api.join(path)).ok();
    let manifest: Manifest = serde_json::from_slice(
        &read(&manifest_doc()).ok_or_else(|| anyhow::anyhow!("no search manifest"))?,
    )?;
    let mut kept: Option<Lookup> = None;
    for q in fixed_queries() {
        let search = Search {
            q: q.to_string(),
            page: 1,
            ..Search::default()
        };
        let plan = Plan::new(&q.nfc().collect::<String>().to_lowercase(), |s: &str| {
            s.to_lowercase().nfd().collect()
        });
        if let Some(k) = kept.clone().filter(|k| k.reads(&plan)) {
            let search = search.known(&manifest);
            let mut times: Vec<f64> = (0..7)
                .map(|_| {
                    let copy = k.clone();
                    let t = std::time::Instant::now();
                    let lookup = Lookup::resume(Some(copy), &plan, Vec::new);
                    let done = matches!(
                        lookup.next(&plan, &search, &manifest, None),
                        Next::Done { .. }
                    );
                    (t.elapsed().as_secs_f64() * 1000.0, done)
                })
                .map(|(ms, done)| if done { ms } else { f64::NAN })
                .collect();
            times.sort_by(f64::total_cmp);
            println!(
                "{q:28} {:>7.2} ms  {:>8} postings kept{}",
                times[3],
                k.len(),
                if times.iter().any(|t| t.is_nan()) {
                    "  (reads further)"
                } else {
                    ""
                }
            );
        }
        let (_, lookup) = run_after(&read, &search, kept.take())?;
        kept = Some(lookup);
    }
    Ok(())
}
