//! Matching helpers shared by the catalogue: typography folding and invisible marks.
//!
//! The format reference (section 7) warns that the same WhatsApp sentence reaches the
//! export with `'` or `’`, with `"…"`, `“…”` or `« … »`, with U+200E marks anywhere and
//! with NBSP/NNBSP where a space was meant: "Normalise apostrophes before matching."
//! Matching is done on a folded copy; what is *captured* is mapped back to the exact
//! bytes of the export, so a subject such as `L’été « 2025 »` is returned as written.
//!
//! The catalogue's patterns are regular expressions; most use only literals, groups,
//! classes and lazy or greedy repetition. [`Template`] runs that subset by plain
//! string operations, backtracking in the same priority order as the `regex` crate
//! (so the captures are the same: a test compares both on every catalogue line); most
//! lines have the simpler shape of a [`Plan`] (literal texts and lazy captures), run
//! with no backtracking at all and checked against it. An [`Edge`] tells what every
//! match of a line starts and ends with, so that a table picks the few lines a
//! sentence may match from its first and last bytes. Patterns outside the subset
//! keep their compiled regex.
//!
//! A sentence is read a few bytes at a time where it can be (eight in a `u64`, or
//! sixteen where the compiler makes vector compares of a loop): a system sentence
//! costs a few thousand instructions, a good part of them reading its bytes.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// U+200E LEFT-TO-RIGHT MARK, the mark WhatsApp puts before generated text.
pub(crate) const LRM: char = '\u{200E}';

/// Invisible direction marks that carry no meaning for matching or identity:
/// LRM, RLM, LRE/PDF embeddings, FSI/PDI isolates (around names) and a stray BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}' | '\u{202C}' | '\u{2068}' | '\u{2069}' | '\u{FEFF}'
    )
}

/// Spaces WhatsApp (or French typography) uses where an ASCII space is meant.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\t' | '\r')
}

/// A folded copy of a sentence, with the way back to the original bytes.
///
/// Folding: apostrophes `’ ‘` → `'`, quotes `“ ” « » „` → `"`, invisible marks
/// removed, every run of spaces (NBSP and NNBSP included) → one ASCII space, no
/// space at either end.
pub(crate) struct Folded<'s, 'b> {
    original: &'s str,
    /// The folded text patterns are matched against: the original itself when
    /// folding changes nothing (most Android sentences, once the leading marks are
    /// cut), otherwise a copy in a [`FoldSpace`].
    pub(crate) text: &'b str,
    /// The way back from a copied `text`: the places where its bytes stop following
    /// the original one for one, as (folded start, original start), sorted. A byte
    /// of `text` comes from the original byte as far past the last such place before
    /// it as it is past that place; a folded character (`'`, `"`, the space standing
    /// for a run) starts a place of its own, at the start of the character it was
    /// folded from. Empty when `text` is the original.
    places: &'b [(usize, usize)],
    /// Where the first line feed of `text` is (`.` stops there), or its length.
    pub(crate) first_line_end: usize,
}

/// The buffers a folded copy is written into, kept from one sentence to the next so
/// that folding allocates nothing once they have grown.
#[derive(Default)]
pub(crate) struct FoldSpace {
    text: String,
    places: Vec<(usize, usize)>,
}

/// Buffers that grew past this (an unusually long sentence) are given back.
const KEPT_CAPACITY: usize = 1 << 16;

thread_local! {
    /// Each thread's buffers for [`with_folded`].
    static FOLD_SPACE: RefCell<FoldSpace> = RefCell::default();
}

/// Runs `then` on `original` folded, in this thread's buffers (fresh ones in the
/// unlikely case they are in use or gone).
pub(crate) fn with_folded<'s, R>(
    original: &'s str,
    mut then: impl for<'b> FnMut(&Folded<'s, 'b>) -> R,
) -> R {
    let first_change = match scan(original.as_bytes()) {
        Scan::ChangesAt(first_change) => first_change,
        Scan::Unchanged { line_feed } => return then(&Folded::unchanged(original, line_feed)),
    };
    let mut fold_in = |space: &mut FoldSpace| {
        let result = then(&Folded::fold(original, first_change, space));
        if space.text.capacity() > KEPT_CAPACITY {
            *space = FoldSpace::default();
        }
        result
    };
    let shared = FOLD_SPACE.try_with(|space| {
        let mut space = space.try_borrow_mut().ok()?;
        Some(fold_in(&mut space))
    });
    match shared {
        Ok(Some(result)) => result,
        _ => fold_in(&mut FoldSpace::default()),
    }
}

/// Bytes that may start a character folding changes: spaces, and the lead bytes of
/// NBSP, `« »` (`C2`), `ʼ` (`CA`), marks, curly quotes, NNBSP (`E2`) and BOM (`EF`).
static MAY_FOLD: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b' ', b'\t', b'\r', 0xC2, 0xCA, 0xE2, 0xEF];
    let mut index = 0;
    while index < bytes.len() {
        table[bytes[index] as usize] = true;
        index += 1;
    }
    table
};

/// The position of the first line feed of `text`, or its length.
fn first_line_end(text: &str) -> usize {
    find_byte(text.as_bytes(), b'\n').unwrap_or(text.len())
}

impl<'s, 'b> Folded<'s, 'b> {
    /// `original`, which folding leaves as it is.
    fn unchanged(original: &'s str, line_feed: bool) -> Self
    where
        's: 'b,
    {
        Folded {
            original,
            text: original,
            places: &[],
            first_line_end: if line_feed {
                first_line_end(original)
            } else {
                original.len()
            },
        }
    }

    /// Folds `original`, which folding first changes at `first_change`, into `space`.
    fn fold(original: &'s str, first_change: usize, space: &'b mut FoldSpace) -> Self {
        let bytes = original.as_bytes();
        let FoldSpace { text, places } = space;
        text.clear();
        places.clear();
        // The bytes before the first change are copied as they are; spaces just
        // before it are folded with it (they may be the start of a run).
        let mut verbatim = first_change;
        while verbatim > 0 && bytes[verbatim - 1] == b' ' {
            verbatim -= 1;
        }
        text.push_str(&original[..verbatim]);
        places.push((0, 0));
        // Records that the next byte of `text` comes from `at`. Folding never
        // lengthens text, so `at` is never before the byte it gives.
        let map = |places: &mut Vec<(usize, usize)>, folded: usize, at: usize| {
            let follows = places
                .last()
                .is_some_and(|&(place, from)| from - place == at - folded);
            if !follows {
                places.push((folded, at));
            }
        };
        let may_fold = |at: usize| {
            bytes
                .get(at)
                .is_none_or(|&byte| MAY_FOLD[usize::from(byte)])
        };
        let mut pending_space: Option<usize> = None;
        let mut at = verbatim;
        while at < bytes.len() {
            let start = at;
            let folded_to = if may_fold(at) {
                let Some(c) = original[at..].chars().next() else {
                    break;
                };
                at += c.len_utf8();
                if is_invisible(c) {
                    continue;
                }
                if is_space(c) {
                    pending_space.get_or_insert(start);
                    continue;
                }
                match c {
                    '\u{2019}' | '\u{2018}' | '\u{02BC}' => Some("'"),
                    '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => Some("\""),
                    _ => None,
                }
            } else {
                // Characters folding keeps come in runs, copied at once; a run goes
                // on over a single ASCII space between two such characters.
                at += 1;
                loop {
                    if !may_fold(at) {
                        at += 1;
                    } else if bytes.get(at) == Some(&b' ') && !may_fold(at + 1) {
                        at += 2;
                    } else {
                        break;
                    }
                }
                None
            };
            if let Some(space) = pending_space.take() {
                // A space is kept only between two visible characters.
                if !text.is_empty() {
                    map(places, text.len(), space);
                    text.push(' ');
                }
            }
            map(places, text.len(), start);
            // Runs and characters end before a byte that may start a character, or
            // at the end: at character boundaries.
            text.push_str(folded_to.unwrap_or(&original[start..at]));
        }
        Folded {
            original,
            text,
            places,
            first_line_end: first_line_end(text),
        }
    }

    /// Folds `original` into `space` (the tests' way: the table folds with
    /// [`with_folded`]).
    #[cfg(test)]
    pub(crate) fn new_in(original: &'s str, space: &'b mut FoldSpace) -> Self
    where
        's: 'b,
    {
        match scan(original.as_bytes()) {
            Scan::ChangesAt(first_change) => Folded::fold(original, first_change, space),
            Scan::Unchanged { line_feed } => Folded::unchanged(original, line_feed),
        }
    }

    /// The original byte a byte of a copied `text` comes from (see `places`).
    fn origin(&self, folded: usize) -> Option<usize> {
        if folded >= self.text.len() {
            return None;
        }
        let after = self.places.partition_point(|&(place, _)| place <= folded);
        let (place, from) = *self.places.get(after.checked_sub(1)?)?;
        Some(from + (folded - place))
    }

    /// The original text behind `folded` (a byte range of `self.text`), exactly as
    /// exported, or `None` for an empty range.
    pub(crate) fn original(&self, folded: Range<usize>) -> Option<&'s str> {
        if folded.is_empty() {
            return None;
        }
        if self.places.is_empty() {
            return self.original.get(folded);
        }
        let start = self.origin(folded.start)?;
        // The last byte comes from a character that ends at the next character
        // boundary.
        let mut end = self.origin(folded.end - 1)? + 1;
        while !self.original.is_char_boundary(end) {
            end += 1;
        }
        self.original.get(start..end)
    }
}

/// What one pass over a sentence tells.
#[derive(Debug, PartialEq)]
enum Scan {
    /// Folding first changes the sentence at this byte.
    ChangesAt(usize),
    /// The folded text is the sentence itself, which holds a line feed or not.
    Unchanged { line_feed: bool },
}

