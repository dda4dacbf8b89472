//! A category's pages after one article leaves or joins it, from its documents alone (a named
//! publish): the pages from the article's place to the newest are read, edited and cut again into
//! runs of ten from the oldest (`portal_core::pagination::Archive`), as a full build would cut
//! them; older pages are neither read nor written. At the newest end that is the front page and,
//! when its run fills or empties, the numbered page before it.

use anyhow::{Context, Result, bail};
use portal_core::pagination::Archive;
use portal_core::{ArticleSummary, CategoryPage};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The pages' order, newest first (as `generate` sorts the articles): by date, then by slug.
pub fn order(a: &ArticleSummary, b: &ArticleSummary) -> Ordering {
    b.published
        .cmp(&a.published)
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The article leaving (its slug) and the one joining (both: a changed article).
pub struct Edit<'a> {
    pub remove: Option<&'a str>,
    pub insert: Option<&'a ArticleSummary>,
}

/// The category's pages that may change, by number (0: the front page): `Some` to write, `None`
/// to remove. `read(k)` gives numbered page `k` as it is.
pub fn edit(
    front: &CategoryPage,
    size: u32,
    read: &mut dyn FnMut(u32) -> Result<CategoryPage>,
    change: &Edit,
) -> Result<Vec<(u32, Option<CategoryPage>)>> {
    let total = front
        .page
        .total_items
        .context("a front page without its count")? as usize;
    let before = Archive::new(total, size);
    let pages = before.pages();
    let mut read_pages: BTreeMap<u32, CategoryPage> = BTreeMap::new();
    let mut page = |k: u32| -> Result<Vec<ArticleSummary>> {
        let page = match read_pages.entry(k) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(read(k)?),
        };
        Ok(page.page.items.clone())
    };
    // The lowest page that changes: where the article was, where it goes.
    let mut lowest = pages + 1;
    let mut removed = false;
    if let Some(slug) = change.remove {
        let mut k = pages + 1;
        while k >= 1 {
            let items = if k > pages {
                front.page.items.clone()
            } else {
                page(k)?
            };
            if items.iter().any(|i| i.slug == slug) {
                lowest = lowest.min(k);
                removed = true;
                break;
            }
            k -= 1;
        }
    }
    if let Some(new) = change.insert {
        // The newest page whose oldest article is older than the new one.
        let mut k = pages + 1;
        while k > 1 {
            let items = if k > pages {
                front.page.items.clone()
            } else {
                page(k)?
            };
            if items
                .last()
                .is_none_or(|oldest| order(new, oldest) == Ordering::Less)
            {
                break;
            }
            k -= 1;
        }
        lowest = lowest.min(k);
    }
    let total_after = total - usize::from(removed) + usize::from(change.insert.is_some());
    let after = Archive::new(total_after, size);
    // The page whose newer neighbour changes when the front page's run fills or empties.
    let lowest = lowest.min(pages).min(after.pages()).max(1);

    // From `lowest` to the newest, oldest first.
    let mut list: Vec<ArticleSummary> = Vec::new();
    for k in lowest..=pages {
        list.extend(page(k)?.into_iter().rev());
    }
    list.extend(front.page.items.iter().rev().cloned());
    let offset = (lowest as usize - 1) * size.max(1) as usize;
    if list.len() + offset != total {
        bail!(
            "{}: its pages hold {} articles from page {lowest}, its count says {}",
            front.category.slug,
            list.len(),
            total - offset
        );
    }
    if let Some(slug) = change.remove {
        list.retain(|i| i.slug != slug);
    }
    if let Some(new) = change.insert {
        let at = list.partition_point(|i| order(i, new) == Ordering::Greater);
        list.insert(at, new.clone());
    }
    let cut = |number: Option<u32>| -> Result<CategoryPage> {
        let range = after.range(number);
        let items = list
            .get(range.start - offset..range.end - offset)
            .context("a page past the category's articles")?;
        Ok(CategoryPage {
            version: front.version,
            lang: front.lang,
            category: front.category.clone(),
            page: after.page(number, items.iter().rev().cloned().collect()),
        })
    };
    let mut out = vec![(0, Some(cut(None)?))];
    for k in lowest..=after.pages() {
        out.push((k, Some(cut(Some(k))?)));
    }
    for k in after.pages() + 1..=pages {
        out.push((k, None));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::{Category, CategoryRef, DateTime, Lang};

    fn summary(day: u32, slug: &str) -> ArticleSummary {
        ArticleSummary {
            id: u64::from(day),
            slug: slug.to_owned(),
            title: slug.to_owned(),
            lead: String::new(),
            published: DateTime::parse(&format!(
                "{}-{:02}-{:02}T08:00:00+07:00",
                2000 + day / 336,
                day / 28 % 12 + 1,
                day % 28 + 1
            ))
            .unwrap_or_default(),
            category: CategoryRef {
                slug: "c".into(),
                name: "C".into(),
            },
            thumbnail: None,
        }
    }

    /// A full build's pages of `list` (any order), as `generate` cuts them.
    fn pages_of(mut list: Vec<ArticleSummary>, size: u32) -> BTreeMap<u32, CategoryPage> {
        list.sort_by(order);
        let archive = Archive::new(list.len(), size);
        let category = Category {
            slug: "c".into(),
            name: "C".into(),
            description: String::new(),
            parent: None,
            children: Vec::new(),
            breadcrumb: Vec::new(),
            alternates: Vec::new(),
        };
        let page = |number: Option<u32>| {
            let range = archive.range(number);
            let items = list
                .get(list.len() - range.end..list.len() - range.start)
                .unwrap_or_default()
                .to_vec();
            CategoryPage {
                version: 1,
                lang: Lang::Vi,
                category: category.clone(),
                page: archive.page(number, items),
            }
        };
        let mut out = BTreeMap::from([(0, page(None))]);
        for k in 1..=archive.pages() {
            out.insert(k, page(Some(k)));
        }
        out
    }

    /// Applies `change` to the pages of `list` and checks them against a full build's pages of
    /// the list changed; returns how many numbered pages were read.
    fn check(list: &[ArticleSummary], change: &Edit, size: u32) -> usize {
        let mut pages = pages_of(list.to_vec(), size);
        let mut reads = 0;
        let written = {
            let front = pages.get(&0).cloned().unwrap_or_else(|| panic!("front"));
            let mut read = |k: u32| {
                reads += 1;
                pages.get(&k).cloned().context("no such page")
            };
            edit(&front, size, &mut read, change).unwrap_or_else(|e| panic!("{e}"))
        };
        for (k, page) in written {
            match page {
                Some(p) => pages.insert(k, p),
                None => pages.remove(&k),
            };
        }
        let mut changed: Vec<ArticleSummary> = list
            .iter()
            .filter(|s| Some(s.slug.as_str()) != change.remove)
            .cloned()
            .collect();
        changed.extend(change.insert.cloned());
        assert_eq!(pages, pages_of(changed, size), "{} articles", list.len());
        reads
    }

    #[test]
    fn every_edit_gives_a_full_builds_pages() {
        for n in 0..45u32 {
            let list: Vec<ArticleSummary> =
                (0..n).map(|d| summary(d * 2, &format!("a{d}"))).collect();
            for day in [0, 1, 17, n, 2 * n + 1] {
                let new = summary(day, "new");
                check(
                    &list,
                    &Edit {
                        remove: None,
                        insert: Some(&new),
                    },
                    4,
                );
            }
            for gone in (0..n).step_by(3) {
                let slug = format!("a{gone}");
                check(
                    &list,
                    &Edit {
                        remove: Some(&slug),
                        insert: None,
                    },
                    4,
                );
                let moved = summary(2 * n + 1, &slug);
                let both = Edit {
                    remove: Some(&slug),
                    insert: Some(&moved),
                };
                check(&list, &both, 4);
            }
        }
    }

    #[test]
    fn a_new_article_at_the_newest_end_reads_at_most_one_numbered_page() {
        let list: Vec<ArticleSummary> = (0..400).map(|d| summary(d, &format!("a{d}"))).collect();
        let new = summary(500, "new");
        let reads = check(
            &list,
            &Edit {
                remove: None,
                insert: Some(&new),
            },
            10,
        );
        assert!(reads <= 1, "{reads} pages read");
    }
}
