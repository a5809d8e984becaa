//! Person and country mentions in a document's texts: heading, "Sent to"
//! line, body, signature and footnotes.
//!
//! Each text is normalised and scanned for aliases on its own (offsets count
//! characters of that text), but persons are settled over the whole
//! document: a `Chamberlain` in the body is decided by a `Neville
//! Chamberlain` in the heading.

use super::evidence::{
    country_may_stand_here, country_position, listed_together, possessive_follows, starts_compound,
    starts_sentence, title_or_initial_before, verb_follows, word_before, PERSON_TITLES,
};
use super::gazetteer::{scan, Candidate, Case, Gazetteer, Hit};
use super::normalize::{normalize, CharCounter, Normalized};
use super::settle::Clues;
use super::titles::names_after_titles;
use super::{Field, Mention, Target, Unresolved, UnresolvedMention};
use crate::calendar::{parse_day, Day, Term};
use crate::corpus::Warning;

/// One text of a document to look for names in.
#[derive(Debug, Clone, Copy)]
pub struct DocumentText<'a> {
    pub field: Field,
    pub text: &'a str,
    /// The page line the text starts on (for warnings).
    pub line: u32,
}

/// Everything found in one document.
#[derive(Debug, Default)]
pub struct DocumentMentions {
    pub mentions: Vec<Mention>,
    pub unresolved: Vec<UnresolvedMention>,
    pub warnings: Vec<Warning>,
}

/// A hit whose entity is known, or still open between several persons.
enum Found {
    Person(usize),
    Country(usize),
    /// Several persons share the alias: settled once the whole document is read.
    Persons(Vec<usize>, usize),
    /// Several countries (or a person and a country) and the date cannot
    /// tell: (is a person, index) of each.
    Unresolvable(Vec<(bool, usize)>),
}

/// One text, normalised, with what was found in it.
struct Scanned<'a> {
    part: DocumentText<'a>,
    n: Normalized,
    found: Vec<(Hit, Found)>,
    /// Hits waiting for evidence from the rest of the document.
    pending: Vec<(Hit, Found)>,
}

impl Gazetteer {
    /// Finds person and country mentions in `body` alone (see
    /// [`Gazetteer::find_in_document`]).
    pub fn find_mentions(
        &self,
        body: &str,
        body_line: u32,
        date: Option<&str>,
    ) -> (Vec<Mention>, Vec<Warning>) {
        let found = self.find_in_document(
            &[DocumentText {
                field: Field::Body,
                text: body,
                line: body_line,
            }],
            date,
        );
        (found.mentions, found.warnings)
    }

