//! Matching helpers shared by the catalogue: typography folding and invisible marks.
//!
//! The format reference (section 7) warns that the same WhatsApp sentence reaches the
//! export with `'` or `’`, with `"…"`, `“…”` or `« … »`, with U+200E marks anywhere and
//! with NBSP/NNBSP where a space was meant: "Normalise apostrophes before matching."
//! Matching is done on a folded copy; what is *captured* is mapped back to the exact
//! bytes of the export, so a subject such as `L’été « 2025 »` is returned as written.

use std::borrow::Cow;
use std::ops::Range;

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
pub(crate) struct Folded<'s> {
    original: &'s str,
    /// The folded text patterns are matched against.
    pub(crate) text: String,
    /// For each byte of `text`: the byte range of the original character it came from.
    origin: Vec<Range<usize>>,
}

impl<'s> Folded<'s> {
    /// Folds `original` (see the type's documentation).
    pub(crate) fn new(original: &'s str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut pending_space: Option<Range<usize>> = None;
        for (at, c) in original.char_indices() {
            let source = at..at + c.len_utf8();
            if is_invisible(c) {
                continue;
            }
            if is_space(c) {
                pending_space.get_or_insert(source);
                continue;
            }
            if let Some(space) = pending_space.take() {
                // A space is kept only between two visible characters.
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
            origin.extend(std::iter::repeat_n(source, folded.len_utf8()));
        }
        Folded {
            original,
            text,
            origin,
        }
    }

    /// The original text behind `folded` (a byte range of `self.text`), exactly as
    /// exported, or `None` for an empty range.
    pub(crate) fn original(&self, folded: Range<usize>) -> Option<&'s str> {
        if folded.is_empty() {
            return None;
        }
        let start = self.origin.get(folded.start)?.start;
        let end = self.origin.get(folded.end - 1)?.end;
        self.original.get(start..end)
    }
}

/// `text` without invisible marks, borrowed when it has none (the usual case).
pub(crate) fn without_marks(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        Cow::Borrowed(text)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography_and_maps_back() {
        let original = "\u{200E}Léa a modifié le sujet en «\u{A0}L’été\u{A0}»";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "Léa a modifié le sujet en \" L'été \"");
        let start = folded.text.find("L'été").unwrap();
        let range = start..start + "L'été".len();
        assert_eq!(folded.original(range), Some("L’été"));
        assert_eq!(folded.original(3..3), None);
    }

    #[test]
    fn collapses_and_trims_spaces() {
        let folded = Folded::new("  a \u{202F}\u{A0} b\u{200E} ");
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
}
