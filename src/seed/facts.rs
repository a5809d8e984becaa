//! What the seed-time summaries need from one document, worked out on the
//! worker threads that parse and resolve it, so that SQLite's one writer
//! thread only adds up small integers (see `summary::Tally`).

use std::hash::Hasher;

use crate::entities::{Mention, Target};

/// A person or country of the reference data: whether it is a person, and
/// its place in the reference data's `persons` or `countries` (file order,
/// the order the seeder numbers rows in). Countries sort before persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EntityRef {
    pub person: bool,
    pub index: u32,
}

/// Facts of one document for the summaries.
#[derive(Debug, Default)]
pub struct DocumentFacts {
    /// The distinct persons and countries named in the body, ascending.
    pub entities: Vec<EntityRef>,
    /// The body's distinct words for the unresolved_names summary.
    pub words: Words,
}

/// Distinct words of one body, all in one buffer (two allocations per
/// document, whatever its length: the writer thread frees them).
#[derive(Debug, Default)]
pub struct Words {
    text: String,
    /// Candidate names: (hash, start, end, occurrences in the body).
    candidates: Vec<(u64, u32, u32, u32)>,
    /// Lower-case words: (hash, start, end).
    lower: Vec<(u64, u32, u32)>,
}

impl Words {
    /// (hash, word, occurrences) of each distinct candidate name.
    pub fn candidates(&self) -> impl Iterator<Item = (u64, &str, u32)> {
        self.candidates
            .iter()
            .map(|&(h, s, e, n)| (h, self.text.get(s as usize..e as usize).unwrap_or(""), n))
    }

    /// (hash, word) of each distinct lower-case word.
    pub fn lower(&self) -> impl Iterator<Item = (u64, &str)> {
        self.lower
            .iter()
            .map(|&(h, s, e)| (h, self.text.get(s as usize..e as usize).unwrap_or("")))
    }

    /// The words of `body` as [`words`] cuts them, each distinct one once.
    pub fn of(body: &str) -> Words {
        let mut out = Words::default();
        // Word -> place in candidates or lower: an open-addressing table on
        // `word_hash`, so each word is hashed once (for the table and for
        // the writer) and compared only on equal hashes.
        let mut seen = Seen::new(body.len() / 16);
        out.text.reserve(body.len() / 2);
        // [`words`] in one pass over the bytes: most tokens are ASCII
        // letters only, which nothing trims and whose hash is taken on the
        // way; the others go through `word_of`.
        let bytes = body.as_bytes();
        let mut at = 0;
        while at <= bytes.len() {
            let (from, mut all, mut any, mut fnv) = (at, LETTER, 0, FNV_OFFSET);
            while let Some(&b) = bytes.get(at) {
                let class = BYTE_CLASS[usize::from(b)];
                if class & SEPARATOR != 0 {
                    break;
                }
                if class & CONTROL != 0 {
                    // A control character: the report skips the body.
                    return Words::default();
                }
                (all, any) = (all & class, any | class);
                fnv = (fnv ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                at += 1;
            }
            let token = body.get(from..at).unwrap_or("");
            at += 1;
            let (letters, capital) = (all & LETTER != 0, any & CAPITAL != 0);
            let (word, hash, candidate) = if letters {
                let first = token.as_bytes().first();
                let candidate = token.len() >= 3 && first.is_some_and(u8::is_ascii_uppercase);
                let lower =
                    token.len() >= 3 && first.is_some_and(u8::is_ascii_lowercase) && !capital;
                if !candidate && !lower {
                    continue;
                }
                (token, mix(fnv), candidate)
            } else {
                let word = word_of(token);
                let candidate = is_candidate(word);
                if !candidate && !is_lower_word(word) {
                    continue;
                }
                (word, word_hash(word), candidate)
            };
            let slot = match seen.find(hash, word, &out) {
                Ok(Place::Candidate(k)) => {
                    if let Some(c) = out.candidates.get_mut(k) {
                        c.3 += 1;
                    }
                    continue;
                }
                Ok(Place::Lower(_)) => continue,
                Err(slot) => slot,
            };
            let (Ok(start), Ok(end)) = (
                u32::try_from(out.text.len()),
                u32::try_from(out.text.len() + word.len()),
            ) else {
                continue; // a body over 4 GiB: the limits module refuses such files
            };
            out.text.push_str(word);
            let place = if candidate {
                out.candidates.push((hash, start, end, 1));
                Place::Candidate(out.candidates.len() - 1)
            } else {
                out.lower.push((hash, start, end));
                Place::Lower(out.lower.len() - 1)
            };
            seen.insert(slot, place, &out);
        }
        out
    }

    /// The hash and text of a word already in `candidates` or `lower`.
    fn entry(&self, place: Place) -> (u64, &str) {
        let (hash, start, end) = match place {
            Place::Candidate(k) => self.candidates.get(k).map(|&(h, s, e, _)| (h, s, e)),
            Place::Lower(k) => self.lower.get(k).copied(),
        }
        .unwrap_or((0, 0, 0));
        (
            hash,
            self.text.get(start as usize..end as usize).unwrap_or(""),
        )
    }
}

/// Where a word of [`Words`] is.
#[derive(Debug, Clone, Copy)]
enum Place {
    Candidate(usize),
    Lower(usize),
}

/// The distinct words of [`Words::of`] by hash: linear probing over a
/// power-of-two table at most half full; a slot holds a [`Place`] coded as
/// `index * 2 + is_candidate + 2` (0 is empty).
struct Seen {
    slots: Vec<usize>,
    len: usize,
}

impl Seen {
    fn new(expected: usize) -> Seen {
        Seen {
            slots: vec![0; (expected * 2).next_power_of_two().max(64)],
            len: 0,
        }
    }

