//! The portal's languages and its interface's words in each: compile-time tables (an exhaustive
//! struct per language), not an i18n crate, because a first visit pays for every byte of wasm and
//! these tables cost only their strings (README "Languages"). A string without its English form
//! does not compile (the `texts!` macro takes both), and `tests::every_string_is_translated` fails
//! on one copied untranslated.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language of the portal. Vietnamese is the default: a document without `lang` is Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code (`lang`, `hreflang`, the API's `lang` fields).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Some(Lang::Vi),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first path segment of this language's pages, after the deployment's base: Vietnamese at
    /// the root, English under `/en`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Vi => "",
            Lang::En => "/en",
        }
    }

    /// Splits a path relative to the deployment's base into its language and the path relative
    /// to that language's root: `/en/news/a` → (En, `/news/a`), `/en` → (En, `/`),
    /// `/thoi-su` → (Vi, `/thoi-su`).
    pub fn split(path: &str) -> (Lang, &str) {
        match path.strip_prefix(Lang::En.prefix()) {
            Some("") => (Lang::En, "/"),
            Some(rest) if rest.starts_with('/') => (Lang::En, rest),
            _ => (Lang::Vi, path),
        }
    }

    /// A route of this language as a path relative to the deployment's base (`/news` →
    /// `/en/news`; English's home is `/en`).
    pub fn route(self, route: &str) -> String {
        match (self, route) {
            (Lang::Vi, _) => route.to_owned(),
            (_, "/" | "") => self.prefix().to_owned(),
            _ => format!("{}{route}", self.prefix()),
        }
    }

    /// A document of this language, relative to the API base: English documents live under `en/`
    /// with the same layout (`en/site.json`, `en/articles/<slug>.json`).
    pub fn doc(self, doc: &str) -> String {
        match self {
            Lang::Vi => doc.to_owned(),
            Lang::En => format!("en/{doc}"),
        }
    }

    /// The other language, which the header's switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// Open Graph's locale.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Vi => "vi_VN",
            Lang::En => "en_GB",
        }
    }

    /// The language with its region, as speech synthesis names voices.
    pub fn regional(self) -> &'static str {
        match self {
            Lang::Vi => "vi-VN",
            Lang::En => "en-GB",
        }
    }

    /// The interface's words in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Tolerant, like the rest of the contract: a language the portal does not speak reads as
/// Vietnamese rather than reject the document.
impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = Option::<String>::deserialize(d)?;
        Ok(code
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default())
    }
}

/// `template` with each `{}` replaced by the next of `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident: $vi:expr, $en:expr;)*) => {
        /// The interface's words in one language; `{}` marks where [`fill`] puts a value.
        pub struct Texts {
            $($(#[$doc])* pub $name: &'static str,)*
        }
        static VI: Texts = Texts { $($name: $vi,)* };
        static EN: Texts = Texts { $($name: $en,)* };
        /// Every string: its name, Vietnamese, English.
        pub fn all_texts() -> Vec<(&'static str, &'static str, &'static str)> {
            vec![$((stringify!($name), $vi, $en),)*]
        }
    };
}

