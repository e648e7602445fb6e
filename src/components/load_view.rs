//! The one way a screen shows data it loads: a status while loading, the
//! error with "Try again", or the data. Every screen goes through here, so
//! the states look and read the same everywhere.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::load::Load;
use crate::components::load_error::LoadError;

/// Renders `load`: "Loading …" until the first answer, a note for a 404, the
/// error with a Try again button, or `ok(value)`. `what` names the data as it
/// starts a sentence: "The roles", "Members".
pub fn load_view<T: Clone + 'static>(
    load: Load<T>,
    what: &'static str,
    ok: impl Fn(T) -> AnyView + 'static,
) -> impl Fn() -> AnyView {
    let retry = Callback::new(move |()| load.refetch());
    move || match load.get() {
        Some(Ok(value)) => ok(value),
        Some(Err(err)) => problem(Some(err), what, retry),
        None => problem(None, what, retry),
    }
}

/// The loading and error states; one copy for every type of data (not
/// generic, so the wasm holds it once).
fn problem(err: Option<ApiError>, what: &'static str, retry: Callback<()>) -> AnyView {
    match err {
        None => {
            let text = format!("Loading {}…", lowercase_first(what));
            view! { <p class="tn-status" role="status">{text}</p> }.into_any()
        }
        Some(err) if err.status() == Some(404) => view! {
            <p class="tn-status tn-status--error" role="alert">"Not found: it may have been deleted."</p>
        }
        .into_any(),
        Some(error) => view! { <LoadError what error retry /> }.into_any(),
    }
}

/// "The roles" → "the roles", to follow "Loading ".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase_first;

    #[test]
    fn the_loading_line_continues_the_sentence() {
        assert_eq!(lowercase_first("The API resources"), "the API resources");
        assert_eq!(lowercase_first("Members"), "members");
    }
}
