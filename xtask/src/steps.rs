//! How long each step took: `process::header` starts a step, and `summary` prints them
//! all at the end of `cargo xtask test`, so the slow ones are plain to see.

use std::sync::Mutex;
use std::time::Instant;

static STEPS: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());

/// Marks the start of a step (and so the end of the one before).
pub fn start(title: &str) {
    let mut steps = STEPS.lock().unwrap_or_else(|e| e.into_inner());
    steps.push((title.to_owned(), Instant::now()));
}

/// Each step's duration, the last one ending now, and the total.
pub fn summary() -> String {
    let steps = STEPS.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    let mut out = String::from("\n==== step durations ====\n");
    for (i, (title, started)) in steps.iter().enumerate() {
        let ended = steps.get(i + 1).map_or(now, |(_, next)| *next);
        let secs = ended.duration_since(*started).as_secs_f64();
        out.push_str(&format!("{secs:>8.1}s  {title}\n"));
    }
    if let Some((_, first)) = steps.first() {
        let total = now.duration_since(*first).as_secs_f64();
        out.push_str(&format!("{total:>8.1}s  total\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_steps_in_order_with_a_total() {
        start("first");
        start("second");
        let summary = summary();
        let first = summary.find("first").unwrap();
        let second = summary.find("second").unwrap();
        assert!(first < second);
        assert!(summary.contains("total"));
    }
}
