//! Second stage: every section checked against the registry of keys ([`crate::keys`]) and
//! turned into the typed [`Scenario`]. Each key is read once, through its spec; whatever is left
//! unread is an unknown key or a key the chosen kind, preset, rule or mode does not take. All
//! mistakes go to the [`Sink`].

use std::path::{Path, PathBuf};

use asocia_core::classic::config::{
    GameConfig, GroupCost, InitialConfig, RiskDraw, RunConfig, Schedule, SimConfig, UpdateConfig,
    UpdateRule,
};
use asocia_core::model::ModelConfig;
use asocia_core::network::{Neighbourhood, NetworkSpec, MAX_TIES};

use crate::error::{Loc, Sink};
use crate::firm;
use crate::keys::{self, Scope};
use crate::netfile;
use crate::raw::{Raw, Val};
use crate::{GamePreset, NetworkFinal, NetworkSource, OutputConfig, Scenario};

mod classic;
mod network;
mod reader;

pub(crate) use reader::{section, Reader, P};

use classic::{game, initial, update};
pub(crate) use network::expected_ties;
use network::{network, NetChoice};

/// First `Some` location, else `fallback`.
pub(crate) fn first(locs: &[Option<Loc>], fallback: Option<Loc>) -> Option<Loc> {
    locs.iter().copied().flatten().next().or(fallback)
}

/// `[scenario]`: the name (the file stem unless set), the description and the model.
fn meta(
    raw: &Raw,
    origin: &str,
    sink: &mut Sink<'_>,
) -> (Option<String>, Option<String>, Option<Scope>) {
    use keys::scenario::{DESCRIPTION, MODEL, NAME};
    let mut r = Reader::new(raw, section("scenario"), Scope::Common);
    let stem = Path::new(origin)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "scenario".to_string());
    let name = r.text(sink, &NAME).map(|n| n.map_or(stem, |p| p.v));
    let description = r
        .text(sink, &DESCRIPTION)
        .map(|d| d.map(|p| p.v).unwrap_or_default());
    let model = r.pick(sink, &MODEL).map(|m| {
        if m.v == "firms" {
            Scope::Firms
        } else {
            Scope::Classic
        }
    });
    r.finish(sink, None);
    (name, description, model)
}

