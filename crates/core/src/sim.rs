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
//! birth–death samples the reproducer from a Fenwick tree of fitnesses in O(log N).

use std::mem;

use rand::Rng;
use rayon::prelude::*;

use crate::config::{InitialConfig, RunConfig, Schedule, SimConfig, Strategy, UpdateRule};
use crate::fenwick::Fenwick;
use crate::game::{decode, encode, PayoffTable, COOPERATE, DEFECT};
use crate::network::{Csr, Network};
use crate::observer::{Observer, StepRecord};
use crate::rng::{below, unit_f64, Phase, Streams};
use crate::update::{
    death_birth_choice, fermi_accepts, fitness, imitate_best, proportional_accepts, Rule,
};

/// Agents per chunk of parallel work. Fixed (independent of the thread count) so that
/// random-stream offsets and float partial sums do not depend on how work is split.
pub const CHUNK: usize = 4096;

/// 32-bit words of the `(step, Update)` stream reserved for each agent (synchronous schedule).
const SYNC_WORDS: u64 = 2;

/// Why a simulation could not be set up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// The network has no nodes.
    #[error("the network has no nodes")]
    EmptyNetwork,
    /// The network has more nodes than 32-bit agent ids can index.
    #[error("the network has {0} nodes; at most 4294967294 are supported")]
    TooManyNodes(usize),
    /// `InitialConfig::Given` lists a different number of strategies than there are nodes.
    #[error("{found} initial strategies given for a network of {expected} nodes")]
    GivenLength {
        /// Number of nodes.
        expected: usize,
        /// Number of strategies given.
        found: usize,
    },
    /// Birth–death picks the reproducer from the current population; it has no
    /// synchronous version.
    #[error("the birth-death rule needs the asynchronous schedule")]
    BirthDeathSynchronous,
    /// A numeric parameter outside its domain.
    #[error("{name} = {value} is out of range: expected {expected}")]
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: f64,
        /// The allowed domain.
        expected: &'static str,
    },
}

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
}

fn check(name: &'static str, value: f64, ok: bool, expected: &'static str) -> Result<(), SimError> {
    if ok {
        Ok(())
    } else {
        Err(SimError::OutOfRange {
            name,
            value,
            expected,
        })
    }
}

fn validate(config: &SimConfig) -> Result<(), SimError> {
    let p = config.game.payoffs;
    for (name, v) in [
        ("payoffs.r", p.r),
        ("payoffs.s", p.s),
        ("payoffs.t", p.t),
        ("payoffs.p", p.p),
    ] {
        check(name, v, v.is_finite(), "a finite number")?;
    }
    match config.update.rule {
        UpdateRule::Fermi { k } => check("fermi.k", k, k > 0.0 && k.is_finite(), "K > 0")?,
        UpdateRule::DeathBirth { w } | UpdateRule::BirthDeath { w } => {
            check("w", w, (0.0..=1.0).contains(&w), "0 ≤ w ≤ 1")?;
        }
        UpdateRule::ImitateBest | UpdateRule::Proportional => {}
    }
    if matches!(config.update.rule, UpdateRule::BirthDeath { .. })
        && config.update.schedule == Schedule::Synchronous
    {
        return Err(SimError::BirthDeathSynchronous);
    }
    let mu = config.update.mutation;
    check(
        "mutation",
        mu,
        (0.0..=1.0).contains(&mu),
        "0 ≤ mutation ≤ 1",
    )?;
    if let InitialConfig::Random { coop_fraction } = config.initial {
        check(
            "coop_fraction",
            coop_fraction,
            (0.0..=1.0).contains(&coop_fraction),
            "0 ≤ f ≤ 1",
        )?;
    }
    let steps = config.run.steps;
    check(
        "steps",
        steps as f64,
        steps < 1 << 56,
        "fewer than 2^56 steps",
    )?;
    Ok(())
}

/// Initial strategy bytes (see the `InitialConfig` docs).
fn initial_strategies(
    network: &Network,
    initial: &InitialConfig,
    streams: &Streams,
) -> Result<Vec<u8>, SimError> {
    let n = network.node_count();
    Ok(match initial {
        InitialConfig::Random { coop_fraction } => {
            let m = ((coop_fraction * n as f64).round() as usize).min(n);
            // Partial Fisher–Yates: the first `m` entries of a uniform random permutation.
            let mut perm: Vec<u32> = (0..n as u32).collect();
            let mut rng = streams.stream(0, Phase::Initial);
            let mut s = vec![DEFECT; n];
            for i in 0..m {
                let j = i + below(rng.next_u32(), (n - i) as u32) as usize;
                perm.swap(i, j);
                s[perm[i] as usize] = COOPERATE;
            }
            s
        }
        InitialConfig::SingleDefector => {
            let mut s = vec![COOPERATE; n];
            s[network.centre()] = DEFECT;
            s
        }
        InitialConfig::SingleCooperator => {
            let mut s = vec![DEFECT; n];
            s[network.centre()] = COOPERATE;
            s
        }
        InitialConfig::Given { strategies } => {
            if strategies.len() != n {
                return Err(SimError::GivenLength {
                    expected: n,
                    found: strategies.len(),
                });
            }
            strategies.iter().map(|&s| encode(s)).collect()
        }
    })
}

