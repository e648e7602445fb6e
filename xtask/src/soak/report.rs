//! The figures printed at the end of a soak run, and whether it passed.

use std::fmt::Write;
use std::time::Duration;

use super::stats::Stats;
use super::verify::Rows;

pub struct Report {
    pub stats: Stats,
    pub rows: Rows,
    /// How long the load ran.
    pub elapsed: Duration,
    pub kill_window: Option<Duration>,
    /// The rate asked for, requests per second.
    pub rate: u32,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.stats.errors == 0 && self.rows.matches()
    }

    pub fn render(&mut self) -> String {
        let (p50, p99) = (self.stats.percentile(50.0), self.stats.percentile(99.0));
        let (s, r) = (&self.stats, &self.rows);
        let secs = self.elapsed.as_secs_f64();
        let mut out = String::from("\n==== soak results ====\n");
        let _ = writeln!(
            out,
            "requests:     {} in {secs:.0} s ({:.1}/s of {} asked for), {} ok",
            s.total(),
            s.total() as f64 / secs.max(1e-9),
            self.rate,
            s.ok
        );
        let _ = writeln!(out, "errors:       {} (outside the kill window)", s.errors);
        let window = self.kill_window.map_or("not reached".into(), |w| {
            format!("{:.1} s", w.as_secs_f64())
        });
        let _ = writeln!(
            out,
            "kill window:  {} failed requests to server B or its edge ({window})",
            s.kill_window
        );
        let _ = writeln!(
            out,
            "latency:      p50 {:.1} ms, p99 {:.1} ms (2xx answers)",
            ms(p50),
            ms(p99)
        );
        let _ = writeln!(
            out,
            "users:        {} written, {} found, {} missing, {} duplicated, {} unexpected, {} with a wrong name",
            r.users_written,
            r.users_found,
            r.users_missing,
            r.users_duplicated,
            r.users_unexpected,
            r.names_wrong
        );
        let _ = writeln!(
            out,
            "role links:   {} written, {} found, {} removed but still there",
            r.links_written, r.links_found, r.links_left
        );
        let _ = writeln!(
            out,
            "unanswered:   {} writes (either outcome accepted)",
            r.unanswered
        );
        let _ = writeln!(
            out,
            "stale reads:  {} (a user read back with an older name; not counted as errors)",
            s.stale_reads
        );
        for sample in &s.error_samples {
            let _ = writeln!(out, "  error: {sample}");
        }
        let verdict = if self.passed() { "PASS" } else { "FAIL" };
        let _ = writeln!(out, "result:       {verdict}");
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::super::stats::Ending;
    use super::*;

    #[test]
    fn an_error_fails_the_run() {
        let mut report = Report {
            stats: Stats::default(),
            rows: Rows::default(),
            elapsed: Duration::from_secs(60),
            kill_window: Some(Duration::from_secs(4)),
            rate: 50,
        };
        assert!(report.passed());
        report
            .stats
            .record(Ending::Error, Duration::ZERO, || "x 500".into());
        assert!(!report.passed());
        let text = report.render();
        assert!(
            text.contains("errors:       1") && text.contains("FAIL"),
            "{text}"
        );
    }
}
