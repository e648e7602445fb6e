//! Confirmation dialog: focus, Tab trap, Escape, backdrop, focus return.

use leptos::prelude::*;
use tenantry_portal::components::dialog::ConfirmDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::{focused_text, mount, press, settle};

#[wasm_bindgen_test]
async fn the_dialog_traps_focus_and_cancels_on_escape() {
    let open = RwSignal::new(false);
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    let app = mount(move || {
        view! {
            <button type="button" on:click=move |_| open.set(true)>"Delete user"</button>
            <ConfirmDialog
                open
                title="Delete user?"
                confirm_label="Delete"
                danger=true
                on_confirm=Callback::new(move |()| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |()| {
                    cancelled.update(|n| *n += 1);
                    open.set(false);
                })
            >
                <p>"This cannot be undone."</p>
            </ConfirmDialog>
        }
    });
    settle().await;
    assert!(!app.exists("[role=alertdialog]"));

    let trigger = app.button("Delete user");
    trigger.focus().unwrap();
    trigger.click();
    settle().await;
    let dialog = app.find("[role=alertdialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert_eq!(app.text("#tn-dialog-title"), "Delete user?");
    assert_eq!(app.text("#tn-dialog-body"), "This cannot be undone.");
    // Cancel, the safe choice, has focus.
    assert_eq!(focused_text(), "Cancel");

    // Shift+Tab on the first button wraps to the last, Tab on the last to the first.
    let active = || document().active_element().unwrap();
    assert!(press(&active(), "Tab", true));
    assert_eq!(focused_text(), "Delete");
    assert!(press(&active(), "Tab", false));
    assert_eq!(focused_text(), "Cancel");
    // Tab from the first button is left to the browser (it moves forward).
    assert!(!press(&active(), "Tab", false));

    app.button("Delete").click();
    assert_eq!(confirmed.get_untracked(), 1);

    assert!(press(&active(), "Escape", false));
    settle().await;
    assert_eq!(cancelled.get_untracked(), 1);
    assert!(!app.exists("[role=alertdialog]"));
    // Focus is back on the button that opened it.
    assert_eq!(focused_text(), "Delete user");
}

#[wasm_bindgen_test]
async fn a_click_on_the_backdrop_cancels() {
    let open = RwSignal::new(true);
    let cancelled = RwSignal::new(false);
    let app = mount(move || {
        view! {
            <ConfirmDialog
                open
                title="Remove member?"
                on_confirm=Callback::new(|()| {})
                on_cancel=Callback::new(move |()| cancelled.set(true))
            >
                "They lose access."
            </ConfirmDialog>
        }
    });
    settle().await;
    assert_eq!(app.button("Confirm").text_content().unwrap(), "Confirm");
    app.find(".tn-dialog__backdrop")
        .unchecked_into::<HtmlElement>()
        .click();
    assert!(cancelled.get_untracked());
}
