//! Hand-computed tests of the buying groups (`mechanisms/buying_group.rs`): the pooled price,
//! free-riding covered by the payers, detection, fines and expulsion, monitoring paid from
//! the treasury (pool punishment); and a property test of the accounting identity with
//! associations and buying groups on.

use proptest::prelude::*;

use super::*;

/// Associations from `from` with fee `fee` (trust never falls below the threshold 0, no
/// joins).
fn assoc(from: AssociationSource, members: Vec<u32>, fee: f64) -> AssociationConfig {
    AssociationConfig {
        from,
        members,
        fee,
        initial_trust: 0.5,
        trust_rate: 0.5,
        leave_below: 0.0,
        join: 0.0,
        join_trust: 0.5,
    }
}

/// A buying group: `quantity` units at list price `u0`, discount `d` full at `saturation`
/// members, no free-riding, no monitoring.
fn group(quantity: f64, u0: f64, d: f64, saturation: u64) -> BuyingGroupConfig {
    BuyingGroupConfig {
        quantity,
        unit_cost: u0,
        discount: d,
        saturation,
        ..BuyingGroupConfig::default()
    }
}

#[test]
fn at_saturation_every_member_pays_the_full_discount_below_it_part_and_outsiders_the_list_price() {
    // Group 0: firms 0–3, all members, n = 4 >= n_sat = 3; group 1: firm 4 a member alone
    // (n = 1), firm 5 not a member. q = 3, u0 = 2, d = 0.25, no fees, no income.
    //   group 0: u = 2(1 − 0.25) = 1.5 = u0(1 − d); bill 3 · 1.5 = 4.5; capital 5.5;
    //            savings 4 · 3 · (2 − 1.5) = 6;
    //   group 1: u = 2(1 − 0.25 · 1/3) = 11/6; bill 5.5; capital 4.5; savings 3 · 1/6 = 0.5;
    //   firm 5: 3 · 2 = 6; capital 4.
    // Input costs 4 · 4.5 + 5.5 + 6 = 29.5; savings 6.5.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.optional.association = assoc(AssociationSource::List, vec![0, 1, 2, 3, 4], 0.0);
    cfg.optional.buying_group = group(3.0, 2.0, 0.25, 3);
    let groups = vec![0, 0, 0, 0, 1, 1];
    let mut sim = economy(6, &[(0, 1), (2, 3), (4, 5)], Some(groups), &cfg);
    sim.step();
    near(sim.buying.unit_cost[0], 2.0 * (1.0 - 0.25));
    near(sim.buying.unit_cost[1], 11.0 / 6.0);
    for (got, want) in sim.capital().iter().zip([5.5, 5.5, 5.5, 5.5, 4.5, 4.0]) {
        near(*got, want);
    }
    near(sim.ledger().input_costs(), 29.5);
    near(sim.ledger().buying_group_savings(), 6.5);
    near(sim.ledger().buying_group_monitoring(), 0.0);
    let r = sim.record().clone();
    near(r.groups[1].buying_savings, 6.0);
    near(r.groups[2].buying_savings, 0.5);
    near(r.groups[0].buying_savings, 6.5);
    assert_eq!(r.groups[0].free_riders, 0);
    assert!(sim.check_invariants());
}

#[test]
fn a_detected_free_rider_pays_the_fine_and_is_expelled_and_the_payers_cover_its_share() {
    // Three members, opportunism 1, 0, 0; free_ride 1 (firm 0 free-rides for sure, the others
    // never), monitoring 1 (a free-rider is detected for sure) at no cost, fine 2, expel.
    // q = 1, u0 = 1, d = 0.5, n_sat = 3.
    //   step 1: n = 3, u = 0.5, payers 2, each pays 1 · 0.5 · 3/2 = 0.75: capital 9.25;
    //           firm 0 pays nothing but the fine 2: capital 8, treasury 2; expelled: members
    //           2, departures 1. Savings 3 · 0.5 = 1.5 (the free-rider's included).
    //   step 2: firm 0 pays the list price 1: capital 7; n = 2, u = 1 − 0.5 · 2/3 = 2/3,
    //           nobody free-rides: 9.25 − 2/3.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.opportunism = given(&[1.0, 0.0, 0.0]);
    cfg.optional.association = assoc(AssociationSource::Groups, Vec::new(), 0.0);
    cfg.optional.buying_group = BuyingGroupConfig {
        free_ride: 1.0,
        monitoring: 1.0,
        fine: 2.0,
        expel: true,
        ..group(1.0, 1.0, 0.5, 3)
    };
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    sim.step();
    for (got, want) in sim.capital().iter().zip([8.0, 9.25, 9.25]) {
        near(*got, want);
    }
    near(sim.association_treasury(), 2.0);
    near(sim.ledger().input_costs(), 1.5);
    near(sim.ledger().buying_group_fines_paid(), 2.0);
    near(sim.ledger().buying_group_fines_received(), 2.0);
    near(sim.ledger().buying_group_savings(), 1.5);
    let r = sim.record().clone();
    assert_eq!(r.groups[0].free_riders, 1);
    assert_eq!(r.groups[0].free_riders_detected, 1);
    assert_eq!(r.groups[0].assoc_members, 2);
    assert_eq!(r.groups[0].assoc_departures, 1);
    assert!(sim.check_invariants());
    sim.step();
    for (got, want) in sim
        .capital()
        .iter()
        .zip([7.0, 9.25 - 2.0 / 3.0, 9.25 - 2.0 / 3.0])
    {
        near(*got, want);
    }
    let r = sim.record().clone();
    assert_eq!((r.groups[0].free_riders, r.groups[0].assoc_members), (0, 2));
    assert!(sim.check_invariants());
}

