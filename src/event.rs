//! System events: the sentences WhatsApp itself writes into a French chat.
//!
//! Format reference, section 4: Android writes them without an author
//! (`12/10/2024, 18:32 - <LRM>Sentence`, no LRM before 2024), iOS attributes them
//! (`[15/08/2024 14:20:56] Name: <LRM>Sentence`). The same event has several
//! wordings across platforms and eras (`%1 a modifié le sujet en "%2"` on old
//! Android, `%1 a remplacé le sujet par "%2".` on iOS), with `'` or `’`, with
//! `"…"`, `“…”` or `« … »`, and with inclusive forms (`ajouté·e`, `parti(e)`).
//!
//! The wordings are data: `CATALOGUE` holds one line per wording (kind, where it
//! was seen, pattern), matched against a folded copy of the sentence (see
//! `phrase`). Every pattern is anchored at both ends, so a person's own
//! sentence that merely *contains* a wording is never taken for an event.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Serialize;

use crate::phrase::{
    bytes_equal, eight_bytes, find_byte, holds_either, with_folded, without_marks, Edge, Folded,
    Found, Groups, Template, EDGE_KEY, MAX_GROUPS,
};

/// A person named in an event: the exporter ("Vous", "vous") or someone else.
///
/// In JSON: `"you"` or `{"name": "Alice"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party<'a> {
    /// The person who exported the chat ("Vous avez…", "… vous a ajouté").
    You,
    /// Anyone else, by display name or phone number, invisible marks and the
    /// non-contact prefix `~` + U+202F removed.
    Name(Cow<'a, str>),
}

impl Party<'_> {
    /// The same party, owning its name.
    pub fn into_owned(self) -> Party<'static> {
        match self {
            Party::You => Party::You,
            Party::Name(name) => Party::Name(owned(name)),
        }
    }
}

