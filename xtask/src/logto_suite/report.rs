//! The per-file table and the totals, as console text and as Markdown.

use std::fmt::Write;

use super::jest::{Counts, End, Outcome};

/// What one test file gave.
pub struct FileResult {
    /// The path under `lib/tests/api/`.
    pub file: String,
    pub group1: bool,
    pub outcome: Outcome,
}

impl FileResult {
    /// How the jest process ended, in a word or three.
    pub fn jest(&self) -> String {
        let Outcome { counts, end, .. } = &self.outcome;
        match end {
            End::Reported {
                suite_error: true, ..
            } => "suite error".into(),
            End::Reported {
                status: Some(0), ..
            } => "ok".into(),
            End::Reported { .. } if counts.failed > 0 => "failures".into(),
            End::Reported {
                status: Some(code), ..
            } => format!("exit {code}"),
            End::Reported { status: None, .. } | End::Crashed(None) => "crashed (signal)".into(),
            End::Crashed(Some(code)) => format!("crashed (exit {code})"),
            End::TimedOut(after) => format!("timed out ({} s)", after.as_secs()),
        }
    }

    /// The progress line printed when the file is done.
    pub fn line(&self) -> String {
        let c = self.outcome.counts;
        format!(
            "{}: {} passed, {} failed, {} skipped/todo; {} in {:.1} s",
            self.file,
            c.passed,
            c.failed,
            c.skipped,
            self.jest(),
            self.outcome.elapsed.as_secs_f64()
        )
    }
}

pub struct Table<'a> {
    results: &'a [FileResult],
}

impl<'a> Table<'a> {
    pub fn new(results: &'a [FileResult]) -> Table<'a> {
        Table { results }
    }

    /// Fixed-width columns for the console, then the totals.
    pub fn text(&self) -> String {
        let width = self.results.iter().map(|r| r.file.len()).max().unwrap_or(0);
        let width = width.max("file".len());
        let mut out = format!(
            "{:<width$}  {:>6}  {:>6}  {:>12}  jest\n",
            "file", "passed", "failed", "skipped/todo"
        );
        for r in self.results {
            let c = r.outcome.counts;
            let _ = writeln!(
                out,
                "{:<width$}  {:>6}  {:>6}  {:>12}  {}",
                r.file,
                c.passed,
                c.failed,
                c.skipped,
                r.jest()
            );
        }
        out.push('\n');
        out.push_str(&self.totals());
        out
    }

    /// A Markdown table, then the totals.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| file | passed | failed | skipped/todo | jest |\n|---|---:|---:|---:|---|\n",
        );
        for r in self.results {
            let c = r.outcome.counts;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.file,
                c.passed,
                c.failed,
                c.skipped,
                r.jest()
            );
        }
        out.push('\n');
        for line in self.totals().lines() {
            let _ = writeln!(out, "{line}  ");
        }
        out
    }

    /// The totals over every file, then the group-1 line when group-1 files ran.
    fn totals(&self) -> String {
        let all = sum(self.results.iter());
        let not_ok = |word: &str| {
            self.results
                .iter()
                .filter(|r| r.jest().starts_with(word))
                .count()
        };
        let mut out = format!(
            "all: {} passed, {} failed, {} skipped/todo of {} tests in {} files ({}); \
             {} crashed, {} timed out, {} suite errors\n",
            all.passed,
            all.failed,
            all.skipped,
            all.total(),
            self.results.len(),
            percent(all.passed, all.total()),
            not_ok("crashed"),
            not_ok("timed out"),
            not_ok("suite error"),
        );
        if self.results.iter().any(|r| r.group1) {
            let group1 = sum(self.results.iter().filter(|r| r.group1));
            let _ = writeln!(
                out,
                "group 1: {} of {} ({})",
                group1.passed,
                group1.total(),
                percent(group1.passed, group1.total())
            );
        }
        out
    }
}

fn sum<'a>(results: impl Iterator<Item = &'a FileResult>) -> Counts {
    let mut total = Counts::default();
    for r in results {
        total.add(r.outcome.counts);
    }
    total
}

fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "-".into();
    }
    format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn result(file: &str, group1: bool, counts: (u32, u32, u32), end: End) -> FileResult {
        let (passed, failed, skipped) = counts;
        FileResult {
            file: file.into(),
            group1,
            outcome: Outcome {
                counts: Counts {
                    passed,
                    failed,
                    skipped,
                },
                end,
                elapsed: Duration::from_secs(3),
            },
        }
    }

    fn exited(status: i32) -> End {
        End::Reported {
            suite_error: false,
            status: Some(status),
        }
    }

    fn sample() -> Vec<FileResult> {
        vec![
            result("role.test.js", true, (6, 2, 1), exited(1)),
            result("hook/hook.test.js", false, (0, 0, 0), End::Crashed(Some(1))),
            result("log.test.js", true, (3, 0, 0), exited(0)),
            result(
                "sso.test.js",
                false,
                (0, 0, 0),
                End::TimedOut(Duration::from_secs(600)),
            ),
        ]
    }

    #[test]
    fn the_jest_column_tells_crashes_and_timeouts() {
        let words: Vec<String> = sample().iter().map(FileResult::jest).collect();
        assert_eq!(
            words,
            ["failures", "crashed (exit 1)", "ok", "timed out (600 s)"]
        );
        let failed_to_run = End::Reported {
            suite_error: true,
            status: Some(1),
        };
        assert_eq!(
            result("x", false, (0, 0, 0), failed_to_run).jest(),
            "suite error"
        );
    }

    #[test]
    fn totals_count_every_file_and_group1_apart() {
        let results = sample();
        let text = Table::new(&results).text();
        assert!(
            text.contains(
                "all: 9 passed, 2 failed, 1 skipped/todo of 12 tests in 4 files (75.0%); \
                 1 crashed, 1 timed out, 0 suite errors"
            ),
            "{text}"
        );
        assert!(text.contains("group 1: 9 of 12 (75.0%)"), "{text}");
    }

    #[test]
    fn no_group1_line_without_group1_files() {
        let results = vec![result("hook/hook.test.js", false, (1, 1, 0), exited(1))];
        assert!(!Table::new(&results).text().contains("group 1"));
    }

    #[test]
    fn console_columns_line_up() {
        let results = sample();
        let text = Table::new(&results).text();
        let rows: Vec<&str> = text.lines().take(5).collect();
        let column = rows[0].find("passed").unwrap();
        assert_eq!(&rows[1][column..column + 6], "     6");
        assert_eq!(&rows[3][column..column + 6], "     3");
    }

    #[test]
    fn markdown_has_a_row_per_file() {
        let results = sample();
        let markdown = Table::new(&results).markdown();
        assert!(markdown.starts_with("| file | passed | failed | skipped/todo | jest |\n"));
        assert!(markdown.contains("| role.test.js | 6 | 2 | 1 | failures |\n"));
        assert!(markdown.contains("| sso.test.js | 0 | 0 | 0 | timed out (600 s) |\n"));
        assert!(markdown.contains("group 1: 9 of 12 (75.0%)  \n"));
    }
}
