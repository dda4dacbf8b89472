//! `portal-content publish` on the sample: a tree a full build wrote, then the sources change
//! (an article withdrawn, one published, one changed) and a publish writes exactly what follows
//! from it: the article's documents, its categories' pages, home, the register's citing list, the
//! search index's delta, and nothing else.

use portal_content::generate::DirSink;
use portal_content::publish::{Published, publish, publish_named};
use portal_content::{Layout, build_into, search_read};
use portal_core::search::index::{Manifest, Record, manifest_doc, record_doc};
use portal_core::search::query::Search;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A project whose content is a copy of the sample's (its pictures read where they are), and
/// its API tree as a full build writes it.
struct Project {
    dir: PathBuf,
    layout: Layout,
}

impl Project {
    fn new(name: &str) -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = std::env::temp_dir().join(format!("publish-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy(&root.join("content"), &dir.join("content"));
        let layout = Layout {
            content: dir.join("content"),
            public: root.join("public"),
            out: dir.join("api"),
        };
        build_into(&layout, &mut DirSink::new(&layout.out)).unwrap();
        Project { dir, layout }
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.layout.out.join(path)).ok()
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_slice(&self.read(path).unwrap_or_else(|| panic!("{path}"))).unwrap()
    }

    fn source(&self, path: &str) -> PathBuf {
        self.layout.content.join("articles").join(path)
    }

    /// The slugs of a query's first page, and how many results it has; checks on the way that
    /// the tiers read give the whole lists' page.
    fn search(&self, q: &str) -> (Vec<String>, usize) {
        let read = |p: &str| self.read(p);
        let run = search_read::run(&read, &Search::parse(&format!("q={q}"))).unwrap();
        let docs = |r: &[portal_core::search::rank::Ranked]| -> Vec<u32> {
            r.iter().map(|r| r.doc).collect()
        };
        assert_eq!(docs(&run.ranked), docs(&run.whole), "{q}");
        let slugs = run
            .ranked
            .iter()
            .map(|r| {
                let record: Record =
                    serde_json::from_slice(&self.read(&record_doc(r.doc)).unwrap()).unwrap();
                record.slug
            })
            .collect();
        (slugs, run.whole_total)
    }

    /// Every result of a query (its first thousand pages).
    fn all(&self, q: &str) -> Vec<String> {
        let read = |p: &str| self.read(p);
        let run = search_read::run(&read, &Search::parse(&format!("q={q}&trang=1000"))).unwrap();
        run.whole
            .iter()
            .map(|r| {
                let record: Record =
                    serde_json::from_slice(&self.read(&record_doc(r.doc)).unwrap()).unwrap();
                record.slug
            })
            .collect()
    }

    fn manifest(&self) -> Manifest {
        serde_json::from_value(self.json(&manifest_doc())).unwrap()
    }

