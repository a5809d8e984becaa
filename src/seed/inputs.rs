//! Finding the corpus files: the bundled corpus embedded in the binary, or
//! the user's folders walked recursively in a stable order.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use include_dir::{include_dir, Dir};

/// The project's `seed/corpus/` folder, compiled in so that an installed
/// binary seeds without the source tree.
static BUNDLED_CORPUS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/seed/corpus");

/// One corpus file to read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path stored in `sources.path`: relative to the corpus folder,
    /// `/`-separated, so it stays the same when the folder moves.
    pub path: String,
    pub format: Format,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Format {
    Text,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "htm" | "html" => Some(Format::Html),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Location {
    Bundled(&'static [u8]),
    File(PathBuf),
}

impl Input {
    /// The file's bytes.
    pub fn read(&self) -> Result<Vec<u8>> {
        match &self.location {
            Location::Bundled(bytes) => Ok(bytes.to_vec()),
            Location::File(path) => std::fs::read(path).with_context(|| {
                format!(
                    "reading corpus file {} (check that it exists and is readable)",
                    path.display()
                )
            }),
        }
    }
}

/// A corpus entry that is not read, and why; the seeder reports it as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The bundled corpus.
pub fn bundled() -> Vec<Input> {
    let mut inputs = Vec::new();
    collect_bundled(&BUNDLED_CORPUS, &mut inputs);
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs
}

fn collect_bundled(dir: &'static Dir<'static>, inputs: &mut Vec<Input>) {
    for file in dir.files() {
        if let Some(format) = Format::of(file.path()) {
            inputs.push(Input {
                path: file.path().to_string_lossy().replace('\\', "/"),
                format,
                location: Location::Bundled(file.contents()),
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, inputs);
    }
}

/// Walks the given folders. Symlinked folders are not followed (a link loop
/// cannot hang the walk); files of other types are skipped and reported.
pub fn walk(dirs: &[PathBuf]) -> Result<(Vec<Input>, Vec<Skipped>)> {
    let mut inputs: Vec<Input> = Vec::new();
    let mut skipped = Vec::new();
    for root in dirs {
        if root.is_file() {
            inputs.push(single_page(root)?);
            continue;
        }
        if !root.is_dir() {
            bail!(
                "corpus folder {} does not exist or is not a folder; pass --corpus DIR with a folder of .txt/.htm pages, or --corpus FILE with one page",
                root.display()
            );
        }
        walk_dir(root, &mut inputs, &mut skipped)?;
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in inputs.windows(2) {
        if pair[0].path == pair[1].path {
            bail!(
                "two corpus folders both hold {}; pages are stored by their path inside the corpus folder, so merge the folders or rename one file",
                pair[0].path
            );
        }
    }
    Ok((inputs, skipped))
}

/// `--corpus FILE`: one page, stored under its file name.
fn single_page(path: &Path) -> Result<Input> {
    let format = Format::of(path).ok_or_else(|| {
        anyhow::anyhow!(
            "{} is not a corpus page: archdb reads .txt, .htm and .html files (or a folder of them)",
            path.display()
        )
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Input {
        path: name,
        format,
        location: Location::File(path.to_path_buf()),
    })
}

/// Everything under `root`, each folder in name order (as `walkdir` sorts
/// it), folders before their contents.
fn walk_dir(root: &Path, inputs: &mut Vec<Input>, skipped: &mut Vec<Skipped>) -> Result<()> {
    let mut entries = walkdir::WalkDir::new(root)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = entry.map_err(|err| {
            let dir = err.path().unwrap_or(root).display().to_string();
            let context = format!("reading corpus folder {dir} (check its permissions)");
            match err.into_io_error() {
                Some(io) => anyhow::Error::new(io).context(context),
                None => anyhow::anyhow!(context),
            }
        })?;
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let meta = match std::fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                skipped.push(Skipped {
                    path: relative,
                    reason: format!("cannot be read: {err}"),
                });
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
        };
        // What a link points to; a link loop or a dangling link points to nothing
        // readable, and holds no text of its own, so it is skipped, not fatal.
        let target = if meta.file_type().is_symlink() {
            std::fs::metadata(path)
        } else {
            Ok(meta.clone())
        };
        let target = match target {
            Ok(target) => target,
            Err(err) => {
                skipped.push(Skipped {
                    path: relative,
                    reason: format!("is a symbolic link that cannot be followed (a link loop or a dangling link): {err}"),
                });
                continue;
            }
        };
        if meta.file_type().is_symlink() && target.is_dir() {
            // walkdir does not follow it either.
            skipped.push(Skipped {
                path: relative,
                reason: "is a symbolic link to a folder; not followed (link loops would never end)"
                    .into(),
            });
        } else if meta.is_dir() {
            // walkdir goes into it next.
        } else if !target.is_file() {
            // A named pipe would block the seed forever; a device is not a page.
            skipped.push(Skipped {
                path: relative,
                reason: "is not a regular file (a named pipe, socket or device); not read".into(),
            });
        } else if let Some(format) = Format::of(path) {
            inputs.push(Input {
                path: relative,
                format,
                location: Location::File(path.to_path_buf()),
            });
        } else {
            skipped.push(Skipped {
                path: relative,
                reason: "is not a corpus page (expected a .txt, .htm or .html file)".into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_holds_the_real_page() {
        let inputs = bundled();
        assert!(inputs
            .iter()
            .any(|i| i.path == "000_8e37452bcfcc29b4.txt" && i.format == Format::Text));
    }

    #[test]
    fn formats_are_stored_by_name() {
        assert_eq!(
            [Format::Text, Format::Html].map(Format::as_str),
            ["text", "html"]
        );
    }

    #[test]
    fn walk_sorts_skips_and_recurses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("1921")).unwrap();
        std::fs::write(dir.path().join("b.htm"), "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("1921/c.TXT"), "x").unwrap();
        std::fs::write(dir.path().join("notes.pdf"), "x").unwrap();
        let (inputs, skipped) = walk(&[dir.path().to_path_buf()]).unwrap();
        let paths: Vec<&str> = inputs.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["1921/c.TXT", "a.txt", "b.htm"]);
        assert_eq!(inputs[2].format, Format::Html);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].path, "notes.pdf");
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = walk(&[PathBuf::from("/no/such/folder")]).unwrap_err();
        assert!(
            err.to_string().contains("/no/such/folder does not exist"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (inputs, skipped) = walk(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(inputs.len(), 1);
        assert_eq!(skipped[0].path, "loop");
    }
}