/// What a system sentence states.
///
/// In JSON: `{"type": "<kind>", ...}` with the kind names of the format reference,
/// fields present only where the sentence gives them. A `_you` kind of the reference
/// is its base kind with [`Party::You`] as actor or member.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SystemEvent<'a> {
    /// "Les messages et les appels sont chiffrés de bout en bout…" and its older wordings.
    EncryptionNotice,
    /// "Votre code de sécurité avec %1 a changé." / "Le code de sécurité de %1 a changé."
    SecurityCodeChanged {
        /// The contact whose security code changed.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// `all_participants` or `device_logged_out` for those wordings.
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// "%1 a créé le groupe “%2”".
    GroupCreated {
        /// Who created the group, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// The group's name as written between the quotes.
        group_name: Cow<'a, str>,
    },
    /// "%1 a ajouté %2", "%1 vous a ajouté·e", "Vous avez été ajouté(e)".
    MemberAdded {
        /// Who added, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// Who was added ("X a ajouté A, B et C" gives three).
        members: Vec<Party<'a>>,
    },
    /// "%1 a retiré %2", "%1 vous a retiré·e", "%1 a été retiré·e".
    MemberRemoved {
        /// Who removed, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// Who was removed.
        members: Vec<Party<'a>>,
    },
    /// "%1 est parti·e", "Vous êtes parti·e".
    MemberLeft {
        /// Who left.
        actor: Party<'a>,
    },
    /// "%1 a rejoint ce groupe grâce à son lien d’invitation".
    MemberJoinedViaLink {
        /// Who joined.
        actor: Party<'a>,
    },
    /// "%1 a rejoint le groupe" (with `from_community` / `your_invitation` variants).
    MemberJoined {
        /// Who joined.
        actor: Party<'a>,
        /// `from_community` or `your_invitation` for those wordings.
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// "%1 a demandé à rejoindre le groupe."
    JoinRequest {
        /// Who asked.
        actor: Party<'a>,
    },
    /// "Vous êtes désormais admin".
    AdminPromoted {
        /// Who became an admin.
        members: Vec<Party<'a>>,
    },
    /// "Vous n'êtes plus admin".
    AdminDemoted {
        /// Who is no longer an admin.
        members: Vec<Party<'a>>,
    },
    /// "%1 a modifié le sujet “%2” en “%3”", "%1 a remplacé le sujet par "%2"."
    GroupSubjectChanged {
        /// Who changed it, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// The previous subject, when the sentence gives it.
        #[serde(skip_serializing_if = "Option::is_none")]
        old_subject: Option<Cow<'a, str>>,
        /// The new subject.
        subject: Cow<'a, str>,
    },
    /// "%1 a changé la description du groupe".
    GroupDescriptionChanged {
        /// Who changed it, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
    },
    /// "%1 a changé l'icône de ce groupe".
    GroupIconChanged {
        /// Who changed it.
        actor: Party<'a>,
    },
    /// "%1 a supprimé l'icône de ce groupe".
    GroupIconRemoved {
        /// Who removed it.
        actor: Party<'a>,
    },
    /// "%1 a changé les réglages de ce groupe de façon à ce que…".
    GroupSettingsChanged {
        /// Who changed them.
        actor: Party<'a>,
        /// Which setting: `only_admins_edit_info`, `only_admins_send`, `all_members_add`…
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// "%1 a activé l’approbation de l’admin pour rejoindre ce groupe."
    AdminApprovalEnabled {
        /// Who enabled it.
        actor: Party<'a>,
    },
    /// "%1 a désactivé l’approbation de l’admin pour rejoindre ce groupe."
    AdminApprovalDisabled {
        /// Who disabled it.
        actor: Party<'a>,
    },
    /// "%1 a réinitialisé le lien d'invitation à ce groupe."
    InviteLinkReset {
        /// Who reset it.
        actor: Party<'a>,
    },
    /// The reference's `community_*` kinds.
    CommunityEvent {
        /// `group_added`, `community_created` or `added_to_community`.
        subtype: &'static str,
        /// Who did it, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// Who was added, for `added_to_community`.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        members: Vec<Party<'a>>,
        /// The community's name, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        community: Option<Cow<'a, str>>,
    },
    /// "%1 a épinglé un message" (wording unverified).
    MessagePinned {
        /// Who pinned it.
        actor: Party<'a>,
    },
    /// "%1 a changé de numéro de téléphone." / "Le numéro de %1 est passé du %2 au %3."
    PhoneNumberChanged {
        /// Whose number changed, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// The previous number, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        old_number: Option<Cow<'a, str>>,
        /// The new number, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        new_number: Option<Cow<'a, str>>,
    },
    /// "%1 a activé les messages éphémères. … %2 jours après avoir été envoyés."
    DisappearingMessagesOn {
        /// Who turned them on.
        actor: Party<'a>,
        /// The duration as written: `"7\u{A0}jours"` keeps its no-break space.
        #[serde(skip_serializing_if = "Option::is_none")]
        duration: Option<Cow<'a, str>>,
    },
    /// "%1 a désactivé les messages éphémères."
    DisappearingMessagesOff {
        /// Who turned them off.
        actor: Party<'a>,
    },
    /// "%1 a mis à jour le délai avant disparition."
    DisappearingTimerUpdated {
        /// Who changed it.
        actor: Party<'a>,
    },
    /// "Vous utilisez une durée des messages éphémères par défaut…"
    DefaultTimerNotice {
        /// The duration, when the sentence gives it.
        #[serde(skip_serializing_if = "Option::is_none")]
        duration: Option<Cow<'a, str>>,
    },
    /// "Vous avez bloqué ce contact" / "… cette entreprise".
    ContactBlocked {
        /// `business` for "cette entreprise".
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// "Vous avez débloqué ce contact" / "… cette entreprise".
    ContactUnblocked {
        /// `business` for "cette entreprise".
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// Notices about business accounts.
    BusinessNotice {
        /// The account concerned, when named.
        #[serde(skip_serializing_if = "Option::is_none")]
        actor: Option<Party<'a>>,
        /// `meta_hosted` or `business_account`.
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// "Appel vocal manqué" (iOS attributes it to the caller).
    MissedVoiceCall,
    /// "Appel vidéo manqué".
    MissedVideoCall,
    /// "Appel vocal de groupe manqué".
    MissedGroupCall {
        /// `video` for "Appel vidéo de groupe manqué".
        #[serde(skip_serializing_if = "Option::is_none")]
        subtype: Option<&'static str>,
    },
    /// A system line no catalogue entry recognises.
    Unknown {
        /// The sentence as exported, leading invisible marks removed.
        text: Cow<'a, str>,
    },
}

impl SystemEvent<'_> {
    /// The JSON `"type"` of this event.
    pub fn type_name(&self) -> &'static str {
        match self {
            SystemEvent::EncryptionNotice => "encryption_notice",
            SystemEvent::SecurityCodeChanged { .. } => "security_code_changed",
            SystemEvent::GroupCreated { .. } => "group_created",
            SystemEvent::MemberAdded { .. } => "member_added",
            SystemEvent::MemberRemoved { .. } => "member_removed",
            SystemEvent::MemberLeft { .. } => "member_left",
            SystemEvent::MemberJoinedViaLink { .. } => "member_joined_via_link",
            SystemEvent::MemberJoined { .. } => "member_joined",
            SystemEvent::JoinRequest { .. } => "join_request",
            SystemEvent::AdminPromoted { .. } => "admin_promoted",
            SystemEvent::AdminDemoted { .. } => "admin_demoted",
            SystemEvent::GroupSubjectChanged { .. } => "group_subject_changed",
            SystemEvent::GroupDescriptionChanged { .. } => "group_description_changed",
            SystemEvent::GroupIconChanged { .. } => "group_icon_changed",
            SystemEvent::GroupIconRemoved { .. } => "group_icon_removed",
            SystemEvent::GroupSettingsChanged { .. } => "group_settings_changed",
            SystemEvent::AdminApprovalEnabled { .. } => "admin_approval_enabled",
            SystemEvent::AdminApprovalDisabled { .. } => "admin_approval_disabled",
            SystemEvent::InviteLinkReset { .. } => "invite_link_reset",
            SystemEvent::CommunityEvent { .. } => "community_event",
            SystemEvent::MessagePinned { .. } => "message_pinned",
            SystemEvent::PhoneNumberChanged { .. } => "phone_number_changed",
            SystemEvent::DisappearingMessagesOn { .. } => "disappearing_messages_on",
            SystemEvent::DisappearingMessagesOff { .. } => "disappearing_messages_off",
            SystemEvent::DisappearingTimerUpdated { .. } => "disappearing_timer_updated",
            SystemEvent::DefaultTimerNotice { .. } => "default_timer_notice",
            SystemEvent::ContactBlocked { .. } => "contact_blocked",
            SystemEvent::ContactUnblocked { .. } => "contact_unblocked",
            SystemEvent::BusinessNotice { .. } => "business_notice",
            SystemEvent::MissedVoiceCall => "missed_voice_call",
            SystemEvent::MissedVideoCall => "missed_video_call",
            SystemEvent::MissedGroupCall { .. } => "missed_group_call",
            SystemEvent::Unknown { .. } => "unknown",
        }
    }

    /// The same event, owning every string.
    pub fn into_owned(self) -> SystemEvent<'static> {
        use SystemEvent as E;
        match self {
            E::EncryptionNotice => E::EncryptionNotice,
            E::SecurityCodeChanged { actor, subtype } => E::SecurityCodeChanged {
                actor: actor.map(Party::into_owned),
                subtype,
            },
            E::GroupCreated { actor, group_name } => E::GroupCreated {
                actor: actor.map(Party::into_owned),
                group_name: owned(group_name),
            },
            E::MemberAdded { actor, members } => E::MemberAdded {
                actor: actor.map(Party::into_owned),
                members: owned_parties(members),
            },
            E::MemberRemoved { actor, members } => E::MemberRemoved {
                actor: actor.map(Party::into_owned),
                members: owned_parties(members),
            },
            E::MemberLeft { actor } => E::MemberLeft {
                actor: actor.into_owned(),
            },
            E::MemberJoinedViaLink { actor } => E::MemberJoinedViaLink {
                actor: actor.into_owned(),
            },
            E::MemberJoined { actor, subtype } => E::MemberJoined {
                actor: actor.into_owned(),
                subtype,
            },
            E::JoinRequest { actor } => E::JoinRequest {
                actor: actor.into_owned(),
            },
            E::AdminPromoted { members } => E::AdminPromoted {
                members: owned_parties(members),
            },
            E::AdminDemoted { members } => E::AdminDemoted {
                members: owned_parties(members),
            },
            E::GroupSubjectChanged {
                actor,
                old_subject,
                subject,
            } => E::GroupSubjectChanged {
                actor: actor.map(Party::into_owned),
                old_subject: old_subject.map(owned),
                subject: owned(subject),
            },
            E::GroupDescriptionChanged { actor } => E::GroupDescriptionChanged {
                actor: actor.map(Party::into_owned),
            },
            E::GroupIconChanged { actor } => E::GroupIconChanged {
                actor: actor.into_owned(),
            },
            E::GroupIconRemoved { actor } => E::GroupIconRemoved {
                actor: actor.into_owned(),
            },
            E::GroupSettingsChanged { actor, subtype } => E::GroupSettingsChanged {
                actor: actor.into_owned(),
                subtype,
            },
            E::AdminApprovalEnabled { actor } => E::AdminApprovalEnabled {
                actor: actor.into_owned(),
            },
            E::AdminApprovalDisabled { actor } => E::AdminApprovalDisabled {
                actor: actor.into_owned(),
            },
            E::InviteLinkReset { actor } => E::InviteLinkReset {
                actor: actor.into_owned(),
            },
            E::CommunityEvent {
                subtype,
                actor,
                members,
                community,
            } => E::CommunityEvent {
                subtype,
                actor: actor.map(Party::into_owned),
                members: owned_parties(members),
                community: community.map(owned),
            },
            E::MessagePinned { actor } => E::MessagePinned {
                actor: actor.into_owned(),
            },
            E::PhoneNumberChanged {
                actor,
                old_number,
                new_number,
            } => E::PhoneNumberChanged {
                actor: actor.map(Party::into_owned),
                old_number: old_number.map(owned),
                new_number: new_number.map(owned),
            },
            E::DisappearingMessagesOn { actor, duration } => E::DisappearingMessagesOn {
                actor: actor.into_owned(),
                duration: duration.map(owned),
            },
            E::DisappearingMessagesOff { actor } => E::DisappearingMessagesOff {
                actor: actor.into_owned(),
            },
            E::DisappearingTimerUpdated { actor } => E::DisappearingTimerUpdated {
                actor: actor.into_owned(),
            },
            E::DefaultTimerNotice { duration } => E::DefaultTimerNotice {
                duration: duration.map(owned),
            },
            E::ContactBlocked { subtype } => E::ContactBlocked { subtype },
            E::ContactUnblocked { subtype } => E::ContactUnblocked { subtype },
            E::BusinessNotice { actor, subtype } => E::BusinessNotice {
                actor: actor.map(Party::into_owned),
                subtype,
            },
            E::MissedVoiceCall => E::MissedVoiceCall,
            E::MissedVideoCall => E::MissedVideoCall,
            E::MissedGroupCall { subtype } => E::MissedGroupCall { subtype },
            E::Unknown { text } => E::Unknown { text: owned(text) },
        }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn owned_parties(parties: Vec<Party<'_>>) -> Vec<Party<'static>> {
    parties.into_iter().map(Party::into_owned).collect()
}

/// The event a system sentence states, or `None` when no catalogue entry matches.
///
/// `sentence` is the text after the header exactly as exported (Android: after
/// `" - "`; iOS: after `"Name: "`), possibly starting with U+200E marks, possibly
/// with a trailing period. Names, subjects and group names are returned as written
/// (curly quotes and apostrophes inside them kept), without invisible marks.
pub fn recognize(sentence: &str) -> Option<SystemEvent<'_>> {
    recognize_entry(sentence).map(|(_, event)| event)
}

/// [`recognize`], also telling which catalogue line matched (for the tests).
fn recognize_entry(sentence: &str) -> Option<(usize, SystemEvent<'_>)> {
    with_folded(sentence, recognize_folded)
}

/// [`recognize_entry`] once the sentence is folded.
fn recognize_folded<'s>(folded: &Folded<'s, '_>) -> Option<(usize, SystemEvent<'s>)> {
    let mut candidates = INDEX.candidates(folded.text.as_bytes());
    let matchers = &*MATCHERS;
    // In table order (lowest bit first), so the first line that matches still wins.
    while candidates != 0 {
        let index = candidates.trailing_zeros() as usize;
        candidates &= candidates - 1;
        let (entry, matcher) = (CATALOGUE.get(index)?, matchers.get(index)?);
        let Some(spans) = matcher.spans(folded.text, folded.first_line_end) else {
            continue;
        };
        if let Some(event) = entry.build(&spans, folded) {
            return Some((index, event));
        }
    }
    None
}

/// The catalogue lines a sentence may match, found from a few of its bytes without
/// testing every line: each line is filed under what its matches start with, what
/// they end with (its [`Edge`]s) and, for a line starting with a capture, what follows
/// the capture; a sentence's candidates are the lines filed under all three.
struct LineIndex {
    /// For a sentence's first byte, the lines whose matches may start with it (bit
    /// `i`: line `i`), leaving out the lines filed in `by_space`.
    by_first_byte: [u128; 256],
    /// The lines whose matches may start with anything, leaving out those filed in
    /// `by_space`.
    any_start: u128,
    /// The lines whose matches start with a capture followed by one of a few texts
    /// that start with " a" or " v" (" a ajouté " in "{actor} a ajouté {members}",
    /// " avez changé " after `{a}`, " vous a "), by the first
    /// [`crate::phrase::AFTER_A_SPACE`] bytes of those texts: such a line is a
    /// candidate only when the sentence has one of them. Most of the lines whose
    /// matches may end with anything are there; " a" and " v" are rare enough that
    /// the places to look are found eight bytes at a time.
    by_space: KeyTable,
    /// For the hash of a sentence's last [`EDGE_KEY`] bytes (one final period cut), the
    /// lines whose matches may end with bytes of that hash.
    by_last_bytes: [u128; LAST_BYTES_SLOTS],
    /// For a sentence's last byte (one final period cut), the lines whose matches may
    /// end with it.
    by_last_byte: [u128; 256],
    /// The lines whose matches may end with anything (or be empty, once their final
    /// period is cut).
    any_end: u128,
    /// Lines with a `{tail}`, filed under the end of their matches without it.
    with_tail: u128,
}

/// Slots of [`LineIndex::by_last_bytes`]: two endings in one slot only make more
/// candidates.
const LAST_BYTES_SLOTS: usize = 256;

/// The slot of the last [`EDGE_KEY`] bytes of `text` in [`LineIndex::by_last_bytes`].
/// A shorter text, which no text of an edge ends, gets any slot.
fn last_bytes_slot(text: &[u8]) -> usize {
    let last = eight_bytes(text, text.len().saturating_sub(EDGE_KEY));
    (last.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// Lines by eight bytes of text, in a hash table whose slots keep their key: a
/// sentence gets the lines of its own key, not those of another key in the same slot.
struct KeyTable {
    /// (key, lines) by the key's hash, a free slot being a zero key (no text of a line
    /// has a zero byte), looked up from the key's slot on to the first free one.
    slots: Vec<(u64, u128)>,
}

impl KeyTable {
    /// A table for `keys`, each with its lines.
    fn new(keys: &[(u64, u128)]) -> KeyTable {
        // At most a quarter full: a key that is not there is usually told at the first
        // slot looked at.
        let size = (4 * keys.len()).next_power_of_two().max(16);
        let mut table = KeyTable {
            slots: vec![(0, 0); size],
        };
        for &(key, lines) in keys {
            let mut at = table.slot_of(key);
            loop {
                let (found, found_lines) = &mut table.slots[at];
                if *found == key || *found == 0 {
                    *found = key;
                    *found_lines |= lines;
                    break;
                }
                at = (at + 1) & (size - 1);
            }
        }
        table
    }

    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1)
    }

    /// The lines of `key`.
    fn get(&self, key: u64) -> u128 {
        let mut at = self.slot_of(key);
        while let Some(&(found, lines)) = self.slots.get(at) {
            if found == key {
                return lines;
            }
            if found == 0 {
                return 0;
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
        0
    }
}

/// `text` without one final period: the `\.?` every line ends with.
fn without_period(text: &[u8]) -> &[u8] {
    text.strip_suffix(b".").unwrap_or(text)
}

impl LineIndex {
    fn new(matchers: &[Matcher]) -> LineIndex {
        // A table of more lines needs a wider mask: caught by the tests.
        assert!(matchers.len() <= 128, "the catalogue outgrew its index");
        let mut index = LineIndex {
            by_first_byte: [0; 256],
            by_space: KeyTable::new(&[]),
            by_last_bytes: [0; LAST_BYTES_SLOTS],
            by_last_byte: [0; 256],
            any_start: 0,
            any_end: 0,
            with_tail: 0,
        };
        let mut by_space = Vec::new();
        let file_under_bytes = |table: &mut [u128; 256], bytes: &[u64; 4], bit: u128| {
            for (word, &set) in bytes.iter().enumerate() {
                let mut set = set;
                while set != 0 {
                    table[64 * word + set.trailing_zeros() as usize] |= bit;
                    set &= set - 1;
                }
            }
        };
        for (line, matcher) in matchers.iter().enumerate() {
            let bit = 1u128 << line;
            let after_a_space = matcher.template.after_first_capture().filter(|texts| {
                texts
                    .iter()
                    .all(|text| text.starts_with(b" a") || text.starts_with(b" v"))
            });
            if let Some(texts) = after_a_space {
                by_space.extend(texts.iter().map(|text| (eight_bytes(text, 0), bit)));
            } else {
                match matcher.template.start_edge() {
                    Edge::Bytes(bytes) => file_under_bytes(&mut index.by_first_byte, &bytes, bit),
                    Edge::Texts(_) | Edge::Any => index.any_start |= bit,
                }
            }
            if matcher.tail {
                index.with_tail |= bit;
            }
            match matcher.template.end_edge(matcher.tail) {
                Edge::Texts(texts) => {
                    for text in texts {
                        index.by_last_bytes[last_bytes_slot(&text)] |= bit;
                    }
                }
                Edge::Bytes(bytes) => file_under_bytes(&mut index.by_last_byte, &bytes, bit),
                Edge::Any => index.any_end |= bit,
            }
        }
        index.by_space = KeyTable::new(&by_space);
        index
    }

    /// The lines a folded sentence may match (bit `i`: line `i`).
    fn candidates(&self, text: &[u8]) -> u128 {
        let Some(&first) = text.first() else {
            return self.any_start & self.any_end;
        };
        let mut starting = self.any_start | self.by_first_byte[usize::from(first)];
        let cut = without_period(text);
        let mut ending = self.ending(cut);
        // One pass, eight bytes at a time, finds the places of " a" and " v", for the
        // lines filed under the text there, and tells whether a tail may be cut (its
        // verbs end with a `z`, which few sentences hold). The last bytes are read
        // padded with zeros, which are none of the bytes looked for.
        let mut z = 0;
        let mut chunk = 0;
        while chunk < text.len() {
            let (here, next) = match text.get(chunk..chunk + 9) {
                Some(nine) => (eight_bytes(nine, 0), eight_bytes(nine, 1)),
                // Eight bytes at most are left: read once, zeros after them.
                None => {
                    let here = eight_bytes(text, chunk);
                    (here, here >> 8)
                }
            };
            z |= zero_bytes(here ^ eight_times(b'z'));
            let mut spaced = zero_bytes(here ^ eight_times(b' '))
                & (zero_bytes(next ^ eight_times(b'a')) | zero_bytes(next ^ eight_times(b'v')));
            while spaced != 0 {
                let space = chunk + (spaced.trailing_zeros() / 8) as usize;
                spaced &= spaced - 1;
                // A text after a space is eight bytes long.
                if let Some(eight) = text.get(space..space + 8) {
                    starting |= self.by_space.get(eight_bytes(eight, 0));
                }
            }
            chunk += 8;
        }
        // Tails are cut only when a line with one may still be a candidate.
        if z != 0 && starting & self.with_tail & !ending != 0 {
            ending |= self.ending_before_tails(cut);
        }
        starting & ending
    }

    /// The lines whose matches may end as `text` (a folded sentence without its final
    /// period) does once a `{tail}` is cut from it.
    #[cold]
    fn ending_before_tails(&self, text: &[u8]) -> u128 {
        // The `z` that brought us here is usually that of "avez": a tail needs one of
        // its verbs, found from their `z` before the spaces are read.
        if !holds_tail_verb(text) {
            return 0;
        }
        let mut lines = 0;
        tail_starts(text, |before_tail| {
            lines |= self.ending(without_period(before_tail))
        });
        lines
    }

    /// The lines whose matches, one final period cut, may end as `text` does.
    fn ending(&self, text: &[u8]) -> u128 {
        match text.last() {
            Some(&last) => {
                self.any_end
                    | self.by_last_byte[usize::from(last)]
                    | self.by_last_bytes[last_bytes_slot(text)]
            }
            None => self.any_end,
        }
    }
}

/// The verbs a `{tail}` starts with, after its space: eight bytes each.
const TAIL_VERBS: [u64; 3] = [
    u64::from_le_bytes(*b" Appuyez"),
    u64::from_le_bytes(*b" Cliquez"),
    u64::from_le_bytes(*b" Touchez"),
];

/// When a `{tail}` may start at the space at `space` of `text` (a folded sentence
/// without its final period, which holds no period after `space`), calls
/// `before_tail` with what is left once it is cut: the token is `(?:\.? (?:Appuyez|
/// Cliquez|Touchez) (?:ici )?pour [^.]*)`, so the space is followed by a verb and
/// "pour" or "ici pour"; the period before it, if any, may be the token's too.
fn tail_at(text: &[u8], space: usize, mut before_tail: impl FnMut(&[u8])) {
    let Some(after) = text.get(space + 8..) else {
        return;
    };
    if !TAIL_VERBS.contains(&eight_bytes(text, space))
        || !(after.starts_with(b" pour ") || after.starts_with(b" ici pour "))
    {
        return;
    }
    before_tail(&text[..space]);
    if let Some(before_period) = text[..space].strip_suffix(b".") {
        before_tail(before_period);
    }
}

/// Whether `text` holds one of the [`TAIL_VERBS`] (with its space), which every tail
/// starts with: looked for from the `z` each ends with.
fn holds_tail_verb(text: &[u8]) -> bool {
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| find_byte(rest, b'z')) {
        let z = from + found;
        if let Some(space) = z.checked_sub(TAIL_VERB_LENGTH - 1) {
            if TAIL_VERBS.contains(&eight_bytes(text, space)) {
                return true;
            }
        }
        from = z + 1;
    }
    false
}

/// The bytes of each of the [`TAIL_VERBS`], its space included.
const TAIL_VERB_LENGTH: usize = 8;

/// [`tail_at`] at every space of `text` a tail may start at: those after its last
/// period, or just after it (a tail holds none but its first).
fn tail_starts(text: &[u8], mut before_tail: impl FnMut(&[u8])) {
    let after_last_period = memchr::memrchr(b'.', text).map_or(0, |period| period + 1);
    let mut chunk = after_last_period;
    while chunk < text.len() {
        let mut spaces = bytes_equal(eight_bytes(text, chunk), b' ');
        while spaces != 0 {
            tail_at(
                text,
                chunk + (spaces.trailing_zeros() / 8) as usize,
                &mut before_tail,
            );
            spaces &= spaces - 1;
        }
        chunk += 8;
    }
}

/// Eight ones, one a byte.
const BYTES: u64 = u64::from_le_bytes([1; 8]);

/// `byte` eight times.
const fn eight_times(byte: u8) -> u64 {
    BYTES * byte as u64
}

/// The high bit of the zero bytes of `eight` (and maybe of bytes after a zero byte:
/// exact for telling whether there is one, and where the first is).
fn zero_bytes(eight: u64) -> u64 {
    eight.wrapping_sub(BYTES) & !eight & (BYTES << 7)
}

/// The event kinds a catalogue line can produce (the shape of [`SystemEvent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    EncryptionNotice,
    SecurityCodeChanged,
    GroupCreated,
    MemberAdded,
    MemberRemoved,
    MemberLeft,
    MemberJoinedViaLink,
    MemberJoined,
    JoinRequest,
    AdminPromoted,
    AdminDemoted,
    GroupSubjectChanged,
    GroupDescriptionChanged,
    GroupIconChanged,
    GroupIconRemoved,
    GroupSettingsChanged,
    AdminApprovalEnabled,
    AdminApprovalDisabled,
    InviteLinkReset,
    CommunityEvent,
    MessagePinned,
    PhoneNumberChanged,
    DisappearingMessagesOn,
    DisappearingMessagesOff,
    DisappearingTimerUpdated,
    DefaultTimerNotice,
    ContactBlocked,
    ContactUnblocked,
    BusinessNotice,
    MissedVoiceCall,
    MissedVideoCall,
    MissedGroupCall,
}

/// The part "vous" (the exporter) plays in a wording that names no one for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum You {
    /// Nobody implicit: every person comes from a capture.
    No,
    /// "Vous avez …": the exporter did it.
    Actor,
    /// "… vous a ajouté", "Vous êtes désormais admin": it was done to the exporter.
    Member,
}

/// One wording of one event.
struct Entry {
    kind: Kind,
    you: You,
    subtype: Option<&'static str>,
    /// Platform, era and source of the wording (reference section 4).
    #[allow(dead_code)]
    seen: &'static str,
    /// Matched against the folded sentence (`'` apostrophes, `"` quotes, single
    /// spaces, no invisible marks), anchored at both ends, trailing period optional.
    /// Tokens: `{actor}` `{members}` `{duration}` `{old_number}` `{new_number}` capture;
    /// `«subject»` `«old_subject»` `«group_name»` `«community»` capture between quotes;
    /// `{a}` is "a" or "avez", `{e}` an inclusive ending (`·e`, `(e)`, `e`), `{tail}`
    /// an optional "Appuyez pour …" sentence, `{call}` an optional "Appuyez pour rappeler".
    pattern: &'static str,
}

const fn entry(kind: Kind, you: You, seen: &'static str, pattern: &'static str) -> Entry {
    Entry {
        kind,
        you,
        subtype: None,
        seen,
        pattern,
    }
}

impl Entry {
    const fn sub(self, subtype: &'static str) -> Entry {
        Entry {
            subtype: Some(subtype),
            ..self
        }
    }
}

use Kind as K;
use You::{Actor, Member, No};

/// The French catalogue: one line per wording, specific wordings before general ones
/// (the first line that matches wins). Sources are those of the format reference.
#[rustfmt::skip]
static CATALOGUE: &[Entry] = &[
    // 4.1 Encryption and security
    entry(K::EncryptionNotice, No, "A 2021-23 (S14), i 2022 (S3, S1 _i3PG)", r"Les messages et les appels sont chiffrés de bout en bout\. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter{tail}"),
    entry(K::EncryptionNotice, No, "i (S1 T*6x;)", r"Les messages et les appels sont désormais chiffrés de bout en bout\. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter{tail}"),
    entry(K::EncryptionNotice, No, "2024+ (S17, unverified in exports)", r"Les messages et les appels sont chiffrés de bout en bout\. Seules les personnes prenant part à cette discussion peuvent les lire, les écouter ou les partager(?:\.? (?:Cliquez pour en|En) savoir plus)?{tail}"),
    entry(K::EncryptionNotice, No, "A ≤2019 private (S6, S2 chat_encryption_state_change)", r"Les messages envoyés dans cette discussion et les appels sont désormais protégés avec le chiffrement de bout en bout{tail}"),
    entry(K::EncryptionNotice, No, "A ≤2019 group (S2 group_encryption_state_change), i 2016 (S11)", r"Les messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de bout en bout{tail}"),
    entry(K::EncryptionNotice, No, "i fr-CH 2019 (S12)", r"Les messages que vous envoyez dans ce groupe sont protégés avec le chiffrement de bout en bout{tail}"),
    entry(K::EncryptionNotice, No, "A old settings text (S2 settings_security_info)", r"Vos messages et vos appels sont protégés avec le chiffrement de bout en bout\. Cela signifie que WhatsApp et les tiers ne peuvent pas les voir ni les écouter"),
    entry(K::SecurityCodeChanged, No, "i (S1 2c;Yx)", r"Votre code de sécurité avec l'ensemble des participant(?:[·.-]?es|\(e\)s|s) a changé{tail}").sub("all_participants"),
    entry(K::SecurityCodeChanged, No, "i (S1 rF*6z)", r"Votre code de sécurité avec {actor} a changé, car il y a eu déconnexion sur l'un de ses appareils{tail}").sub("device_logged_out"),
    entry(K::SecurityCodeChanged, No, "i (S3, S1 G)W)p)", r"Votre code de sécurité avec {actor} a changé{tail}"),
    entry(K::SecurityCodeChanged, No, "A old (S2 identity_changed_name)", r"Le code de sécurité de {actor} a changé{tail}"),
    // 4.2 Group lifecycle: creation and communities (before member_added: "a ajouté ce groupe")
    entry(K::GroupCreated, Actor, "A old (S2 group_created_by_you), i 2016 (S11), i (S1 (K2R*)", r"Vous avez créé le groupe «group_name»"),
    entry(K::GroupCreated, No, "i (S1 epN1D)", r"Le créateur du groupe a créé le groupe «group_name»"),
    entry(K::GroupCreated, No, "i (S1 aD=R{), A old (S2 group_created_by_name), « » unverified", r"{actor} a créé le groupe «group_name»"),
    entry(K::CommunityEvent, No, "i (S1 hp-.0)", r"{actor} {a} ajouté ce groupe à la communauté «community»{tail}").sub("group_added"),
    entry(K::CommunityEvent, No, "i (S1 dD*Kt)", r"Ce groupe a été ajouté à une communauté{tail}").sub("group_added"),
    entry(K::CommunityEvent, Actor, "i (S1 UOqvM)", r"Vous avez créé la communauté «community»").sub("community_created"),
    entry(K::CommunityEvent, No, "by analogy with S1 UOqvM (unverified)", r"{actor} a créé la communauté «community»").sub("community_created"),
    entry(K::CommunityEvent, Member, "i (S1 Qc*_J)", r"{actor} vous a ajouté{e} à ce groupe et à la communauté(?: «community»)?{tail}").sub("added_to_community"),
    // Membership
    entry(K::MemberAdded, Member, "A old (S2), i (S1 L0?X-)", r"{actor} vous a ajouté{e}"),
    entry(K::MemberAdded, Member, "c. 2015-18 (S10)", r"Vous avez été ajouté{e}"),
    entry(K::MemberAdded, Actor, "A+i (S2, S1 Ik.w')", r"Vous avez ajouté {members}"),
    entry(K::MemberAdded, No, "c. 2015-18 (S10)", r"{members} (?:a|ont) été ajouté{e}s?"),
    entry(K::MemberAdded, No, "A+i (S2, S1 KRDcB, S10, S12)", r"{actor} a ajouté {members}"),
    entry(K::MemberRemoved, Member, "A old (S2), i (S1 Ys<&L)", r"{actor} vous a retiré{e}"),
    entry(K::MemberRemoved, Member, "by analogy with S1 8RBce", r"Vous avez été retiré{e}"),
    entry(K::MemberRemoved, Actor, "A+i (S2, S1 clKkp)", r"Vous avez retiré {members}"),
    entry(K::MemberRemoved, No, "i (S1 8RBce), S10", r"{members} (?:a|ont) été retiré{e}s?"),
    entry(K::MemberRemoved, No, "A+i (S2, S1 clKkp)", r"{actor} a retiré {members}"),
    entry(K::MemberLeft, Actor, "i (S1 `NI_u)", r"Vous êtes parti{e}"),
    entry(K::MemberLeft, No, "A old (S2), i (S1 IGUjt), parti(e) S10", r"{actor} est parti{e}"),
    entry(K::MemberLeft, Actor, "third-party parsers (unverified)", r"Vous avez quitté(?: le| ce) groupe"),
    entry(K::MemberLeft, No, "third-party parsers (unverified)", r"{actor} a quitté(?: le groupe| ce groupe)?"),
    entry(K::MemberJoinedViaLink, Actor, "i (S1 )H04Q)", r"Vous avez rejoint (?:le|ce) groupe grâce à son lien d'invitation"),
    entry(K::MemberJoinedViaLink, Actor, "A old (S2)", r"Vous avez intégré (?:le|ce) groupe en utilisant le lien d'invitation"),
    entry(K::MemberJoinedViaLink, No, "A 2024 (S7), i (S1 2vBON)", r"{actor} a rejoint ce groupe grâce à son lien d'invitation"),
    entry(K::MemberJoinedViaLink, No, "A old (S2)", r"{actor} a intégré ce groupe grâce au lien d'invitation"),
    entry(K::MemberJoined, No, "i (S1 OyYk5)", r"{actor} a rejoint le groupe depuis la communauté").sub("from_community"),
    entry(K::MemberJoined, No, "i (S1 2&|BJ)", r"{actor} a rejoint le groupe grâce à votre invitation").sub("your_invitation"),
    entry(K::MemberJoined, No, "i (S1 JTFZZ)", r"{actor} a rejoint le groupe"),
    entry(K::JoinRequest, No, "A 2024 (S7), i (S1 z3gJs)", r"{actor} a demandé à rejoindre le groupe{tail}"),
    // Admins
    entry(K::AdminPromoted, Member, "i (S1 yuV:O), S10", r"Vous êtes désormais (?:un )?admin(?:istrat(?:eur|rice))?"),
    entry(K::AdminPromoted, Member, "A old (S2)", r"Vous êtes maintenant (?:un )?admin(?:istrat(?:eur|rice))?"),
    entry(K::AdminPromoted, No, "unverified", r"{members} (?:est|sont) (?:maintenant|désormais) (?:un )?admin(?:istrat(?:eur|rice))?s?"),
    entry(K::AdminDemoted, Member, "i (S1 rqYE9), A old (S2)", r"Vous n'êtes plus (?:un )?admin(?:istrat(?:eur|rice))?"),
    entry(K::AdminDemoted, No, "unverified", r"{members} n'(?:est|sont) plus (?:un )?admin(?:istrat(?:eur|rice))?s?"),
    // Subject, description, icon
    entry(K::GroupSubjectChanged, Actor, "A old (S2)", r"Vous avez (?:changé|modifié) le sujet «old_subject» en «subject»"),
    entry(K::GroupSubjectChanged, Actor, "A old (S2), i (S1 )(=-_)", r"Vous avez (?:changé|modifié) le sujet en «subject»"),
    entry(K::GroupSubjectChanged, Actor, "by analogy with S1 o18be", r"Vous avez remplacé le sujet par «subject»"),
    entry(K::GroupSubjectChanged, No, "i (S1 Kt-&~)", r"Quelqu'un a remplacé le sujet par «subject»"),
    entry(K::GroupSubjectChanged, No, "A old (S2)", r"{actor} a (?:modifié|changé) le sujet «old_subject» en «subject»"),
    entry(K::GroupSubjectChanged, No, "A old (S2)", r"{actor} a (?:modifié|changé) le sujet en «subject»"),
    entry(K::GroupSubjectChanged, No, "i (S1 o18be), S10", r"{actor} a remplacé le sujet par «subject»"),
    entry(K::GroupSubjectChanged, No, "newer (unverified)", r"{actor} {a} (?:changé|modifié) le nom du groupe (?:«old_subject» )?en «subject»"),
    entry(K::GroupDescriptionChanged, No, "i (S1 YSguP=)", r"Quelqu'un a modifié la description du groupe{tail}"),
    entry(K::GroupDescriptionChanged, No, "A+i (S2, S1 5wa(v, gsc-f)", r"{actor} {a} (?:changé|modifié) la description du groupe{tail}"),
    entry(K::GroupIconChanged, No, "A+i (S2 photo_changed_by, S1 D>1ci, S10)", r"{actor} {a} changé l'icône (?:de ce|du) groupe"),
    entry(K::GroupIconRemoved, No, "A old (S2)", r"{actor} {a} supprimé l'icône (?:de ce|du) groupe"),
    // Settings, approval, invite link, pinning
    entry(K::GroupSettingsChanged, No, "i (S1 VC.,_)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à ce que seul(?:ement|s) les admins puissent modifier les informations du groupe").sub("only_admins_edit_info"),
    entry(K::GroupSettingsChanged, No, "i (S1 Ft?s_)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à ce que seul(?:ement|s) les admins puissent envoyer des messages(?: dans ce groupe)?").sub("only_admins_send"),
    entry(K::GroupSettingsChanged, No, "i (S1 WNOYG)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à autoriser tous les (?:membres|participant{e}s) à y ajouter d'autres personnes").sub("all_members_add"),
    entry(K::GroupSettingsChanged, No, "by analogy with S1 VC.,_ (unverified)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à ce que tous les (?:membres|participant{e}s) puissent modifier les informations du groupe").sub("all_members_edit_info"),
    entry(K::GroupSettingsChanged, No, "by analogy with S1 Ft?s_ (unverified)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à ce que tous les (?:membres|participant{e}s) puissent envoyer des messages(?: dans ce groupe)?").sub("all_members_send"),
    entry(K::GroupSettingsChanged, No, "by analogy with S1 WNOYG (unverified)", r"{actor} {a} (?:changé|modifié) les réglages de ce groupe de façon à ce que seul(?:ement|s) les admins puissent y ajouter d'autres personnes").sub("only_admins_add"),
    entry(K::AdminApprovalEnabled, No, "i (S1 Br8A=, ~Pu6{)", r"{actor} {a} activé l'approbation de l'admin pour rejoindre ce groupe"),
    entry(K::AdminApprovalDisabled, No, "i (S1 `c*EB`)", r"{actor} {a} désactivé l'approbation de l'admin pour rejoindre ce groupe"),
    entry(K::InviteLinkReset, No, "i (S1 5G-ci)", r"{actor} {a} réinitialisé le lien d'invitation (?:à|de) ce groupe{tail}"),
    entry(K::InviteLinkReset, No, "A old (S2)", r"{actor} {a} révoqué le lien d'invitation (?:à|de) ce groupe{tail}"),
    entry(K::MessagePinned, No, "unverified", r"{actor} {a} épinglé un message"),
    // 4.3 Other chat events
    entry(K::PhoneNumberChanged, No, "i (S1 ZaQEl)", r"{actor} a changé de numéro de téléphone\. Vous êtes en train de discuter avec son nouveau numéro"),
    entry(K::PhoneNumberChanged, No, "A/i (S10; tail S1 djz~-)", r"{actor} a changé de numéro de téléphone{tail}"),
    entry(K::PhoneNumberChanged, No, "A old (S2 chat_changed_number)", r"Le numéro de {actor} est passé du {old_number} au {new_number}"),
    entry(K::PhoneNumberChanged, No, "S10, i 2016 (S11)", r"{old_number} est passé à {new_number}"),
    entry(K::PhoneNumberChanged, No, "S10", r"{old_number} est devenu {new_number}"),
    entry(K::DisappearingMessagesOn, No, "i (S1 Q+35z@, g|8KY!, Y-tFj); Android unverified", r"{actor} {a} activé les messages éphémères(?:\. [^.]*? {duration} [^.]*)?{tail}"),
    entry(K::DisappearingMessagesOff, No, "i (S1 B8::;, &V})g, 4:+Uq)", r"{actor} {a} désactivé les messages éphémères{tail}"),
    entry(K::DisappearingTimerUpdated, No, "i (S1 jm_F}, u'[LH)", r"{actor} {a} mis à jour le délai avant disparition{tail}"),
    entry(K::DefaultTimerNotice, No, "i (S1 _fo+1@)", r"Vous utilisez une durée des messages éphémères par défaut pour les nouvelles discussions(?:\. (?:[^.]*? )?{duration}(?-u:\b).*|\. .*)?"),
    entry(K::ContactBlocked, No, "i (S1 Y<zH/)", r"Vous avez bloqué ce contact{tail}"),
    entry(K::ContactBlocked, No, "i (S1 g9w14)", r"Vous avez bloqué cette entreprise{tail}").sub("business"),
    entry(K::ContactUnblocked, No, "i (S1 GyJGR)", r"Vous avez débloqué ce contact{tail}"),
    entry(K::ContactUnblocked, No, "i (S1 &d3Hu)", r"Vous avez débloqué cette entreprise{tail}").sub("business"),
    entry(K::BusinessNotice, No, "i (S1 8GYjd)", r"Cette entreprise utilise un service sécurisé de la société Meta pour gérer cette discussion{tail}").sub("meta_hosted"),
    entry(K::BusinessNotice, No, "i (S1 wxhOj)", r"{actor} est désormais enregistré{e} comme compte professionnel{tail}").sub("business_account"),
    entry(K::MissedVoiceCall, No, "A+i (S1 A),w/, S2 missed_voice_call)", r"Appel vocal manqué{call}"),
    entry(K::MissedVideoCall, No, "A+i (S1 PnA`x, S2 video_missed_call)", r"Appel vidéo manqué{call}"),
    entry(K::MissedGroupCall, No, "i (S1 AKXg`)", r"Appel vocal de groupe manqué{call}"),
    entry(K::MissedGroupCall, No, "by analogy with S1 AKXg` (unverified)", r"Appel vidéo de groupe manqué{call}").sub("video"),
];

/// Regular-expression text of the pattern tokens (see [`Entry::pattern`]).
const TOKENS: &[(&str, &str)] = &[
    ("{actor}", r"(?P<actor>.+?)"),
    ("{members}", r"(?P<members>.+?)"),
    (
        "{duration}",
        r"(?P<duration>[0-9]+ (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?))",
    ),
    (
        "{old_number}",
        r"(?P<old_number>\+?[0-9][0-9 ().-]{4,}[0-9])",
    ),
    (
        "{new_number}",
        r"(?P<new_number>\+?[0-9][0-9 ().-]{4,}[0-9])",
    ),
    ("«subject»", r#"" ?(?P<subject>.*?) ?""#),
    ("«old_subject»", r#"" ?(?P<old_subject>.*?) ?""#),
    ("«group_name»", r#"" ?(?P<group_name>.*?) ?""#),
    ("«community»", r#"" ?(?P<community>.*?) ?""#),
    ("{a}", r"(?:a|avez)"),
    ("{e}", r"(?:[·.-]?e|\(e\))?"),
    (
        "{tail}",
        r"(?:\.? (?:Appuyez|Cliquez|Touchez) (?:ici )?pour [^.]*)?",
    ),
    (
        "{call}",
        r"(?:,? (?:Appuyez|Cliquez|Touchez) (?:ici )?pour rappeler)?",
    ),
];

/// A catalogue pattern as an anchored regular expression.
fn expand(pattern: &str) -> String {
    let mut expanded = pattern.to_owned();
    // Most lines hold two or three of the tokens: no copy for the others.
    for (token, regex) in TOKENS {
        if expanded.contains(token) {
            expanded = expanded.replace(token, regex);
        }
    }
    format!(r"^(?:{expanded})\.?$")
}

/// The capture names of the pattern tokens, in the order of [`Spans`].
const CAPTURE_NAMES: [&str; 9] = [
    "actor",
    "members",
    "duration",
    "old_number",
    "new_number",
    "subject",
    "old_subject",
    "group_name",
    "community",
];

/// Where the captures of one line matched in the folded sentence: the ranges of the
/// line's groups, and which group holds each capture of [`CAPTURE_NAMES`].
struct Spans<'m> {
    groups: Groups,
    group_of: &'m [Option<u8>; CAPTURE_NAMES.len()],
}

/// Indices in [`CAPTURE_NAMES`], so that reading a capture compares no strings.
const ACTOR: usize = 0;
const MEMBERS: usize = 1;
const DURATION: usize = 2;
const OLD_NUMBER: usize = 3;
const NEW_NUMBER: usize = 4;
const SUBJECT: usize = 5;
const OLD_SUBJECT: usize = 6;
const GROUP_NAME: usize = 7;
const COMMUNITY: usize = 8;

impl Spans<'_> {
    fn get(&self, capture: usize) -> Option<Range<usize>> {
        let group = (*self.group_of.get(capture)?)?;
        self.groups.get(usize::from(group))
    }
}

/// How one catalogue line is matched.
struct Matcher {
    /// The line's regular expression read as a template: run directly when it is
    /// [`executable`](Template::executable), and in any case the source of the words
    /// every match contains.
    template: Template,
    /// For each capture of [`CAPTURE_NAMES`], the template group that holds it.
    group_of: [Option<u8>; CAPTURE_NAMES.len()],
    /// The regular expression, for the lines the template cannot run and the texts it
    /// gives up on; compiled at its first use only (about 650,000 instructions each,
    /// 57 million for the whole table).
    expanded: String,
    regex: OnceLock<Regex>,
    /// For lines matched by the regex: plain text a match cannot lack, checked before
    /// running it.
    required: Option<String>,
    /// The pattern ends with `{tail}` (see [`tail_starts`]).
    tail: bool,
}

impl Matcher {
    fn new(pattern: &str) -> Matcher {
        let expanded = expand(pattern);
        // The patterns are constants checked by the tests, not input: failing here is
        // a bug in the table, reported at the first use in any test run.
        let template = Template::parse(&expanded).expect("catalogue pattern is read");
        assert!(
            template.names().len() <= MAX_GROUPS,
            "a catalogue line has more captures than a template holds"
        );
        let group_of = CAPTURE_NAMES.map(|capture| {
            let group = template
                .names()
                .iter()
                .position(|name| **name == *capture)?;
            u8::try_from(group).ok()
        });
        Matcher {
            required: (!template.executable())
                .then(|| required_literal(pattern))
                .flatten(),
            template,
            group_of,
            expanded,
            regex: OnceLock::new(),
            tail: pattern.ends_with("{tail}"),
        }
    }

    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.expanded).expect("catalogue pattern compiles"))
    }

    /// The captures of this line in `text`, whose first line feed is at
    /// `first_line_end` (or which has none), or `None` when it does not match.
    fn spans(&self, text: &str, first_line_end: usize) -> Option<Spans<'_>> {
        match self.template.find_in(text, first_line_end) {
            Found::Match(groups) => {
                return Some(Spans {
                    groups,
                    group_of: &self.group_of,
                })
            }
            Found::NoMatch => return None,
            Found::GaveUp => {}
        }
        if let Some(required) = &self.required {
            if !text.contains(required.as_str()) {
                return None;
            }
        }
        let captures = self.regex().captures(text)?;
        let mut groups = Groups::none();
        for (group, name) in self.template.names().iter().enumerate() {
            groups.set(group, captures.name(name).map(|found| found.range()));
        }
        Some(Spans {
            groups,
            group_of: &self.group_of,
        })
    }
}

