//! The firm-economy sections of a scenario (`[scenario] model = "firms"`): `[firms]`,
//! `[trust]`, `[decision]`, `[project]`, `[monitoring]`, `[reputation]`, `[learning]`,
//! `[market]`, `[spillover]`, `[demography]` and `[cluster]`, checked like every other
//! section (unknown keys with suggestions, keys a choice does not take, ranges), plus the
//! checks that need the network: attributes read from the nodes file and cluster group ids.

use asocia_core::firm::{
    ClusterConfig, DecisionRule, DemographyConfig, Distribution, FineTo, FirmConfig, FirmInit,
    LearningConfig, LearningRule, MarketConfig, MonitoringConfig, ProjectConfig, ProjectGame,
    ReputationConfig, SpilloverConfig, Success, TrustConfig, TrustRule,
};
use asocia_core::network::NetworkSpec;

use crate::error::{Loc, Sink};
use crate::raw::{Raw, Val};
use crate::resolve::{first, Reader, Variant, P};
use crate::NetworkSource;

mod resolved;

pub(crate) use resolved::resolved;

/// The firm sections, in the order they are written back.
pub(crate) const FIRM_SECTIONS: &[&str] = &[
    "firms",
    "trust",
    "decision",
    "project",
    "monitoring",
    "reputation",
    "learning",
    "market",
    "spillover",
    "demography",
    "cluster",
];

/// Firm attributes with a distribution, in `[firms]` order.
pub(crate) const ATTRIBUTES: [&str; 3] = ["capital", "productivity", "opportunism"];
/// Distribution names.
pub(crate) const DISTS: &[&str] = &["constant", "uniform", "normal", "lognormal", "beta", "file"];

/// Parameters (suffixes) of each distribution.
pub(crate) fn dist_params(dist: &str) -> &'static [&'static str] {
    match dist {
        "constant" => &["value"],
        "uniform" => &["min", "max"],
        "normal" | "lognormal" => &["mean", "sd"],
        "beta" => &["alpha", "beta"],
        _ => &[],
    }
}

/// Every key of a firm section.
pub(crate) fn section_keys(section: &str) -> &'static [&'static str] {
    match section {
        "firms" => &[
            "capital",
            "capital_value",
            "capital_min",
            "capital_max",
            "capital_mean",
            "capital_sd",
            "capital_alpha",
            "capital_beta",
            "productivity",
            "productivity_value",
            "productivity_min",
            "productivity_max",
            "productivity_mean",
            "productivity_sd",
            "productivity_alpha",
            "productivity_beta",
            "opportunism",
            "opportunism_value",
            "opportunism_min",
            "opportunism_max",
            "opportunism_mean",
            "opportunism_sd",
            "opportunism_alpha",
            "opportunism_beta",
        ],
        "trust" => &[
            "initial",
            "rule",
            "up",
            "down",
            "alpha",
            "beta",
            "decay",
            "break_below",
        ],
        "decision" => &["rule", "beta"],
        "project" => &["game", "b", "c", "v", "rate", "transaction_cost"],
        "monitoring" => &["q", "fine", "fine_to", "reputation_loss"],
        "reputation" => &["weight", "recovery"],
        "learning" => &[
            "rule",
            "k",
            "w",
            "scale",
            "rate",
            "success",
            "mutation",
            "mutation_sd",
        ],
        "market" => &[
            "price",
            "access",
            "fixed_cost",
            "shock_sd",
            "crisis_prob",
            "crisis_depth",
        ],
        "spillover" => &["rate"],
        "demography" => &["exit_below", "entry", "entry_ties"],
        "cluster" => &["groups", "discount", "spillover_rate"],
        _ => &[],
    }
}

/// Default distribution of each attribute: (name, parameters).
fn default_dist(attr: &str) -> (&'static str, [f64; 2]) {
    match attr {
        "capital" => ("lognormal", [10.0, 5.0]),
        "productivity" => ("normal", [1.0, 0.2]),
        _ => ("beta", [2.0, 5.0]),
    }
}

