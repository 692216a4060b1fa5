//! Property tests (proptest), issue 6:
//!
//! - for any input, `parse_str` and `Reader` never panic, their spans tile the input,
//!   they agree, and `Reader` gives the same items whatever its buffer size;
//! - messages rendered in an export layout (Android `DD/MM/YYYY, HH:MM - Author: text`,
//!   iOS `[DD/MM/YYYY HH:MM:SS] Author: text`), with multi-line texts holding lines that
//!   look like headers of other layouts, parse back to the same timestamps, authors and
//!   texts, and rendering the parsed messages again gives the same bytes.

mod common;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;
use proptest::sample::{select, Index};

use common::check_everything;

// ---------------------------------------------------------------------------------
// Any input.

/// Pieces of exports and of trouble: the fuzzer's dictionary, as a strategy.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => select(vec![
            "12/10/2024, 18:32 - ",
            "[15/08/2024 14:20:56] ",
            "03/12/2016 17:56:59: ",
            "26/09/2019 à 22:39 - ",
            "[3/27/22 9:41:55\u{202F}PM] ",
            "31/02/2024, 25:61 - ",
            "Rochane: ",
            ": ",
            "\u{200E}",
            "\u{FEFF}",
            "“Rando : 2025”",
            "<Médias omis>",
            "null",
            // Mentions, on any line of a body: `parse_str` knows which records hold
            // '@' without searching bodies, `Reader` searches them.
            "@\u{2068}Léa\u{2069}",
            "@",
            "POLL:",
            "photo.jpg (fichier joint)",
            " <Ce message a été modifié>",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        3 => select(vec![&b"\n"[..], b"\r\n", b"\r"]).prop_map(<[u8]>::to_vec),
        2 => "[^\r\n]{0,12}".prop_map(String::into_bytes),
        1 => select(vec![&b"\xff"[..], b"\xe9", b"\x00", b"PK\x03\x04", b"\xc3"])
            .prop_map(<[u8]>::to_vec),
    ]
}

fn soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn any_string_keeps_every_invariant(text in any::<String>()) {
        check_everything(text.as_bytes());
    }

    #[test]
    fn any_bytes_keep_every_invariant(data in prop::collection::vec(any::<u8>(), 0..400)) {
        check_everything(&data);
    }

    #[test]
    fn any_soup_of_header_pieces_keeps_every_invariant(data in soup()) {
        check_everything(&data);
    }
}

// ---------------------------------------------------------------------------------
// Render, parse, compare.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    Android,
    Ios,
}

/// How lines end in a rendered export.
#[derive(Debug, Clone, Copy)]
enum Endings {
    Lf,
    Crlf,
    Cr,
    /// iOS: CRLF ends each record, LF breaks lines inside a message.
    IosMixed,
}

impl Endings {
    fn record(self) -> &'static str {
        match self {
            Endings::Lf => "\n",
            Endings::Crlf | Endings::IosMixed => "\r\n",
            Endings::Cr => "\r",
        }
    }

    fn inner(self) -> &'static str {
        match self {
            Endings::IosMixed => "\n",
            other => other.record(),
        }
    }
}

/// A message as rendered and as expected back.
#[derive(Debug, Clone, PartialEq)]
struct Sent {
    timestamp: NaiveDateTime,
    author: Option<String>,
    text: String,
}

#[derive(Debug, Clone)]
struct Export {
    layout: Layout,
    endings: Endings,
    bom: bool,
    final_ending: bool,
    messages: Vec<Sent>,
}

fn header(layout: Layout, t: &NaiveDateTime) -> String {
    match layout {
        Layout::Android => t.format("%d/%m/%Y, %H:%M - ").to_string(),
        Layout::Ios => t.format("[%d/%m/%Y %H:%M:%S] ").to_string(),
    }
}

/// Writes an export the way the phone would.
fn render(export: &Export) -> String {
    let mut out = String::new();
    if export.bom {
        out.push('\u{FEFF}');
    }
    let count = export.messages.len();
    for (i, m) in export.messages.iter().enumerate() {
        out += &header(export.layout, &m.timestamp);
        if let Some(author) = &m.author {
            out += author;
            out += ": ";
        }
        out += &m.text.replace('\n', export.endings.inner());
        if i + 1 < count || export.final_ending {
            out += export.endings.record();
        }
    }
    out
}

