//! A public monitoring programme (a policy instrument): in its window a defection is
//! detected with probability `q + (1 − q) · boost` instead of `q` (the programme catches a
//! share `boost` of what the firms' own monitoring misses), at a public cost of
//! `cost_per_firm` per alive firm and step. Fines and the loss of standing follow detection
//! as with the firms' own monitoring ([`super::monitoring`]).
//!
//! Configuration: [`PublicMonitoringConfig`] (`FirmConfig::optional.public_monitoring`,
//! section `[public_monitoring]`; off with `boost = 0`). Phase: funded by [`super::budget`]
//! at the start of the step; applied in the decide pass's detection. Stream: the decision
//! word, as monitoring. Flows: [`FLOWS`] (`public_monitoring_costs`, public money spent
//! outside the firms' accounts).

use super::super::config::PublicMonitoringConfig;
use super::super::ledger::Flow;
use super::budget::in_window;

/// The flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::PublicMonitoringCosts];

/// Whether the programme runs at step `step` (on, and in its window).
#[inline]
pub(crate) fn on(cfg: &PublicMonitoringConfig, step: u64) -> bool {
    cfg.boost > 0.0 && in_window(cfg.start, cfg.stop, step)
}

/// The detection probability with the programme: `q + (1 − q) · boost`.
#[inline]
pub(crate) fn detection(q: f64, boost: f64) -> f64 {
    q + (1.0 - q) * boost
}
