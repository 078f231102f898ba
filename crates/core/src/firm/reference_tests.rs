//! The fast step against the plain reference step (`reference/`) on random small
//! economies: random networks of 5–60 firms in one to three groups, random configurations
//! that switch every mechanism on or off and cover both trust rules, both decision rules,
//! every learning rule and both success measures, with entry on and off, tie formation
//! (closure, meetings by group or proximity, introductions, cap, start trust), fairs,
//! temporary alliances and anchor firms on and off; after every step,
//! every firm's capital, productivity, opportunism, standing, income and alive flag, every
//! tie (its ends, in slot order, its trust and its encounter counts) and the step's record
//! (ledger, treasury, capital, crisis, and every per-group count and mean) must agree.
//!
//! Not compared: the order statistics (median, Gini, trust quantiles: tested against naive
//! values with the per-group statistics in `tests/stats.rs`) and the network structure.
//!
//! Every other economy compacts its slot layout whenever any slot is idle (`compact_margin
//! = 0`), so the twin test also shows that compaction moves memory and nothing else.
//!
//! Discrete outcomes (alive flags, ties and their order, counts, crisis) must be equal;
//! continuous ones equal within [`close`]'s tolerance (see `reference/mod.rs` for why they may
//! differ in the last bits and why the discrete ones may not).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::reference::Reference;
use super::*;

/// Economies in the twin test.
const ECONOMIES: u64 = 48;
/// Steps per economy.
const STEPS: u64 = 150;

/// `a` and `b` agree to 10⁻¹² relative (absolute below 1): the sums the two steps associate
/// differently carry rounding errors of a few ulps (2.2·10⁻¹⁶) of the step's flows, which
/// accumulate over 150 steps to a few 10⁻¹⁵ (the largest seen is printed by the test: about
/// 2·10⁻¹³ since anchors' purchases, resale and compounding assistance joined the random
/// economies, 3·10⁻¹⁵ before), while any mistake in an equation shows as a difference of the order of a
/// parameter.
fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()))
}

/// Trust agrees to one `f32` ulp at 1/2 to 1 (2⁻²³): stored in `f32`, an update computed in
/// a different algebraic form may round to the neighbouring `f32` (none did in this test's
/// economies; the count is printed).
fn close_trust(a: f64, b: f64) -> bool {
    (a - b).abs() <= f64::from(f32::EPSILON)
}

/// A random network of 5–60 firms in one to three groups, with mean degree 1–6.
fn random_network(rng: &mut ChaCha8Rng) -> Network {
    let n = rng.random_range(5..=60usize);
    let groups = rng.random_range(1..=3u32);
    let group: Vec<u32> = (0..n).map(|_| rng.random_range(0..groups)).collect();
    let p = rng.random_range(1.0..6.0) / (n - 1) as f64;
    let mut edges = Vec::new();
    for i in 0..n as u32 {
        for j in i + 1..n as u32 {
            if rng.random::<f64>() < p {
                edges.push((i, j));
            }
        }
    }
    Network::from_edges(n, &edges, Some(group), None).unwrap()
}

/// A value in `[lo, hi)`, or `off` with probability one half.
fn maybe(rng: &mut ChaCha8Rng, off: f64, lo: f64, hi: f64) -> f64 {
    if rng.random_bool(0.5) {
        off
    } else {
        rng.random_range(lo..hi)
    }
}

