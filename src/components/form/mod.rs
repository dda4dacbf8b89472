//! A citizen's form (a comment on a draft, a question): its fields, the error summary, the draft
//! kept on the device, sending with one idempotency key until the receiver confirms, and the
//! receipt. Only the look-up app's pages use it, so the portal's bundle never carries it.
//!
//! What it promises (issue 27): nothing typed is lost — kept as typed (`draft`), kept on every
//! failure, sent again by itself when the connection returns or the page is opened again, and
//! recorded once however often it is sent (the key).

mod draft;
pub mod fields;
mod outbox;
mod summary;

use crate::api::{self, SendError};
use crate::components::connectivity::Online;
use fields::Field;
use leptos::prelude::*;
use portal_core::i18n::{FormTexts, fill};
use portal_core::participation::submit::{FieldError, MAX_EMAIL, MAX_LINE, Receipt};
use portal_core::route::Route;
use summary::{ErrorSummary, focus, mark_title, message};

pub use draft::expire_all;

/// How a field is entered.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One line; `autocomplete` is its token (`name`, `organization`, `address-level2`, `off`).
    Line {
        autocomplete: &'static str,
    },
    Email,
    /// A long text, with its character count.
    Text,
    /// One of (value, text); the first is the "choose" prompt, valued "".
    Choice(Vec<(String, String)>),
    /// The consent box, with the privacy notice's address.
    Consent {
        privacy: String,
    },
}

/// One field, named as the submission's member.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub optional: bool,
    pub input: Input,
    /// The most characters (long texts show the count).
    pub max: usize,
}

impl FieldSpec {
    pub fn new(name: &'static str, label: &'static str, input: Input, max: usize) -> FieldSpec {
        FieldSpec {
            name,
            label,
            hint: None,
            optional: false,
            input,
            max,
        }
    }

    pub fn optional(self) -> FieldSpec {
        FieldSpec {
            optional: true,
            ..self
        }
    }

    pub fn hint(self, hint: &'static str) -> FieldSpec {
        FieldSpec {
            hint: Some(hint),
            ..self
        }
    }

    /// The full name, as every form asks it.
    pub fn name() -> FieldSpec {
        let f = FormTexts::of(crate::base::lang());
        FieldSpec::new(
            "name",
            f.name,
            Input::Line {
                autocomplete: "name",
            },
            MAX_LINE,
        )
    }

    pub fn email(hint: &'static str) -> FieldSpec {
        let f = FormTexts::of(crate::base::lang());
        FieldSpec::new("email", f.email, Input::Email, MAX_EMAIL).hint(hint)
    }

    /// The consent box (Decree 13/2023/NĐ-CP), linked to the portal's page on personal data.
    pub fn consent() -> FieldSpec {
        let privacy = crate::base::link(
            &Route::About {
                section: portal_core::paths::about(crate::base::lang()).to_owned(),
                slug: portal_core::participation::PRIVACY_PAGE.to_owned(),
            }
            .href()
            .unwrap_or_default(),
        );
        let f = FormTexts::of(crate::base::lang());
        FieldSpec::new("consent", f.consent, Input::Consent { privacy }, 0)
    }
}

/// A body checked by the contract's rules (`refused`) and written as JSON: what a page's
/// [`Prepare`] returns.
pub fn prepared<T: serde::Serialize>(
    body: &T,
    refused: Vec<FieldError>,
) -> Result<String, Vec<FieldError>> {
    if !refused.is_empty() {
        return Err(refused);
    }
    api::to_json(body).ok_or_else(Vec::new)
}

