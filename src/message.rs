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
#[derive(Debug, Clone, PartialEq)]
pub struct Message<'a> {
    /// Where the message is in the input.
    pub span: Span,
    /// When it was sent: local wall-clock time, as the export gives it (no zone).
    pub timestamp: NaiveDateTime,
    /// Who sent it, in identity form (the non-contact prefix `~` + U+202F and invisible
    /// marks removed), or `None` when the export names nobody (Android system lines).
    pub author: Option<Cow<'a, str>>,
    /// The author exactly as exported, when it differs from [`author`](Self::author).
    pub author_raw: Option<Cow<'a, str>>,
    /// What the message is: text, a system event, an attachment...
    pub content: Content<'a>,
    /// The body as exported: continuation lines joined with `"\n"`, leading invisible
    /// marks and the edit marker removed. `None` for view-once media (`null`).
    pub text: Option<Cow<'a, str>>,
    /// The body ended with the edit marker `<Ce message a été modifié>`.
    pub edited: bool,
    /// Names mentioned with `@` (between U+2068 and U+2069 in the export).
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
        // Most messages are plain text without mentions, read into a message that was
        // too: nothing to convert, drop or clear then (a tenth of the cost otherwise).
        if !matches!(
            (&self.content, &from.content),
            (Content::Text, Content::Text)
        ) {
            self.content = std::mem::replace(&mut from.content, Content::Text).into_owned();
        }
        assign(&mut self.text, from.text.take());
        self.edited = from.edited;
        if !(self.mentions.is_empty() && from.mentions.is_empty()) {
            self.mentions.clear();
            self.mentions
                .extend(std::mem::take(&mut from.mentions).into_iter().map(owned));
        }
    }
}

/// `*slot = value`, owned, into the string `slot` already holds when it holds one.
#[inline(always)]
fn assign(slot: &mut Option<Cow<'static, str>>, value: Option<Cow<'_, str>>) {
    match (slot.as_mut(), value) {
        // Text the parser had to rewrite (line endings) is already a string of its
        // own: moved in, not copied.
        (_, Some(Cow::Owned(value))) => *slot = Some(Cow::Owned(value)),
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

impl Serialize for Message<'_> {
    /// One flat object, keys in this order: `line`, `end_line`, `timestamp`, `author`,
    /// `author_raw` (only when it differs), `kind` and the kind's own key (`event`,
    /// `attachment`, `deleted_by`, `location` or `poll`; none for the other kinds),
    /// `text`, `edited`, `mentions` (only when there are some).
    ///
    /// Written by hand, not derived with `#[serde(flatten)]` on the span and the
    /// content: a flattened struct is a map of unknown length, which formats that need
    /// the length first (bincode, for one) refuse. This is the same map, entry for entry
    /// and value for value (a test holds it to the derived form), at the same cost with
    /// serde_json; the inner types (events, attachments...) keep their derives.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.json_len()))?;
        map.serialize_entry("line", &self.span.line)?;
        map.serialize_entry("end_line", &self.span.end_line)?;
        map.serialize_entry("timestamp", &Timestamp(&self.timestamp))?;
        map.serialize_entry("author", &self.author)?;
        if self.author_raw.is_some() {
            map.serialize_entry("author_raw", &self.author_raw)?;
        }
        map.serialize_entry("kind", content_kind(&self.content))?;
        match &self.content {
            Content::System { event } => map.serialize_entry("event", event)?,
            Content::Attachment { attachment } | Content::MediaOmitted { attachment } => {
                map.serialize_entry("attachment", attachment)?
            }
            Content::Deleted { deleted_by } => map.serialize_entry("deleted_by", deleted_by)?,
            Content::Location { location } => map.serialize_entry("location", location)?,
            Content::Poll { poll } => map.serialize_entry("poll", poll)?,
            Content::Text
            | Content::ViewOnce
            | Content::LiveLocation
            | Content::WaitingForMessage => {}
        }
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("edited", &self.edited)?;
        if !self.mentions.is_empty() {
            map.serialize_entry("mentions", &self.mentions)?;
        }
        map.end()
    }
}

impl Message<'_> {
    /// How many keys the JSON object has: seven always there, and the optional ones.
    fn json_len(&self) -> usize {
        7 + usize::from(self.author_raw.is_some())
            + usize::from(content_key(&self.content).is_some())
            + usize::from(!self.mentions.is_empty())
    }
}

