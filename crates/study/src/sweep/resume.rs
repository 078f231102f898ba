//! Resumable sweeps: every finished run goes to the study folder's journal
//! ([`crate::journal`]) as soon as it is done, and the tables are written from the journal at
//! the end, in run order, so that a sweep killed at any moment and run again with the same
//! command ends with the same files, byte for byte, as one that was never stopped.
//!
//! The three steps, which a front end calls in order (what `asocia sweep` does):
//! 1. [`prepare_dir`] makes the study folder, or finds the one a previous invocation left and
//!    checks it holds the same study ([`sweep_state`]: scenario hash, version, options);
//! 2. [`run_sweep_resumable`] runs the runs not yet in its journal, interleaved across the
//!    design (replication by replication, the points in bit-reversed order), so that a sweep
//!    stopped early has runs all over the design space;
//! 3. [`assemble`] writes the tables (`runs.csv` and the rest, summaries and sensitivity
//!    computed from every finished run) from one or more study folders' journals — several
//!    when shards are merged.

use std::path::{Path, PathBuf};

use asocia_output::{clear_results, is_results, ManifestFile, OutputDir, OutputError};

use super::csv::render_timeseries;
use super::SweepFailure;
use super::{
    run_done, sensitivity, Done, FinishedRun, Points, Selected, Selection, SweepCsv, SweepOptions,
};
use super::{SweepPlan, SweepSink};
use crate::journal::{
    load_finished, scenario_hash, Finished, JournalWriter, RunRecord, StudyState,
};
use crate::progress::Control;
use crate::steps::{step_values, Steps};
use crate::{exec, failure, StudyError};
use asocia_core::rng::run_seed;

/// The state a sweep's folder records: the hash of the resolved base scenario, the design, its
/// replications and metrics (not the selection, so that shards of one sweep share it), the
/// options that change what a run records, and the runs selected.
pub fn sweep_state(plan: &SweepPlan, options: &SweepOptions) -> Result<StudyState, StudyError> {
    let selected = plan.select(options.selection)?;
    let sweep = plan.sweep();
    let described = serde_json::json!({
        "scenario": plan.study.base.resolved_json(),
        "design": sweep.design,
        "replications": sweep.replications,
        "metrics": plan.metrics(),
    });
    Ok(StudyState {
        program: "asocia".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        study: "sweep".into(),
        scenario_hash: scenario_hash(&described),
        timeseries: options.timeseries || selected.single,
        step_summary: options.step_summary && !selected.single,
        selected: [selected.first, selected.count],
        runs: plan.total()?,
        shard: None,
    })
}

/// A study folder ready to run into (a sweep's, a shard's or a comparison's).
#[derive(Debug)]
pub struct Prepared {
    /// The folder (a symlinked target followed).
    pub dir: PathBuf,
    /// Its finished runs (none in a new folder).
    pub finished: Finished,
    /// What was found, for the user: runs resumed, a torn last record dropped, files kept.
    pub notes: Vec<String>,
}

/// Makes `target` the study folder of `state`, or finds the one a previous invocation of the
/// same study left there (then its finished runs are kept and only the others will run).
///
/// A folder of another study (another scenario hash, program version or options) is refused
/// unless `force`; `force` replaces the asocia files of a folder that holds an asocia result
/// (and starts the study afresh) and keeps every other file; a non-empty folder without an
/// asocia result is refused even with `force`.
pub fn prepare_dir(target: &Path, state: &StudyState, force: bool) -> Result<Prepared, StudyError> {
    let dir = match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(target).map_err(|e| OutputError::Io {
                path: target.to_path_buf(),
                source: e,
            })?
        }
        _ => target.to_path_buf(),
    };
    let mut notes = Vec::new();
    let empty = std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_none());
    if !empty {
        match StudyState::read(&dir)? {
            Some(old) => match old.mismatch(state) {
                None if !force => {
                    let finished = load_finished(&dir)?;
                    notes.push(if state.study == "compare" {
                        format!(
                            "resuming the comparison in {}: {} runs already done",
                            dir.display(),
                            finished.len()
                        )
                    } else {
                        format!(
                            "resuming the sweep in {}: {} of {} selected runs already done",
                            dir.display(),
                            finished.len(),
                            state.selected[1]
                        )
                    });
                    if finished.torn_bytes > 0 {
                        notes.push(format!(
                            "dropped a torn last record ({} bytes) of {}: that run runs again",
                            finished.torn_bytes,
                            dir.join(crate::journal::JOURNAL_FILE).display()
                        ));
                    }
                    return Ok(Prepared {
                        dir,
                        finished,
                        notes,
                    });
                }
                Some(why) if !force => {
                    return Err(StudyError::Invalid(format!(
                        "{} cannot be resumed: {why}; use --force to replace its results, or another --out",
                        dir.display()
                    )))
                }
                _ => {}
            },
            None if !is_results(&dir) => return Err(OutputError::NotResults(dir).into()),
            None if !force => return Err(OutputError::Exists(dir).into()),
            None => {}
        }
        let kept = clear_results(&dir)?;
        if !kept.is_empty() {
            notes.push(format!(
                "replaced the results in {}; kept {} other file{} there",
                dir.display(),
                kept.len(),
                if kept.len() == 1 { "" } else { "s" }
            ));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| OutputError::Io {
        path: dir.clone(),
        source: e,
    })?;
    state.write(&dir)?;
    let finished = load_finished(&dir)?;
    Ok(Prepared {
        dir,
        finished,
        notes,
    })
}

