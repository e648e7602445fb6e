//! `/api/logs` through the edge, and the audit log's query: the same struct
//! is the page's URL (so a filter survives reload) and the API call.

use tenantry_api_types::Log;

use super::query::{entity_path, page_from, size_from};
use super::{ApiError, Client, Page};

/// Page sizes the audit log offers.
pub const PAGE_SIZES: [u32; 3] = [20, 50, 100];
const DEFAULT_PAGE_SIZE: u32 = 20;

const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Time windows the filter offers: (URL value, label, length in ms).
pub const WINDOWS: [(&str, &str, i64); 6] = [
    ("", "Any time", 0),
    ("1h", "Last hour", HOUR_MS),
    ("24h", "Last 24 hours", DAY_MS),
    ("7d", "Last 7 days", 7 * DAY_MS),
    ("30d", "Last 30 days", 30 * DAY_MS),
    (CUSTOM, "Custom", 0),
];

/// The window whose bounds are [`LogsQuery::from`] and [`LogsQuery::to`].
pub const CUSTOM: &str = "custom";

/// A custom window's bounds (epoch ms) are usable: at least one, and the
/// start before the end (the server refuses a start after the end).
pub fn check_window(from: Option<i64>, to: Option<i64>) -> Result<(), &'static str> {
    match (from, to) {
        (None, None) => Err("Enter a start time, an end time or both."),
        (Some(from), Some(to)) if from >= to => Err("The start time must be before the end time."),
        _ => Ok(()),
    }
}

/// The key of a password check: the edge signs users in through it.
pub const SIGN_IN_KEY: &str = "Management.User.VerifyPassword";

/// Everything that selects the rows of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogsQuery {
    pub user_id: String,
    pub application_id: String,
    /// An exact log key, such as `Management.Role.Create`.
    pub key: String,
    /// One of [`WINDOWS`]' URL values.
    pub window: String,
    /// The custom window's start and end (epoch ms, inclusive); None
    /// unless `window` is [`CUSTOM`].
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for LogsQuery {
    fn default() -> Self {
        Self {
            user_id: String::new(),
            application_id: String::new(),
            key: String::new(),
            window: String::new(),
            from: None,
            to: None,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl LogsQuery {
    /// Reads the page URL's query; invalid values fall back to defaults.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| get(key).map(|v| v.trim().to_string()).unwrap_or_default();
        let mut window = text("window");
        let (mut from, mut to) = (None, None);
        if window == CUSTOM {
            (from, to) = (text("from").parse().ok(), text("to").parse().ok());
            if check_window(from, to).is_err() {
                (window, from, to) = (String::new(), None, None);
            }
        }
        Self {
            user_id: text("user"),
            application_id: text("app"),
            key: text("key"),
            window: if WINDOWS.iter().any(|w| w.0 == window) {
                window
            } else {
                String::new()
            },
            from,
            to,
            page: page_from(get("page")),
            page_size: size_from(get("size"), &PAGE_SIZES, DEFAULT_PAGE_SIZE),
        }
    }

    /// The page URL's query pairs; defaults are left out.
    pub fn to_url(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for (k, v) in [
            ("user", &self.user_id),
            ("app", &self.application_id),
            ("key", &self.key),
            ("window", &self.window),
        ] {
            if !v.is_empty() {
                pairs.push((k.to_string(), v.clone()));
            }
        }
        for (k, v) in [("from", self.from), ("to", self.to)] {
            if let Some(ms) = v.filter(|_| self.window == CUSTOM) {
                pairs.push((k.to_string(), ms.to_string()));
            }
        }
        if self.page != 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            pairs.push(("size".into(), self.page_size.to_string()));
        }
        pairs
    }

    /// The query of `GET /api/logs` at `now` (epoch ms).
    pub fn to_api(&self, now: i64) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("page".to_string(), self.page.to_string()),
            ("page_size".to_string(), self.page_size.to_string()),
        ];
        for (k, v) in [
            ("userId", &self.user_id),
            ("applicationId", &self.application_id),
            ("logKey", &self.key),
        ] {
            if !v.is_empty() {
                pairs.push((k.to_string(), v.clone()));
            }
        }
        if let Some((_, _, length)) = WINDOWS.iter().find(|w| w.0 == self.window && w.2 > 0) {
            pairs.push(("start_time".into(), (now - length).to_string()));
        }
        if self.window == CUSTOM {
            for (k, v) in [("start_time", self.from), ("end_time", self.to)] {
                if let Some(ms) = v {
                    pairs.push((k.to_string(), ms.to_string()));
                }
            }
        }
        pairs
    }
}

