//! The public API as a caller uses it: options, both entry points, owned messages,
//! the profile. One case per behaviour, each run through `parse_str` and `Reader`.

use std::borrow::Cow;

use whatsapp_export::{
    parse_str, DateOrder, DateOrderEvidence, Error, Message, OwnedMessage, ParseOptions, Platform,
    Reader,
};

/// Parses through both entry points, checks they agree, returns the owned results.
fn both(options: &ParseOptions, input: &str) -> Vec<Result<OwnedMessage, String>> {
    let from_str: Vec<_> = options
        .parse_str(input)
        .map(|r| r.map(Message::into_owned).map_err(|e| e.to_string()))
        .collect();
    let from_reader: Vec<_> = options
        .reader(input.as_bytes())
        .into_messages()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    assert_eq!(from_str, from_reader, "parse_str and Reader disagree");
    from_str
}

fn messages(options: &ParseOptions, input: &str) -> Vec<OwnedMessage> {
    both(options, input)
        .into_iter()
        .map(|r| r.expect("no diagnostic"))
        .collect()
}

#[test]
fn bodies_are_borrowed_from_the_input() {
    let input = "12/10/2024, 18:32 - Rochane: Salut\nça va ?\n";
    let message = parse_str(input).next().unwrap().unwrap();
    assert!(matches!(message.text, Some(Cow::Borrowed(_))));
    assert!(matches!(message.author, Some(Cow::Borrowed(_))));
    assert_eq!(&input[message.span.bytes.clone()], input);
}

#[test]
fn crlf_bodies_are_joined_with_lf() {
    let input = "[15/08/2024 14:20:56] Inès: un\r\ndeux\r\n[15/08/2024 14:21:00] Hugo: trois\r\n";
    let m = messages(&ParseOptions::new(), input);
    assert_eq!(m[0].text(), "un\ndeux");
    assert_eq!((m[0].span.line, m[0].span.end_line), (1, 2));
    assert_eq!(m[1].text(), "trois");
}

#[test]
fn forced_date_order_wins_over_the_data() {
    let input = "01/02/2024, 10:00 - A: x\n01/03/2024, 10:00 - A: y\n";
    let default = messages(&ParseOptions::new(), input);
    assert_eq!(default[0].timestamp.to_string(), "2024-02-01 10:00:00");
    let mut options = ParseOptions::new();
    options.date_order(DateOrder::MonthFirst);
    let forced = messages(&options, input);
    assert_eq!(forced[0].timestamp.to_string(), "2024-01-02 10:00:00");
    let profile = options.parse_str(input).profile();
    assert_eq!(profile.date_order, DateOrderEvidence::Ambiguous);
    assert_eq!(profile.date_order_used, Some(DateOrder::MonthFirst));
}

#[test]
fn strict_mode_reports_unknown_system_lines() {
    let input = "12/10/2024, 18:32 - \u{200E}Une phrase que personne ne connaît\n\
                 12/10/2024, 18:33 - Léa: ok\n";
    let lenient = both(&ParseOptions::new(), input);
    assert!(lenient.iter().all(Result::is_ok));
    assert_eq!(
        lenient[0].as_ref().unwrap().event().unwrap().type_name(),
        "unknown"
    );
    let mut options = ParseOptions::new();
    options.strict(true);
    let strict = both(&options, input);
    assert_eq!(
        strict[0].as_ref().unwrap_err(),
        "line 1: unrecognised system message: \"Une phrase que personne ne connaît\""
    );
    assert_eq!(strict[1].as_ref().unwrap().author(), Some("Léa"));
}

#[test]
fn platform_option_locks_out_the_other_layout() {
    // An iOS header pasted in an Android file: with the platform forced to iOS, only
    // the pasted line is a header and the Android lines are text before it.
    let input = "12/10/2024, 18:32 - A: x\n[12/10/2024 18:33:00] B: y\n";
    let mut options = ParseOptions::new();
    options.platform(Platform::Ios);
    let items = both(&options, input);
    assert_eq!(items.len(), 2);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .starts_with("line 1: text before"));
    assert_eq!(items[1].as_ref().unwrap().author(), Some("B"));
}

