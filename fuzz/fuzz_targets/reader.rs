//! `Reader` on raw bytes (invalid UTF-8, NUL, lone CR...): no panic, spans tile the
//! input, a tiny buffer gives the same items; on UTF-8 input, `parse_str` agrees.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_everything(data);
});
