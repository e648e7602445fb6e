//! A side drawer for details: focus moves to its close button, Tab stays
//! inside, Escape or a backdrop click closes it, and focus returns where it
//! was.

use crate::components::dialog::modal_focus;
use leptos::html;
use leptos::prelude::*;

/// A modal panel on the side of the screen.
#[component]
pub fn Drawer(
    /// Whether the drawer is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The heading.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Close, Escape or a backdrop click.
    on_close: Callback<()>,
    /// The content.
    children: ChildrenFn,
) -> impl IntoView {
    let panel_ref = NodeRef::<html::Div>::new();
    let close_ref = NodeRef::<html::Button>::new();
    let on_keydown = modal_focus(panel_ref, close_ref, open, on_close);
    view! {
        <Show when=move || open.get()>
            <div class="tn-drawer__backdrop" on:click=move |_| on_close.run(())></div>
            <div class="tn-drawer" role="dialog" aria-modal="true" aria-labelledby="tn-drawer-title"
                node_ref=panel_ref on:keydown=on_keydown>
                <header class="tn-drawer__header">
                    <h2 id="tn-drawer-title" class="tn-drawer__title">{move || title.get()}</h2>
                    <button class="tn-button" type="button" node_ref=close_ref
                        on:click=move |_| on_close.run(())>"Close"</button>
                </header>
                <div class="tn-drawer__body">{children()}</div>
            </div>
        </Show>
    }
}
