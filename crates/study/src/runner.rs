//! One run of a resolved scenario, whatever its model: the single place where `run`, and the
//! commands built on it, turn (scenario, run seed) into recorded steps and final metrics.
//!
//! The scenario's model is matched once, in [`dispatch`]; everything after it is generic
//! over the core's [`Model`] trait plus [`Reported`] (what the runner adds to a model: where
//! its records go in a [`Recorder`], its final metrics as columns), so a run's steps are
//! statically dispatched.

use std::marker::PhantomData;

use asocia_core::classic::observer::StepRecord;
use asocia_core::classic::{RunSummary, Simulation};
use asocia_core::error::ModelError;
use asocia_core::firm::{FirmRecord, FirmSimulation, FirmSummary};
use asocia_core::model::{self, Model, ModelConfig, Watcher};
use asocia_core::network::Network;
use asocia_output::{
    classic_summary_values, firm_summary_values, OutputError, CLASSIC_SUMMARY_METRICS,
    FIRM_SUMMARY_METRICS,
};
use asocia_scenario::{Scenario, ScenarioError};

use crate::metrics;

/// Why a single run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The network could not be built from the scenario.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The simulation could not be set up.
    #[error(transparent)]
    Sim(#[from] ModelError),
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
    /// Asks the model for its final metrics.
    struct Names;
    impl PerModel for Names {
        type Output = &'static [&'static str];
        fn with<M: Reported>(self, _: &M::Config) -> Self::Output {
            M::SUMMARY_METRICS
        }
    }
    dispatch(&scenario.model, Names)
}

/// Which model `scenario` runs (what [`metrics::Model::of`] answers).
pub(crate) fn kind(scenario: &Scenario) -> metrics::Model {
    /// Asks the model for its kind.
    struct Kind;
    impl PerModel for Kind {
        type Output = metrics::Model;
        fn with<M: Reported>(self, _: &M::Config) -> Self::Output {
            M::KIND
        }
    }
    dispatch(&scenario.model, Kind)
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

    /// Whether the agent-level state of step `step` of a classic-game run is wanted
    /// (`last`: it is the run's last step); asked after the step's record.
    fn wants_classic_state(&self, _step: u64, _last: bool) -> bool {
        false
    }

    /// The state of a classic-game run at a step [`Recorder::wants_classic_state`] wanted
    /// (its strategies: `strategy_bytes`).
    fn classic_state(&mut self, _sim: &Simulation) -> Result<(), OutputError> {
        Ok(())
    }

    /// Whether the agent-level state of step `step` of a firm-economy run is wanted (`last`:
    /// it is the run's last step); asked after the step's record.
    fn wants_firm_state(&self, _step: u64, _last: bool) -> bool {
        false
    }

    /// The state of a firm-economy run at a step [`Recorder::wants_firm_state`] wanted, read
    /// through its accessors (`firm_rows`, `tie_rows`).
    fn firm_state(&mut self, _sim: &FirmSimulation) -> Result<(), OutputError> {
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

/// What the runner needs of a model beyond the core's [`Model`]: which model it is, where its
/// records go in a [`Recorder`], and its final metrics as `summary.csv` columns (the output
/// crate's names and values).
pub(crate) trait Reported: Model {
    /// The model, as the study's metric lists know it.
    const KIND: metrics::Model;
    /// Names of the final metrics, in `summary.csv` order.
    const SUMMARY_METRICS: &'static [&'static str];
    /// The final metrics of `summary`, in [`Reported::SUMMARY_METRICS`] order.
    fn summary_values(summary: &Self::Summary) -> Vec<f64>;
    /// Whether `recorder` wants the record of `step`.
    fn wants<R: Recorder + ?Sized>(recorder: &R, step: u64) -> bool;
    /// Hands `record` to `recorder`.
    fn deliver<R: Recorder + ?Sized>(
        recorder: &mut R,
        record: &Self::Record,
    ) -> Result<(), OutputError>;

    /// Runs `sim` to its end, its records to `recorder` (the core's generic loop).
    fn run_recorded<R: Recorder + ?Sized>(
        sim: &mut Self,
        recorder: &mut R,
    ) -> Result<Self::Summary, OutputError> {
        model::run(sim, &mut Forward::<Self, R>(recorder, PhantomData))
    }
}

impl Reported for Simulation {
    const KIND: metrics::Model = metrics::Model::Classic;
    const SUMMARY_METRICS: &'static [&'static str] = &CLASSIC_SUMMARY_METRICS;

    fn summary_values(summary: &Self::Summary) -> Vec<f64> {
        classic_summary_values(summary)
    }

    /// A classic recorder takes every step.
    fn wants<R: Recorder + ?Sized>(_: &R, _: u64) -> bool {
        true
    }

    fn deliver<R: Recorder + ?Sized>(
        recorder: &mut R,
        record: &StepRecord,
    ) -> Result<(), OutputError> {
        recorder.classic_step(record)
    }

    /// The core's loop (`model::run`: a classic recorder takes every step), plus the
    /// strategies at the steps the recorder wants them.
    fn run_recorded<R: Recorder + ?Sized>(
        sim: &mut Self,
        recorder: &mut R,
    ) -> Result<RunSummary, OutputError> {
        loop {
            let (done, step) = (Model::is_done(sim), Model::current_step(sim));
            recorder.classic_step(Model::record(sim))?;
            if recorder.wants_classic_state(step, done) {
                recorder.classic_state(sim)?;
            }
            if done {
                return Ok(Model::summary(sim));
            }
            Model::step(sim);
        }
    }
}

