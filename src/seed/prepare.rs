//! One corpus file from bytes to everything the writer needs: decoded text,
//! parsed documents, resolved parties and mentions. Pure CPU work, run in
//! parallel; no SQL here.

use sha2::{Digest, Sha256};

use crate::corpus::{self, ParsedPage, Warning};
use crate::entities::{
    DocumentText, Field, Gazetteer, Mention, PartyResolution, UnresolvedMention,
};

use super::inputs::{Format, Input};

/// A corpus file ready to be written.
#[derive(Debug)]
pub struct PreparedSource {
    pub path: String,
    pub format: Format,
    pub sha256: String,
    /// The file's exact bytes, stored in `sources.content`.
    pub content: Vec<u8>,
    /// How the bytes were decoded (`utf-8`, `windows-1251`, ... or `undecodable`).
    pub encoding: String,
    /// The text the parser read.
    pub text: String,
    pub page: ParsedPage,
    /// Parallel to `page.documents`.
    pub resolved: Vec<ResolvedDocument>,
    /// File-level warnings (encoding, decoding); line 0 means the whole file.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Default)]
pub struct ResolvedDocument {
    /// Parallel to the document's `parties`.
    pub parties: Vec<PartyResolution>,
    pub mentions: Vec<Mention>,
    /// Names found but not settled on one entity.
    pub unresolved: Vec<UnresolvedMention>,
    pub warnings: Vec<Warning>,
    /// What the seed-time summaries need, worked out here on a worker thread.
    pub facts: super::facts::DocumentFacts,
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Decodes, parses and resolves one file whose bytes were read already.
pub fn prepare(input: &Input, content: Vec<u8>, gazetteer: &Gazetteer) -> PreparedSource {
    let sha256 = sha256_hex(&content);
    prepare_hashed(input, content, sha256, gazetteer)
}

/// [`prepare`] for a file whose SHA-256 the caller computed already (to
/// decide whether it changed since the last seed).
pub fn prepare_hashed(
    input: &Input,
    content: Vec<u8>,
    sha256: String,
    gazetteer: &Gazetteer,
) -> PreparedSource {
    prepare_forced(input, content, sha256, gazetteer, None)
}

/// [`prepare_hashed`] reading a page that is not UTF-8 in `forced` (from
/// `seed --encoding`) instead of the detected code page.
pub fn prepare_forced(
    input: &Input,
    content: Vec<u8>,
    sha256: String,
    gazetteer: &Gazetteer,
    forced: Option<corpus::Codepage>,
) -> PreparedSource {
    if let Some(warning) = super::limits::check(input.format, &content) {
        return unparsed(input, content, sha256, warning);
    }
    let mut warnings = Vec::new();
    let (encoding, decoded) = match corpus::decode_with(&content, forced) {
        Ok(decoded) => {
            warnings.extend(decoded.warning);
            (decoded.encoding.to_string(), decoded.text)
        }
        Err(err) => {
            // Kept as a source (its bytes are in `content`) with no text, so
            // nothing is lost and the warning says why it was not read. Not
            // parsed: an empty text would only add "no document" to it.
            let warning = Warning {
                line: 0,
                code: "undecodable",
                message: err.to_string(),
                expected:
                    "a text or HTML page in UTF-8, Windows-1251, KOI8-R, ISO-8859-5 or Latin-1"
                        .into(),
            };
            let mut source = unparsed(input, content, sha256, warning);
            source.encoding = "undecodable".to_string();
            return source;
        }
    };
    let (decoded, nul_warning) = super::nuls::replace(decoded);
    warnings.extend(nul_warning);
    let text = match input.format {
        Format::Text => decoded,
        Format::Html => corpus::html_to_text(&decoded),
    };
    let page = corpus::parse_page(&text);
    let resolved = page
        .documents
        .iter()
        .map(|doc| resolve(doc, gazetteer))
        .collect();
    PreparedSource {
        path: input.path.clone(),
        format: input.format,
        sha256,
        content,
        encoding,
        text,
        page,
        resolved,
        warnings,
    }
}

/// A file kept byte for byte but not parsed (see `limits`).
fn unparsed(input: &Input, content: Vec<u8>, sha256: String, warning: Warning) -> PreparedSource {
    PreparedSource {
        path: input.path.clone(),
        format: input.format,
        sha256,
        content,
        encoding: "not_read".to_string(),
        text: String::new(),
        page: ParsedPage::default(),
        resolved: Vec::new(),
        warnings: vec![warning],
    }
}

/// Resolves one parsed document's mentions and parties (public for `benches/prepare.rs`).
pub fn resolve(doc: &corpus::ParsedDocument, gazetteer: &Gazetteer) -> ResolvedDocument {
    let date = doc.date.as_ref();
    let day = date.map(|d| d.from.as_str());
    let found = gazetteer.find_in_document(&document_texts(doc), day);
    let mut warnings = found.warnings;
    let parties = doc
        .parties
        .iter()
        .map(|party| {
            let mut resolution = gazetteer.resolve_party(party, date);
            warnings.append(&mut resolution.warnings);
            resolution
        })
        .collect();
    ResolvedDocument {
        parties,
        facts: super::facts::of_document(&doc.body, &found.mentions),
        mentions: found.mentions,
        unresolved: found.unresolved,
        warnings,
    }
}

/// The texts of a document names are looked for in, each with its field.
pub fn document_texts(doc: &corpus::ParsedDocument) -> Vec<DocumentText<'_>> {
    let mut texts = vec![DocumentText {
        field: Field::Heading,
        text: &doc.heading,
        line: doc.start_line,
    }];
    if let Some(d) = &doc.distribution_text {
        texts.push(DocumentText {
            field: Field::Distribution,
            text: d,
            line: doc.start_line,
        });
    }
    texts.push(DocumentText {
        field: Field::Body,
        text: &doc.body,
        line: doc.body_line,
    });
    if let Some(s) = &doc.signature {
        texts.push(DocumentText {
            field: Field::Signature,
            text: s,
            line: doc.end_line,
        });
    }
    for (i, f) in doc.footnotes.iter().enumerate() {
        texts.push(DocumentText {
            field: Field::Footnote(i),
            text: &f.text,
            line: f.line,
        });
    }
    texts
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_lowercase_hex() {
        // FIPS 180-2's "abc" example: its bytes 0x01 and 0x03 keep their leading zero.
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(super::sha256_hex(b"").len(), 64);
    }
}