/// The longest run of plain text a pattern cannot match without: outside every group,
/// token and class, not made optional by a quantifier. `None` when the pattern has
/// alternatives at its top level or no such run.
fn required_literal(pattern: &str) -> Option<String> {
    let mut best = String::new();
    let mut run = String::new();
    let mut depth = 0usize;
    let mut chars = pattern.chars().peekable();
    let flush = |run: &mut String, best: &mut String| {
        if run.trim().len() > best.trim().len() {
            *best = run.clone();
        }
        run.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' | '{' | '«' => {
                flush(&mut run, &mut best);
                depth += 1;
            }
            ')' | ']' | '}' | '»' => {
                flush(&mut run, &mut best);
                depth = depth.saturating_sub(1);
                // A quantifier after a group makes nothing before it optional.
            }
            '|' if depth == 0 => return None,
            '?' | '*' | '+' => {
                // The character before is optional (or repeated): drop it.
                run.pop();
                flush(&mut run, &mut best);
            }
            '\\' | '.' | '^' | '$' | '|' => {
                flush(&mut run, &mut best);
                if c == '\\' {
                    chars.next();
                }
            }
            _ if depth == 0 => {
                // A character followed by a quantifier is not required.
                if matches!(chars.peek(), Some('?' | '*' | '+')) {
                    flush(&mut run, &mut best);
                } else {
                    run.push(c);
                }
            }
            _ => {}
        }
    }
    flush(&mut run, &mut best);
    let best = best.trim();
    (best.len() >= 4).then(|| best.to_owned())
}

