//! The step loop of the classic games on a network: struct-of-arrays state, payoffs from the
//! number of cooperating neighbours, strategy revision on the CSR snapshot.
//!
//! # Determinism
//! A run is a pure function of (network, configuration, seed), byte-identical on any number
//! of threads:
//! - agents are processed in fixed chunks of [`CHUNK`] agents, whatever the thread count;
//! - in the synchronous schedule agent `i` reads words `[2i, 2i + 2)` of the `(step, Update)`
//!   stream (one `u64`, whether it needs it or not) and word `i` of the `(step, Mutation)`
//!   stream when mutation is on; a chunk seeks once and then reads sequentially;
//! - the asynchronous schedule is sequential by nature: micro-step `m` of a step reads
//!   `u64`s `2m` and `2m + 1` of the `(step, Update)` stream and word `m` of `(step, Mutation)`;
//! - reductions are exact integer counts, or per-chunk float sums added in chunk order.
//!
//! # Cost
//! A synchronous step allocates nothing: it reads `strategies` (bytes) and `payoffs`, writes
//! the next strategies into a second buffer, swaps, and recomputes every payoff by a gather-sum
//! of neighbour bytes (one pass over the directed edges). Two measured tricks keep branch
//! mispredictions out of the hot loops: the gather runs flat over a chunk's edges into a
//! running sum (`chunk_scratch`, one `u32` per directed edge), so the variable-length
//! per-agent loop disappears (1.25× on the reference scenario at N = 10^5); and the Fermi
//! rule first lists, branch-free, the agents whose random neighbour plays the other
//! strategy (`chunk_candidates`), then draws acceptance only for those (1.4×). An asynchronous micro-step costs
//! O(degree): the numbers of cooperating neighbours are kept up to date incrementally, and

pub mod coevolution;
pub mod config;
mod fenwick;
pub mod game;
mod group;
pub mod metrics;
pub mod observer;
mod update;

mod asynchronous;
mod payoffs;
mod setup;
mod synchronous;

use crate::chunk::CHUNK;
use crate::error::ModelError;
#[cfg(doc)]
use crate::model::Model;
use crate::network::{Csr, Network};
use crate::rng::{Keyed, Phase, Streams};
use config::{RunConfig, Schedule, SimConfig, Strategy, UpdateRule};
use fenwick::Fenwick;
use game::{decode, PayoffTable};
use group::Group;
use observer::{Observer, StepRecord};
use update::{Rule, Scale};

/// What a run did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunSummary {
    /// The last step emitted (`steps` unless the run stopped at absorption).
    pub steps_run: u64,
    /// Share of cooperators after the last step.
    pub coop_rate_final: f64,
    /// Mean payoff after the last step.
    pub payoff_mean_final: f64,
    /// First step at which every agent shared one strategy (0 if the initial state did).
    pub absorbed_at: Option<u64>,
}