/// Lines that are not headers of `layout` but look like headers (of the other
/// layouts) or like parts of one.
fn foreign_header(layout: Layout) -> impl Strategy<Value = String> {
    let lines = match layout {
        Layout::Android => vec![
            "[15/08/2024 14:20:56] Inès: x",
            "\u{200E}[15/08/2024 14:20:56] Inès: \u{200E}image omise",
            "12/03/2025 08:59 - Awa: sans virgule",
            "26/09/2019 à 22:39 - XXX: Salut :)",
            "03/12/2016 17:56:59: Vous avez créé le groupe",
        ],
        Layout::Ios => vec![
            "12/10/2024, 18:32 - Rochane: Salut",
            "[15/08/2024, 14:20:56] Inès: avec virgule",
            "[01.12.19 09:37:48] A: suisse",
            "[3/27/22 9:41:55 PM] A: 12 h",
            "03/12/2016 17:56:59: Vous avez créé le groupe",
        ],
    };
    select(lines).prop_map(str::to_owned)
}

/// Lines that are never headers in any layout.
fn plain_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[^\r\n]{0,24}",
        1 => select(vec![
            "",
            "12/10/2024 18:32 pas de virgule",
            "12/10/2024, 18:32 – tiret long",
            "- 04/01 : rendez-vous",
            "[note du 12/10]",
            "+33 6 39 98 00 01: sans date",
            "12h30 ça marche",
            "Rochane: pas un en-tête",
            ": : :",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Marks that the parser removes from the start of a body, and `null` (view-once).
fn plain_start(line: &str) -> bool {
    !line.starts_with([
        '\u{200E}', '\u{200F}', '\u{202A}', '\u{202C}', '\u{2068}', '\u{2069}', '\u{FEFF}',
    ]) && line != "null"
}

fn author() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÖØ-öø-ÿ0-9 .'+-]{1,16}"
}

fn timestamp() -> impl Strategy<Value = NaiveDateTime> {
    (
        2009i32..2035,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| {
            NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|date| date.and_hms_opt(h, mi, s))
                .expect("days 1 to 28 exist in every month")
        })
}

fn message(layout: Layout) -> impl Strategy<Value = Sent> {
    (
        timestamp(),
        prop::option::weighted(0.85, author()),
        plain_line(),
        prop::collection::vec(plain_line(), 0..4),
        prop::option::of((foreign_header(layout), any::<Index>())),
    )
        .prop_filter_map(
            "a body the parser reads differently",
            move |(mut timestamp, author, first, mut rest, foreign)| {
                if !plain_start(&first) {
                    return None;
                }
                // With no author, the first ": " of the header line would make one.
                if author.is_none() && (first.contains(": ") || first.ends_with(':')) {
                    return None;
                }
                if let Some((line, at)) = foreign {
                    let at = at.index(rest.len() + 1);
                    rest.insert(at, line);
                }
                if layout == Layout::Android {
                    timestamp = timestamp.with_second(0)?;
                }
                let mut text = first;
                for line in rest {
                    text.push('\n');
                    text += &line;
                }
                Some(Sent {
                    timestamp,
                    author,
                    text,
                })
            },
        )
}

fn export() -> impl Strategy<Value = Export> {
    (
        select(vec![Layout::Android, Layout::Ios]),
        select(vec![
            Endings::Lf,
            Endings::Crlf,
            Endings::Cr,
            Endings::IosMixed,
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(layout, endings, bom, final_ending)| {
            prop::collection::vec(message(layout), 1..12).prop_map(move |mut messages| {
                // Sorted in time, as in an export: the date order is then never in
                // doubt.
                messages.sort_by_key(|m| m.timestamp);
                // A blank last line needs the line ending after it to be seen.
                let final_ending =
                    final_ending || messages.last().is_some_and(|m| m.text.ends_with('\n'));
                Export {
                    layout,
                    endings,
                    bom,
                    final_ending,
                    messages,
                }
            })
        })
}

/// What came back, in the form it was sent.
fn parse_back(input: &str) -> Result<Vec<Sent>, String> {
    let outcome = check_everything(input.as_bytes());
    if !outcome.diagnostics().is_empty() {
        return Err(format!("diagnostics: {:?}", outcome.diagnostics()));
    }
    Ok(outcome
        .messages()
        .map(|m| Sent {
            timestamp: m.timestamp,
            author: m.author().map(str::to_owned),
            text: m.text().to_owned(),
        })
        .collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn rendered_messages_parse_back(export in export()) {
        let rendered = render(&export);
        let parsed = parse_back(&rendered).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&parsed, &export.messages, "input {:?}", rendered);

        // Render what was parsed, parse it again: the same bytes, the same messages.
        let again = Export { messages: parsed, ..export.clone() };
        let rendered_again = render(&again);
        prop_assert_eq!(&rendered_again, &rendered);
        let reparsed = parse_back(&rendered_again).map_err(TestCaseError::fail)?;
        prop_assert_eq!(reparsed, again.messages);
    }
}
