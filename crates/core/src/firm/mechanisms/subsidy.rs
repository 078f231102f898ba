//! Public subsidy per firm (submodel F2b): a policy instrument that pays every alive firm
//! `per_firm` each step of the window `start ≤ t ≤ stop` (`stop = 0`: no end),
//! `K_i ← K_i + s`, with money from outside the economy. It is paid where market revenue
//! arrives, before the capital update and the exit check, so that it helps firms survive.
//!
//! Configuration: [`SubsidyConfig`] (`FirmConfig::subsidy`, scenario section `[subsidy]`;
//! off with `per_firm = 0`, the default). Phase: its own per-firm pass after the decide pass
//! and before settlement (one line in `super::super::schedule`). Stream: none (no draws).
//! Flows: [`FLOWS`] (`subsidies`, money created).

use super::super::config::SubsidyConfig;
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use crate::chunk::CHUNK;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::Subsidies];

/// Whether the subsidy is paid at step `step`: `per_firm > 0` and `start ≤ step ≤ stop`
/// (`stop = 0`: no end).
#[inline]
pub(crate) fn paid(cfg: &SubsidyConfig, step: u64) -> bool {
    cfg.per_firm > 0.0 && step >= cfg.start && (cfg.stop == 0 || step <= cfg.stop)
}

/// Public money paid to `firms` alive firms: `per_firm · firms`.
#[inline]
pub(crate) fn spending(per_firm: f64, firms: u64) -> f64 {
    per_firm * firms as f64
}

impl FirmSimulation {
    /// Phase: pays the subsidy to every alive firm (nothing outside the window or when off),
    /// recording it per chunk of firms in the chunk's ledger.
    pub(crate) fn subsidize(&mut self, step: u64) {
        let cfg = self.cfg.optional.subsidy;
        if !paid(&cfg, step) {
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
