//! The compiled alias tables: built once from the reference data.

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use anyhow::{Context, Result};

use super::normalize::{normalize_pattern, Normalized};
use super::who_held::OfficeIndex;
use crate::reference::validate::Term;
use crate::reference::ReferenceData;

/// One entity a matched alias may stand for.
#[derive(Debug, Clone)]
pub(crate) enum Candidate {
    Person {
        /// Index into `ReferenceData.persons`.
        idx: usize,
        /// The alias in its normalised case when it must match exactly.
        exact: Option<String>,
    },
    Country {
        idx: usize,
        exact: Option<String>,
        /// When the alias means this country.
        valid: Term,
    },
}

impl Candidate {
    pub(crate) fn exact(&self) -> Option<&str> {
        match self {
            Candidate::Person { exact, .. } | Candidate::Country { exact, .. } => exact.as_deref(),
        }
    }
}

/// Reference data compiled for matching. Build it once and share it.
pub struct Gazetteer {
    pub(crate) data: ReferenceData,
    /// Person and country aliases, lowercased and normalised.
    pub(crate) names: AhoCorasick,
    pub(crate) candidates: Vec<Vec<Candidate>>,
    pub(crate) offices: AhoCorasick,
    /// Office index per office pattern.
    pub(crate) office_of: Vec<usize>,
    pub(crate) institutions: AhoCorasick,
    pub(crate) institution_of: Vec<usize>,
    pub(crate) positions_by_person: HashMap<String, Vec<usize>>,
    pub(crate) office_index: OfficeIndex,
}

fn automaton<I, P>(patterns: I) -> Result<AhoCorasick>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        // Only anchored searches (see `scan`).
        .start_kind(StartKind::Anchored)
        // A full DFA: a few MB for a few thousand aliases, and the fastest
        // search, which matters at 100k documents.
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .context("building the alias matcher")
}

/// Collects patterns, merging aliases that normalise to the same text.
struct PatternSet<T> {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    values: Vec<Vec<T>>,
}

