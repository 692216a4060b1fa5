//! Tests of the benchmark corpus generator (`benches/corpus.rs`).
//!
//! The headers are counted here by a separate, deliberately simple check: a line is a
//! record header when it starts with the file's exact layout (`DD/MM/YYYY, HH:MM - ` on
//! Android, `[DD/MM/YYYY HH:MM:SS] ` on iOS, optionally after one U+200E).

#[path = "../benches/corpus.rs"]
mod corpus;

use corpus::{generate, write_corpus, Corpus, Platform};

const LRM: char = '\u{200E}';
const PLATFORMS: [Platform; 2] = [Platform::Android, Platform::Ios];

/// `d` stands for an ASCII digit; every other byte must match itself.
fn starts_with_pattern(line: &str, pattern: &str) -> bool {
    let line = line.as_bytes();
    line.len() >= pattern.len()
        && pattern
            .bytes()
            .zip(line)
            .all(|(expected, &actual)| match expected {
                b'd' => actual.is_ascii_digit(),
                _ => expected == actual,
            })
}

fn is_header(platform: Platform, line: &str) -> bool {
    match platform {
        Platform::Android => starts_with_pattern(line, "dd/dd/dddd, dd:dd - "),
        Platform::Ios => {
            let line = line.strip_prefix(LRM).unwrap_or(line);
            starts_with_pattern(line, "[dd/dd/dddd dd:dd:dd] ")
        }
    }
}

/// The text after the header (and after iOS's leading U+200E).
fn after_header(platform: Platform, line: &str) -> &str {
    match platform {
        Platform::Android => &line["dd/dd/dddd, dd:dd - ".len()..],
        Platform::Ios => {
            let line = line.strip_prefix(LRM).unwrap_or(line);
            &line["[dd/dd/dddd dd:dd:dd] ".len()..]
        }
    }
}

/// Splits on LF only (iOS ends records with CRLF; the CR stays on the line and is
/// removed here).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// Groups lines into records: a header line and the continuation lines after it.
fn records(platform: Platform, text: &str) -> Vec<Vec<&str>> {
    let mut records: Vec<Vec<&str>> = Vec::new();
    for line in lines(text) {
        if is_header(platform, line) {
            records.push(vec![line]);
        } else {
            let record = records
                .last_mut()
                .expect("the first line of a corpus is a header");
            record.push(line);
        }
    }
    records
}

fn count_headers(platform: Platform, text: &str) -> u64 {
    lines(text).filter(|line| is_header(platform, line)).count() as u64
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 400 == 0 || (year % 4 == 0 && year % 100 != 0) => 29,
        2 => 28,
        _ => panic!("month {month} out of range"),
    }
}

/// Reads (year, month, day, hour, minute, second) from a header, checking ranges.
fn timestamp(platform: Platform, line: &str) -> (u32, u32, u32, u32, u32, u32) {
    // Offsets of the hour and minute fields, and the seconds if the layout has them.
    let (text, hour_at, minute_at, second_at) = match platform {
        // `DD/MM/YYYY, HH:MM - `
        Platform::Android => (line, 12, 15, None),
        // `[DD/MM/YYYY HH:MM:SS] ` without its bracket
        Platform::Ios => {
            let line = line.strip_prefix(LRM).unwrap_or(line);
            (&line[1..], 11, 14, Some(17))
        }
    };
    let field = |start: usize, len: usize| -> u32 {
        text[start..start + len]
            .parse()
            .unwrap_or_else(|_| panic!("digits expected in {line:?}"))
    };
    let (day, month, year) = (field(0, 2), field(3, 2), field(6, 4));
    let (hour, minute) = (field(hour_at, 2), field(minute_at, 2));
    let second = second_at.map_or(0, |at| field(at, 2));
    assert!((1..=12).contains(&month), "month in {line:?}");
    assert!(
        (1..=days_in_month(year, month)).contains(&day),
        "day in {line:?}"
    );
    assert!(hour < 24 && minute < 60 && second < 60, "time in {line:?}");
    (year, month, day, hour, minute, second)
}

