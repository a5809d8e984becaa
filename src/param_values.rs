//! Checks a report's typed parameter values (`country`, `person`, `kind`
//! ...; see [`crate::report`]) against the database before the report runs,
//! so that a value matching nothing is a usage error naming the parameter,
//! the value and the closest values that exist, instead of an empty table.
//!
//! The matching rules are the shipped reports' own: a country is a key
//! (lower case), a name or an alias (ASCII case ignored, `the ` before an
//! alias allowed); a person a key, name, surname or alias.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use crate::corpus::{Classification, DocumentKind, Role};
use crate::report::{DomainKind, Report};

/// A value that matches nothing the database knows.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ValueError {
    #[error("report {report}: {param} {value:?} matches no {what}; {hint}")]
    NoMatch {
        report: String,
        param: String,
        value: String,
        what: &'static str,
        hint: String,
    },
    #[error("checking the value of {param}: {source}")]
    Sql {
        param: String,
        source: rusqlite::Error,
    },
}

/// Checks every typed value in `values` (as [`crate::report::bind_values`]
/// returns them, `:name` first) against the database.
pub(crate) fn check(
    conn: &Connection,
    report: &Report,
    values: &[(String, Value)],
) -> Result<(), ValueError> {
    for param in &report.params {
        let Some(domain) = &param.domain else {
            continue;
        };
        let key = format!(":{}", param.name);
        let Some((_, Value::Text(value))) = values.iter().find(|(k, _)| *k == key) else {
            continue; // NULL: no filter
        };
        let sql_error = |source| ValueError::Sql {
            param: param.name.clone(),
            source,
        };
        let lower = value.trim().to_lowercase();
        if domain.extra.contains(&lower) {
            continue;
        }
        let no_match = |what: &'static str, hint: String| ValueError::NoMatch {
            report: report.name.clone(),
            param: param.name.clone(),
            value: value.clone(),
            what,
            hint,
        };
        let (what, exists_sql, candidates_sql, listing) = match domain.of {
            DomainKind::Country => ("country", COUNTRY_EXISTS, COUNTRY_NAMES, COUNTRY_LISTING),
            DomainKind::Person => ("person", PERSON_EXISTS, PERSON_NAMES, PERSON_LISTING),
            DomainKind::Office => ("office", OFFICE_EXISTS, OFFICE_NAMES, OFFICE_LISTING),
            DomainKind::Entity => (
                "person or country",
                ENTITY_EXISTS,
                ENTITY_NAMES,
                ENTITY_LISTING,
            ),
            DomainKind::DocumentKind
            | DomainKind::Classification
            | DomainKind::Role
            | DomainKind::Archive
            | DomainKind::OneOf => {
                let allowed = allowed_values(conn, domain.of, &domain.extra).map_err(sql_error)?;
                if allowed.iter().any(|a| a.to_lowercase() == lower) {
                    continue;
                }
                let close = closest(&lower, allowed.iter().map(|v| (v.as_str(), v.as_str())));
                let did_you_mean = if close.is_empty() {
                    String::new()
                } else {
                    format!("did you mean {}? ", close.join(" or "))
                };
                let what = match domain.of {
                    DomainKind::DocumentKind => "document kind",
                    DomainKind::Classification => "classification",
                    DomainKind::Role => "role",
                    DomainKind::Archive => "archive",
                    _ => "allowed value",
                };
                return Err(no_match(
                    what,
                    format!(
                        "{did_you_mean}{} is one of: {}",
                        param.name,
                        allowed.join(", ")
                    ),
                ));
            }
        };
        let found: Option<i64> = conn
            .query_row(exists_sql, [value.as_str()], |r| r.get(0))
            .optional()
            .map_err(sql_error)?;
        if found.is_some() {
            continue;
        }
        let names = names(conn, candidates_sql).map_err(sql_error)?;
        let close = closest(&lower, names.iter().map(|(s, k)| (s.as_str(), k.as_str())));
        let extra = if domain.extra.is_empty() {
            String::new()
        } else {
            format!(", or {}", domain.extra.join(" or "))
        };
        let hint = if close.is_empty() {
            format!(
                "{} takes {}'s {listing}{extra}",
                param.name,
                with_article(what)
            )
        } else {
            format!(
                "did you mean {}? ({} takes {}'s {listing}{extra})",
                close.join(" or "),
                param.name,
                with_article(what)
            )
        };
        return Err(no_match(what, hint));
    }
    Ok(())
}

/// At most three candidates close to `value`, best first, as `surface (key)`
/// (or `key` alone where they are the same); one per key. Candidates are
/// `(surface, key)` pairs.
pub(crate) fn closest<'a>(
    value: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let value = value.trim().to_lowercase();
    let mut scored: Vec<(f64, &str, &str)> = Vec::new();
    for (surface, key) in candidates {
        let score = strsim::jaro_winkler(&value, &surface.to_lowercase());
        if score < 0.85 {
            continue;
        }
        match scored.iter_mut().find(|(_, _, k)| *k == key) {
            // On a tie the readable surface wins over the bare key.
            Some(best) if best.0 > score || (best.0 == score && best.1 != best.2) => {}
            Some(best) => *best = (score, surface, key),
            None => scored.push((score, surface, key)),
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, surface, key)| {
            if surface == key {
                key.to_string()
            } else {
                format!("{surface} ({key})")
            }
        })
        .collect()
}

