//! Public training (a policy instrument): in its window every alive firm learns more from
//! the partners that cooperated with it — its productivity gain through spillovers is
//! multiplied by `1 + boost` — at a public cost of `cost_per_firm` per alive firm and step.
//! Learning from partners costs the firm effort; training lowers that cost, so that more of
//! a better partner's know-how is absorbed.
//!
//! Configuration: [`TrainingConfig`] (`FirmConfig::optional.training`, section
//! `[training]`; off with `boost = 0`). Phase: funded by [`super::budget`] at the start of
//! the step; applied in the settle pass as the factor on the spillover gain. Stream: none.
//! Flows: [`FLOWS`] (`training_costs`, public money spent outside the firms' accounts).

use super::super::config::TrainingConfig;
use super::super::ledger::Flow;
use super::budget::in_window;

/// The flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::TrainingCosts];

/// Whether training runs at step `step` (on, and in its window).
#[inline]
pub(crate) fn on(cfg: &TrainingConfig, step: u64) -> bool {
    cfg.boost > 0.0 && in_window(cfg.start, cfg.stop, step)
}

/// The factor on the spillover gain: `1 + boost`.
#[inline]
pub(crate) fn factor(boost: f64) -> f64 {
    1.0 + boost
}