/// Where folding first changes `bytes` (see [`Scan`]). Every character folding
/// touches starts with a control byte, a space or one of the lead bytes `C2` (NBSP,
/// `« »`), `CA` (`ʼ`), `E2` (marks, curly quotes, NNBSP), `EF` (BOM), which the bytes
/// after it then tell from the characters folding keeps (`·`, `…`); other bytes,
/// accented letters and emoji included, are kept as they are. Line feeds are kept
/// too, but looked for on the way: `.` stops at them.
fn scan(bytes: &[u8]) -> Scan {
    let Some(last) = bytes.len().checked_sub(1) else {
        return Scan::Unchanged { line_feed: false };
    };
    // Exactly the characters folding changes: "parti·e" (`C2 B7`), "…" or "€" (`E2`)
    // are kept, and such a sentence is not copied.
    let changes_at = |at: usize| {
        let next = |ahead: usize| bytes.get(at + ahead).copied().unwrap_or(0);
        match bytes[at] {
            b' ' => at == 0 || at == last || next(1) == b' ',
            b'\t' | b'\r' => true,
            // NBSP, `«`, `»`.
            0xC2 => matches!(next(1), 0xA0 | 0xAB | 0xBB),
            // `ʼ`.
            0xCA => next(1) == 0xBC,
            // Thin space, marks, quotes, NNBSP; isolates.
            0xE2 => matches!(
                (next(1), next(2)),
                (
                    0x80,
                    0x89 | 0x8E | 0x8F | 0x98 | 0x99 | 0x9C | 0x9D | 0x9E | 0xAA | 0xAC | 0xAF
                ) | (0x81, 0xA8 | 0xA9)
            ),
            // BOM.
            0xEF => (next(1), next(2)) == (0xBB, 0xBF),
            _ => false,
        }
    };
    if changes_at(0) {
        return Scan::ChangesAt(0);
    }
    // Blocks of 16 bytes are tested without a branch a byte (the compiler turns the
    // loop into vector compares), the last one overlapping the one before; a block
    // that holds a change or a line feed, or a text too short for a block, is then
    // looked at byte by byte. A block never holds the last byte, which only the last
    // loop looks at.
    let mut line_feed = false;
    let mut one_by_one = 0;
    if let Some(final_block) = last.checked_sub(BLOCK) {
        let mut block_start = 0;
        while let Some(block) = bytes.get(block_start..block_start + BLOCK + 1) {
            let mut flagged = false;
            for (&byte, &next) in block[..BLOCK].iter().zip(&block[1..]) {
                // `|` and `&`, not `||` and `&&`: no branch to stop vectorising.
                flagged |= (byte == b'\t')
                    | (byte == b'\r')
                    | (byte == b'\n')
                    | (byte == 0xC2)
                    | (byte == 0xCA)
                    | (byte == 0xE2)
                    | (byte == 0xEF)
                    | ((byte == b' ') & (next == b' '));
            }
            if flagged {
                for (offset, &byte) in block[..BLOCK].iter().enumerate() {
                    if MAY_FOLD[usize::from(byte)] && changes_at(block_start + offset) {
                        return Scan::ChangesAt(block_start + offset);
                    }
                    line_feed |= byte == b'\n';
                }
            }
            if block_start == final_block {
                one_by_one = last;
                break;
            }
            block_start = (block_start + BLOCK).min(final_block);
        }
    }
    for (at, &byte) in bytes.iter().enumerate().skip(one_by_one) {
        if MAY_FOLD[usize::from(byte)] && changes_at(at) {
            return Scan::ChangesAt(at);
        }
        line_feed |= byte == b'\n';
    }
    Scan::Unchanged { line_feed }
}

/// The bytes [`scan`] tests at once.
const BLOCK: usize = 16;

/// `text` without invisible marks, borrowed when it has none (the usual case).
pub(crate) fn without_marks(text: &str) -> Cow<'_, str> {
    // Every invisible mark starts with E2 or EF: most names have neither byte. Eight
    // bytes at a time: names are too short for `memchr2` to pay for its set-up.
    let may_have_marks = holds_either(text.as_bytes(), 0xE2, 0xEF);
    if may_have_marks && text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `bytes` holds `one` or `other` (neither zero), eight bytes at a time.
pub(crate) fn holds_either(bytes: &[u8], one: u8, other: u8) -> bool {
    let Some(last_chunk) = bytes.len().checked_sub(8) else {
        // Read at once, zeros after the bytes: neither of those looked for.
        let chunk = eight_bytes(bytes, 0);
        return bytes_equal(chunk, one) | bytes_equal(chunk, other) != 0;
    };
    let mut at = 0;
    loop {
        // The last chunk overlaps the one before: which byte is found does not matter.
        let chunk = eight_bytes(bytes, at.min(last_chunk));
        if bytes_equal(chunk, one) | bytes_equal(chunk, other) != 0 {
            return true;
        }
        if at >= last_chunk {
            return false;
        }
        at += 8;
    }
}

/// Length in bytes of the run of leading direction marks (U+200E, U+200F, U+202A,
/// U+202C) that WhatsApp puts before generated bodies. All four are `E2 80 xx`.
pub(crate) fn leading_marks_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let [0xE2, 0x80, third, ..] = bytes[at..] {
        if !matches!(third, 0x8E | 0x8F | 0xAA | 0xAC) {
            break;
        }
        at += 3;
    }
    at
}

/// A catalogue pattern (its regular expression) compiled for plain string matching.
///
/// The catalogue's regular expressions use a small part of the syntax: literal text,
/// `(?:a|b)` groups, `(?P<name>…)` captures, `?` `*` `+` (greedy or lazy) after a
/// character, `.` or a class, `^` and `$`. A `Template` runs such a pattern by
/// backtracking in priority order, which is what the regex crate's leftmost-first
/// semantics define, so it finds the same match and the same captures; it only does
/// it without compiling automata (about 650,000 instructions a pattern) and jumps
/// from one occurrence of the next literal to the other instead of trying every
/// character. Anything else (`{4,}`, `\b`, flags) makes the template not executable
/// ([`Template::find_in`] gives up at once): the caller keeps the regex for those.
pub(crate) struct Template {
    nodes: Vec<Node>,
    /// Capture names, by group number.
    names: Vec<Box<str>>,
    /// Whether every construct of the pattern is one [`Template::find_in`] runs.
    executable: bool,
    /// The faster way to run the pattern, when it has the shape [`Plan`] runs.
    /// Read from the nodes at the pattern's first use: a table's lines are compiled
    /// together, and most texts only ever try a few of them.
    plan: OnceLock<Option<Plan>>,
}

/// Where each group of a match is: its start and end, `usize::MAX` for a group that
/// took no part (as the matcher keeps them, read only for the groups asked for).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Groups([usize; 2 * MAX_GROUPS]);

impl Groups {
    /// No group took part.
    pub(crate) fn none() -> Groups {
        Groups([usize::MAX; 2 * MAX_GROUPS])
    }

    /// The byte range of `group`, if it took part.
    pub(crate) fn get(&self, group: usize) -> Option<Range<usize>> {
        let (start, end) = (*self.0.get(2 * group)?, *self.0.get(2 * group + 1)?);
        (start != usize::MAX && end != usize::MAX).then_some(start..end)
    }

    /// Sets where `group` is (nothing for a group past [`MAX_GROUPS`]).
    pub(crate) fn set(&mut self, group: usize, range: Option<Range<usize>>) {
        let (start, end) = range.map_or((usize::MAX, usize::MAX), |range| (range.start, range.end));
        if let Some([slot_start, slot_end]) = self.0.get_mut(2 * group..2 * group + 2) {
            (*slot_start, *slot_end) = (start, end);
        }
    }
}

/// Most capture groups a template runs; a pattern with more keeps its regex.
pub(crate) const MAX_GROUPS: usize = 4;

/// The outcome of [`Template::find_in`].
pub(crate) enum Found {
    /// The whole text matches; the byte range of each group that took part.
    Match(Groups),
    /// The text does not match.
    NoMatch,
    /// The step budget ran out (a long, repetitive text): ask the regex, whose
    /// automata are linear in the text.
    GaveUp,
}

enum Node {
    /// Text to match as it is, with its searcher for a lazy `.*?` of the backtracking
    /// to jump to it, built at its first use (most lines run by a [`Plan`], which
    /// needs none).
    Literal(String, OnceLock<Box<memchr::memmem::Finder<'static>>>),
    Start,
    End,
    Repeat {
        set: Set,
        min: u32,
        max: u32,
        greedy: bool,
    },
    Group {
        alternatives: Vec<Vec<Node>>,
        /// The group number of a capture.
        capture: Option<usize>,
        /// `Some(greedy)` for a group followed by `?` (`??`).
        optional: Option<bool>,
    },
    /// A construct the template does not run; it only ends a run of literal text.
    Opaque,
}

#[derive(Clone)]
enum Set {
    /// `.`: any character but a line feed.
    Any,
    Char(char),
    Class {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
}

impl Set {
    fn contains(&self, c: char) -> bool {
        match self {
            Set::Any => c != '\n',
            Set::Char(only) => c == *only,
            Set::Class { ranges, negated } => {
                ranges.iter().any(|&(low, high)| (low..=high).contains(&c)) != *negated
            }
        }
    }
}

/// The pattern is not made of the syntax the catalogue uses.
#[derive(Debug)]
pub(crate) struct Malformed;

struct Parser<'p> {
    chars: std::iter::Peekable<std::str::Chars<'p>>,
    names: Vec<Box<str>>,
    executable: bool,
}

impl Parser<'_> {
    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, Malformed> {
        let mut alternatives = vec![self.sequence()?];
        while self.chars.next_if_eq(&'|').is_some() {
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Node>, Malformed> {
        let mut nodes = Vec::new();
        while let Some(c) = self.chars.next_if(|&c| c != '|' && c != ')') {
            let atom = match c {
                '^' => Node::Start,
                '$' => Node::End,
                '.' => Node::Repeat {
                    set: Set::Any,
                    min: 1,
                    max: 1,
                    greedy: true,
                },
                '[' => Node::Repeat {
                    set: self.class()?,
                    min: 1,
                    max: 1,
                    greedy: true,
                },
                '(' => self.group()?,
                '\\' => match self.chars.next().ok_or(Malformed)? {
                    c if c.is_ascii_punctuation() => literal_char(c),
                    _ => {
                        // `\b`, `\d`…: not run here.
                        self.executable = false;
                        Node::Opaque
                    }
                },
                '?' | '*' | '+' | '{' => return Err(Malformed),
                c => literal_char(c),
            };
            let atom = self.quantified(atom)?;
            push_node(&mut nodes, atom);
        }
        Ok(nodes)
    }

    /// `atom` with the quantifier that follows it, if any.
    fn quantified(&mut self, atom: Node) -> Result<Node, Malformed> {
        let (min, max) = match self.chars.peek() {
            Some('?') => (0, 1),
            Some('*') => (0, u32::MAX),
            Some('+') => (1, u32::MAX),
            Some('{') => {
                // Counted repetition: skipped over, left to the regex.
                for c in self.chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                self.chars.next_if_eq(&'?');
                self.executable = false;
                return Ok(Node::Opaque);
            }
            _ => return Ok(atom),
        };
        self.chars.next();
        let greedy = self.chars.next_if_eq(&'?').is_none();
        Ok(match atom {
            Node::Repeat { set, .. } => Node::Repeat {
                set,
                min,
                max,
                greedy,
            },
            Node::Literal(text, _) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(only), None) => Node::Repeat {
                        set: Set::Char(only),
                        min,
                        max,
                        greedy,
                    },
                    _ => return Err(Malformed),
                }
            }
            Node::Group {
                alternatives,
                capture,
                optional: None,
            } if (min, max) == (0, 1) => Node::Group {
                alternatives,
                capture,
                optional: Some(greedy),
            },
            _ => {
                // A repeated group or assertion: not run here.
                self.executable = false;
                Node::Opaque
            }
        })
    }

    /// A class after its `[`: characters, ranges, a leading `^`.
    fn class(&mut self) -> Result<Set, Malformed> {
        let negated = self.chars.next_if_eq(&'^').is_some();
        let mut ranges = Vec::new();
        loop {
            let low = match self.chars.next().ok_or(Malformed)? {
                ']' => break,
                '\\' => self.chars.next().ok_or(Malformed)?,
                '[' => return Err(Malformed),
                c => c,
            };
            let high = if self.chars.peek() == Some(&'-') {
                self.chars.next();
                match self.chars.next().ok_or(Malformed)? {
                    // A `-` just before `]` is the character itself.
                    ']' => {
                        ranges.push((low, low));
                        ranges.push(('-', '-'));
                        break;
                    }
                    high => high,
                }
            } else {
                low
            };
            ranges.push((low, high));
        }
        Ok(Set::Class { ranges, negated })
    }

    /// A group after its `(`, up to and with its `)`.
    fn group(&mut self) -> Result<Node, Malformed> {
        let mut capture = None;
        if self.chars.next_if_eq(&'?').is_some() {
            match self.chars.next().ok_or(Malformed)? {
                ':' => {}
                'P' => {
                    if self.chars.next() != Some('<') {
                        return Err(Malformed);
                    }
                    let name: String = self.chars.by_ref().take_while(|&c| c != '>').collect();
                    capture = Some(self.names.len());
                    self.names.push(name.into());
                }
                _ => {
                    // Flags such as `(?-u:…)`: read the group, leave it to the regex.
                    for c in self.chars.by_ref() {
                        if c == ':' {
                            break;
                        }
                    }
                    self.executable = false;
                }
            }
        } else {
            // A numbered group would shift the names: the catalogue uses none.
            return Err(Malformed);
        }
        let alternatives = self.alternatives()?;
        if self.chars.next() != Some(')') {
            return Err(Malformed);
        }
        // A plain `(?:abc)` is spliced into its sequence by `push_node`, once
        // `quantified` has seen whether a quantifier applies to it as a whole.
        Ok(Node::Group {
            alternatives,
            capture,
            optional: None,
        })
    }
}

