//! Hand-computed tests of standing (`mechanisms/reputation.rs`).

use super::*;

#[test]
fn standing_drops_by_the_reputation_loss_when_caught_and_recovers_toward_one_otherwise() {
    // q = 1, loss 0.25, recovery 0.2. Step 1: firm 1 defects and is caught: standing
    // 1 · (1 − 0.25) = 0.75; firm 0 stays at 1 + 0.2 · 0 = 1. Step 2: firm 1 cooperates
    // (its opportunism set to 0): 0.75 + 0.2 · (1 − 0.75) = 0.8.
    let mut cfg = base();
    cfg.monitoring.q = 1.0;
    cfg.monitoring.reputation_loss = 0.25;
    cfg.reputation.recovery = 0.2;
    let mut sim = pair(&cfg, [0.0, 1.0]);
    sim.step();
    near(sim.firms.standing[0], 1.0);
    near(sim.firms.standing[1], 0.75);
    sim.firms.opportunism[1] = 0.0;
    sim.step();
    near(sim.firms.standing[1], 0.8);
}
