//! Tabs: roles and states after the WAI-ARIA pattern, arrow keys move focus and
//! selection, only the selected tab is in the tab order.

use leptos::prelude::*;
use tenantry_portal::components::tabs::{Tab, Tabs};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::{focused_text, mount, press, settle};

const TABS: &[Tab] = &[("one", "One"), ("two", "Two"), ("three", "Three")];

#[wasm_bindgen_test]
async fn arrow_keys_select_and_focus_the_next_tab() {
    let selected = RwSignal::new("one");
    let app = mount(move || {
        view! {
            <Tabs label="Parts" tabs=TABS selected on_select=Callback::new(move |k| selected.set(k))>
                {move || format!("panel {}", selected.get())}
            </Tabs>
        }
    });
    settle().await;
    assert_eq!(
        app.find("[role=tablist]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Parts")
    );
    let tabs = app.find_all("[role=tab]");
    assert_eq!(tabs.len(), 3);
    let attr = |i: usize, name: &str| tabs[i].get_attribute(name).unwrap_or_default();
    assert_eq!(attr(0, "aria-selected"), "true");
    assert_eq!(attr(0, "tabindex"), "0");
    assert_eq!(attr(1, "tabindex"), "-1");
    assert_eq!(app.text("[role=tabpanel]"), "panel one");
    assert_eq!(
        app.find("[role=tabpanel]")
            .get_attribute("aria-labelledby")
            .as_deref(),
        Some("tn-tab-one")
    );

    tabs[0].unchecked_ref::<HtmlElement>().focus().unwrap();
    assert!(press(&tabs[0], "ArrowLeft", false));
    settle().await;
    assert_eq!(selected.get_untracked(), "three");
    assert_eq!(focused_text(), "Three");
    assert_eq!(attr(2, "aria-selected"), "true");
    assert_eq!(attr(0, "tabindex"), "-1");
    assert_eq!(app.text("[role=tabpanel]"), "panel three");

    assert!(press(&tabs[2], "Home", false));
    settle().await;
    assert_eq!(selected.get_untracked(), "one");
    assert!(!press(&tabs[0], "a", false), "other keys are left alone");

    tabs[1].unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(selected.get_untracked(), "two");
}
