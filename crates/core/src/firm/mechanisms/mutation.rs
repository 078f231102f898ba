//! Mutation of opportunism (submodel F7): after imitation, with probability `mutation` a
//! firm's opportunism moves by a Gaussian step, `θ ← clamp(θ + sd · z, 0, 1)`.
//!
//! Configuration: `LearningConfig::mutation`, `mutation_sd` (section `[learning]`). Phase:
//! the learning pass, after each firm's imitation (see [`super::learning`]). Streams:
//! whether a firm mutates is the high half of its learning word; `z = Φ⁻¹(word i of`
//! [`PHASE`]`)`. Flows: none.

use crate::rng::Phase;

/// The stream of the mutation steps (word `i` for firm `i`).
pub(crate) const PHASE: Phase = Phase::FirmMutation;

/// `clamp(θ + sd · z, 0, 1)`.
#[inline(always)]
pub(crate) fn mutate(theta: f64, sd: f64, z: f64) -> f64 {
    (theta + sd * z).clamp(0.0, 1.0)
}
