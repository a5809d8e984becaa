//! Resolving names in documents against the reference data: person and
//! country mentions in bodies ([`Gazetteer::find_mentions`]), heading
//! parties to persons, positions and institutions
//! ([`Gazetteer::resolve_party`]), and who held an office on a day
//! ([`who_held`]).
//!
//! The [`Gazetteer`] is built once per reference data set (it compiles the
//! alias automaton) and is then shared, read-only, by every document.

mod evidence;
mod gazetteer;
mod mentions;
pub(crate) mod normalize;
mod parties;
mod settle;
mod titles;
mod who_held;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub use gazetteer::Gazetteer;
pub use mentions::{DocumentMentions, DocumentText};
pub use parties::PartyResolution;
pub use who_held::{who_held, who_may_have_held};

/// Which text of a document a mention is in. Offsets count characters of
/// that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Heading,
    /// The "Sent to" line.
    Distribution,
    Body,
    Signature,
    /// The document's footnote at this index (of `ParsedDocument.footnotes`).
    Footnote(usize),
}

impl Field {
    /// The value stored in `mentions.field`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A person or country named in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    /// Where the target stands in the reference data's `persons` or
    /// `countries` (file order): the seeder assigns row ids in that order,
    /// so it finds the row id without looking the key up.
    pub index: usize,
    pub field: Field,
    /// Character offsets into the field's text (from 0, end exclusive):
    /// `substr(text, char_start + 1, char_end - char_start) = surface`.
    pub char_start: usize,
    pub char_end: usize,
    /// The text in that range, as printed (without a possessive `ʹs` or
    /// glued footnote digits).
    pub surface: String,
    /// Why this person, when several share the alias: the alias and the
    /// rule that chose (`mentions.rule`). `None` when the alias names one
    /// entity only.
    pub rule: Option<String>,
}

/// A name the resolver found but could not settle on one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedMention {
    pub field: Field,
    pub char_start: usize,
    pub char_end: usize,
    pub surface: String,
    pub reason: Unresolved,
    /// The title that marked it as a name, or why the candidates tie.
    pub note: String,
    /// For an ambiguous alias: the entities it may mean, with their index in
    /// the reference data's `persons` or `countries`.
    pub candidates: Vec<(Target, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Unresolved {
    /// A capitalised name after a title that matches no alias.
    Unknown,
    /// An alias of several entities that the evidence cannot tell apart.
    Ambiguous,
}

impl Unresolved {
    /// The value stored in `unresolved_mentions.reason`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a mention refers to, by reference-data key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Person(String),
    Country(String),
}
