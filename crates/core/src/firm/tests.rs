//! Unit tests of the firm economy: accounting, limit cases, the market-alone equivalence of
//! isolated firms, common random numbers, invariants (proptest), thread-count determinism.

use proptest::prelude::*;

use super::*;
use crate::model::NoopObserver;
use crate::network::{generate, NetworkSpec};
use crate::rng::unit_f64;

mod layout;
mod snapshot;
mod stats;

/// Every mechanism on, with moderate parameters.
fn config(steps: u64) -> FirmConfig {
    FirmConfig {
        init: FirmInit {
            capital: Distribution::Lognormal { mean: 5.0, sd: 3.0 },
            productivity: Distribution::Normal { mean: 1.0, sd: 0.3 },
            opportunism: Distribution::Beta {
                alpha: 2.0,
                beta: 3.0,
            },
        },
        trust: TrustConfig {
            initial: 0.6,
            rule: TrustRule::Asymmetric { up: 0.1, down: 0.3 },
            decay: 0.05,
            break_below: 0.05,
        },
        decision: DecisionRule::Logistic { beta: 10.0 },
        project: ProjectConfig {
            game: ProjectGame::CostSharing { v: 0.6, c: 0.4 },
            rate: 0.8,
            transaction_cost: 0.02,
        },
        monitoring: MonitoringConfig {
            q: 0.3,
            fine: 0.3,
            fine_to: FineTo::Treasury,
            reputation_loss: 0.2,
        },
        reputation: ReputationConfig {
            weight: 0.5,
            recovery: 0.05,
        },
        learning: LearningConfig {
            rule: LearningRule::Fermi { k: 0.1 },
            rate: 0.2,
            success: Success::Network,
            mutation: 0.05,
            mutation_sd: 0.05,
        },
        market: MarketConfig {
            price: 1.0,
            access: 1.0,
            fixed_cost: 1.0,
            shock_sd: 0.3,
            crisis_prob: 0.05,
            crisis_depth: 0.4,
        },
        optional: OptionalMechanisms::default(),
        spillover: SpilloverConfig { rate: 0.05 },
        demography: DemographyConfig {
            exit_below: 0.0,
            entry: 0.5,
            entry_ties: 3,
        },
        cluster: ClusterConfig {
            groups: Vec::new(),
            discount: 0.5,
            spillover_rate: 0.1,
        },
        steps,
        network_every: 5,
    }
}

fn sbm(n: usize, seed: u64) -> Network {
    let sizes = vec![n / 4; 4];
    let p_in = 8.0 / (n / 4) as f64;
    generate(
        &NetworkSpec::StochasticBlock {
            sizes,
            p_in,
            p_out: 0.5 / n as f64,
        },
        seed,
    )
    .unwrap()
}

fn run(net: &Network, cfg: &FirmConfig, seed: u64) -> (FirmSimulation, Vec<FirmRecord>) {
    let mut sim = FirmSimulation::new(net, cfg, seed).unwrap();
    let mut records = Vec::new();
    sim.run(&mut records).unwrap();
    (sim, records)
}

#[test]
fn logistic_table_is_within_two_tenths_of_a_millionth_and_exact_at_the_ends() {
    let l = Logistic::shared();
    let mut worst = 0.0f64;
    for k in -50_000..=50_000 {
        let x = f64::from(k) * 0.000_97;
        let exact = 1.0 / (1.0 + (-x).exp());
        worst = worst.max((l.eval(x) - exact).abs());
    }
    assert!(worst < 2e-7, "worst error {worst}");
    assert!(
        worst > 1e-9,
        "the table interpolates: some error is expected ({worst})"
    );
    for x in [-40.0, -41.0, -1e9, f64::NEG_INFINITY] {
        assert_eq!(l.eval(x), 0.0, "σ({x})");
    }
    for x in [40.0, 41.0, 1e9, f64::INFINITY] {
        assert_eq!(l.eval(x), 1.0, "σ({x})");
    }
    assert_eq!(l.eval(0.0), 0.5);
    // Monotone, so a decision `u < σ(x)` never flips the wrong way as `x` grows.
    let mut last = 0.0;
    for k in 0..=20_480 * 4 {
        let v = l.at(f64::from(k) * 0.25);
        assert!(v >= last);
        last = v;
    }
}

