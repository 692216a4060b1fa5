//! Header numbers into `chrono` timestamps, and the day/month order of a file.
//!
//! > Do not infer day-first from the language. S3 is French text with month-first
//! > dates. Infer it from any field > 12, or from monotonicity.
//! > 2-digit years occur with fr-CH, fr-BE and US-region phones.
//! > (format reference, section 2)
//!
//! Exports carry no time zone: timestamps are naive local wall-clock times.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use crate::header::Header;

/// The order of the day and month in a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateOrder {
    /// Decide from the data (the default): a number above 12, else monotonicity.
    #[default]
    Auto,
    /// `12/10/2024` is 12 October (France, Belgium, Switzerland).
    DayFirst,
    /// `10/12/2024` is 12 October (phones set to a US region).
    MonthFirst,
    /// `2024-10-12` (Canadian French).
    YearFirst,
}

/// What the data says about the date order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateOrderEvidence {
    /// A day above 12 in first position, or only the day-first reading keeps dates in
    /// order.
    DayFirst,
    /// A day above 12 in second position, or only the month-first reading keeps dates
    /// in order.
    MonthFirst,
    /// The year is written first.
    YearFirst,
    /// Both readings fit every date seen: the data cannot decide.
    Ambiguous,
}

/// Decides the date order from the date numbers of the first headers of a file, in
/// file order.
///
/// Rules, in order: a year of four digits in first place means year-first; a first
/// number above 12 means day-first, a second one above 12 month-first (the more
/// frequent wins if a damaged file shows both); otherwise the reading that keeps the
/// dates in order (fewer steps back in time) wins; if both keep them equally in order,
/// the data cannot decide.
pub(crate) fn detect_order(dates: &[[u16; 3]], year_first: bool) -> DateOrderEvidence {
    if year_first {
        return DateOrderEvidence::YearFirst;
    }
    let first_over_12 = dates.iter().filter(|d| d[0] > 12).count();
    let second_over_12 = dates.iter().filter(|d| d[1] > 12).count();
    if first_over_12 > 0 || second_over_12 > 0 {
        return if first_over_12 >= second_over_12 {
            DateOrderEvidence::DayFirst
        } else {
            DateOrderEvidence::MonthFirst
        };
    }
    let backward_steps = |day_index: usize| {
        let key = |d: &[u16; 3]| (d[2], d[1 - day_index], d[day_index]);
        dates.windows(2).filter(|w| key(&w[1]) < key(&w[0])).count()
    };
    let (day_first_back, month_first_back) = (backward_steps(0), backward_steps(1));
    match day_first_back.cmp(&month_first_back) {
        std::cmp::Ordering::Less => DateOrderEvidence::DayFirst,
        std::cmp::Ordering::Greater => DateOrderEvidence::MonthFirst,
        std::cmp::Ordering::Equal => DateOrderEvidence::Ambiguous,
    }
}

/// Turns header numbers into timestamps for one locked date order, remembering the last
/// date: consecutive messages nearly always share it.
#[derive(Debug, Clone)]
pub(crate) struct TimestampDecoder {
    order: DateOrder,
    /// The [`date_key`] of the date numbers last decoded, or [`NO_DATE_YET`]: one
    /// compare per message, where an `Option` of an array costs a test and two loads
    /// more.
    last_key: u64,
    /// The date of `last_key` (meaningless while it is [`NO_DATE_YET`]).
    last_date: NaiveDate,
}

/// A key no date numbers give: [`date_key`] leaves the top 16 bits clear.
const NO_DATE_YET: u64 = u64::MAX;

/// The three date numbers in one word, for the cache compare.
#[inline]
fn date_key(date: [u16; 3]) -> u64 {
    u64::from(date[0]) | u64::from(date[1]) << 16 | u64::from(date[2]) << 32
}

impl TimestampDecoder {
    pub(crate) fn new(order: DateOrder) -> Self {
        TimestampDecoder {
            order,
            last_key: NO_DATE_YET,
            last_date: NaiveDate::MIN,
        }
    }

    /// The timestamp of a header, or `None` when its date or time does not exist
    /// (31/02, 25:61).
    #[inline]
    pub(crate) fn decode(&mut self, h: &Header) -> Option<NaiveDateTime> {
        let key = date_key(h.date);
        let date = if key == self.last_key {
            self.last_date
        } else {
            let date = self.date(h)?;
            self.last_key = key;
            self.last_date = date;
            date
        };
        let hour = match h.pm {
            None => h.hour,
            Some(_) if h.hour == 0 || h.hour > 12 => return None,
            Some(false) => h.hour % 12,
            Some(true) => h.hour % 12 + 12,
        };
        // One range check and one constructor: `from_hms_opt` checks each field
        // apart, on every message. The three tests are joined without
        // short-circuit: one branch instead of three.
        if (hour > 23) | (h.minute > 59) | (h.second > 59) {
            return None;
        }
        let seconds = u32::from(hour) * 3600 + u32::from(h.minute) * 60 + u32::from(h.second);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0)?;
        Some(date.and_time(time))
    }

    fn date(&self, h: &Header) -> Option<NaiveDate> {
        let [a, b, c] = h.date;
        let (year, month, day) = match self.order {
            DateOrder::YearFirst => (a, b, c),
            DateOrder::MonthFirst => (c, a, b),
            DateOrder::DayFirst | DateOrder::Auto => (c, b, a),
        };
        let year = if h.shape.short_year {
            // WhatsApp exists since 2009: a two-digit year is 20yy.
            2000 + i32::from(year)
        } else {
            i32::from(year)
        };
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
    }
}

