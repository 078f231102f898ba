//! The resolved scenario written back out, every default filled in: as TOML (loadable again
//! by [`crate::parse`]) and as JSON with the same content (for run manifests).

use asocia_core::classic::config::{InitialConfig, Schedule, UpdateRule};
use asocia_core::network::{Neighbourhood, NetworkSpec};

use asocia_core::model::ModelConfig;

use crate::{NetworkSource, Scenario};

/// A resolved value.
#[derive(Clone, Debug)]
pub(crate) enum R {
    Int(u64),
    Float(f64),
    Bool(bool),
    Str(String),
    Ints(Vec<u64>),
}

/// Sections in file order, each with its keys in documentation order.
pub(crate) struct Resolved {
    sections: Vec<(&'static str, Vec<(&'static str, R)>)>,
    /// A comment with the payoff matrix, written above `[game]`.
    game_note: String,
}

fn s(v: &str) -> R {
    R::Str(v.to_string())
}

/// Collects what the scenario resolved to.
pub(crate) fn sections(sc: &Scenario) -> Resolved {
    let meta = vec![("name", s(&sc.name)), ("description", s(&sc.description))];

    let n = |n: &usize| R::Int(*n as u64);
    let network = match &sc.network {
        NetworkSource::File(f) => {
            let mut v = vec![
                ("kind", s("file")),
                ("edges", s(&f.edges_path.display().to_string())),
            ];
            if let Some(p) = &f.nodes_path {
                v.push(("nodes", s(&p.display().to_string())));
            }
            v
        }
        NetworkSource::Generator(spec) => match spec {
            NetworkSpec::Isolated { n: nn } => vec![("kind", s("isolated")), ("n", n(nn))],
            NetworkSpec::Complete { n: nn } => vec![("kind", s("complete")), ("n", n(nn))],
            NetworkSpec::Ring { n: nn, k } => {
                vec![("kind", s("ring")), ("n", n(nn)), ("k", n(k))]
            }
            NetworkSpec::Lattice {
                width,
                height,
                neighbourhood,
                periodic,
            } => vec![
                ("kind", s("lattice")),
                ("width", n(width)),
                ("height", n(height)),
                (
                    "neighbourhood",
                    s(match neighbourhood {
                        Neighbourhood::VonNeumann => "von-neumann",
                        Neighbourhood::Moore => "moore",
                    }),
                ),
                ("periodic", R::Bool(*periodic)),
            ],
            NetworkSpec::ErdosRenyiGnp { n: nn, p } => vec![
                ("kind", s("erdos-renyi-gnp")),
                ("n", n(nn)),
                ("p", R::Float(*p)),
            ],
            NetworkSpec::ErdosRenyiGnm { n: nn, m } => {
                vec![("kind", s("erdos-renyi-gnm")), ("n", n(nn)), ("m", n(m))]
            }
            NetworkSpec::WattsStrogatz { n: nn, k, p } => vec![
                ("kind", s("watts-strogatz")),
                ("n", n(nn)),
                ("k", n(k)),
                ("p", R::Float(*p)),
            ],
            NetworkSpec::BarabasiAlbert { n: nn, m } => {
                vec![("kind", s("barabasi-albert")), ("n", n(nn)), ("m", n(m))]
            }
            NetworkSpec::RandomRegular { n: nn, k } => {
                vec![("kind", s("random-regular")), ("n", n(nn)), ("k", n(k))]
            }
            NetworkSpec::StochasticBlock { sizes, p_in, p_out } => vec![
                ("kind", s("stochastic-block")),
                ("sizes", R::Ints(sizes.iter().map(|x| *x as u64).collect())),
                ("p_in", R::Float(*p_in)),
                ("p_out", R::Float(*p_out)),
            ],
            NetworkSpec::RandomGeometric {
                n: nn,
                radius,
                periodic,
            } => vec![
                ("kind", s("random-geometric")),
                ("n", n(nn)),
                ("radius", R::Float(*radius)),
                ("periodic", R::Bool(*periodic)),
            ],
        },
    };

    let run = vec![
        ("steps", R::Int(sc.model.steps())),
        ("seed", R::Int(sc.seed)),
        ("replications", R::Int(sc.replications)),
        ("stop_at_absorption", R::Bool(sc.model.stop_at_absorption())),
    ];
    let output = vec![
        ("every", R::Int(sc.output.every)),
        ("timeseries", R::Bool(sc.output.timeseries)),
    ];
    let sim = match &sc.model {
        ModelConfig::Firms(firms) => {
            let mut meta = meta;
            meta.push(("model", s("firms")));
            let mut run = run;
            run.pop();
            let mut output = output;
            output.push(("network_every", R::Int(firms.network_every)));
            let mut sections = vec![
                ("scenario", meta),
                ("network", network),
                ("run", run),
                ("output", output),
            ];
            sections.extend(crate::firm::resolved(firms));
            return Resolved {
                sections,
                game_note: String::new(),
            };
        }
        ModelConfig::Classic(sim) => sim,
    };

    let mut game = vec![("preset", s(sc.game.name()))];
    game.extend(
        sc.game
            .parameters()
            .into_iter()
            .map(|(k, v)| (k, R::Float(v))),
    );
    game.push((
        "payoff",
        s(if sim.game.normalise {
            "normalised"
        } else {
            "accumulated"
        }),
    ));
    game.push(("self_interaction", R::Bool(sim.game.self_interaction)));

    let u = &sim.update;
    let mut update = Vec::new();
    match u.rule {
        UpdateRule::Fermi { k } => {
            update.push(("rule", s("fermi")));
            update.push(("k", R::Float(k)));
        }
        UpdateRule::ImitateBest => update.push(("rule", s("imitate-best"))),
        UpdateRule::Proportional => update.push(("rule", s("proportional"))),
        UpdateRule::DeathBirth { w } => {
            update.push(("rule", s("death-birth")));
            update.push(("w", R::Float(w)));
        }
        UpdateRule::BirthDeath { w } => {
            update.push(("rule", s("birth-death")));
            update.push(("w", R::Float(w)));
        }
    }
    update.push((
        "schedule",
        s(match u.schedule {
            Schedule::Synchronous => "synchronous",
            Schedule::Asynchronous => "asynchronous",
        }),
    ));
    update.push(("mutation", R::Float(u.mutation)));

    let initial = match &sim.initial {
        InitialConfig::Random { coop_fraction } => vec![
            ("mode", s("random")),
            ("coop_fraction", R::Float(*coop_fraction)),
        ],
        InitialConfig::SingleDefector => vec![("mode", s("single-defector"))],
        InitialConfig::SingleCooperator => vec![("mode", s("single-cooperator"))],
        InitialConfig::Given { .. } => vec![("mode", s("file"))],
    };

    let p = sim.game.payoffs;
    Resolved {
        sections: vec![
            ("scenario", meta),
            ("network", network),
            ("game", game),
            ("update", update),
            ("initial", initial),
            ("run", run),
            ("output", output),
        ],
        game_note: format!(
            "# payoffs: R = {}, S = {}, T = {}, P = {}\n",
            p.r, p.s, p.t, p.p
        ),
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