/// The browser's clock, in epoch ms.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// One page of the audit log; `user_id` set lists that user's history.
pub async fn list(client: &Client, query: &LogsQuery) -> Result<Page<Log>, ApiError> {
    let api = query.to_api(now());
    if query.user_id.is_empty() {
        client.list("/api/logs", &api).await
    } else {
        let path = entity_path("/api/users", &query.user_id, "/logs");
        let api: Vec<_> = api.into_iter().filter(|(k, _)| k != "userId").collect();
        client.list(&path, &api).await
    }
}

/// Every row with `key` since `start` (epoch ms), up to `limit` rows.
pub async fn since(
    client: &Client,
    key: &str,
    start: i64,
    limit: usize,
) -> Result<Vec<Log>, ApiError> {
    let mut rows = Vec::new();
    for page in 1.. {
        let query = vec![
            ("logKey".to_string(), key.to_string()),
            ("start_time".to_string(), start.to_string()),
            ("page".to_string(), page.to_string()),
            ("page_size".to_string(), "100".to_string()),
        ];
        let found = client.list::<Log>("/api/logs", &query).await?;
        let done = found.items.len() < 100;
        rows.extend(found.items);
        if done || rows.len() as u64 >= found.total || rows.len() >= limit {
            break;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> LogsQuery {
        LogsQuery::from_url(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_round_trips_and_feeds_the_api() {
        let query = from(&[
            ("key", "Management.Role.Create"),
            ("window", "24h"),
            ("page", "2"),
        ]);
        let pairs = query.to_url();
        let again =
            LogsQuery::from_url(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        assert_eq!(again, query);
        let api = query.to_api(DAY_MS * 10);
        assert!(api.contains(&("logKey".into(), "Management.Role.Create".into())));
        assert!(api.contains(&("start_time".into(), (DAY_MS * 9).to_string())));
        assert!(api.contains(&("page".into(), "2".into())));
    }

    #[test]
    fn a_custom_window_round_trips_and_bounds_the_api_query() {
        let query = from(&[("window", "custom"), ("from", "1000"), ("to", "5000")]);
        assert_eq!((query.from, query.to), (Some(1000), Some(5000)));
        let pairs = query.to_url();
        assert!(pairs.contains(&("from".into(), "1000".into())));
        let again =
            LogsQuery::from_url(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        assert_eq!(again, query);
        let api = query.to_api(DAY_MS);
        assert!(api.contains(&("start_time".into(), "1000".into())));
        assert!(api.contains(&("end_time".into(), "5000".into())));
        // One bound is enough; bounds outside a custom window are ignored.
        let open = from(&[("window", "custom"), ("to", "5000")]);
        assert_eq!((open.from, open.to), (None, Some(5000)));
        assert!(open.to_api(DAY_MS).iter().all(|(k, _)| k != "start_time"));
        let preset = from(&[("window", "1h"), ("from", "1000")]);
        assert_eq!(preset.from, None);
    }

    #[test]
    fn a_custom_window_needs_a_bound_and_its_start_first() {
        assert!(check_window(Some(1), Some(2)).is_ok());
        assert!(check_window(Some(1), None).is_ok());
        assert!(check_window(None, None).is_err());
        assert_eq!(
            check_window(Some(2), Some(2)),
            Err("The start time must be before the end time.")
        );
        // A URL with a backwards or empty window shows every time instead.
        for pairs in [
            &[("window", "custom"), ("from", "5000"), ("to", "1000")][..],
            &[("window", "custom"), ("from", "soon")][..],
        ] {
            assert_eq!(from(pairs), LogsQuery::default());
        }
    }

    #[test]
    fn invalid_values_fall_back() {
        assert_eq!(
            from(&[("window", "2y"), ("size", "7"), ("page", "0")]),
            LogsQuery::default()
        );
        assert!(
            LogsQuery::default()
                .to_api(5)
                .iter()
                .all(|(k, _)| k != "start_time")
        );
    }
}