impl Reported for FirmSimulation {
    const KIND: metrics::Model = metrics::Model::Firms;
    const SUMMARY_METRICS: &'static [&'static str] = &FIRM_SUMMARY_METRICS;

    fn summary_values(summary: &Self::Summary) -> Vec<f64> {
        firm_summary_values(summary)
    }

    fn wants<R: Recorder + ?Sized>(recorder: &R, step: u64) -> bool {
        recorder.wants_firm_step(step)
    }

    fn deliver<R: Recorder + ?Sized>(
        recorder: &mut R,
        record: &FirmRecord,
    ) -> Result<(), OutputError> {
        recorder.firm_step(record)
    }

    /// The core's loop (`model::run`), plus the agent-level state at the steps the recorder
    /// wants it: the same records, the same summary, and when no state is wanted one call
    /// that answers `false` per step.
    fn run_recorded<R: Recorder + ?Sized>(
        sim: &mut Self,
        recorder: &mut R,
    ) -> Result<FirmSummary, OutputError> {
        loop {
            let (done, step) = (sim.is_done(), sim.current_step());
            if done || recorder.wants_firm_step(step) {
                recorder.firm_step(sim.record())?;
            }
            if recorder.wants_firm_state(step, done) {
                recorder.firm_state(sim)?;
            }
            if done {
                return Ok(sim.summary());
            }
            sim.step();
        }
    }
}

/// Something done with a scenario's model, whichever it is: [`dispatch`] calls
/// [`PerModel::with`] with the model's type.
pub(crate) trait PerModel {
    /// What it gives.
    type Output;
    /// Does it with model `M` and its configuration.
    fn with<M: Reported>(self, config: &M::Config) -> Self::Output;
}

/// The one place a scenario's model is matched: calls `f` with the model's type and
/// configuration (a new model is one more arm here and a [`Reported`] impl).
pub(crate) fn dispatch<F: PerModel>(model: &ModelConfig, f: F) -> F::Output {
    match model {
        ModelConfig::Classic(config) => f.with::<Simulation>(config),
        ModelConfig::Firms(config) => f.with::<FirmSimulation>(config),
    }
}

/// Adapts a [`Recorder`] to the core's [`Watcher`] of model `M`'s records.
struct Forward<'a, M, R: ?Sized>(&'a mut R, PhantomData<M>);

impl<M: Reported, R: Recorder + ?Sized> Watcher<M::Record> for Forward<'_, M, R> {
    type Error = OutputError;

    #[inline]
    fn wants(&self, step: u64) -> bool {
        M::wants(&*self.0, step)
    }

    #[inline]
    fn on_record(&mut self, record: &M::Record) -> Result<(), OutputError> {
        M::deliver(self.0, record)
    }
}

/// One run of model `M` on a built network.
struct RunOnce<'a, R: ?Sized> {
    network: Network,
    seed: u64,
    recorder: &'a mut R,
}

impl<R: Recorder + ?Sized> PerModel for RunOnce<'_, R> {
    type Output = Result<Outcome, RunError>;

    fn with<M: Reported>(self, config: &M::Config) -> Self::Output {
        let RunOnce {
            network,
            seed,
            recorder,
        } = self;
        let (nodes, ties) = (network.node_count(), network.edge_count());
        let mut sim = M::new(&network, config, seed)?;
        drop(network);
        let summary = M::run_recorded(&mut sim, recorder)?;
        Ok(Outcome {
            values: M::summary_values(&summary),
            nodes,
            ties,
        })
    }
}

/// Runs `scenario` once with run seed `seed`, reporting every step to `recorder`.
pub fn run_one<R: Recorder + ?Sized>(
    scenario: &Scenario,
    seed: u64,
    recorder: &mut R,
) -> Result<Outcome, RunError> {
    let network = scenario.build_network(seed)?;
    dispatch(
        &scenario.model,
        RunOnce {
            network,
            seed,
            recorder,
        },
    )
}