/// The selected runs in the order they are started: replication by replication, and within a
/// replication the points in bit-reversed (van der Corput) order, so that the runs done at any
/// moment are spread over the whole design.
pub fn schedule(plan: &SweepPlan, selected: Selected) -> Vec<u64> {
    let reps = plan.sweep().replications;
    if selected.single || reps == 0 {
        return (selected.first..selected.first + selected.count).collect();
    }
    let first_point = selected.first / reps;
    let n_points = selected.count / reps;
    let bits = u64::BITS - n_points.saturating_sub(1).leading_zeros();
    let order: Vec<u64> = (0..1_u64 << bits)
        .map(|k| {
            if bits == 0 {
                0
            } else {
                k.reverse_bits() >> (64 - bits)
            }
        })
        .filter(|&p| p < n_points)
        .collect();
    let mut runs = Vec::with_capacity(selected.count as usize);
    for rep in 0..reps {
        runs.extend(order.iter().map(|&p| (first_point + p) * reps + rep));
    }
    runs
}

/// How the runs of one invocation went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ran {
    /// Runs done by this invocation.
    pub ran: u64,
    /// Runs that were left to do when it started.
    pub pending: u64,
    /// Cancelled before every pending run was done.
    pub interrupted: bool,
}

/// Runs the selected runs of `plan` that `prepared` does not have yet, appending each to its
/// journal as it finishes; stops starting runs when `control` is cancelled.
pub fn run_sweep_resumable(
    plan: &SweepPlan,
    options: &SweepOptions,
    prepared: &Prepared,
    control: &mut Control<'_>,
) -> Result<Ran, StudyError> {
    let selected = plan.select(options.selection)?;
    let state = sweep_state(plan, options)?;
    let label = format!("sweep {}", plan.study.base.name);
    run_journaled(
        plan,
        &state,
        prepared,
        schedule(plan, selected),
        &label,
        control,
    )
}

/// Runs those of `runs` (in that order) that `prepared` does not have yet, with what `state`
/// records (time series, step summaries), appending each to the folder's journal as it
/// finishes; stops starting runs when `control` is cancelled. What a sweep and a shard share.
pub(crate) fn run_journaled(
    plan: &SweepPlan,
    state: &StudyState,
    prepared: &Prepared,
    runs: Vec<u64>,
    label: &str,
    control: &mut Control<'_>,
) -> Result<Ran, StudyError> {
    let (timeseries, step_summary) = (state.timeseries, state.step_summary);
    let want_steps = timeseries || step_summary;
    let pending: Vec<u64> = runs
        .into_iter()
        .filter(|&r| !prepared.finished.contains(r))
        .collect();
    let mut journal = JournalWriter::open(&prepared.dir, prepared.finished.valid_len)?;
    let model = crate::metrics::Model::of(&plan.study.base);
    let executed = exec::execute(
        label,
        pending.len() as u64,
        control,
        |i| {
            let run = pending[i as usize];
            let done = match failure::caught(|| run_done(plan, run, want_steps))? {
                Ok(done) => done,
                Err(why) => return failed_record(plan, run, why),
            };
            if let Some(why) = failure::bad_metric(plan.metrics(), &done.values, model) {
                return Ok(RunRecord {
                    values: done.values,
                    ..failed_record(plan, run, why)?
                });
            }
            let Done {
                seed,
                values,
                steps,
                every,
                last,
                ..
            } = done;
            let (ts, ts_rows) = if timeseries {
                render_timeseries(plan, run, seed, &steps)?
            } else {
                (Vec::new(), 0)
            };
            Ok(RunRecord {
                run,
                seed,
                every,
                last,
                values,
                steps: if step_summary {
                    step_values(&steps)
                } else {
                    Vec::new()
                },
                timeseries_rows: ts_rows,
                timeseries: ts,
                failure: None,
            })
        },
        |_, record| journal.append(&record),
    );
    journal.sync()?;
    let executed = executed?;
    Ok(Ran {
        ran: executed.done,
        pending: pending.len() as u64,
        interrupted: executed.interrupted,
    })
}

