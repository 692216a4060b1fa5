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
//! one thread would, flushing at the same points, and stops at the same point when the
//! output is closed. When the writer falls behind, the parsing thread writes the JSON
//! of a batch itself. The batches in flight are bounded, so memory stays constant
//! whatever the input's size.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, StdoutLock, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TrySendError};
use std::thread;

use whatsapp_export::{DateOrder, Error, OwnedMessage, ParseOptions, Platform, Reader};

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
/// ...or this many bytes of input, so that a batch of long messages stays small.
const BATCH_INPUT_BYTES: usize = 256 << 10;
/// Batches waiting for the writer: enough to absorb the jitter of either thread, few
/// enough that the messages in flight stay in cache and the allocator reuses their
/// room quickly (the parsing thread writes JSON rather than wait for a place).
const BATCHES_IN_FLIGHT: usize = 2;
/// Input bytes parsed and not yet written, beyond which parsing waits for the writer:
/// a message takes about its input's size in memory, so the memory held in batches
/// stays bounded by this, plus one message, however long the messages are.
const MAX_BYTES_IN_FLIGHT: usize = 1 << 20;

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
        let mut feeder = Feeder {
            batches,
            written,
            bytes_in_flight: 0,
            spare: Vec::new(),
        };
        feeder.feed(&mut reader);
        // The writer ends once it has the last batch (the feeder's end drops the sender).
        drop(feeder);
        writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread stopped unexpectedly")))
    })
}

/// The room of a text or author is kept for the next message read into its slot up to
/// this size: enough for nearly every message, and the memory kept stays bounded.
const MAX_KEPT_TEXT: usize = 1 << 10;

/// Messages and diagnostics in input order, with the messages' JSON Lines when the
/// parsing side wrote them.
struct Batch {
    /// Message slots: the first `len` are this batch's messages; all keep the memory of
    /// their text and author for the next messages read into them.
    messages: Vec<OwnedMessage>,
    len: usize,
    /// The diagnostics, each after the number of messages it follows in the batch.
    diagnostics: Vec<(usize, Error)>,
    /// The JSON Lines of the messages, one after another, or nothing...
    json: Vec<u8>,
    /// ...and where each line ends in `json`.
    line_ends: Vec<usize>,
    /// The input bytes of the messages and diagnostics.
    input_bytes: usize,
}

impl Batch {
    fn new() -> Self {
        Batch {
            messages: Vec::with_capacity(BATCH_ITEMS),
            len: 0,
            diagnostics: Vec::new(),
            json: Vec::new(),
            line_ends: Vec::new(),
            input_bytes: 0,
        }
    }

    /// Reads the next item into the batch: false at the end of the input.
    fn read<R: BufRead>(&mut self, reader: &mut Reader<R>) -> bool {
        if self.len == self.messages.len() {
            self.messages.push(OwnedMessage::default());
        }
        let slot = &mut self.messages[self.len];
        match reader.read_message_into(slot) {
            Ok(true) => {
                self.input_bytes += slot.span.bytes.len();
                self.len += 1;
                true
            }
            Ok(false) => false,
            Err(e) => {
                self.input_bytes += e.span().map_or(0, |span| span.bytes.len());
                self.diagnostics.push((self.len, e));
                true
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0 && self.diagnostics.is_empty()
    }

    fn is_full(&self) -> bool {
        self.len + self.diagnostics.len() >= BATCH_ITEMS || self.input_bytes >= BATCH_INPUT_BYTES
    }

    /// Writes the JSON Line of each message, exactly as the writer would print it. Not
    /// done when the batch holds a diagnostic (printed in its place by the writer) or
    /// long messages (the writer streams those).
    fn write_json(&mut self) {
        if self.input_bytes > 2 * BATCH_INPUT_BYTES || !self.diagnostics.is_empty() {
            return;
        }
        for message in &self.messages[..self.len] {
            if serde_json::to_writer(&mut self.json, message).is_err() {
                // Left to the writer, which meets the error in its place.
                self.json.clear();
                self.line_ends.clear();
                return;
            }
            self.json.push(b'\n');
            self.line_ends.push(self.json.len());
        }
    }

    /// The JSON Line of the `index`-th message, if [`write_json`](Self::write_json) wrote it.
    fn json_line(&self, index: usize) -> Option<&[u8]> {
        if self.line_ends.len() != self.len {
            return None;
        }
        let start = match index {
            0 => 0,
            _ => self.line_ends[index - 1],
        };
        self.json.get(start..self.line_ends[index])
    }

    /// Empty again, keeping its room unless a long message made it large.
    fn clear(&mut self) {
        for message in &mut self.messages[..self.len] {
            if cow_capacity(&message.text) > MAX_KEPT_TEXT
                || cow_capacity(&message.author) > MAX_KEPT_TEXT
            {
                *message = OwnedMessage::default();
            }
        }
        self.len = 0;
        self.diagnostics.clear();
        self.json.clear();
        self.line_ends.clear();
        self.input_bytes = 0;
        if self.json.capacity() > 4 * BATCH_INPUT_BYTES {
            self.json = Vec::new();
        }
    }
}

/// The room a text holds.
fn cow_capacity(text: &Option<Cow<'static, str>>) -> usize {
    match text {
        Some(Cow::Owned(text)) => text.capacity(),
        _ => 0,
    }
}

/// The parsing side: reads the items in batches for the writer, into the message slots
/// of the batches it gets back, so that the memory of texts is reused and freed by the
/// thread that allocated it. When the writer is behind, it writes the batch's JSON
/// Lines itself, so the two threads share the work whichever is the faster.
struct Feeder {
    batches: SyncSender<Batch>,
    written: Receiver<Batch>,
    /// Input bytes of the batches sent and not given back yet.
    bytes_in_flight: usize,
    /// Emptied batches, for the next items.
    spare: Vec<Batch>,
}

impl Feeder {
    /// Sends every item, in order; stops early if the writer has stopped (output
    /// closed, write error: its result says which).
    fn feed<R: BufRead>(&mut self, reader: &mut Reader<R>) {
        let mut batch = self.new_batch();
        while batch.read(reader) {
            if batch.is_full() {
                if !self.send(batch) {
                    return;
                }
                batch = self.new_batch();
            }
        }
        if !batch.is_empty() {
            self.send(batch);
        }
    }

    /// Hands a batch to the writer, then waits for written batches while too much is
    /// in flight. False when the writer has stopped.
    fn send(&mut self, batch: Batch) -> bool {
        let input_bytes = batch.input_bytes;
        let sent = match self.batches.try_send(batch) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(mut batch)) => {
                // The writer has batches waiting: better write this one's JSON here
                // than wait.
                batch.write_json();
                self.batches.send(batch).map_err(drop)
            }
            Err(TrySendError::Disconnected(_)) => Err(()),
        };
        if sent.is_err() {
            return false;
        }
        self.bytes_in_flight += input_bytes;
        while self.bytes_in_flight >= MAX_BYTES_IN_FLIGHT {
            match self.written.recv() {
                Ok(done) => self.take_back(done),
                Err(_) => return false,
            }
        }
        true
    }

