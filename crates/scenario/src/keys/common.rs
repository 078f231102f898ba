//! The sections both models have: `[scenario]`, `[network]`, `[run]` and `[output]`.

use super::{Default, KeySpec, Range, Scope, SectionSpec};

/// Largest node count (node ids are `u32`).
pub(crate) const MAX_NODES: u64 = u32::MAX as u64;
/// Largest count of steps, replications (TOML integers are `i64`).
pub(crate) const MAX_INT: u64 = i64::MAX as u64;
/// Largest seed: `2^53 − 1`. Every seed the program writes (this one in manifests, the run
/// seeds derived from it in every table) is below `2^53`, so that readers that hold integers
/// as doubles (R, JSON parsers, pandas after mixing columns) read it back exactly, and any of
/// them can be given back as `run.seed`.
pub(crate) const MAX_SEED: u64 = (1 << 53) - 1;
/// How a seed is described in messages.
pub(crate) const SEED: &str = "a non-negative integer below 2^53 (at most 9007199254740991)";
/// "a positive integer".
pub(crate) const POSITIVE: &str = "a positive integer";
/// A node count.
const NODES: &str = "a positive integer (at most 4294967295)";

/// `[scenario]`.
pub(crate) mod scenario {
    use super::*;

    /// `name`.
    pub(crate) const NAME: KeySpec = KeySpec::text("name", true, Default::Computed("the file stem"))
        .doc("scenario name", "", "names the scenario in the terminal summary, progress lines, plot titles and manifests (the output folder is named after the file)");
    /// `description`.
    pub(crate) const DESCRIPTION: KeySpec = KeySpec::text("description", false, Default::Text(""))
        .doc("description", "", "free text, copied to the run manifest");
    /// The models.
    pub(crate) const MODELS: &[&str] = &["classic", "firms"];
    /// `model`.
    pub(crate) const MODEL: KeySpec = KeySpec::choice("model", "classic", MODELS, "model")
        .omit_default()
        .doc("model", "", "`classic`: the 2×2 games of [game], [update], [initial]; `firms`: the firm economy; sections of the other model are errors (written back only for `firms`)");
}

/// `[scenario]`.
pub(crate) const SCENARIO: SectionSpec = SectionSpec {
    name: "scenario",
    scope: Scope::Common,
    meaning: "what the scenario is called and which model it runs",
    keys: &[scenario::NAME, scenario::DESCRIPTION, scenario::MODEL],
};

/// `[network]`.
pub(crate) mod network {
    use super::*;

