//! The compiled alias tables: built once from the reference data.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use anyhow::{Context, Result};

use super::evidence::is_common_word;
use super::normalize::{normalize_pattern, Normalized};
use super::who_held::OfficeIndex;
use crate::calendar::Term;
use crate::reference::ReferenceData;

/// One entity a matched alias may stand for.
#[derive(Debug, Clone)]
pub(crate) enum Candidate {
    Person {
        /// Index into `ReferenceData.persons`.
        idx: usize,
        /// Index into `ReferenceData.person_aliases`: the alias matched.
        alias: usize,
        /// The alias in its normalised case when its case matters (see [`Candidate::case`]).
        exact: Option<String>,
        /// The alias is an ordinary English word in lower case.
        common: bool,
    },
    Country {
        idx: usize,
        exact: Option<String>,
        common: bool,
        /// A combining form (`Franco`, `Anglo`): a name only before a hyphen.
        combining: bool,
        /// When the alias means this country.
        valid: Term,
    },
}

/// What the case of a matched text says of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Accept,
    /// An ordinary English word printed in lower case: a name only with
    /// evidence around it (see `evidence`).
    NeedsEvidence,
    Refuse,
}

impl Candidate {
    /// Whether `text` (the matched stretch of the normalised text, case
    /// kept) may be this candidate's alias.
    ///
    /// Person aliases match as written or with words in lower (or upper)
    /// case, as the translation prints them (`chamberlain`, `Shukru kaya`);
    /// `any_case` ones in any case. Country aliases match in any case, but
    /// `exact` ones (`US`, `Poles`) only as written. An alias that is also an
    /// ordinary English word (`turkey`, `eden`) printed in lower case needs
    /// evidence.
    pub(crate) fn case(&self, text: &str) -> Case {
        let (exact, common, strict) = match self {
            Candidate::Person { exact, common, .. } => (exact, *common, false),
            Candidate::Country { exact, common, .. } => (exact, *common, true),
        };
        let fits = match exact {
            None => true,
            Some(form) if strict => form == text,
            Some(form) => super::evidence::same_name_in_other_case(text, form),
        };
        if !fits {
            Case::Refuse
        } else if common && super::evidence::is_lower(text) && exact.as_deref() != Some(text) {
            Case::NeedsEvidence
        } else {
            Case::Accept
        }
    }

    /// [`Candidate::case`] at a sentence's start, where an ordinary word is
    /// capitalised too (`Seeds of mistrust`): there a person's common-word
    /// alias needs evidence in any case. (A capitalised `Turkey` or `China`
    /// opening a sentence is the country in this collection.)
    pub(crate) fn case_at(&self, text: &str, sentence_start: bool) -> Case {
        let common = matches!(self, Candidate::Person { common: true, .. });
        match self.case(text) {
            Case::Accept if common && sentence_start => Case::NeedsEvidence,
            case => case,
        }
    }

    pub(crate) fn is_person(&self) -> bool {
        matches!(self, Candidate::Person { .. })
    }

    pub(crate) fn is_combining(&self) -> bool {
        matches!(
            self,
            Candidate::Country {
                combining: true,
                ..
            }
        )
    }
}

/// Reference data compiled for matching. Build it once and share it.
pub struct Gazetteer {
    pub(crate) data: ReferenceData,
    /// Person and country aliases, lowercased and normalised.
    pub(crate) names: Matcher,
    pub(crate) candidates: Vec<Vec<Candidate>>,
    pub(crate) offices: Matcher,
    /// Office index per office pattern.
    pub(crate) office_of: Vec<usize>,
    pub(crate) institutions: Matcher,
    pub(crate) institution_of: Vec<usize>,
    pub(crate) positions_by_person: HashMap<String, Vec<usize>>,
    pub(crate) office_index: OfficeIndex,
    /// The persons' and countries' keys in reference-data order, copied
    /// side by side: every mention clones one, and the records they come
    /// from are large and scattered (a cache miss per mention).
    pub(crate) person_ids: Vec<String>,
    pub(crate) country_ids: Vec<String>,
}

/// Compiled patterns: their trie as a compact automaton, and a small filter
/// of how they begin.
pub(crate) struct Matcher {
    /// The trie, walked by hand (see [`walk`]), so it is the bare automaton
    /// rather than an `AhoCorasick` searcher. A contiguous NFA rather than a
    /// full DFA: only anchored walks are made, which never follow failure
    /// links, so the NFA takes the same steps; and a full DFA of a few
    /// thousand aliases is several MB, so nearly every step of a walk was a
    /// cache miss (the walk was the most expensive function of a seed).
    trie: NFA,
    /// Which text may start a pattern, checked before walking the trie, so
    /// most word starts (`the`, `and`, `of` ...) cost a few lookups in these
    /// 25 KB, which stay cached. Bit sets: first bytes of one-byte patterns,
    /// two-byte patterns, a hash of three-byte and of four-byte patterns,
    /// and a hash of the first five bytes of longer ones. (Five rather than
    /// three bytes of the longer ones: many words of a body begin as an
    /// alias does, `com` or `pre`, and four in five walks found nothing.)
    one: [u64; 4],
    two: Box<Bits16>,
    three: Box<Bits16>,
    four: Box<[u64; 64]>,
    five: Box<Bits16>,
}

