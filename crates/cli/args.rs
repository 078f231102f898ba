//! Command-line arguments of `asocia`.

use std::path::PathBuf;

use asocia_study::Format;
use clap::{Args, Parser, Subcommand};

/// asocia — agent-based simulation of cooperation and trust among firms in networks.
#[derive(Debug, Parser)]
#[command(name = "asocia", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario and write timeseries.csv, summary.csv and manifest.json.
    Run(RunArgs),
    /// Check a scenario without running it and print it fully resolved.
    Validate(ScenarioArgs),
    /// Run the [sweep] design of a scenario: runs.csv, summary.csv, sensitivity.csv.
    Sweep(SweepArgs),
    /// Compare the [compare] arms of a scenario, or two scenario files, on common random numbers.
    Compare(CompareArgs),
    /// Draw the plots of a result folder (SVG and PNG, into DIR/plots).
    Plot(PlotArgs),
    /// Merge the folders of a sweep's shards (`asocia sweep --shard`) into the files of the
    /// whole sweep.
    Merge(MergeArgs),
    /// Write a SLURM job array running a sweep in shards, and its dependent merge job.
    Slurm(SlurmArgs),
    /// Print the scenario reference (every section and key: type, default, range, unit,
    /// meaning) as Markdown; `docs/reference.md` is this text.
    Reference,
}

/// Output folder, overwrite and thread options shared by the study commands.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output folder (default: out/<scenario file stem>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace an existing non-empty output folder.
    #[arg(long)]
    pub force: bool,
    /// Worker threads, 1 to 1024 (default: RAYON_NUM_THREADS, else the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=crate::study::MAX_THREADS as i64))]
    pub threads: Option<u16>,
    /// Draw the plots into OUT/plots at the end (as `asocia plot OUT`).
    #[arg(long)]
    pub plot: bool,
    /// Format of the runs tables and time series: `csv` (default) or `parquet` (typed
    /// columns; the summaries stay CSV). See docs/outputs.md.
    #[arg(long, value_name = "csv|parquet", default_value = "csv")]
    pub format: Format,
}

/// Arguments of `asocia sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scenario (with a [sweep] section) and its overrides; `--set sweep.replications=N`
    /// sets the section's own keys.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output folder, overwrite, threads, plots.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also write timeseries.csv: every recorded step of every run (large).
    #[arg(long)]
    pub timeseries: bool,
    /// Also write timeseries_summary.csv: per point and step, the mean and 95% CI over
    /// replications.
    #[arg(long)]
    pub step_summary: bool,
    /// Run only design points A..B (0-based, B excluded), e.g. one shard of a cluster job.
    #[arg(long, value_name = "A..B", value_parser = parse_range, conflicts_with = "run")]
    pub points: Option<(u64, u64)>,
    /// Run shard I of N of the sweep (`I/N`, 0-based; see docs/cluster.md for which runs), or
    /// the shard of this SLURM array task (`slurm`); default output folder
    /// out/<stem>-shard-I-of-N. Merge the shards with `asocia merge`.
    #[arg(long, value_name = "I/N|slurm", conflicts_with_all = ["run", "points"])]
    pub shard: Option<String>,
    /// Re-run the single run RUN (its `run` in runs.csv) alone, with its time series; default
    /// output folder out/<stem>-run<RUN>.
    #[arg(long, value_name = "RUN")]
    pub run: Option<u64>,
}

/// Arguments of `asocia compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// A scenario with a [compare] section, or two scenario files (arm A, arm B).
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Override a scenario key in every arm, e.g. `--set run.steps=50` (repeatable);
    /// `--set compare.replications=N` sets the section's own keys.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Output folder, overwrite, threads, plots.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Add replications (doubling) until the 95% CI half-width of every difference is below W.
    #[arg(long, value_name = "W")]
    pub until_ci: Option<f64>,
    /// With --until-ci: only these metrics must reach the width (repeatable; default: all).
    #[arg(long = "ci-metric", value_name = "METRIC", requires = "until_ci")]
    pub ci_metrics: Vec<String>,
    /// With --until-ci: stop at this many replications per arm (default 1000).
    #[arg(long, value_name = "R", default_value_t = 1000, requires = "until_ci")]
    pub max_replications: u64,
    /// Bootstrap resamples of the paired differences.
    #[arg(long, value_name = "B", default_value_t = 2000)]
    pub bootstrap: usize,
}

