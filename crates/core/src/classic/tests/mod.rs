//! Unit tests of the classic step loop, by topic: `setup.rs` hand-checked payoffs, the checks
//! of a configuration and the initial conditions; `rules.rs` each update rule on tiny graphs,
//! their statistics and a naive reference step; `runs.rs` absorption, mutation, the
//! asynchronous counts, determinism across seeds and thread counts, and invariants under
//! random configurations. The helpers below build the small networks and configurations they
//! share.

use super::*;
use crate::classic::config::{
    GameConfig, InitialConfig, Payoffs, RunConfig, Schedule, SimConfig, Strategy, UpdateConfig,
    UpdateRule,
};
use crate::classic::game::{COOPERATE, DEFECT};
use crate::classic::update::proportional_accepts;
use crate::model::NoopObserver;
use crate::network::Neighbourhood;
use crate::rng::splitmix64;
use crate::rng::{below, Phase};
use crate::selection::fitness;

mod rules;
mod runs;
mod setup;

pub(super) const C: Strategy = Strategy::Cooperate;
pub(super) const D: Strategy = Strategy::Defect;

pub(super) fn from_edges(n: usize, edges: &[(usize, usize)]) -> Network {
    let ties = edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    Network::from_ties_unchecked(n, ties)
}

/// Periodic `w × h` lattice (von Neumann or Moore), node `y·w + x`.
pub(super) fn lattice(w: usize, h: usize, nb: Neighbourhood) -> Network {
    let offsets: &[(isize, isize)] = match nb {
        Neighbourhood::VonNeumann => &[(1, 0), (0, 1)],
        Neighbourhood::Moore => &[(1, 0), (0, 1), (1, 1), (1, -1)],
    };
    let mut edges = Vec::new();
    for y in 0..h as isize {
        for x in 0..w as isize {
            for &(dx, dy) in offsets {
                let (x2, y2) = (
                    (x + dx).rem_euclid(w as isize),
                    (y + dy).rem_euclid(h as isize),
                );
                edges.push((
                    (y * w as isize + x) as usize,
                    (y2 * w as isize + x2) as usize,
                ));
            }
        }
    }
    let mut net = from_edges(w * h, &edges);
    net.lattice = Some((w, h));
    net
}

/// A random simple graph with about `n · k / 2` ties (duplicates and loops dropped).
pub(super) fn random_graph(n: usize, k: usize, seed: u64) -> Network {
    let mut state = seed;
    let mut edges: Vec<(usize, usize)> = (0..n * k / 2)
        .map(|_| {
            let a = (splitmix64(&mut state) % n as u64) as usize;
            let b = (splitmix64(&mut state) % n as u64) as usize;
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a != b)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    from_edges(n, &edges)
}

pub(super) fn weak_pd(b: f64) -> Payoffs {
    Payoffs {
        r: 1.0,
        s: 0.0,
        t: b,
        p: 0.0,
    }
}

pub(super) fn config(
    rule: UpdateRule,
    schedule: Schedule,
    initial: InitialConfig,
    steps: u64,
) -> SimConfig {
    SimConfig {
        game: GameConfig {
            payoffs: weak_pd(1.5),
            normalise: false,
            self_interaction: false,
            group: None,
        },
        update: UpdateConfig {
            rule,
            schedule,
            mutation: 0.0,
        },
        initial,
        run: RunConfig {
            steps,
            stop_at_absorption: false,
        },
    }
}

pub(super) fn given(s: &[Strategy]) -> InitialConfig {
    InitialConfig::Given {
        strategies: s.to_vec(),
    }
}

pub(super) fn half() -> InitialConfig {
    InitialConfig::Random { coop_fraction: 0.5 }
}

/// `count` successes out of `n` trials agree with probability `p` within 5 standard errors.
pub(super) fn assert_binomial(count: usize, n: usize, p: f64, what: &str) {
    let sd = (n as f64 * p * (1.0 - p)).sqrt();
    let dev = (count as f64 - n as f64 * p).abs();
    assert!(
        dev < 5.0 * sd,
        "{what}: {count} of {n}, expected {:.1} ± {sd:.1}",
        n as f64 * p
    );
}
