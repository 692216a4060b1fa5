//! Mojibake repair (placeholder until the encoding module lands).

use std::borrow::Cow;

use serde::Serialize;

/// A mis-decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EncodingRepair {
    /// Mac Roman.
    MacRoman,
    /// Windows-1252.
    #[serde(rename = "windows_1252")]
    Windows1252,
    /// ISO-8859-1.
    #[serde(rename = "iso_8859_1")]
    Iso8859_1,
}

/// Detect.
pub fn detect(_sample: &str) -> Option<EncodingRepair> {
    None
}

/// Repair.
pub fn repair(text: &str, _how: EncodingRepair) -> Cow<'_, str> {
    Cow::Borrowed(text)
}
