//! Person and country mentions in a document body.

use std::collections::HashSet;

use super::gazetteer::{scan, Candidate, Gazetteer, Hit};
use super::normalize::{normalize, CharCounter, Normalized};
use super::{Mention, Target};
use crate::corpus::Warning;
use crate::reference::validate::{parse_day, Day, Term};

/// A hit whose entity is known, or still open between several persons.
enum Found {
    Person(usize),
    Country(usize),
    /// Several persons share the alias; settled after the whole body is read.
    Persons(Vec<usize>),
    /// Several countries (or a person and a country) and the date cannot tell.
    Unresolvable(String),
}

impl Gazetteer {
    /// Finds person and country mentions in `body`.
    ///
    /// `body_line` is the page line the body starts on (for warnings);
    /// `date` is the document's ISO day, used to pick between entities that
    /// share an alias. An alias two persons share is resolved by another,
    /// unambiguous mention of one of them in the same body, then by which
    /// of them held an office on the date; otherwise it yields no mention
    /// and an `ambiguous_name` warning.
    pub fn find_mentions(
        &self,
        body: &str,
        body_line: u32,
        date: Option<&str>,
    ) -> (Vec<Mention>, Vec<Warning>) {
        let day = date.and_then(parse_day);
        let n = normalize(body);
        let hits = scan(&self.names, &n, |hit| self.case_ok(&n, hit));

        let mut found: Vec<(Hit, Found)> = hits
            .into_iter()
            .map(|h| (h, self.resolve_hit(&n, h, day)))
            .collect();

        // Context: persons named unambiguously in this body. Only needed
        // when some alias is shared by several persons (rare): not built
        // (allocated and hashed) otherwise.
        let named: HashSet<usize> = if found.iter().any(|(_, f)| matches!(f, Found::Persons(_))) {
            found
                .iter()
                .filter_map(|(_, f)| match f {
                    Found::Person(i) => Some(*i),
                    _ => None,
                })
                .collect()
        } else {
            HashSet::new()
        };

        let mut chars = CharCounter::new(body);
        let mut mentions = Vec::with_capacity(found.len());
        let mut warnings = Vec::new();
        for (hit, f) in found.drain(..) {
            let (target, index) = match f {
                Found::Person(i) => (Target::Person(self.data.persons[i].id.clone()), i),
                Found::Country(i) => (Target::Country(self.data.countries[i].id.clone()), i),
                Found::Persons(cands) => match self.settle_persons(&cands, &named, day) {
                    Some(i) => (Target::Person(self.data.persons[i].id.clone()), i),
                    None => {
                        let mut keys: Vec<&str> = cands
                            .iter()
                            .map(|&i| self.data.persons[i].id.as_str())
                            .collect();
                        keys.sort();
                        warnings.push(self.ambiguity(body, &n, hit, body_line, &keys.join(", ")));
                        continue;
                    }
                },
                Found::Unresolvable(keys) => {
                    warnings.push(self.ambiguity(body, &n, hit, body_line, &keys));
                    continue;
                }
            };
            let (bs, be) = (
                n.orig_byte[hit.start] as usize,
                n.orig_byte[hit.end] as usize,
            );
            // The last normalised byte may stand for a run of spaces; the
            // surface never ends in one because aliases are trimmed.
            mentions.push(Mention {
                target,
                index,
                char_start: chars.at(bs),
                char_end: chars.at(be),
                surface: body.get(bs..be).unwrap_or_default().to_string(),
            });
        }
        (mentions, warnings)
    }

    /// True when some candidate of the pattern accepts the text's case.
    fn case_ok(&self, n: &Normalized, hit: Hit) -> bool {
        // Most aliases match in any case: no need to look at the text.
        if self.any_case.get(hit.pattern).copied().unwrap_or(false) {
            return true;
        }
        let text = &n.cased[hit.start..hit.end];
        self.candidates[hit.pattern]
            .iter()
            .any(|c| c.exact().is_none_or(|e| e == text))
    }

