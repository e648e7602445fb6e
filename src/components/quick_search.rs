//! A one-box search form for short lists (organizations, members,
//! applications): the text goes to `on_search` on submit, and the box follows
//! `value` when it changes. Its text box and button are also the start of
//! the users' search box.

use leptos::prelude::*;

/// A search box with a submit button.
#[component]
pub fn QuickSearch(
    /// Accessible label of the text box, e.g. "Search organizations".
    #[prop(into)]
    label: String,
    /// The text shown (from the URL or the caller's state).
    #[prop(into)]
    value: Signal<String>,
    /// Called with the trimmed text when the user searches.
    on_search: Callback<String>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| text.set(value.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_search.run(text.get_untracked().trim().to_string());
    };
    view! {
        <form class="tn-search tn-search__main" role="search" on:submit=submit>
            <SearchInput label text />
        </form>
    }
}

/// The search text box and its submit button, which every search form
/// (this one and [`SearchBox`](super::search_box::SearchBox)) starts with.
#[component]
pub fn SearchInput(
    /// Accessible label of the text box.
    label: String,
    /// The text, read and written as the user types.
    text: RwSignal<String>,
) -> impl IntoView {
    view! {
        <input
            class="tn-field__input tn-search__input"
            type="search"
            aria-label=label
            placeholder="Search"
            prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))
        />
        <button class="tn-button tn-button--primary" type="submit">"Search"</button>
    }
}
