//! Consistency checks on the reference data, so a bad edit is refused with
//! the file, the line and what to do instead of producing wrong answers.
//!
//! # Dates at year or month precision
//! A date printed `1934` means "some day in 1934 that we do not know", not
//! "all of 1934": a window of days, and a term of office certainly or
//! possibly covers a day (see [`crate::calendar`]).
//!
//! Two terms of a single-holder office overlap (a problem) only when some
//! day is *certainly* covered by both: a historian who writes `to 1934` for
//! one envoy and `from 1934` for the next has said nothing contradictory,
//! and we refuse to make them invent a month. A successor's term with an
//! empty `date_to` before it is a problem (the end must be given, at
//! whatever precision is known). [`who_held`](crate::entities::who_held)
//! uses the same windows: within the uncertain stretch it answers with the
//! holder who certainly held the office, and says nothing rather than guess
//! when neither did. A handover on one day written at day precision on
//! both rows (`to 1939-05-03`, next `from 1939-05-03`: Litvinov relieved,
//! Molotov appointed) is not an overlap: the decree dates are what the
//! sources give, and the day belongs to the incoming holder.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::ReferenceData;
use crate::calendar::date_window;
/// Where `tests/reference_data.rs` reads terms (the calendar owns them).
pub use crate::calendar::{parse_day, Term};

/// One thing wrong with the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File name (`positions.csv`).
    pub file: &'static str,
    /// 1-based line of the row in the file (0 when not about one row).
    pub line: u64,
    /// What is wrong, naming the column and the value.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, line {}: {}; {}",
            self.file, self.line, self.message, self.fix
        )
    }
}

/// Line numbers of every row, per file (filled by the loader).
#[derive(Debug, Clone, Default)]
pub struct RowLines {
    pub countries: Vec<u64>,
    pub country_aliases: Vec<u64>,
    pub persons: Vec<u64>,
    pub person_aliases: Vec<u64>,
    pub institutions: Vec<u64>,
    pub institution_aliases: Vec<u64>,
    pub offices: Vec<u64>,
    pub office_aliases: Vec<u64>,
    pub positions: Vec<u64>,
    pub country_states: Vec<u64>,
}

/// Validates with approximate line numbers (row index + 2: the header is
/// line 1, and reference rows hold no line breaks).
pub fn validate(data: &ReferenceData) -> Vec<Problem> {
    validate_with_lines(data, &RowLines::default())
}

const COUNTRY_KINDS: &[&str] = &["state", "republic", "territory", "region", "city"];
/// Kinds a place can belong to in `country_states.csv`.
const STATE_KINDS: &[&str] = &["state", "republic", "territory"];
const COUNTRY_ALIAS_KINDS: &[&str] = &[
    // A first part of a compound (`Franco` of `Franco-Soviet`): a name only before a hyphen.
    "combining",
    "name",
    "former_name",
    "short",
    "abbreviation",
    "adjective",
    "demonym",
    "variant",
];
const PERSON_ALIAS_KINDS: &[&str] = &[
    "name",
    "surname",
    "initials",
    "inflected",
    "phonetic",
    "lowercase",
    "variant",
];
const MATCH_MODES: &[&str] = &["any_case", "exact"];
const INSTITUTION_KINDS: &[&str] = &["ministry", "party", "government", "agency", "secretariat"];
/// Person alias kinds that two people may share on purpose: short forms
/// (two Chamberlains, `King George` for George V and George VI), which
/// documents resolve by date and context. A full name or an initials form
/// identifies one person and may not be shared.
const SHAREABLE_PERSON_ALIAS_KINDS: &[&str] =
    &["surname", "inflected", "lowercase", "phonetic", "variant"];

struct Checker<'a> {
    problems: Vec<Problem>,
    lines: &'a RowLines,
}

