//! Parse the text files WhatsApp writes with "Exporter la discussion" into typed
//! messages: French locale first, Android and iOS, every era of the format.
//!
//! # Overview
//!
//! - [`parse_str`] parses an export held in memory and borrows every message from it
//!   (zero-copy).
//! - [`Reader`] parses any [`BufRead`](std::io::BufRead) in constant memory and yields
//!   owned messages; [`Reader::messages`] and [`Reader::into_messages`] iterate, and
//!   [`Reader::read_message_into`] reads each message into the same one, reusing its
//!   memory (the fastest way through a large file).
//! - [`ParseOptions`] is for callers who know their format (platform, date order,
//!   strict mode, encoding repair).
//! - Each [`Message`] has its [`Span`] (lines and bytes), a naive local
//!   `timestamp`, its author, its exact text and a typed [`Content`]: text, a
//!   [`SystemEvent`], an attachment... [`Profile`] tells what the export looked like.
//!
//! Both paths share one pure core and give the same messages.
//!
//! # Example
//!
//! ```
//! use whatsapp_export::{parse_str, Content};
//!
//! let data = "\
//! 12/10/2024, 18:32 - \u{200E}+33 6 39 98 00 01 a rejoint ce groupe grâce à son lien d’invitation
//! 12/10/2024, 18:33 - Rochane: Bienvenue !
//! Les règles sont épinglées : lis-les 🙂
//! ";
//! let mut messages = parse_str(data);
//! let joined = messages.next().unwrap()?;
//! assert!(joined.is_system());
//! assert_eq!(joined.author(), None);
//!
//! let welcome = messages.next().unwrap()?;
//! assert_eq!(welcome.author(), Some("Rochane"));
//! assert_eq!(welcome.text(), "Bienvenue !\nLes règles sont épinglées : lis-les 🙂");
//! assert_eq!((welcome.span.line, welcome.span.end_line), (2, 3));
//! assert_eq!(welcome.timestamp.to_string(), "2024-10-12 18:33:00");
//! assert!(matches!(welcome.content, Content::Text));
//! assert!(messages.next().is_none());
//! assert_eq!(messages.profile().layout.as_deref(), Some("DD/MM/YYYY, HH:MM - "));
//! # Ok::<(), whatsapp_export::Error>(())
//! ```
//!
//! # Formats supported
//!
//! The header layout is detected per file from its first lines, then locked: a line of
//! another layout inside a message is body text.
//!
//! | layout | platform |
//! |---|---|
//! | `12/10/2024, 18:32 - ` | Android, current |
//! | `26/09/2019 à 22:39 - ` | Android, until about 2019 |
//! | `12/03/2025 08:59 - ` | Android, intermediate |
//! | `[15/08/2024 14:20:56] `, `[15/08/2024, 14:20:56] ` | iOS |
//! | `03/12/2016 17:56:59: ` | iOS, 2016 |
//! | `[01.12.19 09:37:48] ` | iOS, Swiss (two-digit years) |
//! | `[3/27/22 9:41:55 PM] ` | 12-hour clocks, AM/PM after a space, U+00A0 or U+202F |
//! | `2024-10-12, 18 h 32 - ` | year-first dates |
//!
//! The day/month order comes from the data (a number above 12, else the order that
//! keeps dates in sequence), never from the language; [`Profile::date_order`] says
//! `ambiguous` when the data cannot decide. Line endings may be LF, CRLF, CR or mixed;
//! a BOM is skipped.
//!
//! # Error handling
//!
//! Nothing is dropped: every line belongs to one message or to one diagnostic
//! ([`Error`]), yielded in place as an `Err` with its [`Span`] and raw text, after which
//! parsing goes on. Only an I/O error ends the iteration.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod chunk;
pub mod content;
pub mod encoding;
mod engine;
mod error;
pub mod event;
mod header;
mod message;
mod options;
mod parser;
mod phrase;
mod profile;
mod reader;
mod timestamp;

pub use content::Content;
pub use error::Error;
pub use event::{Party, SystemEvent};
pub use message::{Message, OwnedMessage, Span};
pub use options::ParseOptions;
pub use parser::{parse_str, Messages};
pub use profile::{Clock, LineEndings, Platform, Profile};
pub use reader::{MessagesIntoIter, MessagesIter, Reader};
pub use timestamp::{DateOrder, DateOrderEvidence};

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
