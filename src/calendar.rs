//! The calendar, on the `jiff` crate: calendar days, ISO dates at day,
//! month or year precision as windows of days, terms whose ends are known
//! only to such a precision, and the UTC clock.
//!
//! # Dates at year or month precision
//! A date printed `1934` means "some day in 1934 that we do not know", not
//! "all of 1934". Each date is therefore a window `[earliest, latest]`, and
//! a [`Term`] *certainly* covers the days from its latest possible start to
//! its earliest possible end, and *possibly* covers the days from its
//! earliest possible start to its latest possible end. The reference data's
//! validator and `who_held` both read terms of office that way.

use std::fmt;

use jiff::civil::Date;

/// A calendar day; days order chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(Date);

impl Day {
    /// Before every day a date names: the start of a term with no start date.
    pub const MIN: Day = Day(Date::MIN);
    /// After every day a date names: the end of an open term.
    pub const MAX: Day = Day(Date::MAX);

    /// The day, when it exists (not February 30).
    pub fn new(year: i16, month: i8, day: i8) -> Option<Day> {
        Date::new(year, month, day).ok().map(Day)
    }

    /// A day written in the code; an impossible one fails to compile in a
    /// `const` (and panics elsewhere).
    pub const fn constant(year: i16, month: i8, day: i8) -> Day {
        Day(Date::constant(year, month, day))
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }
}

/// The ISO date (`YYYY-MM-DD`).
impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The first and last day of a month; `None` when there is no such month.
pub fn month_window(year: i16, month: i8) -> Option<(Day, Day)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((Day(first), Day(first.last_of_month())))
}

/// The first and last day of a year.
pub fn year_window(year: i16) -> Option<(Day, Day)> {
    Some((Day::new(year, 1, 1)?, Day::new(year, 12, 31)?))
}

/// The earliest and latest day an ISO date at day, month or year precision
/// can mean (`1934` -> 1934-01-01..1934-12-31). `None` when it is not a
/// valid date: four-digit year (not 0000), two-digit month and day.
pub fn date_window(s: &str) -> Option<(Day, Day)> {
    let num = |p: Option<&str>, len: usize| -> Option<i16> {
        let p = p?;
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let mut parts = s.split('-');
    let year = num(parts.next(), 4).filter(|&y| y != 0)?;
    let (month, day) = (parts.next(), parts.next());
    if parts.next().is_some() {
        return None;
    }
    let Some(month) = month else {
        return year_window(year);
    };
    let month = i8::try_from(num(Some(month), 2)?).ok()?;
    let Some(day) = day else {
        return month_window(year, month);
    };
    let day = Day::new(year, month, i8::try_from(num(Some(day), 2)?).ok()?)?;
    Some((day, day))
}

/// A single ISO day (`YYYY-MM-DD`).
pub fn parse_day(s: &str) -> Option<Day> {
    match date_window(s) {
        Some((a, b)) if a == b => Some(a),
        _ => None,
    }
}

/// The UTC time now as ISO 8601 to the second (`2026-01-31T09:05:00Z`).
pub fn now_utc() -> String {
    format!("{:.0}", jiff::Timestamp::now())
}

/// The windows of a term: what it possibly and certainly covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Earliest possible first day ([`Day::MIN`] = unknown start).
    pub start_lo: Day,
    /// Latest possible first day.
    pub start_hi: Day,
    /// Earliest possible last day ([`Day::MAX`] = open or unknown end).
    pub end_lo: Day,
    /// Latest possible last day.
    pub end_hi: Day,
}

impl Term {
    /// Builds the windows from optional ISO dates; invalid dates are treated
    /// as unknown (the reference data's validator reports them separately).
    pub fn new(from: Option<&str>, to: Option<&str>) -> Term {
        let (start_lo, start_hi) = from.and_then(date_window).unwrap_or((Day::MIN, Day::MIN));
        let (end_lo, end_hi) = to.and_then(date_window).unwrap_or((Day::MAX, Day::MAX));
        Term {
            start_lo,
            start_hi,
            end_lo,
            end_hi,
        }
    }

    /// True when the holder may have held it on `d`.
    pub fn possibly_covers(&self, d: Day) -> bool {
        self.start_lo <= d && d <= self.end_hi
    }

    /// True when the holder held it on `d` whichever day the coarse dates mean.
    pub fn certainly_covers(&self, d: Day) -> bool {
        self.start_hi <= d && d <= self.end_lo
    }

    /// True when this term ends on the very day `next` starts, both written
    /// at day precision: a same-day handover, the day going to `next`.
    pub fn hands_over_to(&self, next: &Term) -> bool {
        self.end_lo == self.end_hi && next.start_lo == next.start_hi && self.end_lo == next.start_lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(s: &str) -> Option<(String, String)> {
        date_window(s).map(|(a, b)| (a.to_string(), b.to_string()))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn date_windows() {
        assert_eq!(window("1934"), pair("1934-01-01", "1934-12-31"));
        assert_eq!(window("1936-02"), pair("1936-02-01", "1936-02-29"));
        assert_eq!(window("1939-05-03"), pair("1939-05-03", "1939-05-03"));
        assert_eq!(window("1900-02"), pair("1900-02-01", "1900-02-28"));
        assert_eq!(window("2000-02"), pair("2000-02-01", "2000-02-29"));
        for bad in [
            "1939-13",
            "1939-02-30",
            "39",
            "1939-5-3",
            "May 1939",
            "",
            "1939-05-03-01",
            "0000",
            "1939-00",
            "1939-05-00",
            "+939",
        ] {
            assert_eq!(date_window(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_print_as_iso() {
        assert_eq!(Day::constant(1939, 5, 3).to_string(), "1939-05-03");
        // The parser keeps a year it reads as 0000 (a misprint) as printed.
        assert_eq!(Day::constant(0, 1, 1).to_string(), "0000-01-01");
        assert_eq!(parse_day("1939-05-03"), Some(Day::constant(1939, 5, 3)));
        assert_eq!(parse_day("1939-05"), None);
        assert_eq!(Day::new(1939, 2, 29), None);
        assert!(Day::MIN < Day::constant(1, 1, 1) && Day::constant(9999, 12, 30) < Day::MAX);
    }

    #[test]
    fn now_is_iso_8601() {
        let now = now_utc();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
        assert!(parse_day(&now[..10]).is_some(), "{now}");
    }
}
