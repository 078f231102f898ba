//! Sweeps: every point of a scenario's `[sweep]` design, replicated, run in parallel, each
//! finished run handed to a [`SweepSink`] in run order.
//!
//! Run `r` is replication `r mod R` of design point `r div R` (R replications per point), with
//! seed `run_seed(seed, point, replication)`: any run can be re-run alone
//! ([`Selection::Run`]). The engine keeps only the accumulators of the point in progress and
//! one mean per point and metric (for the sensitivity analysis); what is kept of the runs is
//! the sink's choice: [`run_sweep`] keeps every table in memory ([`SweepResult`]),
//! [`SweepCsv`] writes them as the runs finish (what `asocia sweep` does), and
//! [`write_sweep`] writes an in-memory result the same way.

mod csv;
mod points;
pub mod resume;
pub(crate) mod sensitivity;

pub(crate) use self::csv::{
    failures_header, run_cells, runs_header, timeseries_description, Series,
};
pub use self::csv::{level_cell, write_sweep, SweepCsv};
pub(crate) use self::points::{run_done, Done, FinishedRun, Points};
pub use self::resume::{
    assemble, prepare_dir, run_sweep_resumable, schedule, sweep_state, Assembled, Prepared, Ran,
};

use asocia_scenario::{Study, Sweep};
use asocia_stats::{Level, Summary};

use crate::progress::Control;
use crate::runner;
use crate::steps::Steps;
use crate::{exec, ScenarioInput, StudyError};

/// Which runs of the design to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// Every run of every point.
    #[default]
    All,
    /// The runs of points `a..b`.
    Points(u64, u64),
    /// Run `r` alone (its time series is kept; no summaries).
    Run(u64),
}

/// What a sweep computes besides one row per run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepOptions {
    /// Which runs.
    pub selection: Selection,
    /// Keep every run's recorded steps (always on for [`Selection::Run`]).
    pub timeseries: bool,
    /// Summarise the recorded steps per point over replications (ignored for
    /// [`Selection::Run`]).
    pub step_summary: bool,
}

/// A loaded sweep, every point resolved and checked before anything runs.
#[derive(Clone, Debug)]
pub struct SweepPlan {
    /// The scenario with its study sections.
    pub study: Study,
    /// Every design point: one level per design key.
    pub points: Vec<Vec<Level>>,
}

/// The runs a [`Selection`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selected {
    /// The first run.
    pub first: u64,
    /// How many runs, from `first`.
    pub count: u64,
    /// A single run (`Selection::Run`).
    pub single: bool,
}

impl SweepPlan {
    /// Loads `input`, which must have a `[sweep]` section, and resolves every point.
    pub fn load(input: &ScenarioInput) -> Result<SweepPlan, StudyError> {
        let study = input.load()?;
        if study.sweep.is_none() {
            return Err(StudyError::Invalid(format!(
                "{}: the scenario has no [sweep] section (see docs/sweeps.md)",
                input.origin()
            )));
        }
        let points = study.sweep_points()?;
        Ok(SweepPlan { study, points })
    }

    /// The `[sweep]` section.
    pub fn sweep(&self) -> &Sweep {
        self.study
            .sweep
            .as_ref()
            .expect("a plan is only made of a study with a [sweep] section")
    }

    /// The design's keys (dotted scenario keys), in design order.
    pub fn keys(&self) -> Vec<String> {
        self.sweep().design.keys()
    }

    /// Runs of the whole design: points × replications.
    pub fn total(&self) -> Result<u64, StudyError> {
        (self.points.len() as u64)
            .checked_mul(self.sweep().replications)
            .ok_or_else(|| StudyError::Invalid("too many runs".into()))
    }

    /// The final metrics every run reports (the `runs.csv` columns after the parameters).
    pub fn metrics(&self) -> &'static [&'static str] {
        runner::summary_metrics(&self.study.base)
    }

    /// The runs `selection` stands for; an error when it is outside the design.
    pub fn select(&self, selection: Selection) -> Result<Selected, StudyError> {
        let reps = self.sweep().replications;
        let (n_points, total) = (self.points.len() as u64, self.total()?);
        Ok(match selection {
            Selection::Points(a, b) => {
                if b > n_points {
                    return Err(StudyError::Invalid(format!(
                        "--points {a}..{b}: the design has {n_points} points (0..{n_points})"
                    )));
                }
                Selected {
                    first: a * reps,
                    count: (b - a) * reps,
                    single: false,
                }
            }
            Selection::Run(r) => {
                if r >= total {
                    return Err(StudyError::Invalid(format!(
                        "--run {r}: the sweep has {total} runs (0..{total})"
                    )));
                }
                Selected {
                    first: r,
                    count: 1,
                    single: true,
                }
            }
            Selection::All => Selected {
                first: 0,
                count: total,
                single: false,
            },
        })
    }

    /// The design as recorded in a manifest.
    pub fn design_json(&self, selected: Selected) -> serde_json::Value {
        let sweep = self.sweep();
        serde_json::json!({
            "design": sweep.design,
            "keys": sweep.design.keys(),
            "points": self.points.len() as u64,
            "replications": sweep.replications,
            "runs": self.points.len() as u64 * sweep.replications,
            "selected_runs": [selected.first, selected.first + selected.count],
        })
    }
}

