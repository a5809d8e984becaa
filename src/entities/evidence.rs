//! What the text around a matched alias says about it: its case, whether it
//! is part of a compound (`Franco‐Soviet`), and the small signs that a word
//! which is also an ordinary English word is used as a name here.
//!
//! Everything works on the normalised text (`'` for every apostrophe, `-`
//! for every hyphen, one space for every run of white space).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::normalize::Normalized;

/// Aliases that are ordinary English words in lower case (`seed/reference/common_words.txt`).
static COMMON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../seed/reference/common_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// True when `lower_alias` (a whole alias, lower case, normalised) is also an
/// ordinary English word, so that in lower case it needs evidence.
pub(crate) fn is_common_word(lower_alias: &str) -> bool {
    COMMON_WORDS.contains(lower_alias)
}

/// True when `text` is `form` as printed, or with some of its words in all
/// lower or all upper case: the translation prints `chamberlain`, `Shukru
/// kaya`, `ismet`. Words are compared one by one, so `sHUKRU` is not `Shukru`.
pub(crate) fn same_name_in_other_case(text: &str, form: &str) -> bool {
    if text == form {
        return true;
    }
    let mut t = text.split(' ');
    let mut f = form.split(' ');
    loop {
        match (t.next(), f.next()) {
            (None, None) => return true,
            (Some(tw), Some(fw)) => {
                if tw != fw && !is_lower_case_of(tw, fw) && !is_upper_case_of(tw, fw) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// `word == form.to_lowercase()`, without building the lower case (this
/// runs for every case check of an alias). `str::to_lowercase` is
/// `char::to_lowercase` of each char but for a final capital sigma.
fn is_lower_case_of(word: &str, form: &str) -> bool {
    if form.contains('Σ') {
        return word == form.to_lowercase();
    }
    word.chars().eq(form.chars().flat_map(char::to_lowercase))
}

/// `word == form.to_uppercase()`, without building the upper case.
fn is_upper_case_of(word: &str, form: &str) -> bool {
    word.chars().eq(form.chars().flat_map(char::to_uppercase))
}

/// True when `text` has no upper-case letter.
pub(crate) fn is_lower(text: &str) -> bool {
    !text.chars().any(char::is_uppercase)
}

/// The word just before byte `start` of `n.cased` (letters, apostrophes and
/// dots; without a trailing dot), and the byte where it starts.
pub(crate) fn word_before(n: &Normalized, start: usize) -> Option<(&str, usize)> {
    let before = n.cased.get(..start)?;
    let before = before.strip_suffix(' ').unwrap_or(before);
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '.' || *c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(from..)?;
    let word = word.trim_end_matches('.');
    (!word.is_empty()).then_some((word, from))
}

/// The word just after byte `end` of `n.cased` (letters only).
pub(crate) fn word_after(n: &Normalized, end: usize) -> Option<&str> {
    let after = n.cased.get(end..)?;
    let after = after.strip_prefix(' ')?;
    let len = after
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(after.len(), |(i, _)| i);
    (len > 0).then(|| &after[..len])
}

/// `-` then a letter right after the alias: the alias is the first part of
/// a compound (`Franco-Soviet`, `Soviet-Turkish`).
pub(crate) fn starts_compound(n: &Normalized, end: usize) -> bool {
    let mut rest = n.cased.get(end..).unwrap_or("").chars();
    rest.next() == Some('-') && rest.next().is_some_and(char::is_alphabetic)
}

/// A possessive right after the alias (`beck's`, `Cripps'`).
pub(crate) fn possessive_follows(n: &Normalized, end: usize) -> bool {
    n.cased.get(end..).is_some_and(|r| r.starts_with('\''))
}

/// Titles that mark the next capitalised word as a person's name, in lower
/// case and without a final dot.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "mister",
    "messrs",
    "sir",
    "lord",
    "lady",
    "herr",
    "monsieur",
    "signor",
    "comrade",
    "c",
    "tov",
    "general",
    "marshal",
    "admiral",
    "colonel",
    "major",
    "captain",
    "ambassador",
    "envoy",
    "minister",
    "premier",
    "president",
    "king",
    "tsar",
    "tsarina",
    "queen",
    "prince",
    "shah",
    "emir",
    "consul",
    "counsellor",
    "counselor",
    "adviser",
    "advisor",
    "attache",
    "attaché",
    "secretary",
    "commissar",
    "commissioner",
    "deputy",
    "chancellor",
    "dr",
    "professor",
];

/// True when the word before a lower-case common-word alias marks it as a
/// name: a title (`mr. eden`) or an initial (`a. eden`).
pub(crate) fn title_or_initial_before(n: &Normalized, start: usize) -> bool {
    let Some((word, _)) = word_before(n, start) else {
        return false;
    };
    let lower = word.to_lowercase();
    PERSON_TITLES.contains(&lower.as_str())
        || (word.chars().count() == 1 && n.cased[..start].trim_end().ends_with('.'))
}

/// Prepositions after which a lower-case country word (`china`, `turkey`)
/// is the country when nothing noun-like follows (`the war in china.`).
const COUNTRY_PREPOSITIONS: &[&str] = &[
    "of", "in", "to", "from", "with", "against", "between", "by", "towards", "toward", "for", "on",
    "and", "into", "over",
];

/// True when a lower-case country word stands where a country stands: after a
/// preposition, and followed by punctuation, the end, or `and` / `or`.
pub(crate) fn country_position(n: &Normalized, start: usize, end: usize) -> bool {
    if !preposition_before(n, start) {
        return false;
    }
    match word_after(n, end) {
        None => true,
        Some(w) => matches!(w, "and" | "or" | "nor"),
    }
}

/// True when a lower-case country word that the rest of the document
/// confirms may be the country here: not after an ordinary word that would
/// make it a noun (`roast turkey`, `royal china`), but after a preposition,
/// a conjunction or punctuation (`towards china remains unchanged`).
pub(crate) fn country_may_stand_here(n: &Normalized, start: usize) -> bool {
    let before = n.cased.get(..start).unwrap_or("").trim_end();
    if before.is_empty() || before.ends_with(|c: char| !c.is_alphabetic()) {
        return true;
    }
    preposition_before(n, start)
}

/// True when the word before byte `start` is one of [`COUNTRY_PREPOSITIONS`].
fn preposition_before(n: &Normalized, start: usize) -> bool {
    word_before(n, start)
        .is_some_and(|(w, _)| COUNTRY_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
}

/// True when only a list separator (`,`, `;`, `and`, `or`, `&`) stands
/// between byte `a_end` and byte `b_start` of `n.cased`: two names side by
/// side (`japan and china`, `chamberlain, Daladier`).
pub(crate) fn listed_together(n: &Normalized, a_end: usize, b_start: usize) -> bool {
    let Some(between) = n.cased.get(a_end..b_start) else {
        return false;
    };
    let words: Vec<&str> = between
        .split(|c: char| c == ' ' || c == ',' || c == ';' || c == '&' || c == '\'')
        .filter(|w| !w.is_empty())
        .collect();
    // `Germanyʹs beck` is no list: a possessive between the two is refused.
    between.len() <= 12
        && !between.contains('\'')
        && words.iter().all(|w| matches!(*w, "and" | "or" | "nor"))
}

/// Words that follow a person's name as its verb (`Beck is said`, `Eden
/// replied`), where an ordinary word (`Stark differences`) would be followed
/// by its noun.
const VERBS_AFTER_A_NAME: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "has",
    "had",
    "told",
    "tells",
    "asked",
    "asks",
    "replied",
    "replies",
    "declared",
    "declares",
    "stated",
    "states",
    "received",
    "receives",
    "agreed",
    "agrees",
    "stressed",
    "noted",
    "notes",
    "added",
    "spoke",
    "speaks",
    "answered",
    "would",
    "will",
    "may",
    "can",
    "could",
    "did",
    "does",
    "thinks",
    "thought",
    "believes",
    "believed",
    "expressed",
    "promised",
    "insisted",
    "proposed",
    "explained",
    "remarked",
    "emphasized",
    "emphasised",
    "admitted",
    "pointed",
    "mentioned",
    "considers",
    "considered",
    "wants",
    "wanted",
    "himself",
    "hopes",
    "hoped",
    "informed",
    "assured",
    "objected",
    "refused",
    "accepted",
    "arrived",
    "left",
    "returned",
    "visited",
    "sent",
    "wrote",
    "signed",
    "met",
    "made",
    "gave",
    "gives",
    "knows",
    "knew",
    "intends",
    "intended",
    "must",
    "should",
    "also",
    "again",
    "then",
];

/// True when the name is followed by a comma or by a verb (`Eden, out of
/// office, is silent`; `Hull received me`).
pub(crate) fn verb_follows(n: &Normalized, end: usize) -> bool {
    if n.cased.get(end..).is_some_and(|r| r.starts_with(',')) {
        return true;
    }
    word_after(n, end).is_some_and(|w| VERBS_AFTER_A_NAME.contains(&w))
}

/// True when byte `start` of `n.cased` begins a sentence (the text's start,
/// or after `.`, `!`, `?`, `:` or a quote): there an ordinary word has its
/// capital too (`Seeds of mistrust`, `Stark differences`).
pub(crate) fn starts_sentence(n: &Normalized, start: usize) -> bool {
    match n.cased.get(..start).map(str::trim_end) {
        None | Some("") => true,
        Some(before) => before.ends_with(['.', '!', '?', ':', '"']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::normalize::normalize;

    #[test]
    fn the_common_word_list_is_read() {
        assert!(is_common_word("turkey"));
        assert!(is_common_word("eden"));
        assert!(!is_common_word("chamberlain"));
        assert!(!is_common_word("japan"));
        assert!(!is_common_word("# aliases in the reference data"));
    }

    proptest::proptest! {
        #[test]
        fn case_of_agrees_with_the_case_mappings(
            word in "[a-zA-Zß'ΣσςİıÉé ]{0,6}",
            form in "[a-zA-Zß'ΣσςİıÉé ]{0,6}",
        ) {
            proptest::prop_assert_eq!(is_lower_case_of(&word, &form), word == form.to_lowercase());
            proptest::prop_assert_eq!(is_upper_case_of(&word, &form), word == form.to_uppercase());
            let lower = form.to_lowercase();
            let upper = form.to_uppercase();
            proptest::prop_assert!(is_lower_case_of(&lower, &form));
            proptest::prop_assert!(is_upper_case_of(&upper, &form));
        }
    }

    #[test]
    fn other_case_is_compared_word_by_word() {
        assert!(same_name_in_other_case("Shukru kaya", "Shukru Kaya"));
        assert!(same_name_in_other_case("chamberlain", "Chamberlain"));
        assert!(same_name_in_other_case("MOLOTOV", "Molotov"));
        assert!(!same_name_in_other_case("mOLOTOV", "Molotov"));
        assert!(!same_name_in_other_case("Shukru", "Shukru Kaya"));
    }

    #[test]
    fn words_around_an_alias() {
        let n = normalize("talks with mr. eden's staff in china.");
        let s = n.cased.find("eden").unwrap();
        assert_eq!(word_before(&n, s).map(|w| w.0), Some("mr"));
        assert!(title_or_initial_before(&n, s));
        assert!(possessive_follows(&n, s + 4));
        let c = n.cased.find("china").unwrap();
        assert!(country_position(&n, c, c + 5));
        let n = normalize("a set of china cups");
        let c = n.cased.find("china").unwrap();
        assert!(!country_position(&n, c, c + 5), "a noun follows: porcelain");
    }

    #[test]
    fn compounds_and_lists() {
        let n = normalize("the Franco\u{2010}Soviet pact; japan and china");
        assert!(starts_compound(&n, "the Franco".len()));
        assert!(!starts_compound(&n, "the Franco-Soviet".len()));
        let n2 = normalize("at Germanyʹs beck and call");
        let g = n2.cased.find("Germany").unwrap() + "Germany".len();
        assert!(!listed_together(&n2, g, n2.cased.find("beck").unwrap()));
        let s = normalize("Seeds of mistrust. Hull said: Stark facts");
        assert!(starts_sentence(&s, 0));
        assert!(starts_sentence(&s, s.cased.find("Hull").unwrap()));
        assert!(starts_sentence(&s, s.cased.find("Stark").unwrap()));
        assert!(!starts_sentence(&s, s.cased.find("mistrust").unwrap()));
        assert!(verb_follows(&s, s.cased.find("Hull").unwrap() + 4));
        assert!(!verb_follows(&s, s.cased.find("Stark").unwrap() + 5));
        assert!(!verb_follows(&s, 5), "Seeds of");
        let j = n.cased.find("japan").unwrap();
        let c = n.cased.find("china").unwrap();
        assert!(listed_together(&n, j + 5, c));
        assert!(!listed_together(&n, "the Franco".len(), j));
    }
}
