//! The chunk wrapper some tools put around an export before the first message:
//!
//! ```text
//! === MÉTADONNÉES CHUNK ===
//! Période: null → null
//! Participants: Alice, Bob
//! Topics: vélo, sorties
//! Tokens: 513
//! Messages: 27
//!
//! === CONTENU ===
//! ```
//!
//! The first non-blank line is the header, the last the `=== CONTENU ===`
//! marker; between them, blank lines and `Key: value` fields, each at most once
//! and any of them missing. Field names are matched case-insensitively, with or
//! without accents (`Période`/`Periode`). Anything else (an unknown field, a
//! number that is not one) means the text is not a wrapper this module knows,
//! and [`parse_wrapper`] returns `None` so the core reports it as orphan text
//! rather than dropping it.
//!
//! The wrapper's fields were written by another tool and may be wrong (the
//! seed export says `null → null` and no participants because that tool could
//! not read French dates), so a [`Chunk`] carries both what it *declares* and
//! what the messages show, *computed* by the parser.
//!
//! # JSON
//!
//! ```json
//! {
//!   "line": 1, "end_line": 8,
//!   "declared": {
//!     "period": {"start": null, "end": null},
//!     "participants": [], "topics": [],
//!     "tokens": 513, "messages": 27
//!   },
//!   "computed": {
//!     "period": {"start": "2024-10-12T18:32:00", "end": "2024-10-13T08:12:00"},
//!     "participants": ["Rochane", "martinyemani IA"],
//!     "messages": 9
//!   }
//! }
//! ```
//!
//! - `declared.period.start`/`end`: the text on each side of `→` (or `->`),
//!   trimmed; `null` or nothing gives `null`. Kept as text: the wrapper's date
//!   format is the other tool's, not WhatsApp's.
//! - `declared.participants`/`topics`: the value split on `,`, each item
//!   trimmed, empty items dropped; `null` or nothing gives `[]`.
//! - `declared.tokens`/`messages`: numbers (spaces used as thousands separators
//!   are allowed), or `null` when written `null`, empty or missing.
//! - `computed.period`: the earliest and latest timestamp of all messages
//!   (exports are not always in order), `null` when there is no message.
//! - `computed.participants`: authors of people's messages (not system lines),
//!   each once, in order of first appearance.
//! - `computed.messages`: every message, system lines included.
//! - `line`/`end_line`: the wrapper's lines in the file, 1-based, inclusive,
//!   blank lines before the first message included.

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};

/// The first line of a wrapper, as the seed's tool writes it.
pub const HEADER: &str = "=== MÉTADONNÉES CHUNK ===";

/// The last line of a wrapper: messages follow.
pub const CONTENT_MARKER: &str = "=== CONTENU ===";

/// The same lines without accents, as a tool writing ASCII would.
const HEADER_ASCII: &str = "=== METADONNEES CHUNK ===";

/// The period a wrapper declares, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    /// Text before the arrow; `None` for `null` or nothing.
    pub start: Option<String>,
    /// Text after the arrow; `None` for `null` or nothing.
    pub end: Option<String>,
}

/// The fields a wrapper declares, as parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChunkDeclared {
    /// `Période: A → B`.
    pub period: Period,
    /// `Participants: A, B`.
    pub participants: Vec<String>,
    /// `Topics: A, B`.
    pub topics: Vec<String>,
    /// `Tokens: N`.
    pub tokens: Option<u64>,
    /// `Messages: N`.
    pub messages: Option<u64>,
}

/// Parse the text before the first message header as a chunk wrapper.
///
/// `preamble` is all the text before the first message header (already
/// repaired if needed), a leading BOM allowed. `None` when it is not a chunk
/// wrapper (then the core reports it as orphan text).
pub fn parse_wrapper(preamble: &str) -> Option<ChunkDeclared> {
    let preamble = preamble.strip_prefix('\u{FEFF}').unwrap_or(preamble);
    let mut lines = preamble
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty());
    let header = lines.next()?;
    if header != HEADER && header != HEADER_ASCII {
        return None;
    }
    let mut declared = ChunkDeclared::default();
    let mut seen = [false; 5];
    let mut closed = false;
    for line in lines {
        if closed {
            // Text after the content marker: not a wrapper we know.
            return None;
        }
        if line == CONTENT_MARKER {
            closed = true;
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let value = value.trim();
        let field = Field::named(key.trim())?;
        if std::mem::replace(&mut seen[field as usize], true) {
            return None;
        }
        match field {
            Field::Period => declared.period = parse_period(value)?,
            Field::Participants => declared.participants = parse_list(value),
            Field::Topics => declared.topics = parse_list(value),
            Field::Tokens => declared.tokens = parse_count(value)?,
            Field::Messages => declared.messages = parse_count(value)?,
        }
    }
    closed.then_some(declared)
}

/// The fields a wrapper may declare.
#[derive(Clone, Copy)]
enum Field {
    Period,
    Participants,
    Topics,
    Tokens,
    Messages,
}

