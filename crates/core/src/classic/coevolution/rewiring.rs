//! Adjusting ties (Santos, Pacheco & Lenaerts 2006): agents revise strategies and move their
//! links away from defectors; the number of links is fixed.
//!
//! # Model
//! Agents play the 2×2 game with every neighbour and earn the accumulated payoff. A
//! generation is `N` micro-steps; each is, with probability `1 / (1 + W)` (`W` the ratio of
//! the time scales), a strategy update and otherwise a link adjustment:
//! - strategy update: a random agent `A` and a random neighbour `B` of it; if they differ, `A`
//!   adopts `B`'s strategy with the Fermi probability `1 / (1 + e^{−β (Π_B − Π_A)})`;
//! - link adjustment: a random link. An agent is satisfied with a cooperating partner and
//!   dissatisfied with a defecting one. A CC link stays. On a CD link the cooperator `A`
//!   wants to leave the defector `B`, who wants to stay: `A` wins with probability
//!   `1 / (1 + e^{−β (Π_A − Π_B)})` and moves the link from `B` to a random neighbour of
//!   `B`. On a DD link both want to leave: with the ends in random order `(A, B)`, `A` moves
//!   the link from `B` to a random neighbour of `B` with that probability, otherwise `B`
//!   moves it from `A` to a random neighbour of `A`. A move to the mover itself or to an
//!   agent already tied to it is not made (the link stays), so there are never self-loops or
//!   duplicate ties, and the agent left keeps at least one link.
//!
//! # Draws
//! Generation `g` reads the [`Keyed`] words of `(g, TieAdjustment)`; micro-step `m` reads
//! words `4m` (the kind, by its top 53 bits, and the order of a link's ends, by its lowest
//! bit), `4m + 1` (the agent or link, high half; the neighbour or new partner, low half) and
//! `4m + 2` (the Fermi draw).
//!
//! # Cost
//! A micro-step costs O(1) plus O(degree) when a strategy changes (the numbers of cooperating
//! neighbours are kept up to date) or a link moves (the duplicate check); nothing is
//! allocated.

use crate::classic::config::Payoffs;
use crate::classic::game::COOPERATE;
use crate::error::ModelError;
use crate::network::Network;
use crate::rng::{below, unit_f64, Phase, Streams};

use super::adjacency::{AdjacencyError, DynamicTies};
use super::fermi;

/// Parameters of adjusting ties.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TieAdjustmentConfig {
    /// The 2×2 game played on every link.
    pub payoffs: Payoffs,
    /// Selection intensity `β` of both Fermi probabilities (≥ 0).
    pub selection: f64,
    /// `W`, the ratio of the time scales of strategy and link dynamics (≥ 0; infinite
    /// allowed: links only).
    pub time_scale: f64,
}

/// A run of adjusting ties.
///
/// Invariants: `ncoop[i]` is the number of cooperating neighbours of `i` in `ties`;
/// `cooperators` the number of cooperating bytes in `strategies`.
#[derive(Clone, Debug)]
pub struct TieAdjustment {
    ties: DynamicTies,
    strategies: Vec<u8>,
    ncoop: Vec<u32>,
    cooperators: usize,
    /// `[vs D, vs C]` payoff per game, indexed by the player's strategy byte.
    payoff: [[f64; 2]; 2],
    selection: f64,
    p_strategy: f64,
    streams: Streams,
    generation: u64,
    moves: u64,
}

/// Why a run of adjusting ties cannot be set up.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TieAdjustmentError {
    /// A parameter or the strategies do not fit.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The network is not simple.
    #[error(transparent)]
    Network(#[from] AdjacencyError),
}

impl TieAdjustment {
    /// Sets up a run on `network` (a simple graph) with the given strategy bytes (one per
    /// node) and the streams of `seed`.
    pub fn new(
        network: &Network,
        config: &TieAdjustmentConfig,
        strategies: Vec<u8>,
        seed: u64,
    ) -> Result<TieAdjustment, TieAdjustmentError> {
        let n = ModelError::check_nodes(network)?;
        if strategies.len() != n {
            return Err(ModelError::GivenLength {
                expected: n,
                found: strategies.len(),
            }
            .into());
        }
        if !(config.selection.is_finite() && config.selection >= 0.0) {
            return Err(ModelError::OutOfRange {
                name: "adjusting ties: selection intensity β",
                value: config.selection,
                expected: "a finite number ≥ 0",
            }
            .into());
        }
        if config.time_scale.is_nan() || config.time_scale < 0.0 {
            return Err(ModelError::OutOfRange {
                name: "adjusting ties: time-scale ratio W",
                value: config.time_scale,
                expected: "a number ≥ 0 (inf allowed)",
            }
            .into());
        }
        let p = config.payoffs;
        for v in [p.r, p.s, p.t, p.p] {
            if !v.is_finite() {
                return Err(ModelError::OutOfRange {
                    name: "adjusting ties: a payoff",
                    value: v,
                    expected: "a finite number",
                }
                .into());
            }
        }
        let nodes = n as u32;
        let ties = DynamicTies::new(nodes, nodes.saturating_sub(1), network.ties())?;
        let strategies: Vec<u8> = strategies.into_iter().map(|s| s & COOPERATE).collect();
        let ncoop = (0..nodes)
            .map(|i| {
                ties.neighbours(i)
                    .iter()
                    .map(|&j| u32::from(strategies[j as usize]))
                    .sum()
            })
            .collect();
        Ok(TieAdjustment {
            ties,
            cooperators: strategies.iter().filter(|&&s| s == COOPERATE).count(),
            strategies,
            ncoop,
            payoff: [[p.p, p.t], [p.s, p.r]],
            selection: config.selection,
            p_strategy: 1.0 / (1.0 + config.time_scale),
            streams: Streams::new(seed),
            generation: 0,
            moves: 0,
        })
    }

