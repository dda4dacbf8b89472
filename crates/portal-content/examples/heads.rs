//! How the fixed queries (bench/queries.txt) read an index tier by tier (issue 28): the tail files
//! each read before its first page was decided, whether the heads alone decided it, the raw bytes
//! of the index files read, and a check that its page is the whole lists' page (bench/search.mjs
//! measures the same queries brotli-compressed in Chromium), and the postings read (what the app
//! keeps for a refined query: src/api/tiers.rs).
//!   cargo run --release -p portal-content --example heads -- target/synthetic/api/v1
use portal_content::search_read::{fixed_queries, run_after};
use portal_core::search::query::Search;

fn main() -> anyhow::Result<()> {
    let api = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("public/api/v1".into()));
    let read = |path: &str| std::fs::read(api.join(path)).ok();
    let (mut by_heads, queries) = (0, fixed_queries());
    for q in &queries {
        let (r, lookup) = run_after(
            &read,
            &Search {
                q: q.to_string(),
                page: 1,
                ..Search::default()
            },
            None,
        )?;
        anyhow::ensure!(r.ranked == r.whole, "{q}: not the whole lists' page");
        let tails = r
            .files
            .iter()
            .filter(|(f, _)| f.starts_with("search/tails/"))
            .count();
        let bytes: usize = r.files.iter().map(|(_, b)| b).sum();
        by_heads += usize::from(tails == 0);
        println!(
            "{q:28} {:>7} results{}  shards+tails {:2}+{tails:<2}  {bytes:>8} B raw  {:>8} postings read",
            r.total,
            if r.at_least {
                " (at least)"
            } else {
                "           "
            },
            r.files.len() - tails,
            lookup.len(),
        );
    }
    println!(
        "decided by the heads alone: {by_heads} of {}; every page equal to the whole lists' page",
        queries.len()
    );
    Ok(())
}
