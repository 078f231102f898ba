//! Second stage: every section checked against the schema and turned into the typed
//! [`Scenario`]. Each key is read once; whatever is left unread is an unknown key or a key the
//! chosen kind, preset, rule or mode does not take. All mistakes go to the [`Sink`].

use std::path::{Path, PathBuf};

use asocia_core::config::{
    GameConfig, InitialConfig, RunConfig, Schedule, SimConfig, UpdateConfig, UpdateRule,
};
use asocia_core::network::{Neighbourhood, NetworkSpec, MAX_TIES};

use crate::error::{Loc, Sink};
use crate::firm;
use crate::netfile;
use crate::raw::{section_keys, Entry, Raw, Val};
use crate::suggest::{closest, did_you_mean};
use crate::{GamePreset, NetworkSource, OutputConfig, Scenario};

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
/// Largest count of steps, seeds, replications (TOML integers are `i64`).
const MAX_INT: u64 = i64::MAX as u64;

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

/// What [network] resolved to before any file is read.
enum NetChoice {
    Spec(NetworkSpec),
    File {
        edges: PathBuf,
        edges_loc: Option<Loc>,
        nodes: Option<PathBuf>,
        nodes_loc: Option<Loc>,
    },
}

/// First `Some` location, else `fallback`.
pub(crate) fn first(locs: &[Option<Loc>], fallback: Option<Loc>) -> Option<Loc> {
    locs.iter().copied().flatten().next().or(fallback)
}

fn resolve_path(p: &P<String>, base_dir: &Path) -> PathBuf {
    let joined = match p.loc {
        // Paths given with --set are relative to the current directory.
        Some(Loc::Override(_)) => PathBuf::from(&p.v),
        _ => base_dir.join(&p.v),
    };
    std::path::absolute(&joined).unwrap_or(joined)
}

/// Number of ties a generated network is expected to have (as the generators estimate it).
fn expected_ties(spec: &NetworkSpec) -> f64 {
    let pairs = |n: usize| n as f64 * n.saturating_sub(1) as f64 / 2.0;
    match spec {
        NetworkSpec::Isolated { .. } => 0.0,
        NetworkSpec::Complete { n } => pairs(*n),
        NetworkSpec::Ring { n, k }
        | NetworkSpec::WattsStrogatz { n, k, .. }
        | NetworkSpec::RandomRegular { n, k } => *n as f64 * *k as f64 / 2.0,
        NetworkSpec::Lattice { width, height, .. } => 4.0 * *width as f64 * *height as f64,
        NetworkSpec::ErdosRenyiGnp { n, p } => p * pairs(*n),
        NetworkSpec::ErdosRenyiGnm { m, .. } => *m as f64,
        NetworkSpec::BarabasiAlbert { n, m } => *m as f64 * n.saturating_sub(*m) as f64,
        NetworkSpec::StochasticBlock { sizes, p_in, p_out } => {
            let n: usize = sizes.iter().sum();
            let inside: f64 = sizes.iter().map(|s| pairs(*s)).sum();
            p_in * inside + p_out * (pairs(n) - inside)
        }
        NetworkSpec::RandomGeometric { n, radius, .. } => {
            (std::f64::consts::PI * radius * radius).min(1.0) * pairs(*n)
        }
    }
}

