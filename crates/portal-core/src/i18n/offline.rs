//! The words of the offline page (the look-up app) and of the line a prerendered page shows when
//! its app cannot start (written by the prerender).

texts! {
    /// The offline page's words.
    OfflineTexts {
        offline_description: "Các trang đã đọc trên thiết bị này, đọc được cả khi không có mạng.",
            "The pages read on this device, which can be read without a network.";
        offline_intro: "Khi mất mạng, bạn vẫn đọc được các trang đã mở trên thiết bị này trong 30 ngày qua, cùng hình ảnh của chúng.",
            "Without a network you can still read the pages you opened on this device in the last 30 days, with their pictures.";
        /// Said when the service worker answers an address it has no copy of with this page.
        offline_missed: "Trang bạn vừa mở chưa được lưu trên thiết bị này, nên cần có mạng để xem.",
            "The page you opened is not stored on this device, so it needs a network.";
        offline_read: "Trang đọc được khi không có mạng", "Pages you can read offline";
        offline_none: "Chưa có trang nào được lưu trên thiết bị này.", "No page is stored on this device yet.";
        saved_title: "Bài đã lưu", "Saved articles";
        saved_none: "Chưa lưu bài nào. Nút «Lưu để đọc ngoại tuyến» ở đầu mỗi bài viết lưu bài đó trên thiết bị này cho tới khi bạn bỏ lưu.",
            "No article is saved. The “Save for offline” button at the top of each article keeps it on this device until you remove it.";
        /// A saved article's remove button, around its title.
        remove_saved: "Bỏ lưu: {}", "Remove: {}";
        /// Around the size, e.g. "1,2 MB".
        saved_space: "Các bài đã lưu chiếm {} trên thiết bị này.", "Saved articles take {} on this device.";
        /// What an article's save button says once pressed (`<html data-save-offline>`).
        saved_offline: "Đã lưu bài viết để đọc khi không có mạng.", "The article is saved for reading offline.";
        unsaved_offline: "Đã bỏ lưu bài viết.", "The article is no longer saved.";
        /// A prerendered page whose app could not start (its data failed): the page stays as served.
        app_unavailable: "Một số chức năng của trang tạm thời chưa dùng được. Nội dung vẫn đọc được, các liên kết vẫn mở được.",
            "Some of this page's functions are unavailable for now. You can still read it and follow its links.";
    }
}
