//! The policy instruments in the reference step, from their documented rules: at the start
//! of a step each instrument that is on and in its window asks for its cost (per alive firm,
//! or a flat amount for infrastructure); in the order subsidy, training, public monitoring,
//! infrastructure, each is paid for the whole step if the budget (when there is one) covers
//! it, and otherwise stops for the rest of the run.

use super::super::config::FirmConfig;
use super::super::ledger::{Flow, Ledger};
use super::Reference;

/// What the instruments do in the current step, and the budget.
#[derive(Clone, Debug)]
pub(crate) struct RefPolicy {
    /// Budget left (unused without a budget).
    pub(crate) left: f64,
    /// Instruments stopped because the budget could not pay a step.
    pub(crate) stopped: [bool; 4],
    /// Instruments running this step: subsidy, training, monitoring, infrastructure.
    pub(crate) run: [bool; 4],
    /// Detection probability this step.
    pub(crate) q: f64,
    /// Fixed cost this step.
    pub(crate) fixed: f64,
    /// Factor on the spillover gain this step.
    pub(crate) factor: f64,
}

impl RefPolicy {
    /// Before the first step.
    pub(crate) fn new(cfg: &FirmConfig) -> RefPolicy {
        RefPolicy {
            left: cfg.optional.budget.total,
            stopped: [false; 4],
            run: [false; 4],
            q: cfg.monitoring.q,
            fixed: cfg.market.fixed_cost,
            factor: 1.0,
        }
    }
}

impl Reference {
    /// Funds the instruments of step `t` and records their costs (but the subsidy's, which
    /// is recorded as it is paid).
    pub(crate) fn fund(&mut self, t: u64, ledger: &mut Ledger) {
        let cfg = &self.cfg;
        let o = &cfg.optional;
        let alive = self.firms.iter().filter(|f| f.alive).count() as f64;
        let window = |start: u64, stop: u64| t >= start && (stop == 0 || t <= stop);
        let wish = [
            (
                o.subsidy.per_firm > 0.0 && window(o.subsidy.start, o.subsidy.stop),
                o.subsidy.per_firm * alive,
            ),
            (
                o.training.boost > 0.0 && window(o.training.start, o.training.stop),
                o.training.cost_per_firm * alive,
            ),
            (
                o.public_monitoring.boost > 0.0
                    && window(o.public_monitoring.start, o.public_monitoring.stop),
                o.public_monitoring.cost_per_firm * alive,
            ),
            (
                o.infrastructure.reduction > 0.0
                    && window(o.infrastructure.start, o.infrastructure.stop),
                o.infrastructure.cost,
            ),
        ];
        let limited = o.budget.total > 0.0;
        let p = &mut self.policy;
        for (k, &(wants, cost)) in wish.iter().enumerate() {
            p.run[k] = false;
            if !wants || p.stopped[k] {
                continue;
            }
            if !limited || cost <= p.left {
                p.run[k] = true;
                if limited {
                    p.left -= cost;
                }
            } else {
                p.stopped[k] = true;
            }
        }
        let q = cfg.monitoring.q;
        p.q = if p.run[2] {
            q + (1.0 - q) * o.public_monitoring.boost
        } else {
            q
        };
        p.fixed = if p.run[3] {
            cfg.market.fixed_cost * (1.0 - o.infrastructure.reduction)
        } else {
            cfg.market.fixed_cost
        };
        let trained = if p.run[1] {
            1.0 + o.training.boost
        } else {
            1.0
        };
        let dependent = if p.run[0] {
            1.0 - o.subsidy.dependency
        } else {
            1.0
        };
        p.factor = trained * dependent;
        let cost = |k: usize| if p.run[k] { wish[k].1 } else { 0.0 };
        ledger[Flow::TrainingCosts] = cost(1);
        ledger[Flow::PublicMonitoringCosts] = cost(2);
        ledger[Flow::InfrastructureCosts] = cost(3);
    }
}
