//! What a message body is: text, an attachment, a placeholder, a tombstone…
//!
//! Format reference, sections 5 and 6. Android writes an included file as
//! `IMG-20241012-WA0001.jpg (fichier joint)` with the caption on the next lines, and
//! `<Médias omis>` when media were left out; iOS writes
//! `<LRM>< pièce jointe : 00000012-PHOTO-2024-10-12-18-32-11.jpg >` and placeholders
//! such as `<LRM>image absente`. Deleted messages, view-once media (`null`),
//! locations, polls and the edit marker `<Ce message a été modifié>` are bodies too.
//!
//! [`analyse`] runs on every message, so an ordinary one-line body costs one inlined
//! scan for line breaks and `@` mentions, sixteen or thirty-two bytes at a time, and
//! a table look-up on its first and last bytes: no call, no allocation. Only a body
//! whose first or last bytes match a special form exactly reaches the recognisers,
//! and those read the fixed forms by hand (the grammar of each is given as the
//! regular expression it replaces; a test holds them to it).

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use crate::event::SystemEvent;
use crate::phrase::{bytes_equal, leading_marks_len, LRM};

/// What a message is, beyond its text. In JSON, `"kind"` and the kind's field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Content<'a> {
    /// Something a person wrote.
    Text,
    /// A sentence WhatsApp wrote (built by the parser from [`crate::event::recognize`],
    /// never by [`analyse`]).
    System {
        /// What the sentence states.
        event: SystemEvent<'a>,
    },
    /// A file that is part of the export: `… (fichier joint)`, `< pièce jointe : … >`.
    Attachment {
        /// The file.
        attachment: Attachment<'a>,
    },
    /// A file that was left out: `<Médias omis>`, `image absente`, `… document manquant`.
    MediaOmitted {
        /// What is known of the file.
        attachment: Attachment<'a>,
    },
    /// A deleted message: `Ce message a été supprimé`.
    Deleted {
        /// Who deleted it.
        deleted_by: DeletedBy,
    },
    /// View-once media: the body is `null`.
    ViewOnce,
    /// A shared location or place.
    Location {
        /// Where.
        location: Location<'a>,
    },
    /// `Localisation en direct partagée`.
    LiveLocation,
    /// A poll: `POLL:` then the question, then `OPTION: … (N votes)` lines.
    Poll {
        /// The question and options.
        poll: Poll<'a>,
    },
    /// `En attente de ce message. Ceci pourrait prendre un moment.`
    WaitingForMessage,
}

impl Content<'_> {
    /// The same content, owning every string.
    pub fn into_owned(self) -> Content<'static> {
        match self {
            Content::Text => Content::Text,
            Content::System { event } => Content::System {
                event: event.into_owned(),
            },
            Content::Attachment { attachment } => Content::Attachment {
                attachment: attachment.into_owned(),
            },
            Content::MediaOmitted { attachment } => Content::MediaOmitted {
                attachment: attachment.into_owned(),
            },
            Content::Deleted { deleted_by } => Content::Deleted { deleted_by },
            Content::ViewOnce => Content::ViewOnce,
            Content::Location { location } => Content::Location {
                location: location.into_owned(),
            },
            Content::LiveLocation => Content::LiveLocation,
            Content::Poll { poll } => Content::Poll {
                poll: poll.into_owned(),
            },
            Content::WaitingForMessage => Content::WaitingForMessage,
        }
    }
}

/// The kind of media, from the file name or the placeholder wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    /// `IMG-…`, `…-PHOTO-…`, `.jpg`, `image absente`.
    Image,
    /// `VID-…`, `…-VIDEO-…`, `.mp4`, `vidéo absente`.
    Video,
    /// `PTT-…` (Android), `…-AUDIO-….opus` (iOS).
    VoiceNote,
    /// `AUD-…`, other audio files, `audio omis`.
    Audio,
    /// `STK-…`, `…-STICKER-…`, `sticker omis`.
    Sticker,
    /// `…-GIF-…`, `.gif`, `GIF retiré`.
    Gif,
    /// `.pdf`, `.docx`…, or any file shown with a page count; `document manquant`.
    Document,
    /// `.vcf`, `Fiche contact manquante`.
    ContactCard,
    /// A file whose kind the name does not tell.
    Other,
}

/// A file sent in the chat. In JSON every key is present, `null` when unknown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment<'a> {
    /// The file name as exported (`00000012-PHOTO-….jpg`, `IMG-20241012-WA0001.jpg`).
    pub file_name: Option<Cow<'a, str>>,
    /// The kind of media.
    pub media: Option<MediaType>,
    /// The page count of a document, when the export gives it (`• 3 pages`).
    pub pages: Option<u32>,
    /// The caption: on Android, the lines after the attachment line.
    pub caption: Option<Cow<'a, str>>,
}

impl Attachment<'_> {
    /// The same attachment, owning its strings.
    pub fn into_owned(self) -> Attachment<'static> {
        Attachment {
            file_name: self.file_name.map(owned),
            media: self.media,
            pages: self.pages,
            caption: self.caption.map(owned),
        }
    }
}

/// Who deleted a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeletedBy {
    /// `Ce message a été supprimé`.
    Sender,
    /// `Vous avez supprimé ce message`.
    You,
    /// `Ce message a été supprimé par un ou une admin.` and the like.
    Admin,
}

/// A shared location. In JSON every key is present, `null` when unknown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location<'a> {
    /// Latitude, from a `q=LAT,LON` map link.
    pub latitude: Option<f64>,
    /// Longitude, from a `q=LAT,LON` map link.
    pub longitude: Option<f64>,
    /// The link as exported.
    pub url: Cow<'a, str>,
    /// The place's name, for a shared place (Foursquare link).
    pub name: Option<Cow<'a, str>>,
}

impl Location<'_> {
    /// The same location, owning its strings.
    pub fn into_owned(self) -> Location<'static> {
        Location {
            latitude: self.latitude,
            longitude: self.longitude,
            url: owned(self.url),
            name: self.name.map(owned),
        }
    }
}

/// A poll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Poll<'a> {
    /// The question (its lines joined with `"\n"` if it has several).
    pub question: Cow<'a, str>,
    /// The options, in order.
    pub options: Vec<PollOption<'a>>,
}

impl Poll<'_> {
    /// The same poll, owning its strings.
    pub fn into_owned(self) -> Poll<'static> {
        Poll {
            question: owned(self.question),
            options: self
                .options
                .into_iter()
                .map(PollOption::into_owned)
                .collect(),
        }
    }
}

/// One option of a poll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PollOption<'a> {
    /// The option's text.
    pub text: Cow<'a, str>,
    /// How many votes it had when exported.
    pub votes: u32,
}

impl PollOption<'_> {
    /// The same option, owning its text.
    pub fn into_owned(self) -> PollOption<'static> {
        PollOption {
            text: owned(self.text),
            votes: self.votes,
        }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// A message body taken apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Body<'a> {
    /// What the body is.
    pub content: Content<'a>,
    /// The body without its leading invisible marks and without the edit marker;
    /// `None` for view-once media.
    pub text: Option<Cow<'a, str>>,
    /// The body ended with `<Ce message a été modifié>`.
    pub edited: bool,
    /// The names written `@` U+2068 name U+2069, in order.
    pub mentions: Vec<Cow<'a, str>>,
}

/// The edit marker WhatsApp appends to the last line of an edited message.
const EDIT_MARKER: &str = "<Ce message a été modifié>";

/// What a message body is.
///
/// `body` is the whole body as exported after `"Name: "`, continuation lines already
/// joined with `"\n"`, leading U+200E marks still there. A borrowed body gives borrowed
/// strings; an owned one is trimmed in place, so ordinary text allocates nothing.
pub fn analyse(body: Cow<'_, str>) -> Body<'_> {
    match body {
        Cow::Borrowed(body) => analyse_borrowed(body),
        Cow::Owned(body) => analyse_owned(body),
    }
}

/// [`analyse`] for a borrowed body.
#[inline]
pub(crate) fn analyse_borrowed(body: &str) -> Body<'_> {
    classify_borrowed(body, None).analyse()
}

/// What a shell learned about a body while splitting its record into lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyHints {
    /// The first line break of the body (`'\n'`), `None` for one line.
    pub first_break: Option<usize>,
    /// A line may hold `'@'`.
    pub at_sign: bool,
}

/// The first look at a borrowed body, which settles plain text: see
/// [`classify_borrowed`].
pub(crate) enum Classified<'a> {
    /// Plain text without mentions, of one line or several: the text (marks and edit
    /// marker removed) and whether it was edited.
    Plain { text: &'a str, edited: bool },
    /// Anything else: the text, its frame, and the first line break or `@` in it.
    Special {
        text: &'a str,
        frame: Frame,
        first_hit: Option<usize>,
    },
}

impl<'a> Classified<'a> {
    /// The body's analysis.
    #[inline]
    pub(crate) fn analyse(self) -> Body<'a> {
        match self {
            Classified::Plain { text, edited } => Body {
                content: Content::Text,
                text: Some(Cow::Borrowed(text)),
                edited,
                mentions: Vec::new(),
            },
            Classified::Special {
                text,
                frame,
                first_hit: Some(first_hit),
            } => analyse_lines(text, &frame, first_hit),
            Classified::Special {
                text,
                frame,
                first_hit: None,
            } => analyse_line(text, &frame),
        }
    }
}

