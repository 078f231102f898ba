//! `asocia sweep`: every point of a scenario's `[sweep]` design, replicated, run in parallel;
//! `runs.csv`, `summary.csv`, `sensitivity.csv` and optional time series written as the runs
//! finish, in run order.
//!
//! Run `r` is replication `r mod R` of design point `r div R` (R replications per point), with
//! seed `run_seed(seed, point, replication)`: any run can be re-run alone with `--run r`.
//! Memory stays flat as runs grow: a run's row is written when it finishes, and only the
//! accumulators of the point in progress and one mean per point and metric (for the
//! sensitivity analysis) are kept.

use std::time::Instant;

use asocia_core::observer::Observer;
use asocia_core::rng::run_seed;
use asocia_output::{
    fmt_f64, summary_cells, CsvTable, FirmTimeseriesWriter, OutputDir, StudyManifest,
    TimeseriesWriter, Timestamp, SUMMARY_STAT_COLUMNS,
};
use asocia_scenario::{load_study, Scenario, Sweep};
use asocia_stats::sensitivity::SobolOptions;
use asocia_stats::{
    main_effects, sobol_indices, Accumulator, Design, Level, SaltelliOutputs, StatsError,
};

use crate::args::SweepArgs;
use crate::exec;
use crate::progress::{install_interrupt_handler, Progress};
use crate::runner::{self, Discard};
use crate::study::{
    default_out, file_entry, run_error, set_threads, ManifestBase, StepSummary, Steps, StudyError,
};

/// What a finished run hands to the writer.
struct Done {
    seed: u64,
    values: Vec<f64>,
    steps: Steps,
    every: u64,
    last: u64,
}

/// The per-run `timeseries.csv` of the model the sweep runs.
enum Series {
    /// Classic games: one row per run and step.
    Classic(TimeseriesWriter),
    /// Firm economy: one row per run, recorded step and group (`all` first).
    Firms(FirmTimeseriesWriter),
}

