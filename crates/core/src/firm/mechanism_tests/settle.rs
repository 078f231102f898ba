//! Settlement: project payoffs, transaction costs, fines and where they go, trust updates
//! (both rules), decay, tie breaks, spillovers, standing.

use super::*;

/// Incomes of the pair after one step (no market income: they are the tie incomes).
fn incomes(cfg: &FirmConfig, theta: [f64; 2]) -> ([f64; 2], Ledger, f64) {
    let mut sim = pair(cfg, theta);
    sim.step();
    let inc = [sim.income()[0], sim.income()[1]];
    near(sim.firms.tie_income[0], inc[0]);
    (inc, *sim.ledger(), sim.treasury())
}

#[test]
fn donation_game_pays_b_to_the_partner_and_costs_c_to_the_cooperator() {
    // b = 0.4, c = 0.2. Both cooperate: 0.4 − 0.2 = 0.2 each.
    let ([a, b], l, _) = incomes(&base(), [0.0, 0.0]);
    near(a, 0.2);
    near(b, 0.2);
    near(l.project_returns(), 0.8);
    near(l.project_costs(), 0.4);
    // Firm 0 cooperates, firm 1 defects: firm 0 pays 0.2 and gets nothing (−0.2), firm 1
    // gets 0.4.
    let ([a, b], ..) = incomes(&base(), [0.0, 1.0]);
    near(a, -0.2);
    near(b, 0.4);
    // Neither: 0 each.
    let ([a, b], ..) = incomes(&base(), [1.0, 1.0]);
    assert_eq!((a, b), (0.0, 0.0));
    // No project (rate 0): nothing happens, even between cooperators.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    let ([a, b], l, _) = incomes(&cfg, [0.0, 0.0]);
    assert_eq!((a, b, l.project_returns()), (0.0, 0.0, 0.0));
}

#[test]
fn cost_sharing_project_splits_the_cost_between_participants_and_pays_half_the_value_to_both() {
    // v = 0.6, c = 0.4. Both in: each pays c/2 = 0.2 and gets v/2 = 0.3: +0.1 each.
    let mut cfg = base();
    cfg.project.game = ProjectGame::CostSharing { v: 0.6, c: 0.4 };
    let ([a, b], l, _) = incomes(&cfg, [0.0, 0.0]);
    near(a, 0.1);
    near(b, 0.1);
    near(l.project_returns(), 0.6);
    near(l.project_costs(), 0.4);
    // Firm 0 alone: pays c = 0.4, gets 0.3 (−0.1); firm 1 gets 0.3 for free.
    let ([a, b], l, _) = incomes(&cfg, [0.0, 1.0]);
    near(a, -0.1);
    near(b, 0.3);
    near(l.project_returns(), 0.6);
    near(l.project_costs(), 0.4);
    // Nobody in: no project, nothing paid or received.
    let ([a, b], ..) = incomes(&cfg, [1.0, 1.0]);
    assert_eq!((a, b), (0.0, 0.0));
}

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

#[test]
fn a_detected_defector_pays_the_fine_to_the_treasury_or_to_the_victim() {
    // Firm 1 defects on cooperating firm 0 and is caught (q = 1), fine 0.5.
    let mut cfg = base();
    cfg.monitoring.q = 1.0;
    cfg.monitoring.fine = 0.5;
    // To the treasury: firm 0 −0.2, firm 1 0.4 − 0.5 = −0.1, treasury 0.5.
    let ([a, b], l, treasury) = incomes(&cfg, [0.0, 1.0]);
    near(a, -0.2);
    near(b, -0.1);
    near(treasury, 0.5);
    near(l.fines_paid(), 0.5);
    near(l.fines_to_treasury(), 0.5);
    assert_eq!(l.fines_to_victims(), 0.0);
    // To the victim: firm 0 −0.2 + 0.5 = 0.3, firm 1 −0.1, treasury 0.
    cfg.monitoring.fine_to = FineTo::Victim;
    let ([a, b], l, treasury) = incomes(&cfg, [0.0, 1.0]);
    near(a, 0.3);
    near(b, -0.1);
    assert_eq!(treasury, 0.0);
    near(l.fines_to_victims(), 0.5);
    assert_eq!(l.fines_to_treasury(), 0.0);
    // No fine without detection (q = 0): firm 1 keeps 0.4.
    cfg.monitoring.q = 0.0;
    let ([_, b], ..) = incomes(&cfg, [0.0, 1.0]);
    near(b, 0.4);
}

