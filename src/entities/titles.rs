//! Names the reference data does not know, found by the title before them:
//! `Mr. Holst`, `general Weygand`, `comrade Barkov`, `the minister of foreign
//! affairs of Turkey Aras`. They become unresolved mentions, so that reports
//! can rank them ("unknown person: Holst, 3 documents") instead of losing them.

use super::evidence::PERSON_TITLES;
use super::normalize::Normalized;

/// Lower-case words an office phrase between a title and a name is made of
/// (`minister of foreign affairs of Turkey Aras`).
const PHRASE_WORDS: &[&str] = &[
    "of",
    "for",
    "the",
    "in",
    "at",
    "on",
    "to",
    "and",
    "foreign",
    "affairs",
    "internal",
    "war",
    "navy",
    "justice",
    "finance",
    "finances",
    "trade",
    "commerce",
    "plenipotentiary",
    "extraordinary",
    "representative",
    "general",
    "deputy",
    "people's",
    "prime",
    "vice",
    "first",
    "second",
    "third",
    "royal",
    "imperial",
    "chief",
    "staff",
    "acting",
    "interim",
    "temporary",
    "new",
    "former",
    "british",
    "german",
    "french",
    "italian",
    "turkish",
    "iranian",
    "afghan",
    "soviet",
    "japanese",
    "polish",
    "romanian",
    "bulgarian",
    "greek",
    "yugoslav",
    "american",
    "swedish",
    "his",
    "her",
    "excellency",
    "mr",
    "national",
    "defence",
    "defense",
    "education",
    "economy",
    "interior",
    "minister",
    "ministers",
    "council",
    "cabinet",
    "state",
    "secretary",
    "under",
    "permanent",
    "political",
];

/// Capitalised words that follow titles but are not names.
const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Government",
    "Embassy",
    "Republic",
    "Affairs",
    "Foreign",
    "Office",
    "Council",
    "Commissariat",
    "Secretariat",
    "Staff",
    "Union",
    "Committee",
    "Assembly",
    "Party",
    "Army",
    "Navy",
    "Ministry",
    "State",
    "States",
    "Department",
    "Excellency",
    "Majesty",
    "Highness",
    "People",
    "People's",
    "The",
    "His",
    "Her",
    "Their",
    "I",
    "We",
    "He",
    "She",
    "It",
    "They",
    "This",
    "That",
    "These",
    "Those",
    "You",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "As",
    "If",
    "When",
    "After",
    "Before",
    "To",
    "From",
    "With",
    "By",
    "Not",
    "No",
    "Yes",
    "Mission",
    "Legation",
    "Consulate",
    "Headquarters",
    "Parliament",
    "Senate",
    "Cabinet",
    "Crown",
    "Court",
    "Palace",
    "Kingdom",
    "Empire",
    "Conference",
    "League",
    "Nations",
    "Pact",
    "Treaty",
    "Agreement",
    "Convention",
    "Protocol",
    "Note",
    "Telegram",
    "Letter",
    "Record",
    "Conversation",
    "Diary",
    "Plenipotentiary",
    "Representative",
    "Soviet",
    "Central",
    "Executive",
    "Supreme",
    "Grand",
    "National",
    "Political",
    "Bureau",
    "Politburo",
    "Secretary",
    "Deputy",
    "Chairman",
    "Council's",
    "Sovnarkom",
    "Presidium",
    "Comintern",
    "Sir",
    "Lord",
    "Lady",
    "Top",
    "Secret",
    "Special",
    "Folder",
    "Urgent",
    "Copy",
    "Incoming",
    "Outgoing",
    "Reply",
    "See",
    "Cf",
    "Ibid",
    "Doc",
    "Publ",
    "Foreign",
    "Internal",
];

/// A name found after a title: its byte range in the normalised text and the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitledName {
    pub start: usize,
    pub end: usize,
    pub title: String,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

