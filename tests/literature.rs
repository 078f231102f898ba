//! Published results of evolutionary games on graphs, reproduced by the step loop:
//! Nowak & May (1992), Szabó & Tőke (1998), Santos & Pacheco (2005).

use asocia_core::classic::config::{
    GameConfig, InitialConfig, Payoffs, RunConfig, Schedule, SimConfig, UpdateConfig, UpdateRule,
};
use asocia_core::classic::metrics::LateCoopRate;
use asocia_core::network::{generate, Neighbourhood, Network, NetworkSpec};
use asocia_core::Simulation;

fn weak_pd(b: f64, self_interaction: bool) -> GameConfig {
    GameConfig {
        payoffs: Payoffs {
            r: 1.0,
            s: 0.0,
            t: b,
            p: 0.0,
        },
        normalise: false,
        self_interaction,
        group: None,
    }
}

fn lattice(side: usize, neighbourhood: Neighbourhood) -> Network {
    let spec = NetworkSpec::Lattice {
        width: side,
        height: side,
        neighbourhood,
        periodic: true,
    };
    generate(&spec, 0).expect("lattice")
}

/// Nowak & May 1992: synchronous imitate-the-best on a periodic Moore lattice with
/// self-interaction, R = 1, T = b, S = P = 0.
fn nowak_may(b: f64, initial: InitialConfig, steps: u64) -> SimConfig {
    SimConfig {
        game: weak_pd(b, true),
        update: UpdateConfig {
            rule: UpdateRule::ImitateBest,
            schedule: Schedule::Synchronous,
            mutation: 0.0,
        },
        initial,
        run: RunConfig {
            steps,
            stop_at_absorption: false,
        },
    }
}

/// Mean and standard deviation (over steps) of the cooperator share from step `from` on.
fn late_coop(net: &Network, cfg: &SimConfig, seed: u64, from: u64) -> (f64, f64) {
    let mut obs = LateCoopRate::from_step(from);
    Simulation::new(net, cfg, seed)
        .unwrap()
        .run(&mut obs)
        .unwrap();
    (obs.stats.mean(), obs.stats.sd())
}

#[test]
fn nowak_may_chaotic_regime_settles_at_12_ln2_minus_8() {
    // For 1.8 < b < 2 Nowak & May report a cooperator share fluctuating around
    // 12 ln 2 − 8 ≈ 0.3178 independently of the initial condition (their start: 90 % C).
    // The dynamics depend on b only through comparisons of integers with b times integers
    // (at most 9), and no such ratio lies strictly between 9/5 and 2: b = 1.85 and b = 1.95
    // give the same trajectory for the same seed, so they run with different seeds here.
    // Observed on 200 × 200 over steps 100..300, six seeds: means 0.3148–0.3164, step-to-step
    // sd 0.008–0.010, i.e. a spread of ±0.0008 between seeds and an offset of ≈ −0.002 from the
    // asymptotic value (finite lattice and time). The tolerance 0.006 is about three times
    // that offset plus spread; the neighbouring regimes are far away (≈ 0.7 below b = 1.8,
    // ≈ 0.03 above b = 2).
    let target = 12.0 * 2f64.ln() - 8.0;
    let net = lattice(200, Neighbourhood::Moore);
    for (b, seed) in [(1.85, 1), (1.95, 2)] {
        let cfg = nowak_may(b, InitialConfig::Random { coop_fraction: 0.9 }, 300);
        let (mean, sd) = late_coop(&net, &cfg, seed, 100);
        eprintln!("Nowak–May b = {b}: mean {mean:.4}, sd {sd:.4}");
        assert!((mean - target).abs() < 0.006, "b = {b}: {mean} vs {target}");
        assert!(
            sd > 0.002 && sd < 0.02,
            "b = {b}: sd {sd}: the share keeps fluctuating, mildly"
        );
    }
}