    /// Finds person and country mentions in every text of a document, and
    /// the names it could not settle.
    ///
    /// `date` is the document's ISO day, used to pick between entities that
    /// share an alias. An alias several persons share is settled by the
    /// initials and title printed before it, another unambiguous mention in
    /// the document, the office held on the date, and who was alive (see
    /// `settle`); otherwise it becomes an ambiguous unresolved mention with
    /// its candidates, and an `ambiguous_name` warning.
    pub fn find_in_document(&self, texts: &[DocumentText], date: Option<&str>) -> DocumentMentions {
        let day = date.and_then(parse_day);
        let mut scanned: Vec<Scanned> = texts
            .iter()
            .filter(|t| !t.text.is_empty())
            .map(|&part| {
                let n = normalize(part.text);
                let (found, pending) = self.scan_text(&n, day);
                Scanned {
                    part,
                    n,
                    found,
                    pending,
                }
            })
            .collect();

        // An ordinary word that may be a name (`china`) is one when the
        // document names the same entity elsewhere.
        // Sorted and searched rather than hashed: a few dozen entries.
        let mut sure: Vec<(bool, usize)> = scanned
            .iter()
            .flat_map(|s| s.found.iter())
            .filter_map(|(_, f)| match f {
                Found::Person(i) => Some((true, *i)),
                Found::Country(i) => Some((false, *i)),
                _ => None,
            })
            .collect();
        sure.sort_unstable();
        sure.dedup();
        let sure = |entity: (bool, usize)| sure.binary_search(&entity).is_ok();
        for s in &mut scanned {
            let confirmed: Vec<(Hit, Found)> = s
                .pending
                .drain(..)
                .filter(|(hit, f)| match f {
                    Found::Person(i) => sure((true, *i)),
                    Found::Country(i) => {
                        sure((false, *i)) && country_may_stand_here(&s.n, hit.start)
                    }
                    _ => false,
                })
                .collect();
            if !confirmed.is_empty() {
                s.found.extend(confirmed);
                s.found.sort_by_key(|(h, _)| h.start);
            }
        }

        // Persons named unambiguously anywhere in the document.
        let mut named: Vec<usize> = scanned
            .iter()
            .flat_map(|s| s.found.iter())
            .filter_map(|(_, f)| match f {
                Found::Person(i) => Some(*i),
                _ => None,
            })
            .collect();
        named.sort_unstable();
        named.dedup();

        let mut out = DocumentMentions::default();
        for s in &mut scanned {
            let text = s.part.text;
            let mut chars = CharCounter::new(text);
            let mut covered: Vec<(usize, usize, bool)> = Vec::with_capacity(s.found.len());
            for (hit, f) in s.found.drain(..) {
                let (bs, be) = (
                    s.n.orig_byte[hit.start] as usize,
                    s.n.orig_byte[hit.end] as usize,
                );
                let surface = text.get(bs..be).unwrap_or_default().to_string();
                let (char_start, char_end) = (chars.at(bs), chars.at(be));
                // An alias that names one entity needs no stored reason (the
                // surface is the alias): only a choice between several does.
                let resolved = match f {
                    Found::Person(i) => Ok((Target::Person(self.person_ids[i].clone()), i, None)),
                    Found::Country(i) => {
                        Ok((Target::Country(self.country_ids[i].clone()), i, None))
                    }
                    Found::Persons(cands, alias) => {
                        let clues = self.clues(&s.n, hit, &named, day);
                        match self.settle(&cands, &clues) {
                            Ok((i, why)) => Ok((
                                Target::Person(self.person_ids[i].clone()),
                                i,
                                Some(format!(
                                    "alias `{surface}` ({}), shared by {}: {why}",
                                    self.data.person_aliases[alias].kind,
                                    self.person_keys(&cands)
                                )),
                            )),
                            Err(why) => Err((
                                cands
                                    .iter()
                                    .map(|&i| self.target(true, i))
                                    .collect::<Vec<_>>(),
                                why,
                            )),
                        }
                    }
                    Found::Unresolvable(cands) => Err((
                        cands
                            .iter()
                            .map(|&(person, i)| self.target(person, i))
                            .collect(),
                        "the date does not tell which is meant".to_string(),
                    )),
                };
                match resolved {
                    Ok((target, index, rule)) => {
                        covered.push((hit.start, hit.end, matches!(target, Target::Person(_))));
                        out.mentions.push(Mention {
                            target,
                            index,
                            field: s.part.field,
                            char_start,
                            char_end,
                            surface,
                            rule,
                        });
                    }
                    Err((cands, why)) => {
                        covered.push((hit.start, hit.end, true));
                        let mut keys: Vec<&str> = cands
                            .iter()
                            .map(|(t, _)| match t {
                                Target::Person(k) | Target::Country(k) => k.as_str(),
                            })
                            .collect();
                        keys.sort_unstable();
                        out.warnings.push(ambiguity(
                            text,
                            bs,
                            s.part.line,
                            &surface,
                            &keys.join(", "),
                        ));
                        out.unresolved.push(UnresolvedMention {
                            field: s.part.field,
                            char_start,
                            char_end,
                            surface,
                            reason: Unresolved::Ambiguous,
                            note: why,
                            candidates: cands,
                        });
                    }
                }
            }
            // Names come in text order: one counter walks the text once.
            let mut counter = CharCounter::new(text);
            for name in names_after_titles(&s.n, &covered) {
                let (bs, be) = (
                    s.n.orig_byte[name.start] as usize,
                    s.n.orig_byte[name.end] as usize,
                );
                out.unresolved.push(UnresolvedMention {
                    field: s.part.field,
                    char_start: counter.at(bs),
                    char_end: counter.at(be),
                    surface: text.get(bs..be).unwrap_or_default().to_string(),
                    reason: Unresolved::Unknown,
                    note: format!("after the title `{}`", name.title),
                    candidates: Vec::new(),
                });
            }
        }
        out
    }

