//! The streaming shell: [`Reader`] reads any [`BufRead`] a block at a time and yields
//! owned messages, holding one message (and, at the start, the first MiB used to
//! detect the layout) in memory.
//!
//! > Every record starts with a header. Lines that do not start with a header are
//! > continuation lines of the previous record, blank lines included.
//! > (format reference, section 2)
//!
//! Bytes are read in blocks of up to 64 KiB into the reader's own buffer (a
//! `BufReader` with an empty buffer hands such reads straight to the file). Each
//! block is checked for UTF-8 in one call and appended to a text buffer; records are
//! then found in that text as [`parse_str`](crate::parse_str) finds them in its input,
//! each message is built borrowed from it and made owned once (or copied into the
//! caller's message by [`Reader::read_message_into`], whose strings are reused, so
//! that no message costs an allocation). Only the record still
//! open at the end of a block (and the start of its unfinished line) is kept for the
//! next block, so memory grows with the longest message, not with the file.
//!
//! A line that is not UTF-8 is reported with its bytes and parsing goes on with the
//! next one. It ends the message it was in: a message's span holds only its text, and
//! no guess (U+FFFD) enters a text. The continuation lines after it, until the next
//! header, are reported as detached text, so nothing is lost and the spans still tile
//! the input. A zip archive (the export's media archive given instead of its text) is
//! one diagnostic for the whole input. A file whose encoding needs repair goes line by
//! line: each line is repaired on its own, so its record is rebuilt from the repaired
//! lines.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::iter::FusedIterator;
use std::mem;
use std::path::Path;

use crate::encoding::{self, EncodingRepair};
use crate::engine::{
    self, Ending, Engine, LineFinder, RecordLines, MAX_ORPHAN_BLOCK_BYTES, WINDOW_BYTES,
};
use crate::error::Error;
use crate::header::Header;
use crate::message::{Message, OwnedMessage, Span};
use crate::options::ParseOptions;
use crate::profile::Profile;

/// Reads an export from a stream and yields owned messages.
///
/// ```
/// use whatsapp_export::Reader;
///
/// let data = "[15/08/2024 14:20:56] Inès: Bonjour\r\n[15/08/2024 14:21:03] Hugo: Salut\r\n";
/// let mut reader = Reader::new(data.as_bytes());
/// let authors: Vec<String> = reader
///     .messages()
///     .map(|m| m.map(|m| m.author().unwrap_or_default().to_owned()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(authors, ["Inès", "Hugo"]);
/// assert_eq!(reader.profile().unwrap().layout.as_deref(), Some("[DD/MM/YYYY HH:MM:SS] "));
/// # Ok::<(), whatsapp_export::Error>(())
/// ```
#[derive(Debug)]
pub struct Reader<R> {
    inner: R,
    options: ParseOptions,
    engine: Option<Engine>,
    /// Bytes read and not yet parsed (nor, on the fast path, moved into the text).
    input: Input,
    shell: Shell,
    /// Items found together (a record and the unreadable line that ended it), waiting
    /// to be yielded one by one.
    out: VecDeque<Result<OwnedMessage, Error>>,
    finished: bool,
}

/// How the lines are parsed, decided once the detection window is read.
#[derive(Debug)]
enum Shell {
    /// Nothing read yet.
    Start,
    /// The fast path: blocks checked for UTF-8 at once, records borrowed from them.
    Text(Box<Records>),
    /// Line by line: a file whose encoding is repaired (each line on its own), or a
    /// zip archive whose lines are only counted.
    Lines(Assembly),
}

/// Item of the iteration.
type Item = Result<OwnedMessage, Error>;

/// Where a message read goes: made owned ([`Take`]), or into the caller's message,
/// reusing its memory ([`Reuse`]).
trait Sink {
    type Out;
    /// A message borrowed from the reader's text; its parts may be taken.
    fn borrowed(self, message: &mut Message<'_>) -> Self::Out;
    /// A message already owned (built off the hot path).
    fn owned(self, message: OwnedMessage) -> Self::Out;
}

/// The iterators' and [`Reader::read_message`]'s sink: a new owned message.
struct Take;

impl Sink for Take {
    type Out = OwnedMessage;

    #[inline(always)]
    fn borrowed(self, message: &mut Message<'_>) -> OwnedMessage {
        message.take_owned()
    }

    fn owned(self, message: OwnedMessage) -> OwnedMessage {
        message
    }
}

/// [`Reader::read_message_into`]'s sink.
struct Reuse<'m>(&'m mut OwnedMessage);

impl Sink for Reuse<'_> {
    type Out = ();

    #[inline(always)]
    fn borrowed(self, message: &mut Message<'_>) {
        self.0.assign_owned(message);
    }

    fn owned(self, message: OwnedMessage) {
        *self.0 = message;
    }
}

/// The most bytes asked of the underlying reader at once. `BufReader::read` passes a
/// request at least as large as its buffer (8 KiB by default) straight to the file
/// when its buffer is empty, so the bytes are copied once, into this reader's buffer;
/// and 64 KiB stay in the cache between their UTF-8 check, their copy into the text
/// and their parse.
const READ_BYTES: usize = 64 << 10;

/// A text buffer holding more than this after its records are gone is shrunk, so one
/// huge message does not hold its memory for the rest of the file.
const MAX_KEPT_TEXT_BYTES: usize = 2 << 20;

/// The bytes read from the underlying reader and not yet taken.
#[derive(Debug, Default)]
struct Input {
    /// Initialized storage: `buf[start..end]` are the bytes held.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// The underlying reader reported its end.
    eof: bool,
    /// A read error met while filling the detection window, reported once the lines
    /// read before it are parsed.
    error: Option<io::Error>,
}

impl Input {
    fn bytes(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
    }

    /// Reads up to [`READ_BYTES`] more after the bytes held (moved to the front first);
    /// `Ok(0)` at the end.
    fn read_more<R: Read>(&mut self, inner: &mut R) -> io::Result<usize> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.eof {
            return Ok(0);
        }
        self.shrink();
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() - self.end < READ_BYTES {
            self.buf.resize(self.end + READ_BYTES, 0);
        }
        let room = &mut self.buf[self.end..self.end + READ_BYTES];
        let n = loop {
            match inner.read(room) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.end += n;
        self.eof = n == 0;
        Ok(n)
    }