#[test]
fn nowak_may_regimes_below_and_above() {
    let net = lattice(200, Neighbourhood::Moore);
    let cfg = |b: f64, steps| nowak_may(b, InitialConfig::Random { coop_fraction: 0.9 }, steps);
    // b < 1.8: a D cluster cannot invade C: a C on its border sees, behind it, a C earning 9,
    // more than the 5b of the best-placed D (a corner, 5 C neighbours), so cooperators
    // dominate. Observed 0.71 at b = 1.7.
    let (low, _) = late_coop(&net, &cfg(1.7, 200), 3, 100);
    eprintln!("Nowak–May b = 1.7: {low:.4}");
    assert!(low > 0.6, "b = 1.7: {low}");
    // b > 2: a D facing a straight C front has 3 C neighbours and earns 3b > 6, the payoff
    // of the best C it sees (a C on the front has 5 C neighbours plus itself), so C clusters
    // can never grow, while D erodes their corners: observed 0.032, frozen, for b = 2.05 and
    // 2.2 alike.
    for b in [2.05, 2.2] {
        let (high, sd) = late_coop(&net, &cfg(b, 200), 3, 100);
        eprintln!("Nowak–May b = {b}: {high:.4} (sd {sd:.4})");
        assert!(high < 0.1, "b = {b}: {high}");
    }
    // Small b (1 < b < 1.75 in the paper): the pattern stops evolving apart from blinkers.
    // At b = 1.2 it is exactly periodic with period 2 after a short transient (observed from
    // step < 100). Note: at b = 1.6 we observe period 24 and at 1.4 and 1.7 no period within
    // 200 steps (moving structures), so "static" is asserted only where it holds.
    let mut sim = Simulation::new(&net, &cfg(1.2, 0), 4).unwrap();
    for _ in 0..100 {
        sim.step();
    }
    let s0 = sim.strategy_bytes().to_vec();
    sim.step();
    let s1 = sim.strategy_bytes().to_vec();
    sim.step();
    assert!(sim.strategy_bytes() == &s0[..], "b = 1.2: period-2 pattern");
    assert!(s1 != s0, "b = 1.2: blinkers");
    assert!(sim.coop_rate() > 0.85, "b = 1.2: {}", sim.coop_rate());
}

/// Whether the lattice pattern is invariant under the 8 symmetries of the square about the
/// centre cell (side odd, centre `side / 2`).
fn has_d4_symmetry(s: &[u8], side: usize) -> bool {
    let at = |x: usize, y: usize| s[y * side + x];
    let m = side - 1;
    (0..side).all(|y| {
        (0..side).all(|x| {
            let v = at(x, y);
            v == at(m - x, y) && v == at(x, m - y) && v == at(y, x) && v == at(m - y, m - x)
        })
    })
}

#[test]
fn nowak_may_single_defector_patterns() {
    let side = 99;
    let net = lattice(side, Neighbourhood::Moore);
    let n = side * side;
    let defectors = |sim: &Simulation| n - sim.cooperators();
    // Step 1: the lone D earns 8b > 9 and all eight neighbours copy it: a 3 × 3 block.
    // For 1.6 < b < 1.8 the block is fixed: its corner earns 5b, above the best C it sees (8)
    // and below the best C its C neighbours see (9).
    let mut sim =
        Simulation::new(&net, &nowak_may(1.7, InitialConfig::SingleDefector, 0), 0).unwrap();
    sim.step();
    assert_eq!(defectors(&sim), 9);
    let c = side / 2;
    for dy in 0..3 {
        for dx in 0..3 {
            assert_eq!(sim.strategy_bytes()[(c + dy - 1) * side + c + dx - 1], 0);
        }
    }
    for _ in 0..50 {
        sim.step();
        assert_eq!(defectors(&sim), 9);
    }
    // Knife edges of the derivation: just below 9/5 the block stays, just above it grows;
    // below 8/5 the corners (5b < 8, the payoff of the diagonal C) revert to C while the
    // edge and centre D still see a corner D above every C: a plus of 5 D at step 2.
    for (b, at_step_2) in [(1.79, 9), (1.81, 25), (1.61, 9), (1.59, 5)] {
        let mut sim =
            Simulation::new(&net, &nowak_may(b, InitialConfig::SingleDefector, 0), 0).unwrap();
        sim.step();
        sim.step();
        assert_eq!(defectors(&sim), at_step_2, "b = {b}");
    }
    // b = 1.9: the corner's 5b = 9.5 beats 9, so the whole ring around the block defects
    // (25 D at step 2); the pattern then keeps growing with the full symmetry of the square.
    let mut sim =
        Simulation::new(&net, &nowak_may(1.9, InitialConfig::SingleDefector, 0), 0).unwrap();
    let mut counts = Vec::new();
    for _ in 0..40 {
        sim.step();
        counts.push(defectors(&sim));
        assert!(
            has_d4_symmetry(sim.strategy_bytes(), side),
            "step {}",
            sim.current_step()
        );
    }
    assert_eq!(&counts[..2], &[9, 25]);
    assert!(
        counts[39] > 25 && counts[39] < n,
        "still changing: {counts:?}"
    );
}

