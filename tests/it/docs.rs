//! The README and the help text agree with the CLI.

use crate::common;

use clap::CommandFactory;

#[test]
fn every_subcommand_has_help_and_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let cli = archdb::cmd::Cli::command();
    let mut count = 0;
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        assert!(sub.get_about().is_some(), "{name} has no help text");
        assert!(
            readme.contains(&format!("archdb {name}")),
            "README does not show `archdb {name}`"
        );
        count += 1;
    }
    assert!(count >= 3);
}

#[test]
fn readme_lists_every_report_table_and_view() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for report in archdb::report::load_reports(&[]).unwrap() {
        assert!(
            readme.contains(&format!("`{}`", report.name)),
            "README does not list report {}",
            report.name
        );
    }
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("schema.sqlite");
    drop(conn);
    let conn = archdb::db::open_for_write(&db).unwrap();
    let names: Vec<String> = common::first_column(
        &conn,
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts_%' AND name <> 'refinery_schema_history'",
    );
    for name in names {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README's schema section does not list `{name}`"
        );
    }
}

#[test]
fn readme_test_command_is_what_ci_runs() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    let command = "cargo test --locked";
    assert!(readme.contains(command) && ci.contains(command));
}