/// What the firm sections resolved to before the network is known.
pub(crate) struct FirmDraft {
    pub(crate) config: FirmConfig,
    /// Where `capital = "file"` (etc.) was written, per attribute, if it was.
    pub(crate) from_file: [Option<Option<Loc>>; 3],
    /// `[cluster] groups` as written, with its location.
    pub(crate) groups: P<Vec<u32>>,
}

const NONNEG: &str = "a number >= 0";

fn nonneg(x: f64) -> bool {
    x >= 0.0
}

/// One attribute's distribution from `[firms]`; `None` after reporting a mistake. The
/// second value is `Some(loc)` when the distribution is `"file"`.
fn distribution(
    r: &mut Reader<'_>,
    sink: &mut Sink<'_>,
    attr: &'static str,
) -> Option<(Distribution, Option<Option<Loc>>)> {
    let (default, [d0, d1]) = default_dist(attr);
    let dist = r.choice(sink, attr, default, DISTS, "distribution")?;
    let key = |p: &str| -> &'static str {
        section_keys("firms")
            .iter()
            .copied()
            .find(|k| k.strip_prefix(attr).and_then(|s| s.strip_prefix('_')) == Some(p))
            .unwrap_or("?")
    };
    let here = dist.loc.or(r.loc);
    let (in_domain, domain): (fn(f64) -> bool, &str) = match attr {
        "capital" => (|_| true, "a finite number"),
        "productivity" => (|x| x >= 0.0, "a number >= 0 (productivity is not negative)"),
        _ => (
            |x| (0.0..=1.0).contains(&x),
            "a value in [0, 1] (opportunism is a propensity)",
        ),
    };
    let out = match dist.v {
        "constant" => {
            let default = match attr {
                "capital" => 10.0,
                "productivity" => 1.0,
                _ => 0.3,
            };
            let v = r.num(sink, key("value"), default, in_domain, domain);
            Distribution::Constant { value: v?.v }
        }
        "uniform" => {
            let lo = r.num(sink, key("min"), 0.0, in_domain, domain);
            let hi = r.num(sink, key("max"), 1.0, in_domain, domain);
            let (lo, hi) = (lo?, hi?);
            if lo.v > hi.v {
                sink.at(
                    first(&[hi.loc, lo.loc], here),
                    format!(
                        "`{}`: a uniform distribution needs min <= max, found min = {} and max = {}",
                        key("max"),
                        lo.v,
                        hi.v
                    ),
                );
                return None;
            }
            Distribution::Uniform {
                min: lo.v,
                max: hi.v,
            }
        }
        "normal" => {
            let mean = r.real(sink, key("mean"), d0);
            let sd = r.num(sink, key("sd"), d1, nonneg, "a standard deviation >= 0");
            Distribution::Normal {
                mean: mean?.v,
                sd: sd?.v,
            }
        }
        "lognormal" => {
            let mean = r.num(
                sink,
                key("mean"),
                d0,
                |x| x > 0.0,
                "a positive mean (a lognormal variable is positive)",
            );
            let sd = r.num(sink, key("sd"), d1, nonneg, "a standard deviation >= 0");
            Distribution::Lognormal {
                mean: mean?.v,
                sd: sd?.v,
            }
        }
        "beta" => {
            let a = r.num(sink, key("alpha"), d0, |x| x > 0.0, "a shape alpha > 0");
            let b = r.num(sink, key("beta"), d1, |x| x > 0.0, "a shape beta > 0");
            Distribution::Beta {
                alpha: a?.v,
                beta: b?.v,
            }
        }
        _ => {
            return Some((
                Distribution::Given { values: Vec::new() },
                Some(dist.loc.or(r.loc)),
            ));
        }
    };
    Some((out, None))
}