    /// The current ties.
    pub fn ties(&self) -> &DynamicTies {
        &self.ties
    }

    /// Strategy bytes of the agents.
    pub fn strategies(&self) -> &[u8] {
        &self.strategies
    }

    /// Number of cooperators.
    pub fn cooperators(&self) -> usize {
        self.cooperators
    }

    /// Numbers of cooperating neighbours, per agent.
    pub fn cooperating_neighbours(&self) -> &[u32] {
        &self.ncoop
    }

    /// Generations done.
    pub fn generations(&self) -> u64 {
        self.generation
    }

    /// Links moved so far.
    pub fn moves(&self) -> u64 {
        self.moves
    }

    /// Whether every agent plays one strategy.
    pub fn is_absorbed(&self) -> bool {
        self.cooperators == 0 || self.cooperators == self.strategies.len()
    }

    /// Accumulated payoff of agent `i`.
    #[inline]
    pub fn payoff(&self, i: u32) -> f64 {
        let k = self.ties.degree(i);
        let nc = self.ncoop[i as usize];
        let [vs_d, vs_c] = self.payoff[usize::from(self.strategies[i as usize])];
        vs_c * f64::from(nc) + vs_d * f64::from(k - nc)
    }

    /// Mean and population variance of the degrees (the variance measures the heterogeneity
    /// the dynamics builds; it is 0 on a regular graph).
    pub fn degree_moments(&self) -> (f64, f64) {
        let n = self.ties.nodes() as f64;
        let (s, s2) = self.ties.degrees().iter().fold((0.0, 0.0), |(s, s2), &k| {
            let k = f64::from(k);
            (s + k, s2 + k * k)
        });
        let mean = s / n;
        (mean, s2 / n - mean * mean)
    }

    /// One generation: `N` micro-steps.
    pub fn step(&mut self) {
        let keyed = self.streams.keyed(self.generation, Phase::TieAdjustment);
        let n = self.strategies.len() as u32;
        let links = self.ties.ties() as u32;
        for m in 0..u64::from(n) {
            let w0 = keyed.word(4 * m);
            let w1 = keyed.word(4 * m + 1);
            let (hi, lo) = ((w1 >> 32) as u32, w1 as u32);
            if unit_f64(w0) < self.p_strategy {
                let a = below(hi, n);
                let k = self.ties.degree(a);
                if k == 0 {
                    continue;
                }
                let b = self.ties.neighbours(a)[below(lo, k) as usize];
                let (sa, sb) = (self.strategies[a as usize], self.strategies[b as usize]);
                if sa != sb {
                    let p = fermi(self.selection, self.payoff(a), self.payoff(b));
                    if unit_f64(keyed.word(4 * m + 2)) < p {
                        self.set_strategy(a, sb);
                    }
                }
            } else if links > 0 {
                let e = below(hi, links);
                let [u, v] = self.ties.ends(e);
                let (x, y) = if w0 & 1 == 1 { (v, u) } else { (u, v) };
                let (sx, sy) = (self.strategies[x as usize], self.strategies[y as usize]);
                let (mover, left) = match (sx == COOPERATE, sy == COOPERATE) {
                    (true, true) => continue,
                    // The cooperator leaves the defector, or stays.
                    (true, false) | (false, true) => {
                        let (a, b) = if sx == COOPERATE { (x, y) } else { (y, x) };
                        let p = fermi(self.selection, self.payoff(b), self.payoff(a));
                        if unit_f64(keyed.word(4 * m + 2)) < p {
                            (a, b)
                        } else {
                            continue;
                        }
                    }
                    (false, false) => {
                        let p = fermi(self.selection, self.payoff(y), self.payoff(x));
                        if unit_f64(keyed.word(4 * m + 2)) < p {
                            (x, y)
                        } else {
                            (y, x)
                        }
                    }
                };
                let k = self.ties.degree(left);
                let to = self.ties.neighbours(left)[below(lo, k) as usize];
                if to == mover || self.ties.has_tie(mover, to) {
                    continue;
                }
                self.ties.move_end(e, left, to);
                let sm = u32::from(self.strategies[mover as usize]);
                self.ncoop[left as usize] -= sm;
                self.ncoop[to as usize] += sm;
                let c = &mut self.ncoop[mover as usize];
                *c = *c + u32::from(self.strategies[to as usize])
                    - u32::from(self.strategies[left as usize]);
                self.moves += 1;
            }
        }
        self.generation += 1;
    }

    /// Sets agent `a`'s strategy to `s` (different from its current one), updating the counts.
    fn set_strategy(&mut self, a: u32, s: u8) {
        self.strategies[a as usize] = s;
        if s == COOPERATE {
            self.cooperators += 1;
            for &j in self.ties.neighbours(a) {
                self.ncoop[j as usize] += 1;
            }
        } else {
            self.cooperators -= 1;
            for &j in self.ties.neighbours(a) {
                self.ncoop[j as usize] -= 1;
            }
        }
    }

    /// Generations until absorption or `max_generations` in all; the strategy every agent
    /// plays at the end if absorbed.
    pub fn run_to_absorption(&mut self, max_generations: u64) -> Option<u8> {
        while !self.is_absorbed() && self.generation < max_generations {
            self.step();
        }
        self.is_absorbed().then(|| self.strategies[0])
    }
}
