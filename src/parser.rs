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
            inner: Inner::Borrowed(Box::new(Borrowed::new(input, engine, bom_len))),
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

/// What the lines read since the last item make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Nothing,
    /// A record: its header is in [`Borrowed::headers`].
    Record,
    /// Text outside any message.
    Orphan,
}

#[derive(Debug)]
struct Borrowed<'a> {
    input: &'a str,
    engine: Engine,
    /// Byte offset of the next line; the first line starts after the BOM.
    pos: usize,
    line_finder: LineFinder,
    /// Lines read.
    line_no: usize,
    bom_len: usize,
    pending: Pending,
    /// Where the pending record's (or text's) first line starts, after the BOM.
    start: usize,
    /// Its first line's number.
    first_line: usize,
    /// What the pending record's lines said.
    lines: RecordLines,
    /// The pending record's header is in `headers[current]`; each line is scanned into
    /// the other slot, so that no header is copied, neither out of the scanner nor
    /// into the pending record.
    headers: [Header; 2],
    current: usize,
    /// How the last line read ended.
    last_ending: Ending,
    /// The first `'@'` at or after the start of the last record looked at (see
    /// [`Borrowed::has_at_sign`]), `usize::MAX` if none.
    next_at_sign: usize,
}

/// The first `'@'` of `bytes` at or after `from`, `usize::MAX` if none.
fn first_at_sign(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'@', &bytes[from..]).map_or(usize::MAX, |at| from + at)
}

impl<'a> Borrowed<'a> {
    fn new(input: &'a str, engine: Engine, bom_len: usize) -> Self {
        let header = engine.header_slot();
        Borrowed {
            input,
            engine,
            pos: bom_len,
            line_finder: LineFinder::new(),
            line_no: 0,
            bom_len,
            pending: Pending::Nothing,
            start: 0,
            first_line: 0,
            lines: RecordLines::new(0),
            headers: [header, header],
            current: 0,
            last_ending: Ending::None,
            // Not searched yet: the first record counts as holding one (its body is
            // searched), and the next one starts the search.
            next_at_sign: 0,
        }
    }

    #[inline]
    fn next_item(&mut self) -> Option<Result<Message<'a>, Error>> {
        let bytes = self.input.as_bytes();
        loop {
            let start = self.pos;
            // Bytes: cut at line breaks and after a whole BOM, so on character
            // boundaries, without checking it on every line. The scanner may read on
            // past the line.
            let text = bytes.get(start..).unwrap_or_default();
            // A BOM alone is a line, empty.
            if text.is_empty() && (self.line_no > 0 || self.bom_len == 0) {
                // The end: the last item, then `None` for ever.
                let item = self.finish(bytes.len(), self.line_no);
                self.pending = Pending::Nothing;
                return item;
            }
            let (len, ending) = self.line_finder.line_end(text);
            self.line_no += 1;
            self.engine.count_ending(ending);
            self.pos = start + len + ending.len();
            let previous_ending = mem::replace(&mut self.last_ending, ending);
            let slot = (self.current ^ 1) & 1;
            if self.engine.header_into(text, len, &mut self.headers[slot]) {
                // The finished record is read in place, its header in the other slot,
                // and its message returned as it is built.
                match self.pending {
                    Pending::Record => {
                        let item = self.finish(start, self.line_no - 1);
                        self.start_record(slot, start, len);
                        return item;
                    }
                    Pending::Nothing => self.start_record(slot, start, len),
                    Pending::Orphan => {
                        let item = self.finish(start, self.line_no - 1);
                        self.start_record(slot, start, len);
                        // `None` for a chunk wrapper, kept in the profile.
                        if item.is_some() {
                            return item;
                        }
                    }
                }
            } else {
                match self.pending {
                    Pending::Record => self.lines.continued(previous_ending),
                    Pending::Nothing => {
                        self.pending = Pending::Orphan;
                        self.start = start;
                        self.first_line = self.line_no;
                        // A first line already over the limit is a block of its own, as
                        // in `Reader`.
                        if let Some(item) = self.orphan_block_over_limit() {
                            return Some(item);
                        }
                    }
                    Pending::Orphan => {
                        if let Some(item) = self.orphan_block_over_limit() {
                            return Some(item);
                        }
                    }
                }
            }
        }
    }

    /// Makes the header line at `start`, of `len` bytes, whose header is in
    /// `headers[slot]`, the pending record.
    #[inline(always)]
    fn start_record(&mut self, slot: usize, start: usize, len: usize) {
        self.current = slot;
        self.pending = Pending::Record;
        self.start = start;
        self.first_line = self.line_no;
        self.lines = RecordLines::new(len);
    }

    /// Ends the pending text outside any message once it is over the limit, and returns
    /// its diagnostic.
    #[inline]
    fn orphan_block_over_limit(&mut self) -> Option<Result<Message<'a>, Error>> {
        if self.pos - self.start <= MAX_ORPHAN_BLOCK_BYTES {
            return None;
        }
        let block = self.finish(self.pos, self.line_no);
        self.pending = Pending::Nothing;
        block
    }

    /// Turns the pending record, now finished, into its item; `end` is the byte after
    /// its last line. The record is read in place (the caller replaces it).
    #[inline(always)]
    fn finish(&mut self, end: usize, end_line: usize) -> Option<Result<Message<'a>, Error>> {
        let start = self.start;
        // The first line's text starts after the BOM, its span at 0.
        let first = start == self.bom_len;
        let span = Span {
            line: self.first_line,
            end_line,
            bytes: if first { 0 } else { start }..end,
        };
        let text = &self.input[start..end];
        match self.pending {
            Pending::Record => {
                let lines = RecordLines {
                    at_sign: self.has_at_sign(start, end),
                    ..self.lines
                };
                let header = &self.headers[self.current & 1];
                Some(self.engine.build(header, text, lines, span))
            }
            Pending::Orphan => self.engine.preamble(text, span, first).map(Err),
            Pending::Nothing => None,
        }
    }

    /// Whether the record at `start..end` holds `'@'`, the mark of mentions, which most
    /// records have none of: then the body needs no search for them. Records come in
    /// order, so one search runs from each `'@'` to the next: over the whole input, a
    /// single pass at `memchr`'s speed, where a search of every body cost a call each.
    #[inline]
    fn has_at_sign(&mut self, start: usize, end: usize) -> bool {
        if self.next_at_sign < start {
            self.next_at_sign = first_at_sign(self.input.as_bytes(), start);
        }
        self.next_at_sign < end
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

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_and_texts<'m>(items: impl Iterator<Item = Result<Message<'m>, Error>>) -> Vec<String> {
        items
            .map(|item| match item {
                Ok(message) => format!("{:?} {:?}", message.span, message.text()),
                Err(error) => format!("{error:?}"),
            })
            .collect()
    }

    /// A chunk wrapper gives no item: the messages after it still come, as from
    /// `Reader`.
    #[test]
    fn messages_after_a_chunk_wrapper() {
        let data = "=== MÉTADONNÉES CHUNK ===\nMessages: 2\n\n=== CONTENU ===\n\
                    12/10/2024, 18:32 - A: x\n12/10/2024, 18:33 - B: y\n";
        let parsed = spans_and_texts(parse_str(data));
        assert_eq!(parsed.len(), 2, "{parsed:?}");
        let read = spans_and_texts(Reader::new(data.as_bytes()).messages());
        assert_eq!(parsed, read);
    }
}