/// [`analyse`] for a borrowed body, the parser's usual case, up to the point where
/// plain text is settled: everything on that path is inlined here, the rest is left to
/// [`Classified::analyse`], out of line.
///
/// The parser builds plain text's message itself, giving it `Content::Text` (a
/// one-byte write), instead of copying a `Content` (88 bytes, mostly unwritten) out of
/// a [`Body`]; the result holds no `Body`, so it stays in registers.
#[inline(always)]
pub(crate) fn classify_borrowed(body: &str, hints: Option<BodyHints>) -> Classified<'_> {
    let frame = Frame::of(body);
    let text = &body[frame.text.clone()];
    let bytes = text.as_bytes();
    // What the shell knows saves a pass over the body: without '@', the first hit is
    // the first line break, and no later line needs a search. Otherwise one pass looks
    // for a line break (captions, polls, places) and '@' (mentions) at once.
    let (first_hit, later_at_sign) = match hints {
        Some(BodyHints {
            first_break,
            at_sign: false,
        }) => match first_break {
            None => (None, false),
            Some(at) if (frame.text.start..frame.text.end).contains(&at) => {
                (Some(at - frame.text.start), false)
            }
            // The break fell among the leading marks or the edit marker: look.
            Some(_) => (find_break_or_at(bytes, 0), true),
        },
        _ => (find_break_or_at(bytes, 0), true),
    };
    let plain = match first_hit {
        // One line without '@', the common case: a byte or two and one comparison turn
        // ordinary sentences away.
        None => {
            !(may_start_special(text, text, true)
                || may_end_special(text)
                || (frame.marked && may_be_marked_special(text, text, true)))
        }
        // Several lines, none of them with '@' (the first has none before its break):
        // plain unless the gates of a multi-line body let it through.
        Some(first_break) if bytes[first_break] == b'\n' => {
            let mention_later = later_at_sign && find_at_sign(&bytes[first_break + 1..]).is_some();
            !mention_later && !lines_may_be_special(text, first_break, frame.marked)
        }
        Some(_) => false,
    };
    if plain {
        return Classified::Plain {
            text,
            edited: frame.edited,
        };
    }
    Classified::Special {
        text,
        frame,
        first_hit,
    }
}

/// [`analyse`] for an owned body (line endings were normalised): trimmed in place.
#[inline(never)]
fn analyse_owned(mut body: String) -> Body<'static> {
    let frame = Frame::of(&body);
    let (content, mentions) = {
        let analysed = analyse_borrowed(&body);
        let mentions: Vec<Cow<'static, str>> = analysed
            .mentions
            .into_iter()
            .map(|name| Cow::Owned(name.into_owned()))
            .collect();
        (analysed.content.into_owned(), mentions)
    };
    let text = (!matches!(content, Content::ViewOnce)).then(|| {
        body.truncate(frame.text.end);
        body.drain(..frame.text.start);
        Cow::Owned(body)
    });
    Body {
        content,
        text,
        edited: frame.edited,
        mentions,
    }
}

/// The [`Body`] of `text` (framed by `frame`) with this content and these mentions.
fn body_of<'a>(
    text: &'a str,
    frame: &Frame,
    content: Content<'a>,
    mentions: Vec<Cow<'a, str>>,
) -> Body<'a> {
    Body {
        text: (!matches!(content, Content::ViewOnce)).then_some(Cow::Borrowed(text)),
        content,
        edited: frame.edited,
        mentions,
    }
}

/// Where the text of a body lies, between its leading marks and its edit marker.
pub(crate) struct Frame {
    text: Range<usize>,
    edited: bool,
    /// The body started with an invisible mark: WhatsApp generated it (iOS).
    marked: bool,
}

impl Frame {
    #[inline(always)]
    fn of(body: &str) -> Frame {
        // Every mark starts with 0xE2, which ordinary text rarely does.
        let start = match body.as_bytes().first() {
            Some(0xE2) => leading_marks_len(body.as_bytes()),
            _ => 0,
        };
        let mut end = body.len();
        let mut edited = false;
        // Byte check first: the marker ends in '>', ordinary text rarely does.
        if body.as_bytes().last() == Some(&b'>') && body[start..].ends_with(EDIT_MARKER) {
            edited = true;
            let rest = &body[start..end - EDIT_MARKER.len()];
            // `<body> <Ce message…>` (Android), `<body> <LRM><Ce message…>` (iOS).
            let rest = rest.strip_suffix(LRM).unwrap_or(rest);
            let rest = rest.strip_suffix(' ').unwrap_or(rest);
            let rest = rest.strip_suffix(LRM).unwrap_or(rest);
            end = start + rest.len();
        }
        Frame {
            text: start..end,
            edited,
            marked: start > 0,
        }
    }
}

/// [`analyse_borrowed`] for a one-line body without `@` that the byte checks let
/// through.
#[inline(never)]
fn analyse_line<'a>(text: &'a str, frame: &Frame) -> Body<'a> {
    // A `match`, not `unwrap_or`: the default would be built and dropped every time.
    let content = match special(text, None, frame.marked) {
        Some(content) => content,
        None => Content::Text,
    };
    body_of(text, frame, content, Vec::new())
}

/// [`analyse_borrowed`] for a body with a line break or an `@` at `first_hit`.
#[inline(never)]
fn analyse_lines<'a>(text: &'a str, frame: &Frame, first_hit: usize) -> Body<'a> {
    let bytes = text.as_bytes();
    let mut mentions = Vec::new();
    let mut first_break = None;
    let mut hit = Some(first_hit);
    // Up to the first line break, both bytes matter…
    while let Some(at) = hit {
        if bytes[at] == b'\n' {
            first_break = Some(at);
            break;
        }
        mentions.extend(mention_at(text, at).map(Cow::Borrowed));
        hit = find_break_or_at(bytes, at + 1);
    }
    // …after it only '@' does: the other lines are read only by the rare bodies that
    // pass the gate below, so a long plain message costs one search for '@'.
    if let Some(first_break) = first_break {
        let mut from = first_break + 1;
        while let Some(at) = bytes.get(from..).and_then(find_at_sign) {
            mentions.extend(mention_at(text, from + at).map(Cow::Borrowed));
            from += at + 1;
        }
    }
    let marked = frame.marked;
    let may_be_special = match first_break {
        None => {
            may_start_special(text, text, true)
                || may_end_special(text)
                || (marked && may_be_marked_special(text, text, true))
        }
        Some(first_break) => lines_may_be_special(text, first_break, marked),
    };
    let content = match may_be_special {
        true => match special(text, first_break, marked) {
            Some(content) => content,
            None => Content::Text,
        },
        false => Content::Text,
    };
    body_of(text, frame, content, mentions)
}

/// The gates of a body of several lines (its first break at `first_break`): whether
/// [`special`] may find something in it.
#[inline(always)]
fn lines_may_be_special(text: &str, first_break: usize, marked: bool) -> bool {
    let first_line = &text[..first_break];
    (marked && may_be_marked_special(text, first_line, false))
        || may_start_special(text, first_line, false)
        || may_end_special(first_line)
        || last_line_is_place_link(text)
}

/// The first bytes [`may_start_special`] looks further at.
const SPECIAL_FIRST: [bool; 256] = byte_set(b"nCVEPSLl");

/// The last bytes [`may_end_special`] looks further at.
const SPECIAL_LAST: [bool; 256] = byte_set(b")>t");

/// The set of `bytes`, as a table indexed by byte.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut at = 0;
    while at < bytes.len() {
        set[bytes[at] as usize] = true;
        at += 1;
    }
    set
}

/// Whether `first_line` starts like a body [`special`] recognises by its start (a
/// superset, decided by the first byte and one exact comparison, so that ordinary
/// sentences starting with `C`, `V`, `L`… go no further). `single_line`: `text` is
/// `first_line`.
///
/// Each arm names the recognisers in [`special`] it lets through; a new recogniser
/// needs its own arm here.
#[inline(always)]
fn may_start_special(text: &str, first_line: &str, single_line: bool) -> bool {
    // A line of eight bytes or more is turned away on its first eight, compared with
    // the start of the texts its first byte may begin, without a branch on that byte:
    // ordinary French sentences share it with them (`C'est`, `Vous`, `Le`...).
    if let Some(head) = first_line.as_bytes().first_chunk::<8>() {
        let head = u64::from_le_bytes(*head);
        let [(mask, word), (other_mask, other_word)] =
            START_WORDS[usize::from(START_WORDS_OF[usize::from(head as u8)])];
        if (head & mask != word) & (head & other_mask != other_word) {
            return false;
        }
    }
    starts_special(text, first_line, single_line)
}

/// [`may_start_special`] without its first look at eight bytes.
#[inline(always)]
fn starts_special(text: &str, first_line: &str, single_line: bool) -> bool {
    // A table look-up first: most first bytes start nothing special.
    let first = match first_line.as_bytes().first() {
        Some(&first) if SPECIAL_FIRST[usize::from(first)] => first,
        _ => return false,
    };
    match Some(&first) {
        // View-once media.
        Some(b'n') => text == "null",
        // Deletions and the waiting notice are one line.
        Some(b'C') => single_line && first_line.starts_with("Ce message a été supprimé"),
        Some(b'V') => single_line && first_line.starts_with("Vous avez supprimé ce message"),
        Some(b'E') => single_line && first_line.starts_with("En attente de ce message"),
        // Polls have at least a question line after the head.
        Some(b'P') => !single_line && first_line.starts_with("POLL:"),
        Some(b'S') => {
            !single_line && (first_line.starts_with("SONDAGE") || first_line.starts_with("Sondage"))
        }
        // Live location (any line count), map links and the view-once notice (one line).
        Some(b'L') => {
            first_line.starts_with("Localisation")
                || (single_line
                    // The short prefix first: one word compared, no library call.
                    && first_line.starts_with("La vue u")
                    && first_line.starts_with("La vue unique est activée pour cette "))
        }
        Some(b'l') => single_line && first_line.starts_with("localisation"),
        _ => false,
    }
}