    fn resolve_hit(&self, n: &Normalized, hit: Hit, day: Option<Day>) -> Found {
        let text = &n.cased[hit.start..hit.end];
        // Most aliases name one entity: no need to collect anything (the
        // scan has already checked the case).
        if let [only] = self.candidates[hit.pattern].as_slice() {
            return match only {
                Candidate::Person { idx, .. } => Found::Person(*idx),
                Candidate::Country { idx, .. } => Found::Country(*idx),
            };
        }
        let cands: Vec<&Candidate> = self.candidates[hit.pattern]
            .iter()
            .filter(|c| c.exact().is_none_or(|e| e == text))
            .collect();
        let mut persons: Vec<usize> = Vec::new();
        let mut countries: Vec<(usize, Term)> = Vec::new();
        for c in cands {
            match c {
                Candidate::Person { idx, .. } => {
                    if !persons.contains(idx) {
                        persons.push(*idx)
                    }
                }
                Candidate::Country { idx, valid, .. } => countries.push((*idx, *valid)),
            }
        }
        let mut country_ids: Vec<usize> = countries.iter().map(|(i, _)| *i).collect();
        country_ids.sort_unstable();
        country_ids.dedup();
        match (persons.len(), country_ids.len()) {
            (1, 0) => Found::Person(persons[0]),
            (_, 0) => Found::Persons(persons),
            (0, 1) => Found::Country(country_ids[0]),
            (0, _) => match pick_country(&countries, day) {
                Some(i) => Found::Country(i),
                None => Found::Unresolvable(self.keys_of(&[], &country_ids)),
            },
            _ => Found::Unresolvable(self.keys_of(&persons, &country_ids)),
        }
    }

    fn keys_of(&self, persons: &[usize], countries: &[usize]) -> String {
        let mut keys: Vec<&str> = persons
            .iter()
            .map(|&i| self.data.persons[i].id.as_str())
            .chain(
                countries
                    .iter()
                    .map(|&i| self.data.countries[i].id.as_str()),
            )
            .collect();
        keys.sort();
        keys.join(", ")
    }

    /// Picks one of several persons sharing an alias: the one named
    /// unambiguously elsewhere in the body, else the one in office on the day.
    pub(crate) fn settle_persons(
        &self,
        cands: &[usize],
        named: &HashSet<usize>,
        day: Option<Day>,
    ) -> Option<usize> {
        let in_context: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|i| named.contains(i))
            .collect();
        if in_context.len() == 1 {
            return Some(in_context[0]);
        }
        let day = day?;
        let pool = if in_context.is_empty() {
            cands.to_vec()
        } else {
            in_context
        };
        for certain in [true, false] {
            let holding: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&i| self.in_office(i, day, certain))
                .collect();
            if holding.len() == 1 {
                return Some(holding[0]);
            }
            if holding.len() > 1 {
                return None;
            }
        }
        None
    }

    /// True when the person held some position on `day`.
    fn in_office(&self, person: usize, day: Day, certain: bool) -> bool {
        let id = &self.data.persons[person].id;
        self.positions_by_person.get(id).is_some_and(|ps| {
            ps.iter().any(|&p| {
                let p = &self.data.positions[p];
                let t = Term::new(p.date_from.as_deref(), p.date_to.as_deref());
                if certain {
                    t.certainly_covers(day)
                } else {
                    t.possibly_covers(day)
                }
            })
        })
    }

    fn ambiguity(
        &self,
        body: &str,
        n: &Normalized,
        hit: Hit,
        body_line: u32,
        keys: &str,
    ) -> Warning {
        let bs = n.orig_byte[hit.start] as usize;
        let be = n.orig_byte[hit.end] as usize;
        let newlines = body
            .get(..bs)
            .map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count());
        Warning {
            line: body_line + newlines as u32,
            code: "ambiguous_name",
            message: format!(
                "`{}` may mean {keys}; neither the document's date nor the other names in it tell which",
                body.get(bs..be).unwrap_or_default()
            ),
            expected: "a name that one person or country in the reference data answers to (add a fuller alias or context)"
                .to_string(),
        }
    }
}

/// Picks the country an alias means on `day`: the only one whose alias
/// period certainly covers the day, else the only one it possibly covers;
/// with no date, the only one whose alias has no period at all.
fn pick_country(countries: &[(usize, Term)], day: Option<Day>) -> Option<usize> {
    let unique = |v: Vec<usize>| -> Option<usize> {
        let first = *v.first()?;
        v.iter().all(|&i| i == first).then_some(first)
    };
    match day {
        Some(d) => {
            let certain: Vec<usize> = countries
                .iter()
                .filter(|(_, t)| t.certainly_covers(d))
                .map(|(i, _)| *i)
                .collect();
            if !certain.is_empty() {
                return unique(certain);
            }
            unique(
                countries
                    .iter()
                    .filter(|(_, t)| t.possibly_covers(d))
                    .map(|(i, _)| *i)
                    .collect(),
            )
        }
        // Undated: the alias with no period, else the one still valid at
        // the end (the current name), else nothing.
        None => unique(
            countries
                .iter()
                .filter(|(_, t)| t.start_lo == 0 && t.end_hi == Day::MAX)
                .map(|(i, _)| *i)
                .collect(),
        )
        .or_else(|| {
            unique(
                countries
                    .iter()
                    .filter(|(_, t)| t.end_hi == Day::MAX)
                    .map(|(i, _)| *i)
                    .collect(),
            )
        }),
    }
}
