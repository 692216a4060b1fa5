//! Throughput of both entry points (GitHub issue 5).
//!
//! > Criterion benchmarks with `Throughput::Bytes`: `parse_str` and `Reader` on 10 MB and
//! > 100 MB corpora, Android and iOS, each beside a memchr newline count of the same
//! > input in the same run as the reference; and pathological families scaled by size
//! > (one huge message, millions of continuation lines, millions of one-line messages)
//! > showing linear time.
//!
//! ```text
//! cargo bench --bench parse                 # everything (about 10 minutes)
//! cargo bench --bench parse -- 'android/'   # one family
//! ```
//!
//! Beside the memchr count, a second reference runs in the same process: the minimal
//! zero-copy parser of `benches/minimal.rs` (timestamps, authors and bodies only), the
//! price of the bare work on the machine at hand.
//!
//! Corpora come from the deterministic generator (`benches/corpus.rs`), built once per
//! process. Every benchmark consumes every item and checks, before it is measured, that
//! the parser finds exactly the generator's message count and no diagnostic: a
//! benchmark of a parser that lost messages would be meaningless. Messages are fully
//! classified when the iterator yields them, so consuming them measures everything.
//!
//! The `Reader` benchmarks read a temporary file through `BufReader<File>` with a
//! 64 KiB buffer (`READER_CAPACITY`), UTF-8 validation included; the file is in the page
//! cache after the first pass, so they measure the parser, not the disk. `reader_file`
//! takes each message from the iterator (an owned message, its text and author
//! allocated); `reader_file_reusing` reads every message into one
//! (`Reader::read_message_into`).

use std::fs::File;
use std::hint::black_box;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use whatsapp_export::{parse_str, OwnedMessage, Reader};

// The generator is shared with the examples and tests; only part of it is used here.
#[allow(dead_code)]
mod corpus;
mod minimal;

use corpus::Platform;

const MB: usize = 1_000_000;
/// The buffer of the `BufReader<File>` under [`Reader`]: 64 KiB, the size `wa2json`
/// uses.
const READER_CAPACITY: usize = 64 << 10;
const SEED: u64 = 42;

/// What a run of a parser found: messages and diagnostics.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    messages: u64,
    diagnostics: u64,
}

fn count<T, E>(items: impl Iterator<Item = Result<T, E>>) -> Counts {
    let mut counts = Counts {
        messages: 0,
        diagnostics: 0,
    };
    for item in items {
        match black_box(item) {
            Ok(_) => counts.messages += 1,
            Err(_) => counts.diagnostics += 1,
        }
    }
    counts
}

fn count_str(text: &str) -> Counts {
    count(parse_str(text))
}

fn count_file(path: &Path) -> Counts {
    let file = File::open(path).expect("open the benchmark corpus");
    count(Reader::new(BufReader::with_capacity(READER_CAPACITY, file)).into_messages())
}

/// `Reader::read_message_into` over the file: one message reused throughout.
fn count_file_reusing(path: &Path) -> Counts {
    let file = File::open(path).expect("open the benchmark corpus");
    let mut reader = Reader::new(BufReader::with_capacity(READER_CAPACITY, file));
    let mut message = OwnedMessage::default();
    let mut counts = Counts {
        messages: 0,
        diagnostics: 0,
    };
    loop {
        match reader.read_message_into(&mut message) {
            Ok(true) => {
                black_box(&message);
                counts.messages += 1;
            }
            Ok(false) => return counts,
            Err(e) => {
                black_box(e);
                counts.diagnostics += 1;
            }
        }
    }
}

fn count_bytes(bytes: &[u8]) -> Counts {
    count(Reader::new(bytes).into_messages())
}

/// The reference: a SIMD newline count over the same bytes.
fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// The second reference: the minimal parser of `benches/minimal.rs`, every message
/// consumed like ours.
fn count_minimal(text: &str) -> u64 {
    let mut messages = 0;
    for message in minimal::parse(text) {
        black_box(message);
        messages += 1;
    }
    messages
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!(
            "whatsapp-export-bench-{}-{name}.txt",
            std::process::id()
        ));
        let mut file = File::create(&path).expect("create a temporary corpus file");
        file.write_all(contents)
            .expect("write the temporary corpus file");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Settings for inputs of tens of megabytes: few samples, each of a few iterations.
fn configure_large(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
}