/// Words (letters and inner apostrophes) and single punctuation marks of the
/// normalised text, from byte `pos`; spaces are dropped. An iterator, so the
/// scan for titles allocates nothing for the words that are none.
#[derive(Clone)]
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    /// Bytes rather than chars where the text is ASCII (nearly all of it):
    /// this runs over every word of every text.
    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        text.get(self.pos..)?;
        let mut start = self.pos;
        while start < bytes.len() {
            let c = char_at(text, start);
            if c == ' ' {
                start += 1;
                continue;
            }
            if !c.is_alphabetic() {
                self.pos = start + c.len_utf8();
                return Some(Token {
                    start,
                    end: self.pos,
                });
            }
            let mut end = start + c.len_utf8();
            while end < bytes.len() {
                if bytes[end].is_ascii_alphabetic() {
                    end += 1;
                    continue;
                }
                let d = char_at(text, end);
                let inner_apostrophe =
                    d == '\'' && end + 1 < bytes.len() && char_at(text, end + 1).is_alphabetic();
                if d.is_alphabetic() || inner_apostrophe {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            self.pos = end;
            return Some(Token { start, end });
        }
        self.pos = text.len();
        None
    }
}

impl Tokens<'_> {
    /// The next token that [`may_be_title`], skipping the others: what
    /// [`Tokens::next`] would find, without building every token (words of
    /// plain ASCII letters, most of a text, are cut on the spot).
    fn next_title_shaped(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        text.get(self.pos..)?;
        let mut at = self.pos;
        while let Some(&b) = bytes.get(at) {
            // A space or a one-byte mark (a token of its own, no title).
            if b < 0x80 && !b.is_ascii_alphabetic() {
                at += 1;
                continue;
            }
            let mut end = at + 1;
            while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
                end += 1;
            }
            // A word of ASCII letters ends where `next` ends it unless a
            // non-ASCII letter or an inner apostrophe may follow.
            let plain = b < 0x80 && bytes.get(end).is_none_or(|&c| c < 0x80 && c != b'\'');
            let token = if plain {
                self.pos = end;
                Token { start: at, end }
            } else {
                self.pos = at;
                self.next()?
            };
            if may_be_title(&text[token.start..token.end]) {
                return Some(token);
            }
            at = self.pos;
        }
        self.pos = text.len();
        None
    }
}

/// The char at byte `at` of `text` (a char boundary before its end).
fn char_at(text: &str, at: usize) -> char {
    match text.as_bytes()[at] {
        b if b < 0x80 => char::from(b),
        _ => text[at..].chars().next().unwrap_or(' '),
    }
}

/// Bit `len` of `[0][b]` (of `[1][b]`): some title of `len` bytes starts
/// (ends) with the byte `b`, in either case for an ASCII letter.
const TITLE_SHAPES: [[u16; 256]; 2] = {
    let mut shapes = [[0u16; 256]; 2];
    let mut i = 0;
    while i < PERSON_TITLES.len() {
        let t = PERSON_TITLES[i].as_bytes();
        let (first, last) = (t[0], t[t.len() - 1]);
        if t.len() <= 12 {
            shapes[0][first.to_ascii_lowercase() as usize] |= 1 << t.len();
            shapes[0][first.to_ascii_uppercase() as usize] |= 1 << t.len();
            shapes[1][last.to_ascii_lowercase() as usize] |= 1 << t.len();
            shapes[1][last.to_ascii_uppercase() as usize] |= 1 << t.len();
        }
        i += 1;
    }
    shapes
};

/// False for a word no title equals in ASCII case-insensitive comparison
/// (its length and its first and last letters say so): most words, at two
/// lookups.
fn may_be_title(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let shape = |k: usize, c: u8| TITLE_SHAPES[k][usize::from(c)];
    w.len() <= 12 && shape(0, first) & shape(1, last) & (1 << w.len()) != 0
}

/// Tokens looked at after a title: the title, an optional dot, an office
/// phrase of up to ten tokens and a name of a few.
const WINDOW: usize = 24;

/// The title and the [`WINDOW`] tokens after it, cut only as far as they
/// are looked at (most titles need a handful).
struct Window<'a> {
    read: Vec<Token>,
    rest: Tokens<'a>,
}

impl Window<'_> {
    fn get(&mut self, i: usize) -> Option<Token> {
        while self.read.len() <= i.min(WINDOW) {
            let next = self.rest.next()?;
            self.read.push(next);
        }
        self.read.get(i).copied()
    }
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        // Abbreviations in capitals (`NKID`, `USSR`) are not names.
        && !chars.all(|c| c.is_uppercase() || c == '\'')
}