    fn place(code: usize) -> Place {
        if code & 1 == 1 {
            Place::Candidate((code - 2) / 2)
        } else {
            Place::Lower((code - 2) / 2)
        }
    }

    fn code(place: Place) -> usize {
        match place {
            Place::Candidate(k) => k * 2 + 3,
            Place::Lower(k) => k * 2 + 2,
        }
    }

    /// The word's place, or the empty slot where it goes.
    fn find(&self, hash: u64, word: &str, words: &Words) -> Result<Place, usize> {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let code = self.slots[i];
            if code == 0 {
                return Err(i);
            }
            let place = Seen::place(code);
            let (h, w) = words.entry(place);
            if h == hash && w == word {
                return Ok(place);
            }
            i = (i + 1) & mask;
        }
    }

    /// Fills the empty `slot` that [`Seen::find`] returned with a word
    /// already added to `words`, growing the table (which moves every slot)
    /// once it is half full.
    fn insert(&mut self, slot: usize, place: Place, words: &Words) {
        self.slots[slot] = Seen::code(place);
        self.len += 1;
        if self.len * 2 <= self.slots.len() {
            return;
        }
        let grown = vec![0; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, grown);
        let mask = self.slots.len() - 1;
        for code in old.into_iter().filter(|&c| c != 0) {
            let mut i = words.entry(Seen::place(code)).0 as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = code;
        }
    }
}

/// [`word_hash`] as a `Hasher`, for maps keyed by words.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { FNV_OFFSET } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// A `Hasher` for keys that are hashes already ([`word_hash`]).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A multiply-xorshift finish, so every bit depends on every byte: hash
/// tables take their bucket from the low bits.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

impl EntityRef {
    pub fn of(mention: &Mention) -> Option<EntityRef> {
        Some(EntityRef {
            person: matches!(mention.target, Target::Person(_)),
            index: u32::try_from(mention.index).ok()?,
        })
    }
}

/// The facts of a document with this body, which names `mentions`.
pub fn of_document(body: &str, mentions: &[Mention]) -> DocumentFacts {
    let mut entities: Vec<EntityRef> = mentions.iter().filter_map(EntityRef::of).collect();
    entities.sort_unstable();
    entities.dedup();
    DocumentFacts {
        entities,
        words: Words::of(body),
    }
}

/// A character the unresolved_names report trims from both ends of a token
/// (`trim(token, ' .,;:!?()[]{}"''«»“”„*‐-–—…/')`). A `match` rather than a
/// slice of chars: this runs for both ends of every token of every body.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        ' ' | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '*'
            | '‐'
            | '-'
            | '–'
            | '—'
            | '…'
            | '/'
    )
}

