#![deny(missing_docs)]
//! Typed French catalogue (worktree build only; the core replaces this file).
pub mod content;
pub mod event;
mod phrase;
