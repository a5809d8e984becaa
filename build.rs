// `include_dir!` cannot tell cargo which files it read (that needs nightly), so an
// edited file would not be re-embedded. Declaring the folders makes cargo rebuild.
// The corpus, reference data, reports and migrations are embedded in the
// binary (include_dir, refinery); rebuild when any of them changes.
fn main() {
    for dir in ["seed", "reports", "migrations"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
