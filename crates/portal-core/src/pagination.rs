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
