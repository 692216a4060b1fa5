//! The fixtures are the specification: every `fixtures/**/<case>.txt` with a
//! `<case>.json` beside it is parsed through `parse_str` and through `Reader` (its
//! iterator and `read_message_into`), and all
//! must give exactly the expected JSON (written by a person reading the export; see
//! `fixtures/README.md`). The spans of messages and diagnostics must tile the input.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use whatsapp_export::{parse_str, Error, Message, OwnedMessage, Profile, Reader, Span};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt")
            && path.with_extension("json").exists()
        {
            out.push(path);
        }
    }
}

/// Every fixture with an expected `.json`, under `fixtures/` but outside
/// `fixtures/invalid` (checked by `tests/invalid.rs`).
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.retain(|p| !p.starts_with(root.join("invalid")));
    files
}

/// What one parse gives, in the fixture's JSON form, plus the spans in order.
fn outcome<'a>(
    items: impl Iterator<Item = Result<Message<'a>, Error>>,
) -> (Vec<Value>, Vec<Value>, Vec<Span>) {
    let mut messages = Vec::new();
    let mut diagnostics = Vec::new();
    let mut spans = Vec::new();
    for item in items {
        match item {
            Ok(m) => {
                spans.push(m.span.clone());
                messages.push(serde_json::to_value(&m).expect("a message serializes"));
            }
            Err(e) => {
                if let Some(span) = e.span() {
                    spans.push(span.clone());
                }
                diagnostics.push(Value::String(e.to_string()));
            }
        }
    }
    (messages, diagnostics, spans)
}

/// A chunk wrapper's lines belong to the profile: they come first.
fn with_chunk(profile: &Profile, spans: &mut Vec<Span>) {
    if let Some(chunk) = &profile.chunk {
        spans.insert(
            0,
            Span {
                line: chunk.line,
                end_line: chunk.end_line,
                bytes: chunk.bytes.clone(),
            },
        );
    }
}

fn check_tiling(name: &str, input: &[u8], spans: &[Span], failures: &mut Vec<String>) {
    let mut at = 0;
    for span in spans {
        if span.bytes.start != at {
            failures.push(format!(
                "{name}: span {span:?} starts at byte {}, expected {at}",
                span.bytes.start
            ));
            return;
        }
        at = span.bytes.end;
    }
    if at != input.len() {
        failures.push(format!(
            "{name}: spans end at byte {at}, the input has {}",
            input.len()
        ));
    }
}

fn compare(name: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
    if expected == actual {
        return;
    }
    let mut report = format!("{name}: output differs from the expected JSON\n");
    for key in ["profile", "diagnostics"] {
        if expected[key] != actual[key] {
            report += &format!(
                "  {key}:\n    expected {}\n    actual   {}\n",
                expected[key], actual[key]
            );
        }
    }
    let (exp, act) = (
        expected["messages"].as_array().cloned().unwrap_or_default(),
        actual["messages"].as_array().cloned().unwrap_or_default(),
    );
    if exp.len() != act.len() {
        report += &format!("  {} messages expected, {} found\n", exp.len(), act.len());
    }
    for (i, (e, a)) in exp.iter().zip(&act).enumerate() {
        if e != a {
            report += &format!("  message {i}:\n    expected {e}\n    actual   {a}\n");
            break;
        }
    }
    failures.push(report);
}

#[test]
fn every_fixture_through_both_entry_points() {
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(path)
            .display()
            .to_string();
        let bytes = fs::read(path).expect("fixture readable");
        let expected: Value = serde_json::from_slice(
            &fs::read(path.with_extension("json")).expect("expected JSON readable"),
        )
        .unwrap_or_else(|e| panic!("{name}: expected JSON is not JSON: {e}"));

        // The streaming path over raw bytes.
        let mut reader = Reader::new(&bytes[..]);
        let (messages, diagnostics, mut spans) = outcome(reader.messages());
        let profile = reader.profile().expect("profile after reading");
        with_chunk(&profile, &mut spans);
        check_tiling(&format!("{name} (Reader)"), &bytes, &spans, &mut failures);
        let profile = serde_json::to_value(profile).expect("profile serializes");
        let from_reader =
            json!({"profile": profile, "messages": messages, "diagnostics": diagnostics});
        compare(
            &format!("{name} (Reader)"),
            &expected,
            &from_reader,
            &mut failures,
        );

        // The streaming path reusing one message: what it holds after each read must
        // be what the iterator gives.
        let mut reader = Reader::new(&bytes[..]);
        let mut message = OwnedMessage::default();
        let reused = std::iter::from_fn(|| match reader.read_message_into(&mut message) {
            Ok(true) => Some(Ok(message.clone())),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        });
        let (messages, diagnostics, _) = outcome(reused);
        let profile = serde_json::to_value(reader.profile().expect("profile after reading"))
            .expect("profile serializes");
        let from_reuse =
            json!({"profile": profile, "messages": messages, "diagnostics": diagnostics});
        compare(
            &format!("{name} (Reader::read_message_into)"),
            &expected,
            &from_reuse,
            &mut failures,
        );

        // The borrowed path, for every fixture that is UTF-8.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let mut parsed = parse_str(text);
            let (messages, diagnostics, mut spans) = outcome(&mut parsed);
            let profile = parsed.profile();
            with_chunk(&profile, &mut spans);
            check_tiling(
                &format!("{name} (parse_str)"),
                &bytes,
                &spans,
                &mut failures,
            );
            let profile = serde_json::to_value(profile).expect("profile serializes");
            let from_str =
                json!({"profile": profile, "messages": messages, "diagnostics": diagnostics});
            compare(
                &format!("{name} (parse_str)"),
                &expected,
                &from_str,
                &mut failures,
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
