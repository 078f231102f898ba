//! A sweep's tables as CSV files in a result folder, written as the runs finish (rows are
//! flushed point by point, so a cancelled sweep keeps every finished run on disk): `runs.csv`,
//! `summary.csv`, `timeseries_summary.csv`, `sensitivity.csv`, the runs' `timeseries.csv` and
//! `failures.csv` (the runs that failed).
//! Column meanings are in `docs/sweeps.md`.

use asocia_core::classic::observer::Observer;
use asocia_output::{
    fmt_f64, summary_cells, CsvTable, FirmTimeseriesWriter, ManifestFile, OutputDir,
    TimeseriesWriter, SUMMARY_STAT_COLUMNS,
};
use asocia_stats::Level;

use super::SweepFailure;
use super::{PointStepSummary, PointSummary, SensitivityRow, SweepOptions, SweepPlan, SweepRun};
use super::{Selection, SweepResult, SweepSink};
use crate::metrics::Model;
use crate::steps::Steps;
use crate::{file_entry, StudyError};

/// The per-run `timeseries.csv` of the model the sweep runs.
pub(crate) enum Series {
    /// Classic games: one row per run and step.
    Classic(TimeseriesWriter),
    /// Firm economy: one row per run, recorded step and group (`all` first).
    Firms(FirmTimeseriesWriter),
}

impl Series {
    /// Creates `path` for the model of `plan`.
    pub(crate) fn create(path: &std::path::Path, plan: &SweepPlan) -> Result<Series, StudyError> {
        Ok(match Model::of(&plan.study.base) {
            Model::Classic => Series::Classic(TimeseriesWriter::create(path, 1)?),
            // The runs keep every `[output] every`-th step; the writer writes what it is given.
            Model::Firms => Series::Firms(FirmTimeseriesWriter::create(path, 1)?),
        })
    }

    /// Writes one run's recorded steps.
    pub(crate) fn write(&mut self, run: u64, seed: u64, steps: &Steps) -> Result<(), StudyError> {
        match self {
            Series::Classic(w) => {
                w.begin_run(run, seed);
                for r in &steps.classic {
                    w.on_step(r)?;
                }
                w.end_run()?;
            }
            Series::Firms(w) => {
                w.begin_run(run, seed);
                for r in &steps.firms {
                    w.write(r)?;
                }
            }
        }
        Ok(())
    }

    /// An in-memory writer of the model of `plan` (no header).
    fn in_memory(plan: &SweepPlan) -> Series {
        match Model::of(&plan.study.base) {
            Model::Classic => Series::Classic(TimeseriesWriter::in_memory(1)),
            Model::Firms => Series::Firms(FirmTimeseriesWriter::in_memory(1)),
        }
    }

    /// The rows written into an in-memory writer, and their number.
    fn take_rows(&mut self) -> Result<(Vec<u8>, u64), StudyError> {
        Ok(match self {
            Series::Classic(w) => w.take_rows()?,
            Series::Firms(w) => w.take_rows()?,
        })
    }

    /// Appends rows rendered by an in-memory writer.
    pub(crate) fn append_rows(&mut self, bytes: &[u8], rows: u64) -> Result<(), StudyError> {
        match self {
            Series::Classic(w) => w.append_rows(bytes, rows)?,
            Series::Firms(w) => w.append_rows(bytes, rows)?,
        }
        Ok(())
    }

    /// Closes the file; returns its number of data rows.
    pub(crate) fn finish(self) -> Result<u64, StudyError> {
        Ok(match self {
            Series::Classic(w) => w.finish()?,
            Series::Firms(w) => w.finish()?,
        })
    }
}

/// Writes a sweep's tables into a result folder as a [`SweepSink`].
pub struct SweepCsv<'a> {
    out: &'a OutputDir,
    plan: &'a SweepPlan,
    runs: CsvTable,
    timeseries: Option<Series>,
    summary: Option<CsvTable>,
    step_summary: Option<CsvTable>,
    sensitivity_rows: Option<u64>,
    failures: CsvTable,
}