/// `a person`, `an office`.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// The values an enumerated parameter takes: archdb's own list, those the
/// database holds (a newer seed may know more), and the header's extras.
fn allowed_values(
    conn: &Connection,
    of: DomainKind,
    extra: &[String],
) -> rusqlite::Result<Vec<String>> {
    let mut allowed: Vec<String> = match of {
        DomainKind::DocumentKind => DocumentKind::ALL
            .iter()
            .map(|k| k.as_str().to_string())
            .collect(),
        DomainKind::Classification => std::iter::once("none")
            .chain(Classification::ALL.iter().map(|c| c.as_str()))
            .map(str::to_string)
            .collect(),
        DomainKind::Role => Role::ALL.iter().map(|r| r.as_str().to_string()).collect(),
        DomainKind::Archive => crate::corpus::citation::ARCHIVES
            .iter()
            .map(|a| a.to_string())
            .collect(),
        _ => Vec::new(),
    };
    let present_sql = match of {
        DomainKind::DocumentKind => {
            Some("SELECT DISTINCT kind FROM documents WHERE kind IS NOT NULL")
        }
        DomainKind::Classification => {
            Some("SELECT DISTINCT classification FROM documents WHERE classification IS NOT NULL")
        }
        DomainKind::Role => Some("SELECT DISTINCT role FROM document_persons"),
        DomainKind::Archive => Some("SELECT DISTINCT archive FROM citations"),
        _ => None,
    };
    if let Some(sql) = present_sql {
        let mut stmt = conn.prepare(sql)?;
        let present = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for value in present {
            let value: String = value?;
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&value)) {
                allowed.push(value);
            }
        }
    }
    for value in extra {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) {
            allowed.push(value.clone());
        }
    }
    Ok(allowed)
}

fn names(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

const COUNTRY_EXISTS: &str = "SELECT 1 FROM countries c
    WHERE c.key = lower(?1) OR c.name = ?1 COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                   WHERE alias = ?1 COLLATE NOCASE OR 'the ' || alias = ?1 COLLATE NOCASE)
    LIMIT 1";
const COUNTRY_NAMES: &str = "SELECT key, key FROM countries
    UNION ALL SELECT name, key FROM countries
    UNION ALL SELECT a.alias, c.key FROM country_aliases a JOIN countries c ON c.id = a.country_id";
const COUNTRY_LISTING: &str =
    "key, name or alias (`archdb query \"select key, name from countries\"` lists them)";

const PERSON_EXISTS: &str = "SELECT 1 FROM persons p
    WHERE p.key = lower(?1) OR p.name = ?1 COLLATE NOCASE OR p.surname = ?1 COLLATE NOCASE
       OR p.id IN (SELECT person_id FROM person_aliases WHERE alias = ?1 COLLATE NOCASE)
    LIMIT 1";
const PERSON_NAMES: &str = "SELECT key, key FROM persons
    UNION ALL SELECT name, key FROM persons
    UNION ALL SELECT surname, key FROM persons WHERE surname IS NOT NULL
    UNION ALL SELECT a.alias, p.key FROM person_aliases a JOIN persons p ON p.id = a.person_id";
const PERSON_LISTING: &str =
    "key, name, surname or alias (`archdb query \"select key, name from persons\"` lists them)";

// co_mentions' rule: a person's key, name or surname, or a country's key or name.
const ENTITY_EXISTS: &str =
    "SELECT 1 FROM persons p WHERE lower(?1) IN (p.key, lower(p.name), lower(p.surname))
    UNION ALL SELECT 1 FROM countries c WHERE lower(?1) IN (c.key, lower(c.name))
    LIMIT 1";
const ENTITY_NAMES: &str = "SELECT key, key FROM persons
    UNION ALL SELECT name, key FROM persons
    UNION ALL SELECT surname, key FROM persons WHERE surname IS NOT NULL
    UNION ALL SELECT key, key FROM countries
    UNION ALL SELECT name, key FROM countries";
const ENTITY_LISTING: &str = "key or name";

// who_held's rule: a key, title or wording, the corpus's `ʹ` read as `'`.
const OFFICE_EXISTS: &str = "SELECT 1 FROM offices o
    WHERE o.key = replace(lower(?1), 'ʹ', '''')
       OR replace(lower(o.title), 'ʹ', '''') = replace(lower(?1), 'ʹ', '''')
       OR o.id IN (SELECT office_id FROM office_aliases
                   WHERE replace(lower(alias), 'ʹ', '''') = replace(lower(?1), 'ʹ', ''''))
    LIMIT 1";
const OFFICE_NAMES: &str = "SELECT key, key FROM offices
    UNION ALL SELECT title, key FROM offices
    UNION ALL SELECT a.alias, o.key FROM office_aliases a JOIN offices o ON o.id = a.office_id";
const OFFICE_LISTING: &str =
    "key, title or wording (`archdb query \"select key, title from offices\"` lists them)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_the_surface_and_its_key_once() {
        let names = [
            ("turkey", "turkey"),
            ("Republic of Turkey", "turkey"),
            ("Turkey", "turkey"),
            ("Germany", "germany"),
        ];
        assert_eq!(closest("Turky", names.into_iter()), vec!["Turkey (turkey)"]);
        assert!(closest("Molotov", names.into_iter()).is_empty());
    }

    #[test]
    fn closest_of_plain_values_is_the_value() {
        let kinds = ["telegram", "note", "letter"];
        assert_eq!(
            closest("telegrams", kinds.iter().map(|k| (*k, *k))),
            vec!["telegram"]
        );
    }
}
