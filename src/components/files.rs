//! A list of files to download (an article's attachments, a document's files).

use leptos::prelude::*;
use portal_core::Attachment;
use portal_core::format::{file_kind, human_size};
use portal_core::sanitize::url_allowed;

/// Downloadable files with their format and size; a file whose URL fails the sanitizer's policy
/// is named but not linked. `names_lang`: the files' names' language when it is not the page's.
#[component]
pub fn Files(
    files: Vec<Attachment>,
    #[prop(optional)] title: Option<&'static str>,
    #[prop(default = None)] names_lang: Option<&'static str>,
) -> impl IntoView {
    let t = crate::base::texts();
    let title = title.unwrap_or(t.attachments);
    view! {
        <section class="attachments" aria-labelledby="attachments-title">
            <h2 id="attachments-title">{title}</h2>
            <ul>
                {files
                    .into_iter()
                    .map(|f| {
                        let facts = format!("{}, {}", file_kind(&f.mime).unwrap_or(t.file), human_size(f.size, crate::base::lang()));
                        // A file whose URL fails the policy is named but not linked.
                        if !url_allowed("a", "href", &f.url) {
                            return view! {
                                <li>
                                    <span lang=names_lang>{f.name}</span>
                                    <span class="file-facts">" (" {facts} ")"</span>
                                </li>
                            }
                            .into_any();
                        }
                        view! {
                            <li>
                                <a href=f.url download="" type=f.mime.clone()>
                                    <span class="icon icon-file" aria-hidden="true"></span>
                                    <span>{t.download} <span lang=names_lang>{f.name}</span></span>
                                    <span class="file-facts">" (" {facts} ")"</span>
                                </a>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
