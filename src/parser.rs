//! The in-memory shell: [`Messages`] borrows every message from the input `&str`.
//!
//! > Every record starts with a header. Lines that do not start with a header are
//! > continuation lines of the previous record, blank lines included.
//! > (format reference, section 2)
//!
//! A record is a contiguous slice of the input, so bodies are borrowed; only line
//! breaks other than `\n` and repaired mojibake make a body owned. A file that needs
//! its encoding repaired goes through the [`Reader`] shell over the same bytes, whose
//! lines are repaired one at a time.

use std::iter::FusedIterator;

use crate::encoding;
use crate::engine::{self, Ending, Engine, LineFinder, RecordLines, MAX_ORPHAN_BLOCK_BYTES};
use crate::error::Error;
use crate::header::{Header, Peek};
use crate::message::{Message, Span};
use crate::options::ParseOptions;
use crate::profile::Profile;
use crate::reader::Reader;

/// Parses an export held in memory, with every option detected from the data.
///
/// The iterator yields each message in file order, borrowing from `input`, and each
/// diagnostic (text outside any message, an impossible date) in place as an `Err`.
///
/// ```
/// let data = "12/10/2024, 18:32 - Rochane: Salut à tous\n\
///             12/10/2024, 18:33 - Léa: On se retrouve où ?\nÀ la gare ?\n";
/// let messages: Vec<_> = whatsapp_export::parse_str(data).collect::<Result<_, _>>()?;
/// assert_eq!(messages[1].author(), Some("Léa"));
/// assert_eq!(messages[1].text(), "On se retrouve où ?\nÀ la gare ?");
/// # Ok::<(), whatsapp_export::Error>(())
/// ```
pub fn parse_str(input: &str) -> Messages<'_> {
    Messages::new(input, ParseOptions::new())
}

/// The messages of an export held in memory; see [`parse_str`].
#[derive(Debug)]
pub struct Messages<'a> {
    inner: Inner<'a>,
}

#[derive(Debug)]
enum Inner<'a> {
    Borrowed(Box<Borrowed<'a>>),
    /// Through the streaming shell: mojibake is repaired line by line, so messages own
    /// their text; a zip archive is reported there too.
    Repaired(Box<Reader<&'a [u8]>>),
}

impl<'a> Messages<'a> {
    pub(crate) fn new(input: &'a str, options: ParseOptions) -> Self {
        let through_reader = engine::is_zip(input.as_bytes())
            || (options.repair_encoding
                && encoding::detect(engine::encoding_sample_str(input)).is_some());
        if through_reader {
            let reader = Reader::with_options(input.as_bytes(), options);
            return Messages {
                inner: Inner::Repaired(Box::new(reader)),
            };
        }
        let bom_len = if input.starts_with('\u{FEFF}') { 3 } else { 0 };
        let detection = engine::detect(engine::window_lines(input), &options);
        let engine = Engine::new(detection, &options, bom_len > 0, None);
        Messages {
            inner: Inner::Borrowed(Box::new(Borrowed {
                input,
                engine,
                pos: 0,
                line_finder: LineFinder::new(),
                line_no: 0,
                bom_len,
                peeked: None,
                peeked_header: None,
            })),
        }
    }

    /// What was learned about the export: layout, date order, line endings... Line
    /// endings and the layout's single-digit fields are complete once every message is
    /// read.
    pub fn profile(&self) -> Profile {
        match &self.inner {
            Inner::Borrowed(b) => b.engine.profile(),
            Inner::Repaired(r) => r.profile_or_default(),
        }
    }

    /// The number of lines read so far.
    pub fn line(&self) -> usize {
        match &self.inner {
            Inner::Borrowed(b) => b.line_no,
            Inner::Repaired(r) => r.line(),
        }
    }
}

#[derive(Debug)]
struct Borrowed<'a> {
    input: &'a str,
    engine: Engine,
    /// Byte offset of the next line.
    pos: usize,
    line_finder: LineFinder,
    /// Lines read.
    line_no: usize,
    bom_len: usize,
    /// The line at `pos`, when it was already split (its length and ending) and found
    /// to be a header while looking for the previous record's end.
    peeked: Option<(usize, Ending)>,
    /// That line's header, when only the full scan could tell it is one (and read it).
    peeked_header: Option<Header>,
}

