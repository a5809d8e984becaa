//! `archdb datasette`: Datasette metadata that publishes every stored report
//! as a canned query, so `datasette archdb.sqlite -m metadata.json` serves
//! the same reports on the web without writing them twice, and describes
//! every table, view and column from the database's `data_dictionary`.
//!
//! Datasette binds `:name` parameters like archdb, but binds `''` for a
//! parameter left empty and knows no defaults. Every shipped report therefore
//! reads its parameters through `nullif(:name, '')` and repeats non-null
//! defaults with `coalesce` (tests/datasette.rs checks both agree). The
//! defaults are shown in each query's description, in a link that fills them
//! in, and, with archdb's plugin ([`PLUGIN`]), by opening a bare query page
//! with them filled in.

mod html;
mod schema;

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::report::{ParamKind, Report};
pub(crate) use schema::{read_schema, Schema};

/// archdb's Datasette plugin (links, highlights, defaults, document pages).
pub(crate) const PLUGIN: &str = include_str!("archdb_datasette.py");

/// The plugin's file name in a `--plugins-dir` folder.
pub(crate) const PLUGIN_FILE: &str = "archdb_datasette.py";

/// The order of the shipped reports on the database page: the overview
/// first, then finding documents, then people, counts, and the parser's own.
/// Reports not named here (your own) follow, by name.
const ORDER: &[&str] = &[
    "overview",
    "search",
    "documents",
    "timeline",
    "person",
    "who_held",
    "positions_at",
    "correspondence",
    "document_persons",
    "mentions_by_country",
    "mentions_by_person",
    "country_by_year",
    "co_mentions",
    "classification_by_year",
    "archive_files",
    "sources",
    "parse_quality",
    "unresolved_names",
    "warnings",
];

/// Result columns that hold a document id, linked to the document.
const DOCUMENT_COLUMNS: &[&str] = &["id", "document_id", "first_document_id"];

/// View columns that hold a document id (Datasette links only the foreign
/// keys of tables).
const VIEW_DOCUMENT_COLUMNS: &[(&str, &str)] = &[
    ("document_overview", "id"),
    ("document_persons_named", "document_id"),
    ("mentions_named", "document_id"),
    ("citation_strings", "document_id"),
    ("annotations_documents", "document_id"),
];

/// Result columns whose `**marked**` words are highlighted.
const HIGHLIGHT_COLUMNS: &[&str] = &["snippet"];

/// Which column labels a row of a table when another table points at it.
const LABELS: &[(&str, &str)] = &[
    ("documents", "heading"),
    ("source_files", "path"),
    ("persons", "name"),
    ("countries", "name"),
    ("institutions", "name"),
    ("offices", "title"),
    ("positions", "title"),
];

/// The reports in the order the database page lists them.
fn ordered(reports: &[Report]) -> Vec<&Report> {
    let mut list: Vec<&Report> = reports.iter().collect();
    list.sort_by_key(|r| {
        (
            ORDER
                .iter()
                .position(|n| *n == r.name)
                .unwrap_or(ORDER.len()),
            r.name.clone(),
        )
    });
    list
}

/// The canned query's name in Datasette: the report's name, unless a table
/// or view has that name (a canned query would hide it), then `NAME_report`.
pub fn query_key(report: &str, objects: &BTreeSet<String>) -> String {
    let mut key = report.to_string();
    while objects.contains(&key) {
        key.push_str("_report");
    }
    key
}

