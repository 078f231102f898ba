//! Active linking (Pacheco, Traulsen & Nowak 2006): every pair of agents may be linked; links
//! form and die in continuous time at rates set by the two ends' strategies, and strategies
//! are revised by pairwise comparison.
//!
//! # Model
//! A missing link between strategies `i` and `j` (C or D) forms at rate `α_ij`, an existing
//! one dies at rate `β_ij`. In the paper `α_ij = α_i α_j`, the product of the two ends'
//! propensities to form links ([`ActiveLinkingConfig::from_propensities`]). Each pair is a
//! two-state Markov chain, so from state `s₀` after link time `τ` it is active with
//! probability `φ_ij + (s₀ − φ_ij) e^{−(α_ij + β_ij) τ}`, where `φ_ij = α_ij / (α_ij + β_ij)`
//! is the stationary share of active `ij` links.
//!
//! Strategy updates happen once per `W` units of link time (`W = link_time`, the ratio of
//! the time scales; `W = ∞` is the limit of fast linking): a random focal agent and a random
//! other agent (the model) are drawn; each earns the accumulated payoff of the 2×2 game
//! against every agent it is currently linked to; if their strategies differ the focal
//! adopts the model's with the Fermi probability `1 / (1 + e^{−β (Π_model − Π_focal)})`.
//!
//! # State and cost
//! Per pair one byte (active or not) and the step it was last brought up to date. Pairs are
//! updated lazily: a step brings the `2N − 3` pairs of the focal and the model up to the
//! current time with one exact transition each (rates change only when an end changes
//! strategy, and a focal's pairs are current when it does). A step costs O(N) and allocates
//! nothing; [`ActiveLinking::sync_all`] brings every pair up to date for observation.
//!
//! # Draws
//! Steps are keyed in blocks of [`BLOCK`]: step `t` reads the [`Keyed`] words of
//! `(t / BLOCK, ActiveLinking)` from `(t mod BLOCK) · (2 + P)`, `P` the number of pairs:
//! word 0 the focal and the model (high and low halves), word 1 the Fermi draw, word `2 + p`
//! the transition of pair `p`. The initial links (if stationary) are the pair words of step 0.

use crate::classic::config::Payoffs;
use crate::classic::game::COOPERATE;
use crate::error::ModelError;
use crate::rng::{below, unit_f64, Keyed, Phase, Streams};

use super::fermi;

/// Steps per key of the draws (see the module documentation).
pub const BLOCK: u64 = 1024;

/// The links present at the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitialLinks {
    /// No link.
    Empty,
    /// Each pair active with its stationary probability `φ_ij`, independently.
    Stationary,
}

/// Parameters of active linking.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActiveLinkingConfig {
    /// The 2×2 game played on every active link.
    pub payoffs: Payoffs,
    /// Formation rates of links by the number of cooperating ends: `[α_DD, α_CD, α_CC]`.
    pub formation: [f64; 3],
    /// Death rates of links by the number of cooperating ends: `[β_DD, β_CD, β_CC]`.
    pub death: [f64; 3],
    /// Selection intensity `β` of the Fermi rule (≥ 0).
    pub selection: f64,
    /// `W`: units of link time between two strategy updates (≥ 0; infinite allowed).
    pub link_time: f64,
    /// The links at the start.
    pub initial_links: InitialLinks,
}

impl ActiveLinkingConfig {
    /// Formation rates from the propensities `[α_D, α_C]` of the two strategies, as in the
    /// paper: `α_ij = α_i α_j`, so `[α_D², α_D α_C, α_C²]`.
    pub fn from_propensities([d, c]: [f64; 2]) -> [f64; 3] {
        [d * d, d * c, c * c]
    }

    /// Stationary shares of active links by the number of cooperating ends,
    /// `φ = α_ij / (α_ij + β_ij)`: `[φ_DD, φ_CD, φ_CC]`.
    pub fn phi(&self) -> [f64; 3] {
        let a = self.formation;
        std::array::from_fn(|k| a[k] / (a[k] + self.death[k]))
    }

    /// The same shares as a matrix indexed by strategy bytes (for
    /// [`transformed_payoffs`](super::transformed_payoffs)).
    pub fn phi_matrix(&self) -> [[f64; 2]; 2] {
        let [dd, cd, cc] = self.phi();
        [[dd, cd], [cd, cc]]
    }

