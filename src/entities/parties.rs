//! Heading parties ("the plenipotentiary representative of the USSR in
//! Turkey Ya. Z. Surits") to a person, the position held that day, or an
//! institution.

use std::collections::HashSet;

use super::gazetteer::{scan, Candidate, Gazetteer};
use super::normalize::normalize;
use super::who_held::same_state;
use crate::calendar::{parse_day, Day, Term};
use crate::corpus::{ParsedDate, Party, Warning};

/// What a party phrase resolved to. Anything left `None` that the phrase
/// named comes with an `unresolved_party` warning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyResolution {
    /// Person key.
    pub person: Option<String>,
    /// Index into `ReferenceData.positions`: the term held on the date.
    pub position: Option<usize>,
    /// Institution key.
    pub institution: Option<String>,
    pub warnings: Vec<Warning>,
}

/// Words in a name part that are not the name: forms of address and the
/// garbled "acting" (`and. About.`).
/// Honorifics (`Count`, `Bey`, `Pasha`) are dropped too: the aliases hold
/// the name without them.
const NOISE: &[&str] = &[
    "comrade", "comrades", "c.", "mr.", "mr", "mister", "and.", "about.", "acting", "the", "count",
    "bey", "pasha", "pasa", "herr", "monsieur",
];

/// Soft warning: the person is certain, the office named is not theirs.
const POSITION_NOT_FOUND: &str = "position_not_found";

/// The office, state and host a position phrase names.
#[derive(Debug, Default)]
struct PositionParts {
    office: Option<usize>,
    country: Option<String>,
    host: Option<String>,
}

impl Gazetteer {
    /// Resolves one party of a heading or "Sent to" line on the document's date.
    pub fn resolve_party(&self, party: &Party, date: Option<&ParsedDate>) -> PartyResolution {
        let day = date.and_then(|d| parse_day(&d.from));
        let mut res = PartyResolution::default();

        let name = party
            .name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let position_text = party
            .position
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        // A phrase the parser could not split: look for everything in the whole text.
        let whole = (name.is_none() && position_text.is_none()).then_some(party.text.as_str());
        // The parser keeps a name it cannot tell from the position inside
        // it (`the envoy of the USSR in Iran Andrei Zhdanov`, or just
        // `Vladimir Antonov-Ovseenko`): a known person's alias ending the
        // phrase is the name, and what comes before it the position.
        let trailing = match (name, position_text) {
            (None, Some(p)) => self.trailing_person(p),
            _ => None,
        };
        let (mut persons, position_text) = match trailing {
            Some((persons, before)) => (persons, Some(before.trim()).filter(|s| !s.is_empty())),
            None => (
                name.or(whole)
                    .map(|n| self.person_candidates(n))
                    .unwrap_or_default(),
                position_text,
            ),
        };
        if persons.is_empty() && name.is_some() {
            // The parser may cut a split name (`Count Schule n. Burg` gives
            // the name `n. Burg`): look in the whole phrase before giving up.
            persons = self.person_candidates(&party.text);
        }
        let pos = position_text
            .or(whole)
            .map(|p| self.position_parts(p, day))
            .unwrap_or_default();

        // Institutions: `NKID of the USSR`, `general secretariat` (as a name,
        // or as the whole phrase when no person is named).
        if persons.is_empty() {
            for text in [name, whole, position_text].into_iter().flatten() {
                if pos.office.is_some() && Some(text) == position_text {
                    continue;
                }
                if let Some(i) = self.institution_in(text) {
                    res.institution = Some(self.data.institutions[i].id.clone());
                    break;
                }
            }
        }

        if !persons.is_empty() {
            self.resolve_named(&mut res, &persons, &pos, day, party);
        } else if let Some(office) = pos.office {
            self.resolve_office(&mut res, office, &pos, day, party);
        } else if res.institution.is_none() {
            let why = if party.text.to_lowercase().contains("delegation") {
                // A delegation is formed for one negotiation; it is no
                // standing body, so it is left unresolved on purpose.
                "a delegation is an ad hoc body, not an institution in the reference data; left unresolved (its members, if named, resolve separately)"
            } else {
                "no person, office or institution in the reference data answers to it"
            };
            res.warnings.push(unresolved(party, why));
        }
        if name.is_some()
            && res.person.is_none()
            && res.institution.is_none()
            && res.warnings.is_empty()
        {
            res.warnings.push(unresolved(
                party,
                "the name matches no person or institution alias",
            ));
        }
        res
    }