impl Checker<'_> {
    fn push(&mut self, file: &'static str, row: usize, message: String, fix: impl Into<String>) {
        let line = self.line(file, row);
        self.problems.push(Problem {
            file,
            line,
            message,
            fix: fix.into(),
        });
    }

    fn line(&self, file: &str, row: usize) -> u64 {
        let v = match file {
            "countries.csv" => &self.lines.countries,
            "country_aliases.csv" => &self.lines.country_aliases,
            "persons.csv" => &self.lines.persons,
            "person_aliases.csv" => &self.lines.person_aliases,
            "institutions.csv" => &self.lines.institutions,
            "institution_aliases.csv" => &self.lines.institution_aliases,
            "offices.csv" => &self.lines.offices,
            "office_aliases.csv" => &self.lines.office_aliases,
            "country_states.csv" => &self.lines.country_states,
            _ => &self.lines.positions,
        };
        v.get(row).copied().unwrap_or(row as u64 + 2)
    }

    fn required(&mut self, file: &'static str, row: usize, column: &str, value: &str) {
        if value.is_empty() {
            self.push(
                file,
                row,
                format!("column `{column}` is empty"),
                "fill it in",
            );
        }
    }

    fn key(&mut self, file: &'static str, row: usize, column: &str, value: &str) {
        let ok = !value.is_empty()
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.push(
                file,
                row,
                format!("`{column}` is `{value}`, not a key"),
                "use a lowercase ASCII slug of letters, digits and `_` (README.md)",
            );
        }
    }

    fn reference(
        &mut self,
        file: &'static str,
        row: usize,
        column: &str,
        value: Option<&str>,
        keys: &HashSet<&str>,
        target: &str,
    ) {
        if let Some(v) = value {
            if !keys.contains(v) {
                self.push(
                    file,
                    row,
                    format!("`{column}` is `{v}`, which is not an id in {target}"),
                    format!("use an existing id from {target} or add that row there"),
                );
            }
        }
    }

    fn one_of(
        &mut self,
        file: &'static str,
        row: usize,
        column: &str,
        value: &str,
        allowed: &[&str],
    ) {
        if !allowed.contains(&value) {
            self.push(
                file,
                row,
                format!("`{column}` is `{value}`"),
                format!("use one of: {}", allowed.join(", ")),
            );
        }
    }

    fn dates(
        &mut self,
        file: &'static str,
        row: usize,
        cols: (&str, &str),
        from: Option<&str>,
        to: Option<&str>,
    ) {
        let mut ok = true;
        for (col, v) in [(cols.0, from), (cols.1, to)] {
            if let Some(v) = v {
                if date_window(v).is_none() {
                    ok = false;
                    self.push(
                        file,
                        row,
                        format!("`{col}` is `{v}`, not a valid date"),
                        "write YYYY-MM-DD, YYYY-MM or YYYY at the precision known (never invent a day)",
                    );
                }
            }
        }
        if let (true, Some(f), Some(t)) = (ok, from, to) {
            if let (Some((flo, _)), Some((_, thi))) = (date_window(f), date_window(t)) {
                if flo > thi {
                    self.push(
                        file,
                        row,
                        format!("`{}` {f} is after `{}` {t}", cols.0, cols.1),
                        "swap or correct the dates",
                    );
                }
            }
        }
    }

    fn unique<'a>(
        &mut self,
        file: &'static str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<&'a str> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (row, id) in ids.enumerate() {
            self.key(file, row, "id", id);
            if let Some(first) = seen.get(id) {
                let first_line = self.line(file, *first);
                self.push(
                    file,
                    row,
                    format!("id `{id}` is used again (first on line {first_line})"),
                    "give each row its own id",
                );
            } else {
                seen.insert(id, row);
            }
        }
        seen.into_keys().collect()
    }
}

/// Normal form of an alias for collision checks: what the matcher compares.
fn alias_form(alias: &str, any_case: bool) -> String {
    let s = crate::entities::normalize::normalize_pattern(alias);
    if any_case {
        s.to_lowercase()
    } else {
        s
    }
}