/// For each first byte, its row of [`START_WORDS`] (0: no text starts with it).
const START_WORDS_OF: [u8; 256] = {
    let mut rows = [0; 256];
    rows[b'C' as usize] = 1;
    rows[b'V' as usize] = 2;
    rows[b'E' as usize] = 3;
    rows[b'P' as usize] = 4;
    rows[b'S' as usize] = 5;
    rows[b'L' as usize] = 6;
    rows[b'l' as usize] = 7;
    rows
};

/// The first eight bytes (fewer for a shorter text, masked) of the texts
/// [`may_start_special`] looks for in a line of eight bytes or more, as (mask, word)
/// pairs, two per first byte; a pair that never matches fills the gaps. `null` is
/// not here: a line of eight bytes is not `null`.
const START_WORDS: [[(u64, u64); 2]; 8] = {
    const NEVER: (u64, u64) = (0, 1);
    [
        [NEVER, NEVER],
        [
            start_word(b"Ce message a \xC3\xA9t\xC3\xA9 supprim\xC3\xA9"),
            NEVER,
        ],
        [start_word(b"Vous avez supprim\xC3\xA9 ce message"), NEVER],
        [start_word(b"En attente de ce message"), NEVER],
        [start_word(b"POLL:"), NEVER],
        [start_word(b"SONDAGE"), start_word(b"Sondage")],
        [
            start_word(b"Localisation"),
            start_word(b"La vue unique est activ\xC3\xA9e pour cette "),
        ],
        [start_word(b"localisation"), NEVER],
    ]
};

/// The mask of the first eight bytes of `text` (fewer if shorter) and those bytes, as
/// little-endian words.
const fn start_word(text: &[u8]) -> (u64, u64) {
    let mut word = [0; 8];
    let mut mask = [0; 8];
    let mut at = 0;
    while at < 8 && at < text.len() {
        word[at] = text[at];
        mask[at] = 0xFF;
        at += 1;
    }
    (u64::from_le_bytes(mask), u64::from_le_bytes(word))
}

/// Whether `line` ends like the first line of a body [`special`] recognises by its
/// end: `(fichier joint)`, `< pièce jointe : … >`, `<Médias omis>`,
/// `… document manquant`.
#[inline(always)]
fn may_end_special(line: &str) -> bool {
    let last = match line.as_bytes().last() {
        Some(&last) if SPECIAL_LAST[usize::from(last)] => last,
        _ => return false,
    };
    match Some(&last) {
        Some(b')') => line.ends_with("(fichier joint)"),
        Some(b'>') => true,
        Some(b't') => line.ends_with("\u{200E}document manquant"),
        _ => false,
    }
}

/// Whether [`special`] can find something in a marked (iOS) body beyond what the other
/// gates let through: a placeholder or view-once notice (the first line), or a one-line
/// place, `Name (Address): https://foursquare.com/…`. Marked system sentences, most
/// marked bodies, fail it and never reach [`special`].
fn may_be_marked_special(text: &str, first_line: &str, single_line: bool) -> bool {
    ios_placeholder(first_line, None).is_some() || (single_line && may_end_with_link(text))
}

/// Whether the last line of `text` may be the Foursquare link of an Android place:
/// it starts with the link and has no space.
fn last_line_is_place_link(text: &str) -> bool {
    may_end_with_link(text)
        && rfind_break(text.as_bytes())
            .is_some_and(|last_break| text[last_break + 1..].starts_with(FOURSQUARE))
}

/// Whether `text` is long enough for [`place`] and its last sixteen bytes have no
/// space. A space there is in the link's line (or word), or that line is shorter
/// than the link's prefix: either way no link. Most bodies end with a sentence and
/// are turned away here without looking for the start of their last line.
fn may_end_with_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= FOURSQUARE.len() + 3
        && !Needles(b' ', b' ').block_has_match::<16>(&bytes[bytes.len() - 16..])
}

/// The first `'\n'` or `'@'` in `bytes[from..]`.
#[inline(always)]
fn find_break_or_at(bytes: &[u8], from: usize) -> Option<usize> {
    let found = Needles(b'\n', b'@').find(bytes.get(from..)?);
    found.map(|at| from + at)
}

/// The first `'@'` in `haystack`.
#[inline(always)]
fn find_at_sign(haystack: &[u8]) -> Option<usize> {
    Needles(b'@', b'@').find(haystack)
}

/// The last `'\n'` in `haystack`.
#[inline(always)]
fn rfind_break(haystack: &[u8]) -> Option<usize> {
    Needles(b'\n', b'\n').rfind(haystack)
}

/// One or two bytes to look for (the same one twice for one), in haystacks as short as
/// message bodies.
///
/// Bodies are forty bytes long on average, too short for a library SIMD search to pay
/// for its dispatch: these searches are inlined and test 32 (or 16) bytes at a time
/// with compares that do not stop early, which the compiler turns into SIMD
/// instructions (no `unsafe`, no intrinsics). Where a block has a match, or in a
/// haystack shorter than a block, eight-byte words locate it (see
/// [`Needles::word_flags`]); under eight bytes, bytes are read one by one. A partial
/// last block is read again overlapping the one before it.
#[derive(Clone, Copy)]
struct Needles(u8, u8);

impl Needles {
    #[inline(always)]
    fn matches(self, byte: u8) -> bool {
        byte == self.0 || byte == self.1
    }

    /// For eight bytes, a word with the high bit set in the byte of each match and
    /// nowhere else (little-endian: the lowest flagged byte comes first); see
    /// [`bytes_equal`].
    #[inline(always)]
    fn word_flags(self, eight: &[u8]) -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(eight);
        let word = u64::from_le_bytes(word);
        bytes_equal(word, self.0) | bytes_equal(word, self.1)
    }

    /// Whether a block of `N` bytes has a match: a fixed length and no early exit, so
    /// SIMD compares.
    #[inline(always)]
    fn block_has_match<const N: usize>(self, block: &[u8]) -> bool {
        let mut copy = [0; N];
        copy.copy_from_slice(block);
        let any = |needle: u8| {
            copy.iter()
                .fold(0, |any, &byte| any | u8::from(byte == needle))
        };
        any(self.0) | any(self.1) != 0
    }

    /// The first match in a block (a multiple of eight bytes) known to have one.
    #[inline(always)]
    fn first_in_block(self, block: &[u8]) -> usize {
        // A plain loop over a block of constant length: unrolled, no iterator call.
        let mut at = 0;
        while at + 8 <= block.len() {
            let flags = self.word_flags(&block[at..at + 8]);
            if flags != 0 {
                return at + first_flagged(flags);
            }
            at += 8;
        }
        block.len()
    }

    /// The last match in a block (a multiple of eight bytes) known to have one.
    #[inline(always)]
    fn last_in_block(self, block: &[u8]) -> usize {
        let mut end = block.len();
        while end >= 8 {
            let flags = self.word_flags(&block[end - 8..end]);
            if flags != 0 {
                return end - 8 + last_flagged(flags);
            }
            end -= 8;
        }
        0
    }

    /// The first match in `haystack`.
    #[inline(always)]
    fn find(self, haystack: &[u8]) -> Option<usize> {
        let len = haystack.len();
        match len {
            0..8 => haystack.iter().position(|&byte| self.matches(byte)),
            8..16 => {
                // Two overlapping words: when the head has no match, the tail's lowest
                // flag is past it.
                let last = len - 8;
                match self.word_flags(&haystack[..8]) {
                    0 => match self.word_flags(&haystack[last..]) {
                        0 => None,
                        tail => Some(last + first_flagged(tail)),
                    },
                    head => Some(first_flagged(head)),
                }
            }
            16..32 => {
                let last = len - 16;
                let (head, tail) = (&haystack[..16], &haystack[last..]);
                if self.block_has_match::<16>(head) {
                    Some(self.first_in_block(head))
                } else {
                    self.block_has_match::<16>(tail)
                        .then(|| last + self.first_in_block(tail))
                }
            }
            32..64 => {
                let last = len - 32;
                let (head, tail) = (&haystack[..32], &haystack[last..]);
                if self.block_has_match::<32>(head) {
                    Some(self.first_in_block(head))
                } else {
                    self.block_has_match::<32>(tail)
                        .then(|| last + self.first_in_block(tail))
                }
            }
            _ => {
                let mut blocks = haystack.chunks_exact(32);
                for (index, block) in (&mut blocks).enumerate() {
                    if self.block_has_match::<32>(block) {
                        return Some(index * 32 + self.first_in_block(block));
                    }
                }
                let last = len - 32;
                let block = &haystack[last..];
                (!blocks.remainder().is_empty() && self.block_has_match::<32>(block))
                    .then(|| last + self.first_in_block(block))
            }
        }
    }

    /// The last match in `haystack`, the mirror of [`Needles::find`].
    #[inline(always)]
    fn rfind(self, haystack: &[u8]) -> Option<usize> {
        let len = haystack.len();
        match len {
            0..8 => haystack.iter().rposition(|&byte| self.matches(byte)),
            8..16 => {
                let last = len - 8;
                match self.word_flags(&haystack[last..]) {
                    0 => match self.word_flags(&haystack[..8]) {
                        0 => None,
                        head => Some(last_flagged(head)),
                    },
                    tail => Some(last + last_flagged(tail)),
                }
            }
            _ => {
                let mut blocks = haystack.rchunks_exact(16);
                for (index, block) in (&mut blocks).enumerate() {
                    if self.block_has_match::<16>(block) {
                        return Some(len - (index + 1) * 16 + self.last_in_block(block));
                    }
                }
                // The bytes after the remainder have no match.
                let block = &haystack[..16];
                (!blocks.remainder().is_empty() && self.block_has_match::<16>(block))
                    .then(|| self.last_in_block(block))
            }
        }
    }
}

