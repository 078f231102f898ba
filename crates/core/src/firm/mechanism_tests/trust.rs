//! Hand-computed tests of the trust rules, decay and breaks (`mechanisms/trust.rs`).

use super::*;

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
