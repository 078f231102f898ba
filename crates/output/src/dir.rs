//! Result folders that appear complete or not at all, and that never lose a user's files.
//!
//! Files are written into a hidden temporary sibling folder (`.NAME.partial-PID`);
//! [`OutputDir::commit`] moves them to the final folder. An existing non-empty folder is
//! refused unless `force` is given, and even then only if it holds an asocia result (a
//! `manifest.json` or a study's `state.json`): `--force` replaces asocia's own files (the
//! manifest, the files it lists, `state.json`, `journal.bin`, `plots/`) and keeps every other
//! file. Old results are only removed once the new ones are complete, so bad input never
//! loses earlier results, and once the new files are in place nothing is reported as a
//! failure (leftovers that cannot be removed are hidden `.NAME.*-PID` folders, cleaned by a
//! later command). A symlinked target is followed: the results go into the folder it points
//! to. Staging folders of processes that no longer run are removed when a new one is made
//! ([`OutputDir::cleaned`] lists them).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The manifest of a result folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Entries asocia writes into a result folder besides the files its manifest lists.
const OWN_ENTRIES: [&str; 4] = [MANIFEST_FILE, "state.json", "journal.bin", "plots"];

/// Why results could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The output folder exists, is not empty, and `--force` was not given.
    #[error("output folder {0} already exists and is not empty (use --force to replace it)")]
    Exists(PathBuf),
    /// The output folder is not empty and holds no asocia result: `--force` does not replace it.
    #[error(
        "output folder {0} is not empty and holds no asocia result (no manifest.json): --force \
         replaces only asocia results, never other files; choose another --out"
    )]
    NotResults(PathBuf),
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
    /// A Parquet file could not be written (or its CSV source read as its column types).
    #[error("{path}: {message}")]
    Parquet {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong, with the line and column of a CSV cell that does not parse.
        message: String,
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
    /// Replace the asocia result in `target` (its files not rewritten are removed).
    replace: bool,
    /// Entries of `target` a commit leaves alone (a study's state and journal).
    keep: Vec<String>,
    /// Entries of `target` a commit removes although they are not written again.
    retire: Vec<String>,
    cleaned: Vec<PathBuf>,
    committed: bool,
}

impl OutputDir {
    /// Prepares to write results to `target` (a symlink is followed).
    ///
    /// Fails with [`OutputError::Exists`] if `target` exists and is non-empty and `force` is
    /// false, and with [`OutputError::NotResults`] if it is non-empty and holds no asocia
    /// result. Creates the parent folders and a staging folder beside `target`.
    pub fn create(target: &Path, force: bool) -> Result<OutputDir, OutputError> {
        let target = follow(target)?;
        if is_non_empty(&target)? {
            if !is_results(&target) {
                return Err(OutputError::NotResults(target));
            }
            if !force {
                return Err(OutputError::Exists(target));
            }
        }
        OutputDir::staged(target, true, Vec::new())
    }

    /// Prepares to write files into the existing result folder `target` (a study's folder,
    /// already checked by the caller): a commit replaces the files written and keeps the
    /// entries named in `keep` and every other file.
    pub fn update(target: &Path, keep: &[&str]) -> Result<OutputDir, OutputError> {
        let target = follow(target)?;
        OutputDir::staged(target, false, keep.iter().map(|s| s.to_string()).collect())
    }

