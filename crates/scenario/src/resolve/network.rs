//! The `[network]` section: the generator kind and its parameters, or the edge-list and
//! node-attribute files, checked against what each kind takes and what admits a graph.

use super::*;
use crate::keys::network as nk;
use crate::keys::MAX_NODES;

/// What [network] resolved to before any file is read.
pub(super) enum NetChoice {
    Spec(NetworkSpec),
    File {
        edges: PathBuf,
        edges_loc: Option<Loc>,
        nodes: Option<PathBuf>,
        nodes_loc: Option<Loc>,
    },
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
pub(crate) fn expected_ties(spec: &NetworkSpec) -> f64 {
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

pub(super) fn network(raw: &Raw, base_dir: &Path, sink: &mut Sink<'_>) -> Option<NetChoice> {
    let mut r = Reader::new(raw, section("network"), Scope::Common);
    let Some(kind) = r.pick(sink, &nk::KIND) else {
        // Unknown kind: report unknown keys only, not "not a parameter".
        r.use_all();
        r.finish(sink, None);
        return None;
    };
    let here = kind.loc.or(r.loc);
    let impossible = |sink: &mut Sink<'_>, loc: Option<Loc>, key: &str, msg: String| {
        sink.at(loc, format!("`{key}`: impossible network: {msg}"));
    };
    fn n(r: &mut Reader<'_>, sink: &mut Sink<'_>) -> Option<P<u64>> {
        r.uint(sink, &nk::N)
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
            let k = r.uint(sink, &nk::K);
            let p = if kind.v == "watts-strogatz" {
                r.float(sink, &nk::P_WS)
            } else {
                Some(P::default(0.0))
            };
            let (n, k, p) = (n?, k?, p?);
            let mut ok = true;
            if k.v >= n.v {
                impossible(
                    sink,
                    first(&[k.loc, n.loc], here),
                    nk::K.name,
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
                    nk::K.name,
                    format!("`{}` needs an even degree k, found {}", kind.v, k.v),
                );
                ok = false;
            }
            if kind.v == "random-regular" && (n.v * k.v) % 2 == 1 {
                impossible(
                    sink,
                    first(&[k.loc, n.loc], here),
                    nk::K.name,
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
            let w = r.uint(sink, &nk::WIDTH);
            let h = r.uint(sink, &nk::HEIGHT);
            let nb = r.pick(sink, &nk::NEIGHBOURHOOD);
            let periodic = r.flag(sink, &nk::PERIODIC_LATTICE);
            let (w, h, nb, periodic) = (w?, h?, nb?, periodic?);
            let mut ok = true;
            if w.v.saturating_mul(h.v) > MAX_NODES {
                impossible(
                    sink,
                    first(&[w.loc, h.loc], here),
                    nk::WIDTH.name,
                    format!(
                        "width · height = {} · {} exceeds {MAX_NODES} nodes",
                        w.v, h.v
                    ),
                );
                ok = false;
            }
            if periodic.v {
                for (key, side) in [(nk::WIDTH.name, w), (nk::HEIGHT.name, h)] {
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
            let p = r.float(sink, &nk::P_GNP);
            Some(NetChoice::Spec(NetworkSpec::ErdosRenyiGnp {
                n: n?.v as usize,
                p: p?.v,
            }))
        }
        "erdos-renyi-gnm" | "barabasi-albert" => {
            let ba = kind.v == "barabasi-albert";
            let n = n(&mut r, sink);
            let m = r.uint(sink, if ba { &nk::M_BA } else { &nk::M_GNM });
            let (n, m) = (n?, m?);
            if ba && m.v >= n.v {
                impossible(
                    sink,
                    first(&[m.loc, n.loc], here),
                    nk::M_BA.name,
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
                    nk::M_BA.name,
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
            let sizes = r.ints(sink, &nk::SIZES);
            let p_in = r.float(sink, &nk::P_IN);
            let p_out = r.float(sink, &nk::P_OUT);
            let (sizes, p_in, p_out) = (sizes?, p_in?, p_out?);
            let total = sizes.v.iter().fold(0u64, |a, b| a.saturating_add(*b));
            if total > MAX_NODES {
                impossible(
                    sink,
                    first(&[sizes.loc], here),
                    nk::SIZES.name,
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
            let radius = r.float(sink, &nk::RADIUS);
            let periodic = r.flag(sink, &nk::PERIODIC_GEOMETRIC);
            Some(NetChoice::Spec(NetworkSpec::RandomGeometric {
                n: n?.v as usize,
                radius: radius?.v,
                periodic: periodic?.v,
            }))
        }
        _ => {
            // "file"
            let edges = r.text(sink, &nk::EDGES);
            let nodes = r.text(sink, &nk::NODES_FILE);
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
            // The first size parameter written points at the mistake.
            let size_loc = [
                &nk::N,
                &nk::K,
                &nk::M_BA,
                &nk::P_GNP,
                &nk::SIZES,
                &nk::P_IN,
                &nk::WIDTH,
                &nk::HEIGHT,
                &nk::RADIUS,
            ]
            .iter()
            .find_map(|k| r.peek(k.name))
            .map(|e| e.val_loc);
            impossible(
                sink,
                first(&[size_loc], here),
                size_loc.map_or(nk::KIND.name, |_| nk::N.name),
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
    let variant = r.variant(&nk::KIND, kind.v);
    r.finish(sink, Some(variant));
    result
}