texts! {
    skip_link: "Bỏ qua để tới nội dung chính", "Skip to main content";
    portal: "Cổng Thông tin điện tử", "City Portal";
    menu: "Danh mục", "Menu";
    main_menu: "Danh mục chính", "Main menu";
    home: "Trang chủ", "Home";
    /// The button that opens a menu item's children.
    submenu: "Mục con của {}", "{}: more pages";
    /// The language switch's accessible name around the language's own name.
    switch_language: "Chuyển sang {}", "Switch to {}";
    agency: "Cơ quan chủ quản: ", "Governing body: ";
    managing_unit: "Đơn vị quản lý: ", "Managed by: ";
    address: "Địa chỉ: ", "Address: ";
    phone: "Điện thoại: ", "Phone: ";
    email: "Thư điện tử: ", "Email: ";
    contacts: "Liên hệ", "Contacts";
    section: "Chuyên mục: ", "Section: ";
    updated: "Cập nhật ", "Updated ";
    published: "Ngày đăng ", "Published ";
    related: "Bài viết liên quan", "Related articles";
    tags: "Từ khóa", "Tags";
    article: "bài viết", "article";
    page: "trang", "page";
    body_unavailable: "Nội dung bài viết tạm thời không hiển thị được.",
        "This article's text cannot be shown at the moment.";
    document_facts: "Thông tin văn bản", "Document details";
    document_number: "Số hiệu", "Number";
    document_kind: "Loại văn bản", "Type";
    document_issuer: "Cơ quan ban hành", "Issued by";
    document_issued: "Ngày ban hành", "Issued on";
    document_effective: "Ngày hiệu lực", "In force from";
    document_signer: "Người ký", "Signed by";
    document_link: "Xem văn bản, tệp và các văn bản liên quan",
        "See the document, its files and related documents";
    not_found: "Không tìm thấy trang", "Page not found";
    not_found_description: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
        "The page you are looking for does not exist or has moved.";
    not_found_text: "Trang bạn tìm không tồn tại, đã bị gỡ hoặc đã được chuyển sang địa chỉ khác.",
        "The page you are looking for does not exist, has been removed or has moved to another address.";
    you_can: "Bạn có thể:", "You can:";
    back_home: "Quay về trang chủ", "Go to the home page";
    home_description: "Thông tin chính thống về hoạt động chỉ đạo, điều hành, quy hoạch, văn bản và dịch vụ công của Thành phố.",
        "Official information on the City's administration, plans, legal documents and public services.";
    featured: "Tin nổi bật", "Highlights";
    latest: "Tin mới nhất", "Latest news";
    see_all: "Xem tất cả: {}", "See all: {}";
    breadcrumb: "Đường dẫn", "Breadcrumb";
    category_page: "{} – Trang {}", "{} – page {}";
    subcategories: "Chuyên mục con", "Subsections";
    article_count: "{} bài viết", "{} articles";
    empty_category: "Chuyên mục này chưa có bài viết.", "There are no articles in this section yet.";
    text_size: "Cỡ chữ", "Text size";
    size_normal: " (cỡ chữ thường)", " (normal text)";
    size_large: " (cỡ chữ lớn)", " (large text)";
    size_larger: " (cỡ chữ rất lớn)", " (larger text)";
    contrast: "Tương phản cao", "High contrast";
    listen: "Nghe đọc bài viết", "Listen to this article";
    pause: "Tạm dừng đọc", "Pause reading";
    resume: "Tiếp tục đọc", "Resume reading";
    stop: "Dừng đọc", "Stop reading";
    previous_page: "‹ Trang trước", "‹ Previous page";
    next_page: "Trang sau ›", "Next page ›";
    pagination: "Phân trang", "Pagination";
    page_n: "Trang {}", "Page {}";
    print: "In {}", "Print this {}";
    copy_link: "Sao chép liên kết", "Copy link";
    copied: "Đã sao chép liên kết {}.", "The {}'s link is copied.";
    copy_failed: "Không sao chép được. Địa chỉ {}: {}", "Could not copy. The {}'s address: {}";
    loading: "Đang tải nội dung…", "Loading…";
    load_failed: "Không tải được nội dung", "The content could not be loaded";
    retry: "Thử lại", "Try again";
    offline: "Mất kết nối mạng. Nội dung đã tải vẫn đọc được; trang mới sẽ tải khi có mạng trở lại.",
        "You are offline. What has loaded can still be read; new pages will load once you are back online.";
    online: "Đã có kết nối mạng trở lại.", "You are back online.";
    crashed: "Trang gặp lỗi ngoài ý muốn và đã ngừng hoạt động.", "Something went wrong and the page has stopped working.";
    sorry: "Xin lỗi vì sự bất tiện này.", "We are sorry for the inconvenience.";
    reload: "Tải lại trang", "Reload the page";
    loaded: "Đã tải {}", "Loaded: {}";
    arrived: "Đã chuyển tới: {}", "Now on: {}";
    attachments: "Tệp đính kèm", "Attachments";
    download: "Tải về: ", "Download: ";
    file: "Tệp", "File";
    not_found_error: "Không tìm thấy nội dung này.", "This content could not be found.";
    network_error: "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.",
        "The server could not be reached. Please check your connection and try again.";
    server_error: "Máy chủ đang gặp sự cố (mã {}). Vui lòng thử lại sau ít phút.",
        "The server has a problem (code {}). Please try again in a few minutes.";
    http_error: "Máy chủ từ chối yêu cầu (mã {}).", "The server refused the request (code {}).";
    decode_error: "Nội dung tạm thời không hiển thị được do dữ liệu không hợp lệ.",
        "This content cannot be shown at the moment: its data is not valid.";
    aborted: "Đã hủy tải nội dung.", "Loading was cancelled.";
    timeout: "Máy chủ phản hồi quá lâu. Vui lòng kiểm tra kết nối mạng rồi thử lại.",
        "The server took too long to answer. Please check your connection and try again.";
    in_this_section: "Trong mục này", "In this section";
    page_updated: "Cập nhật lần cuối ", "Last updated ";
}

