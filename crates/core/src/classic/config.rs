//! Resolved configuration of one simulation run (what a scenario file resolves to).
//!
//! These types carry no defaults and no file positions: the scenario crate fills every
//! default and checks every range before building them.

use serde::{Deserialize, Serialize};

/// Payoffs of a symmetric 2×2 game, seen by the row player.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Payoffs {
    /// Reward: both cooperate.
    pub r: f64,
    /// Sucker's payoff: I cooperate, the partner defects.
    pub s: f64,
    /// Temptation: I defect, the partner cooperates.
    pub t: f64,
    /// Punishment: both defect.
    pub p: f64,
}

impl Payoffs {
    /// Payoff to a player using `me` against a partner using `other`.
    #[inline]
    pub fn get(&self, me: Strategy, other: Strategy) -> f64 {
        match (me, other) {
            (Strategy::Cooperate, Strategy::Cooperate) => self.r,
            (Strategy::Cooperate, Strategy::Defect) => self.s,
            (Strategy::Defect, Strategy::Cooperate) => self.t,
            (Strategy::Defect, Strategy::Defect) => self.p,
        }
    }
}

/// A pure strategy of the classic games.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Cooperate (C).
    Cooperate,
    /// Defect (D).
    Defect,
}

/// How the bilateral games on a firm's ties add up to its payoff.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GameConfig {
    /// The 2×2 payoff matrix.
    pub payoffs: Payoffs,
    /// Divide the accumulated payoff by the number of games played (degree, plus one
    /// with self-interaction); an agent with no games gets 0.
    pub normalise: bool,
    /// Each agent also plays against itself (Nowak & May 1992).
    pub self_interaction: bool,
    /// A group game played instead of the 2×2 game on the ties (then `payoffs` and
    /// `self_interaction` are not used; `normalise` divides by the number of groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupGame>,
}

/// A game played in the overlapping neighbourhood groups of a network: the group centred on
/// agent `g` is `g` and its neighbours (size `k_g + 1`), and every agent plays in the group
/// centred on itself and in those centred on each of its neighbours (`k + 1` groups),
/// its payoff being the sum over its groups.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "game", rename_all = "kebab-case")]
pub enum GroupGame {
    /// The linear public goods game: cooperators contribute, each group's pot is multiplied
    /// by the synergy factor `r` and shared equally among the group's members.
    PublicGoods {
        /// Synergy factor `r > 0`.
        r: f64,
        /// Who pays what.
        cost: GroupCost,
    },
    /// The collective-risk dilemma (a threshold public good; Santos & Pacheco 2011): every
    /// member holds an endowment `b`, a cooperator gives the fraction `c` of it (`c·b`); a
    /// group with at least `M` cooperators keeps what is left, otherwise everyone in it loses
    /// it with probability `r`. A defector in a group with `j` cooperators gets
    /// `Π_D(j) = b` if `j ≥ M`, else `(1 − r)·b` in expectation (or `0` / `b` drawn); a
    /// cooperator gets `Π_C(j) = Π_D(j) − c·b`.
    CollectiveRisk {
        /// Threshold `M ≥ 1`: the number of cooperators a group needs.
        threshold: u32,
        /// Risk `r ∈ [0, 1]`: the probability that a group below the threshold loses.
        risk: f64,
        /// The fraction `c ∈ [0, 1]` of the endowment a cooperator contributes.
        contribution: f64,
        /// The endowment `b > 0`.
        endowment: f64,
        /// Where the groups come from.
        groups: RiskGroups,
    },
}

/// The groups of the collective-risk dilemma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "groups", rename_all = "kebab-case")]
pub enum RiskGroups {
    /// The overlapping neighbourhood groups of the network (`k + 1` groups per agent).
    Neighbourhood {
        /// How a group below the threshold fails.
        draw: RiskDraw,
    },
    /// A well-mixed population of `Z` agents (the network's nodes) sampled in groups of
    /// `size` `N`: the payoff of an agent is its expected payoff in a group of itself and
    /// `N − 1` others drawn at random without replacement from the other `Z − 1`
    /// (hypergeometric), so it depends only on its strategy and the number of cooperators.
    Sampled {
        /// Group size `N ≥ 2`, at most the population.
        size: u32,
    },
}

