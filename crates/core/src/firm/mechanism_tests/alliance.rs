//! Hand-computed tests of the temporary alliances (`mechanisms/alliance.rs`).

use super::*;
use crate::firm::mechanisms::alliance::{word_key, TRIES};
use crate::rng::below;

/// A triangle 0–1–2 of productivities 5, 3, 2 (capacities; total 10) and capital 10, no
/// projects, one contract per step (`rate = 1`) of value 10, capacity 10 and penalty 4, the
/// union temporal, `τ_min = 0.5 = τ0`. Whoever takes the contract needs both partners, so
/// the consortium is the three of them, with shares 5/10, 3/10, 2/10.
fn triangle(opportunism: [f64; 3], form: AllianceForm) -> FirmSimulation {
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.productivity = given(&[5.0, 3.0, 2.0]);
    cfg.init.opportunism = given(&opportunism);
    cfg.optional.alliance = AllianceConfig {
        rate: 1.0,
        value: 10.0,
        capacity: 10.0,
        penalty: 4.0,
        min_trust: 0.5,
        form,
    };
    economy(3, &[(0, 1), (0, 2), (1, 2)], None, &cfg)
}

/// Trust of `i` in `j`.
fn trust(sim: &FirmSimulation, i: usize, j: usize) -> f64 {
    sim.trusts()
        .find(|&(a, b, _)| (a, b) == (i, j))
        .map(|t| t.2)
        .unwrap()
}

#[test]
fn a_union_temporal_of_three_that_fails_pays_the_penalty_by_shares() {
    // Firm 2 (θ = 1) fails for sure under the threshold rule (its mean trust 0.5 < 1); the
    // others (θ = 0) deliver. The penalty L = 4 by shares 0.5, 0.3, 0.2: 2, 1.2, 0.8, so
    // capital 8, 8.8, 9.2; penalties paid 4, no value. Trust: in firm 2, 0.5·(1 − 0.4) =
    // 0.3; in the others, 0.5 + 0.2·0.5 = 0.6.
    let mut sim = triangle([0.0, 0.0, 1.0], AllianceForm::UnionTemporal);
    sim.step();
    for (i, k) in [8.0, 8.8, 9.2].into_iter().enumerate() {
        near(sim.capital()[i], k);
    }
    near(sim.ledger().contract_penalties(), 4.0);
    near(sim.ledger().contract_value(), 0.0);
    let c = sim.record().alliances;
    assert_eq!((c.formed, c.completed, c.failed, c.declined), (1, 0, 1, 0));
    for i in 0..2 {
        near_f32(trust(&sim, i, 2), 0.3);
    }
    near_f32(trust(&sim, 0, 1), 0.6);
    near_f32(trust(&sim, 1, 0), 0.6);
    near_f32(trust(&sim, 2, 0), 0.6);
}

#[test]
fn the_same_consorcio_makes_every_member_answer_for_the_whole_penalty() {
    // As above, but each member pays L = 4: capital 6, 6, 6; penalties 12.
    let mut sim = triangle([0.0, 0.0, 1.0], AllianceForm::Consorcio);
    sim.step();
    for i in 0..3 {
        near(sim.capital()[i], 6.0);
    }
    near(sim.ledger().contract_penalties(), 12.0);
    let c = sim.record().alliances;
    assert_eq!((c.formed, c.failed), (1, 1));
}

#[test]
fn a_consortium_that_delivers_is_paid_the_value_by_shares_under_either_form() {
    // Everybody delivers: V = 10 by shares, 5, 3, 2: capital 15, 13, 12; trust 0.6 all
    // round. Step 2: again, 20, 16, 14; trust 0.6 + 0.2·0.4 = 0.68.
    for form in [AllianceForm::UnionTemporal, AllianceForm::Consorcio] {
        let mut sim = triangle([0.0; 3], form);
        sim.step();
        for (i, k) in [15.0, 13.0, 12.0].into_iter().enumerate() {
            near(sim.capital()[i], k);
        }
        near(sim.ledger().contract_value(), 10.0);
        near(sim.ledger().contract_penalties(), 0.0);
        near_f32(trust(&sim, 2, 1), 0.6);
        sim.step();
        for (i, k) in [20.0, 16.0, 14.0].into_iter().enumerate() {
            near(sim.capital()[i], k);
        }
        near_f32(trust(&sim, 0, 2), 0.68);
        let c = sim.record().alliances;
        assert_eq!((c.formed, c.completed, c.failed), (1, 1, 0));
    }
}

