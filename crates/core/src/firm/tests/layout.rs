//! The slot layout is memory only: compacting it changes no record, no tie, no trust and no
//! firm's relationship capacity, which follows the model's rule alone (initial degree plus
//! the slack, or the entry ties plus the slack for an entrant; ties lost to exits and breaks
//! free capacity).

use super::*;

/// Each alive firm's relationship capacity as the layout holds it (its slot range).
fn capacities(sim: &FirmSimulation) -> Vec<Option<u32>> {
    (0..sim.len())
        .map(|i| (sim.firms.alive[i] != 0).then(|| sim.ties.start[i + 1] - sim.ties.start[i]))
        .collect()
}

/// Each alive firm's relationship capacity by the model's rule.
fn capacities_by_rule(sim: &FirmSimulation, net: &Network) -> Vec<Option<u32>> {
    let csr = net.csr();
    (0..sim.len())
        .map(|i| {
            let ties = if i < sim.n0 {
                csr.degree(i) as u32
            } else {
                sim.cfg.demography.entry_ties
            };
            (sim.firms.alive[i] != 0).then_some(ties + sim.slack)
        })
        .collect()
}

/// Every tie of every firm, in slot order: partner, trust bits and encounter counts.
fn ties_of(sim: &FirmSimulation) -> Vec<Vec<(u32, u32, u64)>> {
    let t = &sim.ties;
    (0..sim.len())
        .map(|i| {
            t.slots(i)
                .map(|e| {
                    let enc = if t.enc.is_empty() { 0 } else { t.enc[e] };
                    (t.target[e], t.tau[e].to_bits(), enc)
                })
                .collect()
        })
        .collect()
}

/// Fails, naming the first firm where they differ, unless `a == b`.
fn assert_same<T: PartialEq + std::fmt::Debug>(a: &[T], b: &[T], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    if let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) {
        panic!("{what} of firm {i}: {:?} vs {:?}", a[i], b[i]);
    }
}

/// A run with many exits, entries and broken ties: opportunism mean 0.6, entry on.
fn churning(beta_rule: bool) -> FirmConfig {
    let mut cfg = config(60);
    cfg.init.opportunism = Distribution::Beta {
        alpha: 3.0,
        beta: 2.0,
    };
    cfg.demography.entry = 1.0;
    if beta_rule {
        cfg.trust.rule = TrustRule::Beta {
            alpha: 2.0,
            beta: 1.0,
        };
    }
    cfg
}

#[test]
fn slot_compaction_changes_no_record_tie_or_capacity() {
    let net = sbm(2000, 6);
    for beta_rule in [false, true] {
        let cfg = churning(beta_rule);
        let mut eager = FirmSimulation::new(&net, &cfg, 8).unwrap();
        let mut never = eager.clone();
        // Compacts whenever more than a tenth of the layout is unused, or never.
        eager.compact_margin = 0;
        never.compact_margin = usize::MAX;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        eager.run(&mut a).unwrap();
        never.run(&mut b).unwrap();
        assert!(
            eager.ties.target.len() < never.ties.target.len(),
            "compaction fired ({} vs {} slots)",
            eager.ties.target.len(),
            never.ties.target.len()
        );
        assert!(eager.check_invariants() && never.check_invariants());
        assert!(eager.exits() > 200 && eager.len() > 2200, "firms churned");
        // Debug text, so that NaN columns compare equal.
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert!(
                format!("{x:?}") == format!("{y:?}"),
                "record of step {}",
                x.step
            );
        }
        assert_same(&ties_of(&eager), &ties_of(&never), "ties");
        assert_same(&capacities(&eager), &capacities(&never), "capacity");
        assert_same(
            &capacities(&eager),
            &capacities_by_rule(&eager, &net),
            "capacity (layout vs rule)",
        );
        let bits = |s: &FirmSimulation| s.capital().iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_same(&bits(&eager), &bits(&never), "capital");
    }
}

#[test]
fn compaction_leaves_every_firms_capacity_by_the_models_rule() {
    let net = sbm(800, 2);
    let mut sim = FirmSimulation::new(&net, &churning(false), 5).unwrap();
    sim.compact_margin = usize::MAX;
    for _ in 0..30 {
        sim.step();
    }
    let before = capacities(&sim);
    assert_same(&before, &capacities_by_rule(&sim, &net), "capacity before");
    // Ties broke and firms exited: some alive firms have free capacity beyond the slack,
    // which compaction must not take away.
    let spare = |s: &FirmSimulation| {
        (0..s.len())
            .filter(|&i| s.firms.alive[i] != 0)
            .filter(|&i| s.ties.start[i + 1] - s.ties.start[i] > s.ties.len[i] + s.slack)
            .count()
    };
    assert!(
        spare(&sim) > 50,
        "{} firms with spare capacity",
        spare(&sim)
    );
    let ties = ties_of(&sim);
    let slots = sim.ties.target.len();
    sim.compact_slots();
    sim.chunk_slot_ends();
    assert!(sim.ties.target.len() < slots, "exited firms' slots freed");
    assert!(sim.check_invariants());
    assert_same(&capacities(&sim), &before, "capacity after compaction");
    assert_same(&ties_of(&sim), &ties, "ties after compaction");
    // Steps after a compaction still follow the rule, compaction or not.
    sim.compact_margin = 0;
    for _ in 0..30 {
        sim.step();
        assert_same(
            &capacities(&sim),
            &capacities_by_rule(&sim, &net),
            "capacity",
        );
    }
}