/// One finished run: a row of `runs.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepRun {
    /// The run's index in the design.
    pub run: u64,
    /// Its design point.
    pub point: u64,
    /// Its replication at that point.
    pub replication: u64,
    /// Its run seed.
    pub seed: u64,
    /// The point's parameter values, in design-key order.
    pub levels: Vec<Level>,
    /// Final metrics, in [`SweepPlan::metrics`] order (NaN where undefined).
    pub values: Vec<f64>,
}

/// A run that failed: a row of `failures.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepFailure {
    /// The run's index in the design.
    pub run: u64,
    /// Its design point.
    pub point: u64,
    /// Its replication at that point.
    pub replication: u64,
    /// Its run seed (`asocia sweep --run RUN` runs it alone).
    pub seed: u64,
    /// The point's parameter values, in design-key order.
    pub levels: Vec<Level>,
    /// Why it failed: a panic's message, a run error, or the final metric that is not finite.
    pub error: String,
}

/// A final metric summarised over the replications of a point: a row of `summary.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PointSummary {
    /// The design point.
    pub point: u64,
    /// The metric.
    pub metric: &'static str,
    /// Over the replications where it has a value.
    pub summary: Summary,
    /// Runs of the point done.
    pub runs: u64,
    /// Whether every replication of the point ran (and none failed).
    pub complete: bool,
    /// Runs of the point that failed (in `failures.csv`, not in the summary); the point's
    /// missing runs are its replications less `runs` and `failed`.
    pub failed: u64,
}

/// A per-step metric summarised over the replications of a point: a row of
/// `timeseries_summary.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PointStepSummary {
    /// The design point.
    pub point: u64,
    /// The step.
    pub step: u64,
    /// The group of firms: `all`, or a group id.
    pub group: String,
    /// The metric.
    pub metric: &'static str,
    /// Over the replications with a value at that step.
    pub summary: Summary,
}

/// A row of `sensitivity.csv`: a Sobol index (first or total, with its bootstrap CI) or a main
/// effect (a grid level's mean and its difference from the grand mean).
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRow {
    /// The metric.
    pub metric: &'static str,
    /// The design key.
    pub parameter: String,
    /// `first`, `total` or `main_effect`.
    pub index: &'static str,
    /// The level of a main effect.
    pub level: Option<Level>,
    /// Base rows (Sobol) or points at the level (main effect).
    pub n: u64,
    /// The level's mean (main effect).
    pub mean: Option<f64>,
    /// The index or the effect.
    pub value: f64,
    /// Lower bound of the 95% CI (Sobol).
    pub ci_low: Option<f64>,
    /// Upper bound of the 95% CI (Sobol).
    pub ci_high: Option<f64>,
    /// Runs behind the row that failed (Sobol: of the base rows used; main effect: at the
    /// level's points); they are left out of the point means.
    pub failed_runs: u64,
}

/// Receives a sweep's tables as the runs finish, in run order.
pub trait SweepSink {
    /// One finished run, with its recorded steps (empty unless time series or step summaries
    /// were asked for).
    fn run(&mut self, row: &SweepRun, steps: &Steps) -> Result<(), StudyError>;

    /// The summaries of a point whose runs are all written (or the last point, cut short).
    fn point(
        &mut self,
        summaries: &[PointSummary],
        steps: &[PointStepSummary],
    ) -> Result<(), StudyError>;

    /// The sensitivity table, once the whole design is done (not for Latin hypercube designs).
    fn sensitivity(&mut self, rows: &[SensitivityRow]) -> Result<(), StudyError>;

    /// A run that failed, in run order among the finished ones (it has no [`SweepSink::run`]
    /// row); the default keeps nothing.
    fn failure(&mut self, _row: &SweepFailure) -> Result<(), StudyError> {
        Ok(())
    }
}

/// How a sweep ended.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepOutcome {
    /// The runs selected.
    pub selected: Selected,
    /// Runs finished and handed to the sink (a prefix of the selected runs).
    pub done: u64,
    /// Cancelled before every selected run was done.
    pub interrupted: bool,
    /// Whether the whole design ran (so the sensitivity analysis was done).
    pub complete: bool,
    /// Warnings (sensitivity indices not computed or too uncertain), for the user.
    pub warnings: Vec<String>,
}

