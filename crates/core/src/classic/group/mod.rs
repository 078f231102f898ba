//! Group games on the overlapping neighbourhood groups of a network: the group centred on
//! agent `g` is `g` with its neighbours (`k_g + 1` members), and every agent plays in the
//! group centred on itself and in the group centred on each of its neighbours, its payoff
//! being the sum over those `k + 1` groups (divided by `k + 1` with normalised payoffs).
//!
//! The game replaces the 2×2 game of the ties when `GameConfig::group` is set; the update
//! rules and schedules are the classic ones and read the payoffs computed here. This module
//! reads the network only through the CSR arrays, so it does not depend on how the network
//! was built or whether it changes between steps (the payoffs are recomputed from the
//! current CSR every step).
//!
//! - `public_goods.rs`: the linear public goods game (cost per game or per individual), its
//!   fast two-pass kernel and the on-the-fly payoff of one agent used by the asynchronous
//!   schedule.
//! - `collective_risk.rs`: the collective-risk dilemma (threshold public good) in the
//!   neighbourhood groups (expected or drawn failures) and in a well-mixed population sampled
//!   in groups (tabulated expected payoffs).

pub(crate) mod collective_risk;
pub(crate) mod public_goods;

pub(crate) use collective_risk::{CollectiveRisk, RiskPayoffs, SampledRisk};
pub(crate) use public_goods::PublicGoods;

use crate::classic::config::{GameConfig, GroupGame, RiskDraw, RiskGroups};
use crate::classic::update::Scale;

/// The group game of a run, with what it precomputes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Group {
    /// The linear public goods game.
    PublicGoods(PublicGoods),
    /// The collective-risk dilemma in the neighbourhood groups.
    Risk(CollectiveRisk),
    /// The collective-risk dilemma in a well-mixed population sampled in groups.
    Sampled(SampledRisk),
}

impl Group {
    /// The group game of a validated configuration on `z` agents, if it plays one.
    pub(crate) fn new(game: &GameConfig, z: usize) -> Option<Group> {
        Some(match game.group? {
            GroupGame::PublicGoods { r, cost } => {
                Group::PublicGoods(PublicGoods::new(r, cost, game.normalise))
            }
            GroupGame::CollectiveRisk {
                threshold,
                risk,
                contribution,
                endowment,
                groups,
            } => {
                let payoffs = RiskPayoffs::new(threshold, risk, contribution, endowment);
                match groups {
                    RiskGroups::Neighbourhood { draw } => Group::Risk(CollectiveRisk {
                        game: payoffs,
                        drawn: draw == RiskDraw::Drawn,
                        normalise: game.normalise,
                    }),
                    RiskGroups::Sampled { size } => {
                        Group::Sampled(SampledRisk::new(payoffs, size, z))
                    }
                }
            }
        })
    }

    /// What proportional imitation needs of the game.
    pub(crate) fn scale(&self) -> Scale {
        match self {
            Group::PublicGoods(g) => Scale::of(g),
            Group::Risk(g) => Scale::of(g),
            Group::Sampled(g) => Scale::of(g),
        }
    }

    /// Whether the game reads the neighbourhood groups (shares per group centre).
    pub(crate) fn neighbourhood(&self) -> bool {
        !matches!(self, Group::Sampled(_))
    }

    /// Whether the game draws failures per group and step.
    pub(crate) fn drawn(&self) -> bool {
        matches!(self, Group::Risk(g) if g.drawn)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod risk_tests;
