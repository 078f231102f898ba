//! Market income, shocks and crises; the per-tie cooperation decision (both rules); the
//! detection of defections.

use super::super::dist::normal_inv;
use super::super::ties::{ACT, DET};
use super::*;

/// Two isolated firms, productivity 2 and 0.5, price 1.5, access 0.8, fixed cost 1.
fn market(cfg: &FirmConfig) -> FirmSimulation {
    let mut cfg = cfg.clone();
    cfg.init.productivity = given(&[2.0, 0.5]);
    cfg.market.price = 1.5;
    cfg.market.access = 0.8;
    cfg.market.fixed_cost = 1.0;
    economy(2, &[], None, &cfg)
}

#[test]
fn market_income_is_productivity_times_price_times_access_minus_the_fixed_cost() {
    // Firm 0: 2 · 1.5 · 0.8 − 1 = 2.4 − 1 = 1.4, capital 10 → 11.4.
    // Firm 1: 0.5 · 1.5 · 0.8 − 1 = 0.6 − 1 = −0.4, capital 10 → 9.6.
    let mut sim = market(&base());
    sim.step();
    assert!(!sim.crisis());
    near(sim.income()[0], 1.4);
    near(sim.income()[1], -0.4);
    near(sim.market_income(0), 1.4);
    near(sim.capital()[0], 11.4);
    near(sim.capital()[1], 9.6);
    // Ledger: revenue 2.4 + 0.6 = 3, fixed costs 2.
    near(sim.ledger().revenue(), 3.0);
    near(sim.ledger().fixed_costs(), 2.0);
}

#[test]
fn a_crisis_cuts_revenue_by_its_depth() {
    // Crisis for certain, depth 0.25: revenue × 0.75.
    // Firm 0: 2.4 · 0.75 − 1 = 1.8 − 1 = 0.8; firm 1: 0.6 · 0.75 − 1 = 0.45 − 1 = −0.55.
    let mut cfg = base();
    cfg.market.crisis_prob = 1.0;
    cfg.market.crisis_depth = 0.25;
    let mut sim = market(&cfg);
    sim.step();
    assert!(sim.crisis());
    near(sim.income()[0], 0.8);
    near(sim.income()[1], -0.55);
}

#[test]
fn the_idiosyncratic_shock_multiplies_revenue_by_one_plus_sd_times_the_firms_normal_draw() {
    // ε_i = 0.2 · z_i, z_i = Φ⁻¹(word i of (step 1, MarketShock)); revenue_i =
    // a_i · 1.2 · (1 + ε_i). The draws are read from the stream the step reads.
    let mut cfg = base();
    cfg.market.shock_sd = 0.2;
    let mut sim = market(&cfg);
    sim.step();
    for (i, a) in [(0, 2.0), (1, 0.5)] {
        let z = normal_inv(word(1, 1, Phase::MarketShock, i as u64));
        assert!(z.abs() > 1e-3, "a draw that shows the shock");
        near(sim.income()[i], a * 1.2 * (1.0 + 0.2 * z) - 1.0);
    }
    // Firms see the same shock in a tied economy (the draw is keyed by firm id only).
    let z0 = normal_inv(word(1, 1, Phase::MarketShock, 0));
    let mut cfg = cfg.clone();
    cfg.init.productivity = given(&[2.0, 0.5]);
    cfg.market.price = 1.5;
    cfg.market.access = 0.8;
    cfg.market.fixed_cost = 1.0;
    cfg.project.rate = 0.0;
    let mut tied = economy(2, &[(0, 1)], None, &cfg);
    tied.step();
    near(tied.income()[0], 2.4 * (1.0 + 0.2 * z0) - 1.0);
}

