//! Which single-byte code page a page that is not UTF-8 was saved in,
//! judged by what each candidate's decoding looks like: the collection's
//! pages are English with short Russian runs (a citation, a signature), so
//! a byte-statistics guesser easily takes the Russian for windows-1252 or
//! KOI8-U. Each candidate's text is scored on its words:
//!
//! - Cyrillic letters score by their frequency in Russian (common letters
//!   gain, rare and non-Russian ones lose);
//! - a word whose case is impossible (`сУРИЦ`: KOI8-R read as Windows-1251
//!   swaps the cases) or that mixes Latin and Cyrillic letters loses much;
//! - a Latin word made mostly of accented letters (`Ñóðèö`: Russian read as
//!   windows-1252) loses, where `Chargé` or `Atatürk` does not;
//! - symbols and control characters no page would hold (`±`, `¶`, C1
//!   controls) lose, and the punctuation pages do hold (`«»`, `—`, `№`, a
//!   no-break space) gains a little.
//!
//! The best total wins; the margin over the runner-up is the confidence.

use encoding_rs::{Encoding, ISO_8859_5, KOI8_R, WINDOWS_1251, WINDOWS_1252};

/// A code page archdb can read a non-UTF-8 page in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codepage {
    Windows1251,
    Koi8R,
    Iso88595,
    Windows1252,
    /// ISO-8859-1 proper: every byte is the code point of the same number.
    Latin1,
    /// Forced only (`seed --encoding utf-8`): invalid bytes become U+FFFD.
    Utf8,
}

impl Codepage {
    /// The candidates of detection, the likeliest in the collection first
    /// (the first wins a tie).
    pub const DETECTED: [Codepage; 5] = [
        Codepage::Windows1251,
        Codepage::Windows1252,
        Codepage::Koi8R,
        Codepage::Iso88595,
        Codepage::Latin1,
    ];

    /// The name stored in `sources.encoding` and shown in warnings.
    pub fn name(self) -> &'static str {
        match self {
            Codepage::Windows1251 => "windows-1251",
            Codepage::Koi8R => "KOI8-R",
            Codepage::Iso88595 => "ISO-8859-5",
            Codepage::Windows1252 => "windows-1252",
            Codepage::Latin1 => "ISO-8859-1",
            Codepage::Utf8 => "UTF-8",
        }
    }

    /// Reads a name as a user types it (`cp1251`, `koi8-r`, `latin-1` ...).
    pub fn from_label(label: &str) -> Option<Codepage> {
        let l: String = label
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        Some(match l.as_str() {
            "windows1251" | "cp1251" | "win1251" => Codepage::Windows1251,
            "koi8r" | "koi8" => Codepage::Koi8R,
            "iso88595" | "cyrillic" => Codepage::Iso88595,
            "windows1252" | "cp1252" | "win1252" => Codepage::Windows1252,
            "latin1" | "iso88591" | "l1" => Codepage::Latin1,
            "utf8" => Codepage::Utf8,
            _ => return None,
        })
    }

    /// The names [`Codepage::from_label`] knows, for error messages.
    pub const LABELS: &'static str =
        "windows-1251 (cp1251), koi8-r, iso-8859-5, windows-1252 (cp1252), latin-1 (iso-8859-1) or utf-8";

    /// `bytes` as text in this code page.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Codepage::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Codepage::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            other => {
                let (text, _) = other.encoding().decode_without_bom_handling(bytes);
                text.into_owned()
            }
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Codepage::Windows1251 => WINDOWS_1251,
            Codepage::Koi8R => KOI8_R,
            Codepage::Iso88595 => ISO_8859_5,
            Codepage::Windows1252 | Codepage::Latin1 => WINDOWS_1252,
            Codepage::Utf8 => encoding_rs::UTF_8,
        }
    }

    fn of_encoding(encoding: &'static Encoding) -> Option<Codepage> {
        Codepage::DETECTED
            .into_iter()
            .find(|c| c.encoding() == encoding && *c != Codepage::Latin1)
    }
}

/// The detected code page, its decoded text, and how sure the choice is.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub codepage: Codepage,
    pub text: String,
    /// 0 (a coin toss) to 1 (no other candidate comes close).
    pub confidence: f64,
    /// The candidate that scored next best.
    pub runner_up: Codepage,
}