/// Writes `2024-10-12T18:32:00` (what `%Y-%m-%dT%H:%M:%S` writes) into a stack buffer:
/// every message's JSON has one, and chrono's formatter parses its format string each
/// time. `None` for a year outside 0..=9999, which chrono writes with a sign.
pub(crate) fn format_iso(t: &NaiveDateTime) -> Option<[u8; 19]> {
    let year = u32::try_from(t.year()).ok().filter(|&y| y <= 9999)?;
    let mut out = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, value: u32, width: usize| {
        let mut value = value;
        for i in (at..at + width).rev() {
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, year, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    put(17, t.second(), 2);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::scan;

    fn decode(order: DateOrder, line: &str) -> Option<NaiveDateTime> {
        TimestampDecoder::new(order).decode(&scan(line).unwrap())
    }

    #[test]
    fn decodes_each_order() {
        let t = decode(DateOrder::DayFirst, "12/10/2024, 18:32 - A: x").unwrap();
        assert_eq!(t.to_string(), "2024-10-12 18:32:00");
        let t = decode(DateOrder::MonthFirst, "[3/27/22 9:41:55 PM] A: x").unwrap();
        assert_eq!(t.to_string(), "2022-03-27 21:41:55");
        let t = decode(DateOrder::YearFirst, "2024-10-12, 18 h 32 - A: x").unwrap();
        assert_eq!(t.to_string(), "2024-10-12 18:32:00");
        let t = decode(DateOrder::DayFirst, "[01.12.19 09:37:48] A: x").unwrap();
        assert_eq!(t.to_string(), "2019-12-01 09:37:48");
    }

    #[test]
    fn formats_like_chrono() {
        for line in [
            "12/10/2024, 18:32 - A: x",
            "01/01/0001, 00:00 - A: x",
            "31/12/9999, 23:59 - A: x",
            "05/03/2009, 07:08 - A: x",
        ] {
            let t = decode(DateOrder::DayFirst, line).unwrap();
            let ours = format_iso(&t).unwrap();
            assert_eq!(
                std::str::from_utf8(&ours).unwrap(),
                t.format("%Y-%m-%dT%H:%M:%S").to_string()
            );
        }
    }

    #[test]
    fn twelve_oclock() {
        let t = decode(DateOrder::MonthFirst, "[3/27/22 12:05:00 AM] A: x").unwrap();
        assert_eq!(t.to_string(), "2022-03-27 00:05:00");
        let t = decode(DateOrder::MonthFirst, "[3/27/22 12:05:00 PM] A: x").unwrap();
        assert_eq!(t.to_string(), "2022-03-27 12:05:00");
        assert!(decode(DateOrder::MonthFirst, "[3/27/22 13:05:00 PM] A: x").is_none());
    }

    #[test]
    fn impossible_dates_and_times() {
        assert!(decode(DateOrder::DayFirst, "31/02/2024, 18:32 - A: x").is_none());
        assert!(decode(DateOrder::DayFirst, "12/10/2024, 25:61 - A: x").is_none());
        assert!(decode(DateOrder::DayFirst, "12/10/2024, 23:60 - A: x").is_none());
    }

    #[test]
    fn order_from_a_number_above_12() {
        assert_eq!(
            detect_order(&[[1, 2, 2024], [13, 2, 2024]], false),
            DateOrderEvidence::DayFirst
        );
        assert_eq!(
            detect_order(&[[3, 18, 22], [3, 27, 22]], false),
            DateOrderEvidence::MonthFirst
        );
    }

    #[test]
    fn order_from_monotonicity() {
        // 5 Mar, 6 Mar, 1 Apr in order; May 3, Jun 3, Jan 4 goes back.
        let dates = [[5, 3, 2024], [6, 3, 2024], [1, 4, 2024]];
        assert_eq!(detect_order(&dates, false), DateOrderEvidence::DayFirst);
        let dates = [[3, 5, 2024], [3, 6, 2024], [4, 1, 2024]];
        assert_eq!(detect_order(&dates, false), DateOrderEvidence::MonthFirst);
        // 1 Feb, 1 Feb, 2 Feb and Jan 2, Jan 2, Feb 2: both in order.
        let dates = [[1, 2, 2024], [1, 2, 2024], [2, 2, 2024]];
        assert_eq!(detect_order(&dates, false), DateOrderEvidence::Ambiguous);
        assert_eq!(detect_order(&[], false), DateOrderEvidence::Ambiguous);
    }
}
