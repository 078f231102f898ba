//! The study engine of asocia, as a library: one run of a scenario whatever its model
//! ([`run_one`]), many runs on rayon's pool handed back in run order, sweeps over a design
//! ([`run_sweep`]) and comparisons of arms on common random numbers ([`run_compare`]) with their
//! summaries, paired differences and sensitivity analyses, and the properties of every metric
//! ([`metrics`]).
//!
//! It prints nothing and owns no global state: progress is reported to a callback, the caller
//! owns the cancellation flag (both in a [`Control`]), warnings come back with the result, and
//! errors are one typed [`StudyError`]. Results are tables in memory — one row struct per row,
//! with named, typed fields, which map onto data frames — and the same rows can be streamed to
//! CSV files through `asocia-output` ([`SweepCsv`], [`write_sweep`], [`CompareCsv`], [`write_compare_tables`]),
//! which is what the `asocia` binary does. Studies run on the current rayon pool: install one
//! to choose the thread count.

#![deny(missing_docs)]

pub mod compare;
pub mod comparison;
pub mod exec;
pub mod format;
pub mod journal;
pub mod metrics;
pub mod progress;
pub mod runner;
pub mod shard;
pub mod steps;
pub mod sweep;

mod error;
mod failure;

use std::path::{Path, PathBuf};

use asocia_output::ManifestFile;
use asocia_scenario::{load_study, parse_study, ScenarioError, Study};

pub use compare::{
    compare_state, run_compare, run_compare_into, run_compare_resumable, write_compare_tables,
    CompareCsv, CompareOptions, CompareOutcome, ComparePlan, CompareResult, CompareRun,
    CompareSink,
};
pub use error::StudyError;
pub use format::Format;
pub use journal::{load_finished, Finished, RunRecord, StudyState};
pub use progress::{Control, Event};
pub use runner::{run_one, summary_metrics, Discard, Outcome, Recorder, RunError};
pub use shard::{merge_shards, run_shard, shard_state, MergeOutcome, Shard, ShardOutcome};
pub use steps::{StepSummary, Steps};
pub use sweep::{
    assemble, prepare_dir, run_sweep, run_sweep_into, run_sweep_resumable, sweep_state,
    write_sweep, Assembled, PointStepSummary, PointSummary, Prepared, Ran, Selected, Selection,
    SensitivityRow, SweepCsv, SweepFailure, SweepOptions, SweepOutcome, SweepPlan, SweepResult,
    SweepRun, SweepSink,
};

/// Where a scenario comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A scenario file.
    Path(PathBuf),
    /// Scenario text (e.g. typed in a notebook).
    Text {
        /// The TOML text.
        text: String,
        /// Its name in error messages (in place of a file name).
        origin: String,
        /// The folder relative file paths of the scenario (network files) are read from.
        base_dir: PathBuf,
    },
}

/// A scenario, as a file or text, plus `--set`-style overrides (`"network.n=500"`), checked
/// exactly like values of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioInput {
    /// The scenario.
    pub source: Source,
    /// Overrides, each `dotted.key=value`.
    pub overrides: Vec<String>,
}

impl ScenarioInput {
    /// The file at `path` with `overrides`.
    pub fn path(path: impl Into<PathBuf>, overrides: &[String]) -> ScenarioInput {
        ScenarioInput {
            source: Source::Path(path.into()),
            overrides: overrides.to_vec(),
        }
    }

    /// Scenario `text` named `origin` in messages, relative paths read from the current folder.
    pub fn text(text: &str, origin: &str, overrides: &[String]) -> ScenarioInput {
        ScenarioInput {
            source: Source::Text {
                text: text.to_string(),
                origin: origin.to_string(),
                base_dir: PathBuf::from("."),
            },
            overrides: overrides.to_vec(),
        }
    }

    /// The scenario's name in messages: the file's path, or the text's origin.
    pub fn origin(&self) -> String {
        match &self.source {
            Source::Path(p) => p.display().to_string(),
            Source::Text { origin, .. } => origin.clone(),
        }
    }

    /// The file, if the scenario is one.
    pub fn file(&self) -> Option<&Path> {
        match &self.source {
            Source::Path(p) => Some(p),
            Source::Text { .. } => None,
        }
    }

    /// Reads and resolves the scenario with its study sections (every mistake at once).
    pub fn load(&self) -> Result<Study, ScenarioError> {
        match &self.source {
            Source::Path(p) => load_study(p, &self.overrides),
            Source::Text {
                text,
                origin,
                base_dir,
            } => parse_study(text, origin, base_dir, &self.overrides),
        }
    }
}

/// A manifest entry for a table of `rows` data rows.
pub fn file_entry(name: &str, description: &str, rows: u64) -> ManifestFile {
    ManifestFile {
        name: name.into(),
        description: description.into(),
        rows: Some(rows),
    }
}
