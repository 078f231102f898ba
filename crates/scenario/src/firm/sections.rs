//! The firm sections after `[firms]`, each read through the specs of its keys: `[trust]`,
//! `[decision]`, `[project]`, `[monitoring]`, `[reputation]`, `[learning]`, `[market]`,
//! `[spillover]`, `[demography]` and `[cluster]` (the optional mechanisms' sections, such as
//! `[subsidy]`, are read without code of their own: `optional.rs`).

use asocia_core::firm::{
    ClusterConfig, DecisionRule, DemographyConfig, FineTo, LearningConfig, LearningRule,
    MarketConfig, MonitoringConfig, ProjectConfig, ProjectGame, ReputationConfig, SpilloverConfig,
    Success, TrustConfig, TrustRule,
};

use crate::error::Sink;
use crate::keys::{self, Scope};
use crate::raw::Raw;
use crate::resolve::{section, Reader, P};

fn reader<'r>(raw: &'r Raw, name: &str) -> Reader<'r> {
    Reader::new(raw, section(name), Scope::Firms)
}

pub(super) fn trust(raw: &Raw, sink: &mut Sink<'_>) -> Option<TrustConfig> {
    use keys::trust::{ALPHA, BETA, BREAK_BELOW, DECAY, DOWN, INITIAL, RULE, UP};
    let mut r = reader(raw, "trust");
    let initial = r.float(sink, &INITIAL);
    let rule = r.pick(sink, &RULE);
    let decay = r.float(sink, &DECAY);
    let break_below = r.float(sink, &BREAK_BELOW);
    let parsed = rule.as_ref().map(|rule| {
        if rule.v == "asymmetric" {
            let up = r.float(sink, &UP);
            let down = r.float(sink, &DOWN);
            Some(TrustRule::Asymmetric {
                up: up?.v,
                down: down?.v,
            })
        } else {
            let a = r.float(sink, &ALPHA);
            let b = r.float(sink, &BETA);
            Some(TrustRule::Beta {
                alpha: a?.v,
                beta: b?.v,
            })
        }
    });
    let variant = rule.as_ref().map(|p| r.variant(&RULE, p.v));
    if variant.is_none() {
        r.use_all();
    }
    r.finish(sink, variant);
    Some(TrustConfig {
        initial: initial?.v,
        rule: parsed??,
        decay: decay?.v,
        break_below: break_below?.v,
    })
}

pub(super) fn decision(raw: &Raw, sink: &mut Sink<'_>) -> Option<DecisionRule> {
    use keys::decision::{BETA, RULE};
    let mut r = reader(raw, "decision");
    let rule = r.pick(sink, &RULE);
    let decision = match rule.as_ref().map(|p| p.v) {
        Some("logistic") => r
            .float(sink, &BETA)
            .map(|b| DecisionRule::Logistic { beta: b.v }),
        Some(_) => Some(DecisionRule::Threshold),
        None => {
            r.use_all();
            None
        }
    };
    let variant = rule.map(|p| r.variant(&RULE, p.v));
    r.finish(sink, variant);
    decision
}

pub(super) fn project(raw: &Raw, sink: &mut Sink<'_>) -> Option<ProjectConfig> {
    use keys::project::{B, COST_SHARING_C, DONATION_C, GAME, RATE, TRANSACTION_COST, V};
    let mut r = reader(raw, "project");
    let game = r.pick(sink, &GAME);
    let rate = r.float(sink, &RATE);
    let tc = r.float(sink, &TRANSACTION_COST);
    let parsed = match game.as_ref().map(|p| p.v) {
        Some("cost-sharing") => {
            let v = r.float(sink, &V);
            let c = r.float(sink, &COST_SHARING_C);
            Some(ProjectGame::CostSharing { v: v?.v, c: c?.v })
        }
        Some(_) => {
            let b = r.float(sink, &B);
            let c = r.float(sink, &DONATION_C);
            Some(ProjectGame::Donation { b: b?.v, c: c?.v })
        }
        None => {
            r.use_all();
            None
        }
    };
    let variant = game.map(|p| r.variant(&GAME, p.v));
    r.finish(sink, variant);
    Some(ProjectConfig {
        game: parsed?,
        rate: rate?.v,
        transaction_cost: tc?.v,
    })
}

pub(super) fn monitoring(raw: &Raw, sink: &mut Sink<'_>) -> Option<MonitoringConfig> {
    use keys::monitoring::{FINE, FINE_TO, Q, REPUTATION_LOSS};
    let mut r = reader(raw, "monitoring");
    let q = r.float(sink, &Q);
    let fine = r.float(sink, &FINE);
    let fine_to = r.pick(sink, &FINE_TO);
    let loss = r.float(sink, &REPUTATION_LOSS);
    r.finish(sink, None);
    Some(MonitoringConfig {
        q: q?.v,
        fine: fine?.v,
        fine_to: if fine_to?.v == "victim" {
            FineTo::Victim
        } else {
            FineTo::Treasury
        },
        reputation_loss: loss?.v,
    })
}

