//! The library API as a front end calls it: scenarios as text, tables in memory, progress
//! events, cancellation and typed errors.

use std::sync::atomic::{AtomicBool, Ordering};

use asocia_core::rng::run_seed;
use asocia_output::{fmt_f64, OutputDir};
use asocia_stats::Level;
use asocia_study::{
    assemble, load_finished, prepare_dir, run_sweep_resumable, sweep_state, write_sweep,
};

mod pool;
use asocia_study::{
    run_compare, run_compare_into, run_one, run_sweep, run_sweep_into, write_compare_tables,
    CompareCsv, CompareOptions, ComparePlan, Control, Discard, Event, ScenarioInput, Selection,
    StudyError, SweepCsv, SweepOptions, SweepPlan,
};
use pool::on_pool;

/// A classic-game scenario small enough to run in milliseconds: 40 firms on a ring, seed 3.
const BASE: &str = "[scenario]\nname = \"tiny\"\n[network]\nkind = \"ring\"\nn = 40\nk = 4\n\
                    [game]\nb = 1.5\n[run]\nsteps = 20\nseed = 3\n";

/// `BASE` with a grid over `run.steps` (2 points) and 3 replications: 6 runs.
fn sweep_text() -> String {
    format!("{BASE}[sweep]\nreplications = 3\nrun.steps = [5, 10]\n")
}

/// Collects the events of a study as owned values.
#[derive(Debug, PartialEq)]
enum Seen {
    Started(String, u64),
    Run(u64, u64),
    Finished,
    Note(String),
}

fn seen(e: Event<'_>) -> Seen {
    match e {
        Event::Started { label, total } => Seen::Started(label.to_string(), total),
        Event::Run { done, total } => Seen::Run(done, total),
        Event::Finished => Seen::Finished,
        Event::Note(n) => Seen::Note(n.to_string()),
    }
}

#[test]
fn a_small_sweep_runs_in_memory_and_its_rows_are_the_runs_run_alone() {
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &[]);
    let cancel = AtomicBool::new(false);
    let mut events = Vec::new();
    let mut progress = |e: Event<'_>| events.push(seen(e));
    let result = on_pool(2, || {
        run_sweep(
            &input,
            &SweepOptions::default(),
            &mut Control::new(&mut progress, &cancel),
        )
    })
    .unwrap();
    assert_eq!(result.keys, ["run.steps"]);
    assert_eq!(
        result.metrics,
        [
            "steps_run",
            "coop_rate_final",
            "payoff_mean_final",
            "absorbed_at"
        ]
    );
    assert_eq!((result.done, result.interrupted), (6, false));
    assert_eq!(result.runs.len(), 6);
    let plan = SweepPlan::load(&input).unwrap();
    for (k, r) in result.runs.iter().enumerate() {
        // Run k is replication k mod 3 of point k div 3, seeded run_seed(3, point, rep).
        let (point, rep) = (k as u64 / 3, k as u64 % 3);
        assert_eq!((r.run, r.point, r.replication), (k as u64, point, rep));
        assert_eq!(r.seed, run_seed(3, point, rep));
        let steps = [5, 10][point as usize];
        assert_eq!(r.levels, [Level::Int(steps)]);
        // Without stop_at_absorption every run runs its steps.
        assert_eq!(r.values[0], steps as f64);
        // The same run alone gives the same metrics, bit for bit (NaN where undefined).
        let scenario = plan.study.point(&plan.points[point as usize]).unwrap();
        let alone = run_one(&scenario, r.seed, &mut Discard).unwrap().values;
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&alone), bits(&r.values), "run {k}");
    }
    // Summaries: 2 points × 4 metrics, every point complete with its 3 runs.
    assert_eq!(result.summary.len(), 8);
    for s in &result.summary {
        assert_eq!((s.runs, s.complete), (3, true));
    }
    // The mean final cooperation rate of point 1 is the mean of its three runs' values.
    let coop: Vec<f64> = result.runs[3..].iter().map(|r| r.values[1]).collect();
    let s = result
        .summary
        .iter()
        .find(|s| s.point == 1 && s.metric == "coop_rate_final")
        .unwrap();
    assert_eq!(s.summary.n, 3);
    assert!((s.summary.mean - (coop[0] + coop[1] + coop[2]) / 3.0).abs() < 1e-12);
    // A whole grid has main effects: steps_run's effect of run.steps = 5 is 5 − 7.5 = −2.5.
    let sens = result
        .sensitivity
        .as_ref()
        .expect("a whole grid has main effects");
    let e = sens
        .iter()
        .find(|r| r.metric == "steps_run" && r.level == Some(Level::Int(5)))
        .unwrap();
    assert_eq!(
        (e.index, e.n, e.mean, e.value),
        ("main_effect", 1, Some(5.0), -2.5)
    );
    assert!(result.step_summary.is_empty() && result.timeseries.is_empty());
    // Progress: one batch, each run reported once, in order.
    let mut expected = vec![Seen::Started("sweep tiny".into(), 6)];
    expected.extend((1..=6).map(|d| Seen::Run(d, 6)));
    expected.push(Seen::Finished);
    assert_eq!(events, expected);
}

