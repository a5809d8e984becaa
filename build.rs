//! `include_dir!` cannot tell cargo which files it read (that needs nightly),
//! so an edited `seed/` file would not be re-embedded. Declaring the folder
//! here makes cargo rebuild when anything under it changes.
fn main() {
    println!("cargo:rerun-if-changed=seed");
}
