//! The export profile: what the parser found out about a file.
//!
//! > A file uses one layout throughout, so detect it per file and then lock it.
//! > (format reference, section 2)

use serde::Serialize;

use crate::chunk::Chunk;
use crate::encoding::EncodingRepair;
use crate::header::{Glue, Shape, Terminator, TimeStyle};
use crate::timestamp::{DateOrder, DateOrderEvidence};

/// The phone system that wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Platform {
    /// Detect from the header layout (the default).
    #[default]
    Auto,
    /// Android: `12/10/2024, 18:32 - `.
    Android,
    /// iOS: `[12/10/2024 18:32:05] `.
    Ios,
}

/// A 24- or 12-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Clock {
    /// `18:32`.
    #[serde(rename = "24h")]
    H24,
    /// `6:32 PM`.
    #[serde(rename = "12h")]
    H12,
}

/// The line endings of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineEndings {
    /// `\n` only (Android).
    Lf,
    /// `\r\n` only.
    Crlf,
    /// Both (iOS: CRLF ends each record, bare LF breaks lines inside a message).
    Mixed,
    /// `\r` alone (old Mac tools).
    Cr,
    /// No line ending at all (a one-line file without a final newline, or empty).
    None,
}

/// What the parser found out about an export.
///
/// Complete once the messages are all read: line endings, single-digit fields and the
/// chunk's computed fields are counted along the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Android or iOS; `None` when no header was found.
    pub platform: Option<Platform>,
    /// The header layout, e.g. `"DD/MM/YYYY, HH:MM - "`; `None` when no header was
    /// found.
    pub layout: Option<String>,
    /// What the data says about the date order (`ambiguous` when it cannot decide).
    pub date_order: DateOrderEvidence,
    /// The date order applied: forced by the caller, else the data's, else day-first.
    pub date_order_used: Option<DateOrder>,
    /// 24- or 12-hour clock; `None` when no header was found.
    pub clock: Option<Clock>,
    /// The line endings.
    pub line_endings: LineEndings,
    /// The file starts with a UTF-8 byte order mark.
    pub bom: bool,
    /// The mis-decoding that was undone, if any.
    pub encoding_repair: Option<EncodingRepair>,
    /// The chunk wrapper some tools put around an export, if any.
    pub chunk: Option<Chunk>,
}

/// The kinds of line ending seen: a bit each for `\n`, `\r\n` and `\r`. The profile
/// only says which kinds a file uses, so one `or` per line is all the counting needed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct EndingsSeen(u8);

impl EndingsSeen {
    /// Bit of `\n`.
    pub(crate) const LF: u8 = 1;
    /// Bit of `\r\n`.
    pub(crate) const CRLF: u8 = 2;
    /// Bit of a lone `\r`.
    pub(crate) const CR: u8 = 4;

    /// Notes endings given as bits (0 for a last line without one).
    #[inline]
    pub(crate) fn note(&mut self, bits: u8) {
        self.0 |= bits;
    }

    pub(crate) fn summary(&self) -> LineEndings {
        match self.0 {
            0 => LineEndings::None,
            Self::LF => LineEndings::Lf,
            Self::CRLF => LineEndings::Crlf,
            Self::CR => LineEndings::Cr,
            _ => LineEndings::Mixed,
        }
    }
}

/// Which header fields were seen written with one digit (`D/M/YY`, `H:MM`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OneDigitFields {
    pub date: [bool; 3],
    pub hour: bool,
}

/// Writes a layout as `DD/MM/YYYY, HH:MM - `: the date in the order used, `D`/`M`/`H`
/// where one digit was seen, `AM` for a 12-hour clock.
pub(crate) fn render_layout(shape: &Shape, order: DateOrder, one: &OneDigitFields) -> String {
    let sep = char::from(shape.date_sep);
    let field = |name: char, single: bool| {
        if single {
            name.to_string()
        } else {
            format!("{name}{name}")
        }
    };
    let year = if shape.short_year { "YY" } else { "YYYY" };
    let date = match order {
        DateOrder::YearFirst => format!(
            "YYYY{sep}{}{sep}{}",
            field('M', one.date[1]),
            field('D', one.date[2])
        ),
        DateOrder::MonthFirst => format!(
            "{}{sep}{}{sep}{year}",
            field('M', one.date[0]),
            field('D', one.date[1])
        ),
        DateOrder::DayFirst | DateOrder::Auto => format!(
            "{}{sep}{}{sep}{year}",
            field('D', one.date[0]),
            field('M', one.date[1])
        ),
    };
    let glue = match shape.glue {
        Glue::Comma => ", ",
        Glue::A => " à ",
        Glue::Space => " ",
    };
    let hour = field('H', one.hour);
    let time = match (shape.time_style, shape.seconds) {
        (TimeStyle::Colon, false) => format!("{hour}:MM"),
        (TimeStyle::Colon, true) => format!("{hour}:MM:SS"),
        (TimeStyle::Letters, false) => format!("{hour} h MM"),
        (TimeStyle::Letters, true) => format!("{hour} h MM min SS s"),
    };
    let meridiem = if shape.clock12 { " AM" } else { "" };
    match shape.terminator {
        Terminator::Bracket => format!("[{date}{glue}{time}{meridiem}] "),
        Terminator::Dash => format!("{date}{glue}{time}{meridiem} - "),
        Terminator::Colon => format!("{date}{glue}{time}{meridiem}: "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::scan;

    fn layout(line: &str, order: DateOrder, one: OneDigitFields) -> String {
        render_layout(&scan(line).unwrap().shape, order, &one)
    }

    #[test]
    fn layouts_render_as_written() {
        let none = OneDigitFields::default();
        assert_eq!(
            layout("12/10/2024, 18:32 - A: x", DateOrder::DayFirst, none),
            "DD/MM/YYYY, HH:MM - "
        );
        assert_eq!(
            layout("26/09/2019 à 22:39 - A: x", DateOrder::DayFirst, none),
            "DD/MM/YYYY à HH:MM - "
        );
        assert_eq!(
            layout("[01.12.19 09:37:48] A: x", DateOrder::DayFirst, none),
            "[DD.MM.YY HH:MM:SS] "
        );
        assert_eq!(
            layout("03/12/2016 17:56:59: A: x", DateOrder::DayFirst, none),
            "DD/MM/YYYY HH:MM:SS: "
        );
        let one = OneDigitFields {
            date: [true, true, false],
            hour: true,
        };
        assert_eq!(
            layout("[3/7/22 9:41:55 PM] A: x", DateOrder::MonthFirst, one),
            "[M/D/YY H:MM:SS AM] "
        );
        assert_eq!(
            layout("2024-10-12, 18 h 32 - A: x", DateOrder::YearFirst, none),
            "YYYY-MM-DD, HH h MM - "
        );
    }
}