fn literal_char(c: char) -> Node {
    Node::Literal(c.to_string(), OnceLock::new())
}

/// Appends `node`, splicing a plain one-way group and joining literal text, so that
/// a literal is one node (its texts are read whole, see [`Edge`]).
fn push_node(nodes: &mut Vec<Node>, node: Node) {
    match node {
        Node::Group {
            mut alternatives,
            capture: None,
            optional: None,
        } if alternatives.len() == 1 => {
            for inner in alternatives.pop().into_iter().flatten() {
                push_node(nodes, inner);
            }
        }
        Node::Literal(text, _) => match nodes.last_mut() {
            Some(Node::Literal(before, _)) => before.push_str(&text),
            _ => nodes.push(Node::Literal(text, OnceLock::new())),
        },
        other => nodes.push(other),
    }
}

/// The continuation of a match: what is left of an enclosing sequence once a group
/// is done, with the group to close first.
struct Cont<'a> {
    nodes: &'a [Node],
    close: Option<usize>,
    next: Option<&'a Cont<'a>>,
}

/// The budget ran out.
struct OutOfSteps;

struct Run<'t> {
    text: &'t str,
    /// Start and end of each group, `usize::MAX` when unset.
    slots: [usize; 2 * MAX_GROUPS],
    steps_left: usize,
    /// Where the first line feed is (`.` stops there), or the text's length.
    first_line_end: usize,
}

impl Run<'_> {
    fn sequence(
        &mut self,
        nodes: &[Node],
        next: Option<&Cont<'_>>,
        at: usize,
    ) -> Result<bool, OutOfSteps> {
        self.steps_left = self.steps_left.checked_sub(1).ok_or(OutOfSteps)?;
        // Literals, anchors and continuations leave no choice to come back to: they
        // are walked in a loop, and only repeats and groups recurse.
        let (mut nodes, mut next, mut at) = (nodes, next, at);
        loop {
            let Some((node, rest)) = nodes.split_first() else {
                let Some(cont) = next else {
                    return Ok(true);
                };
                let Some(group) = cont.close else {
                    (nodes, next) = (cont.nodes, cont.next);
                    continue;
                };
                let before = self.slots[2 * group + 1];
                self.slots[2 * group + 1] = at;
                if self.sequence(cont.nodes, cont.next, at)? {
                    return Ok(true);
                }
                self.slots[2 * group + 1] = before;
                return Ok(false);
            };
            match node {
                Node::Literal(literal, _) => {
                    if !self.text.as_bytes()[at..].starts_with(literal.as_bytes()) {
                        return Ok(false);
                    }
                    at += literal.len();
                }
                Node::Start if at == 0 => {}
                Node::End if at == self.text.len() => {}
                Node::Start | Node::End => return Ok(false),
                Node::Repeat {
                    set,
                    min,
                    max,
                    greedy,
                } => {
                    return if *greedy {
                        self.greedy(set, *min, *max, rest, next, at)
                    } else {
                        self.lazy(set, *min, *max, rest, next, at)
                    };
                }
                Node::Group {
                    alternatives,
                    capture,
                    optional,
                } => return self.group(alternatives, *capture, *optional, rest, next, at),
                // Never run: `find` refuses templates holding one.
                Node::Opaque => return Ok(false),
            }
            nodes = rest;
        }
    }

    fn group(
        &mut self,
        alternatives: &[Vec<Node>],
        capture: Option<usize>,
        optional: Option<bool>,
        rest: &[Node],
        next: Option<&Cont<'_>>,
        at: usize,
    ) -> Result<bool, OutOfSteps> {
        if optional == Some(false) && self.sequence(rest, next, at)? {
            return Ok(true);
        }
        let after = Cont {
            nodes: rest,
            close: capture,
            next,
        };
        let before = capture.map(|group| (group, self.slots[2 * group]));
        if let Some((group, _)) = before {
            self.slots[2 * group] = at;
        }
        for alternative in alternatives {
            if self.sequence(alternative, Some(&after), at)? {
                return Ok(true);
            }
        }
        if let Some((group, start)) = before {
            self.slots[2 * group] = start;
        }
        Ok(optional == Some(true) && self.sequence(rest, next, at)?)
    }

    /// Counts a scan over `bytes` bytes against the budget: a text repeating a
    /// pattern's words on a line that then fails would otherwise be scanned again
    /// from each occurrence.
    fn charge(&mut self, bytes: usize) -> Result<(), OutOfSteps> {
        self.steps_left = self.steps_left.checked_sub(bytes / 16).ok_or(OutOfSteps)?;
        Ok(())
    }

    /// The character at `at` when `set` holds it.
    fn next_in(&self, set: &Set, at: usize) -> Option<char> {
        self.text[at..].chars().next().filter(|&c| set.contains(c))
    }

    fn greedy(
        &mut self,
        set: &Set,
        min: u32,
        max: u32,
        rest: &[Node],
        next: Option<&Cont<'_>>,
        at: usize,
    ) -> Result<bool, OutOfSteps> {
        let mut end = at;
        let mut count = 0;
        while count < max {
            let Some(c) = self.next_in(set, end) else {
                break;
            };
            end += c.len_utf8();
            count += 1;
        }
        self.charge(end - at)?;
        // Longest first, then one character less at a time.
        while count >= min {
            if self.sequence(rest, next, end)? {
                return Ok(true);
            }
            if count == 0 {
                break;
            }
            count -= 1;
            end -= 1;
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
        }
        Ok(false)
    }

    fn lazy(
        &mut self,
        set: &Set,
        min: u32,
        max: u32,
        rest: &[Node],
        next: Option<&Cont<'_>>,
        at: usize,
    ) -> Result<bool, OutOfSteps> {
        let mut end = at;
        let mut count = 0;
        while count < min {
            let Some(c) = self.next_in(set, end) else {
                return Ok(false);
            };
            end += c.len_utf8();
            count += 1;
        }
        let stops = Stops::after(rest, next);
        let bytes = self.text.as_bytes();
        // `.` stops at the first line feed; the other sets run to the end.
        let limit = match set {
            Set::Any if end <= self.first_line_end => self.first_line_end,
            Set::Any => memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |i| end + i),
            _ => bytes.len(),
        };
        if let (Set::Any, u32::MAX) = (set, max) {
            // The first place the rest may start, found at once rather than first
            // testing the place the minimum leaves (usually a name's second letter).
            match stops.next_from(bytes, end, limit) {
                Some(stop) => {
                    self.charge(stop - end)?;
                    end = stop;
                }
                None => return Ok(false),
            }
        }
        loop {
            if stops.may_go_on(bytes, end) && self.sequence(rest, next, end)? {
                return Ok(true);
            }
            if count == max {
                return Ok(false);
            }
            let Some(c) = self.next_in(set, end) else {
                return Ok(false);
            };
            end += c.len_utf8();
            count = count.saturating_add(1);
            if let (Set::Any, u32::MAX) = (set, max) {
                // Positions where the rest cannot start are passed over at once.
                match stops.next_from(bytes, end, limit) {
                    Some(stop) => {
                        self.charge(stop - end)?;
                        end = stop;
                    }
                    None => return Ok(false),
                }
            }
        }
    }
}

/// What the rest of a match can start with, to pass over the positions of a lazy
/// `.*?` where it cannot: `" ?(?P<subject>.*?) ?"` stops only at spaces and quotes,
/// `(?P<actor>.+?) a ajouté` only where " a ajouté" is.
struct Stops<'a> {
    /// The rest starts with one of these bytes (or is at the end, when `end`).
    first: [u8; 4],
    count: usize,
    end: bool,
    /// The literal the rest starts with, when it does, and its searcher.
    literal: Option<&'a [u8]>,
    finder: Option<&'a memchr::memmem::Finder<'static>>,
    /// `false` when the rest can start anywhere.
    known: bool,
}

