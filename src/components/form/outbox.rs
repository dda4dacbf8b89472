//! The service worker's part in "nothing lost" (`src/prerender/sw.js`, OUTBOX; the page's side is
//! `public/assets/offline.js`): a submission written offline is handed to the worker, which sends
//! it when the connection returns even if the page is closed; an open page hears that it was
//! recorded. Without a worker (another browser, a first visit) nothing happens here, and the form
//! sends by itself once back online or when the page is next opened.

use portal_core::participation::submit::Receipt;

/// Hands `body` (JSON) for `url` (absolute) to the worker, as form `form`'s submission.
pub fn hand_over(form: &str, url: &str, body: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let detail = js_sys::Object::new();
        for (k, v) in [("form", form), ("url", url), ("body", body)] {
            let _ = js_sys::Reflect::set(&detail, &k.into(), &v.into());
        }
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&detail);
        if let (Some(w), Ok(event)) = (
            crate::base::window(),
            web_sys::CustomEvent::new_with_event_init_dict("portal-outbox", &init),
        ) {
            let _ = w.dispatch_event(&event);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (form, url, body);
}

/// Calls `f` with the receipt when the worker has sent form `form`'s submission and it was
/// recorded; for as long as the calling component lives.
pub fn on_sent(form: String, f: impl Fn(Receipt) + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(w) = crate::base::window() else {
            return;
        };
        crate::base::listen(&w, "portal-sent", false, move |ev| {
            let Some(detail) = ev.dyn_ref::<web_sys::CustomEvent>().map(|e| e.detail()) else {
                return;
            };
            let field = |k: &str| js_sys::Reflect::get(&detail, &k.into()).ok();
            if field("form").and_then(|v| v.as_string()).as_deref() != Some(form.as_str()) {
                return;
            }
            if let Some(receipt) =
                field("receipt").and_then(|r| serde_wasm_bindgen::from_value::<Receipt>(r).ok())
            {
                f(receipt);
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (form, f);
}