/// Checks everything listed in the module docs; an empty result means the
/// data is consistent. `lines` gives each row's line for the messages.
pub fn validate_with_lines(data: &ReferenceData, lines: &RowLines) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        lines,
    };

    let country_ids = c.unique(
        "countries.csv",
        data.countries.iter().map(|r| r.id.as_str()),
    );
    let person_ids = c.unique("persons.csv", data.persons.iter().map(|r| r.id.as_str()));
    let institution_ids = c.unique(
        "institutions.csv",
        data.institutions.iter().map(|r| r.id.as_str()),
    );
    let office_ids = c.unique("offices.csv", data.offices.iter().map(|r| r.id.as_str()));

    const C: &str = "countries.csv";
    for (i, r) in data.countries.iter().enumerate() {
        c.required(C, i, "name", &r.name);
        c.one_of(C, i, "kind", &r.kind, COUNTRY_KINDS);
        c.reference(
            C,
            i,
            "successor_id",
            r.successor_id.as_deref(),
            &country_ids,
            C,
        );
        c.reference(C, i, "parent_id", r.parent_id.as_deref(), &country_ids, C);
        c.dates(
            C,
            i,
            ("exists_from", "exists_to"),
            r.exists_from.as_deref(),
            r.exists_to.as_deref(),
        );
    }
    const CA: &str = "country_aliases.csv";
    for (i, r) in data.country_aliases.iter().enumerate() {
        c.required(CA, i, "alias", &r.alias);
        c.reference(CA, i, "country_id", Some(&r.country_id), &country_ids, C);
        c.one_of(CA, i, "kind", &r.kind, COUNTRY_ALIAS_KINDS);
        if let Some(m) = &r.match_mode {
            c.one_of(CA, i, "match", m, MATCH_MODES);
        }
        c.dates(
            CA,
            i,
            ("valid_from", "valid_to"),
            r.valid_from.as_deref(),
            r.valid_to.as_deref(),
        );
    }
    const P: &str = "persons.csv";
    for (i, r) in data.persons.iter().enumerate() {
        c.required(P, i, "name", &r.name);
        c.required(P, i, "surname", &r.surname);
        c.reference(P, i, "country_id", r.country_id.as_deref(), &country_ids, C);
        c.dates(P, i, ("born", "died"), r.born.as_deref(), r.died.as_deref());
    }
    const PA: &str = "person_aliases.csv";
    for (i, r) in data.person_aliases.iter().enumerate() {
        c.required(PA, i, "alias", &r.alias);
        c.reference(PA, i, "person_id", Some(&r.person_id), &person_ids, P);
        c.one_of(PA, i, "kind", &r.kind, PERSON_ALIAS_KINDS);
        if let Some(m) = &r.match_mode {
            c.one_of(PA, i, "match", m, MATCH_MODES);
        }
    }
    const I: &str = "institutions.csv";
    for (i, r) in data.institutions.iter().enumerate() {
        c.required(I, i, "name", &r.name);
        c.one_of(I, i, "kind", &r.kind, INSTITUTION_KINDS);
        c.reference(I, i, "country_id", r.country_id.as_deref(), &country_ids, C);
    }
    const IA: &str = "institution_aliases.csv";
    let mut inst_alias: HashMap<String, (&str, usize)> = HashMap::new();
    for (i, r) in data.institution_aliases.iter().enumerate() {
        c.required(IA, i, "alias", &r.alias);
        c.reference(
            IA,
            i,
            "institution_id",
            Some(&r.institution_id),
            &institution_ids,
            I,
        );
        let form = alias_form(&r.alias, true);
        match inst_alias.get(&form) {
            Some((other, _)) if *other != r.institution_id => {
                let other = other.to_string();
                c.push(
                    IA,
                    i,
                    format!("alias `{}` also names institution `{other}`", r.alias),
                    "keep it on one institution",
                );
            }
            _ => {
                inst_alias.insert(form, (&r.institution_id, i));
            }
        }
    }
    const O: &str = "offices.csv";
    for (i, r) in data.offices.iter().enumerate() {
        c.required(O, i, "title", &r.title);
        if r.single_holder > 1 {
            c.push(
                O,
                i,
                format!("`single_holder` is {}", r.single_holder),
                "write 1 (one holder at a time) or 0",
            );
        }
    }
    const OA: &str = "office_aliases.csv";
    for (i, r) in data.office_aliases.iter().enumerate() {
        c.required(OA, i, "alias", &r.alias);
        c.reference(OA, i, "office_id", Some(&r.office_id), &office_ids, O);
    }
    const PO: &str = "positions.csv";
    for (i, r) in data.positions.iter().enumerate() {
        c.reference(PO, i, "person_id", Some(&r.person_id), &person_ids, P);
        c.reference(PO, i, "office_id", Some(&r.office_id), &office_ids, O);
        c.reference(PO, i, "country_id", Some(&r.country_id), &country_ids, C);
        c.reference(
            PO,
            i,
            "host_country_id",
            r.host_country_id.as_deref(),
            &country_ids,
            C,
        );
        c.required(PO, i, "title", &r.title);
        c.dates(
            PO,
            i,
            ("date_from", "date_to"),
            r.date_from.as_deref(),
            r.date_to.as_deref(),
        );
    }

    check_overlaps(&mut c, data);
    check_person_aliases(&mut c, data);
    check_country_aliases(&mut c, data);
    check_country_states(&mut c, data, &country_ids);
    check_successors(&mut c, data);
    c.problems
}