#[test]
fn a_sweep_keeps_time_series_and_step_summaries_when_asked() {
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &[]);
    let cancel = AtomicBool::new(false);
    let mut progress = |_: Event<'_>| {};
    let options = SweepOptions {
        selection: Selection::Points(1, 2),
        timeseries: true,
        step_summary: true,
    };
    let result = run_sweep(&input, &options, &mut Control::new(&mut progress, &cancel)).unwrap();
    // Point 1 alone: runs 3, 4, 5 of 10 steps (steps 0..=10 recorded: 11 records each).
    let runs: Vec<u64> = result.runs.iter().map(|r| r.run).collect();
    assert_eq!(runs, [3, 4, 5]);
    assert_eq!(result.timeseries.len(), 3);
    for (r, (run, seed, steps)) in result.runs.iter().zip(&result.timeseries) {
        assert_eq!((*run, *seed), (r.run, r.seed));
        assert_eq!(steps.classic.len(), 11);
    }
    // Every step × 4 classic step metrics, group `all`, 3 replications each.
    assert_eq!(result.step_summary.len(), 11 * 4);
    assert!(result
        .step_summary
        .iter()
        .all(|s| s.point == 1 && s.group == "all" && s.summary.n == 3));
    // Part of the design: no sensitivity analysis.
    assert!(result.sensitivity.is_none());
}

#[test]
fn cancelling_a_sweep_stops_new_runs_and_returns_the_finished_ones() {
    // 2 points × 100 replications = 200 runs of 400 firms, several milliseconds each; cancelled when the
    // second run is reported (the pool runs ahead of the reports by the runs in progress and
    // those finished but not yet handed over, a handful, far from all 200).
    let text = format!("{BASE}[sweep]\nreplications = 100\nrun.steps = [4000, 5000]\n");
    let input = ScenarioInput::text(&text, "tiny.toml", &["network.n=400".to_string()]);
    let cancel = AtomicBool::new(false);
    let mut progress = |e: Event<'_>| {
        if let Event::Run { done: 2, .. } = e {
            cancel.store(true, Ordering::SeqCst);
        }
    };
    let result = on_pool(2, || {
        run_sweep(
            &input,
            &SweepOptions::default(),
            &mut Control::new(&mut progress, &cancel),
        )
    })
    .unwrap();
    assert!(result.interrupted);
    // The runs already started when the flag was set finish and are kept; no new one starts.
    assert!((2..100).contains(&result.done), "done: {}", result.done);
    assert_eq!(result.runs.len() as u64, result.done);
    for (k, r) in result.runs.iter().enumerate() {
        assert_eq!(r.run, k as u64, "a prefix of the runs, in order");
    }
    // The cut point is summarised as incomplete; no sensitivity analysis.
    assert!(result
        .summary
        .iter()
        .all(|s| !s.complete && s.runs == result.done));
    assert!(result.sensitivity.is_none());

    // A flag set before the start runs nothing.
    let cancel = AtomicBool::new(true);
    let mut progress = |_: Event<'_>| {};
    let result = run_sweep(
        &input,
        &SweepOptions::default(),
        &mut Control::new(&mut progress, &cancel),
    )
    .unwrap();
    assert_eq!((result.done, result.interrupted), (0, true));
    assert!(result.runs.is_empty() && result.summary.is_empty());
}

