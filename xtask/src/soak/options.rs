//! The flags of `cargo xtask soak`: how long and how fast.

use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// How long the load runs, in minutes (fractions allowed).
    pub minutes: f64,
    /// Requests per second, over all callers together.
    pub rate: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            minutes: 10.0,
            rate: 200,
        }
    }
}

impl Options {
    /// `--minutes N` and `--rate R`, each optional.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--minutes" => {
                    options.minutes = value
                        .parse()
                        .ok()
                        .filter(|m: &f64| *m > 0.0)
                        .ok_or_else(|| format!("--minutes {value}: not a positive number"))?;
                }
                "--rate" => {
                    options.rate = value
                        .parse()
                        .ok()
                        .filter(|r| *r > 0)
                        .ok_or_else(|| format!("--rate {value}: not a positive integer"))?;
                }
                other => return Err(format!("unknown flag {other} (--minutes N, --rate R)").into()),
            }
        }
        Ok(options)
    }

    pub fn duration(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.minutes * 60.0)
    }

    /// Callers in parallel: each sends one request at a time, about five a second.
    /// (Twice as many callers at 200/s on 2 shared cores reached the same 140/s with
    /// twice the latency: the machine, not the callers, set the pace.)
    pub fn callers(&self) -> u32 {
        (self.rate / 5).max(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_are_ten_minutes_at_200_per_second() {
        assert_eq!(Options::parse(&[]).unwrap(), Options::default());
        assert_eq!(Options::default().duration().as_secs(), 600);
    }

    #[test]
    fn flags_shorten_the_run() {
        let options = Options::parse(&args(&["--minutes", "1", "--rate", "50"])).unwrap();
        assert_eq!((options.minutes, options.rate), (1.0, 50));
        assert_eq!(options.callers(), 10);
    }

    #[test]
    fn bad_flags_are_refused() {
        assert!(Options::parse(&args(&["--rate", "0"])).is_err());
        assert!(Options::parse(&args(&["--minutes"])).is_err());
        assert!(Options::parse(&args(&["--speed", "3"])).is_err());
    }
}
