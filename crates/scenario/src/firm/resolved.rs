//! The firm sections written back out, every default filled in (for the resolved TOML and
//! the manifest's JSON); [`crate::parse`] reads them back to the same configuration.

use asocia_core::firm::{
    DecisionRule, Distribution, FineTo, FirmConfig, LearningRule, ProjectGame, Success, TrustRule,
};

use super::{section_keys, ATTRIBUTES};
use crate::resolved::R;

/// The firm sections as resolved `(section, keys)`, every default filled in.
pub(crate) fn resolved(c: &FirmConfig) -> Vec<(&'static str, Vec<(&'static str, R)>)> {
    let f = R::Float;
    let s = |v: &str| R::Str(v.to_string());
    let mut firms = Vec::new();
    let init = [&c.init.capital, &c.init.productivity, &c.init.opportunism];
    let param_keys = |attr: &str| -> [&'static str; 8] {
        let keys = section_keys("firms");
        let base = keys.iter().position(|k| *k == attr).unwrap_or(0);
        std::array::from_fn(|k| keys[(base + k).min(keys.len() - 1)])
    };
    for (attr, d) in ATTRIBUTES.iter().zip(init) {
        // keys: attr, value, min, max, mean, sd, alpha, beta
        let k = param_keys(attr);
        match d {
            Distribution::Constant { value } => {
                firms.extend([(k[0], s("constant")), (k[1], f(*value))]);
            }
            Distribution::Uniform { min, max } => {
                firms.extend([(k[0], s("uniform")), (k[2], f(*min)), (k[3], f(*max))]);
            }
            Distribution::Normal { mean, sd } => {
                firms.extend([(k[0], s("normal")), (k[4], f(*mean)), (k[5], f(*sd))]);
            }
            Distribution::Lognormal { mean, sd } => {
                firms.extend([(k[0], s("lognormal")), (k[4], f(*mean)), (k[5], f(*sd))]);
            }
            Distribution::Beta { alpha, beta } => {
                firms.extend([(k[0], s("beta")), (k[6], f(*alpha)), (k[7], f(*beta))]);
            }
            Distribution::Given { .. } => firms.push((k[0], s("file"))),
        }
    }
    let t = &c.trust;
    let mut trust = vec![("initial", f(t.initial))];
    match t.rule {
        TrustRule::Asymmetric { up, down } => {
            trust.extend([("rule", s("asymmetric")), ("up", f(up)), ("down", f(down))]);
        }
        TrustRule::Beta { alpha, beta } => {
            trust.extend([("rule", s("beta")), ("alpha", f(alpha)), ("beta", f(beta))]);
        }
    }
    trust.extend([("decay", f(t.decay)), ("break_below", f(t.break_below))]);
    let decision = match c.decision {
        DecisionRule::Logistic { beta } => vec![("rule", s("logistic")), ("beta", f(beta))],
        DecisionRule::Threshold => vec![("rule", s("threshold"))],
    };
    let mut project = match c.project.game {
        ProjectGame::CostSharing { v, c } => {
            vec![("game", s("cost-sharing")), ("v", f(v)), ("c", f(c))]
        }
        ProjectGame::Donation { b, c } => vec![("game", s("donation")), ("b", f(b)), ("c", f(c))],
    };
    project.extend([
        ("rate", f(c.project.rate)),
        ("transaction_cost", f(c.project.transaction_cost)),
    ]);
    let m = &c.monitoring;
    let monitoring = vec![
        ("q", f(m.q)),
        ("fine", f(m.fine)),
        (
            "fine_to",
            s(match m.fine_to {
                FineTo::Victim => "victim",
                FineTo::Treasury => "treasury",
            }),
        ),
        ("reputation_loss", f(m.reputation_loss)),
    ];
    let reputation = vec![
        ("weight", f(c.reputation.weight)),
        ("recovery", f(c.reputation.recovery)),
    ];
    let l = &c.learning;
    let mut learning = match l.rule {
        LearningRule::Fermi { k } => vec![("rule", s("fermi")), ("k", f(k))],
        LearningRule::ImitateBest => vec![("rule", s("imitate-best"))],
        LearningRule::Proportional { scale } => {
            vec![("rule", s("proportional")), ("scale", f(scale))]
        }
        LearningRule::DeathBirth { w } => vec![("rule", s("death-birth")), ("w", f(w))],
    };
    learning.extend([
        ("rate", f(l.rate)),
        (
            "success",
            s(match l.success {
                Success::Network => "network",
                Success::Income => "income",
            }),
        ),
        ("mutation", f(l.mutation)),
        ("mutation_sd", f(l.mutation_sd)),
    ]);
    let mk = &c.market;
    let market = vec![
        ("price", f(mk.price)),
        ("access", f(mk.access)),
        ("fixed_cost", f(mk.fixed_cost)),
        ("shock_sd", f(mk.shock_sd)),
        ("crisis_prob", f(mk.crisis_prob)),
        ("crisis_depth", f(mk.crisis_depth)),
    ];
    let d = &c.demography;
    let demography = vec![
        ("exit_below", f(d.exit_below)),
        ("entry", f(d.entry)),
        ("entry_ties", R::Int(u64::from(d.entry_ties))),
    ];
    let cluster = vec![
        (
            "groups",
            R::Ints(c.cluster.groups.iter().map(|g| u64::from(*g)).collect()),
        ),
        ("discount", f(c.cluster.discount)),
        ("spillover_rate", f(c.cluster.spillover_rate)),
    ];
    vec![
        ("firms", firms),
        ("trust", trust),
        ("decision", decision),
        ("project", project),
        ("monitoring", monitoring),
        ("reputation", reputation),
        ("learning", learning),
        ("market", market),
        ("spillover", vec![("rate", f(c.spillover.rate))]),
        ("demography", demography),
        ("cluster", cluster),
    ]
}
