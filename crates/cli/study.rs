//! What `asocia sweep` and `asocia compare` share: their error type, the thread pool, output
//! folders, manifests, the recorder that keeps a run's steps, per-step summaries, and the labels
//! (with units) of metrics and parameters.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use asocia_core::observer::StepRecord;
use asocia_output::{rfc3339_utc, Manifest, ManifestFile, OutputError, Timestamp};
use asocia_plot::PlotError;
use asocia_scenario::{Scenario, ScenarioError};
use asocia_stats::Accumulator;

use crate::run::CliError;
use crate::runner::{self, RunError};

/// Everything that can stop a study command.
#[derive(Debug)]
pub enum StudyError {
    /// Scenario, run, output or thread-pool errors, as for `asocia run`.
    Cli(CliError),
    /// A plot could not be drawn.
    Plot(PlotError),
    /// Anything else, already worded for the user.
    Message(String),
}

impl fmt::Display for StudyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StudyError::Cli(e) => write!(f, "{e}"),
            StudyError::Plot(e) => write!(f, "error: plot: {e}"),
            StudyError::Message(m) => write!(f, "error: {m}"),
        }
    }
}

impl From<CliError> for StudyError {
    fn from(e: CliError) -> Self {
        StudyError::Cli(e)
    }
}

impl From<ScenarioError> for StudyError {
    fn from(e: ScenarioError) -> Self {
        StudyError::Cli(CliError::Scenario(e))
    }
}

impl From<OutputError> for StudyError {
    fn from(e: OutputError) -> Self {
        StudyError::Cli(CliError::Output(e))
    }
}

impl From<PlotError> for StudyError {
    fn from(e: PlotError) -> Self {
        StudyError::Plot(e)
    }
}

/// A failed run, with its run number.
pub fn run_error(run: u64, error: RunError) -> StudyError {
    StudyError::Cli(CliError::Run { run, error })
}

/// Sizes rayon's global pool (`--threads`) and returns the number of threads it has.
pub fn set_threads(threads: Option<u16>) -> Result<usize, StudyError> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .map_err(|e| CliError::Threads(e.to_string()))?;
    }
    Ok(rayon::current_num_threads())
}

/// `out/<file stem><suffix>`, the default output folder.
pub fn default_out(file: &Path, suffix: &str) -> PathBuf {
    let stem = file.file_stem().map_or_else(
        || "scenario".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    Path::new("out").join(format!("{stem}{suffix}"))
}

/// The fields of a study manifest shared with `asocia run`.
pub struct ManifestBase<'a> {
    /// The scenario file.
    pub file: &'a Path,
    /// The `--set` overrides.
    pub overrides: &'a [String],
    /// The base scenario.
    pub scenario: &'a Scenario,
    /// Threads used.
    pub threads: usize,
    /// When the command started.
    pub started: Timestamp,
    /// Wall time so far.
    pub wall_seconds: f64,
    /// Files written.
    pub files: Vec<ManifestFile>,
}

impl ManifestBase<'_> {
    /// The run manifest of the study (its `run_seeds` empty: seeds are in `runs.csv`).
    pub fn manifest(self) -> Manifest {
        Manifest {
            program: "asocia".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            git_commit: option_env!("ASOCIA_GIT_COMMIT").map(str::to_string),
            command: std::env::args().collect(),
            scenario_file: Some(self.file.display().to_string()),
            overrides: self.overrides.to_vec(),
            scenario: self.scenario.resolved_json(),
            seed: self.scenario.seed,
            run_seeds: Vec::new(),
            threads: self.threads,
            started: rfc3339_utc(self.started),
            finished: rfc3339_utc(Timestamp::now()),
            wall_seconds: self.wall_seconds,
            files: self.files,
        }
    }
}

/// A manifest entry.
pub fn file_entry(name: &str, description: &str, rows: u64) -> ManifestFile {
    ManifestFile {
        name: name.into(),
        description: description.into(),
        rows: Some(rows),
    }
}

