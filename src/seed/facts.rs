//! What the summaries need from one document, worked out on the worker
//! threads that parse and resolve it, so that SQLite's one writer thread
//! only adds them up (see `summary`).

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

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
/// document, whatever its length).
#[derive(Debug, Default)]
pub struct Words {
    text: String,
    /// Candidate names: (start, end, occurrences in the body).
    candidates: Vec<(u32, u32, u32)>,
    /// Lower-case words: (start, end).
    lower: Vec<(u32, u32)>,
}

impl Words {
    /// (word, occurrences) of each distinct candidate name.
    pub fn candidates(&self) -> impl Iterator<Item = (&str, u32)> {
        self.candidates
            .iter()
            .map(|&(s, e, n)| (self.text.get(s as usize..e as usize).unwrap_or(""), n))
    }

    /// Each distinct lower-case word.
    pub fn lower(&self) -> impl Iterator<Item = &str> {
        self.lower
            .iter()
            .map(|&(s, e)| self.text.get(s as usize..e as usize).unwrap_or(""))
    }

    /// The distinct words of `body`: the one definition of the words the
    /// unresolved_names summary counts.
    pub fn of(body: &str) -> Words {
        let mut out = Words::default();
        let Some(words) = words(body) else {
            return out;
        };
        // Word -> place in candidates (or usize::MAX for a lower-case word).
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        seen.reserve(256);
        out.text.reserve(body.len() / 2);
        for word in words {
            let candidate = is_candidate(word);
            if !candidate && !is_lower_word(word) {
                continue;
            }
            let slot = match seen.entry(word) {
                Entry::Occupied(seen) => {
                    if let Some(c) = out.candidates.get_mut(*seen.get()) {
                        c.2 += 1;
                    }
                    continue;
                }
                Entry::Vacant(slot) => slot,
            };
            let (Ok(start), Ok(end)) = (
                u32::try_from(out.text.len()),
                u32::try_from(out.text.len() + word.len()),
            ) else {
                continue; // a body over 4 GiB: the limits module refuses such files
            };
            out.text.push_str(word);
            if candidate {
                slot.insert(out.candidates.len());
                out.candidates.push((start, end, 1));
            } else {
                slot.insert(usize::MAX);
                out.lower.push((start, end));
            }
        }
        out
    }
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
/// control character makes its JSON token array invalid.
pub fn words(body: &str) -> Option<impl Iterator<Item = &str>> {
    // Bytes, not chars: control characters are ASCII, and an ASCII byte is
    // never part of a multi-byte UTF-8 character.
    if body
        .bytes()
        .any(|b| b < b' ' && !matches!(b, b'\r' | b'\t' | 0x0c | b'\n'))
    {
        return None;
    }
    Some(body.split([' ', '\r', '\t', '\u{c}', '\n']).map(|token| {
        let word = token
            .trim_matches(is_punctuation)
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '*');
        strip_possessive(word)
    }))
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

    #[test]
    fn a_body_gives_each_word_once_with_its_count() {
        let facts = of_document("The pact. The Pact and the pact; Pact's end the", &[]);
        let candidates: Vec<(&str, u32)> = facts.words.candidates().collect();
        assert_eq!(candidates, [("The", 2), ("Pact", 2)]);
        let lower: Vec<&str> = facts.words.lower().collect();
        assert_eq!(lower, ["pact", "and", "the", "end"]);
    }
}
