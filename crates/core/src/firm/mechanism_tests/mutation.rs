//! Hand-computed tests of mutation of opportunism (`mechanisms/mutation.rs`).

use super::super::dist::normal_inv;
use super::*;

#[test]
fn mutation_adds_sd_times_the_firms_normal_draw_clipped_to_the_unit_interval() {
    // Mutation certain, sd 0.1, no imitation: θ_i + 0.1 · z_i with z_i = Φ⁻¹(word i of
    // (step 1, FirmMutation)); with sd 10 the result is clipped to 0 or 1 by the sign of z.
    let z: Vec<f64> = (0..2)
        .map(|i| normal_inv(word(1, 1, Phase::FirmMutation, i)))
        .collect();
    for (sd, theta) in [(0.1, [0.5, 0.3]), (10.0, [0.5, 0.5])] {
        let mut cfg = base();
        cfg.learning.mutation = 1.0;
        cfg.learning.mutation_sd = sd;
        let mut sim = pair(&cfg, theta);
        sim.step();
        for i in 0..2 {
            near(sim.opportunism()[i], (theta[i] + sd * z[i]).clamp(0.0, 1.0));
        }
        if sd > 1.0 {
            assert!(sim.opportunism().iter().all(|&t| t == 0.0 || t == 1.0));
        }
    }
}