    /// Network kinds, in documentation order.
    pub(crate) const KINDS: &[&str] = &[
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
    /// `kind`.
    pub(crate) const KIND: KeySpec =
        KeySpec::choice("kind", "barabasi-albert", KINDS, "network kind").doc(
            "network family",
            "",
            "the generator (or `file`); each kind takes only its own parameters",
        );
    /// `n`.
    pub(crate) const N: KeySpec = KeySpec::int("n", 1000, (1, MAX_NODES), NODES)
        .by(
            "kind",
            &[
                "isolated",
                "complete",
                "ring",
                "erdos-renyi-gnp",
                "erdos-renyi-gnm",
                "watts-strogatz",
                "barabasi-albert",
                "random-regular",
                "random-geometric",
            ],
        )
        .doc("firms", "firms", "number of firms");
    /// `k`.
    pub(crate) const K: KeySpec = KeySpec::int("k", 4, (1, MAX_NODES), POSITIVE)
        .by("kind", &["ring", "watts-strogatz", "random-regular"])
        .doc("ties per firm", "ties", "degree: `k < n`; even for `ring` and `watts-strogatz`, `n·k` even for `random-regular`");
    /// `p` of `erdos-renyi-gnp`.
    pub(crate) const P_GNP: KeySpec = KeySpec::prob("p", 0.004)
        .by("kind", &["erdos-renyi-gnp"])
        .doc("probability", "", "probability of each possible tie");
    /// `p` of `watts-strogatz`.
    pub(crate) const P_WS: KeySpec = KeySpec::prob("p", 0.1).by("kind", &["watts-strogatz"]).doc(
        "rewiring probability",
        "",
        "probability that a ring tie is rewired",
    );
    /// `m` of `barabasi-albert`.
    pub(crate) const M_BA: KeySpec = KeySpec::int("m", 2, (1, MAX_NODES), POSITIVE)
        .by("kind", &["barabasi-albert"])
        .doc(
            "ties per firm",
            "ties",
            "ties of each new firm (`m < n`); mean degree about `2m`",
        );
    /// `m` of `erdos-renyi-gnm`.
    pub(crate) const M_GNM: KeySpec =
        KeySpec::int("m", 2000, (0, MAX_INT), "a non-negative integer")
            .by("kind", &["erdos-renyi-gnm"])
            .doc("ties", "ties", "number of ties, at most `n(n−1)/2`");
    /// `width`.
    pub(crate) const WIDTH: KeySpec = KeySpec::int("width", 100, (1, MAX_NODES), NODES)
        .by("kind", &["lattice"])
        .doc(
            "lattice width",
            "cells",
            "cells per row; the node of cell `(x, y)` is `y·width + x`",
        );
    /// `height`.
    pub(crate) const HEIGHT: KeySpec = KeySpec::int("height", 100, (1, MAX_NODES), NODES)
        .by("kind", &["lattice"])
        .doc(
            "lattice height",
            "cells",
            "rows; `width · height` at most 4294967295",
        );
    /// `neighbourhood`.
    pub(crate) const NEIGHBOURHOOD: KeySpec = KeySpec::choice(
        "neighbourhood",
        "von-neumann",
        &["von-neumann", "moore"],
        "neighbourhood",
    )
    .by("kind", &["lattice"])
    .doc(
        "lattice neighbourhood",
        "",
        "`von-neumann` (4 neighbours) or `moore` (8)",
    );
    /// `periodic` of `lattice`.
    pub(crate) const PERIODIC_LATTICE: KeySpec = KeySpec::flag("periodic", true)
        .by("kind", &["lattice"])
        .doc(
            "periodic boundary",
            "",
            "wrap the lattice into a torus (needs width, height >= 3)",
        );
    /// `sizes`.
    pub(crate) const SIZES: KeySpec = KeySpec::ints(
        "sizes",
        &[250, 250, 250, 250],
        (1, MAX_INT),
        true,
        "a non-empty array of positive integers",
    )
    .by("kind", &["stochastic-block"])
    .doc(
        "block sizes",
        "firms",
        "firms per block (the block is the firm's group); they add up to at most 4294967295",
    );
    /// `p_in`.
    pub(crate) const P_IN: KeySpec = KeySpec::prob("p_in", 0.05)
        .by("kind", &["stochastic-block"])
        .doc(
            "tie probability inside a block",
            "",
            "probability of each possible tie inside a block",
        );
    /// `p_out`.
    pub(crate) const P_OUT: KeySpec = KeySpec::prob("p_out", 0.001)
        .by("kind", &["stochastic-block"])
        .doc(
            "tie probability between blocks",
            "",
            "probability of each possible tie between blocks",
        );
    /// `radius`.
    pub(crate) const RADIUS: KeySpec =
        KeySpec::float("radius", 0.05, Range::POSITIVE, "a positive number")
            .by("kind", &["random-geometric"])
            .doc(
                "connection radius",
                "",
                "firms closer than this in the unit square are tied",
            );
    /// `periodic` of `random-geometric`.
    pub(crate) const PERIODIC_GEOMETRIC: KeySpec = KeySpec::flag("periodic", false)
        .by("kind", &["random-geometric"])
        .doc("periodic boundary", "", "measure distances on the torus");
    /// `edges`.
    pub(crate) const EDGES: KeySpec = KeySpec::text("edges", false, Default::Required)
        .by("kind", &["file"])
        .doc("edge list", "", "path of an edge-list CSV with header `source,target`, relative to the scenario's folder");
    /// `nodes`.
    pub(crate) const NODES_FILE: KeySpec = KeySpec::text("nodes", false, Default::Absent)
        .by("kind", &["file"])
        .doc(
            "node attributes",
            "",
            "path of a node-attribute CSV (`id` plus `group`, `x`, `y`, `strategy`, firm columns)",
        );
}

/// `[network]`.
pub(crate) const NETWORK: SectionSpec = SectionSpec {
    name: "network",
    scope: Scope::Common,
    meaning: "the network the firms sit on: a generator and its parameters, or files",
    keys: &[
        network::KIND,
        network::N,
        network::K,
        network::P_GNP,
        network::P_WS,
        network::M_BA,
        network::M_GNM,
        network::WIDTH,
        network::HEIGHT,
        network::NEIGHBOURHOOD,
        network::PERIODIC_LATTICE,
        network::SIZES,
        network::P_IN,
        network::P_OUT,
        network::RADIUS,
        network::PERIODIC_GEOMETRIC,
        network::EDGES,
        network::NODES_FILE,
    ],
};

/// `[run]`.
pub(crate) mod run {
    use super::*;

