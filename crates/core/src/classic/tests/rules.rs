//! Each update rule on tiny graphs and in distribution, and the fast synchronous step against
//! a naive per-agent reference.

use super::*;

#[test]
fn imitate_best_on_a_path_and_its_ties() {
    let net = from_edges(3, &[(0, 1), (1, 2)]);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(&[D, C, C]),
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    // Payoffs D 1.5, C 1, C 1: the middle C sees the D's 1.5 and defects.
    assert_eq!(sim.payoffs(), &[1.5, 1.0, 1.0]);
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, D, C]);
    // With T = R = 1 the middle C ties with the D at 1 and keeps C; the D keeps D.
    let mut cfg = cfg;
    cfg.game.payoffs = weak_pd(1.0);
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, C, C]);
}

#[test]
fn isolated_agents_keep_their_strategy_under_every_rule() {
    let net = from_edges(4, &[]);
    let s = [C, D, C, D];
    for (rule, schedule) in [
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Synchronous),
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Asynchronous),
        (UpdateRule::ImitateBest, Schedule::Synchronous),
        (UpdateRule::ImitateBest, Schedule::Asynchronous),
        (UpdateRule::Proportional, Schedule::Synchronous),
        (UpdateRule::Proportional, Schedule::Asynchronous),
        (UpdateRule::DeathBirth { w: 0.5 }, Schedule::Synchronous),
        (UpdateRule::DeathBirth { w: 0.5 }, Schedule::Asynchronous),
        (UpdateRule::BirthDeath { w: 0.5 }, Schedule::Asynchronous),
    ] {
        let mut sim = Simulation::new(&net, &config(rule, schedule, given(&s), 5), 3).unwrap();
        sim.run(&mut NoopObserver).unwrap();
        assert_eq!(
            sim.strategies().collect::<Vec<_>>(),
            s,
            "{rule:?} {schedule:?}"
        );
    }
}

/// `pairs` disjoint C–D pairs: node `2p` is C, `2p + 1` is D.
fn pairs(pairs: usize) -> (Network, InitialConfig) {
    let edges: Vec<_> = (0..pairs).map(|p| (2 * p, 2 * p + 1)).collect();
    let s: Vec<_> = (0..2 * pairs)
        .map(|i| if i % 2 == 0 { C } else { D })
        .collect();
    (from_edges(2 * pairs, &edges), given(&s))
}

#[test]
fn fermi_adopts_with_the_fermi_probability() {
    // In a C–D pair, C earns S = 0 and D earns T = 1.5. With K = 1.5, C adopts D with
    // 1/(1 + e^{-1}) and D adopts C with 1/(1 + e^{1}).
    let n = 20_000;
    let (net, init) = pairs(n);
    let cfg = config(UpdateRule::Fermi { k: 1.5 }, Schedule::Synchronous, init, 1);
    let mut sim = Simulation::new(&net, &cfg, 11).unwrap();
    sim.step();
    let s = sim.strategy_bytes();
    let c_to_d = (0..n).filter(|p| s[2 * p] == DEFECT).count();
    let d_to_c = (0..n).filter(|p| s[2 * p + 1] == COOPERATE).count();
    assert_binomial(c_to_d, n, 1.0 / (1.0 + (-1f64).exp()), "C adopts D");
    assert_binomial(d_to_c, n, 1.0 / (1.0 + 1f64.exp()), "D adopts C");
}

