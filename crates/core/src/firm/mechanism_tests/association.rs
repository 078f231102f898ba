//! Hand-computed tests of the associations (`mechanisms/association.rs`), and a property
//! test of their invariants and of the accounting identity with associations on.

use proptest::prelude::*;

use super::*;

/// Associations from `from`, fee `fee`, initial trust 0.5, rate 0.5, never leaving, no joins.
fn assoc(from: AssociationSource, fee: f64) -> AssociationConfig {
    AssociationConfig {
        from,
        members: Vec::new(),
        fee,
        initial_trust: 0.5,
        trust_rate: 0.5,
        leave_below: 0.0,
        join: 0.0,
        join_trust: 0.5,
    }
}

#[test]
fn members_pay_the_fee_into_their_groups_treasury_and_trust_rises_without_losses() {
    // Firms 0–1 in group 0, firm 2 in group 1 (tie 1–2); capital 10, no income (no market,
    // no projects), fee 1. Market income 0 ≥ 0, so s = 1 each step:
    //   step 1: T = 0.5 + 0.5(1 − 0.5) = 0.75; capital 9 each; treasuries 2 and 1;
    //   step 2: T = 0.75 + 0.5 · 0.25 = 0.875; capital 8; treasuries 4 and 2.
    // Fees paid = received = 3 per step.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.optional.association = assoc(AssociationSource::Groups, 1.0);
    let mut sim = economy(3, &[(0, 1), (1, 2)], Some(vec![0, 0, 1]), &cfg);
    for (t, trust) in [0.75, 0.875].into_iter().enumerate() {
        sim.step();
        let k = 10.0 - (t + 1) as f64;
        for i in 0..3 {
            near(sim.capital()[i], k);
            near(sim.associations.trust[i], trust);
        }
        near(sim.groups.treasury[0], 2.0 * (t + 1) as f64);
        near(sim.groups.treasury[1], (t + 1) as f64);
        near(sim.ledger().association_fees_paid(), 3.0);
        near(sim.ledger().association_fees_received(), 3.0);
        near(sim.association_treasury(), 3.0 * (t + 1) as f64);
        assert!(sim.check_invariants());
    }
    let r = sim.record().clone();
    assert_eq!(r.groups[0].assoc_members, 3);
    assert_eq!(r.groups[1].assoc_members, 2);
    near(r.groups[1].assoc_treasury, 4.0);
    near(r.groups[0].assoc_treasury, 6.0);
    near(r.groups[2].assoc_trust_mean, 0.875);
}

#[test]
fn members_who_lose_money_lose_trust_and_leave_below_the_threshold() {
    // Two firms tied, price 0, fixed cost 1: market income −1 each step, so s = 0. Fee 0.5,
    // initial trust 0.5, rate 0.5, leave below 0.2:
    //   step 1: T = 0.5 + 0.5(0 − 0.5) = 0.25 ≥ 0.2, pays: capital 10 − 0.5 − 1 = 8.5;
    //   step 2: T = 0.125 < 0.2: both leave (2 departures), no fee: 8.5 − 1 = 7.5;
    //   step 3: no members, no departures: 6.5.
    // Treasury 2 · 0.5 = 1.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.market.fixed_cost = 1.0;
    cfg.optional.association = AssociationConfig {
        leave_below: 0.2,
        ..assoc(AssociationSource::Groups, 0.5)
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    for (capital, trust, members, departures) in
        [(8.5, 0.25, 2, 0), (7.5, 0.125, 0, 2), (6.5, 0.125, 0, 0)]
    {
        sim.step();
        near(sim.capital()[0], capital);
        near(sim.associations.trust[1], trust);
        let r = sim.record().clone();
        assert_eq!(r.groups[0].assoc_members, members);
        assert_eq!(r.groups[0].assoc_departures, departures);
        assert!(sim.check_invariants());
    }
    near(sim.association_treasury(), 1.0);
    assert!(sim.record().groups[0].assoc_trust_mean.is_nan());
}

#[test]
fn outsiders_join_through_a_trusted_member_partner_one_tie_per_step() {
    // Path 0–1–2, one group; only firm 0 listed. join = 1, join_trust = 0.5 = τ0. Fee 1.
    //   step 1: firm 1 has member partner 0 with τ_10 = 0.5 ≥ 0.5: joins (and pays); firm 2's
    //   only partner, 1, was not a member at the step's start: stays out. Members 2, joins 1;
    //   capital 9, 9, 10 (no projects).
    //   step 2: firm 2 joins through 1. Members 3, joins 1; capital 8, 8, 9.
    // With join_trust 0.6 > 0.5 nobody ever joins.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.optional.association = AssociationConfig {
        members: vec![0],
        join: 1.0,
        ..assoc(AssociationSource::List, 1.0)
    };
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    for (capital, members) in [([9.0, 9.0, 10.0], 2), ([8.0, 8.0, 9.0], 3)] {
        sim.step();
        for (got, want) in sim.capital().iter().zip(capital) {
            near(*got, want);
        }
        let r = sim.record().clone();
        assert_eq!(r.groups[0].assoc_members, members);
        assert_eq!(r.groups[0].assoc_joins, 1);
        assert!(sim.check_invariants());
    }
    cfg.optional.association.join_trust = 0.6;
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    sim.step();
    sim.step();
    assert_eq!(sim.association_members(), 1);
}

