//! The public budget, and the funding phase of the policy instruments: at the start of each
//! step it decides which instruments run in the step and what they cost, and records what
//! each changes in the step (the detection probability, the fixed cost, the share of the
//! spillover gain a firm keeps), so that the passes that apply them read one number each.
//!
//! The instruments: the subsidy ([`super::subsidy`]), training ([`super::training`]), the
//! public monitoring programme ([`super::public_monitoring`]) and infrastructure
//! ([`super::infrastructure`]). Each runs on the steps of its window. With a budget
//! (`[budget] total > 0`) they are funded in that order, each for the whole step or not at
//! all: an instrument whose cost for the step exceeds what is left stops for the rest of the
//! run (the instruments after it may still run if they cost less). A step's cost is known at
//! its start: per firm, the firms alive at the start of the step (no firm exits or enters
//! before the end of the step), and a flat amount for infrastructure.
//!
//! Configuration: [`BudgetConfig`] (`FirmConfig::optional.budget`, section `[budget]`) and
//! the instruments' own. Phase: first in the step (one line in `super::super::schedule`);
//! its costs enter the ledger at accounting. Stream: none. Flows: none of its own (each
//! instrument records its own).

use super::super::config::{BudgetConfig, FirmConfig};
use super::super::ledger::{Flow, Ledger};
use super::super::FirmSimulation;
use super::{infrastructure, public_monitoring, subsidy, training};

/// Whether step `step` is in the window `start ≤ step ≤ stop` (`stop = 0`: no end).
#[inline]
pub(crate) fn in_window(start: u64, stop: u64, step: u64) -> bool {
    step >= start && (stop == 0 || step <= stop)
}

/// The instruments, in funding order.
pub(crate) const SUBSIDY: usize = 0;
/// See [`SUBSIDY`].
pub(crate) const TRAINING: usize = 1;
/// See [`SUBSIDY`].
pub(crate) const MONITORING: usize = 2;
/// See [`SUBSIDY`].
pub(crate) const INFRASTRUCTURE: usize = 3;

/// The funding state of a run and what the instruments do in the current step.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Policy {
    /// Public money left (`f64::INFINITY` without a budget).
    pub(crate) left: f64,
    /// Instruments stopped for good because the budget could not pay a step.
    pub(crate) stopped: [bool; 4],
    /// Instruments that run in the current step.
    pub(crate) running: [bool; 4],
    /// Each instrument's public cost in the current step (0 when it does not run).
    pub(crate) cost: [f64; 4],
    /// The detection probability of the step.
    pub(crate) q: f64,
    /// The fixed cost of the step.
    pub(crate) fixed_cost: f64,
    /// The factor on every firm's spillover gain in the step.
    pub(crate) gain_factor: f64,
    /// Firms alive at the start of each step, summed over the steps run.
    pub(crate) firm_steps: u64,
}

impl Policy {
    /// A run's funding state before its first step.
    pub(crate) fn new(cfg: &FirmConfig) -> Policy {
        Policy {
            left: budget(&cfg.optional.budget),
            stopped: [false; 4],
            running: [false; 4],
            cost: [0.0; 4],
            q: cfg.monitoring.q,
            fixed_cost: cfg.market.fixed_cost,
            gain_factor: 1.0,
            firm_steps: 0,
        }
    }

    /// Records the step's public costs in `ledger` (at accounting).
    pub(crate) fn record(&self, ledger: &mut Ledger) {
        ledger[Flow::TrainingCosts] = self.cost[TRAINING];
        ledger[Flow::PublicMonitoringCosts] = self.cost[MONITORING];
        ledger[Flow::InfrastructureCosts] = self.cost[INFRASTRUCTURE];
    }

    /// The budget left, or `None` without a budget.
    pub(crate) fn budget_left(&self) -> Option<f64> {
        self.left.is_finite().then_some(self.left)
    }
}

/// The money of a budget: `total`, or no limit when it is 0.
#[inline]
pub(crate) fn budget(cfg: &BudgetConfig) -> f64 {
    if cfg.total > 0.0 {
        cfg.total
    } else {
        f64::INFINITY
    }
}

/// Each instrument's wish for step `step` with `alive` firms: whether it would run and its
/// cost, in funding order.
pub(crate) fn wishes(cfg: &FirmConfig, step: u64, alive: u64) -> [(bool, f64); 4] {
    let o = &cfg.optional;
    [
        (
            subsidy::paid(&o.subsidy, step),
            subsidy::spending(o.subsidy.per_firm, alive),
        ),
        (
            training::on(&o.training, step),
            o.training.cost_per_firm * alive as f64,
        ),
        (
            public_monitoring::on(&o.public_monitoring, step),
            o.public_monitoring.cost_per_firm * alive as f64,
        ),
        (
            infrastructure::on(&o.infrastructure, step),
            o.infrastructure.cost,
        ),
    ]
}

/// Funds the wishes of one step from `policy` (in order, whole or not at all; an instrument
/// the budget cannot pay stops for good) and sets what the step's instruments do.
pub(crate) fn fund(policy: &mut Policy, cfg: &FirmConfig, step: u64, alive: u64) {
    let wishes = wishes(cfg, step, alive);
    for (k, &(wants, cost)) in wishes.iter().enumerate() {
        let runs = wants && !policy.stopped[k] && cost <= policy.left;
        if wants && !policy.stopped[k] && !runs {
            policy.stopped[k] = true;
        }
        policy.running[k] = runs;
        policy.cost[k] = if runs { cost } else { 0.0 };
        if runs && policy.left.is_finite() {
            policy.left -= cost;
        }
    }
    let o = &cfg.optional;
    policy.q = if policy.running[MONITORING] {
        public_monitoring::detection(cfg.monitoring.q, o.public_monitoring.boost)
    } else {
        cfg.monitoring.q
    };
    policy.fixed_cost = if policy.running[INFRASTRUCTURE] {
        infrastructure::fixed_cost(cfg.market.fixed_cost, o.infrastructure.reduction)
    } else {
        cfg.market.fixed_cost
    };
    let trained = if policy.running[TRAINING] {
        training::factor(o.training.boost)
    } else {
        1.0
    };
    let dependent = if policy.running[SUBSIDY] {
        subsidy::kept(o.subsidy.dependency)
    } else {
        1.0
    };
    policy.gain_factor = trained * dependent;
    policy.firm_steps += alive;
}

impl FirmSimulation {
    /// Phase: funds the step's policy instruments (see the module docs).
    pub(crate) fn fund_policies(&mut self, step: u64) {
        let alive: u64 = self.groups.members.iter().map(|&m| u64::from(m)).sum();
        fund(&mut self.policy, &self.cfg, step, alive);
    }
}