#[test]
fn proportional_adopts_with_the_scaled_difference() {
    // C earns 0, D earns 1.5 = D (payoff range), k_> = 1: C adopts D with probability 1;
    // with R = 1, T = 1.2, S = -0.5, P = 0: D = 1.7, C earns -0.5, D earns 1.2 → 1.7 / 1.7.
    // Use T = 0.75 instead: C earns 0, D earns 0.75, D range 1 → probability 0.75. D never
    // adopts C.
    let n = 20_000;
    let (net, init) = pairs(n);
    let mut cfg = config(UpdateRule::Proportional, Schedule::Synchronous, init, 1);
    cfg.game.payoffs = Payoffs {
        r: 1.0,
        s: 0.0,
        t: 0.75,
        p: 0.0,
    };
    let mut sim = Simulation::new(&net, &cfg, 5).unwrap();
    sim.step();
    let s = sim.strategy_bytes();
    let c_to_d = (0..n).filter(|p| s[2 * p] == DEFECT).count();
    assert_binomial(c_to_d, n, 0.75, "C adopts D");
    assert!(
        (0..n).all(|p| s[2 * p + 1] == DEFECT),
        "D never adopts the worse C"
    );
}

#[test]
fn proportional_never_adopts_a_worse_strategy() {
    let net = random_graph(3000, 6, 4);
    let cfg = config(UpdateRule::Proportional, Schedule::Synchronous, half(), 10);
    let mut sim = Simulation::new(&net, &cfg, 8).unwrap();
    for _ in 0..10 {
        let (before, pay) = (sim.strategy_bytes().to_vec(), sim.payoffs().to_vec());
        sim.step();
        for (i, (&old, &new)) in before.iter().zip(sim.strategy_bytes()).enumerate() {
            if old != new {
                let better = sim
                    .csr()
                    .neighbors(i)
                    .iter()
                    .any(|&j| before[j as usize] == new && pay[j as usize] > pay[i]);
                assert!(
                    better,
                    "agent {i} switched without a better neighbour of the new strategy"
                );
            }
        }
    }
}

#[test]
fn death_birth_on_a_star() {
    // Leaves have only the hub: they all copy it. The hub copies a leaf.
    let edges: Vec<_> = (1..6).map(|l| (0, l)).collect();
    let net = from_edges(6, &edges);
    let cfg = config(
        UpdateRule::DeathBirth { w: 1.0 },
        Schedule::Synchronous,
        given(&[C, D, D, D, D, D]),
        2,
    );
    let mut sim = Simulation::new(&net, &cfg, 2).unwrap();
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, C, C, C, C, C]);
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [C, D, D, D, D, D]);
}

#[test]
fn death_birth_chooses_in_proportion_to_fitness() {
    // Hub 0 with 3 leaves, leaf 1 is C (fitness 1 − w + w·0 with hub D), leaves 2, 3 are D
    // (fitness 1 − w + w·0 too): make the payoffs differ with P = 1: D leaves earn 1, C leaf
    // earns S = 0. w = 0.5: fitnesses 0.5, 1, 1 → the hub becomes C with probability 0.2.
    let stars = 10_000;
    let mut edges = Vec::new();
    let mut s = Vec::new();
    for h in 0..stars {
        let b = 4 * h;
        edges.extend([(b, b + 1), (b, b + 2), (b, b + 3)]);
        s.extend([D, C, D, D]);
    }
    let net = from_edges(4 * stars, &edges);
    let mut cfg = config(
        UpdateRule::DeathBirth { w: 0.5 },
        Schedule::Synchronous,
        given(&s),
        1,
    );
    cfg.game.payoffs = Payoffs {
        r: 1.0,
        s: 0.0,
        t: 1.5,
        p: 1.0,
    };
    let mut sim = Simulation::new(&net, &cfg, 9).unwrap();
    sim.step();
    let hubs_c = (0..stars)
        .filter(|h| sim.strategy_bytes()[4 * h] == COOPERATE)
        .count();
    assert_binomial(hubs_c, stars, 0.2, "hub copies the C leaf");
}

