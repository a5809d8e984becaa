//! The site header at the top of every page (title, navigation line, title
//! again, subtitle, `Download PDF`) in its six layouts: with or without blank
//! lines, with space-only or no-break-space lines, and with the title glued
//! to the subtitle (`...1919 to 1941Concentrated on...`).

use super::text::{clean, is_blank, Line};

static_regex!(
    re_site_line,
    r"(?i)selected\s+secret\s+documents|soviet\s+foreign\s+policy\s+documents\s+archives|marx[\-\s]*engels|\bhome\s*page\b|concentrated\s+on\s+1st|download\s+pdf|^\s*(?:lenin|stalin)\s*(?:\|.*)?$"
);

/// Is this line part of the site header (or blank)?
pub fn is_site_line(s: &str) -> bool {
    let t = clean(s);
    is_blank(t) || (t.len() <= 2000 && re_site_line().is_match(t))
}

/// Index of the first line after the site header.
pub fn header_end(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .position(|l| !is_site_line(l.text))
        .unwrap_or(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::split_lines;

    const HEADING: &str = "Telegram of the envoy X. Zorin to the NKID";

    fn end_of(text: &str) -> &str {
        let ls = split_lines(text);
        let i = header_end(&ls);
        ls.get(i).map(|l| l.text).unwrap_or("")
    }

    #[test]
    fn layout_with_blank_lines_and_nbsp() {
        let t = format!("Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n\nMarx-Engels |\u{a0} Lenin \u{a0}| Stalin |\u{a0} Home Page\n\n\u{a0} Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\nConcentrated on 1st and\u{a0} 2nd WW Correspondence\n\nDownload PDF\n\u{a0} \n\n{HEADING}\n");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn layout_without_blank_lines_and_glued_title() {
        let t = format!("Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\nMarx-Engels | Lenin | Stalin | Home Page\nSelected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941Concentrated on 1st and 2nd WW Correspondence\nDownload PDF\n{HEADING}\n");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn layout_space_only_lines() {
        let t = format!(" \nSelected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n \n \nDownload PDF\n \n{HEADING}");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn page_without_header() {
        assert_eq!(end_of(HEADING), HEADING);
        assert!(!is_site_line(HEADING));
    }
}