impl<'a> Stops<'a> {
    fn after(rest: &'a [Node], next: Option<&'a Cont<'a>>) -> Stops<'a> {
        let mut stops = Stops {
            first: [0; 4],
            count: 0,
            end: false,
            literal: None,
            finder: None,
            known: false,
        };
        let mut leading = true;
        for node in (Following { rest, next }) {
            let (c, optional) = match node {
                Node::Literal(literal, finder) => {
                    if leading {
                        stops.literal = Some(literal.as_bytes());
                        stops.finder = Some(finder.get_or_init(|| {
                            Box::new(memchr::memmem::Finder::new(literal.as_bytes()).into_owned())
                        }));
                    }
                    (literal.as_bytes()[0], false)
                }
                Node::Repeat {
                    set: Set::Char(c),
                    min,
                    ..
                } if c.is_ascii() => (*c as u8, *min == 0),
                Node::End => {
                    stops.end = true;
                    stops.known = true;
                    return stops;
                }
                _ => return stops,
            };
            if stops.count == stops.first.len() {
                return stops;
            }
            stops.first[stops.count] = c;
            stops.count += 1;
            if !optional {
                stops.known = true;
                return stops;
            }
            leading = false;
        }
        // Nothing follows: the match ends anywhere.
        stops
    }

    /// Whether the rest may start with `byte` (a loop: `<[u8]>::contains` calls
    /// `memchr`, too slow for four bytes).
    #[allow(clippy::manual_contains)]
    fn starts_with(&self, byte: u8) -> bool {
        self.first[..self.count].iter().any(|&first| first == byte)
    }

    /// Whether the rest may start at `at`.
    fn may_go_on(&self, bytes: &[u8], at: usize) -> bool {
        if !self.known {
            return true;
        }
        match self.literal {
            Some(literal) => bytes[at..].starts_with(literal),
            None => {
                (self.end && at == bytes.len())
                    || bytes.get(at).is_some_and(|&b| self.starts_with(b))
            }
        }
    }

    /// The first position from `at` up to `limit` where the rest may start.
    fn next_from(&self, bytes: &[u8], at: usize, limit: usize) -> Option<usize> {
        if !self.known {
            return Some(at);
        }
        if let Some(finder) = self.finder {
            // The limit itself is still looked at by the caller (the end of the text,
            // or the line feed `.` stops at).
            return match finder.find(bytes.get(at..)?) {
                Some(offset) if at + offset <= limit => Some(at + offset),
                _ => Some(limit),
            };
        }
        match bytes
            .get(at..limit)?
            .iter()
            .position(|&b| self.starts_with(b))
        {
            Some(offset) => Some(at + offset),
            // The limit itself: the end of the text, or a line feed `.` stops at.
            None => Some(limit),
        }
    }
}

/// The nodes a match goes on with after `rest`, through the enclosing groups.
struct Following<'a> {
    rest: &'a [Node],
    next: Option<&'a Cont<'a>>,
}

impl<'a> Iterator for Following<'a> {
    type Item = &'a Node;

    fn next(&mut self) -> Option<&'a Node> {
        loop {
            if let Some((node, rest)) = self.rest.split_first() {
                self.rest = rest;
                return Some(node);
            }
            let cont = self.next?;
            self.rest = cont.nodes;
            self.next = cont.next;
        }
    }
}

/// A faster way to run the templates most catalogue lines make: literal text (with
/// its alternatives), lazy captures of any characters and optional characters, up
/// to a rest that captures nothing. Such a pattern needs little of the backtracking's
/// generality. At a given place at most one of a run's literal texts matches (they
/// are chosen so that none is the start of another), so the only choices are where
/// each lazy capture ends, tried in the order the backtracking tries them (shortest
/// first); and a rest that captures nothing only has to match, in any way, which is
/// a test of the text against the few shapes ([`Glob`]) it can take. A capture
/// followed by such a rest ends where the text ends with one of the rest's texts:
/// found from the end rather than searched for.
struct Plan {
    steps: Vec<Step>,
}

enum Step {
    /// Exactly one of these texts.
    Literals(Literals),
    /// An optional ASCII character, taken first when present (a greedy `c?`).
    Optional(u8),
    /// A lazy capture of any characters but a line feed: `(?P<name>.+?)` or `.*?`.
    Lazy { group: usize, min_one: bool },
    /// What is left of the pattern, which captures nothing, up to the end.
    Rest(Rest),
}

/// Literal texts a match goes on with, none of them the start of another.
struct Literals {
    texts: Vec<Box<[u8]>>,
    /// Each text's first eight bytes (fewer for a shorter text) and the mask of those
    /// bytes: most places are told from a text by them, without comparing the rest.
    heads: Vec<(u64, u64)>,
    /// The least common byte of the start all texts share, and its offset: a capture
    /// before them looks for that byte rather than trying every place.
    probe: Option<(usize, u8)>,
}

/// The end of a pattern.
enum Rest {
    /// The texts the rest matches: fixed ones, and globs repeating a set.
    Texts { fixed: FixedTexts, globs: Vec<Glob> },
    /// Where the rest starts among the template's top-level nodes, for a rest of
    /// other shapes (or with a capture): the backtracking runs it.
    Nodes(usize),
}

/// Texts made of a fixed start, any number of characters of one set, and a fixed end
/// (or only the fixed start).
#[derive(Clone)]
struct Glob {
    start: Vec<u8>,
    /// Shared: a glob is copied into many others while a pattern's are listed.
    repeated: Option<Arc<Set>>,
    end: Vec<u8>,
}

/// Fixed texts, filed by their last byte: a text can only end with those ending with
/// its own last byte, or with the empty text.
struct FixedTexts {
    /// For each last byte, the texts ending with it, longest first.
    by_last_byte: Vec<(u8, Vec<Box<[u8]>>)>,
    /// Whether the empty text is one of them.
    empty: bool,
}

impl FixedTexts {
    fn new(texts: Vec<Vec<u8>>) -> FixedTexts {
        let mut fixed = FixedTexts {
            by_last_byte: Vec::new(),
            empty: false,
        };
        for text in texts {
            let Some(&last) = text.last() else {
                fixed.empty = true;
                continue;
            };
            match fixed
                .by_last_byte
                .iter_mut()
                .find(|(byte, _)| *byte == last)
            {
                Some((_, texts)) => texts.push(text.into_boxed_slice()),
                None => fixed
                    .by_last_byte
                    .push((last, vec![text.into_boxed_slice()])),
            }
        }
        for (_, texts) in &mut fixed.by_last_byte {
            texts.sort_by(|one, other| other.len().cmp(&one.len()).then(one.cmp(other)));
            texts.dedup();
        }
        fixed
    }

    /// The non-empty texts `text` may end with, longest first.
    fn ending(&self, text: &[u8]) -> &[Box<[u8]>] {
        let Some(last) = text.last() else {
            return &[];
        };
        self.by_last_byte
            .iter()
            .find(|(byte, _)| byte == last)
            .map_or(&[], |(_, texts)| texts)
    }

    fn contains(&self, text: &[u8]) -> bool {
        match text {
            [] => self.empty,
            _ => self.ending(text).iter().any(|fixed| **fixed == *text),
        }
    }
}

/// The most globs a run of pattern is expanded to.
const MAX_GLOBS: usize = 64;

impl Glob {
    fn text(start: Vec<u8>) -> Glob {
        Glob {
            start,
            repeated: None,
            end: Vec::new(),
        }
    }

    /// This glob followed by `next`; `None` when both repeat a set.
    fn then(&self, next: &Glob) -> Option<Glob> {
        Some(match (&self.repeated, &next.repeated) {
            (None, None) => Glob::text([&self.start[..], &next.start].concat()),
            (None, Some(set)) => Glob {
                start: [&self.start[..], &next.start].concat(),
                repeated: Some(Arc::clone(set)),
                end: next.end.clone(),
            },
            (Some(set), None) => Glob {
                start: self.start.clone(),
                repeated: Some(Arc::clone(set)),
                end: [&self.end[..], &next.start].concat(),
            },
            (Some(_), Some(_)) => return None,
        })
    }

    /// Whether `text` is one of this glob's texts.
    fn matches(&self, text: &[u8]) -> bool {
        let Some(set) = self.repeated.as_deref() else {
            return text == self.start;
        };
        let Some(middle) = text
            .strip_prefix(self.start.as_slice())
            .and_then(|rest| rest.strip_suffix(self.end.as_slice()))
        else {
            return false;
        };
        match set {
            // A line feed, or an ASCII character a class leaves out, is a byte of its
            // own in UTF-8: no need to read characters.
            Set::Any => !middle.contains(&b'\n'),
            Set::Class {
                ranges,
                negated: true,
            } if ranges.iter().all(|&(_, high)| high.is_ascii()) => middle.iter().all(|&byte| {
                !ranges
                    .iter()
                    .any(|&(low, high)| (low as u8..=high as u8).contains(&byte))
            }),
            // The fixed start and end are whole characters: the middle is text.
            _ => std::str::from_utf8(middle)
                .is_ok_and(|middle| middle.chars().all(|c| set.contains(c))),
        }
    }
}

/// A capture group holding only a lazy repetition of `.` (`.+?` or `.*?`): its group
/// number and whether it takes at least one character.
fn lazy_capture(node: &Node) -> Option<(usize, bool)> {
    let Node::Group {
        alternatives,
        capture: Some(group),
        optional: None,
    } = node
    else {
        return None;
    };
    match alternatives.as_slice() {
        [alternative] => match alternative.as_slice() {
            [Node::Repeat {
                set: Set::Any,
                min: min @ (0 | 1),
                max: u32::MAX,
                greedy: false,
            }] => Some((*group, *min == 1)),
            _ => None,
        },
        _ => None,
    }
}

/// The globs of the texts `nodes` match, when at most [`MAX_GLOBS`] describe them;
/// `None` when a node captures, anchors or is not run here, or when two repeat a set.
fn globs_of(nodes: &[Node]) -> Option<Vec<Glob>> {
    let mut globs = vec![Glob::text(Vec::new())];
    for node in nodes {
        let choices = node_globs(node)?;
        let mut product = Vec::with_capacity(globs.len() * choices.len());
        for glob in &globs {
            for choice in &choices {
                product.push(glob.then(choice)?);
            }
        }
        globs = product;
        if globs.len() > MAX_GLOBS {
            return None;
        }
    }
    Some(globs)
}

fn node_globs(node: &Node) -> Option<Vec<Glob>> {
    match node {
        Node::Literal(text, _) => Some(vec![Glob::text(text.as_bytes().to_vec())]),
        Node::Repeat {
            set,
            min: 0,
            max: u32::MAX,
            ..
        } => Some(vec![Glob {
            start: Vec::new(),
            repeated: Some(Arc::new(set.clone())),
            end: Vec::new(),
        }]),
        Node::Repeat { set, min, max, .. } => {
            let chars: Vec<char> = match set {
                Set::Char(c) => vec![*c],
                Set::Class {
                    ranges,
                    negated: false,
                } if ranges
                    .iter()
                    .map(|&(low, high)| (high as usize).saturating_sub(low as usize) + 1)
                    .sum::<usize>()
                    <= 16 =>
                {
                    ranges.iter().flat_map(|&(low, high)| low..=high).collect()
                }
                _ => return None,
            };
            if !matches!((*min, *max), (0 | 1, 1)) {
                return None;
            }
            let mut globs: Vec<Glob> = chars
                .iter()
                .map(|c| Glob::text(c.to_string().into_bytes()))
                .collect();
            if *min == 0 {
                globs.push(Glob::text(Vec::new()));
            }
            Some(globs)
        }
        Node::Group {
            alternatives,
            capture: None,
            optional,
        } => {
            let mut globs = Vec::new();
            for alternative in alternatives {
                globs.extend(globs_of(alternative)?);
            }
            if optional.is_some() {
                globs.push(Glob::text(Vec::new()));
            }
            (globs.len() <= MAX_GLOBS).then_some(globs)
        }
        _ => None,
    }
}

