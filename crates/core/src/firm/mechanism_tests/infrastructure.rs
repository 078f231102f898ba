//! Hand-computed tests of public infrastructure (`mechanisms/infrastructure.rs`).

use super::*;

#[test]
fn infrastructure_lowers_the_fixed_cost_in_its_window_at_a_flat_public_cost() {
    // Two firms, capital 10, no revenue (price 0), fixed cost 2; reduction 0.25 (fixed cost
    // 1.5), cost 3 per step, window 2..=3:
    //   capital 8, 6.5, 5, 3; ledger fixed costs 4, 3, 3, 4; infrastructure costs 0, 3, 3,
    //   0; public cost 6.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.market.fixed_cost = 2.0;
    cfg.optional.infrastructure = InfrastructureConfig {
        reduction: 0.25,
        cost: 3.0,
        start: 2,
        stop: 3,
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    let expected = [
        (8.0, 4.0, 0.0),
        (6.5, 3.0, 3.0),
        (5.0, 3.0, 3.0),
        (3.0, 4.0, 0.0),
    ];
    for &(capital, fixed, cost) in &expected {
        sim.step();
        near(sim.capital()[0], capital);
        near(sim.capital()[1], capital);
        near(sim.ledger().fixed_costs(), fixed);
        near(sim.ledger().infrastructure_costs(), cost);
    }
    near(sim.summary().public_cost_total, 6.0);
}
