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
    /// the original character it came from.
    pub orig_byte: Vec<u32>,
    /// Same, as a character offset.
    pub orig_char: Vec<u32>,
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

/// Normalises `text`; offsets in the result map back through `orig_byte`/`orig_char`.
pub fn normalize(text: &str) -> Normalized {
    let mut n = Normalized {
        cased: String::with_capacity(text.len()),
        lower: String::with_capacity(text.len()),
        orig_byte: Vec::with_capacity(text.len() + 1),
        orig_char: Vec::with_capacity(text.len() + 1),
    };
    let mut in_space = false;
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() {
            // A run of spaces, no-break spaces or line breaks is one space,
            // so `Great  Britain` and `Great\nBritain` match `Great Britain`.
            if in_space {
                continue;
            }
            in_space = true;
            push(&mut n, ' ', ' ', bi, ci);
            continue;
        }
        in_space = false;
        let c = fold(c).unwrap_or(c);
        push(&mut n, c, lower_same_len(c), bi, ci);
    }
    n.orig_byte.push(text.len() as u32);
    n.orig_char.push(text.chars().count() as u32);
    n
}

fn push(n: &mut Normalized, cased: char, lower: char, bi: usize, ci: usize) {
    n.cased.push(cased);
    n.lower.push(lower);
    for _ in 0..cased.len_utf8() {
        n.orig_byte.push(bi as u32);
        n.orig_char.push(ci as u32);
    }
}

/// The normalised, trimmed form of an alias (case kept).
pub fn normalize_pattern(alias: &str) -> String {
    normalize(alias.trim()).cased
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(n.orig_char[start], 9);
        assert_eq!(
            *n.orig_char.last().unwrap_or(&0),
            text.chars().count() as u32
        );
    }

    #[test]
    fn lower_keeps_byte_length() {
        let n = normalize("ATATÜRK İnönü");
        assert_eq!(n.cased.len(), n.lower.len());
        assert!(n.lower.starts_with("atatürk"));
        assert_eq!(n.orig_byte.len(), n.cased.len() + 1);
    }
}