const CS: &str = "country_states.csv";

/// `country_states.csv`: known places and states, valid dates, a state that
/// can hold land, one state per place at a time, and a state for every city.
fn check_country_states(c: &mut Checker<'_>, data: &ReferenceData, country_ids: &HashSet<&str>) {
    let kind_of: HashMap<&str, &str> = data
        .countries
        .iter()
        .map(|r| (r.id.as_str(), r.kind.as_str()))
        .collect();
    let mut by_place: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in data.country_states.iter().enumerate() {
        c.reference(
            CS,
            i,
            "place_id",
            Some(&r.place_id),
            country_ids,
            "countries.csv",
        );
        c.reference(
            CS,
            i,
            "state_id",
            Some(&r.state_id),
            country_ids,
            "countries.csv",
        );
        c.dates(
            CS,
            i,
            ("date_from", "date_to"),
            r.date_from.as_deref(),
            r.date_to.as_deref(),
        );
        if r.place_id == r.state_id {
            c.push(
                CS,
                i,
                format!("`{}` is given as its own state", r.place_id),
                "a state's own existence is in countries.csv (exists_from, exists_to); list here only the periods it belonged to another",
            );
        }
        if let Some(kind) = kind_of.get(r.state_id.as_str()) {
            if !STATE_KINDS.contains(kind) {
                c.push(
                    CS,
                    i,
                    format!("`state_id` is `{}`, a {kind}", r.state_id),
                    format!(
                        "a place belongs to a country of kind {}",
                        STATE_KINDS.join(", ")
                    ),
                );
            }
        }
        by_place.entry(&r.place_id).or_default().push(i);
    }
    let mut places: Vec<_> = by_place.into_iter().collect();
    places.sort();
    for (place, rows) in places {
        let mut terms: Vec<(usize, Term)> = rows
            .iter()
            .map(|&i| {
                let r = &data.country_states[i];
                (i, Term::new(r.date_from.as_deref(), r.date_to.as_deref()))
            })
            .collect();
        terms.sort_by_key(|(i, t)| (t.start_lo, t.start_hi, *i));
        for (n, (ia, a)) in terms.iter().enumerate() {
            for (ib, b) in &terms[n + 1..] {
                let first_certain = b.start_hi.max(a.start_hi);
                if first_certain <= a.end_lo && first_certain <= b.end_lo && !a.hands_over_to(b) {
                    let a_line = c.line(CS, *ia);
                    let (sa, sb) = (&data.country_states[*ia], &data.country_states[*ib]);
                    c.push(
                        CS,
                        *ib,
                        format!(
                            "`{place}` belongs to `{}` from {} while it belongs to `{}` (line {a_line}) to {}",
                            sb.state_id,
                            sb.date_from.as_deref().unwrap_or("an unknown date"),
                            sa.state_id,
                            sa.date_to.as_deref().unwrap_or("an open end"),
                        ),
                        "correct the dates so one period ends the day before the next begins",
                    );
                }
            }
        }
    }
    let with_state: HashSet<&str> = data
        .country_states
        .iter()
        .map(|r| r.place_id.as_str())
        .collect();
    for (i, r) in data.countries.iter().enumerate() {
        if r.kind == "city" && !with_state.contains(r.id.as_str()) {
            c.push(
                "countries.csv",
                i,
                format!("city `{}` belongs to no state", r.id),
                "add its state(s), with dates, to country_states.csv",
            );
        }
    }
}

