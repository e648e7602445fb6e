//! The rate-limit flags, flattened into the server's configuration.

use clap::value_parser;

/// How many requests a caller may make. Every limit is at least 1: a zero limit would
/// lock everyone out, which is never what an operator means.
#[derive(Debug, Clone, clap::Args)]
pub struct RateLimitConfig {
    /// Requests each caller (M2M client id, else IP) may make per window.
    #[arg(
        long = "rate-limit-requests",
        env = "TENANTRY_RATE_LIMIT_REQUESTS",
        default_value_t = 200,
        value_parser = value_parser!(u32).range(1..)
    )]
    pub requests: u32,
    /// The window, in seconds, in which `--rate-limit-requests` refill.
    #[arg(
        long = "rate-limit-window-secs",
        env = "TENANTRY_RATE_LIMIT_WINDOW_SECS",
        default_value_t = 10,
        value_parser = value_parser!(u64).range(1..)
    )]
    pub window_secs: u64,
    /// Failed `/oidc/token` attempts per client id or IP per 60 seconds.
    #[arg(
        long = "rate-limit-token-failures",
        env = "TENANTRY_RATE_LIMIT_TOKEN_FAILURES",
        default_value_t = 10,
        value_parser = value_parser!(u32).range(1..)
    )]
    pub token_failures: u32,
    /// Requests per IP per 60 seconds to the public recovery routes.
    #[arg(
        long = "rate-limit-public",
        env = "TENANTRY_RATE_LIMIT_PUBLIC",
        default_value_t = 5,
        value_parser = value_parser!(u32).range(1..)
    )]
    pub public: u32,
    /// Invitation mails to one address per hour, whoever sends them.
    #[arg(
        long = "rate-limit-invitation-mails",
        env = "TENANTRY_RATE_LIMIT_INVITATION_MAILS",
        default_value_t = 5,
        value_parser = value_parser!(u32).range(1..)
    )]
    pub invitation_mails: u32,
}

/// The same values as the flags' defaults, for tests and embedding.
impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            requests: 200,
            window_secs: 10,
            token_failures: 10,
            public: 5,
            invitation_mails: 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        rate_limit: RateLimitConfig,
    }

    #[test]
    fn default_matches_the_flags_defaults() {
        let parsed = Flags::parse_from(["tenantry-server"]).rate_limit;
        let default = RateLimitConfig::default();
        assert_eq!(
            (parsed.requests, parsed.window_secs),
            (default.requests, default.window_secs)
        );
        assert_eq!(
            (parsed.token_failures, parsed.public),
            (default.token_failures, default.public)
        );
        assert_eq!(parsed.invitation_mails, default.invitation_mails);
    }

    #[test]
    fn zero_is_refused() {
        assert!(Flags::try_parse_from(["t", "--rate-limit-requests", "0"]).is_err());
        assert!(Flags::try_parse_from(["t", "--rate-limit-window-secs", "0"]).is_err());
    }
}
