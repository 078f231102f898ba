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

pub(crate) mod public_goods;

pub(crate) use public_goods::PublicGoods;

#[cfg(test)]
mod tests;