    /// Gives back the memory of a large buffer once it holds little (after the
    /// detection window, or a huge line).
    fn shrink(&mut self) {
        if self.buf.len() > 2 * READ_BYTES && self.end - self.start <= READ_BYTES {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            self.buf.truncate(2 * READ_BYTES);
            self.buf.shrink_to_fit();
        }
    }
}

/// The next whole line of `input`, reading more as needed: its length without the
/// ending, and the ending. `Ok(None)` at the end. A `\r` ending the bytes read is only
/// a line end once the next byte is known not to be `\n`.
fn next_raw_line<R: Read>(input: &mut Input, inner: &mut R) -> io::Result<Option<(usize, Ending)>> {
    // Bytes already searched, relative to `input.start` (which `read_more` moves to 0
    // without moving the bytes' order).
    let mut searched = 0;
    loop {
        let bytes = input.bytes();
        match memchr::memchr2(b'\n', b'\r', &bytes[searched..]).map(|i| i + searched) {
            Some(i) if bytes[i] == b'\n' => return Ok(Some((i, Ending::Lf))),
            Some(i) if i + 1 < bytes.len() => {
                let ending = if bytes[i + 1] == b'\n' {
                    Ending::Crlf
                } else {
                    Ending::Cr
                };
                return Ok(Some((i, ending)));
            }
            Some(i) if input.eof => return Ok(Some((i, Ending::Cr))),
            Some(i) => searched = i,
            None if input.eof => {
                return Ok((!bytes.is_empty()).then_some((bytes.len(), Ending::None)));
            }
            None => searched = bytes.len(),
        }
        input.read_more(inner)?;
    }
}

/// The length of the whole lines at the start of `buffer`: up to its last line ending,
/// unless that is a `\r` ending the buffer, which may be the first half of a `\r\n`.
fn whole_lines_len(buffer: &[u8]) -> usize {
    let mut end = buffer.len();
    loop {
        let Some(i) = memchr::memrchr2(b'\n', b'\r', &buffer[..end]) else {
            return 0;
        };
        if buffer[i] == b'\r' && i + 1 == buffer.len() {
            end = i;
            continue;
        }
        return i + 1;
    }
}

/// The bytes of `input` ready to be checked for UTF-8: all of them at the end of the
/// input, else those before a character cut by the last read.
fn ready_len(input: &Input) -> usize {
    let bytes = input.bytes();
    if input.eof {
        bytes.len()
    } else {
        complete_chars_len(bytes)
    }
}

/// The length of `bytes` without an incomplete UTF-8 character at its end, whose rest
/// may come with the next read: checking the bytes up to there then fails only on
/// bytes that are not UTF-8 whatever follows.
fn complete_chars_len(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // The last byte that is not a continuation byte (0b10xx_xxxx), among the last four.
    for back in 1..=len.min(4) {
        let b = bytes[len - back];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let width = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if back < width { len - back } else { len };
    }
    len
}

impl Reader<BufReader<File>> {
    /// Opens a file, with every option detected from the data.
    pub fn from_path(path: impl AsRef<Path>) -> io::Result<Self> {
        Ok(Reader::new(BufReader::new(File::open(path)?)))
    }
}

impl<R: BufRead> Reader<R> {
    /// A reader with every option detected from the data. Nothing is read until the
    /// first message is asked for.
    pub fn new(reader: R) -> Self {
        Reader::with_options(reader, ParseOptions::new())
    }

    pub(crate) fn with_options(reader: R, options: ParseOptions) -> Self {
        Reader {
            inner: reader,
            options,
            engine: None,
            input: Input::default(),
            shell: Shell::Start,
            out: VecDeque::new(),
            finished: false,
        }
    }