#[test]
fn logistic_lookup_equals_interpolation_from_the_truncated_position_bit_for_bit() {
    // The lookup finds the cell by rounding instead of truncating; it must give the very
    // bits of the plain formula σ_k + (σ_(k+1) − σ_k)·(pos − k), k = ⌊pos⌋, everywhere,
    // including integers (odd ones land one cell early with a fraction of exactly 1),
    // half-integers (ties) and tiny positions.
    let l = Logistic::shared();
    // The grid values as the table holds them (their accuracy is the test above's); the
    // reference recomputes each step from them, so a stored step that is not exactly
    // `σ_(k+1) − σ_k` fails too.
    let last = Logistic::MAX_POS as usize;
    let value: Vec<f64> = l.cells[..=last + 1].iter().map(|c| c[0]).collect();
    let plain = |pos: f64| {
        let pos = pos.clamp(0.0, Logistic::MAX_POS);
        let k = pos.trunc();
        let (a, b) = (value[k as usize], value[k as usize + 1]);
        a + (b - a) * (pos - k)
    };
    let mut positions = vec![0.0, 1e-300, 1e-17, 0.25, 0.5, 1.0 - 1e-16, -3.0, 1e9];
    for k in 0..=last {
        let k = k as f64;
        positions.extend([k, k + 0.5, k + 0.25, k - 1e-12, k + 1e-12]);
    }
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..200_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        positions.push((x >> 11) as f64 / (1u64 << 53) as f64 * 20_600.0 - 50.0);
    }
    for pos in positions {
        assert_eq!(
            l.at(pos).to_bits(),
            plain(pos).to_bits(),
            "position {pos}: {} vs {}",
            l.at(pos),
            plain(pos)
        );
    }
}

#[test]
fn capital_changes_by_exactly_what_the_ledger_says() {
    for fine_to in [FineTo::Treasury, FineTo::Victim] {
        let mut cfg = config(60);
        cfg.monitoring.fine_to = fine_to;
        let mut sim = FirmSimulation::new(&sbm(2000, 3), &cfg, 9).unwrap();
        let (mut exits, mut entries, mut fines) = (0, 0, 0.0);
        for _ in 0..60 {
            let before = sim.capital_total() + sim.treasury() + sim.association_treasury();
            sim.step();
            let l = *sim.ledger();
            let after = sim.capital_total() + sim.treasury() + sim.association_treasury();
            // Every tag counts by its kind, so that a new flow is covered without editing
            // this test: Δ(capital + treasury) = created − destroyed, and transfers net to
            // zero (paid by firms = received by firms + received by the treasury).
            let scale = 1.0 + l.flows().map(|(_, a)| a.abs()).sum::<f64>() + before.abs();
            assert!(
                (after - before - l.net_change()).abs() < 1e-9 * scale,
                "step {}: Δ = {}, ledger says {}",
                sim.current_step(),
                after - before,
                l.net_change()
            );
            assert!(l.transfer_imbalance().abs() < 1e-9 * scale);
            fines += l.fines_paid();
            exits += usize::from(l.exit_capital() != 0.0);
            entries += usize::from(l.entry_capital() != 0.0);
            assert!(sim.check_invariants());
        }
        assert!(
            fines > 0.0 && exits > 0 && entries > 0,
            "mechanisms exercised"
        );
    }
}

#[test]
fn zero_opportunism_and_full_trust_cooperate_forever() {
    let mut cfg = config(40);
    cfg.init.opportunism = Distribution::Constant { value: 0.0 };
    cfg.trust.initial = 1.0;
    cfg.decision = DecisionRule::Threshold;
    cfg.demography.exit_below = -1e9;
    let (sim, records) = run(&sbm(1000, 1), &cfg, 2);
    for r in &records[1..] {
        let all = &r.groups[0];
        assert!(all.decisions > 0);
        assert_eq!(all.cooperative, all.decisions, "step {}", r.step);
        assert_eq!(all.trust_mean, 1.0);
        assert_eq!(all.trust_q10, 1.0);
    }
    assert!(sim.trusts().all(|(_, _, t)| t == 1.0));
}

