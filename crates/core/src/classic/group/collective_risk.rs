//! The collective-risk dilemma (a threshold public good), in the overlapping neighbourhood
//! groups of a network or in a well-mixed population sampled in groups.
//!
//! Every member of a group holds an endowment `b`; a cooperator gives `c·b` (the fraction
//! `c` of it) to the group's effort. A group with at least `M` cooperators keeps what is
//! left; otherwise, with probability `r`, everyone in it loses it. With `j` cooperators in
//! the group a defector gets `Π_D(j) = b` if `j ≥ M` and a cooperator `Π_C(j) = Π_D(j) − c·b`;
//! below the threshold `Π_D(j) = (1 − r)·b` in expectation, or, with drawn failures, `0` if
//! the group's draw fails (probability `r`) and `b` if not.
//!
//! **Neighbourhood groups** ([`CollectiveRisk`]): the group centred on `g` is `g` and its
//! `k_g` neighbours; the value `v_g` a member of group `g` keeps (`b`, `(1 − r)·b`, or the
//! drawn `0`/`b`) is computed once per group, and the payoff of agent `i` is
//! `Π_i = v_i + Σ_{g ∈ N(i)} v_g − s_i · c·b · (k_i + 1)` (a cooperator pays `c·b` into each of
//! its `k_i + 1` groups), divided by `k_i + 1` with normalised payoffs. A drawn failure of
//! group `g` at step `t` reads word `g` of the keyed `(t, GroupRisk)` stream: the group fails
//! iff `unit(word) < r`, so the synchronous and the asynchronous schedules, and every thread
//! count, see the same failures within a step. The sums run in CSR order (centre first), so a
//! state's payoffs are one exact sequence of floating-point operations.
//!
//! **Sampled groups** ([`SampledRisk`]): a well-mixed population of `Z` agents; an agent's
//! payoff is its expected payoff in a group made of itself and `N − 1` others drawn without
//! replacement from the other `Z − 1` agents. With `k` cooperators in the population
//!
//! `f_C(k) = Σ_j H(j; Z − 1, k − 1, N − 1) · Π_C(j + 1)`,
//! `f_D(k) = Σ_j H(j; Z − 1, k, N − 1) · Π_D(j)`,
//!
//! `H(j; P, K, n) = C(K, j)·C(P − K, n − j) / C(P, n)` the hypergeometric probability. Both are
//! tabulated for `k = 0 ..= Z` when the run is set up (`O(Z · N)`), so a payoff is one lookup.
//! Only expected failures exist here (the payoff is already an expectation over groups).

use rayon::prelude::*;

use super::public_goods::View;
use crate::chunk::CHUNK;
use crate::classic::update::ProportionalScale;
use crate::rng::{unit_f64, Keyed};

/// The payoffs of one group: what a defector keeps given the group's number of cooperators,
/// and what a cooperator pays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RiskPayoffs {
    /// Threshold `M`.
    pub(crate) threshold: u32,
    /// Risk `r`.
    pub(crate) risk: f64,
    /// Endowment `b`.
    pub(crate) endowment: f64,
    /// A cooperator's contribution `c·b`.
    pub(crate) cost: f64,
}

impl RiskPayoffs {
    /// The game of a configuration (validated by the caller).
    pub(crate) fn new(threshold: u32, risk: f64, contribution: f64, endowment: f64) -> Self {
        RiskPayoffs {
            threshold,
            risk,
            endowment,
            cost: contribution * endowment,
        }
    }

    /// `Π_D(j)` in expectation.
    #[inline(always)]
    pub(crate) fn defector(&self, j: u32) -> f64 {
        if j >= self.threshold {
            self.endowment
        } else {
            (1.0 - self.risk) * self.endowment
        }
    }

    /// `Π_C(j)` in expectation (`j` counts the cooperator itself).
    #[inline(always)]
    pub(crate) fn cooperator(&self, j: u32) -> f64 {
        self.defector(j) - self.cost
    }
}

/// The collective-risk dilemma in the overlapping neighbourhood groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CollectiveRisk {
    /// The group payoffs.
    pub(crate) game: RiskPayoffs,
    /// Failures drawn per group (else expected).
    pub(crate) drawn: bool,
    /// Payoffs divided by the number of groups.
    pub(crate) normalise: bool,
}

impl CollectiveRisk {
    /// `v_g`: what each member of the group centred on `g` keeps of its endowment (before
    /// contributions), the draws of the current step being `draws`.
    #[inline(always)]
    pub(crate) fn share(&self, v: View<'_>, draws: &Keyed, g: usize) -> f64 {
        let (lo, hi) = (v.offsets[g] as usize, v.offsets[g + 1] as usize);
        let mut nc = u32::from(v.strategies[g]);
        for &m in &v.targets[lo..hi] {
            nc += u32::from(v.strategies[m as usize]);
        }
        let game = &self.game;
        if nc >= game.threshold {
            game.endowment
        } else if self.drawn {
            if unit_f64(draws.word(g as u64)) < game.risk {
                0.0
            } else {
                game.endowment
            }
        } else {
            (1.0 - game.risk) * game.endowment
        }
    }