/// The byte of the lowest flag of a non-zero [`Needles::word_flags`] word.
#[inline(always)]
fn first_flagged(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

/// The byte of the highest flag of a non-zero [`Needles::word_flags`] word.
#[inline(always)]
fn last_flagged(flags: u64) -> usize {
    ((63 - flags.leading_zeros()) / 8) as usize
}

/// The name in `@` U+2068 name U+2069 when `at` is such an `@`.
fn mention_at(text: &str, at: usize) -> Option<&str> {
    let after = text.get(at + 1..)?.strip_prefix('\u{2068}')?;
    let end = after.find(['\u{2069}', '\n'])?;
    after[end..]
        .starts_with('\u{2069}')
        .then_some(&after[..end])
        .filter(|name| !name.is_empty())
}

/// Everything but plain text, dispatched on the first and last bytes.
///
/// Reached only through the gates ([`may_start_special`], [`may_end_special`],
/// [`may_be_marked_special`], [`last_line_is_place_link`]), which must let through
/// every body this can recognise: a new recogniser needs its gate.
#[inline(never)]
fn special(text: &str, first_break: Option<usize>, marked: bool) -> Option<Content<'_>> {
    let (&first, first_line) = match text.as_bytes().first() {
        Some(first) => (first, &text[..first_break.unwrap_or(text.len())]),
        None => return None,
    };
    let rest = first_break.map(|at| &text[at + 1..]);
    let single_line = first_break.is_none();
    match first {
        b'n' if text == "null" => return Some(Content::ViewOnce),
        b'<' => {
            if let Some(content) = omitted(first_line, rest) {
                return Some(content);
            }
        }
        b'C' | b'V' if single_line => {
            if let Some(deleted_by) = deleted(text) {
                return Some(Content::Deleted { deleted_by });
            }
        }
        b'E' if single_line && text.starts_with("En attente de ce message") => {
            return Some(Content::WaitingForMessage);
        }
        b'P' | b'S' if !single_line => {
            if let Some(poll) = poll(text, first_line) {
                return Some(Content::Poll { poll });
            }
        }
        b'L' | b'l' => {
            if first_line == "Localisation en direct partagée"
                || first_line == "Localisation en direct"
            {
                return Some(Content::LiveLocation);
            }
            if let Some(location) = single_line.then(|| map_location(text)).flatten() {
                return Some(Content::Location { location });
            }
        }
        _ => {}
    }
    match first_line.as_bytes().last() {
        Some(b')') if first_line.ends_with("(fichier joint)") => {
            if let Some(attachment) = android_attachment(first_line, rest) {
                return Some(Content::Attachment { attachment });
            }
        }
        Some(b'>') => {
            if let Some(attachment) = ios_attachment(first_line, rest) {
                return Some(Content::Attachment { attachment });
            }
        }
        Some(b't') if first_line.ends_with("\u{200E}document manquant") => {
            if let Some(attachment) = missing_document(first_line, rest) {
                return Some(Content::MediaOmitted { attachment });
            }
        }
        _ => {}
    }
    if marked {
        if let Some(content) = ios_placeholder(first_line, rest) {
            return Some(content);
        }
    } else if rest.is_none() && is_view_once_notice(first_line) {
        // This long sentence is nobody's own words: it stands for view-once media even
        // where an export lost its leading mark (the placeholders above are short enough
        // to be someone's words, so they need the mark).
        return Some(Content::ViewOnce);
    }
    place(text, first_line, first_break, marked).map(|location| Content::Location { location })
}

/// The caption: the lines after the attachment line, when there are any.
fn caption(rest: Option<&str>) -> Option<Cow<'_, str>> {
    rest.filter(|rest| !rest.trim().is_empty())
        .map(Cow::Borrowed)
}

/// `<Médias omis>`, `<Fichier omis>` (Android) and the 2016 iOS `<image absente>` forms.
fn omitted<'s>(first_line: &'s str, rest: Option<&'s str>) -> Option<Content<'s>> {
    let media = match first_line {
        "<Médias omis>" | "<Fichier omis>" => {
            // A document left out is followed by its name on the next line (S4).
            if let Some(name) = rest.filter(|rest| looks_like_document_name(rest)) {
                return Some(Content::MediaOmitted {
                    attachment: Attachment {
                        file_name: Some(Cow::Borrowed(name)),
                        media: Some(media_from_name(name, None)),
                        pages: None,
                        caption: None,
                    },
                });
            }
            None
        }
        "<image absente>" => Some(MediaType::Image),
        "<vidéo absente>" => Some(MediaType::Video),
        "<audio omis>" => Some(MediaType::Audio),
        "<sticker omis>" => Some(MediaType::Sticker),
        "<GIF retiré>" => Some(MediaType::Gif),
        _ => return None,
    };
    Some(Content::MediaOmitted {
        attachment: Attachment {
            file_name: None,
            media,
            pages: None,
            caption: caption(rest),
        },
    })
}

/// The iOS sentence that stands for view-once media.
fn is_view_once_notice(line: &str) -> bool {
    matches!(
        line,
        "La vue unique est activée pour cette photo" | "La vue unique est activée pour cette vidéo"
    )
}

/// iOS placeholders for media not in the export; they start with an LRM.
fn ios_placeholder<'s>(first_line: &str, rest: Option<&'s str>) -> Option<Content<'s>> {
    let media = match first_line {
        "image absente" => MediaType::Image,
        "vidéo absente" => MediaType::Video,
        "audio omis" => MediaType::Audio,
        "sticker omis" => MediaType::Sticker,
        "GIF retiré" => MediaType::Gif,
        "Fiche contact manquante" => MediaType::ContactCard,
        "document manquant" => MediaType::Document,
        notice if is_view_once_notice(notice) => return Some(Content::ViewOnce),
        _ => return None,
    };
    Some(Content::MediaOmitted {
        attachment: Attachment {
            file_name: None,
            media: Some(media),
            pages: None,
            caption: caption(rest),
        },
    })
}

/// A file name on its own line after `<Médias omis>`: one line ending in a document
/// extension (so that a caption is not taken for a file name).
fn looks_like_document_name(line: &str) -> bool {
    !line.contains('\n')
        && line
            .rsplit_once('.')
            .is_some_and(|(stem, extension)| !stem.is_empty() && is_document_extension(extension))
}

/// Android: `NAME (fichier joint)`, `NAME • <LRM>3 pages <LRM>(fichier joint)`.
///
/// The grammar, as a regular expression:
/// `^(?P<file>.+?)(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}?\(fichier joint\)$`,
/// read by hand from the end (see [`file_and_pages`]).
fn android_attachment<'s>(first_line: &'s str, rest: Option<&'s str>) -> Option<Attachment<'s>> {
    let head = first_line.strip_suffix("(fichier joint)")?;
    let (file, pages) = file_and_pages(head, true)?;
    Some(Attachment {
        file_name: Some(Cow::Borrowed(file)),
        media: Some(media_from_name(file, pages)),
        pages,
        caption: caption(rest),
    })
}

/// iOS: `< pièce jointe : NAME >`, with `Shown.pdf • <LRM>2 pages <LRM>` before it
/// for documents. Forms without the inner spaces are accepted too.
///
/// The grammar, as a regular expression:
/// `^(?:.*?(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}?)?< ?[Pp]ièce jointe ?: ?(?P<file>.+?) ?>$`:
/// the first `<` that opens a well-formed tag wins, and the page count is read from
/// what stands right before it.
fn ios_attachment<'s>(first_line: &'s str, rest: Option<&'s str>) -> Option<Attachment<'s>> {
    let inner = first_line.strip_suffix('>')?;
    let (opening, file) = memchr::memchr_iter(b'<', inner.as_bytes())
        .find_map(|at| Some((at, attachment_tag_file(&inner[at + 1..])?)))?;
    let pages = pages_at_end(trim_mark_and_space(&first_line[..opening], true))
        .and_then(|(_, digits)| digits.parse().ok());
    Some(Attachment {
        file_name: Some(Cow::Borrowed(file)),
        media: Some(media_from_name(file, pages)),
        pages,
        caption: caption(rest),
    })
}

/// The file named by ` pièce jointe : NAME ` (what follows a `<`, up to the closing
/// `>` already taken off): `< ?[Pp]ièce jointe ?: ?(?P<file>.+?) ?`.
fn attachment_tag_file(tag: &str) -> Option<&str> {
    let tag = tag.strip_prefix(' ').unwrap_or(tag);
    let tag = tag
        .strip_prefix("pièce jointe")
        .or_else(|| tag.strip_prefix("Pièce jointe"))?;
    let tag = tag.strip_prefix(' ').unwrap_or(tag);
    let name = tag.strip_prefix(':')?;
    // The space after the colon belongs to the separator unless the name would be
    // empty without it (`< pièce jointe :  >` names the file " ").
    let name = match name.strip_prefix(' ') {
        Some(after_space) if !after_space.is_empty() => after_space,
        _ => name,
    };
    // Likewise the space before `>`.
    match name.strip_suffix(' ') {
        Some(before_space) if !before_space.is_empty() => Some(before_space),
        _ => (!name.is_empty()).then_some(name),
    }
}

/// iOS: `Nom.docx <LRM>document manquant`, `Nom.pdf • <LRM>2 pages <LRM>document manquant`.
///
/// The grammar, as a regular expression:
/// `^(?P<file>.+?)(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}document manquant$`.
fn missing_document<'s>(first_line: &'s str, rest: Option<&'s str>) -> Option<Attachment<'s>> {
    let head = first_line.strip_suffix("\u{200E}document manquant")?;
    let (file, pages) = file_and_pages(head, false)?;
    Some(Attachment {
        file_name: Some(Cow::Borrowed(file)),
        media: Some(MediaType::Document),
        pages,
        caption: caption(rest),
    })
}