#[test]
fn monitoring_paid_from_the_treasury_runs_only_when_the_treasury_can_pay_for_it() {
    // As above without expulsion, monitoring costs 0.5 per member and step (1.5 for three).
    // With fee 1: after the fees the treasury holds 3 >= 1.5, pays it (1.5 left), detects
    // firm 0 and takes its fine 2: treasury 3.5. Capital: firm 0 10 − 1 − 2 = 7, the payers
    // 10 − 1 − 0.75 = 8.25.
    // With no fee the treasury (0) cannot pay: no monitoring, firm 0 free-rides undetected
    // (capital 10), the payers 9.25.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.opportunism = given(&[1.0, 0.0, 0.0]);
    cfg.optional.association = assoc(AssociationSource::Groups, Vec::new(), 1.0);
    cfg.optional.buying_group = BuyingGroupConfig {
        free_ride: 1.0,
        monitoring: 1.0,
        fine: 2.0,
        monitoring_cost: 0.5,
        ..group(1.0, 1.0, 0.5, 3)
    };
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    sim.step();
    for (got, want) in sim.capital().iter().zip([7.0, 8.25, 8.25]) {
        near(*got, want);
    }
    near(sim.association_treasury(), 3.5);
    near(sim.ledger().buying_group_monitoring(), 1.5);
    assert_eq!(sim.record().groups[0].free_riders_detected, 1);
    assert_eq!(sim.association_members(), 3);

    cfg.optional.association.fee = 0.0;
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    sim.step();
    for (got, want) in sim.capital().iter().zip([10.0, 9.25, 9.25]) {
        near(*got, want);
    }
    near(sim.association_treasury(), 0.0);
    near(sim.ledger().buying_group_monitoring(), 0.0);
    let r = sim.record().clone();
    assert_eq!(
        (r.groups[0].free_riders, r.groups[0].free_riders_detected),
        (1, 0)
    );
}

#[test]
fn when_every_member_would_free_ride_everyone_pays_its_own_share() {
    // Two members of opportunism 1, free_ride 1: nobody would pay, so nobody free-rides;
    // each pays q · u(2) = 2 · 1 · (1 − 0.5 · min(1, 2/4)) = 1.5: capital 8.5.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.opportunism = given(&[1.0, 1.0]);
    cfg.optional.association = assoc(AssociationSource::Groups, Vec::new(), 0.0);
    cfg.optional.buying_group = BuyingGroupConfig {
        free_ride: 1.0,
        ..group(2.0, 1.0, 0.5, 4)
    };
    let mut sim = economy(2, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.capital()[0], 8.5);
    near(sim.capital()[1], 8.5);
    assert_eq!(sim.record().groups[0].free_riders, 0);
}

#[test]
fn free_riding_follows_the_keyed_draw_and_opportunism() {
    // Four members of opportunism 0.5, free_ride 0.8: member i free-rides iff the low half of
    // word i of (1, BuyingGroup) is below 0.4 (the word read by hand).
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.opportunism = Distribution::Constant { value: 0.5 };
    cfg.optional.association = assoc(AssociationSource::Groups, Vec::new(), 0.0);
    cfg.optional.buying_group = BuyingGroupConfig {
        free_ride: 0.8,
        ..group(1.0, 1.0, 0.0, 1)
    };
    let seeds: Vec<u64> = (1..40).collect();
    let mut seen = [false; 2];
    for seed in seeds {
        let riders = (0..4)
            .filter(|&i| low(word(seed, 1, Phase::BuyingGroup, i)) < 0.4)
            .count();
        let mut sim = economy_seeded(4, &[(0, 1), (2, 3)], None, &cfg, seed);
        sim.step();
        let want = if riders == 4 { 0 } else { riders as u64 };
        assert_eq!(sim.record().groups[0].free_riders, want, "seed {seed}");
        seen[usize::from(want > 0)] = true;
    }
    assert_eq!(seen, [true, true], "seeds with and without free-riders");
}