impl Series {
    /// Writes one run's recorded steps.
    fn write(&mut self, run: u64, seed: u64, steps: &Steps) -> Result<(), StudyError> {
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

    /// Closes the file; returns its number of data rows.
    fn finish(self) -> Result<u64, StudyError> {
        Ok(match self {
            Series::Classic(w) => w.finish()?,
            Series::Firms(w) => w.finish()?,
        })
    }
}

/// `asocia sweep FILE [--set ...] [--out DIR] [--force] [--threads N] [--points A..B | --run R]`.
pub fn sweep(args: SweepArgs) -> Result<(), StudyError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let file = &args.scenario.file;
    let study = load_study(file, &args.scenario.set)?;
    let Some(sweep) = study.sweep.as_ref() else {
        return Err(StudyError::Message(format!(
            "{}: the scenario has no [sweep] section (see docs/sweeps.md)",
            file.display()
        )));
    };
    // Every point is resolved and checked before anything runs.
    let points = study.sweep_points()?;
    let reps = sweep.replications;
    let n_points = points.len() as u64;
    let total = n_points
        .checked_mul(reps)
        .ok_or_else(|| StudyError::Message("too many runs".into()))?;
    let (first, count, single) = match (args.points, args.run) {
        (Some((a, b)), _) => {
            if b > n_points {
                return Err(StudyError::Message(format!(
                    "--points {a}..{b}: the design has {n_points} points (0..{n_points})"
                )));
            }
            (a * reps, (b - a) * reps, false)
        }
        (None, Some(r)) => {
            if r >= total {
                return Err(StudyError::Message(format!(
                    "--run {r}: the sweep has {total} runs (0..{total})"
                )));
            }
            (r, 1, true)
        }
        (None, None) => (0, total, false),
    };
    let threads = set_threads(args.output.threads)?;
    let suffix = args.run.map_or_else(String::new, |r| format!("-run{r}"));
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| default_out(file, &suffix));
    let out = OutputDir::create(&target, args.output.force)?;
    let metrics = runner::summary_metrics(&study.base);
    let want_steps = args.timeseries || args.step_summary || single;
    let mut writer = Writer::create(
        &out,
        &study.base,
        sweep,
        &points,
        metrics,
        WriterOptions {
            timeseries: args.timeseries || single,
            step_summary: args.step_summary && !single,
            summary: !single,
        },
    )?;

    install_interrupt_handler();
    let mut progress = Progress::new(&format!("sweep {}", study.base.name), count);
    let executed = exec::execute(
        count,
        &mut progress,
        |i| {
            let run = first + i;
            let (point, rep) = (run / reps, run % reps);
            let scenario = study.point(&points[point as usize])?;
            let seed = run_seed(scenario.seed, point, rep);
            let mut steps = Steps::every(scenario.output.every);
            let outcome = if want_steps {
                runner::run_one(&scenario, seed, &mut steps)
            } else {
                runner::run_one(&scenario, seed, &mut Discard)
            }
            .map_err(|e| run_error(run, e))?;
            Ok(Done {
                seed,
                values: outcome.values,
                steps,
                every: scenario.output.every,
                last: scenario.sim.run.steps,
            })
        },
        |i, done| writer.write(first + i, done),
    )?;
    progress.finish();

    let complete = !single && args.points.is_none() && !executed.interrupted;
    let (files, warnings) = writer.finish(&out, complete, study.base.seed)?;
    let secs = clock.elapsed().as_secs_f64();
    let manifest = StudyManifest {
        base: ManifestBase {
            file,
            overrides: &args.scenario.set,
            scenario: &study.base,
            threads,
            started,
            wall_seconds: secs,
            files,
        }
        .manifest(),
        study: "sweep".into(),
        design: serde_json::json!({
            "design": sweep.design,
            "keys": sweep.design.keys(),
            "points": n_points,
            "replications": reps,
            "runs": total,
            "selected_runs": [first, first + count],
        }),
        runs_planned: count,
        runs_done: executed.done,
        interrupted: executed.interrupted,
        warnings: warnings.clone(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    outln!(
        "sweep {}: {} points × {} replications = {} runs; {} run{} in {:.2} s on {} thread{} ({:.1} runs/s)",
        study.base.name,
        n_points,
        reps,
        total,
        executed.done,
        if executed.done == 1 { "" } else { "s" },
        secs,
        threads,
        if threads == 1 { "" } else { "s" },
        executed.done as f64 / secs.max(1e-9)
    );
    outln!("results in {}", folder.display());
    if executed.interrupted {
        return Err(StudyError::Interrupted(format!(
            "interrupted: {} of {count} runs finished and kept in {} (summary.csv marks the unfinished point `complete = false`; no plots drawn; `asocia plot {}` draws them)",
            executed.done,
            folder.display(),
            folder.display()
        )));
    }
    if args.output.plot {
        crate::plot::plot_and_report(&folder)?;
    }
    Ok(())
}

/// Which optional files the writer writes.
struct WriterOptions {
    timeseries: bool,
    step_summary: bool,
    summary: bool,
}

/// Writes the rows of finished runs, in run order, and keeps what the summaries need.
struct Writer<'a> {
    base: &'a Scenario,
    sweep: &'a Sweep,
    points: &'a [Vec<Level>],
    metrics: &'static [&'static str],
    runs: CsvTable,
    timeseries: Option<Series>,
    summary: Option<CsvTable>,
    step_summary: Option<(CsvTable, StepSummary)>,
    /// The point whose runs are being accumulated, its accumulators (one per metric) and its
    /// runs so far.
    current: Option<(u64, Vec<Accumulator>, u64)>,
    /// Mean of every metric at every completed point, in point order.
    point_means: Vec<Vec<f64>>,
}

