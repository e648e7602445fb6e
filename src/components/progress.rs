//! The progress indicator: a bar at the top of the page while any request
//! has been running for more than a moment (quick ones never flash it).

use std::time::Duration;

use leptos::prelude::*;

/// How long a request may run before the indicator appears.
pub const PROGRESS_DELAY: Duration = Duration::from_millis(300);

/// Counts requests in flight. `Copy`, shared through the API client.
#[derive(Debug, Clone, Copy)]
pub struct Progress(RwSignal<u32>);

impl Progress {
    pub fn new() -> Self {
        Self(RwSignal::new(0))
    }

    /// Marks a request as started until the returned guard drops.
    pub fn start(self) -> ProgressGuard {
        self.0.update(|n| *n += 1);
        ProgressGuard(self)
    }

    /// Requests in flight.
    pub fn pending(self) -> u32 {
        self.0.get()
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

/// Ends one request's share of the indicator when dropped.
#[derive(Debug)]
pub struct ProgressGuard(Progress);

impl Drop for ProgressGuard {
    fn drop(&mut self) {
        // The signal may be gone if the app unmounted meanwhile.
        let _ = self.0.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// Shows a bar while `progress` has had requests pending for `PROGRESS_DELAY`.
#[component]
pub fn ProgressBar(
    /// The counter the API client reports to.
    progress: Progress,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    Effect::new(move |_| {
        if progress.pending() == 0 {
            visible.set(false);
            return;
        }
        set_timeout(
            move || {
                if progress.0.try_get_untracked().unwrap_or(0) > 0 {
                    let _ = visible.try_set(true);
                }
            },
            PROGRESS_DELAY,
        );
    });
    view! {
        <Show when=move || visible.get()>
            <div class="tn-progress" role="progressbar" aria-label="Loading" aria-busy="true">
                <div class="tn-progress__bar"></div>
            </div>
        </Show>
    }
}
