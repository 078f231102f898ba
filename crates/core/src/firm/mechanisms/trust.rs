//! Trust (submodel F5): after a project, `τ_ij` learns from the partner's action
//! (asymmetric rule: `τ + λ⁺(1 − τ)` after a cooperation, `τ(1 − λ⁻)` after a defection;
//! Beta rule: the posterior mean `(α + C)/(α + β + C + D)` of the encounter counts);
//! without a project it decays toward `τ0`: `τ + δ(τ0 − τ)`. A tie breaks when either
//! end's trust falls below `break_below`.
//!
//! Configuration: [`TrustConfig`] (`FirmConfig::trust`, section `[trust]`). Phase: the
//! settle pass (`super::super::kernel`), per tie slot; breaks are applied by demography.
//! Stream: none. Flows: none.

use super::super::config::{TrustConfig, TrustRule};

/// The affine update `τ ← a + b·τ` of a slot: learning from the partner's action when the
/// tie ran a project (`occ`) under the asymmetric rule, decay toward `τ0` otherwise; the
/// Beta rule's projects read the encounter counts instead (identity here, see
/// [`beta_mean`]).
pub(crate) fn affine(cfg: &TrustConfig, occ: bool, theirs: bool) -> (f64, f64) {
    match (occ, cfg.rule) {
        (false, _) => (cfg.decay * cfg.initial, 1.0 - cfg.decay),
        (true, TrustRule::Asymmetric { up, .. }) if theirs => (up, 1.0 - up),
        (true, TrustRule::Asymmetric { down, .. }) => (0.0, 1.0 - down),
        (true, TrustRule::Beta { .. }) => (0.0, 1.0),
    }
}

/// The Beta rule's `(α, α + β)`, if it is the rule.
pub(crate) fn beta_prior(cfg: &TrustConfig) -> Option<(f64, f64)> {
    match cfg.rule {
        TrustRule::Beta { alpha, beta } => Some((alpha, alpha + beta)),
        TrustRule::Asymmetric { .. } => None,
    }
}

/// `a + b·τ`.
#[inline(always)]
pub(crate) fn apply(a: f64, b: f64, tau: f64) -> f64 {
    a + b * tau
}

/// The Beta rule's posterior mean from the encounter counts `enc` (cooperations in the low
/// half, defections in the high half): `(α + C)/(α + β + C + D)`.
#[inline(always)]
pub(crate) fn beta_mean((alpha, alpha_beta): (f64, f64), enc: u64) -> f64 {
    let (cs, ds) = (enc as u32, (enc >> 32) as u32);
    (alpha + f64::from(cs)) / (alpha_beta + f64::from(cs) + f64::from(ds))
}

/// Trust as stored: clamped to `[0, 1]`, as an `f32`.
#[inline(always)]
pub(crate) fn store(next: f64) -> f32 {
    next.clamp(0.0, 1.0) as f32
}

/// Whether a trust `τ` (stored) breaks the tie: `τ < threshold` (see [`break_threshold`]).
#[inline(always)]
pub(crate) fn breaks(tau: f32, threshold: f32) -> bool {
    tau < threshold
}

/// The smallest `f32` at or above `x >= 0`, so that for an `f32` trust `τ`, `τ < it` iff
/// `τ < x` (rounding `x` to nearest may go below it: 0.01 becomes 0.009999999776…).
pub(crate) fn break_threshold(x: f64) -> f32 {
    let t = x as f32;
    if f64::from(t) < x {
        f32::from_bits(t.to_bits() + 1)
    } else {
        t
    }
}
