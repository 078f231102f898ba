//! Hand-computed tests of the project draw and the two project games (`mechanisms/projects.rs`).

use super::*;

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