    /// Every category page's articles, in order, by category.
    /// A category's articles, newest first: its front page, then along the older pages.
    fn listed(&self, category: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut doc = format!("categories/{category}/index.json");
        while let Some(bytes) = self.read(&doc) {
            let page: Value = serde_json::from_slice(&bytes).unwrap();
            for item in page["page"]["items"].as_array().unwrap() {
                out.push(item["slug"].as_str().unwrap().to_owned());
            }
            let Some(older) = page["page"]["older"].as_u64() else {
                break;
            };
            doc = format!("categories/{category}/{older}.json");
        }
        out
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

const WITHDRAWN: &str = "van-ban-phap-luat/qd-12-2021-quan-ly-cay-xanh-do-thi.md";
const SLUG: &str =
    "quyet-dinh-so-12-2021-qd-ubnd-ban-hanh-quy-dinh-phan-cap-quan-ly-cay-xanh-do-thi-tren-dia";
const DOCUMENT: &str = "documents/qd-12-2021-qd-ubnd.json";

#[test]
fn with_nothing_changed_a_publish_writes_nothing() {
    let p = Project::new("same");
    assert_eq!(publish(&p.layout).unwrap(), Published::default());
    assert_eq!(p.manifest().delta, None);
}

#[test]
fn a_withdrawn_article_leaves_search_its_category_home_and_the_register() {
    let p = Project::new("withdraw");
    let query = "phan cap quan ly cay xanh";
    let (before, total) = p.search(query);
    assert_eq!(before.first().map(String::as_str), Some(SLUG));
    assert!(p.listed("van-ban-phap-luat").contains(&SLUG.to_owned()));
    assert!(p.json(DOCUMENT).to_string().contains(SLUG));
    let fixed: Vec<(Vec<String>, usize, bool)> = search_read::fixed_queries()
        .iter()
        .map(|q| {
            let (slugs, total) = p.search(q);
            (slugs, total, p.all(q).contains(&SLUG.to_owned()))
        })
        .collect();

    std::fs::remove_file(p.source(WITHDRAWN)).unwrap();
    let done = publish(&p.layout).unwrap();

    assert!(done.changed.contains(&SLUG.to_owned()), "{done:?}");
    assert!(done.removed.contains(&format!("articles/{SLUG}.json")));
    assert!(done.written.contains(&DOCUMENT.to_owned()));
    assert!(done.written.contains(&manifest_doc()));
    // The full build's index is not written again: its manifest names what no longer counts.
    assert!(!done.written.iter().any(|w| w.starts_with("search/terms/")));
    let delta = p.manifest().delta.unwrap();
    assert_eq!((delta.docs, delta.withdrawn.len()), (0, 1));

    let (after, total_after) = p.search(query);
    assert!(!after.contains(&SLUG.to_owned()), "{after:?}");
    assert_eq!(total_after, total - 1);
    assert!(!p.listed("van-ban-phap-luat").contains(&SLUG.to_owned()));
    assert!(!p.json(DOCUMENT).to_string().contains(SLUG));
    assert!(!p.json("home.json").to_string().contains(SLUG));
    // Every fixed query: the same results but the withdrawn article.
    for (q, (slugs, total, had)) in search_read::fixed_queries().iter().zip(fixed) {
        let (now, now_total) = p.search(q);
        let expected: Vec<String> = slugs.into_iter().filter(|s| s != SLUG).collect();
        assert_eq!(now.get(..expected.len()), Some(&expected[..]), "{q}");
        assert_eq!(now_total, total - usize::from(had), "{q}");
    }
    // And once published, again nothing to write.
    assert_eq!(publish(&p.layout).unwrap(), Published::default());
}

/// An article source like the sample's, published after all of them.
fn new_article(title: &str, tags: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ncategory = \"thoi-su\"\npublished = \"2026-12-01T09:00:00+07:00\"\n\
         author = \"Phòng Thông tin\"\nlead = \"Thành phố thử nghiệm mô hình vườn ươm cây bản địa \
         trên các tuyến phố mới, phục vụ quy hoạch cây xanh đô thị.\"\ntags = [{tags}]\n+++\n\n\
         Mô hình vườn ươm cây bản địa được triển khai tại ba phường, gắn với quy hoạch không gian \
         xanh và kế hoạch trồng cây của Thành phố.\n"
    )
}

#[test]
fn a_published_article_is_found_first_and_the_rest_rank_as_a_full_build_ranks_them() {
    let p = Project::new("publish");
    std::fs::write(
        p.source("thoi-su/vuon-uom.md"),
        new_article(
            "Vườn ươm cây bản địa trên các tuyến phố mới",
            "\"cây xanh\", \"vườn ươm\"",
        ),
    )
    .unwrap();
    let done = publish(&p.layout).unwrap();
    let slug = "vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi";
    // Its neighbours too: their related articles now name it.
    assert!(done.changed.contains(&slug.to_owned()), "{done:?}");
    assert!(done.written.contains(&format!("articles/{slug}.json")));
    // Of its categories' pages, the front pages and at most the newest numbered ones: a page
    // never moves once full, whatever the archive's size.
    let mut fronts = 0;
    for w in &done.written {
        match portal_core::paths::category_of_doc(w) {
            Some((_, None)) => fronts += 1,
            Some((c, Some(k))) => {
                let front = p.json(&format!("categories/{c}/index.json"));
                let newest = front["page"]["older"].as_u64().unwrap_or(0);
                assert!(u64::from(k) + 1 >= newest, "{w}: an older page was written");
                assert!(done.changed.contains(w), "{w}: the prerender is told");
            }
            None => {}
        }
    }
    assert!(fronts >= 2, "its category and that one's parent: {done:?}");
    let delta = p.manifest().delta.unwrap();
    assert_eq!((delta.docs, delta.withdrawn.len()), (1, 0));
    assert_eq!(delta.years.first().map(|y| y.year), Some(2026));

    assert_eq!(
        p.search("vuon uom cay ban dia")
            .0
            .first()
            .map(String::as_str),
        Some(slug)
    );
    assert_eq!(
        p.search("vườn ươm").0.first().map(String::as_str),
        Some(slug)
    );
    assert_eq!(p.listed("thoi-su").first().map(String::as_str), Some(slug));
    // Filters reach the delta: its year and its category.
    let read = |path: &str| p.read(path);
    let filtered = |query: &str| {
        let run = search_read::run(&read, &Search::parse(query)).unwrap();
        run.ranked.iter().any(|r| r.doc == p.manifest().docs)
    };
    assert!(filtered("q=vuon+uom&nam=2026&chuyen-muc=thoi-su"));
    assert!(!filtered("q=vuon+uom&nam=2025"));
    assert!(!filtered("q=vuon+uom&chuyen-muc=kinh-te"));

    // A full build of the same sources: every fixed query finds as many, puts the new article in
    // the same place, and mostly the same first page. Not all of it: the full build's index is
    // kept with the statistics it was scored with (article count, each term's, each year's), and
    // one more article in the sample's 62 moves close scores (most in "ubnd", a term of nearly
    // every article whose order is the recency boost's: 5 of 10 shared; 94 % over all queries).
    let full = Project::new("publish-full");
    std::fs::write(
        full.source("thoi-su/vuon-uom.md"),
        std::fs::read(p.source("thoi-su/vuon-uom.md")).unwrap(),
    )
    .unwrap();
    build_into(&full.layout, &mut DirSink::new(&full.layout.out)).unwrap();
    let (mut shared_all, mut listed_all) = (0, 0);
    for q in search_read::fixed_queries() {
        let ((mine, total), (theirs, full_total)) = (p.search(q), full.search(q));
        let shared = mine.iter().filter(|s| theirs.contains(s)).count();
        let at = |list: &[String]| list.iter().position(|s| s == slug);
        assert_eq!(total, full_total, "{q}");
        assert_eq!(at(&mine), at(&theirs), "{q}");
        assert!(shared * 2 >= theirs.len(), "{q}: {mine:?} {theirs:?}");
        (shared_all, listed_all) = (shared_all + shared, listed_all + theirs.len());
    }
    assert!(
        shared_all * 10 >= listed_all * 9,
        "{shared_all} of {listed_all}"
    );
}

#[test]
fn a_changed_article_is_found_once_by_its_new_words_only() {
    let p = Project::new("change");
    let path = p.source(WITHDRAWN);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replacen(
        "lead = \"UBND Thành phố ban hành",
        "lead = \"Sửa đổi về thảm cỏ: UBND Thành phố ban hành",
        1,
    );
    assert_ne!(text, changed);
    std::fs::write(&path, changed).unwrap();
    let done = publish(&p.layout).unwrap();
    assert!(done.changed.contains(&SLUG.to_owned()), "{done:?}");
    let delta = p.manifest().delta.unwrap();
    assert_eq!((delta.docs, delta.withdrawn.len()), (1, 1));
    let (found, _) = p.search("thảm cỏ");
    assert_eq!(found.first().map(String::as_str), Some(SLUG));
    assert_eq!(found.iter().filter(|s| *s == SLUG).count(), 1, "{found:?}");
    let (found, _) = p.search("phan cap quan ly cay xanh");
    assert_eq!(found.iter().filter(|s| *s == SLUG).count(), 1, "{found:?}");
    // A full build folds the delta in.
    build_into(&p.layout, &mut DirSink::new(&p.layout.out)).unwrap();
    assert_eq!(p.manifest().delta, None);
}

#[test]
fn a_delta_article_keeps_its_number_and_record_from_one_publish_to_the_next() {
    let p = Project::new("numbers");
    let docs = p.manifest().docs;
    let slug_of = |n: u32| -> Option<String> {
        let bytes = p.read(&record_doc(n))?;
        Some(serde_json::from_slice::<Record>(&bytes).ok()?.slug)
    };
    std::fs::write(
        p.source("thoi-su/vuon-uom.md"),
        new_article(
            "Vườn ươm cây bản địa trên các tuyến phố mới",
            "\"cây xanh\"",
        ),
    )
    .unwrap();
    publish(&p.layout).unwrap();
    let first = "vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi";
    assert_eq!(slug_of(docs).as_deref(), Some(first));

    // A second article, newer: numbered after the first, which keeps its number.
    std::fs::write(
        p.source("thoi-su/hoa-sua.md"),
        new_article(
            "Hàng hoa sữa trên phố mới được thay bằng cây bản địa",
            "\"cây xanh\"",
        ),
    )
    .unwrap();
    publish(&p.layout).unwrap();
    let second = "hang-hoa-sua-tren-pho-moi-duoc-thay-bang-cay-ban-dia";
    assert_eq!(slug_of(docs).as_deref(), Some(first));
    assert_eq!(slug_of(docs + 1).as_deref(), Some(second));
    let delta = p.manifest().delta.unwrap();
    assert_eq!((delta.docs, delta.withdrawn.len()), (2, 0));

    // The first changed: a new number, its old one withdrawn (and its record gone).
    let path = p.source("thoi-su/vuon-uom.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("ba phường", "năm phường")).unwrap();
    publish(&p.layout).unwrap();
    let delta = p.manifest().delta.unwrap();
    assert_eq!((delta.docs, delta.withdrawn.clone()), (3, vec![docs]));
    assert_eq!(slug_of(docs), None);
    assert_eq!(slug_of(docs + 1).as_deref(), Some(second));
    assert_eq!(slug_of(docs + 2).as_deref(), Some(first));
    assert_eq!(
        p.search("nam phuong vuon uom")
            .0
            .first()
            .map(String::as_str),
        Some(first)
    );
    let (found, _) = p.search("vuon uom cay ban dia");
    assert_eq!(found.iter().filter(|s| *s == first).count(), 1, "{found:?}");
}

#[test]
fn a_tree_whose_numbers_are_not_its_index_s_is_refused() {
    let p = Project::new("mismatch");
    let path = p.layout.out.join(portal_content::search::numbers_doc());
    let mut numbers: Vec<(String, String)> =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    numbers.pop();
    std::fs::write(&path, serde_json::to_vec(&numbers).unwrap()).unwrap();
    let error = publish(&p.layout).unwrap_err().to_string();
    assert!(error.contains("not from the same full build"), "{error}");
}

/// Two copies of the sample, the same `change` to their sources, one published whole and the
/// other naming `slugs` (reading only what they touch): every document the same, its neighbours'
/// related lists too, and the prerender told every page the whole publish names.
fn named_publish_writes_what_a_whole_one_does(
    name: &str,
    change: &dyn Fn(&Project),
    slugs: &[&str],
) {
    let (whole, named) = (
        Project::new(&format!("{name}-whole")),
        Project::new(&format!("{name}-named")),
    );
    change(&whole);
    change(&named);
    let everything = publish(&whole.layout).unwrap();
    let slugs: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
    let only = publish_named(&named.layout, &slugs).unwrap();
    let files = |p: &Project| portal_content::list_tree(&p.layout.out).unwrap();
    assert_eq!(files(&whole), files(&named), "the same files");
    for path in files(&whole) {
        let (a, b) = (whole.json(&path), named.json(&path));
        assert!(a == b, "{path}:\n{a}\n{b}");
    }
    let (mut told, mut named_told) = (everything.changed.clone(), only.changed.clone());
    told.sort();
    named_told.sort();
    assert_eq!(told, named_told);
    assert_eq!(publish(&named.layout).unwrap(), Published::default());
}

#[test]
fn a_named_publish_of_a_new_article_writes_what_a_whole_one_does() {
    let new = |p: &Project| {
        let text = new_article(
            "Vườn ươm cây bản địa trên các tuyến phố mới",
            "\"cây xanh\"",
        );
        std::fs::write(p.source("thoi-su/vuon-uom.md"), text).unwrap();
    };
    named_publish_writes_what_a_whole_one_does(
        "named-new",
        &new,
        &["vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi"],
    );
}

#[test]
fn a_named_publish_of_two_neighbours_picks_their_related_articles_among_each_other() {
    let two = |p: &Project| {
        let first = new_article(
            "Vườn ươm cây bản địa trên các tuyến phố mới",
            "\"cây xanh\"",
        );
        std::fs::write(p.source("thoi-su/vuon-uom.md"), first).unwrap();
        let second = new_article("Hàng hoa sữa trên phố mới", "\"cây xanh\"")
            .replace("2026-12-01T09:00:00", "2026-12-02T09:00:00");
        std::fs::write(p.source("thoi-su/hoa-sua.md"), second).unwrap();
    };
    named_publish_writes_what_a_whole_one_does(
        "named-two",
        &two,
        &[
            "vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi",
            "hang-hoa-sua-tren-pho-moi",
        ],
    );
}

#[test]
fn a_named_publish_of_a_back_dated_article_rewrites_the_pages_from_its_place() {
    let old = |p: &Project| {
        let text = new_article("Vườn ươm cây bản địa năm 2019", "\"cây xanh\"")
            .replace("2026-12-01T09:00:00", "2019-03-01T09:00:00");
        std::fs::write(p.source("thoi-su/vuon-uom.md"), text).unwrap();
    };
    named_publish_writes_what_a_whole_one_does(
        "named-old",
        &old,
        &["vuon-uom-cay-ban-dia-nam-2019"],
    );
}

#[test]
fn a_named_withdrawal_writes_what_a_whole_one_does() {
    let gone = |p: &Project| std::fs::remove_file(p.source(WITHDRAWN)).unwrap();
    named_publish_writes_what_a_whole_one_does("named-gone", &gone, &[SLUG]);
}

#[test]
fn a_named_change_writes_what_a_whole_one_does() {
    let change = |p: &Project| {
        let path = p.source(WITHDRAWN);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("lead = \"", "lead = \"Sửa đổi: ", 1)).unwrap();
    };
    named_publish_writes_what_a_whole_one_does("named-change", &change, &[SLUG]);
}

#[test]
fn a_named_publish_of_an_english_article_links_its_counterpart() {
    let new = |p: &Project| {
        let text = new_article("Native tree nurseries on the new streets", "\"trees\"")
            .replace("category = \"thoi-su\"", "category = \"news\"")
            .replace(
                "tags = [",
                "counterpart = \"vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi\"\ntags = [",
            );
        std::fs::write(p.layout.content.join("en/articles/news/nursery.md"), text).unwrap();
        let vi = new_article(
            "Vườn ươm cây bản địa trên các tuyến phố mới",
            "\"cây xanh\"",
        );
        std::fs::write(p.source("thoi-su/vuon-uom.md"), vi).unwrap();
    };
    named_publish_writes_what_a_whole_one_does(
        "named-english",
        &new,
        &[
            "vuon-uom-cay-ban-dia-tren-cac-tuyen-pho-moi",
            "en/native-tree-nurseries-on-the-new-streets",
        ],
    );
}

#[test]
fn a_named_withdrawal_of_an_english_article_unlinks_its_counterpart() {
    let gone = |p: &Project| {
        let path = p
            .layout
            .content
            .join("en/articles/news/bus-routes-linked-to-metro-stations.md");
        std::fs::remove_file(path).unwrap();
    };
    named_publish_writes_what_a_whole_one_does(
        "named-english-gone",
        &gone,
        &["en/bus-routes-linked-to-metro-stations"],
    );
}

#[test]
fn a_named_publish_of_an_article_neither_in_the_sources_nor_the_tree_is_refused() {
    let p = Project::new("named-nothing");
    let error = publish_named(&p.layout, &["khong-co".to_owned()])
        .unwrap_err()
        .to_string();
    assert!(error.contains("neither in the sources"), "{error}");
}
