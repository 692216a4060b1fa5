//! Message headers: the timestamp that opens every record.
//!
//! > Every record starts with a header. Lines that do not start with a header are
//! > continuation lines of the previous record, blank lines included. A file uses one
//! > layout throughout, so detect it per file and then lock it.
//! > (format reference, section 2)
//!
//! The layouts seen in French exports, all read by one scanner:
//!
//! | layout | platform |
//! |---|---|
//! | `12/10/2024, 18:32 - ` | Android, current |
//! | `26/09/2019 à 22:39 - ` | Android, until about 2019 |
//! | `12/03/2025 08:59 - ` | Android, intermediate |
//! | `[15/08/2024 14:20:56] ` (optionally `, ` and a leading U+200E) | iOS |
//! | `03/12/2016 17:56:59: ` | iOS, 2016 |
//! | `[01.12.19 09:37:48] ` | iOS, Swiss |
//! | `[3/27/22 9:41:55 PM] ` (U+202F or U+00A0 before PM) | iOS, US region |
//! | `2024-10-12, 18 h 32 - ` | Canadian (defensive: never seen in a real export) |
//!
//! [`scan`] reads any of them and returns the numbers and the [`Shape`]; the caller
//! locks the shape seen in the first lines and then accepts only headers of that shape,
//! so a header of another layout pasted inside a message stays body text.
//! The scanner is pure and allocation-free: it runs on every line of the file.

/// How a header is laid out, without its numbers: two headers of one file have the same
/// shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Shape {
    /// `[` … `]` around the timestamp (iOS).
    pub bracket: bool,
    /// The date separator: `/`, `.` or `-`.
    pub date_sep: u8,
    /// What stands between the date and the time.
    pub glue: Glue,
    /// How hours and minutes are separated.
    pub time_style: TimeStyle,
    /// Seconds are written.
    pub seconds: bool,
    /// A 12-hour clock with AM/PM.
    pub clock12: bool,
    /// What ends the header.
    pub terminator: Terminator,
    /// The year comes first (`2024-10-12`).
    pub year_first: bool,
    /// The year has two digits.
    pub short_year: bool,
}

/// What stands between the date and the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Glue {
    /// `, ` (Android current, iOS English-style).
    Comma,
    /// ` à ` (Android until about 2019).
    A,
    /// A single space.
    Space,
}

/// How the time is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimeStyle {
    /// `18:32` or `18:32:05`.
    Colon,
    /// `18 h 32` or `18 h 32 min 05 s` (Canadian French, defensive).
    Letters,
}

/// What ends the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Terminator {
    /// ` - ` (Android).
    Dash,
    /// `] ` (iOS).
    Bracket,
    /// `: ` (iOS 2016, no brackets).
    Colon,
}

