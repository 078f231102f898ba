//! A plain, sequential reference step of the firm economy, written from the documented
//! equations (`docs/scenarios.md`, the firm sections; the config types' docs), against which
//! the fast, table-driven, parallel step of [`FirmSimulation`] is checked
//! (`reference_tests`).
//!
//! Representation: a `Vec` of firms, each with a `Vec` of its ties in the order the model
//! keeps them: the initial neighbours sorted by id, a new tie appended, a removed tie
//! replaced by the last one (`Vec::swap_remove`). No tables, no packing, no slot arrays, no
//! inbox: every step is four sequential loops over firms and ties, each quantity computed
//! from its equation where it is used.
//!
//! # Same draws
//! The model reads its randomness from counter-based words keyed by `(seed, step, phase,
//! index)`; the reference reads the same words with the same keys:
//! * market shock of firm `i`: `ε_i = shock_sd · Φ⁻¹(word i of (step, MarketShock))`;
//! * crisis: the first `u64` of the ChaCha stream `(step, CommonShock)`, as a uniform `< p`;
//! * the decision on tie `i → j`: word `e` of `(step, Decision)`, where `e` is the tie's
//!   *slot*: firm `i`'s slots start after the capacities of firms `0..i` (capacity = initial
//!   degree, or `entry_ties` for an entrant, plus one spare when entry is on) and the tie is
//!   at its position in `i`'s list. The low half `u` decides (cooperate iff `u < p`) and,
//!   for a defector, detects (`(u − p)/(1 − p) < q`, written `u − p < q(1 − p)`); the high
//!   half, on the lower-id end, says whether the tie runs a project (`< rate`);
//! * learning of firm `i`: word `2i` of `(step, Learning)` (low half: revise `< rate`; high
//!   half: mutate `< mutation`), word `2i + 1` (high half: the partner, low half: the
//!   acceptance draw); the mutation `z = Φ⁻¹(word i of (step, FirmMutation))`;
//! * entry: the ChaCha stream `(step, Entry)`, read sequentially (one `u64` per exit, then one
//!   `u32` per partner try).
//!
//! The slot number is the one place where the draw depends on the layout: the reference
//! derives it from the documented capacities (every firm ever created holds its capacity's
//! range of numbers, in id order), which is what the fast step's model slot numbers are,
//! however its memory is compacted.
//!
//! # What is compared, and how exactly
//! The fast step evaluates `σ` from a table (absolute error below 2·10⁻⁷, tested in
//! `tests.rs`). Were the reference to use the exact `1/(1 + e^{−x})`, up to one decision in
//! 5·10⁶ would be drawn the other way (a different but equally valid realisation), and the two
//! runs would part. The reference therefore evaluates `σ` with the same table
//! ([`Logistic::eval`], at the documented argument `β(τ − θ)` or `(Π_j − Π_i)/k`) for the
//! decisions and for Fermi acceptance, so that every discrete outcome can be compared
//! *exactly*: which firms cooperate, are detected, run projects, break ties, exit, enter, tie
//! to whom, revise and mutate.
//!
//! Money, productivity and trust are computed in the documented algebraic form (e.g. `τ +
//! λ⁺(1 − τ)` where the fast step evaluates `λ⁺ + (1 − λ⁺)τ`; per-firm sums of payoffs where
//! it weights exact integer counts), so they may differ in the last bits: the twin test
//! compares them within a stated tolerance. Where such a last-bit difference could flip a
//! discrete outcome it would have to fall within ~10⁻¹⁵ of a threshold crossed by a
//! continuous quantity (probability ~10⁻¹⁵ per comparison); the exceptions are comparisons
//! of *equal* values (imitate-best with tied incomes, tied productivities), and there both
//! implementations compute tie incomes as functions of the firm's outcome counts only, so
//! equal counts give equal incomes in each. The test is seeded and deterministic; a flip
//! would show as a failure, never as a pass.
//!
//! Trust is stored as `f32` in the model (its state variable), so the reference stores it as
//! `f32` too, rounding after each update.

mod alliance;
mod association;
mod buying_group;
mod formation;
mod later;
mod policy;