    fn validate(&self) -> Result<(), ModelError> {
        let nonneg = |name: &'static str, v: f64| {
            if v.is_finite() && v >= 0.0 {
                Ok(())
            } else {
                Err(ModelError::OutOfRange {
                    name,
                    value: v,
                    expected: "a finite number ≥ 0",
                })
            }
        };
        nonneg("active linking: formation rate α_DD", self.formation[0])?;
        nonneg("active linking: formation rate α_CD", self.formation[1])?;
        nonneg("active linking: formation rate α_CC", self.formation[2])?;
        nonneg("active linking: death rate β_DD", self.death[0])?;
        nonneg("active linking: death rate β_CD", self.death[1])?;
        nonneg("active linking: death rate β_CC", self.death[2])?;
        nonneg("active linking: selection intensity β", self.selection)?;
        for v in [
            self.payoffs.r,
            self.payoffs.s,
            self.payoffs.t,
            self.payoffs.p,
        ] {
            if !v.is_finite() {
                return Err(ModelError::OutOfRange {
                    name: "active linking: a payoff",
                    value: v,
                    expected: "a finite number",
                });
            }
        }
        if self.link_time.is_nan() || self.link_time < 0.0 {
            return Err(ModelError::OutOfRange {
                name: "active linking: link time W",
                value: self.link_time,
                expected: "a number ≥ 0 (inf allowed)",
            });
        }
        let a = self.formation;
        let names = [
            "active linking: death rate β_DD",
            "active linking: death rate β_CD",
            "active linking: death rate β_CC",
        ];
        for (k, name) in names.into_iter().enumerate() {
            if a[k] + self.death[k] <= 0.0 {
                return Err(ModelError::OutOfRange {
                    name,
                    value: self.death[k],
                    expected: "> 0 when the formation rate of these links is 0",
                });
            }
        }
        Ok(())
    }
}

/// A run of active linking.
///
/// Invariants: `on` and `last` hold one entry per unordered pair `i < j` (index
/// [`ActiveLinking::pair`]); `last[p] ≤ t`; pairs of an agent are current (`last = t`)
/// whenever its strategy changes; `cooperators` counts the cooperating bytes of `strategies`.
#[derive(Clone, Debug)]
pub struct ActiveLinking {
    n: u32,
    strategies: Vec<u8>,
    cooperators: usize,
    on: Vec<u8>,
    last: Vec<u64>,
    payoff: [[f64; 2]; 2],
    phi: [f64; 3],
    /// `α_ij + β_ij` by number of cooperating ends.
    relax: [f64; 3],
    selection: f64,
    link_time: f64,
    streams: Streams,
    keyed: Keyed,
    keyed_block: u64,
    stride: u64,
    t: u64,
}

impl ActiveLinking {
    /// Sets up a run: `strategies` (bytes, one per agent, at least 2 agents), links as
    /// configured, drawn from the streams of `seed`.
    pub fn new(
        config: &ActiveLinkingConfig,
        strategies: Vec<u8>,
        seed: u64,
    ) -> Result<ActiveLinking, ModelError> {
        config.validate()?;
        let n = strategies.len();
        if !(2..=1 << 20).contains(&n) {
            return Err(ModelError::OutOfRange {
                name: "active linking: number of agents",
                value: n as f64,
                expected: "between 2 and 2^20",
            });
        }
        let strategies: Vec<u8> = strategies.into_iter().map(|s| s & COOPERATE).collect();
        let pairs = n * (n - 1) / 2;
        let streams = Streams::new(seed);
        let keyed = streams.keyed(0, Phase::ActiveLinking);
        let p = config.payoffs;
        let a = config.formation;
        let mut sim = ActiveLinking {
            n: n as u32,
            cooperators: strategies.iter().filter(|&&s| s == COOPERATE).count(),
            strategies,
            on: vec![0; pairs],
            last: vec![0; pairs],
            payoff: [[p.p, p.t], [p.s, p.r]],
            phi: config.phi(),
            relax: std::array::from_fn(|k| a[k] + config.death[k]),
            selection: config.selection,
            link_time: config.link_time,
            streams,
            keyed,
            keyed_block: 0,
            stride: 2 + pairs as u64,
            t: 0,
        };
        if config.initial_links == InitialLinks::Stationary {
            for i in 0..sim.n {
                for j in i + 1..sim.n {
                    let q = sim.phi[sim.kind(i, j)];
                    let p = sim.pair(i, j);
                    sim.on[p] = u8::from(unit_f64(sim.keyed.word(2 + p as u64)) < q);
                }
            }
        }
        Ok(sim)
    }

    /// Index of the pair `{i, j}`, `i ≠ j`, in the upper triangle.
    #[inline]
    pub fn pair(&self, i: u32, j: u32) -> usize {
        let (a, b) = if i < j { (i, j) } else { (j, i) };
        let (a, b, n) = (a as usize, b as usize, self.n as usize);
        a * (2 * n - a - 1) / 2 + (b - a - 1)
    }

    /// Number of cooperating ends of the pair `{i, j}`: 0 (DD), 1 (CD), 2 (CC).
    #[inline]
    fn kind(&self, i: u32, j: u32) -> usize {
        usize::from(self.strategies[i as usize] + self.strategies[j as usize])
    }

    /// Strategy updates done so far.
    pub fn steps(&self) -> u64 {
        self.t
    }