    /// Persons whose alias matches the name part, after dropping garbled
    /// initials and forms of address.
    fn person_candidates(&self, name: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let collect = |text: &str, out: &mut Vec<usize>| {
            let n = normalize(text);
            for hit in scan(&self.names, &n, |_| true) {
                self.push_persons(hit.pattern, out);
            }
        };
        // Try the name as printed first (an initials alias like `I. M. Maisky`
        // is most specific), then with initials and address words removed.
        collect(name, &mut out);
        if out.is_empty() {
            let stripped = strip_initials(name);
            collect(&stripped, &mut out);
        }
        out
    }

    /// Adds the persons an alias pattern may mean to `out`, once each.
    fn push_persons(&self, pattern: usize, out: &mut Vec<usize>) {
        for c in &self.candidates[pattern] {
            if let Candidate::Person { idx, .. } = c {
                if !out.contains(idx) {
                    out.push(*idx);
                }
            }
        }
    }

    /// The persons whose alias ends `text` (a capitalised name, up to a
    /// final full stop), and the text before that alias.
    fn trailing_person<'t>(&self, text: &'t str) -> Option<(Vec<usize>, &'t str)> {
        let n = normalize(text);
        let end = n.lower.trim_end_matches(['.', ' ']).len();
        let hit = scan(&self.names, &n, |_| true)
            .into_iter()
            .rfind(|h| h.end == end)?;
        // A lower-case word that happens to be an alias is no name.
        if !n.cased.get(hit.start..)?.starts_with(char::is_uppercase) {
            return None;
        }
        let mut persons = Vec::new();
        self.push_persons(hit.pattern, &mut persons);
        let cut = *n.orig_byte.get(hit.start)? as usize;
        (!persons.is_empty()).then_some((persons, text.get(..cut)?))
    }

    fn position_parts(&self, text: &str, day: Option<Day>) -> PositionParts {
        let n = normalize(text);
        let office = scan(&self.offices, &n, |_| true)
            .first()
            .map(|h| self.office_of[h.pattern]);
        let date = day.map(|d| d.to_string());
        let (mentions, _) = self.find_mentions(text, 0, date.as_deref());
        let mut parts = PositionParts {
            office,
            ..PositionParts::default()
        };
        for m in mentions {
            let super::Target::Country(key) = m.target else {
                continue;
            };
            // `... in Turkey`, `... to Iran`, `... at Kabul`: the host.
            let before: String = text.chars().take(m.char_start).collect();
            let before = before.trim_end().to_lowercase();
            let is_host = ["in", "in the", "to", "to the", "at", "at the"]
                .iter()
                .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
            if is_host && parts.host.is_none() {
                parts.host = Some(key);
            } else if parts.country.is_none() {
                parts.country = Some(key);
            }
        }
        // The documents are Soviet: a foreign envoy named without a host
        // (`the German ambassador`) is the one accredited in Moscow.
        if parts.host.is_none() {
            if let (Some(o), Some(c)) = (parts.office, parts.country.as_deref()) {
                if self.is_mission_office(&self.data.offices[o].id)
                    && !same_state(&self.data, c, "ussr")
                {
                    parts.host = Some(soviet_state(day).to_string());
                }
            }
        }
        parts
    }

    fn institution_in(&self, text: &str) -> Option<usize> {
        let n = normalize(text);
        scan(&self.institutions, &n, |_| true)
            .first()
            .map(|h| self.institution_of[h.pattern])
    }

    fn position_fits(&self, p: usize, office: Option<usize>, pos: &PositionParts) -> bool {
        let p = &self.data.positions[p];
        office.is_none_or(|o| p.office_id == self.data.offices[o].id)
            && pos
                .country
                .as_deref()
                .is_none_or(|c| same_state(&self.data, &p.country_id, c))
            && pos.host.as_deref().is_none_or(|h| {
                p.host_country_id
                    .as_deref()
                    .is_some_and(|ph| same_state(&self.data, ph, h))
            })
    }

    /// A name was given: pick the person (several may share the alias) and
    /// the term they held on the day.
    fn resolve_named(
        &self,
        res: &mut PartyResolution,
        persons: &[usize],
        pos: &PositionParts,
        day: Option<Day>,
        party: &Party,
    ) {
        // Who among the candidates has a term fitting the office on the day?
        let fitting = |certain_day: bool| -> Vec<(usize, usize)> {
            let mut v = Vec::new();
            for &person in persons {
                let id = &self.data.persons[person].id;
                for &p in self
                    .positions_by_person
                    .get(id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                {
                    if !self.position_fits(p, pos.office, pos) {
                        continue;
                    }
                    let pp = &self.data.positions[p];
                    let t = Term::new(pp.date_from.as_deref(), pp.date_to.as_deref());
                    let ok = match day {
                        Some(d) if certain_day => t.certainly_covers(d),
                        Some(d) => t.possibly_covers(d),
                        None => true,
                    };
                    if ok {
                        v.push((person, p));
                    }
                }
            }
            v
        };
        let mut chosen: Option<(usize, Option<usize>)> = None;
        for certain in [true, false] {
            let v = fitting(certain);
            let people: HashSet<usize> = v.iter().map(|(x, _)| *x).collect();
            if people.len() == 1 {
                let (person, _) = v[0];
                // Several concurrent terms of one person: prefer a single-holder office.
                let best = v
                    .iter()
                    .find(|(_, p)| self.is_single(*p))
                    .or_else(|| v.first())
                    .map(|(_, p)| *p);
                chosen = Some((person, best));
                break;
            }
            if people.len() > 1 {
                break;
            }
        }
        if chosen.is_none() && persons.len() == 1 {
            // The person is certain; the position is the nearest fitting term
            // of theirs (the heading may be dated just outside it), if any.
            let person = persons[0];
            let id = &self.data.persons[person].id;
            let nearest = self
                .positions_by_person
                .get(id)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&p| {
                    (pos.office.is_some() || pos.host.is_some())
                        && self.position_fits(p, pos.office, pos)
                })
                .min_by_key(|&p| {
                    let pp = &self.data.positions[p];
                    let t = Term::new(pp.date_from.as_deref(), pp.date_to.as_deref());
                    day.map_or(0, |d| distance(&t, d))
                });
            // Not the office named, but a related one held that day
            // (the envoy named as `temporary attorney`).
            let related = nearest
                .is_none()
                .then(|| self.related_term(person, pos, day))
                .flatten();
            chosen = Some((person, nearest.or(related)));
            if let (Some(o), Some(r)) = (pos.office, related) {
                let rp = &self.data.positions[r];
                res.warnings.push(soft(
                    party,
                    &format!(
                        "`{}` holds no `{}` term in the reference data; recorded their related `{}` term ({}{}) instead",
                        rp.person_id,
                        self.data.offices[o].id,
                        rp.office_id,
                        rp.country_id,
                        rp.host_country_id
                            .as_deref()
                            .map(|h| format!(" in {h}"))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
        match chosen {
            Some((person, position)) => {
                res.person = Some(self.data.persons[person].id.clone());
                res.position = position;
                if position.is_none() && pos.office.is_some() {
                    // The person is certain; only the office is not in the
                    // data. Not an unresolved party: a soft warning.
                    res.warnings.push(soft(
                        party,
                        "the person is known but holds no term of the named office in the reference data; position left empty",
                    ));
                }
            }
            None => {
                let mut keys: Vec<&str> = persons
                    .iter()
                    .map(|&i| self.data.persons[i].id.as_str())
                    .collect();
                keys.sort();
                res.warnings.push(unresolved(
                    party,
                    &format!(
                        "the name may mean {} and the title and date do not tell which",
                        keys.join(", ")
                    ),
                ));
            }
        }
    }

    /// Only an office was given: whoever held it on the day.
    fn resolve_office(
        &self,
        res: &mut PartyResolution,
        office: usize,
        pos: &PositionParts,
        day: Option<Day>,
        party: &Party,
    ) {
        let Some(day) = day else {
            res.warnings.push(unresolved(
                party,
                "a title without a name needs the document's date to find the holder",
            ));
            return;
        };
        let office_id = &self.data.offices[office].id;
        // A Soviet heading's bare `plenipotentiary representative in Turkey`
        // is the Soviet one: with a host but no state, try the USSR first.
        let ix = &self.office_index;
        let country = match (pos.country.as_deref(), pos.host.as_deref()) {
            (None, Some(_)) => Some("ussr"),
            (c, _) => c,
        };
        let held = ix
            .holder_on(&self.data, office_id, country, pos.host.as_deref(), day)
            .or_else(|| {
                if country == pos.country.as_deref() {
                    None
                } else {
                    ix.holder_on(
                        &self.data,
                        office_id,
                        pos.country.as_deref(),
                        pos.host.as_deref(),
                        day,
                    )
                }
            });
        let where_ = format!(
            "`{office_id}`{}{} on {}",
            pos.country
                .as_deref()
                .map(|c| format!(" of {c}"))
                .unwrap_or_default(),
            pos.host
                .as_deref()
                .map(|h| format!(" in {h}"))
                .unwrap_or_default(),
            day
        );
        match held {
            Some(h) => {
                res.person = Some(self.data.positions[h.position].person_id.clone());
                res.position = Some(h.position);
                if !h.certain {
                    // Said out loud, not guessed silently: the term's coarse
                    // dates allow this holder on the day but do not prove it.
                    res.warnings.push(Warning {
                        line: party.line,
                        code: "uncertain_holder",
                        message: format!(
                            "{} `{}`: `{}` is the only possible holder of {where_}, but the term's dates do not prove it",
                            party.role.as_str(),
                            party.text,
                            self.data.positions[h.position].person_id
                        ),
                        expected: "a term of office whose dates cover the document's date".to_string(),
                    });
                }
            }
            None => res.warnings.push(unresolved(
                party,
                &format!("no single holder of office {where_} in the reference data"),
            )),
        }
    }

    /// An office held abroad (envoy, charge d'affaires, counsellor): some
    /// term of it has a host country.
    fn is_mission_office(&self, office_id: &str) -> bool {
        self.data
            .positions
            .iter()
            .any(|p| p.office_id == office_id && p.host_country_id.is_some())
    }

    /// A term of `person` in another mission office of the same state and
    /// host that possibly covers the day, a single-holder office (the
    /// envoy) first. Only when the named office is a mission office and the
    /// heading gave the host.
    fn related_term(&self, person: usize, pos: &PositionParts, day: Option<Day>) -> Option<usize> {
        let day = day?;
        let named = &self.data.offices[pos.office?].id;
        if pos.host.is_none() || !self.is_mission_office(named) {
            return None;
        }
        let id = &self.data.persons[person].id;
        let mut terms: Vec<usize> = self
            .positions_by_person
            .get(id)?
            .iter()
            .copied()
            .filter(|&p| {
                let pp = &self.data.positions[p];
                let t = Term::new(pp.date_from.as_deref(), pp.date_to.as_deref());
                &pp.office_id != named
                    && pp.host_country_id.is_some()
                    && self.position_fits(p, None, pos)
                    && t.possibly_covers(day)
            })
            .collect();
        terms.sort_by_key(|&p| !self.is_single(p));
        terms.first().copied()
    }

    fn is_single(&self, position: usize) -> bool {
        let office = &self.data.positions[position].office_id;
        self.data
            .offices
            .iter()
            .any(|o| &o.id == office && o.single_holder == 1)
    }
}

/// Days between a term and a day (0 when the term possibly covers it), in
/// `yyyymmdd` units, which is enough to rank terms.
fn distance(t: &Term, d: Day) -> i32 {
    let yyyymmdd =
        |d: Day| i32::from(d.year()) * 10000 + i32::from(d.month()) * 100 + i32::from(d.day());
    if t.possibly_covers(d) {
        0
    } else if d < t.start_lo {
        yyyymmdd(t.start_lo) - yyyymmdd(d)
    } else {
        yyyymmdd(d) - yyyymmdd(t.end_hi)
    }
}

/// Drops garbled initials (`a. V.`, `m. M.`, `Ya.`) and forms of address,
/// keeping the words that can be a surname.
pub(crate) fn strip_initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| {
            let lw = w.to_lowercase();
            if NOISE.contains(&lw.as_str()) {
                return false;
            }
            // An initial: one or two letters and a dot (`I.`, `Ya.`, `m.`).
            let letters = w.trim_end_matches('.');
            !(w.ends_with('.')
                && letters.chars().count() <= 2
                && letters.chars().all(char::is_alphabetic))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Soviet state on a day: the RSFSR before the Union treaty.
fn soviet_state(day: Option<Day>) -> &'static str {
    const UNION_TREATY: Day = Day::constant(1922, 12, 30);
    match day {
        Some(d) if d < UNION_TREATY => "rsfsr",
        _ => "ussr",
    }
}

fn soft(party: &Party, why: &str) -> Warning {
    Warning {
        line: party.line,
        code: POSITION_NOT_FOUND,
        message: format!("{} `{}`: {why}", party.role.as_str(), party.text),
        expected:
            "a term of office matching the title, person and date in seed/reference/positions.csv"
                .to_string(),
    }
}

fn unresolved(party: &Party, why: &str) -> Warning {
    Warning {
        line: party.line,
        code: "unresolved_party",
        message: format!("{} `{}`: {why}", party.role.as_str(), party.text),
        expected: "a person, office or institution named in seed/reference (add an alias or a term of office)".to_string(),
    }
}