#[test]
fn full_opportunism_without_monitoring_kills_trust_and_cooperation() {
    let mut cfg = config(150);
    cfg.init.opportunism = Distribution::Constant { value: 1.0 };
    cfg.decision = DecisionRule::Logistic { beta: 20.0 };
    cfg.trust.initial = 0.9;
    cfg.trust.decay = 0.0;
    cfg.monitoring.q = 0.0;
    cfg.learning.mutation = 0.0;
    cfg.trust.break_below = 0.0;
    cfg.demography.exit_below = -1e9;
    let (_, records) = run(&sbm(1000, 1), &cfg, 2);
    let first = &records[1].groups[0];
    let last = &records.last().unwrap().groups[0];
    assert!(first.coop_rate > 0.1, "{first:?}");
    assert!(last.trust_mean < 0.01, "{last:?}");
    assert!(last.coop_rate < 1e-3, "{last:?}");
}

/// Mean opportunism after a run starting from uniform opportunism.
fn opportunism_after(q: f64, fine: f64) -> f64 {
    opportunism_after_learning(q, fine, LearningRule::Fermi { k: 0.1 })
}

/// Mean opportunism after a run starting from uniform opportunism, learning with `rule`.
fn opportunism_after_learning(q: f64, fine: f64, rule: LearningRule) -> f64 {
    let mut cfg = config(200);
    cfg.learning.rule = rule;
    cfg.init.opportunism = Distribution::Uniform { min: 0.0, max: 1.0 };
    cfg.init.productivity = Distribution::Constant { value: 1.0 };
    cfg.init.capital = Distribution::Constant { value: 1e6 };
    cfg.market.shock_sd = 0.0;
    cfg.spillover.rate = 0.0;
    cfg.cluster.spillover_rate = 0.0;
    cfg.project.game = ProjectGame::Donation { b: 1.0, c: 0.5 };
    cfg.monitoring.q = q;
    cfg.monitoring.fine = fine;
    cfg.learning.mutation = 0.0;
    cfg.learning.rate = 0.5;
    cfg.trust.break_below = 0.0;
    let (_, records) = run(&sbm(2000, 4), &cfg, 5);
    records.last().unwrap().groups[0].opportunism_mean
}

#[test]
fn certain_detection_with_a_fine_above_the_temptation_stops_opportunism_spreading() {
    let temptation = ProjectGame::Donation { b: 1.0, c: 0.5 }.temptation();
    let policed = opportunism_after(1.0, 2.0 * temptation);
    let free = opportunism_after(0.0, 0.0);
    assert!(policed < 0.45, "opportunism spread under q = 1: {policed}");
    assert!(
        free > 0.55,
        "control: opportunism spreads without monitoring: {free}"
    );
}

#[test]
fn proportional_learning_selects_like_fermi() {
    let rule = LearningRule::Proportional { scale: 0.5 };
    let temptation = ProjectGame::Donation { b: 1.0, c: 0.5 }.temptation();
    let policed = opportunism_after_learning(1.0, 2.0 * temptation, rule);
    let free = opportunism_after_learning(0.0, 0.0, rule);
    assert!(policed < 0.45, "opportunism spread under q = 1: {policed}");
    assert!(
        free > 0.55,
        "opportunism spreads without monitoring: {free}"
    );
}

