//! The one error type of the study engine.

use asocia_output::OutputError;
use asocia_scenario::ScenarioError;

use crate::runner::RunError;

/// Everything that can stop a study. Being interrupted is not an error: a cancelled study
/// returns its finished runs with `interrupted` set.
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    /// The scenario, an override, a sweep point or an arm is wrong (every mistake, located).
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// Run `run` (its index in the study) could not start or failed.
    #[error("run {run}: {error}")]
    Run {
        /// The run's index in the study.
        run: u64,
        /// Why it failed.
        error: RunError,
    },
    /// A table could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The study cannot run as asked (options out of range, arms of different models, ...);
    /// the message is worded for the user.
    #[error("{0}")]
    Invalid(String),
}

impl StudyError {
    /// A failed run, with its index in the study.
    pub fn run(run: u64, error: RunError) -> StudyError {
        StudyError::Run { run, error }
    }
}
