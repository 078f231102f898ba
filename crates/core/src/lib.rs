//! Simulation core of asocia: firms as agents on a network, keyed random streams, and two
//! models — the classic evolutionary games ([`classic`]: 2×2 games, strategy update rules,
//! the step loop and its metrics) and the firm economy ([`firm`]) — behind one small trait
//! ([`model::Model`]) and one enum of configurations ([`model::ModelConfig`]).
//!
//! The core does no file I/O. A run is a pure function of its configuration, its
//! [`network::Network`] and its seed; each step is reported to an observer
//! ([`classic::observer::Observer`], [`firm::FirmObserver`], or any [`model::Watcher`]).
//!
//! Modules shared by both models: [`network`], [`rng`], [`chunk`] (the fixed chunking of
//! parallel work), [`error`] (why a model could not be set up), `selection`
//! (fitness-proportional choice among neighbours) and [`model`].
#![deny(missing_docs)]

pub mod chunk;
pub mod classic;
pub mod error;
pub mod firm;
pub mod model;
pub mod network;
pub mod rng;
mod selection;

/// The graph library networks are built with, re-exported so that callers building a
/// [`network::Network`] by hand use the same version.
pub use petgraph;

// Convenience re-exports of what most callers use (the items keep their home modules).
pub use classic::observer::{Observer, StepRecord};
pub use classic::{RunSummary, Simulation};
pub use error::ModelError;
pub use model::{Model, ModelConfig, NoopObserver};
