//! One run of a resolved scenario, whatever its model: the single place where `run`, and the
//! commands built on it, turn (scenario, run seed) into recorded steps and final metrics.

use asocia_core::observer::{Observer, StepRecord};
use asocia_core::sim::{SimError, Simulation};
use asocia_output::{classic_summary_values, OutputError, CLASSIC_SUMMARY_METRICS};
use asocia_scenario::{Scenario, ScenarioError};

/// Why a single run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The network could not be built from the scenario.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The simulation could not be set up.
    #[error(transparent)]
    Sim(#[from] SimError),
    /// The observer (an output writer) failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What a finished run reports: its final metrics, in [`summary_metrics`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Final metric values (NaN where a metric has no value, e.g. never absorbed).
    pub values: Vec<f64>,
    /// Number of nodes of the network the run used.
    pub nodes: usize,
    /// Number of ties of the network the run used (at the start).
    pub ties: usize,
}

/// Names of the final metrics a run of `scenario` reports (the `summary.csv` columns after
/// `run, seed`).
pub fn summary_metrics(_scenario: &Scenario) -> &'static [&'static str] {
    &CLASSIC_SUMMARY_METRICS
}

/// Receives the steps of a run, whatever its model (one method per kind of record).
pub trait Recorder {
    /// A step of a classic-game run.
    fn classic_step(&mut self, record: &StepRecord) -> Result<(), OutputError>;
}

/// A recorder that keeps nothing (runs whose time series is not wanted).
#[derive(Clone, Copy, Debug, Default)]
#[allow(dead_code)] // the sweep and compare commands use it
pub struct Discard;

impl Recorder for Discard {
    fn classic_step(&mut self, _: &StepRecord) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Adapts a [`Recorder`] to the core's classic [`Observer`].
struct Classic<'a, R: ?Sized>(&'a mut R);

impl<R: Recorder + ?Sized> Observer for Classic<'_, R> {
    type Error = OutputError;

    fn on_step(&mut self, record: &StepRecord) -> Result<(), OutputError> {
        self.0.classic_step(record)
    }
}

/// Runs `scenario` once with run seed `seed`, reporting every step to `recorder`.
pub fn run_one<R: Recorder + ?Sized>(
    scenario: &Scenario,
    seed: u64,
    recorder: &mut R,
) -> Result<Outcome, RunError> {
    let network = scenario.build_network(seed)?;
    let (nodes, ties) = (network.node_count(), network.edge_count());
    let mut sim = Simulation::new(&network, &scenario.sim, seed)?;
    drop(network);
    let summary = sim.run(&mut Classic(recorder))?;
    Ok(Outcome {
        values: classic_summary_values(&summary),
        nodes,
        ties,
    })
}