impl<'a> SweepCsv<'a> {
    /// Creates the files `options` asks for in `out`, headers written.
    pub fn create(
        out: &'a OutputDir,
        plan: &'a SweepPlan,
        options: &SweepOptions,
    ) -> Result<SweepCsv<'a>, StudyError> {
        let single = matches!(options.selection, Selection::Run(_));
        let keys = plan.keys();
        let runs = CsvTable::create(&out.file("runs.csv"), &runs_header(plan))?;
        let grouped = |after: &[&str]| {
            let mut h = vec!["point".to_string()];
            h.extend(keys.iter().cloned());
            h.extend(after.iter().map(|s| s.to_string()));
            h
        };
        let mut stats = vec!["metric"];
        stats.extend(SUMMARY_STAT_COLUMNS);
        let summary = if !single {
            // `runs` and `complete` say whether every replication of the point ran; `failed`
            // and `missing` how many of the point's runs the summary lacks.
            let mut cols = stats.clone();
            cols.extend(["runs", "complete", "failed", "missing"]);
            Some(CsvTable::create(&out.file("summary.csv"), &grouped(&cols))?)
        } else {
            None
        };
        let step_summary = if options.step_summary && !single {
            let mut cols = vec!["step", "group"];
            cols.extend(&stats);
            Some(CsvTable::create(
                &out.file("timeseries_summary.csv"),
                &grouped(&cols),
            )?)
        } else {
            None
        };
        let timeseries = if !(options.timeseries || single) {
            None
        } else {
            Some(Series::create(&out.file("timeseries.csv"), plan)?)
        };
        let failures = CsvTable::create(&out.file("failures.csv"), &failures_header(plan))?;
        Ok(SweepCsv {
            out,
            plan,
            runs,
            timeseries,
            summary,
            step_summary,
            sensitivity_rows: None,
            failures,
        })
    }

    /// Appends `rows` rows of `timeseries.csv` rendered by [`render_timeseries`] (nothing if
    /// the file is not written).
    pub(crate) fn append_timeseries(&mut self, bytes: &[u8], rows: u64) -> Result<(), StudyError> {
        match self.timeseries.as_mut() {
            Some(ts) => ts.append_rows(bytes, rows),
            None => Ok(()),
        }
    }

    /// The point's index and parameter values as the first cells of a row.
    fn prefix(&self, point: u64) -> Vec<String> {
        let mut prefix = vec![point.to_string()];
        prefix.extend(self.plan.points[point as usize].iter().map(level_cell));
        prefix
    }

    /// Closes every file; returns the manifest entries of the files written.
    pub fn finish(mut self) -> Result<Vec<ManifestFile>, StudyError> {
        let mut files = vec![file_entry(
            "runs.csv",
            "one row per run: run, point, replication, seed, parameter values, final metrics",
            self.runs.rows(),
        )];
        self.runs.finish()?;
        if let Some(ts) = self.timeseries.take() {
            let rows = ts.finish()?;
            files.push(file_entry(
                "timeseries.csv",
                timeseries_description(self.plan),
                rows,
            ));
        }
        if let Some(table) = self.summary.take() {
            let rows = table.finish()?;
            files.push(file_entry(
                "summary.csv",
                "one row per design point and metric: n, mean, sd, se, 95% CI, min, max over replications; runs of the point and whether it is complete",
                rows,
            ));
        }
        if let Some(table) = self.step_summary.take() {
            let rows = table.finish()?;
            files.push(file_entry(
                "timeseries_summary.csv",
                "one row per design point, step, group and step metric: mean and 95% CI over replications",
                rows,
            ));
        }
        files.push(file_entry(
            "failures.csv",
            "one row per failed run: run, point, replication, seed, parameter values, error",
            self.failures.rows(),
        ));
        self.failures.finish()?;
        if let Some(rows) = self.sensitivity_rows {
            files.push(file_entry(
                "sensitivity.csv",
                "Sobol first-order and total indices with bootstrap 95% CIs (Sobol designs), or main effects (grids), per metric and parameter",
                rows,
            ));
        }
        Ok(files)
    }
}

impl SweepSink for SweepCsv<'_> {
    fn run(&mut self, r: &SweepRun, steps: &Steps) -> Result<(), StudyError> {
        self.runs.write(&run_cells(r))?;
        if let Some(ts) = self.timeseries.as_mut() {
            ts.write(r.run, r.seed, steps)?;
        }
        Ok(())
    }

    fn point(
        &mut self,
        summaries: &[PointSummary],
        steps: &[PointStepSummary],
    ) -> Result<(), StudyError> {
        if let Some(first) = summaries.first() {
            let prefix = self.prefix(first.point);
            if let Some(table) = self.summary.as_mut() {
                for s in summaries {
                    let mut row = prefix.clone();
                    row.push(s.metric.to_string());
                    row.extend(summary_cells(&s.summary));
                    let missing = self.plan.sweep().replications - s.runs - s.failed;
                    row.extend([
                        s.runs.to_string(),
                        s.complete.to_string(),
                        s.failed.to_string(),
                        missing.to_string(),
                    ]);
                    table.write(&row)?;
                }
                table.flush()?;
            }
            if let Some(table) = self.step_summary.as_mut() {
                for s in steps {
                    let mut row = prefix.clone();
                    row.push(s.step.to_string());
                    row.push(s.group.clone());
                    row.push(s.metric.to_string());
                    row.extend(summary_cells(&s.summary));
                    table.write(&row)?;
                }
            }
        }
        self.runs.flush()?;
        Ok(())
    }

    fn failure(&mut self, r: &SweepFailure) -> Result<(), StudyError> {
        let mut row = vec![
            r.run.to_string(),
            r.point.to_string(),
            r.replication.to_string(),
            r.seed.to_string(),
        ];
        row.extend(r.levels.iter().map(level_cell));
        row.push(r.error.clone());
        self.failures.write(&row)?;
        self.failures.flush()?;
        Ok(())
    }

    fn sensitivity(&mut self, rows: &[SensitivityRow]) -> Result<(), StudyError> {
        let mut table = CsvTable::create(
            &self.out.file("sensitivity.csv"),
            &[
                "metric",
                "parameter",
                "index",
                "level",
                "n",
                "mean",
                "value",
                "ci_low",
                "ci_high",
                "failed_runs",
            ],
        )?;
        let opt = |x: Option<f64>| x.map_or_else(String::new, fmt_f64);
        for r in rows {
            table.write(&[
                r.metric.to_string(),
                r.parameter.clone(),
                r.index.to_string(),
                r.level.as_ref().map_or_else(String::new, level_cell),
                r.n.to_string(),
                opt(r.mean),
                fmt_f64(r.value),
                opt(r.ci_low),
                opt(r.ci_high),
                r.failed_runs.to_string(),
            ])?;
        }
        self.sensitivity_rows = Some(table.finish()?);
        Ok(())
    }
}

