//! Result folders that appear complete or not at all.
//!
//! Files are written into a hidden temporary sibling folder; [`OutputDir::commit`] renames it
//! to the final name. An existing non-empty folder is refused unless `force` is given, and is
//! only removed once the new results are complete, so bad input never loses earlier results.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why results could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The output folder exists, is not empty, and `--force` was not given.
    #[error("output folder {0} already exists and is not empty (use --force to replace it)")]
    Exists(PathBuf),
    /// An I/O error on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A CSV writing error on a named file.
    #[error("{path}: {source}")]
    Csv {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
    /// The manifest could not be serialised.
    #[error("manifest: {0}")]
    Json(#[from] serde_json::Error),
}

impl OutputError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        OutputError::Io {
            path: path.into(),
            source,
        }
    }
}

/// A result folder being written: files go to a temporary folder until [`commit`](Self::commit).
#[derive(Debug)]
pub struct OutputDir {
    target: PathBuf,
    staging: PathBuf,
    force: bool,
    committed: bool,
}

impl OutputDir {
    /// Prepares to write results to `target`.
    ///
    /// Fails with [`OutputError::Exists`] if `target` exists and is non-empty and `force` is
    /// false. Creates the parent folders and a staging folder beside `target`.
    pub fn create(target: &Path, force: bool) -> Result<OutputDir, OutputError> {
        if !force && is_non_empty(target)? {
            return Err(OutputError::Exists(target.to_path_buf()));
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| OutputError::io(&parent, e))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".to_string());
        let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| OutputError::io(&staging, e))?;
        }
        fs::create_dir(&staging).map_err(|e| OutputError::io(&staging, e))?;
        Ok(OutputDir {
            target: target.to_path_buf(),
            staging,
            force,
            committed: false,
        })
    }

    /// Path of file `name` inside the staging folder (where it must be written).
    pub fn file(&self, name: &str) -> PathBuf {
        self.staging.join(name)
    }

    /// The final folder the results will have after [`commit`](Self::commit).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Moves the complete results into place, replacing an earlier folder when forced.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        if self.target.exists() {
            if !self.force && is_non_empty(&self.target)? {
                return Err(OutputError::Exists(self.target.clone()));
            }
            let old = self.staging.with_extension("old");
            fs::rename(&self.target, &old).map_err(|e| OutputError::io(&self.target, e))?;
            fs::rename(&self.staging, &self.target)
                .map_err(|e| OutputError::io(&self.target, e))?;
            fs::remove_dir_all(&old).map_err(|e| OutputError::io(&old, e))?;
        } else {
            fs::rename(&self.staging, &self.target)
                .map_err(|e| OutputError::io(&self.target, e))?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.committed {
            // An abandoned run leaves no half-written folder behind.
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

fn is_non_empty(path: &Path) -> Result<bool, OutputError> {
    match fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Ok(true),
        Err(e) => Err(OutputError::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_empty_without_force_and_keeps_old_results() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("res");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.csv"), "x").unwrap();
        let err = OutputDir::create(&target, false).unwrap_err();
        assert!(matches!(err, OutputError::Exists(_)));
        assert!(target.join("old.csv").exists());
    }

    #[test]
    fn abandoned_output_leaves_old_results_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("res");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.csv"), "x").unwrap();
        {
            let out = OutputDir::create(&target, true).unwrap();
            fs::write(out.file("new.csv"), "y").unwrap();
            // dropped without commit: a failed run
        }
        assert!(target.join("old.csv").exists());
        assert!(!target.join("new.csv").exists());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn commit_replaces_when_forced_and_creates_when_absent() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("a/b/res");
        let out = OutputDir::create(&target, false).unwrap();
        fs::write(out.file("one.csv"), "1").unwrap();
        assert!(!target.exists(), "nothing visible before commit");
        out.commit().unwrap();
        assert!(target.join("one.csv").exists());
        let out = OutputDir::create(&target, true).unwrap();
        fs::write(out.file("two.csv"), "2").unwrap();
        out.commit().unwrap();
        assert!(target.join("two.csv").exists());
        assert!(!target.join("one.csv").exists());
    }

    #[test]
    fn empty_existing_folder_is_fine_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let out = OutputDir::create(tmp.path(), false).unwrap();
        fs::write(out.file("x.csv"), "1").unwrap();
        out.commit().unwrap();
        assert!(tmp.path().join("x.csv").exists());
    }
}