#[test]
fn a_small_comparison_runs_in_memory_on_common_random_numbers() {
    // Arm `low` is the base (b = 1.5), arm `high` has b = 1.9; 4 replications each.
    let text =
        format!("{BASE}[compare]\nreplications = 4\n[compare.low]\n[compare.high]\ngame.b = 1.9\n");
    let input = ScenarioInput::text(&text, "pair.toml", &[]);
    let cancel = AtomicBool::new(false);
    let mut events = Vec::new();
    let mut progress = |e: Event<'_>| events.push(seen(e));
    let options = CompareOptions {
        bootstrap: 0,
        ..CompareOptions::default()
    };
    let result = on_pool(2, || {
        run_compare(
            &[input],
            &options,
            &mut Control::new(&mut progress, &cancel),
        )
    })
    .unwrap();
    let out = &result.outcome;
    assert_eq!(out.names, ["low", "high"]);
    assert_eq!(out.pairs, [(0, 1)]);
    assert_eq!((out.replications, out.interrupted), (4, false));
    assert!(out.warnings.is_empty());
    // Runs alternate arms; both arms of a replication share its seed run_seed(3, 0, r).
    assert_eq!(result.runs.len(), 8);
    for (k, r) in result.runs.iter().enumerate() {
        let (rep, arm) = (k as u64 / 2, k % 2);
        assert_eq!((r.run, r.arm, r.replication), (k as u64, arm, rep));
        assert_eq!(r.seed, run_seed(3, 0, rep));
    }
    // steps_run is constant by construction: compared are the other three final metrics.
    let metrics: Vec<&str> = out.rows.iter().map(|r| r.metric).collect();
    assert_eq!(
        metrics,
        ["coop_rate_final", "payoff_mean_final", "absorbed_at"]
    );
    // The paired difference of mean payoffs is the mean of the per-replication differences.
    let m = 2; // payoff_mean_final
    let d: Vec<f64> = (0..4)
        .map(|r| result.runs[2 * r].values[m] - result.runs[2 * r + 1].values[m])
        .collect();
    let row = out
        .rows
        .iter()
        .find(|r| r.metric == "payoff_mean_final")
        .unwrap();
    let c = row.cmp.as_ref().unwrap();
    assert_eq!(c.n, 4);
    assert!((c.diff - d.iter().sum::<f64>() / 4.0).abs() < 1e-12);
    assert_eq!(out.values[0][m].len(), 4);
    let mut expected = vec![Seen::Started("compare tiny".into(), 8)];
    expected.extend((1..=8).map(|d| Seen::Run(d, 8)));
    expected.push(Seen::Finished);
    assert_eq!(events, expected);
}

#[test]
fn a_cancelled_comparison_keeps_only_whole_replications() {
    // 100 replications of runs of 400 firms, several milliseconds each.
    let text = format!(
        "{BASE}[compare]\nreplications = 100\n[compare.low]\n[compare.high]\ngame.b = 1.9\n"
    );
    let input = ScenarioInput::text(
        &text,
        "pair.toml",
        &["run.steps=5000".to_string(), "network.n=400".to_string()],
    );
    let cancel = AtomicBool::new(false);
    // Cancelled when the third run (arm `low` of replication 1) is reported.
    let mut progress = |e: Event<'_>| {
        if let Event::Run { done: 3, .. } = e {
            cancel.store(true, Ordering::SeqCst);
        }
    };
    let result = on_pool(2, || {
        run_compare(
            &[input],
            &CompareOptions::default(),
            &mut Control::new(&mut progress, &cancel),
        )
    })
    .unwrap();
    let out = &result.outcome;
    assert!(out.interrupted);
    // Replication 0 is whole; the run of replication 1 already reported is dropped unless its
    // pair finished too.
    assert!((1..50).contains(&out.replications), "{}", out.replications);
    assert_eq!(result.runs.len() as u64, 2 * out.replications);
    assert!(out
        .values
        .iter()
        .flatten()
        .all(|v| v.len() as u64 == out.replications));
}