#[test]
fn proportional_adoption_kernel() {
    use super::mechanisms::learning::proportional_adopts;
    // Never from a partner who did no better.
    assert!(!proportional_adopts(1.0, 1.0, 0.5, 0.0));
    assert!(!proportional_adopts(1.0, 0.9, 0.5, 0.0));
    // Probability (Π_j − Π_i) / scale: a gap of 0.2 on a scale of 0.5 adopts iff u < 0.4.
    assert!(proportional_adopts(1.0, 1.2, 0.5, 0.399));
    assert!(!proportional_adopts(1.0, 1.2, 0.5, 0.401));
    // Certain once the gap reaches the scale.
    assert!(proportional_adopts(0.0, 0.5, 0.5, 0.999_999));
    let hits = (0..10_000)
        .filter(|&k| proportional_adopts(0.0, 0.15, 0.5, (k as f64 + 0.5) / 10_000.0))
        .count();
    assert_eq!(hits, 3000);
}

#[test]
fn isolated_firms_earn_exactly_the_market_alone() {
    let n = 500;
    let net = generate(&NetworkSpec::Isolated { n }, 0).unwrap();
    let mut cfg = config(80);
    cfg.learning.mutation = 0.0;
    cfg.demography.entry_ties = 0;
    let (sim, records) = run(&net, &cfg, 11);
    // The market alone, computed from the documented draws.
    let streams = Streams::new(11);
    let m = cfg.market;
    let mut k: Vec<f64> = (0..n).map(|i| draw(&streams, &cfg.init, 0, i)).collect();
    let a: Vec<f64> = (0..n).map(|i| draw(&streams, &cfg.init, 1, i)).collect();
    let theta: Vec<f64> = (0..n).map(|i| draw(&streams, &cfg.init, 2, i)).collect();
    let mut alive = vec![true; n];
    for t in 1..=80 {
        let crisis = unit_f64(streams.stream(t, Phase::CommonShock).next_u64()) < m.crisis_prob;
        let cm = if crisis { 1.0 - m.crisis_depth } else { 1.0 };
        for i in 0..n {
            let z = streams.keyed(t, Phase::MarketShock).word(i as u64);
            let eps = m.shock_sd * dist::normal_inv(z);
            if alive[i] {
                k[i] += a[i] * (m.price * m.access * cm) * (1.0 + eps) - m.fixed_cost;
                if k[i] < cfg.demography.exit_below {
                    alive[i] = false;
                }
            }
        }
    }
    for i in 0..n {
        assert!(
            (sim.capital()[i] - k[i]).abs() < 1e-9,
            "firm {i}: {} vs {}",
            sim.capital()[i],
            k[i]
        );
        assert_eq!(sim.productivity()[i], a[i], "no spillover without ties");
        assert_eq!(sim.opportunism()[i], theta[i], "no learning without ties");
    }
    assert!(records
        .iter()
        .all(|r| r.groups[0].decisions == 0 && r.groups[0].ties == 0));
}

#[test]
fn firms_and_shocks_do_not_depend_on_the_network() {
    let mut cfg = config(30);
    cfg.spillover.rate = 0.0;
    cfg.cluster.spillover_rate = 0.0;
    cfg.demography.exit_below = -1e9;
    let a = FirmSimulation::new(&sbm(1000, 1), &cfg, 7).unwrap();
    let b = FirmSimulation::new(
        &generate(&NetworkSpec::Isolated { n: 1000 }, 1).unwrap(),
        &cfg,
        7,
    )
    .unwrap();
    assert_eq!(a.capital(), b.capital());
    assert_eq!(a.productivity(), b.productivity());
    assert_eq!(a.opportunism(), b.opportunism());
    let (mut a, mut b) = (a, b);
    for _ in 0..30 {
        a.step();
        b.step();
        assert_eq!(a.crisis(), b.crisis());
        for i in 0..1000 {
            assert!((a.market_income(i) - b.market_income(i)).abs() < 1e-9);
        }
    }
}

