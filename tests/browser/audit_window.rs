//! The audit log's custom window: `datetime-local` values are local time,
//! converted to epoch ms and back, and a window is checked before it is used.

use tenantry_portal::pages::audit_log::custom_bounds;
use tenantry_portal::pages::audit_time::{local_input, parse_local};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn local_times_convert_to_epoch_ms_and_back() {
    let ms = parse_local("2026-11-21T10:04").expect("a valid value");
    let expected = js_sys::Date::new_with_year_month_day_hr_min(2026, 10, 21, 10, 4);
    assert_eq!(ms, expected.get_time() as i64);
    assert_eq!(local_input(ms), "2026-11-21T10:04");
    // Seconds are read, and the input shows the minute.
    assert_eq!(parse_local("2026-11-21T10:04:30"), Some(ms + 30_000));
    assert_eq!(local_input(ms + 30_000), "2026-11-21T10:04");
    assert_eq!(parse_local("2026-11-31T10:04"), None);
    assert_eq!(parse_local("yesterday"), None);
}

#[wasm_bindgen_test]
fn a_custom_window_is_checked_with_a_clear_message() {
    let (from, to) = custom_bounds("2026-11-20T08:00", "2026-11-21T08:00").expect("valid");
    assert_eq!(to.zip(from).map(|(t, f)| t - f), Some(86_400_000));
    assert_eq!(custom_bounds("", "2026-11-21T08:00").map(|b| b.0), Ok(None));
    assert_eq!(
        custom_bounds("2026-11-21T08:00", "2026-11-20T08:00"),
        Err("The start time must be before the end time.".into())
    );
    assert_eq!(
        custom_bounds("", ""),
        Err("Enter a start time, an end time or both.".into())
    );
    assert_eq!(
        custom_bounds("2026-11-21T08", ""),
        Err("The start time is not a valid date and time.".into())
    );
}
