//! Public subsidy per firm (submodel F2b): a policy instrument that pays every alive firm
//! `per_firm` each step of the window `start ≤ t ≤ stop` (`stop = 0`: no end),
//! `K_i ← K_i + s`, with money from outside the economy. It is paid where market revenue
//! arrives, before the capital update and the exit check, so that it helps firms survive.
//! With a dependency effect `dependency > 0`, a firm keeps only `1 − dependency` of the
//! productivity it gains through spillovers on a step it is paid (support that replaces the
//! effort of learning from partners).
//!
//! Configuration: [`SubsidyConfig`] (`FirmConfig::subsidy`, scenario section `[subsidy]`;
//! off with `per_firm = 0`, the default). Phase: funded by [`super::budget`] at the start of
//! the step (which may stop it when a budget runs out); paid in its own per-firm pass after
//! the decide pass and before settlement (one line in `super::super::schedule`); the
//! dependency effect in the settle pass, as the factor on the spillover gain. Stream: none
//! (no draws). Flows: [`FLOWS`] (`subsidies`, money created).

use super::super::config::SubsidyConfig;
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::budget::{in_window, SUBSIDY};
use crate::chunk::CHUNK;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::Subsidies];

/// Whether the subsidy is paid at step `step`: `per_firm > 0` and `start ≤ step ≤ stop`
/// (`stop = 0`: no end).
#[inline]
pub(crate) fn paid(cfg: &SubsidyConfig, step: u64) -> bool {
    cfg.per_firm > 0.0 && in_window(cfg.start, cfg.stop, step)
}

/// The share of the spillover gain a paid firm keeps: `1 − dependency`.
#[inline]
pub(crate) fn kept(dependency: f64) -> f64 {
    1.0 - dependency
}

/// Public money paid to `firms` alive firms: `per_firm · firms`.
#[inline]
pub(crate) fn spending(per_firm: f64, firms: u64) -> f64 {
    per_firm * firms as f64
}

impl FirmSimulation {
    /// Phase: pays the subsidy to every alive firm (nothing outside the window, when off or
    /// when the budget stopped it), recording it per chunk of firms in the chunk's ledger.
    pub(crate) fn subsidize(&mut self) {
        let cfg = self.cfg.optional.subsidy;
        if !self.policy.running[SUBSIDY] {
            return;
        }
        let (alive, capital) = (&self.firms.alive, &mut self.firms.capital);
        let chunks = self.firm_ends.iter().zip(self.chunk_ledger.iter_mut());
        for (c, (&end, ledger)) in chunks.enumerate() {
            let mut paid_to = 0u64;
            for i in c * CHUNK..end {
                if alive[i] != 0 {
                    capital[i] += cfg.per_firm;
                    paid_to += 1;
                }
            }
            ledger[Flow::Subsidies] += spending(cfg.per_firm, paid_to);
        }
    }
}
