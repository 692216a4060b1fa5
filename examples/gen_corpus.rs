//! Writes a deterministic French WhatsApp export of any size, for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --platform android|ios --size 100MB --seed 42 --out FILE
//! ```
//!
//! Prints the true number of records to stdout and also writes it to `FILE.count`.
//! Sizes take `KB`/`MB`/`GB` (powers of 1000) or `KiB`/`MiB`/`GiB` (powers of 1024);
//! a bare number is bytes.

// Only part of the generator is used here; the rest serves benches and tests.
#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;
use std::time::Instant;

use corpus::Platform;

const USAGE: &str =
    "usage: gen_corpus --platform android|ios --size SIZE[KB|MB|GB|KiB|MiB|GiB] [--seed N] --out FILE";

struct Options {
    platform: Platform,
    size: u64,
    seed: u64,
    out: String,
}

fn main() -> ExitCode {
    let options = match parse_options(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen_corpus: {}: {error}", options.out);
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> std::io::Result<()> {
    let started = Instant::now();
    let mut file = BufWriter::new(File::create(&options.out)?);
    let messages = corpus::write_corpus(&mut file, options.platform, options.size, options.seed)?;
    file.into_inner()
        .map_err(|error| error.into_error())?
        .sync_all()?;
    std::fs::write(format!("{}.count", options.out), format!("{messages}\n"))?;
    println!("{messages}");
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "gen_corpus: {} bytes, {messages} messages in {seconds:.2} s ({:.0} MB/s)",
        options.size,
        options.size as f64 / 1e6 / seconds.max(1e-9),
    );
    Ok(())
}

fn parse_options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut platform = None;
    let mut size = None;
    let mut seed = 42;
    let mut out = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--platform" => {
                platform = Some(match value()?.to_ascii_lowercase().as_str() {
                    "android" => Platform::Android,
                    "ios" => Platform::Ios,
                    other => return Err(format!("unknown platform {other:?}")),
                });
            }
            "--size" => size = Some(parse_size(&value()?)?),
            "--seed" => {
                let text = value()?;
                seed = text.parse().map_err(|_| format!("invalid seed {text:?}"))?;
            }
            "--out" => out = Some(value()?),
            "-h" | "--help" => return Err("help requested".to_string()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Options {
        platform: platform.ok_or("--platform is required")?,
        size: size.ok_or("--size is required")?,
        seed,
        out: out.ok_or("--out is required")?,
    })
}

/// `100MB` → 100 000 000, `1GiB` → 1 073 741 824, `512` → 512.
fn parse_size(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(format!("invalid size unit in {text:?}")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|number| number.checked_mul(multiplier))
        .ok_or_else(|| format!("invalid size {text:?}"))
}
