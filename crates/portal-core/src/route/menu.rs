//! The main menu read as the route table reads addresses: which items are categories.

use crate::model::MenuItem;

/// Whether the item leads to a category (`/<slug>`): not a page of its own (`path`), not a word
/// the route table claims (`/van-ban`, the register).
pub fn is_category(item: &MenuItem) -> bool {
    item.path.is_none() && !super::table::claims(&item.slug)
}

/// The menu's categories in order, sub-categories after their parent with their depth: what the
/// search page's filter and the snippet builder offer. A category under a page (`tong-quan`
/// under `gioi-thieu`) keeps its depth.
pub fn categories(menu: &[MenuItem]) -> Vec<(usize, &MenuItem)> {
    fn walk<'a>(items: &'a [MenuItem], depth: usize, out: &mut Vec<(usize, &'a MenuItem)>) {
        for item in items {
            if is_category(item) {
                out.push((depth, item));
            }
            walk(&item.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(menu, 0, &mut out);
    out
}

/// [`categories`] as a list's choices: (slug, name), a sub-category's name after `mark` once per
/// level ("– Thời sự").
pub fn choices(menu: &[MenuItem], mark: &str) -> Vec<(String, String)> {
    categories(menu)
        .into_iter()
        .map(|(depth, i)| (i.slug.clone(), format!("{}{}", mark.repeat(depth), i.name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(slug: &str, path: Option<&str>, children: Vec<MenuItem>) -> MenuItem {
        MenuItem {
            slug: slug.into(),
            name: slug.to_uppercase(),
            path: path.map(str::to_owned),
            children,
        }
    }

    #[test]
    fn pages_and_claimed_words_are_not_categories() {
        let menu = vec![
            item("tin-tuc", None, vec![item("thoi-su", None, vec![])]),
            item("van-ban", None, vec![]),
            item(
                "gioi-thieu",
                Some("/gioi-thieu"),
                vec![item("tong-quan", None, vec![])],
            ),
            item("hoi-dap", Some("/hoi-dap"), vec![]),
        ];
        assert_eq!(
            choices(&menu, "– "),
            vec![
                ("tin-tuc".to_owned(), "TIN-TUC".to_owned()),
                ("thoi-su".to_owned(), "– THOI-SU".to_owned()),
                ("tong-quan".to_owned(), "– TONG-QUAN".to_owned()),
            ]
        );
    }
}
