//! System events (placeholder until the catalogue lands: every system line is
//! `unknown`).

use std::borrow::Cow;

use serde::Serialize;

/// A person named in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party<'a> {
    /// The exporter.
    You,
    /// Someone else.
    Name(Cow<'a, str>),
}

/// A system event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SystemEvent<'a> {
    /// Not recognised.
    Unknown {
        /// The sentence.
        text: Cow<'a, str>,
    },
}

impl SystemEvent<'_> {
    /// Owned.
    pub fn into_owned(self) -> SystemEvent<'static> {
        match self {
            SystemEvent::Unknown { text } => SystemEvent::Unknown {
                text: Cow::Owned(text.into_owned()),
            },
        }
    }

    /// JSON type.
    pub fn type_name(&self) -> &'static str {
        "unknown"
    }
}

/// Recognise a sentence.
pub fn recognize(_sentence: &str) -> Option<SystemEvent<'_>> {
    None
}