#[test]
fn errors_are_typed_values() {
    let cancel = AtomicBool::new(false);
    let mut progress = |_: Event<'_>| {};
    let mut control = Control::new(&mut progress, &cancel);
    // A misspelt key: a located scenario diagnostic, nothing run.
    let bad = format!("{BASE}[sweep]\nreplications = 2\nrun.stepz = [5, 10]\n");
    let input = ScenarioInput::text(&bad, "bad.toml", &[]);
    match run_sweep(&input, &SweepOptions::default(), &mut control) {
        Err(StudyError::Scenario(e)) => {
            assert!(!e.diagnostics.is_empty());
            assert!(e.to_string().contains("bad.toml"), "{e}");
        }
        other => panic!("expected a scenario error, got {other:?}"),
    }
    // A bad override is checked like a file value.
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &["network.n=-3".to_string()]);
    assert!(matches!(
        run_sweep(&input, &SweepOptions::default(), &mut control),
        Err(StudyError::Scenario(_))
    ));
    // No [sweep] section.
    let input = ScenarioInput::text(BASE, "plain.toml", &[]);
    match run_sweep(&input, &SweepOptions::default(), &mut control) {
        Err(StudyError::Invalid(m)) => assert!(m.contains("no [sweep] section"), "{m}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    // A run outside the design (6 runs: 0..6).
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &[]);
    let options = SweepOptions {
        selection: Selection::Run(6),
        ..SweepOptions::default()
    };
    assert!(matches!(
        run_sweep(&input, &options, &mut control),
        Err(StudyError::Invalid(_))
    ));
    // A comparison of three scenarios, and options out of range.
    let input = ScenarioInput::text(BASE, "plain.toml", &[]);
    let three = [input.clone(), input.clone(), input.clone()];
    assert!(matches!(
        run_compare(&three, &CompareOptions::default(), &mut control),
        Err(StudyError::Invalid(_))
    ));
    let options = CompareOptions {
        until_ci: Some(-1.0),
        ..CompareOptions::default()
    };
    assert!(matches!(
        run_compare(&[input.clone(), input], &options, &mut control),
        Err(StudyError::Invalid(_))
    ));
}

/// The data rows of a CSV file without quoted cells, split at commas.
fn rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn the_csv_sinks_write_the_tables_the_engine_returns_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let mut progress = |_: Event<'_>| {};
    let mut control = Control::new(&mut progress, &cancel);
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &[]);
    let options = SweepOptions::default();
    let memory = run_sweep(&input, &options, &mut control).unwrap();
    let plan = SweepPlan::load(&input).unwrap();
    let out = OutputDir::create(&tmp.path().join("sweep"), false).unwrap();
    let mut csv = SweepCsv::create(&out, &plan, &options).unwrap();
    let outcome = run_sweep_into(&plan, &options, &mut csv, &mut control).unwrap();
    let files = csv.finish().unwrap();
    let folder = out.commit().unwrap();
    assert_eq!((outcome.done, outcome.complete), (6, true));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["runs.csv", "summary.csv", "failures.csv", "sensitivity.csv"]
    );
    let runs = rows(&folder.join("runs.csv"));
    assert_eq!(runs.len(), memory.runs.len());
    for (cells, r) in runs.iter().zip(&memory.runs) {
        let mut expected = vec![
            r.run.to_string(),
            r.point.to_string(),
            r.replication.to_string(),
            r.seed.to_string(),
            r.levels[0].to_string(),
        ];
        expected.extend(r.values.iter().map(|&v| fmt_f64(v)));
        assert_eq!(cells, &expected);
    }
    assert_eq!(
        rows(&folder.join("summary.csv")).len(),
        memory.summary.len()
    );
    let sensitivity = memory.sensitivity.as_ref().unwrap();
    assert_eq!(
        rows(&folder.join("sensitivity.csv")).len(),
        sensitivity.len()
    );

    let text =
        format!("{BASE}[compare]\nreplications = 3\n[compare.low]\n[compare.high]\ngame.b = 1.9\n");
    let inputs = [ScenarioInput::text(&text, "pair.toml", &[])];
    let options = CompareOptions {
        bootstrap: 0,
        ..CompareOptions::default()
    };
    let memory = run_compare(&inputs, &options, &mut control).unwrap();
    let plan = ComparePlan::load(&inputs).unwrap();
    let out = OutputDir::create(&tmp.path().join("compare"), false).unwrap();
    let mut csv = CompareCsv::create(&out, &plan).unwrap();
    let outcome = run_compare_into(&plan, &options, &mut csv, &mut control).unwrap();
    let mut files = csv.finish().unwrap();
    files.extend(write_compare_tables(&out, &outcome).unwrap());
    let folder = out.commit().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "runs.csv",
            "failures.csv",
            "compare.csv",
            "summary.csv",
            "timeseries_summary.csv"
        ]
    );
    let runs = rows(&folder.join("runs.csv"));
    assert_eq!(runs.len(), memory.runs.len());
    for (cells, r) in runs.iter().zip(&memory.runs) {
        assert_eq!(
            cells[..4],
            [
                r.run.to_string(),
                plan.names()[r.arm].clone(),
                r.replication.to_string(),
                r.seed.to_string()
            ]
        );
        assert_eq!(
            cells[4..],
            r.values.iter().map(|&v| fmt_f64(v)).collect::<Vec<_>>()[..]
        );
    }
    assert_eq!(
        rows(&folder.join("compare.csv")).len(),
        memory.outcome.rows.len()
    );
}

