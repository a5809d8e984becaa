//! Curated reference data (`seed/reference/*.csv`): persons, aliases,
//! offices, positions, countries and institutions. See
//! `seed/reference/README.md` for the file formats.
//!
//! Rows keep their string keys (`maisky`, `ussr`); the seeder turns keys
//! into integer ids when it writes the tables.

pub(crate) mod load;
pub mod validate;

pub(crate) use load::load_dir;
pub use load::load_embedded;

use serde::Deserialize;

#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    pub countries: Vec<Country>,
    pub country_aliases: Vec<CountryAlias>,
    pub persons: Vec<Person>,
    pub person_aliases: Vec<PersonAlias>,
    pub institutions: Vec<Institution>,
    pub institution_aliases: Vec<InstitutionAlias>,
    pub offices: Vec<Office>,
    pub office_aliases: Vec<OfficeAlias>,
    pub positions: Vec<Position>,
    /// Which state a place (city, region, territory) belonged to, and when.
    pub country_states: Vec<CountryState>,
    /// SHA-256 over all reference files, so the seeder knows when to re-resolve.
    pub fingerprint: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub exists_from: Option<String>,
    pub exists_to: Option<String>,
    pub successor_id: Option<String>,
    pub parent_id: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct CountryAlias {
    pub country_id: String,
    pub alias: String,
    pub kind: String,
    /// `any_case` (default) or `exact`.
    #[serde(rename = "match")]
    pub match_mode: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub surname: String,
    pub given_names: Option<String>,
    pub born: Option<String>,
    pub died: Option<String>,
    pub country_id: Option<String>,
    pub description: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct PersonAlias {
    pub person_id: String,
    pub alias: String,
    pub kind: String,
    /// `exact` (default) or `any_case`.
    #[serde(rename = "match")]
    pub match_mode: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Institution {
    pub id: String,
    pub name: String,
    pub country_id: Option<String>,
    pub kind: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct InstitutionAlias {
    pub institution_id: String,
    pub alias: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Office {
    pub id: String,
    pub title: String,
    /// `1` or `0` in the CSV.
    pub single_holder: u8,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct OfficeAlias {
    pub office_id: String,
    pub alias: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Position {
    pub person_id: String,
    pub office_id: String,
    pub title: String,
    pub country_id: String,
    pub host_country_id: Option<String>,
    /// ISO date at its known precision: `1939-05-03`, `1939-05` or `1939`.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub note: Option<String>,
}

/// One period in which a place (a `countries` row of kind `city`, `region`,
/// `territory` or `republic`) belonged to a state: Bessarabia to Romania
/// 1918-1940, to the USSR from 28 June 1940.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct CountryState {
    pub place_id: String,
    pub state_id: String,
    /// ISO date at its known precision; empty: since before 1919.
    pub date_from: Option<String>,
    /// ISO date at its known precision; empty: past 1941 or unknown.
    pub date_to: Option<String>,
    pub note: Option<String>,
}
