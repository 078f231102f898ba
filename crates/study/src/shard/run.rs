//! Running one shard of a sweep into a folder, resumably (each finished run journaled, as a
//! sweep does; the same command run again continues the shard): its runs' rows of `runs.csv` (and of
//! `timeseries.csv` with time series), their per-step values (`step_values.csv`, with step
//! summaries, so the merge can summarise them exactly), and `shard.json`, which says which shard
//! of which sweep the folder holds, and its failed runs' rows of `failures.csv`. No summaries: a
//! shard holds parts of points.

use asocia_output::{fmt_f64, CsvTable, ManifestFile, OutputDir};

use super::{assign, scenario_hash, shard_runs, Shard, SHARD_FILE, STEP_VALUES_FILE};
use crate::journal::{load_finished, StudyState};
use crate::progress::Control;
use crate::steps::StepSummary;
use crate::sweep::resume::run_journaled;
use crate::sweep::{
    failures_header, level_cell, run_cells, runs_header, sweep_state, Prepared, Series,
    SweepOptions, SweepPlan, SweepRun,
};
use crate::{file_entry, StudyError};

/// How a shard ended.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardOutcome {
    /// The shard's runs (in run order).
    pub planned: u64,
    /// Runs finished and written (by this invocation or an earlier one).
    pub done: u64,
    /// Runs done by this invocation.
    pub ran: u64,
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

/// The state a shard's folder records: the sweep's ([`sweep_state`]: scenario hash, version,
/// options) and the shard, so that a folder is resumed only by the same shard of the same sweep.
pub fn shard_state(
    plan: &SweepPlan,
    shard: Shard,
    options: &SweepOptions,
) -> Result<StudyState, StudyError> {
    if options.selection != crate::sweep::Selection::All {
        return Err(StudyError::Invalid(
            "--shard runs a share of the whole design: it cannot be combined with --points or --run"
                .into(),
        ));
    }
    Ok(StudyState {
        shard: Some([shard.index, shard.count]),
        ..sweep_state(plan, options)?
    })
}

/// Runs shard `shard` of `plan` (the runs [`assign`] gives it, on the current rayon pool) in
/// the study folder `prepared` (made by `prepare_dir` with [`shard_state`]): each finished run
/// goes to the folder's journal, the runs a previous invocation finished are not run again.
/// Then writes into `out` (the same folder, updated) the shard's rows from its journal, in run
/// order, with `options`' time series and step summaries. `version` is the program's version,
/// recorded in `shard.json` with the scenario's hash for the merge to check.
pub fn run_shard(
    plan: &SweepPlan,
    shard: Shard,
    options: &SweepOptions,
    prepared: &Prepared,
    out: &OutputDir,
    version: &str,
    control: &mut Control<'_>,
) -> Result<ShardOutcome, StudyError> {
    let state = shard_state(plan, shard, options)?;
    let total = plan.total()?;
    let owner = assign(plan, shard.count)?;
    let runs = shard_runs(&owner, shard);
    let planned = runs.len() as u64;
    let label = format!("shard {shard} of sweep {}", plan.study.base.name);
    let ran = run_journaled(plan, &state, prepared, runs, &label, control)?;

    let mut table = CsvTable::create(&out.file("runs.csv"), &runs_header(plan))?;
    let mut failures = CsvTable::create(&out.file("failures.csv"), &failures_header(plan))?;
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
    let reps = plan.sweep().replications;
    let mut finished = load_finished(&prepared.dir)?;
    let mut done = 0;
    for k in 0..finished.len() as usize {
        let record = finished.read(k)?;
        let run = record.run;
        if owner.get(run as usize).map(|&s| u64::from(s)) != Some(shard.index) {
            continue;
        }
        done += 1;
        let point = run / reps;
        if let Some(error) = record.failure {
            let mut cells = vec![
                run.to_string(),
                point.to_string(),
                (run % reps).to_string(),
                record.seed.to_string(),
            ];
            cells.extend(plan.points[point as usize].iter().map(level_cell));
            cells.push(error);
            failures.write(&cells)?;
            continue;
        }
        let row = SweepRun {
            run,
            point,
            replication: run % reps,
            seed: record.seed,
            levels: plan.points[point as usize].clone(),
            values: record.values,
        };
        table.write(&run_cells(&row))?;
        if let Some(s) = series.as_mut() {
            s.append_rows(&record.timeseries, record.timeseries_rows)?;
        }
        if let Some(t) = values.as_mut() {
            for (step, groups) in record.steps {
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
    }
    let interrupted = ran.interrupted || done < planned;
    let mut files = vec![file_entry(
        "runs.csv",
        "this shard's rows of the sweep's runs.csv, in run order",
        table.rows(),
    )];
    table.finish()?;
    files.push(file_entry(
        "failures.csv",
        "this shard's rows of the sweep's failures.csv, in run order",
        failures.rows(),
    ));
    failures.finish()?;
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
        "runs_planned": planned,
        "runs_done": done,
        "interrupted": interrupted,
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
        planned,
        done,
        ran: ran.ran,
        interrupted,
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
