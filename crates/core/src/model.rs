//! What the two models share, and the choice between them.
//!
//! [`ModelConfig`] is the model a run uses, with its configuration: the classic games
//! ([`Simulation`], [`SimConfig`]) or the firm economy ([`FirmSimulation`], [`FirmConfig`]).
//! [`Model`] is what a caller needs of either to run it: set up from (network, configuration,
//! seed), step, the current step's record, whether the run is over, and its summary; [`run`]
//! drives any model with a [`Watcher`] of its records. Callers match once on [`ModelConfig`]
//! and then call generic code, so every step is statically dispatched (never through `dyn`).
//!
//! What each model records and reports differs ([`StepRecord`] is a handful of counts,
//! [`FirmRecord`] statistics per group of firms, computed only for the steps a watcher
//! wants), so the trait names them as associated types rather than forcing one shape.

use std::convert::Infallible;

use crate::classic::config::SimConfig;
use crate::classic::observer::{Observer, StepRecord};
use crate::classic::{RunSummary, Simulation};
use crate::error::ModelError;
use crate::firm::{FirmConfig, FirmObserver, FirmRecord, FirmSimulation, FirmSummary};
use crate::network::Network;

/// A model a run can use: set up, stepped, recorded and summarised.
///
/// Invariant: [`Model::record`] describes the state after [`Model::current_step`] steps, and
/// [`Model::summary`] the state at the end of the run (called once [`Model::is_done`]).
pub trait Model: Sized {
    /// The configuration the model is set up from (already checked by the scenario crate;
    /// [`Model::new`] checks again what the step loop relies on).
    type Config;
    /// What the model reports about one step.
    type Record;
    /// What the model reports at the end of a run.
    type Summary;

    /// Sets up a run on `network` with `config`, every draw keyed by the run seed `seed`.
    fn new(network: &Network, config: &Self::Config, seed: u64) -> Result<Self, ModelError>;

    /// Steps applied so far (0 before the first).
    fn current_step(&self) -> u64;

    /// Whether the run is over: its last step is done (or, for the classic games with
    /// `stop_at_absorption`, the population is absorbed).
    fn is_done(&self) -> bool;

    /// Applies one step.
    fn step(&mut self);

    /// The record of the current state (computed on demand where that costs a pass).
    fn record(&mut self) -> &Self::Record;

    /// The summary of the current state, as reported at the end of a run.
    fn summary(&mut self) -> Self::Summary;
}

/// Receives the records of a run of a model whose records are `R`.
///
/// Every classic [`Observer`] is a watcher of [`StepRecord`]s that wants every step, and every
/// [`FirmObserver`] a watcher of [`FirmRecord`]s, so the models' own observers work with
/// [`run`] unchanged.
pub trait Watcher<R> {
    /// What can go wrong while recording.
    type Error;

    /// Whether the record of `step` is wanted (the last step of a run is reported anyway).
    fn wants(&self, step: u64) -> bool;

    /// Called with the record of every wanted step and of the last one.
    fn on_record(&mut self, record: &R) -> Result<(), Self::Error>;
}

impl<O: Observer> Watcher<StepRecord> for O {
    type Error = O::Error;

    #[inline]
    fn wants(&self, _step: u64) -> bool {
        true
    }

    #[inline]
    fn on_record(&mut self, record: &StepRecord) -> Result<(), O::Error> {
        self.on_step(record)
    }
}

impl<O: FirmObserver> Watcher<FirmRecord> for O {
    type Error = O::Error;

    #[inline]
    fn wants(&self, step: u64) -> bool {
        FirmObserver::wants(self, step)
    }

    #[inline]
    fn on_record(&mut self, record: &FirmRecord) -> Result<(), O::Error> {
        self.on_step(record)
    }
}

/// Runs `model` to its end, reporting the current state first if wanted, then every wanted
/// step and always the last; returns the summary, or the watcher's first error.
///
/// The same as the models' own `run` methods ([`Simulation::run`], [`FirmSimulation::run`]),
/// for code generic over the model.
pub fn run<M: Model, W: Watcher<M::Record>>(
    model: &mut M,
    watcher: &mut W,
) -> Result<M::Summary, W::Error> {
    loop {
        let done = model.is_done();
        if done || watcher.wants(model.current_step()) {
            watcher.on_record(model.record())?;
        }
        if done {
            return Ok(model.summary());
        }
        model.step();
    }
}

/// The model of a run, with its configuration.
// One per scenario, read once per run: the size of the firm variant costs nothing, and a box
// would only add a dereference at every use.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ModelConfig {
    /// The classic evolutionary games on a network.
    Classic(SimConfig),
    /// The firm economy.
    Firms(FirmConfig),
}

impl ModelConfig {
    /// The number of steps a run is set to (an upper bound when it stops at absorption).
    pub fn steps(&self) -> u64 {
        match self {
            ModelConfig::Classic(c) => c.run.steps,
            ModelConfig::Firms(c) => c.steps,
        }
    }

    /// Whether a run stops as soon as its population is absorbed (classic games only; firms
    /// have no absorbing strategy).
    pub fn stop_at_absorption(&self) -> bool {
        match self {
            ModelConfig::Classic(c) => c.run.stop_at_absorption,
            ModelConfig::Firms(_) => false,
        }
    }

    /// The classic configuration, if the model is the classic games (for callers that already
    /// know the model, such as tests).
    pub fn classic(&self) -> Option<&SimConfig> {
        match self {
            ModelConfig::Classic(c) => Some(c),
            ModelConfig::Firms(_) => None,
        }
    }

    /// The firm configuration, if the model is the firm economy (for callers that already
    /// know the model, such as tests).
    pub fn firms(&self) -> Option<&FirmConfig> {
        match self {
            ModelConfig::Classic(_) => None,
            ModelConfig::Firms(c) => Some(c),
        }
    }
}

impl Model for Simulation {
    type Config = SimConfig;
    type Record = StepRecord;
    type Summary = RunSummary;

    fn new(network: &Network, config: &SimConfig, seed: u64) -> Result<Self, ModelError> {
        Simulation::new(network, config, seed)
    }

    fn current_step(&self) -> u64 {
        Simulation::current_step(self)
    }

    fn is_done(&self) -> bool {
        Simulation::is_done(self)
    }

    #[inline]
    fn step(&mut self) {
        Simulation::step(self);
    }

    fn record(&mut self) -> &StepRecord {
        self.keep_record()
    }

    fn summary(&mut self) -> RunSummary {
        Simulation::summary(self)
    }
}

impl Model for FirmSimulation {
    type Config = FirmConfig;
    type Record = FirmRecord;
    type Summary = FirmSummary;

    fn new(network: &Network, config: &FirmConfig, seed: u64) -> Result<Self, ModelError> {
        FirmSimulation::new(network, config, seed)
    }

    fn current_step(&self) -> u64 {
        FirmSimulation::current_step(self)
    }

    fn is_done(&self) -> bool {
        FirmSimulation::is_done(self)
    }

    #[inline]
    fn step(&mut self) {
        FirmSimulation::step(self);
    }

    fn record(&mut self) -> &FirmRecord {
        FirmSimulation::record(self)
    }

    fn summary(&mut self) -> FirmSummary {
        FirmSimulation::summary(self)
    }
}

/// An observer that ignores every record (benches, tests that only need the summary): a
/// classic [`Observer`] and a [`FirmObserver`] that wants no step.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoopObserver;

impl Observer for NoopObserver {
    type Error = Infallible;

    #[inline]
    fn on_step(&mut self, _record: &StepRecord) -> Result<(), Infallible> {
        Ok(())
    }
}
