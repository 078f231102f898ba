//! What `asocia sweep`, `asocia compare` and `asocia plot` share: their error type (the study
//! engine's errors, worded for the terminal), the thread pool, output folders and manifests.

use std::fmt;
use std::path::{Path, PathBuf};

use asocia_output::{rfc3339_utc, Manifest, ManifestFile, OutputError, Timestamp};
use asocia_plot::PlotError;
use asocia_scenario::{Scenario, ScenarioError};

use crate::run::CliError;

/// Everything that can stop a study command.
#[derive(Debug)]
pub enum StudyError {
    /// Scenario, run, output or thread-pool errors, as for `asocia run`.
    Cli(CliError),
    /// A plot could not be drawn.
    Plot(PlotError),
    /// Anything else, already worded for the user.
    Message(String),
    /// Stopped by Ctrl-C after writing what finished; the message says what was kept.
    Interrupted(String),
}

impl StudyError {
    /// The exit status: 130 for an interrupted study (the shell's convention for SIGINT), 1
    /// for every failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            StudyError::Interrupted(_) => 130,
            StudyError::Cli(e) => e.exit_code(),
            _ => 1,
        }
    }
}

impl fmt::Display for StudyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StudyError::Cli(e) => write!(f, "{e}"),
            StudyError::Plot(e) => write!(f, "error: plot: {e}"),
            StudyError::Message(m) => write!(f, "error: {m}"),
            StudyError::Interrupted(m) => write!(f, "{m}"),
        }
    }
}

impl From<CliError> for StudyError {
    fn from(e: CliError) -> Self {
        StudyError::Cli(e)
    }
}

impl From<ScenarioError> for StudyError {
    fn from(e: ScenarioError) -> Self {
        StudyError::Cli(CliError::Scenario(e))
    }
}

impl From<OutputError> for StudyError {
    fn from(e: OutputError) -> Self {
        StudyError::Cli(CliError::Output(e))
    }
}

impl From<PlotError> for StudyError {
    fn from(e: PlotError) -> Self {
        StudyError::Plot(e)
    }
}

impl From<asocia_study::StudyError> for StudyError {
    fn from(e: asocia_study::StudyError) -> Self {
        match e {
            asocia_study::StudyError::Scenario(e) => StudyError::Cli(CliError::Scenario(e)),
            asocia_study::StudyError::Run { run, error } => {
                StudyError::Cli(CliError::Run { run, error })
            }
            asocia_study::StudyError::Output(e) => StudyError::Cli(CliError::Output(e)),
            asocia_study::StudyError::Invalid(m) => StudyError::Message(m),
        }
    }
}

/// The most worker threads `--threads` and `RAYON_NUM_THREADS` may ask for: more than any
/// machine the program runs on has cores (a pool of thousands of threads only thrashes, and
/// rayon panics or stalls setting one up).
pub const MAX_THREADS: u16 = 1024;

/// The thread count `RAYON_NUM_THREADS` asks for (`raw`, as read from the environment):
/// `None` when unset, empty or 0 (rayon's "one per core"); an error naming the allowed range
/// when it is not a whole number from 1 to [`MAX_THREADS`].
pub fn env_threads(raw: Option<&str>) -> Result<Option<u16>, CliError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    match raw.parse::<u64>() {
        Ok(0) => Ok(None),
        Ok(n) if n <= u64::from(MAX_THREADS) => Ok(Some(n as u16)),
        _ => Err(CliError::Threads(format!(
            "RAYON_NUM_THREADS=`{raw}`: expected a whole number of threads from 1 to {MAX_THREADS} (or 0 or unset for one per core)"
        ))),
    }
}