use rand::Rng;

use super::config::{DecisionRule, FineTo, FirmConfig, ProjectGame, TrustRule};
use super::dist::normal_inv;
use super::ledger::Flow;
use super::record::Ledger;
use super::{draw, Logistic};
use crate::network::Network;
use crate::rng::{unit_f64, Phase, Streams};

/// `2^32`, to turn a 32-bit word into a uniform in `[0, 1)`.
const TWO_32: f64 = 4_294_967_296.0;

/// A uniform in `[0, 1)` from a 32-bit word.
fn u32_unit(x: u32) -> f64 {
    f64::from(x) / TWO_32
}

/// One directed tie `i → j`, as seen by its owner `i`.
#[derive(Clone, Debug)]
pub(crate) struct Tie {
    /// The partner `j`.
    pub(crate) to: usize,
    /// Trust `τ_ij` of the owner in the partner.
    pub(crate) trust: f32,
    /// How often the partner cooperated with the owner in a project (Beta rule).
    pub(crate) coops: u32,
    /// How often the partner defected on the owner in a project (Beta rule).
    pub(crate) defects: u32,
    /// Whether the tie lies inside a cluster group.
    pub(crate) within: bool,
    /// This step: the owner cooperates.
    coop: bool,
    /// This step: the owner defected and was detected.
    detected: bool,
    /// This step: the tie runs a project (the same on both ends).
    project: bool,
}

/// One firm.
#[derive(Clone, Debug)]
pub(crate) struct Firm {
    pub(crate) capital: f64,
    pub(crate) productivity: f64,
    pub(crate) opportunism: f64,
    pub(crate) standing: f64,
    pub(crate) group: u32,
    pub(crate) alive: bool,
    /// Whether the firm was alive at the start of the last step.
    pub(crate) was_alive: bool,
    /// Relationship capacity: initial degree (or `entry_ties`) plus the spare slot.
    pub(crate) capacity: usize,
    /// Positions gained by tie formation, `(first position, count, first model slot
    /// number)`, in order.
    pub(crate) grown: Vec<(usize, usize, u64)>,
    pub(crate) ties: Vec<Tie>,
    /// Net income of the last step.
    pub(crate) income: f64,
    /// Income from ties (projects, transaction costs, fines) of the last step.
    pub(crate) tie_income: f64,
    /// Projects taken part in during the last step.
    pub(crate) decisions: u32,
    /// Of which the firm cooperated in.
    pub(crate) cooperations: u32,
}

impl Firm {
    /// Position of the tie to `j` in this firm's list.
    fn find(&self, j: usize) -> Option<usize> {
        self.ties.iter().position(|t| t.to == j)
    }
}

/// The reference economy.
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    cfg: FirmConfig,
    streams: Streams,
    pub(crate) t: u64,
    n0: usize,
    pub(crate) firms: Vec<Firm>,
    cluster_groups: Vec<u32>,
    group_ids: Vec<u32>,
    spare: usize,
    pub(crate) treasury: f64,
    pub(crate) ledger: Ledger,
    pub(crate) crisis: bool,
    pub(crate) exits: u64,
    pub(crate) entries: u64,
    pub(crate) welfare_total: f64,
    /// The sum of `|income|` of every firm over the steps: the scale of the rounding error
    /// of `welfare_total`, a sum with cancellation, summed in another order by the fast step.
    pub(crate) welfare_scale: f64,
    /// The associations (empty when off).
    pub(crate) assoc: association::RefAssociations,
    /// The policy instruments and the budget.
    pub(crate) policy: policy::RefPolicy,
    /// Tie formation and fairs.
    pub(crate) formation: formation::RefFormation,
    /// The alliances and anchors.
    pub(crate) chains: alliance::RefChains,
    /// The buying groups' last step (empty when off).
    pub(crate) buying: buying_group::RefBuying,
}