/// A header as read from a line: its shape, its numbers and where the rest begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// The layout.
    pub shape: Shape,
    /// The three date numbers in the order written.
    pub date: [u16; 3],
    /// Which of the three date numbers were written with one digit.
    pub one_digit: [bool; 3],
    /// Hour as written (1–12 on a 12-hour clock).
    pub hour: u8,
    /// The hour was written with one digit.
    pub one_digit_hour: bool,
    /// Minutes.
    pub minute: u8,
    /// Seconds, 0 when not written.
    pub second: u8,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` on a 24-hour clock.
    pub pm: Option<bool>,
    /// Byte offset in the line where the text after the header begins.
    pub rest: usize,
}

impl Header {
    /// A header of `shape` with every number 0.
    pub(crate) fn blank(shape: Shape) -> Header {
        Header {
            shape,
            date: [0; 3],
            one_digit: [false; 3],
            hour: 0,
            one_digit_hour: false,
            minute: 0,
            second: 0,
            pm: None,
            rest: 0,
        }
    }
}

const LRM: &[u8] = "\u{200E}".as_bytes();
const BOM: &[u8] = "\u{FEFF}".as_bytes();
const NBSP: &[u8] = "\u{00A0}".as_bytes();
const NNBSP: &[u8] = "\u{202F}".as_bytes();

/// A cursor over the bytes of one line.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Reads 1 to `max` digits; returns the value and the digit count.
    fn number(&mut self, max: usize) -> Option<(u16, usize)> {
        let start = self.pos;
        let mut value: u16 = 0;
        while self.pos - start < max {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u16::from(b - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let digits = self.pos - start;
        (digits > 0).then_some((value, digits))
    }

    /// A space, NBSP or NNBSP: what exports put before AM/PM.
    fn eat_any_space(&mut self) -> bool {
        self.eat(b' ') || self.eat_str(NBSP) || self.eat_str(NNBSP)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

/// Reads a header at the start of `line` (its line ending already removed), in any
/// layout. Returns `None` when the line does not start with a header.
pub(crate) fn scan(line: &str) -> Option<Header> {
    scan_bytes(line.as_bytes())
}

/// [`scan`] of a line's bytes: the shells pass bytes, which they slice without the
/// character-boundary checks a `&str` costs on every line.
pub(crate) fn scan_bytes(bytes: &[u8]) -> Option<Header> {
    // Fast exit for the common continuation line: a header starts with a digit, `[`
    // or U+200E (whose UTF-8 starts with 0xE2).
    match bytes.first()? {
        b'0'..=b'9' | b'[' | 0xE2 | 0xEF => {}
        _ => return None,
    }
    let mut c = Cursor { bytes, pos: 0 };
    // iOS puts U+200E before `[` on attachment and placeholder lines.
    // A BOM inside a file is where two exports were joined (`cat a.txt b.txt`): the
    // header after it is still a header.
    c.eat_str(BOM);
    c.eat_str(LRM);
    let bracket = c.eat(b'[');

    let (d0, w0) = c.number(4)?;
    let date_sep = match c.peek()? {
        s @ (b'/' | b'.' | b'-') => s,
        _ => return None,
    };
    c.pos += 1;
    let (d1, w1) = c.number(2)?;
    if !c.eat(date_sep) {
        return None;
    }
    let (d2, w2) = c.number(4)?;
    let year_first = w0 == 4;
    if year_first {
        if w2 > 2 {
            return None;
        }
    } else if w0 > 2 || !(w2 == 2 || w2 == 4) {
        return None;
    }
    let short_year = !year_first && w2 == 2;

    let glue = if c.eat_str(b", ") {
        Glue::Comma
    } else if c.eat_str(" à ".as_bytes()) {
        Glue::A
    } else if c.eat(b' ') {
        Glue::Space
    } else {
        return None;
    };

    let (hour, wh) = c.number(2)?;
    let (time_style, minute, second, seconds);
    if c.eat(b':') {
        time_style = TimeStyle::Colon;
        let (m, wm) = c.number(2)?;
        if wm != 2 {
            return None;
        }
        minute = m;
        // A `:` after the minutes is seconds only when two digits follow: the legacy iOS
        // layout ends its header with `: `.
        if c.peek() == Some(b':') && bytes.get(c.pos + 1).is_some_and(u8::is_ascii_digit) {
            c.pos += 1;
            let (s, ws) = c.number(2)?;
            if ws != 2 {
                return None;
            }
            second = s;
            seconds = true;
        } else {
            second = 0;
            seconds = false;
        }
    } else if c.eat_str(b" h ") {
        time_style = TimeStyle::Letters;
        let (m, wm) = c.number(2)?;
        if wm != 2 {
            return None;
        }
        minute = m;
        if c.eat_str(b" min ") {
            let (s, ws) = c.number(2)?;
            if ws != 2 || !c.eat_str(b" s") {
                return None;
            }
            second = s;
            seconds = true;
        } else {
            second = 0;
            seconds = false;
        }
    } else {
        return None;
    }

    // AM/PM after a space, NBSP or NNBSP: `PM`, `pm`, `p.m.`, `p. m.`.
    let before_meridiem = c.pos;
    let mut pm = None;
    if c.eat_any_space() {
        pm = meridiem(&mut c);
        if pm.is_none() {
            c.pos = before_meridiem;
        }
    }

    let terminator = if bracket {
        if !c.eat(b']') {
            return None;
        }
        // The body may be empty: `]` at the end of the line is still a header.
        if !c.at_end() && !c.eat(b' ') {
            return None;
        }
        Terminator::Bracket
    } else if c.eat_str(b" -") {
        if !c.at_end() && !c.eat(b' ') {
            return None;
        }
        Terminator::Dash
    } else if c.eat(b':') {
        if !c.at_end() && !c.eat(b' ') {
            return None;
        }
        Terminator::Colon
    } else {
        return None;
    };

    Some(Header {
        shape: Shape {
            bracket,
            date_sep,
            glue,
            time_style,
            seconds,
            clock12: pm.is_some(),
            terminator,
            year_first,
            short_year,
        },
        date: [d0, d1, d2],
        one_digit: [w0 == 1, w1 == 1, w2 == 1],
        hour: hour as u8,
        one_digit_hour: wh == 1,
        minute: minute as u8,
        second: second as u8,
        pm,
        rest: c.pos,
    })
}

/// Reads the headers of one locked shape, quickly.
///
/// Nearly every header of a file has the shape's usual widths (`DD/MM/YYYY`, two-digit
/// hours), so those bytes sit at fixed offsets: the scanner checks them eight at a time
/// against a template and reads the numbers in place. A line the template does not fit
/// is no header unless it may be one in other widths (a single-digit field, an empty
/// body), which [`scan`] then reads, as it reads every line of a shape without a
/// template (a 12-hour clock, a spelled-out time): both ways accept exactly the same
/// headers.
#[derive(Debug, Clone)]
pub(crate) struct LockedScanner {
    shape: Shape,
    template: Option<Template>,
}

/// The fixed-width form of a shape: three or four words of eight bytes laid on the
/// header so that every number sits at the same place of its word whatever the layout, and is
/// read with constant shifts.
///
/// Offsets count from the date's first digit: a bracket is checked on its own, so that
/// `[15/08/2024 14:20:56] ` reads like `15/08/2024 14:20:56] `. Every header of a
/// fixed-width shape then has its date in bytes 0 to 10 (or 0 to 8 with a two-digit
/// year), its glue, and its time at `time_at`, 9 to 14: the words at 0, 8, `time_at` and
/// the header's last eight bytes cover it all.
#[derive(Debug, Clone)]
struct Template {
    /// `[` before the date.
    bracket: bool,
    /// Bytes 0 to 8: `DD/MM/YY` or `YYYY-MM-`. Checked first: it rejects nearly every
    /// continuation line.
    date: Word,
    /// Bytes 8 to 16: the end of a ten-byte date, the glue, the start of the time. Only
    /// the date's digits are read from it.
    middle: Word,
    /// Eight bytes from the hour: `HH:MM:SS`, or `HH:MM` and what follows it, inside
    /// the header or not.
    time: Word,
    /// Where the hour starts: 9 to 14.
    time_at: Offset,
    /// The last eight bytes of the header, when the time word ends before them (a
    /// terminator after the seconds), and where they start.
    tail: Option<(Word, Offset)>,
    /// The year comes first: `YYYY-MM-DD`.
    year_first: bool,
    /// What the first two digits of a day-first year weigh: 100 when the year has four
    /// digits (the last two are in `middle`), 1 when it has two.
    year_scale: u16,
    /// Length of the header after its bracket, final space included.
    len: usize,
    /// The header after its bracket, `d` for each digit, then zeros.
    pattern: [u8; WINDOW],
}

/// What the template says of a line.
enum Fit {
    /// The line starts with a header, written into the slot.
    Header,
    /// No header of the shape starts the line.
    NoHeader,
    /// The template does not fit, but a header of the shape in other widths might.
    Unsure,
}

/// The bytes of a line the words may read: a header of a fixed-width shape has at most
/// 25 bytes after its bracket (`DD/MM/YYYY à HH:MM:SS - `).
const WINDOW: usize = 25;

/// Eight bytes of a template, checked and read in a few word operations: XOR with
/// `expected` (the literal bytes, and `'0'` where a digit goes) leaves 0 on every
/// literal byte and the digit's value, 0 to 9, on every digit byte of a fitting line.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    expected: u64,
    /// 0xFF on literal bytes, 0xF0 on digit bytes, 0 on bytes past the header: what
    /// must be 0 after the XOR.
    fixed: u64,
    /// 6 on digit bytes: a value above 9 plus 6 reaches 0x10.
    sixes: u64,
    /// 0x10 on digit bytes.
    over_nine: u64,
    /// 0xFF on the digit bytes whose numbers are read from this word: it clears the
    /// bytes past the header, which no check constrains, and digits read elsewhere.
    read: u64,
}

/// Where a word starts in the window, 2 to 17, kept as `at - 2`: read back as
/// `(kept & 15) + 2`, its bound is plain to the compiler, so the load needs no bounds
/// check, and costs one `and` (the `+ 2` goes into the address).
#[derive(Debug, Clone, Copy)]
struct Offset(u8);

impl Offset {
    fn new(at: usize) -> Option<Offset> {
        (2..=WINDOW - 8)
            .contains(&at)
            .then(|| Offset((at - 2) as u8))
    }

    #[inline(always)]
    fn get(self) -> usize {
        usize::from(self.0 & 15) + 2
    }
}

/// Eight bytes of `window` from `at` (at most 17), little-endian.
#[inline(always)]
fn load(window: &[u8; WINDOW], at: usize) -> u64 {
    // A no-op for constant offsets and [`Offset`]s, which the compiler sees are at
    // most 17: it drops both the `min` and the bounds check.
    let at = at.min(WINDOW - 8);
    let mut word = [0; 8];
    word.copy_from_slice(&window[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Byte `k` of `word`.
#[inline(always)]
fn byte(word: u64, k: u32) -> u8 {
    (word >> (8 * k)) as u8
}

impl Word {
    /// The word checking `pattern[at..at + 8]`, where `d` stands for a digit; bytes past
    /// the pattern are not checked. Digits before `read_below` are read from it.
    fn new(pattern: &[u8], at: usize, read_below: usize) -> Word {
        let mut expected = [0u8; 8];
        let mut fixed = [0u8; 8];
        let mut sixes = [0u8; 8];
        let mut over_nine = [0u8; 8];
        let mut read = [0u8; 8];
        for (j, &b) in pattern.iter().skip(at).take(8).enumerate() {
            if b == b'd' {
                expected[j] = b'0';
                fixed[j] = 0xF0;
                sixes[j] = 6;
                over_nine[j] = 0x10;
                if at + j < read_below {
                    read[j] = 0xFF;
                }
            } else {
                expected[j] = b;
                fixed[j] = 0xFF;
            }
        }
        Word {
            expected: u64::from_le_bytes(expected),
            fixed: u64::from_le_bytes(fixed),
            sixes: u64::from_le_bytes(sixes),
            over_nine: u64::from_le_bytes(over_nine),
            read: u64::from_le_bytes(read),
        }
    }

    /// The eight bytes XOR `expected`: see [`Word`].
    #[inline(always)]
    fn values(&self, x: u64) -> u64 {
        x ^ self.expected
    }

    /// Non-zero when the bytes whose [`values`](Self::values) are `v` do not fit this
    /// word.
    #[inline(always)]
    fn mismatch(&self, v: u64) -> u64 {
        // Once the first term is 0, every byte of `v` is at most 0x0F, and adding 6
        // carries into no other byte; if it is not 0, the result is not 0 either way.
        (v & self.fixed) | (v.wrapping_add(self.sixes) & self.over_nine)
    }

    /// Byte `k` of the result is the two-digit number formed by bytes `k` and `k + 1`
    /// of a fitting word: `10 × d[k] + d[k + 1]`, at most 99, so no byte carries into
    /// the next. `v` holds the digits' values and 0 on every other byte.
    #[inline(always)]
    fn pairs(v: u64) -> u64 {
        v.wrapping_mul(10).wrapping_add(v >> 8)
    }
}

impl Template {
    /// The fixed-width form of `shape`; `None` for 12-hour clocks and spelled-out times,
    /// whose widths vary.
    fn new(shape: &Shape) -> Option<Template> {
        if shape.clock12 || shape.time_style != TimeStyle::Colon {
            return None;
        }
        // The header after its bracket, `d` for each digit.
        let mut pattern: Vec<u8> = Vec::with_capacity(WINDOW);
        let date: &[u8] = if shape.year_first {
            b"dddd-dd-dd"
        } else if shape.short_year {
            b"dd-dd-dd"
        } else {
            b"dd-dd-dddd"
        };
        pattern.extend(date.iter().map(|&b| match b {
            b'-' => shape.date_sep,
            b => b,
        }));
        let date_len = pattern.len();
        pattern.extend_from_slice(match shape.glue {
            Glue::Comma => b", ",
            Glue::A => " à ".as_bytes(),
            Glue::Space => b" ",
        });
        let time_at = pattern.len();
        pattern.extend_from_slice(if shape.seconds { b"dd:dd:dd" } else { b"dd:dd" });
        pattern.extend_from_slice(match shape.terminator {
            Terminator::Bracket => b"] ",
            Terminator::Dash => b" - ",
            Terminator::Colon => b": ",
        });
        let len = pattern.len();
        // The words at 0 and 8 lie inside the header, the time word starts before 16
        // and the tail word ends the header: they cover it all, inside the window.
        if !(16..=WINDOW).contains(&len) {
            return None;
        }
        let tail_at = len - 8;
        let mut padded_pattern = [0; WINDOW];
        padded_pattern[..len].copy_from_slice(&pattern);
        Some(Template {
            bracket: shape.bracket,
            date: Word::new(&pattern, 0, 8),
            middle: Word::new(&pattern, 8, date_len),
            time: Word::new(&pattern, time_at, len),
            time_at: Offset::new(time_at)?,
            tail: if tail_at > time_at {
                Some((Word::new(&pattern, tail_at, 0), Offset::new(tail_at)?))
            } else {
                None
            },
            year_first: shape.year_first,
            year_scale: if shape.short_year { 1 } else { 100 },
            len,
            pattern: padded_pattern,
        })
    }

    /// Whether the header at `start` of the line `text[..line_len]` (after any BOM or
    /// U+200E) fits the template; a fitting header's numbers are written into `slot`,
    /// which holds a header of the template's shape. `text` may go on past the line:
    /// the words are then read in place, without copying a short line into a padded
    /// window.
    #[inline]
    fn read(&self, text: &[u8], line_len: usize, start: usize, slot: &mut Header) -> Fit {
        let mut at = start;
        if self.bracket {
            // `start` is inside the line: the marks were read from it.
            if at >= line_len || text.get(at) != Some(&b'[') {
                return Fit::NoHeader;
            }
            at += 1;
        }
        // The shortest header has 12 bytes after its bracket (`1/1/24 1:00:`): a line
        // with fewer than eight is none.
        let rest_len = line_len.saturating_sub(at);
        if rest_len < 8 {
            return Fit::NoHeader;
        }
        match text.get(at..).and_then(<[u8]>::first_chunk::<WINDOW>) {
            Some(window) => self.fit(window, rest_len, at, slot),
            None => self.fit_padded(&text[at.min(text.len())..], rest_len, at, slot),
        }
    }

    /// [`read`](Self::read) near the end of the input, where fewer than [`WINDOW`] bytes
    /// are left: they are read padded with zeros, which fit neither a digit nor a
    /// literal byte.
    #[cold]
    #[inline(never)]
    fn fit_padded(&self, text: &[u8], rest_len: usize, at: usize, slot: &mut Header) -> Fit {
        let mut window = [0; WINDOW];
        for (to, from) in window.iter_mut().zip(text) {
            *to = *from;
        }
        self.fit(&window, rest_len, at, slot)
    }

    /// The template against `window`, the bytes after the bracket (at `at` of the
    /// line), of which the first `rest_len` (at least 8) are the line's.
    #[inline(always)]
    fn fit(&self, window: &[u8; WINDOW], rest_len: usize, at: usize, slot: &mut Header) -> Fit {
        // Most continuation lines fail on the first word, and nearly all of them on a
        // first byte that is not a digit, which no header of the shape has.
        let v_date = self.date.values(load(window, 0));
        if self.date.mismatch(v_date) != 0 {
            return if v_date as u8 > 9 {
                Fit::NoHeader
            } else {
                Fit::Unsure
            };
        }
        let v_middle = self.middle.values(load(window, 8));
        let v_time = self.time.values(load(window, self.time_at.get()));
        let mut mismatch = self.middle.mismatch(v_middle) | self.time.mismatch(v_time);
        if let Some((tail, at)) = &self.tail {
            mismatch |= tail.mismatch(tail.values(load(window, at.get())));
        }
        // The words check every byte of the header, bytes past the line included: a
        // line shorter than the header is no header in the template's widths.
        if mismatch != 0 || rest_len < self.len {
            return Fit::Unsure;
        }
        let date = Word::pairs(v_date);
        // The two digits of the date past its first word: the end of a four-digit
        // year, or the day after a year-first date; 0 with a two-digit year.
        let end = u16::from(byte(Word::pairs(v_middle & self.middle.read), 0));
        let time = Word::pairs(v_time & self.time.read);
        slot.date = if self.year_first {
            [
                u16::from(byte(date, 0)) * 100 + u16::from(byte(date, 2)),
                u16::from(byte(date, 5)),
                end,
            ]
        } else {
            [
                u16::from(byte(date, 0)),
                u16::from(byte(date, 3)),
                u16::from(byte(date, 6)) * self.year_scale + end,
            ]
        };
        // Without seconds, byte 6 of the time word is not read: its pair is 0.
        slot.hour = byte(time, 0);
        slot.minute = byte(time, 3);
        slot.second = byte(time, 6);
        slot.rest = at + self.len;
        // The usual widths and a 24-hour clock; the slot may hold a header the full
        // scan read in other widths.
        slot.one_digit = [false; 3];
        slot.one_digit_hour = false;
        slot.pm = None;
        Fit::Header
    }

    /// Whether a line the words do not fit may still be a header of the shape, from its
    /// first byte that differs from the template (`line` starts after the bracket).
    ///
    /// [`scan_bytes`] reads greedily and never goes back, so up to that byte it reads
    /// the line as the template does. A digit missing where the template has one may
    /// be a single-digit field, and a line ending early may be a header with an empty
    /// body: a full scan must tell. Any other
    /// byte where the template has a literal one makes the line no header of the
    /// shape: another glue, time style, terminator or AM/PM is another shape; a
    /// number one digit longer than in the template is too long (two-digit month,
    /// hour, minutes, seconds; a three-digit year), or with four digits makes a
    /// day-first date year-first or a two-digit year a four-digit one.
    fn may_fit_other_widths(&self, line: &[u8]) -> bool {
        for (i, &expected) in self.pattern[..self.len].iter().enumerate() {
            let Some(&b) = line.get(i) else {
                return true;
            };
            if expected == b'd' {
                if !b.is_ascii_digit() {
                    return true;
                }
            } else if b != expected {
                return false;
            }
        }
        true
    }
}

impl LockedScanner {
    pub(crate) fn new(shape: Shape) -> Self {
        LockedScanner {
            shape,
            template: Template::new(&shape),
        }
    }

    /// A header of the locked shape with every number 0: what a slot given to
    /// [`scan_into`](Self::scan_into) holds before its first header.
    pub(crate) fn blank(&self) -> Header {
        Header::blank(self.shape)
    }

    /// The header starting `bytes` (a line, its ending removed), if it has the locked
    /// shape.
    pub(crate) fn scan(&self, bytes: &[u8]) -> Option<Header> {
        let mut slot = self.blank();
        self.scan_into(bytes, bytes.len(), &mut slot)
            .then_some(slot)
    }

    /// Whether the line `text[..line_len]` (its ending removed) starts with a header of
    /// the locked shape, which is then written into `slot`. `text` may go on past the
    /// line (the shell passes the rest of its input), and `slot` must hold a header of
    /// the locked shape (see [`blank`](Self::blank)): the usual header then writes only
    /// its numbers, and no `Option<Header>` is returned through memory and copied again.
    #[inline]
    pub(crate) fn scan_into(&self, text: &[u8], line_len: usize, slot: &mut Header) -> bool {
        let line = &text[..line_len.min(text.len())];
        // A BOM where two exports were joined; iOS puts U+200E before `[` on
        // attachment and placeholder lines.
        let mut start = 0;
        // Both marks start with a byte no header starts with: most lines skip the two
        // comparisons.
        if matches!(line.first(), Some(0xEF | 0xE2)) {
            if line.starts_with(BOM) {
                start = BOM.len();
            }
            if line[start..].starts_with(LRM) {
                start += LRM.len();
            }
        }
        if let Some(t) = &self.template {
            match t.read(text, line.len(), start, slot) {
                Fit::Header => return true,
                Fit::NoHeader => return false,
                Fit::Unsure => {}
            }
        }
        match self.scan_slowly(line, start) {
            Some(header) => {
                *slot = header;
                true
            }
            None => false,
        }
    }

    /// [`scan`](Self::scan) of a line the template may not fit: a header with a
    /// single-digit field or an empty body, a continuation line starting with a digit,
    /// or any line of a shape without a template (a 12-hour clock, whose headers cost a
    /// full scan anyway: marking the call cold keeps it out of the way of the others).
    #[cold]
    #[inline(never)]
    fn scan_slowly(&self, bytes: &[u8], start: usize) -> Option<Header> {
        // What any header of this shape needs, so that most continuation lines skip
        // the full scan: `[` exactly when bracketed, the template up to a byte that may
        // start a narrower field or end an empty body, and the first date separator
        // after the first number (four digits when the year is first, else one or two).
        let mut at = start;
        if self.shape.bracket {
            if bytes.get(at) != Some(&b'[') {
                return None;
            }
            at += 1;
        }
        if let Some(template) = &self.template {
            if !template.may_fit_other_widths(bytes.get(at..).unwrap_or_default()) {
                return None;
            }
        }
        let sep = Some(&self.shape.date_sep);
        let plausible = if self.shape.year_first {
            bytes.get(at + 4) == sep
        } else {
            bytes.get(at + 1) == sep || bytes.get(at + 2) == sep
        };
        if !plausible {
            return None;
        }
        scan_bytes(bytes).filter(|h| h.shape == self.shape)
    }
}

/// Reads `AM`, `PM`, `am`, `pm`, `a.m.`, `p.m.`, `a. m.`, `p. m.`; `Some(true)` for PM.
fn meridiem(c: &mut Cursor<'_>) -> Option<bool> {
    let is_pm = match c.peek()? {
        b'a' | b'A' => false,
        b'p' | b'P' => true,
        _ => return None,
    };
    let start = c.pos;
    c.pos += 1;
    let dotted = c.eat(b'.');
    if dotted {
        c.eat_any_space();
    }
    if !(c.eat(b'm') || c.eat(b'M')) {
        c.pos = start;
        return None;
    }
    if dotted && !c.eat(b'.') {
        c.pos = start;
        return None;
    }
    // `PMx` is not a meridiem: the next byte must end the time.
    match c.peek() {
        None | Some(b']' | b' ' | b':') => Some(is_pm),
        _ => {
            c.pos = start;
            None
        }
    }
}

impl Shape {
    /// The current Android layout, `12/10/2024, 18:32 - `.
    pub(crate) const ANDROID: Shape = Shape {
        bracket: false,
        date_sep: b'/',
        glue: Glue::Comma,
        time_style: TimeStyle::Colon,
        seconds: false,
        clock12: false,
        terminator: Terminator::Dash,
        year_first: false,
        short_year: false,
    };

    /// The platform that writes this shape.
    pub fn platform(&self) -> crate::Platform {
        match self.terminator {
            Terminator::Dash => crate::Platform::Android,
            Terminator::Bracket | Terminator::Colon => crate::Platform::Ios,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(line: &str) -> Shape {
        scan(line)
            .unwrap_or_else(|| panic!("no header in {line:?}"))
            .shape
    }

    #[test]
    fn android_current() {
        let h = scan("12/10/2024, 18:32 - Rochane: Salut").unwrap();
        assert_eq!(h.date, [12, 10, 2024]);
        assert_eq!((h.hour, h.minute, h.second), (18, 32, 0));
        assert_eq!(h.shape.glue, Glue::Comma);
        assert_eq!(h.shape.terminator, Terminator::Dash);
        assert_eq!(
            &"12/10/2024, 18:32 - Rochane: Salut"[h.rest..],
            "Rochane: Salut"
        );
    }

    #[test]
    fn android_a_and_space() {
        assert_eq!(shape_of("26/09/2019 à 22:39 - XXX: Salut :)").glue, Glue::A);
        assert_eq!(shape_of("12/03/2025 08:59 - Awa: x").glue, Glue::Space);
    }

    #[test]
    fn ios_layouts() {
        let s = shape_of("[15/08/2024 14:20:56] TechApple78: x");
        assert!(s.bracket && s.seconds && s.glue == Glue::Space);
        assert!(shape_of("\u{200E}[15/08/2024, 14:20:56] A: x").bracket);
        let legacy = scan("03/12/2016 17:56:59: Vous avez créé le groupe").unwrap();
        assert_eq!(legacy.shape.terminator, Terminator::Colon);
        assert!(legacy.shape.seconds);
        let swiss = shape_of("[01.12.19 09:37:48] A: x");
        assert!(swiss.short_year && swiss.date_sep == b'.');
    }

    #[test]
    fn twelve_hour_clocks() {
        for line in [
            "[3/27/22 9:41:55 PM] A: x",
            "[3/27/22 9:41:55\u{202F}PM] A: x",
            "[3/27/22 9:41:55\u{A0}p.m.] A: x",
            "3/27/22, 9:41 p. m. - A: x",
        ] {
            let h = scan(line).unwrap();
            assert_eq!(h.pm, Some(true), "{line}");
        }
        assert_eq!(scan("3/27/22, 9:41 AM - A: x").unwrap().pm, Some(false));
    }

    #[test]
    fn year_first_and_letters() {
        let h = scan("2024-10-12, 18 h 32 - A: x").unwrap();
        assert!(h.shape.year_first);
        assert_eq!(h.shape.time_style, TimeStyle::Letters);
        assert_eq!((h.hour, h.minute), (18, 32));
        let h = scan("[2024-10-12 18 h 32 min 05 s] A: x").unwrap();
        assert_eq!(h.second, 5);
    }

    #[test]
    fn a_bom_inside_a_file_still_starts_a_header() {
        let line = "\u{FEFF}12/10/2024, 18:32 - A: x";
        let h = scan(line).unwrap();
        assert_eq!(&line[h.rest..], "A: x");
    }

    #[test]
    fn empty_body_is_still_a_header() {
        assert!(scan("12/10/2024, 18:32 -").is_some());
        assert!(scan("[15/08/2024 14:20:56]").is_some());
    }

    /// The locked scanner accepts exactly what the full scanner accepts with that shape.
    #[test]
    fn locked_scanner_agrees_with_scan() {
        let layouts = [
            "12/10/2024, 18:32 - Rochane: Salut",
            "26/09/2019 à 22:39 - XXX: Salut",
            "12/03/2025 08:59 - Awa: x",
            "[15/08/2024 14:20:56] TechApple78: x",
            "[15/08/2024, 14:20:56] A: x",
            "03/12/2016 17:56:59: Vous avez créé le groupe",
            "03/12/2016 17:56: A: b",
            "[01.12.19 09:37:48] A: x",
            "[3/27/22 9:41:55 PM] A: x",
            "2024-10-12, 18 h 32 - A: x",
            "2024-10-12, 18:32 - A: x",
            "[2024-10-12 à 18:32:05] A: x",
        ];
        let mut lines: Vec<String> = Vec::new();
        for layout in layouts {
            let header_len = scan(layout).unwrap().rest;
            let header = &layout[..header_len];
            lines.push(layout.to_owned());
            lines.push(format!("\u{200E}{layout}"));
            lines.push(header.trim_end().to_owned());
            lines.push(header.to_owned());
            // Every byte of the header replaced by each troublesome byte, one at a time.
            for i in 0..header_len {
                for b in [b'0', b'9', b'/', b':', b' ', b'a', b'[', 0x2F, 0x3A, 0x40] {
                    let mut bytes = layout.as_bytes().to_vec();
                    bytes[i] = b;
                    if let Ok(line) = String::from_utf8(bytes) {
                        lines.push(line);
                    }
                }
                // A digit removed: single-digit fields.
                let mut bytes = layout.as_bytes().to_vec();
                bytes.remove(i);
                if let Ok(line) = String::from_utf8(bytes) {
                    lines.push(line);
                }
            }
        }
        for layout in layouts {
            let shape = shape_of(layout);
            let locked = LockedScanner::new(shape);
            let fixed_width = !shape.clock12 && shape.time_style == TimeStyle::Colon;
            assert_eq!(locked.template.is_some(), fixed_width, "{layout:?}");
            for line in &lines {
                let expected = scan(line).filter(|h| h.shape == shape);
                assert_eq!(
                    locked.scan(line.as_bytes()),
                    expected,
                    "{line:?} locked on {layout:?}"
                );
            }
        }
    }

    /// Every fixed-width shape, written out independently of [`Template::new`].
    fn fixed_width_shapes() -> Vec<Shape> {
        let mut shapes = Vec::new();
        for bracket in [false, true] {
            for (year_first, short_year) in [(false, false), (false, true), (true, false)] {
                for date_sep in [b'/', b'.', b'-'] {
                    for glue in [Glue::Comma, Glue::A, Glue::Space] {
                        for seconds in [false, true] {
                            for terminator in
                                [Terminator::Dash, Terminator::Bracket, Terminator::Colon]
                            {
                                // `]` ends exactly the bracketed headers.
                                if bracket != (terminator == Terminator::Bracket) {
                                    continue;
                                }
                                shapes.push(Shape {
                                    bracket,
                                    date_sep,
                                    glue,
                                    time_style: TimeStyle::Colon,
                                    seconds,
                                    clock12: false,
                                    terminator,
                                    year_first,
                                    short_year,
                                });
                            }
                        }
                    }
                }
            }
        }
        shapes
    }

    /// A header of `shape` in its usual widths, its digits taken from `digits`.
    fn usual_header(shape: &Shape, digits: &mut impl FnMut() -> u8) -> Vec<u8> {
        let mut line = Vec::new();
        let mut number = |line: &mut Vec<u8>, width: usize| {
            for _ in 0..width {
                line.push(b'0' + digits());
            }
        };
        if shape.bracket {
            line.push(b'[');
        }
        let widths = match (shape.year_first, shape.short_year) {
            (true, _) => [4, 2, 2],
            (false, true) => [2, 2, 2],
            (false, false) => [2, 2, 4],
        };
        number(&mut line, widths[0]);
        line.push(shape.date_sep);
        number(&mut line, widths[1]);
        line.push(shape.date_sep);
        number(&mut line, widths[2]);
        line.extend_from_slice(match shape.glue {
            Glue::Comma => b", ",
            Glue::A => " à ".as_bytes(),
            Glue::Space => b" ",
        });
        number(&mut line, 2);
        line.push(b':');
        number(&mut line, 2);
        if shape.seconds {
            line.push(b':');
            number(&mut line, 2);
        }
        line.extend_from_slice(match shape.terminator {
            Terminator::Dash => b" - ",
            Terminator::Bracket => b"] ",
            Terminator::Colon => b": ",
        });
        line
    }

    /// A small deterministic generator (xorshift), for mutations without a dependency.
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn assert_agrees(locked: &LockedScanner, shape: &Shape, line: &[u8]) {
        let expected = scan_bytes(line).filter(|h| h.shape == *shape);
        assert_eq!(
            locked.scan(line),
            expected,
            "{:?} locked on {shape:?}",
            String::from_utf8_lossy(line)
        );
    }

    /// For every fixed-width shape: its usual headers with every digit value at every
    /// place, each byte of the header replaced by each of the 256 byte values, bytes
    /// removed, inserted and cut off, prefixes, and random multi-byte damage, all read
    /// alike by the locked scanner and by the full scan filtered on the shape.
    #[test]
    fn locked_scanner_agrees_with_scan_on_every_fixed_width_shape() {
        let shapes = fixed_width_shapes();
        assert_eq!(shapes.len(), 162);
        let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
        let bodies: [&[u8]; 5] = [b"", b"A: x", b"Hugo: Bonne id\xC3\xA9e !", b"x", b" "];
        for shape in &shapes {
            let locked = LockedScanner::new(*shape);
            assert!(locked.template.is_some(), "{shape:?}");
            // Each digit place sees every digit: the tenth line shifts them all by one.
            for shift in 0..10u8 {
                let mut place = 0u8;
                let header = usual_header(shape, &mut || {
                    place += 1;
                    (place + shift) % 10
                });
                let h = scan_bytes(&header).unwrap_or_else(|| panic!("{header:?}"));
                assert_eq!(h.shape, *shape);
                assert_eq!(h.rest, header.len());
                for body in bodies {
                    for prefix in [&b""[..], BOM, LRM, b"\xEF\xBB\xBF\xE2\x80\x8E"] {
                        let line = [prefix, &header, body].concat();
                        assert_agrees(&locked, shape, &line);
                        assert!(locked.scan(&line).is_some(), "{line:?}");
                    }
                }
            }
            let mut digits = || noise.below(10) as u8;
            let header = usual_header(shape, &mut digits);
            let line = [&header[..], b"Awa: ok"].concat();
            for i in 0..header.len() {
                for b in 0..=255u8 {
                    let mut damaged = line.clone();
                    damaged[i] = b;
                    assert_agrees(&locked, shape, &damaged);
                }
                let mut removed = line.clone();
                removed.remove(i);
                assert_agrees(&locked, shape, &removed);
                for b in [b'0', b'7', b' ', shape.date_sep, b':'] {
                    let mut inserted = line.clone();
                    inserted.insert(i, b);
                    assert_agrees(&locked, shape, &inserted);
                }
            }
            for end in 0..line.len() {
                assert_agrees(&locked, shape, &line[..end]);
            }
            let troublesome = [
                b'0', b'1', b'9', b'/', b'.', b'-', b':', b' ', b',', b'[', b']', 0x2F, 0x3A, 0x00,
                0x40, 0x7F, 0xC3, 0xA0, 0xE2, 0xEF, b'P', b'M',
            ];
            for _ in 0..2000 {
                let mut damaged = line.clone();
                for _ in 0..1 + noise.below(3) {
                    let i = noise.below(header.len() + 2);
                    damaged[i] = troublesome[noise.below(troublesome.len())];
                }
                assert_agrees(&locked, shape, &damaged);
            }
        }
        // Each shape's scanner on the other shapes' headers, whole and cut.
        let headers: Vec<Vec<u8>> = shapes
            .iter()
            .map(|shape| usual_header(shape, &mut || noise.below(10) as u8))
            .collect();
        for shape in &shapes {
            let locked = LockedScanner::new(*shape);
            for header in &headers {
                let line = [&header[..], b"A: x"].concat();
                assert_agrees(&locked, shape, &line);
                assert_agrees(&locked, shape, &line[..header.len() - 1]);
            }
        }
    }

    /// Continuation lines that start with a digit are settled by the template's first
    /// differing byte, without a full scan, unless they may be a header in other widths.
    #[test]
    fn template_settles_digit_led_lines() {
        let shape = shape_of("12/10/2024, 18:32 - A: x");
        let locked = LockedScanner::new(shape);
        let template = locked.template.as_ref().unwrap();
        for (line, may_be_header) in [
            ("13/01/2024 09:40 pas de virgule", false),
            ("13/01/2024, 09:44 – tiret long", false),
            ("13/01/2024 à 10:19 - Hugo: ancien format", false),
            ("13/01/2024, 10:19 PM - Hugo: 12 heures", false),
            ("13/01/2024, 10:19:05 - Hugo: secondes", false),
            ("2024 était une belle année", false),
            ("200 g de farine", false),
            ("12h30 ça marche", false),
            ("13/01 ça me va", false),
            ("123/10/2024, 18:32 - x", false),
            ("12/10/20245, 18:32 - x", false),
            ("12/10/2024, 18:32 -x", false),
            ("1. Réserver le gîte", true),
            ("8h départ", true),
            ("1/2/2024, 9:05 - A: x", true),
            ("12/10/2024, 9:05 - A: x", true),
            ("12/10/2024, 18:32 -", true),
        ] {
            assert_eq!(
                template.may_fit_other_widths(line.as_bytes()),
                may_be_header,
                "{line:?}"
            );
            let expected = scan(line).filter(|h| h.shape == shape);
            assert_eq!(locked.scan(line.as_bytes()), expected, "{line:?}");
        }
    }

    #[test]
    fn not_headers() {
        for line in [
            "",
            "Bonjour",
            "12/10/2024 18:32 pas de virgule",
            "12/10/2024, 18:32 – tiret long",
            "12/10/2024, 18:32",
            "- 04/01 : rendez-vous",
            "[note du 12/10]",
            "+33 6 39 98 00 01: sans date",
            "3 œufs",
            "12h30 ça marche",
            "123/10/2024, 18:32 - x",
            "12/10/202, 18:32 - x",
        ] {
            assert!(scan(line).is_none(), "{line:?}");
        }
    }
}