/// Arguments of `asocia merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard folders (every shard of one sweep, in any order).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// The folder of the merged sweep.
    #[arg(long, value_name = "OUT")]
    pub out: PathBuf,
    /// Replace an existing non-empty output folder.
    #[arg(long)]
    pub force: bool,
    /// Format of the merged runs.csv and timeseries.csv: `csv` (default) or `parquet` (the
    /// shards' own files are always CSV).
    #[arg(long, value_name = "csv|parquet", default_value = "csv")]
    pub format: Format,
}

/// Arguments of `asocia slurm`.
#[derive(Debug, Args)]
pub struct SlurmArgs {
    /// The scenario (with a [sweep] section) and its overrides.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Number of array tasks, each running one shard (1 to 1000).
    #[arg(long, value_name = "N")]
    pub shards: u64,
    /// The SLURM partition (`#SBATCH --partition`); default: the cluster's.
    #[arg(long, value_name = "P")]
    pub partition: Option<String>,
    /// Time limit of each task and of the merge (`#SBATCH --time`, e.g. `02:00:00`).
    #[arg(long, value_name = "T")]
    pub time: Option<String>,
    /// Memory of each task and of the merge (`#SBATCH --mem`, e.g. `4G`).
    #[arg(long, value_name = "M")]
    pub mem: Option<String>,
    /// CPUs of each task (`#SBATCH --cpus-per-task`), its shard's threads, 1 to 1024 (default
    /// 1).
    #[arg(long, value_name = "C", value_parser = clap::value_parser!(u16).range(1..=crate::study::MAX_THREADS as i64))]
    pub cpus: Option<u16>,
    /// The folder of the job: its scripts, then shards/, logs/ and the merged result/
    /// (default: out/<scenario file stem>-slurm).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the scripts of an earlier `asocia slurm` in DIR.
    #[arg(long)]
    pub force: bool,
    /// The shards also write timeseries.csv (as `asocia sweep --timeseries`).
    #[arg(long)]
    pub timeseries: bool,
    /// The shards also write what timeseries_summary.csv needs (as `--step-summary`).
    #[arg(long)]
    pub step_summary: bool,
    /// Format of the merged result's runs table and time series (`asocia merge --format`).
    #[arg(long, value_name = "csv|parquet", default_value = "csv")]
    pub format: Format,
}

/// Arguments of `asocia plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// A result folder written by `asocia sweep`, `asocia compare` or `asocia run`.
    pub dir: PathBuf,
}

/// `A..B` with `A < B`.
fn parse_range(s: &str) -> Result<(u64, u64), String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("expected A..B (e.g. 0..50), found `{s}`"))?;
    let a: u64 = a
        .trim()
        .parse()
        .map_err(|_| format!("`{a}` is not a whole number"))?;
    let b: u64 = b
        .trim()
        .parse()
        .map_err(|_| format!("`{b}` is not a whole number"))?;
    if a >= b {
        return Err(format!("empty range {a}..{b}: A must be below B"));
    }
    Ok((a, b))
}

/// A scenario file and its overrides.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// The scenario file (TOML).
    pub file: PathBuf,
    /// Override a scenario key, e.g. `--set network.n=100000` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// Arguments of `asocia run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario and its overrides.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output folder (default: out/<scenario file stem>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace an existing non-empty output folder.
    #[arg(long)]
    pub force: bool,
    /// Worker threads, 1 to 1024 (default: RAYON_NUM_THREADS, else the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=crate::study::MAX_THREADS as i64))]
    pub threads: Option<u16>,
    /// Format of summary.csv (one row per run) and timeseries.csv: `csv` (default) or
    /// `parquet`. See docs/outputs.md.
    #[arg(long, value_name = "csv|parquet", default_value = "csv")]
    pub format: Format,
}
