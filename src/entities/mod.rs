//! Resolving names in documents against the reference data: person and
//! country mentions in bodies ([`Gazetteer::find_mentions`]), heading
//! parties to persons, positions and institutions
//! ([`Gazetteer::resolve_party`]), and who held an office on a day
//! ([`who_held`]).
//!
//! The [`Gazetteer`] is built once per reference data set (it compiles the
//! alias automaton) and is then shared, read-only, by every document.

mod gazetteer;
mod mentions;
pub mod normalize;
mod parties;
mod who_held;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub use gazetteer::Gazetteer;
pub use parties::PartyResolution;
pub use who_held::{same_state, who_held, who_may_have_held};

/// A person or country named in a document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    /// Where the target stands in the reference data's `persons` or
    /// `countries` (file order): the seeder assigns row ids in that order,
    /// so it finds the row id without looking the key up.
    pub index: usize,
    /// Character offsets into the body (from 0, end exclusive):
    /// `substr(body, char_start + 1, char_end - char_start) = surface`.
    pub char_start: usize,
    pub char_end: usize,
    /// The body's text in that range, as printed (without a possessive
    /// `ʹs` or glued footnote digits).
    pub surface: String,
}

/// What a mention refers to, by reference-data key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Person(String),
    Country(String),
}
