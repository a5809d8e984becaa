//! Two corpus files with the same bytes (same SHA-256) under different
//! names. Both are kept, since either name may be the one a historian cites,
//! and the later one (in path order) gets a `duplicate_source` warning naming
//! the earlier, so the copy is visible and its documents can be told apart.

use std::collections::HashMap;

use crate::corpus::Warning;

use super::prepare::PreparedSource;

/// The first path seen for each content hash.
#[derive(Debug, Default)]
pub struct Duplicates {
    first: HashMap<String, String>,
}

impl Duplicates {
    /// Records `source`; adds a warning to it if an earlier file had the same bytes.
    pub fn check(&mut self, source: &mut PreparedSource) {
        match self.first.get(&source.sha256) {
            Some(first) => source.warnings.push(Warning {
                line: 0,
                code: "duplicate_source",
                message: format!(
                    "{} has the same content (sha256 {}) as {first}; both are kept, so its documents appear twice",
                    source.path, source.sha256
                ),
                expected: "each page saved once; delete one copy if it is not wanted".into(),
            }),
            None => {
                self.first.insert(source.sha256.clone(), source.path.clone());
            }
        }
    }
}
