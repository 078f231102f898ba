//! The firm sections written back out, every default filled in (for the resolved TOML and
//! the manifest's JSON), walking the registry's specs; [`crate::parse`] reads them back to the
//! same configuration.

use asocia_core::firm::AssociationSource;
use asocia_core::firm::{
    DecisionRule, Distribution, FineTo, FirmConfig, LearningRule, ProjectGame, Success, TrustRule,
};

use crate::keys::{Scope, ATTRIBUTES};
use crate::resolved::{section_values, R};

/// A distribution's name and its parameters as `(suffix, value)`.
fn dist(d: &Distribution) -> (&'static str, Vec<(&'static str, f64)>) {
    match *d {
        Distribution::Constant { value } => ("constant", vec![("value", value)]),
        Distribution::Uniform { min, max } => ("uniform", vec![("min", min), ("max", max)]),
        Distribution::Normal { mean, sd } => ("normal", vec![("mean", mean), ("sd", sd)]),
        Distribution::Lognormal { mean, sd } => ("lognormal", vec![("mean", mean), ("sd", sd)]),
        Distribution::Beta { alpha, beta } => ("beta", vec![("alpha", alpha), ("beta", beta)]),
        Distribution::Given { .. } => ("file", Vec::new()),
    }
}

/// The firm sections as resolved `(section, keys)`, every default filled in.
pub(crate) fn resolved(c: &FirmConfig) -> Vec<(&'static str, Vec<(&'static str, R)>)> {
    let f = R::Float;
    let s = |v: &str| R::Str(v.to_string());
    let m = Scope::Firms;
    let none = |_: &str| None;
    let init = [&c.init.capital, &c.init.productivity, &c.init.opportunism].map(dist);
    let attr = |sel: &str| ATTRIBUTES.iter().position(|a| a.name == sel);
    let firms = section_values(
        "firms",
        m,
        |sel| attr(sel).map(|i| init[i].0),
        |k| {
            if let Some(i) = attr(k.name) {
                return Some(s(init[i].0));
            }
            let (a, suffix) = k.name.split_once('_')?;
            let (_, params) = &init[attr(a)?];
            params
                .iter()
                .find(|(p, _)| *p == suffix)
                .map(|(_, v)| f(*v))
        },
    );
    let t = &c.trust;
    let trust_rule = match t.rule {
        TrustRule::Asymmetric { .. } => "asymmetric",
        TrustRule::Beta { .. } => "beta",
    };
    let trust = section_values(
        "trust",
        m,
        |_| Some(trust_rule),
        |k| {
            Some(match (k.name, t.rule) {
                ("initial", _) => f(t.initial),
                ("rule", _) => s(trust_rule),
                ("up", TrustRule::Asymmetric { up, .. }) => f(up),
                ("down", TrustRule::Asymmetric { down, .. }) => f(down),
                ("alpha", TrustRule::Beta { alpha, .. }) => f(alpha),
                ("beta", TrustRule::Beta { beta, .. }) => f(beta),
                ("decay", _) => f(t.decay),
                ("break_below", _) => f(t.break_below),
                _ => return None,
            })
        },
    );
    let decision_rule = match c.decision {
        DecisionRule::Logistic { .. } => "logistic",
        DecisionRule::Threshold => "threshold",
    };
    let decision = section_values(
        "decision",
        m,
        |_| Some(decision_rule),
        |k| match (k.name, c.decision) {
            ("rule", _) => Some(s(decision_rule)),
            ("beta", DecisionRule::Logistic { beta }) => Some(f(beta)),
            _ => None,
        },
    );
    let p = &c.project;
    let game = match p.game {
        ProjectGame::CostSharing { .. } => "cost-sharing",
        ProjectGame::Donation { .. } => "donation",
    };
    let project = section_values(
        "project",
        m,
        |_| Some(game),
        |k| {
            Some(match (k.name, p.game) {
                ("game", _) => s(game),
                ("v", ProjectGame::CostSharing { v, .. }) => f(v),
                ("b", ProjectGame::Donation { b, .. }) => f(b),
                ("c", ProjectGame::CostSharing { c, .. } | ProjectGame::Donation { c, .. }) => f(c),
                ("rate", _) => f(p.rate),
                ("transaction_cost", _) => f(p.transaction_cost),
                _ => return None,
            })
        },
    );
    let mo = &c.monitoring;
    let monitoring = section_values("monitoring", m, none, |k| {
        Some(match k.name {
            "q" => f(mo.q),
            "fine" => f(mo.fine),
            "fine_to" => s(match mo.fine_to {
                FineTo::Victim => "victim",
                FineTo::Treasury => "treasury",
            }),
            "reputation_loss" => f(mo.reputation_loss),
            _ => return None,
        })
    });
    let reputation = section_values("reputation", m, none, |k| match k.name {
        "weight" => Some(f(c.reputation.weight)),
        "recovery" => Some(f(c.reputation.recovery)),
        _ => None,
    });
    let l = &c.learning;
    let (lrule, lparam) = match l.rule {
        LearningRule::Fermi { k } => ("fermi", Some(k)),
        LearningRule::ImitateBest => ("imitate-best", None),
        LearningRule::Proportional { scale } => ("proportional", Some(scale)),
        LearningRule::DeathBirth { w } => ("death-birth", Some(w)),
    };
    let learning = section_values(
        "learning",
        m,
        |_| Some(lrule),
        |k| {
            Some(match k.name {
                "rule" => s(lrule),
                "k" | "w" | "scale" => f(lparam?),
                "rate" => f(l.rate),
                "success" => s(match l.success {
                    Success::Network => "network",
                    Success::Income => "income",
                }),
                "mutation" => f(l.mutation),
                "mutation_sd" => f(l.mutation_sd),
                _ => return None,
            })
        },
    );
    let mk = &c.market;
    let market = section_values("market", m, none, |k| {
        Some(f(match k.name {
            "price" => mk.price,
            "access" => mk.access,
            "fixed_cost" => mk.fixed_cost,
            "shock_sd" => mk.shock_sd,
            "crisis_prob" => mk.crisis_prob,
            "crisis_depth" => mk.crisis_depth,
            _ => return None,
        }))
    });
    let spillover = section_values("spillover", m, none, |k| {
        (k.name == "rate").then_some(f(c.spillover.rate))
    });
    let d = &c.demography;
    let demography = section_values("demography", m, none, |k| match k.name {
        "exit_below" => Some(f(d.exit_below)),
        "entry" => Some(f(d.entry)),
        "entry_ties" => Some(R::Int(u64::from(d.entry_ties))),
        _ => None,
    });
    let cl = &c.cluster;
    let cluster = section_values("cluster", m, none, |k| match k.name {
        "groups" => Some(R::Ints(cl.groups.iter().map(|g| u64::from(*g)).collect())),
        "discount" => Some(f(cl.discount)),
        "spillover_rate" => Some(f(cl.spillover_rate)),
        _ => None,
    });
    let a = &c.optional.association;
    let from = match a.from {
        AssociationSource::None => "none",
        AssociationSource::Groups => "groups",
        AssociationSource::List => "list",
    };
    let association = section_values(
        "association",
        m,
        |_| Some(from),
        |k| match k.name {
            "from" => Some(s(from)),
            "members" => Some(R::Ints(a.members.iter().map(|g| u64::from(*g)).collect())),
            "fee" => Some(f(a.fee)),
            "initial_trust" => Some(f(a.initial_trust)),
            "trust_rate" => Some(f(a.trust_rate)),
            "leave_below" => Some(f(a.leave_below)),
            "join" => Some(f(a.join)),
            "join_trust" => Some(f(a.join_trust)),
            _ => None,
        },
    );
    let mut out = vec![
        firms, trust, decision, project, monitoring, reputation, learning, market,
    ];
    out.extend(super::optional::resolved(&c.optional));
    out.extend([spillover, demography, cluster, association]);
    // In the registry's file order (the optional sections added later come at its end).
    out.sort_by_key(|(name, _)| crate::keys::SECTIONS.iter().position(|s| s.name == *name));
    out
}