/// Drops (and reports once, at the section) the sections of the other model.
fn without_foreign_sections(raw: &Raw, model: Scope, sink: &mut Sink<'_>) -> Raw {
    let firms = model == Scope::Firms;
    let mut raw_model = raw.clone();
    raw_model.sections.retain(|(name, sec)| {
        if keys::section(name).is_none_or(|s| s.scope.applies(model)) {
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
    raw_model
}

/// `[run]` and `[output]`, as read.
struct RunOutput {
    steps: Option<P<u64>>,
    seed: Option<P<u64>>,
    replications: Option<P<u64>>,
    stop: Option<P<bool>>,
    every: Option<P<u64>>,
    timeseries: Option<P<bool>>,
    network_every: Option<P<u64>>,
    snapshot_every: Option<P<u64>>,
    snapshot_ties: Option<P<bool>>,
    network_final: Option<P<&'static str>>,
}

fn run_output(raw: &Raw, model: Scope, sink: &mut Sink<'_>) -> RunOutput {
    use keys::output::{
        EVERY, NETWORK_EVERY, NETWORK_FINAL, SNAPSHOT_EVERY, SNAPSHOT_TIES, TIMESERIES,
    };
    use keys::run::{REPLICATIONS, SEED_KEY, STEPS, STOP_AT_ABSORPTION};
    let mut r = Reader::new(raw, section("run"), model);
    let steps = r.uint(sink, &STEPS);
    let seed = r.uint(sink, &SEED_KEY);
    let replications = r.uint(sink, &REPLICATIONS);
    let stop = r.flag(sink, &STOP_AT_ABSORPTION);
    if model == Scope::Firms {
        if let Some(e) = r.peek(STOP_AT_ABSORPTION.name) {
            sink.at(
                Some(e.key_loc),
                "`stop_at_absorption` applies to the classic games only (firms have no absorbing strategy)",
            );
        }
    }
    r.finish(sink, None);

    let mut r = Reader::new(raw, section("output"), model);
    let every = r.uint(sink, &EVERY);
    let timeseries = r.flag(sink, &TIMESERIES);
    let network_every = r.uint(sink, &NETWORK_EVERY);
    if model == Scope::Classic {
        if let Some(e) = r.peek(NETWORK_EVERY.name) {
            sink.at(
                Some(e.key_loc),
                "`network_every` applies to model = \"firms\" only (the classic time series has no network columns)",
            );
        }
    }
    let snapshot_every = r.uint(sink, &SNAPSHOT_EVERY);
    let snapshot_ties = r.flag(sink, &SNAPSHOT_TIES);
    let network_final = r.pick(sink, &NETWORK_FINAL);
    if model == Scope::Classic {
        for key in [SNAPSHOT_TIES.name, NETWORK_FINAL.name] {
            if let Some(e) = r.peek(key) {
                sink.at(
                    Some(e.key_loc),
                    format!("`{key}` applies to model = \"firms\" only (the classic games' agent-level output is `snapshot_every`'s `agents.csv`)"),
                );
            }
        }
    } else if let (Some(every), Some(ties), Some(e)) =
        (&snapshot_every, &snapshot_ties, r.peek(SNAPSHOT_TIES.name))
    {
        // `snapshot_ties = false` means something only with snapshots on (the default `true`
        // is harmless, and the resolved scenario writes it back); `--set
        // output.snapshot_every=0` turns the file's snapshots off knowingly.
        if every.v == 0 && !ties.v && !matches!(every.loc, Some(Loc::Override(_))) {
            sink.at(
                Some(e.key_loc),
                "`snapshot_ties = false` needs `snapshot_every` >= 1 (snapshots are off: `snapshot_every` is 0)",
            );
        }
    }
    r.finish(sink, None);
    RunOutput {
        steps,
        seed,
        replications,
        stop,
        every,
        timeseries,
        network_every,
        snapshot_every,
        snapshot_ties,
        network_final,
    }
}

/// Checks every section of `raw` and builds the scenario; `None` if anything was reported.
pub(crate) fn resolve(
    raw: &Raw,
    origin: &str,
    base_dir: &Path,
    sink: &mut Sink<'_>,
) -> Option<Scenario> {
    let before = sink.len();
    let (name, description, model) = meta(raw, origin, sink);
    let firms = model == Some(Scope::Firms);
    let model = if firms { Scope::Firms } else { Scope::Classic };
    let raw = &without_foreign_sections(raw, model, sink);

    let net = network(raw, base_dir, sink);
    let game = game(raw, sink);
    let update = update(raw, sink);
    let initial = initial(raw, sink);
    let ro = run_output(raw, model, sink);

    let draft = match (firms, &ro.steps, &ro.network_every) {
        (true, Some(s), Some(k)) => firm::read(raw, sink, s.v, k.v),
        (true, _, _) => firm::read(raw, sink, 1, 1),
        _ => None,
    };
    // Which firm attribute columns the nodes file must (and may) have.
    let wanted = firms.then(|| {
        keys::ATTRIBUTES.map(|a| {
            raw.section("firms").is_some_and(|sec| {
                sec.entries
                    .iter()
                    .any(|e| e.key == a.name && e.val == Val::Str("file".into()))
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
    given_strategies(&mut initial, mode_loc, &network, sink);
    if let Some((preset, _)) = &game {
        classic::group_network(raw, preset, &network, sink);
    }
    if sink.len() > before {
        return None;
    }
    let (game_preset, game) = game?;
    let model = match firm_config {
        Some(c) => ModelConfig::Firms(c?),
        None => ModelConfig::Classic(SimConfig {
            game,
            update: update?,
            initial,
            run: RunConfig {
                steps: ro.steps?.v,
                stop_at_absorption: ro.stop?.v,
            },
        }),
    };
    let parts = Parts {
        name: name?,
        description: description?,
        network,
        game: game_preset,
        model,
        seed: ro.seed?.v,
        replications: ro.replications?.v,
        output: OutputConfig {
            every: ro.every?.v,
            timeseries: ro.timeseries?.v,
            snapshot_every: ro.snapshot_every?.v,
            snapshot_ties: ro.snapshot_ties?.v,
            network_final: match ro.network_final?.v {
                "graphml" => NetworkFinal::Graphml,
                "edgelist" => NetworkFinal::Edgelist,
                _ => NetworkFinal::None,
            },
        },
    };
    Some(assemble(parts))
}

/// Everything a scenario is made of, once every section is checked.
struct Parts {
    name: String,
    description: String,
    network: NetworkSource,
    game: GamePreset,
    model: ModelConfig,
    seed: u64,
    replications: u64,
    output: OutputConfig,
}

/// The one place a [`Scenario`] is put together from its checked parts.
fn assemble(p: Parts) -> Scenario {
    Scenario {
        name: p.name,
        description: p.description,
        path: None,
        network: p.network,
        game: p.game,
        model: p.model,
        seed: p.seed,
        replications: p.replications,
        output: p.output,
    }
}

/// `[initial] mode = "file"`: the strategies of the nodes file's `strategy` column.
fn given_strategies(
    initial: &mut InitialConfig,
    mode_loc: Option<Loc>,
    network: &NetworkSource,
    sink: &mut Sink<'_>,
) {
    let InitialConfig::Given { strategies } = initial else {
        return;
    };
    match network {
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