    /// An iterator over the messages, borrowing the reader.
    pub fn messages(&mut self) -> MessagesIter<'_, R> {
        MessagesIter { reader: self }
    }

    /// An iterator over the messages, owning the reader.
    pub fn into_messages(self) -> MessagesIntoIter<R> {
        MessagesIntoIter { reader: self }
    }

    /// Reads the next message; `Ok(None)` at the end. A diagnostic is returned as
    /// `Err` and the next call goes on after it, unless it is fatal.
    pub fn read_message(&mut self) -> Result<Option<OwnedMessage>, Error> {
        self.next_item().transpose()
    }

    /// What was learned about the export so far; `None` before the first read.
    pub fn profile(&self) -> Option<Profile> {
        self.engine.as_ref().map(Engine::profile)
    }

    pub(crate) fn profile_or_default(&self) -> Profile {
        match &self.engine {
            Some(engine) => engine.profile(),
            None => Engine::new(
                engine::detect(std::iter::empty(), &self.options),
                &self.options,
                false,
                None,
            )
            .profile(),
        }
    }

    /// The number of lines read so far.
    pub fn line(&self) -> usize {
        match &self.shell {
            Shell::Start => 0,
            Shell::Text(records) => records.line_no,
            Shell::Lines(asm) => asm.line_no,
        }
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The underlying reader, giving up the reader's state.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Reads the next message into `message`, reusing the memory of its text and
    /// author: `Ok(true)` when a message was read, `Ok(false)` at the end. A
    /// diagnostic is returned as `Err` (`message` is then left as it was) and the next
    /// call goes on after it, unless it is fatal.
    ///
    /// This is the fastest way through a file: the iterators and
    /// [`read_message`](Self::read_message) allocate the text and the author of every
    /// message, which costs about as much as parsing it (the same trade as
    /// `csv::Reader::read_record`).
    ///
    /// ```
    /// let data = "12/10/2024, 18:32 - Rochane: Salut\n12/10/2024, 18:33 - Léa: Coucou\n";
    /// let mut reader = whatsapp_export::Reader::new(data.as_bytes());
    /// let mut message = whatsapp_export::OwnedMessage::default();
    /// let mut authors = Vec::new();
    /// while reader.read_message_into(&mut message)? {
    ///     authors.push(message.author().unwrap_or_default().to_owned());
    /// }
    /// assert_eq!(authors, ["Rochane", "Léa"]);
    /// # Ok::<(), whatsapp_export::Error>(())
    /// ```
    pub fn read_message_into(&mut self, message: &mut OwnedMessage) -> Result<bool, Error> {
        match self.next_with(Reuse(message)) {
            Some(Ok(())) => Ok(true),
            Some(Err(e)) => Err(e),
            None => Ok(false),
        }
    }

    pub(crate) fn next_item(&mut self) -> Option<Item> {
        self.next_with(Take)
    }

    /// The next item, its message handed to `sink`.
    #[inline]
    fn next_with<S: Sink>(&mut self, mut sink: S) -> Option<Result<S::Out, Error>> {
        // The hot path: a message is built into the caller's hands. It is over 200
        // bytes, and each function it is returned through would copy it.
        let mut item = None;
        if let (Shell::Text(records), Some(engine), true) = (
            &mut self.shell,
            &mut self.engine,
            self.out.is_empty() && !self.finished,
        ) {
            if let Some(end) = records.parse(engine) {
                match records.close_record(engine, end, sink) {
                    Ok(built) => return Some(built),
                    // Text outside any message: the sink comes back.
                    Err(unused) => sink = unused,
                }
                item = records.close(engine, end);
            }
        }
        item.or_else(|| self.next_queued())
            .map(|item| item.map(|owned| sink.owned(owned)))
    }

    /// [`next_with`](Self::next_with) past its hot path: diagnostics, the queue, the
    /// ends of blocks, the line-by-line shell.
    fn next_queued(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            let Some(engine) = self.engine.as_mut() else {
                self.start();
                continue;
            };
            match &mut self.shell {
                Shell::Text(records) => {
                    let item = records.next_item(
                        engine,
                        &mut self.input,
                        &mut self.inner,
                        &mut self.out,
                        &mut self.finished,
                    );
                    if item.is_some() {
                        return item;
                    }
                }
                Shell::Lines(asm) => match next_raw_line(&mut self.input, &mut self.inner) {
                    Ok(Some((len, ending))) => {
                        asm.push_line(engine, &self.input.bytes()[..len], ending, &mut self.out);
                        self.input.consume(len + ending.len());
                    }
                    Ok(None) => {
                        asm.finish_all(engine, None, &mut self.out);
                        self.finished = true;
                    }
                    Err(source) => {
                        asm.finish_all(engine, Some(source), &mut self.out);
                        self.finished = true;
                    }
                },
                // `start` always leaves another shell.
                Shell::Start => self.finished = true,
            }
        }
    }

    /// Reads the detection window, decides the encoding and the layout, and picks the
    /// shell.
    fn start(&mut self) {
        // The window is the lines starting in the first MiB: read until the line
        // holding its last byte has ended (the byte after a `\r` known).
        let mut searched = 0;
        while !self.input.eof {
            let bytes = self.input.bytes();
            if bytes.len() >= WINDOW_BYTES {
                let from = searched.max(WINDOW_BYTES - 1);
                match memchr::memchr2(b'\n', b'\r', &bytes[from..]).map(|i| i + from) {
                    Some(i) if bytes[i] == b'\n' || i + 1 < bytes.len() => break,
                    Some(i) => searched = i,
                    None => searched = bytes.len(),
                }
            }
            if let Err(e) = self.input.read_more(&mut self.inner) {
                self.input.error = Some(e);
                break;
            }
        }
        let head = self.input.bytes();
        // After a read error, the unfinished last line is not read: it is not parsed
        // either (see `Records::next_item`).
        let window_end = if self.input.eof {
            head.len()
        } else {
            whole_lines_len(head)
        };
        let window = &head[..window_end];
        let bom = window.starts_with("\u{FEFF}".as_bytes());
        let zip = engine::is_zip(window);
        let repair = if self.options.repair_encoding {
            encoding::detect(&engine::encoding_sample(window))
        } else {
            None
        };
        let fast = !zip && repair.is_none();
        let mut records = Records::default();
        let detection = match simdutf8::compat::from_utf8(window) {
            // The fast path's text starts with the window, checked once.
            Ok(text) if fast => {
                records.text.push_str(text);
                self.input.consume(window_end);
                self.input.shrink();
                // The window ends with a whole line: a byte after it is not `\n`.
                records.end = TextEnd::after(&self.input);
                engine::detect(engine::window_lines(&records.text), &self.options)
            }
            _ => {
                let texts: Vec<Cow<'_, str>> = RawLines::new(window)
                    .filter_map(|(start, line)| {
                        let text = std::str::from_utf8(line).ok()?;
                        let text = if start == 0 {
                            engine::strip_bom(text)
                        } else {
                            text
                        };
                        Some(match repair {
                            Some(how) => Cow::Owned(encoding::repair(text, how).into_owned()),
                            None => Cow::Borrowed(text),
                        })
                    })
                    .collect();
                engine::detect(texts.iter().map(|t| &**t), &self.options)
            }
        };
        let engine = self
            .engine
            .insert(Engine::new(detection, &self.options, bom, repair));
        if zip {
            let mut asm = Assembly::default();
            skip_zip(
                engine,
                &mut self.input,
                &mut self.inner,
                &mut asm,
                &mut self.out,
            );
            self.shell = Shell::Lines(asm);
            self.finished = true;
        } else if fast {
            self.shell = Shell::Text(Box::new(records));
        } else {
            self.shell = Shell::Lines(Assembly {
                repair,
                ..Assembly::default()
            });
        }
    }
}

/// The lines of the detection window (those starting in its first MiB) with their
/// offsets; the window holds only whole lines.
struct RawLines<'a> {
    window: &'a [u8],
    pos: usize,
}

impl<'a> RawLines<'a> {
    fn new(window: &'a [u8]) -> Self {
        RawLines { window, pos: 0 }
    }
}

impl<'a> Iterator for RawLines<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.window.len() || self.pos >= WINDOW_BYTES {
            return None;
        }
        let start = self.pos;
        let (len, ending) = engine::line_end(&self.window[start..]);
        self.pos = start + len + ending.len();
        Some((start, &self.window[start..start + len]))
    }
}