fn network(raw: &Raw, base_dir: &Path, sink: &mut Sink<'_>) -> Option<NetChoice> {
    let mut r = Reader::new(raw, "network");
    let kind_entry_from_override = r.entries.iter().any(|e| e.key == "kind" && e.from_override);
    let Some(kind) = r.choice(
        sink,
        "kind",
        "barabasi-albert",
        NETWORK_KINDS,
        "network kind",
    ) else {
        // Unknown kind: report unknown keys only, not "not a parameter".
        for k in section_keys("network") {
            r.entry(k);
        }
        r.finish(sink, &["kind"], None);
        return None;
    };
    let here = kind.loc.or(r.loc);
    let impossible = |sink: &mut Sink<'_>, loc: Option<Loc>, key: &str, msg: String| {
        sink.at(loc, format!("`{key}`: impossible network: {msg}"));
    };
    fn n(r: &mut Reader<'_>, sink: &mut Sink<'_>) -> Option<P<u64>> {
        r.int(sink, "n", 1000, (1, MAX_NODES), NODES)
    }
    let result = match kind.v {
        "isolated" => {
            n(&mut r, sink).map(|n| NetChoice::Spec(NetworkSpec::Isolated { n: n.v as usize }))
        }
        "complete" => {
            n(&mut r, sink).map(|n| NetChoice::Spec(NetworkSpec::Complete { n: n.v as usize }))
        }
        "ring" | "random-regular" | "watts-strogatz" => {
            let n = n(&mut r, sink);
            let k = r.int(sink, "k", 4, (1, MAX_NODES), POSITIVE);
            let p = if kind.v == "watts-strogatz" {
                r.prob(sink, "p", 0.1)
            } else {
                Some(P { v: 0.0, loc: None })
            };
            let (n, k, p) = (n?, k?, p?);
            let mut ok = true;
            if k.v >= n.v {
                impossible(
                    sink,
                    first(&[k.loc, n.loc], here),
                    "k",
                    format!(
                        "`{}` needs degree k < n, found k = {} with n = {}",
                        kind.v, k.v, n.v
                    ),
                );
                ok = false;
            }
            if kind.v != "random-regular" && k.v % 2 == 1 {
                impossible(
                    sink,
                    first(&[k.loc], here),
                    "k",
                    format!("`{}` needs an even degree k, found {}", kind.v, k.v),
                );
                ok = false;
            }
            if kind.v == "random-regular" && (n.v * k.v) % 2 == 1 {
                impossible(
                    sink,
                    first(&[k.loc, n.loc], here),
                    "k",
                    format!(
                        "a k-regular graph needs n·k even, found n = {} and k = {}",
                        n.v, k.v
                    ),
                );
                ok = false;
            }
            let (n, k) = (n.v as usize, k.v as usize);
            ok.then_some({
                NetChoice::Spec(match kind.v {
                    "ring" => NetworkSpec::Ring { n, k },
                    "random-regular" => NetworkSpec::RandomRegular { n, k },
                    _ => NetworkSpec::WattsStrogatz { n, k, p: p.v },
                })
            })
        }
        "lattice" => {
            let w = r.int(sink, "width", 100, (1, MAX_NODES), NODES);
            let h = r.int(sink, "height", 100, (1, MAX_NODES), NODES);
            let nb = r.choice(
                sink,
                "neighbourhood",
                "von-neumann",
                &["von-neumann", "moore"],
                "neighbourhood",
            );
            let periodic = r.boolean(sink, "periodic", true);
            let (w, h, nb, periodic) = (w?, h?, nb?, periodic?);
            let mut ok = true;
            if w.v.saturating_mul(h.v) > MAX_NODES {
                impossible(
                    sink,
                    first(&[w.loc, h.loc], here),
                    "width",
                    format!(
                        "width · height = {} · {} exceeds {MAX_NODES} nodes",
                        w.v, h.v
                    ),
                );
                ok = false;
            }
            if periodic.v {
                for (key, side) in [("width", w), ("height", h)] {
                    if side.v < 3 {
                        impossible(
                            sink,
                            first(&[side.loc, periodic.loc], here),
                            key,
                            format!(
                                "a periodic lattice needs {key} ≥ 3 (else cells tie to themselves or twice to a neighbour), found {}",
                                side.v
                            ),
                        );
                        ok = false;
                    }
                }
            }
            ok.then(|| {
                NetChoice::Spec(NetworkSpec::Lattice {
                    width: w.v as usize,
                    height: h.v as usize,
                    neighbourhood: if nb.v == "moore" {
                        Neighbourhood::Moore
                    } else {
                        Neighbourhood::VonNeumann
                    },
                    periodic: periodic.v,
                })
            })
        }
        "erdos-renyi-gnp" => {
            let n = n(&mut r, sink);
            let p = r.prob(sink, "p", 0.004);
            Some(NetChoice::Spec(NetworkSpec::ErdosRenyiGnp {
                n: n?.v as usize,
                p: p?.v,
            }))
        }
        "erdos-renyi-gnm" | "barabasi-albert" => {
            let ba = kind.v == "barabasi-albert";
            let n = n(&mut r, sink);
            let m = if ba {
                r.int(sink, "m", 2, (1, MAX_NODES), POSITIVE)
            } else {
                r.int(sink, "m", 2000, (0, MAX_INT), "a non-negative integer")
            };
            let (n, m) = (n?, m?);
            if ba && m.v >= n.v {
                impossible(
                    sink,
                    first(&[m.loc, n.loc], here),
                    "m",
                    format!(
                        "`barabasi-albert` needs m < n, found m = {} with n = {}",
                        m.v, n.v
                    ),
                );
                None
            } else if !ba && u128::from(m.v) > u128::from(n.v) * u128::from(n.v - 1) / 2 {
                impossible(
                    sink,
                    first(&[m.loc, n.loc], here),
                    "m",
                    format!(
                        "{} nodes admit at most n·(n−1)/2 = {} ties, found m = {}",
                        n.v,
                        u128::from(n.v) * u128::from(n.v - 1) / 2,
                        m.v
                    ),
                );
                None
            } else if ba {
                Some(NetChoice::Spec(NetworkSpec::BarabasiAlbert {
                    n: n.v as usize,
                    m: m.v as usize,
                }))
            } else {
                Some(NetChoice::Spec(NetworkSpec::ErdosRenyiGnm {
                    n: n.v as usize,
                    m: m.v as usize,
                }))
            }
        }
        "stochastic-block" => {
            let sizes = r.sizes(sink, "sizes", &[250, 250, 250, 250]);
            let p_in = r.prob(sink, "p_in", 0.05);
            let p_out = r.prob(sink, "p_out", 0.001);
            let (sizes, p_in, p_out) = (sizes?, p_in?, p_out?);
            let total = sizes.v.iter().fold(0u64, |a, b| a.saturating_add(*b));
            if total > MAX_NODES {
                impossible(
                    sink,
                    first(&[sizes.loc], here),
                    "sizes",
                    format!("the blocks add up to {total} nodes, more than {MAX_NODES}"),
                );
                None
            } else {
                Some(NetChoice::Spec(NetworkSpec::StochasticBlock {
                    sizes: sizes.v.iter().map(|s| *s as usize).collect(),
                    p_in: p_in.v,
                    p_out: p_out.v,
                }))
            }
        }
        "random-geometric" => {
            let n = n(&mut r, sink);
            let radius = r.num(sink, "radius", 0.05, |x| x > 0.0, "a positive number");
            let periodic = r.boolean(sink, "periodic", false);
            Some(NetChoice::Spec(NetworkSpec::RandomGeometric {
                n: n?.v as usize,
                radius: radius?.v,
                periodic: periodic?.v,
            }))
        }
        _ => {
            // "file"
            let edges = r.string(sink, "edges");
            let nodes = r.string(sink, "nodes");
            match (edges, nodes) {
                (Some(Some(edges)), Some(nodes)) => Some(NetChoice::File {
                    edges: resolve_path(&edges, base_dir),
                    edges_loc: edges.loc,
                    nodes: nodes.as_ref().map(|p| resolve_path(p, base_dir)),
                    nodes_loc: nodes.and_then(|p| p.loc),
                }),
                (Some(None), _) => {
                    sink.at(
                        here,
                        "network kind `file` needs `edges`, the path of an edge-list CSV with header `source,target`",
                    );
                    None
                }
                _ => None,
            }
        }
    };
    let result = result.and_then(|choice| match &choice {
        NetChoice::Spec(spec) if expected_ties(spec) > MAX_TIES as f64 => {
            let size_loc = [
                "n", "k", "m", "p", "sizes", "p_in", "width", "height", "radius",
            ]
            .iter()
            .find_map(|k| r.entries.iter().find(|e| e.key == *k))
            .map(|e| e.val_loc);
            impossible(
                sink,
                first(&[size_loc], here),
                size_loc.map_or("kind", |_| "n"),
                format!(
                    "`{}` would have about {:.3e} ties, more than the limit of {MAX_TIES}",
                    kind.v,
                    expected_ties(spec)
                ),
            );
            None
        }
        _ => Some(choice),
    });
    r.finish(
        sink,
        &["kind"],
        Some(Variant {
            what: format!("network kind `{}`", kind.v),
            params: kind_params(kind.v),
            overridden: kind_entry_from_override,
        }),
    );
    result
}

