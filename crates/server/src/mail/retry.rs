//! When a failed delivery is tried again: soon after a blip, rarely during a long outage.

use std::time::Duration;

/// Wait after the first failure.
const FIRST_DELAY: Duration = Duration::from_secs(5);
/// Longest wait: a mail server back after a day still gets the message within the hour.
const MAX_DELAY: Duration = Duration::from_secs(60 * 60);

/// The wait after the `attempts`-th failed delivery (1-based): 5 s, doubling, capped
/// at 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_five_seconds_up_to_an_hour() {
        let secs: Vec<u64> = (1..=12).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(
            secs,
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]
        );
        assert_eq!(backoff(i32::MAX), MAX_DELAY);
        assert_eq!(backoff(0), FIRST_DELAY);
    }
}
