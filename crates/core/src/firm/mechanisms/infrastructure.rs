//! Public infrastructure (a policy instrument): in its window every firm's fixed cost is
//! `F · (1 − reduction)`, at a public cost of `cost` per step — roads, power, a collection
//! centre: a public good whose upkeep does not depend on how many firms use it.
//!
//! Configuration: [`InfrastructureConfig`] (`FirmConfig::optional.infrastructure`, section
//! `[infrastructure]`; off with `reduction = 0`). Phase: funded by [`super::budget`] at the
//! start of the step; applied in the decide pass's market income. Stream: none. Flows:
//! [`FLOWS`] (`infrastructure_costs`, public money spent outside the firms' accounts).

use super::super::config::InfrastructureConfig;
use super::super::ledger::Flow;
use super::budget::in_window;

/// The flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::InfrastructureCosts];

/// Whether the infrastructure serves at step `step` (on, and in its window).
#[inline]
pub(crate) fn on(cfg: &InfrastructureConfig, step: u64) -> bool {
    cfg.reduction > 0.0 && in_window(cfg.start, cfg.stop, step)
}

/// The fixed cost with the infrastructure: `F · (1 − reduction)`.
#[inline]
pub(crate) fn fixed_cost(fixed: f64, reduction: f64) -> f64 {
    fixed * (1.0 - reduction)
}
