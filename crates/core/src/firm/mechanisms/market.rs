//! Market income (submodel F2): a common crisis shock per step and an idiosyncratic shock
//! per firm; `y_i ← a_i · p · access · (1 + ε_i) · (1 − crisis depth) − fixed cost`.
//!
//! Configuration: [`MarketConfig`] (`FirmConfig::market`, scenario section `[market]`).
//! Phase: first, in the decide pass (`super::super::kernel`), before the decisions.
//! Streams: [`CRISIS`] (the first `u64` of the ChaCha stream of the step) and [`SHOCK`] (word
//! `i` for firm `i`). Flows: [`FLOWS`].

use rand::Rng;

use super::super::config::MarketConfig;
use super::super::dist::normal_inv;
use super::super::ledger::Flow;
use crate::rng::{unit_f64, Phase, Streams};

/// The stream of the crisis draw.
pub(crate) const CRISIS: Phase = Phase::CommonShock;
/// The stream of the firms' shocks (word `i` for firm `i`).
pub(crate) const SHOCK: Phase = Phase::MarketShock;
/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::Revenue, Flow::FixedCosts];

/// Whether step `step` is a crisis step (probability `crisis_prob`).
pub(crate) fn crisis(cfg: &MarketConfig, streams: &Streams, step: u64) -> bool {
    let cp = cfg.crisis_prob;
    cp > 0.0 && unit_f64(streams.stream(step, CRISIS).next_u64()) < cp
}

/// Revenue per unit of productivity before the idiosyncratic shock: `p · access · (1 −
/// crisis depth)` in a crisis step, `p · access` otherwise.
pub(crate) fn unit_revenue(cfg: &MarketConfig, crisis: bool) -> f64 {
    let crisis_mult = if crisis { 1.0 - cfg.crisis_depth } else { 1.0 };
    cfg.price * cfg.access * crisis_mult
}

/// The idiosyncratic shock `ε_i = sd · Φ⁻¹(u)` from firm `i`'s word (0 when `sd = 0`).
#[inline(always)]
pub(crate) fn shock(sd: f64, word: u64) -> f64 {
    if sd > 0.0 {
        sd * normal_inv(word)
    } else {
        0.0
    }
}

/// Revenue `a · unit · (1 + ε)`.
#[inline(always)]
pub(crate) fn revenue(productivity: f64, unit_revenue: f64, eps: f64) -> f64 {
    productivity * unit_revenue * (1.0 + eps)
}
