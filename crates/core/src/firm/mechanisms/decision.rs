//! Cooperation decisions (submodel F3): on every tie, each end cooperates with probability
//! `p(τ_ij, θ_i)`: `1[τ ≥ θ]` (threshold rule) or `σ(β(τ − θ))` (logistic rule).
//!
//! Configuration: [`DecisionRule`] (`FirmConfig::decision`, scenario key
//! `decision.rule`). Phase: the decide pass (`super::super::kernel`), per tie slot. Stream:
//! [`PHASE`], the word of the slot's model slot number (see `super::super::ties`); its low
//! half `u` decides (`u < p`) and, for a defector, detection reuses it (see
//! [`super::monitoring`]); its high half is the project draw (see [`super::projects`]).
//! Flows: none.

use super::super::config::DecisionRule;
use super::super::{Cells, Logistic};
use crate::rng::Phase;

/// The stream of the decisions (one word per tie slot).
pub(crate) const PHASE: Phase = Phase::Decision;

/// Threshold rule: cooperate (probability 1) iff `τ ≥ θ`.
#[inline(always)]
pub(crate) fn threshold(tau: f64, theta: f64) -> f64 {
    f64::from(u8::from(tau >= theta))
}

/// Logistic rule for one firm: `σ(β(τ − θ))` as one multiply-add of `τ` into the logistic
/// table's position: `pos(x) = (x + 40) · STEPS`, so `a = β · STEPS`, `b = pos(−βθ)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LogisticMap {
    a: f64,
    b: f64,
}

impl LogisticMap {
    /// The map of a firm of opportunism `theta` under slope `beta`.
    #[inline(always)]
    pub(crate) fn new(beta: f64, theta: f64) -> LogisticMap {
        LogisticMap {
            a: beta * Logistic::STEPS,
            b: Logistic::pos(-beta * theta),
        }
    }

    /// `σ(β(τ − θ))`.
    #[inline(always)]
    pub(crate) fn p(self, table: &Cells, tau: f64) -> f64 {
        Logistic::at_in(table, self.a * tau + self.b)
    }
}

/// Whether the owner cooperates: `u < p`.
#[inline(always)]
pub(crate) fn cooperates(u: f64, p: f64) -> bool {
    u < p
}

/// Whether the rule is the threshold rule (the kernel monomorphises on it).
#[inline]
pub(crate) fn logistic_beta(rule: DecisionRule) -> Option<f64> {
    match rule {
        DecisionRule::Threshold => None,
        DecisionRule::Logistic { beta } => Some(beta),
    }
}