fn game(raw: &Raw, sink: &mut Sink<'_>) -> Option<(GamePreset, GameConfig)> {
    let mut r = Reader::new(raw, "game");
    let overridden = r
        .entries
        .iter()
        .any(|e| e.key == "preset" && e.from_override);
    let preset = r.choice(sink, "preset", "weak-pd", PRESETS, "game preset");
    let payoff = r.choice(
        sink,
        "payoff",
        "accumulated",
        &["accumulated", "normalised"],
        "payoff aggregation",
    );
    let self_interaction = r.boolean(sink, "self_interaction", false);
    let Some(preset) = preset else {
        for k in section_keys("game") {
            r.entry(k);
        }
        r.finish(sink, &["preset", "payoff", "self_interaction"], None);
        return None;
    };
    let here = preset.loc.or(r.loc);
    let positive = |x: f64| x > 0.0;
    let g = match preset.v {
        "general" => {
            let rr = r.real(sink, "r", 3.0);
            let s = r.real(sink, "s", 0.0);
            let t = r.real(sink, "t", 5.0);
            let p = r.real(sink, "p", 1.0);
            Some(GamePreset::General {
                r: rr?.v,
                s: s?.v,
                t: t?.v,
                p: p?.v,
            })
        }
        "weak-pd" => r
            .num(
                sink,
                "b",
                1.5,
                |x| x >= 1.0,
                "a number ≥ 1 (the temptation T = b)",
            )
            .map(|b| GamePreset::WeakPd { b: b.v }),
        "donation" | "snowdrift" => {
            let b = r.num(sink, "b", 2.0, positive, "a positive number");
            let c = r.num(sink, "c", 1.0, positive, "a positive number");
            let (b, c) = (b?, c?);
            if b.v <= c.v {
                sink.at(
                    first(&[b.loc, c.loc], here),
                    format!(
                        "`b`: the {} game needs benefit b > cost c, found b = {} with c = {}",
                        preset.v, b.v, c.v
                    ),
                );
                None
            } else if preset.v == "donation" {
                Some(GamePreset::Donation { b: b.v, c: c.v })
            } else {
                Some(GamePreset::Snowdrift { b: b.v, c: c.v })
            }
        }
        "stag-hunt" => {
            let t = r.num(sink, "t", 0.5, |x| x < 1.0, "a number < 1 (T < R = 1)");
            let s = r.num(
                sink,
                "s",
                -0.5,
                |x| x < 0.0,
                "a negative number (S < P = 0)",
            );
            Some(GamePreset::StagHunt { t: t?.v, s: s?.v })
        }
        "harmony" => {
            let t = r.num(sink, "t", 0.5, |x| x < 1.0, "a number < 1 (T < R = 1)");
            let s = r.num(sink, "s", 0.5, positive, "a positive number (S > P = 0)");
            Some(GamePreset::Harmony { t: t?.v, s: s?.v })
        }
        _ => {
            let v = r.num(sink, "v", 3.0, positive, "a positive number");
            let c = r.num(sink, "c", 1.0, positive, "a positive number");
            Some(GamePreset::CostSharing { v: v?.v, c: c?.v })
        }
    };
    r.finish(
        sink,
        &["preset", "payoff", "self_interaction"],
        Some(Variant {
            what: format!("game preset `{}`", preset.v),
            params: preset_params(preset.v),
            overridden,
        }),
    );
    let (g, payoff, self_interaction) = (g?, payoff?, self_interaction?);
    let config = GameConfig {
        payoffs: g.payoffs(),
        normalise: payoff.v == "normalised",
        self_interaction: self_interaction.v,
    };
    Some((g, config))
}