/// Splits `NAME[ • <LRM>N pages][ ][<LRM>]` (the LRM only when `mark` says it may be
/// there) into the file name and the page count.
///
/// The name is the shortest non-empty prefix that leaves a well-formed tail, as a lazy
/// `.+?` would take it: the page count when there is one (and the name is not empty
/// without it), else the optional space and mark.
fn file_and_pages(head: &str, mark: bool) -> Option<(&str, Option<u32>)> {
    let before_separator = trim_mark_and_space(head, mark);
    if let Some((start, digits)) = pages_at_end(before_separator) {
        if start > 0 {
            return Some((&head[..start], digits.parse().ok()));
        }
    }
    // Without a page count the tail is `[ ][<LRM>]`: the longest such tail that
    // leaves a non-empty name.
    let mut tails = [head.len(); 3];
    let mut count = 0;
    let mut end = head.len();
    if mark {
        if let Some(rest) = head.strip_suffix(LRM) {
            end = rest.len();
            tails[count] = end;
            count += 1;
        }
    }
    if head[..end].ends_with(' ') {
        tails[count] = end - 1;
        count += 1;
    }
    tails[..count]
        .iter()
        .copied()
        .rev()
        .chain([head.len()])
        .find(|&end| end > 0)
        .map(|end| (&head[..end], None))
}

/// `text` without one trailing LRM (when `mark`) and then one trailing space.
fn trim_mark_and_space(text: &str, mark: bool) -> &str {
    let text = match mark {
        true => text.strip_suffix(LRM).unwrap_or(text),
        false => text,
    };
    text.strip_suffix(' ').unwrap_or(text)
}

/// A page count ending `text`: ` • ?\x{200E}?([0-9]+)[ \x{A0}]pages?`. Returns where
/// it starts (the space before `•`) and the digits.
fn pages_at_end(text: &str) -> Option<(usize, &str)> {
    let text = text
        .strip_suffix("pages")
        .or_else(|| text.strip_suffix("page"))?;
    let text = text
        .strip_suffix(' ')
        .or_else(|| text.strip_suffix('\u{A0}'))?;
    let digits_at = text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let digits = &text[digits_at..];
    if digits.is_empty() {
        return None;
    }
    // ` • ?\x{200E}?` between the bullet and the digits.
    let before = trim_mark_and_space(&text[..digits_at], true);
    let start = before.strip_suffix(" •")?.len();
    Some((start, digits))
}

/// The media type a file name tells: WhatsApp's prefixes and infixes first
/// (`PTT-`, `-AUDIO-`…), then the extension.
fn media_from_name(name: &str, pages: Option<u32>) -> MediaType {
    let extension = match name.as_bytes().iter().rposition(|&byte| byte == b'.') {
        Some(dot) => &name[dot + 1..],
        None => "",
    };
    let mut lower = [0; EXTENSION_MAX];
    let extension = lowercase_extension(extension, &mut lower);
    // Every infix WhatsApp uses starts with '-': one pass over the dashes, eight bytes
    // at a time, finds them all.
    let (mut sticker, mut gif, mut audio, mut photo, mut video) =
        (false, false, false, false, false);
    let mut infix_at = |dash: usize| {
        let after = &name.as_bytes()[dash + 1..];
        match after.first() {
            Some(b'S') => sticker |= after.starts_with(b"STICKER-"),
            Some(b'G') => gif |= after.starts_with(b"GIF-"),
            Some(b'A') => audio |= after.starts_with(b"AUDIO-"),
            Some(b'P') => photo |= after.starts_with(b"PHOTO-"),
            Some(b'V') => video |= after.starts_with(b"VIDEO-"),
            _ => {}
        }
    };
    let dashes = Needles(b'-', b'-');
    let mut words = name.as_bytes().chunks_exact(8);
    for (index, word) in (&mut words).enumerate() {
        let mut flags = dashes.word_flags(word);
        while flags != 0 {
            infix_at(index * 8 + first_flagged(flags));
            // Clear the lowest flag.
            flags &= flags - 1;
        }
    }
    let rest_at = name.len() - words.remainder().len();
    for (offset, &byte) in words.remainder().iter().enumerate() {
        if byte == b'-' {
            infix_at(rest_at + offset);
        }
    }
    let starts = |prefix: &str| name.starts_with(prefix);
    if extension == b"vcf" {
        MediaType::ContactCard
    } else if pages.is_some() {
        MediaType::Document
    } else if starts("STK-") || sticker {
        MediaType::Sticker
    } else if gif || extension == b"gif" {
        MediaType::Gif
    } else if starts("PTT-") || (audio && extension == b"opus") {
        MediaType::VoiceNote
    } else if starts("AUD-") || audio {
        MediaType::Audio
    } else if starts("IMG-") || photo {
        MediaType::Image
    } else if starts("VID-") || video {
        MediaType::Video
    } else {
        match extension {
            b"jpg" | b"jpeg" | b"png" | b"webp" | b"heic" | b"heif" | b"bmp" | b"tif" | b"tiff" => {
                MediaType::Image
            }
            b"mp4" | b"mov" | b"3gp" | b"m4v" | b"mkv" | b"avi" | b"webm" => MediaType::Video,
            b"opus" | b"ogg" | b"m4a" | b"mp3" | b"aac" | b"wav" | b"amr" | b"flac" => {
                MediaType::Audio
            }
            extension if is_lowercase_document_extension(extension) => MediaType::Document,
            _ => MediaType::Other,
        }
    }
}

/// One more than the longest extension [`media_from_name`] knows (`numbers`), so that
/// a longer one cannot be mistaken for a known one once cut.
const EXTENSION_MAX: usize = 8;

/// `extension` in ASCII lower case, copied into `buffer`; an extension too long to be
/// a known one comes back empty (no known extension is empty).
fn lowercase_extension<'b>(extension: &str, buffer: &'b mut [u8; EXTENSION_MAX]) -> &'b [u8] {
    let Some(lower) = buffer.get_mut(..extension.len()) else {
        return &[];
    };
    // Byte by byte: a copy of a length known only at run time is a library call.
    for (lower, &byte) in lower.iter_mut().zip(extension.as_bytes()) {
        *lower = byte.to_ascii_lowercase();
    }
    lower
}

fn is_document_extension(extension: &str) -> bool {
    let mut lower = [0; EXTENSION_MAX];
    is_lowercase_document_extension(lowercase_extension(extension, &mut lower))
}

fn is_lowercase_document_extension(extension: &[u8]) -> bool {
    matches!(
        extension,
        b"pdf"
            | b"doc"
            | b"docx"
            | b"odt"
            | b"rtf"
            | b"txt"
            | b"xls"
            | b"xlsx"
            | b"ods"
            | b"csv"
            | b"ppt"
            | b"pptx"
            | b"odp"
            | b"key"
            | b"pages"
            | b"numbers"
            | b"epub"
            | b"zip"
            | b"rar"
            | b"7z"
            | b"apk"
            | b"json"
            | b"xml"
            | b"html"
            | b"md"
    )
}

/// Android `Ce message a été supprimé`, iOS the same with a period, and the admin forms.
fn deleted(text: &str) -> Option<DeletedBy> {
    if let Some(rest) = text.strip_prefix("Ce message a été supprimé") {
        let rest = rest.strip_suffix('.').unwrap_or(rest);
        return match rest {
            "" => Some(DeletedBy::Sender),
            " par un ou une admin" => Some(DeletedBy::Admin),
            _ if rest.starts_with(" par l'admin ") || rest.starts_with(" par l’admin ") => {
                Some(DeletedBy::Admin)
            }
            _ => None,
        };
    }
    let rest = text.strip_prefix("Vous avez supprimé ce message")?;
    match rest.strip_suffix('.').unwrap_or(rest) {
        "" => Some(DeletedBy::You),
        " en tant qu'admin" | " en tant qu’admin" => Some(DeletedBy::Admin),
        _ => None,
    }
}

/// `localisation : https://maps.google.com/?q=LAT,LON` (Android, lower case, space
/// before the colon) and `Localisation: https://…` (iOS).
fn map_location(text: &str) -> Option<Location<'_>> {
    let url = text
        .strip_prefix("localisation")
        .or_else(|| text.strip_prefix("Localisation"))?;
    let url = url.strip_prefix(' ').unwrap_or(url).strip_prefix(": ")?;
    if !url.starts_with("http") || url.contains(' ') {
        return None;
    }
    let (latitude, longitude) = coordinates(url).unzip();
    Some(Location {
        latitude,
        longitude,
        url: Cow::Borrowed(url),
        name: None,
    })
}

/// The `q=LAT,LON` (or `ll=`) parameter of a map link.
fn coordinates(url: &str) -> Option<(f64, f64)> {
    let (_, query) = url.split_once('?')?;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("q=").or_else(|| pair.strip_prefix("ll=")))?;
    let (latitude, longitude) = value.split_once(',')?;
    let latitude: f64 = latitude.trim().parse().ok()?;
    let longitude: f64 = longitude.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude))
        .then_some((latitude, longitude))
}

const FOURSQUARE: &str = "https://foursquare.com/";