/// A random configuration: each mechanism on or off with probability one half.
fn random_config(rng: &mut ChaCha8Rng, groups: &[u32]) -> FirmConfig {
    let unit = |rng: &mut ChaCha8Rng| rng.random_range(0.0..1.0);
    let init = FirmInit {
        capital: if rng.random_bool(0.5) {
            Distribution::Lognormal {
                mean: rng.random_range(1.0..8.0),
                sd: rng.random_range(0.1..4.0),
            }
        } else {
            Distribution::Uniform {
                min: rng.random_range(-1.0..2.0),
                max: rng.random_range(2.0..8.0),
            }
        },
        productivity: match rng.random_range(0..3) {
            0 => Distribution::Constant { value: 1.0 },
            1 => Distribution::Normal {
                mean: 1.0,
                sd: rng.random_range(0.05..0.5),
            },
            _ => Distribution::Uniform { min: 0.3, max: 1.7 },
        },
        opportunism: if rng.random_bool(0.5) {
            Distribution::Beta {
                alpha: rng.random_range(0.5..4.0),
                beta: rng.random_range(0.5..4.0),
            }
        } else {
            Distribution::Uniform { min: 0.0, max: 1.0 }
        },
    };
    let trust = TrustConfig {
        initial: unit(rng),
        rule: if rng.random_bool(0.5) {
            TrustRule::Asymmetric {
                up: unit(rng),
                down: unit(rng),
            }
        } else {
            TrustRule::Beta {
                alpha: rng.random_range(0.2..4.0),
                beta: rng.random_range(0.2..4.0),
            }
        },
        decay: maybe(rng, 0.0, 0.0, 0.5),
        break_below: maybe(rng, 0.0, 0.0, 0.4),
    };
    let decision = if rng.random_bool(0.5) {
        DecisionRule::Logistic {
            beta: rng.random_range(0.5..30.0),
        }
    } else {
        DecisionRule::Threshold
    };
    let c = rng.random_range(0.0..0.6);
    let game = if rng.random_bool(0.5) {
        ProjectGame::Donation {
            b: rng.random_range(0.0..1.0),
            c,
        }
    } else {
        ProjectGame::CostSharing {
            v: rng.random_range(0.0..1.5),
            c,
        }
    };
    let rate = match rng.random_range(0..4) {
        0 => 0.0,
        1 => 1.0,
        _ => unit(rng),
    };
    let q = match rng.random_range(0..4) {
        0 => 0.0,
        1 => 1.0,
        _ => unit(rng),
    };
    let rule = match rng.random_range(0..4) {
        0 => LearningRule::Fermi {
            k: rng.random_range(0.05..1.0),
        },
        1 => LearningRule::ImitateBest,
        2 => LearningRule::Proportional {
            scale: rng.random_range(0.1..2.0),
        },
        _ => LearningRule::DeathBirth { w: unit(rng) },
    };
    let entry = maybe(rng, 0.0, 0.2, 1.0);
    let cluster_groups = if rng.random_bool(0.5) {
        Vec::new()
    } else {
        groups
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.5))
            .collect()
    };
    FirmConfig {
        init,
        trust,
        decision,
        project: ProjectConfig {
            game,
            rate,
            transaction_cost: maybe(rng, 0.0, 0.0, 0.2),
        },
        monitoring: MonitoringConfig {
            q,
            fine: maybe(rng, 0.0, 0.0, 1.0),
            fine_to: if rng.random_bool(0.5) {
                FineTo::Victim
            } else {
                FineTo::Treasury
            },
            reputation_loss: unit(rng),
        },
        reputation: ReputationConfig {
            weight: maybe(rng, 0.0, 0.0, 1.0),
            recovery: maybe(rng, 0.0, 0.0, 0.5),
        },
        learning: LearningConfig {
            rule,
            rate: maybe(rng, 0.0, 0.0, 1.0),
            success: if rng.random_bool(0.5) {
                Success::Network
            } else {
                Success::Income
            },
            mutation: maybe(rng, 0.0, 0.0, 0.5),
            mutation_sd: rng.random_range(0.0..0.2),
        },
        market: MarketConfig {
            price: 1.0,
            access: rng.random_range(0.5..1.5),
            fixed_cost: rng.random_range(0.5..1.5),
            shock_sd: maybe(rng, 0.0, 0.0, 0.5),
            crisis_prob: maybe(rng, 0.0, 0.0, 0.3),
            crisis_depth: unit(rng),
        },
        optional: OptionalMechanisms {
            subsidy: random_subsidy(rng),
            ..OptionalMechanisms::default()
        },
        spillover: SpilloverConfig {
            rate: maybe(rng, 0.0, 0.0, 0.3),
        },
        demography: DemographyConfig {
            exit_below: rng.random_range(-3.0..1.0),
            entry,
            entry_ties: rng.random_range(0..=4),
        },
        cluster: ClusterConfig {
            groups: cluster_groups,
            discount: maybe(rng, 0.0, 0.0, 1.0),
            spillover_rate: maybe(rng, 0.0, 0.0, 0.5),
        },
        steps: STEPS,
        network_every: 1,
    }
}

