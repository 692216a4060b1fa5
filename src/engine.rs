//! The pure core shared by [`parse_str`](crate::parse_str) and
//! [`Reader`](crate::Reader): layout detection, line splitting and record building.
//! No I/O here: the two shells feed it lines and records.
//!
//! > A file uses one layout throughout, so detect it per file and then lock it.
//! > Every record starts with a header. Lines that do not start with a header are
//! > continuation lines of the previous record, blank lines included.
//! > (format reference, section 2)
//!
//! Both shells must give identical results, so every decision lives here: which lines
//! form the detection window, where a line ends, what a record becomes.

use std::borrow::Cow;

use crate::chunk::{self, Chunk, ChunkComputed};
use crate::content::{self, BodyHints, Classified, Content};
use crate::encoding::EncodingRepair;
use crate::error::Error;
use crate::event::{self, SystemEvent};
use crate::header::{self, Header, LockedScanner, Shape, Terminator};
use crate::message::{Message, Span};
use crate::options::ParseOptions;
use crate::phrase::find_byte;
use crate::profile::{render_layout, Clock, EndingsSeen, OneDigitFields, Platform, Profile};
use crate::timestamp::{detect_order, DateOrder, DateOrderEvidence, TimestampDecoder};

/// The layout and date order are decided on the lines of the first MiB.
pub(crate) const WINDOW_BYTES: usize = 1 << 20;
/// Mojibake is detected on the first 64 KiB.
pub(crate) const ENCODING_SAMPLE_BYTES: usize = 64 << 10;
/// Text outside any message is reported in blocks of at most this many bytes, so a
/// stream of prose never grows one diagnostic without bound.
pub(crate) const MAX_ORPHAN_BLOCK_BYTES: usize = 1 << 20;

const BOM: &str = "\u{FEFF}";
const LRM: char = '\u{200E}';

/// How a line ends. The values are the profile's bits (see [`EndingsSeen`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Ending {
    Lf = EndingsSeen::LF,
    Crlf = EndingsSeen::CRLF,
    Cr = EndingsSeen::CR,
    /// The last line of a file without a final line break.
    None = 0,
}

impl Ending {
    pub(crate) fn len(self) -> usize {
        match self {
            Ending::Lf | Ending::Cr => 1,
            Ending::Crlf => 2,
            Ending::None => 0,
        }
    }
}

/// Finds the end of the line starting at `bytes[0]`: returns the length of the line
/// without its ending, and the ending. `\n`, `\r\n` and a lone `\r` all end a line.
#[inline]
pub(crate) fn line_end(bytes: &[u8]) -> (usize, Ending) {
    ending_at(bytes, memchr::memchr2(b'\n', b'\r', bytes))
}

/// The line and its ending, given the first `\n` or `\r` of `bytes`.
#[inline]
fn ending_at(bytes: &[u8], first_break: Option<usize>) -> (usize, Ending) {
    match first_break {
        None => (bytes.len(), Ending::None),
        Some(i) if bytes[i] == b'\n' => (i, Ending::Lf),
        Some(i) if bytes.get(i + 1) == Some(&b'\n') => (i, Ending::Crlf),
        Some(i) => (i, Ending::Cr),
    }
}

/// [`line_end`] with its searcher built once: `memchr2` picks its vector code and
/// sets up its needles on every call, a large part of the cost of a short line.
#[derive(Debug, Clone)]
pub(crate) struct LineFinder {
    /// `None` on a processor without AVX2.
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::Two>,
}

impl LineFinder {
    pub(crate) fn new() -> Self {
        LineFinder {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r'),
        }
    }

    /// The same as [`line_end`].
    #[inline]
    pub(crate) fn line_end(&self, bytes: &[u8]) -> (usize, Ending) {
        #[cfg(target_arch = "x86_64")]
        let first_break = match &self.avx2 {
            Some(two) => two.find(bytes),
            None => memchr::memchr2(b'\n', b'\r', bytes),
        };
        #[cfg(not(target_arch = "x86_64"))]
        let first_break = memchr::memchr2(b'\n', b'\r', bytes);
        ending_at(bytes, first_break)
    }
}