/// Writes an in-memory sweep `result` (of `plan`, run with `options`) into `out` as
/// [`SweepCsv`] would have written it while the runs finished; returns the manifest entries.
pub fn write_sweep(
    out: &OutputDir,
    plan: &SweepPlan,
    options: &SweepOptions,
    result: &SweepResult,
) -> Result<Vec<ManifestFile>, StudyError> {
    let mut csv = SweepCsv::create(out, plan, options)?;
    let none = Steps::default();
    let mut series = result.timeseries.iter();
    for f in &result.failures {
        csv.failure(f)?;
    }
    for (k, r) in result.runs.iter().enumerate() {
        let steps = match series.next() {
            Some((run, _, steps)) if *run == r.run => steps,
            _ => &none,
        };
        csv.run(r, steps)?;
        // A point's summaries follow its last run.
        if result
            .runs
            .get(k + 1)
            .is_none_or(|next| next.point != r.point)
        {
            let summaries: Vec<PointSummary> = result
                .summary
                .iter()
                .filter(|s| s.point == r.point)
                .cloned()
                .collect();
            let steps: Vec<PointStepSummary> = result
                .step_summary
                .iter()
                .filter(|s| s.point == r.point)
                .cloned()
                .collect();
            csv.point(&summaries, &steps)?;
        }
    }
    if let Some(rows) = &result.sensitivity {
        csv.sensitivity(rows)?;
    }
    csv.finish()
}

/// One run's `timeseries.csv` rows as [`SweepCsv`] would write them, and their number.
pub(crate) fn render_timeseries(
    plan: &SweepPlan,
    run: u64,
    seed: u64,
    steps: &Steps,
) -> Result<(Vec<u8>, u64), StudyError> {
    let mut series = Series::in_memory(plan);
    series.write(run, seed, steps)?;
    series.take_rows()
}

/// The manifest's description of `timeseries.csv`.
pub(crate) fn timeseries_description(plan: &SweepPlan) -> &'static str {
    match Model::of(&plan.study.base) {
        Model::Classic => "one row per run and step (run as in runs.csv)",
        Model::Firms => {
            "one row per run, recorded step and group (group `all` first; run as in runs.csv)"
        }
    }
}

/// The header of `runs.csv`: run, point, replication, seed, the design keys, the metrics.
pub(crate) fn runs_header(plan: &SweepPlan) -> Vec<String> {
    let mut header: Vec<String> = ["run", "point", "replication", "seed"]
        .map(String::from)
        .to_vec();
    header.extend(plan.keys());
    header.extend(plan.metrics().iter().map(|m| m.to_string()));
    header
}

/// The header of `failures.csv`: run, point, replication, seed, the design keys, error.
pub(crate) fn failures_header(plan: &SweepPlan) -> Vec<String> {
    let mut header: Vec<String> = ["run", "point", "replication", "seed"]
        .map(String::from)
        .to_vec();
    header.extend(plan.keys());
    header.push("error".into());
    header
}

/// A run's row of `runs.csv`.
pub(crate) fn run_cells(r: &SweepRun) -> Vec<String> {
    let mut row = vec![
        r.run.to_string(),
        r.point.to_string(),
        r.replication.to_string(),
        r.seed.to_string(),
    ];
    row.extend(r.levels.iter().map(level_cell));
    row.extend(r.values.iter().map(|&v| fmt_f64(v)));
    row
}

/// A parameter value as a CSV cell (floats in shortest round-trip form).
pub fn level_cell(level: &Level) -> String {
    match level {
        Level::Float(x) => fmt_f64(*x),
        other => other.to_string(),
    }
}
