//! Capital and exit, opportunism learning (imitation by every rule, mutation), entry and an
//! entrant's initial trust.

use super::super::dist::normal_inv;
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
fn mutation_adds_sd_times_the_firms_normal_draw_clipped_to_the_unit_interval() {
    // Mutation certain, sd 0.1, no imitation: θ_i + 0.1 · z_i with z_i = Φ⁻¹(word i of
    // (step 1, FirmMutation)); with sd 10 the result is clipped to 0 or 1 by the sign of z.
    let z: Vec<f64> = (0..2)
        .map(|i| normal_inv(word(1, 1, Phase::FirmMutation, i)))
        .collect();
    for (sd, theta) in [(0.1, [0.5, 0.3]), (10.0, [0.5, 0.5])] {
        let mut cfg = base();
        cfg.learning.mutation = 1.0;
        cfg.learning.mutation_sd = sd;
        let mut sim = pair(&cfg, theta);
        sim.step();
        for i in 0..2 {
            near(sim.opportunism()[i], (theta[i] + sd * z[i]).clamp(0.0, 1.0));
        }
        if sd > 1.0 {
            assert!(sim.opportunism().iter().all(|&t| t == 0.0 || t == 1.0));
        }
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

#[test]
fn an_entrant_trusts_its_partner_by_the_partners_reputation_and_is_trusted_at_tau0() {
    // Firms 0, 1 in group 0, firm 2 in group 1; ties 0–1, 1–2; capital −5, 10, 10; no
    // income; exit below 0: firm 0 exits, an entrant (id 3, group 0, capital the list's
    // mean (−5 + 10 + 10)/3 = 5) replaces it with one tie. The only alive firm of group 0
    // with room is firm 1.
    // Before the step: firm 1's standing 0.5, firm 2's trust in firm 1 0.9. In the step (no
    // projects, no decay): standing 0.5 + 0.2 · (1 − 0.5) = 0.6; firm 1's partners after
    // firm 0 leaves: firm 2 alone, so R_1 = 0.6 · 0.9 = 0.54 and, with w = 0.4, the
    // entrant's trust in firm 1 is 0.6 · 0.5 + 0.4 · 0.54 = 0.3 + 0.216 = 0.516; firm 1's
    // trust in the entrant is τ0 = 0.5.
    let mut cfg = base();
    cfg.init.capital = given(&[-5.0, 10.0, 10.0]);
    cfg.project.rate = 0.0;
    cfg.demography.exit_below = 0.0;
    cfg.demography.entry = 1.0;
    cfg.demography.entry_ties = 1;
    cfg.reputation.weight = 0.4;
    cfg.reputation.recovery = 0.2;
    let mut sim = economy(3, &[(0, 1), (1, 2)], Some(vec![0, 0, 1]), &cfg);
    sim.firms.standing[1] = 0.5;
    let e21 = slot(&sim, 2, 1);
    sim.ties.tau[e21] = 0.9;
    sim.step();
    assert_eq!(sim.len(), 4);
    assert_eq!(
        sim.alive().collect::<Vec<_>>(),
        vec![false, true, true, true]
    );
    assert_eq!(sim.groups()[3], 0);
    near(sim.capital()[3], 5.0);
    near(sim.ledger().entry_capital(), 5.0);
    near(sim.ledger().exit_capital(), -5.0);
    near(sim.firms.standing[1], 0.6);
    // 0.9 is stored as the f32 0.89999998, so R_1 = 0.6 · 0.89999998.
    near_f32(trust(&sim, 3, 1), 0.516);
    near_f32(trust(&sim, 1, 3), 0.5);
    assert_eq!(sim.tie_count(), 2);
    // w = 0: the entrant trusts its partner at τ0.
    cfg.reputation.weight = 0.0;
    let mut sim = economy(3, &[(0, 1), (1, 2)], Some(vec![0, 0, 1]), &cfg);
    sim.step();
    near_f32(trust(&sim, 3, 1), 0.5);
}
