//! The linear public goods game in overlapping neighbourhood groups.
//!
//! In the group centred on `g` (members `g` and its `k_g` neighbours) every cooperator puts
//! a contribution in the pot, the pot is multiplied by the synergy factor `r` and shared
//! equally among the `k_g + 1` members, cooperators and defectors alike. With **cost per
//! game** a cooperator contributes 1 to each of its `k + 1` groups (so it pays `k + 1`); with
//! **cost per individual** it contributes `1 / (k + 1)` to each (so it pays 1 in all). The
//! share of group `g` is
//!
//! `σ_g = r · Σ_{m ∈ G_g} s_m · c_m / (k_g + 1)`, with `c_m = 1` (per game) or
//! `c_m = 1 / (k_m + 1)` (per individual),
//!
//! and the payoff of agent `i` is `Π_i = σ_i + Σ_{g ∈ N(i)} σ_g − s_i · c_i · (k_i + 1)`,
//! divided by `k_i + 1` with normalised payoffs. The sums run in CSR order (the centre
//! first, then the neighbours in ascending order), so the payoff of a state is one exact
//! sequence of floating-point operations whatever the thread count.
//!
//! Cost per step (synchronous): two passes over the directed edges, the group shares into a
//! buffer of `N` `f64`s allocated once, then every payoff from the shares; nothing is
//! allocated per step.

use rayon::prelude::*;

use crate::chunk::CHUNK;
use crate::classic::config::GroupCost;
use crate::classic::update::ProportionalScale;

/// A validated public goods game.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PublicGoods {
    /// Synergy factor.
    pub(crate) r: f64,
    /// Cost per individual (else per game).
    pub(crate) per_individual: bool,
    /// Payoffs divided by the number of groups.
    pub(crate) normalise: bool,
}

/// The CSR arrays and per-agent data the kernel reads.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    /// CSR offsets (`N + 1`).
    pub(crate) offsets: &'a [u32],
    /// CSR targets.
    pub(crate) targets: &'a [u32],
    /// Strategy bytes (1 = contribute).
    pub(crate) strategies: &'a [u8],
    /// `1 / (k_m + 1)` per agent (used with cost per individual).
    pub(crate) inv_size: &'a [f64],
}

impl PublicGoods {
    /// The game of a configuration (validated by the caller).
    pub(crate) fn new(r: f64, cost: GroupCost, normalise: bool) -> PublicGoods {
        PublicGoods {
            r,
            per_individual: cost == GroupCost::PerIndividual,
            normalise,
        }
    }

    /// `σ_g`: the share each member of the group centred on `g` receives.
    #[inline(always)]
    pub(crate) fn share(&self, v: View<'_>, g: usize) -> f64 {
        let (lo, hi) = (v.offsets[g] as usize, v.offsets[g + 1] as usize);
        let size = f64::from((hi - lo) as u32 + 1);
        let members = &v.targets[lo..hi];
        if self.per_individual {
            let mut pot = f64::from(v.strategies[g]) * v.inv_size[g];
            for &m in members {
                pot += f64::from(v.strategies[m as usize]) * v.inv_size[m as usize];
            }
            self.r * pot / size
        } else {
            let mut nc = u32::from(v.strategies[g]);
            for &m in members {
                nc += u32::from(v.strategies[m as usize]);
            }
            self.r * f64::from(nc) / size
        }
    }

    /// The payoff of agent `i` from the shares of its groups (`share(g)` for every group
    /// it belongs to).
    #[inline(always)]
    pub(crate) fn payoff_from(
        &self,
        v: View<'_>,
        i: usize,
        mut share: impl FnMut(usize) -> f64,
    ) -> f64 {
        let (lo, hi) = (v.offsets[i] as usize, v.offsets[i + 1] as usize);
        let groups = f64::from((hi - lo) as u32 + 1);
        let mut gain = share(i);
        for &g in &v.targets[lo..hi] {
            gain += share(g as usize);
        }
        let paid = if self.per_individual { 1.0 } else { groups };
        let raw = gain - f64::from(v.strategies[i]) * paid;
        if self.normalise {
            raw / groups
        } else {
            raw
        }
    }

    /// The payoff of agent `i` in the current state, computed on the fly
    /// (**O(Σ of its groups' sizes)**): what the asynchronous schedule reads.
    #[inline]
    pub(crate) fn payoff_of(&self, v: View<'_>, i: usize) -> f64 {
        self.payoff_from(v, i, |g| self.share(v, g))
    }

    /// The payoff phase: the share of every group into `shares`, then every payoff into
    /// `payoffs`, in parallel over fixed chunks, with each chunk's payoff sum and number of
    /// contributors in `chunk_payoff` and `chunk_coop`.
    pub(crate) fn compute(
        &self,
        v: View<'_>,
        shares: &mut [f64],
        payoffs: &mut [f64],
        chunk_payoff: &mut [f64],
        chunk_coop: &mut [u32],
    ) {
        let game = *self;
        shares
            .par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(c, out)| {
                let g0 = c * CHUNK;
                for (d, s) in out.iter_mut().enumerate() {
                    *s = game.share(v, g0 + d);
                }
            });
        let shares = &shares[..];
        payoffs
            .par_chunks_mut(CHUNK)
            .zip(chunk_payoff.par_iter_mut())
            .zip(chunk_coop.par_iter_mut())
            .enumerate()
            .for_each(|(c, ((out, psum), ccount))| {
                let i0 = c * CHUNK;
                let mut sum = 0.0;
                let mut coop = 0u32;
                for (d, p) in out.iter_mut().enumerate() {
                    let i = i0 + d;
                    *p = game.payoff_from(v, i, |g| shares[g]);
                    sum += *p;
                    coop += u32::from(v.strategies[i]);
                }
                *psum = sum;
                *ccount = coop;
            });
    }
}

/// Proportional imitation in the public goods game: `k + 1` groups, and a payoff range of
/// `r + 1` per group. Per game a member gains at most `r` (less than `r` from each group)
/// and pays at most 1 per group; per individual an agent gains at most `r` per group and
/// pays 1 in all. So `|Π_j − Π_i| ≤ (r + 1) · max(k_i + 1, k_j + 1)` (and `≤ r + 1` when
/// normalised): the acceptance is a probability.
impl ProportionalScale for PublicGoods {
    #[inline]
    fn normalised(&self) -> bool {
        self.normalise
    }
    #[inline]
    fn games(&self, k: u32) -> u32 {
        k + 1
    }
    #[inline]
    fn range(&self) -> f64 {
        self.r + 1.0
    }
}