/// Reports `[firms]` keys of an attribute that its distribution does not take. When the
/// distribution itself was set by `--set` (or a sweep point or an arm), the file's parameters
/// of another distribution are dropped silently, as for the other selectors (a network kind, a
/// rule): the override switches the distribution.
fn foreign_params(r: &mut Reader<'_>, sink: &mut Sink<'_>, dists: &[Option<&str>; 3]) {
    for (k, e) in r.entries.iter().enumerate() {
        if r.used[k] {
            continue;
        }
        for (attr, dist) in ATTRIBUTES.iter().zip(dists) {
            let Some(p) = e.key.strip_prefix(attr).and_then(|s| s.strip_prefix('_')) else {
                continue;
            };
            let known = section_keys("firms").contains(&e.key.as_str());
            if known && !e.from_override && overridden(r, attr) {
                r.used[k] = true;
                continue;
            }
            if let (true, Some(d)) = (known, dist) {
                let takes: Vec<String> = dist_params(d)
                    .iter()
                    .map(|q| format!("{attr}_{q}"))
                    .collect();
                let takes = if takes.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!("it takes: {}", takes.join(", "))
                };
                sink.at(
                    Some(e.key_loc),
                    format!(
                        "`{}` is not a parameter of {attr} distribution `{d}` ({takes}; `{p}` belongs to another distribution)",
                        e.key
                    ),
                );
                r.used[k] = true;
            }
        }
    }
}

/// A list of group ids (non-negative integers).
fn groups(r: &mut Reader<'_>, sink: &mut Sink<'_>) -> Option<P<Vec<u32>>> {
    let Some(e) = r.entry("groups") else {
        return Some(P {
            v: Vec::new(),
            loc: None,
        });
    };
    let expect = "an array of group ids (non-negative integers)";
    let Val::Array(items) = &e.val else {
        sink.at(
            Some(e.val_loc),
            format!("`groups`: expected {expect}, found {}", e.val.describe()),
        );
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Val::Int(x) if (0..i64::from(u32::MAX)).contains(x) => out.push(*x as u32),
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!(
                        "`groups`: expected {expect}, found {} at position {}",
                        other.describe(),
                        i + 1
                    ),
                );
                return None;
            }
        }
    }
    Some(P {
        v: out,
        loc: Some(e.val_loc),
    })
}

/// Whether the selector key of a section was set by `--set`.
fn overridden(r: &Reader<'_>, key: &str) -> bool {
    r.entries.iter().any(|e| e.key == key && e.from_override)
}