/// A classic-mode simulation: every agent plays its strategy against all its neighbours and
/// revises it with the configured rule.
///
/// Invariants: `strategies`, `next` and `payoffs` are `N` long; `payoffs[i]` is the payoff of
/// the current strategies; `cooperators` and `payoff_sum` describe the current state;
/// `ncoop[i]` (asynchronous schedule only, else empty) is the number of cooperating
/// neighbours of `i`; `chunk_*` hold one slot per [`CHUNK`]: `chunk_scratch[c]` is one longer
/// than the number of directed edges leaving chunk `c`, `chunk_candidates[c]` is [`CHUNK`] long.
///
/// Payoffs are `f64`: they are exact sums of a few products of small integers with R, S, T, P,
/// so equal payoffs compare equal and the ties of imitate-the-best and the strict `Π_j > Π_i`
/// of proportional imitation are decided exactly; `f32` would halve the payoff array but
/// round hub payoffs (thousands of games) to ~1e-4, and on the reference benchmark it measured
/// within noise at N = 10^5 and at most ~5 % faster at N = 10^6. `f32::exp` was no faster
/// either.
#[derive(Clone, Debug)]
pub struct Simulation {
    csr: Csr,
    strategies: Vec<u8>,
    next: Vec<u8>,
    payoffs: Vec<f64>,
    ncoop: Vec<u32>,
    fenwick: Fenwick,
    table: PayoffTable,
    /// The group game played instead of the 2×2 game, if any.
    group: Option<Group>,
    /// Collective-risk failures of the current step (the keyed `(t, GroupRisk)` draws; read
    /// only when failures are drawn).
    risk_draws: Keyed,
    /// Group game only (else empty): the share of the group centred on each agent.
    shares: Vec<f64>,
    /// Group game only (else empty): `1 / (k_i + 1)` per agent.
    inv_size: Vec<f64>,
    /// What proportional imitation needs of the game played.
    scale: Scale,
    rule: Rule,
    schedule: Schedule,
    /// Flip iff a 32-bit word is below this (`round_down(μ · 2^32)`); 0 disables mutation.
    mutation_threshold: u64,
    streams: Streams,
    run: RunConfig,
    t: u64,
    cooperators: usize,
    payoff_sum: f64,
    chunk_coop: Vec<u32>,
    chunk_payoff: Vec<f64>,
    chunk_scratch: Vec<Vec<u32>>,
    chunk_candidates: Vec<Vec<[u32; 3]>>,
    absorbed_at: Option<u64>,
    /// The record last asked for through [`Model::record`] (which hands out a reference).
    recorded: StepRecord,
}

