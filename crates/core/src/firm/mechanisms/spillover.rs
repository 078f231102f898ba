//! Spillovers (submodel F6): a firm gains productivity from partners that cooperated with
//! it in a project and are more productive: `a_i ← a_i + (1/deg_i) Σ_j r_ij · max(0, a_j −
//! a_i)`, with `r_ij` the spillover rate (the cluster's rate on ties within a cluster
//! group).
//!
//! Configuration: [`SpilloverConfig`](super::super::config::SpilloverConfig)
//! (`FirmConfig::spillover`) and `ClusterConfig::spillover_rate`. Phase: the settle pass
//! (`super::super::kernel`; written to the next productivity, swapped in after the pass).
//! Stream: none. Flows: [`FLOWS`] (not money).

use super::super::config::FirmConfig;
use super::super::ledger::Flow;

/// The flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::ProductivityGain];

/// The spillover weight of a slot: the tie's rate if the partner cooperated in a project,
/// else 0.
pub(crate) fn weight(cfg: &FirmConfig, theirs: bool, within: bool) -> f64 {
    if theirs {
        [cfg.spillover.rate, cfg.cluster.spillover_rate][usize::from(within)]
    } else {
        0.0
    }
}

/// One partner's term `max(0, a_j − a_i) · weight`.
#[inline(always)]
pub(crate) fn term(aj: f64, ai: f64, weight: f64) -> f64 {
    (aj - ai).max(0.0) * weight
}

/// The productivity gained from the sum of the terms over `degree > 0` partners.
#[inline(always)]
pub(crate) fn gain(sum: f64, degree: usize) -> f64 {
    sum / degree as f64
}
