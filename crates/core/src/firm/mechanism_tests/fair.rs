//! Fairs (`fair`): attendance, meetings and the ties they propose, the attendees' extra
//! market access and its window, the public cost per attendee; a fair nobody attends changes
//! nothing.

use super::super::config::FairConfig;
use super::super::mechanisms::fair::{other, MEETINGS};
use super::*;

/// Market income 1 per step for every firm (price 1, access 1, no fixed cost or shock), no
/// money on ties (a donation game with `b = c = 0`).
fn market_only() -> FirmConfig {
    let mut cfg = base();
    cfg.market.price = 1.0;
    cfg.project.game = ProjectGame::Donation { b: 0.0, c: 0.0 };
    cfg
}

#[test]
fn attendees_earn_extra_access_for_the_window_and_cost_the_public() {
    // Three firms without ties; a fair every 3 steps that everybody attends (share 1), one
    // meeting each that always proposes, access 0.5 for 2 steps, cost 0.3 per attendee.
    // Step 1, 2: income 1. Step 3 (fair): 3 attendees, cost 0.9, income 1 + 0.5 = 1.5,
    // fair revenue 1.5. Step 4: 1.5 (the window is steps 3 and 4). Step 5: 1. So capital
    // after step 5 is 10 + 1 + 1 + 1.5 + 1.5 + 1 = 16.
    let mut cfg = market_only();
    cfg.optional.fair = FairConfig {
        every: 3,
        share: 1.0,
        meetings: 1,
        form: 1.0,
        access: 0.5,
        duration: 2,
        cost: 0.3,
    };
    let mut sim = economy(3, &[], None, &cfg);
    let expect = [
        (1.0, 0.0, 0.0),
        (1.0, 0.0, 0.0),
        (1.5, 3.0, 0.9),
        (1.5, 0.0, 0.0),
    ];
    for (step, &(income, attendees, cost)) in expect.iter().enumerate() {
        sim.step();
        for i in 0..3 {
            near(sim.income()[i], income);
        }
        let l = *sim.ledger();
        near(l.fair_attendees(), attendees);
        near(l.fair_cost(), cost);
        near(l.fair_revenue(), 3.0 * (income - 1.0));
        near(l.revenue(), 3.0);
        if step == 2 {
            // Attendee at position a (firm a) proposes to the other `other(a, 3, low half of
            // word MEETINGS + a)`: the distinct pairs form.
            let mut pairs: Vec<(usize, usize)> = (0..3)
                .map(|a| {
                    let w = word(1, 3, Phase::Fair, MEETINGS + a as u64);
                    let b = other(a, 3, w as u32);
                    (a.min(b), a.max(b))
                })
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            assert!(pairs.len() >= 2);
            assert_eq!(sim.tie_count(), pairs.len());
            near(l.ties_at_fairs(), pairs.len() as f64);
            for (a, b) in pairs {
                assert!(sim.ties.tied(a, b));
            }
        } else {
            near(l.ties_at_fairs(), 0.0);
        }
    }
    sim.step();
    near(sim.income()[0], 1.0);
    near(sim.capital()[0], 16.0);
    assert!(sim.check_invariants());
}

#[test]
fn attendance_follows_its_word_and_a_later_fair_renews_the_window() {
    // Six firms; a fair every 2 steps, share 0.5: firm i attends at step 2 iff the low half
    // of word i of (2, Fair) is below 0.5; access 1 for 3 steps (2, 3, 4), so at step 4 (the
    // next fair) a firm that attended either fair has income 2, others 1; at step 5 exactly
    // the attendees of step 4's fair still have it.
    let mut cfg = market_only();
    cfg.optional.fair = FairConfig {
        every: 2,
        share: 0.5,
        meetings: 0,
        form: 1.0,
        access: 1.0,
        duration: 3,
        cost: 0.0,
    };
    let mut counted = 0;
    for seed in 1..=6 {
        let mut sim = economy_seeded(6, &[], None, &cfg, seed);
        let at = |step: u64, i: usize| low(word(seed, step, Phase::Fair, i as u64)) < 0.5;
        for step in 1..=5u64 {
            sim.step();
            for i in 0..6 {
                let access = match step {
                    1 => false,
                    2 | 3 => at(2, i),
                    4 => at(2, i) || at(4, i),
                    _ => at(4, i),
                };
                near(sim.income()[i], if access { 2.0 } else { 1.0 });
            }
            if step % 2 == 0 {
                let n = (0..6).filter(|&i| at(step, i)).count();
                near(sim.ledger().fair_attendees(), n as f64);
                counted += n;
            }
        }
        assert_eq!(sim.tie_count(), 0, "no meetings");
    }
    assert!(counted > 0 && counted < 6 * 6 * 2);
}

#[test]
fn a_fair_nobody_attends_changes_nothing() {
    // A shakeout with every tie mechanism, breaks, exits and entry: a fair with share 0 (and
    // every other fair parameter on) gives the same records, trusts and summary as no fair.
    let mut cfg = base();
    cfg.steps = 40;
    cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
    cfg.decision = DecisionRule::Logistic { beta: 8.0 };
    cfg.trust.decay = 0.05;
    cfg.trust.break_below = 0.2;
    cfg.market.price = 1.0;
    cfg.market.fixed_cost = 1.2;
    cfg.market.shock_sd = 0.3;
    cfg.demography.exit_below = 8.0;
    cfg.demography.entry = 0.5;
    cfg.demography.entry_ties = 2;
    cfg.optional.formation.closure = 0.3;
    let mut fair = cfg.clone();
    fair.optional.fair = FairConfig {
        every: 2,
        share: 0.0,
        meetings: 4,
        form: 1.0,
        access: 2.0,
        duration: 5,
        cost: 1.0,
    };
    let edges: Vec<(u32, u32)> = (0..40u32)
        .flat_map(|i| [(i, (i + 1) % 40), (i, (i + 5) % 40)])
        .collect();
    let (mut a, mut b) = (
        economy(40, &edges, None, &cfg),
        economy(40, &edges, None, &fair),
    );
    for _ in 0..cfg.steps {
        a.step();
        b.step();
        // Debug text: NaN statistics (no firm with two partners) compare equal so.
        assert_eq!(format!("{:?}", a.record()), format!("{:?}", b.record()));
    }
    assert!(a.trusts().eq(b.trusts()));
    assert_eq!(format!("{:?}", a.summary()), format!("{:?}", b.summary()));
    assert!(a.exits() > 0);
}
