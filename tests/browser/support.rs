//! Mounting a component into a fresh element and poking at the DOM.

use std::any::Any;

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlElement, KeyboardEvent, KeyboardEventInit};

/// A component mounted into its own `<div>`; unmounted and removed on drop.
pub struct Fixture {
    pub root: HtmlElement,
    handle: Option<Box<dyn Any>>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

impl Fixture {
    /// The first element matching `selector`; panics when there is none.
    pub fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    pub fn exists(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    /// The button whose text is `label`.
    pub fn button(&self, label: &str) -> HtmlElement {
        self.find_all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label:?}"))
            .unchecked_into()
    }
}

/// Mounts `view` into a new element appended to `<body>`.
pub fn mount<F, N>(view: F) -> Fixture
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), view);
    Fixture {
        root,
        handle: Some(Box::new(handle)),
    }
}

/// Lets effects and spawned tasks run.
pub async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

/// Fires a bubbling event such as `input` or `change`.
pub fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Presses `key` on `target`; returns whether a handler prevented the default.
pub fn press(target: &Element, key: &str, shift: bool) -> bool {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event.default_prevented()
}

/// The focused element's text (buttons) or empty.
pub fn focused_text() -> String {
    document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Types `value` into an input, textarea or select and fires `event`.
pub fn set_value(target: &Element, value: &str, event: &str) {
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    } else {
        panic!("not a form control");
    }
    fire(target, event);
}