fn fermi_von_neumann(b: f64, steps: u64) -> SimConfig {
    SimConfig {
        game: weak_pd(b, false),
        update: UpdateConfig {
            rule: UpdateRule::Fermi { k: 0.1 },
            schedule: Schedule::Asynchronous,
            mutation: 0.0,
        },
        initial: InitialConfig::Random { coop_fraction: 0.5 },
        run: RunConfig {
            steps,
            stop_at_absorption: true,
        },
    }
}

#[test]
fn szabo_toke_extinction_threshold() {
    // Szabó & Tőke 1998: Fermi rule with K = 0.1 on the von Neumann lattice, no
    // self-interaction. Asynchronous (random sequential) updates, because the paper's Monte
    // Carlo simulations use them and its threshold is for that dynamics. Cooperators die out
    // above b_c ≈ 1.04 (the value usually quoted is 1.0375; not re-derived here), so we check
    // clearly below (b = 1.01: observed 0.52 on 100 × 100 over steps 800..1000) and clearly
    // above (b = 1.10: observed extinction by step 66; up to 3000 steps allowed).
    let net = lattice(100, Neighbourhood::VonNeumann);
    let (below, _) = late_coop(&net, &fermi_von_neumann(1.01, 1000), 7, 800);
    eprintln!("Szabó–Tőke b = 1.01: {below:.4}");
    assert!(below > 0.1, "b = 1.01: {below}");
    let mut sim = Simulation::new(&net, &fermi_von_neumann(1.10, 3000), 7).unwrap();
    let summary = sim.run(&mut asocia_core::NoopObserver).unwrap();
    eprintln!("Szabó–Tőke b = 1.10: {summary:?}");
    assert_eq!(
        summary.coop_rate_final, 0.0,
        "b = 1.10: cooperators must die out"
    );
}

fn santos_pacheco(b: f64, steps: u64) -> SimConfig {
    SimConfig {
        game: weak_pd(b, false),
        update: UpdateConfig {
            rule: UpdateRule::Proportional,
            schedule: Schedule::Synchronous,
            mutation: 0.0,
        },
        initial: InitialConfig::Random { coop_fraction: 0.5 },
        run: RunConfig {
            steps,
            stop_at_absorption: true,
        },
    }
}

#[test]
fn santos_pacheco_scale_free_sustains_cooperation() {
    // Santos & Pacheco 2005 (N = 10^4, 10^4 generations, synchronous proportional imitation,
    // accumulated payoffs): with mean degree 4, cooperation survives at b ≈ 1.5–1.8 on
    // Barabási–Albert graphs and vanishes on regular graphs. N = 2000 and 1500 generations
    // (averaging 1000..1500) keep the test short. Observed over graph seeds 1–4: BA 0.75–0.97
    // at b = 1.5 and 0.52–0.88 at b = 1.8 (single graphs vary a lot at this size, so two
    // graphs are averaged), random regular at most 0.01.
    let n = 2000;
    for (b, min_ba) in [(1.5, 0.6), (1.8, 0.4)] {
        let (mut on_ba, mut on_rr) = (0.0, 0.0);
        for seed in [1, 2] {
            let ba = generate(&NetworkSpec::BarabasiAlbert { n, m: 2 }, seed).unwrap();
            let rr = generate(&NetworkSpec::RandomRegular { n, k: 4 }, seed).unwrap();
            on_ba += late_coop(&ba, &santos_pacheco(b, 1500), seed, 1000).0 / 2.0;
            on_rr += late_coop(&rr, &santos_pacheco(b, 1500), seed, 1000).0 / 2.0;
        }
        eprintln!("Santos–Pacheco b = {b}: BA {on_ba:.4}, RR {on_rr:.4}");
        assert!(on_ba > min_ba, "b = {b}: BA {on_ba}");
        assert!(on_rr < 0.05, "b = {b}: RR {on_rr}");
    }
}