/// The texts of `nodes`, when there are few and none is the start of another (so at
/// most one matches at a place, and the order the backtracking tries them in does
/// not matter).
fn literal_texts(nodes: &[Node]) -> Option<Vec<Vec<u8>>> {
    as_literal_texts(globs_of(nodes)?)
}

/// The texts of `globs`, when they are all fixed and none is the start of another.
fn as_literal_texts(globs: Vec<Glob>) -> Option<Vec<Vec<u8>>> {
    let mut texts = Vec::new();
    for glob in globs {
        if glob.repeated.is_some() {
            return None;
        }
        texts.push(glob.start);
    }
    texts.sort();
    texts.dedup();
    let none_starts_another = texts.iter().enumerate().all(|(index, text)| {
        !text.is_empty()
            && texts
                .iter()
                .enumerate()
                .all(|(other, longer)| other == index || !longer.starts_with(text))
    });
    none_starts_another.then_some(texts)
}

/// The longest start of `nodes` whose texts are literal texts ([`literal_texts`]):
/// how many nodes, and the texts. The globs of each start are those of the one
/// before and one node more; once a start has too many, or one that repeats a set,
/// so have the longer ones.
fn longest_literal_start(nodes: &[Node]) -> Option<(usize, Vec<Vec<u8>>)> {
    let mut globs = vec![Glob::text(Vec::new())];
    let mut longest = None;
    for (index, node) in nodes.iter().enumerate() {
        let Some(choices) = node_globs(node) else {
            break;
        };
        let mut product = Vec::with_capacity(globs.len() * choices.len());
        for glob in &globs {
            for choice in &choices {
                match glob.then(choice) {
                    Some(next) if next.repeated.is_none() => product.push(next),
                    _ => return longest,
                }
            }
        }
        if product.len() > MAX_GLOBS {
            break;
        }
        globs = product;
        if let Some(texts) = as_literal_texts(globs.clone()) {
            longest = Some((index + 1, texts));
        }
    }
    longest
}

/// How common a byte is in French sentences and names, roughly: a capture looks for
/// the least common byte of what follows it.
fn commonness(byte: u8) -> u8 {
    match byte {
        b' ' => 255,
        b'e' => 200,
        b'a' | b's' | b'i' | b't' | b'n' | b'r' => 180,
        b'u' | b'l' | b'o' | b'd' | b'c' | b'm' | b'p' => 160,
        // The lead byte of `é`, `è`, `à`…, and the byte after it.
        0xC3 | 0x80..=0xBF | b'0'..=b'9' => 150,
        b'a'..=b'z' => 100,
        b'A'..=b'Z' => 80,
        _ => 50,
    }
}

impl Literals {
    fn new(texts: Vec<Vec<u8>>) -> Literals {
        let first = texts.first().cloned().unwrap_or_default();
        let shared = (0..first.len())
            .take_while(|&at| texts.iter().all(|text| text.get(at) == first.get(at)))
            .count();
        let probe = first[..shared]
            .iter()
            .enumerate()
            .min_by_key(|&(_, &byte)| commonness(byte))
            .map(|(offset, &byte)| (offset, byte));
        let heads = texts
            .iter()
            .map(|text| {
                let length = text.len().min(8);
                let mask =
                    u64::MAX >> (64 - 8 * length.max(1)) & ((length > 0) as u64).wrapping_neg();
                (eight_bytes(text, 0) & mask, mask)
            })
            .collect();
        Literals {
            texts: texts.into_iter().map(Vec::into_boxed_slice).collect(),
            heads,
            probe,
        }
    }

    /// The length of the text that matches at `at`, if one does.
    fn length_at(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let tail = bytes.get(at..)?;
        let head = eight_bytes(tail, 0);
        self.texts
            .iter()
            .zip(&self.heads)
            .find(|(text, &(value, mask))| head & mask == value && tail.starts_with(text))
            .map(|(text, _)| text.len())
    }

    /// The first place from `from` up to `limit` where one of the texts matches, and
    /// the length of that text.
    fn next_start(&self, bytes: &[u8], mut from: usize, limit: usize) -> Option<(usize, usize)> {
        let Some((offset, byte)) = self.probe else {
            return (from..=limit).find_map(|at| Some((at, self.length_at(bytes, at)?)));
        };
        loop {
            // The probe byte of a match starting at most at `limit`.
            let window = bytes.get(from + offset..bytes.len().min(limit + offset + 1))?;
            let at = from + find_byte(window, byte)?;
            if let Some(length) = self.length_at(bytes, at) {
                return Some((at, length));
            }
            from = at + 1;
        }
    }
}

impl Rest {
    /// The rest made of `nodes` (a top-level sequence ending with `$`), which start
    /// at `start` among the template's nodes; `None` when they do not end with `$`.
    fn new(nodes: &[Node], start: usize) -> Option<Rest> {
        let (Node::End, body) = nodes.split_last()? else {
            return None;
        };
        Some(match globs_of(body) {
            Some(all) => Rest::of_globs(all),
            None => Rest::Nodes(start),
        })
    }

    /// The rest whose texts are `all`.
    fn of_globs(all: Vec<Glob>) -> Rest {
        let (globs, fixed): (Vec<Glob>, Vec<Glob>) =
            all.into_iter().partition(|glob| glob.repeated.is_some());
        Rest::Texts {
            fixed: FixedTexts::new(fixed.into_iter().map(|glob| glob.start).collect()),
            globs,
        }
    }

    /// Whether every text of the rest is fixed (no glob repeats a set).
    fn fixed(&self) -> bool {
        matches!(self, Rest::Texts { globs, .. } if globs.is_empty())
    }
}

impl Plan {
    /// The plan of a template's top-level `nodes`, when they are of the shape it runs.
    fn of(nodes: &[Node]) -> Option<Plan> {
        let (Node::Start, _) = nodes.split_first()? else {
            return None;
        };
        let mut steps = Vec::new();
        let mut segment = 1;
        for (index, node) in nodes.iter().enumerate().skip(1) {
            if let Some((group, min_one)) = lazy_capture(node) {
                push_segment(&mut steps, &nodes[segment..index])?;
                if matches!(steps.last(), Some(Step::Lazy { .. })) {
                    return None;
                }
                steps.push(Step::Lazy { group, min_one });
                segment = index + 1;
            }
        }
        // The last run: when its texts are not all fixed, its longest start that is
        // literal texts, then the rest.
        let last = &nodes[segment..];
        let (Node::End, body) = last.split_last()? else {
            return None;
        };
        match globs_of(body) {
            Some(globs) if globs.iter().all(|glob| glob.repeated.is_none()) => {
                steps.push(Step::Rest(Rest::of_globs(globs)));
            }
            _ => {
                if let Some((end, texts)) = longest_literal_start(body) {
                    steps.push(Step::Literals(Literals::new(texts)));
                    segment += end;
                }
                steps.push(Step::Rest(Rest::new(&nodes[segment..], segment)?));
            }
        }
        // A capture ends before literal texts or a rest of fixed texts: the places it
        // may end are then found directly.
        let capture_ends_well = steps.windows(2).all(|pair| match pair {
            [Step::Lazy { .. }, Step::Literals(_)] => true,
            [Step::Lazy { .. }, Step::Rest(rest)] => rest.fixed(),
            [Step::Lazy { .. }, _] => false,
            _ => true,
        });
        capture_ends_well.then_some(Plan { steps })
    }
}

/// Adds the steps of a run of pattern between captures (or before the first): literal
/// texts, possibly followed by an optional character.
fn push_segment(steps: &mut Vec<Step>, nodes: &[Node]) -> Option<()> {
    if nodes.is_empty() {
        return Some(());
    }
    if let Some(texts) = literal_texts(nodes) {
        steps.push(Step::Literals(Literals::new(texts)));
        return Some(());
    }
    let (
        Node::Repeat {
            set: Set::Char(c),
            min: 0,
            max: 1,
            greedy: true,
        },
        before,
    ) = nodes.split_last()?
    else {
        return None;
    };
    let c = u8::try_from(*c).ok().filter(u8::is_ascii)?;
    if !before.is_empty() {
        steps.push(Step::Literals(Literals::new(literal_texts(before)?)));
    }
    steps.push(Step::Optional(c));
    Some(())
}

impl Run<'_> {
    /// Whether `steps` match from `at` to the end (see [`Plan`]), setting the slots of
    /// the captures.
    fn plan(&mut self, steps: &[Step], nodes: &[Node], at: usize) -> Result<bool, OutOfSteps> {
        self.steps_left = self.steps_left.checked_sub(1).ok_or(OutOfSteps)?;
        let bytes = self.text.as_bytes();
        let (mut steps, mut at) = (steps, at);
        loop {
            let Some((step, rest)) = steps.split_first() else {
                return Ok(at == bytes.len());
            };
            match step {
                Step::Literals(literals) => match literals.length_at(bytes, at) {
                    Some(length) => at += length,
                    None => return Ok(false),
                },
                Step::Optional(c) => {
                    if bytes.get(at) == Some(c) && self.plan(rest, nodes, at + 1)? {
                        return Ok(true);
                    }
                }
                Step::Rest(Rest::Texts { fixed, globs }) => {
                    let tail = &bytes[at..];
                    if fixed.contains(tail) {
                        return Ok(true);
                    }
                    self.charge(tail.len())?;
                    return Ok(globs.iter().any(|glob| glob.matches(tail)));
                }
                Step::Rest(Rest::Nodes(start)) => {
                    return self.sequence(&nodes[*start..], None, at);
                }
                Step::Lazy { group, min_one } => {
                    return self.lazy_capture(*group, *min_one, rest, nodes, at)
                }
            }
            steps = rest;
        }
    }

    fn lazy_capture(
        &mut self,
        group: usize,
        min_one: bool,
        steps: &[Step],
        nodes: &[Node],
        at: usize,
    ) -> Result<bool, OutOfSteps> {
        let bytes = self.text.as_bytes();
        // `.` stops at the first line feed.
        let limit = if at <= self.first_line_end {
            self.first_line_end
        } else {
            self.charge(bytes.len() - at)?;
            find_byte(&bytes[at..], b'\n').map_or(bytes.len(), |i| at + i)
        };
        let mut from = at;
        if min_one {
            let Some(c) = self.text[at..limit].chars().next() else {
                return Ok(false);
            };
            from += c.len_utf8();
        }
        self.slots[2 * group] = at;
        match steps.first() {
            Some(Step::Rest(Rest::Texts { fixed, .. })) => {
                // Fixed texts only (see `Plan::of`), the longest the text may end with
                // first: the capture's shortest end first. A text the text ends with
                // starts at a character boundary.
                let mut end = None;
                for text in fixed.ending(bytes) {
                    match bytes.len().checked_sub(text.len()) {
                        Some(start) if start >= from && bytes[start..] == **text => {
                            end = Some(start);
                            break;
                        }
                        _ => {}
                    }
                }
                if end.is_none() && fixed.empty && bytes.len() >= from {
                    end = Some(bytes.len());
                }
                match end {
                    Some(end) if end <= limit => {
                        self.slots[2 * group + 1] = end;
                        Ok(true)
                    }
                    _ => Ok(false),
                }
            }
            Some(Step::Literals(literals)) => {
                while let Some((end, length)) = literals.next_start(bytes, from, limit) {
                    self.charge(end - from)?;
                    self.slots[2 * group + 1] = end;
                    // The texts are told at `end` already: the plan goes on after them.
                    if self.plan(&steps[1..], nodes, end + length)? {
                        return Ok(true);
                    }
                    from = end + 1;
                }
                Ok(false)
            }
            // Not built (see `Plan::of`).
            _ => Ok(false),
        }
    }
}