/// Decodes `bytes` in each candidate code page and keeps the one whose text
/// looks most like the collection's. `hint` is a byte-statistics guess
/// (chardetng's), worth a small bonus.
pub fn detect(bytes: &[u8], hint: Option<&'static Encoding>) -> Detection {
    let hinted = hint.and_then(Codepage::of_encoding);
    let mut scored: Vec<(f64, Codepage, String)> = Codepage::DETECTED
        .into_iter()
        .enumerate()
        .map(|(rank, codepage)| {
            let text = codepage.decode(bytes);
            let prior = match rank {
                0 => 1.0, // the collection's own code page
                _ => 0.0,
            };
            let bonus = if hinted == Some(codepage) { 0.5 } else { 0.0 };
            (plausibility(&text) + prior + bonus, codepage, text)
        })
        .collect();
    // Stable: on a tie the likelier candidate (listed first) stays first.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    // The runner-up is the best candidate that reads the bytes otherwise
    // (windows-1252 and Latin-1 agree on most pages).
    let runner_up = scored[1..]
        .iter()
        .find(|s| s.2 != scored[0].2)
        .map(|s| (s.0, s.1));
    let (best_score, codepage, text) = scored.swap_remove(0);
    let (confidence, runner_up) = match runner_up {
        Some((score, other)) => (1.0 - (-(best_score - score) / 2.0).exp(), other),
        None => (1.0, scored.first().map_or(codepage, |s| s.1)),
    };
    Detection {
        codepage,
        text,
        confidence,
        runner_up,
    }
}

/// Russian letter frequencies (per cent of letters in running text).
const RUSSIAN: [(char, f64); 33] = [
    ('о', 10.97),
    ('е', 8.45),
    ('а', 8.01),
    ('и', 7.35),
    ('н', 6.70),
    ('т', 6.26),
    ('с', 5.47),
    ('р', 4.73),
    ('в', 4.54),
    ('л', 4.40),
    ('к', 3.49),
    ('м', 3.21),
    ('д', 2.98),
    ('п', 2.81),
    ('у', 2.62),
    ('я', 2.01),
    ('ы', 1.90),
    ('ь', 1.74),
    ('г', 1.70),
    ('з', 1.65),
    ('б', 1.59),
    ('ч', 1.44),
    ('й', 1.21),
    ('х', 0.97),
    ('ж', 0.94),
    ('ш', 0.73),
    ('ю', 0.64),
    ('ц', 0.48),
    ('щ', 0.36),
    ('э', 0.32),
    ('ф', 0.26),
    ('ъ', 0.04),
    ('ё', 0.04),
];

/// Letter pairs among the most frequent in Russian text.
const RUSSIAN_PAIRS: [&str; 44] = [
    "ст", "но", "то", "на", "ен", "ов", "ни", "ра", "во", "ко", "ро", "ан", "ос", "по", "ал", "ер",
    "ре", "ли", "ор", "ет", "ол", "ел", "ит", "ка", "ва", "ат", "ла", "ле", "ом", "ог", "го", "не",
    "пр", "ть", "де", "ин", "ие", "ес", "ло", "ск", "ми", "ак", "ег", "ны",
];

/// Punctuation outside ASCII that pages do hold.
const FINE_SYMBOLS: &str = "«»—–‐“”„‘’…№§°·\u{a0}ʹʺ";

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// How Russian a Cyrillic letter is: log of its frequency against an even
/// spread over 33 letters; a Cyrillic letter Russian does not use is rare.
fn russian_letter(c: char) -> f64 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let percent = RUSSIAN
        .iter()
        .find(|(l, _)| *l == lower)
        .map_or(0.01, |(_, p)| *p);
    (percent / 100.0 * 33.0).ln()
}

/// A word's case is one of `word`, `Word`, `WORD`.
fn case_is_possible(word: &[char]) -> bool {
    let rest = &word[1.min(word.len())..];
    rest.iter().all(|c| !c.is_uppercase()) || word.iter().all(|c| !c.is_lowercase())
}

/// How much `text` looks like a page of the collection (higher is better).
pub fn plausibility(text: &str) -> f64 {
    let mut score = 0.0;
    let mut word: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            score += word_score(&word);
            word.clear();
        }
        if FINE_SYMBOLS.contains(c) {
            score += 0.5; // the collection's own punctuation is evidence too
        } else if !c.is_ascii() {
            score -= 4.0; // `±`, `¶`, a C1 control, a box-drawing piece
        }
    }
    score
}