/// `successor_id` links regimes of one state (RSFSR -> USSR): a region or a
/// city is never a regime, and no chain comes back to itself. (Annexed land
/// should not be a successor either: its new state goes in
/// `country_states.csv`, so a lineage never mixes two states; that is a
/// curator's judgement the shipped data follows, not a rule, so that older
/// folders with `hatay -> turkey` still load.)
fn check_successors(c: &mut Checker<'_>, data: &ReferenceData) {
    let by_id: HashMap<&str, (usize, &super::Country)> = data
        .countries
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), (i, r)))
        .collect();
    let regime = |k: &str| k != "region" && k != "city";
    for (i, r) in data.countries.iter().enumerate() {
        let Some(next) = r.successor_id.as_deref() else {
            continue;
        };
        if let Some((_, s)) = by_id.get(next) {
            if !regime(&r.kind) || !regime(&s.kind) {
                c.push(
                    "countries.csv",
                    i,
                    format!(
                        "`successor_id` links `{}` ({}) to `{next}` ({})",
                        r.id, r.kind, s.kind
                    ),
                    "a successor is the next regime of a state; a region or city has none (record which state a place belonged to in country_states.csv)",
                );
            }
        }
        let mut seen = HashSet::from([r.id.as_str()]);
        let mut cur = next;
        while let Some((_, s)) = by_id.get(cur) {
            if !seen.insert(cur) {
                c.push(
                    "countries.csv",
                    i,
                    format!("the successors of `{}` come back to `{cur}`", r.id),
                    "break the cycle: a successor must be a later regime",
                );
                break;
            }
            match s.successor_id.as_deref() {
                Some(n) => cur = n,
                None => break,
            }
        }
    }
}

/// No day certainly covered by two terms of one single-holder office slot.
fn check_overlaps(c: &mut Checker<'_>, data: &ReferenceData) {
    let single: HashSet<&str> = data
        .offices
        .iter()
        .filter(|o| o.single_holder == 1)
        .map(|o| o.id.as_str())
        .collect();
    let mut slots: HashMap<(&str, &str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, p) in data.positions.iter().enumerate() {
        if single.contains(p.office_id.as_str()) {
            slots
                .entry((&p.office_id, &p.country_id, p.host_country_id.as_deref()))
                .or_default()
                .push(i);
        }
    }
    let mut keys: Vec<_> = slots.keys().copied().collect();
    keys.sort();
    for key in keys {
        let rows = &slots[&key];
        let mut terms: Vec<(usize, Term)> = rows
            .iter()
            .map(|&i| {
                (
                    i,
                    Term::new(
                        data.positions[i].date_from.as_deref(),
                        data.positions[i].date_to.as_deref(),
                    ),
                )
            })
            .collect();
        terms.sort_by_key(|(i, t)| (t.start_lo, t.start_hi, *i));
        for (n, (ia, a)) in terms.iter().enumerate() {
            for (ib, b) in &terms[n + 1..] {
                // b starts no earlier than a; both certainly hold the office on
                // b's latest possible start if a has not certainly ended by then.
                let first_certain = b.start_hi.max(a.start_hi);
                if first_certain <= a.end_lo && first_certain <= b.end_lo && !a.hands_over_to(b) {
                    let pa = &data.positions[*ia];
                    let pb = &data.positions[*ib];
                    let a_line = c.line(PO_FILE, *ia);
                    c.push(
                        PO_FILE,
                        *ib,
                        format!(
                            "`{}` holds single-holder office `{}` ({}{}) from {} while `{}` (line {a_line}) holds it {} to {}",
                            pb.person_id,
                            pb.office_id,
                            pb.country_id,
                            pb.host_country_id.as_deref().map(|h| format!(" in {h}")).unwrap_or_default(),
                            pb.date_from.as_deref().unwrap_or("an unknown date"),
                            pa.person_id,
                            pa.date_from.as_deref().unwrap_or("an unknown date"),
                            pa.date_to.as_deref().unwrap_or("an open end"),
                        ),
                        "correct the dates so one term ends before the next begins (give the outgoing holder's end date at the precision known)",
                    );
                }
            }
        }
    }
}

