//! The resolved scenario written back out, every default filled in: as TOML (loadable again
//! by [`crate::parse`]) and as JSON with the same content (for run manifests).

use asocia_core::classic::config::{GroupCost, InitialConfig, RiskDraw, Schedule, UpdateRule};
use asocia_core::network::{Neighbourhood, NetworkSpec};

use asocia_core::model::ModelConfig;

use crate::keys::{self, Default, KeySpec, Scope};
use crate::{GamePreset, NetworkSource, Scenario};

/// A resolved value.
#[derive(Clone, Debug)]
pub(crate) enum R {
    Int(u64),
    Float(f64),
    Bool(bool),
    Str(String),
    Ints(Vec<u64>),
}

/// Sections in file order, each with its keys in registry order.
pub(crate) struct Resolved {
    pub(crate) sections: Vec<(&'static str, Vec<(&'static str, R)>)>,
    /// A comment with the payoff matrix, written above `[game]`.
    game_note: String,
}

fn s(v: &str) -> R {
    R::Str(v.to_string())
}

/// Whether a resolved value is the key's default (for keys left out at their default).
fn is_default(spec: &KeySpec, v: &R) -> bool {
    match (spec.default, v) {
        (Default::Name(d) | Default::Text(d), R::Str(x)) => d == x,
        (Default::Bool(d), R::Bool(x)) => d == *x,
        (Default::Int(d), R::Int(x)) => d == *x,
        _ => false,
    }
}

/// One section written back: every key of the registry that applies to `model` and to the
/// values `chosen` gives the section's selectors, in registry order, with the value `get`
/// gives it (`None`: absent, such as an unset nodes file).
pub(crate) fn section_values<'a>(
    name: &'static str,
    model: Scope,
    chosen: impl Fn(&str) -> Option<&'a str>,
    get: impl Fn(&KeySpec) -> Option<R>,
) -> (&'static str, Vec<(&'static str, R)>) {
    let mut out = Vec::new();
    if let Some(spec) = keys::section(name) {
        for k in spec.keys {
            if !k.applies(model, &chosen) {
                continue;
            }
            match get(k) {
                Some(v) if k.omit_default && is_default(k, &v) => {}
                Some(v) => out.push((k.name, v)),
                None => {}
            }
        }
    }
    (name, out)
}

/// The name of a network kind as written in a scenario.
fn kind_name(spec: &NetworkSpec) -> &'static str {
    match spec {
        NetworkSpec::Isolated { .. } => "isolated",
        NetworkSpec::Complete { .. } => "complete",
        NetworkSpec::Ring { .. } => "ring",
        NetworkSpec::Lattice { .. } => "lattice",
        NetworkSpec::ErdosRenyiGnp { .. } => "erdos-renyi-gnp",
        NetworkSpec::ErdosRenyiGnm { .. } => "erdos-renyi-gnm",
        NetworkSpec::WattsStrogatz { .. } => "watts-strogatz",
        NetworkSpec::BarabasiAlbert { .. } => "barabasi-albert",
        NetworkSpec::RandomRegular { .. } => "random-regular",
        NetworkSpec::StochasticBlock { .. } => "stochastic-block",
        NetworkSpec::RandomGeometric { .. } => "random-geometric",
    }
}

/// The value of `[network]` key `key` for `source`.
fn network_value(source: &NetworkSource, key: &str) -> Option<R> {
    use NetworkSpec as N;
    let int = |x: &usize| R::Int(*x as u64);
    let spec = match source {
        NetworkSource::File(f) => {
            return match key {
                "kind" => Some(s("file")),
                "edges" => Some(s(&f.edges_path.display().to_string())),
                "nodes" => f.nodes_path.as_ref().map(|p| s(&p.display().to_string())),
                _ => None,
            }
        }
        NetworkSource::Generator(spec) => spec,
    };
    Some(match (key, spec) {
        ("kind", _) => s(kind_name(spec)),
        (
            "n",
            N::Isolated { n }
            | N::Complete { n }
            | N::Ring { n, .. }
            | N::ErdosRenyiGnp { n, .. }
            | N::ErdosRenyiGnm { n, .. }
            | N::WattsStrogatz { n, .. }
            | N::BarabasiAlbert { n, .. }
            | N::RandomRegular { n, .. }
            | N::RandomGeometric { n, .. },
        ) => int(n),
        ("k", N::Ring { k, .. } | N::WattsStrogatz { k, .. } | N::RandomRegular { k, .. }) => {
            int(k)
        }
        ("p", N::ErdosRenyiGnp { p, .. } | N::WattsStrogatz { p, .. }) => R::Float(*p),
        ("m", N::ErdosRenyiGnm { m, .. } | N::BarabasiAlbert { m, .. }) => int(m),
        ("width", N::Lattice { width, .. }) => int(width),
        ("height", N::Lattice { height, .. }) => int(height),
        ("neighbourhood", N::Lattice { neighbourhood, .. }) => s(match neighbourhood {
            Neighbourhood::VonNeumann => "von-neumann",
            Neighbourhood::Moore => "moore",
        }),
        ("periodic", N::Lattice { periodic, .. } | N::RandomGeometric { periodic, .. }) => {
            R::Bool(*periodic)
        }
        ("sizes", N::StochasticBlock { sizes, .. }) => {
            R::Ints(sizes.iter().map(|x| *x as u64).collect())
        }
        ("p_in", N::StochasticBlock { p_in, .. }) => R::Float(*p_in),
        ("p_out", N::StochasticBlock { p_out, .. }) => R::Float(*p_out),
        ("radius", N::RandomGeometric { radius, .. }) => R::Float(*radius),
        _ => return None,
    })
}

