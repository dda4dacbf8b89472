//! The words of the snippet builder for district webmasters (its own app).

texts! {
    /// The snippet builder's words.
    BuilderTexts {
        title: "Nhúng tin của Cổng vào trang web khác", "Embed the portal's news in another website";
        description: "Tạo đoạn mã nhúng tin mới nhất hoặc tin nổi bật của Cổng vào trang web của quận, huyện, phường, xã.",
            "Make the snippet that shows the portal's latest or featured news on a district's or ward's website.";
        lead: "Chọn loại tin, chuyên mục và giao diện; xem trước ngay bên dưới rồi sao chép đoạn mã vào trang web của đơn vị. ",
            "Choose the news, the section and the look, see the preview below, then copy the snippet into your website. ";
        guide: "Hướng dẫn chi tiết cho quản trị viên có trong tài liệu đi kèm mã nguồn (docs/widgets.md).",
            "Webmasters will find a detailed guide in the documentation that comes with the source code (docs/widgets.md).";
        // The form.
        kind: "Loại tiện ích", "Widget";
        latest: "Tin mới nhất của một chuyên mục", "Latest news of a section";
        featured: "Tin nổi bật", "Featured news";
        category: "Chuyên mục", "Section";
        count: "Số bài (1–10)", "Number of articles (1–10)";
        theme: "Giao diện", "Theme";
        light: "Sáng", "Light";
        dark: "Tối", "Dark";
        accent: "Màu nhấn", "Accent colour";
        target: "Khi bấm vào tin", "When a headline is clicked";
        target_top: "Mở trên Cổng, thay trang hiện tại", "Open it on the portal, in place of the page";
        target_new: "Mở Cổng trong thẻ mới", "Open the portal in a new tab";
        language: "Ngôn ngữ", "Language";
        // The preview and the snippet.
        preview: "Xem trước", "Preview";
        snippet: "Đoạn mã", "Snippet";
        snippet_label: "Đoạn mã nhúng", "Snippet to embed";
        copy: "Sao chép đoạn mã", "Copy the snippet";
        copied: "Đã sao chép đoạn mã.", "The snippet is copied.";
        copy_failed: "Không sao chép được; hãy chọn và sao chép đoạn mã bằng tay.",
            "Could not copy: select the snippet and copy it by hand.";
        /// The widget's name (its frame's title, the link without JavaScript), with the section's.
        widget_latest: "Tin mới nhất: {} – Cổng Thông tin điện tử Thành phố",
            "Latest news: {} – City Electronic Information Portal";
        widget_featured: "Tin nổi bật – Cổng Thông tin điện tử Thành phố",
            "Featured news – City Electronic Information Portal";
    }
}
