//! Second stage: every section checked against the schema and turned into the typed
//! [`Scenario`]. Each key is read once; whatever is left unread is an unknown key or a key the
//! chosen kind, preset, rule or mode does not take. All mistakes go to the [`Sink`].

use std::path::{Path, PathBuf};

use asocia_core::classic::config::{
    GameConfig, InitialConfig, RunConfig, Schedule, SimConfig, UpdateConfig, UpdateRule,
};
use asocia_core::model::ModelConfig;
use asocia_core::network::{Neighbourhood, NetworkSpec, MAX_TIES};

use crate::error::{Loc, Sink};
use crate::firm;
use crate::netfile;
use crate::raw::{section_keys, Entry, Raw, Val};
use crate::suggest::{closest, did_you_mean};
use crate::{GamePreset, NetworkSource, OutputConfig, Scenario};

mod classic;
mod network;

use classic::{game, initial, update};
use network::{network, NetChoice};

/// Network kinds, in documentation order.
pub(crate) const NETWORK_KINDS: &[&str] = &[
    "isolated",
    "complete",
    "ring",
    "lattice",
    "erdos-renyi-gnp",
    "erdos-renyi-gnm",
    "watts-strogatz",
    "barabasi-albert",
    "random-regular",
    "stochastic-block",
    "random-geometric",
    "file",
];
/// Game presets.
pub(crate) const PRESETS: &[&str] = &[
    "general",
    "weak-pd",
    "donation",
    "snowdrift",
    "stag-hunt",
    "harmony",
    "cost-sharing",
];
/// Update rules.
pub(crate) const RULES: &[&str] = &[
    "fermi",
    "imitate-best",
    "proportional",
    "death-birth",
    "birth-death",
];
/// Initial modes.
pub(crate) const MODES: &[&str] = &["random", "single-defector", "single-cooperator", "file"];

/// Largest node count (node ids are `u32`).
const MAX_NODES: u64 = u32::MAX as u64;
/// Largest count of steps, replications (TOML integers are `i64`).
const MAX_INT: u64 = i64::MAX as u64;
/// Largest seed: `2^53 − 1`. Every seed the program writes (this one in manifests, the run
/// seeds derived from it in every table) is below `2^53`, so that readers that hold integers
/// as doubles (R, JSON parsers, pandas after mixing columns) read it back exactly, and any of
/// them can be given back as `run.seed`.
pub(crate) const MAX_SEED: u64 = (1 << 53) - 1;
/// How a seed is described in messages.
pub(crate) const SEED: &str = "a non-negative integer below 2^53 (at most 9007199254740991)";

/// Parameters each network kind takes besides `kind`.
pub(crate) fn kind_params(kind: &str) -> &'static [&'static str] {
    match kind {
        "isolated" | "complete" => &["n"],
        "ring" | "random-regular" => &["n", "k"],
        "lattice" => &["width", "height", "neighbourhood", "periodic"],
        "erdos-renyi-gnp" => &["n", "p"],
        "erdos-renyi-gnm" | "barabasi-albert" => &["n", "m"],
        "watts-strogatz" => &["n", "k", "p"],
        "stochastic-block" => &["sizes", "p_in", "p_out"],
        "random-geometric" => &["n", "radius", "periodic"],
        "file" => &["edges", "nodes"],
        _ => &[],
    }
}

/// Parameters each game preset takes besides `preset`, `payoff`, `self_interaction`.
pub(crate) fn preset_params(preset: &str) -> &'static [&'static str] {
    match preset {
        "general" => &["r", "s", "t", "p"],
        "weak-pd" => &["b"],
        "donation" | "snowdrift" => &["b", "c"],
        "stag-hunt" | "harmony" => &["t", "s"],
        "cost-sharing" => &["v", "c"],
        _ => &[],
    }
}

/// Parameters each update rule takes besides `rule`, `schedule`, `mutation`.
pub(crate) fn rule_params(rule: &str) -> &'static [&'static str] {
    match rule {
        "fermi" => &["k"],
        "death-birth" | "birth-death" => &["w"],
        _ => &[],
    }
}

/// Parameters each initial mode takes besides `mode`.
pub(crate) fn mode_params(mode: &str) -> &'static [&'static str] {
    match mode {
        "random" => &["coop_fraction"],
        _ => &[],
    }
}

/// A checked value and where it was written (`None` when it is the default).
#[derive(Clone, Copy, Debug)]
pub(crate) struct P<T> {
    pub(crate) v: T,
    pub(crate) loc: Option<Loc>,
}

