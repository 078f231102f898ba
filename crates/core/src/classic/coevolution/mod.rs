//! Co-evolution of strategies and ties in the classic games: two models whose network changes
//! while strategies evolve, each on its own mutable adjacency.
//!
//! - [`linking`]: active linking (Pacheco, Traulsen & Nowak 2006). Any two agents may be
//!   linked; a link between an agent of strategy `i` and one of strategy `j` forms at rate
//!   `α_ij` (in the paper `α_i α_j`, the product of propensities) and dies at rate `β_ij`, in
//!   continuous time, while strategies are revised by pairwise comparison (Fermi) with a
//!   random other agent once per `W` units of link time. When links are fast, the share of
//!   active `ij` links is `φ_ij = α_ij / (α_ij + β_ij)` and the run behaves as a well-mixed
//!   population playing the game whose entries are multiplied by `φ_ij`
//!   ([`transformed_payoffs`], [`GameClass`]).
//! - [`rewiring`]: adjusting ties (Santos, Pacheco & Lenaerts 2006). A fixed number of links;
//!   each micro-step is a strategy revision with probability `1 / (1 + W)`, otherwise a link
//!   adjustment in which an agent unhappy with a defecting partner may move the link to a
//!   neighbour of that partner.
//!
//! Both models are random sequential, so a run is a sequential loop and trivially identical on
//! any number of threads. Every draw is a [`Keyed`](crate::rng::Keyed) word of the run's
//! streams, selected by `(block of steps, phase)` and a word index computed from the step in
//! the block and the agent, pair or micro-step it decides (phases
//! [`Phase::ActiveLinking`](crate::rng::Phase::ActiveLinking) and
//! [`Phase::TieAdjustment`](crate::rng::Phase::TieAdjustment)).

pub mod adjacency;
pub mod linking;
pub mod rewiring;

#[cfg(test)]
mod tests;

use crate::classic::config::Payoffs;

/// The Fermi probability that an agent with payoff `own` adopts the strategy of one with
/// payoff `other` at selection intensity `beta`: `1 / (1 + exp(−β (other − own)))`.
#[inline]
pub fn fermi(beta: f64, own: f64, other: f64) -> f64 {
    1.0 / (1.0 + (-beta * (other - own)).exp())
}

/// The four kinds of symmetric 2×2 games, by the signs of `R − T` and `S − P`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GameClass {
    /// Defection dominates (`T > R`, `P > S`): the prisoner's dilemma.
    PrisonersDilemma,
    /// Both pure states are stable (`R > T`, `P > S`): a coordination game (stag hunt).
    Coordination,
    /// A stable mix (`T > R`, `S > P`): snowdrift (hawk–dove).
    Coexistence,
    /// Cooperation dominates (`R > T`, `S > P`): harmony.
    Harmony,
    /// A tie on one side (`R = T` or `S = P`): neutral on that side.
    Degenerate,
}

impl GameClass {
    /// The class of a game.
    pub fn of(p: &Payoffs) -> GameClass {
        if p.r == p.t || p.s == p.p {
            return GameClass::Degenerate;
        }
        match (p.r > p.t, p.s > p.p) {
            (false, false) => GameClass::PrisonersDilemma,
            (true, false) => GameClass::Coordination,
            (false, true) => GameClass::Coexistence,
            (true, true) => GameClass::Harmony,
        }
    }
}

/// The game a population with fast active linking plays: each entry multiplied by the
/// stationary share of active links between the two strategies, `R φ_CC`, `S φ_CD`,
/// `T φ_CD`, `P φ_DD` (`phi` indexed by strategy bytes, `phi[1][1] = φ_CC`).
pub fn transformed_payoffs(p: &Payoffs, phi: &[[f64; 2]; 2]) -> Payoffs {
    Payoffs {
        r: p.r * phi[1][1],
        s: p.s * phi[1][0],
        t: p.t * phi[0][1],
        p: p.p * phi[0][0],
    }
}