fn update(raw: &Raw, sink: &mut Sink<'_>) -> Option<UpdateConfig> {
    let mut r = Reader::new(raw, "update");
    let overridden = r.entries.iter().any(|e| e.key == "rule" && e.from_override);
    let rule = r.choice(sink, "rule", "fermi", RULES, "update rule");
    let default_schedule = match rule {
        Some(P {
            v: "birth-death", ..
        }) => "asynchronous",
        _ => "synchronous",
    };
    let schedule = r.choice(
        sink,
        "schedule",
        default_schedule,
        &["synchronous", "asynchronous"],
        "schedule",
    );
    let mutation = r.prob(sink, "mutation", 0.0);
    let Some(rule) = rule else {
        for k in section_keys("update") {
            r.entry(k);
        }
        r.finish(sink, &["rule", "schedule", "mutation"], None);
        return None;
    };
    let w_range = |x: f64| (0.0..=1.0).contains(&x);
    let parsed = match rule.v {
        "fermi" => r
            .num(
                sink,
                "k",
                0.1,
                |x| x > 0.0,
                "a positive number (the noise K > 0)",
            )
            .map(|k| UpdateRule::Fermi { k: k.v }),
        "imitate-best" => Some(UpdateRule::ImitateBest),
        "proportional" => Some(UpdateRule::Proportional),
        "death-birth" => r
            .num(sink, "w", 0.01, w_range, "a selection intensity in [0, 1]")
            .map(|w| UpdateRule::DeathBirth { w: w.v }),
        _ => r
            .num(sink, "w", 0.01, w_range, "a selection intensity in [0, 1]")
            .map(|w| UpdateRule::BirthDeath { w: w.v }),
    };
    if let (Some(UpdateRule::BirthDeath { .. }), Some(s)) = (&parsed, &schedule) {
        if s.v == "synchronous" {
            sink.at(
                first(&[s.loc], rule.loc.or(r.loc)),
                "`schedule`: update rule `birth-death` is a sequential Moran process and requires schedule = \"asynchronous\", found \"synchronous\"",
            );
        }
    }
    r.finish(
        sink,
        &["rule", "schedule", "mutation"],
        Some(Variant {
            what: format!("update rule `{}`", rule.v),
            params: rule_params(rule.v),
            overridden,
        }),
    );
    let schedule = schedule?;
    if matches!(parsed, Some(UpdateRule::BirthDeath { .. })) && schedule.v == "synchronous" {
        return None;
    }
    Some(UpdateConfig {
        rule: parsed?,
        schedule: if schedule.v == "asynchronous" {
            Schedule::Asynchronous
        } else {
            Schedule::Synchronous
        },
        mutation: mutation?.v,
    })
}