#[test]
fn impossible_timestamp_is_a_diagnostic_with_its_lines() {
    let input =
        "13/10/2024, 18:32 - A: x\n31/02/2024, 18:33 - B: y\nsuite\n13/10/2024, 18:34 - C: z\n";
    let items = both(&ParseOptions::new(), input);
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[1].as_ref().unwrap_err(),
        "line 2-3: impossible date or time in header: \"31/02/2024, 18:33 - B: y\""
    );
    assert_eq!(items[2].as_ref().unwrap().author(), Some("C"));
}

#[test]
fn reader_fuses_after_an_io_error() {
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk gone"))
        }
    }
    let mut reader = Reader::new(std::io::BufReader::new(Failing));
    let first = reader.read_message();
    assert!(matches!(first, Err(Error::Io { .. })));
    assert!(first.unwrap_err().is_fatal());
    assert!(reader.read_message().unwrap().is_none());
}

#[test]
fn invalid_utf8_is_reported_with_its_bytes_and_parsing_goes_on() {
    let input = b"13/10/2024, 18:32 - A: caf\xe9\n13/10/2024, 18:33 - B: ok\n";
    let items: Vec<_> = Reader::new(&input[..]).into_messages().collect();
    assert_eq!(items.len(), 2);
    match &items[0] {
        Err(Error::InvalidUtf8 { span, bytes }) => {
            assert_eq!(span.line, 1);
            assert_eq!(bytes, b"13/10/2024, 18:32 - A: caf\xe9");
        }
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
    assert_eq!(items[1].as_ref().unwrap().author(), Some("B"));
}

#[test]
fn messages_serialize_to_the_documented_json() {
    let input = "12/10/2024, 18:32 - ~\u{202F}Maija: Salut\n";
    let m = parse_str(input).next().unwrap().unwrap();
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "line": 1, "end_line": 1, "timestamp": "2024-10-12T18:32:00",
            "author": "Maija", "author_raw": "~\u{202F}Maija",
            "kind": "text", "text": "Salut", "edited": false
        })
    );
}

#[test]
fn two_exports_joined_with_cat_keep_every_message() {
    // `cat a.txt b.txt`: the second file's BOM sits at the start of a line.
    let input = "\u{FEFF}13/10/2024, 18:32 - A: x\n\u{FEFF}14/10/2024, 09:00 - B: y\n";
    let m = messages(&ParseOptions::new(), input);
    assert_eq!(m.len(), 2);
    assert_eq!(m[1].author(), Some("B"));
    assert_eq!(m[0].text(), "x");
}

/// `parse_str` learns which records hold '@' from one search of the whole input, and
/// where a body's first line ends from its lines; `Reader` searches each body. Mentions
/// on any line, and bodies around them, come out the same.
#[test]
fn mentions_on_any_line_are_found_by_both_entry_points() {
    let input = "12/10/2024, 18:32 - Léa: Salut @\u{2068}Hugo\u{2069}\n\
                 12/10/2024, 18:33 - Hugo: première ligne\nseconde @\u{2068}Léa\u{2069}\n\
                 12/10/2024, 18:34 - Léa: sans mention\nsur deux lignes\n\
                 12/10/2024, 18:35 - Hugo: une adresse a@b.fr\n\
                 12/10/2024, 18:36 - Léa: \u{200E}\nligne après des marques\n\
                 12/10/2024, 18:37 - Hugo:\nle corps commence à la ligne suivante @\u{2068}Léa\u{2069}\n\
                 12/10/2024, 18:38 - Léa: modifié\n@\u{2068}Hugo\u{2069} <Ce message a été modifié>\n";
    let found = messages(&ParseOptions::new(), input);
    let mentions: Vec<Vec<&str>> = found
        .iter()
        .map(|m| m.mentions.iter().map(|name| name.as_ref()).collect())
        .collect();
    assert_eq!(
        mentions,
        [
            vec!["Hugo"],
            vec!["Léa"],
            vec![],
            vec![],
            vec![],
            vec!["Léa"],
            vec!["Hugo"],
        ]
    );
    assert_eq!(found[2].text(), "sans mention\nsur deux lignes");
    assert!(found[6].edited);
}
