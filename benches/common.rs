//! What the benches share: the reference classic model.

use asocia_core::classic::config::{
    GameConfig, InitialConfig, Payoffs, RunConfig, Schedule, SimConfig, UpdateConfig, UpdateRule,
};

/// The reference classic model (`scenarios/bench-ba-pd-fermi.toml`): weak prisoner's dilemma
/// (R = 1, T = b = 1.5, S = P = 0, accumulated payoffs, no self-interaction), synchronous
/// Fermi (K = 0.1) against one random neighbour, half the agents cooperating at random,
/// run for `steps` steps.
pub fn weak_pd_fermi(steps: u64) -> SimConfig {
    SimConfig {
        game: GameConfig {
            payoffs: Payoffs {
                r: 1.0,
                s: 0.0,
                t: 1.5,
                p: 0.0,
            },
            normalise: false,
            self_interaction: false,
            group: None,
        },
        update: UpdateConfig {
            rule: UpdateRule::Fermi { k: 0.1 },
            schedule: Schedule::Synchronous,
            mutation: 0.0,
        },
        initial: InitialConfig::Random { coop_fraction: 0.5 },
        run: RunConfig {
            steps,
            stop_at_absorption: false,
        },
    }
}