/// A zip archive is one diagnostic over the whole input: reads to the end keeping only
/// the count of lines and bytes (one line at a time in memory).
fn skip_zip<R: Read>(
    engine: &mut Engine,
    input: &mut Input,
    inner: &mut R,
    asm: &mut Assembly,
    out: &mut VecDeque<Item>,
) {
    let error = loop {
        match next_raw_line(input, inner) {
            Ok(Some((len, ending))) => {
                asm.pos += len + ending.len();
                asm.line_no += 1;
                engine.count_ending(ending);
                input.consume(len + ending.len());
            }
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    out.push_back(Err(Error::ZipArchive {
        span: Span {
            line: 1,
            end_line: asm.line_no,
            bytes: 0..asm.pos,
        },
    }));
    if let Some(source) = error {
        out.push_back(Err(Error::Io {
            line: asm.line_no,
            source,
        }));
    }
}

/// The record being read on the fast path, by its offset in the input.
#[derive(Debug, Default)]
enum Open {
    #[default]
    Nothing,
    Record {
        header: Header,
        start: usize,
        line: usize,
        lines: RecordLines,
    },
    /// Text before the first header.
    Orphan { start: usize, line: usize },
    /// Lines cut off from their message by an unreadable line.
    Detached { start: usize, line: usize },
}

/// Where the text read so far ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextEnd {
    /// More bytes may follow: the unfinished last line, or a last `\r` that may be
    /// the first half of a `\r\n`, waits for them.
    More,
    /// The input goes on with bytes already read, the first of which is not `\n` (the
    /// start of a character cut by a read, or what follows the detection window): the
    /// unfinished last line waits for the rest, and a last `\r` ends a line.
    Continues,
    /// The input goes on with bytes that are not UTF-8: the unfinished last line is
    /// the start of an unreadable line, and a last `\r` ends a line.
    Unreadable,
    /// The input ends here: the unfinished last line is its last line.
    End,
}

impl TextEnd {
    /// Where the text ends when all of it is UTF-8 and `input` holds what follows it.
    fn after(input: &Input) -> TextEnd {
        if input.start < input.end {
            TextEnd::Continues
        } else if input.eof {
            TextEnd::End
        } else {
            TextEnd::More
        }
    }
}

/// The fast path's state: the text of the open record and of the block being parsed.
#[derive(Debug)]
struct Records {
    /// UTF-8 bytes of the input from offset `base`, without a gap: the open record from
    /// its first line, then the lines not yet parsed.
    text: String,
    base: usize,
    /// Where the next line starts in `text`.
    cursor: usize,
    /// Length of the BOM that starts the first line, left out of its text.
    bom_len: usize,
    /// The open block is `blocks[current & 1]`. The other slot holds the record whose
    /// header ended the open block while that one is closed, then the closed one: no
    /// block is moved, as a message is built from one (see [`Records::close_record`]).
    blocks: [Open; 2],
    current: usize,
    /// How the last line parsed ended.
    last_ending: Ending,
    /// After an unreadable line, continuation lines have no message to join.
    detached: bool,
    /// Lines parsed.
    line_no: usize,
    /// Where `text` ends.
    end: TextEnd,
    /// Bytes of the line at `cursor` already searched for its end: a long line read
    /// in many blocks is searched once.
    searched: usize,
    finder: LineFinder,
}

impl Default for Records {
    fn default() -> Self {
        Records {
            text: String::new(),
            base: 0,
            cursor: 0,
            bom_len: 0,
            blocks: [Open::Nothing, Open::Nothing],
            current: 0,
            last_ending: Ending::None,
            detached: false,
            line_no: 0,
            end: TextEnd::More,
            searched: 0,
            finder: LineFinder::new(),
        }
    }
}

impl Records {
    /// The next item: parses the text's whole lines, then takes more bytes from the
    /// input. `None` when the input is over (`finished` set) or items were queued in
    /// `out`.
    fn next_item<R: Read>(
        &mut self,
        engine: &mut Engine,
        input: &mut Input,
        inner: &mut R,
        out: &mut VecDeque<Item>,
        finished: &mut bool,
    ) -> Option<Item> {
        loop {
            if let Some(end) = self.parse(engine) {
                let item = self.close(engine, end);
                if item.is_some() {
                    return item;
                }
                continue;
            }
            match self.end {
                TextEnd::End => {
                    *finished = true;
                    return self.finish(engine, self.base + self.cursor, self.line_no);
                }
                // The unreadable line's bytes from the first that is not UTF-8.
                TextEnd::Unreadable => match next_raw_line(input, inner) {
                    Ok(Some((len, ending))) => {
                        self.unreadable(engine, &input.bytes()[..len], ending, out);
                        input.consume(len + ending.len());
                        self.end = TextEnd::More;
                        return None;
                    }
                    // `next_raw_line` reads until the line ends, or the input does.
                    Ok(None) => self.end = TextEnd::End,
                    Err(source) => {
                        self.fail(engine, source, out, finished);
                        return None;
                    }
                },
                TextEnd::More | TextEnd::Continues => {
                    if let Err(source) = self.take(input, inner) {
                        self.fail(engine, source, out, finished);
                        return None;
                    }
                }
            }
        }
    }

    /// Moves the UTF-8 bytes at the front of `input` into the text, reading more
    /// first if it holds none; sets `end` when it is known.
    fn take<R: Read>(&mut self, input: &mut Input, inner: &mut R) -> io::Result<()> {
        let mut len = ready_len(input);
        if len == 0 && !input.eof {
            input.read_more(inner)?;
            len = ready_len(input);
        }
        let mut unreadable = false;
        if len > 0 {
            self.compact();
            let bytes = &input.bytes()[..len];
            // simdutf8 checks valid text several times faster than `std` (it is the
            // Reader's largest cost after parsing). Its `compat` flavour stops at the
            // first invalid byte and says where: a block full of unreadable lines is
            // then checked once in all, a line at a time, not once per line.
            let checked = match simdutf8::compat::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    unreadable = true;
                    // Checked twice, but only up to the first unreadable byte.
                    std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
                }
            };
            self.text.push_str(checked);
            let taken = checked.len();
            input.consume(taken);
        }
        self.end = if unreadable {
            TextEnd::Unreadable
        } else {
            TextEnd::after(input)
        };
        Ok(())
    }

    /// Drops the text before the open record (or before the next line when none is
    /// open), so the text holds what is still needed.
    fn compact(&mut self) {
        let keep = match self.blocks[self.current & 1] {
            Open::Nothing => self.base + self.cursor,
            Open::Record { start, .. }
            | Open::Orphan { start, .. }
            | Open::Detached { start, .. } => start,
        };
        let drop = keep - self.base;
        if drop == 0 {
            return;
        }
        self.text.drain(..drop);
        self.base = keep;
        self.cursor -= drop;
        if self.text.capacity() > MAX_KEPT_TEXT_BYTES && self.text.len() < MAX_KEPT_TEXT_BYTES / 2 {
            self.text.shrink_to(MAX_KEPT_TEXT_BYTES / 2);
        }
    }

    /// Parses the text's whole lines until the open record (or block of text) is over:
    /// returns where it ends, the offset after its last line and that line's number;
    /// the block that follows it waits in the other slot of `blocks`. `None` when the
    /// lines run out.
    #[inline]
    fn parse(&mut self, engine: &mut Engine) -> Option<(usize, usize)> {
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        while self.cursor < bytes.len() {
            let at = self.cursor;
            let (len, ending) = self.finder.line_end(&bytes[at + self.searched..]);
            let len = len + self.searched;
            let next = at + len + ending.len();
            match ending {
                Ending::None if self.end != TextEnd::End => {
                    self.searched = len;
                    return None;
                }
                Ending::Cr if next == bytes.len() && self.end == TextEnd::More => {
                    self.searched = len;
                    return None;
                }
                _ => self.searched = 0,
            }
            let start = self.base + at;
            let line = if start == 0 {
                let line = engine::strip_bom(&text[..len]);
                self.bom_len = len - line.len();
                line
            } else {
                &text[at..at + len]
            };
            self.line_no += 1;
            engine.count_ending(ending);
            self.cursor = next;
            let previous_ending = mem::replace(&mut self.last_ending, ending);
            if let Some(header) = engine.header(line.as_bytes()) {
                let record = Open::Record {
                    header,
                    start,
                    line: self.line_no,
                    lines: RecordLines::new(line.len()),
                };
                self.detached = false;
                let current = self.current & 1;
                if let Open::Nothing = self.blocks[current] {
                    self.blocks[current] = record;
                    continue;
                }
                self.blocks[current ^ 1] = record;
                return Some((start, self.line_no - 1));
            }
            let pos = self.base + next;
            let open = &mut self.blocks[self.current & 1];
            let block = match open {
                Open::Record { lines, .. } => {
                    lines.continued(previous_ending);
                    continue;
                }
                Open::Nothing => {
                    *open = if self.detached {
                        Open::Detached {
                            start,
                            line: self.line_no,
                        }
                    } else {
                        Open::Orphan {
                            start,
                            line: self.line_no,
                        }
                    };
                    start
                }
                Open::Orphan { start, .. } | Open::Detached { start, .. } => *start,
            };
            // Text outside any message is reported in blocks, as in `parse_str`.
            if pos - block > MAX_ORPHAN_BLOCK_BYTES {
                self.blocks[(self.current & 1) ^ 1] = Open::Nothing;
                return Some((pos, self.line_no));
            }
        }
        None
    }

    /// [`Records::close`] when the open block is a record: its message (or its
    /// diagnostic) handed to `sink`; `Err(sink)` when the block is text outside any
    /// message.
    #[inline(always)]
    fn close_record<S: Sink>(
        &mut self,
        engine: &mut Engine,
        (end, end_line): (usize, usize),
        sink: S,
    ) -> Result<Result<S::Out, Error>, S> {
        let current = self.current & 1;
        let Open::Record {
            header,
            start,
            line,
            lines,
        } = &self.blocks[current]
        else {
            return Err(sink);
        };
        let (start, line) = (*start, *line);
        // The block that follows is open from now: the message is then the last
        // thing built, in the caller's hands.
        self.current ^= 1;
        let span = Span {
            line,
            end_line,
            bytes: start..end,
        };
        let from = start - self.base + if start == 0 { self.bom_len } else { 0 };
        let text = &self.text[from..end - self.base];
        let mut built = engine.build(header, text, *lines, span);
        Ok(match &mut built {
            Ok(message) => Ok(sink.borrowed(message)),
            // An impossible date or time: the diagnostic as built.
            Err(_) => built.map(|message| sink.owned(message.into_owned())),
        })
    }

    /// The item of the open record (or block of text), which ends at `end` (see
    /// [`Records::parse`]); the record that followed it is opened.
    fn close(&mut self, engine: &mut Engine, (end, end_line): (usize, usize)) -> Option<Item> {
        let item = self.finish(engine, end, end_line);
        self.blocks[self.current & 1] = Open::Nothing;
        self.current ^= 1;
        item
    }

    /// The item of the open record (or block of text), now finished: the caller then
    /// closes it. `end` is the offset after its last line, `end_line` that line's
    /// number.
    #[inline]
    fn finish(&self, engine: &mut Engine, end: usize, end_line: usize) -> Option<Item> {
        let open = &self.blocks[self.current & 1];
        let (start, line) = match *open {
            Open::Nothing => return None,
            Open::Record { start, line, .. }
            | Open::Orphan { start, line }
            | Open::Detached { start, line } => (start, line),
        };
        let span = Span {
            line,
            end_line,
            bytes: start..end,
        };
        let from = start - self.base + if start == 0 { self.bom_len } else { 0 };
        let text = &self.text[from..end - self.base];
        match open {
            Open::Record { header, lines, .. } => match engine.build(header, text, *lines, span) {
                Ok(message) => Some(Ok(message.into_owned())),
                Err(e) => Some(Err(e)),
            },
            Open::Orphan { .. } => engine.preamble(text, span, start == 0).map(Err),
            Open::Detached { .. } => Some(Err(Error::DetachedText {
                span,
                text: engine::join_lines(text),
            })),
            Open::Nothing => None,
        }
    }

    /// An unreadable line: the unfinished end of the text, then `rest` (its bytes in
    /// the input) and `ending`. It ends the open record; the text starts again after
    /// it.
    fn unreadable(
        &mut self,
        engine: &mut Engine,
        rest: &[u8],
        ending: Ending,
        out: &mut VecDeque<Item>,
    ) {
        let start = self.base + self.cursor;
        let mut bytes = self.text.as_bytes()[self.cursor..].to_vec();
        bytes.extend_from_slice(rest);
        let end = start + bytes.len() + ending.len();
        // The lines after it were part of a message only if one had begun: text before
        // the first header stays text before the first header.
        self.detached |= matches!(self.blocks[self.current & 1], Open::Record { .. });
        out.extend(self.finish(engine, start, self.line_no));
        self.line_no += 1;
        engine.count_ending(ending);
        self.last_ending = ending;
        out.push_back(Err(Error::InvalidUtf8 {
            span: Span {
                line: self.line_no,
                end_line: self.line_no,
                bytes: start..end,
            },
            bytes,
        }));
        self.blocks[self.current & 1] = Open::Nothing;
        self.text.clear();
        self.base = end;
        self.cursor = 0;
        self.searched = 0;
    }

    /// A read error: the open record ends with the last whole line, then the error
    /// ends the iteration. An unfinished line is not read.
    fn fail(
        &mut self,
        engine: &mut Engine,
        source: io::Error,
        out: &mut VecDeque<Item>,
        finished: &mut bool,
    ) {
        out.extend(self.finish(engine, self.base + self.cursor, self.line_no));
        self.blocks[self.current & 1] = Open::Nothing;
        out.push_back(Err(Error::Io {
            line: self.line_no,
            source,
        }));
        *finished = true;
    }
}