fn fraction(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

#[test]
fn same_seed_gives_same_bytes() {
    for platform in PLATFORMS {
        let first = generate(platform, 200_000, 42);
        let second = generate(platform, 200_000, 42);
        assert_eq!(first, second);
        let other_seed = generate(platform, 200_000, 43);
        assert_ne!(first.text, other_seed.text);
    }
}

#[test]
fn platforms_differ() {
    let android = generate(Platform::Android, 10_000, 7);
    let ios = generate(Platform::Ios, 10_000, 7);
    assert!(android.text.starts_with("13/01/2024, "));
    assert!(ios.text.starts_with("[13/01/2024 "));
}

#[test]
fn streamed_bytes_equal_generated_bytes() {
    // Crosses the 64 KiB write buffer many times.
    for platform in PLATFORMS {
        let mut written = Vec::new();
        let messages = write_corpus(&mut written, platform, 700_000, 9).expect("Vec never fails");
        let Corpus {
            text,
            messages: expected,
        } = generate(platform, 700_000, 9);
        assert_eq!(messages, expected);
        assert!(written == text.as_bytes(), "streamed bytes differ");
    }
}

#[test]
fn streamed_output_is_valid_utf8() {
    for platform in PLATFORMS {
        let mut written = Vec::new();
        write_corpus(&mut written, platform, 300_000, 5).expect("Vec never fails");
        let text = String::from_utf8(written).expect("valid UTF-8");
        assert!(!text.contains('\u{FFFD}'));
    }
}

#[test]
fn size_is_within_a_few_kilobytes_of_the_target() {
    for platform in PLATFORMS {
        for target in [1, 100, 10_000, 1_000_000, 3_000_000] {
            let corpus = generate(platform, target, 1);
            assert!(corpus.text.len() >= target, "{platform:?} {target}");
            assert!(
                corpus.text.len() - target < 4096,
                "{platform:?} {target}: {} bytes",
                corpus.text.len()
            );
            let mut written = Vec::new();
            let streamed =
                write_corpus(&mut written, platform, target as u64, 1).expect("Vec never fails");
            assert_eq!(streamed, corpus.messages);
            assert_eq!(written.len(), corpus.text.len());
        }
    }
}

#[test]
fn zero_target_gives_an_empty_corpus() {
    for platform in PLATFORMS {
        let corpus = generate(platform, 0, 42);
        assert_eq!(corpus.text, "");
        assert_eq!(corpus.messages, 0);
    }
}

#[test]
fn message_count_equals_header_count() {
    for platform in PLATFORMS {
        for seed in [0, 1, 42, u64::MAX] {
            let corpus = generate(platform, 2_000_000, seed);
            assert!(corpus.messages > 10_000);
            assert_eq!(
                count_headers(platform, &corpus.text),
                corpus.messages,
                "{platform:?} seed {seed}"
            );
        }
    }
}

#[test]
fn line_endings_follow_the_platform() {
    let android = generate(Platform::Android, 500_000, 3);
    assert!(!android.text.contains('\r'));
    assert!(android.text.ends_with('\n'));

    let ios = generate(Platform::Ios, 500_000, 3);
    assert!(ios.text.ends_with("\r\n"));
    // CRLF ends each record and nothing else; bare LF separates lines inside one.
    assert_eq!(ios.text.matches("\r\n").count() as u64, ios.messages);
    assert_eq!(ios.text.matches('\r').count() as u64, ios.messages);
    assert!(ios.text.contains("\n") && ios.text.matches('\n').count() as u64 > ios.messages);
    for record in ios.text.split_terminator("\r\n") {
        let mut record_lines = record.split('\n');
        let first = record_lines.next().unwrap_or_default();
        assert!(is_header(Platform::Ios, first), "{first:?}");
        for continuation in record_lines {
            assert!(!is_header(Platform::Ios, continuation), "{continuation:?}");
        }
    }
}

#[test]
fn timestamps_are_valid_and_never_go_back() {
    for platform in PLATFORMS {
        // Big enough to run past February 2025, a non-leap February.
        let corpus = generate(platform, 24_000_000, 11);
        let mut previous = (0, 0, 0, 0, 0, 0);
        let mut days_after_the_twelfth = 0;
        for record in records(platform, &corpus.text) {
            let now = timestamp(platform, record[0]);
            assert!(now >= previous, "{platform:?}: {:?}", record[0]);
            if now.2 > 12 {
                days_after_the_twelfth += 1;
            }
            previous = now;
        }
        assert!(days_after_the_twelfth > 0);
        // The very first header already tells day-first dates apart.
        let first = timestamp(platform, lines(&corpus.text).next().unwrap_or_default());
        assert_eq!(first.0, 2024);
        assert!(first.2 > 12);
        assert!(previous >= (2025, 3, 1, 0, 0, 0), "ends {previous:?}");
    }
}

#[test]
fn proportions_are_roughly_right() {
    for platform in PLATFORMS {
        let corpus = generate(platform, 3_000_000, 42);
        let records = records(platform, &corpus.text);
        let total = records.len();
        let multi_line = records.iter().filter(|record| record.len() > 1).count();
        let system = records
            .iter()
            .filter(|record| {
                let line = record[0];
                let rest = after_header(platform, line);
                match platform {
                    // "Android system lines have no author" and start with U+200E.
                    Platform::Android => rest.starts_with(LRM),
                    // iOS: `Name: <LRM>Sentence`, on a line without a leading U+200E,
                    // and not one of the tombstone or location bodies.
                    Platform::Ios => {
                        let body = rest.split_once(": ").map(|(_, body)| body).unwrap_or("");
                        !line.starts_with(LRM)
                            && body.starts_with(LRM)
                            && ![
                                "\u{200E}Ce message a été supprimé",
                                "\u{200E}Vous avez supprimé",
                                "\u{200E}Localisation:",
                            ]
                            .iter()
                            .any(|tombstone| body.starts_with(tombstone))
                    }
                }
            })
            .count();
        let multi_line = fraction(multi_line, total);
        let system = fraction(system, total);
        eprintln!("{platform:?}: {total} records, {multi_line:.4} multi-line, {system:.4} system");
        assert!(
            (0.13..0.19).contains(&multi_line),
            "{platform:?} multi-line {multi_line}"
        );
        assert!(
            (0.04..0.06).contains(&system),
            "{platform:?} system {system}"
        );
        let longest = records.iter().map(Vec::len).max().unwrap_or(0);
        assert!(
            (9..=12).contains(&longest),
            "{platform:?} longest {longest}"
        );
        assert!(records.iter().all(|record| record.len() <= 12));
    }
}

#[test]
fn multi_line_bodies_hold_the_tricky_lines() {
    for platform in PLATFORMS {
        let corpus = generate(platform, 1_000_000, 8);
        let continuations: Vec<&str> = records(platform, &corpus.text)
            .into_iter()
            .flat_map(|record| record.into_iter().skip(1))
            .collect();
        let count = |predicate: &dyn Fn(&str) -> bool| {
            continuations.iter().filter(|line| predicate(line)).count()
        };
        assert!(count(&|line| line.is_empty()) > 100, "blank lines");
        assert!(count(&|line| line.starts_with("- ")) > 100, "list items");
        assert!(
            count(&|line| line.starts_with(|c: char| c.is_ascii_digit())) > 100,
            "lines starting with digits"
        );
        // Lines that start with a date and a time but are not headers of this layout.
        let date_time_lookalikes = count(&|line| {
            starts_with_pattern(line, "dd/dd/dddd") || starts_with_pattern(line, "[dd/dd/dddd")
        });
        assert!(date_time_lookalikes > 100, "{platform:?} look-alikes");
        assert!(count(&|line| line.starts_with("+33 6 39 98 ")) > 10);
        // No blank first or last body line.
        for record in records(platform, &corpus.text) {
            if record.len() > 1 {
                assert!(!record[record.len() - 1].is_empty(), "{record:?}");
            }
        }
    }
}

#[test]
fn android_corpus_has_media_system_events_and_french_text() {
    let text = generate(Platform::Android, 2_000_000, 42).text;
    for expected in [
        ": <Médias omis>\n",
        " (fichier joint)",
        "-WA",
        ": null\n",
        ": Ce message a été supprimé\n",
        ": Vous avez supprimé ce message\n",
        " <Ce message a été modifié>\n",
        ": localisation : https://maps.google.com/?q=",
        " - \u{200E}+33 6 39 98 ",
        " a rejoint ce groupe grâce à son lien d’invitation\n",
        " a demandé à rejoindre le groupe.\n",
        " est parti\n",
        " a modifié le sujet en “Rando : sorties 2025”\n",
        " - +33 6 39 98 ",
        " - Léa 🌸: ",
        " - Jean-Édouard: ",
        "POLL:\n",
        "@\u{2068}",
        "é",
        "ç",
        "œ",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn ios_corpus_has_media_system_events_and_french_text() {
    let text = generate(Platform::Ios, 2_000_000, 42).text;
    for expected in [
        "\r\n\u{200E}[",
        ": \u{200E}< pièce jointe : 0000",
        "-PHOTO-20",
        ".jpg >\r\n",
        ": \u{200E}image absente\r\n",
        " \u{200E}document manquant\r\n",
        " pages \u{200E}< pièce jointe : ",
        ": \u{200E}Ce message a été supprimé.\r\n",
        " \u{200E}<Ce message a été modifié>\r\n",
        ": \u{200E}Localisation: https://maps.google.com/?q=",
        "] ~\u{202F}",
        "] +33 6 39 98 ",
        "] Léa 🌸: ",
        " a rejoint ce groupe grâce à son lien d'invitation\r\n",
        " est parti·e\r\n",
        ": \u{200E}Appel vocal manqué\r\n",
        "\u{200E}\u{200E}Votre code de sécurité avec ",
        "é",
        "œ",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}
