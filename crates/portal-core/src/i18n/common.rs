//! The words of every app's frame (header, menu, footer, states), the portal's pages and what
//! the prerender writes around them; the table the portal's own wasm carries.

texts! {
    /// The words of every app's frame and of the portal's pages.
    Texts {
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
        // A legal document's facts, in the register's official terms wherever they are shown.
        document_facts: "Thông tin văn bản", "Document details";
        document_number: "Số ký hiệu", "Number";
        document_kind: "Loại văn bản", "Type";
        document_issuer: "Cơ quan ban hành", "Issued by";
        document_issued: "Ngày ban hành", "Issued on";
        document_effective: "Ngày có hiệu lực", "In force from";
        document_expires: "Ngày hết hiệu lực", "In force until";
        document_field: "Lĩnh vực", "Field";
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
        see_news: "Xem tin tức – sự kiện mới nhất", "See the latest news and events";
        ask_question: "Gửi câu hỏi tới chuyên mục Hỏi đáp", "Send a question to the Questions and answers section";
        home_description: "Thông tin chính thống về hoạt động chỉ đạo, điều hành, quy hoạch, văn bản và dịch vụ công của Thành phố.",
            "Official information on the City's administration, plans, legal documents and public services.";
        featured: "Tin nổi bật", "Highlights";
        latest: "Tin mới nhất", "Latest news";
        see_all: "Xem tất cả: {}", "See all: {}";
        breadcrumb: "Đường dẫn", "Breadcrumb";
        /// A numbered page of a category: its name, then the dates of its oldest and newest article.
        category_page: "{}: bài đăng từ {} đến {}", "{}: articles from {} to {}";
        /// Under a numbered page's heading: the dates of its oldest and newest article.
        archive_range: "Bài đăng từ {} đến {}", "Articles published from {} to {}";
        /// The links between a category's pages, which never move once full.
        newer_articles: "‹ Bài mới hơn", "‹ Newer articles";
        older_articles: "Bài cũ hơn ›", "Older articles ›";
        subcategories: "Chuyên mục con", "Subsections";
        article_count: "{} bài viết", "{} articles";
        empty_category: "Chuyên mục này chưa có bài viết.", "There are no articles in this section yet.";
        text_size: "Cỡ chữ", "Text size";
        size_normal: " (cỡ chữ thường)", " (normal text)";
        size_large: " (cỡ chữ lớn)", " (large text)";
        size_larger: " (cỡ chữ rất lớn)", " (larger text)";
        contrast: "Tương phản cao", "High contrast";
        /// The phone's button that shows the text size and contrast controls.
        display_settings: "Cỡ chữ và tương phản", "Text size and contrast";
        /// What that button shows (its name is the line above).
        display_symbol: "Aa", "Aa";
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
        offline_title: "Đọc ngoại tuyến", "Reading offline";
        save_offline: "Lưu để đọc ngoại tuyến", "Save for offline";
        crashed: "Trang gặp lỗi ngoài ý muốn và đã ngừng hoạt động.", "Something went wrong and the page has stopped working.";
        sorry: "Xin lỗi vì sự bất tiện này.", "We are sorry for the inconvenience.";
        reload: "Tải lại trang", "Reload the page";
        loaded: "Đã tải {}", "Loaded: {}";
        arrived: "Đã chuyển tới: {}", "Now on: {}";
        attachments: "Tệp đính kèm", "Attachments";
        download: "Tải về: ", "Download: ";
        /// A file's size below a kilobyte.
        bytes: "{} byte", "{} bytes";
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
        // The header's search form: its name, its field's label and placeholder, its button.
        search_form: "Tìm kiếm trên Cổng", "Search the portal";
        search_field: "Tìm kiếm tin bài", "Search the articles";
        search_placeholder: "Tìm kiếm…", "Search…";
        search_button: "Tìm", "Search";
        /// A list filter's first choice, which applies none.
        all: "Tất cả", "All";
        // What an article's embed and caption-less table are called when they do not say.
        embed_title: "Nội dung nhúng", "Embedded content";
        table_label: "Bảng số liệu", "Data table";
        /// The title of the feed of the latest news, around the portal's name.
        latest_feed: "Tin mới – {}", "Latest news – {}";
    }
}
