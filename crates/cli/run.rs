//! `asocia run` and `asocia validate`: resolve the scenario, run its replications, write results.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use asocia_core::classic::observer::{Observer, StepRecord};
use asocia_core::firm::FirmRecord;
use asocia_core::rng::run_seed;
use asocia_output::{
    rfc3339_utc, FirmTimeseriesWriter, Manifest, ManifestFile, OutputDir, OutputError,
    SummaryWriter, TimeseriesWriter, Timestamp,
};
use asocia_scenario::{load_study, Scenario, ScenarioError};

use crate::args::{RunArgs, ScenarioArgs};
use asocia_study::metrics::Model;
use asocia_study::runner::{self, Outcome, RunError};

/// Everything that can stop a command, with the context the user needs.
#[derive(Debug)]
pub enum CliError {
    /// The scenario file or an override is wrong (each diagnostic is located).
    Scenario(ScenarioError),
    /// A run could not start or failed.
    Run { run: u64, error: RunError },
    /// Results could not be written.
    Output(OutputError),
    /// The thread pool could not be set up.
    Threads(String),
    /// The command does not apply to this scenario (already worded for the user).
    Usage(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Scenario(e) => {
                write!(f, "{e}")?;
                let n = e.diagnostics.len();
                write!(
                    f,
                    "\n{n} error{} in the scenario; nothing was run",
                    if n == 1 { "" } else { "s" }
                )
            }
            CliError::Run { run, error } => write!(f, "error: run {run}: {error}"),
            CliError::Output(e) => write!(f, "error: {e}"),
            CliError::Threads(e) => write!(f, "error: thread pool: {e}"),
            CliError::Usage(m) => write!(f, "error: {m}"),
        }
    }
}

impl From<ScenarioError> for CliError {
    fn from(e: ScenarioError) -> Self {
        CliError::Scenario(e)
    }
}

impl From<OutputError> for CliError {
    fn from(e: OutputError) -> Self {
        CliError::Output(e)
    }
}

/// `asocia validate FILE [--set ...]`: checks the scenario and its study sections (every
/// sweep point and every arm) and prints the whole study resolved.
pub fn validate(args: ScenarioArgs) -> Result<(), CliError> {
    let study = load_study(&args.file, &args.set)?;
    out!("{}", study.resolved_toml());
    let scenario = &study.base;
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    let mut what = format!(
        "{} firms, {} replication{}",
        scenario.node_count(),
        scenario.replications,
        plural(scenario.replications)
    );
    if let Some(sweep) = &study.sweep {
        let points = study.sweep_points()?.len() as u64;
        what.push_str(&format!(
            "; [sweep]: {points} point{} × {} replication{}",
            plural(points),
            sweep.replications,
            plural(sweep.replications)
        ));
    }
    if let Some(compare) = &study.compare {
        what.push_str(&format!(
            "; [compare]: {} arms × {} replication{}",
            compare.arms.len(),
            compare.replications,
            plural(compare.replications)
        ));
    }
    eprintln!("ok: {} is valid ({what})", args.file.display());
    Ok(())
}

/// The scenario of `asocia run`: refused when the file (or `--set`) has a study section,
/// naming the command that runs it.
fn run_scenario(file: &Path, set: &[String]) -> Result<Scenario, CliError> {
    let study = load_study(file, set)?;
    let f = file.display();
    let commands: Vec<String> = [
        (study.sweep.is_some(), "sweep"),
        (study.compare.is_some(), "compare"),
    ]
    .into_iter()
    .filter(|(has, _)| *has)
    .map(|(_, c)| c.to_string())
    .collect();
    match commands.as_slice() {
        [] => Ok(study.base),
        [one] => Err(CliError::Usage(format!(
            "{f} has a [{one}] section: run the study with `asocia {one} {f}` (`asocia run` runs a scenario without study sections)"
        ))),
        _ => Err(CliError::Usage(format!(
            "{f} has [sweep] and [compare] sections: run them with `asocia sweep {f}` and `asocia compare {f}` (`asocia run` runs a scenario without study sections)"
        ))),
    }
}

/// Forwards steps to the time-series writer of the run's model, when there is one.
struct Recorder<'a> {
    timeseries: Option<&'a mut TimeseriesWriter>,
    firms: Option<&'a mut FirmTimeseriesWriter>,
}

impl runner::Recorder for Recorder<'_> {
    fn wants_firm_step(&self, step: u64) -> bool {
        self.firms.as_ref().is_some_and(|w| w.wants(step))
    }

    fn firm_step(&mut self, record: &FirmRecord) -> Result<(), OutputError> {
        match self.firms.as_deref_mut() {
            Some(w) => w.write(record),
            None => Ok(()),
        }
    }

    fn classic_step(&mut self, record: &StepRecord) -> Result<(), OutputError> {
        match self.timeseries.as_deref_mut() {
            Some(w) => w.on_step(record),
            None => Ok(()),
        }
    }
}

/// Default output folder: `out/<scenario file stem>`.
fn default_out(file: &Path) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    Path::new("out").join(stem.unwrap_or_else(|| "scenario".into()))
}

