//! Choosing between persons who share an alias (`Chamberlain`, `Antonescu`,
//! `Kemal`): by the initials printed before it, the title before it, another
//! mention of one of them in the same document, the office held on the
//! document's date, and who was alive then. Each rule only decides when it
//! leaves exactly one person; otherwise the next rule tries the same pool.

use super::gazetteer::Gazetteer;
use crate::calendar::{Day, Term};

/// What the text around a shared alias offers the rules.
#[derive(Debug, Default)]
pub(crate) struct Clues<'a> {
    /// Initials printed right before the surname (`V.` of `V. Antonescu`), upper case.
    pub initials: Vec<char>,
    /// The word right before the name, lower case (`general`, `mr`).
    pub title: Option<String>,
    /// Persons named unambiguously elsewhere in the document (any field),
    /// ascending.
    pub named: Option<&'a [usize]>,
    pub day: Option<Day>,
}

/// The person chosen and the rule that chose, or why none could be.
pub(crate) type Settled = Result<(usize, String), String>;

impl Gazetteer {
    /// Picks one of `cands` (indexes into the persons) with `clues`.
    pub(crate) fn settle(&self, cands: &[usize], clues: &Clues) -> Settled {
        let mut pool: Vec<usize> = cands.to_vec();
        pool.dedup();

        if let Some(&first) = clues.initials.first() {
            let fits: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&i| self.initial_of(i) == Some(first))
                .collect();
            if let [one] = fits[..] {
                return Ok((one, format!("initial {first}. printed before the name")));
            }
            if !fits.is_empty() {
                pool = fits;
            }
        }

        if let Some(title) = clues.title.as_deref().filter(|t| t.len() > 2) {
            let fits: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&i| self.has_title(i, title))
                .collect();
            if let [one] = fits[..] {
                return Ok((one, format!("title `{title}` before the name")));
            }
            if !fits.is_empty() {
                pool = fits;
            }
        }

        if let Some(named) = clues.named {
            let fits: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|i| named.binary_search(i).is_ok())
                .collect();
            if let [one] = fits[..] {
                return Ok((
                    one,
                    "named more fully elsewhere in the document".to_string(),
                ));
            }
            if !fits.is_empty() {
                pool = fits;
            }
        }

        let Some(day) = clues.day else {
            return Err("the document has no date to choose by".to_string());
        };
        for certain in [true, false] {
            let holding: Vec<(usize, usize)> = pool
                .iter()
                .filter_map(|&i| self.office_on(i, day, certain).map(|p| (i, p)))
                .collect();
            if let [(one, position)] = holding[..] {
                let p = &self.data.positions[position];
                let country = &p.country_id;
                return Ok((
                    one,
                    format!(
                        "in office on {}: {} ({country}{})",
                        day,
                        p.title,
                        if certain { "" } else { ", possibly" }
                    ),
                ));
            }
            if holding.len() > 1 {
                return Err(format!(
                    "{} of them held an office on {}",
                    holding.len(),
                    day
                ));
            }
        }

        let alive: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&i| self.alive_in(i, day.year()))
            .collect();
        if let [one] = alive[..] {
            return Ok((one, format!("the only one alive in {}", day.year())));
        }
        Err(format!(
            "none held an office on {} and the lifetimes do not decide",
            day
        ))
    }

    /// The first letter of the person's given names, upper case.
    fn initial_of(&self, person: usize) -> Option<char> {
        let p = self.data.persons.get(person)?;
        p.given_names
            .as_deref()
            .and_then(|g| g.chars().find(|c| c.is_alphabetic()))
            .map(|c| c.to_uppercase().next().unwrap_or(c))
    }

    /// True when one of the person's offices (or the description) holds the title.
    fn has_title(&self, person: usize, title: &str) -> bool {
        let Some(p) = self.data.persons.get(person) else {
            return false;
        };
        let words = |s: &str| -> bool {
            s.to_lowercase()
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == title)
        };
        p.description.as_deref().is_some_and(words)
            || self
                .positions_by_person
                .get(&p.id)
                .is_some_and(|ps| ps.iter().any(|&i| words(&self.data.positions[i].title)))
    }

    /// A position the person held on `day` (certainly, or possibly).
    pub(crate) fn office_on(&self, person: usize, day: Day, certain: bool) -> Option<usize> {
        let id = &self.data.persons.get(person)?.id;
        self.positions_by_person
            .get(id)?
            .iter()
            .copied()
            .find(|&p| {
                let p = &self.data.positions[p];
                let t = Term::new(p.date_from.as_deref(), p.date_to.as_deref());
                if certain {
                    t.certainly_covers(day)
                } else {
                    t.possibly_covers(day)
                }
            })
    }

    /// True when the person may have been alive in `year` (unknown dates allow it).
    fn alive_in(&self, person: usize, year: i16) -> bool {
        let Some(p) = self.data.persons.get(person) else {
            return false;
        };
        let year_of = |s: &Option<String>| -> Option<i16> { s.as_deref()?.get(..4)?.parse().ok() };
        year_of(&p.born).is_none_or(|b| b <= year) && year_of(&p.died).is_none_or(|d| d >= year)
    }
}