/// The subsidy off half of the time; otherwise a random amount in a random window (open
/// ended half of the time).
fn random_subsidy(rng: &mut ChaCha8Rng) -> SubsidyConfig {
    let per_firm = maybe(rng, 0.0, 0.0, 0.8);
    let start = rng.random_range(1..=STEPS);
    let stop = if rng.random_bool(0.5) {
        0
    } else {
        rng.random_range(start..=STEPS)
    };
    SubsidyConfig {
        per_firm,
        start,
        stop,
        dependency: 0.0,
    }
}

/// A random window `start..=stop` (open ended half of the time).
fn random_window(rng: &mut ChaCha8Rng) -> (u64, u64) {
    let start = rng.random_range(1..=STEPS);
    let stop = if rng.random_bool(0.5) {
        0
    } else {
        rng.random_range(start..=STEPS)
    };
    (start, stop)
}

/// The policy instruments, each off half of the time, with random windows, costs, a
/// dependency effect of the subsidy, and a budget a third of the time (small enough to run
/// out in some economies).
fn random_policy(rng: &mut ChaCha8Rng, cfg: &mut FirmConfig) {
    let o = &mut cfg.optional;
    o.subsidy.dependency = maybe(rng, 0.0, 0.0, 1.0);
    let (start, stop) = random_window(rng);
    o.training = TrainingConfig {
        boost: maybe(rng, 0.0, 0.0, 3.0),
        cost_per_firm: rng.random_range(0.0..0.1),
        start,
        stop,
    };
    let (start, stop) = random_window(rng);
    o.public_monitoring = PublicMonitoringConfig {
        boost: maybe(rng, 0.0, 0.0, 1.0),
        cost_per_firm: rng.random_range(0.0..0.1),
        start,
        stop,
    };
    let (start, stop) = random_window(rng);
    o.infrastructure = InfrastructureConfig {
        reduction: maybe(rng, 0.0, 0.0, 1.0),
        cost: rng.random_range(0.0..2.0),
        start,
        stop,
    };
    o.budget.total = if rng.random_range(0..3) == 0 {
        rng.random_range(0.5..20.0)
    } else {
        0.0
    };
}

/// The associations off a third of the time; otherwise formed from the groups or from a
/// random list of members, with random fees, trust dynamics, departures and joins.
fn random_association(rng: &mut ChaCha8Rng, n: usize) -> AssociationConfig {
    let from = match rng.random_range(0..3) {
        0 => return AssociationConfig::default(),
        1 => AssociationSource::Groups,
        _ => AssociationSource::List,
    };
    let members = if from == AssociationSource::List {
        (0..n as u32).filter(|_| rng.random_bool(0.4)).collect()
    } else {
        Vec::new()
    };
    AssociationConfig {
        from,
        members,
        fee: maybe(rng, 0.0, 0.0, 0.5),
        initial_trust: rng.random_range(0.3..1.0),
        trust_rate: rng.random_range(0.0..1.0),
        leave_below: maybe(rng, 0.0, 0.0, 0.6),
        join: maybe(rng, 0.0, 0.0, 1.0),
        join_trust: rng.random_range(0.0..0.8),
    }
}

/// Tie formation off a third of the time; otherwise random closure, meetings (by group or
/// proximity), introductions (in every group or some), cap and start trust.
fn random_formation(rng: &mut ChaCha8Rng, groups: &[u32]) -> FormationConfig {
    if rng.random_range(0..3) == 0 {
        return FormationConfig::default();
    }
    FormationConfig {
        closure: maybe(rng, 0.0, 0.0, 0.5),
        closure_trust: rng.random_range(0.0..0.8),
        meeting: maybe(rng, 0.0, 0.0, 0.3),
        meeting_scope: if rng.random_bool(0.5) {
            MeetingScope::Group
        } else {
            MeetingScope::Proximity
        },
        meeting_radius: rng.random_range(0.05..0.5),
        introductions: maybe(rng, 0.0, 0.0, 3.0),
        introduction_cost: rng.random_range(0.0..0.5),
        facilitated_groups: if rng.random_bool(0.5) {
            Vec::new()
        } else {
            groups
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.5))
                .collect()
        },
        max_ties: if rng.random_bool(0.5) {
            0
        } else {
            rng.random_range(1..8)
        },
        start_trust: if rng.random_bool(0.5) {
            StartTrust::Initial
        } else {
            StartTrust::Reputation
        },
    }
}

