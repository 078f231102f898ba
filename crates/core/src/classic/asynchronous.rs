//! The asynchronous (random sequential) schedule: `N` micro-steps per step, each on the
//! current state, with the numbers of cooperating neighbours kept up to date incrementally and
//! birth–death's reproducer drawn from a Fenwick tree of fitnesses.

use rand::Rng;

use super::game::COOPERATE;
use super::group::public_goods::View;
use super::group::Group;
use super::update::{fermi_accepts, imitate_best, proportional_accepts, Rule};
use super::Simulation;
use crate::rng::{below, unit_f64, Phase};
use crate::selection::{death_birth_choice, fitness};

impl Simulation {
    /// Random sequential revision: `N` micro-steps, each on the current state.
    pub(super) fn update_asynchronous(&mut self) {
        let step = self.t + 1;
        let n = self.len() as u32;
        let mut rng = self.streams.stream(step, Phase::Update);
        let mut mrng = self.streams.stream(step, Phase::Mutation);
        let thr = self.mutation_threshold;
        if let Rule::BirthDeath { w } = self.rule {
            self.fenwick
                .rebuild(self.payoffs.iter().map(|&p| fitness(w, p)));
        }
        for _ in 0..n {
            let a = rng.next_u64();
            let b = rng.next_u64();
            let revised = self.micro_step(a, b, n);
            let flip = thr > 0 && u64::from(mrng.next_u32()) < thr;
            if let Some((site, mut s)) = revised {
                if flip {
                    s ^= 1;
                }
                self.set_async(site, s);
            }
        }
    }

    /// The CSR arrays and strategies as the group game reads them.
    #[inline]
    fn group_view(&self) -> View<'_> {
        View {
            offsets: self.csr.offsets(),
            targets: self.csr.targets(),
            strategies: &self.strategies,
            inv_size: &self.inv_size,
        }
    }

    /// Current payoff of `i` in the asynchronous schedule (from the incremental counts).
    #[inline]
    pub(super) fn payoff_now(&self, i: usize) -> f64 {
        match &self.group {
            Some(Group::PublicGoods(game)) => return game.payoff_of(self.group_view(), i),
            Some(Group::Risk(game)) => {
                return game.payoff_of(self.group_view(), &self.risk_draws, i)
            }
            Some(Group::Sampled(game)) => return game.payoff(self.strategies[i], self.cooperators),
            None => {}
        }
        self.table
            .payoff(self.strategies[i], self.ncoop[i], self.csr.degree(i) as u32)
    }

    /// One asynchronous revision from the draws `a`, `b`: the revising site and its new
    /// strategy (before mutation), or `None` when no agent revises (a birth–death
    /// reproducer without neighbours).
    pub(super) fn micro_step(&self, a: u64, b: u64, n: u32) -> Option<(usize, u8)> {
        let focal = below(a as u32, n) as usize;
        let nb = self.csr.neighbors(focal);
        let si = self.strategies[focal];
        let k = nb.len() as u32;
        let pick = || nb[below((a >> 32) as u32, k) as usize] as usize;
        match self.rule {
            Rule::Fermi { inv_k } => {
                if k == 0 {
                    return Some((focal, si));
                }
                let j = pick();
                let sj = self.strategies[j];
                let adopt = sj != si
                    && fermi_accepts(
                        self.payoff_now(focal),
                        self.payoff_now(j),
                        inv_k,
                        unit_f64(b),
                    );
                Some((focal, if adopt { sj } else { si }))
            }
            Rule::Proportional => {
                if k == 0 {
                    return Some((focal, si));
                }
                let j = pick();
                let sj = self.strategies[j];
                let adopt = sj != si
                    && proportional_accepts(
                        &self.scale,
                        (self.payoff_now(focal), k),
                        (self.payoff_now(j), self.csr.degree(j) as u32),
                        unit_f64(b),
                    );
                Some((focal, if adopt { sj } else { si }))
            }
            Rule::ImitateBest => {
                let others = nb
                    .iter()
                    .map(|&j| (self.strategies[j as usize], self.payoff_now(j as usize)));
                Some((focal, imitate_best(si, self.payoff_now(focal), others)))
            }
            Rule::DeathBirth { w } => {
                let fit = nb.iter().map(|&j| fitness(w, self.payoff_now(j as usize)));
                Some((
                    focal,
                    death_birth_choice(fit, unit_f64(b))
                        .map_or(si, |pos| self.strategies[nb[pos] as usize]),
                ))
            }
            Rule::BirthDeath { .. } => {
                let total = self.fenwick.total();
                let parent = if total > 0.0 {
                    self.fenwick.find(unit_f64(a) * total).unwrap_or(0)
                } else {
                    below((a >> 32) as u32, n) as usize
                };
                let nb = self.csr.neighbors(parent);
                if nb.is_empty() {
                    return None;
                }
                let child = nb[below(b as u32, nb.len() as u32) as usize] as usize;
                Some((child, self.strategies[parent]))
            }
        }
    }

    /// Sets the strategy of `i` in the asynchronous schedule, keeping the neighbour counts
    /// (and birth–death fitnesses) current. **O(degree)**, times log N for birth–death.
    fn set_async(&mut self, i: usize, s: u8) {
        if self.strategies[i] == s {
            return;
        }
        self.strategies[i] = s;
        // The current number of cooperators (the well-mixed group game reads it; the payoff
        // phase recounts it exactly at the end of the step).
        if s == COOPERATE {
            self.cooperators += 1;
        } else {
            self.cooperators -= 1;
        }
        let Simulation { csr, ncoop, .. } = self;
        for &j in csr.neighbors(i) {
            let c = &mut ncoop[j as usize];
            if s == COOPERATE {
                *c += 1;
            } else {
                *c -= 1;
            }
        }
        if let (Rule::BirthDeath { w }, Some(Group::Sampled(game))) = (self.rule, &self.group) {
            // Well mixed: every payoff depends on the number of cooperators.
            let k = self.cooperators;
            let (fc, fd) = (fitness(w, game.payoff(1, k)), fitness(w, game.payoff(0, k)));
            self.fenwick.rebuild(
                self.strategies
                    .iter()
                    .map(|&x| if x == COOPERATE { fc } else { fd }),
            );
        } else if let (Rule::BirthDeath { w }, Some(_)) = (self.rule, &self.group) {
            // A group game: the change reaches every member of every group of `i`.
            for gi in 0..=self.csr.degree(i) {
                let g = if gi == 0 {
                    i
                } else {
                    self.csr.neighbors(i)[gi - 1] as usize
                };
                self.fenwick.set(g, fitness(w, self.payoff_now(g)));
                for mi in 0..self.csr.degree(g) {
                    let m = self.csr.neighbors(g)[mi] as usize;
                    self.fenwick.set(m, fitness(w, self.payoff_now(m)));
                }
            }
        } else if let Rule::BirthDeath { w } = self.rule {
            self.fenwick.set(i, fitness(w, self.payoff_now(i)));
            for idx in 0..self.csr.degree(i) {
                let j = self.csr.neighbors(i)[idx] as usize;
                self.fenwick.set(j, fitness(w, self.payoff_now(j)));
            }
        }
    }
}