/// Turns on the associations (every group one, fees, trust, departures, joins) and every
/// scheme on them: a buying group with free-riding, monitoring paid from the treasury,
/// fines and expulsion.
pub(super) fn every_scheme(cfg: &mut FirmConfig) {
    cfg.optional.association = AssociationConfig {
        from: AssociationSource::Groups,
        members: Vec::new(),
        fee: 0.02,
        initial_trust: 0.7,
        trust_rate: 0.1,
        leave_below: 0.3,
        join: 0.2,
        join_trust: 0.5,
    };
    cfg.optional.buying_group = BuyingGroupConfig {
        quantity: 0.5,
        unit_cost: 0.4,
        discount: 0.3,
        saturation: 1000,
        free_ride: 0.5,
        monitoring: 0.5,
        fine: 0.5,
        expel: true,
        monitoring_cost: 0.001,
    };
}

#[test]
fn one_and_two_threads_give_identical_runs() {
    let net = sbm(60_000, 2);
    // The default rules, and the other trust and decision rules with entry on (the Beta rule
    // keeps encounter counts; entrants grow the slot arrays and the inbox).
    let mut other = config(12);
    other.trust.rule = TrustRule::Beta {
        alpha: 2.0,
        beta: 1.0,
    };
    other.decision = DecisionRule::Threshold;
    other.demography.entry = 1.0;
    // Every association scheme on, with entry.
    let mut schemes = config(12);
    schemes.demography.entry = 1.0;
    every_scheme(&mut schemes);
    for cfg in [config(12), other, schemes] {
        let go = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let (sim, records) = run(&net, &cfg, 3);
                let bits: Vec<u64> = sim.capital().iter().map(|x| x.to_bits()).collect();
                (bits, format!("{records:?}"), sim.tie_count(), sim.len())
            })
        };
        assert_eq!(go(1), go(2));
    }
}

/// [`config`] with temporary alliances (a consorcio) and three anchor firms on.
fn with_chains(steps: u64, form: AllianceForm) -> FirmConfig {
    let mut cfg = config(steps);
    cfg.optional.alliance = AllianceConfig {
        rate: 5.0,
        value: 3.0,
        capacity: 2.5,
        penalty: 2.0,
        min_trust: 0.4,
        form,
    };
    cfg.optional.anchor = AnchorConfig {
        count: 3,
        suppliers: 40,
        price: 0.05,
        resale: 1.2,
        assistance: 0.002,
    };
    cfg
}

#[test]
fn capital_changes_by_exactly_what_the_ledger_says_with_alliances_and_anchors() {
    for form in [AllianceForm::UnionTemporal, AllianceForm::Consorcio] {
        let cfg = with_chains(60, form);
        let mut sim = FirmSimulation::new(&sbm(2000, 3), &cfg, 9).unwrap();
        let (mut value, mut penalties, mut bought, mut formed) = (0.0, 0.0, 0.0, 0);
        for _ in 0..60 {
            let before = sim.capital_total() + sim.treasury() + sim.association_treasury();
            sim.step();
            let l = *sim.ledger();
            let after = sim.capital_total() + sim.treasury() + sim.association_treasury();
            let scale = 1.0 + l.flows().map(|(_, a)| a.abs()).sum::<f64>() + before.abs();
            assert!(
                (after - before - l.net_change()).abs() < 1e-9 * scale,
                "step {}: Δ = {}, ledger says {}",
                sim.current_step(),
                after - before,
                l.net_change()
            );
            assert!(l.transfer_imbalance().abs() < 1e-9 * scale);
            value += l.contract_value();
            penalties += l.contract_penalties();
            bought += l.anchor_purchases();
            formed += sim.record().alliances.formed;
            assert!(sim.check_invariants());
        }
        assert!(
            value > 0.0 && penalties > 0.0 && bought > 0.0 && formed > 0,
            "mechanisms exercised"
        );
    }
}

