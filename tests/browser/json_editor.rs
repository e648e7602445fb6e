//! JSON editor: validation before save, the parse error shown.

use leptos::prelude::*;
use serde_json::{Map, Value, json};
use tenantry_portal::components::json_editor::JsonEditor;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlTextAreaElement;

use crate::support::{mount, set_value, settle};

#[wasm_bindgen_test]
async fn only_a_json_object_can_be_saved() {
    let saved = RwSignal::new(None::<Map<String, Value>>);
    let initial = json!({"plan": "pro"}).as_object().unwrap().clone();
    let app = mount(move || {
        view! {
            <JsonEditor
                label="Custom data"
                initial
                on_save=Callback::new(move |map| saved.set(Some(map)))
            />
        }
    });
    settle().await;
    let area = app.find("textarea");
    let text = area.unchecked_ref::<HtmlTextAreaElement>().value();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"plan": "pro"})
    );
    assert_eq!(app.text("label"), "Custom data");
    assert_eq!(app.text("[role=alert]"), "");

    set_value(&area, "{\"plan\": ", "input");
    settle().await;
    assert!(
        app.text("[role=alert]").starts_with("Not valid JSON: EOF"),
        "{}",
        app.text("[role=alert]")
    );
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(app.button("Save").has_attribute("disabled"));

    set_value(&area, "[1, 2]", "input");
    settle().await;
    assert!(
        app.text("[role=alert]")
            .starts_with("Must be a JSON object")
    );
    // Submitting anyway (Enter in a field) saves nothing.
    app.find("form")
        .unchecked_into::<web_sys::HtmlFormElement>()
        .request_submit()
        .unwrap();
    settle().await;
    assert_eq!(saved.get_untracked(), None);

    set_value(&area, r#"{"plan":"team","seats":5}"#, "input");
    settle().await;
    assert_eq!(app.text("[role=alert]"), "");
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("false"));
    app.button("Format").click();
    settle().await;
    assert!(
        area.unchecked_ref::<HtmlTextAreaElement>()
            .value()
            .contains("\n  \"seats\": 5")
    );
    app.button("Save").click();
    settle().await;
    assert_eq!(
        saved.get_untracked().map(Value::Object),
        Some(json!({"plan": "team", "seats": 5}))
    );
}
