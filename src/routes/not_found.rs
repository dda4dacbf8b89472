use crate::app::{link, page_meta};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::nav::announce_page("Không tìm thấy trang".to_owned());
    page_meta(
        "Không tìm thấy trang",
        "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    );
    view! {
        <div class="container page not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Trang bạn tìm không tồn tại, đã bị gỡ hoặc đã được chuyển sang địa chỉ khác."</p>
            <p>"Bạn có thể:"</p>
            <ul>
                <li><a href=link("/")>"Quay về trang chủ"</a></li>
                <li><a href=link("/tin-tuc-su-kien")>"Xem tin tức – sự kiện mới nhất"</a></li>
                <li><a href=link("/hoi-dap")>"Gửi câu hỏi tới chuyên mục Hỏi đáp"</a></li>
            </ul>
        </div>
    }
}