#[test]
fn a_buying_group_without_associations_is_refused() {
    let mut cfg = base();
    cfg.optional.buying_group = group(1.0, 1.0, 0.5, 3);
    let net = Network::from_edges(2, &[(0, 1)], None, None).unwrap();
    assert!(matches!(
        FirmSimulation::new(&net, &cfg, 1),
        Err(ModelError::OutOfRange {
            name: "buying_group.quantity",
            ..
        })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// With associations and buying groups on (random prices, free-riding, monitoring paid
    /// or free, fines, expulsions; market shocks, projects, exits and entries): the
    /// invariants hold and capital plus every treasury changes by exactly what the ledger
    /// says.
    #[test]
    fn buying_groups_keep_the_books_balanced(
        seed in 0u64..1000,
        fee in 0.0f64..1.0,
        quantity in 0.01f64..2.0,
        discount in 0.0f64..1.0,
        saturation in 1u64..20,
        free_ride in 0.0f64..1.0,
        monitoring in 0.0f64..1.0,
        fine in 0.0f64..3.0,
        expel in prop::bool::ANY,
        monitoring_cost in 0.0f64..0.5,
    ) {
        let mut cfg = base();
        cfg.market.price = 2.0;
        cfg.market.fixed_cost = 0.5;
        cfg.market.shock_sd = 0.8;
        cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
        cfg.project.rate = 0.5;
        cfg.demography = DemographyConfig { exit_below: 0.0, entry: 0.5, entry_ties: 2 };
        cfg.optional.association = AssociationConfig {
            join: 0.3,
            ..assoc(AssociationSource::Groups, Vec::new(), fee)
        };
        cfg.optional.buying_group = BuyingGroupConfig {
            quantity,
            unit_cost: 0.5,
            discount,
            saturation,
            free_ride,
            monitoring,
            fine,
            expel,
            monitoring_cost,
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
            prop_assert!(all.free_riders_detected <= all.free_riders);
            prop_assert_eq!(all.free_riders, r.groups[1..].iter().map(|g| g.free_riders).sum::<u64>());
        }
    }
}

#[test]
fn a_buying_group_that_moves_no_money_leaves_every_other_draw_and_value_unchanged() {
    // Free inputs (u0 = 0), no free-riding: the phase runs and draws nothing that another
    // mechanism reads, so the run (market shocks, projects, learning, exits, entries, joins)
    // is bit for bit the run without it; with a price the same firms see the same shocks.
    let mut cfg = base();
    cfg.market.price = 2.0;
    cfg.market.fixed_cost = 1.5;
    cfg.market.shock_sd = 0.5;
    cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
    cfg.project.rate = 0.5;
    cfg.learning.rate = 0.2;
    cfg.demography = DemographyConfig {
        exit_below: 0.0,
        entry: 0.5,
        entry_ties: 2,
    };
    cfg.optional.association = AssociationConfig {
        join: 0.3,
        ..assoc(AssociationSource::List, (0..30).step_by(2).collect(), 0.01)
    };
    let edges: Vec<(u32, u32)> = (0..30u32)
        .flat_map(|i| [(i, (i + 1) % 30), (i, (i + 5) % 30)])
        .collect();
    let run = |cfg: &FirmConfig| {
        let mut sim = economy_seeded(30, &edges, Some((0..30).map(|i| i % 2).collect()), cfg, 9);
        let mut incomes = Vec::new();
        for _ in 0..40 {
            sim.step();
            incomes.push(
                (0..sim.len())
                    .map(|i| sim.market_income(i).to_bits())
                    .collect::<Vec<_>>(),
            );
        }
        let capital: Vec<u64> = sim.capital().iter().map(|x| x.to_bits()).collect();
        (capital, sim.opportunism().to_vec(), sim.len(), incomes)
    };
    let without = run(&cfg);
    let mut free = cfg.clone();
    free.optional.buying_group = BuyingGroupConfig {
        monitoring: 1.0,
        ..group(1.0, 0.0, 0.5, 5)
    };
    assert_eq!(run(&free), without);
    // With a price, capital differs but the first step's market shocks are the same.
    free.optional.buying_group.unit_cost = 0.1;
    let priced = run(&free);
    assert_ne!(priced.0, without.0);
    assert_eq!(priced.3[0], without.3[0]);
}
