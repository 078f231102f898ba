//! Hand-computed tests of productivity spillovers (`mechanisms/spillover.rs`).

use super::*;

#[test]
fn spillover_adds_rate_times_the_productivity_gap_of_cooperating_partners_over_degree() {
    // Path 0–1–2, productivity 2, 1, 0.5, everyone cooperates, rate 0.1:
    // firm 1: 1 + 0.1 · (max(0, 2 − 1) + max(0, 0.5 − 1)) / 2 = 1 + 0.1 · 1/2 = 1.05;
    // firm 0: no partner more productive: 2; firm 2: 0.5 + 0.1 · 0.5 / 1 = 0.55.
    // Gain 0.05 + 0.05 = 0.1. (No group is a cluster here: `[cluster] groups` names group
    // 9, which no firm has.)
    let mut cfg = base();
    cfg.spillover.rate = 0.1;
    cfg.cluster.groups = vec![9];
    cfg.init.productivity = given(&[2.0, 1.0, 0.5]);
    let edges = [(0, 1), (1, 2)];
    let mut sim = economy(3, &edges, None, &cfg);
    sim.step();
    near(sim.productivity()[0], 2.0);
    near(sim.productivity()[1], 1.05);
    near(sim.productivity()[2], 0.55);
    near(sim.ledger().productivity_gain(), 0.1);
    // With the default `groups = []` every group is a cluster, so every tie is inside one
    // and takes the cluster rate (0 here) instead: no spillover at all.
    cfg.cluster.groups = Vec::new();
    let mut sim = economy(3, &edges, None, &cfg);
    sim.step();
    assert_eq!(sim.productivity(), &[2.0, 1.0, 0.5]);
    // Groups 0, 0, 1 with only group 0 a cluster, cluster rate 0.3: the tie 0–1 is inside
    // it, so firm 1 gets 1 + 0.3 · 1 / 2 = 1.15; the tie 1–2 is not: firm 2 still 0.55.
    cfg.cluster.groups = vec![0];
    cfg.cluster.spillover_rate = 0.3;
    let mut sim = economy(3, &edges, Some(vec![0, 0, 1]), &cfg);
    sim.step();
    near(sim.productivity()[1], 1.15);
    near(sim.productivity()[2], 0.55);
    // A defecting partner passes nothing on: firm 0 defects (θ = 1), so firm 1 stays at 1.
    cfg.init.opportunism = given(&[1.0, 0.0, 0.0]);
    let mut sim = economy(3, &edges, Some(vec![0, 0, 1]), &cfg);
    sim.step();
    near(sim.productivity()[1], 1.0);
}
