//! The payoff phase, run after every step whatever the schedule: every payoff from the
//! current strategies by a gather-sum of neighbour bytes over fixed chunks, with the exact
//! cooperator count and the payoff sum added in chunk order; or, with a group game, the
//! group game's kernel (`group/`).

use rayon::prelude::*;

use super::group::public_goods::View;
use super::group::Group;
use super::Simulation;
use crate::chunk::CHUNK;
use crate::rng::Phase;

impl Simulation {
    /// Payoff phase: every payoff from the current strategies, plus the exact cooperator count
    /// and the fixed-order payoff sum.
    pub(super) fn compute_payoffs(&mut self) {
        if self.group.is_some() {
            self.compute_group_payoffs();
            return;
        }
        let Simulation {
            csr,
            strategies,
            payoffs,
            table,
            chunk_coop,
            chunk_payoff,
            chunk_scratch,
            ..
        } = self;
        let (offsets, targets) = (csr.offsets(), csr.targets());
        let strategies = &strategies[..];
        let table = *table;
        payoffs
            .par_chunks_mut(CHUNK)
            .zip(chunk_payoff.par_iter_mut())
            .zip(chunk_coop.par_iter_mut())
            .zip(chunk_scratch.par_iter_mut())
            .enumerate()
            .for_each(|(c, (((out, psum), ccount), cum))| {
                let i0 = c * CHUNK;
                let offs = &offsets[i0..=i0 + out.len()];
                let own = &strategies[i0..i0 + out.len()];
                let lo = offs[0];
                let mut acc = 0u32;
                cum[0] = 0;
                for (slot, &j) in cum[1..]
                    .iter_mut()
                    .zip(&targets[lo as usize..offs[out.len()] as usize])
                {
                    acc += u32::from(strategies[j as usize]);
                    *slot = acc;
                }
                let mut sum = 0.0;
                let mut coop = 0u32;
                for ((p, w), &s) in out.iter_mut().zip(offs.windows(2)).zip(own) {
                    let nc = cum[(w[1] - lo) as usize] - cum[(w[0] - lo) as usize];
                    *p = table.payoff(s, nc, w[1] - w[0]);
                    sum += *p;
                    coop += u32::from(s);
                }
                *psum = sum;
                *ccount = coop;
            });
        self.payoff_sum = self.chunk_payoff.iter().sum();
        self.cooperators = self.chunk_coop.iter().map(|&c| c as usize).sum();
    }

    /// The payoff phase of a group game: the game's kernel on the current strategies (and,
    /// with drawn collective-risk failures, the keyed draws of the current step).
    fn compute_group_payoffs(&mut self) {
        if self.group.as_ref().is_some_and(Group::drawn) {
            self.risk_draws = self.streams.keyed(self.t, Phase::GroupRisk);
        }
        let Simulation {
            csr,
            strategies,
            payoffs,
            shares,
            inv_size,
            chunk_coop,
            chunk_payoff,
            group,
            risk_draws,
            ..
        } = self;
        let view = View {
            offsets: csr.offsets(),
            targets: csr.targets(),
            strategies,
            inv_size,
        };
        match group.as_ref() {
            Some(Group::PublicGoods(game)) => {
                game.compute(view, shares, payoffs, chunk_payoff, chunk_coop)
            }
            Some(Group::Risk(game)) => {
                game.compute(view, risk_draws, shares, payoffs, chunk_payoff, chunk_coop)
            }
            Some(Group::Sampled(game)) => {
                game.compute(strategies, payoffs, chunk_payoff, chunk_coop)
            }
            None => unreachable!("called with a group game only"),
        }
        self.payoff_sum = self.chunk_payoff.iter().sum();
        self.cooperators = self.chunk_coop.iter().map(|&c| c as usize).sum();
    }
}
