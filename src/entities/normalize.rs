//! The normalised copy of a text that names are matched on, with a map back
//! to the original text.
//!
//! Normalising changes byte lengths (`ʹ` is two bytes, `'` one; a run of
//! spaces becomes one), so every byte of the normalised text remembers the
//! byte and character offset of the original character it came from.

/// A text prepared for matching.
#[derive(Debug, Default)]
pub struct Normalized {
    /// Apostrophes, quotes, hyphens and whitespace runs unified; case kept.
    pub cased: String,
    /// `cased` lowercased, byte for byte the same length (a character whose
    /// lowercase form has another length is left as it is).
    pub lower: String,
    /// For each byte of `cased` (and one past the end): the byte offset of
    /// the original character it came from. Character offsets are counted
    /// from these only where a mention needs them (see [`CharCounter`]).
    pub orig_byte: Vec<u32>,
}

/// What a character becomes in the normalised text (`None`: kept as is).
fn fold(c: char) -> Option<char> {
    match c {
        // U+02B9 and U+02BC are letters to Unicode but apostrophes in the corpus.
        '\u{02B9}' | '\u{02BC}' | '\u{2019}' | '\u{2018}' | '\u{00B4}' | '`' => Some('\''),
        // U+02BA is the corpus's double quote.
        '\u{02BA}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => Some('-'),
        _ => None,
    }
}

fn lower_same_len(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// ASCII copied as is inside a run: `!` to DEL, but the backtick (folded
/// to `'`). Spaces are decided by what follows them.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'!';
    while b < 0x80 {
        t[b as usize] = b != b'`';
        b += 1;
    }
    t
};

/// Normalises `text`; offsets in the result map back through `orig_byte`.
///
/// This runs on every document body, so ASCII (most of the corpus) takes a
/// byte-at-a-time path and only other characters are decoded.
pub fn normalize(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    // Built as Strings from whole characters, so no UTF-8 check at the end.
    let mut cased = String::with_capacity(bytes.len());
    let mut lower = String::with_capacity(bytes.len());
    let mut orig_byte: Vec<u32> = Vec::with_capacity(bytes.len() + 1);
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                // A run of spaces, no-break spaces or line breaks is one
                // space, so `Great  Britain` matches `Great Britain`.
                if !in_space {
                    cased.push(' ');
                    lower.push(' ');
                    orig_byte.push(i as u32);
                    in_space = true;
                }
                i += 1;
                continue;
            }
            in_space = false;
            // Copy the whole run of plain ASCII (single spaces included)
            // up to the next control character, backtick, non-ASCII byte
            // or space that starts a run of whitespace, at once.
            let mut run = i;
            loop {
                match bytes.get(run) {
                    Some(&c) if PLAIN[usize::from(c)] => run += 1,
                    // A space followed by the end, or by a byte that is
                    // neither whitespace, control nor non-ASCII.
                    Some(b' ') if bytes.get(run + 1).is_none_or(|&d| d > b' ' && d < 0x80) => {
                        run += 1
                    }
                    _ => break,
                }
            }
            if run > i {
                // ASCII bytes at `i` and before `run`: char boundaries.
                let plain = text.get(i..run).unwrap_or_default();
                cased.push_str(plain);
                let from = lower.len();
                lower.push_str(plain);
                lower[from..].make_ascii_lowercase();
                orig_byte.extend(i as u32..run as u32);
                i = run;
            } else {
                // A backtick or a control character.
                let b = if b == b'`' { b'\'' } else { b };
                cased.push(char::from(b));
                lower.push(char::from(b.to_ascii_lowercase()));
                orig_byte.push(i as u32);
                i += 1;
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            if !in_space {
                cased.push(' ');
                lower.push(' ');
                orig_byte.push(i as u32);
                in_space = true;
            }
        } else {
            in_space = false;
            let c2 = fold(c).unwrap_or(c);
            cased.push(c2);
            lower.push(lower_same_len(c2));
            for _ in 0..c2.len_utf8() {
                orig_byte.push(i as u32);
            }
        }
        i += len;
    }
    orig_byte.push(bytes.len() as u32);
    Normalized {
        cased,
        lower,
        orig_byte,
    }
}

/// Turns increasing byte offsets of a text into character offsets, counting
/// only the stretch between one call and the next.
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `b` (a char boundary).
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text.get(self.byte..b).map_or(0, |s| s.chars().count());
        self.byte = b;
        self.chars
    }
}

/// The normalised, trimmed form of an alias (case kept).
pub fn normalize_pattern(alias: &str) -> String {
    normalize(alias.trim()).cased
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `normalize` one character at a time, without the ASCII fast path.
    fn normalize_reference(text: &str) -> Normalized {
        let (mut cased, mut lower, mut orig_byte) = (String::new(), String::new(), Vec::new());
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    cased.push(' ');
                    lower.push(' ');
                    orig_byte.push(i as u32);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            let c2 = if c == '`' { '\'' } else { fold(c).unwrap_or(c) };
            cased.push(c2);
            lower.push(lower_same_len(c2));
            orig_byte.extend(std::iter::repeat_n(i as u32, c2.len_utf8()));
        }
        orig_byte.push(text.len() as u32);
        Normalized {
            cased,
            lower,
            orig_byte,
        }
    }

    const PIECES: &[&str] = &[
        "Great",
        "BRITAIN",
        "o",
        " ",
        "  ",
        " \n ",
        "\t",
        "\r\n",
        "\u{a0}",
        "\u{2003}",
        "\u{b}",
        "\u{1}",
        "`",
        "'",
        "ʹ",
        "ʺ",
        "\u{2010}",
        "-",
        "İ",
        "ẞ",
        "Ü",
        "ü",
        "Молотов",
        ".",
        ",",
        "\u{7f}",
        "x",
        "1939",
    ];

    proptest! {
        #[test]
        fn fast_path_equals_the_char_by_char_reference(
            picks in proptest::collection::vec(0usize..1000, 0..30),
            any_text in "\\PC{0,40}",
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
            for t in [text.as_str(), any_text.as_str()] {
                let (a, b) = (normalize(t), normalize_reference(t));
                prop_assert_eq!(&a.cased, &b.cased, "{:?}", t);
                prop_assert_eq!(&a.lower, &b.lower, "{:?}", t);
                prop_assert_eq!(&a.orig_byte, &b.orig_byte, "{:?}", t);
            }
        }
    }

    #[test]
    fn apostrophes_quotes_hyphens_fold() {
        let n = normalize("Molotovʹs ʺyesʺ Soviet‐German peopleʼs O’Brien");
        assert_eq!(n.cased, "Molotov's \"yes\" Soviet-German people's O'Brien");
        assert_eq!(n.lower, "molotov's \"yes\" soviet-german people's o'brien");
    }

    #[test]
    fn whitespace_runs_collapse_and_map_back() {
        let text = "Great \u{00A0}\n Britain";
        let n = normalize(text);
        assert_eq!(n.cased, "Great Britain");
        let start = n.cased.find("Britain").unwrap_or(0);
        assert_eq!(&text[n.orig_byte[start] as usize..], "Britain");
        let mut cc = CharCounter::new(text);
        assert_eq!(cc.at(n.orig_byte[start] as usize), 9);
        assert_eq!(cc.at(text.len()), text.chars().count());
    }

    #[test]
    fn lower_keeps_byte_length() {
        let n = normalize("ATATÜRK İnönü");
        assert_eq!(n.cased.len(), n.lower.len());
        assert!(n.lower.starts_with("atatürk"));
        assert_eq!(n.orig_byte.len(), n.cased.len() + 1);
    }
}