/// The record being read line by line.
#[derive(Debug, Default)]
enum Pending {
    #[default]
    Nothing,
    Record {
        header: Header,
        start: usize,
        line: usize,
        lines: RecordLines,
        /// How the record's last line so far ended.
        last_ending: Ending,
        text: String,
    },
    Orphan {
        start: usize,
        line: usize,
        text: String,
    },
    Detached {
        start: usize,
        line: usize,
        text: String,
    },
}

/// The line-by-line parsing state: what has been read, and the record being built from
/// its (repaired) lines.
#[derive(Debug, Default)]
struct Assembly {
    repair: Option<EncodingRepair>,
    /// Byte offset of the next line.
    pos: usize,
    /// Lines read.
    line_no: usize,
    pending: Pending,
    /// After an unreadable line, continuation lines have no message to join.
    detached: bool,
}

impl Assembly {
    /// Adds one line (its bytes without the ending): it starts a record, continues
    /// one, or is reported.
    fn push_line(
        &mut self,
        engine: &mut Engine,
        bytes: &[u8],
        ending: Ending,
        out: &mut VecDeque<Item>,
    ) {
        let start = self.pos;
        self.pos += bytes.len() + ending.len();
        self.line_no += 1;
        engine.count_ending(ending);
        let Ok(text) = std::str::from_utf8(bytes) else {
            // The lines after it were part of a message only if one had begun: text
            // before the first header stays text before the first header.
            self.detached |= matches!(self.pending, Pending::Record { .. });
            let finished = mem::replace(&mut self.pending, Pending::Nothing);
            out.extend(finish(engine, finished, (start, self.line_no - 1)));
            out.push_back(Err(Error::InvalidUtf8 {
                span: Span {
                    line: self.line_no,
                    end_line: self.line_no,
                    bytes: start..self.pos,
                },
                bytes: bytes.to_vec(),
            }));
            return;
        };
        let text = if start == 0 {
            engine::strip_bom(text)
        } else {
            text
        };
        let text = match self.repair {
            Some(how) => encoding::repair(text, how),
            None => Cow::Borrowed(text),
        };
        let ending_text = ending_str(ending);
        if let Some(header) = engine.header(text.as_bytes()) {
            let finished = mem::replace(&mut self.pending, Pending::Nothing);
            // The finished record's buffer is reused for this one: no allocation per
            // record.
            let mut record = String::new();
            out.extend(finish_reusing(
                engine,
                finished,
                (start, self.line_no - 1),
                &mut record,
            ));
            record.clear();
            record.push_str(&text);
            record.push_str(ending_text);
            self.pending = Pending::Record {
                header,
                start,
                line: self.line_no,
                lines: RecordLines::new(text.len()),
                last_ending: ending,
                text: record,
            };
            self.detached = false;
            return;
        }
        match &mut self.pending {
            Pending::Record {
                text: buf,
                lines,
                last_ending,
                ..
            } => {
                lines.continued(mem::replace(last_ending, ending));
                buf.push_str(&text);
                buf.push_str(ending_text);
            }
            Pending::Orphan {
                text: buf,
                start: block,
                ..
            }
            | Pending::Detached {
                text: buf,
                start: block,
                ..
            } => {
                buf.push_str(&text);
                buf.push_str(ending_text);
                if self.pos - *block > MAX_ORPHAN_BLOCK_BYTES {
                    let finished = mem::replace(&mut self.pending, Pending::Nothing);
                    out.extend(finish(engine, finished, (self.pos, self.line_no)));
                }
            }
            Pending::Nothing => {
                let mut buf = String::with_capacity(text.len() + ending_text.len());
                buf.push_str(&text);
                buf.push_str(ending_text);
                self.pending = if self.detached {
                    Pending::Detached {
                        start,
                        line: self.line_no,
                        text: buf,
                    }
                } else {
                    Pending::Orphan {
                        start,
                        line: self.line_no,
                        text: buf,
                    }
                };
                if self.pos - start > MAX_ORPHAN_BLOCK_BYTES {
                    let finished = mem::replace(&mut self.pending, Pending::Nothing);
                    out.extend(finish(engine, finished, (self.pos, self.line_no)));
                }
            }
        }
    }