    /// Scans one normalised text: the hits whose case and place allow some
    /// candidate, each resolved as far as the text alone allows. The second
    /// list holds hits that need evidence and found none in their sentence:
    /// they count when the document names the same entity elsewhere (one
    /// sense per document: a `china` in a document that speaks of China).
    fn scan_text(
        &self,
        n: &Normalized,
        day: Option<Day>,
    ) -> (Vec<(Hit, Found)>, Vec<(Hit, Found)>) {
        let hits = scan(&self.names, n, |hit| {
            let text = &n.cased[hit.start..hit.end];
            let compound = starts_compound(n, hit.end);
            self.candidates[hit.pattern]
                .iter()
                .any(|c| c.case(text) != Case::Refuse && place_fits(c, compound))
        });
        // Hits that need evidence are kept when the text gives it; a hit
        // beside a name (`japan and china`) counts as evidence, so the
        // others are decided first.
        let initial: Vec<bool> = hits.iter().map(|h| starts_sentence(n, h.start)).collect();
        let needs: Vec<bool> = hits
            .iter()
            .zip(&initial)
            .map(|(h, &i)| self.needs_evidence(n, *h, i))
            .collect();
        let mut kept: Vec<(Hit, Found)> = Vec::with_capacity(hits.len());
        let mut pending: Vec<(Hit, Found)> = Vec::new();
        for (k, hit) in hits.iter().enumerate() {
            let text = &n.cased[hit.start..hit.end];
            let compound = starts_compound(n, hit.end);
            let fits = |c: &&Candidate| {
                place_fits(c, compound) && c.case_at(text, initial[k]) != Case::Refuse
            };
            // Most aliases have one candidate: no vector for it.
            let found = match self.candidates[hit.pattern].as_slice() {
                [only] => Some(only)
                    .filter(fits)
                    .and_then(|c| resolve_candidates(&[c], day)),
                all => resolve_candidates(&all.iter().filter(fits).collect::<Vec<_>>(), day),
            };
            let Some(found) = found else {
                continue;
            };
            if needs[k] && !self.has_evidence(n, &hits, &needs, k) {
                pending.push((*hit, found));
            } else {
                kept.push((*hit, found));
            }
        }
        (kept, pending)
    }

    /// True when every candidate the hit's case (at a sentence's start or
    /// not) allows needs evidence.
    fn needs_evidence(&self, n: &Normalized, hit: Hit, sentence_start: bool) -> bool {
        let text = &n.cased[hit.start..hit.end];
        let (mut accept, mut needs) = (false, false);
        for c in &self.candidates[hit.pattern] {
            match c.case_at(text, sentence_start) {
                Case::Accept => accept = true,
                Case::NeedsEvidence => needs = true,
                Case::Refuse => {}
            }
        }
        !accept && needs
    }

    /// Evidence that a lower-case ordinary word (`china`, `beck`) is a name
    /// here: a possessive after it, a title or initial before it, a name
    /// listed beside it, or (for a country) a preposition before it with no
    /// noun after it.
    fn has_evidence(&self, n: &Normalized, hits: &[Hit], needs: &[bool], k: usize) -> bool {
        let hit = hits[k];
        if possessive_follows(n, hit.end) || title_or_initial_before(n, hit.start) {
            return true;
        }
        let any_person = self.candidates[hit.pattern]
            .iter()
            .any(Candidate::is_person);
        // A capitalised name opening a sentence and followed by its verb or a
        // comma (`Beck is said`, `Eden, out of office`); in lower case a
        // comma proves nothing (`a garden of eden, and`).
        let capitalised = !super::evidence::is_lower(&n.cased[hit.start..hit.end]);
        if any_person && capitalised && verb_follows(n, hit.end) {
            return true;
        }
        let any_country = self.candidates[hit.pattern].iter().any(|c| !c.is_person());
        if any_country && country_position(n, hit.start, hit.end) {
            return true;
        }
        let beside = |j: usize| -> bool {
            let other = hits[j];
            !needs[j]
                && if j < k {
                    listed_together(n, other.end, hit.start)
                } else {
                    listed_together(n, hit.end, other.start)
                }
        };
        (k > 0 && beside(k - 1)) || (k + 1 < hits.len() && beside(k + 1))
    }

