//! Who held an office on a given day.
//!
//! # States and their predecessors
//! A term is recorded under the state whose office it was at the time:
//! Chicherin's commissariat is the RSFSR's until July 1923, Aralov was
//! accredited to the Grand National Assembly government. Asked about the
//! USSR's commissar or the envoy in Turkey, the lookup first takes terms of
//! exactly that state; only when none fits the day does it take terms of a
//! predecessor (via `successor_id`), and only of one that was gone by then
//! or while the asked-for state did not exist yet. So the Soviet envoy in
//! Austria (successor: Germany, 1938) is never reported as the envoy in
//! Germany.

use std::collections::HashMap;

use crate::calendar::{date_window, parse_day, Day, Term};
use crate::reference::ReferenceData;

/// True when `a` and `b` are the same state or one succeeded the other
/// (following `successor_id`). A loose test, for checking a term already
/// tied to a named person against the title in a heading.
pub fn same_state(data: &ReferenceData, a: &str, b: &str) -> bool {
    a == b || succeeds(data, a, b) || succeeds(data, b, a)
}

/// True when `later` is reached from `earlier` by following `successor_id`.
fn succeeds(data: &ReferenceData, earlier: &str, later: &str) -> bool {
    let mut cur = earlier;
    // The chain is short; the bound guards against a cycle in bad data.
    for _ in 0..16 {
        let Some(next) = data
            .countries
            .iter()
            .find(|c| c.id == cur)
            .and_then(|c| c.successor_id.as_deref())
        else {
            return false;
        };
        if next == later {
            return true;
        }
        cur = next;
    }
    false
}

/// The position (index into `data.positions`) of whoever held `office` of
/// state `country` (abroad in `host`, or at home when `host` is `None`) on
/// the ISO day `date`.
///
/// Only a term whose dates *certainly* cover the day counts (see the date
/// rules in [`crate::reference::validate`]): a term written `from 1939`
/// does not answer for 1 January 1939. Predecessor states count as
/// described in the module docs. `None` when nobody certainly held the
/// office, the day is not a valid ISO day, or two people would have held
/// it. [`who_may_have_held`] gives the holder the dates allow but do not prove.
///
/// The seeder asks [`OfficeIndex`] itself; this one-off lookup is what the
/// tests check the reference data and the `who_held` report against.
pub fn who_held(
    data: &ReferenceData,
    office: &str,
    country: &str,
    host: Option<&str>,
    date: &str,
) -> Option<usize> {
    holder_on(data, office, country, host, date).and_then(|h| h.certain.then_some(h.position))
}

/// Like [`who_held`], but also answers with the one person whose term's
/// coarse dates possibly cover the day when no term certainly does.
pub fn who_may_have_held(
    data: &ReferenceData,
    office: &str,
    country: &str,
    host: Option<&str>,
    date: &str,
) -> Option<usize> {
    holder_on(data, office, country, host, date).map(|h| h.position)
}

/// The holder of `office` that [`OfficeIndex::holder_on`] finds for the ISO
/// day `date`, certain or not; `None` also for a day that is not valid.
fn holder_on(
    data: &ReferenceData,
    office: &str,
    country: &str,
    host: Option<&str>,
    date: &str,
) -> Option<Holder> {
    let day = parse_day(date)?;
    OfficeIndex::new(data).holder_on(data, office, Some(country), host, day)
}

/// A holder found for a day, and whether the dates prove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holder {
    pub position: usize,
    pub certain: bool,
}

/// Positions by office, and each state's lifetime and predecessors, so a
/// lookup touches only the terms of one office.
#[derive(Debug, Default)]
pub(crate) struct OfficeIndex {
    by_office: HashMap<String, Vec<(usize, Term)>>,
    /// State -> its existence window.
    exists: HashMap<String, Term>,
    /// State -> every state whose `successor_id` chain leads to it.
    predecessors: HashMap<String, Vec<String>>,
}