#[test]
fn one_and_two_threads_give_identical_runs_with_alliances_and_anchors() {
    let net = sbm(20_000, 2);
    let mut other = with_chains(12, AllianceForm::UnionTemporal);
    other.trust.rule = TrustRule::Beta {
        alpha: 2.0,
        beta: 1.0,
    };
    for cfg in [with_chains(12, AllianceForm::Consorcio), other] {
        let go = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let (sim, records) = run(&net, &cfg, 3);
                let bits: Vec<u64> = sim.capital().iter().map(|x| x.to_bits()).collect();
                let formed: u64 = records.iter().map(|r| r.alliances.formed).sum();
                let assisted: u64 = records.iter().map(|r| r.assisted).sum();
                let counts = (formed, assisted);
                (
                    bits,
                    format!("{records:?}"),
                    sim.tie_count(),
                    sim.len(),
                    counts,
                )
            })
        };
        let (one, two) = (go(1), go(2));
        assert!(one.4 .0 > 0 && one.4 .1 > 0, "exercised: {:?}", one.4);
        assert_eq!(one, two);
    }
}

#[test]
fn ten_million_firms_of_mean_degree_eight_fit_in_four_gib() {
    let (n, degree) = (10_000_000f64, 8.0);
    // Worst case with entry on: a capacity of the initial degree plus one spare slot per
    // firm, and idle slots of exited firms up to a tenth of those (plus 4096, negligible).
    let slots = 1.1 * (degree + 1.0);
    // The Beta trust rule's layout is the larger one.
    let slot_bytes = (BYTES_PER_SLOT + BYTES_PER_SLOT_BETA) as f64;
    let state = n * (BYTES_PER_FIRM as f64 + slots * slot_bytes);
    // Metric buffers of a recorded step: an f64 per firm, an f32 per live slot.
    let metric_buffers = n * (8.0 + degree * 4.0);
    let total = state + metric_buffers;
    assert!(total < (4u64 << 30) as f64, "{total} bytes");
    // The layout of a real run stays within that bound.
    let mut cfg = config(40);
    cfg.demography.entry = 1.0;
    let mut sim = FirmSimulation::new(&sbm(4000, 1), &cfg, 3).unwrap();
    for _ in 0..40 {
        sim.step();
        let held: u32 = (0..sim.len())
            .filter(|&i| sim.firms.alive[i] != 0)
            .map(|i| sim.ties.capacity(i))
            .sum();
        let bound = 1.1 * f64::from(held) + 4096.0;
        assert!((sim.ties.target.len() as f64) <= bound);
    }
}

#[test]
fn the_stores_count_the_bytes_the_memory_docs_state() {
    // Per firm BYTES_PER_FIRM = 97 (81 in the firm store, 16 in the tie store: slot start,
    // live count, model slot start), one more slot start and model start (4 + 8 = 12) for
    // the end of the last range; per slot BYTES_PER_SLOT = 14, plus 8 under the Beta rule;
    // per group 16 (id, members, treasury). The SBM's network has no positions.
    for beta in [false, true] {
        let mut cfg = config(20);
        cfg.demography.entry = 1.0;
        if beta {
            cfg.trust.rule = TrustRule::Beta {
                alpha: 1.0,
                beta: 1.0,
            };
        }
        let mut sim = FirmSimulation::new(&sbm(900, 2), &cfg, 5).unwrap();
        for _ in 0..20 {
            sim.step();
        }
        let (n, slots, groups) = (sim.len(), sim.ties.target.len(), sim.groups.len());
        let per_slot = BYTES_PER_SLOT + if beta { BYTES_PER_SLOT_BETA } else { 0 };
        assert_eq!(
            sim.state_bytes(),
            n * BYTES_PER_FIRM + 12 + slots * per_slot + groups * 16
        );
        let (firms, slot_room, group_room) = sim.state_capacity();
        assert!(firms >= n && slot_room >= slots && group_room >= groups);
        assert!(sim.check_invariants());
    }
}

