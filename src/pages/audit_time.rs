//! Epoch milliseconds as the browser's local date and time, both ways.

/// "11/21/2026, 10:04:05 AM" in the browser's locale.
pub fn date_time(ms: i64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    date.to_locale_string("default", &Default::default()).into()
}

/// `date_time` of an optional moment, or `none`.
pub fn maybe_date_time(ms: Option<i64>, none: &str) -> String {
    ms.map_or_else(|| none.to_string(), date_time)
}

/// The numbers of a `datetime-local` value, "2026-11-21T10:04" (seconds
/// optional): `[year, month 1-12, day, hour, minute, second]`, or None when
/// the text is not one.
pub fn local_parts(text: &str) -> Option<[u32; 6]> {
    let (date, time) = text.trim().split_once('T')?;
    let numbers = |part: &str, sep: char, widths: &[usize]| -> Option<Vec<u32>> {
        let fields: Vec<&str> = part.split(sep).collect();
        let shape = fields.len() >= widths.len().min(2) && fields.len() <= widths.len();
        let digits = fields
            .iter()
            .zip(widths)
            .all(|(f, w)| f.len() == *w && f.bytes().all(|b| b.is_ascii_digit()));
        (shape && digits).then(|| fields.iter().map(|f| f.parse().unwrap_or(0)).collect())
    };
    let date = numbers(date, '-', &[4, 2, 2]).filter(|d| d.len() == 3)?;
    let time = numbers(time, ':', &[2, 2, 2])?;
    let parts = [
        date[0],
        date[1],
        date[2],
        time[0],
        time[1],
        time.get(2).copied().unwrap_or(0),
    ];
    let valid = (1..=12).contains(&parts[1])
        && (1..=31).contains(&parts[2])
        && parts[3] < 24
        && parts[4] < 60
        && parts[5] < 60;
    valid.then_some(parts)
}

/// A `datetime-local` value as epoch ms in the browser's time zone; None when
/// blank, malformed or not a real day (the 31st of November).
pub fn parse_local(text: &str) -> Option<i64> {
    let [year, month, day, hour, minute, second] = local_parts(text)?;
    let date = js_sys::Date::new_with_year_month_day_hr_min_sec(
        year,
        month as i32 - 1,
        day as i32,
        hour as i32,
        minute as i32,
        second as i32,
    );
    // The Date rolls an impossible day over into the next month.
    (date.get_date() == day).then(|| date.get_time() as i64)
}

/// Epoch ms as a `datetime-local` value in the browser's time zone, to the
/// minute: the inverse of [`parse_local`].
pub fn local_input(ms: i64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

#[cfg(test)]
mod tests {
    use super::local_parts;

    #[test]
    fn datetime_local_values_are_read_and_nonsense_refused() {
        assert_eq!(
            local_parts("2026-11-21T10:04"),
            Some([2026, 11, 21, 10, 4, 0])
        );
        assert_eq!(
            local_parts("2026-02-03T00:00:59"),
            Some([2026, 2, 3, 0, 0, 59])
        );
        for bad in [
            "",
            "2026-11-21",
            "2026-11-21 10:04",
            "2026-13-01T10:00",
            "2026-11-21T24:00",
            "2026-11-21T10",
            "26-11-21T10:04",
            "2026-11-21T10:04:05:06",
            "2026-1a-21T10:04",
        ] {
            assert_eq!(local_parts(bad), None, "{bad}");
        }
    }
}
