//! Classification and priority marks in every spelling the corpus uses,
//! glued to the date line or on a line of their own.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{clean, constant_regex};
use super::{Classification, Priority};

// Order matters: the longest reading wins (special folder before top secret
// before secret). `Soviet secret` is a literal rendering of the Russian
// abbreviation for "top secret"; `special stick` is a garbled "special folder".
static RE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\b(?:(?P<sf>top\.?\s*secret\.?,?\s*(?:\(?\s*)?spec(?:ial|\.)?\s*(?:folder|stick|file|papka)\)?)|(?P<ts>(?:top|soviet|sov|strictly|completely)\.?\s*secret)|(?P<s>secret)|(?P<sfo>spec(?:ial|\.)\s*(?:folder|stick|papka)))\b\.?",
    )
});
static RE_PRIO: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\b(?:(?P<ot>out\s+of\s+(?:line|turn|order))|(?P<im>immediately|immediate)|(?P<ur>(?:very\s+)?urgent(?:ly)?)|(?P<hi>(?:highly|very)\s+important))\b\.?",
    )
});

/// Marks found in a piece of text, with what was left once they were cut out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// The classification and how it was printed.
    pub classification: Option<(Classification, String)>,
    pub priority: Option<(Priority, String)>,
    /// The text with the marks replaced by spaces.
    pub leftover: String,
}

impl Marks {
    /// Combines the marks of two parts of one line; the first one found wins.
    pub fn merge(self, other: Marks) -> Marks {
        Marks {
            classification: self.classification.or(other.classification),
            priority: self.priority.or(other.priority),
            leftover: format!("{} {}", self.leftover, other.leftover),
        }
    }
}

pub fn find_marks(s: &str) -> Marks {
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut classification = None;
    if let Some(c) = RE_CLASS.captures(s) {
        let kind = if c.name("sf").is_some() || c.name("sfo").is_some() {
            Classification::TopSecretSpecialFolder
        } else if c.name("ts").is_some() {
            Classification::TopSecret
        } else {
            Classification::Secret
        };
        if let Some(m) = c.get(0) {
            classification = Some((kind, clean(m.as_str().trim_end_matches('.')).to_string()));
            cuts.push(m.range());
        }
    }
    let mut priority = None;
    if let Some(c) = RE_PRIO.captures(s) {
        let kind = if c.name("ot").is_some() {
            Priority::OutOfTurn
        } else if c.name("im").is_some() {
            Priority::Immediately
        } else if c.name("ur").is_some() {
            Priority::Urgent
        } else {
            Priority::HighlyImportant
        };
        if let Some(m) = c.get(0) {
            priority = Some((kind, clean(m.as_str().trim_end_matches('.')).to_string()));
            cuts.push(m.range());
        }
    }
    cuts.sort_by_key(|r| r.start);
    let mut leftover = String::with_capacity(s.len());
    let mut at = 0;
    for r in cuts {
        if r.start >= at {
            leftover.push_str(&s[at..r.start]);
            leftover.push(' ');
            at = r.end;
        }
    }
    leftover.push_str(&s[at..]);
    Marks {
        classification,
        priority,
        leftover,
    }
}

/// A line that holds only marks (`Secret`, `Top secret special folder`,
/// `Out of turn. Secret`), so it is not body text.
pub fn parse_marks_line(s: &str) -> Option<Marks> {
    let t = clean(s);
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    let m = find_marks(t);
    if m.classification.is_none() && m.priority.is_none() {
        return None;
    }
    if m.leftover.chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<Classification> {
        find_marks(s).classification.map(|c| c.0)
    }
    fn prio(s: &str) -> Option<Priority> {
        find_marks(s).priority.map(|c| c.0)
    }

    #[test]
    fn classification_spellings() {
        assert_eq!(class("secret"), Some(Classification::Secret));
        assert_eq!(class("Secret"), Some(Classification::Secret));
        assert_eq!(class("top secret"), Some(Classification::TopSecret));
        assert_eq!(class("Top Secret"), Some(Classification::TopSecret));
        assert_eq!(class("Soviet secret"), Some(Classification::TopSecret));
        assert_eq!(
            class("Top secret special folder"),
            Some(Classification::TopSecretSpecialFolder)
        );
        assert_eq!(
            class("Top. Secret special stick"),
            Some(Classification::TopSecretSpecialFolder)
        );
        assert_eq!(class("nothing here"), None);
    }

    #[test]
    fn special_folder_alone() {
        assert_eq!(
            class("Special folder"),
            Some(Classification::TopSecretSpecialFolder)
        );
        assert!(parse_marks_line("Special folder").is_some());
    }

    #[test]
    fn classification_text_kept_as_printed() {
        let m = find_marks("Top. Secret special stick");
        assert_eq!(
            m.classification.map(|c| c.1).as_deref(),
            Some("Top. Secret special stick")
        );
    }

    #[test]
    fn priority_spellings() {
        assert_eq!(prio("out of line"), Some(Priority::OutOfTurn));
        assert_eq!(prio("Out of line"), Some(Priority::OutOfTurn));
        assert_eq!(prio("out of turn"), Some(Priority::OutOfTurn));
        assert_eq!(prio("Immediately"), Some(Priority::Immediately));
        assert_eq!(prio("urgent"), Some(Priority::Urgent));
        assert_eq!(prio("highly important"), Some(Priority::HighlyImportant));
    }

    #[test]
    fn marks_line_alone_or_combined() {
        let m = parse_marks_line("Out of turn. Secret").expect("marks line");
        assert_eq!(m.classification.map(|c| c.0), Some(Classification::Secret));
        assert_eq!(m.priority.map(|c| c.0), Some(Priority::OutOfTurn));
        assert!(parse_marks_line("Secret").is_some());
        assert!(parse_marks_line("The secret talks went on").is_none());
    }
}