    /// What the text right before a shared alias says (initials, a title).
    fn clues<'a>(
        &self,
        n: &Normalized,
        hit: Hit,
        named: &'a [usize],
        day: Option<Day>,
    ) -> Clues<'a> {
        let mut initials = Vec::new();
        let mut title = None;
        let mut at = hit.start;
        // Walk back over `V. ` / `Ya. ` initials, then take the word before.
        while let Some((w, from)) = word_before(n, at) {
            let is_initial = w.chars().count() <= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && n.cased[from..at].trim_end().ends_with('.');
            if is_initial {
                initials.insert(0, w.chars().next().unwrap_or(' '));
                at = from;
                continue;
            }
            // The word before, unless a full stop ends the sentence between
            // them (`... of foreign affairs. Kemal said`); a title's own dot
            // (`Mr. Eden`, `gen. Antonescu`) is no full stop.
            let lower = w.to_lowercase();
            let full_stop = n.cased[from..at].contains('.');
            if initials.is_empty() && (!full_stop || PERSON_TITLES.contains(&lower.as_str())) {
                title = Some(lower);
            }
            break;
        }
        Clues {
            initials,
            title,
            named: Some(named),
            day,
        }
    }

    fn target(&self, person: bool, i: usize) -> (Target, usize) {
        if person {
            (Target::Person(self.person_ids[i].clone()), i)
        } else {
            (Target::Country(self.country_ids[i].clone()), i)
        }
    }

    fn person_keys(&self, persons: &[usize]) -> String {
        let mut keys: Vec<&str> = persons
            .iter()
            .map(|&i| self.data.persons[i].id.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.join(", ")
    }
}

/// Whether a candidate may stand where the hit is: a person's name never
/// starts a compound (`Franco‐Soviet` is France, not Franco), and a combining
/// form (`Franco`, `Anglo`) is a name only there.
fn place_fits(c: &Candidate, compound: bool) -> bool {
    if c.is_combining() {
        compound
    } else {
        !(compound && c.is_person())
    }
}

/// The entity the candidates of one hit stand for, as far as the hit alone
/// tells; `None` when no candidate is left.
fn resolve_candidates(cands: &[&Candidate], day: Option<Day>) -> Option<Found> {
    // One candidate, the common case: what the general way below gives,
    // without its vectors.
    match cands {
        [Candidate::Person { idx, .. }] => return Some(Found::Person(*idx)),
        [Candidate::Country { idx, .. }] => return Some(Found::Country(*idx)),
        _ => {}
    }
    let mut persons: Vec<(usize, usize)> = Vec::new();
    let mut countries: Vec<(usize, Term)> = Vec::new();
    for c in cands {
        match c {
            Candidate::Person { idx, alias, .. } => {
                if !persons.iter().any(|(i, _)| i == idx) {
                    persons.push((*idx, *alias))
                }
            }
            Candidate::Country { idx, valid, .. } => countries.push((*idx, *valid)),
        }
    }
    let mut country_ids: Vec<usize> = countries.iter().map(|(i, _)| *i).collect();
    country_ids.sort_unstable();
    country_ids.dedup();
    match (persons.len(), country_ids.len()) {
        (0, 0) => None,
        (1, 0) => Some(Found::Person(persons[0].0)),
        (_, 0) => Some(Found::Persons(
            persons.iter().map(|(i, _)| *i).collect(),
            persons[0].1,
        )),
        (0, 1) => Some(Found::Country(countries[0].0)),
        (0, _) => match pick_country(&countries, day) {
            Some(i) => Some(Found::Country(i)),
            None => Some(Found::Unresolvable(
                country_ids.iter().map(|&i| (false, i)).collect(),
            )),
        },
        _ => Some(Found::Unresolvable(
            persons
                .iter()
                .map(|&(i, _)| (true, i))
                .chain(country_ids.iter().map(|&i| (false, i)))
                .collect(),
        )),
    }
}

/// An `ambiguous_name` warning for the name at byte `at` of `text`.
fn ambiguity(text: &str, at: usize, line: u32, surface: &str, keys: &str) -> Warning {
    let newlines = text
        .get(..at)
        .map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count());
    Warning {
        line: line + newlines as u32,
        code: "ambiguous_name",
        message: format!(
            "`{surface}` may mean {keys}; neither the document's date nor the other names in it tell which"
        ),
        expected: "a name that one person or country in the reference data answers to (add a fuller alias or context)"
            .to_string(),
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
    let pick = |keep: &dyn Fn(&Term) -> bool| -> Vec<usize> {
        countries
            .iter()
            .filter(|(_, t)| keep(t))
            .map(|(i, _)| *i)
            .collect()
    };
    match day {
        Some(d) => {
            let certain = pick(&|t| t.certainly_covers(d));
            if !certain.is_empty() {
                return unique(certain);
            }
            unique(pick(&|t| t.possibly_covers(d)))
        }
        // Undated: the alias with no period, else the one still valid at
        // the end (the current name), else nothing.
        None => unique(pick(&|t| t.start_lo == Day::MIN && t.end_hi == Day::MAX))
            .or_else(|| unique(pick(&|t| t.end_hi == Day::MAX))),
    }
}
