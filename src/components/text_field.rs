//! A labelled text input bound to a signal: the form field every screen uses.

use leptos::prelude::*;

/// `<label for>` and `<input>` in a `tn-field`.
#[component]
pub fn TextField(
    /// The input's id, which the label points at.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The value, read and written as the user types.
    value: RwSignal<String>,
    /// `text`, `email`, `password`, `url`…
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autofill hint (`username`, `new-password`…).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Whether the form needs a value.
    #[prop(optional)]
    required: bool,
    /// The most characters the input takes.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView {
    view! {
        <div class="tn-field">
            <label class="tn-field__label" for=id.clone()>{label}</label>
            <input
                class="tn-field__input"
                id=id
                type=kind
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