    fn staged(target: PathBuf, replace: bool, keep: Vec<String>) -> Result<OutputDir, OutputError> {
        let parent = parent_of(&target);
        fs::create_dir_all(&parent).map_err(|e| OutputError::io(&parent, e))?;
        let name = name_of(&target);
        let cleaned = clean_stale(&parent, &name);
        let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| OutputError::io(&staging, e))?;
        }
        fs::create_dir(&staging).map_err(|e| OutputError::io(&staging, e))?;
        Ok(OutputDir {
            target,
            staging,
            replace,
            keep,
            retire: Vec::new(),
            cleaned,
            committed: false,
        })
    }

    /// Path of file `name` inside the staging folder (where it must be written).
    pub fn file(&self, name: &str) -> PathBuf {
        self.staging.join(name)
    }

    /// The staging folder itself (where writers of several files put them).
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Names entries of the existing target folder that the commit removes (with the entries
    /// it replaces) although they are not written again, if its manifest lists them (an asocia
    /// file, not a user's): the tables of the other format when a study folder is updated in
    /// a new one (`runs.csv` after `--format parquet`).
    pub fn retire(&mut self, names: &[&str]) {
        self.retire.extend(names.iter().map(|n| n.to_string()));
    }

    /// The final folder the results will have after [`commit`](Self::commit).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Staging folders of processes that no longer run, removed when this one was made.
    pub fn cleaned(&self) -> &[PathBuf] {
        &self.cleaned
    }

    /// Moves the complete results into place. When `target` already holds results, its asocia
    /// entries that are replaced (or, for [`create`](Self::create), not written again) are
    /// moved aside first and removed after the new files are in; other files stay. Once the
    /// first new file is in place the commit does not fail: a leftover that cannot be removed
    /// stays as a hidden folder that a later command cleans.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        if !self.target.exists() {
            fs::rename(&self.staging, &self.target)
                .map_err(|e| OutputError::io(&self.target, e))?;
            self.committed = true;
            return Ok(self.target.clone());
        }
        let mut new: Vec<String> = fs::read_dir(&self.staging)
            .map_err(|e| OutputError::io(&self.staging, e))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        // The manifest goes in last: its presence says the folder is complete.
        new.sort_by_key(|n| (n == MANIFEST_FILE, n.clone()));
        let mut old: Vec<String> = if self.replace {
            own_entries(&self.target)
        } else {
            Vec::new()
        };
        old.extend(new.iter().cloned());
        // Only a retired entry the old manifest lists: never a user's file of the same name.
        let own = own_entries(&self.target);
        old.extend(self.retire.iter().filter(|n| own.contains(n)).cloned());
        old.retain(|n| !self.keep.contains(n) && self.target.join(n).exists());
        old.sort();
        old.dedup();
        let aside = self.staging.with_extension("old");
        if !old.is_empty() {
            fs::create_dir_all(&aside).map_err(|e| OutputError::io(&aside, e))?;
            for (k, n) in old.iter().enumerate() {
                if let Err(e) = fs::rename(self.target.join(n), aside.join(n)) {
                    // Put back what was moved: the old results stay as they were.
                    for m in &old[..k] {
                        let _ = fs::rename(aside.join(m), self.target.join(m));
                    }
                    let _ = fs::remove_dir(&aside);
                    return Err(OutputError::io(self.target.join(n), e));
                }
            }
        }
        let mut leftover = false;
        for (k, n) in new.iter().enumerate() {
            if let Err(e) = fs::rename(self.staging.join(n), self.target.join(n)) {
                if k == 0 {
                    for m in &old {
                        let _ = fs::rename(aside.join(m), self.target.join(m));
                    }
                    return Err(OutputError::io(self.target.join(n), e));
                }
                // Committed already: the file stays in the staging folder, kept for the user.
                leftover = true;
            }
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&aside);
        if !leftover {
            let _ = fs::remove_dir_all(&self.staging);
        }
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

/// `path`, or the folder it points to if it is a symlink.
fn follow(path: &Path) -> Result<PathBuf, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| OutputError::io(path, e))
        }
        _ => Ok(path.to_path_buf()),
    }
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string())
}

/// Whether `dir` holds an asocia result: a manifest, or a study's state file.
pub fn is_results(dir: &Path) -> bool {
    dir.join(MANIFEST_FILE).is_file() || dir.join("state.json").is_file()
}

/// The entries of the result folder `dir` that asocia wrote: its manifest and the files the
/// manifest lists, a study's state and journal, `plots/`.
pub fn own_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = OWN_ENTRIES.iter().map(|s| s.to_string()).collect();
    if let Some(files) = fs::read_to_string(dir.join(MANIFEST_FILE))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|m| m.get("files").and_then(|f| f.as_array()).cloned())
    {
        names.extend(
            files
                .iter()
                .filter_map(|f| f.get("name").and_then(|n| n.as_str()))
                .filter(|n| !n.contains('/') && !n.contains('\\') && *n != ".." && *n != ".")
                .map(str::to_string),
        );
    }
    names.retain(|n| dir.join(n).exists());
    names.sort();
    names.dedup();
    names
}

