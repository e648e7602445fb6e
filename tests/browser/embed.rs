//! The embed widget's entry point: it mounts into a shadow root with the
//! given stylesheets, reads what a token allows, and reports a failing edge.

use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::*;
use tenantry_portal::embed::mount_members;
use tenantry_portal::embed::token::Claims;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::settle;

/// `te1.<claims>.<signature>` with these claims (the signature is not checked here).
fn token(claims: &str) -> String {
    let encoded = window().btoa(claims).unwrap();
    let url_safe: String = encoded
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    format!("te1.{url_safe}.c2ln")
}

#[wasm_bindgen_test]
fn claims_are_read_from_a_token() {
    let claims = Claims::of(&token(
        r#"{"org":"org000000001","perms":["read:members"],"exp":1700000000000}"#,
    ))
    .unwrap();
    assert_eq!(claims.org, "org000000001");
    assert!(claims.has("read:members"));
    assert!(!claims.has("manage:members"));
    assert_eq!(claims.exp, 1_700_000_000_000.0);
    assert_eq!(Claims::of("not-a-token"), None);
}

#[wasm_bindgen_test]
async fn the_widget_mounts_in_a_shadow_root_and_reports_an_unreachable_edge() {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let claims = r#"{"org":"org000000001","perms":["read:members"],"exp":4102444800000}"#;
    let get_token = Function::new_no_args(&format!("return Promise.resolve({:?});", token(claims)));
    let options = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&options, &key.into(), &value).unwrap();
    set("organizationId", "org000000001".into());
    // Nothing listens on port 9: every request fails.
    set("edgeUrl", "http://127.0.0.1:9".into());
    set("getToken", get_token.into());
    set(
        "stylesheets",
        Array::of1(&"/does-not-exist.css".into()).into(),
    );

    let widget = mount_members(host.clone(), options.into()).unwrap();
    let root = host.shadow_root().expect("a shadow root");
    assert!(
        root.query_selector("link[rel=stylesheet]")
            .unwrap()
            .is_some()
    );
    let mut text = String::new();
    for _ in 0..100 {
        settle().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
        text = root.text_content().unwrap_or_default();
        if text.contains("could not be loaded") {
            break;
        }
    }
    assert!(text.contains("Members could not be loaded"), "{text}");
    // A read-only token offers no invitations.
    assert!(!text.contains("Invite by email"));
    widget.unmount();
    host.remove();
}

#[wasm_bindgen_test]
async fn the_dialog_traps_focus_inside_a_shadow_root() {
    use tenantry_portal::components::dialog::ConfirmDialog;
    use web_sys::{ShadowRootInit, ShadowRootMode};

    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container, || {
        view! {
            <ConfirmDialog
                open=true
                title="Remove this member?"
                confirm_label="Remove"
                on_confirm=Callback::new(|()| {})
                on_cancel=Callback::new(|()| {})
            >
                <p>"They leave the organization."</p>
            </ConfirmDialog>
        }
    });
    settle().await;
    let focused = || {
        root.active_element()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(focused(), "Cancel");
    let cancel = root.active_element().unwrap();
    // Tab from Cancel goes on to Remove as usual: not held back.
    assert!(!crate::support::press(&cancel, "Tab", false));
    // Tab from the last button wraps to the first.
    let remove = root.query_selector(".tn-button--primary").unwrap().unwrap();
    remove.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert!(crate::support::press(&remove, "Tab", false));
    assert_eq!(focused(), "Cancel");
    drop(handle);
    host.remove();
}