impl Reference {
    /// The economy on `network` with configuration `cfg` and seed `seed` (assumed valid).
    pub(crate) fn new(network: &Network, cfg: &FirmConfig, seed: u64) -> Reference {
        let n = network.node_count();
        let streams = Streams::new(seed);
        let csr = network.csr();
        let mut group_ids = network.group.clone();
        group_ids.sort_unstable();
        group_ids.dedup();
        let cluster_groups = if cfg.cluster.groups.is_empty() {
            group_ids.clone()
        } else {
            cfg.cluster.groups.clone()
        };
        let spare = usize::from(cfg.demography.entry > 0.0 && cfg.demography.entry_ties > 0);
        let is_cluster = |g: u32| cluster_groups.contains(&g);
        let firms = (0..n)
            .map(|i| {
                let ties = csr
                    .neighbors(i)
                    .iter()
                    .map(|&j| {
                        let j = j as usize;
                        let (gi, gj) = (network.group[i], network.group[j]);
                        Tie {
                            to: j,
                            trust: cfg.trust.initial as f32,
                            coops: 0,
                            defects: 0,
                            within: gi == gj && is_cluster(gi),
                            coop: false,
                            detected: false,
                            project: false,
                        }
                    })
                    .collect::<Vec<_>>();
                Firm {
                    capital: draw(&streams, &cfg.init, 0, i),
                    productivity: draw(&streams, &cfg.init, 1, i),
                    opportunism: draw(&streams, &cfg.init, 2, i),
                    standing: 1.0,
                    group: network.group[i],
                    alive: true,
                    was_alive: true,
                    capacity: ties.len() + spare,
                    grown: Vec::new(),
                    ties,
                    income: 0.0,
                    tie_income: 0.0,
                    decisions: 0,
                    cooperations: 0,
                }
            })
            .collect();
        Reference {
            cfg: cfg.clone(),
            streams,
            t: 0,
            n0: n,
            firms,
            cluster_groups,
            group_ids,
            spare,
            treasury: 0.0,
            ledger: Ledger::default(),
            crisis: false,
            exits: 0,
            entries: 0,
            welfare_total: 0.0,
            welfare_scale: 0.0,
            assoc: Default::default(),
            policy: policy::RefPolicy::new(cfg),
            formation: formation::RefFormation {
                position: network.position.clone(),
                ..Default::default()
            },
            chains: Default::default(),
            buying: Default::default(),
        }
        .with_associations()
    }

    /// `self` with its initial associations.
    fn with_associations(mut self) -> Reference {
        self.initial_associations();
        self.initial_anchors();
        self
    }

    /// The first slot of every firm: the capacities of every lower id, summed.
    fn slot_starts(&self) -> Vec<u64> {
        let mut acc = 0u64;
        self.firms
            .iter()
            .map(|f| {
                let s = acc;
                acc += f.capacity as u64;
                s
            })
            .collect()
    }

    /// One step: market, decisions, settlement, learning, demography.
    pub(crate) fn step(&mut self) {
        self.t += 1;
        let t = self.t;
        let mut ledger = Ledger::default();
        self.fund(t, &mut ledger);
        self.market(t, &mut ledger);
        self.decide(t);
        self.subsidize(&mut ledger);
        self.fair(t, &mut ledger);
        self.associate(t, &mut ledger);
        self.ally(t, &mut ledger);
        self.anchor(t, &mut ledger);
        self.buy(t, &mut ledger);
        let (breaks, broke) = self.settle(&mut ledger);
        self.learn(t);
        self.treasury += ledger.fines_to_treasury();
        self.welfare_total += self.firms.iter().map(|f| f.income).sum::<f64>();
        self.welfare_scale += self.firms.iter().map(|f| f.income.abs()).sum::<f64>();
        self.demography(t, &breaks, &broke, &mut ledger);
        self.link(t, &mut ledger);
        self.form(&mut ledger);
        self.ledger = ledger;
    }

