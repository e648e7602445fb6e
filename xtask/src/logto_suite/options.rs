//! The arguments of `cargo xtask logto-suite`: which files, and how long each may take.

use std::time::Duration;

use crate::Result;

#[derive(Debug, PartialEq)]
pub struct Options {
    /// Only files whose path contains one of these (all files when empty).
    pub patterns: Vec<String>,
    /// Only the files of group 1 (`xtask/logto-suite/group1.patterns`).
    pub group1: bool,
    /// After this a file's jest process is stopped and the file counts as timed out.
    pub timeout: Duration,
}

impl Options {
    /// `[--group1] [--timeout SECS] [patterns…]`.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options {
            patterns: Vec::new(),
            group1: false,
            timeout: Duration::from_secs(600),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--group1" => options.group1 = true,
                "--timeout" => {
                    let value = args.next().ok_or("--timeout needs a value")?;
                    let secs = value
                        .parse()
                        .ok()
                        .filter(|s| *s > 0)
                        .ok_or_else(|| format!("--timeout {value}: not a positive integer"))?;
                    options.timeout = Duration::from_secs(secs);
                }
                flag if flag.starts_with("--") => {
                    return Err(format!(
                        "unknown flag {flag} (--group1, --timeout SECS, patterns)"
                    )
                    .into());
                }
                pattern => options.patterns.push(pattern.to_owned()),
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> Result<Options> {
        Options::parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn flags_and_patterns_in_any_order() {
        let options = parse(&["api/role", "--group1", "--timeout", "60", "oidc/"]).unwrap();
        assert_eq!(options.patterns, ["api/role", "oidc/"]);
        assert!(options.group1);
        assert_eq!(options.timeout, Duration::from_secs(60));
    }

    #[test]
    fn defaults_to_every_file_and_ten_minutes() {
        let options = parse(&[]).unwrap();
        assert!(options.patterns.is_empty() && !options.group1);
        assert_eq!(options.timeout, Duration::from_secs(600));
    }

    #[test]
    fn refuses_unknown_flags_and_bad_timeouts() {
        assert!(parse(&["--group2"]).is_err());
        assert!(parse(&["--timeout", "0"]).is_err());
        assert!(parse(&["--timeout"]).is_err());
    }
}
