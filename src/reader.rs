//! The streaming shell: [`Reader`] reads any [`BufRead`] a line at a time and yields
//! owned messages, holding one message (and, at the start, the first MiB used to
//! detect the layout) in memory.
//!
//! > Every record starts with a header. Lines that do not start with a header are
//! > continuation lines of the previous record, blank lines included.
//! > (format reference, section 2)
//!
//! Lines are checked for UTF-8 one at a time: a line that is not UTF-8 is reported
//! with its bytes and parsing goes on with the next one. It ends the message it was
//! in: a message's span holds only its text, and no guess (U+FFFD) enters a text. The
//! continuation lines after it, until the next header, are reported as detached text,
//! so nothing is lost and the spans still tile the input. A zip archive (the export's
//! media archive given instead of its text) is one diagnostic for the whole input.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::iter::FusedIterator;
use std::mem;
use std::path::Path;

use crate::encoding::{self, EncodingRepair};
use crate::engine::{
    self, line_end, Ending, Engine, RecordLines, MAX_ORPHAN_BLOCK_BYTES, WINDOW_BYTES,
};
use crate::error::Error;
use crate::header::Header;
use crate::message::{OwnedMessage, Span};
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
    /// Lines read ahead to detect the layout, not yet parsed.
    window: VecDeque<RawLine>,
    asm: Assembly,
    /// An I/O error met while filling the detection window, reported after its lines.
    window_error: Option<io::Error>,
    finished: bool,
}

/// A line as read: its bytes without the ending.
#[derive(Debug)]
struct RawLine {
    bytes: Vec<u8>,
    ending: Ending,
}

