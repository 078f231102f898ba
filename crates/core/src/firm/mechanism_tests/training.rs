//! Hand-computed tests of public training (`mechanisms/training.rs`) and of the subsidy's
//! dependency effect (`mechanisms/subsidy.rs`), which both scale the spillover gain.

use super::*;

/// Two tied firms of productivity 1 and 2, both cooperating, spillover rate 0.1 (no
/// cluster), so that firm 0 gains `0.1 · (2 − a_0)` per step and firm 1 nothing.
fn learners() -> FirmConfig {
    let mut cfg = base();
    cfg.spillover.rate = 0.1;
    cfg.cluster.groups = vec![9];
    cfg.init.productivity = given(&[1.0, 2.0]);
    cfg
}

#[test]
fn training_multiplies_the_spillover_gain_in_its_window_at_a_cost_per_alive_firm() {
    // boost 1.5, cost 0.5 per firm, window 1..=1:
    //   step 1: firm 0 gains 0.1 · (2 − 1) · 2.5 = 0.25 → 1.25; cost 2 · 0.5 = 1;
    //   step 2: no training: 0.1 · (2 − 1.25) = 0.075 → 1.325; cost 0.
    // Public cost 1. Firm 1 (the better one) gains nothing either step.
    let mut cfg = learners();
    cfg.optional.training = TrainingConfig {
        boost: 1.5,
        cost_per_firm: 0.5,
        start: 1,
        stop: 1,
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.productivity()[0], 1.25);
    near(sim.productivity()[1], 2.0);
    near(sim.ledger().productivity_gain(), 0.25);
    near(sim.ledger().training_costs(), 1.0);
    sim.step();
    near(sim.productivity()[0], 1.325);
    near(sim.ledger().training_costs(), 0.0);
    let s = sim.summary();
    near(s.public_cost_total, 1.0);
    assert_eq!(s.firm_steps, 4);
    assert_eq!(s.budget_left, None);
}

#[test]
fn a_subsidy_with_a_dependency_effect_keeps_only_part_of_the_gain_while_it_is_paid() {
    // per_firm 1, dependency 0.6, window 1..=1: step 1 firm 0 gains 0.1 · 1 · 0.4 = 0.04
    // → 1.04 (and each firm gets 1, plus the donation game's 0.4 − 0.2: capital 11.2); step 2 unpaid: 0.1 · (2 − 1.04) = 0.096
    // → 1.136. With training (boost 1) on as well in step 1 the factor is 2 · 0.4 = 0.8:
    // 1.08.
    let mut cfg = learners();
    cfg.optional.subsidy = SubsidyConfig {
        per_firm: 1.0,
        start: 1,
        stop: 1,
        dependency: 0.6,
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.productivity()[0], 1.04);
    near(sim.capital()[0], 11.2);
    sim.step();
    near(sim.productivity()[0], 1.136);
    cfg.optional.training = TrainingConfig {
        boost: 1.0,
        cost_per_firm: 0.0,
        start: 1,
        stop: 0,
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.productivity()[0], 1.08);
}

#[test]
fn training_off_changes_nothing_even_with_a_cost_and_a_window() {
    // boost 0 with a cost and a window: off, so no cost and the same run bit for bit.
    let cfg = learners();
    let mut off = cfg.clone();
    off.optional.training = TrainingConfig {
        boost: 0.0,
        cost_per_firm: 3.0,
        start: 1,
        stop: 0,
    };
    let mut a = economy(2, &[(0, 1)], None, &cfg);
    let mut b = economy(2, &[(0, 1)], None, &off);
    for _ in 0..4 {
        a.step();
        b.step();
        assert_eq!(a.productivity(), b.productivity());
        assert_eq!(b.ledger().training_costs(), 0.0);
    }
}