#[test]
fn noop_observer_still_gets_a_summary() {
    let mut sim = FirmSimulation::new(&sbm(400, 1), &config(5), 1).unwrap();
    let s = sim.run(&mut NoopObserver).unwrap();
    assert_eq!(s.steps_run, 5);
    assert_eq!(s.last.alive + s.last.exited, sim.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn trust_stays_in_unit_interval_and_counts_add_up(
        n in 8usize..120,
        p in 0.0f64..0.3,
        tau0 in 0.0f64..=1.0,
        up in 0.0f64..=1.0,
        down in 0.0f64..=1.0,
        beta_rule in any::<bool>(),
        threshold in any::<bool>(),
        q in 0.0f64..=1.0,
        entry in 0.0f64..=1.0,
        seed in 0u64..1000,
    ) {
        let net = generate(&NetworkSpec::ErdosRenyiGnp { n, p }, seed).unwrap();
        let mut cfg = config(25);
        cfg.trust.initial = tau0;
        cfg.trust.rule = if beta_rule {
            TrustRule::Beta { alpha: 1.0 + up, beta: 1.0 + down }
        } else {
            TrustRule::Asymmetric { up, down }
        };
        if threshold {
            cfg.decision = DecisionRule::Threshold;
        }
        cfg.monitoring.q = q;
        cfg.demography.entry = entry;
        cfg.init.capital = Distribution::Uniform { min: 0.0, max: 4.0 };
        let (sim, records) = run(&net, &cfg, seed);
        prop_assert!(sim.check_invariants());
        prop_assert!(sim.trusts().all(|(_, _, t)| (0.0..=1.0).contains(&t)));
        for r in &records {
            let all = &r.groups[0];
            prop_assert!(all.alive + all.exited <= sim.len());
            prop_assert!(all.cooperative <= all.decisions);
            let parts = &r.groups[1..];
            prop_assert_eq!(parts.iter().map(|g| g.alive).sum::<usize>(), all.alive);
            prop_assert_eq!(parts.iter().map(|g| g.exited).sum::<usize>(), all.exited);
            prop_assert_eq!(parts.iter().map(|g| g.decisions).sum::<u64>(), all.decisions);
            prop_assert_eq!(parts.iter().map(|g| g.cooperative).sum::<u64>(), all.cooperative);
            prop_assert!(all.trust_q10 <= all.trust_q50 && all.trust_q50 <= all.trust_q90
                || all.trust_mean.is_nan());
        }
        let last = &records.last().unwrap().groups[0];
        prop_assert_eq!(last.alive + last.exited, sim.len());
        prop_assert_eq!(last.exited as u64, sim.exits());
        prop_assert_eq!(sim.encounter_counts().is_some(), beta_rule);
        let per_tie: u64 = match sim.encounter_counts() {
            Some(counts) => counts.map(|(c, d)| u64::from(c + d)).sum(),
            None => 0,
        };
        let decisions_seen: u64 = records.iter().map(|r| r.groups[0].decisions).sum();
        prop_assert!(per_tie <= decisions_seen);
    }
}

#[test]
fn reserving_room_for_entrants_avoids_reallocation_and_changes_nothing() {
    let mut cfg = config(30);
    cfg.demography.entry = 1.0;
    let mut sim = FirmSimulation::new(&sbm(600, 2), &cfg, 4).unwrap();
    for _ in 0..10 {
        sim.step();
    }
    let (mut plain, mut reserved) = (sim.clone(), sim.clone());
    reserved.reserve(1000);
    // Capacities: any growth of a vector changes them, in place or not.
    let pointers = |s: &FirmSimulation| {
        (
            s.firms.capital.capacity(),
            s.firms.alive.capacity(),
            s.ties.target.capacity(),
            s.ties.inbox.flags.capacity(),
        )
    };
    // A clone has no room to spare: its first entrant grows every array.
    assert_eq!(plain.firms.capital.capacity(), plain.firms.capital.len());
    let before = pointers(&reserved);
    let n0 = reserved.len();
    for _ in 0..20 {
        plain.step();
        reserved.step();
    }
    assert!(reserved.len() > n0, "firms entered");
    assert!(reserved.len() - n0 <= 1000);
    // Compaction only shrinks in place (truncation keeps capacity), so nothing grew.
    assert_eq!(pointers(&reserved), before);
    assert!(plain.firms.capital.capacity() > n0);
    assert_eq!(plain.capital(), reserved.capital());
    assert_eq!(
        plain.trusts().collect::<Vec<_>>(),
        reserved.trusts().collect::<Vec<_>>()
    );
}
