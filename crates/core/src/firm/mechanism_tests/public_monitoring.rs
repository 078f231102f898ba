//! Hand-computed tests of the public monitoring programme
//! (`mechanisms/public_monitoring.rs`).

use super::*;
use crate::firm::mechanisms::public_monitoring::detection;

#[test]
fn the_programme_detects_a_share_of_what_the_firms_own_monitoring_misses() {
    // q + (1 − q) · boost: 0.2 + 0.8 · 0.5 = 0.6; boost 0 leaves q; boost 1 detects all.
    near(detection(0.2, 0.5), 0.6);
    near(detection(0.2, 0.0), 0.2);
    near(detection(0.2, 1.0), 1.0);
}

#[test]
fn a_full_programme_fines_every_defection_in_its_window_at_a_cost_per_alive_firm() {
    // Firm 0 always defects (θ = 1), firm 1 cooperates; the firms' own monitoring q = 0.
    // Programme boost 1 (every defection detected), cost 0.25 per firm, window 1..=1; fine
    // 0.3 to the victim: step 1 fines paid 0.3, programme cost 2 · 0.25 = 0.5; step 2 no
    // programme: no detection, no fine, no cost. Public cost 0.5.
    let mut cfg = base();
    cfg.monitoring.fine = 0.3;
    cfg.monitoring.fine_to = FineTo::Victim;
    cfg.optional.public_monitoring = PublicMonitoringConfig {
        boost: 1.0,
        cost_per_firm: 0.25,
        start: 1,
        stop: 1,
    };
    let mut sim = pair(&cfg, [1.0, 0.0]);
    sim.step();
    near(sim.ledger().fines_paid(), 0.3);
    near(sim.ledger().fines_to_victims(), 0.3);
    near(sim.ledger().public_monitoring_costs(), 0.5);
    sim.step();
    near(sim.ledger().fines_paid(), 0.0);
    near(sim.ledger().public_monitoring_costs(), 0.0);
    near(sim.summary().public_cost_total, 0.5);
}
