//! One small test per mechanism of the firm economy, one file per mechanism (named as its
//! module in `mechanisms/`) (two or three firms, one or two steps),
//! each against numbers computed by hand in a comment. Draws are made irrelevant by
//! parameters that make outcomes certain (probabilities 0 or 1, the threshold rule), or read
//! from the same keyed stream word the step reads.
//!
//! Unless a test says otherwise ([`base`]): no market income (price 0, no fixed cost),
//! constant productivity 1, capital 10, trust `τ0 = 0.5` with the asymmetric rule (`up` 0.2,
//! `down` 0.4), the threshold decision rule (so a firm of opportunism 0 always cooperates and
//! one of opportunism 1 always defects at `τ = 0.5`), a donation game `b = 0.4`, `c = 0.2`
//! run on every tie every step, and every other mechanism off.

mod alliance;
mod anchor;
mod association;
mod budget;
mod buying_group;
mod capital;
mod decision;
mod entry;
mod fair;
mod formation;
mod infrastructure;
mod learning;
mod linking;
mod market;
mod monitoring;
mod mutation;
mod projects;
mod public_monitoring;
mod reputation;
mod spillover;
mod subsidy;
mod training;
mod transaction;
mod trust;

use super::*;
use crate::rng::{Phase, Streams};

/// Every mechanism off; see the module docs.
pub(super) fn base() -> FirmConfig {
    FirmConfig {
        init: FirmInit {
            capital: Distribution::Constant { value: 10.0 },
            productivity: Distribution::Constant { value: 1.0 },
            opportunism: Distribution::Constant { value: 0.0 },
        },
        trust: TrustConfig {
            initial: 0.5,
            rule: TrustRule::Asymmetric { up: 0.2, down: 0.4 },
            decay: 0.0,
            break_below: 0.0,
        },
        decision: DecisionRule::Threshold,
        project: ProjectConfig {
            game: ProjectGame::Donation { b: 0.4, c: 0.2 },
            rate: 1.0,
            transaction_cost: 0.0,
        },
        monitoring: MonitoringConfig {
            q: 0.0,
            fine: 0.0,
            fine_to: FineTo::Treasury,
            reputation_loss: 0.0,
        },
        reputation: ReputationConfig {
            weight: 0.0,
            recovery: 0.0,
        },
        learning: LearningConfig {
            rule: LearningRule::ImitateBest,
            rate: 0.0,
            success: Success::Network,
            mutation: 0.0,
            mutation_sd: 0.0,
        },
        market: MarketConfig {
            price: 0.0,
            access: 1.0,
            fixed_cost: 0.0,
            shock_sd: 0.0,
            crisis_prob: 0.0,
            crisis_depth: 0.0,
        },
        optional: OptionalMechanisms::default(),
        spillover: SpilloverConfig { rate: 0.0 },
        demography: DemographyConfig {
            exit_below: -1e9,
            entry: 0.0,
            entry_ties: 0,
        },
        cluster: ClusterConfig {
            groups: Vec::new(),
            discount: 0.0,
            spillover_rate: 0.0,
        },
        steps: 10,
        network_every: 1,
    }
}

/// One value per firm.
pub(super) fn given(values: &[f64]) -> Distribution {
    Distribution::Given {
        values: values.to_vec(),
    }
}

/// A run on `n` firms with the given ties and groups (all 0 if `None`), seed 1.
pub(super) fn economy(
    n: usize,
    edges: &[(u32, u32)],
    groups: Option<Vec<u32>>,
    cfg: &FirmConfig,
) -> FirmSimulation {
    economy_seeded(n, edges, groups, cfg, 1)
}

/// [`economy`] with a seed.
pub(super) fn economy_seeded(
    n: usize,
    edges: &[(u32, u32)],
    groups: Option<Vec<u32>>,
    cfg: &FirmConfig,
    seed: u64,
) -> FirmSimulation {
    let net = Network::from_edges(n, edges, groups, None).unwrap();
    FirmSimulation::new(&net, cfg, seed).unwrap()
}

/// Two firms tied to each other, with opportunism `theta`.
pub(super) fn pair(cfg: &FirmConfig, theta: [f64; 2]) -> FirmSimulation {
    let mut cfg = cfg.clone();
    cfg.init.opportunism = given(&theta);
    economy(2, &[(0, 1)], None, &cfg)
}

/// Trust of `i` in `j`.
pub(super) fn trust(sim: &FirmSimulation, i: usize, j: usize) -> f64 {
    sim.trusts()
        .find(|&(a, b, _)| (a, b) == (i, j))
        .map(|t| t.2)
        .expect("tied")
}

/// The slot of `i`'s tie to `j`.
pub(super) fn slot(sim: &FirmSimulation, i: usize, j: usize) -> usize {
    sim.ties
        .slots(i)
        .find(|&e| sim.ties.target[e] as usize == j)
        .expect("tied")
}

/// `a` equals the hand-computed `b` up to rounding (`1e-12`).
#[track_caller]
pub(super) fn near(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

/// Trust (stored as `f32`) equals the hand-computed `b` up to `f32` rounding.
#[track_caller]
pub(super) fn near_f32(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-7, "{a} != {b}");
}

/// A uniform in `[0, 1)` from the low 32 bits of `w` (as the step reads decision and
/// learning words).
pub(super) fn low(w: u64) -> f64 {
    f64::from(w as u32) / 4_294_967_296.0
}

/// A uniform in `[0, 1)` from the high 32 bits of `w`.
pub(super) fn high(w: u64) -> f64 {
    f64::from((w >> 32) as u32) / 4_294_967_296.0
}

/// Word `i` of the keyed draws of `(step, phase)` for `seed`.
pub(super) fn word(seed: u64, step: u64, phase: Phase, i: u64) -> u64 {
    Streams::new(seed).keyed(step, phase).word(i)
}

/// Incomes of the pair after one step (no market income: they are the tie incomes).
pub(super) fn incomes(cfg: &FirmConfig, theta: [f64; 2]) -> ([f64; 2], Ledger, f64) {
    let mut sim = pair(cfg, theta);
    sim.step();
    let inc = [sim.income()[0], sim.income()[1]];
    near(sim.firms.tie_income[0], inc[0]);
    (inc, *sim.ledger(), sim.treasury())
}