/// `asocia run FILE [--set ...] [--out DIR] [--force] [--threads N]`.
pub fn run(args: RunArgs) -> Result<(), CliError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let scenario = run_scenario(&args.scenario.file, &args.scenario.set)?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .map_err(|e| CliError::Threads(e.to_string()))?;
    }
    let threads = rayon::current_num_threads();
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&args.scenario.file));
    let out = OutputDir::create(&target, args.force)?;

    let model = Model::of(&scenario);
    let (mut timeseries, mut firm_series) = (None, None);
    if scenario.output.timeseries {
        let (path, every) = (out.file("timeseries.csv"), scenario.output.every);
        match model {
            Model::Classic => timeseries = Some(TimeseriesWriter::create(&path, every)?),
            Model::Firms => firm_series = Some(FirmTimeseriesWriter::create(&path, every)?),
        }
    }
    let metrics = runner::summary_metrics(&scenario);
    let mut summary = SummaryWriter::create(&out.file("summary.csv"), metrics)?;
    let mut outcomes = Vec::with_capacity(scenario.replications as usize);
    let mut run_seeds = Vec::with_capacity(scenario.replications as usize);
    for run in 0..scenario.replications {
        let seed = run_seed(scenario.seed, 0, run);
        if let Some(w) = timeseries.as_mut() {
            w.begin_run(run, seed);
        }
        if let Some(w) = firm_series.as_mut() {
            w.begin_run(run, seed);
        }
        let outcome = runner::run_one(
            &scenario,
            seed,
            &mut Recorder {
                timeseries: timeseries.as_mut(),
                firms: firm_series.as_mut(),
            },
        )
        .map_err(|error| CliError::Run { run, error })?;
        if let Some(w) = timeseries.as_mut() {
            w.end_run()?;
        }
        summary.write(run, seed, &outcome.values)?;
        run_seeds.push(seed);
        outcomes.push(outcome);
    }
    let ts_rows = match (timeseries, firm_series) {
        (Some(w), _) => Some(w.finish()?),
        (None, Some(w)) => Some(w.finish()?),
        (None, None) => None,
    };
    summary.finish()?;

    let mut files = vec![ManifestFile {
        name: "summary.csv".into(),
        description: match model {
            Model::Classic => "one row per run: final cooperation, payoff, absorption step",
            Model::Firms => "one row per run: final survival, capital, welfare, cooperation, trust, opportunism, ties, exits, entries",
        }
        .into(),
        rows: Some(scenario.replications),
    }];
    if let Some(rows) = ts_rows {
        files.insert(
            0,
            ManifestFile {
                name: "timeseries.csv".into(),
                description: match model {
                    Model::Classic => "one row per run and recorded step",
                    Model::Firms => "one row per run, recorded step and group (group `all` first)",
                }
                .into(),
                rows: Some(rows),
            },
        );
    }
    let finished = Timestamp::now();
    let manifest = Manifest {
        program: "asocia".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        git_commit: option_env!("ASOCIA_GIT_COMMIT").map(str::to_string),
        command: std::env::args().collect(),
        scenario_file: Some(args.scenario.file.display().to_string()),
        overrides: args.scenario.set.clone(),
        scenario: scenario.resolved_json(),
        seed: scenario.seed,
        run_seeds,
        threads,
        started: rfc3339_utc(started),
        finished: rfc3339_utc(finished),
        wall_seconds: clock.elapsed().as_secs_f64(),
        files,
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    print_summary(
        &scenario,
        metrics,
        &outcomes,
        &folder,
        clock.elapsed().as_secs_f64(),
        threads,
    );
    Ok(())
}

fn print_summary(
    scenario: &Scenario,
    metrics: &[&str],
    runs: &[Outcome],
    folder: &Path,
    seconds: f64,
    threads: usize,
) {
    let (nodes, ties) = runs.last().map_or((0, 0), |o| (o.nodes, o.ties));
    outln!(
        "{}: {} firms, {} ties, {} run{}, {:.2} s on {} thread{}",
        scenario.name,
        nodes,
        ties,
        runs.len(),
        if runs.len() == 1 { "" } else { "s" },
        seconds,
        threads,
        if threads == 1 { "" } else { "s" }
    );
    let width: Vec<usize> = metrics.iter().map(|m| m.len().max(8)).collect();
    let mut header = String::from("  run");
    for (m, w) in metrics.iter().zip(&width) {
        header.push_str(&format!("  {m:>w$}"));
    }
    outln!("{header}");
    for (i, r) in runs.iter().enumerate() {
        let mut line = format!("  {i:>3}");
        for (v, w) in r.values.iter().zip(&width) {
            let cell = if v.is_nan() {
                "-".to_string()
            } else if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v}")
            } else {
                format!("{v:.4}")
            };
            line.push_str(&format!("  {cell:>w$}"));
        }
        outln!("{line}");
    }
    if runs.len() > 1 {
        for (k, m) in metrics.iter().enumerate() {
            if m.ends_with("_final") {
                outln!(
                    "  mean {m}: {}",
                    mean_cell(runs.iter().map(|r| r.values[k]))
                );
            }
        }
    }
    outln!("results in {}", folder.display());
}

/// The mean of a metric over runs, for the terminal: over the runs that have a value (a
/// cooperation rate is undefined in a run with no tie decisions), saying how many when some
/// have none, and `-` when none has one.
fn mean_cell(values: impl Iterator<Item = f64>) -> String {
    let (mut sum, mut n, mut total) = (0.0, 0_usize, 0_usize);
    for v in values {
        total += 1;
        if v.is_finite() {
            sum += v;
            n += 1;
        }
    }
    match n {
        0 => "-".to_string(),
        _ if n == total => format!("{:.4}", sum / n as f64),
        _ => format!("{:.4} ({n} of {total} runs with a value)", sum / n as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::mean_cell;

    #[test]
    fn means_skip_runs_without_a_value_and_print_a_dash_when_none_has_one() {
        assert_eq!(mean_cell([0.5, 0.25].into_iter()), "0.3750");
        assert_eq!(
            mean_cell([0.5, f64::NAN, 1.0].into_iter()),
            "0.7500 (2 of 3 runs with a value)"
        );
        assert_eq!(mean_cell([f64::NAN, f64::NAN].into_iter()), "-");
    }
}
