//! `asocia run` and `asocia validate`: resolve the scenario, run its replications, write results.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use asocia_core::classic::observer::{Observer, StepRecord};
use asocia_core::classic::Simulation;
use asocia_core::firm::{FirmRecord, FirmSimulation};
use asocia_core::rng::run_seed;
use asocia_output::{
    rfc3339_utc, FirmTimeseriesWriter, Manifest, ManifestFile, NetworkFormat, NetworkWriter,
    OutputDir, OutputError, SnapshotWriter, StrategySnapshotWriter, SummaryWriter,
    TimeseriesWriter, Timestamp,
};
use asocia_scenario::{load_study, NetworkFinal, Scenario, ScenarioError};

use crate::args::{RunArgs, ScenarioArgs};
use asocia_study::format::{agent_column_type, column_type, AGENT_TABLES, RUN_TABLES};
use asocia_study::metrics::Model;
use asocia_study::runner::{self, Outcome, RunError};
use asocia_study::Format;

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
    /// Stopped by Ctrl-C, SIGTERM or SIGHUP after writing the finished runs (the message says
    /// what was kept).
    Interrupted(String),
}

impl CliError {
    /// The exit status: 130 when interrupted (the shell's convention for SIGINT), else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Interrupted(_) => 130,
            _ => 1,
        }
    }
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
            CliError::Interrupted(m) => write!(f, "{m}"),
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
fn run_scenario(file: &Path, set: &[String]) -> Result<asocia_scenario::Study, CliError> {
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
        [] => Ok(study),
        [one] => Err(CliError::Usage(format!(
            "{f} has a [{one}] section: run the study with `asocia {one} {f}` (`asocia run` runs a scenario without study sections)"
        ))),
        _ => Err(CliError::Usage(format!(
            "{f} has [sweep] and [compare] sections: run them with `asocia sweep {f}` and `asocia compare {f}` (`asocia run` runs a scenario without study sections)"
        ))),
    }
}

