//! Data table and pager.

use leptos::prelude::*;
use tenantry_portal::components::data_table::{Column, DataTable};
use tenantry_portal::components::pager::Pager;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, set_value, settle};

#[derive(Clone)]
struct Row {
    id: &'static str,
    name: &'static str,
}

#[wasm_bindgen_test]
async fn rows_render_under_their_headers_and_an_empty_list_says_so() {
    let rows = RwSignal::new(vec![
        Row {
            id: "a1",
            name: "Ann",
        },
        Row {
            id: "b2",
            name: "Bob",
        },
    ]);
    let app = mount(move || {
        let columns = vec![
            Column::text("ID", |r: &Row| r.id.to_string()),
            Column::new("Name", |r: &Row| view! { <strong>{r.name}</strong> }),
        ];
        view! {
            <DataTable caption="People" columns rows row_key=|r: &Row| r.id.to_string() empty="Nobody." />
        }
    });
    settle().await;
    let headers: Vec<_> = app
        .find_all("th")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(headers, ["ID", "Name"]);
    assert_eq!(app.find_all("tbody tr.tn-table__row").len(), 2);
    assert_eq!(app.text("tbody tr[data-key='b2'] strong"), "Bob");
    assert_eq!(app.text("caption"), "People");

    rows.set(Vec::new());
    settle().await;
    assert!(!app.exists("tr.tn-table__row"));
    assert_eq!(app.text("tbody td").trim(), "Nobody.");
}

#[wasm_bindgen_test]
async fn the_pager_shows_the_range_and_moves_between_pages() {
    let page = RwSignal::new(1_u32);
    let size = RwSignal::new(20_u32);
    let asked_page = RwSignal::new(0_u32);
    let asked_size = RwSignal::new(0_u32);
    let app = mount(move || {
        view! {
            <Pager
                page
                page_size=size
                total=45_u64
                on_page=Callback::new(move |p| asked_page.set(p))
                on_page_size=Callback::new(move |s| asked_size.set(s))
            />
        }
    });
    settle().await;
    assert_eq!(app.text("[data-testid=pager-range]"), "1–20 of 45");
    assert!(app.button("Previous").has_attribute("disabled"));
    app.button("Next").click();
    assert_eq!(asked_page.get_untracked(), 2);

    page.set(3);
    settle().await;
    assert_eq!(app.text("[data-testid=pager-range]"), "41–45 of 45");
    assert!(app.button("Next").has_attribute("disabled"));
    assert_eq!(app.text(".tn-pager__page"), "Page 3 of 3");
    app.button("Previous").click();
    assert_eq!(asked_page.get_untracked(), 2);

    set_value(&app.find("select"), "50", "change");
    assert_eq!(asked_size.get_untracked(), 50);
}