/// Reading the table's templates costs little; regexes are compiled one by one,
/// when a line first needs one.
static MATCHERS: LazyLock<Vec<Matcher>> =
    LazyLock::new(|| CATALOGUE.iter().map(|e| Matcher::new(e.pattern)).collect());

/// The lines of [`MATCHERS`] filed by their edges.
static INDEX: LazyLock<LineIndex> = LazyLock::new(|| LineIndex::new(&MATCHERS));

impl Entry {
    /// The event of this wording, or `None` when a captured name is not plausible
    /// (the sentence is then someone's own words, or another line's).
    fn build<'s>(&self, spans: &Spans, folded: &Folded<'s, '_>) -> Option<SystemEvent<'s>> {
        let original = |capture: usize| spans.get(capture).and_then(|range| folded.original(range));
        let actor = match self.you {
            You::Actor => Some(Party::You),
            You::No | You::Member => match original(ACTOR) {
                Some(text) => Some(person(text)?),
                None => None,
            },
        };
        let members = match self.you {
            You::Member => vec![Party::You],
            You::No | You::Actor => match original(MEMBERS) {
                Some(text) => member_list(text)?,
                None => Vec::new(),
            },
        };
        let value = |capture: usize| original(capture).map(|text| trim_cow(without_marks(text)));
        // As written: a no-break space before the unit stays (the text is the user's).
        let duration = value(DURATION);
        let subtype = self.subtype;
        use SystemEvent as E;
        Some(match self.kind {
            K::EncryptionNotice => E::EncryptionNotice,
            K::SecurityCodeChanged => E::SecurityCodeChanged { actor, subtype },
            K::GroupCreated => E::GroupCreated {
                actor,
                group_name: value(GROUP_NAME)?,
            },
            K::MemberAdded => E::MemberAdded {
                actor,
                members: non_empty(members)?,
            },
            K::MemberRemoved => E::MemberRemoved {
                actor,
                members: non_empty(members)?,
            },
            K::MemberLeft => E::MemberLeft { actor: actor? },
            K::MemberJoinedViaLink => E::MemberJoinedViaLink { actor: actor? },
            K::MemberJoined => E::MemberJoined {
                actor: actor?,
                subtype,
            },
            K::JoinRequest => E::JoinRequest { actor: actor? },
            K::AdminPromoted => E::AdminPromoted {
                members: non_empty(members)?,
            },
            K::AdminDemoted => E::AdminDemoted {
                members: non_empty(members)?,
            },
            K::GroupSubjectChanged => E::GroupSubjectChanged {
                actor,
                old_subject: value(OLD_SUBJECT),
                subject: value(SUBJECT)?,
            },
            K::GroupDescriptionChanged => E::GroupDescriptionChanged { actor },
            K::GroupIconChanged => E::GroupIconChanged { actor: actor? },
            K::GroupIconRemoved => E::GroupIconRemoved { actor: actor? },
            K::GroupSettingsChanged => E::GroupSettingsChanged {
                actor: actor?,
                subtype,
            },
            K::AdminApprovalEnabled => E::AdminApprovalEnabled { actor: actor? },
            K::AdminApprovalDisabled => E::AdminApprovalDisabled { actor: actor? },
            K::InviteLinkReset => E::InviteLinkReset { actor: actor? },
            K::CommunityEvent => E::CommunityEvent {
                subtype: subtype?,
                actor,
                members,
                community: value(COMMUNITY),
            },
            K::MessagePinned => E::MessagePinned { actor: actor? },
            K::PhoneNumberChanged => E::PhoneNumberChanged {
                actor,
                old_number: value(OLD_NUMBER),
                new_number: value(NEW_NUMBER),
            },
            K::DisappearingMessagesOn => E::DisappearingMessagesOn {
                actor: actor?,
                duration,
            },
            K::DisappearingMessagesOff => E::DisappearingMessagesOff { actor: actor? },
            K::DisappearingTimerUpdated => E::DisappearingTimerUpdated { actor: actor? },
            K::DefaultTimerNotice => E::DefaultTimerNotice { duration },
            K::ContactBlocked => E::ContactBlocked { subtype },
            K::ContactUnblocked => E::ContactUnblocked { subtype },
            K::BusinessNotice => E::BusinessNotice { actor, subtype },
            K::MissedVoiceCall => E::MissedVoiceCall,
            K::MissedVideoCall => E::MissedVideoCall,
            K::MissedGroupCall => E::MissedGroupCall { subtype },
        })
    }
}