/// Names after titles in `n` that overlap none of `covered`: (start, end,
/// is a person) of the byte ranges of `n.cased` already resolved, in text
/// order, not overlapping. A title before a known person needs nothing.
pub(crate) fn names_after_titles(
    n: &Normalized,
    covered: &[(usize, usize, bool)],
) -> Vec<TitledName> {
    let text = n.cased.as_str();
    let word = |t: &Token| &text[t.start..t.end];
    // `covered` is in text order and its ranges do not overlap: the range
    // over a token is found by binary search (a linear search made a page
    // of one 10 MB line quadratic).
    let cover_of = |t: &Token| {
        let k = covered.partition_point(|c| c.1 <= t.start);
        covered.get(k).filter(|c| c.0 < t.end)
    };
    let mut out: Vec<TitledName> = Vec::new();
    let mut words = Tokens { text, pos: 0 };
    while let Some(first) = words.next_title_shaped() {
        // Compared without allocating: this runs for every word of every text.
        let w = word(&first);
        let found = PERSON_TITLES.iter().find(|t| t.eq_ignore_ascii_case(w));
        let Some(title) = found else {
            continue;
        };
        // The title (index 0) and the tokens after it.
        let mut toks = Window {
            read: vec![first],
            rest: words.clone(),
        };
        let is_title = cover_of(&first).is_none();
        // `c.` for comrade only with its dot, and only in lower case.
        let needs_dot = matches!(*title, "c" | "tov" | "mr" | "mrs" | "dr");
        let dotted = toks.get(1).is_some_and(|t| word(&t) == ".");
        if !is_title || (needs_dot && !dotted) || (*title == "c" && w != "c") {
            continue;
        }
        let mut j = 1;
        if dotted {
            j += 1;
        }
        let mut name: Option<(usize, usize)> = None;
        let mut steps = 0;
        while steps < 10 {
            let Some(t) = toks.get(j) else {
                break;
            };
            steps += 1;
            let w = word(&t);
            if let Some(&(_, cover_end, is_person)) = cover_of(&t) {
                if is_person || name.is_some() {
                    break;
                }
                // A country inside the office phrase: skip past it.
                while toks.get(j).is_some_and(|t| t.start < cover_end) {
                    j += 1;
                }
                continue;
            }
            let initial = w.chars().count() == 1
                && w.chars().all(char::is_uppercase)
                && toks.get(j + 1).is_some_and(|t| word(&t) == ".");
            if initial {
                let start = name.map_or(t.start, |(s, _)| s);
                name = Some((start, toks.get(j + 1).map_or(t.end, |t| t.end)));
                j += 2;
                continue;
            }
            if is_capitalised(w)
                && !NOT_NAMES.contains(&w)
                && !PERSON_TITLES.contains(&w.to_lowercase().as_str())
            {
                let start = name.map_or(t.start, |(s, _)| s);
                name = Some((start, t.end));
                j += 1;
                // At most three words of a name.
                if text[start..t.end].split(' ').count() >= 3 {
                    break;
                }
                continue;
            }
            if name.is_some() {
                break;
            }
            let lower = w.to_lowercase();
            if !PHRASE_WORDS.contains(&lower.as_str()) && !PERSON_TITLES.contains(&lower.as_str()) {
                break;
            }
            j += 1;
        }
        if let Some((start, end)) = name {
            // A name of initials only (`A. B.`) is no name.
            let end = text[start..end].trim_end_matches('.').len().max(1) + start;
            let has_word = text[start..end]
                .split([' ', '.'])
                .any(|w| w.chars().count() > 1);
            if has_word && out.last().is_none_or(|o| o.start != start) {
                // Keep the trailing dot only when the name ends in an initial.
                let end = if text[start..end].ends_with(|c: char| c.is_uppercase())
                    && text[end..].starts_with('.')
                {
                    end + 1
                } else {
                    end
                };
                out.push(TitledName {
                    start,
                    end,
                    title: title.to_string(),
                });
            }
        }
        // Go on after what was read (the title alone when nothing was).
        if let Some(last) = toks.get(j.max(1) - 1) {
            words.pos = last.end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::normalize::normalize;

    fn names(text: &str, covered: &[(&str, bool)]) -> Vec<String> {
        let n = normalize(text);
        let covered: Vec<(usize, usize, bool)> = covered
            .iter()
            .map(|(w, p)| {
                let s = n.cased.find(w).unwrap_or(0);
                (s, s + w.len(), *p)
            })
            .collect();
        names_after_titles(&n, &covered)
            .into_iter()
            .map(|t| format!("{}:{}", t.title, &n.cased[t.start..t.end]))
            .collect()
    }

    /// [`Tokens::next`] as first written, on chars.
    fn tokens_reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        'tokens: while let Some(rest) = text.get(pos..) {
            let mut it = rest.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                let start = pos + i;
                if c.is_alphabetic() {
                    let mut end = start + c.len_utf8();
                    while let Some(&(j, d)) = it.peek() {
                        let at = pos + j;
                        let inner_apostrophe = d == '\''
                            && text[at + 1..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphabetic);
                        if d.is_alphabetic() || inner_apostrophe {
                            end = at + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    out.push((start, end));
                    pos = end;
                    continue 'tokens;
                } else if c != ' ' {
                    out.push((start, start + c.len_utf8()));
                    pos = start + c.len_utf8();
                    continue 'tokens;
                }
            }
            break;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_char_scan(text in "[a-zA-Z '.,éÉß\u{2019}1-9ʹ-]{0,40}") {
            let n = normalize(&text);
            let got: Vec<(usize, usize)> = Tokens { text: &n.cased, pos: 0 }
                .map(|t| (t.start, t.end))
                .collect();
            proptest::prop_assert_eq!(got, tokens_reference(&n.cased));
        }

        #[test]
        fn title_shaped_tokens_are_the_tokens_that_may_be_titles(
            text in "([a-zA-Z]{1,4}|[ '.,éÉ\u{2019}1ʹ-]|mr|Tov|c|general|attaché|ATTACHÉ){0,30}",
        ) {
            let n = normalize(&text);
            let all = Tokens { text: &n.cased, pos: 0 };
            let expected: Vec<(usize, usize)> = all
                .filter(|t| may_be_title(&n.cased[t.start..t.end]))
                .map(|t| (t.start, t.end))
                .collect();
            let mut shaped = Tokens { text: &n.cased, pos: 0 };
            let mut got = Vec::new();
            while let Some(t) = shaped.next_title_shaped() {
                proptest::prop_assert_eq!(shaped.pos, t.end);
                got.push((t.start, t.end));
            }
            proptest::prop_assert_eq!(got, expected);
        }

        #[test]
        fn the_title_filter_lets_every_title_through(
            k in 0..PERSON_TITLES.len(),
            upper in proptest::collection::vec(proptest::bool::ANY, 12),
        ) {
            let t: String = PERSON_TITLES[k]
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            proptest::prop_assert!(may_be_title(&t));
        }
    }

    #[test]
    fn a_capitalised_name_after_a_title_is_found() {
        assert_eq!(names("talks with Mr. Holst on trade", &[]), ["mr:Holst"]);
        assert_eq!(names("general Weygand arrived", &[]), ["general:Weygand"]);
        assert_eq!(names("we met c. Barkov today", &[]), ["c:Barkov"]);
        assert_eq!(
            names(
                "the minister of foreign affairs of Turkey Aras said",
                &[("Turkey", false)]
            ),
            ["minister:Aras"]
        );
        assert_eq!(
            names("ambassador A. K. Smith left", &[]),
            ["ambassador:A. K. Smith"]
        );
    }

    #[test]
    fn known_persons_and_non_names_are_left_alone() {
        assert!(names("Mr. Eden said", &[("Eden", true)]).is_empty());
        assert!(names("the general secretariat of the NKID", &[]).is_empty());
        assert!(names("the minister said on Monday", &[]).is_empty());
        assert!(names("see c 12 and c. 14", &[]).is_empty());
        assert!(names("the general situation in Europe is grave", &[]).is_empty());
    }
}