impl RawLine {
    fn ending_str(&self) -> &'static str {
        ending_str(self.ending)
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

/// A line's bytes without the ending, or its text when already checked for UTF-8.
#[derive(Debug, Clone, Copy)]
enum LineBytes<'a> {
    Raw(&'a [u8]),
    Checked(&'a str),
}

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
            window: VecDeque::new(),
            asm: Assembly::default(),
            window_error: None,
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
        self.asm.line_no
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The underlying reader, giving up the reader's state.
    pub fn into_inner(self) -> R {
        self.inner
    }

    pub(crate) fn next_item(&mut self) -> Option<Result<OwnedMessage, Error>> {
        loop {
            if let Some(item) = self.asm.out.pop_front() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            let Some(engine) = self.engine.as_mut() else {
                self.start();
                continue;
            };
            let line = match self.window.pop_front() {
                Some(line) => Ok(Some(line)),
                None => match self.window_error.take() {
                    Some(e) => Err(e),
                    None => match Self::read_buffered_lines(&mut self.inner, engine, &mut self.asm)
                    {
                        Ok(true) => continue,
                        Ok(false) => read_raw_line(&mut self.inner),
                        Err(e) => Err(e),
                    },
                },
            };
            match line {
                Ok(Some(line)) => {
                    self.asm
                        .push_line(engine, LineBytes::Raw(&line.bytes), line.ending)
                }
                Ok(None) => {
                    let end = (self.asm.pos, self.asm.line_no);
                    let pending = mem::replace(&mut self.asm.pending, Pending::Nothing);
                    self.asm.out.extend(finish(engine, pending, end));
                    self.finished = true;
                }
                Err(source) => {
                    let end = (self.asm.pos, self.asm.line_no);
                    let pending = mem::replace(&mut self.asm.pending, Pending::Nothing);
                    self.asm.out.extend(finish(engine, pending, end));
                    self.asm.out.push_back(Err(Error::Io {
                        line: self.asm.line_no,
                        source,
                    }));
                    self.finished = true;
                }
            }
        }
    }

    /// Reads the detection window, decides the encoding and the layout.
    fn start(&mut self) {
        let mut read = 0;
        while read < WINDOW_BYTES {
            match read_raw_line(&mut self.inner) {
                Ok(Some(line)) => {
                    read += line.bytes.len() + line.ending.len();
                    self.window.push_back(line);
                }
                Ok(None) => break,
                Err(e) => {
                    self.window_error = Some(e);
                    break;
                }
            }
        }
        let bom = self
            .window
            .front()
            .is_some_and(|l| l.bytes.starts_with("\u{FEFF}".as_bytes()));
        if self.options.repair_encoding {
            let mut head = Vec::with_capacity(read.min(engine::ENCODING_SAMPLE_BYTES + 8));
            for line in &self.window {
                if head.len() > engine::ENCODING_SAMPLE_BYTES {
                    break;
                }
                head.extend_from_slice(&line.bytes);
                head.extend_from_slice(line.ending_str().as_bytes());
            }
            self.asm.repair = encoding::detect(&engine::encoding_sample(&head));
        }
        let repair = self.asm.repair;
        let texts: Vec<Cow<'_, str>> = self
            .window
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let text = std::str::from_utf8(&l.bytes).ok()?;
                let text = if i == 0 {
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
        let detection = engine::detect(texts.iter().map(|t| &**t), &self.options);
        self.engine = Some(Engine::new(detection, &self.options, bom, repair));
        if self
            .window
            .front()
            .is_some_and(|l| engine::is_zip(&l.bytes))
        {
            self.skip_zip();
        }
    }

    /// A zip archive is one diagnostic over the whole input: reads to the end keeping
    /// only the count of lines and bytes (one line at a time in memory).
    fn skip_zip(&mut self) {
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        let mut count = |line: RawLine| {
            self.asm.pos += line.bytes.len() + line.ending.len();
            self.asm.line_no += 1;
            engine.count_ending(line.ending);
        };
        self.window.drain(..).for_each(&mut count);
        let mut error = self.window_error.take();
        while error.is_none() {
            match read_raw_line(&mut self.inner) {
                Ok(Some(line)) => count(line),
                Ok(None) => break,
                Err(e) => error = Some(e),
            }
        }
        self.asm.out.push_back(Err(Error::ZipArchive {
            span: Span {
                line: 1,
                end_line: self.asm.line_no,
                bytes: 0..self.asm.pos,
            },
        }));
        if let Some(source) = error {
            self.asm.out.push_back(Err(Error::Io {
                line: self.asm.line_no,
                source,
            }));
        }
        self.finished = true;
    }

    /// Parses every whole line in the reader's buffer, checked for UTF-8 at once;
    /// `Ok(false)` when the buffer holds no whole line (or starts with invalid UTF-8),
    /// for [`read_raw_line`] to take over.
    ///
    /// This is the hot path: no copy of the lines, one UTF-8 check per buffer. Line
    /// breaks are ASCII, so every line of a valid buffer is valid on its own and the
    /// per-line semantics are kept: a buffer with an invalid byte is parsed up to the
    /// line holding it, which then goes through the per-line path.
    fn read_buffered_lines(
        inner: &mut R,
        engine: &mut Engine,
        asm: &mut Assembly,
    ) -> io::Result<bool> {
        let buffer = loop {
            match inner.fill_buf() {
                Ok(buffer) => break buffer,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        // A reader whose buffer is the whole input (a `&[u8]`) is parsed a slice at a
        // time, so the messages waiting in `out` stay few.
        let buffer = &buffer[..buffer.len().min(MAX_BUFFERED_BYTES)];
        let Some(end) = whole_lines_len(buffer) else {
            return Ok(false);
        };
        let text = match std::str::from_utf8(&buffer[..end]) {
            Ok(text) => text,
            Err(e) => {
                let valid = &buffer[..e.valid_up_to()];
                match whole_lines_len(valid).map(|end| std::str::from_utf8(&valid[..end])) {
                    Some(Ok(text)) => text,
                    _ => return Ok(false),
                }
            }
        };
        let consumed = text.len();
        let mut rest = text;
        while !rest.is_empty() {
            let (len, ending) = line_end(rest.as_bytes());
            let line = &rest[..len];
            rest = &rest[len + ending.len()..];
            asm.push_line(engine, LineBytes::Checked(line), ending);
        }
        inner.consume(consumed);
        Ok(true)
    }
}

/// The parsing state of a [`Reader`]: what it has read, the record being built and
/// the items ready to be yielded.
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
    out: VecDeque<Result<OwnedMessage, Error>>,
}

impl Assembly {
    /// Adds one line: it starts a record, continues one, or is reported.
    fn push_line(&mut self, engine: &mut Engine, line: LineBytes<'_>, ending: Ending) {
        let start = self.pos;
        let checked = match line {
            LineBytes::Checked(text) => Ok(text),
            LineBytes::Raw(bytes) => std::str::from_utf8(bytes).map_err(|_| bytes),
        };
        let len = match checked {
            Ok(text) => text.len(),
            Err(bytes) => bytes.len(),
        };
        self.pos += len + ending.len();
        self.line_no += 1;
        engine.count_ending(ending);
        let text = match checked {
            Ok(text) => text,
            Err(bytes) => {
                // The lines after it were part of a message only if one had begun: text
                // before the first header stays text before the first header.
                self.detached |= matches!(self.pending, Pending::Record { .. });
                let finished = mem::replace(&mut self.pending, Pending::Nothing);
                self.out
                    .extend(finish(engine, finished, (start, self.line_no - 1)));
                self.out.push_back(Err(Error::InvalidUtf8 {
                    span: Span {
                        line: self.line_no,
                        end_line: self.line_no,
                        bytes: start..self.pos,
                    },
                    bytes: bytes.to_vec(),
                }));
                return;
            }
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
        if let Some(header) = engine.header(&text) {
            let finished = mem::replace(&mut self.pending, Pending::Nothing);
            // The finished record's buffer is reused for this one: no allocation per
            // record.
            let mut record = String::new();
            self.out.extend(finish_reusing(
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
                    self.out
                        .extend(finish(engine, finished, (self.pos, self.line_no)));
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
                    self.out
                        .extend(finish(engine, finished, (self.pos, self.line_no)));
                }
            }
        }
    }
}

/// The most bytes of the reader's buffer parsed at once by the fast path.
const MAX_BUFFERED_BYTES: usize = 64 << 10;

/// A record buffer larger than this is not kept for the next record, so one huge
/// message does not hold its memory for the rest of the file.
const MAX_REUSED_RECORD_BYTES: usize = 1 << 20;

/// [`finish`], handing back the buffer of a finished record in `spare`.
fn finish_reusing(
    engine: &mut Engine,
    pending: Pending,
    end: (usize, usize),
    spare: &mut String,
) -> Option<Result<OwnedMessage, Error>> {
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
) -> Result<OwnedMessage, Error> {
    let span = Span {
        line,
        end_line,
        bytes: start..end,
    };
    engine
        .build(header, text, lines, span)
        .map(|m| m.into_owned())
}

/// The item of a finished record; `end` is the byte after its last line and that
/// line's number.
fn finish(
    engine: &mut Engine,
    pending: Pending,
    (end, end_line): (usize, usize),
) -> Option<Result<OwnedMessage, Error>> {
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

/// The length of the whole lines at the start of `buffer`: up to its last line ending,
/// unless that is a `\r` ending the buffer, which may be the first half of a `\r\n`.
fn whole_lines_len(buffer: &[u8]) -> Option<usize> {
    let mut end = buffer.len();
    loop {
        let i = memchr::memrchr2(b'\n', b'\r', &buffer[..end])?;
        if buffer[i] == b'\r' && i + 1 == buffer.len() {
            end = i;
            continue;
        }
        return Some(i + 1);
    }
}

/// Reads one line: its bytes up to `\n`, `\r\n` or a lone `\r`. `Ok(None)` at the end.
fn read_raw_line<R: BufRead>(reader: &mut R) -> io::Result<Option<RawLine>> {
    let mut bytes = Vec::new();
    loop {
        let available = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((!bytes.is_empty()).then_some(RawLine {
                bytes,
                ending: Ending::None,
            }));
        }
        match memchr::memchr2(b'\n', b'\r', available) {
            Some(i) => {
                bytes.extend_from_slice(&available[..i]);
                let cr = available[i] == b'\r';
                reader.consume(i + 1);
                let ending = if cr {
                    // The `\n` of a `\r\n` may be in the next buffer.
                    loop {
                        match reader.fill_buf() {
                            Ok(next) if next.first() == Some(&b'\n') => {
                                reader.consume(1);
                                break Ending::Crlf;
                            }
                            Ok(_) => break Ending::Cr,
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                            Err(e) => return Err(e),
                        }
                    }
                } else {
                    Ending::Lf
                };
                return Ok(Some(RawLine { bytes, ending }));
            }
            None => {
                let n = available.len();
                bytes.extend_from_slice(available);
                reader.consume(n);
            }
        }
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