    /// Strategy bytes of the agents.
    pub fn strategies(&self) -> &[u8] {
        &self.strategies
    }

    /// Number of cooperators.
    pub fn cooperators(&self) -> usize {
        self.cooperators
    }

    /// Whether every agent plays one strategy (nothing can change it any more).
    pub fn is_absorbed(&self) -> bool {
        self.cooperators == 0 || self.cooperators == self.n as usize
    }

    /// The word `j` of the current step's draws.
    #[inline]
    fn word(&mut self, j: u64) -> u64 {
        let block = self.t / BLOCK;
        if block != self.keyed_block {
            self.keyed = self.streams.keyed(block, Phase::ActiveLinking);
            self.keyed_block = block;
        }
        self.keyed.word((self.t % BLOCK) * self.stride + j)
    }

    /// Brings pair `{i, j}` to the current time and returns whether it is active.
    #[inline]
    fn sync(&mut self, i: u32, j: u32) -> bool {
        let p = self.pair(i, j);
        let last = self.last[p];
        if last < self.t {
            let k = self.kind(i, j);
            let elapsed = (self.t - last) as f64 * self.link_time;
            let phi = self.phi[k];
            let decay = if elapsed == 0.0 {
                1.0
            } else {
                (-self.relax[k] * elapsed).exp()
            };
            let q = phi + (f64::from(self.on[p]) - phi) * decay;
            self.on[p] = u8::from(unit_f64(self.word(2 + p as u64)) < q);
            self.last[p] = self.t;
        }
        self.on[p] == 1
    }

    /// Payoff of agent `i` from its active links, bringing its pairs up to date.
    fn payoff_of(&mut self, i: u32) -> f64 {
        let row = self.payoff[usize::from(self.strategies[i as usize])];
        let mut total = 0.0;
        for j in 0..self.n {
            if j != i && self.sync(i, j) {
                total += row[usize::from(self.strategies[j as usize])];
            }
        }
        total
    }

    /// One strategy update, `W` units of link time after the previous one.
    pub fn step(&mut self) {
        self.t += 1;
        let w = self.word(0);
        let focal = below((w >> 32) as u32, self.n);
        let other = below(w as u32, self.n - 1);
        let model = other + u32::from(other >= focal);
        let own = self.payoff_of(focal);
        let theirs = self.payoff_of(model);
        let (sf, sm) = (
            self.strategies[focal as usize],
            self.strategies[model as usize],
        );
        if sf != sm && unit_f64(self.word(1)) < fermi(self.selection, own, theirs) {
            self.strategies[focal as usize] = sm;
            if sm == COOPERATE {
                self.cooperators += 1;
            } else {
                self.cooperators -= 1;
            }
        }
    }

    /// Lets `steps` periods of `W` link time pass without strategy updates (the link dynamics
    /// alone; the pairs are brought up to date when next read).
    pub fn advance(&mut self, steps: u64) {
        self.t += steps;
    }

    /// Steps until absorption or `max_steps` steps in all; the strategy every agent plays at
    /// the end if absorbed.
    pub fn run_to_absorption(&mut self, max_steps: u64) -> Option<u8> {
        while !self.is_absorbed() && self.t < max_steps {
            self.step();
        }
        self.is_absorbed().then(|| self.strategies[0])
    }

    /// Brings every pair to the current time (for observation; the run goes on from the
    /// drawn states, so observing changes the realisation but not its law).
    pub fn sync_all(&mut self) {
        for i in 0..self.n {
            for j in i + 1..self.n {
                self.sync(i, j);
            }
        }
    }

    /// Active and possible links by the number of cooperating ends `[DD, CD, CC]`, after
    /// [`ActiveLinking::sync_all`].
    pub fn link_counts(&mut self) -> [(u64, u64); 3] {
        self.sync_all();
        let mut active = [0u64; 3];
        for i in 0..self.n {
            for j in i + 1..self.n {
                active[self.kind(i, j)] += u64::from(self.on[self.pair(i, j)]);
            }
        }
        let c = self.cooperators as u64;
        let d = u64::from(self.n) - c;
        let possible = [
            d * d.saturating_sub(1) / 2,
            c * d,
            c * c.saturating_sub(1) / 2,
        ];
        std::array::from_fn(|k| (active[k], possible[k]))
    }

    /// Mean degree (number of active links per agent), after [`ActiveLinking::sync_all`].
    pub fn mean_degree(&mut self) -> f64 {
        let total: u64 = self.link_counts().iter().map(|&(a, _)| a).sum();
        2.0 * total as f64 / f64::from(self.n)
    }

    /// Whether pair `{i, j}` is active as last updated (not brought to the current time).
    pub fn is_linked(&self, i: u32, j: u32) -> bool {
        self.on[self.pair(i, j)] == 1
    }
}