/// Reads every firm section; `None` if anything was reported.
pub(crate) fn read(
    raw: &Raw,
    sink: &mut Sink<'_>,
    steps: u64,
    network_every: u64,
) -> Option<FirmDraft> {
    // [firms]
    let mut r = Reader::new(raw, "firms");
    let cap = distribution(&mut r, sink, "capital");
    let prod = distribution(&mut r, sink, "productivity");
    let opp = distribution(&mut r, sink, "opportunism");
    let chosen = |a: &'static str| {
        r.entries
            .iter()
            .find(|e| e.key == a)
            .and_then(|e| match &e.val {
                Val::Str(s) => DISTS.iter().copied().find(|d| *d == s.as_str()),
                _ => None,
            })
            .or(Some(default_dist(a).0))
    };
    let dists = [
        chosen("capital"),
        chosen("productivity"),
        chosen("opportunism"),
    ];
    foreign_params(&mut r, sink, &dists);
    r.finish(sink, &ATTRIBUTES, None);

    // [trust]
    let mut r = Reader::new(raw, "trust");
    let ov = overridden(&r, "rule");
    let initial = r.prob(sink, "initial", 0.5);
    let rule = r.choice(
        sink,
        "rule",
        "asymmetric",
        &["asymmetric", "beta"],
        "trust rule",
    );
    let decay = r.prob(sink, "decay", 0.0);
    let break_below = r.prob(sink, "break_below", 0.0);
    let trust_rule = rule.and_then(|rule| {
        let parsed = if rule.v == "asymmetric" {
            let up = r.prob(sink, "up", 0.1);
            let down = r.prob(sink, "down", 0.3);
            Some(TrustRule::Asymmetric {
                up: up?.v,
                down: down?.v,
            })
        } else {
            let a = r.num(sink, "alpha", 1.0, |x| x > 0.0, "a prior alpha > 0");
            let b = r.num(sink, "beta", 1.0, |x| x > 0.0, "a prior beta > 0");
            Some(TrustRule::Beta {
                alpha: a?.v,
                beta: b?.v,
            })
        };
        Some((rule.v, parsed))
    });
    let always = ["initial", "rule", "decay", "break_below"];
    match &trust_rule {
        Some((name, _)) => r.finish(
            sink,
            &always,
            Some(Variant {
                what: format!("trust rule `{name}`"),
                params: if *name == "asymmetric" {
                    &["up", "down"]
                } else {
                    &["alpha", "beta"]
                },
                overridden: ov,
            }),
        ),
        None => {
            for k in section_keys("trust") {
                r.entry(k);
            }
            r.finish(sink, &always, None);
        }
    }

    // [decision]
    let mut r = Reader::new(raw, "decision");
    let ov = overridden(&r, "rule");
    let rule = r.choice(
        sink,
        "rule",
        "logistic",
        &["logistic", "threshold"],
        "decision rule",
    );
    let decision = match rule.as_ref().map(|p| p.v) {
        Some("logistic") => r
            .num(sink, "beta", 10.0, |x| x > 0.0, "a steepness beta > 0")
            .map(|b| DecisionRule::Logistic { beta: b.v }),
        Some(_) => Some(DecisionRule::Threshold),
        None => {
            r.entry("beta");
            None
        }
    };
    r.finish(
        sink,
        &["rule"],
        rule.map(|p| Variant {
            what: format!("decision rule `{}`", p.v),
            params: if p.v == "logistic" { &["beta"] } else { &[] },
            overridden: ov,
        }),
    );

    // [project]
    let mut r = Reader::new(raw, "project");
    let ov = overridden(&r, "game");
    let game = r.choice(
        sink,
        "game",
        "cost-sharing",
        &["cost-sharing", "donation"],
        "project game",
    );
    let rate = r.prob(sink, "rate", 1.0);
    let tc = r.num(sink, "transaction_cost", 0.0, nonneg, NONNEG);
    let parsed = match game.as_ref().map(|p| p.v) {
        Some("cost-sharing") => {
            let v = r.num(sink, "v", 0.6, nonneg, "a project return v >= 0");
            let c = r.num(sink, "c", 0.4, nonneg, "a project cost c >= 0");
            Some(ProjectGame::CostSharing { v: v?.v, c: c?.v })
        }
        Some(_) => {
            let b = r.num(sink, "b", 0.4, nonneg, "a benefit b >= 0");
            let c = r.num(sink, "c", 0.2, nonneg, "a cost c >= 0");
            Some(ProjectGame::Donation { b: b?.v, c: c?.v })
        }
        None => {
            for k in ["b", "c", "v"] {
                r.entry(k);
            }
            None
        }
    };
    r.finish(
        sink,
        &["game", "rate", "transaction_cost"],
        game.map(|p| Variant {
            what: format!("project game `{}`", p.v),
            params: if p.v == "cost-sharing" {
                &["v", "c"]
            } else {
                &["b", "c"]
            },
            overridden: ov,
        }),
    );

    // [monitoring]
    let mut r = Reader::new(raw, "monitoring");
    let q = r.prob(sink, "q", 0.0);
    let fine = r.num(sink, "fine", 0.0, nonneg, "a fine >= 0");
    let fine_to = r.choice(
        sink,
        "fine_to",
        "treasury",
        &["victim", "treasury"],
        "fine recipient",
    );
    let loss = r.prob(sink, "reputation_loss", 0.5);
    r.finish(sink, section_keys("monitoring"), None);

    // [reputation]
    let mut r = Reader::new(raw, "reputation");
    let weight = r.prob(sink, "weight", 0.0);
    let recovery = r.prob(sink, "recovery", 0.05);
    r.finish(sink, section_keys("reputation"), None);

    // [learning]
    let mut r = Reader::new(raw, "learning");
    let ov = overridden(&r, "rule");
    let lrule = r.choice(
        sink,
        "rule",
        "fermi",
        &["fermi", "imitate-best", "proportional", "death-birth"],
        "learning rule",
    );
    let lrate = r.prob(sink, "rate", 0.1);
    let success = r.choice(
        sink,
        "success",
        "network",
        &["network", "income"],
        "success measure",
    );
    let mutation = r.prob(sink, "mutation", 0.01);
    let mutation_sd = r.num(
        sink,
        "mutation_sd",
        0.05,
        nonneg,
        "a standard deviation >= 0",
    );
    let learning_rule = match lrule.as_ref().map(|p| p.v) {
        Some("fermi") => r
            .num(
                sink,
                "k",
                0.1,
                |x| x > 0.0,
                "a positive noise k (money units)",
            )
            .map(|k| LearningRule::Fermi { k: k.v }),
        Some("death-birth") => r
            .prob(sink, "w", 0.1)
            .map(|w| LearningRule::DeathBirth { w: w.v }),
        Some("proportional") => r
            .num(
                sink,
                "scale",
                1.0,
                |x| x > 0.0,
                "a positive income difference (money units)",
            )
            .map(|s| LearningRule::Proportional { scale: s.v }),
        Some(_) => Some(LearningRule::ImitateBest),
        None => {
            r.entry("k");
            r.entry("w");
            r.entry("scale");
            None
        }
    };
    r.finish(
        sink,
        &["rule", "rate", "success", "mutation", "mutation_sd"],
        lrule.map(|p| Variant {
            what: format!("learning rule `{}`", p.v),
            params: match p.v {
                "fermi" => &["k"],
                "death-birth" => &["w"],
                "proportional" => &["scale"],
                _ => &[],
            },
            overridden: ov,
        }),
    );

    // [market]
    let mut r = Reader::new(raw, "market");
    let price = r.num(sink, "price", 1.0, nonneg, "a price >= 0");
    let access = r.num(sink, "access", 1.0, nonneg, "a market access >= 0");
    let fixed = r.num(sink, "fixed_cost", 1.0, nonneg, "a fixed cost >= 0");
    let shock = r.num(sink, "shock_sd", 0.1, nonneg, "a standard deviation >= 0");
    let crisis_prob = r.prob(sink, "crisis_prob", 0.0);
    let crisis_depth = r.prob(sink, "crisis_depth", 0.3);
    r.finish(sink, section_keys("market"), None);

    // [spillover]
    let mut r = Reader::new(raw, "spillover");
    let spill = r.prob(sink, "rate", 0.0);
    r.finish(sink, section_keys("spillover"), None);

    // [demography]
    let mut r = Reader::new(raw, "demography");
    let exit_below = r.real(sink, "exit_below", 0.0);
    let entry = r.prob(sink, "entry", 0.0);
    let entry_ties = r.int(
        sink,
        "entry_ties",
        2,
        (0, 1 << 20),
        "a number of ties (0 to 1048576)",
    );
    r.finish(sink, section_keys("demography"), None);

    // [cluster]
    let mut r = Reader::new(raw, "cluster");
    let groups = groups(&mut r, sink);
    let discount = r.prob(sink, "discount", 0.0);
    // Unset, a cluster tie spills over at the base rate: with the default `groups = []` every
    // tie of a one-group network is a cluster tie, and a default of 0 would silently void
    // `[spillover] rate`.
    let base_spill = spill.as_ref().map_or(0.0, |p| p.v);
    let cluster_spill = r.prob(sink, "spillover_rate", base_spill);
    r.finish(sink, section_keys("cluster"), None);

    let (cap, prod, opp) = (cap?, prod?, opp?);
    let groups = groups?;
    let config = FirmConfig {
        init: FirmInit {
            capital: cap.0,
            productivity: prod.0,
            opportunism: opp.0,
        },
        trust: TrustConfig {
            initial: initial?.v,
            rule: trust_rule?.1?,
            decay: decay?.v,
            break_below: break_below?.v,
        },
        decision: decision?,
        project: ProjectConfig {
            game: parsed?,
            rate: rate?.v,
            transaction_cost: tc?.v,
        },
        monitoring: MonitoringConfig {
            q: q?.v,
            fine: fine?.v,
            fine_to: if fine_to?.v == "victim" {
                FineTo::Victim
            } else {
                FineTo::Treasury
            },
            reputation_loss: loss?.v,
        },
        reputation: ReputationConfig {
            weight: weight?.v,
            recovery: recovery?.v,
        },
        learning: LearningConfig {
            rule: learning_rule?,
            rate: lrate?.v,
            success: if success?.v == "income" {
                Success::Income
            } else {
                Success::Network
            },
            mutation: mutation?.v,
            mutation_sd: mutation_sd?.v,
        },
        market: MarketConfig {
            price: price?.v,
            access: access?.v,
            fixed_cost: fixed?.v,
            shock_sd: shock?.v,
            crisis_prob: crisis_prob?.v,
            crisis_depth: crisis_depth?.v,
        },
        spillover: SpilloverConfig { rate: spill?.v },
        demography: DemographyConfig {
            exit_below: exit_below?.v,
            entry: entry?.v,
            entry_ties: entry_ties?.v as u32,
        },
        cluster: ClusterConfig {
            groups: groups.v.clone(),
            discount: discount?.v,
            spillover_rate: cluster_spill?.v,
        },
        steps,
        network_every,
    };
    Some(FirmDraft {
        config,
        from_file: [cap.1, prod.1, opp.1],
        groups,
    })
}

