//! Hand-computed tests of entrants and their partner search (`mechanisms/entry.rs`).

use super::*;

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
