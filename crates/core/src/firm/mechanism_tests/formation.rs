//! Tie formation: the batch rules (deduplication, self-loops, exited firms, consent), growth
//! of full firms, the draws of grown positions, and that a growth changes nothing else.

use super::super::mechanisms::formation::{Consent, Source};
use super::super::mechanisms::unit32;
use super::super::ties::{DET, OCC};
use super::*;

/// Five firms on a path 0–1–2–3–4 (no slack: entry is off, every firm is full).
fn path(cfg: &FirmConfig) -> FirmSimulation {
    economy(5, &[(0, 1), (1, 2), (2, 3), (3, 4)], None, cfg)
}

#[test]
fn a_batch_drops_self_loops_duplicates_ties_that_exist_and_exited_firms() {
    let mut sim = path(&base());
    // Proposals: 0→2 twice and 2→0 (one tie), 3→3 (self-loop), 1→2 (already tied), 4→9
    // (no such firm), 4→1 (firm 4 exited). So exactly one tie forms: 0–2, and firms 0 and
    // 2 (full, capacity 1 and 2) grow by one slot each.
    sim.firms.alive[4] = 0;
    sim.groups.members[0] -= 1;
    let e = sim.ties.slots(4).start;
    sim.ties.remove_tie(4, e);
    for (a, b) in [(0, 2), (0, 2), (2, 0), (3, 3), (1, 2), (4, 9), (4, 1)] {
        sim.propose_tie(a, b, Source::Closure);
    }
    assert!(sim.form_ties());
    assert_eq!(sim.tie_count(), 3 + 1);
    assert!(sim.ties.tied(0, 2) && sim.ties.tied(2, 0));
    assert_eq!((sim.ties.capacity(0), sim.ties.capacity(2)), (2, 3));
    assert!(sim.check_invariants());
    // The batch is empty again: a step without proposals forms nothing.
    assert!(!sim.form_ties());
}

#[test]
fn under_mutual_consent_a_tie_needs_both_ends_proposals() {
    let mut sim = path(&base());
    sim.formation.consent = Consent::Both;
    // 0→2 and 2→0 agree; 0→3 has one proposal only; 1→4 and 4→1 agree.
    for (a, b) in [(0, 2), (0, 3), (2, 0), (1, 4), (4, 1)] {
        sim.propose_tie(a, b, Source::Closure);
    }
    assert!(sim.form_ties());
    assert_eq!(sim.tie_count(), 4 + 2);
    assert!(sim.ties.tied(0, 2) && sim.ties.tied(1, 4) && !sim.ties.tied(0, 3));
    assert!(sim.check_invariants());
}

#[test]
fn new_ties_start_at_initial_trust_and_settle_at_once() {
    // Firms 0 and 2 (opportunism 0, so they cooperate at τ0 = 0.5 under the threshold
    // rule) get a tie in step 1's formation phase; in step 2 it runs a project (rate 1): by
    // the donation game each pays c = 0.2 and receives b = 0.4 on it, and trust rises to
    // 0.5 + 0.2 · 0.5 = 0.6 on both sides.
    let mut sim = path(&base());
    sim.step();
    sim.propose_tie(2, 0, Source::Closure);
    assert!(sim.form_ties());
    sim.chunk_slot_ends();
    near(trust(&sim, 0, 2), 0.5);
    near(trust(&sim, 2, 0), 0.5);
    sim.step();
    near_f32(trust(&sim, 0, 2), 0.6);
    near_f32(trust(&sim, 2, 0), 0.6);
    // Firm 0: two ties, each +0.4 − 0.2 = 0.2.
    near(sim.firms.tie_income[0], 0.4);
    assert_eq!(sim.firms.decisions[0], 2);
}

