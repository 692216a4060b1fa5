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
use std::mem;

use crate::encoding;
use crate::engine::{self, Ending, Engine, LineFinder, RecordLines, MAX_ORPHAN_BLOCK_BYTES};
use crate::error::Error;
use crate::header::Header;
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
                pending: Pending::Nothing,
                last_ending: Ending::None,
                // Not searched yet: the first record counts as holding one (its body
                // is searched), and the next one starts the search.
                next_at_sign: 0,
                done: false,
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

/// The record being read.
#[derive(Debug)]
enum Pending {
    Nothing,
    Record {
        header: Header,
        start: usize,
        line: usize,
        lines: RecordLines,
    },
    Orphan {
        start: usize,
        line: usize,
    },
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
    pending: Pending,
    /// How the last line read ended.
    last_ending: Ending,
    /// The first `'@'` at or after the start of the last record looked at (see
    /// [`Finisher::has_at_sign`]), `usize::MAX` if none.
    next_at_sign: usize,
    done: bool,
}

/// The first `'@'` of `bytes` at or after `from`, `usize::MAX` if none.
fn first_at_sign(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'@', &bytes[from..]).map_or(usize::MAX, |at| from + at)
}

impl<'a> Borrowed<'a> {
    #[inline]
    fn next_item(&mut self) -> Option<Result<Message<'a>, Error>> {
        let bytes = self.input.as_bytes();
        while !self.done {
            if self.pos >= bytes.len() {
                self.done = true;
                return self.finish(bytes.len(), self.line_no);
            }
            let start = self.pos;
            let (len, ending) = self.line_finder.line_end(&bytes[start..]);
            // Bytes: cut at line breaks and after a whole BOM, so on character
            // boundaries, without checking it on every line.
            let line = if start == 0 {
                &bytes[self.bom_len.min(len)..len]
            } else {
                &bytes[start..start + len]
            };
            self.line_no += 1;
            self.engine.count_ending(ending);
            self.pos = start + len + ending.len();
            let previous_ending = mem::replace(&mut self.last_ending, ending);
            if let Some(header) = self.engine.header(line) {
                let record = Pending::Record {
                    header,
                    start,
                    line: self.line_no,
                    lines: RecordLines::new(line.len()),
                };
                // The finished record is read in place, and replaced once its message
                // is built: moving a record out costs a copy of its header.
                if !matches!(self.pending, Pending::Nothing) {
                    let item = self.finish(start, self.line_no - 1);
                    self.pending = record;
                    return item;
                }
                self.pending = record;
            } else {
                match &mut self.pending {
                    Pending::Record { lines, .. } => lines.continued(previous_ending),
                    Pending::Nothing => {
                        self.pending = Pending::Orphan {
                            start,
                            line: self.line_no,
                        };
                        // A first line already over the limit is a block of its own, as
                        // in `Reader`.
                        if self.pos - start > MAX_ORPHAN_BLOCK_BYTES {
                            let block = self.finish(self.pos, self.line_no);
                            self.pending = Pending::Nothing;
                            if let Some(item) = block {
                                return Some(item);
                            }
                        }
                    }
                    Pending::Orphan { start, .. } if self.pos - *start > MAX_ORPHAN_BLOCK_BYTES => {
                        let block = self.finish(self.pos, self.line_no);
                        self.pending = Pending::Nothing;
                        if let Some(item) = block {
                            return Some(item);
                        }
                    }
                    Pending::Orphan { .. } => {}
                }
            }
        }
        None
    }

    /// Turns the pending record, now finished, into its item; `end` is the byte after
    /// its last line. The record is read in place (the caller replaces it): moving a
    /// `Pending` out costs a copy of its header per message.
    #[inline(always)]
    fn finish(&mut self, end: usize, end_line: usize) -> Option<Result<Message<'a>, Error>> {
        let finisher = Finisher {
            engine: &mut self.engine,
            input: self.input,
            bom_len: self.bom_len,
            next_at_sign: &mut self.next_at_sign,
        };
        finisher.finish(&self.pending, end, end_line)
    }
}

/// The parts of [`Borrowed`] that turn a record into its item, borrowed apart from the
/// record itself, which is read where it is.
struct Finisher<'s, 'a> {
    engine: &'s mut Engine,
    input: &'a str,
    bom_len: usize,
    /// See [`Borrowed::next_at_sign`].
    next_at_sign: &'s mut usize,
}

impl<'a> Finisher<'_, 'a> {
    /// Whether the record at `start..end` holds `'@'`, the mark of mentions, which most
    /// records have none of: then the body needs no search for them. Records come in
    /// order, so one search runs from each `'@'` to the next: over the whole input, a
    /// single pass at `memchr`'s speed, where a search of every body cost a call each.
    #[inline]
    fn has_at_sign(&mut self, start: usize, end: usize) -> bool {
        if *self.next_at_sign < start {
            *self.next_at_sign = first_at_sign(self.input.as_bytes(), start);
        }
        *self.next_at_sign < end
    }

    /// The item of `pending`, finished: see [`Borrowed::finish`].
    #[inline(always)]
    fn finish(
        mut self,
        pending: &Pending,
        end: usize,
        end_line: usize,
    ) -> Option<Result<Message<'a>, Error>> {
        let (start, line) = match *pending {
            Pending::Nothing => return None,
            Pending::Record { start, line, .. } | Pending::Orphan { start, line } => (start, line),
        };
        let span = Span {
            line,
            end_line,
            bytes: start..end,
        };
        let text_start = if start == 0 {
            self.bom_len.min(end)
        } else {
            start
        };
        let text = &self.input[text_start..end];
        match pending {
            Pending::Record { header, lines, .. } => {
                let lines = RecordLines {
                    at_sign: self.has_at_sign(start, end),
                    ..*lines
                };
                Some(self.engine.build(header, text, lines, span))
            }
            Pending::Orphan { .. } => self.engine.preamble(text, span, start == 0).map(Err),
            Pending::Nothing => None,
        }
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
