//! Reading the ten reference CSV files, from the binary or from a folder.
//!
//! Both entry points parse the same bytes the same way and then validate
//! the result, so a historian's bad edit is refused with the file, the line
//! and what to change, whichever way the data arrives.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use include_dir::{include_dir, Dir};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::validate::{validate_with_lines, RowLines};
use super::ReferenceData;

/// `seed/reference` as it was at build time (see `build.rs` for why edits
/// there trigger a rebuild).
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/seed/reference");

/// The files that make up the reference data, in name order (the order the
/// fingerprint hashes them in).
pub const FILES: [&str; 10] = [
    "countries.csv",
    "country_aliases.csv",
    "country_states.csv",
    "institution_aliases.csv",
    "institutions.csv",
    "office_aliases.csv",
    "offices.csv",
    "person_aliases.csv",
    "persons.csv",
    "positions.csv",
];

/// Loads and validates the reference data embedded in the binary.
pub fn load_embedded() -> Result<ReferenceData> {
    let mut files = Vec::with_capacity(FILES.len());
    for name in FILES {
        let file = EMBEDDED.get_file(name).ok_or_else(|| {
            anyhow!(
                "the reference data built into this binary has no {name}; \
                 add seed/reference/{name} (see seed/reference/README.md) and rebuild"
            )
        })?;
        files.push((name, file.contents()));
    }
    from_files(&files, "seed/reference")
}

/// Files a folder may lack: a folder made before the file existed reads as
/// having none of its rows (`country_states.csv`: places without states).
const OPTIONAL_FILES: [(&str, &str); 1] = [(
    "country_states.csv",
    "place_id,state_id,date_from,date_to,note\n",
)];

/// Loads and validates the reference data from a folder holding the CSV
/// files ([`FILES`]; `country_states.csv` may be missing).
pub fn load_dir(dir: &Path) -> Result<ReferenceData> {
    let mut contents = Vec::with_capacity(FILES.len());
    for name in FILES {
        let path = dir.join(name);
        if let Some((_, empty)) = OPTIONAL_FILES.iter().find(|(n, _)| *n == name) {
            if !path.exists() {
                contents.push((name, empty.as_bytes().to_vec()));
                continue;
            }
        }
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "reading reference file {}; the folder must hold all of: {}",
                path.display(),
                FILES.join(", ")
            )
        })?;
        contents.push((name, bytes));
    }
    let files: Vec<(&str, &[u8])> = contents.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    from_files(&files, &dir.display().to_string())
}

/// Parses the files (given in [`FILES`] order), fingerprints and validates them.
/// `origin` is the folder named in messages.
pub fn from_files(files: &[(&str, &[u8])], origin: &str) -> Result<ReferenceData> {
    let get = |name: &str| -> Result<&[u8]> {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| *b)
            .ok_or_else(|| anyhow!("{origin}/{name} is missing"))
    };
    let mut lines = RowLines::default();
    let mut data = ReferenceData {
        countries: parse(
            origin,
            "countries.csv",
            get("countries.csv")?,
            &mut lines.countries,
        )?,
        country_aliases: parse(
            origin,
            "country_aliases.csv",
            get("country_aliases.csv")?,
            &mut lines.country_aliases,
        )?,
        persons: parse(
            origin,
            "persons.csv",
            get("persons.csv")?,
            &mut lines.persons,
        )?,
        person_aliases: parse(
            origin,
            "person_aliases.csv",
            get("person_aliases.csv")?,
            &mut lines.person_aliases,
        )?,
        institutions: parse(
            origin,
            "institutions.csv",
            get("institutions.csv")?,
            &mut lines.institutions,
        )?,
        institution_aliases: parse(
            origin,
            "institution_aliases.csv",
            get("institution_aliases.csv")?,
            &mut lines.institution_aliases,
        )?,
        offices: parse(
            origin,
            "offices.csv",
            get("offices.csv")?,
            &mut lines.offices,
        )?,
        office_aliases: parse(
            origin,
            "office_aliases.csv",
            get("office_aliases.csv")?,
            &mut lines.office_aliases,
        )?,
        positions: parse(
            origin,
            "positions.csv",
            get("positions.csv")?,
            &mut lines.positions,
        )?,
        country_states: parse(
            origin,
            "country_states.csv",
            get("country_states.csv")?,
            &mut lines.country_states,
        )?,
        fingerprint: String::new(),
    };
    data.fingerprint = fingerprint(files);

    let problems = validate_with_lines(&data, &lines);
    if !problems.is_empty() {
        let mut msg = format!(
            "the reference data in {origin} has {} problem(s); fix the rows below and run again:",
            problems.len()
        );
        for p in &problems {
            // Writing to a String cannot fail.
            let _ = write!(msg, "\n  {origin}/{p}");
        }
        bail!(msg);
    }
    Ok(data)
}

