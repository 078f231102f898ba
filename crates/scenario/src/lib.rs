//! Scenario files of asocia: the TOML schema, located validation errors, `--set` overrides and
//! network files.
//!
//! A scenario file has the sections `[scenario]`, `[network]`, `[game]`, `[update]`,
//! `[initial]`, `[run]` and `[output]`; every key has a default. Every section and key, with
//! its type, default, range and unit, is in the registry [`keys`] (`docs/reference.md` is
//! [`keys::reference_markdown`]).
//! With `[scenario] model = "firms"` the firm economy replaces `[game]`, `[update]` and
//! `[initial]` with `[firms]`, `[trust]`, `[decision]`, `[project]`, `[monitoring]`,
//! `[reputation]`, `[learning]`, `[market]`, `[spillover]`, `[demography]` and `[cluster]`.
//! Two more sections describe studies of the scenario, read by [`load_study`]: `[sweep]` (a
//! parameter design) and `[compare]` (arms of overrides); see `docs/sweeps.md`.
//! Loading checks everything at once and reports every mistake, each with file, line and
//! column, so a user fixes a file in one pass:
//!
//! ```text
//! bad.toml:3:9: error: `p`: expected a probability in [0, 1], found 1.5
//! bad.toml:7:1: error: unknown key `stpes` in [run]; did you mean `steps`?
//! ```
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//!
//! let source = "[network]\nkind = \"ring\"\nn = 100\nk = 4\n[run]\nsteps = 10\n";
//! let overrides = vec!["run.seed=7".to_string()];
//! let scenario = asocia_scenario::parse(source, "ring.toml", Path::new("."), &overrides).unwrap();
//! assert_eq!(scenario.name, "ring");
//! assert_eq!(scenario.seed, 7);
//! assert_eq!(scenario.node_count(), 100);
//!
//! let err = asocia_scenario::parse("[run]\nstpes = 1\n", "bad.toml", Path::new("."), &[]).unwrap_err();
//! assert_eq!(err.to_string(), "bad.toml:2:1: error: unknown key `stpes` in [run]; did you mean `steps`?");
//! ```
#![deny(missing_docs)]

mod error;
mod firm;
pub mod keys;
pub mod memory;
mod netfile;
mod raw;
mod resolve;
mod resolved;
mod study;
mod suggest;

use std::path::{Path, PathBuf};

use asocia_core::classic::config::{GroupCost, GroupGame, Payoffs, RiskDraw, RiskGroups, Strategy};
use asocia_core::model::ModelConfig;
use asocia_core::network::{self, Network, NetworkSpec};

pub use error::{Diagnostic, ScenarioError};
pub use study::{load_study, parse_study, Arm, Compare, Study, Sweep};

/// A fully resolved and checked scenario: everything a run needs besides the program itself.
///
/// Invariant: with the classic games, `sim.game.payoffs == game.payoffs()` for the model's
/// `sim`, and when `sim.initial` is
/// [`InitialConfig::Given`](asocia_core::classic::config::InitialConfig::Given), `network` is a
/// [`NetworkSource::File`] whose `strategies` it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// `[scenario] name`; defaults to the file stem.
    pub name: String,
    /// `[scenario] description`.
    pub description: String,
    /// The file the scenario was loaded from (`None` from [`parse`]).
    pub path: Option<PathBuf>,
    /// Where the network comes from.
    pub network: NetworkSource,
    /// The game preset and its parameters, as written (the payoffs are in the classic
    /// model's configuration; the default preset, unused, with the firm economy).
    pub game: GamePreset,
    /// The model and its resolved configuration for the core (`[scenario] model`): the
    /// classic games, or the firm economy. Its step count is `[run] steps`.
    pub model: ModelConfig,
    /// `[run] seed`: the base seed; replication `r` of a run derives its own streams from it.
    pub seed: u64,
    /// `[run] replications`: independent runs of the scenario.
    pub replications: u64,
    /// `[output]` settings.
    pub output: OutputConfig,
}

/// The `[output]` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputConfig {
    /// Write every `every`-th step to the time series (the last step always); `>= 1`.
    pub every: u64,
    /// Write the per-step time series at all.
    pub timeseries: bool,
    /// Agent-level snapshots (`firms.csv`, `ties.csv`) on steps divisible by it, step 0 and
    /// the last step included; 0 = off (firm scenarios only).
    pub snapshot_every: u64,
    /// With snapshots on, also write `ties.csv`.
    pub snapshot_ties: bool,
    /// The file of each run's final network.
    pub network_final: NetworkFinal,
}

