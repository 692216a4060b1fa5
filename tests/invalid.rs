//! The bad-input catalogue (`fixtures/invalid/`, issue 6): each input (`.txt`, `.bin`
//! or `.zip`) beside its `<case>.json`, written by hand from the input's bytes in the
//! format of `fixtures/README.md` (profile, messages, diagnostics: the exact `Display`
//! of each, line numbers included).
//!
//! Each input goes through `Reader` (whole and with a 3-byte buffer) and, when it is
//! UTF-8, through `parse_str`; every result must be the expected JSON, and the spans
//! must tile the input.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use whatsapp_export::{Error, ParseOptions};

use common::{check_tiling, small_buffer, via_reader, via_str, Outcome};

/// The extensions an input of the catalogue may have.
const INPUTS: [&str; 3] = ["txt", "bin", "zip"];

fn catalogue() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixtures/invalid exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| INPUTS.iter().any(|i| e == *i))
        })
        .collect();
    files.sort();
    files
}

fn as_json(outcome: &Outcome) -> Value {
    json!({
        "profile": serde_json::to_value(&outcome.profile).expect("profile serializes"),
        "messages": outcome
            .messages()
            .map(|m| serde_json::to_value(m).expect("message serializes"))
            .collect::<Vec<_>>(),
        "diagnostics": outcome.diagnostics(),
    })
}

fn compare(
    name: &str,
    input: &[u8],
    expected: &Value,
    outcome: &Outcome,
    failures: &mut Vec<String>,
) {
    if let Err(why) = check_tiling(input, outcome) {
        failures.push(format!("{name}: {why}"));
    }
    let actual = as_json(outcome);
    if &actual != expected {
        let mut report = format!("{name}: output differs from the expected JSON\n");
        for key in ["profile", "messages", "diagnostics"] {
            if expected[key] != actual[key] {
                report += &format!(
                    "  {key}:\n    expected {}\n    actual   {}\n",
                    expected[key], actual[key]
                );
            }
        }
        failures.push(report);
    }
}

#[test]
fn every_bad_input_gives_its_expected_diagnostics() {
    let files = catalogue();
    assert!(
        files.len() >= 13,
        "the catalogue has {} inputs",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let input = fs::read(path).expect("input readable");
        let expected_path = path.with_extension("json");
        let expected: Value = match fs::read(&expected_path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("{name}: expected JSON is not JSON: {e}")),
            Err(_) => {
                failures.push(format!("{name}: no {}", expected_path.display()));
                continue;
            }
        };
        compare(
            &format!("{name} (Reader)"),
            &input,
            &expected,
            &via_reader(&input[..]),
            &mut failures,
        );
        compare(
            &format!("{name} (Reader, 3-byte buffer)"),
            &input,
            &expected,
            &via_reader(small_buffer(&input, 3)),
            &mut failures,
        );
        if let Ok(text) = std::str::from_utf8(&input) {
            compare(
                &format!("{name} (parse_str)"),
                &input,
                &expected,
                &via_str(text),
                &mut failures,
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures over {} inputs:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Strict mode reports a header with nothing after it, which the default mode keeps as
/// an `unknown` system line.
#[test]
fn strict_mode_reports_headers_without_body() {
    let input = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid/header_no_body.txt"),
    )
    .expect("fixture readable");
    let mut options = ParseOptions::new();
    options.strict(true);
    let diagnostics: Vec<String> = options
        .parse_str(&input)
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        diagnostics,
        [
            r#"line 2: unrecognised system message: """#,
            r#"line 3: unrecognised system message: """#,
            r#"line 6: unrecognised system message: """#,
        ]
    );
}

/// A zip archive that happens to be UTF-8 (an empty archive is 22 ASCII bytes) is
/// recognised by `parse_str` too.
#[test]
fn an_empty_zip_archive_through_parse_str() {
    let empty_archive = "PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    let items: Vec<_> = whatsapp_export::parse_str(empty_archive).collect();
    assert_eq!(items.len(), 1);
    match &items[0] {
        Err(e @ Error::ZipArchive { span }) => {
            assert_eq!(
                (span.line, span.end_line, span.bytes.clone()),
                (1, 1, 0..22)
            );
            assert!(e.to_string().starts_with("line 1: a zip archive"), "{e}");
        }
        other => panic!("expected a zip archive diagnostic, got {other:?}"),
    }
}

/// A zip archive whose read fails midway: the diagnostic covers what was read, then
/// the I/O error ends the iteration.
#[test]
fn a_zip_archive_cut_by_an_io_error() {
    struct Failing(Vec<u8>);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Ok(n)
        }
    }
    let data = b"PK\x03\x04\x14\x00\n\x00\xff\n".to_vec();
    let reader = whatsapp_export::Reader::new(std::io::BufReader::new(Failing(data)));
    let items: Vec<String> = reader
        .into_messages()
        .map(|i| i.err().map(|e| e.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].starts_with("line 1-2: a zip archive"), "{items:?}");
    assert_eq!(items[1], "after line 2: I/O error: disk gone");
}