/// Runs the selected runs of `plan`, handing each to `sink` in run order, then the summaries
/// of each point and, when the whole design ran, its sensitivity analysis.
pub fn run_sweep_into(
    plan: &SweepPlan,
    options: &SweepOptions,
    sink: &mut dyn SweepSink,
    control: &mut Control<'_>,
) -> Result<SweepOutcome, StudyError> {
    let selected = plan.select(options.selection)?;
    let want_steps = options.timeseries || options.step_summary || selected.single;
    let step_summary = options.step_summary && !selected.single;
    let metrics = plan.metrics();
    let mut acc = Points::new(plan, step_summary);
    let label = format!("sweep {}", plan.study.base.name);
    let executed = exec::execute(
        &label,
        selected.count,
        control,
        |i| points::run_done(plan, selected.first + i, want_steps),
        |i, done| acc.write(sink, selected.first + i, done),
    )?;
    acc.flush_point(sink)?;
    let complete =
        !selected.single && matches!(options.selection, Selection::All) && !executed.interrupted;
    let mut warnings = Vec::new();
    if complete {
        if let Some(rows) = sensitivity::rows(
            plan,
            metrics,
            &acc.point_means,
            &acc.point_runs,
            plan.study.base.seed,
            &mut warnings,
        ) {
            sink.sensitivity(&rows)?;
        }
    }
    Ok(SweepOutcome {
        selected,
        done: executed.done,
        interrupted: executed.interrupted,
        complete,
        warnings,
    })
}

/// A sweep's tables in memory (what a notebook front end turns into data frames).
#[derive(Clone, Debug, Default)]
pub struct SweepResult {
    /// The design keys (the parameter columns of `runs`).
    pub keys: Vec<String>,
    /// The final metrics (the metric columns of `runs`).
    pub metrics: Vec<&'static str>,
    /// One row per finished run, in run order.
    pub runs: Vec<SweepRun>,
    /// One row per failed run, in run order (the resumable sweep's; the in-memory engine
    /// stops at a failed run with its error).
    pub failures: Vec<SweepFailure>,
    /// Every finished run's recorded steps, in run order (with
    /// [`SweepOptions::timeseries`]): (run, seed, steps).
    pub timeseries: Vec<(u64, u64, Steps)>,
    /// One row per point and final metric.
    pub summary: Vec<PointSummary>,
    /// One row per point, step, group and per-step metric (with
    /// [`SweepOptions::step_summary`]).
    pub step_summary: Vec<PointStepSummary>,
    /// The sensitivity analysis (whole grid or Sobol designs only).
    pub sensitivity: Option<Vec<SensitivityRow>>,
    /// Runs finished.
    pub done: u64,
    /// Cancelled before every selected run was done.
    pub interrupted: bool,
    /// Warnings for the user.
    pub warnings: Vec<String>,
}

impl SweepResult {
    /// An empty result for `plan`'s columns.
    fn new(plan: &SweepPlan) -> SweepResult {
        SweepResult {
            keys: plan.keys(),
            metrics: plan.metrics().to_vec(),
            ..SweepResult::default()
        }
    }
}

/// Collects every table in memory.
struct Collect {
    result: SweepResult,
    timeseries: bool,
}

impl SweepSink for Collect {
    fn run(&mut self, row: &SweepRun, steps: &Steps) -> Result<(), StudyError> {
        self.result.runs.push(row.clone());
        if self.timeseries {
            self.result
                .timeseries
                .push((row.run, row.seed, steps.clone()));
        }
        Ok(())
    }

    fn point(
        &mut self,
        summaries: &[PointSummary],
        steps: &[PointStepSummary],
    ) -> Result<(), StudyError> {
        self.result.summary.extend_from_slice(summaries);
        self.result.step_summary.extend_from_slice(steps);
        Ok(())
    }

    fn sensitivity(&mut self, rows: &[SensitivityRow]) -> Result<(), StudyError> {
        self.result.sensitivity = Some(rows.to_vec());
        Ok(())
    }

    fn failure(&mut self, row: &SweepFailure) -> Result<(), StudyError> {
        self.result.failures.push(row.clone());
        Ok(())
    }
}

/// Loads the sweep of `input` and runs it with `options`, keeping every table in memory; the
/// study runs on the current rayon pool (install one to choose the thread count).
pub fn run_sweep(
    input: &ScenarioInput,
    options: &SweepOptions,
    control: &mut Control<'_>,
) -> Result<SweepResult, StudyError> {
    let plan = SweepPlan::load(input)?;
    run_plan(&plan, options, control)
}

/// Runs a loaded sweep with `options`, keeping every table in memory.
pub fn run_plan(
    plan: &SweepPlan,
    options: &SweepOptions,
    control: &mut Control<'_>,
) -> Result<SweepResult, StudyError> {
    let single = matches!(options.selection, Selection::Run(_));
    let mut sink = Collect {
        result: SweepResult::new(plan),
        timeseries: options.timeseries || single,
    };
    let outcome = run_sweep_into(plan, options, &mut sink, control)?;
    let mut result = sink.result;
    result.done = outcome.done;
    result.interrupted = outcome.interrupted;
    result.warnings = outcome.warnings;
    Ok(result)
}