#[test]
fn a_member_that_exits_leaves_its_association() {
    // Firms 0, 1 tied; capital 1 and 5; fixed cost 2; exit below 0; fee 0.5.
    //   step 1: capital 1 − 0.5 − 2 = −1.5 (firm 0 exits), 5 − 2.5 = 2.5. Members 1,
    //   departures 1; treasury 1.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.market.fixed_cost = 2.0;
    cfg.demography.exit_below = 0.0;
    cfg.init.capital = given(&[1.0, 5.0]);
    cfg.optional.association = assoc(AssociationSource::Groups, 0.5);
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.capital()[1], 2.5);
    let r = sim.record().clone();
    assert_eq!(
        (r.groups[0].assoc_members, r.groups[0].assoc_departures),
        (1, 1)
    );
    near(sim.association_treasury(), 1.0);
    assert!(sim.check_invariants());
}

#[test]
fn a_listed_member_that_is_not_a_firm_is_refused() {
    let mut cfg = base();
    cfg.optional.association = AssociationConfig {
        members: vec![1, 3],
        ..assoc(AssociationSource::List, 0.0)
    };
    let net = Network::from_edges(3, &[(0, 1)], None, None).unwrap();
    assert!(matches!(
        FirmSimulation::new(&net, &cfg, 1),
        Err(ModelError::OutOfRange {
            name: "association.members",
            ..
        })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// With associations on (random rules, market shocks, projects, exits and entries):
    /// members are alive, the counts add up, treasuries stay >= 0, and capital plus every
    /// treasury changes by exactly what the ledger says.
    #[test]
    fn associations_keep_their_invariants_and_the_books_balance(
        seed in 0u64..1000,
        groups in prop::bool::ANY,
        fee in 0.0f64..2.0,
        rate in 0.0f64..1.0,
        leave in 0.0f64..0.9,
        join in 0.0f64..1.0,
        join_trust in 0.0f64..1.0,
    ) {
        let mut cfg = base();
        cfg.market.price = 1.0;
        cfg.market.fixed_cost = 1.0;
        cfg.market.shock_sd = 0.8;
        cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
        cfg.project.rate = 0.5;
        cfg.demography = DemographyConfig { exit_below: 0.0, entry: 0.5, entry_ties: 2 };
        let from = if groups { AssociationSource::Groups } else { AssociationSource::List };
        cfg.optional.association = AssociationConfig {
            from,
            members: (0..40).step_by(3).collect(),
            fee,
            initial_trust: 0.6,
            trust_rate: rate,
            leave_below: leave,
            join,
            join_trust,
        };
        let edges: Vec<(u32, u32)> = (0..40u32).flat_map(|i| [(i, (i + 1) % 40), (i, (i + 7) % 40)]).collect();
        let group: Vec<u32> = (0..40).map(|i| i % 3).collect();
        let mut sim = economy_seeded(40, &edges, Some(group), &cfg, seed);
        for _ in 0..30 {
            let before = sim.capital_total() + sim.treasury() + sim.association_treasury();
            let members_before = sim.association_members();
            sim.step();
            let l = *sim.ledger();
            let after = sim.capital_total() + sim.treasury() + sim.association_treasury();
            let scale = 1.0 + l.flows().map(|(_, a)| a.abs()).sum::<f64>() + before.abs();
            prop_assert!((after - before - l.net_change()).abs() < 1e-9 * scale);
            prop_assert!(l.transfer_imbalance().abs() < 1e-9 * scale);
            prop_assert!(sim.check_invariants());
            let r = sim.record().clone();
            let all = r.groups[0];
            prop_assert_eq!(members_before + all.assoc_joins as usize - all.assoc_departures as usize, all.assoc_members);
            prop_assert_eq!(all.assoc_members, r.groups[1..].iter().map(|g| g.assoc_members).sum::<usize>());
        }
    }
}
