//! The invariants every input must keep, whatever its bytes: shared by
//! `tests/no_panic.rs`, `tests/properties.rs`, `tests/invalid.rs` and the fuzz targets
//! (`fuzz/`, which includes this file by path).
//!
//! 1. Nothing is dropped: the byte spans of the chunk wrapper, the messages and the
//!    diagnostics, in order, tile the input exactly, and each span starts and ends on a
//!    line boundary with the right line numbers (`\n`, `\r\n` and a lone `\r` end
//!    lines).
//! 2. `parse_str` and `Reader` agree on every UTF-8 input, and `Reader` gives the same
//!    items whatever the size of its buffer.
#![allow(dead_code)] // each test crate uses a part

use std::io::{BufRead, BufReader};

use whatsapp_export::{parse_str, Error, Message, OwnedMessage, Profile, Reader, Span};

/// One item of a parse, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A message.
    Message(OwnedMessage),
    /// A diagnostic: its `Display` and its span (`None` for an I/O error).
    Diagnostic {
        /// `Error::to_string()`.
        display: String,
        /// `Error::span()`.
        span: Option<Span>,
    },
}

impl Item {
    /// The span, if any.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Item::Message(m) => Some(&m.span),
            Item::Diagnostic { span, .. } => span.as_ref(),
        }
    }
}

/// Everything a parse gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Messages and diagnostics in order.
    pub items: Vec<Item>,
    /// The profile after the last item.
    pub profile: Profile,
}

impl Outcome {
    /// The messages only.
    pub fn messages(&self) -> impl Iterator<Item = &OwnedMessage> {
        self.items.iter().filter_map(|i| match i {
            Item::Message(m) => Some(m),
            Item::Diagnostic { .. } => None,
        })
    }

    /// The `Display` of every diagnostic.
    pub fn diagnostics(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Diagnostic { display, .. } => Some(display.as_str()),
                Item::Message(_) => None,
            })
            .collect()
    }
}

fn collect<'a>(items: impl Iterator<Item = Result<Message<'a>, Error>>) -> Vec<Item> {
    items
        .map(|item| match item {
            Ok(m) => Item::Message(m.into_owned()),
            Err(e) => Item::Diagnostic {
                display: e.to_string(),
                span: e.span().cloned(),
            },
        })
        .collect()
}

/// Parses with `parse_str`.
pub fn via_str(text: &str) -> Outcome {
    let mut parsed = parse_str(text);
    let items = collect(&mut parsed);
    Outcome {
        items,
        profile: parsed.profile(),
    }
}

/// Parses with `Reader`.
pub fn via_reader<R: BufRead>(input: R) -> Outcome {
    let mut reader = Reader::new(input);
    let items = collect(reader.messages());
    let profile = reader.profile().expect("a profile once read");
    Outcome { items, profile }
}

/// Parses with `Reader::read_message_into`, one message reused throughout: what it
/// holds after each read must be exactly the message the iterators give.
pub fn via_reader_into<R: BufRead>(input: R) -> Outcome {
    let mut reader = Reader::new(input);
    let mut message = whatsapp_export::OwnedMessage::default();
    let mut items = Vec::new();
    loop {
        match reader.read_message_into(&mut message) {
            Ok(true) => items.push(Item::Message(message.clone())),
            Ok(false) => break,
            Err(e) => items.push(Item::Diagnostic {
                display: e.to_string(),
                span: e.span().cloned(),
            }),
        }
    }
    let profile = reader.profile().expect("a profile once read");
    Outcome { items, profile }
}

/// The lines of `input` as byte ranges, line endings included.
pub fn line_ranges(input: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        let rest = &input[pos..];
        let end = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => rest.len(),
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
        };
        lines.push(pos..pos + end);
        pos += end;
    }
    lines
}

/// Checks that the spans (the chunk wrapper's first) tile `input` on line boundaries
/// with the right line numbers.
pub fn check_tiling(input: &[u8], outcome: &Outcome) -> Result<(), String> {
    let lines = line_ranges(input);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(chunk) = &outcome.profile.chunk {
        spans.push(Span {
            line: chunk.line,
            end_line: chunk.end_line,
            bytes: chunk.bytes.clone(),
        });
    }
    spans.extend(outcome.items.iter().filter_map(Item::span).cloned());
    let mut next_line = 1;
    let mut at = 0;
    for span in &spans {
        if span.bytes.start != at {
            return Err(format!(
                "span {span:?} starts at byte {}, expected {at}",
                span.bytes.start
            ));
        }
        if span.line != next_line || span.end_line < span.line {
            return Err(format!(
                "span {span:?}: expected to start at line {next_line}"
            ));
        }
        let first = lines.get(span.line - 1);
        let last = lines.get(span.end_line - 1);
        match (first, last) {
            (Some(first), Some(last))
                if first.start == span.bytes.start && last.end == span.bytes.end => {}
            _ => {
                return Err(format!(
                    "span {span:?} does not match lines {:?} to {:?}",
                    first, last
                ))
            }
        }
        at = span.bytes.end;
        next_line = span.end_line + 1;
    }
    if at != input.len() || next_line != lines.len() + 1 {
        return Err(format!(
            "spans end at byte {at} before line {next_line}; the input has {} bytes, {} lines",
            input.len(),
            lines.len()
        ));
    }
    Ok(())
}

/// A `BufRead` over `data` whose buffer holds `capacity` bytes: a `\r\n` may be split
/// between two fills.
pub fn small_buffer(data: &[u8], capacity: usize) -> BufReader<&[u8]> {
    BufReader::with_capacity(capacity.max(1), data)
}

/// Every invariant on one input; panics with the reason. Returns the `Reader`'s outcome.
pub fn check_everything(data: &[u8]) -> Outcome {
    let whole = via_reader(data);
    if let Err(why) = check_tiling(data, &whole) {
        panic!("Reader: {why}\ninput: {:?}", String::from_utf8_lossy(data));
    }
    assert_eq!(
        whole,
        via_reader_into(data),
        "Reader::read_message_into differs from the iterator; input {data:?}"
    );
    let capacity = 1 + data.first().map_or(0, |&b| usize::from(b % 7));
    let chunked = via_reader(small_buffer(data, capacity));
    assert_eq!(
        whole, chunked,
        "Reader with a {capacity}-byte buffer differs; input {data:?}"
    );
    if let Ok(text) = std::str::from_utf8(data) {
        let borrowed = via_str(text);
        if let Err(why) = check_tiling(data, &borrowed) {
            panic!("parse_str: {why}\ninput: {text:?}");
        }
        assert_eq!(
            borrowed, whole,
            "parse_str and Reader differ; input {text:?}"
        );
    }
    whole
}