impl Template {
    /// Reads a regular expression of the catalogue.
    pub(crate) fn parse(regex: &str) -> Result<Template, Malformed> {
        let mut parser = Parser {
            chars: regex.chars().peekable(),
            names: Vec::new(),
            executable: true,
        };
        let mut alternatives = parser.alternatives()?;
        if parser.chars.next().is_some() {
            return Err(Malformed);
        }
        let nodes = match alternatives.len() {
            1 => alternatives.pop().unwrap_or_default(),
            _ => vec![Node::Group {
                alternatives,
                capture: None,
                optional: None,
            }],
        };
        let executable = parser.executable && parser.names.len() <= MAX_GROUPS;
        Ok(Template {
            nodes,
            names: parser.names,
            executable,
            plan: OnceLock::new(),
        })
    }

    /// Whether the pattern has the shape of a [`Plan`], which runs it faster than the
    /// backtracking.
    #[cfg(test)]
    pub(crate) fn has_plan(&self) -> bool {
        self.plan().is_some()
    }

    /// The pattern's plan, if it has the shape of one.
    fn plan(&self) -> Option<&Plan> {
        self.plan
            .get_or_init(|| {
                if self.executable {
                    Plan::of(&self.nodes)
                } else {
                    None
                }
            })
            .as_ref()
    }

    /// Whether [`Template::find_in`] can run this pattern.
    pub(crate) fn executable(&self) -> bool {
        self.executable
    }

    /// Capture names, by group number.
    pub(crate) fn names(&self) -> &[Box<str>] {
        &self.names
    }

    /// [`Template::find_in`] for any text (the tests' way).
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str) -> Found {
        self.find_by(text, first_line_end(text), true)
    }

    /// Matches the pattern against the whole of `text` (the catalogue's patterns are
    /// anchored), as the regex crate would: by its plan when it has one, otherwise by
    /// backtracking. `first_line_end` is where the text's first line feed is (`.`
    /// stops there), or its length.
    pub(crate) fn find_in(&self, text: &str, first_line_end: usize) -> Found {
        self.find_by(text, first_line_end, true)
    }

    /// [`Template::find_in`] by the backtracking alone, without the plan (for the tests,
    /// which compare the two).
    #[cfg(test)]
    pub(crate) fn find_by_backtracking(&self, text: &str) -> Found {
        self.find_by(text, first_line_end(text), false)
    }

    fn find_by(&self, text: &str, first_line_end: usize, with_plan: bool) -> Found {
        if !self.executable {
            return Found::GaveUp;
        }
        let mut run = Run {
            text,
            slots: Groups::none().0,
            // Sentences take a few hundred steps; the budget only stops a long text
            // that repeats the pattern's words from costing more than the regex.
            steps_left: 4096 + 16 * text.len(),
            first_line_end,
        };
        let matched = match self.plan().filter(|_| with_plan) {
            Some(plan) => run.plan(&plan.steps, &self.nodes, 0),
            None => run.sequence(&self.nodes, None, 0),
        };
        match matched {
            Ok(true) => Found::Match(Groups(run.slots)),
            Ok(false) => Found::NoMatch,
            Err(OutOfSteps) => Found::GaveUp,
        }
    }
}

/// What every match of a template starts or ends with: a table of templates picks the
/// few a text may match from the text's first and last bytes, without reading its
/// words (see [`Template::start_edge`] and [`Template::end_edge`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edge {
    /// Every match ends with one of these texts, each at least [`EDGE_KEY`] bytes
    /// long: the last [`EDGE_KEY`] bytes of a text tell.
    Texts(Vec<Vec<u8>>),
    /// Every match starts (or ends) with one of these bytes (bit `b % 64` of word
    /// `b / 64`).
    Bytes([u64; 4]),
    /// Nothing is known: any text may match.
    Any,
}

/// How many bytes of an [`Edge::Texts`] edge a table reads.
pub(crate) const EDGE_KEY: usize = 8;

/// How many bytes of the texts of [`Template::after_first_capture`] a table reads.
pub(crate) const AFTER_A_SPACE: usize = 8;

impl Edge {
    /// Whether `byte` is one of the bytes of an [`Edge::Bytes`] edge.
    pub(crate) fn holds_byte(bytes: &[u64; 4], byte: u8) -> bool {
        bytes[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }
}

/// Every byte.
const ALL_BYTES: [u64; 4] = [u64::MAX; 4];

fn one_byte(byte: u8) -> [u64; 4] {
    let mut bytes = [0; 4];
    bytes[usize::from(byte >> 6)] |= 1 << (byte & 63);
    bytes
}

fn union(one: [u64; 4], other: [u64; 4]) -> [u64; 4] {
    std::array::from_fn(|word| one[word] | other[word])
}

/// Whether `text` is long enough to be `length` bytes long once the period a text's key
/// leaves out (see [`Template::end_edge`]) is cut from it.
fn long_enough(text: &[u8], length: usize) -> bool {
    text.len() >= length + usize::from(text.last() == Some(&b'.'))
}

/// The fixed texts every match of `nodes`, in this order, starts with (`forward`) or
/// ends with (backward): the texts of the first nodes, as long as each node is a few
/// fixed texts and a text is shorter than `length`, when each is then that long;
/// `None` otherwise. A text long enough is not made longer: only its first (last)
/// bytes are read.
fn edge_texts<'n>(
    nodes: impl Iterator<Item = &'n Node>,
    forward: bool,
    length: usize,
) -> Option<Vec<Vec<u8>>> {
    let mut texts = vec![Vec::new()];
    for node in nodes {
        if texts.iter().all(|text| long_enough(text, length)) {
            break;
        }
        // Most nodes are literal text: added to each text in place.
        if let Node::Literal(literal, _) = node {
            for text in texts.iter_mut().filter(|text| !long_enough(text, length)) {
                match forward {
                    true => text.extend_from_slice(literal.as_bytes()),
                    false => drop(text.splice(0..0, literal.bytes())),
                }
            }
            continue;
        }
        let Some(choices) = node_globs(node) else {
            break;
        };
        if choices.iter().any(|choice| choice.repeated.is_some()) {
            break;
        }
        let mut longer = Vec::with_capacity(texts.len() * choices.len());
        for text in &texts {
            if long_enough(text, length) {
                longer.push(text.clone());
                continue;
            }
            for choice in &choices {
                longer.push(match forward {
                    true => [&text[..], &choice.start].concat(),
                    false => [&choice.start[..], text].concat(),
                });
            }
        }
        if longer.len() > MAX_GLOBS {
            break;
        }
        texts = longer;
    }
    texts
        .iter()
        .all(|text| long_enough(text, length))
        .then_some(texts)
}

/// The bytes a match of `nodes` may start with (`first`) or end with, and whether it
/// may be empty.
fn edge_bytes(nodes: &[Node], first: bool) -> ([u64; 4], bool) {
    let mut bytes = [0; 4];
    let mut visit = |node: &Node| {
        let (more, may_be_empty) = node_edge_bytes(node, first);
        bytes = union(bytes, more);
        may_be_empty
    };
    let may_be_empty = match first {
        true => nodes.iter().all(&mut visit),
        false => nodes.iter().rev().all(&mut visit),
    };
    (bytes, may_be_empty)
}

fn node_edge_bytes(node: &Node, first: bool) -> ([u64; 4], bool) {
    match node {
        Node::Literal(text, _) => {
            let edge = match first {
                true => text.as_bytes().first(),
                false => text.as_bytes().last(),
            };
            match edge {
                Some(&byte) => (one_byte(byte), false),
                None => ([0; 4], true),
            }
        }
        Node::Start | Node::End => ([0; 4], true),
        Node::Repeat { set, min, .. } => (set_edge_bytes(set, first), *min == 0),
        Node::Group {
            alternatives,
            optional,
            ..
        } => alternatives.iter().fold(
            ([0; 4], optional.is_some()),
            |(bytes, may_be_empty), alternative| {
                let (more, empty) = edge_bytes(alternative, first);
                (union(bytes, more), may_be_empty || empty)
            },
        ),
        // Anything, even nothing.
        Node::Opaque => (ALL_BYTES, true),
    }
}

/// The first (`first`) or last bytes of the characters of `set`.
fn set_edge_bytes(set: &Set, first: bool) -> [u64; 4] {
    let edge_byte = |c: char| {
        let mut buffer = [0; 4];
        let encoded = c.encode_utf8(&mut buffer).as_bytes();
        one_byte(if first {
            encoded[0]
        } else {
            encoded[encoded.len() - 1]
        })
    };
    match set {
        Set::Char(c) => edge_byte(*c),
        Set::Class {
            ranges,
            negated: false,
        } if ranges
            .iter()
            .all(|&(low, high)| u32::from(high).saturating_sub(u32::from(low)) < 256) =>
        {
            ranges
                .iter()
                .flat_map(|&(low, high)| low..=high)
                .fold([0; 4], |bytes, c| union(bytes, edge_byte(c)))
        }
        _ => ALL_BYTES,
    }
}

impl Template {
    /// The bytes every match starts with: [`Edge::Bytes`] or [`Edge::Any`].
    pub(crate) fn start_edge(&self) -> Edge {
        let Some((Node::Start, body)) = self.nodes.split_first() else {
            return Edge::Any;
        };
        match edge_bytes(body, true) {
            (bytes, false) if bytes != ALL_BYTES => Edge::Bytes(bytes),
            _ => Edge::Any,
        }
    }

    /// When every match starts with a capture followed by one of a few fixed texts
    /// that start with a space, those texts, each at least [`AFTER_A_SPACE`] bytes
    /// long: a text can only match if it holds one of them after a space.
    pub(crate) fn after_first_capture(&self) -> Option<Vec<Vec<u8>>> {
        let [Node::Start, Node::Group {
            capture: Some(_),
            optional: None,
            ..
        }, rest @ ..] = self.nodes.as_slice()
        else {
            return None;
        };
        edge_texts(rest.iter(), true, AFTER_A_SPACE)
            .filter(|texts| texts.iter().all(|text| text.first() == Some(&b' ')))
    }

