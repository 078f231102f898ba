//! Hand-computed tests of the anchor firms (`mechanisms/anchor.rs`).

use super::*;
use crate::firm::mechanisms::anchor::choose;

#[test]
fn anchors_are_the_firms_of_highest_capital_lower_id_first() {
    assert_eq!(choose(&[1.0, 5.0, 3.0, 5.0], 2), vec![1, 3]);
    assert_eq!(choose(&[1.0, 5.0, 3.0, 5.0], 3), vec![1, 2, 3]);
    assert_eq!(choose(&[1.0, 2.0], 9), vec![0, 1]);
}

#[test]
fn an_anchor_buys_from_its_suppliers_resells_and_assists_them() {
    // Star 0–1, 0–2, 0–3 plus the tie 1–2; capital 20, 10, 10, 10, so firm 0 is the anchor.
    // Productivities 1, 2, 3, 4 (firm 0's does not matter). No supplier proposals (0).
    // price 0.5, resale 1.5, assistance 0.1; no projects, no market.
    // Step 1: purchases 0.5·2 = 1, 0.5·3 = 1.5, 0.5·4 = 2: 4.5 paid; resale 6.75.
    //   capital: 20 − 4.5 + 6.75 = 22.25; 11, 11.5, 12. Productivity 2.2, 3.3, 4.4 (gain
    //   0.9). Assisted 3.
    // Step 2: purchases 1.1, 1.65, 2.2 = 4.95; resale 7.425: 22.25 + 2.475 = 24.725;
    //   12.1, 13.15, 14.2. Productivity 2.42, 3.63, 4.84.
    let mut cfg = base();
    cfg.project.rate = 0.0;
    cfg.init.capital = given(&[20.0, 10.0, 10.0, 10.0]);
    cfg.init.productivity = given(&[1.0, 2.0, 3.0, 4.0]);
    cfg.optional.anchor = AnchorConfig {
        count: 1,
        suppliers: 0,
        price: 0.5,
        resale: 1.5,
        assistance: 0.1,
    };
    let mut sim = economy(4, &[(0, 1), (0, 2), (0, 3), (1, 2)], None, &cfg);
    sim.step();
    for (i, k) in [22.25, 11.0, 11.5, 12.0].into_iter().enumerate() {
        near(sim.capital()[i], k);
    }
    for (i, a) in [1.0, 2.2, 3.3, 4.4].into_iter().enumerate() {
        near(sim.productivity()[i], a);
    }
    let l = *sim.ledger();
    near(l.anchor_purchases(), 4.5);
    near(l.anchor_sales(), 4.5);
    near(l.anchor_resale(), 6.75);
    near(l.assistance_gain(), 0.9);
    assert_eq!(sim.record().assisted, 3);
    sim.step();
    for (i, k) in [24.725, 12.1, 13.15, 14.2].into_iter().enumerate() {
        near(sim.capital()[i], k);
    }
    for (i, a) in [1.0, 2.42, 3.63, 4.84].into_iter().enumerate() {
        near(sim.productivity()[i], a);
    }
}

#[test]
fn anchors_form_their_supplier_ties_at_step_one_and_do_not_buy_from_each_other() {
    // 30 isolated firms but a tie 0–1; capital 100 for firms 0 and 1, else 1: both anchors.
    // Each proposes ties to 5 random non-anchor firms at step 1 (formed at its end), so after
    // step 1 firm 0 has 6 partners (1 and 5 suppliers), firm 1 too, and the suppliers are
    // firms ≥ 2. Step 1 bought nothing (the anchors' only partners were each other); step 2
    // buys 0.1·1 from each of 10 supplier ties (a supplier tied to both anchors sells to
    // both and is assisted once).
    let mut cfg = base();
    cfg.project.rate = 0.0;
    let mut capital = vec![1.0; 30];
    capital[0] = 100.0;
    capital[1] = 100.0;
    cfg.init.capital = given(&capital);
    cfg.optional.anchor = AnchorConfig {
        count: 2,
        suppliers: 5,
        price: 0.1,
        resale: 1.0,
        assistance: 0.0,
    };
    let mut sim = economy(30, &[(0, 1)], None, &cfg);
    sim.step();
    near(sim.ledger().anchor_purchases(), 0.0);
    assert_eq!(sim.record().assisted, 0);
    assert!(sim.check_invariants());
    for h in 0..2 {
        let partners: Vec<usize> = sim.trusts().filter(|t| t.0 == h).map(|t| t.1).collect();
        assert_eq!(partners.len(), 6, "{partners:?}");
        assert!(partners.contains(&(1 - h)));
        assert_eq!(partners.iter().filter(|&&j| j >= 2).count(), 5);
    }
    let distinct: std::collections::BTreeSet<usize> = sim
        .trusts()
        .filter(|t| t.0 < 2 && t.1 >= 2)
        .map(|t| t.1)
        .collect();
    assert_eq!(sim.tie_count(), 11);
    sim.step();
    near(sim.ledger().anchor_purchases(), 1.0);
    assert_eq!(sim.record().assisted, distinct.len() as u64);
    // No proposals after step 1.
    sim.step();
    assert_eq!(sim.tie_count(), 11);
}

#[test]
fn without_anchors_nothing_is_bought() {
    let mut cfg = base();
    cfg.optional.anchor.price = 3.0;
    cfg.optional.anchor.assistance = 0.5;
    let mut sim = economy(3, &[(0, 1), (1, 2)], None, &cfg);
    sim.step();
    near(sim.ledger().anchor_purchases(), 0.0);
    near(sim.productivity()[1], 1.0);
}
