//! `archdb datasette`: Datasette metadata that publishes every stored report
//! as a canned query, so `datasette archdb.sqlite -m metadata.json` serves
//! the same reports on the web without writing them twice.
//!
//! Datasette binds `:name` parameters like archdb, but binds `''` for a
//! parameter left empty and knows no defaults. Every shipped report therefore
//! reads its parameters through `nullif(:name, '')` and repeats non-null
//! defaults with `coalesce` (tests/datasette.rs checks both agree).

use serde_json::{json, Map, Value};

use crate::report::Report;

/// The metadata document for a database Datasette will call `database`.
pub fn metadata(reports: &[Report], database: &str) -> Value {
    let mut queries = Map::new();
    for report in reports {
        queries.insert(report.name.clone(), canned_query(report));
    }
    json!({
        "title": "archdb: Soviet diplomatic documents, 1919-1941",
        "description": "Machine-translated Soviet diplomatic documents in SQLite. The canned queries are archdb's stored reports; leave a parameter empty for its default.",
        "databases": {
            database: {
                "tables": {
                    "documents": {
                        "fts_table": "documents_fts",
                        "fts_pk": "id",
                        "sort_desc": "date_from"
                    }
                },
                "queries": queries
            }
        },
        // The reports' charts as dashboards, where datasette-dashboards is installed.
        "plugins": {"datasette-dashboards": crate::chart::dashboards::dashboards(reports, database)}
    })
}

fn canned_query(report: &Report) -> Value {
    let params: Vec<&str> = report.params.iter().map(|p| p.name.as_str()).collect();
    let mut description = report.description.clone();
    if !report.params.is_empty() {
        let list: Vec<String> = report
            .params
            .iter()
            .map(|p| {
                let default = match &p.default {
                    Some(d) => format!("default {d}"),
                    None => "empty for none".to_string(),
                };
                format!(
                    "{} ({}, {default}): {}",
                    p.name,
                    p.kind.as_str(),
                    p.description
                )
            })
            .collect();
        description.push_str(" Parameters: ");
        description.push_str(&list.join("; "));
        description.push('.');
    }
    json!({
        "title": report.title,
        "description": description,
        "sql": report.sql.trim_end(),
        "params": params,
    })
}

/// Datasette names a database after its file name without the extension.
pub fn database_name(db_path: &std::path::Path) -> String {
    db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| "archdb".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{load_reports, parse_report};

    #[test]
    fn every_report_becomes_a_canned_query_with_its_params() {
        let reports = load_reports(&[]).unwrap();
        let meta = metadata(&reports, "archdb");
        let queries = meta["databases"]["archdb"]["queries"].as_object().unwrap();
        assert_eq!(queries.len(), reports.len());
        let who = &queries["who_held"];
        assert_eq!(who["params"], json!(["office", "country", "host", "date"]));
        assert!(who["sql"].as_str().unwrap().contains(":office"));
        assert!(who["description"]
            .as_str()
            .unwrap()
            .contains("date (date, default 1939-01-01)"));
        assert_eq!(
            meta["databases"]["archdb"]["tables"]["documents"]["fts_table"],
            "documents_fts"
        );
        assert_eq!(
            meta["databases"]["archdb"]["tables"]["documents"]["fts_pk"],
            "id"
        );
    }

    #[test]
    fn a_report_without_params_has_an_empty_list() {
        let r = parse_report("n", "-- title: N\n-- description: d.\nSELECT 1", "t").unwrap();
        let q = canned_query(&r);
        assert_eq!(q["params"], json!([]));
        assert_eq!(q["description"], "d.");
    }

    #[test]
    fn database_name_is_the_file_stem() {
        assert_eq!(
            database_name(std::path::Path::new("/x/archdb.sqlite")),
            "archdb"
        );
        assert_eq!(database_name(std::path::Path::new("bench.db")), "bench");
    }
}