#[test]
fn a_contract_no_coalition_can_reach_is_declined_and_changes_nothing() {
    // Capacity 11 > 10, the whole economy's; and capacity 10 with τ_min 0.6 > τ0 (no
    // trusted partner): declined, capital and trust unchanged, no money.
    for (capacity, min_trust) in [(11.0, 0.5), (10.0, 0.6)] {
        let mut sim = triangle([0.0; 3], AllianceForm::Consorcio);
        sim.cfg.optional.alliance.capacity = capacity;
        sim.cfg.optional.alliance.min_trust = min_trust;
        sim.step();
        for i in 0..3 {
            near(sim.capital()[i], 10.0);
        }
        assert!(sim.trusts().all(|t| t.2 == 0.5));
        let c = sim.record().alliances;
        assert_eq!((c.formed, c.declined), (0, 1));
        near(
            sim.ledger().contract_value() + sim.ledger().contract_penalties(),
            0.0,
        );
    }
}

#[test]
fn a_taker_with_enough_capacity_delivers_alone_and_recruits_by_trust() {
    // Capacity 2: every firm has enough alone; the taker is the firm the first try draws,
    // `below(word (0 + 1)·2^16 + 0, 3)` of (step 1, Alliance) under seed 1, and it gets
    // all of V = 10 (its mean trust is 1 with no partner in the consortium).
    let mut sim = triangle([0.0; 3], AllianceForm::UnionTemporal);
    sim.cfg.optional.alliance.capacity = 2.0;
    let w = Streams::new(1)
        .keyed(1, Phase::Alliance)
        .word(word_key(0, 0));
    let taker = below(w as u32, 3) as usize;
    sim.step();
    for i in 0..3 {
        near(sim.capital()[i], if i == taker { 20.0 } else { 10.0 });
    }
    assert!(sim.trusts().all(|t| t.2 == 0.5));
    // Capacity 6 on the path 1–0–2: a taker of capacity 5 takes its most trusted partner
    // first. Firm 0 trusts 2 (0.9) more than 1 (0.5); under the first seed whose first try
    // draws firm 0, its consortium is {0, 2} (5 + 2 ≥ 6), shares 5/7, 2/7 of V = 7.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.productivity = given(&[5.0, 3.0, 2.0]);
    cfg.optional.alliance = AllianceConfig {
        rate: 1.0,
        value: 7.0,
        capacity: 6.0,
        penalty: 0.0,
        min_trust: 0.5,
        form: AllianceForm::UnionTemporal,
    };
    let mut seed = 1;
    let mut sim = loop {
        // The first seed whose first taker is firm 0.
        let w = Streams::new(seed)
            .keyed(1, Phase::Alliance)
            .word(word_key(0, 0));
        if below(w as u32, 3) == 0 {
            break economy_seeded(3, &[(0, 1), (0, 2)], None, &cfg, seed);
        }
        seed += 1;
    };
    let e = sim
        .ties
        .slots(0)
        .find(|&e| sim.ties.target[e] == 2)
        .unwrap();
    sim.ties.tau[e] = 0.9;
    sim.step();
    // Firm 0 gets 5, firm 2 gets 2; firm 1 nothing.
    near(sim.capital()[0], 15.0);
    near(sim.capital()[1], 10.0);
    near(sim.capital()[2], 12.0);
    assert_eq!(TRIES, 8);
}

#[test]
fn the_rate_gives_its_whole_part_and_one_more_with_the_fraction() {
    use crate::firm::mechanisms::alliance::contracts;
    assert_eq!(contracts(0.0, 0.0), 0);
    assert_eq!(contracts(2.0, 0.0), 2);
    assert_eq!(contracts(2.25, 0.2), 3);
    assert_eq!(contracts(2.25, 0.25), 2);
    assert_eq!(contracts(0.5, 0.9), 0);
}
