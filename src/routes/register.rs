//! `/van-ban?…`: the legal documents register. The address holds every filter, the order and the
//! page, so a view can be linked to and Back brings it back. A table on wide screens, a stacked
//! list on phones (style/main.css: `.register-table`; the rows are `legal::markup`'s HTML text);
//! the count is announced.

use crate::api::{self, DocumentResource, RegisterPage as Data};
use crate::base::{base_path, link};
use crate::components::filter::Filter;
use crate::components::meta::page_meta;
use crate::components::pager::Pager;
use crate::components::search_box::on_submit;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::legal::filter::{Filters, OLDEST, ORDER_PARAM, STATUS_PARAM};
use portal_core::legal::register::{Facet, Register};
use portal_core::legal::{Status, markup};
use portal_core::route::Route;
use portal_core::search::query::{QUERY_PARAM, YEAR_PARAM};

fn register_href(query: &str) -> String {
    Filters::parse(query).href()
}

/// What the live region says once the rows are in.
pub fn count_message(total: u32, page: u32, pages: u32, filtered: bool) -> String {
    let what = if filtered {
        "văn bản phù hợp"
    } else {
        "văn bản"
    };
    match total {
        0 => "Không có văn bản nào phù hợp với bộ lọc.".to_owned(),
        _ if pages > 1 => format!("Có {total} {what}, trang {page} trên {pages}."),
        _ => format!("Có {total} {what}."),
    }
}

fn filtered(f: &Filters) -> bool {
    !f.q.trim().is_empty()
        || Facet::ALL.into_iter().any(|x| f.facet(x).is_some())
        || f.year.is_some()
        || f.status.is_some()
}

#[component]
pub fn RegisterPage(route: Memo<Route>) -> impl IntoView {
    let filters = Memo::new(move |_| match route.get() {
        Route::Register { query } => Filters::parse(&query),
        _ => Filters::default(),
    });
    let data = DocumentResource::new(move || filters.get(), api::register);
    let retry = Callback::new(move |_| data.refetch());
    let register = Memo::new(move |_| {
        data.get()
            .and_then(Result::ok)
            .map(|d| d.register)
            .unwrap_or_default()
    });
    let status = move || match data.get() {
        Some(Ok(d)) => count_message(d.total, d.page, d.pages, filtered(&d.applied)),
        None => "Đang tải danh sách văn bản…".to_owned(),
        Some(Err(_)) => String::new(),
    };
    page_meta(
        "Tra cứu văn bản",
        "Văn bản quy phạm pháp luật, chỉ đạo, điều hành của Thành phố: số ký hiệu, ngày ban hành, trích yếu, tệp toàn văn.",
    );
    view! {
        <div class="container page register-page">
            <h1>"Tra cứu văn bản"</h1>
            <RegisterForm filters=filters register=register />
            <p class="search-status" role="status">{status}</p>
            {move || {
                unless_loaded(data.get(), || view! { <ListSkeleton rows=4 /> }.into_any(), false, retry)
                    .map(|d| view! { <Rows data=d /> }.into_any())
                    .unwrap_or_else(|shown| shown)
            }}
        </div>
    }
}

fn choices(values: &[portal_core::legal::register::Value]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.slug.clone(), format!("{} ({})", v.name, v.count)))
        .collect()
}

