//! UTC timestamps as Auth0 writes them (`2023-01-25T19:00:27.084Z`), without a date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis() as u64
}

pub fn now_secs() -> u64 {
    now_millis() / 1000
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since the Unix epoch.
pub fn format_millis(millis: u64) -> String {
    let secs = millis / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        millis % 1000
    )
}

/// Milliseconds since the epoch from `YYYY-MM-DDTHH:MM:SS[.mmm]Z`; `None` for anything else.
pub fn parse_millis(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || !text.ends_with('Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<u64>().ok();
    let days = days_from_civil(num(0..4)? as i64, num(5..7)?, num(8..10)?)?;
    let millis = match text.get(19..20) {
        Some(".") => num(20..23)?,
        _ => 0,
    };
    let secs = days.checked_mul(86_400)? + num(11..13)? * 3600 + num(14..16)? * 60 + num(17..19)?;
    Some(secs * 1000 + millis)
}

// Howard Hinnant's civil calendar algorithms.
fn civil_from_days(days: i64) -> (i64, u64, u64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u64;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u64;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_from_civil(year: i64, month: u64, day: u64) -> Option<u64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_auth0_timestamps() {
        assert_eq!(format_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis(1_674_673_227_084), "2023-01-25T19:00:27.084Z");
        assert_eq!(parse_millis("2023-01-25T19:00:27.084Z"), Some(1_674_673_227_084));
        assert_eq!(parse_millis("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        assert_eq!(parse_millis("yesterday"), None);
    }
}
