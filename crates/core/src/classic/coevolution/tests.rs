//! Tests of the co-evolution models: the mutable adjacency (hand-built cases and a property
//! test against a plain edge set), active linking against its exact stationary link shares
//! and exact fixation probabilities, adjusting ties against its invariants and the published
//! rise of cooperation with the time-scale ratio `W`.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::adjacency::{AdjacencyError, DynamicTies};
use super::linking::{ActiveLinking, ActiveLinkingConfig, InitialLinks};
use super::rewiring::{TieAdjustment, TieAdjustmentConfig};
use super::{fermi, transformed_payoffs, GameClass};
use crate::classic::config::Payoffs;
use crate::classic::game::{COOPERATE, DEFECT};
use crate::network::{generate, Network, NetworkSpec};

// ---------------------------------------------------------------------------------------
// The adjacency.

fn sorted_ties(g: &DynamicTies) -> BTreeSet<(u32, u32)> {
    (0..g.ties() as u32)
        .map(|e| {
            let [a, b] = g.ends(e);
            (a.min(b), a.max(b))
        })
        .collect()
}

#[test]
fn adjacency_moves_an_end_by_hand() {
    // A path 0–1–2–3 plus 1–3.
    let mut g = DynamicTies::new(5, 4, &[(0, 1), (1, 2), (2, 3), (1, 3)]).unwrap();
    g.check().unwrap();
    assert_eq!(g.neighbours(1), &[0, 2, 3]);
    assert_eq!(g.degrees(), &[1, 3, 2, 2, 0]);
    assert!(g.has_tie(3, 1) && !g.has_tie(0, 2));
    // Tie 1 (1–2): move its end 1 to 4, so it becomes 4–2. Node 1's last slot (3) fills
    // the hole left by 2.
    g.move_end(1, 1, 4);
    g.check().unwrap();
    assert_eq!(g.ends(1), [4, 2]);
    assert_eq!(g.neighbours(1), &[0, 3]);
    assert_eq!(g.neighbours(2), &[4, 3]);
    assert_eq!(g.neighbours(4), &[2]);
    assert_eq!(g.degrees(), &[1, 2, 2, 2, 1]);
    // Tie 0 (0–1): move end 0 to 2, so it becomes 2–1.
    g.move_end(0, 0, 2);
    g.check().unwrap();
    assert_eq!(g.neighbours(0), &[] as &[u32]);
    assert_eq!(g.neighbours(2), &[4, 3, 1]);
    assert_eq!(g.ties(), 4);
    let want: BTreeSet<_> = [(1, 2), (2, 4), (2, 3), (1, 3)].into();
    assert_eq!(sorted_ties(&g), want);
}