/// The words of a body as the unresolved_names report cuts them: split at
/// spaces (carriage returns, tabs, form feeds and newlines count as spaces),
/// punctuation trimmed from both ends, then footnote digits and `*` from the
/// end, then a possessive `ʹs`, `'s` or `’s` (either case of s, as SQL LIKE
/// compares) dropped. `None` when the report skips the body: any other
/// control character makes its JSON token array invalid. ([`Words::of`]
/// cuts the same words in one pass; the tests hold it to this.)
#[cfg(test)]
pub fn words(body: &str) -> Option<impl Iterator<Item = &str>> {
    // Bytes, not chars: control characters are ASCII, and an ASCII byte is
    // never part of a multi-byte UTF-8 character.
    if body
        .bytes()
        .any(|b| b < b' ' && !matches!(b, b'\r' | b'\t' | 0x0c | b'\n'))
    {
        return None;
    }
    Some(body.split([' ', '\r', '\t', '\u{c}', '\n']).map(word_of))
}

/// What [`Words::of`] needs to know of a byte, as bits of [`BYTE_CLASS`]:
/// [`words`] splits at it (space, `\r`, `\t`, form feed, `\n`), it is
/// another control character, an ASCII letter, an ASCII capital.
const SEPARATOR: u8 = 1;
const CONTROL: u8 = 2;
const LETTER: u8 = 4;
const CAPITAL: u8 = 8;

const BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if matches!(c, b' ' | b'\r' | b'\t' | 0x0c | b'\n') {
            SEPARATOR
        } else if c < b' ' {
            CONTROL
        } else if c.is_ascii_uppercase() {
            LETTER | CAPITAL
        } else if c.is_ascii_lowercase() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    class
};

/// A token between separators as a word: punctuation trimmed from both
/// ends, then footnote digits and `*` from the end, then a possessive.
fn word_of(token: &str) -> &str {
    let word = token
        .trim_matches(is_punctuation)
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '*');
    strip_possessive(word)
}

fn strip_possessive(word: &str) -> &str {
    let mut chars = word.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('s' | 'S'), Some(apostrophe @ ('ʹ' | '\'' | '’'))) => {
            &word[..word.len() - 1 - apostrophe.len_utf8()]
        }
        _ => word,
    }
}

/// A word the report may list: at least three characters, the first an
/// ASCII capital (`substr(word, 1, 1) BETWEEN 'A' AND 'Z'`).
pub fn is_candidate(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && word.chars().nth(2).is_some()
}

/// A word that proves its capitalised form an ordinary word: no ASCII
/// capital and at least one ASCII small letter (SQLite's lower() and
/// upper() change ASCII letters only). Only those that could be the lower
/// case of a candidate are kept: three characters or more, the first a-z.
pub fn is_lower_word(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && !word.bytes().any(|b| b.is_ascii_uppercase())
        && word.chars().nth(2).is_some()
}