/// Sizes rayon's global pool: `--threads` (`threads`), else a checked `RAYON_NUM_THREADS`,
/// else one thread per core; returns the number of threads it has.
pub fn configure_threads(threads: Option<u16>) -> Result<usize, CliError> {
    let env = std::env::var("RAYON_NUM_THREADS").ok();
    // `--threads` wins over the environment, as rayon's own rule; the variable is still
    // checked so that a wrong value is never silently ignored.
    let from_env = env_threads(env.as_deref())?;
    let n = match threads.or(from_env) {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global()
        .map_err(|e| CliError::Threads(e.to_string()))?;
    Ok(rayon::current_num_threads())
}

/// Sizes rayon's global pool (`--threads`, else `RAYON_NUM_THREADS`, checked) and returns the
/// number of threads it has.
pub fn set_threads(threads: Option<u16>) -> Result<usize, StudyError> {
    Ok(configure_threads(threads)?)
}

/// The memory available to the program, in bytes, and where the figure comes from:
/// `ASOCIA_MEMORY` (bytes; for tests and for a share of a shared machine) if set, else
/// `MemAvailable` of `/proc/meminfo`; `None` where neither is there (no check then).
pub fn available_memory() -> Result<Option<(u64, &'static str)>, CliError> {
    if let Ok(raw) = std::env::var("ASOCIA_MEMORY") {
        return match raw.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(Some((n, "ASOCIA_MEMORY"))),
            _ => Err(CliError::Usage(format!(
                "ASOCIA_MEMORY=`{raw}`: expected the memory available, in bytes (a whole number above 0)"
            ))),
        };
    }
    let Ok(text) = std::fs::read_to_string("/proc/meminfo") else {
        return Ok(None);
    };
    Ok(mem_available(&text).map(|b| (b, "MemAvailable in /proc/meminfo")))
}

/// `MemAvailable` of a `/proc/meminfo` text, in bytes.
fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// Refuses `study`, run as `usage` says, when it needs more memory than the machine has
/// ([`available_memory`]), with an error located at the key to change.
pub fn check_memory(
    study: &asocia_scenario::Study,
    usage: asocia_scenario::memory::Usage,
) -> Result<(), CliError> {
    if let Some((bytes, source)) = available_memory()? {
        study.check_memory(usage, bytes, source)?;
    }
    Ok(())
}

/// `out/<file stem><suffix>`, the default output folder.
pub fn default_out(file: &Path, suffix: &str) -> PathBuf {
    let stem = file.file_stem().map_or_else(
        || "scenario".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    Path::new("out").join(format!("{stem}{suffix}"))
}

/// The fields of a study manifest shared with `asocia run`.
pub struct ManifestBase<'a> {
    /// The scenario file.
    pub file: &'a Path,
    /// The `--set` overrides.
    pub overrides: &'a [String],
    /// The base scenario.
    pub scenario: &'a Scenario,
    /// Threads used.
    pub threads: usize,
    /// When the command started.
    pub started: Timestamp,
    /// Wall time so far.
    pub wall_seconds: f64,
    /// Files written.
    pub files: Vec<ManifestFile>,
}

impl ManifestBase<'_> {
    /// The run manifest of the study (its `run_seeds` empty: seeds are in `runs.csv`).
    pub fn manifest(self) -> Manifest {
        Manifest {
            program: "asocia".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            git_commit: option_env!("ASOCIA_GIT_COMMIT").map(str::to_string),
            command: std::env::args().collect(),
            scenario_file: Some(self.file.display().to_string()),
            overrides: self.overrides.to_vec(),
            scenario: self.scenario.resolved_json(),
            seed: self.scenario.seed,
            run_seeds: Vec::new(),
            threads: self.threads,
            started: rfc3339_utc(self.started),
            finished: rfc3339_utc(Timestamp::now()),
            wall_seconds: self.wall_seconds,
            files: self.files,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{env_threads, mem_available, MAX_THREADS};

    #[test]
    fn mem_available_is_read_in_bytes() {
        let text = "MemTotal:       24683584 kB\nMemFree:         9218124 kB\nMemAvailable:   22948732 kB\n";
        assert_eq!(mem_available(text), Some(22_948_732 * 1024));
        assert_eq!(mem_available("MemTotal: 5 kB\n"), None);
    }

    #[test]
    fn thread_counts_from_the_environment_are_checked() {
        assert_eq!(env_threads(None).unwrap(), None);
        assert_eq!(env_threads(Some("")).unwrap(), None);
        assert_eq!(env_threads(Some("0")).unwrap(), None);
        assert_eq!(env_threads(Some(" 2 ")).unwrap(), Some(2));
        assert_eq!(env_threads(Some("1024")).unwrap(), Some(MAX_THREADS));
        for bad in [
            "1025",
            "5000",
            "100000",
            "-1",
            "two",
            "99999999999999999999",
        ] {
            let e = env_threads(Some(bad)).unwrap_err().to_string();
            assert!(e.contains("from 1 to 1024"), "{bad}: {e}");
        }
    }
}