/// Fairs off half of the time; otherwise random parameters.
fn random_fair(rng: &mut ChaCha8Rng) -> FairConfig {
    if rng.random_bool(0.5) {
        return FairConfig::default();
    }
    FairConfig {
        every: rng.random_range(1..12),
        share: rng.random_range(0.0..0.6),
        meetings: rng.random_range(0..4),
        form: rng.random_range(0.0..1.0),
        access: maybe(rng, 0.0, 0.0, 0.5),
        duration: rng.random_range(0..6),
        cost: rng.random_range(0.0..0.2),
    }
}

/// The alliances off half of the time; otherwise contracts at a random rate needing one to
/// four firms' capacity, with random value, penalty, trust needed and form.
fn random_alliance(rng: &mut ChaCha8Rng) -> AllianceConfig {
    if rng.random_bool(0.5) {
        return AllianceConfig::default();
    }
    AllianceConfig {
        rate: rng.random_range(0.2..3.0),
        value: rng.random_range(0.0..4.0),
        capacity: rng.random_range(0.5..4.0),
        penalty: rng.random_range(0.0..3.0),
        min_trust: rng.random_range(0.0..0.7),
        form: if rng.random_bool(0.5) {
            AllianceForm::UnionTemporal
        } else {
            AllianceForm::Consorcio
        },
    }
}

/// The anchors off half of the time; otherwise one to three anchors proposing up to eight
/// supplier ties, with random prices, resale and assistance.
fn random_anchor(rng: &mut ChaCha8Rng) -> AnchorConfig {
    if rng.random_bool(0.5) {
        return AnchorConfig::default();
    }
    AnchorConfig {
        count: rng.random_range(1..=3),
        suppliers: rng.random_range(0..=8),
        price: rng.random_range(0.0..0.3),
        resale: rng.random_range(0.5..2.0),
        assistance: maybe(rng, 0.0, 0.0, 0.01),
    }
}

/// The buying groups off when the associations are, and half of the time otherwise;
/// otherwise random prices, discounts, free-riding, monitoring (free or paid from the
/// treasury), fines and expulsion.
fn random_buying_group(rng: &mut ChaCha8Rng, associations: bool) -> BuyingGroupConfig {
    if !associations || rng.random_bool(0.5) {
        return BuyingGroupConfig::default();
    }
    BuyingGroupConfig {
        quantity: rng.random_range(0.05..1.0),
        unit_cost: rng.random_range(0.0..1.0),
        discount: rng.random_range(0.0..1.0),
        saturation: rng.random_range(1..=30),
        free_ride: maybe(rng, 0.0, 0.0, 1.0),
        monitoring: maybe(rng, 0.0, 0.0, 1.0),
        fine: maybe(rng, 0.0, 0.0, 2.0),
        expel: rng.random_bool(0.5),
        monitoring_cost: maybe(rng, 0.0, 0.0, 0.3),
    }
}

/// The fast step's buying groups equal the reference's: per group the free-riders, the
/// detected ones and the savings, also as recorded.
fn compare_buying(fast: &mut FirmSimulation, plain: &Reference, what: &str) {
    if !fast.buying.on {
        assert!(plain.buying.free_riders.is_empty(), "{what}: buying off");
        return;
    }
    let b = &fast.buying;
    let p = &plain.buying;
    assert_eq!(b.free_riders, p.free_riders, "{what}: free-riders");
    assert_eq!(b.detected, p.detected, "{what}: detected");
    for k in 0..p.savings.len() {
        assert!(
            close(b.savings[k], p.savings[k]),
            "{what}, group {k}: savings"
        );
    }
    let r = fast.record().clone();
    for (k, g) in r.groups[1..].iter().enumerate() {
        assert_eq!(
            g.free_riders,
            u64::from(p.free_riders[k]),
            "{what}: recorded"
        );
        assert_eq!(
            g.free_riders_detected,
            u64::from(p.detected[k]),
            "{what}: recorded"
        );
        assert!(
            close(g.buying_savings, p.savings[k]),
            "{what}: recorded savings"
        );
    }
}