#[test]
fn an_in_memory_sweep_written_afterwards_gives_the_files_written_while_it_ran() {
    let tmp = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let mut progress = |_: Event<'_>| {};
    let mut control = Control::new(&mut progress, &cancel);
    let input = ScenarioInput::text(&sweep_text(), "tiny.toml", &[]);
    let plan = SweepPlan::load(&input).unwrap();
    for (k, options) in [
        SweepOptions::default(),
        SweepOptions {
            selection: Selection::Points(1, 2),
            timeseries: true,
            step_summary: true,
        },
        SweepOptions {
            selection: Selection::Run(4),
            ..SweepOptions::default()
        },
    ]
    .into_iter()
    .enumerate()
    {
        // A folder per case: `--force` replaces only folders with an asocia manifest.
        let streamed = OutputDir::create(&tmp.path().join(format!("streamed{k}")), false).unwrap();
        let mut csv = SweepCsv::create(&streamed, &plan, &options).unwrap();
        run_sweep_into(&plan, &options, &mut csv, &mut control).unwrap();
        let files = csv.finish().unwrap();
        let streamed = streamed.commit().unwrap();
        let result = run_sweep(&input, &options, &mut control).unwrap();
        let later = OutputDir::create(&tmp.path().join(format!("later{k}")), false).unwrap();
        let later_files = write_sweep(&later, &plan, &options, &result).unwrap();
        let later = later.commit().unwrap();
        assert_eq!(later_files, files, "{options:?}");
        // The resumable sweep (journal, then tables from it) writes the same files.
        let state = sweep_state(&plan, &options).unwrap();
        let prepared =
            prepare_dir(&tmp.path().join(format!("journaled{k}")), &state, false).unwrap();
        run_sweep_resumable(&plan, &options, &prepared, &mut control).unwrap();
        let out = OutputDir::update(&prepared.dir, &["state.json", "journal.bin"]).unwrap();
        let mut sources = [load_finished(&prepared.dir).unwrap()];
        let assembled = assemble(&plan, &options, &mut sources, &out).unwrap();
        let journaled = out.commit().unwrap();
        assert_eq!(assembled.files, files, "{options:?}");
        assert_eq!(assembled.missing, 0);
        for f in &files {
            let a = std::fs::read(streamed.join(&f.name)).unwrap();
            let b = std::fs::read(later.join(&f.name)).unwrap();
            let c = std::fs::read(journaled.join(&f.name)).unwrap();
            assert_eq!(a, b, "{} with {options:?}", f.name);
            assert_eq!(a, c, "{} (journaled) with {options:?}", f.name);
        }
    }
}
