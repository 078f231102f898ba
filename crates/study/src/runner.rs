//! One run of a resolved scenario, whatever its model: the single place where `run`, and the
//! commands built on it, turn (scenario, run seed) into recorded steps and final metrics.

use asocia_core::firm::{FirmObserver, FirmRecord, FirmSimulation};
use asocia_core::observer::{Observer, StepRecord};
use asocia_core::sim::{SimError, Simulation};
use asocia_output::{
    classic_summary_values, firm_summary_values, OutputError, CLASSIC_SUMMARY_METRICS,
    FIRM_SUMMARY_METRICS,
};
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
pub fn summary_metrics(scenario: &Scenario) -> &'static [&'static str] {
    if scenario.firms.is_some() {
        &FIRM_SUMMARY_METRICS
    } else {
        &CLASSIC_SUMMARY_METRICS
    }
}

/// Receives the steps of a run, whatever its model (one method per kind of record).
pub trait Recorder {
    /// A step of a classic-game run.
    fn classic_step(&mut self, record: &StepRecord) -> Result<(), OutputError>;

    /// Whether the record of step `step` of a firm-economy run is wanted (computing one is a
    /// pass over all firms and ties); the last step is reported regardless.
    fn wants_firm_step(&self, _step: u64) -> bool {
        false
    }

    /// A recorded step of a firm-economy run (the total first, then each group).
    fn firm_step(&mut self, _record: &FirmRecord) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A recorder that keeps nothing (runs whose time series is not wanted).
#[derive(Clone, Copy, Debug, Default)]
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

/// Adapts a [`Recorder`] to the core's [`FirmObserver`].
struct Firms<'a, R: ?Sized>(&'a mut R);

impl<R: Recorder + ?Sized> FirmObserver for Firms<'_, R> {
    type Error = OutputError;

    fn wants(&self, step: u64) -> bool {
        self.0.wants_firm_step(step)
    }

    fn on_step(&mut self, record: &FirmRecord) -> Result<(), OutputError> {
        self.0.firm_step(record)
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
    if let Some(firms) = &scenario.firms {
        let mut sim = FirmSimulation::new(&network, firms, seed)?;
        drop(network);
        let summary = sim.run(&mut Firms(recorder))?;
        return Ok(Outcome {
            values: firm_summary_values(&summary),
            nodes,
            ties,
        });
    }
    let mut sim = Simulation::new(&network, &scenario.sim, seed)?;
    drop(network);
    let summary = sim.run(&mut Classic(recorder))?;
    Ok(Outcome {
        values: classic_summary_values(&summary),
        nodes,
        ties,
    })
}