impl<'a> Borrowed<'a> {
    // A record ends where the next header starts, so each record is read to its end
    // here and the line that ended it is kept for the next call: its numbers are read
    // only then, straight into the message, rather than stored between calls.
    #[inline]
    fn next_item(&mut self) -> Option<Result<Message<'a>, Error>> {
        let bytes = self.input.as_bytes();
        loop {
            let start = self.pos;
            if start >= bytes.len() {
                return None;
            }
            let (len, ending) = match self.peeked.take() {
                Some(peeked) => peeked,
                None => self.line_finder.line_end(&bytes[start..]),
            };
            // Bytes: cut at line breaks and after a whole BOM, so on character
            // boundaries, without checking it on every line.
            let line = if start == 0 {
                &bytes[self.bom_len.min(len)..len]
            } else {
                &bytes[start..start + len]
            };
            self.take_line(len, ending);
            let line_no = self.line_no;
            let header = match self.peeked_header.take() {
                Some(header) => Some(header),
                None => self.engine.header(line),
            };
            if let Some(header) = header {
                let mut lines = RecordLines::new(line.len());
                let mut previous = ending;
                while let Some((len, ending)) = self.continuation() {
                    lines.continued(previous);
                    previous = ending;
                    self.take_line(len, ending);
                }
                let (span, text) = self.span_and_text(start, line_no);
                return Some(self.engine.build(&header, text, lines, span));
            }
            // Text outside any record (before the first header, or a whole file
            // without a layout) is reported in blocks: a block ends before a header, or
            // once it passes the limit, so a stream of prose never grows one without
            // bound.
            while self.pos - start <= MAX_ORPHAN_BLOCK_BYTES {
                let Some((len, ending)) = self.continuation() else {
                    break;
                };
                self.take_line(len, ending);
            }
            let (span, text) = self.span_and_text(start, line_no);
            if let Some(error) = self.engine.preamble(text, span, start == 0) {
                return Some(Err(error));
            }
            // A chunk wrapper, kept in the profile: read on.
        }
    }

    /// The length and ending of the line at `pos` when it goes on the current record
    /// or block; `None` at the end of the input or when the line is a header, which is
    /// then kept for the next call.
    #[inline(always)]
    fn continuation(&mut self) -> Option<(usize, Ending)> {
        let at = self.pos;
        let bytes = self.input.as_bytes();
        if at >= bytes.len() {
            return None;
        }
        // `at` is past the first line: no BOM to strip.
        let (len, ending) = self.line_finder.line_end(&bytes[at..]);
        match self.engine.peek(&bytes[at..at + len]) {
            Peek::NotHeader => return Some((len, ending)),
            Peek::Header => {}
            Peek::Read(header) => self.peeked_header = Some(header),
        }
        self.peeked = Some((len, ending));
        None
    }

    /// Counts the line at `pos`, of `len` bytes and `ending`, as read.
    #[inline(always)]
    fn take_line(&mut self, len: usize, ending: Ending) {
        self.line_no += 1;
        self.engine.count_ending(ending);
        self.pos += len + ending.len();
    }

    /// The span of the lines from the one at byte `start` (line `line`) to the last
    /// line read, and their text (a leading BOM left out).
    #[inline(always)]
    fn span_and_text(&self, start: usize, line: usize) -> (Span, &'a str) {
        let end = self.pos;
        let text_start = if start == 0 {
            self.bom_len.min(end)
        } else {
            start
        };
        let span = Span {
            line,
            end_line: self.line_no,
            bytes: start..end,
        };
        (span, &self.input[text_start..end])
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<Message<'a>, Error>;

    // Inlined into the caller's loop, the message is built in the caller's own slot
    // rather than copied there.
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Borrowed(b) => b.next_item(),
            Inner::Repaired(r) => r.next_item(),
        }
    }
}

impl FusedIterator for Messages<'_> {}