/// What a shell learns about a record while splitting it into lines, so that
/// [`Engine::build`] need not look again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordLines {
    /// Length of the header line, without its ending.
    pub first_line: usize,
    /// A line before the last one ends with `\r\n` or `\r`: the body's line breaks
    /// must be rewritten as `\n`.
    pub inner_cr: bool,
    /// The record may hold `'@'`: `false` only when the shell knows it has none, and so
    /// no mention (a shell that does not look leaves it `true`).
    pub at_sign: bool,
}

impl RecordLines {
    /// The facts of a record of one line of `first_line` bytes.
    #[inline]
    pub(crate) fn new(first_line: usize) -> Self {
        RecordLines {
            first_line,
            inner_cr: false,
            at_sign: true,
        }
    }

    /// Notes a continuation line; `previous` is how the line before it ended.
    #[inline]
    pub(crate) fn continued(&mut self, previous: Ending) {
        self.inner_cr |= matches!(previous, Ending::Cr | Ending::Crlf);
    }
}

/// The bytes mojibake detection looks at: the first 64 KiB, cut at a character
/// boundary.
pub(crate) fn encoding_sample(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(&bytes[..sample_end(bytes)])
}

/// [`encoding_sample`] of text already known to be UTF-8: the same slice, without
/// checking it again.
pub(crate) fn encoding_sample_str(text: &str) -> &str {
    // `sample_end` never cuts a character: the slice cannot fail.
    text.get(..sample_end(text.as_bytes())).unwrap_or(text)
}

/// Where the sample ends: at most 64 KiB in, on a character boundary.
fn sample_end(bytes: &[u8]) -> usize {
    let mut end = bytes.len().min(ENCODING_SAMPLE_BYTES);
    while end > 0 && end < bytes.len() && (bytes[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    end
}

/// Whether a file starting with `head` is a zip archive (local file header, empty
/// archive or spanned archive signature): the export's archive given instead of the
/// text inside it.
pub(crate) fn is_zip(head: &[u8]) -> bool {
    [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"]
        .iter()
        .any(|signature| head.starts_with(*signature))
}

/// Strips a BOM from the first line.
pub(crate) fn strip_bom(line: &str) -> &str {
    line.strip_prefix(BOM).unwrap_or(line)
}

/// The lines of the detection window: those of `input` starting in its first MiB,
/// BOM removed. Both shells detect on these lines.
pub(crate) fn window_lines(input: &str) -> impl Iterator<Item = &str> {
    let mut pos = 0;
    let line_finder = LineFinder::new();
    std::iter::from_fn(move || {
        if pos >= input.len() || pos >= WINDOW_BYTES {
            return None;
        }
        let (len, ending) = line_finder.line_end(&input.as_bytes()[pos..]);
        let line = &input[pos..pos + len];
        let line = if pos == 0 { strip_bom(line) } else { line };
        pos += len + ending.len();
        Some(line)
    })
}

/// The layout and date order read from the first lines of a file.
#[derive(Debug, Clone)]
pub(crate) struct Detection {
    shape: Option<Shape>,
    evidence: DateOrderEvidence,
    order: DateOrder,
}

/// Decides the layout (the shape seen most often among the window's header-like lines,
/// the first seen on a tie) and the date order. `lines` are the window's lines, BOM
/// removed, repaired if needed.
pub(crate) fn detect<'l>(
    lines: impl Iterator<Item = &'l str>,
    options: &ParseOptions,
) -> Detection {
    // Each shape seen, with its count, in the order first seen; each header's date,
    // with its shape's place in that list.
    let mut shapes: Vec<(Shape, usize)> = Vec::new();
    let mut dates: Vec<(usize, [u16; 3])> = Vec::new();
    // The headers of a file nearly all share one shape: a locked scanner of the most
    // frequent shape so far (and that shape's place) reads them on its fast path, and
    // accepts exactly what `scan` accepts with that shape, so only other lines need
    // the full scan.
    let mut locked: Option<(LockedScanner, usize)> = None;
    for line in lines {
        if let Some((scanner, index)) = &locked {
            if let Some(h) = scanner.scan(line.as_bytes()) {
                // Its shape passed the platform filter when it was locked.
                shapes[*index].1 += 1;
                dates.push((*index, h.date));
                continue;
            }
        }
        let Some(h) = header::scan(line) else {
            continue;
        };
        if options.platform != Platform::Auto && h.shape.platform() != options.platform {
            continue;
        }
        let index = match shapes.iter().position(|(s, _)| *s == h.shape) {
            Some(index) => index,
            None => {
                shapes.push((h.shape, 0));
                shapes.len() - 1
            }
        };
        shapes[index].1 += 1;
        match &locked {
            Some((_, held)) if shapes[index].1 <= shapes[*held].1 => {}
            // A shape now more frequent than the locked one: rebuilding the scanner on
            // every change would cost more than it saves in a file mixing layouts.
            _ => locked = Some((LockedScanner::new(h.shape), index)),
        }
        dates.push((index, h.date));
    }
    // The most frequent shape, the first seen on a tie.
    let mut best: Option<(usize, usize)> = None;
    for (index, &(_, n)) in shapes.iter().enumerate() {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((index, n));
        }
    }
    let best = best.map(|(index, _)| index);
    let shape = best.map(|index| shapes[index].0);
    let dates: Vec<[u16; 3]> = dates
        .iter()
        .filter(|&&(index, _)| Some(index) == best)
        .map(|&(_, date)| date)
        .collect();
    let evidence = match shape {
        Some(s) => detect_order(&dates, s.year_first),
        None => DateOrderEvidence::Ambiguous,
    };
    let order = match (options.date_order, evidence) {
        (DateOrder::Auto, DateOrderEvidence::YearFirst) => DateOrder::YearFirst,
        (DateOrder::Auto, DateOrderEvidence::MonthFirst) => DateOrder::MonthFirst,
        // Day-first when the data cannot decide: the profile says it was a default.
        (DateOrder::Auto, _) => DateOrder::DayFirst,
        (forced, _) => forced,
    };
    Detection {
        shape,
        evidence,
        order,
    }
}

/// The locked layout and everything learned along the way; builds messages.
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    detection: Detection,
    /// Reads headers of the locked shape; `None` when no header was found.
    scanner: Option<LockedScanner>,
    decoder: TimestampDecoder,
    strict: bool,
    one_digit: OneDigitFields,
    endings: EndingsSeen,
    bom: bool,
    encoding_repair: Option<EncodingRepair>,
    chunk: Option<Chunk>,
}

