//! Who held an office on a given day.

use crate::reference::validate::{parse_day, Day, Term};
use crate::reference::ReferenceData;

/// True when `a` and `b` are the same state, counting predecessors: the
/// RSFSR's people's commissariat carried on as the USSR's, and the Grand
/// National Assembly government's host post as the Republic of Turkey's.
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
/// does not answer for 1 January 1939. States match through their
/// predecessors (see [`same_state`]). `None` when nobody certainly held the
/// office, the day is not a valid ISO day, or two people would have held
/// it. [`who_may_have_held`] gives the holder the dates allow but do not prove.
pub fn who_held(
    data: &ReferenceData,
    office: &str,
    country: &str,
    host: Option<&str>,
    date: &str,
) -> Option<usize> {
    let day = parse_day(date)?;
    holder_on(data, office, Some(country), host, day).and_then(|h| h.certain.then_some(h.position))
}

/// Like [`who_held`], but also answers with the one term whose coarse dates
/// possibly cover the day when no term certainly does.
pub fn who_may_have_held(
    data: &ReferenceData,
    office: &str,
    country: &str,
    host: Option<&str>,
    date: &str,
) -> Option<usize> {
    let day = parse_day(date)?;
    holder_on(data, office, Some(country), host, day).map(|h| h.position)
}

/// A holder found for a day, and whether the dates prove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holder {
    pub position: usize,
    pub certain: bool,
}

/// The holder on a parsed day; `country: None` accepts any state.
pub(crate) fn holder_on(
    data: &ReferenceData,
    office: &str,
    country: Option<&str>,
    host: Option<&str>,
    day: Day,
) -> Option<Holder> {
    let slot: Vec<(usize, Term)> = data
        .positions
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.office_id == office
                && country.is_none_or(|c| same_state(data, &p.country_id, c))
                && match (host, p.host_country_id.as_deref()) {
                    (None, None) => true,
                    (Some(h), Some(ph)) => same_state(data, ph, h),
                    _ => false,
                }
        })
        .map(|(i, p)| (i, Term::new(p.date_from.as_deref(), p.date_to.as_deref())))
        .collect();
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
