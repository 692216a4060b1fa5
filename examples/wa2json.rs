//! Prints a WhatsApp export as JSON Lines, one object per message.
//!
//! ```text
//! wa2json [--profile] [--date-order day-first|month-first|year-first]
//!         [--platform android|ios] [--strict] [--no-repair] FILE
//! ```
//!
//! FILE may be `-` for standard input. Diagnostics go to standard error, one per line,
//! naming the file and the line. With `--profile`, one JSON object describing the
//! export is printed instead of the messages.
//!
//! Exit status: 0 when clean, 1 when there were diagnostics (the messages are still
//! printed), 2 when the input could not be read at all (missing file, I/O error, a zip
//! archive instead of its text) or the arguments are wrong. It never ends in a panic,
//! even when standard error is a closed pipe.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use whatsapp_export::{DateOrder, Error, ParseOptions, Platform};

/// `eprintln!` without its panic when standard error cannot be written (the exit
/// status still tells), and in one write: standard error is unbuffered, and a
/// diagnostic's `Display` is written in many pieces.
macro_rules! warn {
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        let _ = io::stderr().lock().write_all(line.as_bytes());
    }};
}

const USAGE: &str = "usage: wa2json [--profile] [--date-order day-first|month-first|year-first] \
                     [--platform android|ios] [--strict] [--no-repair] FILE (or - for stdin)";

struct Args {
    profile: bool,
    options: ParseOptions,
    file: String,
}

fn parse_args() -> Result<Args, String> {
    let mut profile = false;
    let mut options = ParseOptions::new();
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--profile" => profile = true,
            "--strict" => {
                options.strict(true);
            }
            "--no-repair" => {
                options.repair_encoding(false);
            }
            "--date-order" => {
                let order = match args.next().as_deref() {
                    Some("day-first") => DateOrder::DayFirst,
                    Some("month-first") => DateOrder::MonthFirst,
                    Some("year-first") => DateOrder::YearFirst,
                    other => return Err(format!("--date-order: unknown order {other:?}")),
                };
                options.date_order(order);
            }
            "--platform" => {
                let platform = match args.next().as_deref() {
                    Some("android") => Platform::Android,
                    Some("ios") => Platform::Ios,
                    other => return Err(format!("--platform: unknown platform {other:?}")),
                };
                options.platform(platform);
            }
            "-h" | "--help" => return Err(String::new()),
            _ if file.is_none() && (arg == "-" || !arg.starts_with('-')) => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let file = file.ok_or_else(|| "no FILE given".to_owned())?;
    Ok(Args {
        profile,
        options,
        file,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            if !why.is_empty() {
                warn!("wa2json: {why}");
            }
            warn!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn BufRead> = if args.file == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(&args.file) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                warn!("wa2json: {}: {e}", args.file);
                return ExitCode::from(2);
            }
        }
    };
    let name = if args.file == "-" {
        "<stdin>"
    } else {
        &args.file
    };
    match run(&args, name, input) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Diagnostics) => ExitCode::from(1),
        Ok(Outcome::Unreadable) => ExitCode::from(2),
        // Standard output closed (`wa2json … | head`): nothing more to do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            warn!("wa2json: writing output: {e}");
            ExitCode::from(2)
        }
    }
}

enum Outcome {
    Clean,
    Diagnostics,
    Unreadable,
}

fn run(args: &Args, name: &str, input: Box<dyn BufRead>) -> io::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut reader = args.options.reader(input);
    let mut outcome = Outcome::Clean;
    for item in reader.messages() {
        match item {
            Ok(message) => {
                if !args.profile {
                    serde_json::to_writer(&mut out, &message)?;
                    out.write_all(b"\n")?;
                }
            }
            // Nothing in it can be read: the whole input is this one diagnostic.
            Err(e @ (Error::Io { .. } | Error::ZipArchive { .. })) => {
                warn!("{name}: {e}");
                outcome = Outcome::Unreadable;
            }
            Err(e) => {
                warn!("{name}: {e}");
                if !matches!(outcome, Outcome::Unreadable) {
                    outcome = Outcome::Diagnostics;
                }
            }
        }
    }
    if args.profile {
        if let Some(profile) = reader.profile() {
            serde_json::to_writer(&mut out, &profile)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(outcome)
}
