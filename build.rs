// The corpus, reference data, reports and migrations are embedded in the
// binary (include_dir, refinery); rebuild when any of them changes.
fn main() {
    for dir in ["seed", "reports", "migrations"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