const PO_FILE: &str = "positions.csv";

/// Every person alias names one person, unless two people share a surname
/// form on purpose (both rows of a shareable kind).
fn check_person_aliases(c: &mut Checker<'_>, data: &ReferenceData) {
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in data.person_aliases.iter().enumerate() {
        let any = r.match_mode.as_deref() == Some("any_case");
        by_form
            .entry(alias_form(&r.alias, any))
            .or_default()
            .push(i);
    }
    let mut forms: Vec<_> = by_form.into_iter().collect();
    forms.sort();
    for (_, rows) in forms {
        let persons: HashSet<&str> = rows
            .iter()
            .map(|&i| data.person_aliases[i].person_id.as_str())
            .collect();
        if persons.len() < 2 {
            continue;
        }
        for &i in &rows {
            let r = &data.person_aliases[i];
            if !SHAREABLE_PERSON_ALIAS_KINDS.contains(&r.kind.as_str()) {
                let mut others: Vec<&str> = persons
                    .iter()
                    .copied()
                    .filter(|p| *p != r.person_id)
                    .collect();
                others.sort();
                c.push(
                    "person_aliases.csv",
                    i,
                    format!("alias `{}` (kind {}) also names {}", r.alias, r.kind, others.join(", ")),
                    format!(
                        "an alias may name two people only when it is a shared surname form (kind {}); otherwise keep it on one person",
                        SHAREABLE_PERSON_ALIAS_KINDS.join("/")
                    ),
                );
            }
        }
    }
}

