//! Epoch milliseconds as the browser's local date and time.

/// "11/21/2026, 10:04:05 AM" in the browser's locale.
pub fn date_time(ms: i64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    date.to_locale_string("default", &Default::default()).into()
}

/// `date_time` of an optional moment, or `none`.
pub fn maybe_date_time(ms: Option<i64>, none: &str) -> String {
    ms.map_or_else(|| none.to_string(), date_time)
}