#[test]
fn when_both_defect_and_are_caught_each_pays_its_fine_to_the_other() {
    // Both defect, both caught, fine 0.5 "to the victim": each pays 0.5 and, its partner
    // being caught too, receives 0.5, though it was no victim of a loss: 0 each; the
    // ledger shows 1.0 paid and 1.0 received.
    let mut cfg = base();
    cfg.monitoring.q = 1.0;
    cfg.monitoring.fine = 0.5;
    cfg.monitoring.fine_to = FineTo::Victim;
    let ([a, b], l, _) = incomes(&cfg, [1.0, 1.0]);
    assert_eq!((a, b), (0.0, 0.0));
    near(l.fines_paid(), 1.0);
    near(l.fines_to_victims(), 1.0);
}

#[test]
fn asymmetric_trust_rises_by_up_times_the_gap_after_cooperation_and_falls_by_down_after_defection()
{
    // τ0 = 0.5, up 0.2, down 0.4; firm 0 cooperates, firm 1 defects.
    // Step 1: τ_01 (in the defector) = 0.5 − 0.4 · 0.5 = 0.3;
    //         τ_10 (in the cooperator) = 0.5 + 0.2 · (1 − 0.5) = 0.6.
    // Step 2: τ_01 = 0.3 − 0.4 · 0.3 = 0.18; τ_10 = 0.6 + 0.2 · 0.4 = 0.68.
    let mut sim = pair(&base(), [0.0, 1.0]);
    sim.step();
    near_f32(trust(&sim, 0, 1), 0.3);
    near_f32(trust(&sim, 1, 0), 0.6);
    sim.step();
    near_f32(trust(&sim, 0, 1), 0.18);
    near_f32(trust(&sim, 1, 0), 0.68);
}

#[test]
fn beta_trust_is_prior_plus_cooperations_over_prior_plus_encounters() {
    // α = 1, β = 2; firm 0 cooperates, firm 1 defects.
    // Step 1: τ_01 = (1 + 0)/(1 + 2 + 1) = 0.25; τ_10 = (1 + 1)/(1 + 2 + 1) = 0.5.
    // Step 2: τ_01 = 1/5 = 0.2; τ_10 = 3/5 = 0.6. Counts: firm 0 saw 0 cooperations and 2
    // defections, firm 1 saw 2 cooperations.
    let mut cfg = base();
    cfg.trust.rule = TrustRule::Beta {
        alpha: 1.0,
        beta: 2.0,
    };
    let mut sim = pair(&cfg, [0.0, 1.0]);
    sim.step();
    near_f32(trust(&sim, 0, 1), 0.25);
    near_f32(trust(&sim, 1, 0), 0.5);
    sim.step();
    near_f32(trust(&sim, 0, 1), 0.2);
    near_f32(trust(&sim, 1, 0), 0.6);
    let counts: Vec<(u32, u32)> = sim.encounter_counts().unwrap().collect();
    assert_eq!(counts, vec![(0, 2), (2, 0)]);
}