/// A country alias names one country at any one time: two countries may
/// share it only in periods that cannot overlap (`Turkey` for the Grand
/// National Assembly government, then for the Republic).
fn check_country_aliases(c: &mut Checker<'_>, data: &ReferenceData) {
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in data.country_aliases.iter().enumerate() {
        let any = r.match_mode.as_deref() != Some("exact");
        by_form
            .entry(alias_form(&r.alias, any))
            .or_default()
            .push(i);
    }
    let mut forms: Vec<_> = by_form.into_iter().collect();
    forms.sort();
    for (_, rows) in forms {
        for (n, &ia) in rows.iter().enumerate() {
            for &ib in &rows[n + 1..] {
                let (a, b) = (&data.country_aliases[ia], &data.country_aliases[ib]);
                if a.country_id == b.country_id {
                    continue;
                }
                let ta = Term::new(a.valid_from.as_deref(), a.valid_to.as_deref());
                let tb = Term::new(b.valid_from.as_deref(), b.valid_to.as_deref());
                // The same rule as for terms of office: a problem only when
                // some day certainly falls in both periods.
                let overlap = ta.start_hi.max(tb.start_hi) <= ta.end_lo.min(tb.end_lo);
                if overlap {
                    let a_line = c.line("country_aliases.csv", ia);
                    c.push(
                        "country_aliases.csv",
                        ib,
                        format!(
                            "alias `{}` names `{}` here and `{}` on line {a_line} for overlapping periods",
                            b.alias, b.country_id, a.country_id
                        ),
                        "give both rows valid_from/valid_to that do not overlap, or drop one",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::fixture::{data_from, parts};

    /// One change to a fixture file.
    #[derive(Clone, Copy)]
    enum Edit {
        /// Rows added at the end.
        Add(&'static str),
        /// The first text replaced by the second.
        Replace(&'static str, &'static str),
        /// The whole text.
        Text(&'static str),
    }
    use Edit::{Add, Replace, Text};

    /// The fixture with one file's text replaced.
    fn with(file: &str, text: &str) -> anyhow::Result<ReferenceData> {
        let mut p = parts();
        p[index(file)] = text;
        data_from(p)
    }

    /// Where `file` stands in the fixture (the first file if it is none of them).
    fn index(file: &str) -> usize {
        crate::reference::load::FILES
            .iter()
            .position(|f| *f == file)
            .unwrap_or(0)
    }

    /// The error for the fixture with one file edited, `<accepted>` if none.
    fn err_of(file: &str, edit: Edit) -> String {
        let base = parts()[index(file)];
        let text = match edit {
            Add(rows) => format!("{base}{rows}"),
            Replace(from, to) => base.replace(from, to),
            Text(text) => text.to_string(),
        };
        match with(file, &text) {
            Ok(_) => String::from("<accepted>"),
            Err(e) => format!("{e:#}"),
        }
    }

    /// Asserts for each case that the edit of the file gives an error that
    /// says each of the texts.
    fn refused(cases: &[(&str, Edit, &[&str])]) {
        for &(file, edit, says) in cases {
            let e = err_of(file, edit);
            for s in says {
                assert!(e.contains(s), "{e}");
            }
        }
    }

    #[test]
    fn fixture_is_valid() {
        assert!(with("countries.csv", crate::entities::fixture::COUNTRIES).is_ok());
    }

    #[test]
    fn overlapping_terms_are_refused_with_line_and_fix() {
        refused(&[(
            "positions.csv",
            Add("surits,envoy,envoy,ussr,turkey,1930-05,1931,\n"),
            &[
                "positions.csv, line 16",
                "single-holder office `envoy`",
                "correct the dates",
            ],
        )]);
    }

    #[test]
    fn year_precision_succession_is_not_an_overlap_but_an_open_end_is() {
        // Surits to 1934 and Karakhan from 1934 are in the fixture and accepted;
        // an open-ended earlier term is not.
        refused(&[(
            "positions.csv",
            Replace(
                "surits,envoy,plenipotentiary representative,ussr,turkey,1923,1934,",
                "surits,envoy,plenipotentiary representative,ussr,turkey,1923,,",
            ),
            &["`karakhan` holds single-holder office"],
        )]);
    }

    #[test]
    fn bad_references_dates_and_enums_are_named() {
        refused(&[
            (
                "positions.csv",
                Add("nobody,envoy,envoy,ussr,atlantis,1939-02-30,1938,\n"),
                &[
                    "`person_id` is `nobody`",
                    "`host_country_id` is `atlantis`",
                    "`date_from` is `1939-02-30`, not a valid date",
                ],
            ),
            (
                "country_aliases.csv",
                Add("ussr,Sovdepia,slang,sometimes,,\n"),
                &["`kind` is `slang`", "`match` is `sometimes`"],
            ),
            (
                "countries.csv",
                Add("ussr,Dup,state,,,,,\n"),
                &["id `ussr` is used again (first on line 3)"],
            ),
        ]);
    }

    #[test]
    fn aliases_must_name_one_entity() {
        refused(&[
            // A full-name alias shared by two people is refused; a shared surname is not.
            (
                "person_aliases.csv",
                Add("chamberlain_neville,Austen Chamberlain,name,\n"),
                &["alias `Austen Chamberlain` (kind name) also names chamberlain_austen"],
            ),
            // A country alias shared in overlapping periods is refused.
            (
                "country_aliases.csv",
                Add("germany,Persia,variant,,1930,1940\n"),
                &["alias `Persia` names `germany`"],
            ),
        ]);
    }

    #[test]
    fn states_of_places_are_checked() {
        refused(&[
            // Two states at once for one place.
            (
                "country_states.csv",
                Add("austria,great_britain,1938,1939,\n"),
                &["country_states.csv, line 2", "(line 3)"],
            ),
            // Unknown ids, bad dates, a place as its own state.
            (
                "country_states.csv",
                Add("atlantis,germany,1939-02-30,,\ngermany,germany,,,\n"),
                &[
                    "`place_id` is `atlantis`",
                    "`date_from` is `1939-02-30`",
                    "`germany` is given as its own state",
                ],
            ),
            // A city with no state is refused.
            (
                "countries.csv",
                Add("kabul,Kabul,city,,,,,\n"),
                &["city `kabul` belongs to no state"],
            ),
        ]);
        // A handover on one day, written at day precision on both rows, is no
        // overlap; a region may have no state.
        for (file, rows) in [
            ("country_states.csv", "japan,china,,1932-02-29,\n"),
            ("countries.csv", "thrace,Thrace,region,,,,,\n"),
        ] {
            assert_eq!(err_of(file, Add(rows)), "<accepted>");
        }
        // A region cannot hold land.
        let countries = format!(
            "{}balkans,the Balkans,region,,,,,\n",
            crate::entities::fixture::COUNTRIES
        );
        let mut p = parts();
        p[index("countries.csv")] = &countries;
        p[index("country_states.csv")] =
            "place_id,state_id,date_from,date_to,note\naustria,balkans,,,\n";
        let e = data_from(p)
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(e.contains("`state_id` is `balkans`, a region"), "{e}");
    }

    #[test]
    fn successors_link_regimes_without_cycles() {
        refused(&[
            (
                "countries.csv",
                Replace(
                    "turkey,Republic of Turkey,state,1923-10-29,,,,",
                    "turkey,Republic of Turkey,state,1923-10-29,,gna,,",
                ),
                &["the successors of `gna` come back to `gna`"],
            ),
            (
                "countries.csv",
                Add("straits,the Straits,region,,,turkey,,\n"),
                &["`successor_id` links `straits` (region) to `turkey` (state)"],
            ),
        ]);
    }

    #[test]
    fn csv_errors_name_file_line_and_column() {
        refused(&[
            (
                "offices.csv",
                Replace(
                    "envoy,plenipotentiary representative,1,",
                    "envoy,plenipotentiary representative,yes,",
                ),
                &[
                    "offices.csv, line 3, column `single_holder`",
                    "fix the file",
                ],
            ),
            (
                "institution_aliases.csv",
                Text("institution_id,alias\nnkid,NKID,extra\n"),
                &["line 2", "3 fields"],
            ),
            (
                "institution_aliases.csv",
                Text("institution,alias\nnkid,NKID\n"),
                &["missing field `institution_id`"],
            ),
        ]);
    }

    #[test]
    fn fields_are_trimmed_and_empty_is_none() {
        let d = with("offices.csv", "id,title,single_holder,description\n commissar_foreign_affairs , people's commissar ,1,  \nenvoy,envoy,1,\ncharge_affaires,charge,1,\nforeign_minister,fm,1,\npolitburo_member,m,0,\n");
        let d = match d {
            Ok(d) => d,
            Err(e) => panic!("{e:#}"),
        };
        assert_eq!(d.offices[0].id, "commissar_foreign_affairs");
        assert_eq!(d.offices[0].title, "people's commissar");
        assert_eq!(d.offices[0].description, None);
        assert_eq!(d.fingerprint.len(), 64);
        let other = with("offices.csv", "id,title,single_holder,description\ncommissar_foreign_affairs,x,1,\nenvoy,envoy,1,\ncharge_affaires,charge,1,\nforeign_minister,fm,1,\npolitburo_member,m,0,\n");
        assert_ne!(other.map(|o| o.fingerprint).ok(), Some(d.fingerprint));
    }
}
