//! Choosing organization roles: a checkbox per role, shared by the add,
//! invite and edit cards and the organization template.

use leptos::prelude::*;

use crate::pages::members::RoleList;

/// A checkbox per organization role; `selected` holds the chosen role ids.
#[component]
pub fn RolePicker(
    /// The legend, e.g. "Roles".
    #[prop(into)]
    legend: String,
    /// Every organization role.
    roles: RoleList,
    /// The chosen role ids.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let boxes = move || {
        roles
            .get()
            .into_iter()
            .map(|role| {
                let id = StoredValue::new(role.id);
                let checked = move || selected.with(|s| s.contains(&id.get_value()));
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| {
                        s.retain(|r| *r != id.get_value());
                        if on {
                            s.push(id.get_value());
                        }
                    });
                };
                view! {
                    <label class="tn-role-picker__role">
                        <input type="checkbox" prop:checked=checked on:change=toggle />
                        " " {role.name}
                    </label>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="tn-role-picker">
            <legend class="tn-field__label">{legend}</legend>
            {boxes}
        </fieldset>
    }
}