#[test]
fn logistic_decision_cooperates_iff_the_slot_draw_is_below_sigma_of_beta_times_trust_minus_opportunism(
) {
    // τ0 = 0.6, θ = 0.4, β = 10: p = σ(10 · 0.2) = σ(2) = 1/(1 + e^−2)
    // = 1/1.1353352832366127 = 0.8807970779778823. Firm 0's tie is slot 0, firm 1's slot 1
    // (no spare slots without entry); each cooperates iff the low half of its slot's word
    // of (step 1, Decision), as a uniform, is below p.
    let p = 0.880_797_077_977_882_3;
    let mut cfg = base();
    cfg.decision = DecisionRule::Logistic { beta: 10.0 };
    cfg.trust.initial = 0.6;
    let mut seen = [0; 2];
    for seed in 1..=40 {
        let mut c = cfg.clone();
        c.init.opportunism = given(&[0.4, 0.4]);
        let mut sim = economy_seeded(2, &[(0, 1)], None, &c, seed);
        sim.step();
        for e in 0..2 {
            let u = low(word(seed, 1, Phase::Decision, e as u64));
            assert!((u - p).abs() > 1e-6, "a draw clear of the table's error");
            let coop = sim.ties.flags[e] & ACT != 0;
            assert_eq!(coop, u < p, "seed {seed}, slot {e}");
            seen[usize::from(coop)] += 1;
        }
    }
    assert!(seen[0] > 0 && seen[1] > 0, "both outcomes: {seen:?}");
    // At the table's ends σ is exactly 0 and 1: β = 50, τ = 1, θ = 0 always cooperates;
    // τ = 0, θ = 1 never does.
    for (tau0, theta, coop) in [(1.0, 0.0, true), (0.0, 1.0, false)] {
        let mut c = base();
        c.decision = DecisionRule::Logistic { beta: 50.0 };
        c.trust.initial = tau0;
        for seed in 1..=20 {
            let mut c = c.clone();
            c.init.opportunism = given(&[theta, theta]);
            let mut sim = economy_seeded(2, &[(0, 1)], None, &c, seed);
            sim.step();
            assert_eq!(sim.firms.cooperations[0] == 1, coop);
            assert_eq!(sim.firms.cooperations[1] == 1, coop);
        }
    }
}

#[test]
fn threshold_decision_cooperates_iff_trust_is_at_least_opportunism() {
    // τ0 = 0.5: firm 0 (θ = 0.5, equal) cooperates, firm 1 (θ = 0.5000001) defects.
    let mut sim = pair(&base(), [0.5, 0.500_000_1]);
    sim.step();
    assert_eq!((sim.firms.decisions[0], sim.firms.cooperations[0]), (1, 1));
    assert_eq!((sim.firms.decisions[1], sim.firms.cooperations[1]), (1, 0));
}

#[test]
fn detection_catches_a_defection_with_probability_q_from_the_rescaled_decision_draw() {
    // Threshold rule, firm 1 always defects (p = 0): q = 1 always detects, q = 0 never,
    // and a cooperator is never flagged.
    for (q, detected) in [(1.0, true), (0.0, false)] {
        let mut cfg = base();
        cfg.monitoring.q = q;
        let mut sim = pair(&cfg, [0.0, 1.0]);
        sim.step();
        assert_eq!(sim.ties.flags[1] & DET != 0, detected, "q = {q}");
        assert_eq!(sim.ties.flags[0] & DET, 0);
    }
    // Logistic rule at τ = θ: p = σ(0) = 1/2 exactly. A defector (u ≥ 1/2) is detected iff
    // (u − p)/(1 − p) < q, i.e. with q = 1/2, iff u − 1/2 < 1/4, i.e. u < 3/4.
    let mut cfg = base();
    cfg.decision = DecisionRule::Logistic { beta: 10.0 };
    cfg.monitoring.q = 0.5;
    let mut seen = [0; 3];
    for seed in 1..=60 {
        let mut c = cfg.clone();
        c.init.opportunism = given(&[0.5, 0.5]);
        let mut sim = economy_seeded(2, &[(0, 1)], None, &c, seed);
        sim.step();
        for e in 0..2 {
            let u = low(word(seed, 1, Phase::Decision, e as u64));
            let (coop, det) = (sim.ties.flags[e] & ACT != 0, sim.ties.flags[e] & DET != 0);
            assert_eq!(coop, u < 0.5);
            assert_eq!(det, (0.5..0.75).contains(&u), "seed {seed}, u = {u}");
            seen[usize::from(coop) + 2 * usize::from(det)] += 1;
        }
    }
    assert!(seen.iter().all(|&k| k > 0), "every outcome: {seen:?}");
}

#[test]
fn a_tie_runs_a_project_with_probability_rate_from_the_lower_id_ends_draw() {
    // Rate 0.5: the tie runs a project iff the high half of word 0 (firm 0's slot, the
    // lower-id end) of (step 1, Decision) is below 1/2; both ends then count one decision.
    let mut cfg = base();
    cfg.project.rate = 0.5;
    let mut seen = [0; 2];
    for seed in 1..=40 {
        let mut c = cfg.clone();
        c.init.opportunism = given(&[0.0, 0.0]);
        let mut sim = economy_seeded(2, &[(0, 1)], None, &c, seed);
        sim.step();
        let runs = high(word(seed, 1, Phase::Decision, 0)) < 0.5;
        assert_eq!(sim.firms.decisions[0] == 1, runs, "seed {seed}");
        assert_eq!(sim.firms.decisions[1] == 1, runs, "seed {seed}");
        seen[usize::from(runs)] += 1;
    }
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
}
