//! Comparisons: the arms of a [`ComparePlan`] run on common random numbers — replication `r`
//! of every arm uses the seed `run_seed(seed, 0, r)`, the seed `asocia run` gives its run `r` —
//! and compared pairwise ([`crate::comparison`]): each arm's mean and CI, the paired difference
//! with t and bootstrap CIs, the relative difference, Cohen's d_z, and the share of replications
//! each arm won.
//!
//! Only whole replications (every arm) are kept: a replication's runs are handed to the
//! [`CompareSink`] when its last arm finishes, so a cancelled comparison keeps the same
//! replications in every table. With [`CompareOptions::until_ci`], replications are doubled
//! until every interval is narrow enough or a cap is reached.
//!
//! [`run_compare_resumable`] is the same comparison into a study folder that journals every
//! finished run ([`crate::journal`]): run again after any stop, it reuses the journaled runs
//! and runs only the others, so that its tables equal an uninterrupted comparison's, byte for
//! byte (the runs are fed to the sink and the summaries in the same order either way).

mod csv;
mod plan;

use std::collections::BTreeMap;

pub use self::csv::{write_compare_tables, CompareCsv};
pub use self::plan::ComparePlan;

use asocia_core::rng::run_seed;
use asocia_stats::PairedOptions;

use crate::comparison::{comparisons, Row};
use crate::journal::{scenario_hash, JournalWriter, RunRecord, StudyState};
use crate::progress::{Control, Event};
use crate::steps::{step_values, StepSummary, StepValues, Steps};
use crate::sweep::Prepared;
use crate::{exec, failure, runner, ScenarioInput, StudyError};

/// How a comparison runs.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareOptions {
    /// Run until the 95% CI half-width of every compared metric (or of `ci_metrics`) is below
    /// this, doubling the replications each round.
    pub until_ci: Option<f64>,
    /// The metrics `until_ci` looks at (all compared metrics when empty).
    pub ci_metrics: Vec<String>,
    /// The cap on replications with `until_ci`.
    pub max_replications: u64,
    /// Bootstrap resamples of the paired differences (0: no bootstrap interval).
    pub bootstrap: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            until_ci: None,
            ci_metrics: Vec::new(),
            max_replications: 1000,
            bootstrap: PairedOptions::default().resamples,
        }
    }
}