/// How each run's final network is written (`[output] network_final`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkFinal {
    /// Not written.
    #[default]
    None,
    /// One GraphML file per run, `network-RUN.graphml`.
    Graphml,
    /// Two CSV files for all runs: `network_nodes.csv` and `network_edges.csv`.
    Edgelist,
}

impl NetworkFinal {
    /// The scenario value (`none`, `graphml`, `edgelist`).
    pub fn name(self) -> &'static str {
        match self {
            NetworkFinal::None => "none",
            NetworkFinal::Graphml => "graphml",
            NetworkFinal::Edgelist => "edgelist",
        }
    }
}

impl OutputConfig {
    /// Whether any agent-level output (snapshots or the final network) is on.
    pub fn agent_level(&self) -> bool {
        self.snapshot_every > 0 || self.network_final != NetworkFinal::None
    }
}

/// Where a scenario's network comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum NetworkSource {
    /// A generator, run with the replication's seed.
    Generator(NetworkSpec),
    /// Network files, read and checked at load time.
    File(NetworkFile),
}

/// A network loaded from an edge-list CSV and an optional node-attribute CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFile {
    /// Absolute path of the edge list.
    pub edges_path: PathBuf,
    /// Absolute path of the node-attribute file, if any.
    pub nodes_path: Option<PathBuf>,
    /// Number of firms: rows of the nodes file, else the largest id in the edge list plus one.
    pub node_count: usize,
    /// Ties `(a, b)` with `a < b < node_count`, sorted, without duplicates.
    pub edges: Vec<(u32, u32)>,
    /// `group` column, `node_count` long, indexed by id.
    pub group: Option<Vec<u32>>,
    /// `x`,`y` columns, `node_count` long, indexed by id.
    pub position: Option<Vec<[f64; 2]>>,
    /// `strategy` column (C/D), `node_count` long, indexed by id.
    pub strategies: Option<Vec<Strategy>>,
    /// `capital` column (firm scenarios), `node_count` long, indexed by id.
    pub capital: Option<Vec<f64>>,
    /// `productivity` column (firm scenarios, each `>= 0`), `node_count` long.
    pub productivity: Option<Vec<f64>>,
    /// `opportunism` column (firm scenarios, each in `[0, 1]`), `node_count` long.
    pub opportunism: Option<Vec<f64>>,
}

/// A named family of 2×2 games and its parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GamePreset {
    /// Any payoffs.
    General {
        /// Reward (both cooperate).
        r: f64,
        /// Sucker's payoff.
        s: f64,
        /// Temptation.
        t: f64,
        /// Punishment (both defect).
        p: f64,
    },
    /// Weak prisoner's dilemma: `R = 1, T = b, S = P = 0`, `b >= 1`.
    WeakPd {
        /// Temptation.
        b: f64,
    },
    /// Donation game: `R = b − c, S = −c, T = b, P = 0`, `b > c > 0`.
    Donation {
        /// Benefit to the partner.
        b: f64,
        /// Cost to the donor.
        c: f64,
    },
    /// Snowdrift: `R = b − c/2, S = b − c, T = b, P = 0`, `b > c > 0`.
    Snowdrift {
        /// Benefit of the cleared road.
        b: f64,
        /// Cost of clearing it, shared when both work.
        c: f64,
    },
    /// Stag hunt: `R = 1, T = t, S = s, P = 0`, `t < 1`, `s < 0`.
    StagHunt {
        /// Temptation, below the reward 1.
        t: f64,
        /// Sucker's payoff, negative.
        s: f64,
    },
    /// Harmony: `R = 1, T = t, S = s, P = 0`, `t < 1`, `s > 0`.
    Harmony {
        /// Temptation, below the reward 1.
        t: f64,
        /// Sucker's payoff, positive.
        s: f64,
    },
    /// Cost sharing of a joint project with return `v` and cost `c`:
    /// `R = (v − c)/2, S = v/2 − c, T = v/2, P = 0`. A snowdrift game when `v > 2c`, a
    /// prisoner's dilemma when `v/2 < c < v`.
    CostSharing {
        /// Return of the project (each partner gets `v/2`).
        v: f64,
        /// Cost of the project, paid by those who take part.
        c: f64,
    },
    /// The linear public goods game in the overlapping neighbourhood groups (not a 2×2
    /// game: `payoffs` is all zeros and the game is `GameConfig::group`).
    PublicGoods {
        /// Synergy factor.
        r: f64,
        /// Cost per game or per individual.
        cost: GroupCost,
    },
    /// The collective-risk dilemma in the overlapping neighbourhood groups (a group game:
    /// `payoffs` is all zeros and the game is `GameConfig::group`).
    CollectiveRisk {
        /// Threshold `M`.
        threshold: u32,
        /// Risk `r`.
        risk: f64,
        /// Contribution `c` (share of the endowment).
        contribution: f64,
        /// Endowment `b`.
        endowment: f64,
        /// Expected or drawn failures.
        draw: RiskDraw,
    },
    /// The collective-risk dilemma in a well-mixed population sampled in groups of
    /// `group_size` (on the complete network).
    CollectiveRiskWellMixed {
        /// Threshold `M`.
        threshold: u32,
        /// Risk `r`.
        risk: f64,
        /// Contribution `c` (share of the endowment).
        contribution: f64,
        /// Endowment `b`.
        endowment: f64,
        /// Group size `N`.
        group_size: u32,
    },
}

