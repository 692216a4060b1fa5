//! WhatsApp chat exports into typed messages (skeleton; the core lands next).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod chunk;
pub mod encoding;