/// A shared place: `Name (Address): https://foursquare.com/v/…` on one line (iOS), or
/// `Name\nAddress\nhttps://foursquare.com/v/…` (Android).
fn place<'s>(
    text: &'s str,
    first_line: &'s str,
    first_break: Option<usize>,
    marked: bool,
) -> Option<Location<'s>> {
    let bytes = text.as_bytes();
    if bytes.len() < FOURSQUARE.len() + 3 {
        return None;
    }
    let (name, url) = match first_break {
        // iOS location bodies start with an LRM (reference 5.2): without it, a one-line
        // "…: https://foursquare.com/…" is someone's text.
        None if !marked => return None,
        None => {
            // Only the last word is read: the scan stops at the last space.
            let space = memchr::memrchr(b' ', bytes)?;
            let url = &text[space + 1..];
            let name = text[..space].strip_suffix(':')?;
            (name, url)
        }
        Some(_) => {
            let last_break = memchr::memrchr(b'\n', bytes)?;
            let url = &text[last_break + 1..];
            // Name, address, link: at most three lines.
            if text[..last_break].matches('\n').count() > 1 {
                return None;
            }
            (first_line, url)
        }
    };
    if !url.starts_with(FOURSQUARE) || url.contains(' ') || name.trim().is_empty() {
        return None;
    }
    Some(Location {
        latitude: None,
        longitude: None,
        url: Cow::Borrowed(url),
        name: Some(Cow::Borrowed(name.trim())),
    })
}

/// `POLL:` (the English keyword stays in other languages, S9) or `SONDAGE :`, then the
/// question, then one `OPTION: text (N votes)` line per option.
fn poll<'s>(text: &'s str, first_line: &str) -> Option<Poll<'s>> {
    if !matches!(
        first_line.trim_end(),
        "POLL:" | "SONDAGE :" | "SONDAGE:" | "Sondage :" | "Sondage:"
    ) {
        return None;
    }
    let after_head = text.get(first_line.len() + 1..)?;
    // The question runs up to the first OPTION line.
    let options_at = after_head
        .match_indices("\nOPTION")
        .map(|(at, _)| at)
        .next()?;
    let question = &after_head[..options_at];
    if question.trim().is_empty() || question.starts_with("OPTION") {
        return None;
    }
    let options = after_head[options_at + 1..]
        .split('\n')
        .map(poll_option)
        .collect::<Option<Vec<_>>>()?;
    Some(Poll {
        question: Cow::Borrowed(question),
        options,
    })
}

