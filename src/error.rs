//! Diagnostics: what the parser could not read, where, and the raw text.
//!
//! Every input line belongs to exactly one message or one diagnostic. A diagnostic is
//! yielded in place, between the messages around it, and parsing goes on; only an I/O
//! error ends the iteration ([`Error::is_fatal`]).
//!
//! `Display` quotes at most [`QUOTE_BYTES`] of the raw text, then says how long it
//! was: a 64 MB line is one diagnostic, not 64 MB of standard error. The fields keep
//! everything.

use std::fmt;
use std::io;

use crate::message::Span;

/// How much of the raw text `Display` quotes.
const QUOTE_BYTES: usize = 200;

/// A diagnostic or an I/O failure.
///
/// `Display` starts with the lines concerned (`line 3: ...` or `line 3-5: ...`) and
/// quotes the raw text with Rust's string escapes (its first 200 bytes, then its
/// length: `"abc…"… (1048576 bytes)`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Lines before the first message header (a note pasted on top, a wrapper that is
    /// not recognised, a file that is not an export at all).
    #[error("{span}: text before the first message header: {}", Quoted(text))]
    OrphanText {
        /// Where the text is.
        span: Span,
        /// The lines, joined with `"\n"`.
        text: String,
    },
    /// Lines that cannot belong to a message because an unreadable line cut them off
    /// from it.
    #[error(
        "{span}: text cut off from its message by an unreadable line: {}",
        Quoted(text)
    )]
    DetachedText {
        /// Where the text is.
        span: Span,
        /// The lines, joined with `"\n"`.
        text: String,
    },
    /// A header whose date or time does not exist (31/02, 25:61): the line and its
    /// continuation lines.
    #[error("{span}: impossible date or time in header: {}", Quoted(text))]
    InvalidTimestamp {
        /// The header line and its continuation lines.
        span: Span,
        /// The header line.
        text: String,
    },
    /// A system line matching no known sentence; reported only in strict mode, where
    /// it replaces the `unknown` event.
    #[error("{span}: unrecognised system message: {}", Quoted(text))]
    UnknownSystemMessage {
        /// The system line.
        span: Span,
        /// The sentence.
        text: String,
    },
    /// A line that is not UTF-8 ([`Reader`](crate::Reader) only: a `&str` is always
    /// UTF-8). The bytes are given back.
    #[error("{span}: invalid UTF-8: {}", EscapedBytes(bytes))]
    InvalidUtf8 {
        /// The line.
        span: Span,
        /// The line's bytes, line ending excluded.
        bytes: Vec<u8>,
    },
    /// Text in a file where no message header was found at all (prose, a file that
    /// is not an export, blank lines only, a lone BOM): the layout could not be
    /// detected, so no line can start a message.
    #[error(
        "{span}: no message header found, not a WhatsApp chat export?: {}",
        Quoted(text)
    )]
    NoHeader {
        /// Where the text is.
        span: Span,
        /// The lines, joined with `"\n"` (BOM excluded).
        text: String,
    },
    /// The input is a zip archive (it starts with `PK\x03\x04`): the export's media
    /// archive given instead of its text. The whole input is this one diagnostic.
    #[error(
        "{span}: a zip archive, not the text of an export: unzip it and parse the .txt \
         inside (_chat.txt for an iOS export)"
    )]
    ZipArchive {
        /// The whole input.
        span: Span,
    },
    /// Reading failed; iteration ends here.
    #[error("after line {line}: I/O error: {source}")]
    Io {
        /// The last line read in full.
        line: usize,
        /// What the reader reported.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The lines and bytes concerned; `None` for an I/O error.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Error::OrphanText { span, .. }
            | Error::DetachedText { span, .. }
            | Error::InvalidTimestamp { span, .. }
            | Error::UnknownSystemMessage { span, .. }
            | Error::InvalidUtf8 { span, .. }
            | Error::NoHeader { span, .. }
            | Error::ZipArchive { span } => Some(span),
            Error::Io { .. } => None,
        }
    }

    /// The first line concerned (1-based); for an I/O error, the last line read.
    pub fn line(&self) -> usize {
        match self {
            Error::Io { line, .. } => *line,
            other => other.span().map_or(0, |s| s.line),
        }
    }

    /// The raw text concerned, when it is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Error::OrphanText { text, .. }
            | Error::DetachedText { text, .. }
            | Error::InvalidTimestamp { text, .. }
            | Error::UnknownSystemMessage { text, .. }
            | Error::NoHeader { text, .. } => Some(text),
            Error::InvalidUtf8 { .. } | Error::ZipArchive { .. } | Error::Io { .. } => None,
        }
    }

    /// Whether iteration stops after this error (only I/O errors).
    pub fn is_fatal(&self) -> bool {
        matches!(self, Error::Io { .. })
    }
}

/// Text as a Rust string literal, its first [`QUOTE_BYTES`] only (cut at a character
/// boundary), then its length in bytes.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if text.len() <= QUOTE_BYTES {
            return write!(f, "{text:?}");
        }
        let mut end = QUOTE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        write!(f, "{:?}… ({} bytes)", &text[..end], text.len())
    }
}

/// Bytes as a Rust byte string, `b"caf\xe9"`: the first [`QUOTE_BYTES`], then the
/// length.
struct EscapedBytes<'a>(&'a [u8]);

impl fmt::Display for EscapedBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for &b in self.0.iter().take(QUOTE_BYTES) {
            fmt::Display::fmt(&std::ascii::escape_default(b), f)?;
        }
        f.write_str("\"")?;
        if self.0.len() > QUOTE_BYTES {
            write!(f, "… ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_lines_and_text() {
        let e = Error::OrphanText {
            span: Span {
                line: 1,
                end_line: 2,
                bytes: 0..10,
            },
            text: "Note\n\"x\"".into(),
        };
        assert_eq!(
            e.to_string(),
            r#"line 1-2: text before the first message header: "Note\n\"x\"""#
        );
        let e = Error::InvalidUtf8 {
            span: Span {
                line: 4,
                end_line: 4,
                bytes: 0..4,
            },
            bytes: b"caf\xe9".to_vec(),
        };
        assert_eq!(e.to_string(), r#"line 4: invalid UTF-8: b"caf\xe9""#);
    }

    #[test]
    fn display_quotes_long_text_in_part() {
        let span = Span {
            line: 7,
            end_line: 7,
            bytes: 0..1000,
        };
        let text = format!("{}é{}", "a".repeat(199), "b".repeat(800));
        let e = Error::OrphanText {
            span: span.clone(),
            text,
        };
        // Byte 200 falls inside the é: the quote stops before it.
        let expected = format!(
            "line 7: text before the first message header: \"{}\"… (1001 bytes)",
            "a".repeat(199)
        );
        assert_eq!(e.to_string(), expected);
        let e = Error::InvalidUtf8 {
            span,
            bytes: vec![0xFF; 300],
        };
        let expected = format!(
            "line 7: invalid UTF-8: b\"{}\"… (300 bytes)",
            "\\xff".repeat(200)
        );
        assert_eq!(e.to_string(), expected);
    }
}