impl Field {
    fn named(key: &str) -> Option<Field> {
        let key = key.to_lowercase();
        Some(match key.as_str() {
            "période" | "periode" => Field::Period,
            "participants" => Field::Participants,
            "topics" => Field::Topics,
            "tokens" => Field::Tokens,
            "messages" => Field::Messages,
            _ => return None,
        })
    }
}

fn is_null(value: &str) -> bool {
    value.is_empty() || value == "null"
}

/// `A → B`; `None` when the value is neither a period nor empty.
fn parse_period(value: &str) -> Option<Period> {
    if is_null(value) {
        return Some(Period::default());
    }
    let (start, end) = value.split_once('→').or_else(|| value.split_once("->"))?;
    let side = |text: &str| {
        let text = text.trim();
        (!is_null(text)).then(|| text.to_owned())
    };
    Some(Period {
        start: side(start),
        end: side(end),
    })
}

fn parse_list(value: &str) -> Vec<String> {
    if is_null(value) {
        return Vec::new();
    }
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `Some(None)` for `null` or nothing, `None` when the value is not a number.
fn parse_count(value: &str) -> Option<Option<u64>> {
    if is_null(value) {
        return Some(None);
    }
    // French writes thousands with a (narrow) no-break space: "1 234".
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(Some)
}

/// The earliest and latest timestamp seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ObservedPeriod {
    /// The earliest timestamp, serialized `"2024-10-12T18:32:00"`.
    #[serde(serialize_with = "serialize_timestamp")]
    pub start: Option<NaiveDateTime>,
    /// The latest timestamp, serialized `"2024-10-12T18:32:00"`.
    #[serde(serialize_with = "serialize_timestamp")]
    pub end: Option<NaiveDateTime>,
}

/// Seconds always present, as in messages; no fraction (exports have none).
fn serialize_timestamp<S: Serializer>(
    timestamp: &Option<NaiveDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match timestamp {
        Some(timestamp) => serializer.collect_str(&timestamp.format("%Y-%m-%dT%H:%M:%S")),
        None => serializer.serialize_none(),
    }
}

/// What the messages of a wrapped export really show, built by
/// [`ChunkComputed::observe`] as the parser goes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChunkComputed {
    period: ObservedPeriod,
    participants: Vec<String>,
    messages: u64,
    /// The same names as `participants`, to keep `observe` O(1) in big groups.
    #[serde(skip)]
    seen_authors: HashSet<String>,
}

impl ChunkComputed {
    /// Account for one message: its timestamp, its author, and whether it is a
    /// system line (whose author, if any, is not a participant).
    pub fn observe(
        &mut self,
        timestamp: chrono::NaiveDateTime,
        author: Option<&str>,
        is_system: bool,
    ) {
        self.messages += 1;
        let period = &mut self.period;
        period.start = Some(period.start.map_or(timestamp, |start| start.min(timestamp)));
        period.end = Some(period.end.map_or(timestamp, |end| end.max(timestamp)));
        if let (Some(author), false) = (author, is_system) {
            if !self.seen_authors.contains(author) {
                self.seen_authors.insert(author.to_owned());
                self.participants.push(author.to_owned());
            }
        }
    }

    /// The earliest and latest timestamp observed.
    pub fn period(&self) -> ObservedPeriod {
        self.period
    }

    /// Authors of people's messages, each once, in order of first appearance.
    pub fn participants(&self) -> &[String] {
        &self.participants
    }

    /// Messages observed, system lines included.
    pub fn messages(&self) -> u64 {
        self.messages
    }
}