/// The fast step's associations equal the reference's: membership and trust of every firm,
/// per group members, joins, departures and treasury.
fn compare_associations(fast: &mut FirmSimulation, plain: &Reference, what: &str) {
    let (a, p) = (&fast.associations, &plain.assoc);
    assert_eq!(
        a.on,
        !p.member.is_empty() || plain.firms.is_empty(),
        "{what}: on"
    );
    if !a.on {
        return;
    }
    for i in 0..plain.firms.len() {
        let m = p.member.get(i).copied().unwrap_or(false);
        assert_eq!(a.member[i] == 1, m, "{what}, firm {i}: member");
        if m {
            assert!(
                close(a.trust[i], p.trust[i]),
                "{what}, firm {i}: assoc trust"
            );
        }
    }
    for k in 0..p.treasury.len() {
        assert_eq!(
            a.members[k] as usize,
            plain.association_members(Some(k)),
            "{what}: members"
        );
        assert_eq!(a.joins[k], p.joins[k], "{what}, group {k}: joins");
        assert_eq!(
            a.departures[k], p.departures[k],
            "{what}, group {k}: departures"
        );
        assert!(
            close(fast.groups.treasury[k], p.treasury[k]),
            "{what}: assoc treasury"
        );
    }
}

/// What the twin test saw (to check the economies exercise every mechanism).
#[derive(Default)]
struct Seen {
    steps: u64,
    exits: u64,
    entries: u64,
    breaks: u64,
    projects: u64,
    cooperations: u64,
    detections_fined: u64,
    revisions: u64,
    /// Steps in which a subsidy was paid.
    subsidized: u64,
    /// Steps with training, the monitoring programme, infrastructure, each paid.
    trained: u64,
    monitored: u64,
    served: u64,
    /// Instruments stopped because the budget ran out.
    budget_stops: u64,
    /// Firms that joined an association, and members that left one.
    joins: u64,
    departures: u64,
    /// Contracts taken, completed, failed and declined.
    formed: u64,
    completed: u64,
    failed: u64,
    declined: u64,
    /// Supplier-steps assisted by anchors.
    assisted: u64,
    /// Steps of buying groups, free-riders, and those detected.
    buying_steps: u64,
    free_riders: u64,
    detected: u64,
    /// Economies whose fast step compacted its slot layout at least once.
    compacted: u64,
    /// Ties formed by closure, meetings, introductions and at fairs; fair attendees.
    closure: u64,
    meeting: u64,
    introduction: u64,
    fair_ties: u64,
    attendees: u64,
}

/// The largest difference of firm values relative to `1 + |x|`, and the number of trusts that
/// are not the same `f32`, seen so far (for the report the test prints).
#[derive(Default)]
struct Worst {
    relative: f64,
    trusts_differing: u64,
}