impl<'a> Writer<'a> {
    fn create(
        out: &OutputDir,
        base: &'a Scenario,
        sweep: &'a Sweep,
        points: &'a [Vec<Level>],
        metrics: &'static [&'static str],
        opts: WriterOptions,
    ) -> Result<Self, StudyError> {
        let keys = sweep.design.keys();
        let mut header: Vec<String> = ["run", "point", "replication", "seed"]
            .map(String::from)
            .to_vec();
        header.extend(keys.iter().cloned());
        header.extend(metrics.iter().map(|m| m.to_string()));
        let runs = CsvTable::create(&out.file("runs.csv"), &header)?;
        let grouped = |after: &[&str]| {
            let mut h = vec!["point".to_string()];
            h.extend(keys.iter().cloned());
            h.extend(after.iter().map(|s| s.to_string()));
            h
        };
        let mut stats = vec!["metric"];
        stats.extend(SUMMARY_STAT_COLUMNS);
        let summary = if opts.summary {
            // `runs` and `complete` say whether every replication of the point ran.
            let mut cols = stats.clone();
            cols.extend(["runs", "complete"]);
            Some(CsvTable::create(&out.file("summary.csv"), &grouped(&cols))?)
        } else {
            None
        };
        let step_summary = if opts.step_summary {
            let mut cols = vec!["step", "group"];
            cols.extend(&stats);
            Some((
                CsvTable::create(&out.file("timeseries_summary.csv"), &grouped(&cols))?,
                StepSummary::for_scenario(base),
            ))
        } else {
            None
        };
        let timeseries = if !opts.timeseries {
            None
        } else if base.firms.is_some() {
            // The runs keep every `[output] every`-th step; the writer writes what it is given.
            let path = out.file("timeseries.csv");
            Some(Series::Firms(FirmTimeseriesWriter::create(&path, 1)?))
        } else {
            let path = out.file("timeseries.csv");
            Some(Series::Classic(TimeseriesWriter::create(&path, 1)?))
        };
        Ok(Writer {
            base,
            sweep,
            points,
            metrics,
            runs,
            timeseries,
            summary,
            step_summary,
            current: None,
            point_means: Vec::new(),
        })
    }

    fn write(&mut self, run: u64, done: Done) -> Result<(), StudyError> {
        let reps = self.sweep.replications;
        let (point, rep) = (run / reps, run % reps);
        if done.values.len() != self.metrics.len() {
            return Err(StudyError::Message(format!(
                "run {run} reported {} metrics, the sweep expects {} ({}): every point must use the same model",
                done.values.len(),
                self.metrics.len(),
                self.metrics.join(", ")
            )));
        }
        let mut row = vec![
            run.to_string(),
            point.to_string(),
            rep.to_string(),
            done.seed.to_string(),
        ];
        row.extend(self.points[point as usize].iter().map(level_cell));
        row.extend(done.values.iter().map(|&v| fmt_f64(v)));
        self.runs.write(&row)?;
        if let Some(ts) = self.timeseries.as_mut() {
            ts.write(run, done.seed, &done.steps)?;
        }
        if self.current.as_ref().is_some_and(|(p, _, _)| *p != point) {
            self.flush_point()?;
        }
        let (_, accs, runs) = self
            .current
            .get_or_insert_with(|| (point, vec![Accumulator::default(); done.values.len()], 0));
        *runs += 1;
        for (acc, &v) in accs.iter_mut().zip(&done.values) {
            if v.is_finite() {
                acc.push(v);
            }
        }
        if let Some((_, steps)) = self.step_summary.as_mut() {
            steps.push(&done.steps, done.every, done.last);
        }
        if rep + 1 == reps {
            self.flush_point()?;
        }
        Ok(())
    }

    /// Writes the summary rows of the current point and keeps its means.
    fn flush_point(&mut self) -> Result<(), StudyError> {
        let Some((point, accs, runs)) = self.current.take() else {
            return Ok(());
        };
        let complete = runs == self.sweep.replications;
        let mut prefix = vec![point.to_string()];
        prefix.extend(self.points[point as usize].iter().map(level_cell));
        if let Some(table) = self.summary.as_mut() {
            for (metric, acc) in self.metrics.iter().zip(&accs) {
                let mut row = prefix.clone();
                row.push(metric.to_string());
                row.extend(summary_cells(&acc.summary()));
                row.extend([runs.to_string(), complete.to_string()]);
                table.write(&row)?;
            }
            table.flush()?;
        }
        if let Some((table, steps)) = self.step_summary.as_mut() {
            for (t, group, metric, acc) in steps.rows() {
                let mut row = prefix.clone();
                row.push(t.to_string());
                row.push(group);
                row.push(metric.to_string());
                row.extend(summary_cells(&acc.summary()));
                table.write(&row)?;
            }
            *steps = StepSummary::for_scenario(self.base);
        }
        self.runs.flush()?;
        self.point_means
            .push(accs.iter().map(Accumulator::mean).collect());
        Ok(())
    }

    /// Closes every file; with the whole design done, writes `sensitivity.csv`. Returns the
    /// manifest entries and the warnings.
    fn finish(
        mut self,
        out: &OutputDir,
        complete: bool,
        seed: u64,
    ) -> Result<(Vec<asocia_output::ManifestFile>, Vec<String>), StudyError> {
        self.flush_point()?;
        let mut warnings = Vec::new();
        let sensitivity_rows = if complete {
            self.sensitivity(out, seed, &mut warnings)?
        } else {
            None
        };
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
                if self.base.firms.is_some() {
                    "one row per run, recorded step and group (group `all` first; run as in runs.csv)"
                } else {
                    "one row per run and step (run as in runs.csv)"
                },
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
        if let Some((table, _)) = self.step_summary.take() {
            let rows = table.finish()?;
            files.push(file_entry(
                "timeseries_summary.csv",
                "one row per design point, step, group and step metric: mean and 95% CI over replications",
                rows,
            ));
        }
        if let Some(rows) = sensitivity_rows {
            files.push(file_entry(
                "sensitivity.csv",
                "Sobol first-order and total indices with bootstrap 95% CIs (Sobol designs), or main effects (grids), per metric and parameter",
                rows,
            ));
        }
        Ok((files, warnings))
    }

    /// `sensitivity.csv` for grids (main effects) and Sobol designs (indices); `None` for
    /// Latin hypercube designs.
    fn sensitivity(
        &self,
        out: &OutputDir,
        seed: u64,
        warnings: &mut Vec<String>,
    ) -> Result<Option<u64>, StudyError> {
        let design = &self.sweep.design;
        if matches!(design, Design::LatinHypercube { .. }) {
            return Ok(None);
        }
        let keys = design.keys();
        let mut table = CsvTable::create(
            &out.file("sensitivity.csv"),
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
            ],
        )?;
        for (m, metric) in self.metrics.iter().enumerate() {
            let y: Vec<f64> = self.point_means.iter().map(|p| p[m]).collect();
            let skip = |why: &StatsError| format!("sensitivity of `{metric}` not computed: {why}");
            if let Design::Sobol { .. } = design {
                let outputs = match SaltelliOutputs::from_design_order(&y, keys.len()) {
                    Ok(o) => o,
                    Err(e) => {
                        warnings.push(skip(&e));
                        continue;
                    }
                };
                let opts = SobolOptions {
                    seed,
                    ..SobolOptions::default()
                };
                match sobol_indices(&keys, &outputs, &opts) {
                    Ok(indices) => {
                        for s in indices {
                            let n = outputs.n().to_string();
                            for (index, lo, hi) in s.wide_intervals() {
                                warnings.push(format!(
                                    "sensitivity of `{metric}` to `{}`: the 95% interval of the `{index}` index, [{lo:.3}, {hi:.3}], is wider than the [0, 1] range of an index; too few base rows (N = {n}) for this metric: raise `sweep.samples`",
                                    s.key
                                ));
                            }
                            for (index, v, lo, hi) in [
                                ("first", s.first, s.first_ci_low, s.first_ci_high),
                                ("total", s.total, s.total_ci_low, s.total_ci_high),
                            ] {
                                table.write(&[
                                    metric.to_string(),
                                    s.key.clone(),
                                    index.to_string(),
                                    String::new(),
                                    n.clone(),
                                    String::new(),
                                    fmt_f64(v),
                                    fmt_f64(lo),
                                    fmt_f64(hi),
                                ])?;
                            }
                        }
                    }
                    // A metric that does not vary (e.g. steps_run without absorption) has no
                    // indices; say so only for metrics that are not constant by design.
                    Err(StatsError::ZeroVariance) => {}
                    Err(e) => warnings.push(skip(&e)),
                }
            } else {
                match main_effects(&keys, self.points, &y) {
                    Ok(effects) => {
                        for e in effects {
                            table.write(&[
                                metric.to_string(),
                                e.key,
                                "main_effect".to_string(),
                                level_cell(&e.level),
                                e.n.to_string(),
                                fmt_f64(e.mean),
                                fmt_f64(e.effect),
                                String::new(),
                                String::new(),
                            ])?;
                        }
                    }
                    // Metrics undefined at some point (e.g. absorbed_at) have no main effects.
                    Err(StatsError::NonFinite { .. }) => {}
                    Err(e) => warnings.push(skip(&e)),
                }
            }
        }
        Ok(Some(table.finish()?))
    }
}

/// A parameter value as a CSV cell (floats in shortest round-trip form).
fn level_cell(level: &Level) -> String {
    match level {
        Level::Float(x) => fmt_f64(*x),
        other => other.to_string(),
    }
}