    /// Market income: `a_i · p · access · (1 + ε_i) · (1 − depth if crisis) − F`.
    fn market(&mut self, t: u64, ledger: &mut Ledger) {
        let m = self.cfg.market;
        self.crisis = m.crisis_prob > 0.0
            && unit_f64(self.streams.stream(t, Phase::CommonShock).next_u64()) < m.crisis_prob;
        let shock = self.streams.keyed(t, Phase::MarketShock);
        let crisis = if self.crisis {
            1.0 - m.crisis_depth
        } else {
            1.0
        };
        for (i, f) in self.firms.iter_mut().enumerate() {
            f.income = 0.0;
            f.tie_income = 0.0;
            f.decisions = 0;
            f.cooperations = 0;
            f.was_alive = f.alive;
            if !f.alive {
                continue;
            }
            let eps = if m.shock_sd > 0.0 {
                m.shock_sd * normal_inv(shock.word(i as u64))
            } else {
                0.0
            };
            let revenue = f.productivity * m.price * m.access * (1.0 + eps) * crisis;
            ledger[Flow::Revenue] += revenue;
            ledger[Flow::FixedCosts] += self.policy.fixed;
            f.income = revenue - self.policy.fixed;
        }
    }

    /// Subsidy: `K_i += s` for every alive firm when it was funded for the step (`s > 0`,
    /// `start ≤ t ≤ stop`, `stop = 0`: no end, and the budget paid it).
    fn subsidize(&mut self, ledger: &mut Ledger) {
        let s = self.cfg.optional.subsidy;
        if !self.policy.run[0] {
            return;
        }
        for f in self.firms.iter_mut().filter(|f| f.alive) {
            f.capital += s.per_firm;
            ledger[Flow::Subsidies] += s.per_firm;
        }
    }

    /// Per tie: cooperate with probability `σ(β(τ_ij − θ_i))` (or iff `τ_ij ≥ θ_i`), a
    /// defection detected with probability `q`; per tie, a project with probability `rate`.
    fn decide(&mut self, t: u64) {
        let keyed = self.streams.keyed(t, Phase::Decision);
        let logistic = Logistic::shared();
        let (q, rate) = (self.policy.q, self.cfg.project.rate);
        let decision = self.cfg.decision;
        let start = self.slot_starts();
        for (i, (f, &s)) in self.firms.iter_mut().zip(&start).enumerate() {
            if !f.alive {
                continue;
            }
            let theta = f.opportunism;
            // Position k's model slot number (its base range, or what it gained).
            let keys: Vec<u64> = (0..f.ties.len()).map(|k| formation::key(f, s, k)).collect();
            for (k, tie) in f.ties.iter_mut().enumerate() {
                let w = keyed.word(keys[k]);
                let tau = f64::from(tie.trust);
                let p = match decision {
                    DecisionRule::Logistic { beta } => logistic.eval(beta * (tau - theta)),
                    DecisionRule::Threshold => {
                        if tau >= theta {
                            1.0
                        } else {
                            0.0
                        }
                    }
                };
                let u = u32_unit(w as u32);
                tie.coop = u < p;
                tie.detected = !tie.coop && u - p < q * (1.0 - p);
                if i < tie.to {
                    tie.project = u32_unit((w >> 32) as u32) < rate;
                }
            }
        }
        // The higher-id end runs the project its lower-id partner drew.
        for i in 0..self.firms.len() {
            for k in 0..self.firms[i].ties.len() {
                let j = self.firms[i].ties[k].to;
                if j < i {
                    let back = self.firms[j].find(i).expect("ties are mutual");
                    self.firms[i].ties[k].project = self.firms[j].ties[back].project;
                }
            }
        }
    }

