//! Payoffs by hand for every game option, the checks of a configuration, initial conditions.

use super::*;

#[test]
fn payoffs_by_hand_for_every_game_option() {
    // Triangle 0–1–2 plus a pendant 3 on 0, and an isolated node 4.
    let net = from_edges(5, &[(0, 1), (1, 2), (0, 2), (0, 3)]);
    let s = [C, D, C, D, C];
    let payoffs = Payoffs {
        r: 3.0,
        s: -1.0,
        t: 5.0,
        p: 0.5,
    };
    let expect = [
        // (normalise, self): payoffs of nodes 0..5
        (
            (false, false),
            [3.0 - 1.0 - 1.0, 5.0 + 5.0, 3.0 - 1.0, 5.0, 0.0],
        ),
        (
            (false, true),
            [1.0 + 3.0, 10.0 + 0.5, 2.0 + 3.0, 5.0 + 0.5, 3.0],
        ),
        ((true, false), [1.0 / 3.0, 10.0 / 2.0, 2.0 / 2.0, 5.0, 0.0]),
        (
            (true, true),
            [4.0 / 4.0, 10.5 / 3.0, 5.0 / 3.0, 5.5 / 2.0, 3.0],
        ),
    ];
    for ((normalise, self_interaction), want) in expect {
        let mut cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, given(&s), 0);
        cfg.game = GameConfig {
            payoffs,
            normalise,
            self_interaction,
            group: None,
        };
        let sim = Simulation::new(&net, &cfg, 1).unwrap();
        assert_eq!(
            sim.payoffs(),
            &want,
            "normalise {normalise}, self {self_interaction}"
        );
        let mean = want.iter().sum::<f64>() / 5.0;
        assert!((sim.record().payoff_mean - mean).abs() < 1e-12);
        assert_eq!(sim.cooperators(), 3);
        assert_eq!(sim.record().coop_rate, 0.6);
    }
}

#[test]
fn birth_death_is_rejected_with_the_synchronous_schedule() {
    let net = from_edges(2, &[(0, 1)]);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.1 },
        Schedule::Synchronous,
        half(),
        1,
    );
    assert_eq!(
        Simulation::new(&net, &cfg, 1).unwrap_err(),
        ModelError::BirthDeathSynchronous
    );
}

#[test]
fn invalid_parameters_are_rejected() {
    let net = from_edges(2, &[(0, 1)]);
    let cfg = config(
        UpdateRule::Fermi { k: 0.0 },
        Schedule::Synchronous,
        half(),
        1,
    );
    assert!(matches!(
        Simulation::new(&net, &cfg, 1),
        Err(ModelError::OutOfRange {
            name: "fermi.k",
            ..
        })
    ));
    let mut cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, half(), 1);
    cfg.update.mutation = 1.5;
    assert!(matches!(
        Simulation::new(&net, &cfg, 1),
        Err(ModelError::OutOfRange {
            name: "mutation",
            ..
        })
    ));
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(&[C]),
        1,
    );
    assert_eq!(
        Simulation::new(&net, &cfg, 1).unwrap_err(),
        ModelError::GivenLength {
            expected: 2,
            found: 1
        }
    );
    assert_eq!(
        Simulation::new(&from_edges(0, &[]), &cfg, 1).unwrap_err(),
        ModelError::EmptyNetwork
    );
}

#[test]
fn initial_conditions_have_exact_counts() {
    let net = random_graph(1001, 4, 1);
    for (f, want) in [(0.37, 370), (0.0, 0), (1.0, 1001), (0.5, 501)] {
        let cfg = config(
            UpdateRule::ImitateBest,
            Schedule::Synchronous,
            InitialConfig::Random { coop_fraction: f },
            0,
        );
        let sim = Simulation::new(&net, &cfg, 77).unwrap();
        assert_eq!(sim.cooperators(), want, "f = {f}");
        assert_eq!(sim.strategies().filter(|&s| s == C).count(), want);
    }
    // Different seeds place them differently.
    let cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, half(), 0);
    let a = Simulation::new(&net, &cfg, 1).unwrap();
    let b = Simulation::new(&net, &cfg, 2).unwrap();
    assert_ne!(a.strategy_bytes(), b.strategy_bytes());
    // Single patterns at the centre: cell (5, 3) of a 11 × 7 lattice.
    let lat = lattice(11, 7, Neighbourhood::Moore);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        InitialConfig::SingleDefector,
        0,
    );
    let sim = Simulation::new(&lat, &cfg, 1).unwrap();
    assert_eq!(sim.cooperators(), 76);
    assert_eq!(sim.strategy_bytes()[3 * 11 + 5], DEFECT);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        InitialConfig::SingleCooperator,
        0,
    );
    let sim = Simulation::new(&net, &cfg, 1).unwrap();
    assert_eq!(sim.cooperators(), 1);
    assert_eq!(sim.strategy_bytes()[500], COOPERATE);
}
