//! The embeddable members widget: `mountMembers(element, {organizationId,
//! edgeUrl, getToken, stylesheets?})`, exported to JavaScript from the same
//! wasm module as the portal. It renders only [`Members`] for one
//! organization, in a shadow root of `element` so the host page's styles and
//! the portal's stay apart; the host themes it through the `--tn-*` custom
//! properties, which pass into the shadow root. Requests carry
//! `Authorization: Bearer <embed token>` from `getToken()`.
//!
//! `public/embed.js` loads the module without mounting the portal: it sets
//! `TENANTRY_EMBED`, which [`is_embedded`] reads.

pub mod token;

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::api::{Client, TokenSource};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::toast::Toaster;
use crate::pages::members::Rights;
use crate::pages::members::screen::Members;
use token::{Claims, EmbedTokens};

/// Whether the page loaded the module to embed the widget (the portal must
/// then not mount itself).
pub fn is_embedded() -> bool {
    Reflect::get(&js_sys::global(), &"TENANTRY_EMBED".into()).is_ok_and(|v| v.is_truthy())
}

thread_local! {
    /// Mounted widgets, kept here rather than in their JavaScript handles:
    /// a handle the page drops would otherwise unmount the widget when it is
    /// garbage-collected.
    static MOUNTED: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A mounted widget; `unmount()` removes it.
#[wasm_bindgen]
pub struct MembersWidget {
    id: u32,
}

#[wasm_bindgen]
impl MembersWidget {
    pub fn unmount(&self) {
        let removed = MOUNTED.with_borrow_mut(|mounted| {
            let at = mounted.iter().position(|(id, _)| *id == self.id)?;
            Some(mounted.remove(at))
        });
        // Dropped outside the borrow: unmounting runs cleanups.
        drop(removed);
    }
}

fn option(options: &JsValue, name: &str) -> JsValue {
    Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text_option(options: &JsValue, name: &str) -> Result<String, JsValue> {
    option(options, name)
        .as_string()
        .ok_or_else(|| JsValue::from_str(&format!("mountMembers: `{name}` must be a string")))
}

/// Renders the members of `options.organizationId` inside `element`.
#[wasm_bindgen(js_name = mountMembers)]
pub fn mount_members(element: HtmlElement, options: JsValue) -> Result<MembersWidget, JsValue> {
    let organization_id = text_option(&options, "organizationId")?;
    let edge_url = text_option(&options, "edgeUrl").unwrap_or_default();
    let get_token: Function = option(&options, "getToken")
        .dyn_into()
        .map_err(|_| JsValue::from_str("mountMembers: `getToken` must be a function"))?;
    let stylesheets: Vec<String> = option(&options, "stylesheets")
        .dyn_into::<Array>()
        .map(|list| list.iter().filter_map(|s| s.as_string()).collect())
        .unwrap_or_default();

    let root = match element.shadow_root() {
        Some(root) => root,
        None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_inner_html("");
    let document = document();
    for href in stylesheets {
        let link = document.create_element("link")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", &href)?;
        root.append_child(&link)?;
    }
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("tn-embed");
    root.append_child(&container)?;

    let tokens = EmbedTokens::new(get_token);
    let handle = leptos::mount::mount_to(container, move || {
        let source: TokenSource = StoredValue::new_local(Rc::new(move || {
            let tokens = tokens.clone();
            Box::pin(tokens.token()) as _
        }));
        let client = Client::new(&edge_url).with_bearer(source);
        view! { <Widget client organization_id /> }
    });
    let id = NEXT_ID.get();
    NEXT_ID.set(id + 1);
    MOUNTED.with_borrow_mut(|mounted| mounted.push((id, Box::new(handle))));
    Ok(MembersWidget { id })
}

/// Fetches the first token (its claims say what the widget may offer), then
/// shows the members.
#[component]
fn Widget(client: Client, organization_id: String) -> impl IntoView {
    provide_context(client.clone());
    let first = Load::new(move || {
        let client = client.clone();
        async move { client.bearer_token().await }
    });
    let organization_id = StoredValue::new(organization_id);
    let content = load_view(first, "The members", move |token| {
        let claims = token.as_deref().and_then(Claims::of);
        let may = |perm: &str| claims.as_ref().is_none_or(|c| c.has(perm));
        let rights = Rights {
            manage: may("manage:members"),
            invite: may("invite:members"),
            pick_users: false,
        };
        view! { <Members organization_id=organization_id.get_value() rights /> }.into_any()
    });
    view! { <Toaster>{content}</Toaster> }
}