impl Engine {
    pub(crate) fn new(
        detection: Detection,
        options: &ParseOptions,
        bom: bool,
        encoding_repair: Option<EncodingRepair>,
    ) -> Self {
        Engine {
            decoder: TimestampDecoder::new(detection.order),
            scanner: detection.shape.map(LockedScanner::new),
            detection,
            strict: options.strict,
            one_digit: OneDigitFields::default(),
            endings: EndingsSeen::default(),
            bom,
            encoding_repair,
            chunk: None,
        }
    }

    /// The header starting `line`, if it has the locked layout.
    #[inline]
    pub(crate) fn header(&self, line: &[u8]) -> Option<Header> {
        self.scanner.as_ref()?.scan(line)
    }

    /// Whether the line `text[..line_len]` starts with a header of the locked layout,
    /// written into `slot` (see [`LockedScanner::scan_into`]): `text` may go on past the
    /// line, and `slot` must come from [`header_slot`](Self::header_slot).
    #[inline]
    pub(crate) fn header_into(&self, text: &[u8], line_len: usize, slot: &mut Header) -> bool {
        match &self.scanner {
            Some(scanner) => scanner.scan_into(text, line_len, slot),
            None => false,
        }
    }

    /// A header for [`header_into`](Self::header_into) to write into.
    pub(crate) fn header_slot(&self) -> Header {
        match &self.scanner {
            Some(scanner) => scanner.blank(),
            // No header is ever read: the slot is never written nor read.
            None => Header::blank(Shape::ANDROID),
        }
    }

    /// Notes a line ending for the profile.
    #[inline]
    pub(crate) fn count_ending(&mut self, ending: Ending) {
        self.endings.note(ending as u8);
    }

