//! `asocia compare`: the arms of a `[compare]` section, or two scenario files, run on common
//! random numbers — replication `r` of every arm uses the seed `run_seed(seed, 0, r)`, the same
//! seed `asocia run` gives its run `r` — and compared pairwise: each arm's mean and CI, the
//! paired difference with t and bootstrap CIs, Cohen's d_z, and the share of replications each
//! arm won.

use std::path::{Path, PathBuf};
use std::time::Instant;

use asocia_core::rng::run_seed;
use asocia_output::{
    fmt_f64, summary_cells, CsvTable, OutputDir, StudyManifest, Timestamp, SUMMARY_STAT_COLUMNS,
};
use asocia_scenario::{load_study, Scenario};
use asocia_stats::{compare_paired, PairedComparison, PairedOptions, Summary};

use crate::args::CompareArgs;
use crate::exec;
use crate::progress::{install_interrupt_handler, interrupted, Progress};
use crate::runner;
use crate::study::{
    cell, default_out, file_entry, run_error, set_threads, ManifestBase, StepSummary, Steps,
    StudyError,
};

/// The arms of a comparison and how they are paired.
struct Plan {
    /// Arm names and scenarios, in order.
    arms: Vec<(String, Scenario)>,
    /// Pairs `(a, b)`: differences are arm `a` minus arm `b`.
    pairs: Vec<(usize, usize)>,
    /// Initial replications per arm.
    replications: u64,
    /// Base seed of the common random numbers.
    seed: u64,
    /// The scenario recorded in the manifest.
    base: Scenario,
    /// Arm settings for the manifest.
    settings: Vec<Vec<String>>,
}

/// A finished run.
struct Done {
    values: Vec<f64>,
    steps: Steps,
}

