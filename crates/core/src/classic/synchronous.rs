//! The synchronous schedule: every agent revises at once from state `t` into the `next`
//! buffer, in parallel over fixed chunks (see the module docs of [`super`] for the draws).

use std::mem;

use rand::Rng;
use rayon::prelude::*;

use super::update::{fermi_accepts, imitate_best, proportional_accepts, Rule};
use super::Simulation;
use crate::chunk::CHUNK;
use crate::rng::{below, unit_f64, Phase};
use crate::selection::{death_birth_choice, fitness};

/// 32-bit words of the `(step, Update)` stream reserved for each agent (synchronous schedule).
const SYNC_WORDS: u64 = 2;

/// A uniform `f64` in `[0, 1)` from a 32-bit word (resolution 2^-32, enough for acceptance
/// probabilities).
#[inline(always)]
fn unit_u32(x: u32) -> f64 {
    f64::from(x) * (1.0 / 4_294_967_296.0)
}

impl Simulation {
    /// Synchronous revision: every agent decides from state `t` into the `next` buffer.
    pub(super) fn update_synchronous(&mut self) {
        let step = self.t + 1;
        let Simulation {
            csr,
            strategies,
            next,
            payoffs,
            scale,
            rule,
            streams,
            mutation_threshold,
            chunk_candidates,
            ..
        } = self;
        let (offsets, targets) = (csr.offsets(), csr.targets());
        let (strategies, payoffs, scale, rule, streams) =
            (&strategies[..], &payoffs[..], *scale, *rule, &*streams);
        let thr = *mutation_threshold;
        next.par_chunks_mut(CHUNK)
            .zip(chunk_candidates.par_iter_mut())
            .enumerate()
            .for_each(|(c, (out, cand))| {
                let i0 = c * CHUNK;
                let offs = &offsets[i0..=i0 + out.len()];
                let own = &strategies[i0..i0 + out.len()];
                let mut rng = streams.stream_at(step, Phase::Update, i0 as u64 * SYNC_WORDS);
                match rule {
                    Rule::Fermi { .. } | Rule::Proportional => {
                        // Two passes: a branch-free pass picks each agent's neighbour and lists
                        // those whose strategy differs (only they can change); a second pass
                        // draws the acceptance for the listed ones.
                        let mut m = 0;
                        for (d, ((o, w), &si)) in
                            out.iter_mut().zip(offs.windows(2)).zip(own).enumerate()
                        {
                            let r = rng.next_u64();
                            let k = w[1] - w[0];
                            *o = si;
                            if k == 0 {
                                continue;
                            }
                            let j = targets[(w[0] + below(r as u32, k)) as usize];
                            cand[m] = [d as u32, j, (r >> 32) as u32];
                            m += usize::from(strategies[j as usize] != si);
                        }
                        for &[d, j, u] in &cand[..m] {
                            let (d, j, u) = (d as usize, j as usize, unit_u32(u));
                            let (pi, pj) = (payoffs[i0 + d], payoffs[j]);
                            let accept = match rule {
                                Rule::Fermi { inv_k } => fermi_accepts(pi, pj, inv_k, u),
                                _ => {
                                    let ki = offs[d + 1] - offs[d];
                                    let kj = offsets[j + 1] - offsets[j];
                                    proportional_accepts(&scale, (pi, ki), (pj, kj), u)
                                }
                            };
                            // Strategies are 0 or 1: adopting the other one is a flip.
                            out[d] ^= u8::from(accept);
                        }
                    }
                    Rule::ImitateBest => {
                        for (d, ((o, w), &si)) in
                            out.iter_mut().zip(offs.windows(2)).zip(own).enumerate()
                        {
                            let nb = &targets[w[0] as usize..w[1] as usize];
                            let others = nb
                                .iter()
                                .map(|&j| (strategies[j as usize], payoffs[j as usize]));
                            *o = imitate_best(si, payoffs[i0 + d], others);
                        }
                    }
                    Rule::DeathBirth { w: sel } => {
                        for ((o, w), &si) in out.iter_mut().zip(offs.windows(2)).zip(own) {
                            let u = unit_f64(rng.next_u64());
                            let nb = &targets[w[0] as usize..w[1] as usize];
                            let fit = nb.iter().map(|&j| fitness(sel, payoffs[j as usize]));
                            *o = match death_birth_choice(fit, u) {
                                Some(pos) => strategies[nb[pos] as usize],
                                None => si,
                            };
                        }
                    }
                    Rule::BirthDeath { .. } => unreachable!("rejected by Simulation::new"),
                }
                if thr > 0 {
                    let mut m = streams.stream_at(step, Phase::Mutation, i0 as u64);
                    for o in out.iter_mut() {
                        if u64::from(m.next_u32()) < thr {
                            *o ^= 1;
                        }
                    }
                }
            });
        mem::swap(&mut self.strategies, &mut self.next);
    }
}