    /// Project payoffs, transaction costs, fines, trust update or decay, spillovers; then
    /// capital, productivity and standing. Returns the ties whose trust fell below the break
    /// threshold (owner, partner) and the firms whose capital fell below the exit threshold.
    fn settle(&mut self, ledger: &mut Ledger) -> (Vec<(usize, usize)>, Vec<usize>) {
        let cfg = &self.cfg;
        let tc = cfg.project.transaction_cost;
        let (fine, to_victim) = (
            cfg.monitoring.fine,
            cfg.monitoring.fine_to == FineTo::Victim,
        );
        let tau0 = cfg.trust.initial;
        let old_productivity: Vec<f64> = self.firms.iter().map(|f| f.productivity).collect();
        let mut breaks = Vec::new();
        let mut broke = Vec::new();
        for i in 0..self.firms.len() {
            if !self.firms[i].alive {
                continue;
            }
            let ai = old_productivity[i];
            // What happened on the firm's projects: cooperated / partner cooperated / both /
            // either / cooperated on a within-cluster tie / caught / partner caught.
            let (mut mine, mut theirs, mut both, mut any) = (0u32, 0u32, 0u32, 0u32);
            let (mut mine_within, mut caught, mut victim) = (0u32, 0u32, 0u32);
            let mut projects = 0u32;
            let mut spill = 0.0;
            for k in 0..self.firms[i].ties.len() {
                let j = self.firms[i].ties[k].to;
                let back = self.firms[j].find(i).expect("ties are mutual");
                let (p_coop, p_detected) = {
                    let p = &self.firms[j].ties[back];
                    (p.coop, p.detected)
                };
                let tie = &mut self.firms[i].ties[k];
                let tau = f64::from(tie.trust);
                let next = if tie.project {
                    projects += 1;
                    mine += u32::from(tie.coop);
                    theirs += u32::from(p_coop);
                    both += u32::from(tie.coop && p_coop);
                    any += u32::from(tie.coop || p_coop);
                    mine_within += u32::from(tie.coop && tie.within);
                    caught += u32::from(tie.detected);
                    victim += u32::from(p_detected);
                    if p_coop {
                        let rate = if tie.within {
                            cfg.cluster.spillover_rate
                        } else {
                            cfg.spillover.rate
                        };
                        spill += rate * (old_productivity[j] - ai).max(0.0);
                    }
                    match cfg.trust.rule {
                        TrustRule::Asymmetric { up, down } => {
                            if p_coop {
                                tau + up * (1.0 - tau)
                            } else {
                                tau - down * tau
                            }
                        }
                        TrustRule::Beta { alpha, beta } => {
                            if p_coop {
                                tie.coops += 1;
                            } else {
                                tie.defects += 1;
                            }
                            let (c, d) = (f64::from(tie.coops), f64::from(tie.defects));
                            (alpha + c) / (alpha + beta + c + d)
                        }
                    }
                } else {
                    tau + cfg.trust.decay * (tau0 - tau)
                };
                tie.trust = next.clamp(0.0, 1.0) as f32;
                if f64::from(tie.trust) < cfg.trust.break_below {
                    breaks.push((i, j));
                }
            }
            // Money from the counts (each a function of the counts only).
            let (returns, costs) = match cfg.project.game {
                ProjectGame::Donation { b, c } => (b * f64::from(theirs), c * f64::from(mine)),
                ProjectGame::CostSharing { v, c } => (
                    v / 2.0 * f64::from(any),
                    c * f64::from(mine - both) + c / 2.0 * f64::from(both),
                ),
            };
            let transaction = tc * f64::from(mine - mine_within)
                + tc * (1.0 - cfg.cluster.discount) * f64::from(mine_within);
            let fines_paid = fine * f64::from(caught);
            let fines_received = if to_victim {
                fine * f64::from(victim)
            } else {
                0.0
            };
            let net = returns - costs - transaction - fines_paid + fines_received;
            ledger[Flow::ProjectReturns] += returns;
            ledger[Flow::ProjectCosts] += costs;
            ledger[Flow::TransactionCosts] += transaction;
            ledger[Flow::FinesPaid] += fines_paid;
            ledger[Flow::FinesToVictims] += fines_received;
            let f = &mut self.firms[i];
            f.tie_income = net;
            f.income += net;
            f.capital += f.income;
            f.decisions = projects;
            f.cooperations = mine;
            if f.capital < cfg.demography.exit_below {
                broke.push(i);
            }
            let degree = f.ties.len();
            if degree > 0 {
                let gain = spill / degree as f64 * self.policy.factor;
                f.productivity = ai + gain;
                ledger[Flow::ProductivityGain] += gain;
            }
            f.standing = if caught > 0 {
                f.standing * (1.0 - cfg.monitoring.reputation_loss)
            } else {
                f.standing + cfg.reputation.recovery * (1.0 - f.standing)
            };
        }
        ledger[Flow::FinesToTreasury] = if to_victim { 0.0 } else { ledger.fines_paid() };
        (breaks, broke)
    }
}
