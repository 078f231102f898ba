//! Tie formation during the run (`linking`): triadic closure through trusted partners,
//! meetings within a group and by proximity, a facilitator's introductions and their cost,
//! the cap on ties, the start trust; each against the words the phase reads.

use super::super::config::{FormationConfig, MeetingScope, StartTrust};
use super::super::mechanisms::formation::Source;
use super::super::mechanisms::linking::INTRODUCTIONS;
use super::*;
use crate::rng::below;

/// Word `i` of the formation stream before any step (step 0), seed `seed`.
fn fword(seed: u64, i: u64) -> u64 {
    word(seed, 0, Phase::TieFormation, i)
}

/// The formation phase applied once before any step: proposals, then the batch.
fn link_once(sim: &mut FirmSimulation) -> bool {
    sim.link();
    let formed = sim.form_ties();
    if formed {
        sim.chunk_slot_ends();
    }
    assert!(sim.check_invariants());
    formed
}

#[test]
fn closure_proposes_a_trusted_partners_trusted_partner() {
    // Path 0–1–2 with τ0 = 0.5 = closure_trust, but firm 1's trust in 2 lowered to 0.1.
    // From 0: its partner 1 (τ_01 = 0.5, trusted); 1's partner k is 0 (itself: nothing) or
    // 2 (τ_12 = 0.1 < 0.5: nothing). From 1: partners 0 and 2 have no partner but 1. From
    // 2: partner 1 (τ_21 = 0.5), whose partners are [0, 2] in slot order: k = 0 (τ_10 =
    // 0.5, trusted: the tie 2–0) iff `below(low half of word 4·2 + 1, 2) == 0`.
    let mut cfg = base();
    cfg.optional.formation = FormationConfig {
        closure: 1.0,
        closure_trust: 0.5,
        ..FormationConfig::default()
    };
    let (mut formed, mut not) = (0, 0);
    for seed in 1..=24 {
        let mut sim = economy_seeded(3, &[(0, 1), (1, 2)], None, &cfg, seed);
        let e = slot(&sim, 1, 2);
        sim.ties.tau[e] = 0.1;
        let expect = below(fword(seed, 9) as u32, 2) == 0;
        assert_eq!(link_once(&mut sim), expect, "seed {seed}");
        assert_eq!(sim.ties.tied(0, 2), expect);
        near(sim.ledger().ties_by_closure(), f64::from(u8::from(expect)));
        near(sim.ledger().ties_by_meeting(), 0.0);
        if expect {
            formed += 1;
            near(trust(&sim, 0, 2), 0.5);
        } else {
            not += 1;
        }
    }
    assert!(formed > 0 && not > 0, "{formed} formed, {not} not");
}

#[test]
fn closure_tries_with_its_probability_and_needs_both_legs_trusted() {
    // Path 0–1–2, every trust 0.5. closure_trust 0.6 > 0.5: nothing, whatever the draws.
    let mut cfg = base();
    cfg.optional.formation.closure = 1.0;
    cfg.optional.formation.closure_trust = 0.6;
    for seed in 1..=8 {
        let mut sim = economy_seeded(3, &[(0, 1), (1, 2)], None, &cfg, seed);
        assert!(!link_once(&mut sim));
    }
    // closure 0.3, closure_trust 0.5: the tie 0–2 forms iff firm 0 tries (low half of word
    // 0 < 0.3) and draws k = 2 (position 1 of [0, 2]: low half of word 1), or firm 2 tries
    // (word 8) and draws k = 0 (position 0: word 9).
    cfg.optional.formation.closure = 0.3;
    cfg.optional.formation.closure_trust = 0.5;
    let mut seen = [0; 2];
    for seed in 1..=40 {
        let mut sim = economy_seeded(3, &[(0, 1), (1, 2)], None, &cfg, seed);
        let from0 = low(fword(seed, 0)) < 0.3 && below(fword(seed, 1) as u32, 2) == 1;
        let from2 = low(fword(seed, 8)) < 0.3 && below(fword(seed, 9) as u32, 2) == 0;
        let expect = from0 || from2;
        assert_eq!(link_once(&mut sim), expect, "seed {seed}");
        seen[usize::from(expect)] += 1;
    }
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
}

