//! Simulation core of asocia: firms as agents on a network, keyed random streams,
//! 2×2 games, strategy update rules, the step loop and its metrics; and the firm economy
//! ([`firm`]), the second model beside the classic games.
//!
//! The core does no file I/O. A run is a pure function of its [`config::SimConfig`],
//! its [`network::Network`] and its seed; each step is reported to an [`observer::Observer`].
#![deny(missing_docs)]

pub mod config;
mod fenwick;
pub mod firm;
pub mod game;
pub mod metrics;
pub mod network;
pub mod observer;
pub mod rng;
pub mod sim;
mod update;

/// The graph library networks are built with, re-exported so that callers building a
/// [`network::Network`] by hand use the same version.
pub use petgraph;

pub use observer::{NoopObserver, Observer, StepRecord};
pub use sim::{RunSummary, SimError, Simulation};