/// One poll option line: `OPTION: text (N votes)`, `OPTION : text (1 vote)`, `… (N voix)`.
///
/// The grammar, as a regular expression:
/// `^OPTION ?: ?(?P<text>.*?) \((?P<votes>[0-9]+) (?:votes?|voix)\)$`. The count is
/// anchored at the end, so it is read from the end; the text is what lies between.
fn poll_option(line: &str) -> Option<PollOption<'_>> {
    let after_keyword = line.strip_prefix("OPTION")?;
    let after_keyword = after_keyword.strip_prefix(' ').unwrap_or(after_keyword);
    let after_colon = after_keyword.strip_prefix(':')?;
    let count = line.strip_suffix(')')?;
    let count = ["votes", "vote", "voix"]
        .iter()
        .find_map(|unit| count.strip_suffix(unit))?
        .strip_suffix(' ')?;
    let digits_at = count.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let digits = &count[digits_at..];
    if digits.is_empty() {
        return None;
    }
    let before_count = count[..digits_at].strip_suffix(" (")?;
    // The text runs from after the colon (and its optional space) to the count; the
    // count's own leading space may be the colon's too (`OPTION: (2 votes)`).
    let text_at = line.len() - after_colon.len();
    let text_end = before_count.len();
    let text = match line.get(text_at..text_end)? {
        text if text.starts_with(' ') => &text[1..],
        text => text,
    };
    Some(PollOption {
        text: Cow::Borrowed(text),
        votes: digits.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    fn borrowed(body: &str) -> Body<'_> {
        analyse(Cow::Borrowed(body))
    }

    fn attachment<'a>(
        file_name: Option<&'a str>,
        media: MediaType,
        pages: Option<u32>,
        caption: Option<&'a str>,
    ) -> Attachment<'a> {
        Attachment {
            file_name: file_name.map(Cow::Borrowed),
            media: Some(media),
            pages,
            caption: caption.map(Cow::Borrowed),
        }
    }

    #[test]
    fn ordinary_text_stays_borrowed() {
        for body in [
            "Salut :)",
            "Rendez-vous à 18h (devant la gare)",
            "a -> b >",
            "Voici le lien : https://example.org/page",
            "Ligne 1\nLigne 2",
            "",
            "null ?",
            "Ce message a été supprimé par erreur ?",
        ] {
            let parsed = borrowed(body);
            assert_eq!(parsed.content, Content::Text, "{body:?}");
            assert!(
                matches!(parsed.text, Some(Cow::Borrowed(text)) if text == body),
                "{body:?}"
            );
            assert!(!parsed.edited);
            assert!(parsed.mentions.is_empty());
        }
    }

    #[test]
    fn owned_text_is_trimmed_in_place() {
        let body = String::from("\u{200E}Salut tout le monde <Ce message a été modifié>");
        let buffer = body.as_ptr();
        let parsed = analyse(Cow::Owned(body));
        let Some(Cow::Owned(text)) = parsed.text else {
            panic!("owned body, owned text")
        };
        assert_eq!(text, "Salut tout le monde");
        assert_eq!(
            text.as_ptr(),
            buffer,
            "the body's buffer is reused, not copied"
        );
        let body = String::from("\u{200E}Bonjour <Ce message a été modifié>");
        let parsed = analyse(Cow::Owned(body));
        assert_eq!(parsed.text.as_deref(), Some("Bonjour"));
        assert!(parsed.edited);
        let parsed = analyse(Cow::Owned(
            "IMG-20241012-WA0001.jpg (fichier joint)\nVue".into(),
        ));
        assert_eq!(
            parsed.content,
            Content::Attachment {
                attachment: attachment(
                    Some("IMG-20241012-WA0001.jpg"),
                    MediaType::Image,
                    None,
                    Some("Vue")
                )
            }
        );
    }

    #[test]
    fn leading_marks_removed_from_start_only() {
        let parsed = borrowed("\u{200E}\u{202A}Bonjour\u{200E} toi");
        assert_eq!(parsed.text.as_deref(), Some("Bonjour\u{200E} toi"));
        assert_eq!(parsed.content, Content::Text);
    }

    #[test]
    fn edit_marker() {
        for (body, text) in [
            (
                "On se voit demain <Ce message a été modifié>",
                "On se voit demain",
            ),
            (
                "On se voit demain \u{200E}<Ce message a été modifié>",
                "On se voit demain",
            ),
            (
                "On se voit demain\u{200E} <Ce message a été modifié>",
                "On se voit demain",
            ),
            (
                "On se voit demain<Ce message a été modifié>",
                "On se voit demain",
            ),
            (
                "Ligne 1\nLigne 2 <Ce message a été modifié>",
                "Ligne 1\nLigne 2",
            ),
        ] {
            let parsed = borrowed(body);
            assert!(parsed.edited, "{body:?}");
            assert_eq!(parsed.text, Some(Cow::Borrowed(text)), "{body:?}");
            assert!(matches!(parsed.text, Some(Cow::Borrowed(_))));
        }
        assert!(!borrowed("<Ce message a été modifié> au début").edited);
    }

    #[test]
    fn scan_finds_the_first_break_or_at() {
        let naive = |bytes: &[u8], from: usize| {
            bytes[from..]
                .iter()
                .position(|&b| b == b'\n' || b == b'@')
                .map(|o| from + o)
        };
        let samples: [&[u8]; 6] = [
            b"",
            b"abc@",
            b"0123456789abcdef\n",
            b"\x80\x80\x80\x80\x80\x80\x80\x80@\n",
            "Salut @\u{2068}Léa\u{2069} !\nLigne".as_bytes(),
            b"@@@@@@@@@@\n\n\n\nAAAAAAAAAAAAAAAAAA@",
        ];
        for bytes in samples {
            for from in 0..=bytes.len() {
                assert_eq!(
                    find_break_or_at(bytes, from),
                    naive(bytes, from),
                    "{bytes:?} {from}"
                );
            }
        }
        // Every position, every length, both targets, with bytes that borrow (0x00, 0x0B, 0x41).
        for len in 0..40 {
            for hit in 0..len {
                for target in [b'\n', b'@'] {
                    let mut bytes = vec![b'A'; len];
                    bytes[hit] = target;
                    if hit > 0 {
                        bytes[hit - 1] = 0x0B;
                    }
                    assert_eq!(find_break_or_at(&bytes, 0), Some(hit));
                    bytes[hit] = 0x00;
                    assert_eq!(find_break_or_at(&bytes, 0), None);
                }
            }
        }
    }

    #[test]
    fn needles_find_the_first_and_last_match() {
        let naive_first =
            |needles: Needles, bytes: &[u8]| bytes.iter().position(|&byte| needles.matches(byte));
        let naive_last =
            |needles: Needles, bytes: &[u8]| bytes.iter().rposition(|&byte| needles.matches(byte));
        // Every length across the word, block and double-block paths, every pair of
        // match positions, with neighbours that could confuse a zero-byte test
        // (0x00, 0x0B, 0x41, 0x80, 0xC0).
        for needles in [
            Needles(b'\n', b'@'),
            Needles(b'@', b'@'),
            Needles(b'\n', b'\n'),
        ] {
            for len in 0..80 {
                for filler in [b'A', 0x00, 0x0B, 0x41, 0x80, 0xC0] {
                    let mut bytes = vec![filler; len];
                    assert_eq!(needles.find(&bytes), naive_first(needles, &bytes));
                    assert_eq!(needles.rfind(&bytes), naive_last(needles, &bytes));
                    for first in 0..len {
                        for second in [first, (first + 7) % len, len - 1] {
                            bytes.fill(filler);
                            bytes[first] = needles.0;
                            bytes[second] = needles.1;
                            assert_eq!(
                                needles.find(&bytes),
                                naive_first(needles, &bytes),
                                "{bytes:?}"
                            );
                            assert_eq!(
                                needles.rfind(&bytes),
                                naive_last(needles, &bytes),
                                "{bytes:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// Every sequence of up to `max` pieces, each followed by every suffix.
    fn sequences(pieces: &[&str], max: usize, suffixes: &[&str]) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|start| pieces.iter().map(move |piece| format!("{start}{piece}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all.iter()
            .flat_map(|start| {
                suffixes
                    .iter()
                    .map(move |suffix| format!("{start}{suffix}"))
            })
            .collect()
    }

    /// The hand-written parsers replaced these regular expressions (one capture pass
    /// cost thousands of instructions per attachment); they must agree on every line,
    /// odd spacing and empty names included.
    #[test]
    fn hand_parsers_agree_with_the_original_patterns() {
        use regex::Regex;
        let file_and_pages = |pattern: &Regex, line: &str| {
            let found = pattern.captures(line)?;
            let pages = found
                .name("pages")
                .and_then(|pages| pages.as_str().parse().ok());
            Some((found.name("file")?.as_str().to_owned(), pages))
        };
        let of = |attachment: Option<Attachment<'_>>| {
            attachment.map(|attachment| {
                (
                    attachment.file_name.unwrap_or_default().into_owned(),
                    attachment.pages,
                )
            })
        };
        let head_pieces = [
            "a",
            "é",
            " ",
            "\u{200E}",
            " •",
            "•",
            "3",
            "99999999999",
            " pages",
            "\u{A0}page",
            "<",
            ">",
        ];

        let android = Regex::new(r"^(?P<file>.+?)(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}?\(fichier joint\)$").unwrap();
        for line in sequences(
            &head_pieces,
            4,
            &["(fichier joint)", " (fichier joint)", "x"],
        ) {
            assert_eq!(
                of(android_attachment(&line, None)),
                file_and_pages(&android, &line),
                "{line:?}"
            );
        }

        let missing = Regex::new(r"^(?P<file>.+?)(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}document manquant$").unwrap();
        for line in sequences(
            &head_pieces,
            4,
            &["\u{200E}document manquant", "document manquant"],
        ) {
            assert_eq!(
                of(missing_document(&line, None)),
                file_and_pages(&missing, &line),
                "{line:?}"
            );
        }

        let ios = Regex::new(r"^(?:.*?(?: • ?\x{200E}?(?P<pages>[0-9]+)[ \x{A0}]pages?)? ?\x{200E}?)?< ?[Pp]ièce jointe ?: ?(?P<file>.+?) ?>$").unwrap();
        let tag_pieces = [
            "a",
            " ",
            "\u{200E}",
            " • 2 pages",
            "<",
            ">",
            "< pièce jointe :",
            "<Pièce jointe:",
            "<  pièce jointe :",
            "< pièce jointe  :",
        ];
        for line in sequences(&tag_pieces, 4, &[">", " >", "  >", "a"]) {
            assert_eq!(
                of(ios_attachment(&line, None)),
                file_and_pages(&ios, &line),
                "{line:?}"
            );
        }

        let option =
            Regex::new(r"^OPTION ?: ?(?P<text>.*?) \((?P<votes>[0-9]+) (?:votes?|voix)\)$")
                .unwrap();
        let option_pieces = [
            "OPTION",
            " ",
            ":",
            "a",
            " (",
            "(",
            "2",
            "99999999999",
            " vote",
            "s",
            " voix",
            ")",
        ];
        for line in sequences(&option_pieces, 5, &["", " (1 vote)", ")"]) {
            let expected = option.captures(&line).and_then(|found| {
                Some((
                    found.name("text")?.as_str().to_owned(),
                    found.name("votes")?.as_str().parse::<u32>().ok()?,
                ))
            });
            let found = poll_option(&line).map(|option| (option.text.into_owned(), option.votes));
            assert_eq!(found, expected, "{line:?}");
        }
    }

    #[test]
    fn mentions() {
        let parsed =
            borrowed("Salut @\u{2068}Léa Martin\u{2069} et @\u{2068}+33 6 39 98 00 05\u{2069} !");
        assert_eq!(parsed.mentions, ["Léa Martin", "+33 6 39 98 00 05"]);
        assert_eq!(parsed.content, Content::Text);
        assert!(borrowed("mail@example.org @Léa @\u{2068}sans fin")
            .mentions
            .is_empty());
    }

    #[test]
    fn android_attachments() {
        let cases = [
            (
                "IMG-20241012-WA0001.jpg (fichier joint)",
                attachment(
                    Some("IMG-20241012-WA0001.jpg"),
                    MediaType::Image,
                    None,
                    None,
                ),
            ),
            (
                "VID-20241012-WA0002.mp4 (fichier joint)\nLa descente\nen vélo",
                attachment(
                    Some("VID-20241012-WA0002.mp4"),
                    MediaType::Video,
                    None,
                    Some("La descente\nen vélo"),
                ),
            ),
            (
                "PTT-20241012-WA0003.opus (fichier joint)",
                attachment(
                    Some("PTT-20241012-WA0003.opus"),
                    MediaType::VoiceNote,
                    None,
                    None,
                ),
            ),
            (
                "AUD-20241012-WA0004.mp3 (fichier joint)",
                attachment(
                    Some("AUD-20241012-WA0004.mp3"),
                    MediaType::Audio,
                    None,
                    None,
                ),
            ),
            (
                "STK-20241012-WA0005.webp (fichier joint)",
                attachment(
                    Some("STK-20241012-WA0005.webp"),
                    MediaType::Sticker,
                    None,
                    None,
                ),
            ),
            (
                "Léa Martin.vcf (fichier joint)",
                attachment(Some("Léa Martin.vcf"), MediaType::ContactCard, None, None),
            ),
            (
                "Rapport.pdf • \u{200E}3 pages \u{200E}(fichier joint)",
                attachment(Some("Rapport.pdf"), MediaType::Document, Some(3), None),
            ),
            (
                "Budget 2024.xlsx (fichier joint)",
                attachment(Some("Budget 2024.xlsx"), MediaType::Document, None, None),
            ),
            (
                "archive.bin (fichier joint)",
                attachment(Some("archive.bin"), MediaType::Other, None, None),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                borrowed(body).content,
                Content::Attachment {
                    attachment: expected
                },
                "{body:?}"
            );
        }
    }

    #[test]
    fn ios_attachments() {
        let cases = [
            (
                "\u{200E}< pièce jointe : 00000012-PHOTO-2024-10-12-18-32-11.jpg >",
                attachment(
                    Some("00000012-PHOTO-2024-10-12-18-32-11.jpg"),
                    MediaType::Image,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000013-VIDEO-2024-10-12-18-33-00.mp4 >",
                attachment(
                    Some("00000013-VIDEO-2024-10-12-18-33-00.mp4"),
                    MediaType::Video,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000456-AUDIO-2024-08-15-14-20-56.opus >",
                attachment(
                    Some("00000456-AUDIO-2024-08-15-14-20-56.opus"),
                    MediaType::VoiceNote,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000014-AUDIO-2024-08-15-14-21-00.m4a >",
                attachment(
                    Some("00000014-AUDIO-2024-08-15-14-21-00.m4a"),
                    MediaType::Audio,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000015-STICKER-2024-08-15-14-22-00.webp >",
                attachment(
                    Some("00000015-STICKER-2024-08-15-14-22-00.webp"),
                    MediaType::Sticker,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000016-GIF-2024-08-15-14-23-00.mp4 >",
                attachment(
                    Some("00000016-GIF-2024-08-15-14-23-00.mp4"),
                    MediaType::Gif,
                    None,
                    None,
                ),
            ),
            (
                "\u{200E}< pièce jointe : 00000017-Léa Martin.vcf >",
                attachment(
                    Some("00000017-Léa Martin.vcf"),
                    MediaType::ContactCard,
                    None,
                    None,
                ),
            ),
            (
                "Devis.pdf • \u{200E}2 pages \u{200E}< pièce jointe : 00000047-Devis.pdf >",
                attachment(
                    Some("00000047-Devis.pdf"),
                    MediaType::Document,
                    Some(2),
                    None,
                ),
            ),
            (
                "Notes.txt \u{200E}< pièce jointe : 00000048-Notes.txt >",
                attachment(Some("00000048-Notes.txt"), MediaType::Document, None, None),
            ),
            (
                "<Pièce jointe : 00000049-PHOTO-2024-08-15-14-25-00.jpg>",
                attachment(
                    Some("00000049-PHOTO-2024-08-15-14-25-00.jpg"),
                    MediaType::Image,
                    None,
                    None,
                ),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                borrowed(body).content,
                Content::Attachment {
                    attachment: expected
                },
                "{body:?}"
            );
        }
    }

    #[test]
    fn media_omitted() {
        let none = |media: Option<MediaType>,
                    file_name: Option<&'static str>,
                    pages: Option<u32>,
                    caption: Option<&'static str>| Content::MediaOmitted {
            attachment: Attachment {
                file_name: file_name.map(Cow::Borrowed),
                media,
                pages,
                caption: caption.map(Cow::Borrowed),
            },
        };
        let cases = [
            ("<Médias omis>", none(None, None, None, None)),
            ("<Fichier omis>", none(None, None, None, None)),
            (
                "<Médias omis>\nRapport final.pdf",
                none(
                    Some(MediaType::Document),
                    Some("Rapport final.pdf"),
                    None,
                    None,
                ),
            ),
            (
                "<Médias omis>\nRegardez ça",
                none(None, None, None, Some("Regardez ça")),
            ),
            (
                "\u{200E}image absente",
                none(Some(MediaType::Image), None, None, None),
            ),
            (
                "\u{200E}vidéo absente",
                none(Some(MediaType::Video), None, None, None),
            ),
            (
                "\u{200E}audio omis",
                none(Some(MediaType::Audio), None, None, None),
            ),
            (
                "\u{200E}sticker omis",
                none(Some(MediaType::Sticker), None, None, None),
            ),
            (
                "\u{200E}GIF retiré",
                none(Some(MediaType::Gif), None, None, None),
            ),
            (
                "\u{200E}Fiche contact manquante",
                none(Some(MediaType::ContactCard), None, None, None),
            ),
            (
                "Devis.docx \u{200E}document manquant",
                none(Some(MediaType::Document), Some("Devis.docx"), None, None),
            ),
            (
                "Devis.pdf • \u{200E}2 pages \u{200E}document manquant",
                none(Some(MediaType::Document), Some("Devis.pdf"), Some(2), None),
            ),
            (
                "<image absente>",
                none(Some(MediaType::Image), None, None, None),
            ),
            (
                "<vidéo absente>",
                none(Some(MediaType::Video), None, None, None),
            ),
            (
                "<audio omis>",
                none(Some(MediaType::Audio), None, None, None),
            ),
            ("<GIF retiré>", none(Some(MediaType::Gif), None, None, None)),
        ];
        for (body, expected) in cases {
            assert_eq!(borrowed(body).content, expected, "{body:?}");
        }
        // Without the iOS mark, the same words are someone's text.
        assert_eq!(borrowed("image absente").content, Content::Text);
    }

    #[test]
    fn deleted() {
        for (body, by) in [
            ("Ce message a été supprimé", DeletedBy::Sender),
            ("\u{200E}Ce message a été supprimé.", DeletedBy::Sender),
            ("Vous avez supprimé ce message", DeletedBy::You),
            ("\u{200E}Vous avez supprimé ce message.", DeletedBy::You),
            (
                "\u{200E}Ce message a été supprimé par un ou une admin.",
                DeletedBy::Admin,
            ),
            (
                "\u{200E}Ce message a été supprimé par l’admin Léa Martin.",
                DeletedBy::Admin,
            ),
            (
                "\u{200E}Vous avez supprimé ce message en tant qu'admin.",
                DeletedBy::Admin,
            ),
        ] {
            let parsed = borrowed(body);
            assert_eq!(
                parsed.content,
                Content::Deleted { deleted_by: by },
                "{body:?}"
            );
            assert!(parsed.text.is_some());
        }
        assert_eq!(
            borrowed("Vous avez supprimé ce message ?").content,
            Content::Text
        );
        assert_eq!(
            borrowed("Ce message a été supprimé\net alors").content,
            Content::Text
        );
    }

    #[test]
    fn view_once_and_waiting() {
        let parsed = borrowed("null");
        assert_eq!(parsed.content, Content::ViewOnce);
        assert_eq!(parsed.text, None);
        let parsed = analyse(Cow::Owned("null".into()));
        assert_eq!((parsed.content, parsed.text), (Content::ViewOnce, None));
        assert_eq!(
            borrowed("\u{200E}La vue unique est activée pour cette photo").content,
            Content::ViewOnce
        );
        assert_eq!(
            borrowed("\u{200E}En attente de ce message. Ceci pourrait prendre un moment.").content,
            Content::WaitingForMessage
        );
    }

    #[test]
    fn locations() {
        let parsed = borrowed("localisation : https://maps.google.com/?q=48.8583701,2.2922926");
        assert_eq!(
            parsed.content,
            Content::Location {
                location: Location {
                    latitude: Some(48.8583701),
                    longitude: Some(2.2922926),
                    url: Cow::Borrowed("https://maps.google.com/?q=48.8583701,2.2922926"),
                    name: None
                }
            }
        );
        let parsed =
            borrowed("\u{200E}Localisation: https://maps.google.com/?q=51.5021456,-0.127397");
        assert!(matches!(
            parsed.content,
            Content::Location {
                location: Location {
                    latitude: Some(_),
                    longitude: Some(_),
                    ..
                }
            }
        ));
        let parsed = borrowed("\u{200E}Pimlico Gardens (London, United Kingdom): https://foursquare.com/v/4e89a3e2b8f7b1a0c1d2e3f4");
        assert_eq!(
            parsed.content,
            Content::Location {
                location: Location {
                    latitude: None,
                    longitude: None,
                    url: Cow::Borrowed("https://foursquare.com/v/4e89a3e2b8f7b1a0c1d2e3f4"),
                    name: Some(Cow::Borrowed("Pimlico Gardens (London, United Kingdom)"))
                }
            }
        );
        let parsed = borrowed(
            "Café de la Gare\n3 place de la Gare, Brest\nhttps://foursquare.com/v/5a1b2c3d4e5f",
        );
        assert!(matches!(
            parsed.content,
            Content::Location {
                location: Location {
                    name: Some(Cow::Borrowed("Café de la Gare")),
                    ..
                }
            }
        ));
        assert_eq!(
            borrowed("Localisation en direct partagée").content,
            Content::LiveLocation
        );
        assert_eq!(
            borrowed("\u{200E}Localisation en direct").content,
            Content::LiveLocation
        );
        assert_eq!(
            borrowed("localisation : je suis à la gare").content,
            Content::Text
        );
        assert_eq!(
            borrowed("Ici: https://foursquare.com/v/4e89a3e2b8f7b1a0c1d2e3f4").content,
            Content::Text
        );
        assert_eq!(
            borrowed("Mon avis: https://example.org/v/1").content,
            Content::Text
        );
    }

    #[test]
    fn polls() {
        let body = "POLL:\nOn part quand ?\nOPTION: Samedi (3 votes)\nOPTION: Dimanche (1 vote)\nOPTION: Jamais (0 votes)";
        let expected = Poll {
            question: Cow::Borrowed("On part quand ?"),
            options: vec![
                PollOption {
                    text: Cow::Borrowed("Samedi"),
                    votes: 3,
                },
                PollOption {
                    text: Cow::Borrowed("Dimanche"),
                    votes: 1,
                },
                PollOption {
                    text: Cow::Borrowed("Jamais"),
                    votes: 0,
                },
            ],
        };
        assert_eq!(borrowed(body).content, Content::Poll { poll: expected });
        let body = "SONDAGE :\nPizza\nou crêpes ?\nOPTION : Pizza (2 votes)";
        let Content::Poll { poll } = borrowed(body).content else {
            panic!("not a poll")
        };
        assert_eq!(poll.question, "Pizza\nou crêpes ?");
        assert_eq!(
            borrowed("POLL:\nQuestion sans options").content,
            Content::Text
        );
        assert_eq!(
            borrowed("POLL:\nQ\nOPTION: A (2 votes)\nblabla").content,
            Content::Text
        );
    }

    #[test]
    fn json_shapes() {
        let value = |body: &str| serde_json::to_value(borrowed(body).content).unwrap();
        assert_eq!(value("Salut"), json!({"kind": "text"}));
        assert_eq!(
            value("<Médias omis>"),
            json!({"kind": "media_omitted", "attachment": {"file_name": null, "media": null, "pages": null, "caption": null}})
        );
        assert_eq!(
            value("PTT-20241012-WA0003.opus (fichier joint)"),
            json!({"kind": "attachment", "attachment": {"file_name": "PTT-20241012-WA0003.opus", "media": "voice_note", "pages": null, "caption": null}})
        );
        assert_eq!(
            value("Vous avez supprimé ce message"),
            json!({"kind": "deleted", "deleted_by": "you"})
        );
        assert_eq!(value("null"), json!({"kind": "view_once"}));
        assert_eq!(
            value("localisation : https://maps.google.com/?q=1.5,-2"),
            json!({"kind": "location", "location": {"latitude": 1.5, "longitude": -2.0, "url": "https://maps.google.com/?q=1.5,-2", "name": null}})
        );
        assert_eq!(
            value("POLL:\nQ\nOPTION: A (2 votes)"),
            json!({"kind": "poll", "poll": {"question": "Q", "options": [{"text": "A", "votes": 2}]}})
        );
        let system = Content::System {
            event: SystemEvent::MissedVoiceCall,
        };
        assert_eq!(
            serde_json::to_value(system).unwrap(),
            json!({"kind": "system", "event": {"type": "missed_voice_call"}})
        );
    }

    #[test]
    fn into_owned_keeps_values() {
        let body = "Rapport.pdf • \u{200E}3 pages \u{200E}(fichier joint)\nÀ relire";
        let content = borrowed(body).content;
        assert_eq!(content.clone().into_owned(), content);
    }

    /// The first look at eight bytes lets through every line the exact checks accept.
    #[test]
    fn start_words_let_every_special_start_through() {
        let starts = [
            "null",
            "Ce message a été supprimé",
            "Vous avez supprimé ce message",
            "En attente de ce message. Ceci pourrait prendre un moment.",
            "POLL:",
            "SONDAGE :",
            "Sondage :",
            "Localisation : https://maps.google.com/?q=1,2",
            "Localisation en direct partagée",
            "La vue unique est activée pour cette photo.",
            "localisation : https://maps.google.com/?q=1,2",
        ];
        let mut lines: Vec<String> = Vec::new();
        for start in starts {
            for end in 0..=start.len() {
                if let Some(cut) = start.get(..end) {
                    lines.push(cut.to_owned());
                    lines.push(format!("{cut} et la suite"));
                }
            }
        }
        lines.extend(
            [
                "C'est parti",
                "Vous avez vu ?",
                "Le train",
                "Salut tout le monde",
            ]
            .map(String::from),
        );
        for line in &lines {
            for single_line in [true, false] {
                let text = if single_line {
                    line.clone()
                } else {
                    format!("{line}\nQuestion ?")
                };
                let exact = starts_special(&text, line, single_line);
                assert_eq!(
                    may_start_special(&text, line, single_line),
                    exact,
                    "{line:?}"
                );
            }
        }
    }
}