/// The name of an update rule as written in a scenario, and its parameter.
fn rule_of(rule: UpdateRule) -> (&'static str, Option<f64>) {
    match rule {
        UpdateRule::Fermi { k } => ("fermi", Some(k)),
        UpdateRule::ImitateBest => ("imitate-best", None),
        UpdateRule::Proportional => ("proportional", None),
        UpdateRule::DeathBirth { w } => ("death-birth", Some(w)),
        UpdateRule::BirthDeath { w } => ("birth-death", Some(w)),
    }
}

/// Collects what the scenario resolved to.
pub(crate) fn sections(sc: &Scenario) -> Resolved {
    let model = if matches!(sc.model, ModelConfig::Firms(_)) {
        Scope::Firms
    } else {
        Scope::Classic
    };
    let none = |_: &str| None;
    let meta = section_values("scenario", model, none, |k| match k.name {
        "name" => Some(s(&sc.name)),
        "description" => Some(s(&sc.description)),
        "model" => Some(s(if model == Scope::Firms {
            "firms"
        } else {
            "classic"
        })),
        _ => None,
    });
    let kind = match &sc.network {
        NetworkSource::File(_) => "file",
        NetworkSource::Generator(spec) => kind_name(spec),
    };
    let network = section_values(
        "network",
        model,
        |sel| (sel == "kind").then_some(kind),
        |k| network_value(&sc.network, k.name),
    );
    let run = section_values("run", model, none, |k| match k.name {
        "steps" => Some(R::Int(sc.model.steps())),
        "seed" => Some(R::Int(sc.seed)),
        "replications" => Some(R::Int(sc.replications)),
        "stop_at_absorption" => Some(R::Bool(sc.model.stop_at_absorption())),
        _ => None,
    });
    let firms_only = |v| (model == Scope::Firms).then_some(v);
    let output = section_values("output", model, none, |k| match k.name {
        "every" => Some(R::Int(sc.output.every)),
        "timeseries" => Some(R::Bool(sc.output.timeseries)),
        "network_every" => match &sc.model {
            ModelConfig::Firms(f) => Some(R::Int(f.network_every)),
            ModelConfig::Classic(_) => None,
        },
        "snapshot_every" => Some(R::Int(sc.output.snapshot_every)),
        "snapshot_ties" => firms_only(R::Bool(sc.output.snapshot_ties)),
        "network_final" => firms_only(s(sc.output.network_final.name())),
        _ => None,
    });
    let sim = match &sc.model {
        ModelConfig::Firms(firms) => {
            let mut sections = vec![meta, network, run, output];
            sections.extend(crate::firm::resolved(firms));
            return Resolved {
                sections,
                game_note: String::new(),
            };
        }
        ModelConfig::Classic(sim) => sim,
    };

    let preset = sc.game.name();
    let params = sc.game.parameters();
    let game = section_values(
        "game",
        model,
        |sel| (sel == "preset").then_some(preset),
        |k| match k.name {
            "preset" => Some(s(preset)),
            "payoff" => Some(s(if sim.game.normalise {
                "normalised"
            } else {
                "accumulated"
            })),
            "self_interaction" => Some(R::Bool(sim.game.self_interaction)),
            "cost" => match sc.game {
                GamePreset::PublicGoods { cost, .. } => Some(s(match cost {
                    GroupCost::PerGame => "per-game",
                    GroupCost::PerIndividual => "per-individual",
                })),
                _ => None,
            },
            "risk_draw" => match sc.game {
                GamePreset::CollectiveRisk { draw, .. } => Some(s(match draw {
                    RiskDraw::Expected => "expected",
                    RiskDraw::Drawn => "drawn",
                })),
                _ => None,
            },
            "threshold" | "group_size" => params
                .iter()
                .find(|(p, _)| *p == k.name)
                .map(|(_, v)| R::Int(*v as u64)),
            name => params
                .iter()
                .find(|(p, _)| *p == name)
                .map(|(_, v)| R::Float(*v)),
        },
    );
    let u = &sim.update;
    let (rule, rule_param) = rule_of(u.rule);
    let update = section_values(
        "update",
        model,
        |sel| (sel == "rule").then_some(rule),
        |k| match k.name {
            "rule" => Some(s(rule)),
            "k" | "w" => rule_param.map(R::Float),
            "schedule" => Some(s(match u.schedule {
                Schedule::Synchronous => "synchronous",
                Schedule::Asynchronous => "asynchronous",
            })),
            "mutation" => Some(R::Float(u.mutation)),
            _ => None,
        },
    );
    let (mode, coop) = match &sim.initial {
        InitialConfig::Random { coop_fraction } => ("random", Some(*coop_fraction)),
        InitialConfig::SingleDefector => ("single-defector", None),
        InitialConfig::SingleCooperator => ("single-cooperator", None),
        InitialConfig::Given { .. } => ("file", None),
    };
    let initial = section_values(
        "initial",
        model,
        |sel| (sel == "mode").then_some(mode),
        |k| match k.name {
            "mode" => Some(s(mode)),
            "coop_fraction" => coop.map(R::Float),
            _ => None,
        },
    );
    let p = sim.game.payoffs;
    Resolved {
        sections: vec![meta, network, game, update, initial, run, output],
        game_note: match sc.game {
            GamePreset::PublicGoods { r, .. } => {
                format!("# public goods in the k + 1 neighbourhood groups of each agent, r = {r}\n")
            }
            GamePreset::CollectiveRisk { threshold, risk, .. } => format!(
                "# collective risk in the k + 1 neighbourhood groups of each agent, M = {threshold}, r = {risk}\n"
            ),
            GamePreset::CollectiveRiskWellMixed {
                threshold,
                risk,
                group_size,
                ..
            } => format!(
                "# collective risk in groups of {group_size} sampled from a well-mixed population, M = {threshold}, r = {risk}\n"
            ),
            _ => format!(
                "# payoffs: R = {}, S = {}, T = {}, P = {}\n",
                p.r, p.s, p.t, p.p
            ),
        },
    }
}