impl OfficeIndex {
    pub(crate) fn new(data: &ReferenceData) -> OfficeIndex {
        let mut ix = OfficeIndex::default();
        for (i, p) in data.positions.iter().enumerate() {
            let t = Term::new(p.date_from.as_deref(), p.date_to.as_deref());
            ix.by_office
                .entry(p.office_id.clone())
                .or_default()
                .push((i, t));
        }
        let successor: HashMap<&str, &str> = data
            .countries
            .iter()
            .filter_map(|c| c.successor_id.as_deref().map(|s| (c.id.as_str(), s)))
            .collect();
        for c in &data.countries {
            // An unknown bound is open: a state without dates always existed.
            let from = c
                .exists_from
                .as_deref()
                .filter(|s| date_window(s).is_some());
            let to = c.exists_to.as_deref().filter(|s| date_window(s).is_some());
            ix.exists.insert(c.id.clone(), Term::new(from, to));
            let mut cur = c.id.as_str();
            for _ in 0..16 {
                let Some(&next) = successor.get(cur) else {
                    break;
                };
                ix.predecessors
                    .entry(next.to_string())
                    .or_default()
                    .push(c.id.clone());
                cur = next;
            }
        }
        ix
    }

    fn existed(&self, state: &str, day: Day) -> bool {
        self.exists
            .get(state)
            .is_none_or(|t| t.possibly_covers(day))
    }

    /// `state` itself, then (when `with_predecessors`) the predecessors
    /// that stand for it on `day`.
    fn stands_for(&self, wanted: &str, state: &str, day: Day, with_predecessors: bool) -> bool {
        if state == wanted {
            return true;
        }
        with_predecessors
            && self
                .predecessors
                .get(wanted)
                .is_some_and(|ps| ps.iter().any(|p| p == state))
            && (!self.existed(wanted, day) || !self.existed(state, day))
    }

    /// The holder on a parsed day; `country: None` accepts any state.
    pub(crate) fn holder_on(
        &self,
        data: &ReferenceData,
        office: &str,
        country: Option<&str>,
        host: Option<&str>,
        day: Day,
    ) -> Option<Holder> {
        let terms = self.by_office.get(office)?;
        for with_predecessors in [false, true] {
            let slot: Vec<(usize, Term)> = terms
                .iter()
                .copied()
                .filter(|(i, _)| {
                    let p = &data.positions[*i];
                    country
                        .is_none_or(|c| self.stands_for(c, &p.country_id, day, with_predecessors))
                        && match (host, p.host_country_id.as_deref()) {
                            (None, None) => true,
                            (Some(h), Some(ph)) => self.stands_for(h, ph, day, with_predecessors),
                            _ => false,
                        }
                })
                .collect();
            if let Some(h) = pick(data, &slot, day) {
                return Some(h);
            }
            // Someone of the exact state possibly held it: predecessors must
            // not be asked (the Austrian envoy is not Germany's).
            if slot.iter().any(|(_, t)| t.possibly_covers(day)) {
                return None;
            }
        }
        None
    }
}

/// The one holder among a slot's terms on `day`: certain first, else the
/// one person possibly in office. `None` when two people would hold it.
fn pick(data: &ReferenceData, slot: &[(usize, Term)], day: Day) -> Option<Holder> {
    let certain: Vec<&(usize, Term)> = slot
        .iter()
        .filter(|(_, t)| t.certainly_covers(day))
        .collect();
    // On a same-day handover the day belongs to the incoming holder.
    let certain: Vec<usize> = certain
        .iter()
        .filter(|(_, t)| !certain.iter().any(|(_, n)| t.hands_over_to(n)))
        .map(|(i, _)| *i)
        .collect();
    if let Some(&first) = certain.first() {
        // Two rows of one person (an RSFSR and a USSR term) are one holder.
        let person = &data.positions[first].person_id;
        let one = certain
            .iter()
            .all(|&i| &data.positions[i].person_id == person);
        return one.then_some(Holder {
            position: first,
            certain: true,
        });
    }
    let possible: Vec<usize> = slot
        .iter()
        .filter(|(_, t)| t.possibly_covers(day))
        .map(|(i, _)| *i)
        .collect();
    let first = *possible.first()?;
    let person = &data.positions[first].person_id;
    possible
        .iter()
        .all(|&i| &data.positions[i].person_id == person)
        .then_some(Holder {
            position: first,
            certain: false,
        })
}