#[test]
fn meetings_stay_within_the_group() {
    // Four firms without ties in groups [0, 0, 1, 1]; meeting 1: firm i meets the member of
    // its group at position `below(high half of word 4i + 2, 2)` (firms 0, 1 or 2, 3), so
    // the ties are 0–1 iff firm 0 or 1 drew the other, 2–3 likewise; never across.
    let mut cfg = base();
    cfg.optional.formation.meeting = 1.0;
    let mut formed = 0;
    for seed in 1..=24 {
        let mut sim = economy_seeded(4, &[], Some(vec![0, 0, 1, 1]), &cfg, seed);
        let pick = |i: u64| below((fword(seed, 4 * i + 2) >> 32) as u32, 2) as u64;
        // Firm 0 meets 1 iff it picks position 1; firm 1 meets 0 iff it picks position 0.
        let a = pick(0) == 1 || pick(1) == 0;
        let b = pick(2) == 1 || pick(3) == 0;
        link_once(&mut sim);
        assert_eq!(sim.ties.tied(0, 1), a, "seed {seed}");
        assert_eq!(sim.ties.tied(2, 3), b, "seed {seed}");
        assert_eq!(sim.tie_count(), usize::from(a) + usize::from(b));
        near(
            sim.ledger().ties_by_meeting(),
            (u8::from(a) + u8::from(b)).into(),
        );
        formed += sim.tie_count();
    }
    assert!(formed > 0);
}

#[test]
fn meetings_by_proximity_need_positions_and_stay_within_the_radius() {
    // Firms at (0, 0), (0.05, 0) and (1, 1), radius 0.1: only 0–1 can form, iff firm 0
    // draws firm 1 among the three (`below(high half, 3) == 1`) or firm 1 draws firm 0.
    let mut cfg = base();
    cfg.optional.formation.meeting = 1.0;
    cfg.optional.formation.meeting_scope = MeetingScope::Proximity;
    cfg.optional.formation.meeting_radius = 0.1;
    let pos = vec![[0.0, 0.0], [0.05, 0.0], [1.0, 1.0]];
    let mut formed = 0;
    for seed in 1..=24 {
        let net = Network::from_edges(3, &[], None, Some(pos.clone())).unwrap();
        let mut sim = FirmSimulation::new(&net, &cfg, seed).unwrap();
        let pick = |i: u64| below((fword(seed, 4 * i + 2) >> 32) as u32, 3);
        let expect = pick(0) == 1 || pick(1) == 0;
        link_once(&mut sim);
        assert_eq!(sim.ties.tied(0, 1), expect, "seed {seed}");
        assert_eq!(sim.tie_count(), usize::from(expect));
        formed += usize::from(expect);
    }
    assert!(formed > 0);
    // Without positions the configuration is refused.
    let net = Network::from_edges(3, &[], None, None).unwrap();
    assert!(matches!(
        FirmSimulation::new(&net, &cfg, 1),
        Err(ModelError::OutOfRange {
            name: "formation.meeting_scope",
            ..
        })
    ));
}

#[test]
fn introductions_cost_public_money_and_only_in_facilitated_groups() {
    // Groups [0, 0, 0, 0, 1, 1, 1, 1], no ties; a facilitator in group 1 only (position 1),
    // r = 2.5 introductions per step: 2, plus 1 iff the low half of word INTRODUCTIONS +
    // 2^32 < 0.5. Introduction k draws firms 4 + below(low, 4) and 4 + below(high, 4) from
    // word INTRODUCTIONS + 2^32 + 1 + k; each with distinct firms costs 0.7 (no pair is tied
    // before the batch forms).
    let mut cfg = base();
    cfg.optional.formation.introductions = 2.5;
    cfg.optional.formation.introduction_cost = 0.7;
    cfg.optional.formation.facilitated_groups = vec![1];
    let mut total = 0;
    for seed in 1..=24 {
        let groups = vec![0, 0, 0, 0, 1, 1, 1, 1];
        let mut sim = economy_seeded(8, &[], Some(groups), &cfg, seed);
        let base_word = INTRODUCTIONS + (1 << 32);
        let count = 2 + u64::from(low(fword(seed, base_word)) < 0.5);
        let mut pairs = Vec::new();
        for k in 0..count {
            let w = fword(seed, base_word + 1 + k);
            let (a, b) = (4 + below(w as u32, 4), 4 + below((w >> 32) as u32, 4));
            if a != b {
                pairs.push((a.min(b), a.max(b)));
            }
        }
        let cost = 0.7 * pairs.len() as f64;
        pairs.sort_unstable();
        pairs.dedup();
        link_once(&mut sim);
        near(sim.ledger().facilitation_cost(), cost);
        assert_eq!(sim.tie_count(), pairs.len(), "seed {seed}");
        near(sim.ledger().ties_by_introduction(), pairs.len() as f64);
        for &(a, b) in &pairs {
            assert!(sim.ties.tied(a as usize, b as usize));
        }
        // Nothing in group 0 (no facilitator there).
        assert!((0..4).all(|i| sim.ties.len[i] == 0));
        total += pairs.len();
    }
    assert!(total > 24);
}

