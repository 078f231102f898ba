//! Hand-computed tests of the public subsidy (`mechanisms/subsidy.rs`).

use super::*;

#[test]
fn subsidy_is_paid_to_alive_firms_in_its_window_only() {
    // Three firms on a path 0–1–2, capital 10 each, no market income, no projects (so
    // income is 0 and capital moves only by the subsidy). per_firm = 2, start = 2, stop = 3:
    //   step 1: not paid, capital 10, 10, 10; ledger subsidies 0;
    //   step 2: paid, capital 12, 12, 12; ledger subsidies 3 · 2 = 6;
    //   step 3: paid, capital 14, 14, 14; ledger subsidies 6;
    //   step 4: not paid, capital 14, 14, 14; ledger subsidies 0.
    // Public cost over the run: 6 + 6 = 12.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.optional.subsidy = SubsidyConfig {
        per_firm: 2.0,
        start: 2,
        stop: 3,
        dependency: 0.0,
    };
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    let expected = [(10.0, 0.0), (12.0, 6.0), (14.0, 6.0), (14.0, 0.0)];
    for (t, &(capital, subsidies)) in expected.iter().enumerate() {
        sim.step();
        assert_eq!(sim.current_step(), t as u64 + 1);
        for i in 0..3 {
            near(sim.capital()[i], capital);
        }
        near(sim.ledger().subsidies(), subsidies);
    }
    near(sim.summary().public_cost_total, 12.0);
}

#[test]
fn an_exited_firm_gets_no_subsidy_and_the_subsidy_helps_survival() {
    // Firms 0, 1 tied; capital 1 and 5; price 0, fixed cost 2: income −2 each step.
    // Exit below 0. per_firm = 1 from step 2, no end.
    //   step 1: not paid; capital −1 (firm 0 exits), 3; subsidies 0;
    //   step 2: paid to firm 1 only: 3 + 1 − 2 = 2; firm 0 keeps −1; subsidies 1;
    //   step 3: 2 + 1 − 2 = 1; subsidies 1; step 4: 0 (not below 0, stays); subsidies 1.
    // Without the subsidy firm 1 would reach 3 − 2 = 1 at step 2 and −1 at step 3 (exit).
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.capital = given(&[1.0, 5.0]);
    cfg.market.fixed_cost = 2.0;
    cfg.demography.exit_below = 0.0;
    cfg.optional.subsidy = SubsidyConfig {
        per_firm: 1.0,
        start: 2,
        stop: 0,
        dependency: 0.0,
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    let expected = [(3.0, 0.0), (2.0, 1.0), (1.0, 1.0), (0.0, 1.0)];
    for &(capital, subsidies) in &expected {
        sim.step();
        near(sim.capital()[0], -1.0);
        near(sim.capital()[1], capital);
        near(sim.ledger().subsidies(), subsidies);
    }
    assert_eq!(sim.alive().collect::<Vec<_>>(), vec![false, true]);
    // Public cost 1 + 1 + 1 = 3.
    near(sim.summary().public_cost_total, 3.0);
}

#[test]
fn subsidy_off_pays_nothing_and_changes_nothing() {
    // per_firm = 0 with a window: the run equals the run without a [subsidy] at all.
    let mut cfg = base();
    cfg.market.price = 1.0;
    cfg.market.fixed_cost = 0.5;
    cfg.market.shock_sd = 0.2;
    let mut off = cfg.clone();
    off.optional.subsidy = SubsidyConfig {
        per_firm: 0.0,
        start: 3,
        stop: 5,
        dependency: 0.0,
    };
    let mut a = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    let mut b = economy(3, &[(0, 1), (1, 2)], None, &off);
    for _ in 0..6 {
        a.step();
        b.step();
        assert_eq!(a.capital(), b.capital());
        assert_eq!(b.ledger().subsidies(), 0.0);
    }
    assert_eq!(b.summary().public_cost_total, 0.0);
}