fn word_score(word: &[char]) -> f64 {
    if word.iter().all(char::is_ascii) {
        return 0.0;
    }
    let len = word.len() as f64;
    let cyrillic = word.iter().filter(|c| is_cyrillic(**c)).count();
    let mut score = 0.0;
    if cyrillic > 0 && cyrillic < word.len() {
        return -6.0 * len; // Latin and Cyrillic letters in one word
    }
    if !case_is_possible(word) {
        score -= 5.0 * len;
    }
    if cyrillic > 0 {
        score += word.iter().map(|c| russian_letter(*c)).sum::<f64>();
        let lower: Vec<char> = word.iter().flat_map(|c| c.to_lowercase()).collect();
        for pair in lower.windows(2) {
            let pair: String = pair.iter().collect();
            if RUSSIAN_PAIRS.contains(&pair.as_str()) {
                score += 0.7;
            }
        }
        if word.len() > 4 && word.iter().all(|c| c.is_uppercase()) {
            score -= 0.3 * len; // long words in capitals are rarer than in lower case
        }
    } else {
        let accented = word.iter().filter(|c| !c.is_ascii()).count();
        if accented * 2 > word.len() {
            score -= 3.0 * accented as f64;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, codepage: Codepage) -> Detection {
        let bytes: Vec<u8> = match codepage {
            Codepage::Latin1 => text.chars().map(|c| c as u32 as u8).collect(),
            other => other.encoding().encode(text).0.into_owned(),
        };
        detect(&bytes, None)
    }

    #[test]
    fn a_short_russian_citation_in_english_is_windows_1251() {
        let text = "Telegram of the plenipotentiary. Суриц\nАВП РФ. Ф. 05. Оп. 18. П. 140. Д. 120. Л. 48-49.\n";
        let d = round_trip(text, Codepage::Windows1251);
        assert_eq!((d.codepage, d.text.as_str()), (Codepage::Windows1251, text));
        assert!(d.confidence > 0.9, "{d:?}");
    }

    #[test]
    fn koi8_and_iso_8859_5_are_told_from_windows_1251() {
        let text = "The minister said: Литвинов сообщил мне, что переговоры будут продолжены.";
        for codepage in [Codepage::Koi8R, Codepage::Iso88595, Codepage::Windows1251] {
            let d = round_trip(text, codepage);
            assert_eq!(d.codepage, codepage, "{d:?}");
            assert_eq!(d.text, text);
        }
    }

    #[test]
    fn accented_english_is_windows_1252() {
        let text = "The chargé d'affaires met Atatürk at the café.";
        let d = round_trip(text, Codepage::Windows1252);
        assert_eq!((d.codepage, d.text.as_str()), (Codepage::Windows1252, text));
        // Latin-1 reads these bytes the same: no doubt about the text.
        assert!(d.confidence > 0.9, "{d:?}");
        assert_ne!(d.runner_up, Codepage::Latin1);
    }

    #[test]
    fn a_russian_citation_alone_is_enough() {
        for text in [
            "The minister agreed.\nАВП РФ. Ф. 05. Оп. 18. П. 140. Д. 120. Л. 48-49.\n",
            "The minister agreed.\nРГАСПИ. Ф. 17. Оп. 3. Д. 1015. Л. 30.\n",
            "Signed: Суриц\n",
        ] {
            for codepage in [Codepage::Windows1251, Codepage::Koi8R, Codepage::Iso88595] {
                let d = round_trip(text, codepage);
                assert_eq!((d.codepage, d.text.as_str()), (codepage, text));
            }
        }
    }

    #[test]
    fn labels_are_read_as_users_type_them() {
        assert_eq!(Codepage::from_label("CP1251"), Some(Codepage::Windows1251));
        assert_eq!(Codepage::from_label("koi8-r"), Some(Codepage::Koi8R));
        assert_eq!(Codepage::from_label("Latin-1"), Some(Codepage::Latin1));
        assert_eq!(Codepage::from_label("ebcdic"), None);
    }

    use proptest::prelude::*;

    const ENGLISH: &[&str] = &[
        "the",
        "telegram",
        "of",
        "plenipotentiary",
        "representative",
        "in",
        "Turkey",
        "said",
        "comrade",
        "minister",
        "that",
        "government",
        "will",
        "sign",
        "AVP",
        "RF,",
        "f.",
        "059,",
        "op.",
        "1939",
        "Molotov",
        "talks",
        "with",
        "(line",
        "12)",
        "NKID",
        "USSR",
        "people's",
    ];
    /// Russian words of a page: a citation's abbreviations, names, and
    /// running text; the runs drawn from it always include some words.
    const RUSSIAN_WORDS: &[&str] = &[
        "Суриц",
        "АВП",
        "РФ.",
        "Ф.",
        "Оп.",
        "П.",
        "Д.",
        "Л.",
        "РГАСПИ.",
        "телеграмма",
        "полпред",
        "Москва,",
        "министр",
        "сообщил",
        "Секретно.",
        "Литвинов",
        "переговоры",
        "правительство",
        "Турции",
        "мне",
        "что",
        "Народный",
        "комиссариат",
        "иностранных",
        "дел",
        "Терентьев",
        "Анкара",
        "сегодня",
        "беседа",
        "посла",
        "ответил",
        "вопрос",
        "Молотову",
    ];
    const RUSSIAN_RUNNING: &[&str] = &[
        "телеграмма",
        "полпред",
        "министр",
        "сообщил",
        "Литвинов",
        "переговоры",
        "правительство",
        "Турции",
        "Народный",
        "комиссариат",
        "иностранных",
        "Терентьев",
        "сегодня",
        "беседа",
        "посла",
        "ответил",
        "вопрос",
        "Молотову",
        "Суриц",
    ];
    const ACCENTED: &[&str] = &[
        "Chargé",
        "d'affaires",
        "Atatürk",
        "café",
        "légation",
        "señor",
        "Müller",
        "façade",
        "naïve",
        "İnönü",
        "Kâzım",
        "Zürich",
        "Genève",
        "communiqué",
        "Ankara",
        "déjà",
    ];

    /// Words joined by spaces and line breaks.
    fn mix(words: Vec<&'static str>, breaks: Vec<bool>) -> String {
        let mut text = String::new();
        for (word, newline) in words
            .iter()
            .zip(breaks.iter().chain(std::iter::repeat(&false)))
        {
            text.push_str(word);
            text.push(if *newline { '\n' } else { ' ' });
        }
        text
    }

    fn english_and(
        other: &'static [&'static str],
        running: &'static [&'static str],
    ) -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(proptest::sample::select(ENGLISH), 0..30),
            proptest::collection::vec(proptest::sample::select(other), 0..10),
            proptest::collection::vec(proptest::sample::select(running), 2..6),
            proptest::collection::vec(any::<bool>(), 0..40),
            any::<u64>(),
        )
            .prop_map(|(mut words, mut foreign, running, breaks, seed)| {
                foreign.extend(running);
                // Spread the foreign words through the English.
                for (i, w) in foreign.into_iter().enumerate() {
                    let at = (seed as usize).wrapping_add(i * 7) % (words.len() + 1);
                    words.insert(at, w);
                }
                mix(words, breaks)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// English with Russian runs, saved in any Cyrillic code page, reads back exactly.
        #[test]
        fn english_with_russian_comes_back_exactly(
            text in english_and(RUSSIAN_WORDS, RUSSIAN_RUNNING),
            codepage in proptest::sample::select(vec![Codepage::Windows1251, Codepage::Koi8R, Codepage::Iso88595]),
        ) {
            let d = round_trip(&text, codepage);
            prop_assert_eq!(&d.text, &text, "read as {:?}, saved as {:?}", d.codepage, codepage);
        }

        /// English with accented Latin words (Russian has no place in these
        /// code pages), saved as windows-1252 or Latin-1, reads back exactly.
        #[test]
        fn english_with_accents_comes_back_exactly(
            text in english_and(ACCENTED, ACCENTED),
            codepage in proptest::sample::select(vec![Codepage::Windows1252, Codepage::Latin1]),
        ) {
            let text = text.replace(['İ', 'ı'], "I"); // not in Latin-1
            let d = round_trip(&text, codepage);
            prop_assert_eq!(&d.text, &text, "read as {:?}, saved as {:?}", d.codepage, codepage);
        }
    }
}