#[test]
fn trust_decays_toward_its_initial_value_on_a_step_without_a_project() {
    // δ = 0.25, τ0 = 0.5, no projects; trusts set to 0.9 and 0.1 before the step:
    // 0.9 + 0.25 · (0.5 − 0.9) = 0.8 and 0.1 + 0.25 · (0.5 − 0.1) = 0.2; a second step:
    // 0.8 − 0.25 · 0.3 = 0.725 and 0.2 + 0.25 · 0.3 = 0.275. The same under the Beta rule.
    for rule in [
        TrustRule::Asymmetric { up: 0.2, down: 0.4 },
        TrustRule::Beta {
            alpha: 1.0,
            beta: 2.0,
        },
    ] {
        let mut cfg = base();
        cfg.trust.rule = rule;
        cfg.trust.decay = 0.25;
        cfg.project.rate = 0.0;
        let mut sim = pair(&cfg, [0.0, 1.0]);
        let (e01, e10) = (slot(&sim, 0, 1), slot(&sim, 1, 0));
        sim.ties.tau[e01] = 0.9;
        sim.ties.tau[e10] = 0.1;
        sim.step();
        near_f32(trust(&sim, 0, 1), 0.8);
        near_f32(trust(&sim, 1, 0), 0.2);
        sim.step();
        near_f32(trust(&sim, 0, 1), 0.725);
        near_f32(trust(&sim, 1, 0), 0.275);
    }
}

#[test]
fn a_tie_breaks_when_either_sides_trust_falls_below_the_threshold() {
    // Firm 1 defects: τ_01 = 0.3 (see the asymmetric test), τ_10 = 0.6. With threshold
    // 0.35, 0.3 < 0.35: the tie breaks (though firm 1's trust is above it).
    let mut cfg = base();
    cfg.trust.break_below = 0.35;
    let mut sim = pair(&cfg, [0.0, 1.0]);
    assert_eq!(sim.tie_count(), 1);
    sim.step();
    assert_eq!(sim.tie_count(), 0);
    assert!(sim.check_invariants());
    // With threshold 0.25, 0.3 ≥ 0.25: the tie stays.
    cfg.trust.break_below = 0.25;
    let mut sim = pair(&cfg, [0.0, 1.0]);
    sim.step();
    assert_eq!(sim.tie_count(), 1);
}

#[test]
fn break_threshold_rounded_down_to_f32_kept_ties_whose_trust_was_below_it() {
    // Regression: the threshold was compared in `f32`, and 0.01 rounds *down* to the `f32`
    // 0.009999999776…, so a trust of exactly that value (below 0.01) did not break the tie.
    // τ0 = that value, no projects, no decay: the trust stays at it and the tie must break.
    let mut cfg = base();
    cfg.trust.initial = f64::from(0.01f32);
    assert!(cfg.trust.initial < 0.01);
    cfg.trust.break_below = 0.01;
    cfg.project.rate = 0.0;
    let mut sim = pair(&cfg, [0.0, 0.0]);
    sim.step();
    assert_eq!(sim.tie_count(), 0, "trust {} < 0.01", cfg.trust.initial);
    // A threshold that rounds up (0.1 → 0.100000001…) keeps a trust of exactly 0.1.
    cfg.trust.initial = 0.1;
    cfg.trust.break_below = 0.1;
    let mut sim = pair(&cfg, [0.0, 0.0]);
    sim.step();
    assert_eq!(sim.tie_count(), 1);
}

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

#[test]
fn standing_drops_by_the_reputation_loss_when_caught_and_recovers_toward_one_otherwise() {
    // q = 1, loss 0.25, recovery 0.2. Step 1: firm 1 defects and is caught: standing
    // 1 · (1 − 0.25) = 0.75; firm 0 stays at 1 + 0.2 · 0 = 1. Step 2: firm 1 cooperates
    // (its opportunism set to 0): 0.75 + 0.2 · (1 − 0.75) = 0.8.
    let mut cfg = base();
    cfg.monitoring.q = 1.0;
    cfg.monitoring.reputation_loss = 0.25;
    cfg.reputation.recovery = 0.2;
    let mut sim = pair(&cfg, [0.0, 1.0]);
    sim.step();
    near(sim.firms.standing[0], 1.0);
    near(sim.firms.standing[1], 0.75);
    sim.firms.opportunism[1] = 0.0;
    sim.step();
    near(sim.firms.standing[1], 0.8);
}