/// [initial]: the config, plus where `mode = "file"` was written (checked after the network).
fn initial(raw: &Raw, sink: &mut Sink<'_>) -> Option<(InitialConfig, Option<Loc>)> {
    let mut r = Reader::new(raw, "initial");
    let overridden = r.entries.iter().any(|e| e.key == "mode" && e.from_override);
    let Some(mode) = r.choice(sink, "mode", "random", MODES, "initial mode") else {
        for k in section_keys("initial") {
            r.entry(k);
        }
        r.finish(sink, &["mode"], None);
        return None;
    };
    let mode_loc = mode.loc.or(r.loc);
    let config = match mode.v {
        "random" => r
            .prob(sink, "coop_fraction", 0.5)
            .map(|c| InitialConfig::Random { coop_fraction: c.v }),
        "single-defector" => Some(InitialConfig::SingleDefector),
        "single-cooperator" => Some(InitialConfig::SingleCooperator),
        _ => Some(InitialConfig::Given {
            strategies: Vec::new(),
        }),
    };
    r.finish(
        sink,
        &["mode"],
        Some(Variant {
            what: format!("initial mode `{}`", mode.v),
            params: mode_params(mode.v),
            overridden,
        }),
    );
    Some((config?, mode_loc))
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
    let seed = r.int(sink, "seed", 1, (0, MAX_INT), "a non-negative integer");
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
        sim: SimConfig {
            game,
            update: update?,
            initial,
            run: RunConfig {
                steps: steps?.v,
                stop_at_absorption: stop?.v,
            },
        },
        seed: seed?.v,
        replications: replications?.v,
        output: OutputConfig {
            every: every?.v,
            timeseries: timeseries?.v,
        },
        firms: match firm_config {
            Some(c) => Some(c?),
            None => None,
        },
    })
}