/// A recognised chunk wrapper: where it is, what it declares, what is true.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chunk {
    /// First line of the wrapper in the file, 1-based.
    pub line: usize,
    /// Last line of the wrapper (the line before the first message header).
    pub end_line: usize,
    /// Byte range of the wrapper in the input: the whole preamble, so that
    /// messages and diagnostics tile the rest. Not serialized.
    #[serde(skip)]
    pub bytes: Range<usize>,
    /// The fields as the wrapper gives them.
    pub declared: ChunkDeclared,
    /// The fields as the messages show them.
    pub computed: ChunkComputed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    const SEED_WRAPPER: &str = "=== MÉTADONNÉES CHUNK ===\nPériode: null → null\nParticipants: \nTopics: \nTokens: 513\nMessages: 27\n\n=== CONTENU ===\n";

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 10, day)
            .and_then(|date| date.and_hms_opt(hour, minute, 0))
            .expect("valid test date")
    }

    #[test]
    fn parses_the_seed_wrapper() {
        let declared = parse_wrapper(SEED_WRAPPER).expect("the seed wrapper");
        assert_eq!(
            declared,
            ChunkDeclared {
                period: Period::default(),
                participants: vec![],
                topics: vec![],
                tokens: Some(513),
                messages: Some(27),
            }
        );
        assert_eq!(
            serde_json::to_value(&declared).ok(),
            Some(json!({
                "period": {"start": null, "end": null},
                "participants": [], "topics": [], "tokens": 513, "messages": 27
            }))
        );
    }

    #[test]
    fn parses_the_repaired_seed_fixture() {
        let seed = include_str!("../fixtures/fr/android/seed_chunk_fr.txt");
        let repaired = crate::encoding::repair(seed, crate::encoding::EncodingRepair::MacRoman);
        let first_header = repaired
            .find("12/10/2024, 18:32 - ")
            .expect("first message");
        let preamble = &repaired[..first_header];
        assert_eq!(preamble, SEED_WRAPPER);
        assert_eq!(preamble.lines().count(), 8);
        assert_eq!(
            parse_wrapper(preamble).map(|declared| (declared.tokens, declared.messages)),
            Some((Some(513), Some(27)))
        );
    }

    #[test]
    fn parses_filled_fields() {
        let wrapper =
            "\u{FEFF}=== METADONNEES CHUNK ===\r\nperiode : 12/10/2024 18:32 -> 13/10/2024\r\n\
            PARTICIPANTS: Rochane, Léa 🌸,, +33 6 39 98 00 02\r\nTopics: IA, climat\r\n\
            Tokens: 1\u{202F}234\r\nMessages: null\r\n=== CONTENU ===\r\n\r\n";
        let declared = parse_wrapper(wrapper).expect("a wrapper");
        assert_eq!(
            declared.period,
            Period {
                start: Some("12/10/2024 18:32".into()),
                end: Some("13/10/2024".into()),
            }
        );
        assert_eq!(
            declared.participants,
            ["Rochane", "Léa 🌸", "+33 6 39 98 00 02"]
        );
        assert_eq!(declared.topics, ["IA", "climat"]);
        assert_eq!(declared.tokens, Some(1234));
        assert_eq!(declared.messages, None);
    }

    #[test]
    fn missing_fields_are_empty() {
        let declared = parse_wrapper("=== MÉTADONNÉES CHUNK ===\n=== CONTENU ===");
        assert_eq!(declared, Some(ChunkDeclared::default()));
    }

    #[test]
    fn rejects_what_is_not_a_wrapper() {
        let not_wrappers = [
            "",
            "\n\n",
            "Bonjour\n",
            // Mojibake left unrepaired.
            "=== M√âTADONN√âES CHUNK ===\n=== CONTENU ===\n",
            // No content marker.
            "=== MÉTADONNÉES CHUNK ===\nTokens: 5\n",
            // Text after the content marker.
            "=== MÉTADONNÉES CHUNK ===\n=== CONTENU ===\nBonjour\n",
            // Text before the header.
            "Bonjour\n=== MÉTADONNÉES CHUNK ===\n=== CONTENU ===\n",
            // Unknown field, line without a colon, duplicate, bad values.
            "=== MÉTADONNÉES CHUNK ===\nAuteur: moi\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nbla bla\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nTokens: 1\nTokens: 2\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nTokens: ~500\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nMessages: -1\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nMessages: 99999999999999999999999\n=== CONTENU ===\n",
            "=== MÉTADONNÉES CHUNK ===\nPériode: hier\n=== CONTENU ===\n",
        ];
        for text in not_wrappers {
            assert_eq!(parse_wrapper(text), None, "{text:?}");
        }
    }

    #[test]
    fn computes_period_participants_and_count() {
        let mut computed = ChunkComputed::default();
        assert_eq!(
            serde_json::to_value(&computed).ok(),
            Some(
                json!({"period": {"start": null, "end": null}, "participants": [], "messages": 0})
            )
        );
        // Out of order, with system lines and a repeated author.
        computed.observe(at(12, 19, 1), Some("Rochane"), false);
        computed.observe(at(12, 18, 32), None, true);
        computed.observe(at(13, 8, 12), Some("Léa"), false);
        computed.observe(at(12, 19, 5), Some("Groupe"), true);
        computed.observe(at(12, 19, 10), Some("Rochane"), false);
        assert_eq!(computed.messages(), 5);
        assert_eq!(computed.participants(), ["Rochane", "Léa"]);
        assert_eq!(
            computed.period(),
            ObservedPeriod {
                start: Some(at(12, 18, 32)),
                end: Some(at(13, 8, 12)),
            }
        );
        let chunk = Chunk {
            line: 1,
            end_line: 8,
            bytes: 0..131,
            declared: ChunkDeclared::default(),
            computed,
        };
        assert_eq!(
            serde_json::to_value(&chunk).ok(),
            Some(json!({
                "line": 1, "end_line": 8,
                "declared": {
                    "period": {"start": null, "end": null},
                    "participants": [], "topics": [], "tokens": null, "messages": null
                },
                "computed": {
                    "period": {"start": "2024-10-12T18:32:00", "end": "2024-10-13T08:12:00"},
                    "participants": ["Rochane", "Léa"],
                    "messages": 5
                }
            }))
        );
    }
}