/// The metadata document for a database Datasette will call `database`.
pub(crate) fn metadata(reports: &[Report], database: &str, schema: &Schema) -> Value {
    // The reports' charts as dashboards, where datasette-dashboards is installed.
    let dashboards = crate::chart::dashboards::dashboards(reports, database);
    let reports = ordered(reports);
    let mut queries = Map::new();
    let mut defaults = Map::new();
    let mut results = Vec::new();
    let mut guide = Vec::new();
    let mut checked = Map::new();
    for report in &reports {
        let key = query_key(&report.name, &schema.objects);
        let kinds = checked_params(report);
        if !kinds.is_empty() {
            checked.insert(key.clone(), Value::Object(kinds));
        }
        queries.insert(key.clone(), canned_query(report));
        if !report.params.is_empty() {
            defaults.insert(key.clone(), Value::Object(default_values(report)));
        }
        if let Some(shape) = schema
            .report_columns
            .get(&report.name)
            .and_then(result_shape)
        {
            results.push(shape);
        }
        guide.push((key, *report));
    }
    let collection = schema
        .describe("", "")
        .unwrap_or("Soviet diplomatic documents, 1919-1941.");
    json!({
        "title": "archdb: Soviet diplomatic documents, 1919-1941",
        "description": collection,
        "databases": {
            database: {
                "title": "Soviet diplomatic documents, 1919-1941",
                "description": collection,
                "description_html": html::database_guide(collection, database, &guide),
                "tables": tables(schema, database),
                "queries": queries,
                "plugins": {
                    "archdb": {
                        "defaults": defaults,
                        "results": results,
                        "views": view_links(schema),
                        "params": checked,
                    }
                }
            }
        },
        "plugins": {"datasette-dashboards": dashboards}
    })
}

/// Table and view metadata: descriptions from the data dictionary, labels,
/// facets and full-text search.
fn tables(schema: &Schema, database: &str) -> Map<String, Value> {
    let mut tables = Map::new();
    for object in schema.described_objects() {
        let mut table = Map::new();
        if let Some(text) = schema.describe(object, "") {
            table.insert("description".into(), text.into());
            // Datasette 0.65 lists column descriptions above the rows, which
            // pushes a wide table's rows off the first screen: link to them.
            let columns = schema.columns_of(object).count();
            table.insert(
                "description_html".into(),
                html::table_description(text, database, object, columns).into(),
            );
        }
        if let Some((_, label)) = LABELS.iter().find(|(t, _)| *t == object) {
            table.insert("label_column".into(), (*label).into());
        }
        match object {
            "documents" => {
                table.insert("fts_table".into(), "documents_fts".into());
                table.insert("fts_pk".into(), "id".into());
                table.insert("sort_desc".into(), "date_from".into());
                table.insert("facets".into(), json!(["kind", "classification"]));
            }
            "document_overview" => {
                table.insert("sort".into(), "date_from".into());
                table.insert(
                    "facets".into(),
                    json!([
                        "year",
                        "kind",
                        "classification",
                        {"array": "archives"},
                        {"array": "author_names"}
                    ]),
                );
            }
            // Datasette would list these in full on every page otherwise.
            "refinery_schema_history" | "lower_word_years" | "name_candidate_years" => {
                table.insert("hidden".into(), true.into());
            }
            _ => {}
        }
        tables.insert(object.to_string(), Value::Object(table));
    }
    tables
}

/// What archdb's plugin needs to render one report's results: the columns
/// it returns, those holding document ids, those with marked words.
fn result_shape(columns: &Vec<String>) -> Option<Value> {
    let pick = |names: &[&str]| -> Vec<&String> {
        columns
            .iter()
            .filter(|c| names.contains(&c.as_str()))
            .collect()
    };
    let documents = pick(DOCUMENT_COLUMNS);
    let highlights = pick(HIGHLIGHT_COLUMNS);
    if documents.is_empty() && highlights.is_empty() {
        return None;
    }
    Some(json!({"columns": columns, "documents": documents, "highlights": highlights}))
}

/// The document-id columns of the views the database has.
fn view_links(schema: &Schema) -> Map<String, Value> {
    VIEW_DOCUMENT_COLUMNS
        .iter()
        .filter(|(view, _)| schema.objects.contains(*view))
        .map(|(view, column)| (view.to_string(), json!([column])))
        .collect()
}

/// The parameters whose values archdb's plugin checks (dates and whole
/// numbers), with their type: Datasette passes any text through.
fn checked_params(report: &Report) -> Map<String, Value> {
    report
        .params
        .iter()
        .filter(|p| p.kind != ParamKind::Text)
        .map(|p| (p.name.clone(), p.kind.as_str().into()))
        .collect()
}

/// Every parameter with the value the report uses when it is left empty.
fn default_values(report: &Report) -> Map<String, Value> {
    report
        .params
        .iter()
        .map(|p| (p.name.clone(), p.default.clone().unwrap_or_default().into()))
        .collect()
}

