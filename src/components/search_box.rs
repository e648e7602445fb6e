//! The search box: one text box, plus advanced options (which field, how to
//! match, case sensitivity) behind a toggle.

use leptos::prelude::*;

use super::quick_search::SearchInput;

/// How the text matches (Logto's `mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchMode {
    /// Contains the text.
    #[default]
    Like,
    /// Equals the text.
    Exact,
    /// A POSIX regular expression.
    Regex,
}

impl SearchMode {
    pub const ALL: [SearchMode; 3] = [SearchMode::Like, SearchMode::Exact, SearchMode::Regex];

    /// The name used in the portal's URLs.
    pub fn key(self) -> &'static str {
        match self {
            SearchMode::Like => "like",
            SearchMode::Exact => "exact",
            SearchMode::Regex => "regex",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The Management API's `mode` value.
    pub fn api_value(self) -> &'static str {
        match self {
            SearchMode::Like => "like",
            SearchMode::Exact => "exact",
            SearchMode::Regex => "posix",
        }
    }

    fn label(self) -> &'static str {
        match self {
            SearchMode::Like => "Contains",
            SearchMode::Exact => "Exact",
            SearchMode::Regex => "Regular expression",
        }
    }
}

/// What the user searches for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    /// The field to search; empty means every searchable field.
    pub field: String,
    pub mode: SearchMode,
    pub case_sensitive: bool,
}

/// A search form; `on_search` gets the query on submit.
#[component]
pub fn SearchBox(
    /// Accessible label of the text box, e.g. "Search users".
    #[prop(into)]
    label: String,
    /// The query shown (from the URL); the form follows it when it changes.
    #[prop(into)]
    value: Signal<SearchQuery>,
    /// Fields offered as `(value, label)`; "All fields" is always first.
    fields: Vec<(&'static str, &'static str)>,
    /// Called with the query when the user searches.
    on_search: Callback<SearchQuery>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let mode = RwSignal::new(SearchMode::default());
    let case_sensitive = RwSignal::new(false);
    let advanced = RwSignal::new(false);
    Effect::new(move |_| {
        let query = value.get();
        // Open the options when the query uses them, so they are visible.
        if !query.field.is_empty() || query.mode != SearchMode::Like || query.case_sensitive {
            advanced.set(true);
        }
        text.set(query.text);
        field.set(query.field);
        mode.set(query.mode);
        case_sensitive.set(query.case_sensitive);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_search.run(SearchQuery {
            text: text.get_untracked().trim().to_string(),
            field: field.get_untracked(),
            mode: mode.get_untracked(),
            case_sensitive: case_sensitive.get_untracked(),
        });
    };
    let field_options = std::iter::once(("", "All fields"))
        .chain(fields)
        .map(|(value, name)| {
            view! { <option value=value selected=move || field.get() == value>{name}</option> }
        })
        .collect::<Vec<_>>();
    let mode_options = SearchMode::ALL
        .into_iter()
        .map(|m| {
            view! { <option value=m.key() selected=move || mode.get() == m>{m.label()}</option> }
        })
        .collect::<Vec<_>>();

    view! {
        <form class="tn-search" role="search" on:submit=submit>
            <div class="tn-search__main">
                <SearchInput label text />
                <button
                    class="tn-button"
                    type="button"
                    aria-expanded=move || advanced.get().to_string()
                    aria-controls="tn-search-options"
                    on:click=move |_| advanced.update(|a| *a = !*a)
                >
                    "Advanced"
                </button>
            </div>
            <div id="tn-search-options" class="tn-search__options" hidden=move || !advanced.get()>
                <label class="tn-search__option">
                    "Field "
                    <select on:change=move |ev| field.set(event_target_value(&ev))>
                        {field_options}
                    </select>
                </label>
                <label class="tn-search__option">
                    "Match "
                    <select on:change=move |ev| {
                        mode.set(SearchMode::from_key(&event_target_value(&ev)).unwrap_or_default())
                    }>{mode_options}</select>
                </label>
                <label class="tn-search__option">
                    <input
                        type="checkbox"
                        prop:checked=move || case_sensitive.get()
                        on:change=move |ev| case_sensitive.set(event_target_checked(&ev))
                    />
                    " Case-sensitive"
                </label>
            </div>
        </form>
    }
}
