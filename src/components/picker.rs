//! A picker to link one more item: a list of choices and an Add button.

use leptos::prelude::*;

/// Chooses one of `options` and hands its id to `on_add`.
#[component]
pub fn Picker(
    /// The select's label, e.g. "Add a scope".
    #[prop(into)]
    label: String,
    /// The choices as `(id, label)`; empty shows `empty`.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Shown instead of the select when there is nothing to add.
    #[prop(into)]
    empty: String,
    /// Called with the chosen id.
    on_add: Callback<String>,
    /// Disables the button, e.g. while a request runs.
    #[prop(into, default = Signal::from(false))]
    busy: Signal<bool>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        if !id.is_empty() {
            chosen.set(String::new());
            on_add.run(id);
        }
    };
    let empty = StoredValue::new(empty);
    view! {
        <form class="tn-inline-form tn-picker" on:submit=submit>
            <Show
                when=move || options.with(|o| !o.is_empty())
                fallback=move || view! { <p class="tn-status">{empty.get_value()}</p> }
            >
                <label class="tn-field__label">
                    {label.clone()} " "
                    <select prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || options.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect::<Vec<_>>()}
                    </select>
                </label>
                <button class="tn-button" type="submit" disabled=move || busy.get() || chosen.get().is_empty()>"Add"</button>
            </Show>
        </form>
    }
}
