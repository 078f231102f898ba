//! Hand-computed tests of imitation of opportunism (`mechanisms/learning.rs`).

use super::super::dist::normal_inv;
use super::*;

/// Firm 0 defects (θ 0.9 > τ 0.5) and firm 1 cooperates (θ 0.1): donation incomes from ties
/// Π_0 = 0.4, Π_1 = −0.2; every firm revises (rate 1) by `rule`.
fn learners(rule: LearningRule, seed: u64) -> FirmSimulation {
    let mut cfg = base();
    cfg.learning.rule = rule;
    cfg.learning.rate = 1.0;
    cfg.init.opportunism = given(&[0.9, 0.1]);
    let mut sim = economy_seeded(2, &[(0, 1)], None, &cfg, seed);
    sim.step();
    near(sim.firms.tie_income[0], 0.4);
    near(sim.firms.tie_income[1], -0.2);
    sim
}

#[test]
fn imitate_best_copies_a_strictly_better_partner_and_proportional_adopts_with_the_scaled_gap() {
    // Imitate-best: firm 1 (−0.2) copies firm 0 (0.4): θ_1 = 0.9; firm 0 keeps 0.9.
    let sim = learners(LearningRule::ImitateBest, 1);
    assert_eq!(sim.opportunism(), &[0.9, 0.9]);
    // Proportional, scale 0.5: firm 1 adopts with probability min(1, 0.6/0.5) = 1; firm 0
    // sees a worse partner and never adopts. For any seed.
    for seed in 1..=10 {
        let sim = learners(LearningRule::Proportional { scale: 0.5 }, seed);
        assert_eq!(sim.opportunism(), &[0.9, 0.9]);
    }
    // Scale 2: probability 0.6/2 = 0.3, from the low half of word 2·1 + 1 of
    // (step 1, Learning).
    let mut seen = [0; 2];
    for seed in 1..=40 {
        let sim = learners(LearningRule::Proportional { scale: 2.0 }, seed);
        let u = low(word(seed, 1, Phase::Learning, 3));
        let adopts = u < 0.3;
        assert_eq!(sim.opportunism()[1], if adopts { 0.9 } else { 0.1 });
        seen[usize::from(adopts)] += 1;
    }
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
}

#[test]
fn death_birth_copies_the_only_partner_whatever_its_success() {
    // One partner each, fitness 1 − 0.5 + 0.5 · Π > 0: both copy: θ = (0.1, 0.9), and the
    // copies read the opportunism before the phase (a swap, not 0.1 twice).
    let sim = learners(LearningRule::DeathBirth { w: 0.5 }, 1);
    assert_eq!(sim.opportunism(), &[0.1, 0.9]);
}

#[test]
fn fermi_adopts_with_probability_sigma_of_the_success_gap_over_k() {
    // k = 0.1: firm 1 adopts with σ((0.4 − (−0.2))/0.1) = σ(6) = 1/(1 + e^−6)
    // = 0.9975273768433653; firm 0 with σ(−6) = 0.0024726231566347743. The acceptance
    // draw of firm i is the low half of word 2i + 1 of (step 1, Learning).
    let p = [0.002_472_623_156_634_774_3, 0.997_527_376_843_365_3];
    let start = [0.9, 0.1];
    for seed in 1..=40 {
        let sim = learners(LearningRule::Fermi { k: 0.1 }, seed);
        for i in 0..2 {
            let u = low(word(seed, 1, Phase::Learning, 2 * i as u64 + 1));
            assert!((u - p[i]).abs() > 1e-6);
            let expected = if u < p[i] { start[1 - i] } else { start[i] };
            assert_eq!(sim.opportunism()[i], expected, "seed {seed}, firm {i}");
        }
    }
}

#[test]
fn success_is_the_tie_income_or_the_whole_income() {
    // Price 1, productivity 1 and 3: whole incomes 1 + 0.4 = 1.4 and 3 − 0.2 = 2.8. By tie
    // income (0.4 > −0.2) firm 1 imitates firm 0; by whole income (2.8 > 1.4) firm 0
    // imitates firm 1.
    for (success, theta) in [
        (Success::Network, [0.9, 0.9]),
        (Success::Income, [0.1, 0.1]),
    ] {
        let mut cfg = base();
        cfg.learning.rate = 1.0;
        cfg.learning.success = success;
        cfg.market.price = 1.0;
        cfg.init.productivity = given(&[1.0, 3.0]);
        cfg.init.opportunism = given(&[0.9, 0.1]);
        let mut sim = economy(2, &[(0, 1)], None, &cfg);
        sim.step();
        near(sim.income()[0], 1.4);
        near(sim.income()[1], 2.8);
        assert_eq!(sim.opportunism(), &theta, "{success:?}");
    }
}

#[test]
fn revision_and_mutation_thresholds_truncated_the_rate_and_missed_draws_just_below_it() {
    // Regression: revision and mutation compared the 32-bit draw x with ⌊rate · 2^32⌋, so a
    // draw with x / 2^32 < rate but x = ⌊rate · 2^32⌋ was missed. With rate = (x + 1/2)/2^32
    // for firm 1's own draw x, firm 1 must revise (and copy firm 0, whose tie income is
    // higher), and likewise mutate.
    let w = word(1, 1, Phase::Learning, 2);
    let rate = (f64::from(w as u32) + 0.5) / 4_294_967_296.0;
    let mutation = (f64::from((w >> 32) as u32) + 0.5) / 4_294_967_296.0;
    assert!(low(w) < rate && high(w) < mutation);
    let mut cfg = base();
    cfg.learning.rate = rate;
    cfg.init.opportunism = given(&[0.9, 0.1]);
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    assert_eq!(sim.opportunism()[1], 0.9, "firm 1 revises");
    cfg.learning.rate = 0.0;
    cfg.learning.mutation = mutation;
    cfg.learning.mutation_sd = 0.1;
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    let z = normal_inv(word(1, 1, Phase::FirmMutation, 1));
    near(sim.opportunism()[1], (0.1 + 0.1 * z).clamp(0.0, 1.0));
    assert_ne!(sim.opportunism()[1], 0.1, "firm 1 mutates");
}
