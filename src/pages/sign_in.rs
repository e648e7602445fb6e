//! The sign-in screen: username and password to `POST /auth/sign-in`, with
//! the edge's refusals (wrong password, locked, suspended) in plain words.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use tenantry_api_types::SessionInfo;

use crate::api::auth;
use crate::api::{ApiError, use_client};
use crate::config::Config;
use crate::session::use_session;

/// What to tell the user when sign-in fails.
pub fn sign_in_message(err: &ApiError) -> String {
    match err.code() {
        Some("session.invalid_credentials") => "Wrong username or password.".into(),
        Some("user.locked") => match locked_until(err) {
            Some(until) => format!(
                "This account is locked after too many failed attempts. Try again after {until}, or ask an administrator to unlock it."
            ),
            None => "This account is locked after too many failed attempts. Try again later, or ask an administrator to unlock it.".into(),
        },
        Some("user.suspended") => {
            "This account is suspended. Ask an administrator to reactivate it.".into()
        }
        Some("session.not_an_admin") => {
            "This account administers nothing here, so it cannot use the portal.".into()
        }
        _ if err.status() == Some(429) => {
            "Too many attempts. Wait a moment, then try again.".into()
        }
        _ => err.to_string(),
    }
}

/// `data.lockedUntil` (epoch ms) as local time.
fn locked_until(err: &ApiError) -> Option<String> {
    let ms = err.data()?.get("lockedUntil")?.as_f64()?;
    let date = js_sys::Date::new(&ms.into());
    Some(String::from(
        date.to_locale_string("default", &Default::default()),
    ))
}

/// Only same-site paths are followed after sign-in, never another origin.
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".into())
}

#[component]
pub fn SignIn() -> impl IntoView {
    let config = expect_context::<Config>();
    let client = use_client();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let sign_in = Action::new_local(move |(user, pass): &(String, String)| {
        let (client, user, pass) = (client.clone(), user.clone(), pass.clone());
        async move { auth::sign_in(&client, &user, &pass).await }
    });
    let finish = {
        let navigate = navigate.clone();
        move |info: SessionInfo| {
            session.set_signed_in(info);
            let next = safe_next(query.get_untracked().get("next"));
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    };
    Effect::new(move |_| {
        if let Some(Ok(info)) = sign_in.value().get() {
            finish(info);
        }
    });
    // Someone already signed in has nothing to do here.
    Effect::new(move |_| {
        if session.is_signed_in() == Some(true) && sign_in.value().get_untracked().is_none() {
            navigate(
                "/",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let error = move || match sign_in.value().get() {
        Some(Err(err)) => Some(sign_in_message(&err)),
        _ => session
            .check_error()
            .map(|err| format!("Could not check whether you are signed in. {err}")),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sign_in.dispatch((
            username.get_untracked().trim().to_string(),
            password.get_untracked(),
        ));
    };
    view! {
        <main class="tn-shell">
            <h1 class="tn-shell__title">{config.product_name.clone()}</h1>
            <form class="tn-sign-in" aria-labelledby="tn-sign-in-title" on:submit=on_submit>
                <h2 id="tn-sign-in-title" class="tn-sign-in__title">"Sign in"</h2>
                <div class="tn-field">
                    <label class="tn-field__label" for="tn-sign-in-username">"Username"</label>
                    <input
                        class="tn-field__input"
                        id="tn-sign-in-username"
                        name="username"
                        type="text"
                        autocomplete="username"
                        required
                        prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev))
                    />
                </div>
                <div class="tn-field">
                    <label class="tn-field__label" for="tn-sign-in-password">"Password"</label>
                    <input
                        class="tn-field__input"
                        id="tn-sign-in-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                {move || error().map(|message| view! {
                    <p class="tn-form-error" role="alert">{message}</p>
                })}
                <button
                    class="tn-button tn-button--primary"
                    type="submit"
                    disabled=move || sign_in.pending().get()
                >
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
                <A href="/forgot-password">"Forgot password?"</A>
            </form>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/users?q=a".into())), "/users?q=a");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