    /// What every match ends with, once one final period is cut from it (a table of
    /// anchored patterns ending with `\.?$`, as the catalogue's do, reads a text so).
    /// `without_last_group`: the edge of the pattern without its last node before
    /// `\.?$`, an optional group, which the caller cuts from the text itself.
    ///
    /// The texts of [`Edge::Texts`] then include those of the pattern's texts that
    /// end with a period, without it: the cut text may be such a match missing its
    /// last byte. [`Edge::Bytes`] never holds the period (it is [`Edge::Any`] then).
    pub(crate) fn end_edge(&self, without_last_group: bool) -> Edge {
        let [body @ .., Node::Repeat {
            set: Set::Char('.'),
            min: 0,
            max: 1,
            ..
        }, Node::End] = self.nodes.as_slice()
        else {
            return Edge::Any;
        };
        let body = match (without_last_group, body) {
            (false, _) => body,
            (
                true,
                [before @ .., Node::Group {
                    optional: Some(_), ..
                }],
            ) => before,
            (true, _) => return Edge::Any,
        };
        if let Some(mut texts) = edge_texts(body.iter().rev(), false, EDGE_KEY) {
            let cut: Vec<Vec<u8>> = texts
                .iter()
                .filter_map(|text| text.strip_suffix(b".").map(<[u8]>::to_vec))
                .collect();
            texts.extend(cut);
            return Edge::Texts(texts);
        }
        match edge_bytes(body, false) {
            (bytes, false) if !Edge::holds_byte(&bytes, b'.') => Edge::Bytes(bytes),
            // Any byte, the period included.
            _ => Edge::Any,
        }
    }
}

/// The eight bytes of `bytes` at `at` as a little-endian `u64`, those past the end as
/// zeros.
pub(crate) fn eight_bytes(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
        None => fewer_than_eight(bytes.get(at..).unwrap_or_default()),
    }
}

/// `bytes` (fewer than eight) as a little-endian `u64`, zeros after them: read as two
/// overlapping halves of four or two bytes (where they overlap, both hold the same
/// bytes), not byte by byte (names and ends of sentences are often that short).
fn fewer_than_eight(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*first))
            | u64::from(u32::from_le_bytes(*last)) << (8 * (len - 4))
    } else if let (Some(first), Some(last)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*first))
            | u64::from(u16::from_le_bytes(*last)) << (8 * (len - 2))
    } else {
        bytes.first().map_or(0, |&byte| u64::from(byte))
    }
}

