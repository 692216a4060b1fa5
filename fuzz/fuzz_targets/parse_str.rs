//! `parse_str` on every UTF-8 input: no panic, spans tile the input, and the result is
//! the `Reader`'s over the same bytes (with a whole and a tiny buffer).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|text: &str| {
    common::check_everything(text.as_bytes());
});