    /// Text before the first header: a chunk wrapper (kept in the profile) or a
    /// diagnostic.
    pub(crate) fn preamble(&mut self, text: &str, span: Span, first: bool) -> Option<Error> {
        if first && self.chunk.is_none() {
            if let Some(declared) = chunk::parse_wrapper(text.trim_end_matches(['\n', '\r'])) {
                self.chunk = Some(Chunk {
                    line: span.line,
                    end_line: span.end_line,
                    bytes: span.bytes,
                    declared,
                    computed: ChunkComputed::default(),
                });
                return None;
            }
        }
        let text = join_lines(text);
        // No layout detected: no line of this file can start a message, so the text is
        // not "before the first header" but a file that is not an export.
        if self.detection.shape.is_none() {
            return Some(Error::NoHeader { span, text });
        }
        Some(Error::OrphanText { span, text })
    }

    /// Builds the message of one record: `record` is its text from the start of the
    /// header line (BOM excluded) to the end of its last line, line endings included;
    /// `lines` says what the shell learned while splitting it.
    #[inline]
    pub(crate) fn build<'b>(
        &mut self,
        h: &Header,
        record: &'b str,
        lines: RecordLines,
        span: Span,
    ) -> Result<Message<'b>, Error> {
        let Some(timestamp) = self.decoder.decode(h) else {
            return Err(Error::InvalidTimestamp {
                span,
                text: record[..lines.first_line].to_owned(),
            });
        };
        for (seen, one) in self.one_digit.date.iter_mut().zip(h.one_digit) {
            *seen |= one;
        }
        self.one_digit.hour |= h.one_digit_hour;

        let body_text = without_trailing_ending(record);
        let body_end = body_text.len();
        // One boundary check: `strip_suffix` cuts without one.
        let rest = &body_text[h.rest..];
        // Bytes: only searched for the author's colon, whose place then cuts `rest`.
        let first_rest = &record.as_bytes()[h.rest..lines.first_line.max(h.rest)];
        let android = h.shape.terminator == Terminator::Dash;

        let (author_raw, body) = match author_end(first_rest) {
            // Android 2024 marks its system lines with U+200E right after " - ".
            _ if android && rest.as_bytes().first() == Some(&0xE2) && rest.starts_with(LRM) => {
                (None, rest)
            }
            None => (None, rest),
            Some(i) => {
                // `rest` starts where `first_rest` does, and goes on at least as far.
                let name = &rest[..i];
                let flags = name_bytes(name.as_bytes());
                // An older Android system sentence may hold ": " inside a quoted
                // subject.
                if android
                    && flags & QUOTE_LEAD != 0
                    && has_quote(name)
                    && event::recognize(rest).is_some()
                {
                    (None, rest)
                } else {
                    let body_start = (i + 2).min(rest.len());
                    (Some((name, flags)), &rest[body_start..])
                }
            }
        };
        // A `\r` in a record is always a line ending; the shell knows whether one sits
        // before the last line.
        let body = if lines.inner_cr {
            // The record's own line ending is already cut off: a break left at the end
            // is a blank last line, kept whatever the line endings.
            Cow::Owned(normalize_breaks(body))
        } else {
            Cow::Borrowed(body)
        };

        // Each branch builds its message where it is returned: a `Message` is over 200
        // bytes, and every intermediate binding costs a copy per message.
        let Some((raw, flags)) = author_raw else {
            return self.system(timestamp, None, None, body, span);
        };
        let author = if flags & MARK_LEAD == 0 {
            Cow::Borrowed(raw)
        } else {
            identity(raw)
        };
        let author_raw = match author {
            Cow::Borrowed(a) if a.len() == raw.len() => None,
            _ => Some(Cow::Borrowed(raw)),
        };
        // iOS marks generated bodies with a leading U+200E: attachments, placeholders
        // and deletions are the author's; other sentences are system lines attributed
        // to a name.
        let marked = !android && body.starts_with(LRM);
        // A borrowed body is copied as a plain reference: `Cow::clone` is a call.
        let analysed = match &body {
            Cow::Borrowed(text) => {
                match content::classify_borrowed(text, hints(&lines, text, body_end)) {
                    // Plain text's message is built here, where it is returned.
                    Classified::Plain { text, edited } => {
                        if marked {
                            return self.system(timestamp, Some(author), author_raw, body, span);
                        }
                        if let Some(chunk) = &mut self.chunk {
                            chunk.computed.observe(timestamp, Some(&author), false);
                        }
                        return Ok(Message {
                            span,
                            timestamp,
                            author: Some(author),
                            author_raw,
                            content: Content::Text,
                            text: Some(Cow::Borrowed(text)),
                            edited,
                            mentions: Vec::new(),
                        });
                    }
                    special => special.analyse(),
                }
            }
            Cow::Owned(_) => content::analyse(body.clone()),
        };
        if marked && matches!(analysed.content, Content::Text) {
            return self.system(timestamp, Some(author), author_raw, body, span);
        }
        if let Some(chunk) = &mut self.chunk {
            chunk.computed.observe(timestamp, Some(&author), false);
        }
        Ok(Message {
            span,
            timestamp,
            author: Some(author),
            author_raw,
            content: analysed.content,
            text: analysed.text,
            edited: analysed.edited,
            mentions: analysed.mentions,
        })
    }

    /// The message of a system line; `author` is the name an iOS export attributes it
    /// to.
    fn system<'b>(
        &mut self,
        timestamp: chrono::NaiveDateTime,
        author: Option<Cow<'b, str>>,
        author_raw: Option<Cow<'b, str>>,
        sentence: Cow<'b, str>,
        span: Span,
    ) -> Result<Message<'b>, Error> {
        let text = strip_leading_marks(sentence);
        let event = match &text {
            Cow::Borrowed(t) => event::recognize(t),
            Cow::Owned(t) => event::recognize(t).map(SystemEvent::into_owned),
        };
        let event = match event {
            Some(e) => e,
            None if self.strict => {
                return Err(Error::UnknownSystemMessage {
                    span,
                    text: text.into_owned(),
                })
            }
            None => SystemEvent::Unknown { text: text.clone() },
        };
        if let Some(chunk) = &mut self.chunk {
            chunk.computed.observe(timestamp, author.as_deref(), true);
        }
        Ok(Message {
            span,
            timestamp,
            author,
            author_raw,
            content: Content::System { event },
            text: Some(text),
            edited: false,
            mentions: Vec::new(),
        })
    }

    /// What was learned about the file so far.
    pub(crate) fn profile(&self) -> Profile {
        let shape = self.detection.shape;
        Profile {
            platform: shape.map(|s| s.platform()),
            layout: shape.map(|s| render_layout(&s, self.detection.order, &self.one_digit)),
            date_order: self.detection.evidence,
            date_order_used: shape.map(|_| self.detection.order),
            clock: shape.map(|s| if s.clock12 { Clock::H12 } else { Clock::H24 }),
            line_endings: self.endings.summary(),
            bom: self.bom,
            encoding_repair: self.encoding_repair,
            chunk: self.chunk.clone(),
        }
    }
}

