//! Content kinds (placeholder until the catalogue lands).

use std::borrow::Cow;

use serde::Serialize;

use crate::event::SystemEvent;

/// What a message is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Content<'a> {
    /// Text.
    Text,
    /// System line.
    System {
        /// The event.
        event: SystemEvent<'a>,
    },
    /// View once.
    ViewOnce,
}

impl Content<'_> {
    /// Owned.
    pub fn into_owned(self) -> Content<'static> {
        match self {
            Content::Text => Content::Text,
            Content::System { event } => Content::System {
                event: event.into_owned(),
            },
            Content::ViewOnce => Content::ViewOnce,
        }
    }
}

/// Analysed body.
pub struct Body<'a> {
    /// Kind.
    pub content: Content<'a>,
    /// Text.
    pub text: Option<Cow<'a, str>>,
    /// Edited.
    pub edited: bool,
    /// Mentions.
    pub mentions: Vec<Cow<'a, str>>,
}

/// Analyse a body.
pub fn analyse(body: Cow<'_, str>) -> Body<'_> {
    if body == "null" {
        return Body {
            content: Content::ViewOnce,
            text: None,
            edited: false,
            mentions: Vec::new(),
        };
    }
    let text = match body {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_start_matches('\u{200E}')),
        Cow::Owned(b) => Cow::Owned(b.trim_start_matches('\u{200E}').to_owned()),
    };
    Body {
        content: Content::Text,
        text: Some(text),
        edited: false,
        mentions: Vec::new(),
    }
}