#[test]
fn adjacency_rejects_what_is_not_a_simple_graph() {
    assert_eq!(
        DynamicTies::new(3, 2, &[(0, 1), (1, 1)]),
        Err(AdjacencyError::SelfLoop { tie: 1, node: 1 })
    );
    assert_eq!(
        DynamicTies::new(3, 2, &[(0, 1), (1, 0)]),
        Err(AdjacencyError::Duplicate { tie: 1, u: 1, v: 0 })
    );
    assert_eq!(
        DynamicTies::new(3, 2, &[(0, 3)]),
        Err(AdjacencyError::NodeOutOfRange {
            tie: 0,
            node: 3,
            nodes: 3
        })
    );
    assert_eq!(
        DynamicTies::new(4, 2, &[(0, 1), (0, 2), (0, 3)]),
        Err(AdjacencyError::Capacity {
            node: 0,
            capacity: 2
        })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random valid moves keep every invariant, the tie count and the edge set of a plain
    /// model of the same moves.
    #[test]
    fn adjacency_moves_keep_a_simple_graph(
        n in 3u32..20,
        raw in prop::collection::vec((0u32..400, 0u32..400), 0..60),
        moves in prop::collection::vec((0u32..1000, any::<bool>(), 0u32..400), 0..200),
    ) {
        let mut ties = Vec::new();
        let mut set = BTreeSet::new();
        for (a, b) in raw {
            let (a, b) = (a % n, b % n);
            if a != b && set.insert((a.min(b), a.max(b))) {
                ties.push((a, b));
            }
        }
        let mut g = DynamicTies::new(n, n - 1, &ties).unwrap();
        prop_assert_eq!(g.check(), Ok(()));
        let m = g.ties();
        for (e, first, to) in moves {
            if m == 0 {
                break;
            }
            let e = e % m as u32;
            let [a, b] = g.ends(e);
            let (from, keep) = if first { (a, b) } else { (b, a) };
            let to = to % n;
            if to == keep || to == from || g.has_tie(keep, to) {
                continue;
            }
            g.move_end(e, from, to);
            set.remove(&(from.min(keep), from.max(keep)));
            set.insert((to.min(keep), to.max(keep)));
            prop_assert_eq!(g.check(), Ok(()));
            prop_assert_eq!(g.ties(), m);
            prop_assert_eq!(g.degrees().iter().map(|&d| d as usize).sum::<usize>(), 2 * m);
        }
        prop_assert_eq!(sorted_ties(&g), set);
    }
}

// ---------------------------------------------------------------------------------------
// Active linking.

/// A prisoner's dilemma with `S > 0`, so that link shares can make it a harmony game too.
const PD: Payoffs = Payoffs {
    r: 4.0,
    s: 1.0,
    t: 5.0,
    p: 2.0,
};

/// Propensities `α_D = 0.5`, `α_C = 1` and death rates giving `φ = [φ_DD, 0.4, 0.8]`:
/// `φ_CC = 1 / (1 + 0.25) = 0.8`, `φ_CD = 0.5 / (0.5 + 0.75) = 0.4`.
fn linking(beta_dd: f64, selection: f64, link_time: f64) -> ActiveLinkingConfig {
    ActiveLinkingConfig {
        payoffs: PD,
        formation: ActiveLinkingConfig::from_propensities([0.5, 1.0]),
        death: [beta_dd, 0.75, 0.25],
        selection,
        link_time,
        initial_links: InitialLinks::Stationary,
    }
}

#[test]
fn stationary_shares_and_transformed_games_by_hand() {
    // β_DD = 2.25: φ_DD = 0.25 / (0.25 + 2.25) = 0.1.
    let harmony = linking(2.25, 0.0, 1.0);
    let phi = harmony.phi();
    let want = [0.1, 0.4, 0.8];
    for k in 0..3 {
        assert!((phi[k] - want[k]).abs() < 1e-15, "{phi:?}");
    }
    assert_eq!(harmony.formation, [0.25, 0.5, 1.0]);
    assert_eq!(GameClass::of(&PD), GameClass::PrisonersDilemma);
    // R φ_CC = 3.2 > T φ_CD = 2 and S φ_CD = 0.4 > P φ_DD = 0.2: harmony.
    let g = transformed_payoffs(&PD, &harmony.phi_matrix());
    assert!((g.r - 3.2).abs() < 1e-12 && (g.t - 2.0).abs() < 1e-12);
    assert!((g.s - 0.4).abs() < 1e-12 && (g.p - 0.2).abs() < 1e-12);
    assert_eq!(GameClass::of(&g), GameClass::Harmony);
    // β_DD = 0.375: φ_DD = 0.25 / 0.625 = 0.4; P φ_DD = 0.8 > S φ_CD = 0.4: coordination.
    let coord = linking(0.375, 0.0, 1.0);
    assert!((coord.phi()[0] - 0.4).abs() < 1e-15);
    let g = transformed_payoffs(&PD, &coord.phi_matrix());
    assert_eq!(GameClass::of(&g), GameClass::Coordination);
    // Fast-dying CC links and lasting CD links make a snowdrift of it: R φ_CC < T φ_CD
    // needs φ_CC < 1.25 φ_CD, and S φ_CD > P φ_DD.
    let g = transformed_payoffs(&PD, &[[0.1, 0.8], [0.8, 0.5]]);
    assert_eq!(GameClass::of(&g), GameClass::Coexistence);
    assert_eq!(
        GameClass::of(&Payoffs {
            r: 1.0,
            s: 0.0,
            t: 1.0,
            p: 0.0
        }),
        GameClass::Degenerate
    );
    assert_eq!(fermi(0.0, 3.0, -7.0), 0.5);
    assert!((fermi(1.0, 0.0, 2.0_f64.ln()) - 2.0 / 3.0).abs() < 1e-15);
}

/// Strategy bytes: the first `c` agents cooperate.
fn first_cooperate(n: usize, c: usize) -> Vec<u8> {
    (0..n)
        .map(|i| if i < c { COOPERATE } else { DEFECT })
        .collect()
}

#[test]
fn link_shares_relax_to_phi_from_no_links() {
    // Links only: strategies never change because `advance` runs link time alone. From no
    // links an `ij` pair is active after link time τ with probability φ (1 − e^{−(a+b)τ}),
    // independently of every other pair, so the share among the `M_k` pairs of a kind is
    // binomial: within 4 sd of its mean, summed over 8 runs.
    let cfg = ActiveLinkingConfig {
        initial_links: InitialLinks::Empty,
        ..linking(2.25, 1.0, 0.2)
    };
    let n = 80;
    let a = cfg.formation;
    let phi = cfg.phi();
    for steps in [1u64, 3, 50] {
        let mut active = [0u64; 3];
        let mut possible = [0u64; 3];
        for seed in 0..8 {
            let mut sim = ActiveLinking::new(&cfg, first_cooperate(n, 30), seed).unwrap();
            sim.advance(steps);
            let counts = sim.link_counts();
            for k in 0..3 {
                active[k] += counts[k].0;
                possible[k] += counts[k].1;
            }
            assert_eq!(sim.cooperators(), 30);
        }
        // 30 cooperators and 50 defectors: 1225 DD, 1500 CD, 435 CC pairs per run.
        assert_eq!(possible, [8 * 1225, 8 * 1500, 8 * 435]);
        for k in 0..3 {
            let tau = steps as f64 * 0.2;
            let q = phi[k] * (1.0 - (-(a[k] + cfg.death[k]) * tau).exp());
            let m = possible[k] as f64;
            let sd = (q * (1.0 - q) / m).sqrt();
            let share = active[k] as f64 / m;
            assert!(
                (share - q).abs() < 4.0 * sd,
                "kind {k} after {steps} steps: {share} vs {q} ± {sd}"
            );
        }
    }
}

#[test]
fn link_shares_stay_at_phi_while_strategies_evolve() {
    // Stationary links and a neutral strategy process (β = 0): the shares stay at φ, which
    // the strategy changes re-weight by kind but never move away from φ (a switched agent's
    // pairs are brought up to date before the switch and then relax at the new rates; with
    // W = 30 they have relaxed within one step, e^{−0.75·30} ≈ 2·10^-10).
    let cfg = linking(2.25, 0.0, 30.0);
    let phi = cfg.phi();
    let mut active = [0u64; 3];
    let mut possible = [0u64; 3];
    for seed in 0..6 {
        let mut sim = ActiveLinking::new(&cfg, first_cooperate(60, 30), seed).unwrap();
        for _ in 0..4 {
            for _ in 0..200 {
                sim.step();
            }
            let counts = sim.link_counts();
            for k in 0..3 {
                active[k] += counts[k].0;
                possible[k] += counts[k].1;
            }
        }
    }
    // Each observation is a fresh binomial sample given the strategies (every pair relaxed
    // fully since the previous one), so the pooled share is binomial too.
    for k in 0..3 {
        let m = possible[k] as f64;
        let sd = (phi[k] * (1.0 - phi[k]) / m).sqrt();
        let share = active[k] as f64 / m;
        assert!(
            (share - phi[k]).abs() < 4.0 * sd,
            "kind {k}: {share} vs {}",
            phi[k]
        );
    }
}

/// Fixation probability of cooperation from `start` cooperators among `n` under pairwise
/// comparison with a random other agent, for a birth–death chain with `T⁻/T⁺ = gamma(i)`:
/// `ρ = (1 + Σ_{k<start} Π_{i≤k} γ_i) / (1 + Σ_{k<n} Π_{i≤k} γ_i)`.
fn fixation(n: usize, start: usize, gamma: impl Fn(usize) -> f64) -> f64 {
    let (mut sum, mut prod, mut part) = (1.0, 1.0, 1.0);
    for k in 1..n {
        prod *= gamma(k);
        sum += prod;
        if k < start {
            part += prod;
        }
    }
    part / sum
}

/// The fast-linking limit as a well-mixed population playing the transformed game:
/// `γ_i = e^{−β (π_C(i) − π_D(i))}` with `π_C = R'(i − 1) + S'(N − i)`,
/// `π_D = T' i + P'(N − i − 1)`.
fn fixation_transformed(cfg: &ActiveLinkingConfig, n: usize, start: usize) -> f64 {
    let g = transformed_payoffs(&cfg.payoffs, &cfg.phi_matrix());
    let nf = n as f64;
    fixation(n, start, |i| {
        let i = i as f64;
        let pc = g.r * (i - 1.0) + g.s * (nf - i);
        let pd = g.t * i + g.p * (nf - i - 1.0);
        (-cfg.selection * (pc - pd)).exp()
    })
}

/// The binomial probabilities of `0..=m` successes in `m` trials of probability `q`.
fn binomial(m: usize, q: f64) -> Vec<f64> {
    let mut out = vec![0.0; m + 1];
    let mut c = 1.0;
    for (x, o) in out.iter_mut().enumerate() {
        *o = c * q.powi(x as i32) * (1.0 - q).powi((m - x) as i32);
        c = c * (m - x) as f64 / (x + 1) as f64;
    }
    out
}

/// The exact fixation probability of the simulated process with links in their stationary
/// law at every update (`W → ∞`): a cooperator and a defector compare payoffs earned on
/// independent Bernoulli(φ) links, so `γ_i = E[F(−βΔ)] / E[F(βΔ)]` with `Δ = Π_C − Π_D`,
/// `Π_C = R X₁ + S X₂ + S L`, `Π_D = T X₃ + P X₄ + T L`, `X₁ ~ Bin(i − 1, φ_CC)`,
/// `X₂ ~ Bin(N − i − 1, φ_CD)`, `X₃ ~ Bin(i − 1, φ_CD)`, `X₄ ~ Bin(N − i − 1, φ_DD)` and
/// `L ~ Bernoulli(φ_CD)` the link between the two.
fn fixation_random_links(cfg: &ActiveLinkingConfig, n: usize, start: usize) -> f64 {
    let [dd, cd, cc] = cfg.phi();
    let (p, beta) = (cfg.payoffs, cfg.selection);
    // The law of `a·X + b·Y` for independent binomials, as (value, probability) pairs.
    let law = |(m1, q1, a): (usize, f64, f64), (m2, q2, b): (usize, f64, f64)| {
        let (x, y) = (binomial(m1, q1), binomial(m2, q2));
        let mut out = Vec::with_capacity(x.len() * y.len());
        for (i, px) in x.iter().enumerate() {
            for (j, py) in y.iter().enumerate() {
                out.push((a * i as f64 + b * j as f64, px * py));
            }
        }
        out
    };
    fixation(n, start, |i| {
        let coop = law((i - 1, cc, p.r), (n - i - 1, cd, p.s));
        let def = law((i - 1, cd, p.t), (n - i - 1, dd, p.p));
        let (mut up, mut down) = (0.0, 0.0);
        for (l, pl) in [(0.0, 1.0 - cd), (1.0, cd)] {
            for &(vc, qc) in &coop {
                let pc = vc + p.s * l;
                for &(vd, qd) in &def {
                    let pd = vd + p.t * l;
                    let w = pl * qc * qd;
                    up += w * fermi(beta, pd, pc);
                    down += w * fermi(beta, pc, pd);
                }
            }
        }
        down / up
    })
}

/// Fraction of `runs` runs from `start` cooperators that end with every agent cooperating.
fn fixation_frequency(cfg: &ActiveLinkingConfig, n: usize, start: usize, runs: u64) -> f64 {
    let mut fixed = 0;
    for seed in 0..runs {
        let mut sim = ActiveLinking::new(cfg, first_cooperate(n, start), 1000 + seed).unwrap();
        match sim.run_to_absorption(10_000_000) {
            Some(COOPERATE) => fixed += 1,
            Some(_) => {}
            None => panic!("run {seed} not absorbed"),
        }
    }
    fixed as f64 / runs as f64
}

#[test]
fn fast_linking_turns_the_dilemma_into_harmony_and_fixation_matches_exactly() {
    // N = 20, β = 0.05, W = 50 (pairs relax by e^{−0.75·50}: the fast limit to 1e-16).
    // The static dilemma (every φ = 1) leaves a single cooperator almost no chance
    // (≈ 4·10^-12); with these link shares the transformed game is harmony and ρ ≈ 0.2,
    // four times neutral 1/N.
    let n = 20;
    let cfg = linking(2.25, 0.05, 50.0);
    let exact = fixation_random_links(&cfg, n, 1);
    let transformed = fixation_transformed(&cfg, n, 1);
    let static_pd = fixation_transformed(
        &ActiveLinkingConfig {
            death: [0.0, 0.0, 0.0],
            ..cfg
        },
        n,
        1,
    );
    assert!(static_pd < 1e-9, "{static_pd}");
    assert!(transformed > 3.5 / n as f64, "{transformed}");
    let runs = 3000;
    let sd = (exact * (1.0 - exact) / runs as f64).sqrt();
    // The transformed game is the paper's mean-field reading of fast linking: payoffs on
    // random links vary around their means, which shifts ρ by O(β²) — here by less than a
    // third of the sampling sd of the test, so both must hold within 4 sd.
    assert!(
        (exact - transformed).abs() < sd / 2.0,
        "{exact} vs {transformed}"
    );
    let freq = fixation_frequency(&cfg, n, 1, runs);
    assert!(
        (freq - exact).abs() < 4.0 * sd,
        "{freq} vs exact {exact} ± {sd}"
    );
    assert!(
        (freq - transformed).abs() < 4.0 * sd,
        "{freq} vs {transformed}"
    );
}

#[test]
fn fast_linking_turns_the_dilemma_into_coordination_and_fixation_matches_exactly() {
    // φ_DD = 0.4: a coordination game, its unstable mix at x* = (P' − S') / (R' − S' − T' +
    // P') = 0.4 / 1.6 = 0.25. From 6 cooperators of 20, just above it, cooperation fixes
    // with probability ≈ 0.42, where the static dilemma gives 2·10^-7.
    let n = 20;
    let cfg = linking(0.375, 0.05, 50.0);
    let exact = fixation_random_links(&cfg, n, 6);
    let transformed = fixation_transformed(&cfg, n, 6);
    let static_pd = fixation_transformed(
        &ActiveLinkingConfig {
            death: [0.0, 0.0, 0.0],
            ..cfg
        },
        n,
        6,
    );
    assert!(static_pd < 1e-6, "{static_pd}");
    let runs = 1500;
    let sd = (exact * (1.0 - exact) / runs as f64).sqrt();
    assert!(
        (exact - transformed).abs() < sd / 2.0,
        "{exact} vs {transformed}"
    );
    assert!(exact > 0.3, "{exact}");
    let freq = fixation_frequency(&cfg, n, 6, runs);
    assert!(
        (freq - exact).abs() < 4.0 * sd,
        "{freq} vs exact {exact} ± {sd}"
    );
}

#[test]
fn active_linking_draws_follow_the_documented_layout() {
    // Three agents (C, D, D), so P = 3 pairs and a stride of 5 words per step; no initial
    // links. After `advance(2)` with W = 0.4 the pair {0, 1} (CD, rates a = 0.5,
    // b = 0.75) is linked iff the uniform of word (2 mod 1024)·5 + 2 + pair(0, 1) of
    // (0, ActiveLinking) is below φ_CD (1 − e^{−1.25·0.8}).
    let cfg = ActiveLinkingConfig {
        initial_links: InitialLinks::Empty,
        ..linking(2.25, 1.0, 0.4)
    };
    for seed in 0..40 {
        let mut sim = ActiveLinking::new(&cfg, vec![COOPERATE, DEFECT, DEFECT], seed).unwrap();
        assert_eq!((sim.pair(0, 1), sim.pair(0, 2), sim.pair(2, 1)), (0, 1, 2));
        sim.advance(2);
        sim.sync_all();
        let keyed = crate::rng::Streams::new(seed).keyed(0, crate::rng::Phase::ActiveLinking);
        for (i, j, kind) in [(0u32, 1u32, 1usize), (0, 2, 1), (1, 2, 0)] {
            let a = cfg.formation[kind];
            let b = cfg.death[kind];
            let q = a / (a + b) * (1.0 - (-(a + b) * 0.8).exp());
            let u = crate::rng::unit_f64(keyed.word(2 * 5 + 2 + sim.pair(i, j) as u64));
            assert_eq!(sim.is_linked(i, j), u < q, "seed {seed} pair {i}–{j}");
        }
    }
}

#[test]
fn active_linking_is_a_function_of_the_seed_and_checks_its_parameters() {
    let cfg = linking(2.25, 0.3, 0.5);
    let run = |seed| {
        let mut sim = ActiveLinking::new(&cfg, first_cooperate(15, 7), seed).unwrap();
        for _ in 0..3000 {
            sim.step();
        }
        (sim.strategies().to_vec(), sim.link_counts())
    };
    assert_eq!(run(4), run(4));
    assert_ne!(run(4), run(5));
    let bad = ActiveLinkingConfig {
        death: [0.0; 3],
        formation: [0.0, 0.0, 1.0],
        ..cfg
    };
    assert!(ActiveLinking::new(&bad, first_cooperate(4, 2), 1).is_err());
    let bad = ActiveLinkingConfig {
        link_time: -1.0,
        ..cfg
    };
    assert!(ActiveLinking::new(&bad, first_cooperate(4, 2), 1).is_err());
    assert!(ActiveLinking::new(&cfg, vec![COOPERATE], 1).is_err());
}

// ---------------------------------------------------------------------------------------
// Adjusting ties.

fn random_regular(n: usize, k: usize, seed: u64) -> Network {
    generate(&NetworkSpec::RandomRegular { n, k }, seed).unwrap()
}

/// Strategy bytes with cooperators at even positions.
fn alternate(n: usize) -> Vec<u8> {
    (0..n).map(|i| u8::from(i % 2 == 0)).collect()
}

fn check_state(sim: &TieAdjustment, links: usize) {
    let g = sim.ties();
    g.check().unwrap();
    assert_eq!(g.ties(), links);
    for i in 0..g.nodes() as u32 {
        let nc: u32 = g
            .neighbours(i)
            .iter()
            .map(|&j| u32::from(sim.strategies()[j as usize]))
            .sum();
        assert_eq!(sim.cooperating_neighbours()[i as usize], nc, "agent {i}");
        assert!(g.degree(i) >= 1, "agent {i} lost every link");
    }
    let c = sim.strategies().iter().filter(|&&s| s == COOPERATE).count();
    assert_eq!(sim.cooperators(), c);
}

#[test]
fn adjusting_ties_payoffs_by_hand() {
    // A star 0–{1, 2, 3} and the tie 2–3; 0 and 2 cooperate. R = 1, S = −0.5, T = 1.5,
    // P = 0.1: Π_0 = R·1 (agent 2) + S·2 = 0; Π_2 = R + S = 0.5; Π_1 = T = 1.5;
    // Π_3 = T·2 + P·0 = 3.
    let net = Network::from_edges(4, &[(0, 1), (0, 2), (0, 3), (2, 3)], None, None).unwrap();
    let cfg = TieAdjustmentConfig {
        payoffs: Payoffs {
            r: 1.0,
            s: -0.5,
            t: 1.5,
            p: 0.1,
        },
        selection: 1.0,
        time_scale: 1.0,
    };
    let sim = TieAdjustment::new(&net, &cfg, vec![1, 0, 1, 0], 3).unwrap();
    let pay: Vec<f64> = (0..4).map(|i| sim.payoff(i)).collect();
    assert_eq!(pay, vec![0.0, 1.5, 0.5, 3.0]);
    assert_eq!(sim.cooperating_neighbours(), &[1, 1, 1, 2]);
    assert_eq!(sim.degree_moments(), (2.0, 0.5));
    check_state(&sim, 4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any parameters: the ties stay a simple graph with the same number of links, nobody is
    /// left without a link, and the counts of cooperating neighbours stay exact.
    #[test]
    fn adjusting_ties_keeps_its_invariants(
        seed in 0u64..1000,
        w in prop::sample::select(vec![0.0, 0.5, 2.0, 10.0, f64::INFINITY]),
        beta in 0.0f64..3.0,
        t in 1.0f64..2.0,
        s in -1.0f64..0.5,
    ) {
        let net = random_regular(30, 4, seed);
        let cfg = TieAdjustmentConfig {
            payoffs: Payoffs { r: 1.0, s, t, p: 0.0 },
            selection: beta,
            time_scale: w,
        };
        let mut sim = TieAdjustment::new(&net, &cfg, alternate(30), seed).unwrap();
        for _ in 0..40 {
            sim.step();
            check_state(&sim, 60);
        }
        if w == 0.0 {
            prop_assert_eq!(sim.moves(), 0);
        }
        if w == f64::INFINITY {
            prop_assert_eq!(sim.cooperators(), 15);
        }
    }
}

#[test]
fn adjusting_ties_is_a_function_of_the_seed() {
    let net = random_regular(40, 4, 1);
    let cfg = TieAdjustmentConfig {
        payoffs: Payoffs {
            r: 1.0,
            s: -0.2,
            t: 1.5,
            p: 0.0,
        },
        selection: 0.5,
        time_scale: 2.0,
    };
    let run = |seed| {
        let mut sim = TieAdjustment::new(&net, &cfg, alternate(40), seed).unwrap();
        for _ in 0..50 {
            sim.step();
        }
        (
            sim.strategies().to_vec(),
            sorted_ties(sim.ties()),
            sim.moves(),
        )
    };
    assert_eq!(run(8), run(8));
    assert_ne!(run(8), run(9));
    assert!(TieAdjustment::new(&net, &cfg, alternate(39), 1).is_err());
    let slow = TieAdjustmentConfig {
        time_scale: -1.0,
        ..cfg
    };
    let err = TieAdjustment::new(&net, &slow, alternate(40), 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "adjusting ties: time-scale ratio W = -1 is out of range: expected a number ≥ 0 (inf allowed)"
    );
    let path = Network::from_edges(3, &[(0, 1), (1, 2)], None, None).unwrap();
    assert!(TieAdjustment::new(&path, &cfg, alternate(3), 1).is_ok());
}

/// Runs of adjusting ties at time-scale ratio `w`: the fraction that end with every agent
/// cooperating, and the mean degree variance at the end of those runs.
fn spl_runs(n: usize, z: usize, cfg: &TieAdjustmentConfig, runs: u64, max: u64) -> (f64, f64) {
    let mut full = 0;
    let mut variance = 0.0;
    for r in 0..runs {
        let net = random_regular(n, z, 500 + r);
        let mut sim = TieAdjustment::new(&net, cfg, alternate(n), 77 + r).unwrap();
        if sim.run_to_absorption(max) == Some(COOPERATE) {
            full += 1;
        }
        variance += sim.degree_moments().1;
    }
    (full as f64 / runs as f64, variance / runs as f64)
}

#[test]
fn cooperation_prevails_when_ties_adjust_fast_enough() {
    // A prisoner's dilemma of the paper's family (R = 1, P = 0, T = 2, S = −0.5), N = 200,
    // z = 10, β = 0.05, half cooperators: on a static random regular graph (W = 0)
    // defectors take over every run; the share of runs ending in full cooperation rises
    // with W (measured 0, 0, 0.8, 1 for W = 0, 4, 8, 16 over these 40 runs) and the
    // degrees, all z at the start, spread out. The runs are independent, so "≤ 1 of 40" and
    // "≥ 39 of 40" leave room for one run of the other kind.
    let (n, z, runs) = (200, 10, 40);
    let cfg = |w| TieAdjustmentConfig {
        payoffs: Payoffs {
            r: 1.0,
            s: -0.5,
            t: 2.0,
            p: 0.0,
        },
        selection: 0.05,
        time_scale: w,
    };
    let (static_c, static_var) = spl_runs(n, z, &cfg(0.0), runs, 20_000);
    assert!(static_c <= 1.0 / 40.0, "{static_c}");
    assert_eq!(static_var, 0.0);
    let (slow_c, _) = spl_runs(n, z, &cfg(4.0), runs, 20_000);
    let (mid_c, _) = spl_runs(n, z, &cfg(8.0), runs, 20_000);
    let (fast_c, fast_var) = spl_runs(n, z, &cfg(16.0), runs, 20_000);
    assert!(
        slow_c <= mid_c && mid_c <= fast_c,
        "{slow_c} {mid_c} {fast_c}"
    );
    assert!(fast_c >= 39.0 / 40.0, "{fast_c}");
    assert!(fast_var > z as f64, "degree variance {fast_var}");
}

/// A number from the environment, or a default.
fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Full size (scripts/santos-pacheco-lenaerts-2006.sh): the share of runs ending in full
/// cooperation and the final degree variance against W, printed as CSV.
#[test]
#[ignore = "full size; run by scripts/santos-pacheco-lenaerts-2006.sh"]
fn full_size_santos_pacheco_lenaerts() {
    let n = env_or("ASOCIA_N", 1000usize);
    let z = env_or("ASOCIA_Z", 30usize);
    let beta = env_or("ASOCIA_BETA", 0.005f64);
    let t = env_or("ASOCIA_T", 2.0f64);
    let s = env_or("ASOCIA_S", -0.5f64);
    let runs = env_or("ASOCIA_RUNS", 100u64);
    let max = env_or("ASOCIA_GENERATIONS", 100_000u64);
    println!("N,z,beta,T,S,W,runs,full_cooperation,degree_variance");
    for w in [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0] {
        let cfg = TieAdjustmentConfig {
            payoffs: Payoffs {
                r: 1.0,
                s,
                t,
                p: 0.0,
            },
            selection: beta,
            time_scale: w,
        };
        let (c, v) = spl_runs(n, z, &cfg, runs, max);
        println!("{n},{z},{beta},{t},{s},{w},{runs},{c},{v}");
    }
}

/// Full size (scripts/pacheco-traulsen-nowak-2006.sh): the fixation frequency of a single
/// cooperator against W, beside the exact fixation probability of the transformed game,
/// printed as CSV.
#[test]
#[ignore = "full size; run by scripts/pacheco-traulsen-nowak-2006.sh"]
fn full_size_pacheco_traulsen_nowak() {
    let n = env_or("ASOCIA_N", 100usize);
    let beta = env_or("ASOCIA_BETA", 0.01f64);
    let beta_dd = env_or("ASOCIA_BETA_DD", 2.25f64);
    let runs = env_or("ASOCIA_RUNS", 10_000u64);
    println!("N,beta,beta_dd,W,runs,fixation_frequency,transformed_game,random_links_fast_limit");
    let cfg = linking(beta_dd, beta, f64::INFINITY);
    let (transformed, exact) = (
        fixation_transformed(&cfg, n, 1),
        fixation_random_links(&cfg, n, 1),
    );
    for w in [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0] {
        let freq = fixation_frequency(&linking(beta_dd, beta, w), n, 1, runs);
        println!("{n},{beta},{beta_dd},{w},{runs},{freq},{transformed},{exact}");
    }
}