/// What the reader entered, NFC-normalised, with the submission's key: what `prepare` builds
/// the body from.
pub struct Entered {
    values: Vec<(&'static str, String)>,
    pub consent: bool,
    pub key: String,
    /// The honeypot's value.
    pub website: String,
}

impl Entered {
    pub fn get(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// The body to send as JSON, or the fields refused before sending (the contract's own checks).
pub type Prepare = std::rc::Rc<dyn Fn(&Entered) -> Result<String, Vec<FieldError>>>;

/// Where a form is between typing and the receipt.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Editing,
    Sending,
    /// Offline: sent by itself when the connection returns.
    Waiting,
    /// Not recorded: why, and whether sending again may help.
    Failed(String),
    /// Recorded; `later` when it went while the reader was away or offline.
    Sent {
        receipt: Receipt,
        later: bool,
    },
}

/// A link after the receipt: its words, and its address from the reference.
pub type Follow = (&'static str, fn(&str) -> String);

/// What a page's form is: words, fields, where it goes, what follows the receipt.
pub struct FormSpec {
    /// Names its kept draft (`comment:<consultation>`, `question`).
    pub id: String,
    pub title: &'static str,
    pub intro: &'static str,
    pub fields: Vec<FieldSpec>,
    pub endpoint: String,
    pub prepare: Prepare,
    /// The receipt's words.
    pub receipt: &'static str,
    pub another: &'static str,
    /// A link after the receipt, from its reference (the question's state page).
    pub follow: Option<Follow>,
}

#[component]
pub fn CitizenForm(spec: FormSpec) -> impl IntoView {
    let f = FormTexts::of(crate::base::lang());
    let FormSpec {
        id: form,
        title,
        intro,
        fields,
        endpoint,
        prepare,
        receipt,
        another,
        follow,
    } = spec;
    // The prerendered page (and a browser without JavaScript) says what the form needs.
    if !cfg!(target_arch = "wasm32") {
        let _ = (form, fields, endpoint, prepare, receipt, another, follow);
        return view! {
            <section class="citizen-form" aria-labelledby="form-title">
                <h2 id="form-title">{title}</h2>
                <p>{intro}</p>
                <p class="notice needs-script">{f.needs_script}</p>
            </section>
        }
        .into_any();
    }
    draft::expire_all();
    let kept = draft::load(&form);
    let restored = kept
        .as_ref()
        .is_some_and(|d| d.values.iter().any(|(_, v)| !v.is_empty()));
    let key = StoredValue::new(
        kept.as_ref()
            .map(|d| d.key.clone())
            .filter(|k| portal_core::participation::submit::valid_key(k))
            .unwrap_or_else(draft::new_key),
    );
    let values: Vec<(&'static str, RwSignal<String>)> = fields
        .iter()
        .map(|s| {
            let v = kept
                .as_ref()
                .and_then(|d| d.values.iter().find(|(n, _)| n == s.name))
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (s.name, RwSignal::new(v))
        })
        .collect();
    let consent = RwSignal::new(kept.as_ref().is_some_and(|d| d.consent));
    let pending = StoredValue::new(kept.as_ref().is_some_and(|d| d.pending));
    let website = RwSignal::new(String::new());
    let stage = RwSignal::new(Stage::Editing);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let specs = StoredValue::new(fields.clone());
    let values = StoredValue::new(values);
    let snapshot = move |pending: bool| draft::Draft {
        saved: 0.0,
        key: key.get_value(),
        values: values.with_value(|v| {
            v.iter()
                .map(|(n, s)| ((*n).to_owned(), s.get_untracked()))
                .collect()
        }),
        consent: consent.get_untracked(),
        pending,
    };
    // Kept as typed.
    {
        let form = form.clone();
        crate::base::effect(move || {
            let typed: Vec<String> =
                values.with_value(|v| v.iter().map(|(_, s)| s.get()).collect());
            let ticked = consent.get();
            if matches!(stage.get_untracked(), Stage::Sent { .. }) {
                return;
            }
            if typed.iter().all(String::is_empty) && !ticked {
                return;
            }
            draft::save(&form, &snapshot(pending.get_value()));
        });
    }
    let shown_errors = Signal::derive(move || {
        specs.with_value(|specs| {
            errors
                .get()
                .iter()
                .map(|e| {
                    let spec = specs.iter().find(|s| s.name == e.field);
                    (format!("f-{}", e.field), message(e, spec))
                })
                .collect::<Vec<_>>()
        })
    });
    let refuse = move |list: Vec<FieldError>| {
        errors.set(list);
        mark_title(true);
        // Once the summary is in the page.
        crate::base::after(0, || focus("error-summary"));
    };
    let send: Box<dyn Fn(bool)> = {
        let (form, endpoint) = (form.clone(), endpoint.clone());
        Box::new(move |later: bool| {
            if stage.get_untracked() == Stage::Sending {
                return;
            }
            let entered = Entered {
                values: values.with_value(|v| {
                    v.iter()
                        .map(|(n, s)| (*n, crate::base::nfc(&s.get_untracked())))
                        .collect()
                }),
                consent: consent.get_untracked(),
                key: key.get_value(),
                website: website.get_untracked(),
            };
            let json = match prepare(&entered) {
                Ok(json) => json,
                Err(list) => {
                    stage.set(Stage::Editing);
                    return refuse(list);
                }
            };
            errors.set(Vec::new());
            mark_title(false);
            stage.set(Stage::Sending);
            pending.set_value(true);
            draft::save(&form, &snapshot(true));
            let (form, endpoint) = (form.clone(), endpoint.clone());
            let body = json.clone();
            leptos::task::spawn_local(async move {
                let result = api::send(&endpoint, json).await;
                if result.is_ok() {
                    draft::remove(&form);
                }
                // The reader may have left the page meanwhile: its signals are gone (a draft
                // not recorded stays pending and goes again on the next visit).
                if stage.try_get_untracked().is_none() {
                    return;
                }
                // The browser's own word: this task runs outside the component's context.
                let online = crate::base::window().is_none_or(|w| w.navigator().on_line());
                let next = match result {
                    Ok(receipt) => {
                        pending.set_value(false);
                        Stage::Sent { receipt, later }
                    }
                    Err(SendError::Refused(list)) => {
                        pending.set_value(false);
                        draft::save(&form, &snapshot(false));
                        stage.set(Stage::Editing);
                        return refuse(list);
                    }
                    Err(e) => {
                        let (message, keep_pending) = failure(&e, online);
                        pending.set_value(keep_pending);
                        draft::save(&form, &snapshot(keep_pending));
                        match message {
                            None => {
                                outbox::hand_over(&form, &api::api_href(&endpoint), &body);
                                Stage::Waiting
                            }
                            Some(m) => Stage::Failed(m),
                        }
                    }
                };
                let sent = matches!(next, Stage::Sent { .. });
                stage.set(next);
                if sent {
                    crate::base::after(0, || focus("form-receipt"));
                }
            });
        })
    };
    // Sent by the service worker while this page waited.
    {
        let form = form.clone();
        outbox::on_sent(form.clone(), move |receipt| {
            if matches!(stage.get_untracked(), Stage::Waiting | Stage::Failed(_)) {
                draft::remove(&form);
                pending.set_value(false);
                stage.set(Stage::Sent {
                    receipt,
                    later: true,
                });
            }
        });
    }
    // One handle, Copy, for every place that sends (views' closures must be Send).
    let send = StoredValue::new_local(send);
    let send = move |later: bool| send.with_value(|f| f(later));
    // Sent by itself: when the connection returns while waiting, and on opening the page with
    // a text that was sent without a confirmed answer.
    if let Some(online) = use_context::<Online>() {
        Effect::new(move |_| {
            if online.0.get() && stage.get_untracked() == Stage::Waiting {
                (send)(true);
            }
        });
    }
    if pending.get_value() {
        // Once the page has arrived: while the app takes a prerendered page over, a form built
        // in a slice may be built again, and only the one that stays may send and show the
        // receipt (a disposed one would take the draft with it).
        crate::base::settled(move || {
            if stage.try_get_untracked().is_none() {
                return;
            }
            if crate::base::window().is_none_or(|w| w.navigator().on_line()) {
                send(true);
            } else {
                stage.set(Stage::Waiting);
            }
        });
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(false);
    };
    let discard = {
        let form = form.clone();
        move |_| {
            draft::remove(&form);
            values.with_value(|v| v.iter().for_each(|(_, s)| s.set(String::new())));
            consent.set(false);
            errors.set(Vec::new());
            mark_title(false);
            pending.set_value(false);
            key.set_value(draft::new_key());
            stage.set(Stage::Editing);
        }
    };
    let start_again = discard.clone();
    let problem = move || match stage.get() {
        Stage::Waiting => {
            Some(view! { <p class="notice form-waiting" role="status">{f.waiting}</p> }.into_any())
        }
        Stage::Failed(m) => {
            Some(view! { <p class="notice form-failed" role="alert">{m}</p> }.into_any())
        }
        _ => None,
    };
    let button = move || match stage.get() {
        Stage::Sending => f.sending,
        Stage::Failed(_) | Stage::Waiting => f.retry,
        _ => f.send,
    };
    let busy = move || (stage.get() == Stage::Sending).then_some("true");
    let rows = move || {
        specs
            .get_value()
            .into_iter()
            .map(|spec| {
                let name = spec.name;
                let value = values
                    .with_value(|v| v.iter().find(|(n, _)| *n == name).map(|(_, s)| *s))
                    .unwrap_or_else(|| RwSignal::new(String::new()));
                let error = Signal::derive(move || {
                    errors.get().iter().find(|e| e.field == name).map(|e| {
                        specs.with_value(|s| message(e, s.iter().find(|s| s.name == name)))
                    })
                });
                view! { <Field spec=spec value=value checked=consent error=error /> }
            })
            .collect_view()
    };
    let form_view = move || {
        let discard = discard.clone();
        view! {
            <ErrorSummary errors=shown_errors />
            <p>{intro}</p>
            <p class="hint">{f.kept}</p>
            {restored.then(|| view! { <p class="notice form-restored" role="status">{f.restored}</p> })}
            <form class="citizen-form-fields" novalidate=true on:submit=on_submit aria-busy=busy>
                {rows()}
                <div class="form-trap" aria-hidden="true">
                    <label for="f-website">{f.website}</label>
                    <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"
                        prop:value=website on:input=move |ev| website.set(event_target_value(&ev)) />
                </div>
                {problem}
                <div class="form-actions">
                    <button type="submit" class="button">{button}</button>
                    <button type="button" class="link-button" on:click=discard>{f.discard}</button>
                </div>
            </form>
        }
    };
    let sent = Memo::new(move |_| matches!(stage.get(), Stage::Sent { .. }));
    let receipt_view = move || {
        let Stage::Sent { receipt: r, later } = stage.get_untracked() else {
            return ().into_any();
        };
        let follow = follow.map(|(words, href)| {
            view! { <p><a href=href(&r.reference)>{words}</a></p> }
        });
        let start_again = start_again.clone();
        view! {
            <div class="form-receipt" id="form-receipt" tabindex="-1" role="status">
                <h3>{f.sent_title}</h3>
                {later.then(|| view! { <p>{f.sent_later}</p> })}
                <p>{f.reference} ": " <strong class="reference">{r.reference.clone()}</strong></p>
                <p>{fill(f.received_at, &[&received_words(&r.received)])}</p>
                <p>{receipt}</p>
                {follow}
                <p><button type="button" class="link-button" on:click=start_again>{another}</button></p>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="citizen-form" aria-labelledby="form-title">
            <h2 id="form-title">{title}</h2>
            {move || if sent.get() { receipt_view() } else { form_view().into_any() }}
        </section>
    }
    .into_any()
}

/// The receipt's time in the page's words, or as sent when it does not parse.
fn received_words(received: &str) -> String {
    portal_core::DateTime::parse(received)
        .map(|d| d.in_vietnam().in_lang(crate::base::lang()))
        .unwrap_or_else(|_| received.to_owned())
}

/// What a failed send tells the reader (`None`: offline, waiting for the connection), and
/// whether the text stays to be sent by itself.
fn failure(e: &SendError, online: bool) -> (Option<String>, bool) {
    let f = FormTexts::of(crate::base::lang());
    match e {
        SendError::Failed(api::ApiError::Network | api::ApiError::Timeout) if !online => {
            (None, true)
        }
        SendError::Failed(api::ApiError::Timeout) => (Some(f.failed_timeout.to_owned()), true),
        SendError::Failed(api::ApiError::Server(code)) => {
            (Some(fill(f.failed_server, &[&code.to_string()])), true)
        }
        SendError::Failed(api::ApiError::Http(code)) => {
            (Some(fill(f.failed_server, &[&code.to_string()])), true)
        }
        SendError::Failed(_) => (Some(f.failed_network.to_owned()), true),
        SendError::TooMany(secs) => (Some(fill(f.too_many, &[&secs.to_string()])), false),
        SendError::TooLarge => (Some(f.failed_large.to_owned()), false),
        SendError::Closed(closes) => (Some(fill(f.closed_now, &[closes])), false),
        SendError::Refused(_) => (None, false),
    }
}