fn non_empty<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

/// `text` trimmed, still borrowed when it was.
fn trim_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    }
}

/// Pronouns: a capture starting with one of these is a clause ("Je pense que Léa …").
const PRONOUNS: [&str; 14] = [
    "je", "j'", "tu", "il", "elle", "on", "nous", "ils", "elles", "ça", "ca", "cela", "qui", "quoi",
];

/// Determiners: a capture starting with one of these *in lower case* is prose ("du sel");
/// capitalised, it may be a contact's name ("La Poste").
const DETERMINERS: [&str; 26] = [
    "du", "de", "des", "le", "la", "les", "l'", "un", "une", "mon", "ma", "mes", "ton", "ta",
    "tes", "son", "sa", "ses", "ce", "cette", "cet", "ces", "tout", "tous", "rien", "personne",
];

/// [`PRONOUNS`] by first byte (bit `i`: the list's word `i`).
static PRONOUNS_BY_FIRST_BYTE: [u64; 256] = by_first_byte(&PRONOUNS);

/// [`DETERMINERS`] by first byte (bit `i`: the list's word `i`).
static DETERMINERS_BY_FIRST_BYTE: [u64; 256] = by_first_byte(&DETERMINERS);

/// For each byte, the words of `words` (64 at most) that start with it, as a mask.
const fn by_first_byte(words: &[&str]) -> [u64; 256] {
    assert!(words.len() <= 64, "a word list outgrew its mask");
    let mut table = [0u64; 256];
    let mut index = 0;
    while index < words.len() {
        if let [first, ..] = words[index].as_bytes() {
            table[*first as usize] |= 1 << index;
        }
        index += 1;
    }
    table
}

/// A person captured from an event sentence, or `None` when the capture cannot be a
/// name (empty, a question, a pronoun or a determiner: then the sentence is prose).
fn person(text: &str) -> Option<Party<'_>> {
    let name = match plain_name(text) {
        Some(name) => Cow::Borrowed(name),
        None => trim_cow(without_marks(text)),
    };
    let name = match name {
        Cow::Borrowed(name) => Cow::Borrowed(strip_non_contact(name)),
        Cow::Owned(name) => Cow::Owned(strip_non_contact(&name).to_owned()),
    };
    if name == "Vous" || name == "vous" {
        return Some(Party::You);
    }
    // Characters are never more than bytes: most names are counted by their length.
    if name.is_empty() || name.ends_with('?') || (name.len() > 100 && name.chars().count() > 100) {
        return None;
    }
    // Only the listed words sharing the first letter are compared: for most names,
    // none (the first word is then not even looked for).
    let first_lower = name.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    let (pronouns, determiners) = (
        PRONOUNS_BY_FIRST_BYTE[usize::from(first_lower)],
        DETERMINERS_BY_FIRST_BYTE[usize::from(first_lower)],
    );
    if pronouns | determiners == 0 {
        return Some(Party::Name(name));
    }
    let first_word = FirstWord::of(name.as_bytes());
    let starts_with = |words: &[ListedWord], mut sharing: u64| {
        while sharing != 0 {
            let word = &words[sharing.trailing_zeros() as usize];
            sharing &= sharing - 1;
            if first_word.is(word) || (word.elided && first_word.starts_with(word)) {
                return true;
            }
        }
        false
    };
    let starts_lower = || match name.as_bytes().first() {
        Some(byte) if byte.is_ascii() => byte.is_ascii_lowercase(),
        _ => name.chars().next().is_some_and(char::is_lowercase),
    };
    // Looked for only when a determiner starts the name (rare).
    let whole_word = || find_byte(name.as_bytes(), b' ').is_none();
    if starts_with(&PRONOUN_WORDS, pronouns)
        || (starts_with(&DETERMINER_WORDS, determiners) && (whole_word() || starts_lower()))
    {
        return None;
    }
    Some(Party::Name(name))
}

/// `text` itself when it holds no invisible mark and starts and ends with no
/// space (most captured names), found without building a `Cow` twice.
fn plain_name(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    // A white space character outside ASCII starts with one of these bytes.
    let starts_with_space = if first.is_ascii() {
        char::from(first).is_whitespace()
    } else {
        matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3)
    };
    // An ASCII last byte is the last character: no decoding.
    let ends_with_space = match bytes.last() {
        Some(&last) if last.is_ascii() => char::from(last).is_whitespace(),
        _ => text.chars().next_back()?.is_whitespace(),
    };
    // Every invisible mark starts with E2 or EF.
    let may_have_marks = holds_either(bytes, 0xE2, 0xEF);
    (!starts_with_space && !ends_with_space && !may_have_marks).then_some(text)
}

/// One of [`PRONOUNS`] or [`DETERMINERS`] as a little-endian `u64` (none is longer
/// than eight bytes), to be compared with a [`FirstWord`] in one go.
#[derive(Clone, Copy)]
struct ListedWord {
    /// The word's bytes, zeros after them.
    key: u64,
    /// Ones over the word's bytes.
    mask: u64,
    len: usize,
    /// The word ends with an apostrophe ("j'", "l'"): a name's first word starting
    /// with it is that word too ("J'ai").
    elided: bool,
}