impl<T> Default for PatternSet<T> {
    fn default() -> Self {
        PatternSet {
            index: HashMap::new(),
            patterns: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T> PatternSet<T> {
    fn add(&mut self, lower_form: String, value: T) {
        if lower_form.is_empty() {
            return;
        }
        let i = *self.index.entry(lower_form.clone()).or_insert_with(|| {
            self.patterns.push(lower_form);
            self.values.push(Vec::new());
            self.patterns.len() - 1
        });
        self.values[i].push(value);
    }
}

impl Gazetteer {
    /// Compiles the alias tables. The data should have passed validation.
    pub fn new(data: &ReferenceData) -> Result<Gazetteer> {
        let person_idx: HashMap<String, usize> = data
            .persons
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let country_idx: HashMap<String, usize> = data
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();

        let mut names: PatternSet<Candidate> = PatternSet::default();
        for a in &data.person_aliases {
            let Some(&idx) = person_idx.get(&a.person_id) else {
                continue;
            };
            let form = normalize_pattern(&a.alias);
            let exact = (a.match_mode.as_deref() != Some("any_case")).then(|| form.clone());
            names.add(lower(&form), Candidate::Person { idx, exact });
        }
        for a in &data.country_aliases {
            let Some(&idx) = country_idx.get(&a.country_id) else {
                continue;
            };
            let form = normalize_pattern(&a.alias);
            let exact = (a.match_mode.as_deref() == Some("exact")).then(|| form.clone());
            let valid = Term::new(a.valid_from.as_deref(), a.valid_to.as_deref());
            names.add(lower(&form), Candidate::Country { idx, exact, valid });
        }
        // Only the alias rows are names: README.md asks for every alias to be
        // explicit, and the curators leave out on purpose surnames that are
        // ordinary words (`Law`, `Reading`).

        let mut offices: PatternSet<usize> = PatternSet::default();
        let office_idx: HashMap<&str, usize> = data
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        for a in &data.office_aliases {
            if let Some(&i) = office_idx.get(a.office_id.as_str()) {
                offices.add(lower(&normalize_pattern(&a.alias)), i);
            }
        }
        for (i, o) in data.offices.iter().enumerate() {
            offices.add(lower(&normalize_pattern(&o.title)), i);
        }
        let mut institutions: PatternSet<usize> = PatternSet::default();
        let inst_idx: HashMap<&str, usize> = data
            .institutions
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        for a in &data.institution_aliases {
            if let Some(&i) = inst_idx.get(a.institution_id.as_str()) {
                institutions.add(lower(&normalize_pattern(&a.alias)), i);
            }
        }
        for (i, o) in data.institutions.iter().enumerate() {
            institutions.add(lower(&normalize_pattern(&o.name)), i);
        }

        let mut positions_by_person: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in data.positions.iter().enumerate() {
            positions_by_person
                .entry(p.person_id.clone())
                .or_default()
                .push(i);
        }

        Ok(Gazetteer {
            names: automaton(&names.patterns)?,
            candidates: names.values,
            // Several aliases of one office merge into one pattern; the
            // first office listed for a text wins (validation keeps them apart).
            office_of: offices
                .values
                .iter()
                .map(|v| v.first().copied().unwrap_or(0))
                .collect(),
            offices: automaton(&offices.patterns)?,
            institution_of: institutions
                .values
                .iter()
                .map(|v| v.first().copied().unwrap_or(0))
                .collect(),
            institutions: automaton(&institutions.patterns)?,
            positions_by_person,
            office_index: OfficeIndex::new(data),
            data: data.clone(),
        })
    }

    /// The reference data this gazetteer was built from.
    pub fn data(&self) -> &ReferenceData {
        &self.data
    }
}

fn lower(s: &str) -> String {
    super::normalize::normalize(s).lower
}

/// A match in normalised text that passed the boundary checks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub pattern: usize,
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// Scans `n.lower` for aliases at word starts, longest first, keeping only
/// matches that end at a word boundary and that `accept` takes (it sees the
/// pattern and range and may refuse, e.g. on case). A refused match is
/// retried shorter at the same start before moving on, so a refusal never
/// hides a good match. Matches do not overlap; the leftmost wins.
///
/// Anchored searches at word starts only (instead of one unanchored scan)
/// skip the inside of words, where no alias may start anyway.
pub(crate) fn scan(
    ac: &AhoCorasick,
    n: &Normalized,
    mut accept: impl FnMut(Hit) -> bool,
) -> Vec<Hit> {
    let hay = n.lower.as_bytes();
    let text = n.cased.as_bytes();
    let len = hay.len();
    let mut hits = Vec::new();
    let mut pos = 0;
    let mut prev_alpha = false;
    while pos < len {
        let b = text[pos];
        let (alpha, clen) = if b < 0x80 {
            (b.is_ascii_alphabetic(), 1)
        } else {
            match n.cased.get(pos..).and_then(|t| t.chars().next()) {
                Some(c) => (c.is_alphabetic(), c.len_utf8()),
                None => (false, 1),
            }
        };
        if !prev_alpha && !matches!(b, b' ' | b',' | b'.') {
            let mut end_limit = len;
            let mut found = None;
            // `try_find` cannot fail here (the automaton is built for anchored
            // searches), but an error would only mean "no match", not a panic.
            while let Some(m) = ac
                .try_find(Input::new(hay).span(pos..end_limit).anchored(Anchored::Yes))
                .ok()
                .flatten()
            {
                let hit = Hit {
                    pattern: m.pattern().as_usize(),
                    start: pos,
                    end: m.end(),
                };
                if end_ok(&n.cased, pos, m.end()) && accept(hit) {
                    found = Some(hit);
                    break;
                }
                if m.end() <= pos + 1 {
                    break;
                }
                end_limit = m.end() - 1;
            }
            if let Some(hit) = found {
                hits.push(hit);
                prev_alpha = n.cased[..hit.end]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
                pos = hit.end;
                continue;
            }
        }
        prev_alpha = alpha;
        pos += clen;
    }
    hits
}

/// What may follow a name: a non-letter, a possessive `'s` / `'`, or glued
/// footnote digits (`England129`) that are not followed by a letter.
fn end_ok(s: &str, start: usize, end: usize) -> bool {
    let last = s[start..end].chars().next_back();
    if !last.is_some_and(char::is_alphanumeric) {
        return true;
    }
    let rest = &s[end..];
    let mut it = rest.chars();
    match it.next() {
        None => true,
        Some('\'') => match it.next() {
            Some('s') | Some('S') => !it.next().is_some_and(char::is_alphanumeric),
            Some(c) => !c.is_alphanumeric(),
            None => true,
        },
        Some(c) if c.is_ascii_digit() => {
            // Glued footnote number: digits, then no letter.
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            !after.chars().next().is_some_and(char::is_alphabetic)
        }
        Some(c) => !c.is_alphanumeric(),
    }
}
