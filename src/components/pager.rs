//! The pager under a paginated table: position, total, previous / next and
//! the page-size choice.

use leptos::prelude::*;

/// The number of pages for `total` items (at least one).
pub fn page_count(total: u64, page_size: u32) -> u32 {
    let size = u64::from(page_size.max(1));
    total.div_ceil(size).clamp(1, u64::from(u32::MAX)) as u32
}

/// "21–40 of 123" (or "0 of 0" for an empty list).
pub fn range_label(page: u32, page_size: u32, total: u64) -> String {
    if total == 0 {
        return "0 of 0".into();
    }
    let first = u64::from(page.saturating_sub(1)) * u64::from(page_size) + 1;
    let last = (first + u64::from(page_size) - 1).min(total);
    format!("{first}–{last} of {total}")
}

/// Pagination controls.
#[component]
pub fn Pager(
    /// Current page, 1-based.
    #[prop(into)]
    page: Signal<u32>,
    /// Rows per page.
    #[prop(into)]
    page_size: Signal<u32>,
    /// Items across all pages (`Total-Number`).
    #[prop(into)]
    total: Signal<u64>,
    /// The page sizes offered.
    #[prop(default = vec![10, 20, 50, 100])]
    sizes: Vec<u32>,
    /// Called with the page to show.
    on_page: Callback<u32>,
    /// Called with the chosen page size.
    on_page_size: Callback<u32>,
) -> impl IntoView {
    let pages = move || page_count(total.get(), page_size.get());
    let at_first = move || page.get() <= 1;
    let at_last = move || page.get() >= pages();
    let options = sizes
        .into_iter()
        .map(|size| {
            view! {
                <option value=size.to_string() selected=move || page_size.get() == size>
                    {size.to_string()}
                </option>
            }
        })
        .collect::<Vec<_>>();
    let on_size = move |ev: leptos::ev::Event| {
        if let Ok(size) = event_target_value(&ev).parse() {
            on_page_size.run(size);
        }
    };
    view! {
        <nav class="tn-pager" aria-label="Pagination">
            <span class="tn-pager__range" data-testid="pager-range">
                {move || range_label(page.get(), page_size.get(), total.get())}
            </span>
            <label class="tn-pager__size">
                "Rows per page "
                <select on:change=on_size>{options}</select>
            </label>
            <button
                class="tn-button"
                type="button"
                disabled=at_first
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                "Previous"
            </button>
            <span class="tn-pager__page" aria-current="page">
                {move || format!("Page {} of {}", page.get(), pages())}
            </span>
            <button
                class="tn-button"
                type="button"
                disabled=at_last
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                "Next"
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_ranges() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(41, 20), 3);
        assert_eq!(range_label(2, 20, 41), "21–40 of 41");
        assert_eq!(range_label(3, 20, 41), "41–41 of 41");
        assert_eq!(range_label(1, 20, 0), "0 of 0");
    }
}
