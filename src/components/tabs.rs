//! Tabs after the WAI-ARIA pattern: a `tablist` of buttons (one in the tab
//! order, arrow keys, Home and End move between them and select) over one
//! `tabpanel` holding the selected tab's content.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One tab: its key (in the URL, in element ids) and its label.
pub type Tab = (&'static str, &'static str);

/// The tab `key` steps to `step` places away, wrapping around.
pub fn step_tab(tabs: &[Tab], key: &str, step: isize) -> &'static str {
    let count = tabs.len() as isize;
    let at = tabs.iter().position(|(k, _)| *k == key).unwrap_or(0) as isize;
    tabs[(at + step).rem_euclid(count) as usize].0
}

/// The tab a key press moves to, if it is one of the pattern's keys.
fn key_target(tabs: &[Tab], selected: &str, key: &str) -> Option<&'static str> {
    match key {
        "ArrowRight" => Some(step_tab(tabs, selected, 1)),
        "ArrowLeft" => Some(step_tab(tabs, selected, -1)),
        "Home" => tabs.first().map(|t| t.0),
        "End" => tabs.last().map(|t| t.0),
        _ => None,
    }
}

/// The tab strip and the selected tab's panel (`children`).
#[component]
pub fn Tabs(
    /// Names the tab list for screen readers.
    label: &'static str,
    /// The tabs, in order.
    tabs: &'static [Tab],
    /// The selected tab's key.
    #[prop(into)]
    selected: Signal<&'static str>,
    /// Called with the key of the tab the user picks.
    on_select: Callback<&'static str>,
    /// The selected tab's content.
    children: Children,
) -> impl IntoView {
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(next) = key_target(tabs, selected.get_untracked(), &ev.key()) else {
            return;
        };
        ev.prevent_default();
        on_select.run(next);
        let button = document().get_element_by_id(&format!("tn-tab-{next}"));
        if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = button.focus();
        }
    };
    let buttons = tabs
        .iter()
        .map(|&(key, text)| {
            let is_selected = move || selected.get() == key;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tn-tabs__tab"
                    id=format!("tn-tab-{key}")
                    aria-controls="tn-tabpanel"
                    aria-selected=move || is_selected().to_string()
                    tabindex=move || if is_selected() { "0" } else { "-1" }
                    on:click=move |_| on_select.run(key)
                >
                    {text}
                </button>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="tn-tabs__list" role="tablist" aria-label=label on:keydown=keydown>
            {buttons}
        </div>
        <div
            class="tn-tabs__panel"
            role="tabpanel"
            id="tn-tabpanel"
            tabindex="0"
            aria-labelledby=move || format!("tn-tab-{}", selected.get())
        >
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABS: &[Tab] = &[("a", "A"), ("b", "B"), ("c", "C")];

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(key_target(TABS, "a", "ArrowRight"), Some("b"));
        assert_eq!(key_target(TABS, "c", "ArrowRight"), Some("a"));
        assert_eq!(key_target(TABS, "a", "ArrowLeft"), Some("c"));
        assert_eq!(key_target(TABS, "b", "Home"), Some("a"));
        assert_eq!(key_target(TABS, "a", "End"), Some("c"));
        assert_eq!(key_target(TABS, "a", "Enter"), None);
    }
}