/// The group ids the firms of `network` have, sorted and distinct.
pub(crate) fn group_ids(network: &NetworkSource) -> Vec<u32> {
    match network {
        NetworkSource::Generator(NetworkSpec::StochasticBlock { sizes, .. }) => {
            (0..sizes.len() as u32).collect()
        }
        NetworkSource::Generator(_) => vec![0],
        NetworkSource::File(f) => match &f.group {
            Some(g) => {
                let mut ids = g.clone();
                ids.sort_unstable();
                ids.dedup();
                ids
            }
            None => vec![0],
        },
    }
}

/// Completes the draft with what the network gives: attribute columns of the nodes file and
/// the check of the cluster group ids. `None` if anything was reported.
pub(crate) fn finish(
    mut draft: FirmDraft,
    network: &NetworkSource,
    sink: &mut Sink<'_>,
) -> Option<FirmConfig> {
    let before = sink.len();
    let ids = group_ids(network);
    for g in &draft.groups.v {
        if ids.binary_search(g).is_err() {
            let have: Vec<String> = ids.iter().map(ToString::to_string).collect();
            sink.at(
                draft.groups.loc,
                format!(
                    "`groups`: no firm has group {g} (the network's groups are: {})",
                    have.join(", ")
                ),
            );
        }
    }
    let init = &mut draft.config.init;
    let targets = [
        &mut init.capital,
        &mut init.productivity,
        &mut init.opportunism,
    ];
    for ((attr, from), target) in ATTRIBUTES.iter().zip(draft.from_file).zip(targets) {
        let Some(loc) = from else { continue };
        let column: Result<Vec<f64>, String> = match network {
            NetworkSource::Generator(_) => Err(
                "but the network is generated; values per firm come from a nodes file (network kind `file`)"
                    .to_string(),
            ),
            NetworkSource::File(f) => match &f.nodes_path {
                None => Err("but [network] has no `nodes` file".to_string()),
                Some(p) => {
                    let col = match *attr {
                        "capital" => &f.capital,
                        "productivity" => &f.productivity,
                        _ => &f.opportunism,
                    };
                    col.clone().ok_or_else(|| {
                        format!("but the nodes file {} has no `{attr}` column", p.display())
                    })
                }
            },
        };
        match column {
            Ok(values) => *target = Distribution::Given { values },
            Err(why) => sink.at(
                loc,
                format!("`{attr}`: distribution `file` takes {attr} from the nodes file, {why}"),
            ),
        }
    }
    (sink.len() == before).then_some(draft.config)
}
