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
/// against a template and reads the numbers in place. Any line the template does not
/// fit (a single-digit field, a 12-hour clock, an empty body, a continuation line) goes
/// through [`scan`], so both ways accept exactly the same headers.
#[derive(Debug, Clone)]
pub(crate) struct LockedScanner {
    shape: Shape,
    template: Option<Template>,
}

/// The fixed-width form of a shape: where its digits and literal bytes are.
#[derive(Debug, Clone)]
struct Template {
    /// Length of the header, its final space included: 8 to 32 bytes.
    len: usize,
    /// Words of eight bytes covering `0..len`, the last one ending at `len`; short
    /// templates repeat their last word, so all four are always checked.
    words: [Word; 4],
    /// The three date numbers in the order written: two-digit pairs, and for a
    /// four-digit year the pair of its last two digits.
    date: [(Pair, Option<Pair>); 3],
    hour: Pair,
    minute: Pair,
    second: Option<Pair>,
}

/// Where a two-digit number sits: its byte in the words' two-digit values laid end to
/// end (see [`Word::pairs`]).
#[derive(Debug, Clone, Copy)]
struct Pair {
    byte: u8,
}

impl Pair {
    /// The pair of digits at `offset` of the template, in the first word holding both.
    fn at(words: &[Word; 4], offset: usize) -> Option<Pair> {
        let word = words
            .iter()
            .position(|w| w.offset <= offset && offset + 2 <= w.offset + 8)?;
        Some(Pair {
            byte: (8 * word + offset - words[word].offset) as u8,
        })
    }

    /// The number, from the words' two-digit values laid end to end, little-endian.
    #[inline(always)]
    fn get(self, pairs: &[u8; 32]) -> u8 {
        // The mask is a no-op (bytes are below 32 by construction) that lets the
        // compiler drop the bounds check: this runs eight times per header.
        pairs[usize::from(self.byte) & 31]
    }
}

/// Eight bytes of a template, checked and read in a few word operations: XOR with
/// `expected` (the literal bytes, and `'0'` where a digit goes) leaves 0 on every
/// literal byte and the digit's value, 0 to 9, on every digit byte of a fitting line.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    offset: usize,
    expected: u64,
    /// 0xFF on literal bytes, 0xF0 on digit bytes: what must be 0 after the XOR.
    fixed: u64,
    /// 6 on digit bytes: a value above 9 plus 6 reaches 0x10.
    sixes: u64,
    /// 0x10 on digit bytes.
    over_nine: u64,
}

