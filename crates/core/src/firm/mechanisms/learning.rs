//! Learning (submodel F7): with probability `rate` an alive firm with partners revises its
//! opportunism by imitating a partner's, by the rule's comparison of success (the tie income
//! or the whole net income): Fermi, proportional imitation, imitate-the-best or a
//! death–birth choice; then it may mutate (see [`super::mutation`]).
//!
//! Configuration: [`LearningConfig`](super::super::config::LearningConfig)
//! (`FirmConfig::learning`, section `[learning]`). Phase: its own parallel pass after
//! settlement (reads the state before the pass, writes the next opportunism, swapped in
//! after it). Stream: [`PHASE`], words `2i` (low half: whether firm `i` revises; high half:
//! whether it mutates) and `2i + 1` (high half: the partner, low half: the acceptance draw).
//! Flows: none.

use rayon::prelude::*;

use super::super::config::{LearningRule, Success};
use super::super::dist::normal_inv;
use super::super::kernel::split_at_ends;
use super::super::{FirmSimulation, Logistic};
use super::{mutation, threshold32, unit32};
use crate::chunk::CHUNK;
use crate::rng::{below, Phase};
use crate::selection::{death_birth_choice, fitness};

/// The stream of the learning draws.
pub(crate) const PHASE: Phase = Phase::Learning;

impl FirmSimulation {
    /// Phase: opportunism imitation and mutation (reads the state before the phase).
    pub(crate) fn learn(&mut self, step: u64) {
        let cfg = &self.cfg.learning;
        let (rule, rate, mu, msd) = (cfg.rule, cfg.rate, cfg.mutation, cfg.mutation_sd);
        let (rate_thr, mu_thr) = (threshold32(rate), threshold32(mu));
        let success = match cfg.success {
            Success::Network => &self.firms.tie_income[..],
            Success::Income => &self.firms.income[..],
        };
        let (start, len, target) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
        );
        let (alive, theta) = (&self.firms.alive[..], &self.firms.opportunism[..]);
        let logistic = self.logistic;
        let lr = self.streams.keyed(step, PHASE);
        let mr = self.streams.keyed(step, mutation::PHASE);
        split_at_ends(&mut self.firms.opportunism_next, &self.firm_ends)
            .enumerate()
            .par_bridge()
            .for_each(|(c, out)| {
                let i0 = c * CHUNK;
                out.copy_from_slice(&theta[i0..i0 + out.len()]);
                // One word per firm says whether it revises (low half under the rate; alive
                // and with a partner) and whether it mutates (high half under the mutation
                // rate; alive): branch-free lists of both, then the revisions, then the
                // mutations, so each firm still imitates before it mutates.
                let mut revise = [0u32; CHUNK];
                let mut mutate = [0u32; CHUNK];
                let (mut n, mut m) = (0, 0);
                for i in i0..i0 + out.len() {
                    let w = lr.word(2 * i as u64);
                    let live = alive[i] != 0;
                    revise[n] = i as u32;
                    n += usize::from(live & (u64::from(w as u32) < rate_thr) & (len[i] > 0));
                    mutate[m] = i as u32;
                    m += usize::from(live & ((w >> 32) < mu_thr));
                }
                for &i in &revise[..n] {
                    let i = i as usize;
                    let o = &mut out[i - i0];
                    // High half: the partner; low half: the acceptance draw.
                    let b = lr.word(2 * i as u64 + 1);
                    let nb = &target[start[i] as usize..(start[i] + len[i]) as usize];
                    let pick = || nb[below((b >> 32) as u32, nb.len() as u32) as usize] as usize;
                    let u = unit32(b as u32);
                    let pi = success[i];
                    match rule {
                        LearningRule::Fermi { k } => {
                            // σ((Π_j − Π_i)/K), from the shared logistic table; branch-free,
                            // since adoption is a coin flip that a branch would mispredict.
                            let j = pick();
                            let p = logistic.at(Logistic::pos((success[j] - pi) / k));
                            let adopt = (alive[j] != 0) & (u < p);
                            *o = [*o, theta[j]][usize::from(adopt)];
                        }
                        LearningRule::Proportional { scale } => {
                            let j = pick();
                            if alive[j] != 0 && proportional_adopts(pi, success[j], scale, u) {
                                *o = theta[j];
                            }
                        }
                        LearningRule::ImitateBest => {
                            let mut best = pi;
                            for &j in nb {
                                let j = j as usize;
                                if alive[j] != 0 && success[j] > best {
                                    best = success[j];
                                    *o = theta[j];
                                }
                            }
                        }
                        LearningRule::DeathBirth { w } => {
                            let fit = nb.iter().map(|&j| {
                                let j = j as usize;
                                if alive[j] != 0 {
                                    fitness(w, success[j])
                                } else {
                                    0.0
                                }
                            });
                            if let Some(pos) = death_birth_choice(fit, u) {
                                if alive[nb[pos] as usize] != 0 {
                                    *o = theta[nb[pos] as usize];
                                }
                            }
                        }
                    }
                }
                for &i in &mutate[..m] {
                    let i = i as usize;
                    let z = normal_inv(mr.word(i as u64));
                    let o = &mut out[i - i0];
                    *o = mutation::mutate(*o, msd, z);
                }
            });
        std::mem::swap(
            &mut self.firms.opportunism,
            &mut self.firms.opportunism_next,
        );
    }
}

/// Proportional imitation of a partner's opportunism: `true` iff `pj > pi` and
/// `u < (pj − pi) / scale` (certain once the gap reaches `scale`); `u` uniform in `[0, 1)`.
#[inline]
pub(crate) fn proportional_adopts(pi: f64, pj: f64, scale: f64, u: f64) -> bool {
    pj > pi && u * scale < pj - pi
}