fn toml_value(v: &R) -> toml_edit::Value {
    // Integers beyond i64 cannot be written in TOML; they become strings, which `parse`
    // rejects with a located error rather than silently changing the value.
    let int = |x: u64| {
        i64::try_from(x).map_or_else(
            |_| toml_edit::Value::from(x.to_string()),
            toml_edit::Value::from,
        )
    };
    match v {
        R::Int(x) => int(*x),
        R::Float(x) => toml_edit::Value::from(*x),
        R::Bool(b) => toml_edit::Value::from(*b),
        R::Str(s) => toml_edit::Value::from(s.as_str()),
        R::Ints(xs) => {
            let mut a = toml_edit::Array::new();
            for x in xs {
                a.push(int(*x));
            }
            toml_edit::Value::Array(a)
        }
    }
}

/// Renders as TOML.
pub(crate) fn to_toml(r: &Resolved) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    for (name, keys) in &r.sections {
        let mut table = toml_edit::Table::new();
        for (k, v) in keys {
            table.insert(k, toml_edit::Item::Value(toml_value(v)));
        }
        if *name == "game" {
            table.decor_mut().set_prefix(format!("\n{}", r.game_note));
        } else if *name != "scenario" {
            table.decor_mut().set_prefix("\n");
        }
        doc.insert(name, toml_edit::Item::Table(table));
    }
    format!("# Resolved scenario: every default filled in (asocia-scenario).\n{doc}")
}

/// Renders as JSON: an object of sections, each an object of keys.
pub(crate) fn to_json(r: &Resolved) -> serde_json::Value {
    let mut root = serde_json::Map::new();
    for (name, keys) in &r.sections {
        let mut obj = serde_json::Map::new();
        for (k, v) in keys {
            let value = match v {
                R::Int(x) => serde_json::Value::from(*x),
                R::Float(x) => serde_json::Value::from(*x),
                R::Bool(b) => serde_json::Value::from(*b),
                R::Str(s) => serde_json::Value::from(s.as_str()),
                R::Ints(xs) => serde_json::Value::from(xs.clone()),
            };
            obj.insert((*k).to_string(), value);
        }
        root.insert((*name).to_string(), serde_json::Value::Object(obj));
    }
    serde_json::Value::Object(root)
}