/// The query string that fills in a report's defaults.
fn defaults_query(report: &Report) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for p in &report.params {
        query.append_pair(&p.name, p.default.as_deref().unwrap_or(""));
    }
    query.finish()
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
        "description_html": html::query_description(report),
        "sql": report.sql.trim_end(),
        "params": params,
        // The form first: the SQL is one click away ("show").
        "hide_sql": true,
    })
}

/// Datasette names a database after its file name without the extension.
pub(crate) fn database_name(db_path: &std::path::Path) -> String {
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
    use schema::Description;

    fn schema() -> Schema {
        Schema {
            objects: [
                "documents",
                "sources",
                "warnings",
                "document_persons",
                "persons",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            dictionary: vec![
                Description::new("", "", "database", "The collection."),
                Description::new("documents", "", "table", "One row per document."),
                Description::new("documents", "kind", "column", "telegram, note ..."),
            ],
            report_columns: [(
                "search".to_string(),
                ["id", "date", "snippet", "score"]
                    .map(String::from)
                    .to_vec(),
            )]
            .into_iter()
            .collect(),
        }
    }

    #[test]
    fn every_report_becomes_a_canned_query_with_its_params() {
        let reports = load_reports(&[]).unwrap();
        let meta = metadata(&reports, "archdb", &schema());
        let queries = meta["databases"]["archdb"]["queries"].as_object().unwrap();
        assert_eq!(queries.len(), reports.len());
        let who = &queries["who_held"];
        assert_eq!(
            who["params"],
            json!(["office", "country", "host", "date", "lineage"])
        );
        assert!(who["sql"].as_str().unwrap().contains(":office"));
        assert!(who["description"]
            .as_str()
            .unwrap()
            .contains("date (date, default 1939-01-01)"));
        assert_eq!(who["hide_sql"], true);
        assert!(who["description_html"]
            .as_str()
            .unwrap()
            .contains("?office=envoy&amp;country=ussr&amp;host=turkey&amp;date=1939-01-01"));
        let tables = &meta["databases"]["archdb"]["tables"];
        assert_eq!(tables["documents"]["fts_table"], "documents_fts");
        assert_eq!(tables["documents"]["fts_pk"], "id");
        assert_eq!(tables["documents"]["label_column"], "heading");
        assert_eq!(tables["documents"]["description"], "One row per document.");
        assert!(tables["documents"]["description_html"]
            .as_str()
            .unwrap()
            .contains("href=\"/archdb/data_dictionary?object=documents\""));
        assert_eq!(
            meta["databases"]["archdb"]["description"],
            "The collection."
        );
    }

    #[test]
    fn queries_never_shadow_a_table_and_the_overview_comes_first() {
        let reports = load_reports(&[]).unwrap();
        let meta = metadata(&reports, "archdb", &schema());
        let keys: Vec<&String> = meta["databases"]["archdb"]["queries"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys[0], "overview");
        for shadowing in ["documents", "sources", "warnings", "document_persons"] {
            assert!(!keys.iter().any(|k| *k == shadowing), "{keys:?}");
            assert!(keys.contains(&&format!("{shadowing}_report")), "{keys:?}");
        }
        assert!(keys.iter().any(|k| *k == "timeline"));
    }

    #[test]
    fn the_plugin_knows_which_columns_link_and_highlight() {
        let reports = load_reports(&[]).unwrap();
        let meta = metadata(&reports, "archdb", &schema());
        let plugin = &meta["databases"]["archdb"]["plugins"]["archdb"];
        assert_eq!(
            plugin["results"],
            json!([{"columns": ["id", "date", "snippet", "score"], "documents": ["id"], "highlights": ["snippet"]}])
        );
        assert_eq!(plugin["defaults"]["search"]["query"], "Turkey");
        assert_eq!(plugin["defaults"]["search"]["from"], "");
        assert!(plugin["defaults"].get("overview").is_none());
        assert_eq!(plugin["views"], json!({}), "the test schema has no views");
        assert_eq!(
            plugin["params"]["who_held"],
            json!({"date": "date", "lineage": "integer"}),
            "text parameters are not checked"
        );
        assert_eq!(
            plugin["params"]["search"],
            json!({"from": "date", "to": "date", "limit": "integer"})
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
