//! The agent-level rows (`FirmRow`, `TieRow`) against the simulation's state: a hand-checked
//! economy of four firms at step 0, then every row against the other accessors after steps
//! with exits, entries and broken ties.

use super::*;

/// Four firms in two groups, `0 – 1 – 2 – 3` plus `0 – 2`; groups `[5, 5, 7, 7]`.
fn path() -> Network {
    Network::from_edges(
        4,
        &[(0, 1), (1, 2), (2, 3), (0, 2)],
        Some(vec![5, 5, 7, 7]),
        None,
    )
    .unwrap()
}

/// Constant initial values: capital 3, productivity 1.5, opportunism 0.25, trust 0.6.
fn constant(steps: u64) -> FirmConfig {
    let mut cfg = config(steps);
    cfg.init = FirmInit {
        capital: Distribution::Constant { value: 3.0 },
        productivity: Distribution::Constant { value: 1.5 },
        opportunism: Distribution::Constant { value: 0.25 },
    };
    cfg
}

#[test]
fn rows_at_step_zero_are_the_initial_firms_and_each_tie_once() {
    let sim = FirmSimulation::new(&path(), &constant(3), 1).unwrap();
    let firms: Vec<FirmRow> = sim.firm_rows().collect();
    let expect = |id: u32, group: u32| FirmRow {
        id,
        group,
        alive: true,
        capital: 3.0,
        productivity: 1.5,
        opportunism: 0.25,
        member: None,
        association_trust: None,
    };
    assert_eq!(
        firms,
        [expect(0, 5), expect(1, 5), expect(2, 7), expect(3, 7)]
    );
    let mut ties: Vec<TieRow> = sim.tie_rows().collect();
    ties.sort_by_key(|t| (t.a, t.b));
    // τ0 = 0.6 as an f32, both ways.
    let tau = f64::from(0.6_f32);
    let tie = |a, b, within_group| TieRow {
        a,
        b,
        trust_ab: tau,
        trust_ba: tau,
        within_group,
    };
    assert_eq!(
        ties,
        [
            tie(0, 1, true),
            tie(0, 2, false),
            tie(1, 2, false),
            tie(2, 3, true)
        ]
    );
}

#[test]
fn association_members_and_their_trust_appear_only_with_the_mechanism_on() {
    let mut cfg = constant(3);
    cfg.optional.association = AssociationConfig {
        from: AssociationSource::List,
        members: vec![1, 3],
        initial_trust: 0.7,
        ..AssociationConfig::default()
    };
    let sim = FirmSimulation::new(&path(), &cfg, 1).unwrap();
    let got: Vec<(Option<bool>, Option<f64>)> = sim
        .firm_rows()
        .map(|r| (r.member, r.association_trust))
        .collect();
    assert_eq!(
        got,
        [
            (Some(false), None),
            (Some(true), Some(0.7)),
            (Some(false), None),
            (Some(true), Some(0.7))
        ]
    );
}

/// After each of 40 steps of an economy with exits, entries and breaks: the firm rows are the
/// accessors' columns, and the tie rows are exactly the directed trusts, once per tie.
#[test]
fn rows_after_steps_equal_the_state_the_other_accessors_read() {
    let net = sbm(200, 3);
    let mut cfg = config(40);
    cfg.optional.association = AssociationConfig {
        from: AssociationSource::Groups,
        fee: 0.01,
        initial_trust: 0.8,
        trust_rate: 0.3,
        leave_below: 0.5,
        join: 0.3,
        join_trust: 0.5,
        ..AssociationConfig::default()
    };
    let mut sim = FirmSimulation::new(&net, &cfg, 9).unwrap();
    let (mut exited, mut entered, mut left) = (false, false, false);
    while !sim.is_done() {
        sim.step();
        let rows: Vec<FirmRow> = sim.firm_rows().collect();
        assert_eq!(rows.len(), sim.len());
        let alive: Vec<bool> = sim.alive().collect();
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.id as usize, i);
            assert_eq!(r.group, sim.groups()[i]);
            assert_eq!(r.alive, alive[i]);
            assert_eq!(r.capital.to_bits(), sim.capital()[i].to_bits());
            assert_eq!(r.productivity.to_bits(), sim.productivity()[i].to_bits());
            assert_eq!(r.opportunism.to_bits(), sim.opportunism()[i].to_bits());
            let member = r.member.expect("association on");
            assert_eq!(member, r.association_trust.is_some());
            assert!(!member || r.alive, "only alive firms are members");
            left |= r.alive && !member;
        }
        let members = rows.iter().filter(|r| r.member == Some(true)).count();
        assert_eq!(members, sim.association_members());
        exited |= sim.exits() > 0;
        entered |= sim.len() > 200;

        let ties: Vec<TieRow> = sim.tie_rows().collect();
        assert_eq!(ties.len(), sim.tie_count());
        let mut directed: Vec<(usize, usize, u64)> =
            sim.trusts().map(|(i, j, t)| (i, j, t.to_bits())).collect();
        directed.sort_unstable();
        let mut from_rows: Vec<(usize, usize, u64)> = ties
            .iter()
            .flat_map(|t| {
                assert!(t.a < t.b);
                let (a, b) = (t.a as usize, t.b as usize);
                assert_eq!(t.within_group, sim.groups()[a] == sim.groups()[b]);
                assert!(alive[a] && alive[b], "ties join alive firms");
                [(a, b, t.trust_ab.to_bits()), (b, a, t.trust_ba.to_bits())]
            })
            .collect();
        from_rows.sort_unstable();
        assert_eq!(from_rows, directed, "step {}", sim.current_step());
    }
    assert!(
        exited && entered && left,
        "the run exercised exits, entries and departures"
    );
}