    /// `steps`.
    pub(crate) const STEPS: KeySpec = KeySpec::int("steps", 100, (1, MAX_INT), POSITIVE).doc(
        "steps",
        "steps",
        "steps per replication (an upper bound with `stop_at_absorption`)",
    );
    /// `seed`.
    pub(crate) const SEED_KEY: KeySpec = KeySpec::int("seed", 1, (0, MAX_SEED), SEED)
        .doc("base seed", "", "base seed; every run seed derived from it is below 2^53 too, so it reads back exactly anywhere");
    /// `replications`.
    pub(crate) const REPLICATIONS: KeySpec =
        KeySpec::int("replications", 1, (1, MAX_INT), POSITIVE).doc(
            "replications",
            "runs",
            "independent replications of the scenario",
        );
    /// `stop_at_absorption`.
    pub(crate) const STOP_AT_ABSORPTION: KeySpec = KeySpec::flag("stop_at_absorption", false)
        .only(Scope::Classic)
        .doc(
            "stop at absorption",
            "",
            "stop as soon as every firm has the same strategy",
        );
}

/// `[run]`.
pub(crate) const RUN: SectionSpec = SectionSpec {
    name: "run",
    scope: Scope::Common,
    meaning: "how long, from which seed and how many times",
    keys: &[
        run::STEPS,
        run::SEED_KEY,
        run::REPLICATIONS,
        run::STOP_AT_ABSORPTION,
    ],
};

/// `[output]`.
pub(crate) mod output {
    use super::*;

    /// `every`.
    pub(crate) const EVERY: KeySpec = KeySpec::int("every", 1, (1, MAX_INT), POSITIVE).doc(
        "steps between recorded rows",
        "steps",
        "write every `every`-th step to `timeseries.csv` (the last step always)",
    );
    /// `timeseries`.
    pub(crate) const TIMESERIES: KeySpec = KeySpec::flag("timeseries", true).doc(
        "write the time series",
        "",
        "write the per-step time series at all",
    );
    /// `network_every`.
    pub(crate) const NETWORK_EVERY: KeySpec = KeySpec::int("network_every", 10, (1, MAX_INT), POSITIVE)
        .only(Scope::Firms)
        .doc("steps between network statistics", "steps", "compute `clustering` and `largest_component_share` on steps divisible by it; empty on other rows");
    /// `snapshot_every`.
    pub(crate) const SNAPSHOT_EVERY: KeySpec =
        KeySpec::int("snapshot_every", 0, (0, MAX_INT), "a non-negative integer (0 = off)")
            .doc(
                "steps between agent-level snapshots",
                "steps",
                "0 = off; else on steps divisible by it, step 0 and the last step included, write one row per firm to `firms.csv` (and per tie to `ties.csv`), or with the classic games one row per agent with its strategy to `agents.csv`; `asocia run` only",
            );
    /// `snapshot_ties`.
    pub(crate) const SNAPSHOT_TIES: KeySpec = KeySpec::flag("snapshot_ties", true)
        .only(Scope::Firms)
        .doc(
            "write tie snapshots",
            "",
            "with `snapshot_every` on, also write one row per tie to `ties.csv` at each snapshot (`false`: `firms.csv` only)",
        );
    /// The values of `network_final`.
    pub(crate) const NETWORK_FINALS: &[&str] = &["none", "graphml", "edgelist"];
    /// `network_final`.
    pub(crate) const NETWORK_FINAL: KeySpec =
        KeySpec::choice("network_final", "none", NETWORK_FINALS, "final network format")
            .only(Scope::Firms)
            .doc(
                "final network file",
                "",
                "write each run's final network: `graphml` (`network-RUN.graphml`, for networkx and Gephi), `edgelist` (`network_nodes.csv`, `network_edges.csv`) or `none`; `asocia run` only",
            );
}

/// `[output]`.
pub(crate) const OUTPUT: SectionSpec = SectionSpec {
    name: "output",
    scope: Scope::Common,
    meaning: "what is written",
    keys: &[
        output::EVERY,
        output::TIMESERIES,
        output::NETWORK_EVERY,
        output::SNAPSHOT_EVERY,
        output::SNAPSHOT_TIES,
        output::NETWORK_FINAL,
    ],
};
