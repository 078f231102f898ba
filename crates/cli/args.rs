//! Command-line arguments of `asocia`.

use std::path::PathBuf;

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
    /// Worker threads (default: RAYON_NUM_THREADS, else the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}