/// The months' names for English dates ("1 November 2022").
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters only Vietnamese has: an "English" string with one was copied, not translated.
    fn vietnamese_letters(s: &str) -> bool {
        s.chars().any(|c| {
            "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                .contains(c.to_lowercase().next().unwrap_or(c))
        })
    }

    /// Why a pair is not a translation, if it is not.
    fn problem(vi: &str, en: &str) -> Option<&'static str> {
        if en.trim().is_empty() {
            Some("no English")
        } else if vietnamese_letters(en) {
            Some("English has Vietnamese letters (copied, not translated?)")
        } else if vi.matches("{}").count() != en.matches("{}").count() {
            Some("the two take a different number of values")
        } else if vi.trim().is_empty() {
            Some("no Vietnamese")
        } else {
            None
        }
    }

    #[test]
    fn every_string_is_translated() {
        let bad: Vec<String> = all_texts()
            .into_iter()
            .filter_map(|(name, vi, en)| problem(vi, en).map(|p| format!("{name}: {p}")))
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn the_check_catches_what_it_is_for() {
        assert_eq!(problem("Trang chủ", ""), Some("no English"));
        assert!(problem("Trang chủ", "Trang chủ").is_some());
        assert!(problem("{} bài viết", "articles").is_some());
        assert_eq!(problem("Trang chủ", "Home"), None);
    }

    #[test]
    fn paths_split_and_join() {
        assert_eq!(Lang::split("/en/news/a"), (Lang::En, "/news/a"));
        assert_eq!(Lang::split("/en"), (Lang::En, "/"));
        assert_eq!(Lang::split("/en/"), (Lang::En, "/"));
        assert_eq!(Lang::split("/english"), (Lang::Vi, "/english"));
        assert_eq!(Lang::split("/thoi-su"), (Lang::Vi, "/thoi-su"));
        assert_eq!(Lang::En.route("/"), "/en");
        assert_eq!(Lang::En.route("/news"), "/en/news");
        assert_eq!(Lang::Vi.route("/"), "/");
        assert_eq!(Lang::En.doc("site.json"), "en/site.json");
        assert_eq!(Lang::Vi.doc("site.json"), "site.json");
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(l.other().other(), l);
            let path = l.route("/about");
            assert_eq!(Lang::split(&path), (l, "/about"));
        }
    }

    #[test]
    fn decodes_tolerantly() {
        let l: Lang = serde_json::from_str("\"en\"").unwrap();
        assert_eq!(l, Lang::En);
        let l: Lang = serde_json::from_str("\"fr\"").unwrap();
        assert_eq!(l, Lang::Vi);
        let l: Lang = serde_json::from_str("null").unwrap();
        assert_eq!(l, Lang::Vi);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn fills_values_in_order() {
        assert_eq!(fill("{} – page {}", &["News", "2"]), "News – page 2");
        assert_eq!(fill("no values", &["x"]), "no values");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
    }
}