    /// An empty batch: one given back if there is one, else a new one.
    fn new_batch(&mut self) -> Batch {
        while let Ok(done) = self.written.try_recv() {
            self.take_back(done);
        }
        self.spare.pop().unwrap_or_else(Batch::new)
    }

    fn take_back(&mut self, mut done: Batch) {
        self.bytes_in_flight -= done.input_bytes;
        done.clear();
        self.spare.push(done);
    }
}

/// Prints the batches in order, gives each back once written, and ends when the
/// parsing side has sent its last batch, or at the first write error.
fn write_batches(
    name: &str,
    batches: Receiver<Batch>,
    give_back: Sender<Batch>,
) -> io::Result<Outcome> {
    let mut printer = Printer::new(name, true);
    for batch in batches {
        let mut diagnostics = batch.diagnostics.iter().peekable();
        for (index, message) in batch.messages[..batch.len].iter().enumerate() {
            while let Some((_, e)) = diagnostics.next_if(|(before, _)| *before == index) {
                printer.print_diagnostic(e);
            }
            match batch.json_line(index) {
                Some(line) => printer.print_json_line(message, line)?,
                None => printer.print_message(message)?,
            }
        }
        for (_, e) in diagnostics {
            printer.print_diagnostic(e);
        }
        // Once the parsing side has finished, the batch is simply dropped here.
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
            Ok(message) => self.print_message(message),
            Err(e) => {
                self.print_diagnostic(e);
                Ok(())
            }
        }
    }

    fn print_message(&mut self, message: &OwnedMessage) -> io::Result<()> {
        if self.print_messages {
            serde_json::to_writer(&mut self.out, message)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn print_diagnostic(&mut self, e: &Error) {
        warn!("{}: {e}", self.name);
        match e {
            // Nothing in it can be read: the whole input is this one diagnostic.
            Error::Io { .. } | Error::ZipArchive { .. } => self.outcome = Outcome::Unreadable,
            _ => {
                if !matches!(self.outcome, Outcome::Unreadable) {
                    self.outcome = Outcome::Diagnostics;
                }
            }
        }
    }

    /// Prints a message whose JSON Line the parsing side wrote. The line is copied
    /// whole only when the output buffer takes it without being flushed; else the
    /// message is serialized here, piece by piece as ever, so that the buffer is
    /// flushed at the same points and diagnostics (unbuffered) come at the same places
    /// among the messages when both outputs go to one file.
    fn print_json_line(&mut self, message: &OwnedMessage, line: &[u8]) -> io::Result<()> {
        let spare = self.out.capacity() - self.out.buffer().len();
        if self.print_messages && line.len() <= spare && line.len() < self.out.capacity() {
            self.out.write_all(line)
        } else {
            self.print_message(message)
        }
    }

    fn finish(mut self) -> io::Result<Outcome> {
        self.out.flush()?;
        Ok(self.outcome)
    }
}
