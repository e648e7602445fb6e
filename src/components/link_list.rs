//! What something is linked to (a role's scopes, users or applications; a
//! user's roles): a table with a Remove button per row and a picker to add
//! one more. The caller loads the rows and choices and performs the changes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::picker::Picker;

/// One linked item.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    pub id: String,
    pub name: String,
    /// A second column (a description, an email, a resource).
    pub detail: String,
    /// Where the name links to, if anywhere.
    pub href: Option<String>,
}

/// The linked items and the picker.
#[component]
pub fn LinkList(
    /// What the table lists, e.g. "Scopes of this role".
    #[prop(into)]
    caption: String,
    /// The header of the detail column.
    detail_header: &'static str,
    /// The linked items.
    rows: Load<Vec<LinkRow>>,
    /// The items that can be added, as `(id, label)`.
    options: Load<Vec<(String, String)>>,
    /// The picker's label, e.g. "Add a scope".
    #[prop(into)]
    picker_label: String,
    /// Said when nothing is linked.
    #[prop(into)]
    empty: String,
    /// Called with the id to add.
    on_add: Callback<String>,
    /// Called with the id to remove.
    on_remove: Callback<String>,
    /// True while a change runs.
    busy: RwSignal<bool>,
) -> impl IntoView {
    let choices = Signal::derive(move || options.get().and_then(Result::ok).unwrap_or_default());
    let columns = vec![
        Column::new("Name", |r: &LinkRow| {
            let name = r.name.clone();
            match r.href.clone() {
                Some(href) => view! { <A href=href>{name}</A> }.into_any(),
                None => name.into_any(),
            }
        }),
        Column::text(detail_header, |r: &LinkRow| r.detail.clone()),
        Column::new("", move |r: &LinkRow| {
            let (id, label) = (r.id.clone(), format!("Remove {}", r.name));
            view! {
                <button class="tn-button" type="button" aria-label=label disabled=move || busy.get()
                    on:click=move |_| on_remove.run(id.clone())>"Remove"</button>
            }
        }),
    ];
    let caption = StoredValue::new(caption);
    let empty = StoredValue::new(empty);
    let table = load_view(rows, "The items", move |rows| {
        view! {
            <DataTable caption=caption.get_value() columns=columns.clone() rows=rows
                row_key=|r: &LinkRow| r.id.clone() empty=empty.get_value() />
        }
        .into_any()
    });
    view! {
        <Picker label=picker_label options=choices empty="Nothing more to add."
            on_add busy=Signal::from(busy) />
        {table}
    }
}
