//! Toasts: short messages about the result of an action, in a live region.

use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::task::spawn_local;

use leptos::prelude::*;

/// How long a toast stays before it goes away by itself.
pub const TOAST_DURATION: Duration = Duration::from_secs(6);

/// A request's result: what to do with the answer, or the error's message.
type Outcome = Pin<Box<dyn Future<Output = Result<Box<dyn FnOnce()>, String>>>>;

/// Whether a toast reports success or failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

/// One message on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub message: String,
}

/// The toasts on screen; `Copy`, provided by [`Toaster`].
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn success(self, message: impl Into<String>) {
        self.push(ToastKind::Success, message.into());
    }

    pub fn error(self, message: impl Into<String>) {
        self.push(ToastKind::Error, message.into());
    }

    pub fn dismiss(self, id: u64) {
        let _ = self.list.try_update(|list| list.retain(|t| t.id != id));
    }

    /// Runs a request: `busy` is set meanwhile, success toasts `done` and
    /// hands the answer to `then`, failure toasts the error's message.
    pub fn perform<T, E, F>(
        self,
        busy: RwSignal<bool>,
        task: F,
        done: impl Into<String> + 'static,
        then: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        E: Display + 'static,
        F: Future<Output = Result<T, E>> + 'static,
    {
        let task = async move {
            match task.await {
                Ok(value) => Ok(Box::new(move || then(value)) as Box<dyn FnOnce()>),
                Err(err) => Err(err.to_string()),
            }
        };
        self.run(busy, Box::pin(task), done.into());
    }

    /// What every [`Toasts::perform`] shares, compiled once.
    fn run(self, busy: RwSignal<bool>, task: Outcome, done: String) {
        busy.set(true);
        spawn_local(async move {
            let result = task.await;
            let _ = busy.try_set(false);
            match result {
                Ok(then) => {
                    self.success(done);
                    then();
                }
                Err(message) => self.error(message),
            }
        });
    }

    /// The toasts on screen, oldest first.
    pub fn current(self) -> Vec<Toast> {
        self.list.get()
    }

    fn push(self, kind: ToastKind, message: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list
            .update(|list| list.push(Toast { id, kind, message }));
        set_timeout(move || self.dismiss(id), TOAST_DURATION);
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

/// The toasts of the nearest [`Toaster`].
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Provides [`Toasts`] to `children` and shows them.
#[component]
pub fn Toaster(children: Children) -> impl IntoView {
    let toasts = Toasts::new();
    provide_context(toasts);
    view! {
        {children()}
        <div class="tn-toasts" role="status" aria-live="polite">
            <For each=move || toasts.current() key=|toast| toast.id let:toast>
                <ToastItem toast toasts />
            </For>
        </div>
    }
}

#[component]
fn ToastItem(toast: Toast, toasts: Toasts) -> impl IntoView {
    let (class, role) = match toast.kind {
        ToastKind::Success => ("tn-toast tn-toast--success", None),
        ToastKind::Error => ("tn-toast tn-toast--error", Some("alert")),
    };
    let id = toast.id;
    view! {
        <div class=class role=role>
            <span class="tn-toast__message">{toast.message}</span>
            <button
                class="tn-toast__close"
                type="button"
                aria-label="Dismiss"
                on:click=move |_| toasts.dismiss(id)
            >
                "×"
            </button>
        </div>
    }
}