/// What the shell learned about a borrowed body's lines, in the body's terms: its
/// first line break is the end of the record's first line (`None` for a record of one
/// line). `None` when the body starts after the first line (an author's colon ends it).
#[inline]
fn hints(lines: &RecordLines, body: &str, body_end: usize) -> Option<BodyHints> {
    let body_start = body_end - body.len();
    let first_break = match lines.first_line {
        end if end >= body_end => None,
        end if end >= body_start => Some(end - body_start),
        _ => return None,
    };
    Some(BodyHints {
        first_break,
        at_sign: lines.at_sign,
    })
}

/// `text` without the line ending that closes it, if any: `strip_suffix` cuts without a
/// character-boundary check.
#[inline]
fn without_trailing_ending(text: &str) -> &str {
    match text.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => text.strip_suffix('\r').unwrap_or(text),
    }
}

/// Where the author ends in the text after the header: the first `": "` of the header
/// line, or a `':'` ending it.
#[inline]
fn author_end(first_rest: &[u8]) -> Option<usize> {
    let mut from = 0;
    // Nearly always within the first few bytes (the end of a name).
    while let Some(i) = find_byte(&first_rest[from..], b':') {
        let colon = from + i;
        match first_rest.get(colon + 1) {
            Some(b' ') | None => return Some(colon),
            Some(_) => from = colon + 1,
        }
    }
    None
}