pub(super) fn reputation(raw: &Raw, sink: &mut Sink<'_>) -> Option<ReputationConfig> {
    use keys::reputation::{RECOVERY, WEIGHT};
    let mut r = reader(raw, "reputation");
    let weight = r.float(sink, &WEIGHT);
    let recovery = r.float(sink, &RECOVERY);
    r.finish(sink, None);
    Some(ReputationConfig {
        weight: weight?.v,
        recovery: recovery?.v,
    })
}

pub(super) fn learning(raw: &Raw, sink: &mut Sink<'_>) -> Option<LearningConfig> {
    use keys::learning::{K, MUTATION, MUTATION_SD, RATE, RULE, SCALE, SUCCESS, W};
    let mut r = reader(raw, "learning");
    let rule = r.pick(sink, &RULE);
    let rate = r.float(sink, &RATE);
    let success = r.pick(sink, &SUCCESS);
    let mutation = r.float(sink, &MUTATION);
    let mutation_sd = r.float(sink, &MUTATION_SD);
    let parsed = match rule.as_ref().map(|p| p.v) {
        Some("fermi") => r.float(sink, &K).map(|k| LearningRule::Fermi { k: k.v }),
        Some("death-birth") => r
            .float(sink, &W)
            .map(|w| LearningRule::DeathBirth { w: w.v }),
        Some("proportional") => r
            .float(sink, &SCALE)
            .map(|s| LearningRule::Proportional { scale: s.v }),
        Some(_) => Some(LearningRule::ImitateBest),
        None => {
            r.use_all();
            None
        }
    };
    let variant = rule.map(|p| r.variant(&RULE, p.v));
    r.finish(sink, variant);
    Some(LearningConfig {
        rule: parsed?,
        rate: rate?.v,
        success: if success?.v == "income" {
            Success::Income
        } else {
            Success::Network
        },
        mutation: mutation?.v,
        mutation_sd: mutation_sd?.v,
    })
}

pub(super) fn market(raw: &Raw, sink: &mut Sink<'_>) -> Option<MarketConfig> {
    use keys::market::{ACCESS, CRISIS_DEPTH, CRISIS_PROB, FIXED_COST, PRICE, SHOCK_SD};
    let mut r = reader(raw, "market");
    let price = r.float(sink, &PRICE);
    let access = r.float(sink, &ACCESS);
    let fixed = r.float(sink, &FIXED_COST);
    let shock = r.float(sink, &SHOCK_SD);
    let crisis_prob = r.float(sink, &CRISIS_PROB);
    let crisis_depth = r.float(sink, &CRISIS_DEPTH);
    r.finish(sink, None);
    Some(MarketConfig {
        price: price?.v,
        access: access?.v,
        fixed_cost: fixed?.v,
        shock_sd: shock?.v,
        crisis_prob: crisis_prob?.v,
        crisis_depth: crisis_depth?.v,
    })
}

/// `[spillover]`, as read (its rate is the default of `[cluster] spillover_rate`).
pub(super) fn spillover(raw: &Raw, sink: &mut Sink<'_>) -> Option<P<f64>> {
    let mut r = reader(raw, "spillover");
    let rate = r.float(sink, &keys::spillover::RATE);
    r.finish(sink, None);
    rate
}

pub(super) fn spillover_config(rate: Option<P<f64>>) -> Option<SpilloverConfig> {
    Some(SpilloverConfig { rate: rate?.v })
}

pub(super) fn demography(raw: &Raw, sink: &mut Sink<'_>) -> Option<DemographyConfig> {
    use keys::demography::{ENTRY, ENTRY_TIES, EXIT_BELOW};
    let mut r = reader(raw, "demography");
    let exit_below = r.float(sink, &EXIT_BELOW);
    let entry = r.float(sink, &ENTRY);
    let entry_ties = r.uint(sink, &ENTRY_TIES);
    r.finish(sink, None);
    Some(DemographyConfig {
        exit_below: exit_below?.v,
        entry: entry?.v,
        entry_ties: u32::try_from(entry_ties?.v).unwrap_or(u32::MAX),
    })
}

/// `[cluster]`: the config and `groups` with its location (checked against the network later).
pub(super) fn cluster(
    raw: &Raw,
    sink: &mut Sink<'_>,
    spillover: Option<&P<f64>>,
) -> (Option<ClusterConfig>, Option<P<Vec<u32>>>) {
    use keys::cluster::{DISCOUNT, GROUPS, SPILLOVER_RATE};
    let mut r = reader(raw, "cluster");
    let groups = r.ints(sink, &GROUPS).map(|g| P {
        v: g.v
            .iter()
            .map(|x| u32::try_from(*x).unwrap_or(u32::MAX))
            .collect::<Vec<u32>>(),
        loc: g.loc,
    });
    let discount = r.float(sink, &DISCOUNT);
    // Unset, a cluster tie spills over at the base rate (`Default::SameAs("spillover.rate")`):
    // with the default `groups = []` every tie of a one-group network is a cluster tie, and a
    // default of 0 would silently void `[spillover] rate`.
    let base = spillover.map_or(0.0, |p| p.v);
    let rate = r.float_or(sink, &SPILLOVER_RATE, base);
    r.finish(sink, None);
    let config = (|| {
        Some(ClusterConfig {
            groups: groups.as_ref()?.v.clone(),
            discount: discount?.v,
            spillover_rate: rate?.v,
        })
    })();
    (config, groups)
}