#[test]
fn a_grown_firm_draws_its_new_positions_from_their_growth_keys() {
    // Opportunism 1 and trust 0.5 < 1: nobody cooperates (p = 0) under the threshold rule,
    // so with q = 0.5 a slot is marked detected iff the low half of its word is below 0.5,
    // and (rate 0.5) the lower-id end's slot marks a project iff its high half is: both
    // read from the word of the slot's model slot number, the growth keys for the
    // positions a firm grew by.
    let mut cfg = base();
    cfg.init.opportunism = Distribution::Constant { value: 1.0 };
    cfg.monitoring.q = 0.5;
    cfg.project.rate = 0.5;
    let seed = 1;
    let mut sim = path(&cfg);
    for (a, b) in [(0, 2), (0, 3), (0, 4), (1, 3)] {
        sim.propose_tie(a, b, Source::Closure);
    }
    assert!(sim.form_ties());
    sim.chunk_slot_ends();
    assert!(!sim.ties.ext.is_empty());
    let mut checked = 0;
    for step in 1..=4 {
        sim.step();
        for i in 0..5 {
            for (d, e) in sim.ties.slots(i).enumerate() {
                let w = word(seed, step, Phase::Decision, sim.ties.key(i, d as u32));
                let f = sim.ties.flags[e];
                assert_eq!(f & DET != 0, unit32(w as u32) < 0.5, "step {step}, {i}:{d}");
                let lower = (sim.ties.target[e] as usize) > i;
                assert_eq!(f & OCC != 0, lower && high(w) < 0.5, "step {step}, {i}:{d}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 4 * 2 * 8);
}

#[test]
fn growing_capacities_in_a_run_changes_nothing_else() {
    // Entry off, so capacity is memory only: widening some firms' ranges at step 3 (a
    // re-layout, with growth keys for the new positions) leaves every record, trust and
    // encounter count of a 40-step run as it was.
    let mut cfg = base();
    cfg.steps = 40;
    cfg.init.opportunism = Distribution::Uniform { min: 0.2, max: 0.8 };
    cfg.decision = DecisionRule::Logistic { beta: 5.0 };
    cfg.trust.rule = TrustRule::Beta {
        alpha: 1.0,
        beta: 1.0,
    };
    cfg.trust.decay = 0.05;
    cfg.trust.break_below = 0.1;
    cfg.monitoring.q = 0.3;
    cfg.monitoring.fine = 0.1;
    cfg.project.rate = 0.7;
    cfg.learning.rate = 0.2;
    cfg.learning.mutation = 0.1;
    cfg.learning.mutation_sd = 0.05;
    let edges: Vec<(u32, u32)> = (0..30u32)
        .flat_map(|i| [(i, (i + 1) % 30), (i, (i + 7) % 30)])
        .collect();
    let (mut a, mut b) = (
        economy(30, &edges, None, &cfg),
        economy(30, &edges, None, &cfg),
    );
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for step in 1..=cfg.steps {
        a.step();
        b.step();
        if step == 3 {
            b.ties.grow(&[(0, 2), (7, 1), (29, 3)]);
            b.chunk_slot_ends();
            assert!(b.check_invariants());
        }
        ra.push(a.record().clone());
        rb.push(b.record().clone());
    }
    assert_eq!(ra, rb);
    assert!(a.trusts().eq(b.trusts()));
    assert!(a
        .encounter_counts()
        .unwrap()
        .eq(b.encounter_counts().unwrap()));
    assert!(b.ties.capacity(29) > a.ties.capacity(29));
}

/// A run of 60 firms where, each step, every alive firm proposes a tie to a firm drawn from
/// the formation stream (word `i` for firm `i`), with the full mechanism set of a shakeout
/// (breaks, exits, entry): returns the trusts at the end and checks the invariants every
/// step.
fn forming_run() -> Vec<(usize, usize, f64)> {
    let mut cfg = base();
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
    let edges: Vec<(u32, u32)> = (0..60u32).map(|i| (i, (i + 1) % 60)).collect();
    let mut sim = economy(60, &edges, None, &cfg);
    for _ in 0..30 {
        sim.step();
        let draws = sim.formation_draws();
        let n = sim.len() as u32;
        for i in 0..sim.len() {
            if sim.firms.alive[i] != 0 {
                let j = crate::rng::below(draws.word(i as u64) as u32, n) as usize;
                sim.propose_tie(i, j, Source::Closure);
            }
        }
        if sim.form_ties() {
            sim.chunk_slot_ends();
        }
        assert!(sim.check_invariants());
    }
    assert!(!sim.ties.ext.is_empty(), "some firm grew");
    assert!(sim.exits() > 0, "firms exited");
    sim.trusts().collect()
}

#[test]
fn forming_ties_every_step_is_deterministic_on_any_thread_count() {
    let runs: Vec<_> = [1, 2]
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(forming_run)
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
}

/// A configuration with every formation mechanism on: closure, meetings within groups,
/// introductions with a cost, fairs with access and cost, a cap of `cap` ties, start trust
/// from reputation or `τ0`; and a shakeout (breaks, exits, entry with `entry_ties` ties).
fn every_formation_mechanism(cap: u64, entry_ties: u32, reputation: bool) -> FirmConfig {
    use super::super::config::{FairConfig, FormationConfig, StartTrust};
    let mut cfg = base();
    cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
    cfg.decision = DecisionRule::Logistic { beta: 8.0 };
    cfg.trust.decay = 0.05;
    cfg.trust.break_below = 0.25;
    cfg.reputation.weight = 0.5;
    cfg.market.price = 1.0;
    cfg.market.fixed_cost = 1.2;
    cfg.market.shock_sd = 0.3;
    cfg.demography.exit_below = 8.0;
    cfg.demography.entry = 0.5;
    cfg.demography.entry_ties = entry_ties;
    cfg.optional.formation = FormationConfig {
        closure: 0.4,
        closure_trust: 0.4,
        meeting: 0.2,
        introductions: 1.5,
        introduction_cost: 0.1,
        max_ties: cap,
        start_trust: if reputation {
            StartTrust::Reputation
        } else {
            StartTrust::Initial
        },
        ..FormationConfig::default()
    };
    cfg.optional.fair = FairConfig {
        every: 3,
        share: 0.3,
        meetings: 2,
        form: 0.5,
        access: 0.2,
        duration: 2,
        cost: 0.05,
    };
    cfg
}

/// The dynamic network's invariants: no self-loops or duplicate ties, at most `cap` ties per
/// firm, both ends of every tie agree, and the layout is the network rebuilt from scratch
/// from the tie list.
fn check_dynamic_network(sim: &FirmSimulation, cap: usize) -> Result<(), String> {
    if !sim.check_invariants() {
        return Err("store invariants".into());
    }
    let n = sim.len();
    let mut edges = Vec::new();
    for i in 0..n {
        let mut t: Vec<u32> = sim.ties.slots(i).map(|e| sim.ties.target[e]).collect();
        if t.contains(&(i as u32)) {
            return Err(format!("self-loop at {i}"));
        }
        if t.len() > cap {
            return Err(format!("firm {i} has {} ties > {cap}", t.len()));
        }
        t.sort_unstable();
        if t.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("duplicate tie at {i}"));
        }
        for &j in &t {
            if !sim.ties.tied(j as usize, i) {
                return Err(format!("{i}–{j} not mutual"));
            }
            if (j as usize) > i {
                edges.push((i as u32, j));
            }
        }
    }
    let csr = Network::from_edges(n, &edges, None, None).unwrap().csr();
    for i in 0..n {
        let mut t: Vec<u32> = sim.ties.slots(i).map(|e| sim.ties.target[e]).collect();
        t.sort_unstable();
        if t != csr.neighbors(i) {
            return Err(format!(
                "firm {i}: layout {t:?} vs rebuilt {:?}",
                csr.neighbors(i)
            ));
        }
    }
    if edges.len() != sim.tie_count() {
        return Err("tie count".into());
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn the_dynamic_network_keeps_its_invariants_after_every_step(
        n in 10usize..80,
        extra in 0u64..4,
        entry_ties in 0u32..3,
        reputation in proptest::prelude::any::<bool>(),
        seed in 0u64..1000,
    ) {
        // A ring with chords, in two groups.
        let edges: Vec<(u32, u32)> = (0..n as u32)
            .flat_map(|i| [(i, (i + 1) % n as u32), (i, (i + 3) % n as u32)])
            .collect();
        let groups: Vec<u32> = (0..n as u32).map(|i| i % 2).collect();
        let net = Network::from_edges(n, &edges, Some(groups), None).unwrap();
        let max_degree = (0..n).map(|i| net.csr().degree(i)).max().unwrap() as u64;
        let cap = (max_degree + extra).max(u64::from(entry_ties));
        let cfg = every_formation_mechanism(cap, entry_ties, reputation);
        let mut sim = FirmSimulation::new(&net, &cfg, seed).unwrap();
        let mut formed = 0.0;
        for step in 1..=40 {
            sim.step();
            let l = sim.ledger();
            formed += l.ties_by_closure() + l.ties_by_meeting() + l.ties_by_introduction()
                + l.ties_at_fairs();
            let checked = check_dynamic_network(&sim, cap as usize);
            proptest::prop_assert!(checked.is_ok(), "step {}: {:?}", step, checked);
        }
        proptest::prop_assert!(formed > 0.0);
    }
}

/// A run of 300 firms in three groups with every formation mechanism on: the records of
/// every step and the final trusts.
fn all_formation_run() -> (Vec<FirmRecord>, Vec<(usize, usize, f64)>) {
    let n = 300u32;
    let edges: Vec<(u32, u32)> = (0..n)
        .flat_map(|i| [(i, (i + 1) % n), (i, (i + 7) % n)])
        .collect();
    let groups: Vec<u32> = (0..n).map(|i| i % 3).collect();
    let cfg = every_formation_mechanism(8, 2, true);
    let mut sim = economy(n as usize, &edges, Some(groups), &cfg);
    let mut records = Vec::new();
    for _ in 0..40 {
        sim.step();
        records.push(sim.record().clone());
    }
    (records, sim.trusts().collect())
}

#[test]
fn every_formation_mechanism_on_is_deterministic_on_any_thread_count() {
    let runs: Vec<_> = [1, 2]
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(all_formation_run)
        })
        .collect();
    // Debug text: NaN statistics compare equal so.
    assert_eq!(format!("{:?}", runs[0]), format!("{:?}", runs[1]));
    let formed: f64 = runs[0]
        .0
        .iter()
        .map(|r| r.ledger.ties_by_closure() + r.ledger.ties_at_fairs())
        .sum();
    assert!(formed > 0.0);
}
