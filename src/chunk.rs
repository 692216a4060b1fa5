//! Chunk wrapper (placeholder until the chunk module lands).

use serde::Serialize;

/// The chunk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chunk {
    /// Declared.
    pub declared: ChunkDeclared,
    /// Computed.
    pub computed: ChunkComputed,
}

/// Declared fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChunkDeclared {}

/// Computed fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChunkComputed {}

impl ChunkComputed {
    /// Observe.
    pub fn observe(&mut self, _t: chrono::NaiveDateTime, _a: Option<&str>, _s: bool) {}
}

/// Parse.
pub fn parse_wrapper(_preamble: &str) -> Option<ChunkDeclared> {
    None
}