/// The first `byte` of `bytes`, eight bytes at a time: in the short texts this looks
/// at (sentences, the end of an author's name) the byte is usually within the first
/// few words, where `memchr`'s set-up costs more than this loop takes.
#[inline]
pub(crate) fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let needles = u64::from(byte) * ONES;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight) ^ needles;
        // The lowest set bit marks the first zero byte of `x` (borrows only ever flag
        // bytes above a zero byte): cheaper than [`bytes_equal`], exact for the first.
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(at + (zeros.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = words.remainder().iter().position(|&other| other == byte)?;
    Some(at + tail)
}

/// The bytes of `chunk` (eight, little-endian) equal to `byte`: the high bit of each
/// such byte, no other bit (the exact form of the zero-byte test, which never flags a
/// byte after a match).
#[inline(always)]
pub(crate) fn bytes_equal(chunk: u64, byte: u8) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let zero_where_equal = chunk ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((zero_where_equal & LOW_SEVEN) + LOW_SEVEN) | zero_where_equal | LOW_SEVEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_reads_are_the_bytes_then_zeros() {
        let text = b"abcdefghij";
        for start in 0..=text.len() + 1 {
            for end in start..=text.len() {
                let bytes = &text[start.min(end)..end];
                let expected = bytes
                    .iter()
                    .rev()
                    .fold(0, |value, &byte| (value << 8) | u64::from(byte));
                if bytes.len() < 8 {
                    assert_eq!(fewer_than_eight(bytes), expected, "{bytes:?}");
                }
                for at in 0..=bytes.len() + 2 {
                    let rest = bytes.get(at..).unwrap_or_default();
                    let expected = rest
                        .iter()
                        .take(8)
                        .rev()
                        .fold(0, |value, &byte| (value << 8) | u64::from(byte));
                    assert_eq!(eight_bytes(bytes, at), expected, "{bytes:?} {at}");
                }
            }
        }
    }

    #[test]
    fn folds_typography_and_maps_back() {
        let original = "\u{200E}Léa a modifié le sujet en «\u{A0}L’été\u{A0}»";
        let mut space = FoldSpace::default();
        let folded = Folded::new_in(original, &mut space);
        assert_eq!(folded.text, "Léa a modifié le sujet en \" L'été \"");
        let start = folded.text.find("L'été").unwrap();
        let range = start..start + "L'été".len();
        assert_eq!(folded.original(range), Some("L’été"));
        assert_eq!(folded.original(3..3), None);
    }

    #[test]
    fn collapses_and_trims_spaces() {
        let mut space = FoldSpace::default();
        let folded = Folded::new_in("  a \u{202F}\u{A0} b\u{200E} ", &mut space);
        assert_eq!(folded.text, "a b");
    }

    #[test]
    fn leading_marks() {
        assert_eq!(leading_marks_len("\u{200E}\u{200E}x".as_bytes()), 6);
        assert_eq!(leading_marks_len("\u{202A}x".as_bytes()), 3);
        assert_eq!(leading_marks_len("\u{2068}x".as_bytes()), 0);
        assert_eq!(leading_marks_len(b"x"), 0);
        assert_eq!(leading_marks_len(b""), 0);
    }

    #[test]
    fn marks_removed_only_when_present() {
        assert!(matches!(without_marks("Alice"), Cow::Borrowed("Alice")));
        assert_eq!(without_marks("\u{2068}Alice\u{2069}"), "Alice");
    }

    #[test]
    fn borrows_what_needs_no_folding() {
        let mut space = FoldSpace::default();
        let folded = Folded::new_in("Léa 🌸 a ajouté Karim", &mut space);
        assert!(folded.places.is_empty());
        assert_eq!(folded.original(0..9), Some("Léa 🌸"));
        for needs_folding in [
            "Léa  a",
            " Léa",
            "Léa ",
            "L’été",
            "Léa\u{A0}a",
            "Léa\u{200E}",
            "a\tb",
        ] {
            assert!(
                !Folded::new_in(needs_folding, &mut FoldSpace::default())
                    .places
                    .is_empty(),
                "{needs_folding:?}"
            );
        }
    }

    #[test]
    fn maps_back_through_the_part_copied_as_it_is() {
        // Multi-byte characters before the first folded one are copied byte by byte.
        let mut space = FoldSpace::default();
        let folded = Folded::new_in("Léa 🌸 est parti·e", &mut space);
        assert_eq!(folded.text, "Léa 🌸 est parti·e");
        let mut other_space = FoldSpace::default();
        let original = Folded::new_in("Zoé 🌸 a modifié le sujet en “Rando”", &mut other_space);
        assert_eq!(original.original(0..9), Some("Zoé 🌸"));
        let start = original.text.find("Rando").unwrap();
        assert_eq!(original.original(start - 1..start + 6), Some("“Rando”"));
        let mut spaced_space = FoldSpace::default();
        let spaced = Folded::new_in("Léa\u{A0}\u{202F}a", &mut spaced_space);
        assert_eq!(spaced.text, "Léa a");
        // The folded space stands for the first space of its run.
        assert_eq!(spaced.original(4..5), Some("\u{A0}"));
        assert_eq!(spaced.original(5..6), Some("a"));
        assert_eq!(spaced.original(0..6), Some("Léa\u{A0}\u{202F}a"));
    }

    /// Folding as first written: one character at a time, each byte of the folded
    /// text with the start of its original character. The oracle for `Folded`.
    fn fold_by_character(original: &str) -> (String, Vec<usize>) {
        let (mut text, mut origin) = (String::new(), Vec::new());
        let mut pending_space = None;
        for (at, c) in original.char_indices() {
            if is_invisible(c) {
                continue;
            }
            if is_space(c) {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space) = pending_space.take() {
                if !text.is_empty() {
                    text.push(' ');
                    origin.push(space);
                }
            }
            let folded = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => '"',
                other => other,
            };
            text.push(folded);
            origin.extend(std::iter::repeat_n(at, folded.len_utf8()));
        }
        (text, origin)
    }

    #[test]
    fn folds_and_maps_back_as_character_by_character() {
        let pieces = [
            "a", "é", "🌸", "£", " ", "  ", "\u{A0}", "\u{202F}", "\u{200E}", "\u{2068}", "’", "“",
            "»", "\t", "Léa", "x y", "·", "…", "€", "\u{FEFF}", "ʼ", "\u{2009}",
        ];
        // Every text of up to three pieces, and a few longer than a block.
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for piece in pieces {
            texts.push(format!(
                "Léa a modifié le sujet en{piece}“Rando 2025”{piece}"
            ));
            texts.push(format!(
                "Un texte assez long pour plusieurs blocs{piece}ici"
            ));
        }
        for original in &texts {
            let mut space = FoldSpace::default();
            let folded = Folded::new_in(original, &mut space);
            let (text, origin) = fold_by_character(original);
            assert_eq!(folded.text, text, "{original:?}");
            // A text folding keeps as it is is not copied.
            assert_eq!(folded.places.is_empty(), text == *original, "{original:?}");
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            for &start in &boundaries {
                for &end in boundaries.iter().filter(|&&end| end > start) {
                    let mut original_end = origin[end - 1] + 1;
                    while !original.is_char_boundary(original_end) {
                        original_end += 1;
                    }
                    let expected = original.get(origin[start]..original_end);
                    assert_eq!(
                        folded.original(start..end),
                        expected,
                        "{original:?} {start}..{end}"
                    );
                }
            }
        }
    }

    /// The template's match, as the regex crate reports it: whole match and groups.
    /// Each group's range, when the whole text matches.
    type Groups = Option<Vec<Option<Range<usize>>>>;

    /// The template's match (by its plan when it has one, checked against the
    /// backtracking) and the regex crate's.
    fn both(pattern: &str, text: &str) -> (Groups, Groups) {
        let template = Template::parse(pattern).expect("pattern is read");
        assert!(template.executable(), "{pattern}");
        let groups_of = |found: Found| match found {
            Found::Match(groups) => Some(
                (0..template.names().len())
                    .map(|group| groups.get(group))
                    .collect(),
            ),
            Found::NoMatch => None,
            Found::GaveUp => panic!("gave up: {pattern} on {text:?}"),
        };
        let by_template = groups_of(template.find(text));
        let by_backtracking = groups_of(template.find_by_backtracking(text));
        assert_eq!(by_template, by_backtracking, "{pattern} on {text:?}");
        let regex = regex::Regex::new(pattern).unwrap();
        let by_regex = regex.captures(text).map(|captures| {
            template
                .names()
                .iter()
                .map(|name| captures.name(name).map(|found| found.range()))
                .collect()
        });
        (by_template, by_regex)
    }

    #[test]
    fn templates_match_as_the_regex_crate_does() {
        let cases: &[(&str, &[&str])] = &[
            // Lazy captures end at the first place the rest matches.
            (
                r"^(?:(?P<a>.+?) a (?P<b>.+?))\.?$",
                &[
                    "x a y",
                    "x a y a z",
                    "x a y.",
                    "x a y..",
                    "x a",
                    " a y",
                    "x a y\nz",
                    "x\na y",
                    "é a 🌸.",
                ],
            ),
            // Optional groups are greedy, `??` lazy; alternatives in order.
            (
                r"^(?P<a>.+?)(?: (?:b|bc))?(?P<c>c?)$",
                &["a b", "a bc", "a bcc", "abc", "a"],
            ),
            (r"^(?P<a>.+?)(?: b)??(?P<c>.*)$", &["a b", "x b c"]),
            // Classes, ranges, negation, greedy and lazy stars.
            (
                r"^(?P<a>[0-9]+) (?P<b>[^.]*)\.?$",
                &["12 ab", "12 a.b", "12 ab.", "x ab", "12 a\nb."],
            ),
            (
                r"^(?P<a>[·.-]?e|\(e\))?x$",
                &["ex", "·ex", ".ex", "-ex", "(e)x", "x", "eex"],
            ),
            (
                r#"^" ?(?P<s>.*?) ?"$"#,
                &[
                    r#""a""#,
                    r#"" a ""#,
                    r#""a b ""#,
                    r#""""#,
                    r#"" ""#,
                    r#""a" b""#,
                ],
            ),
            (
                r"^(?:(?P<a>.+?) (?:est|sont) (?:un )?admin(?:istrat(?:eur|rice))?s?)\.?$",
                &[
                    "X est admin",
                    "X et Y sont administrateurs.",
                    "X est un administratrice",
                    "X est adminx",
                ],
            ),
        ];
        for (pattern, texts) in cases {
            for text in *texts {
                let (by_template, by_regex) = both(pattern, text);
                assert_eq!(by_template, by_regex, "{pattern} on {text:?}");
            }
        }
    }

    #[test]
    fn plans_match_as_the_backtracking_and_the_regex_crate_do() {
        let tail = r"(?:\.? (?:Appuyez|Cliquez|Touchez) (?:ici )?pour [^.]*)?";
        let cases: &[(String, &[&str])] = &[
            // A capture before fixed texts: its end found from the text's end.
            (
                r"^(?:(?P<a>.+?) est parti(?:[·.-]?e|\(e\))?)\.?$".to_owned(),
                &[
                    "x est parti",
                    "x est parti.",
                    "x est partie.",
                    "x est parti(e)",
                    "x est parti·e",
                    "x est parti est parti",
                    "x est partie est parti.",
                    " est parti",
                    "x\ny est parti",
                    "x est parti\n",
                    "é est parti..",
                ],
            ),
            // Two captures, literal texts between, a capture ending the text.
            (
                r"^(?:(?P<a>.+?) a ajouté (?P<b>.+?))\.?$".to_owned(),
                &[
                    "x a ajouté y",
                    "x a ajouté y a ajouté z.",
                    "x a ajouté .",
                    "x a ajouté ..",
                    "x a ajouté ",
                    "x a ajouté y\n",
                    "x\na ajouté y",
                    "a ajouté y",
                ],
            ),
            // Alternatives before a quoted capture, an optional space first.
            (
                r#"^(?:(?P<a>.+?) a (?:modifié|changé) le sujet en " ?(?P<s>.*?) ?")\.?$"#
                    .to_owned(),
                &[
                    r#"x a modifié le sujet en "y""#,
                    r#"x a changé le sujet en " y "."#,
                    r#"x a changé le sujet en """#,
                    r#"x a changé le sujet en " ""#,
                    r#"x a changé le sujet en "a" en "b""#,
                    r#"x a changé le sujet "y""#,
                ],
            ),
            // A tail of any characters but a period, matched without backtracking.
            (
                format!(r"^(?:(?P<a>.+?) a demandé à rejoindre le groupe{tail})\.?$"),
                &[
                    "x a demandé à rejoindre le groupe",
                    "x a demandé à rejoindre le groupe.",
                    "x a demandé à rejoindre le groupe. Appuyez pour voir.",
                    "x a demandé à rejoindre le groupe Touchez ici pour voir",
                    "x a demandé à rejoindre le groupe. Appuyez pour voir. Encore",
                    "x a demandé à rejoindre le groupe. Appuyez pour x a demandé à rejoindre le groupe.",
                    "x a demandé à rejoindre le groupe.. Appuyez pour voir",
                ],
            ),
            // A rest holding a capture: left to the backtracking, which sets it.
            (
                r"^(?P<a>.+?) x(?: (?P<b>.+?))? y$".to_owned(),
                &["q x y", "q x r y", "q x y x r y", "q x r y y", "q x  y", "x y"],
            ),
            // No capture: the whole text is one of a few fixed ones.
            (
                r"^(?:Appel vocal manqué(?:,? (?:Appuyez|Touchez) pour rappeler)?)\.?$"
                    .to_owned(),
                &[
                    "Appel vocal manqué",
                    "Appel vocal manqué, Appuyez pour rappeler.",
                    "Appel vocal manqué Touchez pour rappeler",
                    "Appel vocal manqué,",
                    "Appel vocal manqué hier",
                ],
            ),
        ];
        for (pattern, texts) in cases {
            let template = Template::parse(pattern).unwrap();
            assert!(template.has_plan(), "{pattern}");
            for text in *texts {
                let (by_template, by_regex) = both(pattern, text);
                assert_eq!(by_template, by_regex, "{pattern} on {text:?}");
            }
        }
        // Shapes the plan does not take: two captures in a row, a capture in an
        // optional group before another.
        for pattern in [r"^(?P<a>.+?)(?P<b>.+?)$", r"^(?: (?P<a>x))?(?P<b>.+?) y$"] {
            assert!(!Template::parse(pattern).unwrap().has_plan(), "{pattern}");
        }
    }

    #[test]
    fn scans_tell_line_feeds() {
        let mut space = FoldSpace::default();
        for (text, line_end) in [
            ("x", 1),
            ("x\ny", 1),
            (
                "Une ligne bien plus longue que seize octets\npuis une autre",
                43,
            ),
            (
                "Une ligne bien plus longue que seize octets puis une autre",
                58,
            ),
            // Counted in the folded text: the apostrophe is one byte there.
            ("Une ligne bien plus longue que seize octets’\npuis", 44),
            ("", 0),
        ] {
            let folded = Folded::new_in(text, &mut space);
            assert_eq!(folded.first_line_end, line_end, "{text:?}");
            assert_eq!(
                folded.text.find('\n').unwrap_or(folded.text.len()),
                line_end
            );
        }
    }

    #[test]
    fn constructs_outside_the_catalogue_are_left_to_the_regex() {
        for pattern in [r"^a{4,}$", r"^a\b$", r"^(?-u:a)$", r"^(?:ab)*$", r"^\d$"] {
            let template = Template::parse(pattern).expect("pattern is read");
            assert!(!template.executable(), "{pattern}");
            assert!(matches!(template.find("aaaa"), Found::GaveUp));
        }
        assert!(Template::parse(r"^(a)$").is_err());
        assert!(Template::parse(r"^(?:a$").is_err());
        assert!(Template::parse(r"*a").is_err());
    }

    #[test]
    fn edges_tell_what_matches_start_and_end_with() {
        let template = |pattern: &str| Template::parse(pattern).unwrap();
        let texts = |texts: &[&str]| {
            let mut texts: Vec<Vec<u8>> = texts.iter().map(|t| t.as_bytes().to_vec()).collect();
            texts.sort();
            texts
        };
        let sorted = |edge: Edge| match edge {
            Edge::Texts(mut texts) => {
                texts.sort();
                Some(texts)
            }
            _ => None,
        };
        let bytes = |edge: Edge| match edge {
            Edge::Bytes(bytes) => (0..=255u8)
                .filter(|&byte| Edge::holds_byte(&bytes, byte))
                .collect(),
            _ => Vec::new(),
        };
        // The first bytes, through optional parts; a capture of anything: any.
        let subject = template(r"^(?:Vous avez (?:changé|modifié) le sujet en (?P<s>.+?))\.?$");
        assert_eq!(bytes(subject.start_edge()), b"V");
        assert_eq!(subject.end_edge(false), Edge::Any);
        assert_eq!(
            bytes(template(r"^(?:x?(?:é|y))$").start_edge()),
            [b'x', b'y', 0xC3]
        );
        // Fixed texts are read until each is long enough; alternatives multiply them.
        let left = template(r"^(?:(?P<a>.+?) est parti(?:[·.-]?e|\(e\))?)\.?$");
        assert_eq!(left.start_edge(), Edge::Any);
        assert_eq!(
            sorted(left.end_edge(false)),
            Some(texts(&[
                " est parti",
                " est partie",
                " est parti·e",
                " est parti.e",
                " est parti-e",
                " est parti(e)"
            ]))
        );
        assert_eq!(
            left.after_first_capture(),
            Some(vec![b" est parti".to_vec()])
        );
        // A text ending with a period also ends without it, once the period is cut.
        let seen = template(r"^(?:(?P<a>.+?) vu(?:\. ok\.)?)\.?$");
        assert_eq!(seen.end_edge(false), Edge::Any);
        assert_eq!(seen.after_first_capture(), None);
        let seen = template(r"^(?:(?P<a>.+?) a tout vu(?:\. bien\.)?)\.?$");
        assert_eq!(
            sorted(seen.end_edge(false)),
            Some(texts(&[
                " a tout vu",
                " a tout vu. bien.",
                " a tout vu. bien"
            ]))
        );
        // Short endings: the last bytes; a capture at the end: anything.
        let quoted = template(r#"^(?:(?P<a>.+?) en " ?(?P<s>.*?) ?")\.?$"#);
        assert_eq!(bytes(quoted.end_edge(false)), b"\"");
        let added = template(r"^(?:(?P<a>.+?) a ajouté (?P<b>.+?))\.?$");
        assert_eq!(added.end_edge(false), Edge::Any);
        assert_eq!(
            added.after_first_capture(),
            Some(vec![" a ajouté ".as_bytes().to_vec()])
        );
        let number = template(r"^(?:(?P<a>[0-9]+))\.?$");
        assert_eq!(bytes(number.end_edge(false)), b"0123456789");
        // Without its last optional group (a tail the caller cuts off itself).
        let asked = template(
            r"^(?:(?P<a>.+?) a demandé à rejoindre le groupe(?:\.? Appuyez pour [^.]*)?)\.?$",
        );
        assert_eq!(asked.end_edge(false), Edge::Any);
        assert_eq!(
            sorted(asked.end_edge(true)),
            Some(texts(&[" a demandé à rejoindre le groupe"]))
        );
    }
}