/// The `"kind"` of a content: its variant's name in snake case, as
/// `#[serde(tag = "kind", rename_all = "snake_case")]` on [`Content`] writes it.
fn content_kind(content: &Content<'_>) -> &'static str {
    match content {
        Content::Text => "text",
        Content::System { .. } => "system",
        Content::Attachment { .. } => "attachment",
        Content::MediaOmitted { .. } => "media_omitted",
        Content::Deleted { .. } => "deleted",
        Content::ViewOnce => "view_once",
        Content::Location { .. } => "location",
        Content::LiveLocation => "live_location",
        Content::Poll { .. } => "poll",
        Content::WaitingForMessage => "waiting_for_message",
    }
}

/// The key of the field a content kind carries, if it has one.
fn content_key(content: &Content<'_>) -> Option<&'static str> {
    match content {
        Content::System { .. } => Some("event"),
        Content::Attachment { .. } | Content::MediaOmitted { .. } => Some("attachment"),
        Content::Deleted { .. } => Some("deleted_by"),
        Content::Location { .. } => Some("location"),
        Content::Poll { .. } => Some("poll"),
        Content::Text | Content::ViewOnce | Content::LiveLocation | Content::WaitingForMessage => {
            None
        }
    }
}

/// A timestamp serialized the way messages write it.
struct Timestamp<'t>(&'t NaiveDateTime);

impl Serialize for Timestamp<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_timestamp(self.0, serializer)
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::{Attachment, DeletedBy, Location, MediaType, Poll, PollOption};
    use crate::event::Party;

    /// A message as its `Serialize` was derived before it was written by hand: span and
    /// content flattened. The JSON of [`Message`] must stay this one, byte for byte.
    #[derive(Serialize)]
    struct Derived<'a> {
        #[serde(flatten)]
        span: Span,
        #[serde(serialize_with = "serialize_timestamp")]
        timestamp: NaiveDateTime,
        author: Option<Cow<'a, str>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        author_raw: Option<Cow<'a, str>>,
        #[serde(flatten)]
        content: Content<'a>,
        text: Option<Cow<'a, str>>,
        edited: bool,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<Cow<'a, str>>,
    }

    impl<'a> From<&Message<'a>> for Derived<'a> {
        fn from(m: &Message<'a>) -> Self {
            Derived {
                span: m.span.clone(),
                timestamp: m.timestamp,
                author: m.author.clone(),
                author_raw: m.author_raw.clone(),
                content: m.content.clone(),
                text: m.text.clone(),
                edited: m.edited,
                mentions: m.mentions.clone(),
            }
        }
    }

    /// Compact and pretty JSON both as derived, and as many keys as announced.
    fn assert_json_as_derived(message: &Message<'_>) {
        let derived = Derived::from(message);
        assert_eq!(
            serde_json::to_string(message).unwrap(),
            serde_json::to_string(&derived).unwrap()
        );
        assert_eq!(
            serde_json::to_string_pretty(message).unwrap(),
            serde_json::to_string_pretty(&derived).unwrap()
        );
        let value = serde_json::to_value(message).unwrap();
        assert_eq!(value, serde_json::to_value(&derived).unwrap());
        assert_eq!(value.as_object().unwrap().len(), message.json_len());
    }

    fn message(content: Content<'static>) -> Message<'static> {
        Message {
            span: Span {
                line: 3,
                end_line: 5,
                bytes: 40..90,
            },
            timestamp: chrono::NaiveDate::from_ymd_opt(2024, 10, 12)
                .and_then(|d| d.and_hms_opt(18, 32, 7))
                .unwrap(),
            author: Some("Inès".into()),
            author_raw: None,
            content,
            text: Some("Bonjour \"à\" tous\n\t\\ \u{1}\u{200E} 🙂".into()),
            edited: false,
            mentions: Vec::new(),
        }
    }

    fn every_kind() -> Vec<Content<'static>> {
        let attachment = Attachment {
            file_name: Some("IMG-20241012-WA0001.jpg".into()),
            media: Some(MediaType::Image),
            pages: Some(3),
            caption: None,
        };
        vec![
            Content::Text,
            Content::System {
                event: SystemEvent::EncryptionNotice,
            },
            Content::System {
                event: SystemEvent::MemberAdded {
                    actor: None,
                    members: vec![Party::You, Party::Name("Hugo".into())],
                },
            },
            Content::Attachment {
                attachment: attachment.clone(),
            },
            Content::MediaOmitted { attachment },
            Content::Deleted {
                deleted_by: DeletedBy::Admin,
            },
            Content::ViewOnce,
            Content::Location {
                location: Location {
                    latitude: Some(48.8566),
                    longitude: Some(-2.0),
                    url: "https://maps.google.com/?q=48.8566,-2.0".into(),
                    name: None,
                },
            },
            Content::LiveLocation,
            Content::Poll {
                poll: Poll {
                    question: "Où ?".into(),
                    options: vec![PollOption {
                        text: "Ici".into(),
                        votes: 2,
                    }],
                },
            },
            Content::WaitingForMessage,
        ]
    }

    #[test]
    fn every_kind_serializes_as_derived() {
        let kinds = every_kind();
        let names: std::collections::BTreeSet<_> = kinds.iter().map(content_kind).collect();
        assert_eq!(names.len(), 10, "one content of each kind");
        for content in kinds {
            let plain = message(content);
            assert_json_as_derived(&plain);

            let mut full = plain.clone();
            full.author = None;
            full.author_raw = Some("~\u{202F}Inès".into());
            full.text = None;
            full.edited = true;
            full.mentions = vec!["Hugo".into(), "Léa \"L\"".into()];
            assert_json_as_derived(&full);
        }
    }

    #[test]
    fn kind_names_are_the_derived_tags() {
        for content in every_kind() {
            let value = serde_json::to_value(&content).unwrap();
            assert_eq!(value["kind"], content_kind(&content));
            let keys: Vec<&str> = value
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|&key| key != "kind")
                .collect();
            assert_eq!(keys, Vec::from_iter(content_key(&content)));
        }
    }

    #[test]
    fn fixture_messages_serialize_as_derived() {
        fn walk(dir: &Path, count: &mut usize) {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    walk(&path, count);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let input = std::fs::read(&path).unwrap();
                    for message in crate::Reader::new(&input[..]).into_messages().flatten() {
                        assert_json_as_derived(&message);
                        *count += 1;
                    }
                }
            }
        }
        let mut count = 0;
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut count,
        );
        assert!(count > 500, "only {count} messages in the fixtures");
    }
}
