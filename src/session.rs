//! Who is signed in, checked once with `GET /auth/session` at start-up and
//! updated by sign-in and sign-out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_api_types::SessionInfo;

use crate::api::auth;
use crate::api::{ApiError, Client};

/// Where the session check stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    Checking,
    SignedOut,
    SignedIn(SessionInfo),
}

/// The session; `Copy`, provided as context by `App`.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// Why the last check failed, when it was not a plain "not signed in".
    check_error: RwSignal<Option<ApiError>>,
}

impl Session {
    pub fn new() -> Self {
        Self {
            state: RwSignal::new(SessionState::Checking),
            check_error: RwSignal::new(None),
        }
    }

    /// For route guards: `None` while checking, then whether signed in.
    pub fn is_signed_in(self) -> Option<bool> {
        match self.state.get() {
            SessionState::Checking => None,
            SessionState::SignedOut => Some(false),
            SessionState::SignedIn(_) => Some(true),
        }
    }

    /// The signed-in session, if any.
    pub fn info(self) -> Option<SessionInfo> {
        match self.state.get() {
            SessionState::SignedIn(info) => Some(info),
            _ => None,
        }
    }

    /// Why the session could not be checked (the edge is down, say).
    pub fn check_error(self) -> Option<ApiError> {
        self.check_error.get()
    }

    pub fn set_signed_in(self, info: SessionInfo) {
        self.check_error.set(None);
        self.state.set(SessionState::SignedIn(info));
    }

    pub fn set_signed_out(self) {
        self.state.set(SessionState::SignedOut);
    }

    /// Asks the edge who is signed in. Any failure counts as signed out,
    /// and the sign-in page shows why.
    pub fn check(self, client: Client) {
        spawn_local(async move {
            match auth::session(&client).await {
                Ok(Some(info)) => self.set_signed_in(info),
                Ok(None) => self.set_signed_out(),
                Err(err) => {
                    self.check_error.set(Some(err));
                    self.set_signed_out();
                }
            }
        });
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
