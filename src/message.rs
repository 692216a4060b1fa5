//! Messages: what the parser yields, borrowed from the input where it can be.
//!
//! > `Name: body`: the separator is the first `": "` after the header. Bodies often
//! > contain `": "` too. Android system lines have no author. iOS system lines are
//! > attributed. (format reference, section 3)

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};

use crate::content::Content;
use crate::event::SystemEvent;

/// Where an item sits in the input.
///
/// Lines are 1-based and inclusive; bytes are 0-based offsets into the input as given
/// (a BOM included). The byte ranges of all messages and diagnostics of an input,
/// in order, tile it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First line, 1-based.
    pub line: usize,
    /// Last line, 1-based, inclusive.
    pub end_line: usize,
    /// Byte range in the input, line endings included.
    pub bytes: Range<usize>,
}

impl fmt::Display for Span {
    /// `line 3`, or `line 3-5` for several lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.end_line > self.line {
            write!(f, "line {}-{}", self.line, self.end_line)
        } else {
            write!(f, "line {}", self.line)
        }
    }
}

/// One message of an export: a person's message or a system line.
///
/// Serialized (serde) as one flat JSON object: `line`, `end_line`, `timestamp`
/// (`"2024-10-12T18:32:00"`), `author`, `author_raw` (only when it differs), `kind`,
/// `text`, `edited`, `mentions` (only when there are some), and the fields of the
/// [`Content`] kind (`event`, `attachment`, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message<'a> {
    /// Where the message is in the input.
    #[serde(flatten)]
    pub span: Span,
    /// When it was sent: local wall-clock time, as the export gives it (no zone).
    #[serde(serialize_with = "serialize_timestamp")]
    pub timestamp: NaiveDateTime,
    /// Who sent it, in identity form (the non-contact prefix `~` + U+202F and invisible
    /// marks removed), or `None` when the export names nobody (Android system lines).
    pub author: Option<Cow<'a, str>>,
    /// The author exactly as exported, when it differs from [`author`](Self::author).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_raw: Option<Cow<'a, str>>,
    /// What the message is: text, a system event, an attachment...
    #[serde(flatten)]
    pub content: Content<'a>,
    /// The body as exported: continuation lines joined with `"\n"`, leading invisible
    /// marks and the edit marker removed. `None` for view-once media (`null`).
    pub text: Option<Cow<'a, str>>,
    /// The body ended with the edit marker `<Ce message a été modifié>`.
    pub edited: bool,
    /// Names mentioned with `@` (between U+2068 and U+2069 in the export).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Cow<'a, str>>,
}

/// A message that owns its text, as [`Reader`](crate::Reader) yields.
pub type OwnedMessage = Message<'static>;

impl<'a> Message<'a> {
    /// The author in identity form, if the export names one.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// The body text (empty for view-once media).
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    /// The system event, when this is a system line.
    pub fn event(&self) -> Option<&SystemEvent<'a>> {
        match &self.content {
            Content::System { event } => Some(event),
            _ => None,
        }
    }

    /// Whether this is a system line (someone joined, the subject changed...).
    pub fn is_system(&self) -> bool {
        matches!(self.content, Content::System { .. })
    }

    /// The same message owning all its text.
    pub fn into_owned(mut self) -> OwnedMessage {
        self.take_owned()
    }

    /// [`into_owned`](Self::into_owned), taking the parts out of the message (left
    /// empty) rather than the message itself, and inlined where the owned message is
    /// returned: it is then built in place. A message is over 200 bytes, and every move
    /// of one is a copy; `Reader` makes every message owned this way.
    #[inline(always)]
    pub(crate) fn take_owned(&mut self) -> OwnedMessage {
        Message {
            span: std::mem::take(&mut self.span),
            timestamp: self.timestamp,
            author: self.author.take().map(owned),
            author_raw: self.author_raw.take().map(owned),
            content: std::mem::replace(&mut self.content, Content::Text).into_owned(),
            text: self.text.take().map(owned),
            edited: self.edited,
            mentions: std::mem::take(&mut self.mentions)
                .into_iter()
                .map(owned)
                .collect(),
        }
    }
}

impl OwnedMessage {
    /// Makes `self` the owned copy of `from`, reusing the memory of `self`'s text,
    /// author and mentions where it has some; `from`'s parts are taken (left empty).
    #[inline(always)]
    pub(crate) fn assign_owned(&mut self, from: &mut Message<'_>) {
        self.span = std::mem::take(&mut from.span);
        self.timestamp = from.timestamp;
        assign(&mut self.author, from.author.take());
        assign(&mut self.author_raw, from.author_raw.take());
        self.content = std::mem::replace(&mut from.content, Content::Text).into_owned();
        assign(&mut self.text, from.text.take());
        self.edited = from.edited;
        self.mentions.clear();
        self.mentions
            .extend(std::mem::take(&mut from.mentions).into_iter().map(owned));
    }
}

/// `*slot = value`, owned, into the string `slot` already holds when it holds one.
#[inline(always)]
fn assign(slot: &mut Option<Cow<'static, str>>, value: Option<Cow<'_, str>>) {
    match (slot.as_mut(), value) {
        (Some(Cow::Owned(buffer)), Some(value)) => {
            buffer.clear();
            buffer.push_str(&value);
        }
        (_, value) => *slot = value.map(owned),
    }
}

impl Default for Message<'_> {
    /// An empty text message at 1970-01-01T00:00:00, line 0: the message to give
    /// [`Reader::read_message_into`](crate::Reader::read_message_into) first.
    fn default() -> Self {
        Message {
            span: Span::default(),
            timestamp: NaiveDateTime::default(),
            author: None,
            author_raw: None,
            content: Content::Text,
            text: None,
            edited: false,
            mentions: Vec::new(),
        }
    }
}

/// A `Cow` that owns its text.
#[inline(always)]
pub(crate) fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

impl Serialize for Span {
    /// `{"line": 3, "end_line": 5}`: the byte range stays out of JSON, where it would
    /// only repeat what the lines say; Rust callers have it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Span", 2)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("end_line", &self.end_line)?;
        s.end()
    }
}

/// `2024-10-12T18:32:00`: seconds always written, no zone (the export has none).
pub(crate) fn serialize_timestamp<S: Serializer>(
    t: &NaiveDateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match crate::timestamp::format_iso(t) {
        // Only ASCII digits and separators were written.
        Some(iso) => serializer.serialize_str(std::str::from_utf8(&iso).unwrap_or_default()),
        None => serializer.collect_str(&t.format("%Y-%m-%dT%H:%M:%S")),
    }
}
