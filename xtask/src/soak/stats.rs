//! Counting the requests: how each ended, and the latencies of the answered ones.

use std::time::Duration;

/// How one request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A 2xx answer.
    Ok,
    /// Anything else outside the kill window: an error.
    Error,
    /// A failure of a request to the killed server (or its edge) while it was down.
    KillWindow,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub ok: u64,
    pub errors: u64,
    pub kill_window: u64,
    /// Reads of a caller's own user that showed an older name than it last wrote.
    pub stale_reads: u64,
    /// Latencies of the 2xx answers.
    latencies: Vec<Duration>,
    /// The first few errors, to show.
    pub error_samples: Vec<String>,
}

const SAMPLES: usize = 10;

impl Stats {
    pub fn record(&mut self, ending: Ending, latency: Duration, what: impl FnOnce() -> String) {
        match ending {
            Ending::Ok => {
                self.ok += 1;
                self.latencies.push(latency);
            }
            Ending::KillWindow => self.kill_window += 1,
            Ending::Error => {
                self.errors += 1;
                if self.error_samples.len() < SAMPLES {
                    self.error_samples.push(what());
                }
            }
        }
    }

    pub fn merge(&mut self, other: Stats) {
        self.ok += other.ok;
        self.errors += other.errors;
        self.kill_window += other.kill_window;
        self.stale_reads += other.stale_reads;
        self.latencies.extend(other.latencies);
        let room = SAMPLES.saturating_sub(self.error_samples.len());
        self.error_samples
            .extend(other.error_samples.into_iter().take(room));
    }

    pub fn total(&self) -> u64 {
        self.ok + self.errors + self.kill_window
    }

    /// The `p`th percentile (0–100) of the 2xx latencies, nearest rank.
    pub fn percentile(&mut self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        self.latencies.sort_unstable();
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut stats = Stats::default();
        for ms in (1..=100).rev() {
            stats.record(Ending::Ok, Duration::from_millis(ms), String::new);
        }
        assert_eq!(stats.percentile(50.0), Duration::from_millis(50));
        assert_eq!(stats.percentile(99.0), Duration::from_millis(99));
    }

    #[test]
    fn kill_window_failures_are_not_errors() {
        let mut stats = Stats::default();
        stats.record(Ending::KillWindow, Duration::ZERO, String::new);
        stats.record(Ending::Error, Duration::ZERO, || "boom".into());
        assert_eq!((stats.errors, stats.kill_window, stats.total()), (1, 1, 2));
        assert_eq!(stats.error_samples, ["boom"]);
        assert_eq!(stats.percentile(50.0), Duration::ZERO);
    }
}