/// Compares the whole state and the record of `fast` with `plain` after a step.
fn compare(fast: &mut FirmSimulation, plain: &Reference, what: &str, worst: &mut Worst) {
    assert_eq!(fast.current_step(), plain.t);
    assert_eq!(fast.len(), plain.firms.len(), "{what}: firms");
    let alive: Vec<bool> = fast.alive().collect();
    for (i, f) in plain.firms.iter().enumerate() {
        let at = format!("{what}, firm {i}");
        assert_eq!(alive[i], f.alive, "{at}: alive");
        for (a, b) in [
            (fast.capital()[i], f.capital),
            (fast.productivity()[i], f.productivity),
            (fast.income()[i], f.income),
        ] {
            worst.relative = worst
                .relative
                .max((a - b).abs() / (1.0 + a.abs().max(b.abs())));
        }
        assert!(close(fast.capital()[i], f.capital), "{at}: capital");
        assert!(close(fast.productivity()[i], f.productivity), "{at}: a");
        assert!(close(fast.opportunism()[i], f.opportunism), "{at}: θ");
        assert!(close(fast.firms.standing[i], f.standing), "{at}: standing");
        assert!(close(fast.income()[i], f.income), "{at}: income");
        assert!(close(fast.firms.tie_income[i], f.tie_income), "{at}: ties");
        assert_eq!(fast.firms.decisions[i], f.decisions, "{at}: decisions");
        assert_eq!(fast.firms.cooperations[i], f.cooperations, "{at}: coops");
    }
    let fast_ties: Vec<(usize, usize, f64)> = fast.trusts().collect();
    let plain_ties: Vec<(usize, usize, f64)> = plain
        .firms
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.ties.iter().map(move |t| (i, t.to, f64::from(t.trust))))
        .collect();
    assert_eq!(fast_ties.len(), plain_ties.len(), "{what}: directed ties");
    for (a, b) in fast_ties.iter().zip(&plain_ties) {
        assert_eq!((a.0, a.1), (b.0, b.1), "{what}: tie order");
        assert!(close_trust(a.2, b.2), "{what}: trust {a:?} vs {b:?}");
        worst.trusts_differing += u64::from(a.2 != b.2);
    }
    if let Some(counts) = fast.encounter_counts() {
        let plain_counts = plain
            .firms
            .iter()
            .flat_map(|f| f.ties.iter().map(|t| (t.coops, t.defects)));
        assert!(counts.eq(plain_counts), "{what}: encounter counts");
    }
    assert_eq!(fast.exits(), plain.exits, "{what}: exits");
    assert_eq!(fast.entries, plain.entries, "{what}: entries");
    // Relative to the magnitudes summed, not to the total: incomes of both signs cancel
    // (an economy kept alive by a subsidy sums large gains and losses to a small total).
    let welfare_error = (fast.welfare_total - plain.welfare_total).abs();
    assert!(
        welfare_error <= 1e-12 * (1.0 + plain.welfare_scale),
        "{what}: welfare {} vs {}",
        fast.welfare_total,
        plain.welfare_total
    );
    assert!(fast.check_invariants());
    let r = fast.record().clone();
    assert_eq!(r.step, plain.t);
    assert_eq!(r.crisis, plain.crisis, "{what}: crisis");
    assert!(close(r.treasury, plain.treasury), "{what}: treasury");
    let total: f64 = plain
        .firms
        .iter()
        .filter(|f| f.alive)
        .map(|f| f.capital)
        .sum();
    assert!(close(r.capital_total, total), "{what}: capital total");
    let (l, m) = (&r.ledger, &plain.ledger);
    // Every tag, so that a new flow is compared without editing this test.
    for ((flow, a), (_, b)) in l.flows().zip(m.flows()) {
        let name = flow.name();
        assert!(close(a, b), "{what}: ledger {name}: {a} vs {b}");
    }
    let groups = plain.groups();
    assert_eq!(r.groups.len(), groups.len(), "{what}: groups");
    for (a, b) in r.groups.iter().zip(&groups) {
        let at = format!("{what}, group {:?}", b.group);
        assert_eq!(a.group, b.group, "{at}");
        assert_eq!(
            (
                a.alive,
                a.exited,
                a.initial,
                a.decisions,
                a.cooperative,
                a.ties
            ),
            (
                b.alive,
                b.exited,
                b.initial,
                b.decisions,
                b.cooperative,
                b.ties
            ),
            "{at}: counts"
        );
        for (name, x, y) in [
            ("survival", a.survival_rate, b.survival_rate),
            ("capital", a.capital_mean, b.capital_mean),
            ("welfare", a.welfare, b.welfare),
            ("welfare per firm", a.welfare_per_firm, b.welfare_per_firm),
            ("coop rate", a.coop_rate, b.coop_rate),
            ("trust", a.trust_mean, b.trust_mean),
            ("opportunism", a.opportunism_mean, b.opportunism_mean),
            ("productivity", a.productivity_mean, b.productivity_mean),
            ("degree", a.degree_mean, b.degree_mean),
        ] {
            assert!(close(x, y), "{at}: {name}: {x} vs {y}");
        }
    }
}