/// How a group below the threshold fails in the neighbourhood groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskDraw {
    /// Every member gets the expectation: what is left times `1 − r`.
    Expected,
    /// Each group below the threshold fails (its members lose what is left) with probability
    /// `r`, one draw per group and step from the keyed `(step, GroupRisk)` stream.
    Drawn,
}

/// How a cooperator's contribution is counted in the public goods game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupCost {
    /// Cost per game: a cooperator pays 1 into every group it belongs to (`k + 1` in all).
    PerGame,
    /// Cost per individual: a cooperator pays 1 in all, split equally over its `k + 1`
    /// groups (Santos, Santos & Pacheco 2008).
    PerIndividual,
}

/// Strategy revision rule.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum UpdateRule {
    /// Pairwise comparison with one uniformly random neighbour `j`:
    /// adopt `s_j` with probability `1 / (1 + exp((Π_i − Π_j) / K))`.
    Fermi {
        /// Noise `K > 0`.
        k: f64,
    },
    /// Nowak–May: adopt the strategy of the highest payoff among self and neighbours;
    /// ties are kept by the current strategy.
    ImitateBest,
    /// Santos–Pacheco proportional imitation: with one random neighbour `j`, if `Π_j > Π_i`
    /// adopt `s_j` with probability `(Π_j − Π_i) / (k_> · D)`, `D` the payoff range and
    /// `k_>` the larger of the two numbers of games (1 with normalised payoffs).
    Proportional,
    /// Death–birth (Ohtsuki et al. 2006): the focal agent is replaced by a copy of a
    /// neighbour chosen with probability proportional to fitness `1 − w + w·Π`.
    DeathBirth {
        /// Selection intensity `w ∈ [0, 1]`.
        w: f64,
    },
    /// Birth–death: an agent chosen in proportion to fitness `1 − w + w·Π` over the whole
    /// population reproduces into a uniformly random neighbour (asynchronous only).
    BirthDeath {
        /// Selection intensity `w ∈ [0, 1]`.
        w: f64,
    },
}

/// When revised strategies take effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule {
    /// Every agent revises at once from the previous step's state (double buffered).
    Synchronous,
    /// Random sequential: N single-agent revisions per step, each seeing the current state.
    Asynchronous,
}

/// Strategy revision: rule, schedule and mutation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateConfig {
    /// The imitation or Moran rule.
    pub rule: UpdateRule,
    /// Synchronous or random sequential.
    pub schedule: Schedule,
    /// Probability that a revising agent then flips its strategy (exploration), in [0, 1].
    pub mutation: f64,
}

/// Initial strategies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "kebab-case")]
pub enum InitialConfig {
    /// Exactly `round(coop_fraction · N)` cooperators placed uniformly at random.
    Random {
        /// Share of cooperators in [0, 1].
        coop_fraction: f64,
    },
    /// All cooperate except one defector at the centre node (`N / 2`, or the centre
    /// cell `(w/2, h/2)` of a lattice).
    SingleDefector,
    /// All defect except one cooperator at the centre node.
    SingleCooperator,
    /// One strategy per node, e.g. from a node attribute file.
    Given {
        /// Strategy of node `i` at index `i`.
        strategies: Vec<Strategy>,
    },
}

/// Length and stopping of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunConfig {
    /// Number of steps to run (upper bound when stopping at absorption).
    pub steps: u64,
    /// Stop as soon as every alive agent has the same strategy.
    pub stop_at_absorption: bool,
}

/// Everything the step loop needs besides the network and the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// The bilateral game.
    pub game: GameConfig,
    /// Strategy revision.
    pub update: UpdateConfig,
    /// Initial strategies.
    pub initial: InitialConfig,
    /// Length and stopping.
    pub run: RunConfig,
}
