//! Per-step reporting: the step loop hands a [`StepRecord`] to an [`Observer`] after every
//! step. The core does no I/O; writers (CSV, summaries) implement the trait elsewhere.
//! ([`crate::model::NoopObserver`] ignores every record, of either model.)

use std::convert::Infallible;

/// The population after `step` updates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StepRecord {
    /// Number of updates applied so far (0 is the initial state).
    pub step: u64,
    /// Agents alive (all agents in the classic mode).
    pub alive: usize,
    /// Alive agents playing C.
    pub cooperators: usize,
    /// `cooperators / alive` (0 when nobody is alive).
    pub coop_rate: f64,
    /// Mean over agents of the payoff their strategies earn against each other in this state.
    pub payoff_mean: f64,
}

/// Receives one [`StepRecord`] per step; an error stops the run and is returned by it.
pub trait Observer {
    /// What can go wrong while recording (e.g. an I/O error of a writer).
    type Error;

    /// Called with the record of step `t = 0` (initial state) and after every step.
    fn on_step(&mut self, record: &StepRecord) -> Result<(), Self::Error>;
}

/// Collects every record in memory.
impl Observer for Vec<StepRecord> {
    type Error = Infallible;

    fn on_step(&mut self, record: &StepRecord) -> Result<(), Infallible> {
        self.push(*record);
        Ok(())
    }
}