/// A 64-bit hash of a word, computed on the worker thread so the writer
/// thread only compares integers (and the words themselves on a match).
pub fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words SQLite cuts from `body` the way the unresolved_names
    /// report does (its `arrays`, `raw_words` and `words` steps).
    fn sql_words(conn: &rusqlite::Connection, body: &str) -> Option<Vec<String>> {
        let sql = r#"
            WITH arrays AS (
                SELECT '["' || replace(replace(replace(replace(replace(replace(replace(?1,
                    '\', '\\'), '"', '\"'), char(13), ' '), char(9), ' '), char(12), ' '), char(10), ' '), ' ', '","')
                    || '"]' AS tokens
            ),
            raw_words AS (
                SELECT j.key, rtrim(trim(j.value, ' .,;:!?()[]{}"''«»“”„*‐-–—…/'), '0123456789*') AS word
                FROM arrays a, json_each(a.tokens) j WHERE json_valid(a.tokens)
            )
            SELECT CASE WHEN word LIKE '%ʹs' OR word LIKE '%''s' OR word LIKE '%’s'
                        THEN substr(word, 1, length(word) - 2) ELSE word END
            FROM raw_words ORDER BY key"#;
        let valid: bool = conn
            .query_row(
                r#"SELECT json_valid('["' || replace(replace(replace(replace(replace(replace(replace(?1,
                    '\', '\\'), '"', '\"'), char(13), ' '), char(9), ' '), char(12), ' '), char(10), ' '), ' ', '","')
                    || '"]')"#,
                [body],
                |r| r.get(0),
            )
            .unwrap();
        if !valid {
            return None;
        }
        let mut stmt = conn.prepare(sql).unwrap();
        let words = stmt
            .query_map([body], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        Some(words)
    }

    #[test]
    fn words_are_cut_as_the_report_cuts_them_in_sql() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let bodies = [
            "Molotov's note to Ribbentrop’s deputy; MOLOTOV'S and TrotskyʹS (sic) «Pact»...",
            "The Germans1 signed23* the \"treaty\" — see p. 5/6 [Ankara]: ok? {x} „Quote“ …end…",
            "tabs\tand\r\nnew\x0clines  double  spaces 's ʹs 'S a'b-c -- — ",
            "back\\slash \\\"quoted\\\" Zürich ZÜRICH über Über ÄÖ Öl éclair École",
            "control \u{1} char makes the JSON invalid",
            "",
            "   ",
            "Digits 1939 1939's 12*3 *** ... ’s ʹ",
            "Ankara-Moscow Ankara- -Moscow (Turkey) Turkey). Turkey,",
        ];
        for body in bodies {
            let rust: Option<Vec<String>> = words(body).map(|w| w.map(str::to_string).collect());
            assert_eq!(rust, sql_words(&conn, body), "{body:?}");
        }
    }

    #[test]
    fn candidates_and_lower_words_follow_the_report() {
        assert!(is_candidate("Ankara"));
        assert!(is_candidate("USSR"));
        assert!(!is_candidate("An"), "two characters are too few");
        assert!(
            !is_candidate("Über"),
            "the report wants an ASCII capital first"
        );
        assert!(is_candidate("Zür"), "three characters, not bytes");
        assert!(!is_candidate("ankara"));
        assert!(is_lower_word("treaty"));
        assert!(!is_lower_word("über-all"), "first character not a-z");
        assert!(!is_lower_word("pAct"));
        assert!(!is_lower_word("to"));
        assert!(!is_lower_word("été"));
        assert!(is_lower_word("eté"));
    }

    /// [`Words::of`] as first written: a `HashMap` from word to place.
    fn words_reference(body: &str) -> (Vec<(u64, String, u32)>, Vec<(u64, String)>) {
        let mut candidates: Vec<(u64, String, u32)> = Vec::new();
        let mut lower: Vec<(u64, String)> = Vec::new();
        let mut seen: std::collections::HashMap<&str, Option<usize>> = Default::default();
        for word in words(body).into_iter().flatten() {
            let candidate = is_candidate(word);
            if !candidate && !is_lower_word(word) {
                continue;
            }
            match seen.get(word) {
                Some(Some(k)) => candidates[*k].2 += 1,
                Some(None) => {}
                None if candidate => {
                    seen.insert(word, Some(candidates.len()));
                    candidates.push((word_hash(word), word.to_string(), 1));
                }
                None => {
                    seen.insert(word, None);
                    lower.push((word_hash(word), word.to_string()));
                }
            }
        }
        (candidates, lower)
    }

    proptest::proptest! {
        #[test]
        fn words_of_agrees_with_a_hash_map(
            // Enough distinct words to grow the table several times.
            tokens in proptest::collection::vec(
                ("[A-Za-zé'ʹ’.,*0-9«—]{0,7}", "[ \n\t\r\u{c}]{1,2}"), 0..600),
            control in proptest::bool::weighted(0.1),
        ) {
            let mut body: String = tokens.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            if control {
                let middle = body.char_indices().nth(body.chars().count() / 2);
                body.insert(middle.map_or(0, |(i, _)| i), '\u{1}');
            }
            let got = Words::of(&body);
            let candidates: Vec<(u64, String, u32)> =
                got.candidates().map(|(h, w, n)| (h, w.to_string(), n)).collect();
            let lower: Vec<(u64, String)> = got.lower().map(|(h, w)| (h, w.to_string())).collect();
            proptest::prop_assert_eq!((candidates, lower), words_reference(&body));
        }
    }

    #[test]
    fn a_body_gives_each_word_once_with_its_count() {
        let facts = of_document("The pact. The Pact and the pact; Pact's end the", &[]);
        let candidates: Vec<(&str, u32)> =
            facts.words.candidates().map(|(_, w, n)| (w, n)).collect();
        assert_eq!(candidates, [("The", 2), ("Pact", 2)]);
        let lower: Vec<&str> = facts.words.lower().map(|(_, w)| w).collect();
        assert_eq!(lower, ["pact", "and", "the", "end"]);
        let hashes: Vec<u64> = facts.words.lower().map(|(h, _)| h).collect();
        assert_eq!(hashes[0], word_hash("pact"));
        assert_ne!(word_hash("pact"), word_hash("Pact"));
    }
}
