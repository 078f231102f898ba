//! Hand-computed tests of the threshold and logistic decision rules (`mechanisms/decision.rs`).

use super::super::ties::ACT;
use super::*;

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