/// The [`ListedWord`]s of `words`, in the same order (the masks of
/// [`by_first_byte`] index both).
const fn listed_words<const N: usize>(words: [&str; N]) -> [ListedWord; N] {
    let mut listed = [ListedWord {
        key: 0,
        mask: 0,
        len: 0,
        elided: false,
    }; N];
    let mut index = 0;
    while index < N {
        let bytes = words[index].as_bytes();
        assert!(bytes.len() <= 8, "a listed word outgrew its key");
        let mut key = 0u64;
        let mut at = bytes.len();
        while at > 0 {
            at -= 1;
            key = (key << 8) | bytes[at] as u64;
        }
        listed[index] = ListedWord {
            key,
            mask: if bytes.len() == 8 {
                u64::MAX
            } else {
                (1 << (8 * bytes.len())) - 1
            },
            len: bytes.len(),
            elided: bytes[bytes.len() - 1] == b'\'',
        };
        index += 1;
    }
    listed
}

/// [`PRONOUNS`] as [`ListedWord`]s.
static PRONOUN_WORDS: [ListedWord; PRONOUNS.len()] = listed_words(PRONOUNS);

/// [`DETERMINERS`] as [`ListedWord`]s.
static DETERMINER_WORDS: [ListedWord; DETERMINERS.len()] = listed_words(DETERMINERS);

/// The first word of a name (up to its first space), in lower case as far as the
/// listed words need, without allocating: its first eight bytes lowered in one `u64`.
///
/// The listed words are written with ASCII letters, `'` and `ç`, and no character but
/// an ASCII one, `Ç` or `ç` has a lower case made of those alone, or starting with
/// `j`, `l` or `'` (a test reads the whole of Unicode for it). So only ASCII capitals
/// and `Ç` are lowered: any other character leaves bytes no listed word has, and the
/// comparison fails there as it would on the word in lower case. No
/// `char::to_lowercase`, whose tables cost more than the rest of the name.
struct FirstWord {
    /// The name's first eight bytes (zeros after its end), ASCII capitals and `Ç`
    /// lowered.
    lower: u64,
    /// The first word's length in bytes; 9 for any longer word (longer than any
    /// listed word).
    len: usize,
}

impl FirstWord {
    fn of(name: &[u8]) -> FirstWord {
        let head = eight_bytes(name, 0);
        let spaces = bytes_equal(head, b' ');
        let len = if spaces != 0 {
            (spaces.trailing_zeros() / 8) as usize
        } else if name.len() <= 8 {
            name.len()
        } else if name[8] == b' ' {
            8
        } else {
            9
        };
        FirstWord {
            lower: lower_ascii_and_cedilla(head),
            len,
        }
    }

    /// Whether the word in lower case is `word`.
    fn is(&self, word: &ListedWord) -> bool {
        self.len == word.len && self.lower & word.mask == word.key
    }

    /// Whether the word in lower case starts with `word`.
    fn starts_with(&self, word: &ListedWord) -> bool {
        self.len >= word.len && self.lower & word.mask == word.key
    }
}

/// `eight` (eight bytes of UTF-8, little-endian) with its ASCII capitals and the
/// second byte of each `Ç` (C3 87, lowered to C3 A7) lowered: both by adding 0x20.
fn lower_ascii_and_cedilla(eight: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seven = eight & !HIGH;
    // The high bit of each byte at least `A`, and of each one past `Z` (no carry
    // crosses a byte: a seven-bit byte plus less than 0x80).
    let from_a = seven + eight_times(0x80 - b'A');
    let past_z = seven + eight_times(0x80 - b'Z' - 1);
    let capitals = from_a & !past_z & !eight & HIGH;
    let cedilla_ends = bytes_equal(eight, 0x87) & (bytes_equal(eight, 0xC3) << 8);
    eight | ((capitals | cedilla_ends) >> 2)
}

/// The non-contact prefix `~` + U+202F (or a plain space) removed, as for authors.
fn strip_non_contact(name: &str) -> &str {
    if !name.starts_with('~') {
        return name;
    }
    name.strip_prefix("~\u{202F}")
        .or_else(|| name.strip_prefix("~ "))
        .unwrap_or(name)
}