impl GamePreset {
    /// The preset's name as written in a scenario (`weak-pd`, `donation`, …).
    pub fn name(&self) -> &'static str {
        match self {
            GamePreset::General { .. } => "general",
            GamePreset::WeakPd { .. } => "weak-pd",
            GamePreset::Donation { .. } => "donation",
            GamePreset::Snowdrift { .. } => "snowdrift",
            GamePreset::StagHunt { .. } => "stag-hunt",
            GamePreset::Harmony { .. } => "harmony",
            GamePreset::CostSharing { .. } => "cost-sharing",
            GamePreset::PublicGoods { .. } => "public-goods",
            GamePreset::CollectiveRisk { .. } => "collective-risk",
            GamePreset::CollectiveRiskWellMixed { .. } => "collective-risk-well-mixed",
        }
    }

    /// The preset's parameters as `(key, value)` in documentation order.
    pub fn parameters(&self) -> Vec<(&'static str, f64)> {
        match *self {
            GamePreset::General { r, s, t, p } => vec![("r", r), ("s", s), ("t", t), ("p", p)],
            GamePreset::WeakPd { b } => vec![("b", b)],
            GamePreset::Donation { b, c } | GamePreset::Snowdrift { b, c } => {
                vec![("b", b), ("c", c)]
            }
            GamePreset::StagHunt { t, s } | GamePreset::Harmony { t, s } => {
                vec![("t", t), ("s", s)]
            }
            GamePreset::CostSharing { v, c } => vec![("v", v), ("c", c)],
            GamePreset::PublicGoods { r, .. } => vec![("r", r)],
            GamePreset::CollectiveRisk {
                threshold,
                risk,
                contribution,
                endowment,
                ..
            } => vec![
                ("threshold", f64::from(threshold)),
                ("risk", risk),
                ("contribution", contribution),
                ("endowment", endowment),
            ],
            GamePreset::CollectiveRiskWellMixed {
                threshold,
                risk,
                contribution,
                endowment,
                group_size,
            } => vec![
                ("threshold", f64::from(threshold)),
                ("risk", risk),
                ("contribution", contribution),
                ("endowment", endowment),
                ("group_size", f64::from(group_size)),
            ],
        }
    }

    /// The payoff matrix the preset stands for.
    pub fn payoffs(&self) -> Payoffs {
        match *self {
            GamePreset::General { r, s, t, p } => Payoffs { r, s, t, p },
            GamePreset::WeakPd { b } => Payoffs {
                r: 1.0,
                s: 0.0,
                t: b,
                p: 0.0,
            },
            GamePreset::Donation { b, c } => Payoffs {
                r: b - c,
                s: -c,
                t: b,
                p: 0.0,
            },
            GamePreset::Snowdrift { b, c } => Payoffs {
                r: b - c / 2.0,
                s: b - c,
                t: b,
                p: 0.0,
            },
            GamePreset::StagHunt { t, s } | GamePreset::Harmony { t, s } => Payoffs {
                r: 1.0,
                s,
                t,
                p: 0.0,
            },
            GamePreset::CostSharing { v, c } => Payoffs {
                r: (v - c) / 2.0,
                s: v / 2.0 - c,
                t: v / 2.0,
                p: 0.0,
            },
            GamePreset::PublicGoods { .. }
            | GamePreset::CollectiveRisk { .. }
            | GamePreset::CollectiveRiskWellMixed { .. } => Payoffs {
                r: 0.0,
                s: 0.0,
                t: 0.0,
                p: 0.0,
            },
        }
    }

    /// The group game the preset stands for, if it is one.
    pub fn group(&self) -> Option<GroupGame> {
        match *self {
            GamePreset::PublicGoods { r, cost } => Some(GroupGame::PublicGoods { r, cost }),
            GamePreset::CollectiveRisk {
                threshold,
                risk,
                contribution,
                endowment,
                draw,
            } => Some(GroupGame::CollectiveRisk {
                threshold,
                risk,
                contribution,
                endowment,
                groups: RiskGroups::Neighbourhood { draw },
            }),
            GamePreset::CollectiveRiskWellMixed {
                threshold,
                risk,
                contribution,
                endowment,
                group_size,
            } => Some(GroupGame::CollectiveRisk {
                threshold,
                risk,
                contribution,
                endowment,
                groups: RiskGroups::Sampled { size: group_size },
            }),
            _ => None,
        }
    }
}

