//! One run of a resolved scenario, whatever its model: the single place where `run`, and the
//! commands built on it, turn (scenario, run seed) into recorded steps and final metrics.

use asocia_core::observer::Observer;
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

/// Runs `scenario` once with run seed `seed`, reporting every step to `observer`.
pub fn run_one<O>(scenario: &Scenario, seed: u64, observer: &mut O) -> Result<Outcome, RunError>
where
    O: Observer<Error = OutputError>,
{
    let network = scenario.build_network(seed)?;
    let (nodes, ties) = (network.node_count(), network.edge_count());
    let mut sim = Simulation::new(&network, &scenario.sim, seed)?;
    drop(network);
    let summary = sim.run(observer)?;
    Ok(Outcome {
        values: classic_summary_values(&summary),
        nodes,
        ties,
    })
}