    /// The payoff of agent `i` from the values of its groups (`share(g)` for every group it
    /// belongs to).
    #[inline(always)]
    pub(crate) fn payoff_from(
        &self,
        v: View<'_>,
        i: usize,
        mut share: impl FnMut(usize) -> f64,
    ) -> f64 {
        let (lo, hi) = (v.offsets[i] as usize, v.offsets[i + 1] as usize);
        let groups = f64::from((hi - lo) as u32 + 1);
        let mut kept = share(i);
        for &g in &v.targets[lo..hi] {
            kept += share(g as usize);
        }
        let raw = kept - f64::from(v.strategies[i]) * self.game.cost * groups;
        if self.normalise {
            raw / groups
        } else {
            raw
        }
    }

    /// The payoff of agent `i` in the current state, computed on the fly (what the
    /// asynchronous schedule reads).
    #[inline]
    pub(crate) fn payoff_of(&self, v: View<'_>, draws: &Keyed, i: usize) -> f64 {
        self.payoff_from(v, i, |g| self.share(v, draws, g))
    }

    /// The payoff phase: every group's value into `shares`, then every payoff, in parallel
    /// over fixed chunks, with each chunk's payoff sum and number of cooperators.
    pub(crate) fn compute(
        &self,
        v: View<'_>,
        draws: &Keyed,
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
                    *s = game.share(v, draws, g0 + d);
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

/// Proportional imitation: `k + 1` groups; in one group a payoff lies in `[−c·b, b]`, so a
/// payoff range of `b + c·b` per group bounds `|Π_j − Π_i| / (k_> + 1)`.
impl ProportionalScale for CollectiveRisk {
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
        self.game.endowment + self.game.cost
    }
}

/// The collective-risk dilemma in a well-mixed population sampled in groups of `N`: the
/// expected payoffs of a cooperator and a defector for every number of cooperators.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SampledRisk {
    /// `f_C(k)` for `k = 0 ..= Z` (`f_C(0)` is never read: 0).
    pub(crate) cooperator: Vec<f64>,
    /// `f_D(k)` for `k = 0 ..= Z` (`f_D(Z)` is never read: 0).
    pub(crate) defector: Vec<f64>,
    /// The group payoffs.
    pub(crate) game: RiskPayoffs,
}

impl SampledRisk {
    /// The tables of a population of `z` agents in groups of `size` (`2 ≤ size ≤ z`,
    /// validated by the caller).
    pub(crate) fn new(game: RiskPayoffs, size: u32, z: usize) -> SampledRisk {
        // ln n! for n = 0 ..= z.
        let mut ln_fact = vec![0.0f64; z + 1];
        for n in 1..=z {
            ln_fact[n] = ln_fact[n - 1] + (n as f64).ln();
        }
        let ln_choose = |n: usize, k: usize| ln_fact[n] - ln_fact[k] - ln_fact[n - k];
        let others = z - 1;
        let draws = size as usize - 1;
        // Σ_j H(j; Z − 1, K, N − 1) · pay(j).
        let expect = |succ: usize, pay: &dyn Fn(u32) -> f64| -> f64 {
            let lo = draws.saturating_sub(others - succ);
            let hi = draws.min(succ);
            let total = ln_choose(others, draws);
            (lo..=hi)
                .map(|j| {
                    let h =
                        (ln_choose(succ, j) + ln_choose(others - succ, draws - j) - total).exp();
                    h * pay(j as u32)
                })
                .sum()
        };
        let cooperator = (0..=z)
            .map(|k| {
                if k == 0 {
                    0.0
                } else {
                    expect(k - 1, &|j| game.cooperator(j + 1))
                }
            })
            .collect();
        let defector = (0..=z)
            .map(|k| {
                if k == z {
                    0.0
                } else {
                    expect(k, &|j| game.defector(j))
                }
            })
            .collect();
        SampledRisk {
            cooperator,
            defector,
            game,
        }
    }

    /// The payoff of an agent playing `s` when `k` agents cooperate.
    #[inline(always)]
    pub(crate) fn payoff(&self, s: u8, k: usize) -> f64 {
        if s == 1 {
            self.cooperator[k]
        } else {
            self.defector[k]
        }
    }

    /// The payoff phase: the number of cooperators, then every payoff, over fixed chunks.
    pub(crate) fn compute(
        &self,
        strategies: &[u8],
        payoffs: &mut [f64],
        chunk_payoff: &mut [f64],
        chunk_coop: &mut [u32],
    ) {
        chunk_coop
            .par_iter_mut()
            .zip(strategies.par_chunks(CHUNK))
            .for_each(|(c, s)| *c = s.iter().map(|&x| u32::from(x)).sum());
        let k: usize = chunk_coop.iter().map(|&c| c as usize).sum();
        payoffs
            .par_chunks_mut(CHUNK)
            .zip(strategies.par_chunks(CHUNK))
            .zip(chunk_payoff.par_iter_mut())
            .for_each(|((out, s), psum)| {
                let mut sum = 0.0;
                for (p, &si) in out.iter_mut().zip(s) {
                    *p = self.payoff(si, k);
                    sum += *p;
                }
                *psum = sum;
            });
    }
}

/// Proportional imitation: one (expected) group game per agent whatever its degree, with a
/// payoff range of `b + c·b`.
impl ProportionalScale for SampledRisk {
    #[inline]
    fn normalised(&self) -> bool {
        true
    }
    #[inline]
    fn games(&self, _k: u32) -> u32 {
        1
    }
    #[inline]
    fn range(&self) -> f64 {
        self.game.endowment + self.game.cost
    }
}
