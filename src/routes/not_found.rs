use crate::base::link;
use crate::components::meta::{self, page_meta};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::nav::announce_page("Không tìm thấy trang".to_owned());
    meta::not_found();
    crate::base::page_ready();
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
                <li><A href=link("/") exact=true>"Quay về trang chủ"</A></li>
                <li><A href=link("/tin-tuc-su-kien") exact=true>"Xem tin tức – sự kiện mới nhất"</A></li>
                <li><A href=link("/hoi-dap") exact=true>"Gửi câu hỏi tới chuyên mục Hỏi đáp"</A></li>
            </ul>
        </div>
    }
}
