//! Hand-computed tests of market income, the crisis and the idiosyncratic shock (`mechanisms/market.rs`).

use super::super::dist::normal_inv;
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