impl CompareOptions {
    /// Checks the options against `plan` (a positive width, known metrics).
    pub fn check(&self, plan: &ComparePlan) -> Result<(), StudyError> {
        if let Some(w) = self.until_ci {
            if !(w > 0.0 && w.is_finite()) {
                return Err(StudyError::Invalid(format!(
                    "--until-ci {w}: the width must be a positive number"
                )));
            }
        }
        let metrics = plan.metrics();
        for m in &self.ci_metrics {
            if !metrics.contains(&m.as_str()) {
                return Err(StudyError::Invalid(format!(
                    "--ci-metric {m}: not a metric of this model (metrics: {})",
                    metrics.join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// One run of a whole replication: a row of `runs.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRun {
    /// The run's index: `replication × arms + arm`.
    pub run: u64,
    /// The arm's index in [`ComparePlan::arms`].
    pub arm: usize,
    /// The replication.
    pub replication: u64,
    /// Its seed, shared by every arm.
    pub seed: u64,
    /// Final metrics, in [`ComparePlan::metrics`] order (NaN where undefined).
    pub values: Vec<f64>,
}

/// A run of a comparison that failed: a row of `failures.csv`. Its whole replication (every
/// arm, so that the pairs stay on common random numbers) is left out of `runs.csv` and of the
/// comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareFailure {
    /// The run's index: `replication × arms + arm`.
    pub run: u64,
    /// The arm's index in [`ComparePlan::arms`].
    pub arm: usize,
    /// The replication.
    pub replication: u64,
    /// Its seed, shared by every arm.
    pub seed: u64,
    /// Why it failed: a panic's message, a run error, or the final metric that is not finite.
    pub error: String,
}

/// Receives the runs of each whole replication, in order.
pub trait CompareSink {
    /// The runs of one replication, one per arm in arm order.
    fn replication(&mut self, runs: &[CompareRun]) -> Result<(), StudyError>;

    /// The failed runs of a replication left out (in replication order among the kept ones);
    /// the default keeps nothing.
    fn failures(&mut self, _runs: &[CompareFailure]) -> Result<(), StudyError> {
        Ok(())
    }
}

/// What a comparison found (everything but the per-run rows, which went to the sink).
#[derive(Clone, Debug)]
pub struct CompareOutcome {
    /// The arms' names.
    pub names: Vec<String>,
    /// The pairs compared (`a − b`).
    pub pairs: Vec<(usize, usize)>,
    /// The final metrics, in the order of `values`.
    pub metrics: &'static [&'static str],
    /// One row per pair and compared metric.
    pub rows: Vec<Row>,
    /// Final values: `values[arm][metric][replication]`.
    pub values: Vec<Vec<Vec<f64>>>,
    /// Per-step summaries, one per arm.
    pub steps: Vec<StepSummary>,
    /// Whole replications kept.
    pub replications: u64,
    /// Replications left out because a run of theirs failed (in `failures.csv`).
    pub failed_replications: u64,
    /// Replications the comparison set out to run.
    pub target_replications: u64,
    /// Cancelled before the target was reached.
    pub interrupted: bool,
    /// Runs of an unfinished replication dropped at cancellation.
    pub dropped: u64,
    /// How `until_ci` ended, if it was asked for.
    pub ci_note: Option<String>,
    /// Warnings for the user (the plan's, and `until_ci` stopping at its cap).
    pub warnings: Vec<String>,
}

impl CompareOutcome {
    /// The arms, pairs and replications as recorded in a manifest.
    pub fn design_json(&self, plan: &ComparePlan, options: &CompareOptions) -> serde_json::Value {
        serde_json::json!({
            "files": plan.origins,
            "arms": plan.arms.iter().zip(&plan.settings).map(|((name, sc), set)| serde_json::json!({
                "name": name,
                "overrides": set,
                "scenario": sc.resolved_json(),
            })).collect::<Vec<_>>(),
            "pairs": plan.pairs.iter().map(|&(a, b)| [&self.names[a], &self.names[b]]).collect::<Vec<_>>(),
            "replications": self.replications,
            "seed": plan.seed,
            "until_ci": options.until_ci,
        })
    }
}

/// A finished run (or one that failed, with why), run now or read from the journal.
struct Done {
    values: Vec<f64>,
    steps: Vec<StepValues>,
    failure: Option<String>,
    /// Run by this invocation (to be journaled), not read from the journal.
    new: bool,
}

/// The state a comparison's folder records: the hash of its arms' resolved scenarios, pairs,
/// replications, seed, metrics and the options that change which runs it makes or what it
/// reports. A folder is resumed only by the same comparison.
pub fn compare_state(plan: &ComparePlan, options: &CompareOptions) -> StudyState {
    let described = serde_json::json!({
        "arms": plan.arms.iter().map(|(name, sc)| serde_json::json!({
            "name": name,
            "scenario": sc.resolved_json(),
        })).collect::<Vec<_>>(),
        "pairs": plan.pairs,
        "replications": plan.replications,
        "seed": plan.seed,
        "metrics": plan.metrics(),
        "until_ci": options.until_ci,
        "ci_metrics": options.ci_metrics,
        "max_replications": options.max_replications,
        "bootstrap": options.bootstrap,
    });
    StudyState {
        program: "asocia".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        study: "compare".into(),
        scenario_hash: scenario_hash(&described),
        timeseries: false,
        step_summary: true,
        selected: [0, plan.replications * plan.arms.len() as u64],
        runs: plan.replications * plan.arms.len() as u64,
        shard: None,
    }
}

/// Runs the comparison of `plan`, handing each whole replication to `sink`.
pub fn run_compare_into(
    plan: &ComparePlan,
    options: &CompareOptions,
    sink: &mut dyn CompareSink,
    control: &mut Control<'_>,
) -> Result<CompareOutcome, StudyError> {
    compare_journaled(plan, options, sink, control, None)
}

/// [`run_compare_into`] into the study folder `prepared` (made by
/// [`prepare_dir`](crate::prepare_dir) with [`compare_state`]): the runs its journal holds are
/// read back instead of run, every other run is appended to the journal as it finishes, and
/// the sink and the summaries see the runs in the same order as without a journal.
pub fn run_compare_resumable(
    plan: &ComparePlan,
    options: &CompareOptions,
    prepared: &mut Prepared,
    sink: &mut dyn CompareSink,
    control: &mut Control<'_>,
) -> Result<CompareOutcome, StudyError> {
    let mut journaled = BTreeMap::new();
    for k in 0..prepared.finished.len() as usize {
        let record = prepared.finished.read(k)?;
        journaled.insert(record.run, record);
    }
    let mut journal = JournalWriter::open(&prepared.dir, prepared.finished.valid_len)?;
    let outcome = compare_journaled(
        plan,
        options,
        sink,
        control,
        Some((&journaled, &mut journal)),
    );
    journal.sync()?;
    outcome
}

/// The comparison, with or without a journal (its records by run, and its writer).
fn compare_journaled(
    plan: &ComparePlan,
    options: &CompareOptions,
    sink: &mut dyn CompareSink,
    control: &mut Control<'_>,
    mut journal: Option<(&BTreeMap<u64, RunRecord>, &mut JournalWriter)>,
) -> Result<CompareOutcome, StudyError> {
    options.check(plan)?;
    let journaled = journal.as_ref().map(|(j, _)| *j);
    let names = plan.names();
    let metrics = plan.metrics();
    let model = plan.model();
    let compared = plan.compared();
    let n_arms = plan.arms.len() as u64;
    let mut values = vec![vec![Vec::new(); metrics.len()]; plan.arms.len()];
    let mut steps: Vec<StepSummary> = plan
        .arms
        .iter()
        .map(|(_, sc)| StepSummary::for_scenario(sc))
        .collect();
    let mut reps = 0_u64;
    let mut target_reps = if options.until_ci.is_some() {
        plan.replications.max(2)
    } else {
        plan.replications
    };
    let mut interrupted = false;
    let mut dropped = 0_u64;
    let mut failed_reps = 0_u64;
    let model_kind = crate::metrics::Model::of(&plan.base);
    let mut ci_note = None;
    let label = format!("compare {}", plan.base.name);
    loop {
        let batch = target_reps - reps;
        let first = reps * n_arms;
        // The runs of the replication in progress, kept until its last arm is done.
        let mut pending: Vec<CompareRun> = Vec::new();
        let mut pending_steps: Vec<Vec<StepValues>> = Vec::new();
        let mut pending_failed: Vec<CompareFailure> = Vec::new();
        let executed = exec::execute(
            &label,
            batch * n_arms,
            control,
            |i| {
                let run = first + i;
                if let Some(r) = journaled.and_then(|j| j.get(&run)) {
                    return Ok(Done {
                        values: r.values.clone(),
                        steps: r.steps.clone(),
                        failure: r.failure.clone(),
                        new: false,
                    });
                }
                let (rep, arm) = (run / n_arms, (run % n_arms) as usize);
                let scenario = &plan.arms[arm].1;
                let mut rec = Steps::every(scenario.output.every);
                let outcome = failure::caught(|| {
                    runner::run_one(scenario, run_seed(plan.seed, 0, rep), &mut rec)
                        .map_err(|e| StudyError::run(run, e))
                })?;
                Ok(match outcome {
                    Ok(outcome) => Done {
                        failure: failure::bad_metric(metrics, &outcome.values, model_kind),
                        values: outcome.values,
                        steps: step_values(&rec),
                        new: true,
                    },
                    Err(why) => Done {
                        values: vec![f64::NAN; metrics.len()],
                        steps: Vec::new(),
                        failure: Some(why),
                        new: true,
                    },
                })
            },
            |i, done| {
                let run = first + i;
                let (rep, arm) = (run / n_arms, (run % n_arms) as usize);
                if done.values.len() != metrics.len() {
                    return Err(StudyError::Invalid(format!(
                        "arm `{}` reports {} metrics and the first arm {}: arms must use the same model",
                        names[arm],
                        done.values.len(),
                        metrics.len()
                    )));
                }
                if let (true, Some((_, writer))) = (done.new, journal.as_mut()) {
                    let sc = &plan.arms[arm].1;
                    writer.append(&RunRecord {
                        run,
                        seed: run_seed(plan.seed, 0, rep),
                        every: sc.output.every,
                        last: sc.model.steps(),
                        values: done.values.clone(),
                        steps: done.steps.clone(),
                        failure: done.failure.clone(),
                        ..RunRecord::default()
                    })?;
                }
                if let Some(error) = done.failure {
                    pending_failed.push(CompareFailure {
                        run,
                        arm,
                        replication: rep,
                        seed: run_seed(plan.seed, 0, rep),
                        error,
                    });
                }
                pending.push(CompareRun {
                    run,
                    arm,
                    replication: rep,
                    seed: run_seed(plan.seed, 0, rep),
                    values: done.values,
                });
                pending_steps.push(done.steps);
                if arm + 1 < plan.arms.len() {
                    return Ok(());
                }
                if !pending_failed.is_empty() {
                    // A failed run: the whole replication is left out.
                    sink.failures(&pending_failed)?;
                    pending_failed.clear();
                    pending.clear();
                    pending_steps.clear();
                    failed_reps += 1;
                    return Ok(());
                }
                // The replication is whole: hand over and keep all its arms.
                sink.replication(&pending)?;
                for (r, rec) in pending.drain(..).zip(pending_steps.drain(..)) {
                    for (m, &v) in r.values.iter().enumerate() {
                        values[r.arm][m].push(v);
                    }
                    let sc = &plan.arms[r.arm].1;
                    steps[r.arm].push_values(&rec, sc.output.every, sc.model.steps());
                }
                Ok(())
            },
        )?;
        reps += executed.done / n_arms;
        if executed.interrupted {
            interrupted = true;
            dropped = executed.done % n_arms;
            break;
        }
        let Some(width) = options.until_ci else { break };
        let opts = PairedOptions {
            resamples: 0,
            ..PairedOptions::default()
        };
        let rows = comparisons(&names, &plan.pairs, &compared, &values, &opts, model);
        let widest = rows
            .iter()
            .filter(|r| {
                options.ci_metrics.is_empty() || options.ci_metrics.iter().any(|m| m == r.metric)
            })
            .filter_map(|r| {
                let c = r.cmp.as_ref()?;
                let half = 0.5 * (c.t_ci_high - c.t_ci_low);
                half.is_finite().then_some((half, r.metric))
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        match widest {
            Some((half, metric)) if half >= width => {
                if reps >= options.max_replications {
                    ci_note = Some(format!(
                        "--until-ci {width}: stopped at the cap of {reps} replications; the widest CI half-width is {half:.4} ({metric})"
                    ));
                    break;
                }
                if control.cancelled() {
                    interrupted = true;
                    break;
                }
                target_reps = (reps * 2).min(options.max_replications);
                control.report(Event::Note(&format!(
                    "CI half-width {half:.4} ({metric}) ≥ {width} after {reps} replications: running up to {target_reps}"
                )));
            }
            _ => {
                ci_note = Some(format!(
                    "--until-ci {width}: every CI half-width is below {width} after {reps} replications"
                ));
                break;
            }
        }
    }
    let mut warnings = plan.warnings.clone();
    if let Some(n) = &ci_note {
        control.report(Event::Note(n));
        warnings.extend(ci_note.clone().filter(|n| n.contains("cap")));
    }
    let opts = PairedOptions {
        resamples: options.bootstrap,
        seed: plan.seed,
        ..PairedOptions::default()
    };
    let rows = comparisons(&names, &plan.pairs, &compared, &values, &opts, model);
    Ok(CompareOutcome {
        names,
        pairs: plan.pairs.clone(),
        metrics,
        rows,
        values,
        steps,
        replications: reps - failed_reps,
        target_replications: target_reps,
        failed_replications: failed_reps,
        interrupted,
        dropped,
        ci_note,
        warnings,
    })
}

/// A comparison's tables in memory.
#[derive(Clone, Debug)]
pub struct CompareResult {
    /// One row per run of every whole replication, in run order.
    pub runs: Vec<CompareRun>,
    /// The comparison rows, per-arm values and step summaries.
    pub outcome: CompareOutcome,
}

/// Collects the runs in memory.
struct Collect(Vec<CompareRun>);

impl CompareSink for Collect {
    fn replication(&mut self, runs: &[CompareRun]) -> Result<(), StudyError> {
        self.0.extend_from_slice(runs);
        Ok(())
    }
}

/// Loads the comparison of `inputs` (one scenario with a `[compare]` section, or two
/// scenarios) and runs it with `options`, keeping every table in memory; it runs on the
/// current rayon pool.
pub fn run_compare(
    inputs: &[ScenarioInput],
    options: &CompareOptions,
    control: &mut Control<'_>,
) -> Result<CompareResult, StudyError> {
    let plan = ComparePlan::load(inputs)?;
    let mut sink = Collect(Vec::new());
    let outcome = run_compare_into(&plan, options, &mut sink, control)?;
    Ok(CompareResult {
        runs: sink.0,
        outcome,
    })
}
