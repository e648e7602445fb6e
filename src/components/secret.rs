//! A secret shown once: read-only, with a Copy button (the clipboard API;
//! where it is refused, the text is selected for Ctrl+C).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::toast::use_toasts;

/// Shows `value` with a warning that it will not be shown again.
#[component]
pub fn SecretOnce(
    /// The input's label, e.g. "Application secret".
    #[prop(into)]
    label: String,
    /// The secret.
    #[prop(into)]
    value: String,
) -> impl IntoView {
    let toasts = use_toasts();
    let input = NodeRef::<html::Input>::new();
    let secret = StoredValue::new(value.clone());
    let copy = move |_| {
        let copied = window()
            .navigator()
            .clipboard()
            .write_text(&secret.get_value());
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(copied).await.is_ok() {
                toasts.success("Copied to the clipboard.");
            } else if let Some(input) = input.get_untracked() {
                input.select();
                toasts.error(
                    "The browser refused the clipboard: press Ctrl+C to copy the selected text.",
                );
            }
        });
    };
    view! {
        <div class="tn-secret-once" role="status">
            <p>"Copy it now: it is shown only this once."</p>
            <label class="tn-field__label" for="tn-secret-value">{label}</label>
            <div class="tn-inline-form">
                <input class="tn-field__input tn-secret" id="tn-secret-value" readonly value=value
                    node_ref=input data-testid="secret-value" on:focus=move |_| {
                        if let Some(input) = input.get_untracked() {
                            input.select();
                        }
                    } />
                <button class="tn-button" type="button" on:click=copy>"Copy"</button>
            </div>
        </div>
    }
}
