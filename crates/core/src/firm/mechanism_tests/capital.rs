//! Hand-computed tests of capital and exit (`mechanisms/capital.rs`).

use super::*;

#[test]
fn capital_adds_the_steps_income_and_a_firm_below_the_exit_threshold_exits_with_its_ties() {
    // Star 0–1, 0–2; capital 1, 1.2, 3; productivity 1, price 1, fixed cost 1.5, no
    // projects: income 1 − 1.5 = −0.5 each, capital 0.5, 0.7, 2.5. Exit below 0.6: firm 0
    // exits (0.5 < 0.6) and takes both ties with it; 0.7 stays.
    let mut cfg = base();
    cfg.init.capital = given(&[1.0, 1.2, 3.0]);
    cfg.market.price = 1.0;
    cfg.market.fixed_cost = 1.5;
    cfg.project.rate = 0.0;
    cfg.demography.exit_below = 0.6;
    let mut sim = economy(3, &[(0, 1), (0, 2)], None, &cfg);
    sim.step();
    near(sim.capital()[0], 0.5);
    near(sim.capital()[1], 0.7);
    near(sim.capital()[2], 2.5);
    assert_eq!(sim.alive().collect::<Vec<_>>(), vec![false, true, true]);
    assert_eq!((sim.exits(), sim.tie_count()), (1, 0));
    near(sim.ledger().exit_capital(), 0.5);
    // Alive capital 0.7 + 2.5 = 3.2.
    near(sim.capital_total(), 3.2);
    // Step 2: firm 1 falls to 0.2 and exits; the exited firm keeps its capital.
    sim.step();
    assert_eq!(sim.alive().collect::<Vec<_>>(), vec![false, false, true]);
    near(sim.capital()[0], 0.5);
    near(sim.capital()[2], 2.0);
}
