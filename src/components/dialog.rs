//! A modal confirmation dialog for destructive actions: focus moves into it
//! (to Cancel, the safe choice), Tab stays inside it, Escape or a click on
//! the backdrop cancels, and focus returns where it was when it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Asks the user to confirm an action.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The question, e.g. "Delete user?".
    #[prop(into)]
    title: String,
    /// The confirm button's text, e.g. "Delete".
    #[prop(into, default = "Confirm".into())]
    confirm_label: String,
    /// Styles the confirm button as destructive.
    #[prop(optional)]
    danger: bool,
    /// Called when the user confirms.
    on_confirm: Callback<()>,
    /// Called on Cancel, Escape or a backdrop click.
    on_cancel: Callback<()>,
    /// The explanation under the title.
    children: ChildrenFn,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Div>::new();
    let cancel_ref = NodeRef::<html::Button>::new();
    let on_keydown = modal_focus(dialog_ref, cancel_ref, open, on_cancel);
    let confirm_class = if danger {
        "tn-button tn-button--danger"
    } else {
        "tn-button tn-button--primary"
    };
    let title = StoredValue::new(title);
    let confirm_label = StoredValue::new(confirm_label);
    view! {
        <Show when=move || open.get()>
            <div class="tn-dialog__backdrop" on:click=move |_| on_cancel.run(())></div>
            <div
                class="tn-dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="tn-dialog-title"
                aria-describedby="tn-dialog-body"
                node_ref=dialog_ref
                on:keydown=on_keydown
            >
                <h2 id="tn-dialog-title" class="tn-dialog__title">{title.get_value()}</h2>
                <div id="tn-dialog-body" class="tn-dialog__body">{children()}</div>
                <div class="tn-dialog__actions">
                    <button
                        class="tn-button"
                        type="button"
                        node_ref=cancel_ref
                        on:click=move |_| on_cancel.run(())
                    >
                        "Cancel"
                    </button>
                    <button class=confirm_class type="button" on:click=move |_| on_confirm.run(())>
                        {confirm_label.get_value()}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// What every modal does with focus: it moves to `first` when that mounts and
/// returns where it was when `open` turns false. Returns the keydown handler:
/// Escape calls `on_close`, Tab stays inside `panel`.
pub fn modal_focus(
    panel: NodeRef<html::Div>,
    first: NodeRef<html::Button>,
    open: Signal<bool>,
    on_close: Callback<()>,
) -> impl Fn(KeyboardEvent) + Copy + 'static {
    let previous = StoredValue::new_local(None::<HtmlElement>);
    Effect::new(move |_| {
        if let Some(first) = first.get() {
            previous.set_value(active_element());
            let _ = first.focus();
        }
    });
    Effect::new(move |_| {
        if !open.get()
            && let Some(element) = previous.try_update_value(Option::take).flatten()
        {
            let _ = element.focus();
        }
    });
    move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_close.run(());
        }
        "Tab" => {
            if let Some(panel) = panel.get_untracked() {
                trap_tab(&panel, &ev);
            }
        }
        _ => {}
    }
}

/// Wraps Tab from the last focusable element to the first and Shift+Tab
/// from the first to the last, so focus never leaves the dialog.
fn trap_tab(dialog: &HtmlElement, ev: &KeyboardEvent) {
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = active_element();
    let at = |el: &HtmlElement| active.as_ref() == Some(el);
    let outside = !focusable.iter().any(at);
    if ev.shift_key() && (at(first) || outside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || outside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

fn active_element() -> Option<HtmlElement> {
    let mut active = document().active_element()?;
    // In a shadow root (the embed widget) the document sees only its host.
    while let Some(inner) = active.shadow_root().and_then(|root| root.active_element()) {
        active = inner;
    }
    active.dyn_into().ok()
}
