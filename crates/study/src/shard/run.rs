//! Running one shard of a sweep into a folder: its runs' rows of `runs.csv` (and of
//! `timeseries.csv` with time series), their per-step values (`step_values.csv`, with step
//! summaries, so the merge can summarise them exactly), and `shard.json`, which says which shard
//! of which sweep the folder holds. No summaries: a shard holds parts of points.

use asocia_output::{fmt_f64, CsvTable, ManifestFile, OutputDir};

use super::{assign, scenario_hash, shard_runs, Shard, SHARD_FILE, STEP_VALUES_FILE};
use crate::progress::Control;
use crate::steps::{step_values, StepSummary};
use crate::sweep::{run_cells, run_done, runs_header, Series, SweepOptions, SweepPlan, SweepRun};
use crate::{exec, file_entry, StudyError};

/// How a shard ended.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardOutcome {
    /// The shard's runs (in run order).
    pub planned: u64,
    /// Runs finished and written (a prefix of them).
    pub done: u64,
    /// Cancelled before every run was done.
    pub interrupted: bool,
    /// The files written (for the manifest), `shard.json` last.
    pub files: Vec<ManifestFile>,
}

/// The header of `step_values.csv`: run, step, group (empty for all firms), the summarised
/// per-step metrics.
pub(crate) fn step_values_header(plan: &SweepPlan) -> Vec<String> {
    let mut h: Vec<String> = ["run", "step", "group"].map(String::from).to_vec();
    h.extend(
        StepSummary::for_scenario(&plan.study.base)
            .metrics()
            .iter()
            .map(|m| m.to_string()),
    );
    h
}

/// Runs shard `shard` of `plan` (the runs [`assign`] gives it, in run order, on the current
/// rayon pool) into `out`, with `options`' time series and step summaries (its selection must
/// be the whole design). `version` is the program's version, recorded in `shard.json` with the
/// scenario's hash for the merge to check.
pub fn run_shard(
    plan: &SweepPlan,
    shard: Shard,
    options: &SweepOptions,
    out: &OutputDir,
    version: &str,
    control: &mut Control<'_>,
) -> Result<ShardOutcome, StudyError> {
    if options.selection != crate::sweep::Selection::All {
        return Err(StudyError::Invalid(
            "--shard runs a share of the whole design: it cannot be combined with --points or --run"
                .into(),
        ));
    }
    let total = plan.total()?;
    let owner = assign(plan, shard.count)?;
    let runs = shard_runs(&owner, shard);
    let mut table = CsvTable::create(&out.file("runs.csv"), &runs_header(plan))?;
    let mut series = match options.timeseries {
        true => Some(Series::create(&out.file("timeseries.csv"), plan)?),
        false => None,
    };
    let mut values = match options.step_summary {
        true => Some(CsvTable::create(
            &out.file(STEP_VALUES_FILE),
            &step_values_header(plan),
        )?),
        false => None,
    };
    let want_steps = options.timeseries || options.step_summary;
    let metrics = plan.metrics();
    let reps = plan.sweep().replications;
    let label = format!("shard {shard} of sweep {}", plan.study.base.name);
    let executed = exec::execute(
        &label,
        runs.len() as u64,
        control,
        |i| run_done(plan, runs[i as usize], want_steps),
        |i, done| {
            let run = runs[i as usize];
            if done.values.len() != metrics.len() {
                return Err(StudyError::Invalid(format!(
                    "run {run} reported {} metrics, the sweep expects {}: every point must use the same model",
                    done.values.len(),
                    metrics.len()
                )));
            }
            let point = run / reps;
            let row = SweepRun {
                run,
                point,
                replication: run % reps,
                seed: done.seed,
                levels: plan.points[point as usize].clone(),
                values: done.values,
            };
            table.write(&run_cells(&row))?;
            if let Some(s) = series.as_mut() {
                s.write(run, row.seed, &done.steps)?;
            }
            if let Some(t) = values.as_mut() {
                for (step, groups) in step_values(&done.steps) {
                    for (group, vals) in groups {
                        let mut cells = vec![
                            run.to_string(),
                            step.to_string(),
                            group.map_or_else(String::new, |g| g.to_string()),
                        ];
                        cells.extend(vals.iter().map(|&v| exact_cell(v)));
                        t.write(&cells)?;
                    }
                }
            }
            Ok(())
        },
    )?;
    let mut files = vec![file_entry(
        "runs.csv",
        "this shard's rows of the sweep's runs.csv, in run order",
        table.rows(),
    )];
    table.finish()?;
    if let Some(s) = series {
        files.push(file_entry(
            "timeseries.csv",
            "this shard's rows of the sweep's timeseries.csv, in run order",
            s.finish()?,
        ));
    }
    if let Some(t) = values {
        files.push(file_entry(
            STEP_VALUES_FILE,
            "per run, recorded step and group, the per-step metrics the merge summarises",
            t.finish()?,
        ));
    }
    let json = serde_json::json!({
        "program": "asocia",
        "version": version,
        "shard": { "index": shard.index, "count": shard.count },
        "scenario_hash": scenario_hash(plan),
        "sweep_runs": total,
        "runs_planned": runs.len() as u64,
        "runs_done": executed.done,
        "interrupted": executed.interrupted,
        "timeseries": options.timeseries,
        "step_summary": options.step_summary,
        "study": plan.study.resolved_toml(),
    });
    let path = out.file(SHARD_FILE);
    let mut text = serde_json::to_string_pretty(&json)
        .map_err(|e| StudyError::Invalid(format!("{}: {e}", path.display())))?;
    text.push('\n');
    std::fs::write(&path, text).map_err(|source| {
        StudyError::Output(asocia_output::OutputError::Io {
            path: path.clone(),
            source,
        })
    })?;
    files.push(ManifestFile {
        name: SHARD_FILE.into(),
        description: "which shard of which sweep: index and count, the scenario's hash, the program's version, the resolved study".into(),
        rows: None,
    });
    Ok(ShardOutcome {
        planned: runs.len() as u64,
        done: executed.done,
        interrupted: executed.interrupted,
        files,
    })
}

/// A value written so that reading it back gives the same `f64` bit for bit (NaN as an empty
/// cell, as in every table; `-0` kept, unlike the tables' `0`).
pub(crate) fn exact_cell(v: f64) -> String {
    if v == 0.0 && v.is_sign_negative() {
        "-0".into()
    } else {
        fmt_f64(v)
    }
}

/// Reads a cell written by [`exact_cell`] or `fmt_f64`.
pub(crate) fn parse_cell(cell: &str) -> Option<f64> {
    if cell.is_empty() {
        Some(f64::NAN)
    } else {
        cell.parse().ok()
    }
}