/// [`name_bytes`] flag: a byte that may start an invisible mark or the narrow no-break
/// space (all are E2 xx xx or EF BB BF in UTF-8), or `~`: [`identity`] has work to do.
const MARK_LEAD: u8 = 1;
/// [`name_bytes`] flag: `"`, or a byte that may start `“` (E2 80 9C) or `«` (C2 AB).
const QUOTE_LEAD: u8 = 2;

/// The flags of every byte value, for one pass over an author's name.
const NAME_BYTE_FLAGS: [u8; 256] = {
    let mut table = [0; 256];
    table[0xE2] = MARK_LEAD | QUOTE_LEAD;
    table[0xEF] = MARK_LEAD;
    table[b'~' as usize] = MARK_LEAD;
    table[b'"' as usize] = QUOTE_LEAD;
    table[0xC2] = QUOTE_LEAD;
    table
};

/// What an author's name may hold, in one pass: most names have neither marks nor
/// quotes, and skip both slower checks.
#[inline]
fn name_bytes(name: &[u8]) -> u8 {
    let flags_of = |b: u8| NAME_BYTE_FLAGS[usize::from(b)];
    let flags_of_four = |four: &[u8; 4]| four.iter().fold(0, |flags, &b| flags | flags_of(b));
    let (Some(first_four), Some(last_four)) = (name.first_chunk::<4>(), name.last_chunk::<4>())
    else {
        return name.iter().fold(0, |flags, &b| flags | flags_of(b));
    };
    // Flags only accumulate, so a byte seen twice changes nothing: the first and last
    // four bytes cover a name of up to eight without a loop, and a longer name's
    // last eight stand in for a loop over the remainder.
    let Some(last_eight) = name.last_chunk::<8>() else {
        return flags_of_four(first_four) | flags_of_four(last_four);
    };
    let mut flags = last_eight.iter().fold(0, |flags, &b| flags | flags_of(b));
    for eight in name.chunks_exact(8) {
        flags |= eight.iter().fold(0, |flags, &b| flags | flags_of(b));
    }
    flags
}

/// A quotation mark that may open a group subject or name.
fn has_quote(text: &str) -> bool {
    text.contains(['"', '“', '«'])
}

/// `"\r\n"` and `"\r"` turned into `"\n"`, a final line ending dropped.
pub(crate) fn join_lines(text: &str) -> String {
    normalize_breaks(without_trailing_ending(text))
}

/// `"\r\n"` and `"\r"` turned into `"\n"`.
fn normalize_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

/// Invisible marks WhatsApp puts around names and at the start of generated text.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}' | '\u{202C}' | '\u{2068}' | '\u{2069}' | '\u{FEFF}'
    )
}

fn strip_leading_marks(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim_start_matches(is_mark)),
        Cow::Owned(t) => {
            let trimmed = t.trim_start_matches(is_mark);
            if trimmed.len() == t.len() {
                Cow::Owned(t)
            } else {
                Cow::Owned(trimmed.to_owned())
            }
        }
    }
}