impl Simulation {
    /// Sets up a run on `network`: validates the configuration, snapshots the network as CSR,
    /// draws the initial strategies and computes their payoffs.
    pub fn new(network: &Network, config: &SimConfig, seed: u64) -> Result<Simulation, ModelError> {
        let n = ModelError::check_nodes(network)?;
        setup::validate(config)?;
        let streams = Streams::new(seed);
        let strategies = setup::initial_strategies(network, &config.initial, &streams)?;
        let csr = network.csr();
        setup::validate_groups(config, &csr)?;
        let chunks = n.div_ceil(CHUNK);
        let mutation_threshold = (config.update.mutation * 4_294_967_296.0) as u64;
        let table = PayoffTable::new(&config.game);
        let group = Group::new(&config.game, n);
        let (shares, inv_size) = match &group {
            Some(g) if g.neighbourhood() => (
                vec![0.0; n],
                (0..n)
                    .map(|i| 1.0 / f64::from(csr.degree(i) as u32 + 1))
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        let scale = match &group {
            Some(g) => g.scale(),
            None => Scale::of(&table),
        };
        let mut sim = Simulation {
            csr,
            next: strategies.clone(),
            strategies,
            payoffs: vec![0.0; n],
            ncoop: Vec::new(),
            fenwick: Fenwick::default(),
            table,
            risk_draws: streams.keyed(0, Phase::GroupRisk),
            group,
            shares,
            inv_size,
            scale,
            rule: Rule::new(&config.update.rule),
            schedule: config.update.schedule,
            mutation_threshold,
            streams,
            run: config.run,
            t: 0,
            cooperators: 0,
            payoff_sum: 0.0,
            chunk_coop: vec![0; chunks],
            chunk_payoff: vec![0.0; chunks],
            chunk_scratch: Vec::new(),
            // One (possibly empty) list per chunk: `zip` needs a slot for every chunk; only the
            // synchronous pairwise rules use the candidate lists.
            chunk_candidates: {
                let pairwise = matches!(
                    config.update.rule,
                    UpdateRule::Fermi { .. } | UpdateRule::Proportional
                ) && config.update.schedule == Schedule::Synchronous;
                vec![vec![[0; 3]; if pairwise { CHUNK } else { 0 }]; chunks]
            },
            absorbed_at: None,
            recorded: StepRecord::default(),
        };
        sim.chunk_scratch = (0..chunks)
            .map(|c| {
                let o = sim.csr.offsets();
                vec![0u32; (o[((c + 1) * CHUNK).min(n)] - o[c * CHUNK]) as usize + 1]
            })
            .collect();
        if sim.schedule == Schedule::Asynchronous {
            let Simulation {
                csr, strategies, ..
            } = &sim;
            sim.ncoop = (0..n)
                .map(|i| {
                    csr.neighbors(i)
                        .iter()
                        .map(|&j| u32::from(strategies[j as usize]))
                        .sum()
                })
                .collect();
        }
        sim.compute_payoffs();
        sim.note_absorption();
        Ok(sim)
    }

    /// Runs from the current state up to step `config.run.steps`, reporting the current state
    /// first and then every step; with `stop_at_absorption` it stops right after reporting
    /// the first absorbed state. Returns the observer's first error.
    pub fn run<O: Observer>(&mut self, observer: &mut O) -> Result<RunSummary, O::Error> {
        observer.on_step(&self.record())?;
        while !self.is_done() {
            self.step();
            observer.on_step(&self.record())?;
        }
        Ok(self.summary())
    }

    /// Whether the run is over: `config.run.steps` steps done, or the population absorbed
    /// with `stop_at_absorption`.
    pub fn is_done(&self) -> bool {
        self.t >= self.run.steps || (self.run.stop_at_absorption && self.is_absorbed())
    }

    /// The summary of the current state (what [`Simulation::run`] returns at the end).
    pub fn summary(&self) -> RunSummary {
        RunSummary {
            steps_run: self.t,
            coop_rate_final: self.coop_rate(),
            payoff_mean_final: self.payoff_mean(),
            absorbed_at: self.absorbed_at,
        }
    }

    /// One full step: revise strategies from the current payoffs (all agents at once, or `N`
    /// random sequential micro-steps), then compute the payoffs of the new state.
    pub fn step(&mut self) {
        match self.schedule {
            Schedule::Synchronous => self.update_synchronous(),
            Schedule::Asynchronous => self.update_asynchronous(),
        }
        self.t += 1;
        self.compute_payoffs();
        self.note_absorption();
    }

    /// The strategy of every agent, in node order.
    pub fn strategies(&self) -> impl Iterator<Item = Strategy> + '_ {
        self.strategies.iter().map(|&b| decode(b))
    }

    /// The strategies as bytes (1 = cooperate, 0 = defect), in node order.
    pub fn strategy_bytes(&self) -> &[u8] {
        &self.strategies
    }

    /// The payoff of every agent in the current state, in node order.
    pub fn payoffs(&self) -> &[f64] {
        &self.payoffs
    }

    /// Number of agents playing C.
    pub fn cooperators(&self) -> usize {
        self.cooperators
    }

    /// Number of agents.
    pub fn len(&self) -> usize {
        self.strategies.len()
    }

    /// Always `false`: a simulation has at least one agent.
    pub fn is_empty(&self) -> bool {
        self.strategies.is_empty()
    }

    /// Number of updates applied so far.
    pub fn current_step(&self) -> u64 {
        self.t
    }

    /// The CSR snapshot the step runs on.
    pub fn csr(&self) -> &Csr {
        &self.csr
    }

    /// Whether every agent plays the same strategy.
    pub fn is_absorbed(&self) -> bool {
        self.cooperators == 0 || self.cooperators == self.len()
    }

    /// First step at which every agent shared one strategy, if any so far.
    pub fn absorbed_at(&self) -> Option<u64> {
        self.absorbed_at
    }

    /// Share of cooperators.
    pub fn coop_rate(&self) -> f64 {
        self.cooperators as f64 / self.len() as f64
    }

    /// Mean payoff.
    pub fn payoff_mean(&self) -> f64 {
        self.payoff_sum / self.len() as f64
    }

    /// The record of the current state.
    pub fn record(&self) -> StepRecord {
        StepRecord {
            step: self.t,
            alive: self.len(),
            cooperators: self.cooperators,
            coop_rate: self.coop_rate(),
            payoff_mean: self.payoff_mean(),
        }
    }

    /// The record of the current state, kept for [`Model::record`].
    pub(crate) fn keep_record(&mut self) -> &StepRecord {
        self.recorded = self.record();
        &self.recorded
    }

    fn note_absorption(&mut self) {
        if self.absorbed_at.is_none() && self.is_absorbed() {
            self.absorbed_at = Some(self.t);
        }
    }
}

#[cfg(test)]
mod tests;
