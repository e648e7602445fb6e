//! Create a user: identifiers, name, and a password typed in or generated
//! (a generated one is shown once, right after creation).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use tenantry_api_types::{CreateUser, User};

use crate::api::{ApiError, use_client, users};
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

/// 64 symbols, so a random byte masked to 6 bits picks one without bias.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const GENERATED_LENGTH: usize = 20;

/// A random password from the browser's CSPRNG, with an upper-case letter,
/// a lower-case letter and a digit.
pub fn generate_password() -> String {
    loop {
        let mut bytes = [0u8; GENERATED_LENGTH];
        let crypto = window().crypto().expect("the browser has crypto");
        crypto
            .get_random_values_with_u8_array(&mut bytes)
            .expect("random bytes");
        let password: String = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(b & 63)] as char)
            .collect();
        let has = |f: fn(&char) -> bool| password.chars().any(|c| f(&c));
        if has(char::is_ascii_uppercase)
            && has(char::is_ascii_lowercase)
            && has(char::is_ascii_digit)
        {
            return password;
        }
    }
}

/// The create body from the form: blanks left out.
pub fn create_body(fields: [&str; 4], password: Option<String>) -> CreateUser {
    let some = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let [username, email, phone, name] = fields;
    CreateUser {
        username: some(username),
        primary_email: some(email),
        primary_phone: some(phone),
        name: some(name),
        password: password.filter(|p| !p.is_empty()),
        ..Default::default()
    }
}

#[component]
pub fn UserCreate() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let fields: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [username, email, phone, name, password] = fields;
    let generate = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    // The new user and their generated password, shown once.
    let created = RwSignal::new(None::<(User, String)>);
    // Kept here: an action's input is gone once it resolves.
    let sent_password = StoredValue::new(String::new());

    let create = Action::new_local(move |body: &CreateUser| {
        let (client, body) = (client.clone(), body.clone());
        async move { users::create(&client, &body).await }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret = if generate.get_untracked() {
            generate_password()
        } else {
            password.get_untracked()
        };
        sent_password.set_value(secret.clone());
        let values = [username, email, phone, name].map(|s| s.get_untracked());
        let body = create_body(values.each_ref().map(String::as_str), Some(secret));
        error.set(None);
        create.dispatch(body);
    };
    Effect::new(move |_| match create.value().get() {
        Some(Ok(user)) if generate.get_untracked() => {
            created.set(Some((user, sent_password.get_value())));
        }
        Some(Ok(user)) => {
            toasts.success("User created.");
            navigate(&format!("/users/{}", user.id), Default::default());
        }
        Some(Err(err)) => error.set(Some(message(&err))),
        None => {}
    });

    let form = move || {
        view! {
            <form class="tn-card tn-narrow" on:submit=submit>
                <TextField id="tn-new-username" label="Username" value=username />
                <TextField id="tn-new-email" label="Email" kind="email" value=email />
                <TextField id="tn-new-phone" label="Phone" kind="tel" value=phone />
                <TextField id="tn-new-name" label="Name" value=name />
                <fieldset class="tn-fieldset">
                    <legend class="tn-field__label">"Password"</legend>
                    <label><input type="radio" name="tn-password-mode" prop:checked=move || generate.get()
                        on:change=move |_| generate.set(true) />" Generate one"</label>
                    <label><input type="radio" name="tn-password-mode" prop:checked=move || !generate.get()
                        on:change=move |_| generate.set(false) />" Set one"</label>
                </fieldset>
                <Show when=move || !generate.get()>
                    <TextField id="tn-new-password" label="New password" kind="password" value=password />
                </Show>
                {move || error.get().map(|e| view! { <p class="tn-form-error" role="alert">{e}</p> })}
                <div>
                    <button class="tn-button tn-button--primary" type="submit" disabled=move || create.pending().get()>
                        "Create user"
                    </button>
                </div>
            </form>
        }
    };
    view! {
        <section class="tn-page">
            <A href="/users" attr:class="tn-back-link">"← Users"</A>
            <h1 class="tn-page__title">"Create user"</h1>
            {move || match created.get() {
                Some((user, secret)) => view! { <Created user secret /> }.into_any(),
                None => form().into_any(),
            }}
        </section>
    }
}

fn message(err: &ApiError) -> String {
    format!("The user was not created. {err}")
}

/// The generated password, once, with the way to the new user.
#[component]
fn Created(user: User, secret: String) -> impl IntoView {
    view! {
        <div class="tn-card tn-narrow" role="status">
            <p>"User created. Their password is shown only now: copy it and pass it on safely."</p>
            <label class="tn-field__label" for="tn-generated-password">"Generated password"</label>
            <input class="tn-field__input tn-secret" id="tn-generated-password" readonly value=secret
                on:focus=|ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            <A href=format!("/users/{}", user.id) attr:class="tn-button tn-button--primary">"Go to the user"</A>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_fields_are_left_out() {
        let body = create_body(["  ann ", "", " ", "Ann"], Some(String::new()));
        assert_eq!(body.username.as_deref(), Some("ann"));
        assert_eq!(body.primary_email, None);
        assert_eq!(body.primary_phone, None);
        assert_eq!(body.name.as_deref(), Some("Ann"));
        assert_eq!(body.password, None);
    }
}