/// `asocia compare FILE | FILE_A FILE_B [--set ...] [--until-ci W] ...`.
pub fn compare(args: CompareArgs) -> Result<(), StudyError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let plan = plan(&args.files, &args.set)?;
    let mut warnings = Vec::new();
    for &(a, b) in &plan.pairs {
        if same_model(&plan.arms[a].1, &plan.arms[b].1) {
            warnings.push(format!(
                "arms `{}` and `{}` differ in nothing: on common random numbers their differences are exactly 0",
                plan.arms[a].0, plan.arms[b].0
            ));
        }
    }
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    if let Some(w) = args.until_ci {
        if !(w > 0.0 && w.is_finite()) {
            return Err(StudyError::Message(format!(
                "--until-ci {w}: the width must be a positive number"
            )));
        }
    }
    let metrics = runner::summary_metrics(&plan.base);
    for m in &args.ci_metrics {
        if !metrics.contains(&m.as_str()) {
            return Err(StudyError::Message(format!(
                "--ci-metric {m}: not a metric of this model (metrics: {})",
                metrics.join(", ")
            )));
        }
    }
    let threads = set_threads(args.output.threads)?;
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| match &args.files[..] {
            [one] => default_out(one, ""),
            [a, b, ..] => default_out(a, &format!("-vs-{}", stem(b))),
            [] => unreachable!("clap requires a file"),
        });
    let out = OutputDir::create(&target, args.output.force)?;
    let n_arms = plan.arms.len() as u64;
    let mut runs_header: Vec<String> = ["run", "arm", "replication", "seed"]
        .map(String::from)
        .to_vec();
    runs_header.extend(metrics.iter().map(|m| m.to_string()));
    let mut runs = CsvTable::create(&out.file("runs.csv"), &runs_header)?;
    // values[arm][metric][replication]; step summaries per arm.
    let mut values = vec![vec![Vec::new(); metrics.len()]; plan.arms.len()];
    let mut steps: Vec<StepSummary> = plan
        .arms
        .iter()
        .map(|(_, sc)| StepSummary::for_scenario(sc))
        .collect();

    install_interrupt_handler();
    let mut reps = 0_u64;
    let mut target_reps = if args.until_ci.is_some() {
        plan.replications.max(2)
    } else {
        plan.replications
    };
    let mut was_interrupted = false;
    let mut ci_note = None;
    loop {
        let batch = target_reps - reps;
        let first = reps * n_arms;
        let mut progress = Progress::new(&format!("compare {}", plan.base.name), batch * n_arms);
        let executed = exec::execute(
            batch * n_arms,
            &mut progress,
            |i| {
                let run = first + i;
                let (rep, arm) = (run / n_arms, (run % n_arms) as usize);
                let scenario = &plan.arms[arm].1;
                let mut rec = Steps::every(scenario.output.every);
                let outcome = runner::run_one(scenario, run_seed(plan.seed, 0, rep), &mut rec)
                    .map_err(|e| run_error(run, e))?;
                Ok(Done {
                    values: outcome.values,
                    steps: rec,
                })
            },
            |i, done| {
                let run = first + i;
                let (rep, arm) = (run / n_arms, (run % n_arms) as usize);
                if done.values.len() != metrics.len() {
                    return Err(StudyError::Message(format!(
                        "arm `{}` reports {} metrics and the first arm {}: arms must use the same model",
                        plan.arms[arm].0,
                        done.values.len(),
                        metrics.len()
                    )));
                }
                let mut row = vec![
                    run.to_string(),
                    plan.arms[arm].0.clone(),
                    rep.to_string(),
                    run_seed(plan.seed, 0, rep).to_string(),
                ];
                row.extend(done.values.iter().map(|&v| fmt_f64(v)));
                runs.write(&row)?;
                for (m, &v) in done.values.iter().enumerate() {
                    values[arm][m].push(v);
                }
                let sc = &plan.arms[arm].1;
                steps[arm].push(&done.steps, sc.output.every, sc.sim.run.steps);
                Ok(())
            },
        )?;
        progress.finish();
        runs.flush()?;
        // Only whole replications (every arm) are compared.
        reps += executed.done / n_arms;
        for arm in &mut values {
            for v in arm.iter_mut() {
                v.truncate(reps as usize);
            }
        }
        if executed.interrupted || interrupted() {
            was_interrupted = true;
            break;
        }
        let Some(width) = args.until_ci else { break };
        let widest = widest_interval(&plan, metrics, &values, &args.ci_metrics);
        match widest {
            Some((half, metric)) if half >= width => {
                if reps >= args.max_replications {
                    ci_note = Some(format!(
                        "--until-ci {width}: stopped at the cap of {reps} replications; the widest CI half-width is {half:.4} ({metric})"
                    ));
                    break;
                }
                target_reps = (reps * 2).min(args.max_replications);
                eprintln!(
                    "CI half-width {half:.4} ({metric}) ≥ {width} after {reps} replications: running up to {target_reps}"
                );
            }
            _ => {
                ci_note = Some(format!(
                    "--until-ci {width}: every CI half-width is below {width} after {reps} replications"
                ));
                break;
            }
        }
    }
    if let Some(n) = &ci_note {
        eprintln!("{n}");
        warnings.extend(ci_note.clone().filter(|n| n.contains("cap")));
    }

    let opts = PairedOptions {
        resamples: args.bootstrap,
        seed: plan.seed,
        ..PairedOptions::default()
    };
    let rows = comparisons(&plan, metrics, &values, &opts);
    let mut files = vec![file_entry(
        "runs.csv",
        "one row per run: run, arm, replication, seed (shared by the arms), final metrics",
        runs.rows(),
    )];
    runs.finish()?;
    files.push(write_compare(&out, &plan, &rows)?);
    files.push(write_arm_summary(&out, &plan, metrics, &values)?);
    files.push(write_step_summary(&out, &plan, &steps)?);

    let secs = clock.elapsed().as_secs_f64();
    let manifest = StudyManifest {
        base: ManifestBase {
            file: &args.files[0],
            overrides: &args.set,
            scenario: &plan.base,
            threads,
            started,
            wall_seconds: secs,
            files,
        }
        .manifest(),
        study: "compare".into(),
        design: serde_json::json!({
            "files": args.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            "arms": plan.arms.iter().zip(&plan.settings).map(|((name, sc), set)| serde_json::json!({
                "name": name,
                "overrides": set,
                "scenario": sc.resolved_json(),
            })).collect::<Vec<_>>(),
            "pairs": plan.pairs.iter().map(|&(a, b)| [&plan.arms[a].0, &plan.arms[b].0]).collect::<Vec<_>>(),
            "replications": reps,
            "seed": plan.seed,
            "until_ci": args.until_ci,
        }),
        runs_planned: target_reps * n_arms,
        runs_done: reps * n_arms,
        interrupted: was_interrupted,
        warnings,
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    print_table(&plan, &rows, reps, secs, threads);
    if was_interrupted {
        outln!("interrupted: {reps} complete replications kept");
    }
    outln!("results in {}", folder.display());
    if args.output.plot {
        crate::plot::plot_and_report(&folder)?;
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
}

/// Loads the arms: a `[compare]` section of one file, or two files.
fn plan(files: &[PathBuf], set: &[String]) -> Result<Plan, StudyError> {
    if let [file] = files {
        let study = load_study(file, set)?;
        let Some(compare) = study.compare.as_ref() else {
            return Err(StudyError::Message(format!(
                "{}: the scenario has no [compare] section; give it one, or compare two files: asocia compare A.toml B.toml",
                file.display()
            )));
        };
        // Every arm is resolved (and every mistake reported) before anything runs.
        let mut arms = Vec::new();
        let mut diagnostics = Vec::new();
        for (i, arm) in compare.arms.iter().enumerate() {
            match study.arm(i) {
                Ok(sc) => arms.push((arm.name.clone(), sc)),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
        if !diagnostics.is_empty() {
            return Err(asocia_scenario::ScenarioError { diagnostics }.into());
        }
        let k = arms.len();
        let pairs = match compare.baseline {
            Some(b) => (0..k).filter(|&a| a != b).map(|a| (a, b)).collect(),
            None => (0..k)
                .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
                .collect(),
        };
        return Ok(Plan {
            arms,
            pairs,
            replications: compare.replications,
            seed: study.base.seed,
            settings: compare.arms.iter().map(|a| a.settings.clone()).collect(),
            base: study.base,
        });
    }
    let a = load_study(&files[0], set)?.base;
    let b = load_study(&files[1], set)?.base;
    let (mut na, mut nb) = (stem(&files[0]), stem(&files[1]));
    if na == nb {
        na.push_str("-a");
        nb.push_str("-b");
    }
    if b.seed != a.seed {
        eprintln!(
            "warning: {} has run.seed = {}; both arms use {}'s seed {} (common random numbers)",
            files[1].display(),
            b.seed,
            files[0].display(),
            a.seed
        );
    }
    Ok(Plan {
        replications: a.replications,
        seed: a.seed,
        base: a.clone(),
        arms: vec![(na, a), (nb, b)],
        pairs: vec![(0, 1)],
        settings: vec![Vec::new(), Vec::new()],
    })
}

/// Two scenarios that run the same model with the same parameters (names and paths aside).
fn same_model(a: &Scenario, b: &Scenario) -> bool {
    let strip = |s: &Scenario| Scenario {
        name: String::new(),
        description: String::new(),
        path: None,
        replications: 1,
        ..s.clone()
    };
    strip(a) == strip(b)
}

/// One row of `compare.csv`.
struct Row {
    metric: &'static str,
    a: usize,
    b: usize,
    /// `None` when no replication has the metric defined in both arms.
    cmp: Option<PairedComparison>,
    summary_a: Summary,
    summary_b: Summary,
}

/// The paired values of one metric: replications where both arms have a finite value.
fn paired(va: &[f64], vb: &[f64]) -> (Vec<f64>, Vec<f64>) {
    va.iter()
        .zip(vb)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|(x, y)| (*x, *y))
        .unzip()
}

fn comparisons(
    plan: &Plan,
    metrics: &'static [&'static str],
    values: &[Vec<Vec<f64>>],
    opts: &PairedOptions,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for &(a, b) in &plan.pairs {
        for (m, metric) in metrics.iter().enumerate() {
            let (xa, xb) = paired(&values[a][m], &values[b][m]);
            rows.push(Row {
                metric,
                a,
                b,
                cmp: compare_paired(&xa, &xb, opts).ok(),
                summary_a: Summary::of(&xa),
                summary_b: Summary::of(&xb),
            });
        }
    }
    rows
}

/// The widest t-CI half-width over the pairs and the chosen metrics, with its metric.
fn widest_interval(
    plan: &Plan,
    metrics: &'static [&'static str],
    values: &[Vec<Vec<f64>>],
    only: &[String],
) -> Option<(f64, &'static str)> {
    let opts = PairedOptions {
        resamples: 0,
        ..PairedOptions::default()
    };
    comparisons(plan, metrics, values, &opts)
        .into_iter()
        .filter(|r| only.is_empty() || only.iter().any(|m| m == r.metric))
        .filter_map(|r| {
            let c = r.cmp?;
            let half = 0.5 * (c.t_ci_high - c.t_ci_low);
            half.is_finite().then_some((half, r.metric))
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
}

/// The columns of `compare.csv`, in order.
pub const COMPARE_COLUMNS: [&str; 21] = [
    "metric",
    "arm_a",
    "arm_b",
    "n",
    "mean_a",
    "mean_b",
    "diff",
    "ci_low",
    "ci_high",
    "boot_ci_low",
    "boot_ci_high",
    "sd_diff",
    "se_diff",
    "effect_size",
    "share_a_greater",
    "share_ties",
    "share_b_greater",
    "ci_a_low",
    "ci_a_high",
    "ci_b_low",
    "ci_b_high",
];

fn write_compare(
    out: &OutputDir,
    plan: &Plan,
    rows: &[Row],
) -> Result<asocia_output::ManifestFile, StudyError> {
    let mut t = CsvTable::create(&out.file("compare.csv"), &COMPARE_COLUMNS)?;
    for r in rows {
        let f = fmt_f64;
        let mut row = vec![
            r.metric.to_string(),
            plan.arms[r.a].0.clone(),
            plan.arms[r.b].0.clone(),
        ];
        match &r.cmp {
            Some(c) => row.extend([
                c.n.to_string(),
                f(c.mean_a),
                f(c.mean_b),
                f(c.diff),
                f(c.t_ci_low),
                f(c.t_ci_high),
                f(c.boot_ci_low),
                f(c.boot_ci_high),
                f(c.sd_diff),
                f(c.se_diff),
                f(c.cohen_dz),
                f(c.share_a_greater),
                f(c.share_ties),
                f(c.share_b_greater),
            ]),
            None => {
                row.push("0".into());
                row.extend(std::iter::repeat_n(String::new(), 13));
            }
        }
        row.extend([
            f(r.summary_a.ci_low),
            f(r.summary_a.ci_high),
            f(r.summary_b.ci_low),
            f(r.summary_b.ci_high),
        ]);
        t.write(&row)?;
    }
    let n = t.finish()?;
    Ok(file_entry(
        "compare.csv",
        "one row per metric and pair of arms: means, paired difference a − b with t and bootstrap 95% CIs, effect size, shares of wins",
        n,
    ))
}

fn write_arm_summary(
    out: &OutputDir,
    plan: &Plan,
    metrics: &[&str],
    values: &[Vec<Vec<f64>>],
) -> Result<asocia_output::ManifestFile, StudyError> {
    let mut header = vec!["arm", "metric"];
    header.extend(SUMMARY_STAT_COLUMNS);
    let mut t = CsvTable::create(&out.file("summary.csv"), &header)?;
    for ((name, _), arm) in plan.arms.iter().zip(values) {
        for (metric, v) in metrics.iter().zip(arm) {
            let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
            let mut row = vec![name.clone(), metric.to_string()];
            row.extend(summary_cells(&Summary::of(&finite)));
            t.write(&row)?;
        }
    }
    let n = t.finish()?;
    Ok(file_entry(
        "summary.csv",
        "one row per arm and metric: n, mean, sd, se, 95% CI, min, max over replications",
        n,
    ))
}

fn write_step_summary(
    out: &OutputDir,
    plan: &Plan,
    steps: &[StepSummary],
) -> Result<asocia_output::ManifestFile, StudyError> {
    let mut header = vec!["arm", "step", "group", "metric"];
    header.extend(SUMMARY_STAT_COLUMNS);
    let mut t = CsvTable::create(&out.file("timeseries_summary.csv"), &header)?;
    for ((name, _), s) in plan.arms.iter().zip(steps) {
        for (step, group, metric, acc) in s.rows() {
            let mut row = vec![name.clone(), step.to_string(), group, metric.to_string()];
            row.extend(summary_cells(&acc.summary()));
            t.write(&row)?;
        }
    }
    let n = t.finish()?;
    Ok(file_entry(
        "timeseries_summary.csv",
        "one row per arm, step, group and step metric: mean and 95% CI over replications",
        n,
    ))
}

fn print_table(plan: &Plan, rows: &[Row], reps: u64, secs: f64, threads: usize) {
    outln!(
        "compare {}: {} arms × {reps} replications on common random numbers, {secs:.2} s on {threads} thread{}",
        plan.base.name,
        plan.arms.len(),
        if threads == 1 { "" } else { "s" }
    );
    let w = rows
        .iter()
        .map(|r| r.metric.len())
        .max()
        .unwrap_or(6)
        .max(6);
    for &(a, b) in &plan.pairs {
        let (na, nb) = (&plan.arms[a].0, &plan.arms[b].0);
        outln!("\n  {na} − {nb}");
        outln!(
            "  {:<w$}  {:>10}  {:>10}  {:>10}  {:>23}  {:>23}  {:>7}  {:>5}",
            "metric",
            "mean A",
            "mean B",
            "diff",
            "95% CI (t)",
            "95% CI (bootstrap)",
            "d_z",
            "A>B"
        );
        for r in rows.iter().filter(|r| r.a == a && r.b == b) {
            let Some(c) = &r.cmp else {
                outln!(
                    "  {:<w$}  (no replication with a value in both arms)",
                    r.metric
                );
                continue;
            };
            let ci = |lo: f64, hi: f64| format!("[{}, {}]", cell(lo), cell(hi));
            outln!(
                "  {:<w$}  {:>10}  {:>10}  {:>10}  {:>23}  {:>23}  {:>7}  {:>4.0}%",
                r.metric,
                cell(c.mean_a),
                cell(c.mean_b),
                cell(c.diff),
                ci(c.t_ci_low, c.t_ci_high),
                ci(c.boot_ci_low, c.boot_ci_high),
                if c.cohen_dz.is_finite() {
                    format!("{:.2}", c.cohen_dz)
                } else {
                    cell(c.cohen_dz)
                },
                100.0 * c.share_a_greater
            );
        }
    }
}
