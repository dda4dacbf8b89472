//! Page arithmetic and the compact list of page links a pager shows.

/// Number of pages for `total` items at `size` per page; an empty list still has one (empty) page.
pub fn total_pages(total: u64, size: u32) -> u32 {
    if size == 0 {
        return 1;
    }
    let pages = total.div_ceil(u64::from(size)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// Reads a page number from a query value: missing, malformed, zero or negative → 1.
pub fn parse_page(raw: Option<&str>) -> u32 {
    raw.and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

/// The half-open range of item indices on page `number`.
pub fn item_range(number: u32, size: u32, total: usize) -> std::ops::Range<usize> {
    let size = size as usize;
    let start = (number.max(1) as usize - 1).saturating_mul(size).min(total);
    start..start.saturating_add(size).min(total)
}

/// A category's articles in pages that never move once full (issue 28; docs/api.md,
/// "Categories"). The articles are cut into runs of `size` from the oldest; the front page holds
/// the newest full run and the newer articles after it (`size` to `2 × size − 1` of them, or all
/// when there are fewer than `size`), and each older run is a numbered page: page `k` (from 1)
/// holds the articles at positions `(k − 1) × size .. k × size`, counted from the oldest.
/// Publishing one more article rewrites the front page, and when it fills a run, also writes the
/// run the front page no longer shows as a new numbered page and rewrites the one before it
/// (whose newer neighbour was the front page): a few documents, whatever the archive's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archive {
    total: usize,
    size: usize,
}

impl Archive {
    pub fn new(total: usize, size: u32) -> Archive {
        Archive {
            total,
            size: (size as usize).max(1),
        }
    }

    /// The numbered pages: every full run but the newest, which is on the front page.
    pub fn pages(&self) -> u32 {
        u32::try_from((self.total / self.size).saturating_sub(1)).unwrap_or(u32::MAX)
    }

    /// The positions, counted from the oldest article, of page `k` (`None`: the front page); empty
    /// for a page there is not.
    pub fn range(&self, page: Option<u32>) -> std::ops::Range<usize> {
        let pages = self.pages() as usize;
        match page {
            None => (pages * self.size).min(self.total)..self.total,
            Some(k) if k >= 1 && (k as usize) <= pages => {
                let start = (k as usize - 1) * self.size;
                start..start + self.size
            }
            Some(_) => 0..0,
        }
    }

    /// The page of the articles just older than page `page`'s (`None`: the front page's).
    pub fn older(&self, page: Option<u32>) -> Option<u32> {
        match page {
            None => Some(self.pages()).filter(|&k| k >= 1),
            Some(k) => k.checked_sub(1).filter(|&k| k >= 1 && k < self.pages()),
        }
    }

    /// The page of the articles just newer than page `k`'s: `None` when they are on the front
    /// page.
    pub fn newer(&self, k: u32) -> Option<u32> {
        k.checked_add(1).filter(|&n| n <= self.pages())
    }

    /// Page `page`'s document part (`None`: the front page, which alone has the count), given its
    /// articles, newest first.
    pub fn page(&self, page: Option<u32>, items: Vec<crate::ArticleSummary>) -> crate::ArchivePage {
        crate::ArchivePage {
            number: page.unwrap_or(0),
            total_items: page.is_none().then_some(self.total as u64),
            items,
            older: self.older(page),
            newer: page.and_then(|k| self.newer(k)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLink {
    Page(u32),
    /// A gap between non-adjacent page numbers.
    Gap,
}

/// Page links around `current`: always the first and last, `radius` on each side, gaps between.
/// `pager(7, 20, 1)` → `1 … 6 7 8 … 20`.
pub fn pager(current: u32, total: u32, radius: u32) -> Vec<PageLink> {
    let total = total.max(1);
    let current = current.clamp(1, total);
    let lo = current.saturating_sub(radius).max(1);
    let hi = current.saturating_add(radius).min(total);
    let mut out = Vec::new();
    if lo > 1 {
        out.push(PageLink::Page(1));
        if lo > 2 {
            // A gap that would hide exactly one page shows that page instead.
            out.push(if lo == 3 {
                PageLink::Page(2)
            } else {
                PageLink::Gap
            });
        }
    }
    out.extend((lo..=hi).map(PageLink::Page));
    if hi < total {
        if hi + 1 < total {
            out.push(if hi + 2 == total {
                PageLink::Page(total - 1)
            } else {
                PageLink::Gap
            });
        }
        out.push(PageLink::Page(total));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::PageLink::{Gap, Page as P};
    use super::*;

    #[test]
    fn counts_pages() {
        assert_eq!(total_pages(0, 10), 1);
        assert_eq!(total_pages(10, 10), 1);
        assert_eq!(total_pages(11, 10), 2);
        assert_eq!(total_pages(100_000, 10), 10_000);
        assert_eq!(total_pages(5, 0), 1);
    }

    #[test]
    fn parses_page_numbers_tolerantly() {
        assert_eq!(parse_page(None), 1);
        assert_eq!(parse_page(Some("3")), 3);
        for bad in ["0", "-2", "abc", "", "1e3", "99999999999"] {
            assert_eq!(parse_page(Some(bad)), 1, "{bad:?}");
        }
    }

    #[test]
    fn archive_pages_never_move_once_full() {
        // 35 articles, 10 a page: three full runs; the front holds the newest (20..30) and the
        // 5 after it; pages 1 and 2 are the older runs.
        let a = Archive::new(35, 10);
        assert_eq!(a.pages(), 2);
        assert_eq!(a.range(None), 20..35);
        assert_eq!(a.range(Some(1)), 0..10);
        assert_eq!(a.range(Some(2)), 10..20);
        assert_eq!(a.range(Some(3)), 0..0);
        assert_eq!(a.range(Some(0)), 0..0);
        assert_eq!(a.older(None), Some(2));
        assert_eq!(a.older(Some(2)), Some(1));
        assert_eq!(a.older(Some(1)), None);
        assert_eq!(a.older(Some(3)), None, "no page 3");
        assert_eq!(a.newer(1), Some(2));
        assert_eq!(a.newer(2), None, "the front page");
        // Five more fill a run: it is the front page's, the one before becomes page 3, and of
        // the others only page 2's link changes.
        let b = Archive::new(40, 10);
        assert_eq!(b.pages(), 3);
        for k in 1..=2 {
            assert_eq!(b.range(Some(k)), a.range(Some(k)));
        }
        assert_eq!(b.range(Some(3)), 20..30);
        assert_eq!(b.range(None), 30..40);
        assert_eq!(
            (b.newer(1), b.newer(2), b.newer(3)),
            (Some(2), Some(3), None)
        );
        assert_eq!(b.older(None), Some(3));
        // Fewer than two runs: the front page only.
        for total in [0, 7, 10, 19] {
            let c = Archive::new(total, 10);
            assert_eq!(
                (c.pages(), c.range(None), c.older(None)),
                (0, 0..total, None),
                "{total}"
            );
        }
        assert_eq!(
            Archive::new(5, 0).range(None),
            4..5,
            "a size of 0 is taken as 1"
        );
        // Every article is on exactly one page, and the front page has size .. 2 × size − 1 of
        // them once there is a full run.
        for total in 0..80 {
            let a = Archive::new(total, 10);
            let front = a.range(None);
            assert!(total < 10 || (10..20).contains(&front.len()), "{total}");
            for p in 0..total {
                let on = (1..=a.pages())
                    .filter(|&k| a.range(Some(k)).contains(&p))
                    .count()
                    + usize::from(front.contains(&p));
                assert_eq!(on, 1, "{total} {p}");
            }
        }
    }

    #[test]
    fn item_ranges() {
        assert_eq!(item_range(1, 10, 25), 0..10);
        assert_eq!(item_range(3, 10, 25), 20..25);
        assert_eq!(item_range(9, 10, 25), 25..25);
        assert_eq!(item_range(0, 10, 25), 0..10);
        assert_eq!(item_range(u32::MAX, u32::MAX, 5), 5..5);
    }

    #[test]
    fn pager_links() {
        assert_eq!(pager(1, 1, 1), vec![P(1)]);
        assert_eq!(pager(1, 3, 1), vec![P(1), P(2), P(3)]);
        assert_eq!(
            pager(7, 20, 1),
            vec![P(1), Gap, P(6), P(7), P(8), Gap, P(20)]
        );
        assert_eq!(pager(3, 5, 1), vec![P(1), P(2), P(3), P(4), P(5)]);
        assert_eq!(pager(1, 10, 1), vec![P(1), P(2), Gap, P(10)]);
        assert_eq!(pager(50, 10, 1), vec![P(1), Gap, P(9), P(10)]);
    }
}
