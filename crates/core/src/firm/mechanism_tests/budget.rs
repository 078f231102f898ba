//! Hand-computed tests of the public budget (`mechanisms/budget.rs`).

use super::*;

/// Two firms, no markets, no projects; subsidy 1 per firm, training 0.5 per firm (boost
/// 1), infrastructure 1 per step (reduction 0.1), all from step 1 with no end.
fn programmes(total: f64) -> FirmConfig {
    let mut cfg = base();
    cfg.project.rate = 0.0;
    let o = &mut cfg.optional;
    o.subsidy = SubsidyConfig {
        per_firm: 1.0,
        start: 1,
        stop: 0,
        dependency: 0.0,
    };
    o.training = TrainingConfig {
        boost: 1.0,
        cost_per_firm: 0.5,
        start: 1,
        stop: 0,
    };
    o.infrastructure = InfrastructureConfig {
        reduction: 0.1,
        cost: 1.0,
        start: 1,
        stop: 0,
    };
    o.budget.total = total;
    cfg
}

#[test]
fn a_budget_pays_whole_steps_in_order_and_an_instrument_it_cannot_pay_stops() {
    // Budget 7. Step 1: subsidy 2 (left 5), training 1 (4), infrastructure 1 (3).
    // Step 2: subsidy 2 (1), training 1 (0), infrastructure 1 > 0: stops.
    // Step 3: subsidy 2 > 0 and training 1 > 0: both stop. Step 4: nothing.
    // Subsidies 2, 2, 0, 0; training 1, 1, 0, 0; infrastructure 1, 0, 0, 0; left 3, 0, 0,
    // 0; public cost 7; capital 11, 12, 12, 12.
    let mut sim = economy(2, &[(0, 1)], None, &programmes(7.0));
    let expected = [
        (2.0, 1.0, 1.0, 3.0, 11.0),
        (2.0, 1.0, 0.0, 0.0, 12.0),
        (0.0, 0.0, 0.0, 0.0, 12.0),
        (0.0, 0.0, 0.0, 0.0, 12.0),
    ];
    for &(subsidies, training, infrastructure, left, capital) in &expected {
        sim.step();
        let l = *sim.ledger();
        near(l.subsidies(), subsidies);
        near(l.training_costs(), training);
        near(l.infrastructure_costs(), infrastructure);
        near(l.public_spending(), subsidies + training + infrastructure);
        near(sim.record().budget_left.expect("a budget"), left);
        near(sim.capital()[0], capital);
    }
    let s = sim.summary();
    near(s.public_cost_total, 7.0);
    near(s.budget_left.unwrap(), 0.0);
}

#[test]
fn an_instrument_later_in_the_order_runs_on_what_an_earlier_one_could_not_use() {
    // Budget 4.5, training off. Step 1: subsidy 2 (2.5), infrastructure 1 (1.5). Step 2:
    // subsidy 2 > 1.5 stops; infrastructure 1 (0.5). Step 3: infrastructure 1 > 0.5 stops.
    let mut cfg = programmes(4.5);
    cfg.optional.training.boost = 0.0;
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    let expected = [(2.0, 1.0, 1.5), (0.0, 1.0, 0.5), (0.0, 0.0, 0.5)];
    for &(subsidies, infrastructure, left) in &expected {
        sim.step();
        near(sim.ledger().subsidies(), subsidies);
        near(sim.ledger().infrastructure_costs(), infrastructure);
        near(sim.record().budget_left.unwrap(), left);
    }
    near(sim.summary().public_cost_total, 4.0);
}

#[test]
fn without_a_budget_every_instrument_runs_and_nothing_is_left_to_report() {
    let mut sim = economy(2, &[(0, 1)], None, &programmes(0.0));
    for _ in 0..5 {
        sim.step();
        near(sim.ledger().public_spending(), 4.0);
        assert_eq!(sim.record().budget_left, None);
    }
    near(sim.summary().public_cost_total, 20.0);
}
