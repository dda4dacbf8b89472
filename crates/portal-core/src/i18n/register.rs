//! The words of the legal documents register and its documents' pages (the look-up app); the
//! facts an article shares with them are in `common`.

texts! {
    /// The register's and the documents' words.
    RegisterTexts {
        title: "Tra cứu văn bản", "Legal documents";
        title_page: "Tra cứu văn bản, trang {}", "Legal documents, page {}";
        description: "Văn bản quy phạm pháp luật, chỉ đạo, điều hành của Thành phố: số ký hiệu, ngày ban hành, trích yếu, tệp toàn văn.",
            "The City's legal, direction and administration documents, in Vietnamese: number, date of issue, summary, full-text files.";
        // The live region: while loading, then the count (total; page, of pages), all or matching.
        loading: "Đang tải danh sách văn bản…", "Loading the documents…";
        count_none: "Không có văn bản nào phù hợp với bộ lọc.", "No document matches the filters.";
        count_one: "Có 1 văn bản.", "1 document.";
        count: "Có {} văn bản.", "{} documents.";
        count_pages: "Có {} văn bản, trang {} trên {}.", "{} documents, page {} of {}.";
        count_one_matching: "Có 1 văn bản phù hợp.", "1 matching document.";
        count_matching: "Có {} văn bản phù hợp.", "{} matching documents.";
        count_matching_pages: "Có {} văn bản phù hợp, trang {} trên {}.",
            "{} matching documents, page {} of {}.";
        // The filters' form.
        form: "Lọc văn bản", "Filter the documents";
        query: "Số ký hiệu hoặc trích yếu", "Number or summary";
        hint: "Có thể gõ không dấu, ví dụ “27/2024/qd-ubnd” hoặc “dat dai”.",
            "The documents are in Vietnamese; accents may be left out, e.g. “27/2024/qd-ubnd” or “dat dai”.";
        year: "Năm ban hành", "Year of issue";
        status: "Tình trạng hiệu lực", "Status";
        order: "Sắp xếp", "Order";
        newest: "Mới nhất trước", "Newest first";
        oldest: "Cũ nhất trước", "Oldest first";
        filter: "Lọc văn bản", "Filter";
        clear: "Xóa bộ lọc", "Clear the filters";
        dropped: "Không áp dụng bộ lọc không hợp lệ trong địa chỉ: {}.",
            "Filters in the address that are not valid were not applied: {}.";
        // Nothing found: what to try next.
        none: "Không có văn bản phù hợp", "No matching documents";
        check_number: "Kiểm tra lại số ký hiệu hoặc từ khóa.", "Check the number or the words.";
        fewer_filters: "Bỏ bớt bộ lọc.", "Remove some filters.";
        see_all: "Xem tất cả văn bản", "See every document";
        // The table: its caption (page, of pages) and the summary's column.
        caption: "Danh sách văn bản, trang {} trên {}", "Documents, page {} of {}";
        summary: "Trích yếu", "Summary";
        // A document's status (`legal::Status`), never shown by colour alone.
        in_force: "Còn hiệu lực", "In force";
        not_yet_in_force: "Chưa có hiệu lực", "Not yet in force";
        partly_in_force: "Hết hiệu lực một phần", "Partly in force";
        expired: "Hết hiệu lực", "No longer in force";
        // The headings of a document's relations (`legal::Relation`).
        replaces: "Thay thế văn bản", "Replaces";
        replaced_by: "Bị thay thế bởi", "Replaced by";
        amends: "Sửa đổi, bổ sung văn bản", "Amends";
        amended_by: "Được sửa đổi, bổ sung bởi", "Amended by";
        guides: "Hướng dẫn văn bản", "Guides the application of";
        guided_by: "Được hướng dẫn bởi", "Guidance given by";
        // A document's page.
        document: "văn bản", "document";
        status_is: "Tình trạng: ", "Status: ";
        files: "Tệp văn bản", "Files";
        // Why a document has no file to download.
        no_file: "Văn bản này chưa có tệp để tải về.", "This document has no file to download yet.";
        no_file_draft: "Văn bản đang ở dạng dự thảo: tệp sẽ được đăng khi văn bản được ban hành.",
            "The document is a draft: its file will be published once it is issued.";
        no_file_withdrawn: "Tệp của văn bản đã được gỡ bỏ theo quyết định của cơ quan ban hành.",
            "The document's file was withdrawn by its issuer.";
        related: "Văn bản liên quan", "Related documents";
        full_text: "Toàn văn", "Full text";
        cited: "Tin bài về văn bản này", "Articles about this document";
    }
}
