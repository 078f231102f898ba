//! `run_one` drives both models through the core's `Model` trait: what it records and the final
//! values it reports equal those of the models' own `run` methods, value for value, and do not
//! depend on the number of threads.

use std::path::{Path, PathBuf};

use asocia_core::classic::observer::StepRecord;
use asocia_core::classic::Simulation;
use asocia_core::firm::{FirmObserver, FirmRecord, FirmSimulation};
use asocia_core::model::ModelConfig;
use asocia_core::network::Network;
use asocia_core::rng::run_seed;
use asocia_output::{classic_summary_values, firm_summary_values};
use asocia_scenario::Scenario;
use asocia_study::runner::{run_one, summary_metrics};
use asocia_study::Steps;

mod pool;
use pool::on_pool;

/// A shipped scenario with overrides.
fn shipped(file: &str, overrides: &[&str]) -> Scenario {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "scenarios", file]
        .iter()
        .collect();
    let overrides: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    asocia_scenario::load(Path::new(&path), &overrides).expect("valid scenario")
}

/// The classic scenarios of the test: synchronous Fermi on a scale-free network, and the
/// asynchronous birth–death run of the Ohtsuki scenario, stopped at absorption.
fn classic_scenarios() -> Vec<Scenario> {
    vec![
        shipped(
            "default.toml",
            &["network.n=1500", "run.steps=40", "run.replications=2"],
        ),
        shipped(
            "ohtsuki-2006-db.toml",
            &[
                "update.rule=birth-death",
                "update.schedule=asynchronous",
                "run.stop_at_absorption=true",
                "run.steps=60",
            ],
        ),
    ]
}

/// The clustered firm economy, small: 4 clusters of 80 firms, entry on, every 5th step kept.
fn firm_scenario() -> Scenario {
    shipped(
        "cluster.toml",
        &[
            "network.sizes=[80, 80, 80, 80]",
            "network.p_in=0.1",
            "run.steps=40",
            "output.every=5",
            "output.network_every=10",
        ],
    )
}

/// A firm observer that keeps the steps a [`Steps`] recorder keeps (every `every`-th, and the
/// last one, which the model reports anyway).
struct EveryNth(u64, Vec<FirmRecord>);

impl FirmObserver for EveryNth {
    type Error = std::convert::Infallible;

    fn wants(&self, step: u64) -> bool {
        step % self.0 == 0
    }

    fn on_step(&mut self, record: &FirmRecord) -> Result<(), Self::Error> {
        self.1.push(record.clone());
        Ok(())
    }
}

/// Bit patterns of a list of values (NaN equals NaN; `-0.0` differs from `0.0`).
fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

/// Firm records as text: equal texts are equal values, NaN included (a step-0 cooperation
/// rate has no decision to divide by).
fn debug(records: &[FirmRecord]) -> String {
    format!("{records:?}")
}

/// The run seed of replication `rep` and its network.
fn seed_and_network(scenario: &Scenario, rep: u64) -> (u64, Network) {
    let seed = run_seed(scenario.seed, 0, rep);
    (seed, scenario.build_network(seed).unwrap())
}

/// The classic run of replication `rep`, by the model's own `run`: records and final values.
fn classic_direct(scenario: &Scenario, rep: u64) -> (Vec<StepRecord>, Vec<f64>) {
    let ModelConfig::Classic(config) = &scenario.model else {
        panic!("a classic scenario");
    };
    let (seed, network) = seed_and_network(scenario, rep);
    let mut sim = Simulation::new(&network, config, seed).unwrap();
    let mut records = Vec::new();
    let summary = sim.run(&mut records).unwrap();
    (records, classic_summary_values(&summary))
}

/// The firm run of replication `rep`, by the model's own `run`.
fn firm_direct(scenario: &Scenario, rep: u64) -> (Vec<FirmRecord>, Vec<f64>) {
    let ModelConfig::Firms(config) = &scenario.model else {
        panic!("a firm scenario");
    };
    let (seed, network) = seed_and_network(scenario, rep);
    let mut sim = FirmSimulation::new(&network, config, seed).unwrap();
    let mut observer = EveryNth(scenario.output.every, Vec::new());
    let summary = sim.run(&mut observer).unwrap();
    (observer.1, firm_summary_values(&summary))
}

/// The run of replication `rep` through `run_one`: the recorder's steps and the final values.
fn through_runner(scenario: &Scenario, rep: u64) -> (Steps, Vec<f64>) {
    let seed = run_seed(scenario.seed, 0, rep);
    let mut steps = Steps::every(scenario.output.every);
    let outcome = run_one(scenario, seed, &mut steps).unwrap();
    assert_eq!(outcome.values.len(), summary_metrics(scenario).len());
    (steps, outcome.values)
}

#[test]
fn the_trait_driven_run_equals_the_direct_run_of_the_classic_model() {
    for scenario in classic_scenarios() {
        for rep in 0..2 {
            let (records, values) = classic_direct(&scenario, rep);
            let (steps, outcome) = through_runner(&scenario, rep);
            assert!(records.len() > 1, "{}: the run must step", scenario.name);
            assert_eq!(
                steps.classic, records,
                "{} rep {rep}: records",
                scenario.name
            );
            assert!(steps.firms.is_empty());
            assert_eq!(bits(&outcome), bits(&values), "{} rep {rep}", scenario.name);
        }
    }
    // The absorbing run really stops early (so the early stop goes through the trait too).
    let (records, _) = classic_direct(&classic_scenarios()[1], 0);
    assert!((records.len() as u64) < 61, "absorbed before step 60");
}

#[test]
fn the_trait_driven_run_equals_the_direct_run_of_the_firm_model() {
    let scenario = firm_scenario();
    for rep in 0..2 {
        let (records, values) = firm_direct(&scenario, rep);
        let (steps, outcome) = through_runner(&scenario, rep);
        // Steps 0, 5, …, 40: nine records, each with the total and four groups.
        assert_eq!(records.len(), 9);
        assert_eq!(records[8].groups.len(), 5);
        let (first, last) = (&records[0].groups[0], &records[8].groups[0]);
        assert_ne!(first.trust_mean, last.trust_mean, "the economy must move");
        assert_eq!(debug(&steps.firms), debug(&records), "rep {rep}: records");
        assert!(steps.classic.is_empty());
        assert_eq!(bits(&outcome), bits(&values), "rep {rep}");
    }
}

#[test]
fn the_trait_driven_run_is_identical_on_one_and_two_threads() {
    let mut scenarios = classic_scenarios();
    scenarios.push(firm_scenario());
    for scenario in &scenarios {
        let one = on_pool(1, || through_runner(scenario, 1));
        let two = on_pool(2, || through_runner(scenario, 1));
        assert_eq!(
            bits(&one.1),
            bits(&two.1),
            "{}: final values",
            scenario.name
        );
        assert_eq!(one.0.classic, two.0.classic, "{}", scenario.name);
        assert_eq!(
            debug(&one.0.firms),
            debug(&two.0.firms),
            "{}",
            scenario.name
        );
    }
}