/// Forwards steps to the time-series writer of the run's model, when there is one, and the
/// firm economy's state to the agent-level writers that are on.
struct Recorder<'a> {
    timeseries: Option<&'a mut TimeseriesWriter>,
    firms: Option<&'a mut FirmTimeseriesWriter>,
    snapshots: Option<&'a mut SnapshotWriter>,
    strategies: Option<&'a mut StrategySnapshotWriter>,
    network: Option<&'a mut NetworkWriter>,
    /// The run and its seed (the final network's keys).
    run: (u64, u64),
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

    fn wants_classic_state(&self, step: u64, last: bool) -> bool {
        self.strategies
            .as_ref()
            .is_some_and(|w| last || w.wants(step))
    }

    fn classic_state(&mut self, sim: &Simulation) -> Result<(), OutputError> {
        match self.strategies.as_deref_mut() {
            Some(w) => w.write(sim.current_step(), sim.strategy_bytes()),
            None => Ok(()),
        }
    }

    fn wants_firm_state(&self, step: u64, last: bool) -> bool {
        let snapshot = self
            .snapshots
            .as_ref()
            .is_some_and(|w| last || w.wants(step));
        snapshot || (last && self.network.is_some())
    }

    fn firm_state(&mut self, sim: &FirmSimulation) -> Result<(), OutputError> {
        let last = sim.is_done();
        if let Some(w) = self.snapshots.as_deref_mut() {
            if last || w.wants(sim.current_step()) {
                w.write(sim)?;
            }
        }
        if let (true, Some(w)) = (last, self.network.as_deref_mut()) {
            w.write(self.run.0, self.run.1, sim)?;
        }
        Ok(())
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
    let study = run_scenario(&args.scenario.file, &args.scenario.set)?;
    // Replications run one after another and stream to the files: one network in memory.
    let usage = asocia_scenario::memory::Usage {
        concurrent_runs: 1,
        kept_runs: 0,
        kept_metrics: 0,
        keeps_steps: false,
    };
    crate::study::check_memory(&study, usage)?;
    let scenario = study.base;
    let threads = crate::study::configure_threads(args.threads)?;
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&args.scenario.file));
    let again = !args.force && holds_same_run(&target, &scenario);
    if again {
        eprintln!(
            "replacing the previous result of the same scenario in {} (its other files are kept)",
            target.display()
        );
    }
    let out = OutputDir::create(&target, args.force || again)?;

    let model = Model::of(&scenario);
    let (mut timeseries, mut firm_series) = (None, None);
    if scenario.output.timeseries {
        let (path, every) = (out.file("timeseries.csv"), scenario.output.every);
        match model {
            Model::Classic => timeseries = Some(TimeseriesWriter::create(&path, every)?),
            Model::Firms => firm_series = Some(FirmTimeseriesWriter::create(&path, every)?),
        }
    }
    let (mut snapshots, mut network, mut strategies) = (None, None, None);
    if model == Model::Classic && scenario.output.snapshot_every > 0 {
        strategies = Some(StrategySnapshotWriter::create(
            &out.file("agents.csv"),
            scenario.output.snapshot_every,
        )?);
    }
    if model == Model::Firms {
        let o = &scenario.output;
        if o.snapshot_every > 0 {
            let ties = o.snapshot_ties.then(|| out.file("ties.csv"));
            snapshots = Some(SnapshotWriter::create(
                &out.file("firms.csv"),
                ties.as_deref(),
                o.snapshot_every,
            )?);
        }
        let format = match o.network_final {
            NetworkFinal::None => None,
            NetworkFinal::Graphml => Some(NetworkFormat::Graphml),
            NetworkFinal::Edgelist => Some(NetworkFormat::Edgelist),
        };
        if let Some(format) = format {
            network = Some(NetworkWriter::create(out.staging(), format)?);
        }
    }
    let metrics = runner::summary_metrics(&scenario);
    let mut summary = SummaryWriter::create(&out.file("summary.csv"), metrics)?;
    // Memory stays flat in the number of replications: each run's values go to summary.csv
    // and into running means; only the first runs are kept for the printed table, and the
    // manifest lists the seeds of at most `MANIFEST_SEEDS` runs (all are in summary.csv).
    let mut shown: Vec<Outcome> = Vec::new();
    let mut means = vec![(0.0_f64, 0_u64); metrics.len()];
    let mut run_seeds = Vec::new();
    let (mut done, mut shape) = (0_u64, (0, 0));
    crate::progress::install_interrupt_handler();
    let stop = crate::progress::interrupt_flag();
    let mut progress =
        crate::progress::Progress::new(&format!("run {}", scenario.name), scenario.replications);
    for run in 0..scenario.replications {
        if stop.load(std::sync::atomic::Ordering::SeqCst) {
            break;
        }
        let seed = run_seed(scenario.seed, 0, run);
        if let Some(w) = timeseries.as_mut() {
            w.begin_run(run, seed);
        }
        if let Some(w) = firm_series.as_mut() {
            w.begin_run(run, seed);
        }
        if let Some(w) = snapshots.as_mut() {
            w.begin_run(run, seed);
        }
        if let Some(w) = strategies.as_mut() {
            w.begin_run(run, seed);
        }
        let outcome = runner::run_one(
            &scenario,
            seed,
            &mut Recorder {
                timeseries: timeseries.as_mut(),
                firms: firm_series.as_mut(),
                snapshots: snapshots.as_mut(),
                strategies: strategies.as_mut(),
                network: network.as_mut(),
                run: (run, seed),
            },
        )
        .map_err(|error| CliError::Run { run, error })?;
        if let Some(w) = timeseries.as_mut() {
            w.end_run()?;
        }
        summary.write(run, seed, &outcome.values)?;
        for ((sum, n), &v) in means.iter_mut().zip(&outcome.values) {
            if v.is_finite() {
                *sum += v;
                *n += 1;
            }
        }
        if scenario.replications <= MANIFEST_SEEDS {
            run_seeds.push(seed);
        }
        shape = (outcome.nodes, outcome.ties);
        if shown.len() < SHOWN_RUNS {
            shown.push(outcome);
        }
        done += 1;
        progress.inc();
    }
    progress.finish();
    let interrupted = done < scenario.replications;
    let ts_rows = match (timeseries, firm_series) {
        (Some(w), _) => Some(w.finish()?),
        (None, Some(w)) => Some(w.finish()?),
        (None, None) => None,
    };
    summary.finish()?;
    let snapshot_rows = snapshots.map(SnapshotWriter::finish).transpose()?;
    let strategy_rows = strategies.map(StrategySnapshotWriter::finish).transpose()?;
    let network_files = network.map(NetworkWriter::finish).transpose()?;

    let mut files = vec![ManifestFile {
        name: "summary.csv".into(),
        description: match model {
            Model::Classic => "one row per run: final cooperation, payoff, absorption step",
            Model::Firms => "one row per run: final survival, capital, welfare, cooperation, trust, opportunism, ties, exits, entries",
        }
        .into(),
        rows: Some(done),
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
    if let Some((firm_rows, tie_rows)) = snapshot_rows {
        files.push(ManifestFile {
            name: "firms.csv".into(),
            description: "one row per run, snapshot step and firm (exited firms included)".into(),
            rows: Some(firm_rows),
        });
        if let Some(rows) = tie_rows {
            files.push(ManifestFile {
                name: "ties.csv".into(),
                description: "one row per run, snapshot step and tie".into(),
                rows: Some(rows),
            });
        }
    }
    if let Some(rows) = strategy_rows {
        files.push(ManifestFile {
            name: "agents.csv".into(),
            description: "one row per run, snapshot step and agent: its strategy".into(),
            rows: Some(rows),
        });
    }
    for (name, rows) in network_files.unwrap_or_default() {
        let description = if name.ends_with(".graphml") {
            "a run's final network: its alive firms and their ties (rows: nodes plus edges)"
        } else if name == "network_nodes.csv" {
            "one row per run and firm alive at its end"
        } else {
            "one row per run and tie at its end"
        };
        files.push(ManifestFile {
            name,
            description: description.into(),
            rows: Some(rows),
        });
    }
    if args.format == Format::Parquet {
        for f in files.iter_mut().filter(|f| {
            RUN_TABLES.contains(&f.name.as_str()) || AGENT_TABLES.contains(&f.name.as_str())
        }) {
            let agent = AGENT_TABLES.contains(&f.name.as_str());
            let (name, rows) = asocia_output::replace_with_parquet(&out, &f.name, |c| {
                if agent {
                    agent_column_type(c)
                } else {
                    column_type(c, &[])
                }
            })?;
            f.name = name;
            f.rows = Some(rows);
        }
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
        Printed {
            runs: &shown,
            done,
            shape,
            means: &means,
            table: args.format.file("summary.csv"),
        },
        &folder,
        clock.elapsed().as_secs_f64(),
        threads,
    );
    if interrupted {
        return Err(CliError::Interrupted(format!(
            "interrupted: {done} of {} replications finished and kept in {} ({}; `asocia run` does not resume: run it again to start over)",
            scenario.replications,
            folder.display(),
            args.format.file("summary.csv")
        )));
    }
    Ok(())
}

/// Whether the folder `target` holds asocia's own result of `asocia run` on the same resolved
/// scenario with this program version (its `manifest.json` says so): running the same command
/// again replaces that result, as a sweep's folder of the same study is resumed; only asocia's
/// own files are replaced, every other file is kept. A result of another scenario, version or
/// command still needs `--force`.
fn holds_same_run(target: &Path, scenario: &Scenario) -> bool {
    let Ok(text) = std::fs::read_to_string(target.join("manifest.json")) else {
        return false;
    };
    let Ok(old) = serde_json::from_str::<serde_json::Value>(&text) else {
        return false;
    };
    let is = |key: &str, value: &str| old.get(key).and_then(|v| v.as_str()) == Some(value);
    is("program", "asocia")
        && is("version", env!("CARGO_PKG_VERSION"))
        && old.get("study").is_none()
        && !target.join("state.json").exists()
        && old.get("scenario").map(|v| v.to_string()) == Some(scenario.resolved_json().to_string())
}

/// Replications printed one per line (the rest are in summary.csv).
const SHOWN_RUNS: usize = 20;
/// Replications up to which the manifest lists every run seed (summary.csv always has them).
const MANIFEST_SEEDS: u64 = 10_000;

/// What the printed report shows of the runs.
struct Printed<'a> {
    /// The first runs, one line each.
    runs: &'a [Outcome],
    /// Runs done.
    done: u64,
    /// Firms and ties of the last run.
    shape: (usize, usize),
    /// Per metric, the sum and count of its finite values.
    means: &'a [(f64, u64)],
    /// The runs table's file name (`summary.csv` or `summary.parquet`).
    table: String,
}

