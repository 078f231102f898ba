//! Hand-computed tests of transaction costs and the cluster discount (`mechanisms/transaction.rs`).

use super::*;

#[test]
fn cooperators_pay_the_transaction_cost_discounted_on_ties_inside_a_cluster() {
    // Donation, both cooperate, transaction cost 0.05, cluster discount 0.4.
    let mut cfg = base();
    cfg.project.transaction_cost = 0.05;
    cfg.cluster.discount = 0.4;
    // Group 0 is not a cluster (only group 1 is): 0.4 − 0.2 − 0.05 = 0.15 each.
    cfg.cluster.groups = vec![1];
    cfg.init.opportunism = given(&[0.0, 0.0]);
    let mut sim = economy(2, &[(0, 1)], Some(vec![0, 0]), &cfg);
    sim.step();
    near(sim.income()[0], 0.15);
    near(sim.income()[1], 0.15);
    near(sim.ledger().transaction_costs(), 0.1);
    // Every group a cluster: 0.05 · (1 − 0.4) = 0.03, so 0.4 − 0.2 − 0.03 = 0.17 each.
    cfg.cluster.groups = Vec::new();
    let mut sim = economy(2, &[(0, 1)], Some(vec![0, 0]), &cfg);
    sim.step();
    near(sim.income()[0], 0.17);
    near(sim.ledger().transaction_costs(), 0.06);
    // A tie between two clusters is not inside one: full cost, 0.15.
    let mut sim = economy(2, &[(0, 1)], Some(vec![0, 1]), &cfg);
    sim.step();
    near(sim.income()[1], 0.15);
    // A defector pays no transaction cost: firm 1 defects, gets 0.4; firm 0 pays
    // 0.2 + 0.03 = 0.23.
    cfg.init.opportunism = given(&[0.0, 1.0]);
    let mut sim = economy(2, &[(0, 1)], Some(vec![0, 0]), &cfg);
    sim.step();
    near(sim.income()[0], -0.23);
    near(sim.income()[1], 0.4);
}
