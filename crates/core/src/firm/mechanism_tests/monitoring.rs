//! Hand-computed tests of detection and fines (`mechanisms/monitoring.rs`).

use super::super::ties::{ACT, DET};
use super::*;

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
