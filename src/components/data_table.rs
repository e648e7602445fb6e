//! A data table: a caption, column headers and one row per item, with an
//! empty state.

use std::sync::Arc;

use leptos::prelude::*;

type Cell<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;

/// One column: its header and how to render a cell.
pub struct Column<T> {
    header: String,
    cell: Cell<T>,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Self {
            header: self.header.clone(),
            cell: self.cell.clone(),
        }
    }
}

impl<T: 'static> Column<T> {
    /// A column whose cells are any view.
    pub fn new<V: IntoView + 'static>(
        header: impl Into<String>,
        cell: impl Fn(&T) -> V + Send + Sync + 'static,
    ) -> Self {
        Self {
            header: header.into(),
            cell: Arc::new(move |row| cell(row).into_any()),
        }
    }

    /// A column of plain text.
    pub fn text(
        header: impl Into<String>,
        text: impl Fn(&T) -> String + Send + Sync + 'static,
    ) -> Self {
        Self::new(header, move |row| text(row))
    }
}

/// A table of `rows`.
#[component]
pub fn DataTable<T>(
    /// Says what the table lists, for screen readers (visually hidden).
    #[prop(into)]
    caption: String,
    /// The columns, left to right.
    columns: Vec<Column<T>>,
    /// The rows on this page.
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// A stable key per row (the item's id).
    row_key: fn(&T) -> String,
    /// Shown in place of the rows when there are none.
    #[prop(into, default = "Nothing here yet.".into())]
    empty: String,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let width = columns.len();
    let headers: Vec<_> = columns
        .iter()
        .map(|c| view! { <th scope="col">{c.header.clone()}</th> })
        .collect();
    let columns = StoredValue::new(columns);
    let body = move || {
        let rows = rows.get();
        if rows.is_empty() {
            return view! {
                <tr class="tn-table__empty">
                    <td colspan=width>{empty.clone()}</td>
                </tr>
            }
            .into_any();
        }
        rows.into_iter()
            .map(|row| {
                let cells = columns.with_value(|columns| {
                    columns
                        .iter()
                        .map(|c| view! { <td>{(c.cell)(&row)}</td> })
                        .collect::<Vec<_>>()
                });
                view! { <tr class="tn-table__row" data-key=row_key(&row)>{cells}</tr> }
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    view! {
        <div class="tn-table-wrap">
            <table class="tn-table">
                <caption class="tn-visually-hidden">{caption}</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