/// Eight bytes of `bytes` from `at`, little-endian.
#[inline(always)]
fn load(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

impl Word {
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
    /// the next. `v` holds the digits' values and 0 on literal bytes.
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
        let mut pattern: Vec<u8> = Vec::with_capacity(32);
        let field = |pattern: &mut Vec<u8>, width: usize| {
            let at = pattern.len();
            pattern.extend(std::iter::repeat_n(b'd', width));
            (at, width)
        };
        if shape.bracket {
            pattern.push(b'[');
        }
        let widths = if shape.year_first {
            [4, 2, 2]
        } else if shape.short_year {
            [2, 2, 2]
        } else {
            [2, 2, 4]
        };
        let d0 = field(&mut pattern, widths[0]);
        pattern.push(shape.date_sep);
        let d1 = field(&mut pattern, widths[1]);
        pattern.push(shape.date_sep);
        let d2 = field(&mut pattern, widths[2]);
        pattern.extend_from_slice(match shape.glue {
            Glue::Comma => b", ",
            Glue::A => " à ".as_bytes(),
            Glue::Space => b" ",
        });
        let (hour, _) = field(&mut pattern, 2);
        pattern.push(b':');
        let (minute, _) = field(&mut pattern, 2);
        let second = shape.seconds.then(|| {
            pattern.push(b':');
            field(&mut pattern, 2).0
        });
        pattern.extend_from_slice(match shape.terminator {
            Terminator::Bracket => b"] ",
            Terminator::Dash => b" - ",
            Terminator::Colon => b": ",
        });
        let len = pattern.len();
        if !(8..=32).contains(&len) {
            return None;
        }
        // Words of eight bytes from the start, each next one starting where the
        // previous ends or at the first pair of digits it would cut.
        let pairs: Vec<usize> = [d0, d1, d2]
            .iter()
            .flat_map(|&(at, width)| [Some(at), (width == 4).then_some(at + 2)])
            .chain([Some(hour), Some(minute), second])
            .flatten()
            .collect();
        let mut offsets = Vec::with_capacity(4);
        let mut offset = 0;
        loop {
            offset = offset.min(len - 8);
            offsets.push(offset);
            if offset + 8 >= len {
                break;
            }
            let cut = pairs
                .iter()
                .copied()
                .filter(|&p| p >= offset && p + 2 > offset + 8);
            offset = cut.fold(offset + 8, usize::min);
        }
        if offsets.len() > 4 {
            return None;
        }
        let mut words = [Word::default(); 4];
        for (i, word) in words.iter_mut().enumerate() {
            // Short templates check their last word again.
            let offset = offsets[i.min(offsets.len() - 1)];
            let mut expected = [0u8; 8];
            let mut fixed = [0xFFu8; 8];
            let mut sixes = [0u8; 8];
            let mut over_nine = [0u8; 8];
            for (j, &b) in pattern[offset..offset + 8].iter().enumerate() {
                if b == b'd' {
                    expected[j] = b'0';
                    fixed[j] = 0xF0;
                    sixes[j] = 6;
                    over_nine[j] = 0x10;
                } else {
                    expected[j] = b;
                }
            }
            *word = Word {
                offset,
                expected: u64::from_le_bytes(expected),
                fixed: u64::from_le_bytes(fixed),
                sixes: u64::from_le_bytes(sixes),
                over_nine: u64::from_le_bytes(over_nine),
            };
        }
        let number = |(at, width): (usize, usize)| {
            let high = Pair::at(&words, at)?;
            let low = match width {
                4 => Some(Pair::at(&words, at + 2)?),
                _ => None,
            };
            Some((high, low))
        };
        Some(Template {
            len,
            date: [number(d0)?, number(d1)?, number(d2)?],
            hour: Pair::at(&words, hour)?,
            minute: Pair::at(&words, minute)?,
            second: match second {
                Some(at) => Some(Pair::at(&words, at)?),
                None => None,
            },
            words,
        })
    }

    #[inline]
    fn read(&self, shape: Shape, bytes: &[u8], start: usize) -> Option<Header> {
        let b = bytes.get(start..start + self.len)?;
        let [w0, w1, w2, w3] = &self.words;
        // Most continuation lines fail on the first word.
        let v0 = w0.values(load(b, w0.offset));
        if w0.mismatch(v0) != 0 {
            return None;
        }
        let v1 = w1.values(load(b, w1.offset));
        let v2 = w2.values(load(b, w2.offset));
        let v3 = w3.values(load(b, w3.offset));
        if w1.mismatch(v1) | w2.mismatch(v2) | w3.mismatch(v3) != 0 {
            return None;
        }
        let mut pairs = [0; 32];
        let values = [v0, v1, v2, v3].map(Word::pairs);
        for (bytes, value) in pairs.chunks_exact_mut(8).zip(values) {
            bytes.copy_from_slice(&value.to_le_bytes());
        }
        let number = |(high, low): (Pair, Option<Pair>)| {
            let high = u16::from(high.get(&pairs));
            match low {
                Some(low) => high * 100 + u16::from(low.get(&pairs)),
                None => high,
            }
        };
        Some(Header {
            shape,
            date: [
                number(self.date[0]),
                number(self.date[1]),
                number(self.date[2]),
            ],
            one_digit: [false; 3],
            hour: self.hour.get(&pairs),
            one_digit_hour: false,
            minute: self.minute.get(&pairs),
            second: self.second.map_or(0, |p| p.get(&pairs)),
            pm: None,
            rest: start + self.len,
        })
    }
}

impl LockedScanner {
    pub(crate) fn new(shape: Shape) -> Self {
        LockedScanner {
            shape,
            template: Template::new(&shape),
        }
    }

    /// The header starting `bytes` (a line, its ending removed), if it has the locked
    /// shape.
    #[inline]
    pub(crate) fn scan(&self, bytes: &[u8]) -> Option<Header> {
        // A BOM where two exports were joined; iOS puts U+200E before `[` on
        // attachment and placeholder lines.
        let mut start = 0;
        // Both marks start with a byte no header starts with: most lines skip the two
        // comparisons.
        if matches!(bytes.first(), Some(0xEF | 0xE2)) {
            if bytes.starts_with(BOM) {
                start = BOM.len();
            }
            if bytes[start..].starts_with(LRM) {
                start += LRM.len();
            }
        }
        if let Some(t) = &self.template {
            if let Some(h) = t.read(self.shape, bytes, start) {
                return Some(h);
            }
        }
        // What any header of this shape needs, so that most continuation lines skip
        // the full scan: `[` exactly when bracketed, and the first date separator
        // after the first number (four digits when the year is first, else one or two).
        let mut at = start;
        if self.shape.bracket {
            if bytes.get(at) != Some(&b'[') {
                return None;
            }
            at += 1;
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
