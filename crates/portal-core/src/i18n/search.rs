//! The words of the search page (the look-up app).

texts! {
    /// The search page's words.
    SearchTexts {
        title: "Tìm kiếm", "Search";
        /// The page's title once a query is made, around the query.
        title_of: "{} – Tìm kiếm", "{} – Search";
        description: "Tìm kiếm tin bài trên Cổng thông tin điện tử.", "Search the articles of the portal.";
        form: "Tìm kiếm và lọc kết quả", "Search and filter the results";
        query: "Từ khóa", "Keywords";
        hint: "Có thể gõ không dấu: “ha noi” tìm được “Hà Nội”.",
            "Capital letters and accents do not matter: “city hall” finds “City Hall”.";
        category: "Chuyên mục", "Section";
        year: "Năm", "Year";
        submit: "Tìm kiếm", "Search";
        intro: "Nhập từ khóa để tìm trong toàn bộ tin bài của Cổng, rồi lọc theo chuyên mục hoặc năm nếu cần.",
            "Type a few words to search every article of the portal, then narrow by section or year if needed.";
        // The live region: while searching, then the count (total and query; page, of pages).
        searching: "Đang tìm…", "Searching…";
        found_none: "Không tìm thấy kết quả nào cho «{}».", "No results for “{}”.";
        found_one: "Tìm thấy 1 kết quả cho «{}».", "1 result for “{}”.";
        found: "Tìm thấy {} kết quả cho «{}».", "{} results for “{}”.";
        found_pages: "Tìm thấy {} kết quả cho «{}», trang {} trên {}.",
            "{} results for “{}”, page {} of {}.";
        // When the index's first tiers decided the page: the results found so far.
        found_at_least: "Tìm thấy ít nhất {} kết quả cho «{}».", "At least {} results for “{}”.";
        found_at_least_page: "Tìm thấy ít nhất {} kết quả cho «{}», trang {}.",
            "At least {} results for “{}”, page {}.";
        // Legal documents found beside the articles (the register's own text filter).
        no_articles: "Không tìm thấy tin bài nào cho «{}».", "No articles for “{}”.";
        documents: "Văn bản", "Legal documents";
        articles: "Tin bài", "Articles";
        all_documents: "Xem cả {} văn bản phù hợp trong Tra cứu văn bản", "See all {} matching documents in the register";
        // Nothing found: what to try next.
        no_results: "Không có kết quả phù hợp", "No matching results";
        check_spelling: "Kiểm tra lại chính tả của từ khóa.", "Check the spelling of the words.";
        fewer_words: "Dùng ít từ hơn, hoặc từ khóa chung hơn.", "Use fewer or more general words.";
        without_filters: "Tìm lại không kèm bộ lọc", "Search again without the filters";
        by_section: "Hoặc xem tin theo chuyên mục", "Or browse the news by section";
    }
}