/// "A, B et C" as three persons.
fn member_list(text: &str) -> Option<Vec<Party<'_>>> {
    // A loop over the bytes, not `str::contains`, whose searcher costs more to build
    // than a name to read.
    if !text.contains(',') && !text.as_bytes().windows(4).any(|four| four == b" et ") {
        // One name, the usual case: no searchers to build.
        return Some(vec![person(text)?]);
    }
    let mut members = Vec::new();
    let mut items = text.split(", ").peekable();
    while let Some(item) = items.next() {
        if items.peek().is_none() {
            // Only the last item can hold " et ": "A, B et C" / "A et B".
            match item.rsplit_once(" et ") {
                Some((before, last)) => {
                    members.push(person(before)?);
                    members.push(person(last)?);
                }
                None => members.push(person(item)?),
            }
        } else {
            members.push(person(item)?);
        }
    }
    Some(members)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::FoldSpace;

    #[test]
    fn tail_verbs_are_found_from_their_z() {
        for (text, holds) in [
            ("Vous avez bloqué ce contact. Appuyez pour débloquer", true),
            ("Appel manqué, Touchez pour rappeler", true),
            ("x Cliquez", true),
            ("Vous avez ajouté Karim", false),
            // A verb needs its space: at the very start there is none.
            ("Appuyez pour voir", false),
            ("zz Appuyez", true),
            ("z", false),
            ("", false),
        ] {
            assert_eq!(holds_tail_verb(text.as_bytes()), holds, "{text:?}");
        }
    }

    #[test]
    fn first_words_need_no_case_tables() {
        // What `FirstWord` relies on: only ASCII characters, `Ç` and `ç` lower to
        // characters that are all in the listed words, or to a start of `j`, `l` or `'`.
        let listed: Vec<char> = PRONOUNS
            .iter()
            .chain(DETERMINERS.iter())
            .flat_map(|w| w.chars())
            .collect();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_ascii() || c == 'Ç' || c == 'ç' {
                continue;
            }
            let lower: Vec<char> = c.to_lowercase().collect();
            assert!(lower.iter().any(|l| !listed.contains(l)), "{c:?}");
            assert!(!matches!(lower.first(), Some('j' | 'l' | '\'')), "{c:?}");
        }
        // And the first word agrees with `str::to_lowercase` on the listed words.
        for name in [
            "Maël",
            "ÇA",
            "Ça",
            "ÇA va",
            "J'ai",
            "J'",
            "L'Équipe",
            "Élodie",
            "PERSONNE",
            "PERSONNE ici",
            "Personnes",
            "Personnes là",
            "Il",
            "İl",
            "ça",
            "Le Bon Coin",
            "LES amis",
            "le\0",
            "Zoé",
            "cet",
            "Cet été",
            "Ç",
            "aÇa",
            "du",
            "Du ",
            "DU",
            "Dupont",
            "🌸 Ma",
        ] {
            let first_word = FirstWord::of(name.as_bytes());
            let lower = name.split(' ').next().unwrap_or_default().to_lowercase();
            let words = PRONOUN_WORDS.iter().zip(PRONOUNS);
            for (word, listed) in words.chain(DETERMINER_WORDS.iter().zip(DETERMINERS)) {
                assert_eq!(first_word.is(word), lower == listed, "{name} {listed}");
                assert_eq!(word.elided, listed.ends_with('\''), "{listed}");
                if word.elided {
                    assert_eq!(
                        first_word.starts_with(word),
                        lower.starts_with(listed),
                        "{name} {listed}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_names_are_those_trimming_and_mark_removal_keep() {
        for plain in ["Élodie Marchand", "+33 6 39 98 00 11", "Léa 🌸", "x"] {
            assert_eq!(plain_name(plain), Some(plain));
            assert_eq!(trim_cow(without_marks(plain)), plain);
        }
        for not_plain in [
            "",
            " Léa",
            "Léa\u{A0}",
            "\u{2068}Léa\u{2069}",
            "Lé\u{200E}a",
            "\u{3000}Léa",
            "\u{1680}Léa",
            "\u{85}Léa",
            "Léa\u{0B}",
        ] {
            assert_eq!(plain_name(not_plain), None, "{not_plain:?}");
        }
    }

    #[test]
    fn required_literals_are_words_no_match_can_lack() {
        assert_eq!(
            required_literal("{actor} a rejoint ce groupe grâce à son lien d'invitation")
                .as_deref(),
            Some("a rejoint ce groupe grâce à son lien d'invitation")
        );
        // Optional characters and groups are left out; top-level alternatives give none.
        assert_eq!(
            required_literal(r"{actor} {a} ajouté{e} {members}").as_deref(),
            Some("ajouté")
        );
        assert_eq!(
            required_literal(r"Appels? manqués?").as_deref(),
            Some("manqué")
        );
        assert_eq!(required_literal("a|b"), None);
        assert_eq!(required_literal("{actor}"), None);
    }
    use serde_json::json;

    fn name(name: &str) -> Party<'_> {
        Party::Name(Cow::Borrowed(name))
    }

    fn text(value: &str) -> Cow<'_, str> {
        Cow::Borrowed(value)
    }

    /// One real sentence per catalogue line, with the event it states.
    fn cases() -> Vec<(&'static str, SystemEvent<'static>)> {
        use SystemEvent as E;
        vec![
            ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.", E::EncryptionNotice),
            ("\u{200E}Les messages et les appels sont désormais chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.", E::EncryptionNotice),
            ("Les messages et les appels sont chiffrés de bout en bout. Seules les personnes prenant part à cette discussion peuvent les lire, les écouter ou les partager. En savoir plus", E::EncryptionNotice),
            ("Les messages envoyés dans cette discussion et les appels sont désormais protégés avec le chiffrement de bout en bout. Appuyez pour plus d'informations.", E::EncryptionNotice),
            ("Les messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de bout en bout.", E::EncryptionNotice),
            ("Les messages que vous envoyez dans ce groupe sont protégés avec le chiffrement de bout en bout. Cliquez pour plus d'informations.", E::EncryptionNotice),
            ("Vos messages et vos appels sont protégés avec le chiffrement de bout en bout. Cela signifie que WhatsApp et les tiers ne peuvent pas les voir ni les écouter.", E::EncryptionNotice),
            ("\u{200E}Votre code de sécurité avec l’ensemble des participant·es a changé. \u{200E}Appuyez pour en savoir plus.", E::SecurityCodeChanged { actor: None, subtype: Some("all_participants") }),
            ("Votre code de sécurité avec Élodie Marchand a changé, car il y a eu déconnexion sur l'un de ses appareils. Appuyez pour en savoir plus.", E::SecurityCodeChanged { actor: Some(name("Élodie Marchand")), subtype: Some("device_logged_out") }),
            ("\u{200E}\u{200E}Votre code de sécurité avec Élodie Marchand a changé. \u{200E}Appuyez pour en savoir plus.", E::SecurityCodeChanged { actor: Some(name("Élodie Marchand")), subtype: None }),
            ("Le code de sécurité de +33 6 39 98 00 11 a changé. Appuyez pour plus d'informations.", E::SecurityCodeChanged { actor: Some(name("+33 6 39 98 00 11")), subtype: None }),
            ("Vous avez créé le groupe “Anniv Marion&JL”", E::GroupCreated { actor: Some(Party::You), group_name: text("Anniv Marion&JL") }),
            ("\u{200E}Le créateur du groupe a créé le groupe \"Rando\"", E::GroupCreated { actor: None, group_name: text("Rando") }),
            ("\u{200E}Léa a créé le groupe «\u{202F}L’été à Brest\u{202F}»", E::GroupCreated { actor: Some(name("Léa")), group_name: text("L’été à Brest") }),
            ("\u{200E}Léa a ajouté ce groupe à la communauté \"Quartier Nord\". Appuyez pour voir.", E::CommunityEvent { subtype: "group_added", actor: Some(name("Léa")), members: vec![], community: Some(text("Quartier Nord")) }),
            ("\u{200E}Ce groupe a été ajouté à une communauté. Appuyez pour voir.", E::CommunityEvent { subtype: "group_added", actor: None, members: vec![], community: None }),
            ("Vous avez créé la communauté \"Quartier Nord\"", E::CommunityEvent { subtype: "community_created", actor: Some(Party::You), members: vec![], community: Some(text("Quartier Nord")) }),
            ("Léa a créé la communauté « Quartier Nord »", E::CommunityEvent { subtype: "community_created", actor: Some(name("Léa")), members: vec![], community: Some(text("Quartier Nord")) }),
            ("\u{200E}Léa vous a ajouté·e à ce groupe et à la communauté", E::CommunityEvent { subtype: "added_to_community", actor: Some(name("Léa")), members: vec![Party::You], community: None }),
            ("Léa vous a ajouté", E::MemberAdded { actor: Some(name("Léa")), members: vec![Party::You] }),
            ("Vous avez été ajouté(e)", E::MemberAdded { actor: None, members: vec![Party::You] }),
            ("Vous avez ajouté Karim", E::MemberAdded { actor: Some(Party::You), members: vec![name("Karim")] }),
            ("Karim a été ajouté(e)", E::MemberAdded { actor: None, members: vec![name("Karim")] }),
            ("\u{200E}Léa a ajouté Karim, +33 6 39 98 00 12 et Zoé", E::MemberAdded { actor: Some(name("Léa")), members: vec![name("Karim"), name("+33 6 39 98 00 12"), name("Zoé")] }),
            ("\u{200E}Léa vous a retiré·e", E::MemberRemoved { actor: Some(name("Léa")), members: vec![Party::You] }),
            ("Vous avez été retiré(e)", E::MemberRemoved { actor: None, members: vec![Party::You] }),
            ("Vous avez retiré Karim et Zoé", E::MemberRemoved { actor: Some(Party::You), members: vec![name("Karim"), name("Zoé")] }),
            ("\u{200E}Karim a été retiré·e", E::MemberRemoved { actor: None, members: vec![name("Karim")] }),
            ("Léa a retiré Karim", E::MemberRemoved { actor: Some(name("Léa")), members: vec![name("Karim")] }),
            ("\u{200E}Vous êtes parti·e", E::MemberLeft { actor: Party::You }),
            ("Karim est parti(e)", E::MemberLeft { actor: name("Karim") }),
            ("Vous avez quitté le groupe", E::MemberLeft { actor: Party::You }),
            ("Karim a quitté", E::MemberLeft { actor: name("Karim") }),
            ("\u{200E}Vous avez rejoint le groupe grâce à son lien d'invitation", E::MemberJoinedViaLink { actor: Party::You }),
            ("Vous avez intégré le groupe en utilisant le lien d'invitation", E::MemberJoinedViaLink { actor: Party::You }),
            ("\u{200E}+33 6 39 98 00 01 a rejoint ce groupe grâce à son lien d’invitation", E::MemberJoinedViaLink { actor: name("+33 6 39 98 00 01") }),
            ("Karim a intégré ce groupe grâce au lien d'invitation", E::MemberJoinedViaLink { actor: name("Karim") }),
            ("\u{200E}Karim a rejoint le groupe depuis la communauté", E::MemberJoined { actor: name("Karim"), subtype: Some("from_community") }),
            ("\u{200E}Karim a rejoint le groupe grâce à votre invitation.", E::MemberJoined { actor: name("Karim"), subtype: Some("your_invitation") }),
            ("\u{200E}Karim a rejoint le groupe", E::MemberJoined { actor: name("Karim"), subtype: None }),
            ("\u{200E}+33 6 39 98 00 03 a demandé à rejoindre le groupe.", E::JoinRequest { actor: name("+33 6 39 98 00 03") }),
            ("\u{200E}Vous êtes désormais admin", E::AdminPromoted { members: vec![Party::You] }),
            ("Vous êtes maintenant un administrateur", E::AdminPromoted { members: vec![Party::You] }),
            ("Karim est maintenant admin", E::AdminPromoted { members: vec![name("Karim")] }),
            ("\u{200E}Vous n’êtes plus admin", E::AdminDemoted { members: vec![Party::You] }),
            ("Karim n'est plus admin", E::AdminDemoted { members: vec![name("Karim")] }),
            ("Vous avez changé le sujet “Rando” en “Rando 2025”", E::GroupSubjectChanged { actor: Some(Party::You), old_subject: Some(text("Rando")), subject: text("Rando 2025") }),
            ("\u{200E}Vous avez changé le sujet en \"Rando\".", E::GroupSubjectChanged { actor: Some(Party::You), old_subject: None, subject: text("Rando") }),
            ("Vous avez remplacé le sujet par \"Rando\".", E::GroupSubjectChanged { actor: Some(Party::You), old_subject: None, subject: text("Rando") }),
            ("\u{200E}Quelqu’un a remplacé le sujet par \"Rando\".", E::GroupSubjectChanged { actor: None, old_subject: None, subject: text("Rando") }),
            ("Léa a modifié le sujet \"Rando\" en \"Rando : 2025\"", E::GroupSubjectChanged { actor: Some(name("Léa")), old_subject: Some(text("Rando")), subject: text("Rando : 2025") }),
            ("Léa a modifié le sujet en “Rando : 2025”", E::GroupSubjectChanged { actor: Some(name("Léa")), old_subject: None, subject: text("Rando : 2025") }),
            ("\u{200E}Léa a remplacé le sujet par \"L’été\".", E::GroupSubjectChanged { actor: Some(name("Léa")), old_subject: None, subject: text("L’été") }),
            ("Léa a changé le nom du groupe en « Rando »", E::GroupSubjectChanged { actor: Some(name("Léa")), old_subject: None, subject: text("Rando") }),
            ("\u{200E}Quelqu'un a modifié la description du groupe. Appuyez pour voir.", E::GroupDescriptionChanged { actor: None }),
            ("\u{200E}Léa a changé la description du groupe. Cliquez pour voir.", E::GroupDescriptionChanged { actor: Some(name("Léa")) }),
            ("Vous avez changé l'icône de ce groupe", E::GroupIconChanged { actor: Party::You }),
            ("Léa a supprimé l’icône de ce groupe", E::GroupIconRemoved { actor: name("Léa") }),
            ("\u{200E}Léa a changé les réglages de ce groupe de façon à ce que seulement les admins puissent modifier les informations du groupe.", E::GroupSettingsChanged { actor: name("Léa"), subtype: Some("only_admins_edit_info") }),
            ("\u{200E}Léa a changé les réglages de ce groupe de façon à ce que seulement les admins puissent envoyer des messages dans ce groupe.", E::GroupSettingsChanged { actor: name("Léa"), subtype: Some("only_admins_send") }),
            ("\u{200E}Léa a modifié les réglages de ce groupe de façon à autoriser tous les membres à y ajouter d'autres personnes.", E::GroupSettingsChanged { actor: name("Léa"), subtype: Some("all_members_add") }),
            ("Vous avez changé les réglages de ce groupe de façon à ce que tous les membres puissent modifier les informations du groupe.", E::GroupSettingsChanged { actor: Party::You, subtype: Some("all_members_edit_info") }),
            ("Léa a changé les réglages de ce groupe de façon à ce que tous les participant·es puissent envoyer des messages.", E::GroupSettingsChanged { actor: name("Léa"), subtype: Some("all_members_send") }),
            ("Léa a changé les réglages de ce groupe de façon à ce que seuls les admins puissent y ajouter d'autres personnes.", E::GroupSettingsChanged { actor: name("Léa"), subtype: Some("only_admins_add") }),
            ("\u{200E}Vous avez activé l'approbation de l'admin pour rejoindre ce groupe.", E::AdminApprovalEnabled { actor: Party::You }),
            ("\u{200E}Léa a désactivé l’approbation de l’admin pour rejoindre ce groupe.", E::AdminApprovalDisabled { actor: name("Léa") }),
            ("\u{200E}Léa a réinitialisé le lien d'invitation à ce groupe. Appuyez pour voir le nouveau lien d'invitation.", E::InviteLinkReset { actor: name("Léa") }),
            ("Vous avez révoqué le lien d'invitation de ce groupe. Appuyez pour voir le nouveau lien d'invitation.", E::InviteLinkReset { actor: Party::You }),
            ("Léa a épinglé un message", E::MessagePinned { actor: name("Léa") }),
            ("\u{200E}Karim a changé de numéro de téléphone. Vous êtes en train de discuter avec son nouveau numéro.", E::PhoneNumberChanged { actor: Some(name("Karim")), old_number: None, new_number: None }),
            ("\u{200E}Karim a changé de numéro de téléphone. Appuyez pour envoyer un message ou ajouter le nouveau numéro.", E::PhoneNumberChanged { actor: Some(name("Karim")), old_number: None, new_number: None }),
            ("Le numéro de Karim est passé du +33 6 39 98 00 21 au +33 6 39 98 00 22.", E::PhoneNumberChanged { actor: Some(name("Karim")), old_number: Some(text("+33 6 39 98 00 21")), new_number: Some(text("+33 6 39 98 00 22")) }),
            ("+33 6 39 98 00 21 est passé à +33 6 39 98 00 22", E::PhoneNumberChanged { actor: None, old_number: Some(text("+33 6 39 98 00 21")), new_number: Some(text("+33 6 39 98 00 22")) }),
            ("+33 6 39 98 00 21 est devenu +33 6 39 98 00 22", E::PhoneNumberChanged { actor: None, old_number: Some(text("+33 6 39 98 00 21")), new_number: Some(text("+33 6 39 98 00 22")) }),
            ("\u{200E}Léa a activé les messages éphémères. Tous les nouveaux messages disparaîtront de cette discussion 7\u{A0}jours après avoir été envoyés. Appuyez pour modifier.", E::DisappearingMessagesOn { actor: name("Léa"), duration: Some(text("7\u{A0}jours")) }),
            ("\u{200E}Léa a désactivé les messages éphémères. Appuyez pour modifier.", E::DisappearingMessagesOff { actor: name("Léa") }),
            ("\u{200E}Vous avez mis à jour le délai avant disparition.", E::DisappearingTimerUpdated { actor: Party::You }),
            ("\u{200E}Vous utilisez une durée des messages éphémères par défaut pour les nouvelles discussions. Tous les nouveaux messages disparaîtront de cette discussion 24 heures après avoir été envoyés.", E::DefaultTimerNotice { duration: Some(text("24 heures")) }),
            ("\u{200E}Vous avez bloqué ce contact.", E::ContactBlocked { subtype: None }),
            ("\u{200E}Vous avez bloqué cette entreprise", E::ContactBlocked { subtype: Some("business") }),
            ("\u{200E}Vous avez débloqué ce contact.", E::ContactUnblocked { subtype: None }),
            ("Vous avez débloqué cette entreprise.", E::ContactUnblocked { subtype: Some("business") }),
            ("\u{200E}Cette entreprise utilise un service sécurisé de la société Meta pour gérer cette discussion. Appuyez pour en savoir plus.", E::BusinessNotice { actor: None, subtype: Some("meta_hosted") }),
            ("\u{200E}Boulangerie Kerlann est désormais enregistrée comme compte professionnel. Appuyez pour en savoir plus.", E::BusinessNotice { actor: Some(name("Boulangerie Kerlann")), subtype: Some("business_account") }),
            ("\u{200E}Appel vocal manqué", E::MissedVoiceCall),
            ("\u{200E}Appel vidéo manqué, \u{200E}Appuyez pour rappeler", E::MissedVideoCall),
            ("\u{200E}Appel vocal de groupe manqué", E::MissedGroupCall { subtype: None }),
            ("Appel vidéo de groupe manqué", E::MissedGroupCall { subtype: Some("video") }),
        ]
    }

    #[test]
    fn every_catalogue_line_has_a_real_sentence() {
        let mut seen = vec![false; CATALOGUE.len()];
        for (sentence, expected) in cases() {
            let Some((index, event)) = recognize_entry(sentence) else {
                panic!("not recognised: {sentence:?}");
            };
            assert_eq!(event, expected, "{sentence:?}");
            seen[index] = true;
        }
        for (index, covered) in seen.iter().enumerate() {
            assert!(
                covered,
                "no test sentence for catalogue line {:?}",
                CATALOGUE[index].pattern
            );
        }
    }

    #[test]
    fn variants_of_typography_and_inclusive_forms() {
        let variants = [
            ("Léa vous a ajouté(e)", "member_added"),
            ("Léa vous a ajouté·e.", "member_added"),
            ("Léa vous a ajoutée", "member_added"),
            ("\u{200E}Karim est parti·e.", "member_left"),
            ("Karim est parti", "member_left"),
            (
                "Karim a rejoint ce groupe grâce à son lien d'invitation.",
                "member_joined_via_link",
            ),
            (
                "Léa a créé le groupe \u{201C} Rando \u{201D}",
                "group_created",
            ),
            ("Léa a créé le groupe «\u{A0}Rando\u{A0}».", "group_created"),
            ("Léa\u{200E} a\u{A0}retiré Karim", "member_removed"),
            ("Vous n\u{2019}êtes plus un administrateur", "admin_demoted"),
        ];
        for (sentence, kind) in variants {
            let event = recognize(sentence).unwrap_or_else(|| panic!("{sentence:?}"));
            assert_eq!(event.type_name(), kind, "{sentence:?}");
        }
    }

    #[test]
    fn names_come_back_as_written() {
        let event = recognize("\u{200E}~\u{202F}Maïa Le Goff a changé l’icône de ce groupe");
        assert_eq!(
            event,
            Some(SystemEvent::GroupIconChanged {
                actor: name("Maïa Le Goff")
            })
        );
        let Some(SystemEvent::GroupSubjectChanged { subject, .. }) =
            recognize("Léa a modifié le sujet en «\u{A0}Rando\u{A0}: l’été\u{A0}»")
        else {
            panic!("subject not recognised");
        };
        assert_eq!(subject, "Rando\u{A0}: l’été");
        assert!(matches!(subject, Cow::Borrowed(_)));
    }

    #[test]
    fn own_words_are_not_events() {
        let prose = [
            "Vous avez ajouté quoi ?",
            "Il a ajouté du sel",
            "Marie a ajouté du sel",
            "Il est parti",
            "Elle est partie au marché hier",
            "Léa a ajouté Karim hier soir ?",
            "Je pense que Léa a ajouté Karim",
            "Appel vocal manqué hier, tu peux rappeler ?",
            "Vous avez créé le groupe ?",
            "Léa a créé le groupe",
            "Ce message a été supprimé",
            "Bonjour à tous",
            "Paul est passé à la maison",
            "Karim a rejoint le groupe de rando hier",
            "Les messages et les appels sont chiffrés de bout en bout, paraît-il",
            "Léa a modifié le sujet en \"Rando\" et puis quoi ?",
            "",
            "\u{200E}",
        ];
        for sentence in prose {
            assert_eq!(recognize(sentence), None, "{sentence:?}");
        }
    }

    #[test]
    fn json_shape() {
        let event = recognize("\u{200E}Léa a ajouté Karim et vous").map(SystemEvent::into_owned);
        assert_eq!(
            serde_json::to_value(event).unwrap(),
            json!({"type": "member_added", "actor": {"name": "Léa"}, "members": [{"name": "Karim"}, "you"]})
        );
        let event = recognize("Vous avez changé le sujet en \"Rando\"");
        assert_eq!(
            serde_json::to_value(event).unwrap(),
            json!({"type": "group_subject_changed", "actor": "you", "subject": "Rando"})
        );
        let unknown = SystemEvent::Unknown {
            text: text("Quelque chose"),
        };
        assert_eq!(
            serde_json::to_value(&unknown).unwrap(),
            json!({"type": "unknown", "text": "Quelque chose"})
        );
        assert_eq!(unknown.type_name(), "unknown");
        assert_eq!(
            serde_json::to_value(SystemEvent::MissedVoiceCall).unwrap(),
            json!({"type": "missed_voice_call"})
        );
    }

    #[test]
    fn type_name_matches_json() {
        for (sentence, _) in cases() {
            let event = recognize(sentence).map(SystemEvent::into_owned);
            let value = serde_json::to_value(&event).unwrap();
            assert_eq!(
                value["type"],
                event.map(|e| e.type_name()).unwrap_or_default()
            );
        }
    }

    /// Sentences for comparing the template matcher with the regexes: every row's
    /// sentence, and texts that come close to a wording without being one.
    fn comparison_texts() -> Vec<String> {
        let mut texts: Vec<String> = cases().into_iter().map(|(s, _)| s.to_owned()).collect();
        let more = [
            "Vous avez ajouté quoi ?",
            "Marie a ajouté du sel",
            "Léa a ajouté Karim hier soir ?",
            "Je pense que Léa a ajouté Karim",
            "Léa a ajouté Karim.",
            "Léa a ajouté Karim..",
            "Léa a ajouté Karim a ajouté Zoé",
            "Léa a ajouté\nKarim",
            "Léa\na ajouté Karim",
            "Léa a ajouté Karim\n",
            "a ajouté Karim",
            "Léa a ajouté ",
            "Léa vous a ajouté·e·e",
            "Léa vous a ajouté(e).",
            "Léa vous a ajouté-e",
            "Karim est partie.",
            "Karim est parti-e.",
            "Karim et Zoé ont été ajouté·es",
            "Karim et Zoé sont désormais administratrices",
            "Karim n'est plus un admin.",
            "Léa a modifié le sujet \"A\" en \"B\" en \"C\"",
            "Léa a modifié le sujet en \"\"",
            "Léa a modifié le sujet en \" Rando \".",
            "Léa a modifié le sujet en \"Rando\" et puis quoi ?",
            "Léa a changé le nom du groupe \"A\" en \"B\"",
            "Léa a activé les messages éphémères. Les nouveaux messages disparaîtront 90 jours après. Appuyez pour modifier.",
            "Léa a activé les messages éphémères.",
            "Appel vocal manqué, Touchez ici pour rappeler.",
            "Appel vocal manqué hier, tu peux rappeler ?",
            "Les messages et les appels sont chiffrés de bout en bout, paraît-il",
            "Votre code de sécurité avec l'ensemble des participants a changé",
            "Votre code de sécurité avec l'ensemble des participant(e)s a changé. Touchez pour en savoir plus.",
            "+33 6 39 98 00 21 est passé à +33 6 39 98 00 22",
            "Paul est passé à la maison",
            "Vous utilisez une durée des messages éphémères par défaut pour les nouvelles discussions. 7 jours.",
            "",
            ".",
            "\u{200E}",
        ];
        texts.extend(more.iter().map(|s| s.to_string()));
        texts
    }

    /// A line's captures as the regex finds them, by capture name.
    fn regex_captures(matcher: &Matcher, text: &str) -> Option<Vec<Option<Range<usize>>>> {
        let captures = matcher.regex().captures(text)?;
        Some(
            CAPTURE_NAMES
                .iter()
                .map(|name| captures.name(name).map(|found| found.range()))
                .collect(),
        )
    }

    #[test]
    fn templates_agree_with_the_regexes_on_every_line() {
        for text in comparison_texts() {
            let mut space = FoldSpace::default();
            let folded = Folded::new_in(&text, &mut space);
            for (index, matcher) in MATCHERS.iter().enumerate() {
                if !matcher.template.executable() {
                    continue;
                }
                let spans_of = |found: Found| match found {
                    Found::Match(groups) => {
                        let mut spans = vec![None; CAPTURE_NAMES.len()];
                        for (group, name) in matcher.template.names().iter().enumerate() {
                            let range = groups.get(group);
                            let at = CAPTURE_NAMES.iter().position(|n| **n == **name).unwrap();
                            spans[at] = range;
                        }
                        Some(spans)
                    }
                    Found::NoMatch => None,
                    Found::GaveUp => panic!("gave up on {text:?}, line {index}"),
                };
                // The plan (when the line has one) and the backtracking agree.
                let by_template = spans_of(matcher.template.find(folded.text));
                let by_backtracking = spans_of(matcher.template.find_by_backtracking(folded.text));
                assert_eq!(by_template, by_backtracking, "line {index} on {text:?}");
                assert_eq!(
                    by_template,
                    regex_captures(matcher, folded.text),
                    "line {index} {:?} on {text:?}",
                    CATALOGUE[index].pattern
                );
            }
        }
    }

    #[test]
    fn the_index_never_turns_away_a_match() {
        for text in comparison_texts() {
            let mut space = FoldSpace::default();
            let folded = Folded::new_in(&text, &mut space);
            let candidates = INDEX.candidates(folded.text.as_bytes());
            for (index, matcher) in MATCHERS.iter().enumerate() {
                if regex_captures(matcher, folded.text).is_some() {
                    assert!(candidates & (1 << index) != 0, "line {index} on {text:?}");
                }
            }
        }
    }

    #[test]
    fn tails_are_cut_where_the_token_allows() {
        let starts = |text: &str| {
            let mut found = Vec::new();
            tail_starts(text.as_bytes(), |start| {
                found.push(String::from_utf8(start.to_vec()).unwrap())
            });
            found
        };
        assert_eq!(
            starts("Léa a demandé à rejoindre le groupe. Appuyez pour voir"),
            [
                "Léa a demandé à rejoindre le groupe.",
                "Léa a demandé à rejoindre le groupe"
            ]
        );
        assert_eq!(
            starts("x Touchez ici pour y Cliquez pour z"),
            ["x", "x Touchez ici pour y"]
        );
        assert!(starts("x Appuyez pour y. z").is_empty());
        assert!(starts("x Appuyez ici").is_empty());
        assert!(starts("Appuyez pour y").is_empty());
        assert!(starts("zAppuyez pour y").is_empty());
        // What `tail_starts` knows of the token.
        let tail = TOKENS
            .iter()
            .find(|(token, _)| *token == "{tail}")
            .unwrap()
            .1;
        assert_eq!(
            tail,
            r"(?:\.? (?:Appuyez|Cliquez|Touchez) (?:ici )?pour [^.]*)?"
        );
        // Every line with a tail ends with it.
        for entry in CATALOGUE {
            assert_eq!(
                entry.pattern.contains("{tail}"),
                entry.pattern.ends_with("{tail}")
            );
        }
    }

    #[test]
    fn only_counted_repetitions_and_word_boundaries_need_the_regex() {
        for (entry, matcher) in CATALOGUE.iter().zip(MATCHERS.iter()) {
            let needs_regex = matcher.expanded.contains("{4,}") || matcher.expanded.contains(r"\b");
            assert_eq!(
                !matcher.template.executable(),
                needs_regex,
                "{:?}",
                entry.pattern
            );
        }
        // The index still leaves the regex lines out of most sentences.
        let candidates =
            INDEX.candidates("Léa a rejoint ce groupe grâce à son lien d'invitation".as_bytes());
        for (index, matcher) in MATCHERS.iter().enumerate() {
            if !matcher.template.executable() {
                assert_eq!(candidates & (1 << index), 0, "{}", matcher.expanded);
            }
        }
    }

    #[test]
    fn only_a_few_lines_go_without_a_plan() {
        let without_plan: Vec<&str> = CATALOGUE
            .iter()
            .zip(MATCHERS.iter())
            .filter(|(_, matcher)| !matcher.template.has_plan())
            .map(|(entry, _)| entry.pattern)
            .collect();
        // The regex lines, and one with a capture in an optional group.
        assert_eq!(
            without_plan,
            [
                "{actor} {a} (?:changé|modifié) le nom du groupe (?:«old_subject» )?en «subject»",
                "Le numéro de {actor} est passé du {old_number} au {new_number}",
                "{old_number} est passé à {new_number}",
                "{old_number} est devenu {new_number}",
                r"Vous utilisez une durée des messages éphémères par défaut pour les nouvelles discussions(?:\. (?:[^.]*? )?{duration}(?-u:\b).*|\. .*)?",
            ]
        );
    }

    #[test]
    fn a_long_repetitive_line_is_left_to_the_regex() {
        // Each " a ajouté " is a place the actor could end, and the line feed makes
        // each of them fail only at the end: the backtracking gives up, the regex
        // decides. The plan sees at each place that the members would hold the line
        // feed, at once, and says no as the regex does.
        let text = format!("{}x\ny", "Léa a ajouté ".repeat(5_000));
        let matcher = &MATCHERS[23];
        assert_eq!(CATALOGUE[23].pattern, "{actor} a ajouté {members}");
        assert!(matches!(
            matcher.template.find_by_backtracking(&text),
            Found::GaveUp
        ));
        assert!(matches!(matcher.template.find(&text), Found::NoMatch));
        assert!(regex_captures(matcher, &text).is_none());
        assert!(matcher.spans(&text, text.find('\n').unwrap()).is_none());
        assert_eq!(recognize(&text), None);
        // On one line, the first " a ajouté " is the answer: no need to give up.
        let text = format!("{}x", "Léa a ajouté ".repeat(5_000));
        let Found::Match(groups) = matcher.template.find(&text) else {
            panic!("the template should match");
        };
        let by_regex = regex_captures(matcher, &text).unwrap();
        assert_eq!(groups.get(0), by_regex[ACTOR]);
        assert_eq!(groups.get(1), by_regex[MEMBERS]);
        assert_eq!(groups.get(0), Some(0.."Léa".len()));
    }
}