fn print_summary(
    scenario: &Scenario,
    metrics: &[&str],
    printed: Printed<'_>,
    folder: &Path,
    seconds: f64,
    threads: usize,
) {
    let (runs, done) = (printed.runs, printed.done);
    let (nodes, ties) = printed.shape;
    outln!(
        "{}: {} firms, {} ties, {} run{}, {:.2} s on {} thread{}",
        scenario.name,
        nodes,
        ties,
        done,
        if done == 1 { "" } else { "s" },
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
    if done > runs.len() as u64 {
        outln!(
            "  ... {} more runs in {}",
            done - runs.len() as u64,
            printed.table
        );
    }
    if done > 1 {
        for (k, m) in metrics.iter().enumerate() {
            if m.ends_with("_final") {
                let (sum, n) = printed.means[k];
                outln!("  mean {m}: {}", mean_cell(sum, n, done));
            }
        }
    }
    outln!("results in {}", folder.display());
}

/// The mean of a metric over runs, for the terminal: over the runs that have a value (a
/// cooperation rate is undefined in a run with no tie decisions), saying how many when some
/// have none, and `-` when none has one.
fn mean_cell(sum: f64, n: u64, total: u64) -> String {
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
        // (0.5 + 0.25) / 2 = 0.375; (0.5 + 1.0) / 2 = 0.75 over 2 of 3 runs.
        assert_eq!(mean_cell(0.75, 2, 2), "0.3750");
        assert_eq!(mean_cell(1.5, 2, 3), "0.7500 (2 of 3 runs with a value)");
        assert_eq!(mean_cell(0.0, 0, 2), "-");
    }
}