/// A uniform `f64` in `[0, 1)` from a 32-bit word (resolution 2^-32, enough for acceptance
/// probabilities).
#[inline(always)]
fn unit_u32(x: u32) -> f64 {
    f64::from(x) * (1.0 / 4_294_967_296.0)
}

impl Simulation {
    /// Sets up a run on `network`: validates the configuration, snapshots the network as CSR,
    /// draws the initial strategies and computes their payoffs.
    pub fn new(network: &Network, config: &SimConfig, seed: u64) -> Result<Simulation, SimError> {
        let n = network.node_count();
        if n == 0 {
            return Err(SimError::EmptyNetwork);
        }
        if n >= u32::MAX as usize {
            return Err(SimError::TooManyNodes(n));
        }
        validate(config)?;
        let streams = Streams::new(seed);
        let strategies = initial_strategies(network, &config.initial, &streams)?;
        let csr = network.csr();
        let chunks = n.div_ceil(CHUNK);
        let mutation_threshold = (config.update.mutation * 4_294_967_296.0) as u64;
        let mut sim = Simulation {
            csr,
            next: strategies.clone(),
            strategies,
            payoffs: vec![0.0; n],
            ncoop: Vec::new(),
            fenwick: Fenwick::default(),
            table: PayoffTable::new(&config.game),
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
        while self.t < self.run.steps && !(self.run.stop_at_absorption && self.is_absorbed()) {
            self.step();
            observer.on_step(&self.record())?;
        }
        Ok(RunSummary {
            steps_run: self.t,
            coop_rate_final: self.coop_rate(),
            payoff_mean_final: self.payoff_mean(),
            absorbed_at: self.absorbed_at,
        })
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

    fn note_absorption(&mut self) {
        if self.absorbed_at.is_none() && self.is_absorbed() {
            self.absorbed_at = Some(self.t);
        }
    }

    /// Payoff phase: every payoff from the current strategies, plus the exact cooperator count
    /// and the fixed-order payoff sum.
    fn compute_payoffs(&mut self) {
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

    /// Synchronous revision: every agent decides from state `t` into the `next` buffer.
    fn update_synchronous(&mut self) {
        let step = self.t + 1;
        let Simulation {
            csr,
            strategies,
            next,
            payoffs,
            table,
            rule,
            streams,
            mutation_threshold,
            chunk_candidates,
            ..
        } = self;
        let (offsets, targets) = (csr.offsets(), csr.targets());
        let (strategies, payoffs, table, rule, streams) =
            (&strategies[..], &payoffs[..], *table, *rule, &*streams);
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
                                    proportional_accepts(&table, (pi, ki), (pj, kj), u)
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

    /// Random sequential revision: `N` micro-steps, each on the current state.
    fn update_asynchronous(&mut self) {
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

    /// Current payoff of `i` in the asynchronous schedule (from the incremental counts).
    #[inline]
    fn payoff_now(&self, i: usize) -> f64 {
        self.table
            .payoff(self.strategies[i], self.ncoop[i], self.csr.degree(i) as u32)
    }

    /// One asynchronous revision from the draws `a`, `b`: the revising site and its new
    /// strategy (before mutation), or `None` when no agent revises (a birth–death
    /// reproducer without neighbours).
    fn micro_step(&self, a: u64, b: u64, n: u32) -> Option<(usize, u8)> {
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
                        &self.table,
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
        let Simulation { csr, ncoop, .. } = self;
        for &j in csr.neighbors(i) {
            let c = &mut ncoop[j as usize];
            if s == COOPERATE {
                *c += 1;
            } else {
                *c -= 1;
            }
        }
        if let Rule::BirthDeath { w } = self.rule {
            self.fenwick.set(i, fitness(w, self.payoff_now(i)));
            for idx in 0..self.csr.degree(i) {
                let j = self.csr.neighbors(i)[idx] as usize;
                self.fenwick.set(j, fitness(w, self.payoff_now(j)));
            }
        }
    }
}

#[cfg(test)]
mod tests;