/// Keeps every step of a run (for `timeseries.csv` and per-step summaries).
#[derive(Default)]
pub struct Steps(pub Vec<StepRecord>);

impl runner::Recorder for Steps {
    fn classic_step(&mut self, record: &StepRecord) -> Result<(), OutputError> {
        self.0.push(*record);
        Ok(())
    }
}

/// The per-step columns summarised over replications.
pub const STEP_METRICS: [&str; 4] = ["alive", "cooperators", "coop_rate", "payoff_mean"];

/// Per-step accumulators of one group of runs (an arm, a design point): the mean and CI band of
/// every [`STEP_METRICS`] column at every recorded step.
#[derive(Default)]
pub struct StepSummary {
    steps: BTreeMap<u64, [Accumulator; 4]>,
}

impl StepSummary {
    /// Adds one run's steps. Steps are kept every `every` steps and at `last` (the scenario's
    /// step count); a run that stopped early (absorbed: its state no longer changes) carries
    /// its last record forward to `last`, so every step averages over every replication.
    pub fn push(&mut self, records: &[StepRecord], every: u64, last: u64) {
        let Some(final_record) = records.last() else {
            return;
        };
        let every = every.max(1);
        let keep = |t: u64| t % every == 0 || t == last;
        let mut add = |t: u64, r: &StepRecord| {
            let acc = self.steps.entry(t).or_default();
            let values = [
                r.alive as f64,
                r.cooperators as f64,
                r.coop_rate,
                r.payoff_mean,
            ];
            for (a, v) in acc.iter_mut().zip(values) {
                a.push(v);
            }
        };
        for r in records.iter().filter(|r| keep(r.step)) {
            add(r.step, r);
        }
        if final_record.step < last {
            let mut t = (final_record.step + 1).div_ceil(every) * every;
            while t < last {
                add(t, final_record);
                t += every;
            }
            add(last, final_record);
        }
    }

    /// Every (step, metric, accumulator), in step then metric order.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &'static str, &Accumulator)> {
        self.steps
            .iter()
            .flat_map(|(t, accs)| STEP_METRICS.iter().zip(accs).map(move |(m, a)| (*t, *m, a)))
    }
}

/// The unit of a metric, for axis labels; empty when unknown.
pub fn metric_unit(metric: &str) -> &'static str {
    let base = metric.trim_end_matches("_final");
    match base {
        "coop_rate" => "share of firms cooperating",
        "payoff_mean" => "payoff units per firm",
        "steps_run" => "steps",
        "absorbed_at" => "step",
        "alive" | "cooperators" => "firms",
        _ => "",
    }
}

/// `metric (unit)`, or the metric alone when its unit is unknown.
pub fn metric_label(metric: &str) -> String {
    match metric_unit(metric) {
        "" => metric.to_string(),
        unit => format!("{metric} ({unit})"),
    }
}

/// A parameter's axis label: its dotted key and what it measures.
pub fn parameter_label(key: &str) -> String {
    let what = match key {
        "game.b" => "benefit / temptation b, payoff units",
        "game.c" => "cost c, payoff units",
        "game.t" => "temptation T, payoff units",
        "game.s" => "sucker's payoff S, payoff units",
        "game.r" => "reward R, payoff units",
        "game.p" => "punishment P, payoff units",
        "game.v" => "project return v, payoff units",
        "update.k" => "Fermi noise K, payoff units",
        "update.w" => "selection intensity w",
        "update.mutation" => "mutation probability per step",
        "network.n" => "firms",
        "network.k" | "network.m" => "ties per firm",
        "network.p" => "probability",
        "network.kind" => "network family",
        "initial.coop_fraction" => "initial share of cooperators",
        "run.steps" => "steps",
        _ => return key.to_string(),
    };
    format!("{key} ({what})")
}

/// Cell text for a terminal table: `-` for NaN, 4 decimals otherwise.
pub fn cell(x: f64) -> String {
    if x.is_nan() {
        "-".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{x:.4}")
    }
}
