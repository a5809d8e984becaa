//! Pure parsing of corpus pages: text in, documents and warnings out.
//!
//! No I/O and no SQL live here (STYLE.md: importer vs loader split). The
//! seeder decodes a file (see [`decode`]), turns HTML into text (see
//! [`html`]), calls [`parse_page`] and writes what comes back.
//!
//! Offsets: every `Range<usize>` in this module is a **byte** range into the
//! page text handed to [`parse_page`] (after decoding, and after HTML-to-text
//! for HTML pages). Line numbers are 1-based lines of that same text.

mod boilerplate;
mod charset;
pub mod citation;
mod classification;
mod closing;
pub mod date;
mod decode;
mod heading;
mod html;
mod page;
mod text;

#[cfg(test)]
mod proptests;

pub use charset::Codepage;
pub use decode::{decode, decode_with, DecodeError, Decoded};
pub use html::html_to_text;
pub use page::parse_page;

use std::ops::Range;

/// Everything the parser made of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedPage {
    /// The documents, in page order.
    pub documents: Vec<ParsedDocument>,
    /// Site boilerplate and anything else that belongs to no document.
    /// Together with the documents' `raw_span`s these ranges tile the whole
    /// page text with no gap and no overlap, so nothing is lost.
    pub boilerplate: Vec<Range<usize>>,
    /// Page-level warnings (e.g. "no document found on this page").
    pub warnings: Vec<Warning>,
}

/// One document as printed on a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// 1-based position of the document on its page.
    pub seq: u32,
    /// Byte range of the whole document (heading to citation, footnotes
    /// included) in the page text; `raw_text` is exactly that slice.
    pub raw_span: Range<usize>,
    pub raw_text: String,
    /// First and last line of the document (1-based, inclusive).
    pub start_line: u32,
    pub end_line: u32,

    /// The heading, joined into one line when it was split over several,
    /// trailing footnote markers and spaces removed.
    pub heading: String,
    pub kind: DocumentKind,
    /// True when the heading marks an extract (`From:`, `From;`, `from telegram` ...).
    pub is_extract: bool,

    /// The date as printed (the date line, or the part of the heading that held it).
    pub date: Option<ParsedDate>,
    /// Document number as printed (`317`, `11/568`, `863‐a`, `12`), without `no.`/`m`.
    pub doc_number: Option<String>,
    /// Place printed before the date (`Lausanne`).
    pub place: Option<String>,

    pub classification: Option<Classification>,
    /// The classification as printed (`Top. Secret special stick`).
    pub classification_text: Option<String>,
    pub priority: Option<Priority>,
    pub priority_text: Option<String>,

    /// Author, recipients, participants and copy recipients, as printed.
    pub parties: Vec<Party>,
    /// The "Sent to ..." line as printed.
    pub distribution_text: Option<String>,

    /// The body text: from after the date/classification lines to before the
    /// signature, footnote lines and citation. Kept as printed (markers,
    /// elisions, odd characters and all); lines joined with `\n`.
    pub body: String,
    /// Byte range in the page text from the start of the body's first line
    /// to the end of its last (empty at `raw_span.start` for no body). The
    /// body is these lines less the blank ones, unless a footnote line sat
    /// among them.
    pub body_span: Range<usize>,
    /// Line on which the body starts.
    pub body_line: u32,

    /// Signature as printed (`I. Maisky`, `Plenipotentiary`).
    pub signature: Option<String>,
    /// Print note (`Pgchat. About arch.`) as printed.
    pub print_note: Option<String>,
    /// Press source line (`(Tass)`, newspaper issue line) as printed.
    pub press_source: Option<String>,

    pub footnotes: Vec<Footnote>,
    /// Archival citations (usually one).
    pub citations: Vec<Citation>,
    /// Publication references (`Publ.: Foreign policy of the USSR ...`): a
    /// source, but not an archival one.
    pub publications: Vec<Publication>,
    /// Dates of quoted annexes (`The following reply was received ... on 28 august 1921:`).
    pub annex_dates: Vec<ParsedDate>,

    /// What the parser could not interpret in this document.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum DocumentKind {
    Telegram,
    Note,
    Letter,
    Conversation,
    Diary,
    Treaty,
    Report,
    Statement,
    #[default]
    Other,
}