/// `parse_str`, `Reader` and the two references on generated exports.
fn corpora(c: &mut Criterion) {
    minimal::self_check();
    for (platform, name) in [(Platform::Android, "android"), (Platform::Ios, "ios")] {
        for size in [10 * MB, 100 * MB] {
            let corpus = corpus::generate(platform, size, SEED);
            let text = corpus.text.as_str();
            let expected = Counts {
                messages: corpus.messages,
                diagnostics: 0,
            };
            let label = format!("{}MB", size / MB);
            let file = TempFile::new(&format!("{name}-{label}"), text.as_bytes());
            assert_eq!(count_str(text), expected, "parse_str on {name} {label}");
            assert_eq!(count_file(&file.0), expected, "Reader on {name} {label}");
            assert_eq!(
                count_file_reusing(&file.0),
                expected,
                "Reader::read_message_into on {name} {label}"
            );
            assert_eq!(
                count_minimal(text),
                corpus.messages,
                "minimal parser on {name} {label}"
            );

            let mut group = c.benchmark_group(name);
            configure_large(&mut group);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("memchr_newlines", &label),
                text.as_bytes(),
                |b, bytes| b.iter(|| count_newlines(black_box(bytes))),
            );
            group.bench_with_input(
                BenchmarkId::new("minimal_parser", &label),
                text,
                |b, text| b.iter(|| count_minimal(black_box(text))),
            );
            group.bench_with_input(BenchmarkId::new("parse_str", &label), text, |b, text| {
                b.iter(|| count_str(black_box(text)))
            });
            group.bench_with_input(
                BenchmarkId::new("reader_file", &label),
                &file.0,
                |b, path| b.iter(|| count_file(path)),
            );
            group.bench_with_input(
                BenchmarkId::new("reader_file_reusing", &label),
                &file.0,
                |b, path| b.iter(|| count_file_reusing(path)),
            );
            group.finish();
        }
    }
}

const HEADER: &str = "12/10/2024, 18:32 - ";

/// One message whose single line is the whole input.
fn one_huge_message(size: usize) -> (String, u64) {
    let mut text = String::with_capacity(size + 64);
    text.push_str(HEADER);
    text.push_str("Léa: ");
    while text.len() < size {
        text.push_str("très long message sans retour à la ligne, ");
    }
    text.push('\n');
    (text, 1)
}

/// One message followed by continuation lines up to `size`.
fn continuation_lines(size: usize) -> (String, u64) {
    let mut text = String::with_capacity(size + 64);
    text.push_str(HEADER);
    text.push_str("Léa: début\n");
    let mut n: u32 = 0;
    while text.len() < size {
        // Short lines, some blank, some starting with a digit like a header would.
        match n % 4 {
            0 => text.push_str("suite du message\n"),
            1 => text.push('\n'),
            2 => text.push_str("3 œufs, 200 g de farine\n"),
            _ => text.push_str("- point de liste\n"),
        }
        n = n.wrapping_add(1);
    }
    (text, 1)
}

/// Short one-line messages up to `size`.
fn one_line_messages(size: usize) -> (String, u64) {
    let mut text = String::with_capacity(size + 64);
    let mut messages = 0;
    while text.len() < size {
        text.push_str(HEADER);
        text.push_str("Hugo: ok\n");
        messages += 1;
    }
    (text, messages)
}

/// Families of hostile shapes at growing sizes: time per byte must stay flat.
fn pathological(c: &mut Criterion) {
    type Family = fn(usize) -> (String, u64);
    let families: [(&str, Family); 3] = [
        ("one_huge_message", one_huge_message),
        ("continuation_lines", continuation_lines),
        ("one_line_messages", one_line_messages),
    ];
    for (name, make) in families {
        let mut group = c.benchmark_group(format!("pathological/{name}"));
        configure_large(&mut group);
        for size in [4 * MB, 16 * MB, 64 * MB] {
            let (text, messages) = make(size);
            let expected = Counts {
                messages,
                diagnostics: 0,
            };
            let label = format!("{}MB", size / MB);
            assert_eq!(count_str(&text), expected, "parse_str on {name} {label}");
            assert_eq!(
                count_bytes(text.as_bytes()),
                expected,
                "Reader on {name} {label}"
            );
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("parse_str", &label), &text, |b, text| {
                b.iter(|| count_str(black_box(text)))
            });
            group.bench_with_input(
                BenchmarkId::new("reader", &label),
                text.as_bytes(),
                |b, bytes| b.iter(|| count_bytes(black_box(bytes))),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, corpora, pathological);
criterion_main!(benches);