    /// The end of the input, or a read error: the record being read ends with the
    /// last whole line.
    fn finish_all(
        &mut self,
        engine: &mut Engine,
        error: Option<io::Error>,
        out: &mut VecDeque<Item>,
    ) {
        let pending = mem::replace(&mut self.pending, Pending::Nothing);
        out.extend(finish(engine, pending, (self.pos, self.line_no)));
        if let Some(source) = error {
            out.push_back(Err(Error::Io {
                line: self.line_no,
                source,
            }));
        }
    }
}

fn ending_str(ending: Ending) -> &'static str {
    match ending {
        Ending::Lf => "\n",
        Ending::Crlf => "\r\n",
        Ending::Cr => "\r",
        Ending::None => "",
    }
}

/// A record buffer larger than this is not kept for the next record, so one huge
/// message does not hold its memory for the rest of the file.
const MAX_REUSED_RECORD_BYTES: usize = 1 << 20;

/// [`finish`], handing back the buffer of a finished record in `spare`.
fn finish_reusing(
    engine: &mut Engine,
    pending: Pending,
    end: (usize, usize),
    spare: &mut String,
) -> Option<Item> {
    match pending {
        Pending::Record {
            header,
            start,
            line,
            lines,
            text,
            ..
        } => {
            let item = record_item(engine, &header, (start, line), lines, &text, end);
            if text.capacity() <= MAX_REUSED_RECORD_BYTES {
                *spare = text;
            }
            Some(item)
        }
        other => finish(engine, other, end),
    }
}