impl DocumentKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [DocumentKind; 9] = [
        DocumentKind::Telegram,
        DocumentKind::Note,
        DocumentKind::Letter,
        DocumentKind::Conversation,
        DocumentKind::Diary,
        DocumentKind::Treaty,
        DocumentKind::Report,
        DocumentKind::Statement,
        DocumentKind::Other,
    ];

    /// The value stored in `documents.kind`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A date as printed and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    /// Exactly as printed (`August 20‐26, 1939`, `1937 g on May 14.`).
    pub text: String,
    /// ISO `YYYY-MM-DD`; for month precision the first of the month, for year precision January 1.
    pub from: String,
    /// ISO `YYYY-MM-DD`; equal to `from` for a single day; last day of the month/year otherwise.
    pub to: String,
    pub precision: DatePrecision,
    /// Line the date was read from.
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Classification {
    Secret,
    TopSecret,
    TopSecretSpecialFolder,
}

impl Classification {
    /// Every classification, lowest first.
    pub const ALL: [Classification; 3] = [
        Classification::Secret,
        Classification::TopSecret,
        Classification::TopSecretSpecialFolder,
    ];

    /// The value stored in `documents.classification`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Priority {
    /// `out of line`, `out of turn` (the Russian "vne ocheredi").
    OutOfTurn,
    Immediately,
    Urgent,
    HighlyImportant,
}

impl Priority {
    /// The value stored in `documents.priority`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A party to the document, as the heading or the "Sent to" line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub role: Role,
    /// The whole phrase as printed
    /// (`the plenipotentiary representative of the USSR in the Great Britain I. M. Maisky`).
    pub text: String,
    /// The position part, if any (`plenipotentiary representative of the USSR in the Great Britain`).
    pub position: Option<String>,
    /// The name part, if any (`I. M. Maisky`), or an institution (`general secretariat`, `NKID of the USSR`).
    pub name: Option<String>,
    /// Line the phrase was read from.
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Author,
    Recipient,
    Participant,
    CopyRecipient,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [
        Role::Author,
        Role::Recipient,
        Role::Participant,
        Role::CopyRecipient,
    ];

    /// The value stored in `document_persons.role`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// `*`, `**`, `1`, `[1]` ...
    pub marker: String,
    pub text: String,
    pub line: u32,
}

/// An archival citation. Fields stay text: leading zeros matter (`f. 059` is not `f. 59`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    /// Normalised: `AVP RF`, `RGASPI`, ...
    pub archive: String,
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub papka: Option<String>,
    pub delo: Option<String>,
    /// Sheets as printed but with the range dash normalised to `-` (`132-137`).
    pub sheets: Option<String>,
    /// The citation exactly as printed.
    pub as_printed: String,
    pub line: u32,
}

impl Citation {
    /// The citation as a historian writes it,
    /// `AVP RF, f. 05, op. 18, p. 140, d. 120, l. 45-47` (the same text as
    /// the `citation_strings` view).
    pub fn written(&self) -> String {
        let mut text = self.archive.clone();
        for (label, value) in [
            ("f.", &self.fond),
            ("op.", &self.opis),
            ("p.", &self.papka),
            ("d.", &self.delo),
            ("l.", &self.sheets),
        ] {
            if let Some(value) = value {
                text.push_str(&format!(", {label} {value}"));
            }
        }
        text
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub as_printed: String,
    pub line: u32,
}

/// Something the parser could not interpret. Never dropped: the seeder
/// stores it in the `warnings` table with the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the page text.
    pub line: u32,
    /// Stable machine-readable code (`date_unreadable`, `no_citation`, ...).
    pub code: &'static str,
    /// What was found, in words.
    pub message: String,
    /// What the parser expected there.
    pub expected: String,
}

#[cfg(test)]
mod stored_names {
    use super::*;

    #[test]
    fn enums_store_their_snake_case_names() {
        let kinds: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "telegram",
                "note",
                "letter",
                "conversation",
                "diary",
                "treaty",
                "report",
                "statement",
                "other"
            ]
        );
        let precisions = [
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
        ];
        assert_eq!(
            precisions.map(DatePrecision::as_str),
            ["day", "month", "year"]
        );
        assert_eq!(
            Classification::ALL.map(Classification::as_str),
            ["secret", "top_secret", "top_secret_special_folder"]
        );
        let priorities = [
            Priority::OutOfTurn,
            Priority::Immediately,
            Priority::Urgent,
            Priority::HighlyImportant,
        ];
        assert_eq!(
            priorities.map(Priority::as_str),
            ["out_of_turn", "immediately", "urgent", "highly_important"]
        );
        assert_eq!(
            Role::ALL.map(Role::as_str),
            ["author", "recipient", "participant", "copy_recipient"]
        );
    }
}
