//! A JSON editor for custom data: a textarea that must hold a JSON object
//! before it can be saved, with the parse error shown next to it.

use leptos::prelude::*;
use serde_json::{Map, Value};

/// Parses editor text as a JSON object, or says why it is not one.
pub fn parse_object(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("Must be a JSON object, such as {\"plan\": \"pro\"}.".into()),
        Err(err) => Err(format!("Not valid JSON: {err}.")),
    }
}

/// Edits a JSON object.
#[component]
pub fn JsonEditor(
    /// The textarea's label.
    #[prop(into)]
    label: String,
    /// The object to start from.
    initial: Map<String, Value>,
    /// Called with the parsed object when the user saves valid JSON.
    on_save: Callback<Map<String, Value>>,
    /// Disables saving, e.g. while the previous save runs.
    #[prop(into, default = Signal::from(false))]
    busy: Signal<bool>,
) -> impl IntoView {
    let pretty = serde_json::to_string_pretty(&Value::Object(initial)).unwrap_or_default();
    let text = RwSignal::new(pretty);
    let parsed = Memo::new(move |_| text.with(|t| parse_object(t)));
    let error = move || parsed.with(|p| p.as_ref().err().cloned());
    let id = "tn-json-editor";
    let error_id = "tn-json-editor-error";

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(map) = parsed.get_untracked() {
            on_save.run(map);
        }
    };
    let format = move |_| {
        if let Ok(map) = parsed.get_untracked() {
            text.set(serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default());
        }
    };
    view! {
        <form class="tn-json-editor" on:submit=save>
            <label class="tn-field__label" for=id>{label}</label>
            <textarea
                id=id
                class="tn-json-editor__input"
                spellcheck="false"
                rows="10"
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p id=error_id class="tn-json-editor__error" role="alert">
                {error}
            </p>
            <div class="tn-json-editor__actions">
                <button
                    class="tn-button"
                    type="button"
                    disabled=move || error().is_some()
                    on:click=format
                >
                    "Format"
                </button>
                <button
                    class="tn-button tn-button--primary"
                    type="submit"
                    disabled=move || error().is_some() || busy.get()
                >
                    "Save"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_objects_pass() {
        assert!(parse_object(r#"{"a": 1}"#).is_ok());
        assert!(parse_object("[]").unwrap_err().contains("JSON object"));
        assert!(parse_object("{").unwrap_err().starts_with("Not valid JSON"));
    }
}