/// The message of a finished record that began at byte `start`, line `line`.
fn record_item(
    engine: &mut Engine,
    header: &Header,
    (start, line): (usize, usize),
    lines: RecordLines,
    text: &str,
    (end, end_line): (usize, usize),
) -> Item {
    let span = Span {
        line,
        end_line,
        bytes: start..end,
    };
    engine
        .build(header, text, lines, span)
        .map(Message::into_owned)
}

/// The item of a finished record; `end` is the byte after its last line and that
/// line's number.
fn finish(engine: &mut Engine, pending: Pending, (end, end_line): (usize, usize)) -> Option<Item> {
    match pending {
        Pending::Nothing => None,
        Pending::Record {
            header,
            start,
            line,
            lines,
            text,
            ..
        } => Some(record_item(
            engine,
            &header,
            (start, line),
            lines,
            &text,
            (end, end_line),
        )),
        Pending::Orphan { start, line, text } => {
            let span = Span {
                line,
                end_line,
                bytes: start..end,
            };
            engine.preamble(&text, span, start == 0).map(Err)
        }
        Pending::Detached { start, line, text } => Some(Err(Error::DetachedText {
            span: Span {
                line,
                end_line,
                bytes: start..end,
            },
            text: engine::join_lines(&text),
        })),
    }
}

/// The messages of a [`Reader`], borrowing it; see [`Reader::messages`].
#[derive(Debug)]
pub struct MessagesIter<'r, R> {
    reader: &'r mut Reader<R>,
}

impl<R: BufRead> MessagesIter<'_, R> {
    /// The reader.
    pub fn reader(&self) -> &Reader<R> {
        self.reader
    }
}

impl<R: BufRead> Iterator for MessagesIter<'_, R> {
    type Item = Result<OwnedMessage, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.reader.next_item()
    }
}

impl<R: BufRead> FusedIterator for MessagesIter<'_, R> {}

/// The messages of a [`Reader`], owning it; see [`Reader::into_messages`].
#[derive(Debug)]
pub struct MessagesIntoIter<R> {
    reader: Reader<R>,
}

impl<R: BufRead> MessagesIntoIter<R> {
    /// The reader.
    pub fn reader(&self) -> &Reader<R> {
        &self.reader
    }

    /// The reader, giving up the iterator.
    pub fn into_reader(self) -> Reader<R> {
        self.reader
    }
}

impl<R: BufRead> Iterator for MessagesIntoIter<R> {
    type Item = Result<OwnedMessage, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.reader.next_item()
    }
}

