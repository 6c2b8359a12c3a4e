//! Commit dates as reports print them. Git stores seconds since 1970 and the author's
//! UTC offset; a calendar crate for this one conversion would cost more than it saves.

/// `seconds` since the epoch, shown in the zone `offset_minutes` east of UTC:
/// `2025-03-01T09:30:00+01:00`.
pub fn format_date(seconds: i64, offset_minutes: i32) -> String {
    let local = seconds + i64::from(offset_minutes) * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, valid for every date git can store).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::format_date;

    #[test]
    fn dates_match_git() {
        // `git log --date=iso-strict` on commits made with these GIT_AUTHOR_DATEs.
        assert_eq!(format_date(0, 0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format_date(1_740_821_400, 60), "2025-03-01T10:30:00+01:00");
        assert_eq!(format_date(951_782_400, -330), "2000-02-28T18:30:00-05:30");
        assert_eq!(format_date(1_709_164_800, 0), "2024-02-29T00:00:00+00:00");
    }
}