/// The variant a section's selector chose, for "not a parameter of …" messages.
pub(crate) struct Variant<'a> {
    /// E.g. "network kind `ring`".
    pub(crate) what: String,
    pub(crate) params: &'a [&'a str],
    /// The selector was set by `--set`: file keys it does not take are dropped silently.
    pub(crate) overridden: bool,
}

/// Reads the keys of one section, remembering which were read.
pub(crate) struct Reader<'r> {
    pub(crate) name: &'static str,
    pub(crate) entries: &'r [Entry],
    pub(crate) loc: Option<Loc>,
    pub(crate) used: Vec<bool>,
}

fn list(items: &[&str]) -> String {
    items.join(", ")
}

impl<'r> Reader<'r> {
    pub(crate) fn new(raw: &'r Raw, name: &'static str) -> Self {
        let sec = raw.section(name);
        let entries = sec.map_or(&[][..], |s| s.entries.as_slice());
        Reader {
            name,
            entries,
            loc: sec.and_then(|s| s.loc),
            used: vec![false; entries.len()],
        }
    }

    pub(crate) fn entry(&mut self, key: &str) -> Option<&'r Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    /// Reports every unread key: unknown (with a suggestion) or not taken by `variant`.
    pub(crate) fn finish(self, sink: &mut Sink<'_>, always: &[&str], variant: Option<Variant<'_>>) {
        let universe = section_keys(self.name);
        let mut valid: Vec<&str> = always.to_vec();
        if let Some(v) = &variant {
            valid.extend_from_slice(v.params);
        }
        for (e, used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            if let (true, Some(v)) = (universe.contains(&e.key.as_str()), &variant) {
                if v.overridden && !e.from_override {
                    continue;
                }
                let takes = if v.params.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!("it takes: {}", list(v.params))
                };
                sink.at(
                    Some(e.key_loc),
                    format!("`{}` is not a parameter of {} ({takes})", e.key, v.what),
                );
                continue;
            }
            let hint = closest(&e.key, &valid).or_else(|| closest(&e.key, universe));
            let message = match hint {
                Some(h) => format!(
                    "unknown key `{}` in [{}]; did you mean `{h}`?",
                    e.key, self.name
                ),
                None => format!(
                    "unknown key `{}` in [{}] (valid keys: {})",
                    e.key,
                    self.name,
                    list(&valid)
                ),
            };
            sink.at(Some(e.key_loc), message);
        }
    }

    pub(crate) fn int(
        &mut self,
        sink: &mut Sink<'_>,
        key: &str,
        default: u64,
        (min, max): (u64, u64),
        expect: &str,
    ) -> Option<P<u64>> {
        let Some(e) = self.entry(key) else {
            return Some(P {
                v: default,
                loc: None,
            });
        };
        match &e.val {
            Val::Int(i) if *i >= 0 && (min..=max).contains(&i.unsigned_abs()) => Some(P {
                v: i.unsigned_abs(),
                loc: Some(e.val_loc),
            }),
            Val::Int(i) => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {i}"),
                );
                None
            }
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {}", other.describe()),
                );
                None
            }
        }
    }

    pub(crate) fn num(
        &mut self,
        sink: &mut Sink<'_>,
        key: &str,
        default: f64,
        ok: fn(f64) -> bool,
        expect: &str,
    ) -> Option<P<f64>> {
        let Some(e) = self.entry(key) else {
            return Some(P {
                v: default,
                loc: None,
            });
        };
        let x = match &e.val {
            Val::Int(i) => *i as f64,
            Val::Float(x) if x.is_finite() => *x,
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {}", other.describe()),
                );
                return None;
            }
        };
        if ok(x) {
            Some(P {
                v: x,
                loc: Some(e.val_loc),
            })
        } else {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found {x}"),
            );
            None
        }
    }

    pub(crate) fn prob(&mut self, sink: &mut Sink<'_>, key: &str, default: f64) -> Option<P<f64>> {
        self.num(
            sink,
            key,
            default,
            |x| (0.0..=1.0).contains(&x),
            "a probability in [0, 1]",
        )
    }

    pub(crate) fn real(&mut self, sink: &mut Sink<'_>, key: &str, default: f64) -> Option<P<f64>> {
        self.num(sink, key, default, |_| true, "a finite number")
    }

    pub(crate) fn boolean(
        &mut self,
        sink: &mut Sink<'_>,
        key: &str,
        default: bool,
    ) -> Option<P<bool>> {
        let Some(e) = self.entry(key) else {
            return Some(P {
                v: default,
                loc: None,
            });
        };
        match &e.val {
            Val::Bool(b) => Some(P {
                v: *b,
                loc: Some(e.val_loc),
            }),
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!(
                        "`{key}`: expected a boolean (true or false), found {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn string(&mut self, sink: &mut Sink<'_>, key: &str) -> Option<Option<P<String>>> {
        let Some(e) = self.entry(key) else {
            return Some(None);
        };
        match &e.val {
            Val::Str(s) => Some(Some(P {
                v: s.clone(),
                loc: Some(e.val_loc),
            })),
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected a string, found {}", other.describe()),
                );
                None
            }
        }
    }

    pub(crate) fn choice(
        &mut self,
        sink: &mut Sink<'_>,
        key: &str,
        default: &'static str,
        options: &[&'static str],
        what: &str,
    ) -> Option<P<&'static str>> {
        let Some(e) = self.entry(key) else {
            return Some(P {
                v: default,
                loc: None,
            });
        };
        let Val::Str(s) = &e.val else {
            sink.at(
                Some(e.val_loc),
                format!(
                    "`{key}`: expected a {what} (one of: {}), found {}",
                    list(options),
                    e.val.describe()
                ),
            );
            return None;
        };
        if let Some(o) = options.iter().find(|o| **o == s.as_str()) {
            return Some(P {
                v: o,
                loc: Some(e.val_loc),
            });
        }
        sink.at(
            Some(e.val_loc),
            format!(
                "`{key}`: unknown {what} `{s}`{} (valid: {})",
                did_you_mean(s, options),
                list(options)
            ),
        );
        None
    }

    fn sizes(&mut self, sink: &mut Sink<'_>, key: &str, default: &[u64]) -> Option<P<Vec<u64>>> {
        let Some(e) = self.entry(key) else {
            return Some(P {
                v: default.to_vec(),
                loc: None,
            });
        };
        let expect = "a non-empty array of positive integers";
        let Val::Array(items) = &e.val else {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found {}", e.val.describe()),
            );
            return None;
        };
        if items.is_empty() {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found an empty array"),
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Val::Int(x) if *x >= 1 => out.push(x.unsigned_abs()),
                Val::Int(x) => {
                    sink.at(
                        Some(e.val_loc),
                        format!(
                            "`{key}`: expected {expect}, found {x} at position {}",
                            i + 1
                        ),
                    );
                    return None;
                }
                other => {
                    sink.at(
                        Some(e.val_loc),
                        format!(
                            "`{key}`: expected {expect}, found {} at position {}",
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
}

const POSITIVE: &str = "a positive integer";
const NODES: &str = "a positive integer (at most 4294967295)";

/// First `Some` location, else `fallback`.
pub(crate) fn first(locs: &[Option<Loc>], fallback: Option<Loc>) -> Option<Loc> {
    locs.iter().copied().flatten().next().or(fallback)
}

/// Checks every section of `raw` and builds the scenario; `None` if anything was reported.
pub(crate) fn resolve(
    raw: &Raw,
    origin: &str,
    base_dir: &Path,
    sink: &mut Sink<'_>,
) -> Option<Scenario> {
    let before = sink.len();

    let mut r = Reader::new(raw, "scenario");
    let stem = Path::new(origin)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "scenario".to_string());
    let name = r.string(sink, "name").map(|n| match n {
        Some(p) if p.v.trim().is_empty() => {
            sink.at(
                p.loc,
                "`name`: expected a non-empty string, found string \"\"",
            );
            None
        }
        Some(p) => Some(p.v),
        None => Some(stem),
    });
    let description = r.string(sink, "description");
    let model = r.choice(sink, "model", "classic", &["classic", "firms"], "model");
    r.finish(sink, &["name", "description", "model"], None);
    let firms = model.as_ref().is_some_and(|m| m.v == "firms");
    // Sections of the other model are mistakes (reported once, at the section).
    let classic_only = ["game", "update", "initial"];
    let foreign: &[&str] = if firms {
        &classic_only
    } else {
        firm::FIRM_SECTIONS
    };
    let mut raw_model = raw.clone();
    raw_model.sections.retain(|(name, sec)| {
        if !foreign.contains(name) {
            return true;
        }
        let message = if firms {
            format!("[{name}] belongs to the classic games; with [scenario] model = \"firms\" the firm economy is set by [firms], [trust], [decision], [project], [monitoring], [learning], …")
        } else {
            format!("[{name}] belongs to the firm economy; set [scenario] model = \"firms\" to use it")
        };
        sink.at(sec.loc.or_else(|| sec.entries.first().map(|e| e.key_loc)), message);
        false
    });
    let raw = &raw_model;

    let net = network(raw, base_dir, sink);
    let game = game(raw, sink);
    let update = update(raw, sink);
    let initial = initial(raw, sink);

    let mut r = Reader::new(raw, "run");
    let steps = r.int(sink, "steps", 100, (1, MAX_INT), POSITIVE);
    let seed = r.int(sink, "seed", 1, (0, MAX_SEED), SEED);
    let replications = r.int(sink, "replications", 1, (1, MAX_INT), POSITIVE);
    let stop = r.boolean(sink, "stop_at_absorption", false);
    if firms {
        if let Some(e) = r.entries.iter().find(|e| e.key == "stop_at_absorption") {
            sink.at(
                Some(e.key_loc),
                "`stop_at_absorption` applies to the classic games only (firms have no absorbing strategy)",
            );
        }
    }
    r.finish(
        sink,
        &["steps", "seed", "replications", "stop_at_absorption"],
        None,
    );

    let mut r = Reader::new(raw, "output");
    let every = r.int(sink, "every", 1, (1, MAX_INT), POSITIVE);
    let timeseries = r.boolean(sink, "timeseries", true);
    let network_every = r.int(sink, "network_every", 10, (1, MAX_INT), POSITIVE);
    if !firms {
        if let Some(e) = r.entries.iter().find(|e| e.key == "network_every") {
            sink.at(
                Some(e.key_loc),
                "`network_every` applies to model = \"firms\" only (the classic time series has no network columns)",
            );
        }
    }
    let output_keys: &[&str] = if firms {
        &["every", "timeseries", "network_every"]
    } else {
        &["every", "timeseries"]
    };
    r.finish(sink, output_keys, None);

    let draft = match (firms, &steps, &network_every) {
        (true, Some(s), Some(k)) => firm::read(raw, sink, s.v, k.v),
        (true, _, _) => firm::read(raw, sink, 1, 1),
        _ => None,
    };
    // Which firm attribute columns the nodes file must (and may) have.
    let wanted = firms.then(|| {
        firm::ATTRIBUTES.map(|a| {
            raw.section("firms").is_some_and(|sec| {
                sec.entries
                    .iter()
                    .any(|e| e.key == a && e.val == Val::Str("file".into()))
            })
        })
    });

    // Network files are read only once their section is sound.
    let network = match net? {
        NetChoice::Spec(spec) => NetworkSource::Generator(spec),
        NetChoice::File {
            edges,
            edges_loc,
            nodes,
            nodes_loc,
        } => NetworkSource::File(netfile::load(
            &edges,
            edges_loc,
            nodes.as_deref(),
            nodes_loc,
            wanted,
            sink,
        )?),
    };
    let firm_config = draft.map(|d| firm::finish(d, &network, sink));
    let (mut initial, mode_loc) = initial?;
    if let InitialConfig::Given { strategies } = &mut initial {
        match &network {
            NetworkSource::File(f) => match &f.strategies {
                Some(s) => *strategies = s.clone(),
                None => sink.at(
                    mode_loc,
                    match &f.nodes_path {
                        Some(p) => format!(
                            "`mode`: initial mode `file` takes strategies from the `strategy` column of the nodes file, but {} has none",
                            p.display()
                        ),
                        None => "`mode`: initial mode `file` takes strategies from the `strategy` column of [network].nodes, but no nodes file is given".to_string(),
                    },
                ),
            },
            NetworkSource::Generator(_) => sink.at(
                mode_loc,
                "`mode`: initial mode `file` takes strategies from [network].nodes, which needs network kind `file`",
            ),
        }
    }
    if sink.len() > before {
        return None;
    }
    let (game_preset, game) = game?;
    Some(Scenario {
        name: name??,
        description: description?.map(|d| d.v).unwrap_or_default(),
        path: None,
        network,
        game: game_preset,
        model: match firm_config {
            Some(c) => ModelConfig::Firms(c?),
            None => ModelConfig::Classic(SimConfig {
                game,
                update: update?,
                initial,
                run: RunConfig {
                    steps: steps?.v,
                    stop_at_absorption: stop?.v,
                },
            }),
        },
        seed: seed?.v,
        replications: replications?.v,
        output: OutputConfig {
            every: every?.v,
            timeseries: timeseries?.v,
        },
    })
}