#[test]
fn the_cap_drops_proposals_beyond_it_in_pair_order() {
    // A star: firm 0 tied to 1, 2, 3 (degree 3), firm 4 alone; max_ties = 2. Proposals
    // 0–4 (firm 0 already above the cap: dropped, its three ties kept), 1–2 (both at 1:
    // formed, both now at 2), 1–3 (firm 1 at the cap: dropped), 2–3 (firm 2 at the cap:
    // dropped), 3–4 (3 at 1, 4 at 0: formed). So two ties form.
    let mut cfg = base();
    cfg.optional.formation.max_ties = 2;
    let mut sim = economy(5, &[(0, 1), (0, 2), (0, 3)], None, &cfg);
    for (a, b) in [(0, 4), (2, 1), (1, 3), (3, 2), (4, 3)] {
        sim.propose_tie(a, b, Source::Meeting);
    }
    assert!(sim.form_ties());
    sim.chunk_slot_ends();
    assert!(sim.check_invariants());
    assert_eq!(sim.tie_count(), 3 + 2);
    assert!(sim.ties.tied(1, 2) && sim.ties.tied(3, 4));
    assert!(!sim.ties.tied(0, 4) && !sim.ties.tied(1, 3) && !sim.ties.tied(2, 3));
    assert_eq!(sim.ties.len[0], 3);
    near(sim.ledger().ties_by_meeting(), 2.0);
    // The cap's counts do not carry over to the next batch: 1–2 is tied now, and 4–2 is
    // dropped (2 at the cap), 4–1 too.
    for (a, b) in [(4, 2), (4, 1)] {
        sim.propose_tie(a, b, Source::Meeting);
    }
    assert!(!sim.form_ties());
}

#[test]
fn a_pair_proposed_by_several_sources_counts_once_for_the_first() {
    let mut sim = economy(3, &[], None, &base());
    sim.propose_tie(0, 1, Source::Fair);
    sim.propose_tie(1, 0, Source::Introduction);
    sim.propose_tie(2, 1, Source::Fair);
    assert!(sim.form_ties());
    near(sim.ledger().ties_by_introduction(), 1.0);
    near(sim.ledger().ties_at_fairs(), 1.0);
    near(
        sim.ledger().ties_by_closure() + sim.ledger().ties_by_meeting(),
        0.0,
    );
}

#[test]
fn a_new_tie_can_start_from_reputation() {
    // Tie 0–1; firm 2 alone. w = 0.5, τ0 = 0.5; firm 1's standing 0.8 and firm 0's trust in
    // it 0.9, so R_1 = 0.8 · 0.9 = 0.72 and firm 2's trust in 1 starts at 0.5 · 0.5 + 0.5 ·
    // 0.72 = 0.61; firm 2 has no partner, R_2 = 1 · τ0 = 0.5, so 1's trust in 2 starts at
    // 0.5. With `start_trust = "initial"` both are τ0 = 0.5.
    for (start, expect) in [(StartTrust::Reputation, 0.61), (StartTrust::Initial, 0.5)] {
        let mut cfg = base();
        cfg.reputation.weight = 0.5;
        cfg.optional.formation.start_trust = start;
        let mut sim = economy(3, &[(0, 1)], None, &cfg);
        sim.firms.standing[1] = 0.8;
        let e = slot(&sim, 0, 1);
        sim.ties.tau[e] = 0.9;
        sim.propose_tie(2, 1, Source::Meeting);
        assert!(sim.form_ties());
        near_f32(trust(&sim, 2, 1), expect);
        near_f32(trust(&sim, 1, 2), 0.5);
    }
}

#[test]
fn formation_off_proposes_nothing_and_changes_no_record() {
    // The thresholds and the cap alone (no closure, meeting or introduction) change nothing.
    let mut cfg = base();
    cfg.steps = 20;
    cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
    cfg.decision = DecisionRule::Logistic { beta: 6.0 };
    cfg.trust.break_below = 0.3;
    let mut off = cfg.clone();
    off.optional.formation = FormationConfig {
        closure_trust: 0.9,
        max_ties: 1,
        start_trust: StartTrust::Reputation,
        ..FormationConfig::default()
    };
    let edges: Vec<(u32, u32)> = (0..20u32).map(|i| (i, (i + 1) % 20)).collect();
    let (mut a, mut b) = (
        economy(20, &edges, None, &cfg),
        economy(20, &edges, None, &off),
    );
    for _ in 0..cfg.steps {
        a.step();
        b.step();
        // Debug text: NaN statistics (no firm with two partners) compare equal so.
        assert_eq!(format!("{:?}", a.record()), format!("{:?}", b.record()));
    }
}