impl<R: BufRead> FusedIterator for MessagesIntoIter<R> {}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};
    use std::path::PathBuf;

    use proptest::prelude::*;

    use super::*;

    /// Gives its bytes a few at a time (the sizes cycle), answers `Interrupted` now
    /// and then, and fails with an I/O error at `fail_at` if set: every block boundary
    /// of the reader is crossed, wherever it falls.
    struct Trickle {
        data: Vec<u8>,
        pos: usize,
        sizes: Vec<usize>,
        calls: usize,
        fail_at: Option<usize>,
    }

    impl Trickle {
        fn new(data: &[u8], sizes: &[usize]) -> Self {
            Trickle {
                data: data.to_vec(),
                pos: 0,
                sizes: sizes.to_vec(),
                calls: 0,
                fail_at: None,
            }
        }
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls % 5 == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let end = self.fail_at.unwrap_or(self.data.len()).min(self.data.len());
            if self.pos == end && self.fail_at.is_some() {
                return Err(io::Error::other("disk gone"));
            }
            let size = self.sizes[self.calls % self.sizes.len()].max(1);
            let n = size.min(buf.len()).min(end - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    /// Every item (a message's debug form, a diagnostic's text and span) and the
    /// profile.
    fn outcome<R: BufRead>(reader: Reader<R>) -> (Vec<String>, Option<Profile>) {
        let mut reader = reader;
        let items = reader
            .messages()
            .map(|item| match item {
                Ok(message) => format!("{message:?}"),
                Err(e) => format!("{e} {:?}", e.span()),
            })
            .collect();
        (items, reader.profile())
    }

    /// Reading `data` a few bytes at a time gives what reading it at once gives.
    fn check_read_sizes(data: &[u8]) {
        let whole = outcome(Reader::new(data));
        for sizes in [&[1][..], &[2], &[3], &[7, 1, 64], &[4096, 3, 65535]] {
            let trickled = outcome(Reader::new(BufReader::with_capacity(
                3,
                Trickle::new(data, sizes),
            )));
            assert_eq!(
                whole,
                trickled,
                "reads of {sizes:?} bytes differ on {:?}",
                String::from_utf8_lossy(&data[..data.len().min(400)])
            );
        }
    }

    fn fixture_inputs() -> Vec<PathBuf> {
        let mut inputs = Vec::new();
        let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir)
                .expect("fixtures readable")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "txt" || e == "bin" || e == "zip")
                {
                    inputs.push(path);
                }
            }
        }
        inputs.sort();
        inputs
    }

    #[test]
    fn every_fixture_gives_the_same_items_whatever_the_read_sizes() {
        let inputs = fixture_inputs();
        assert!(inputs.len() > 20, "{} fixtures", inputs.len());
        for path in inputs {
            check_read_sizes(&std::fs::read(&path).expect("fixture readable"));
        }
    }

    #[test]
    fn characters_and_line_endings_cut_by_reads() {
        for data in [
            &b"12/10/2024, 18:32 - A: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x99\x82\r\nsuite\r\n"[..],
            b"12/10/2024, 18:32 - A: x\r12/10/2024, 18:33 - B: \xc3\xa9\r\xc3\xa9\r",
            b"12/10/2024, 18:32 - A: caf\xe9\r\nsuite \xc3\xa9\n\xff\xfe\n12/10/2024, 18:33 - B: y",
            b"\xef\xbb\xbf12/10/2024, 18:32 - A: x\n\xc3",
            b"\xef\xbb\xbf\n\n12/10/2024, 18:32 - A: x\n",
            b"12/10/2024, 18:32 - A: x\n\xe2\x82",
        ] {
            check_read_sizes(data);
        }
    }

    /// A read error ends the iteration after the whole lines read before it; a `\r`
    /// is a whole line once the byte after it is known not to be `\n`.
    #[test]
    fn a_read_error_keeps_the_whole_lines_before_it() {
        let cases: [(&[u8], &[&str]); 4] = [
            (
                b"12/10/2024, 18:32 - A: x\r\n12/10/2024, 18:33 - B: y\r",
                &["A", "after line 1: I/O error: disk gone"],
            ),
            (
                b"12/10/2024, 18:32 - A: x\r\n12/10/2024, 18:33 - B: y\r\xc3",
                &["A", "B", "after line 2: I/O error: disk gone"],
            ),
            (
                b"12/10/2024, 18:32 - A: x\n12/10/2024, 18:33 - B: y\nsui",
                &["A", "B", "after line 2: I/O error: disk gone"],
            ),
            (
                b"12/10/2024, 18:32 - A: x\n12/10/2024, 18:33 - B: caf\xe9 et",
                &["A", "after line 1: I/O error: disk gone"],
            ),
        ];
        for (data, expected) in cases {
            for sizes in [&[1][..], &[3], &[1 << 16]] {
                let mut source = Trickle::new(data, sizes);
                source.fail_at = Some(data.len());
                let items: Vec<String> = Reader::new(BufReader::new(source))
                    .into_messages()
                    .map(|item| match item {
                        Ok(m) => m.author().unwrap_or_default().to_owned(),
                        Err(e) => e.to_string(),
                    })
                    .collect();
                assert_eq!(items, expected, "{:?}", String::from_utf8_lossy(data));
            }
        }
    }

    /// Around the end of the detection window (1 MiB) and of the reader's blocks, and
    /// over a line longer than several blocks, the items are those of `parse_str`.
    #[test]
    fn the_window_and_block_ends_change_nothing() {
        let record = "12/10/2024, 18:32 - Léa: ligne café\r\nsuite\r\n";
        for end in [
            WINDOW_BYTES - 1,
            WINDOW_BYTES,
            WINDOW_BYTES + 1,
            3 * READ_BYTES,
        ] {
            for tail in ["", "\r", "\r\n", "é", "12/10/2024, 18:33 - Hugo: fin"] {
                let mut text = String::new();
                while text.len() + record.len() <= end {
                    text.push_str(record);
                }
                while text.len() < end {
                    text.push('x');
                }
                text.push_str(tail);
                text.push_str(&"long ".repeat(3 * READ_BYTES / 5));
                text.push_str("\n12/10/2024, 18:34 - Inès: après\n");
                let expected: Vec<String> = crate::parse_str(&text)
                    .map(|item| match item {
                        Ok(message) => format!("{:?}", message.into_owned()),
                        Err(e) => format!("{e} {:?}", e.span()),
                    })
                    .collect();
                let (items, _) = outcome(Reader::new(BufReader::new(Trickle::new(
                    text.as_bytes(),
                    &[READ_BYTES - 1, 5000, 1],
                ))));
                assert_eq!(items, expected, "window end {end}, tail {tail:?}");
            }
        }
    }

    /// Memory follows the longest message, not the file: after 8 MB of short
    /// messages, the text buffer holds about one block.
    #[test]
    fn memory_does_not_grow_with_the_file() {
        let record = "12/10/2024, 18:32 - Léa: une ligne de texte\n";
        let data = record.repeat((8 << 20) / record.len());
        let mut reader = Reader::new(data.as_bytes());
        let count = reader.messages().count();
        assert_eq!(count, (8 << 20) / record.len());
        let Shell::Text(records) = &reader.shell else {
            panic!("the fast path reads a UTF-8 export");
        };
        // The detection window (1 MiB) was held once; never more than that since.
        assert!(
            records.text.capacity() <= WINDOW_BYTES + 2 * READ_BYTES,
            "{}",
            records.text.capacity()
        );
        assert!(reader.input.buf.len() <= 2 * READ_BYTES);
    }

    #[test]
    fn incomplete_characters_are_kept_for_the_next_read() {
        assert_eq!(complete_chars_len(b"ab"), 2);
        assert_eq!(complete_chars_len(b"a\xc3"), 1);
        assert_eq!(complete_chars_len(b"a\xc3\xa9"), 3);
        assert_eq!(complete_chars_len(b"a\xe2\x82"), 1);
        assert_eq!(complete_chars_len(b"a\xf0\x9f\x99"), 1);
        assert_eq!(complete_chars_len(b"a\xf0\x9f\x99\x82"), 5);
        // Not UTF-8 whatever follows: checked at once.
        assert_eq!(complete_chars_len(b"a\xff"), 2);
        assert_eq!(complete_chars_len(b"\x80\x80\x80\x80"), 4);
        assert_eq!(complete_chars_len(b""), 0);
    }

    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            3 => proptest::sample::select(vec![
                "12/10/2024, 18:32 - ",
                "[15/08/2024 14:20:56] ",
                "31/02/2024, 25:61 - ",
                "Rochane: ",
                "\u{200E}",
                "\u{FEFF}",
                "é",
                "€🙂",
                "MÃ©dias",
            ])
            .prop_map(|s| s.as_bytes().to_vec()),
            3 => proptest::sample::select(vec![&b"\n"[..], b"\r\n", b"\r"]).prop_map(<[u8]>::to_vec),
            2 => "[^\r\n]{0,12}".prop_map(String::into_bytes),
            1 => proptest::sample::select(vec![&b"\xff"[..], b"\xe9", b"\xc3", b"\xe2\x82", b"PK\x03\x04"])
                .prop_map(<[u8]>::to_vec),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_soup_gives_the_same_items_whatever_the_read_sizes(
            pieces in prop::collection::vec(piece(), 0..40),
            sizes in prop::collection::vec(1usize..9, 1..4),
            fail in any::<Option<prop::sample::Index>>(),
        ) {
            let data = pieces.concat();
            let whole = outcome(Reader::new(&data[..]));
            let trickled = outcome(Reader::new(BufReader::with_capacity(2, Trickle::new(&data, &sizes))));
            prop_assert_eq!(&whole, &trickled);
            // An I/O error keeps the items of the whole lines before it, in any case.
            if let Some(at) = fail {
                let at = at.index(data.len() + 1);
                let mut source = Trickle::new(&data, &sizes);
                source.fail_at = Some(at);
                let (items, _) = outcome(Reader::new(BufReader::with_capacity(2, source)));
                prop_assert!(items.last().is_some_and(|e| e.contains("I/O error")), "{:?}", items);
            }
        }
    }
}