/// The journal record of run `run` of `plan`, which failed for `why`: its seed, point
/// settings and error, no values.
fn failed_record(plan: &SweepPlan, run: u64, why: String) -> Result<RunRecord, StudyError> {
    let reps = plan.sweep().replications;
    let (point, rep) = (run / reps, run % reps);
    let scenario = plan.study.point(&plan.points[point as usize])?;
    Ok(RunRecord {
        run,
        seed: run_seed(scenario.seed, point, rep),
        every: scenario.output.every,
        last: scenario.model.steps(),
        failure: Some(why),
        ..RunRecord::default()
    })
}

/// What [`assemble`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Assembled {
    /// The runs selected.
    pub selected: Selected,
    /// Finished runs written.
    pub done: u64,
    /// Selected runs no source has.
    pub missing: u64,
    /// Runs that failed (in `failures.csv`; counted in `done`).
    pub failed: u64,
    /// Runs found in more than one source (written once).
    pub duplicates: u64,
    /// Every selected run was there, so the sensitivity analysis was done (whole designs).
    pub complete: bool,
    /// Warnings (sensitivity not computed or too uncertain).
    pub warnings: Vec<String>,
    /// The manifest entries of the files written.
    pub files: Vec<ManifestFile>,
}

/// Writes the sweep's tables into `out` from the finished runs of `sources` (one study folder,
/// or the shard folders of one sweep), in run order: each run's row and time series as it was
/// recorded, each point's summaries over its finished runs, and, when every run of the whole
/// design is there, the sensitivity analysis. The same runs give the same bytes however they
/// were split between folders, invocations and threads.
pub fn assemble(
    plan: &SweepPlan,
    options: &SweepOptions,
    sources: &mut [Finished],
    out: &OutputDir,
) -> Result<Assembled, StudyError> {
    let selected = plan.select(options.selection)?;
    let state = sweep_state(plan, options)?;
    for s in sources.iter() {
        if s.state.scenario_hash != state.scenario_hash || s.state.version != state.version {
            return Err(StudyError::Invalid(format!(
                "{}: its runs are of another scenario or program version (scenario hash {}, version {}; expected {}, {})",
                s.dir.display(),
                s.state.scenario_hash,
                s.state.version,
                state.scenario_hash,
                state.version
            )));
        }
    }
    let mut all: Vec<(u64, usize, usize)> = sources
        .iter()
        .enumerate()
        .flat_map(|(src, f)| f.runs().enumerate().map(move |(k, run)| (run, src, k)))
        .filter(|&(run, _, _)| (selected.first..selected.first + selected.count).contains(&run))
        .collect();
    all.sort_unstable();
    let before = all.len() as u64;
    all.dedup_by_key(|&mut (run, _, _)| run);
    let duplicates = before - all.len() as u64;
    let mut csv = SweepCsv::create(out, plan, options)?;
    let mut acc = Points::new(plan, state.step_summary);
    let reps = plan.sweep().replications;
    let mut failed = 0;
    for &(run, src, k) in &all {
        let record = sources[src].read(k)?;
        if let Some(error) = record.failure {
            failed += 1;
            let point = run / reps;
            csv.failure(&SweepFailure {
                run,
                point,
                replication: run % reps,
                seed: record.seed,
                levels: plan.points[point as usize].clone(),
                error,
            })?;
            acc.write_failed(&mut csv, run)?;
            continue;
        }
        csv.append_timeseries(&record.timeseries, record.timeseries_rows)?;
        let finished = FinishedRun {
            run,
            seed: record.seed,
            values: record.values,
            steps: record.steps,
            every: record.every,
            last: record.last,
        };
        let none = Steps::default();
        acc.write_finished(&mut csv, finished, |sink, row| sink.run(row, &none))?;
    }
    acc.flush_point(&mut csv)?;
    let done = all.len() as u64;
    let complete =
        !selected.single && matches!(options.selection, Selection::All) && done == selected.count;
    let mut warnings = Vec::new();
    if complete {
        if let Some(rows) = sensitivity::rows(
            plan,
            plan.metrics(),
            &acc.point_means,
            &acc.point_runs,
            plan.study.base.seed,
            &mut warnings,
        ) {
            csv.sensitivity(&rows)?;
        }
    }
    let files = csv.finish()?;
    Ok(Assembled {
        selected,
        done,
        missing: selected.count - done,
        failed,
        duplicates,
        complete,
        warnings,
        files,
    })
}
