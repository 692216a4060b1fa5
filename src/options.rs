//! Options for callers who know their format.

use std::io::BufRead;

use crate::parser::Messages;
use crate::profile::Platform;
use crate::reader::Reader;
use crate::timestamp::DateOrder;

/// How to parse: build with [`ParseOptions::new`] and the `&mut self` setters, then call
/// [`parse_str`](ParseOptions::parse_str) or [`reader`](ParseOptions::reader).
///
/// ```
/// use whatsapp_export::{DateOrder, ParseOptions};
///
/// let data = "[3/7/22 21:41:55] Dmitry: Salut\n";
/// let mut options = ParseOptions::new();
/// options.date_order(DateOrder::MonthFirst);
/// let message = options.parse_str(data).next().unwrap().unwrap();
/// assert_eq!(message.timestamp.to_string(), "2022-03-07 21:41:55");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    pub(crate) platform: Platform,
    pub(crate) date_order: DateOrder,
    pub(crate) strict: bool,
    pub(crate) repair_encoding: bool,
}

impl ParseOptions {
    /// The defaults: everything detected from the data, mojibake repaired, not strict.
    pub fn new() -> Self {
        ParseOptions {
            platform: Platform::Auto,
            date_order: DateOrder::Auto,
            strict: false,
            repair_encoding: true,
        }
    }

    /// Accept only the header layouts of this platform.
    ///
    /// The default is [`Platform::Auto`]: the layout seen most in the first lines.
    pub fn platform(&mut self, platform: Platform) -> &mut Self {
        self.platform = platform;
        self
    }

    /// Read dates in this order.
    ///
    /// The default is [`DateOrder::Auto`]: a day above 12 decides, else the order that
    /// keeps the dates in sequence, else (ambiguous) day-first. The language never
    /// decides: French exports from phones set to a US region are month-first.
    pub fn date_order(&mut self, order: DateOrder) -> &mut Self {
        self.date_order = order;
        self
    }

    /// Report system lines that match no known sentence as
    /// [`Error::UnknownSystemMessage`](crate::Error::UnknownSystemMessage) instead of
    /// yielding them as `unknown` events.
    ///
    /// The default is `false`.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Undo text that was mis-decoded (UTF-8 read as Mac Roman, Windows-1252 or
    /// ISO-8859-1) before parsing.
    ///
    /// The default is `true`. Detection is conservative: a clean file is never touched.
    pub fn repair_encoding(&mut self, repair: bool) -> &mut Self {
        self.repair_encoding = repair;
        self
    }

    /// Parses an export held in memory; messages borrow from `input`.
    pub fn parse_str<'a>(&self, input: &'a str) -> Messages<'a> {
        Messages::new(input, self.clone())
    }

    /// Parses an export from a stream, holding about one message in memory.
    pub fn reader<R: BufRead>(&self, reader: R) -> Reader<R> {
        Reader::with_options(reader, self.clone())
    }
}
