//! Search box: the plain box, the advanced options, and following the URL.

use leptos::prelude::*;
use tenantry_portal::components::search_box::{SearchBox, SearchMode, SearchQuery};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlFormElement, HtmlInputElement};

use crate::support::{mount, set_value, settle};

const FIELDS: [(&str, &str); 2] = [("username", "Username"), ("primaryEmail", "Email")];

#[wasm_bindgen_test]
async fn a_search_with_advanced_options_reaches_the_callback() {
    let value = RwSignal::new(SearchQuery::default());
    let searched = RwSignal::new(None::<SearchQuery>);
    let app = mount(move || {
        view! {
            <SearchBox
                label="Search users"
                value
                fields=FIELDS.to_vec()
                on_search=Callback::new(move |q| searched.set(Some(q)))
            />
        }
    });
    settle().await;
    let options = app.find("#tn-search-options");
    assert!(options.has_attribute("hidden"));
    let toggle = app.button("Advanced");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    set_value(&app.find("input[type=search]"), "  ann  ", "input");
    app.button("Search").click();
    settle().await;
    assert_eq!(
        searched.get_untracked(),
        Some(SearchQuery {
            text: "ann".into(),
            ..Default::default()
        })
    );

    toggle.click();
    settle().await;
    assert!(!options.has_attribute("hidden"));
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let selects = app.find_all("select");
    set_value(&selects[0], "primaryEmail", "change");
    set_value(&selects[1], "regex", "change");
    let case = app.find("input[type=checkbox]");
    case.unchecked_ref::<HtmlInputElement>().set_checked(true);
    crate::support::fire(&case, "change");
    app.find("form")
        .unchecked_into::<HtmlFormElement>()
        .request_submit()
        .unwrap();
    settle().await;
    assert_eq!(
        searched.get_untracked(),
        Some(SearchQuery {
            text: "ann".into(),
            field: "primaryEmail".into(),
            mode: SearchMode::Regex,
            case_sensitive: true,
        })
    );
}

#[wasm_bindgen_test]
async fn the_box_follows_its_value_and_shows_options_in_use() {
    let value = RwSignal::new(SearchQuery::default());
    let app = mount(move || {
        view! {
            <SearchBox label="Search" value fields=FIELDS.to_vec() on_search=Callback::new(|_| {}) />
        }
    });
    settle().await;
    value.set(SearchQuery {
        text: "bob".into(),
        field: "username".into(),
        mode: SearchMode::Exact,
        case_sensitive: false,
    });
    settle().await;
    let input = app.find("input[type=search]");
    assert_eq!(input.unchecked_ref::<HtmlInputElement>().value(), "bob");
    assert!(!app.find("#tn-search-options").has_attribute("hidden"));
    let selects = app.find_all("select");
    assert_eq!(
        selects[0]
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .value(),
        "username"
    );
    assert_eq!(
        selects[1]
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .value(),
        "exact"
    );
    assert_eq!(input.get_attribute("aria-label").as_deref(), Some("Search"));
}
