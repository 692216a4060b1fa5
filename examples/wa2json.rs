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
//!
//! Parsing and JSON writing take about the same time, so they run on two threads: this
//! one parses and hands the items over in batches, in order, to a writer thread that
//! prints them (messages to standard output, diagnostics to standard error) exactly as
//! one thread would, and stops at the same point when the output is closed. The batches
//! in flight are bounded, so memory stays constant whatever the input's size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, StdoutLock, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

use whatsapp_export::{DateOrder, Error, OwnedMessage, ParseOptions, Platform};

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
    let result = if args.file == "-" {
        run(&args, "<stdin>", io::stdin().lock())
    } else {
        match File::open(&args.file) {
            Ok(f) => run(&args, &args.file, BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                warn!("wa2json: {}: {e}", args.file);
                return ExitCode::from(2);
            }
        }
    };
    match result {
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

/// What the reader yields, in order.
type Item = Result<OwnedMessage, Error>;

/// A batch is handed over when it holds this many items...
const BATCH_ITEMS: usize = 1024;
/// ...or this many bytes of input, so that a batch of huge messages stays small.
const BATCH_INPUT_BYTES: usize = 1 << 20;
/// Batches parsed and not yet written: enough to absorb the jitter of either thread.
const BATCHES_IN_FLIGHT: usize = 4;

fn run<R: BufRead>(args: &Args, name: &str, input: R) -> io::Result<Outcome> {
    let mut reader = args.options.reader(input);
    if args.profile {
        // Only diagnostics are printed before the profile: nothing worth a thread.
        let mut printer = Printer::new(name, false);
        for item in reader.messages() {
            printer.print(&item)?;
        }
        if let Some(profile) = reader.profile() {
            serde_json::to_writer(&mut printer.out, &profile)?;
            printer.out.write_all(b"\n")?;
        }
        return printer.finish();
    }
    thread::scope(|scope| {
        let (batches, to_write) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
        let (give_back, written) = mpsc::channel();
        let writer = thread::Builder::new()
            .name("wa2json writer".to_owned())
            .spawn_scoped(scope, move || write_batches(name, to_write, give_back));
        let Ok(writer) = writer else {
            // No second thread to be had: do it all here.
            let mut printer = Printer::new(name, true);
            for item in reader.messages() {
                printer.print(&item)?;
            }
            return printer.finish();
        };
        read_batches(reader.messages(), batches, written);
        writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread stopped unexpectedly")))
    })
}

/// Parses, and sends the items in batches to the writer. Stops early if the writer
/// has stopped (output closed). The batches it gets back are emptied here, so that
/// messages are freed by the thread that allocated them, and their room reused.
fn read_batches(
    items: impl Iterator<Item = Item>,
    batches: SyncSender<Vec<Item>>,
    written: Receiver<Vec<Item>>,
) {
    let new_batch = |written: &Receiver<Vec<Item>>| match written.try_recv() {
        Ok(mut spent) => {
            spent.clear();
            spent
        }
        Err(_) => Vec::with_capacity(BATCH_ITEMS),
    };
    let mut batch = new_batch(&written);
    let mut input_bytes = 0;
    for item in items {
        input_bytes += match &item {
            Ok(message) => message.span.bytes.len(),
            Err(e) => e.span().map_or(0, |span| span.bytes.len()),
        };
        batch.push(item);
        if batch.len() == BATCH_ITEMS || input_bytes >= BATCH_INPUT_BYTES {
            if batches.send(batch).is_err() {
                // The writer has stopped: what it says is in its result.
                return;
            }
            batch = new_batch(&written);
            input_bytes = 0;
        }
    }
    if !batch.is_empty() {
        // An error here means the writer has stopped: its result tells why.
        let _ = batches.send(batch);
    }
}

/// Prints the batches in order, gives each back once written, and ends when the
/// parsing thread has sent its last batch, or at the first write error.
fn write_batches(
    name: &str,
    batches: Receiver<Vec<Item>>,
    give_back: Sender<Vec<Item>>,
) -> io::Result<Outcome> {
    let mut printer = Printer::new(name, true);
    for batch in batches {
        for item in &batch {
            printer.print(item)?;
        }
        // The parsing thread may have finished: then the batch is simply dropped here.
        let _ = give_back.send(batch);
    }
    printer.finish()
}

/// Prints items as they come: messages as JSON Lines, diagnostics to standard error,
/// and keeps the exit outcome.
struct Printer<'n> {
    name: &'n str,
    print_messages: bool,
    out: BufWriter<StdoutLock<'static>>,
    outcome: Outcome,
}

impl<'n> Printer<'n> {
    fn new(name: &'n str, print_messages: bool) -> Self {
        Printer {
            name,
            print_messages,
            out: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
            outcome: Outcome::Clean,
        }
    }

    fn print(&mut self, item: &Item) -> io::Result<()> {
        match item {
            Ok(message) => {
                if self.print_messages {
                    serde_json::to_writer(&mut self.out, message)?;
                    self.out.write_all(b"\n")?;
                }
            }
            // Nothing in it can be read: the whole input is this one diagnostic.
            Err(e @ (Error::Io { .. } | Error::ZipArchive { .. })) => {
                warn!("{}: {e}", self.name);
                self.outcome = Outcome::Unreadable;
            }
            Err(e) => {
                warn!("{}: {e}", self.name);
                if !matches!(self.outcome, Outcome::Unreadable) {
                    self.outcome = Outcome::Diagnostics;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<Outcome> {
        self.out.flush()?;
        Ok(self.outcome)
    }
}