#[test]
fn fast_step_equals_the_plain_reference_step_on_random_small_economies() {
    let mut seen = Seen::default();
    let mut kinds = std::collections::BTreeSet::new();
    let mut worst = Worst::default();
    for economy in 0..ECONOMIES {
        let mut rng = ChaCha8Rng::seed_from_u64(0x7e57_0000 + economy);
        let net = random_network(&mut rng);
        let mut groups = net.group.clone();
        groups.sort_unstable();
        groups.dedup();
        let mut cfg = random_config(&mut rng, &groups);
        let seed = rng.random::<u64>();
        cfg.optional.association = random_association(&mut rng, net.node_count());
        // The buying groups' parameters from the words that follow the associations' (as on
        // the branch that added them), without moving the draws of the mechanisms below.
        let mut buying_rng = rng.clone();
        random_policy(&mut rng, &mut cfg);
        // Drawn last, so that the economies of the other mechanisms stay as they were.
        cfg.optional.formation = random_formation(&mut rng, &groups);
        cfg.optional.fair = random_fair(&mut rng);
        let mut net = net;
        if cfg.optional.formation.meeting_scope == MeetingScope::Proximity {
            let n = net.node_count();
            net.position = Some((0..n).map(|_| [rng.random(), rng.random()]).collect());
        }
        cfg.optional.alliance = random_alliance(&mut rng);
        cfg.optional.anchor = random_anchor(&mut rng);
        let on = cfg.optional.association.on();
        cfg.optional.buying_group = random_buying_group(&mut buying_rng, on);
        kinds.insert((
            matches!(cfg.trust.rule, TrustRule::Beta { .. }),
            matches!(cfg.decision, DecisionRule::Threshold),
            cfg.demography.entry > 0.0,
        ));
        let mut fast = FirmSimulation::new(&net, &cfg, seed).unwrap();
        if economy % 2 == 1 {
            fast.compact_margin = 0;
        }
        let mut plain = Reference::new(&net, &cfg, seed);
        compare(
            &mut fast,
            &plain,
            &format!("economy {economy}, start"),
            &mut worst,
        );
        for step in 1..=STEPS {
            let ties_before = plain.firms.iter().map(|f| f.ties.len()).sum::<usize>();
            let theta_before: Vec<f64> = plain.firms.iter().map(|f| f.opportunism).collect();
            fast.step();
            plain.step();
            compare(
                &mut fast,
                &plain,
                &format!("economy {economy}, step {step}"),
                &mut worst,
            );
            seen.steps += 1;
            let ties_after = plain.firms.iter().map(|f| f.ties.len()).sum::<usize>();
            seen.breaks += (ties_before.saturating_sub(ties_after) / 2) as u64;
            seen.projects += plain
                .firms
                .iter()
                .map(|f| u64::from(f.decisions))
                .sum::<u64>();
            seen.cooperations += plain
                .firms
                .iter()
                .map(|f| u64::from(f.cooperations))
                .sum::<u64>();
            seen.detections_fined += u64::from(plain.ledger.fines_paid() > 0.0);
            seen.subsidized += u64::from(plain.ledger.subsidies() > 0.0);
            seen.trained += u64::from(plain.policy.run[1]);
            seen.monitored += u64::from(plain.policy.run[2]);
            seen.served += u64::from(plain.policy.run[3]);
            let (f, p) = (&fast.policy, &plain.policy);
            assert_eq!(f.running, p.run, "economy {economy}, step {step}: funded");
            assert_eq!(
                f.stopped, p.stopped,
                "economy {economy}, step {step}: stopped"
            );
            if cfg.optional.budget.total > 0.0 {
                assert!(close(f.left, p.left), "economy {economy}: budget left");
            }
            seen.closure += plain.ledger.ties_by_closure() as u64;
            seen.meeting += plain.ledger.ties_by_meeting() as u64;
            seen.introduction += plain.ledger.ties_by_introduction() as u64;
            seen.fair_ties += plain.ledger.ties_at_fairs() as u64;
            seen.attendees += plain.ledger.fair_attendees() as u64;
            compare_associations(
                &mut fast,
                &plain,
                &format!("economy {economy}, step {step}"),
            );
            let r = fast.record().clone();
            let at = format!("economy {economy}, step {step}");
            assert_eq!(r.alliances, plain.chains.counts, "{at}: alliances");
            assert_eq!(r.assisted, plain.chains.assisted, "{at}: assisted");
            let c = plain.chains.counts;
            seen.formed += c.formed;
            seen.completed += c.completed;
            seen.failed += c.failed;
            seen.declined += c.declined;
            seen.assisted += plain.chains.assisted;
            compare_buying(
                &mut fast,
                &plain,
                &format!("economy {economy}, step {step}"),
            );
            seen.buying_steps += u64::from(!plain.buying.free_riders.is_empty());
            seen.free_riders += plain
                .buying
                .free_riders
                .iter()
                .map(|&x| u64::from(x))
                .sum::<u64>();
            seen.detected += plain
                .buying
                .detected
                .iter()
                .map(|&x| u64::from(x))
                .sum::<u64>();
            seen.joins += plain.assoc.joins.iter().map(|&x| u64::from(x)).sum::<u64>();
            seen.departures += plain
                .assoc
                .departures
                .iter()
                .map(|&x| u64::from(x))
                .sum::<u64>();
            seen.revisions += theta_before
                .iter()
                .zip(&plain.firms)
                .filter(|(a, f)| **a != f.opportunism)
                .count() as u64;
        }
        let model_slots = *fast.ties.model_start.last().unwrap();
        seen.compacted += u64::from((fast.ties.target.len() as u64) < model_slots);
        seen.exits += plain.exits;
        seen.entries += plain.entries;
        seen.budget_stops += plain.policy.stopped.iter().filter(|&&s| s).count() as u64;
    }
    // The economies exercise what they are meant to.
    assert_eq!(kinds.len(), 8, "every trust × decision × entry combination");
    assert_eq!(seen.steps, ECONOMIES * STEPS);
    assert!(
        seen.compacted >= ECONOMIES / 8,
        "{} compacted",
        seen.compacted
    );
    eprintln!(
        "twin test: {ECONOMIES} economies ({} compacted), {} steps compared; \
         {} exits, {} entries, {} ties lost, {} project decisions, {} cooperations, \
         {} steps with fines, {} opportunism changes, {} subsidized steps, {} consortia formed \
         ({} completed, {} failed), {} contracts declined, {} supplier-steps assisted; \
         largest relative difference {:e}, {} trust values not the same f32",
        seen.compacted,
        seen.steps,
        seen.exits,
        seen.entries,
        seen.breaks,
        seen.projects,
        seen.cooperations,
        seen.detections_fined,
        seen.revisions,
        seen.subsidized,
        seen.formed,
        seen.completed,
        seen.failed,
        seen.declined,
        seen.assisted,
        worst.relative,
        worst.trusts_differing
    );
    for (name, count) in [
        ("exits", seen.exits),
        ("entries", seen.entries),
        ("tie losses", seen.breaks),
        ("projects", seen.projects),
        ("cooperations", seen.cooperations),
        ("steps with fines", seen.detections_fined),
        ("opportunism changes", seen.revisions),
        ("subsidized steps", seen.subsidized),
        ("association joins", seen.joins),
        ("association departures", seen.departures),
        ("trained steps", seen.trained),
        ("monitored steps", seen.monitored),
        ("steps with infrastructure", seen.served),
        ("ties formed by closure", seen.closure),
        ("ties formed by meetings", seen.meeting),
        ("ties formed by introductions", seen.introduction),
        ("ties formed at fairs", seen.fair_ties),
        ("fair attendees", seen.attendees),
        ("consortia formed", seen.formed),
        ("consortia completed", seen.completed),
        ("consortia failed", seen.failed),
        ("contracts declined", seen.declined),
        ("suppliers assisted", seen.assisted),
        ("buying group steps", seen.buying_steps),
        ("free-riders", seen.free_riders),
        ("free-riders detected", seen.detected),
    ] {
        assert!(count > 100, "{name}: only {count}");
    }
    assert!(
        seen.budget_stops > 5,
        "instruments stopped by the budget: only {}",
        seen.budget_stops
    );
}