/// The author in identity form: invisible marks removed, the non-contact prefix `~` +
/// U+202F (or a space) removed. Borrowed unless a mark sits inside the name.
pub(crate) fn identity(raw: &str) -> Cow<'_, str> {
    let mut name = raw.trim_matches(is_mark);
    if let Some(rest) = name.strip_prefix('~') {
        if let Some(r) = rest.strip_prefix(['\u{202F}', ' ', '\u{00A0}']) {
            name = r.trim_start_matches(is_mark);
        }
    }
    if name.contains(is_mark) {
        Cow::Owned(name.chars().filter(|&c| !is_mark(c)).collect())
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends() {
        let finder = LineFinder::new();
        for text in [
            &b"ab\ncd"[..],
            b"ab\r\ncd",
            b"ab\rcd",
            b"ab",
            b"",
            b"\r",
            b"0123456789012345678901234567890123456789\r\n",
            b"01234567890123456789012345678901234567890123456789012345678901234567\n",
        ] {
            assert_eq!(finder.line_end(text), line_end(text), "{text:?}");
        }
        assert_eq!(line_end(b"ab\ncd"), (2, Ending::Lf));
        assert_eq!(line_end(b"ab\r\ncd"), (2, Ending::Crlf));
        assert_eq!(line_end(b"ab\rcd"), (2, Ending::Cr));
        assert_eq!(line_end(b"ab"), (2, Ending::None));
    }

    #[test]
    fn samples_of_text_and_of_bytes_agree() {
        // 'é' is two bytes: one of these texts puts one across the 64 KiB mark.
        for pad in 0..3 {
            let text = format!("{}{}", "a".repeat(pad), "é".repeat(ENCODING_SAMPLE_BYTES));
            let sample = encoding_sample_str(&text);
            assert!(sample.len() <= ENCODING_SAMPLE_BYTES);
            assert!(sample.len() + 1 >= ENCODING_SAMPLE_BYTES);
            assert_eq!(sample, encoding_sample(text.as_bytes()));
        }
        assert_eq!(encoding_sample_str("court"), "court");
    }

    #[test]
    fn identities() {
        for name in [
            "Rochane",
            "Léa 🌸",
            "~\u{202F}Maija",
            "\u{202A}+33 6\u{202C}",
            "A\u{200E}",
        ] {
            let fast = if name_bytes(name.as_bytes()) & MARK_LEAD == 0 {
                Cow::Borrowed(name)
            } else {
                identity(name)
            };
            assert_eq!(fast, identity(name), "{name:?}");
        }
        assert_eq!(identity("Rochane"), "Rochane");
        assert_eq!(identity("~\u{202F}Maija"), "Maija");
        assert_eq!(
            identity("\u{202A}+33 6 39 98 00 01\u{202C}"),
            "+33 6 39 98 00 01"
        );
        assert_eq!(identity("~Tilde"), "~Tilde");
    }

    #[test]
    fn name_flags_at_every_length_and_place() {
        // Each flagged byte at each place of names from 0 to 20 bytes: the chunked
        // passes must see every byte, however the chunks overlap.
        for len in 0..=20 {
            for at in 0..len {
                for flagged in [0xE2, 0xEF, b'~', b'"', 0xC2, 0xC3] {
                    let mut name = vec![b'a'; len];
                    name[at] = flagged;
                    let expected = name
                        .iter()
                        .fold(0, |flags, &b| flags | NAME_BYTE_FLAGS[usize::from(b)]);
                    assert_eq!(name_bytes(&name), expected, "{name:?}");
                }
            }
            assert_eq!(name_bytes(&vec![b'a'; len]), 0);
        }
    }

    #[test]
    fn joins() {
        assert_eq!(join_lines("a\r\nb\rc\n"), "a\nb\nc");
        for (text, len) in [
            ("", 0),
            ("a", 0),
            ("\n", 1),
            ("\r", 1),
            ("\r\n", 2),
            ("a\n", 1),
            ("a\r\n", 2),
            ("a\n\r", 1),
            ("\n\n", 1),
        ] {
            assert_eq!(
                without_trailing_ending(text).len(),
                text.len() - len,
                "{text:?}"
            );
        }
        assert_eq!(author_end(b"A: b"), Some(1));
        assert_eq!(author_end(b"A:b: c"), Some(3));
        assert_eq!(author_end(b"A:b:"), Some(3));
        assert_eq!(author_end(b"A:b"), None);
        for text in [
            "",
            ":",
            "abcdefgh:",
            "abcdefg:",
            "abcdefghijklmnop",
            "é:ab:",
            "x\u{3A0}:",
            // Bytes one off from ':' after the XOR, where word tricks can go wrong.
            ";;;;;;;;;:",
            "\u{BA};;;;;;:;",
        ] {
            let bytes = text.as_bytes();
            for cut in 0..=bytes.len() {
                let expected = bytes[cut..].iter().position(|&b| b == b':');
                assert_eq!(
                    find_byte(&bytes[cut..], b':'),
                    expected,
                    "{text:?} from {cut}"
                );
            }
        }
        // A blank last line of a body (its own line ending already cut off) survives
        // every line ending.
        assert_eq!(normalize_breaks("a\r\n"), "a\n");
        assert_eq!(normalize_breaks("a\r"), "a\n");
    }
}
