//! `asocia compare`: the arms of a `[compare]` section, or two scenario files, run on common
//! random numbers — replication `r` of every arm uses the seed `run_seed(seed, 0, r)`, the same
//! seed `asocia run` gives its run `r` — and compared pairwise (`comparison`): each arm's mean
//! and CI, the paired difference with t and bootstrap CIs, the relative difference, Cohen's d_z,
//! and the share of replications each arm won.
//!
//! Only whole replications (every arm) are kept: a replication's rows are written to `runs.csv`
//! when its last arm finishes, so after Ctrl-C `runs.csv`, the summaries and the manifest hold
//! the same replications.

use std::path::{Path, PathBuf};
use std::time::Instant;

use asocia_core::rng::run_seed;
use asocia_output::{fmt_f64, CsvTable, OutputDir, StudyManifest, Timestamp};
use asocia_scenario::{load_study, Scenario};
use asocia_stats::PairedOptions;

use crate::args::CompareArgs;
use crate::comparison::{
    comparisons, print_table, write_arm_summary, write_compare, write_step_summary,
};
use crate::exec;
use crate::metrics::{shown, Model, Shown};
use crate::progress::{install_interrupt_handler, interrupted, Progress};
use crate::runner;
use crate::study::{
    default_out, file_entry, run_error, set_threads, ManifestBase, StepSummary, Steps, StudyError,
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
    let names: Vec<String> = plan.arms.iter().map(|(n, _)| n.clone()).collect();
    let mut warnings = Vec::new();
    for &(a, b) in &plan.pairs {
        let (sa, sb) = (&plan.arms[a].1, &plan.arms[b].1);
        if same_model(sa, sb) {
            warnings.push(format!(
                "arms `{}` and `{}` differ in nothing: on common random numbers their differences are exactly 0",
                names[a], names[b]
            ));
        }
        if sa.sim.run.steps != sb.sim.run.steps {
            warnings.push(format!(
                "arms `{}` and `{}` run different numbers of steps (run.steps = {} and {}): their final metrics describe different moments",
                names[a], names[b], sa.sim.run.steps, sb.sim.run.steps
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
    // The metrics compared: every final metric but those constant by construction.
    let model = Model::of(&plan.base);
    let stops = plan.arms.iter().any(|(_, s)| s.sim.run.stop_at_absorption);
    let compared: Vec<(usize, &'static str)> = metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| shown(m, model, stops) != Shown::Constant)
        .map(|(k, m)| (k, *m))
        .collect();
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
    let mut dropped = 0_u64;
    let mut ci_note = None;
    loop {
        let batch = target_reps - reps;
        let first = reps * n_arms;
        let mut progress = Progress::new(&format!("compare {}", plan.base.name), batch * n_arms);
        // The runs of the replication in progress, kept until its last arm is done.
        let mut pending: Vec<Done> = Vec::new();
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
                        names[arm],
                        done.values.len(),
                        metrics.len()
                    )));
                }
                pending.push(done);
                if arm + 1 < plan.arms.len() {
                    return Ok(());
                }
                // The replication is whole: write and keep all its arms.
                for (arm, done) in pending.drain(..).enumerate() {
                    let mut row = vec![
                        (rep * n_arms + arm as u64).to_string(),
                        names[arm].clone(),
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
                }
                runs.flush()?;
                Ok(())
            },
        )?;
        progress.finish();
        reps += executed.done / n_arms;
        if executed.interrupted {
            was_interrupted = true;
            dropped = executed.done % n_arms;
            break;
        }
        let Some(width) = args.until_ci else { break };
        let opts = PairedOptions {
            resamples: 0,
            ..PairedOptions::default()
        };
        let rows = comparisons(&names, &plan.pairs, &compared, &values, &opts, model);
        let widest = rows
            .iter()
            .filter(|r| args.ci_metrics.is_empty() || args.ci_metrics.iter().any(|m| m == r.metric))
            .filter_map(|r| {
                let c = r.cmp.as_ref()?;
                let half = 0.5 * (c.t_ci_high - c.t_ci_low);
                half.is_finite().then_some((half, r.metric))
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        match widest {
            Some((half, metric)) if half >= width => {
                if reps >= args.max_replications {
                    ci_note = Some(format!(
                        "--until-ci {width}: stopped at the cap of {reps} replications; the widest CI half-width is {half:.4} ({metric})"
                    ));
                    break;
                }
                if interrupted() {
                    was_interrupted = true;
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
    let rows = comparisons(&names, &plan.pairs, &compared, &values, &opts, model);
    let mut files = vec![file_entry(
        "runs.csv",
        "one row per run of every whole replication: run, arm, replication, seed (shared by the arms), final metrics",
        runs.rows(),
    )];
    runs.finish()?;
    files.push(write_compare(&out, &names, &rows)?);
    files.push(write_arm_summary(&out, &names, metrics, &values)?);
    files.push(write_step_summary(&out, &names, &steps)?);

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
            "pairs": plan.pairs.iter().map(|&(a, b)| [&names[a], &names[b]]).collect::<Vec<_>>(),
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
    outln!(
        "compare {}: {} arms × {reps} replications on common random numbers, {secs:.2} s on {threads} thread{}",
        plan.base.name,
        plan.arms.len(),
        if threads == 1 { "" } else { "s" }
    );
    print_table(&names, &plan.pairs, &rows);
    outln!("results in {}", folder.display());
    if was_interrupted {
        let dropped = match dropped {
            0 => String::new(),
            1 => "; 1 run of an unfinished replication dropped".to_string(),
            d => format!("; {d} runs of an unfinished replication dropped"),
        };
        return Err(StudyError::Interrupted(format!(
            "interrupted: {reps} whole replications of {target_reps} kept in {}{dropped} (no plots drawn; `asocia plot {}` draws them)",
            folder.display(),
            folder.display()
        )));
    }
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
