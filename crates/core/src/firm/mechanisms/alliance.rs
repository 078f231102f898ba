//! Temporary alliances for contracts (submodel F2e): *unión temporal* and *consorcio*.
//!
//! Each step, before settlement (so that values and penalties count in the exit check):
//! 1. **Contracts.** `⌊ρ⌋` contracts arrive, plus one more if `u₀ < ρ − ⌊ρ⌋` (`u₀` the low
//!    half of word 0). Each has value `V`, required capacity `Q` and penalty `L`; they are
//!    handled one after another, contract `c = 0, 1, …`.
//! 2. **Taker.** Contract `c` goes to firm `below(word (c + 1)·2^16 + k, N)` for the first
//!    try `k < 8` that lands on an alive firm not yet committed to a consortium this step;
//!    if none does, the contract is *declined*.
//! 3. **Recruiting.** A firm's capacity is its productivity `a_i`. If the taker's capacity
//!    is below `Q`, it recruits among its partners `j` that are alive, uncommitted, of
//!    positive capacity and trusted, `τ_ij ≥ τ_min`, in order of trust descending (lower id
//!    first among equal trusts), until the members' capacities sum to at least `Q`. If all of
//!    them do not reach `Q`, the contract is *declined* (nobody is committed). Otherwise the
//!    consortium is *formed* and its members are committed for the rest of the step. Member
//!    `m`'s share is `s_m = a_m / Σ a` (capacity contributed over the members' total).
//! 4. **Delivery.** Member `m` (in order: the taker, then the recruits) delivers with the
//!    probability of the bilateral decision rule, `p(τ̄_m, θ_m)` (`σ(β(τ̄ − θ))` or `1[τ̄ ≥
//!    θ]`), where `τ̄_m` is the mean of its trust in the other members it is tied to, in its
//!    tie order (1 for a consortium of one): it delivers iff the low half of word `(c + 1)·2^16
//!    + 8 + m`, as a uniform, is `< p`.
//! 5. **Payment.** If every member delivered (*completed*), member `m` receives `s_m · V`.
//!    If any failed (*failed*), the consortium answers jointly: in a *unión temporal* member
//!    `m` pays `s_m · L` (sanctions by participation share); in a *consorcio* every member
//!    pays the whole `L` (each answers for all of the sanction with its own capital, so the
//!    consortium pays `n · L`). Money goes straight to capital (not to the step's income).
//! 6. **Trust.** Every member updates its trust in every other member it is tied to by the
//!    trust rule, as after a project: the partner's delivery counts as a cooperation, its
//!    failure as a defection (asymmetric rule: `τ + λ⁺(1 − τ)` or `τ(1 − λ⁻)`; Beta rule:
//!    the encounter counts). The consortium then dissolves (it lasts the step).
//!
//! Configuration: [`AllianceConfig`] (`FirmConfig::optional.alliance`, scenario section
//! `[alliance]`; off with `rate = 0`, the default). Phase: its own sequential pass after the
//! associations and before settlement (one line in `super::super::schedule`). Stream:
//! [`PHASE`] (the words above). Flows: [`FLOWS`] (`contract_value` created,
//! `contract_penalties` destroyed).

use super::super::config::{AllianceConfig, AllianceForm, DecisionRule};
use super::super::ledger::Flow;
use super::super::record::AllianceCounts;
use super::super::ties::{ENC_COOP, ENC_DEFECT};
use super::super::FirmSimulation;
use super::{trust, unit32};
use crate::rng::{below, Phase};

/// The stream of the contracts' draws.
pub(crate) const PHASE: Phase = Phase::Alliance;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::ContractValue, Flow::ContractPenalties];

/// Tries to draw an alive, uncommitted taker for a contract.
pub(crate) const TRIES: u64 = 8;

/// The number of contracts of a step: `⌊ρ⌋`, plus one if `u < ρ − ⌊ρ⌋`.
#[inline]
pub(crate) fn contracts(rate: f64, u: f64) -> u64 {
    let whole = rate.floor();
    whole as u64 + u64::from(u < rate - whole)
}

/// The word of contract `c`'s draw `k` (`k < 8`: taker tries; `8 + m`: member `m`'s
/// delivery).
#[inline]
pub(crate) fn word_key(c: u64, k: u64) -> u64 {
    ((c + 1) << 16) | k
}

/// The delivery probability of a member with mean trust `tau` in its partners and
/// opportunism `theta`: the bilateral decision rule (the logistic from the shared table).
#[inline]
pub(crate) fn delivery(rule: DecisionRule, tau: f64, theta: f64) -> f64 {
    match rule {
        DecisionRule::Logistic { beta } => {
            let logistic = super::super::Logistic::shared();
            logistic.at(super::super::Logistic::pos(beta * (tau - theta)))
        }
        DecisionRule::Threshold => super::decision::threshold(tau, theta),
    }
}