/// The filters; nothing applies until the form is sent.
#[component]
fn RegisterForm(filters: Memo<Filters>, register: Memo<Register>) -> impl IntoView {
    let facet = move |f: Facet| Signal::derive(move || choices(register.read().values(f)));
    let chosen = move |f: Facet| {
        Signal::derive(move || filters.read().facet(f).unwrap_or_default().to_owned())
    };
    let years = Signal::derive(move || {
        register
            .read()
            .years
            .iter()
            .map(|y| (y.year.to_string(), format!("{} ({})", y.year, y.count)))
            .collect::<Vec<_>>()
    });
    let year = Signal::derive(move || {
        filters
            .read()
            .year
            .map(|y| y.to_string())
            .unwrap_or_default()
    });
    let statuses = Signal::derive(|| {
        Status::ALL
            .iter()
            .map(|s| (s.code().to_owned(), s.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let status = Signal::derive(move || filters.read().status.clone().unwrap_or_default());
    let oldest = move || filters.read().oldest;
    view! {
        <form
            class="search-form register-form"
            role="search"
            aria-label="Lọc văn bản"
            action=Filters::default().href()
            method="get"
            on:submit=on_submit(Some("#register-q"), register_href)
        >
            <div class="field search-query">
                <label for="register-q">"Số ký hiệu hoặc trích yếu"</label>
                <p class="hint" id="register-q-hint">"Có thể gõ không dấu, ví dụ “27/2024/qd-ubnd” hoặc “dat dai”."</p>
                <input
                    id="register-q"
                    type="search"
                    name=QUERY_PARAM
                    autocomplete="off"
                    aria-describedby="register-q-hint"
                    prop:value=move || filters.read().q.clone()
                    value=filters.get_untracked().q
                />
            </div>
            <Filter id="register-kind" name=Facet::Kind.param() label=Facet::Kind.label() choices=facet(Facet::Kind) chosen=chosen(Facet::Kind) />
            <Filter id="register-issuer" name=Facet::Issuer.param() label=Facet::Issuer.label() choices=facet(Facet::Issuer) chosen=chosen(Facet::Issuer) />
            <Filter id="register-field" name=Facet::Field.param() label=Facet::Field.label() choices=facet(Facet::Field) chosen=chosen(Facet::Field) />
            <Filter id="register-year" name=YEAR_PARAM label="Năm ban hành" choices=years chosen=year />
            <Filter id="register-status" name=STATUS_PARAM label="Tình trạng hiệu lực" choices=statuses chosen=status />
            <div class="field">
                <label for="register-order">"Sắp xếp"</label>
                <select id="register-order" name=ORDER_PARAM prop:value=move || if oldest() { OLDEST } else { "" }>
                    <option value="" selected=move || !oldest()>"Mới nhất trước"</option>
                    <option value=OLDEST selected=oldest>"Cũ nhất trước"</option>
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button">"Lọc văn bản"</button>
                <a href=link(&Filters::default().href())>"Xóa bộ lọc"</a>
            </div>
        </form>
    }
}

/// The filters of the address that were not applied, named.
fn dropped_message(dropped: &[&'static str]) -> Option<String> {
    let names: Vec<&str> = dropped
        .iter()
        .map(|p| match *p {
            "loai" => Facet::Kind.label(),
            "co-quan" => Facet::Issuer.label(),
            "linh-vuc" => Facet::Field.label(),
            YEAR_PARAM => "Năm ban hành",
            STATUS_PARAM => "Tình trạng hiệu lực",
            other => other,
        })
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "Không áp dụng bộ lọc không hợp lệ trong địa chỉ: {}.",
            names.join(", ")
        )
    })
}

#[component]
fn Rows(data: Data) -> impl IntoView {
    let title = if data.page > 1 {
        format!("Tra cứu văn bản, trang {}", data.page)
    } else {
        "Tra cứu văn bản".to_owned()
    };
    nav::announce_page(title);
    let dropped =
        dropped_message(&data.dropped).map(|m| view! { <p class="notice" role="note">{m}</p> });
    if data.rows.is_empty() {
        return view! {
            {dropped}
            <div class="no-results">
                <h2>"Không có văn bản phù hợp"</h2>
                <ul>
                    <li>"Kiểm tra lại số ký hiệu hoặc từ khóa."</li>
                    <li>"Bỏ bớt bộ lọc."</li>
                    <li><a href=link(&Filters::default().href())>"Xem tất cả văn bản"</a></li>
                </ul>
            </div>
        }
        .into_any();
    }
    let applied = data.applied.clone();
    let rows = markup::register_rows(&data.rows, &base_path());
    view! {
        {dropped}
        <table class="register-table">
            <caption class="visually-hidden">
                {format!("Danh sách văn bản, trang {} trên {}", data.page, data.pages)}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Số ký hiệu"</th>
                    <th scope="col">"Ngày ban hành"</th>
                    <th scope="col">"Trích yếu"</th>
                    <th scope="col">"Loại văn bản"</th>
                    <th scope="col">"Cơ quan ban hành"</th>
                </tr>
            </thead>
            <tbody inner_html=rows></tbody>
        </table>
        <Pager
            current=data.page
            total=data.pages
            href=move |n| link(&applied.with_page(n).href())
            quiet=true
        />
    }
    .into_any()
}