/// Removes the asocia entries of the result folder `dir` ([`own_entries`]); returns the other
/// entries, which are kept.
pub fn clear_results(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let own = own_entries(dir);
    for n in &own {
        let p = dir.join(n);
        let r = if p.is_dir() {
            fs::remove_dir_all(&p)
        } else {
            fs::remove_file(&p)
        };
        r.map_err(|e| OutputError::io(&p, e))?;
    }
    Ok(fs::read_dir(dir)
        .map_err(|e| OutputError::io(dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect())
}

/// Removes `.NAME.partial-PID` (and `.old`) folders in `parent` whose process no longer runs.
fn clean_stale(parent: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.partial-");
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut cleaned = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && !alive(pid) && fs::remove_dir_all(e.path()).is_ok() {
            cleaned.push(e.path());
        }
    }
    cleaned.sort();
    cleaned
}

/// Whether process `pid` runs (on Unix, `kill(pid, 0)`; elsewhere it is assumed to).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
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
        fs::write(target.join(MANIFEST_FILE), "{}").unwrap();
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
        fs::write(target.join(MANIFEST_FILE), "{}").unwrap();
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
    fn an_update_removes_retired_entries_and_keeps_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("res");
        fs::create_dir(&target).unwrap();
        for f in [
            "state.json",
            "runs.csv",
            "timeseries.csv",
            "notes.txt",
            "mine.csv",
        ] {
            fs::write(target.join(f), "old").unwrap();
        }
        fs::write(
            target.join(MANIFEST_FILE),
            r#"{"files": [{"name": "runs.csv"}, {"name": "timeseries.csv"}]}"#,
        )
        .unwrap();
        let mut out = OutputDir::update(&target, &["state.json"]).unwrap();
        // `mine.csv` is not the manifest's: a user's file, kept although named.
        out.retire(&["runs.csv", "missing.csv", "mine.csv"]);
        fs::write(out.file("runs.parquet"), "new").unwrap();
        out.commit().unwrap();
        assert!(!target.join("runs.csv").exists(), "retired");
        assert_eq!(
            fs::read_to_string(target.join("runs.parquet")).unwrap(),
            "new"
        );
        for f in ["state.json", "timeseries.csv", "notes.txt", "mine.csv"] {
            assert_eq!(fs::read_to_string(target.join(f)).unwrap(), "old", "{f}");
        }
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "nothing aside"
        );
    }

    #[test]
    fn commit_replaces_when_forced_and_creates_when_absent() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("a/b/res");
        let out = OutputDir::create(&target, false).unwrap();
        fs::write(out.file("one.csv"), "1").unwrap();
        fs::write(
            out.file(MANIFEST_FILE),
            r#"{"files": [{"name": "one.csv"}]}"#,
        )
        .unwrap();
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
    fn force_refuses_a_folder_without_results_and_keeps_foreign_files_of_one_with() {
        // Before, `--force` renamed the whole folder away and deleted it: a thesis went too.
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("res");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("thesis.docx"), "mine").unwrap();
        let err = OutputDir::create(&target, true).unwrap_err();
        assert!(matches!(err, OutputError::NotResults(_)), "{err}");
        fs::write(target.join("runs.csv"), "old").unwrap();
        fs::write(target.join("stale.csv"), "old").unwrap();
        fs::write(
            target.join(MANIFEST_FILE),
            r#"{"files": [{"name": "runs.csv"}, {"name": "stale.csv"}]}"#,
        )
        .unwrap();
        let out = OutputDir::create(&target, true).unwrap();
        fs::write(out.file("runs.csv"), "new").unwrap();
        fs::write(
            out.file(MANIFEST_FILE),
            r#"{"files": [{"name": "runs.csv"}]}"#,
        )
        .unwrap();
        out.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("thesis.docx")).unwrap(),
            "mine"
        );
        assert_eq!(fs::read_to_string(target.join("runs.csv")).unwrap(), "new");
        assert!(
            !target.join("stale.csv").exists(),
            "the old result's own file went"
        );
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging or aside folder left: {left:?}");
    }

    #[test]
    fn a_symlinked_target_is_followed_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let out = OutputDir::create(&link, false).unwrap();
        fs::write(out.file("x.csv"), "1").unwrap();
        out.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(real.join("x.csv").exists());
    }

    #[test]
    fn staging_folders_of_dead_processes_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("res");
        // A pid above the kernel's maximum (4194304) belongs to no process.
        let stale = tmp.path().join(".res.partial-999999999");
        fs::create_dir(&stale).unwrap();
        let live = tmp
            .path()
            .join(format!(".res.partial-{}", std::process::id()));
        let out = OutputDir::create(&target, false).unwrap();
        assert_eq!(out.cleaned(), std::slice::from_ref(&stale));
        assert!(!stale.exists());
        assert!(live.exists(), "our own staging folder");
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