/// What member of share `share` is paid (`> 0`) or pays (`< 0`) when the consortium
/// `completed` or not.
#[inline]
pub(crate) fn settlement(cfg: &AllianceConfig, share: f64, completed: bool) -> f64 {
    if completed {
        share * cfg.value
    } else {
        match cfg.form {
            AllianceForm::UnionTemporal => -share * cfg.penalty,
            AllianceForm::Consorcio => -cfg.penalty,
        }
    }
}

/// The buffers of the mechanism (kept from step to step) and the counts of the last step.
#[derive(Clone, Debug, Default)]
pub(crate) struct Alliances {
    /// The counts of the last step.
    pub(crate) counts: AllianceCounts,
    /// The step in which each firm was last committed to a consortium.
    busy: Vec<u64>,
    /// The taker's candidate recruits, as (trust, id).
    candidates: Vec<(f32, u32)>,
    /// The members of the current consortium, taker first.
    members: Vec<u32>,
    /// Whether each member delivered.
    delivered: Vec<bool>,
}

impl FirmSimulation {
    /// Phase: the step's contracts, their consortia, payments and trust (nothing when off).
    /// **O(contracts · (taker's degree · log + members · their degrees · members))**.
    pub(crate) fn ally(&mut self, step: u64) {
        self.alliances.counts = AllianceCounts::default();
        let cfg = self.cfg.optional.alliance;
        if cfg.rate <= 0.0 {
            return;
        }
        let draws = self.streams.keyed(step, PHASE);
        let n = self.firms.len();
        let mut st = std::mem::take(&mut self.alliances);
        if st.busy.len() < n {
            st.busy.resize(n, 0);
        }
        let (mut value, mut penalties) = (0.0, 0.0);
        let f = &mut self.firms;
        let ties = &mut self.ties;
        let beta = trust::beta_prior(&self.cfg.trust);
        let count = contracts(cfg.rate, unit32(draws.word(0) as u32));
        for c in 0..count {
            let taker = (0..TRIES)
                .map(|k| below(draws.word(word_key(c, k)) as u32, n as u32) as usize)
                .find(|&i| f.alive[i] != 0 && st.busy[i] != step);
            let Some(taker) = taker else {
                st.counts.declined += 1;
                continue;
            };
            st.members.clear();
            st.members.push(taker as u32);
            let mut total = f.productivity[taker];
            if total < cfg.capacity {
                st.candidates.clear();
                for e in ties.slots(taker) {
                    let j = ties.target[e] as usize;
                    if f64::from(ties.tau[e]) >= cfg.min_trust
                        && f.alive[j] != 0
                        && st.busy[j] != step
                        && f.productivity[j] > 0.0
                    {
                        st.candidates.push((ties.tau[e], j as u32));
                    }
                }
                st.candidates
                    .sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                for &(_, j) in &st.candidates {
                    if total >= cfg.capacity {
                        break;
                    }
                    st.members.push(j);
                    total += f.productivity[j as usize];
                }
                if total < cfg.capacity {
                    st.counts.declined += 1;
                    continue;
                }
            }
            st.counts.formed += 1;
            // Delivery.
            st.delivered.clear();
            for (m, &i) in st.members.iter().enumerate() {
                let i = i as usize;
                st.busy[i] = step;
                let (mut sum, mut seen) = (0.0, 0u32);
                for e in ties.slots(i) {
                    if st.members.contains(&ties.target[e]) {
                        sum += f64::from(ties.tau[e]);
                        seen += 1;
                    }
                }
                let tau = if seen == 0 {
                    1.0
                } else {
                    sum / f64::from(seen)
                };
                let p = delivery(self.cfg.decision, tau, f.opportunism[i]);
                let u = unit32(draws.word(word_key(c, TRIES + m as u64)) as u32);
                st.delivered.push(u < p);
            }
            let completed = st.delivered.iter().all(|&d| d);
            if completed {
                st.counts.completed += 1;
            } else {
                st.counts.failed += 1;
            }
            // Payment, then trust in each other.
            for &i in &st.members {
                let i = i as usize;
                let money = settlement(&cfg, f.productivity[i] / total, completed);
                f.capital[i] += money;
                if completed {
                    value += money;
                } else {
                    penalties -= money;
                }
                for e in ties.slots(i) {
                    let Some(m) = st.members.iter().position(|&j| j == ties.target[e]) else {
                        continue;
                    };
                    let theirs = st.delivered[m];
                    let next = match beta {
                        Some(prior) => {
                            ties.enc[e] += if theirs { ENC_COOP } else { ENC_DEFECT };
                            trust::beta_mean(prior, ties.enc[e])
                        }
                        None => {
                            let (a, b) = trust::affine(&self.cfg.trust, true, theirs);
                            trust::apply(a, b, f64::from(ties.tau[e]))
                        }
                    };
                    ties.tau[e] = trust::store(next);
                }
            }
        }
        let ledger = &mut self.chunk_ledger[0];
        ledger[Flow::ContractValue] += value;
        ledger[Flow::ContractPenalties] += penalties;
        self.alliances = st;
    }
}