/// Loads the scenario file at `path`, applies `--set` overrides and checks everything.
///
/// Relative network file paths in the file are taken from the file's folder. On failure the
/// error lists every mistake found (a file that cannot be read is a single diagnostic).
pub fn load(path: &Path, overrides: &[String]) -> Result<Scenario, ScenarioError> {
    let origin = path.display().to_string();
    let source = std::fs::read_to_string(path)
        .map_err(|e| ScenarioError::unlocated(&origin, format!("cannot read scenario: {e}")))?;
    let base_dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut scenario = parse(&source, &origin, base_dir, overrides)?;
    scenario.path = Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    Ok(scenario)
}

/// Parses scenario text. `origin` names the file in messages and gives the default name (its
/// stem); relative network file paths are taken from `base_dir`, those given by `--set` from
/// the current directory. Never panics: any input gives a scenario or located diagnostics.
///
/// The study sections `[sweep]` and `[compare]` of the text are not read (see
/// [`parse_study`]); an override of them (`sweep.…`, `compare.…`) cannot take effect here and
/// is a located error.
pub fn parse(
    source: &str,
    origin: &str,
    base_dir: &Path,
    overrides: &[String],
) -> Result<Scenario, ScenarioError> {
    let mut sink = error::Sink::new(origin, overrides);
    let raw = raw::read_document(source, &mut sink);
    let scenario = raw.and_then(|mut raw| {
        raw::apply_overrides(&mut raw, overrides, false, &mut sink);
        resolve::resolve(&raw, origin, base_dir, &mut sink)
    });
    sink.finish()?;
    scenario.ok_or_else(|| ScenarioError::unlocated(origin, "scenario could not be resolved"))
}

impl Scenario {
    /// Builds the network of one replication: the generator with `seed`, or the loaded files
    /// (already checked at load time, so only a generator can fail here).
    pub fn build_network(&self, seed: u64) -> Result<Network, ScenarioError> {
        let origin = || {
            self.path
                .as_ref()
                .map_or_else(|| self.name.clone(), |p| p.display().to_string())
        };
        match &self.network {
            NetworkSource::Generator(spec) => network::generate(spec, seed)
                .map_err(|e| ScenarioError::unlocated(origin(), format!("[network]: {e}"))),
            NetworkSource::File(file) => netfile::build(file).map_err(|e| {
                ScenarioError::unlocated(file.edges_path.display().to_string(), e.to_string())
            }),
        }
    }

    /// The group ids the scenario's firms have (sorted, distinct): the blocks of a stochastic
    /// block model, the `group` column of a nodes file, else just 0.
    pub fn group_ids(&self) -> Vec<u32> {
        firm::group_ids(&self.network)
    }

    /// Number of firms the network will have.
    pub fn node_count(&self) -> usize {
        node_count(&self.network)
    }

    /// The fully resolved scenario as TOML, every default filled in; [`parse`] reads it back to
    /// an equal scenario (with `path` unset). Network file paths are absolute.
    pub fn resolved_toml(&self) -> String {
        resolved::to_toml(&resolved::sections(self))
    }

    /// The same content as [`Scenario::resolved_toml`], as JSON (for run manifests).
    pub fn resolved_json(&self) -> serde_json::Value {
        resolved::to_json(&resolved::sections(self))
    }
}

#[cfg(test)]
mod tests;

/// Number of firms (nodes) `network` will have.
pub(crate) fn node_count(network: &NetworkSource) -> usize {
    match network {
        NetworkSource::File(f) => f.node_count,
        NetworkSource::Generator(spec) => match spec {
            NetworkSpec::Isolated { n }
            | NetworkSpec::Complete { n }
            | NetworkSpec::Ring { n, .. }
            | NetworkSpec::ErdosRenyiGnp { n, .. }
            | NetworkSpec::ErdosRenyiGnm { n, .. }
            | NetworkSpec::WattsStrogatz { n, .. }
            | NetworkSpec::BarabasiAlbert { n, .. }
            | NetworkSpec::RandomRegular { n, .. }
            | NetworkSpec::RandomGeometric { n, .. } => *n,
            NetworkSpec::Lattice { width, height, .. } => width * height,
            NetworkSpec::StochasticBlock { sizes, .. } => sizes.iter().sum(),
        },
    }
}
