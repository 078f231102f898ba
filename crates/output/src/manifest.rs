//! `manifest.json`: what produced a result folder, so a run can be cited and reproduced.

use std::fs;
use std::path::Path;

use serde::Serialize;

use crate::OutputError;

/// One file of a result folder, as listed in the manifest.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ManifestFile {
    /// File name inside the result folder.
    pub name: String,
    /// What the file holds.
    pub description: String,
    /// Number of data rows (CSV files), without the header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
}

/// The record of one invocation: program, scenario, seeds, timing and files.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Manifest {
    /// Always `"asocia"`.
    pub program: String,
    /// Version of the program (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Git commit the binary was built from, with `-dirty` if the tree had changes; `null`
    /// when unknown.
    pub git_commit: Option<String>,
    /// The command line, as given.
    pub command: Vec<String>,
    /// Path of the scenario file, as given.
    pub scenario_file: Option<String>,
    /// The `--set` overrides, in order.
    pub overrides: Vec<String>,
    /// The fully resolved scenario (every default filled in).
    pub scenario: serde_json::Value,
    /// The scenario seed (`run.seed`).
    pub seed: u64,
    /// Seeds of the runs, indexed by run number; each is derived from (seed, point 0,
    /// replication) so any run can be re-run alone.
    pub run_seeds: Vec<u64>,
    /// Worker threads used (rayon).
    pub threads: usize,
    /// Start time, RFC 3339 UTC.
    pub started: String,
    /// End time, RFC 3339 UTC.
    pub finished: String,
    /// Wall time in seconds.
    pub wall_seconds: f64,
    /// The files written.
    pub files: Vec<ManifestFile>,
}

impl Manifest {
    /// Writes the manifest as pretty JSON to `path`.
    pub fn write(&self, path: &Path) -> Result<(), OutputError> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        fs::write(path, text).map_err(|e| OutputError::io(path, e))
    }
}