/// A set of 16-bit values (fixed size, so lookups need no bounds check).
type Bits16 = [u64; 1 << 10];

fn set(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

fn get(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// 16 bits from three bytes (Fibonacci hashing).
fn hash3(a: u8, b: u8, c: u8) -> usize {
    let x = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// 12 bits from four bytes (few patterns have four).
fn hash4(w: [u8; 4]) -> usize {
    (u32::from_le_bytes(w).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// 16 bits from five bytes.
fn hash5(w: [u8; 5]) -> usize {
    let [a, b, c, d, e] = w;
    let x = u64::from_le_bytes([a, b, c, d, e, 0, 0, 0]);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

impl Matcher {
    /// False when no pattern can start at `pos` (no false negatives: every
    /// pattern that starts there set the bit that is tested).
    #[inline(always)]
    fn may_start(&self, hay: &[u8], pos: usize) -> bool {
        // Away from the end, the five bytes at once, every set tested.
        if let Some(&[a, b, c, d, e]) = hay.get(pos..pos + 5) {
            return get(&self.one, usize::from(a))
                | get(&self.two[..], pair(a, b))
                | get(&self.three[..], hash3(a, b, c))
                | get(&self.four[..], hash4([a, b, c, d]))
                | get(&self.five[..], hash5([a, b, c, d, e]));
        }
        self.may_start_near_end(hay, pos)
    }

    /// [`Matcher::may_start`] with fewer than five bytes left.
    fn may_start_near_end(&self, hay: &[u8], pos: usize) -> bool {
        let Some(&a) = hay.get(pos) else {
            return false;
        };
        if get(&self.one, usize::from(a)) {
            return true;
        }
        let Some(&b) = hay.get(pos + 1) else {
            return false;
        };
        if get(&self.two[..], pair(a, b)) {
            return true;
        }
        let Some(&c) = hay.get(pos + 2) else {
            return false;
        };
        if get(&self.three[..], hash3(a, b, c)) {
            return true;
        }
        let Some(&d) = hay.get(pos + 3) else {
            return false;
        };
        if get(&self.four[..], hash4([a, b, c, d])) {
            return true;
        }
        hay.get(pos + 4)
            .is_some_and(|&e| get(&self.five[..], hash5([a, b, c, d, e])))
    }
}

/// Compiles `patterns` (lowercase, normalised) for [`scan`].
pub(crate) fn automaton<I, P>(patterns: I) -> Result<Matcher>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    let patterns: Vec<P> = patterns.into_iter().collect();
    let mut one = [0u64; 4];
    let mut two = Box::new([0u64; 1 << 10]);
    let mut three = Box::new([0u64; 1 << 10]);
    let mut four = Box::new([0u64; 1 << 6]);
    let mut five = Box::new([0u64; 1 << 10]);
    for p in &patterns {
        match *p.as_ref() {
            [] => {}
            [a] => set(&mut one, usize::from(a)),
            [a, b] => set(&mut two[..], pair(a, b)),
            [a, b, c] => set(&mut three[..], hash3(a, b, c)),
            [a, b, c, d] => set(&mut four[..], hash4([a, b, c, d])),
            [a, b, c, d, e, ..] => set(&mut five[..], hash5([a, b, c, d, e])),
        }
    }
    let trie = NFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // Only anchored walks (see `scan`): no prefilter.
        .prefilter(false)
        .build(&patterns)
        .context("building the alias matcher")?;
    Ok(Matcher {
        trie,
        one,
        two,
        three,
        four,
        five,
    })
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

impl PatternSet<usize> {
    /// The aliases, then the names, of records given as (id, name), each
    /// matching its record's place in the list. An alias of an unknown id is
    /// left out (the reference data's validation reports it).
    fn of_names<'a>(
        records: impl Iterator<Item = (&'a str, &'a str)>,
        aliases: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let records: Vec<(&str, &str)> = records.collect();
        let index: HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut set = PatternSet::default();
        for (id, alias) in aliases {
            if let Some(&i) = index.get(id) {
                set.add(lower(&normalize_pattern(alias)), i);
            }
        }
        for (i, (_, name)) in records.iter().enumerate() {
            set.add(lower(&normalize_pattern(name)), i);
        }
        set
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
        for (alias, a) in data.person_aliases.iter().enumerate() {
            let Some(&idx) = person_idx.get(&a.person_id) else {
                continue;
            };
            let form = normalize_pattern(&a.alias);
            let exact = (a.match_mode.as_deref() != Some("any_case")).then(|| form.clone());
            let lower_form = lower(&form);
            let common = is_common_word(&lower_form);
            names.add(
                lower_form,
                Candidate::Person {
                    idx,
                    alias,
                    exact,
                    common,
                },
            );
        }
        for a in &data.country_aliases {
            let Some(&idx) = country_idx.get(&a.country_id) else {
                continue;
            };
            let form = normalize_pattern(&a.alias);
            let exact = (a.match_mode.as_deref() == Some("exact")).then(|| form.clone());
            let valid = Term::new(a.valid_from.as_deref(), a.valid_to.as_deref());
            let lower_form = lower(&form);
            names.add(
                lower_form.clone(),
                Candidate::Country {
                    idx,
                    exact,
                    common: is_common_word(&lower_form),
                    combining: a.kind == "combining",
                    valid,
                },
            );
        }
        // Only the alias rows are names: README.md asks for every alias to be
        // explicit, and the curators leave out on purpose surnames that are
        // ordinary words (`Law`, `Reading`).

        let offices = PatternSet::of_names(
            data.offices
                .iter()
                .map(|o| (o.id.as_str(), o.title.as_str())),
            data.office_aliases
                .iter()
                .map(|a| (a.office_id.as_str(), a.alias.as_str())),
        );
        let institutions = PatternSet::of_names(
            data.institutions
                .iter()
                .map(|i| (i.id.as_str(), i.name.as_str())),
            data.institution_aliases
                .iter()
                .map(|a| (a.institution_id.as_str(), a.alias.as_str())),
        );

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
            person_ids: data.persons.iter().map(|p| p.id.clone()).collect(),
            country_ids: data.countries.iter().map(|c| c.id.clone()).collect(),
            data: data.clone(),
        })
    }

    /// The reference data this gazetteer was built from.
    #[cfg(test)]
    pub(crate) fn data(&self) -> &ReferenceData {
        &self.data
    }
}

fn lower(s: &str) -> String {
    super::normalize::normalize(s).lower
}

/// A match in normalised text that passed the boundary checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
pub(crate) fn scan(m: &Matcher, n: &Normalized, mut accept: impl FnMut(Hit) -> bool) -> Vec<Hit> {
    let trie = &m.trie;
    let hay = n.lower.as_bytes();
    let text = n.cased.as_bytes();
    let len = hay.len();
    let mut hits = Vec::new();
    // The automaton is built for anchored searches, so this cannot fail; if
    // it did, it would only mean "no match", not a panic.
    let Ok(start) = trie.start_state(Anchored::Yes) else {
        return hits;
    };
    // Every pattern that starts at `pos`, shortest first: one walk of the
    // trie finds them all, and the longest that `accept` takes wins.
    let mut ends: Vec<(usize, usize)> = Vec::new();
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
        if !prev_alpha && !matches!(b, b' ' | b',' | b'.') && m.may_start(hay, pos) {
            walk(trie, start, hay, pos, &mut ends);
            let found = ends.iter().rev().find_map(|&(pattern, end)| {
                let hit = Hit {
                    pattern,
                    start: pos,
                    end,
                };
                (end_ok(&n.cased, pos, end) && accept(hit)).then_some(hit)
            });
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
        // The rest of an ASCII word holds no word start: skip it in a
        // tight loop (most of a body's bytes are such letters).
        if alpha && clen == 1 {
            while text.get(pos).is_some_and(u8::is_ascii_alphabetic) {
                pos += 1;
            }
        }
    }
    hits
}

/// Walks the anchored trie from `pos` until it dies, filling `ends` with
/// (pattern, end) of every pattern that starts exactly at `pos`, in order of
/// length. This is what repeated anchored leftmost-longest searches with a
/// shrinking end would find one by one (longest first), in one pass and
/// without the searcher's per-call set-up, which cost more than the walk
/// itself at every word start of every body.
fn walk(trie: &NFA, start: StateID, hay: &[u8], pos: usize, ends: &mut Vec<(usize, usize)>) {
    ends.clear();
    let mut sid = start;
    for (at, &byte) in hay.iter().enumerate().skip(pos) {
        sid = trie.next_state(Anchored::Yes, sid, byte);
        if trie.is_special(sid) {
            if trie.is_dead(sid) {
                return;
            }
            if trie.is_match(sid) {
                // A match state may carry a pattern that is only a suffix of
                // the walk (copied along failure links when the automaton was
                // built): it does not start at `pos`, so it is no match here
                // (the searcher drops those the same way).
                let pid = trie.match_pattern(sid, 0);
                if (at + 1).checked_sub(trie.pattern_len(pid)) == Some(pos) {
                    ends.push((pid.as_usize(), at + 1));
                }
            }
        }
    }
}

/// What may follow a name: a non-letter, a possessive `'s` / `'`, glued
/// footnote digits (`England129`) that are not followed by a letter, or a
/// glued initial (`USSRV.`).
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
        // An initial glued on by the page's lost space (`USSRV. M. Molotov`).
        Some(c) if c.is_uppercase() && it.clone().next() == Some('.') => true,
        Some(c) if c.is_ascii_digit() => {
            // Glued footnote number: digits, then no letter.
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            !after.chars().next().is_some_and(char::is_alphabetic)
        }
        Some(c) => !c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, StartKind};
    use proptest::prelude::*;

    use super::*;
    use crate::entities::normalize::normalize;

    /// `scan` as it was written first: one anchored leftmost-longest search
    /// per word start through the `AhoCorasick` searcher, retried with a
    /// shorter end after each refusal. The hand walk must find exactly this.
    fn scan_reference(
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

    /// Aliases that are prefixes and suffixes of one another, with
    /// apostrophes, dots, digits and non-ASCII letters.
    const PATTERNS: &[&str] = &[
        "great",
        "great britain",
        "britain",
        "b",
        "mo",
        "ain",
        "the great",
        "o'brien",
        "o'brien's",
        "st. petersburg",
        "st.",
        "petersburg",
        "atatürk",
        "ürk",
        "i. m. maisky",
        "maisky",
        "m. maisky",
        "litvinov",
        "lit",
        "1939",
        "no. 5",
        "молотов",
        "мол",
    ];

    /// Words and separators the generated texts are made of: pieces of the
    /// patterns, so that matches, near misses and overlaps are frequent.
    const PIECES: &[&str] = &[
        "Great",
        "great",
        "GREAT",
        "Britain",
        "britain",
        "britains",
        "B",
        "b",
        "ain",
        "The",
        "the",
        "O'Brien",
        "O\u{2019}Brien",
        "'s",
        "ʹs",
        "St.",
        "st",
        ".",
        "Petersburg",
        "Atatürk",
        "ATATÜRK",
        "ürk",
        "I.",
        "M.",
        "Maisky",
        "maisky",
        "Litvinov",
        "Lit",
        "lit",
        "1939",
        "12",
        "No.",
        "5",
        "Молотов",
        "мол",
        "Мол",
        "x",
        " ",
        " ",
        " ",
        "  ",
        ",",
        ";",
        "-",
        "\n",
        "\u{a0}",
        "(",
        ")",
        "\"",
        "*",
    ];

    fn text_from(picks: &[(usize, bool)]) -> String {
        let mut t = String::new();
        for &(i, space) in picks {
            t.push_str(PIECES[i % PIECES.len()]);
            if space {
                t.push(' ');
            }
        }
        t
    }

    proptest! {
        #[test]
        fn hand_walk_finds_what_the_searcher_finds(
            picks in proptest::collection::vec((0usize..1000, any::<bool>()), 0..40),
            refuse in 0usize..5,
        ) {
            let text = text_from(&picks);
            let n = normalize(&text);
            let matcher = automaton(PATTERNS).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .kind(Some(AhoCorasickKind::DFA))
                .build(PATTERNS)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            // Refuse some hits (as a case check would), deterministically
            // from the hit, so both scans see the same decisions.
            let accept = |h: Hit| refuse == 0 || !(h.pattern + h.end).is_multiple_of(refuse);
            let fast = scan(&matcher, &n, accept);
            let slow = scan_reference(&ac, &n, accept);
            prop_assert_eq!(&fast, &slow, "text {:?}", text);
        }
    }

    #[test]
    fn hand_walk_retries_shorter_after_a_refusal() {
        let matcher = automaton(PATTERNS).expect("patterns compile");
        let n = normalize("Great Britain and O'Brien's note");
        let pattern = |p: &str| PATTERNS.iter().position(|q| *q == p).unwrap_or(usize::MAX);
        let all = scan(&matcher, &n, |_| true);
        let texts: Vec<&str> = all.iter().map(|h| &n.cased[h.start..h.end]).collect();
        assert_eq!(texts, ["Great Britain", "O'Brien's"]);
        // Refusing the longest alias falls back to the shorter one at the
        // same start, and the scan goes on after it.
        let refused = scan(&matcher, &n, |h| h.pattern != pattern("great britain"));
        let texts: Vec<&str> = refused.iter().map(|h| &n.cased[h.start..h.end]).collect();
        assert_eq!(texts, ["Great", "Britain", "O'Brien's"]);
    }
}