#[test]
fn birth_death_zero_fitness_never_reproduces() {
    // w = 1: a C in a C–D pair has fitness S = 0 and never reproduces; D has T = 1.5.
    let (net, init) = pairs(500);
    let cfg = config(
        UpdateRule::BirthDeath { w: 1.0 },
        Schedule::Asynchronous,
        init,
        30,
    );
    let mut sim = Simulation::new(&net, &cfg, 4).unwrap();
    let mut last = sim.cooperators();
    for _ in 0..30 {
        sim.step();
        assert!(sim.cooperators() <= last);
        last = sim.cooperators();
    }
    assert_eq!(last, 0, "every pair absorbs into D");
    // With w = 0 (neutral drift) both strategies survive one step in some pairs.
    let (net, init) = pairs(500);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.0 },
        Schedule::Asynchronous,
        init,
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 4).unwrap();
    sim.step();
    assert!(
        sim.cooperators() > 100 && sim.cooperators() < 900,
        "{}",
        sim.cooperators()
    );
}

#[test]
fn pairwise_rules_match_a_naive_reference_step() {
    // The two-pass candidate loop must equal the textbook per-agent loop, draw for draw:
    // agent i reads the u64 at words [2i, 2i + 2) of the (step, Update) stream.
    use rand::Rng;
    let net = random_graph(10_000, 4, 8);
    for rule in [UpdateRule::Fermi { k: 0.3 }, UpdateRule::Proportional] {
        let cfg = config(rule, Schedule::Synchronous, half(), 1);
        let mut sim = Simulation::new(&net, &cfg, 17).unwrap();
        let (s0, p0) = (sim.strategy_bytes().to_vec(), sim.payoffs().to_vec());
        let streams = Streams::new(17);
        let table = PayoffTable::new(&cfg.game);
        let expect: Vec<u8> = (0..s0.len())
            .map(|i| {
                let r = streams.stream_at(1, Phase::Update, 2 * i as u64).next_u64();
                let nb = sim.csr().neighbors(i);
                if nb.is_empty() {
                    return s0[i];
                }
                let j = nb[below(r as u32, nb.len() as u32) as usize] as usize;
                let u = (r >> 32) as f64 / 4_294_967_296.0;
                let adopt = s0[j] != s0[i]
                    && match rule {
                        UpdateRule::Fermi { k } => u < 1.0 / (1.0 + ((p0[i] - p0[j]) / k).exp()),
                        _ => proportional_accepts(
                            &table,
                            (p0[i], nb.len() as u32),
                            (p0[j], sim.csr().degree(j) as u32),
                            u,
                        ),
                    };
                if adopt {
                    s0[j]
                } else {
                    s0[i]
                }
            })
            .collect();
        sim.step();
        let differ = expect
            .iter()
            .zip(sim.strategy_bytes())
            .filter(|(a, b)| a != b)
            .count();
        // Fermi: `u·(1 + e) < 1` and `u < 1/(1 + e)` can disagree only within rounding.
        assert!(
            differ <= 1,
            "{rule:?}: {differ} agents differ from the reference"
        );
        assert!(expect != s0, "{rule:?}: the step must change something");
    }
}

#[test]
fn birth_death_picks_the_reproducer_in_proportion_to_fitness() {
    // C–D pairs, w = 0.5: a C has fitness 0.5 + 0.5·S = 0.5, a D 0.5 + 0.5·T = 1.25, so a
    // micro-step's reproducer is a C with probability 0.5 / 1.75, and its offspring lands on
    // the partner.
    let (net, init) = pairs(1000);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.5 },
        Schedule::Asynchronous,
        init,
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 3).unwrap();
    let w = 0.5;
    sim.fenwick
        .rebuild(sim.payoffs.iter().map(|&p| fitness(w, p)));
    let mut state = 99u64;
    let draws = 20_000;
    let mut c_parents = 0;
    for _ in 0..draws {
        let (a, b) = (splitmix64(&mut state), splitmix64(&mut state));
        let (child, s) = sim.micro_step(a, b, sim.len() as u32).unwrap();
        assert_ne!(
            sim.strategy_bytes()[child],
            s,
            "offspring replaces the partner"
        );
        c_parents += usize::from(s == COOPERATE);
    }
    assert_binomial(c_parents, draws, 0.5 / 1.75, "C reproduces");
}