/// SHA-256 over every file's name and contents, in name order, each part
/// length-prefixed so that moving bytes between files changes the hash.
pub fn fingerprint(files: &[(&str, &[u8])]) -> String {
    let mut sorted: Vec<&(&str, &[u8])> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut hasher = Sha256::new();
    for (name, bytes) in sorted {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    format!("{:x}", hasher.finalize())
}

/// Parses one CSV file into rows, trimming fields (empty means `None`) and
/// recording the line each row starts on.
fn parse<T: DeserializeOwned>(
    origin: &str,
    name: &str,
    bytes: &[u8],
    lines: &mut Vec<u64>,
) -> Result<Vec<T>> {
    // Spreadsheets often save UTF-8 with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow!("{origin}/{name}: cannot read the header row: {e}; fix the file"))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for result in reader.deserialize::<T>() {
        match result {
            Ok(row) => rows.push(row),
            Err(err) => bail!(describe_csv_error(origin, name, &headers, &err)),
        }
    }
    // A second pass for line numbers: `deserialize` does not expose the
    // position of a successful record, and the files are small.
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        lines.push(record.position().map_or(0, |p| p.line()));
    }
    Ok(rows)
}

/// Turns a csv/serde error into "file, line, column: what was expected; what to do".
fn describe_csv_error(origin: &str, name: &str, headers: &[String], err: &csv::Error) -> String {
    let line = err
        .position()
        .map(|p| format!("line {}", p.line()))
        .unwrap_or_else(|| "an unknown line".to_string());
    let expected_header = headers.join(",");
    match err.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "{origin}/{name}, {line}: the row has {len} fields but the header has {expected_len} \
             ({expected_header}); quote fields that contain commas (\"...\") and fix the file"
        ),
        csv::ErrorKind::Utf8 { err: e, .. } => format!(
            "{origin}/{name}, {line}, field {}: the text is not UTF-8; save the file as UTF-8 and run again",
            e.field() + 1
        ),
        csv::ErrorKind::Deserialize { err: e, .. } => {
            let column = e
                .field()
                .and_then(|i| headers.get(i as usize))
                .map(|h| format!("column `{h}`"))
                .unwrap_or_else(|| "a column".to_string());
            let what = match e.kind() {
                csv::DeserializeErrorKind::ParseInt(_) => "expected a whole number (1 or 0)".to_string(),
                csv::DeserializeErrorKind::Message(m) if m.starts_with("missing field") => format!(
                    "{m}: the header row must name every column ({})",
                    expected_columns(name)
                ),
                other => format!("{other}"),
            };
            format!("{origin}/{name}, {line}, {column}: {what}; fix the file and run again")
        }
        other => format!("{origin}/{name}, {line}: {other:?}; fix the file and run again"),
    }
}

/// The header each file must have (README.md), for error messages.
fn expected_columns(name: &str) -> &'static str {
    match name {
        "countries.csv" => "id,name,kind,exists_from,exists_to,successor_id,parent_id,note",
        "country_aliases.csv" => "country_id,alias,kind,match,valid_from,valid_to",
        "country_states.csv" => "place_id,state_id,date_from,date_to,note",
        "persons.csv" => "id,name,surname,given_names,born,died,country_id,description,note",
        "person_aliases.csv" => "person_id,alias,kind,match",
        "institutions.csv" => "id,name,country_id,kind,note",
        "institution_aliases.csv" => "institution_id,alias",
        "offices.csv" => "id,title,single_holder,description",
        "office_aliases.csv" => "office_id,alias",
        "positions.csv" => {
            "person_id,office_id,title,country_id,host_country_id,date_from,date_to,note"
        }
        _ => "see seed/reference/README.md",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::fixture::parts;

    #[test]
    fn load_dir_reads_the_files_and_names_a_missing_one() {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        for (name, text) in FILES.iter().zip(parts()) {
            if let Err(e) = std::fs::write(dir.path().join(name), text) {
                panic!("{e}");
            }
        }
        let data = match load_dir(dir.path()) {
            Ok(d) => d,
            Err(e) => panic!("{e:#}"),
        };
        assert_eq!(data.persons.len(), 13);
        assert_eq!(data.positions.len(), 14);
        let files: Vec<(&str, &[u8])> = FILES
            .iter()
            .zip(parts())
            .map(|(n, t)| (*n, t.as_bytes()))
            .collect();
        assert_eq!(data.fingerprint, fingerprint(&files));
        // country_states.csv is optional: a folder without it has no states of places.
        let _ = std::fs::remove_file(dir.path().join("country_states.csv"));
        let without = load_dir(dir.path()).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(without.country_states.is_empty());
        assert_eq!(without.persons.len(), 13);
        let _ = std::fs::remove_file(dir.path().join("offices.csv"));
        let e = load_dir(dir.path())
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(
            e.contains("offices.csv") && e.contains("the folder must hold all of"),
            "{e}"
        );
    }
}
