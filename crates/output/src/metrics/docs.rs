//! The files the metrics go into: each table's key columns and metrics in column order
//! ([`Table::header`]), and its column table for `docs/outputs.md` ([`Table::markdown`]).

use super::{MetricInfo, CLASSIC_FINAL, CLASSIC_STEP, FIRM_FINAL, FIRM_STEP};

/// A key column: one that says which run, step or group a row describes (not a metric).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The CSV column name.
    pub name: &'static str,
    /// Its type as the docs give it.
    pub ty: &'static str,
    /// Its unit; empty when it has none.
    pub unit: &'static str,
    /// What it means, one line of the docs.
    pub meaning: &'static str,
}

/// `run`: the run number.
pub const RUN: Column = Column {
    name: "run",
    ty: "integer",
    unit: "",
    meaning: "run number, `0 .. replications − 1`",
};

/// `seed`: the run's seed.
pub const SEED: Column = Column {
    name: "seed",
    ty: "integer below 2^53",
    unit: "",
    meaning: "the run's own seed (derived from `run.seed`, point 0 and the replication); `--set run.seed` does **not** reproduce a single run, see `docs/citing.md`",
};

/// `step`: the step a row describes.
pub const STEP: Column = Column {
    name: "step",
    ty: "integer",
    unit: "steps",
    meaning: "`t`",
};

/// `group`: the group of firms a row describes.
pub const GROUP: Column = Column {
    name: "group",
    ty: "`all` or integer",
    unit: "",
    meaning: "the group (cluster, block, `group` column) the row describes",
};

/// `firm`: a firm's id.
pub const FIRM: Column = Column {
    name: "firm",
    ty: "integer",
    unit: "",
    meaning: "the firm's id (`0 ..` in order of entry: the initial firms are the network's nodes, entrants follow; never reused)",
};

/// `group`: a firm's group (agent-level tables).
pub const FIRM_GROUP: Column = Column {
    name: "group",
    ty: "integer",
    unit: "",
    meaning: "the firm's group (cluster, block, `group` column)",
};

/// `alive`: whether a firm is alive.
pub const ALIVE: Column = Column {
    name: "alive",
    ty: "0 or 1",
    unit: "",
    meaning: "1 if the firm is alive; an exited firm keeps the values it left with",
};

/// `capital`: a firm's capital.
pub const CAPITAL: Column = Column {
    name: "capital",
    ty: "number",
    unit: "money",
    meaning: "the firm's capital `K_i`",
};

/// `productivity`: a firm's productivity.
pub const PRODUCTIVITY: Column = Column {
    name: "productivity",
    ty: "number ≥ 0",
    unit: "",
    meaning: "the firm's productivity `a_i`",
};

/// `opportunism`: a firm's opportunism.
pub const OPPORTUNISM: Column = Column {
    name: "opportunism",
    ty: "number in [0, 1]",
    unit: "",
    meaning: "the firm's opportunism `θ_i`",
};

/// `association_member`: whether a firm is a member of its group's association.
pub const ASSOCIATION_MEMBER: Column = Column {
    name: "association_member",
    ty: "0, 1 or empty",
    unit: "",
    meaning: "1 if the firm is a member of its group's association (each firm belongs at most to its own group's); empty when the mechanism `association` is off",
};

/// `association_trust`: a member's trust in its association.
pub const ASSOCIATION_TRUST: Column = Column {
    name: "association_trust",
    ty: "number in [0, 1] or empty",
    unit: "",
    meaning: "the member's trust `T_i` in its association; empty for a non-member and when the mechanism is off",
};

/// `firm_a`: the tie's end with the smaller id.
pub const FIRM_A: Column = Column {
    name: "firm_a",
    ty: "integer",
    unit: "",
    meaning: "the tie's end with the smaller id",
};

/// `firm_b`: the tie's end with the larger id.
pub const FIRM_B: Column = Column {
    name: "firm_b",
    ty: "integer",
    unit: "",
    meaning: "the tie's end with the larger id",
};

/// `trust_ab`: trust of `firm_a` in `firm_b`.
pub const TRUST_AB: Column = Column {
    name: "trust_ab",
    ty: "number in [0, 1]",
    unit: "",
    meaning: "trust `τ_ab` of `firm_a` in `firm_b` (stored as a 32-bit float)",
};

/// `trust_ba`: trust of `firm_b` in `firm_a`.
pub const TRUST_BA: Column = Column {
    name: "trust_ba",
    ty: "number in [0, 1]",
    unit: "",
    meaning: "trust `τ_ba` of `firm_b` in `firm_a`",
};

/// `within_group`: whether both ends of a tie are in the same group.
pub const WITHIN_GROUP: Column = Column {
    name: "within_group",
    ty: "0 or 1",
    unit: "",
    meaning: "1 if both ends are in the same group",
};

/// `agent`: an agent's id (classic games).
pub const AGENT: Column = Column {
    name: "agent",
    ty: "integer",
    unit: "",
    meaning: "the agent's id, its node in the network",
};

/// `strategy`: an agent's strategy (classic games).
pub const STRATEGY: Column = Column {
    name: "strategy",
    ty: "`C` or `D`",
    unit: "",
    meaning: "the agent's strategy after the step: `C` cooperate, `D` defect",
};

/// The columns of a firm's state, after the keys, in `firms.csv` (`network_nodes.csv` and
/// the GraphML file's node attributes have all but `alive`).
pub const FIRM_STATE: [Column; 7] = [
    FIRM_GROUP,
    ALIVE,
    CAPITAL,
    PRODUCTIVITY,
    OPPORTUNISM,
    ASSOCIATION_MEMBER,
    ASSOCIATION_TRUST,
];

/// The columns of a tie's state after its ends, in `ties.csv` and `network_edges.csv` (and
/// the edge attributes of the GraphML file).
pub const TIE_STATE: [Column; 3] = [TRUST_AB, TRUST_BA, WITHIN_GROUP];

/// `firms.csv`: keys, then [`FIRM_STATE`].
const FIRM_SNAPSHOT_COLUMNS: [Column; 11] = [
    RUN,
    SEED,
    STEP,
    FIRM,
    FIRM_STATE[0],
    FIRM_STATE[1],
    FIRM_STATE[2],
    FIRM_STATE[3],
    FIRM_STATE[4],
    FIRM_STATE[5],
    FIRM_STATE[6],
];

/// `ties.csv`: keys, the ends, then [`TIE_STATE`].
const TIE_SNAPSHOT_COLUMNS: [Column; 8] = [
    RUN,
    SEED,
    STEP,
    FIRM_A,
    FIRM_B,
    TIE_STATE[0],
    TIE_STATE[1],
    TIE_STATE[2],
];

/// `network_nodes.csv`: the firms alive at the run's end (the final network's nodes; the
/// node attributes of the GraphML file are the columns after `firm`).
pub const NETWORK_NODE_COLUMNS: [Column; 9] = [
    RUN,
    SEED,
    FIRM,
    FIRM_STATE[0],
    FIRM_STATE[2],
    FIRM_STATE[3],
    FIRM_STATE[4],
    FIRM_STATE[5],
    FIRM_STATE[6],
];

/// `network_edges.csv`: the ties at the run's end (the edge attributes of the GraphML file
/// are the columns after `firm_b`).
pub const NETWORK_EDGE_COLUMNS: [Column; 7] = [
    RUN,
    SEED,
    FIRM_A,
    FIRM_B,
    TIE_STATE[0],
    TIE_STATE[1],
    TIE_STATE[2],
];

/// A table `asocia run` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// `timeseries.csv` of the classic games.
    ClassicTimeseries,
    /// `summary.csv` of the classic games.
    ClassicSummary,
    /// `timeseries.csv` of the firm economy.
    FirmTimeseries,
    /// `summary.csv` of the firm economy.
    FirmSummary,
    /// `firms.csv`: agent-level snapshots of the firms.
    FirmSnapshots,
    /// `ties.csv`: agent-level snapshots of the ties.
    TieSnapshots,
    /// `network_nodes.csv`: the firms of each run's final network.
    NetworkNodes,
    /// `network_edges.csv`: the ties of each run's final network.
    NetworkEdges,
    /// `agents.csv` of the classic games: agent-level snapshots of the strategies.
    ClassicSnapshots,
}

impl Table {
    /// Every table, in the order of `docs/outputs.md`.
    pub const ALL: [Table; 9] = [
        Table::ClassicTimeseries,
        Table::ClassicSummary,
        Table::FirmTimeseries,
        Table::FirmSummary,
        Table::FirmSnapshots,
        Table::TieSnapshots,
        Table::NetworkNodes,
        Table::NetworkEdges,
        Table::ClassicSnapshots,
    ];

    /// The file name.
    pub fn file(self) -> &'static str {
        match self {
            Table::ClassicTimeseries | Table::FirmTimeseries => "timeseries.csv",
            Table::ClassicSummary | Table::FirmSummary => "summary.csv",
            Table::FirmSnapshots => "firms.csv",
            Table::TieSnapshots => "ties.csv",
            Table::NetworkNodes => "network_nodes.csv",
            Table::NetworkEdges => "network_edges.csv",
            Table::ClassicSnapshots => "agents.csv",
        }
    }

    /// The table's id in `docs/outputs.md` (the generated table sits between
    /// `<!-- columns: ID -->` and `<!-- end columns -->`).
    pub fn id(self) -> &'static str {
        match self {
            Table::ClassicTimeseries => "classic timeseries.csv",
            Table::ClassicSummary => "classic summary.csv",
            Table::FirmTimeseries => "firms timeseries.csv",
            Table::FirmSummary => "firms summary.csv",
            Table::FirmSnapshots => "firms firms.csv",
            Table::TieSnapshots => "firms ties.csv",
            Table::NetworkNodes => "firms network_nodes.csv",
            Table::NetworkEdges => "firms network_edges.csv",
            Table::ClassicSnapshots => "classic agents.csv",
        }
    }

    /// The key columns, first in every row (every column of an agent-level table).
    pub fn keys(self) -> &'static [Column] {
        match self {
            Table::ClassicTimeseries => &[RUN, SEED, STEP],
            Table::FirmTimeseries => &[RUN, SEED, STEP, GROUP],
            Table::ClassicSummary | Table::FirmSummary => &[RUN, SEED],
            Table::FirmSnapshots => &FIRM_SNAPSHOT_COLUMNS,
            Table::TieSnapshots => &TIE_SNAPSHOT_COLUMNS,
            Table::NetworkNodes => &NETWORK_NODE_COLUMNS,
            Table::NetworkEdges => &NETWORK_EDGE_COLUMNS,
            Table::ClassicSnapshots => &[RUN, SEED, STEP, AGENT, STRATEGY],
        }
    }

    /// The metrics, in column order after the keys.
    pub fn metrics(self) -> Vec<&'static MetricInfo> {
        match self {
            Table::ClassicTimeseries => CLASSIC_STEP.iter().map(|m| &m.info).collect(),
            Table::ClassicSummary => CLASSIC_FINAL.iter().map(|m| &m.info).collect(),
            Table::FirmTimeseries => FIRM_STEP.iter().map(|m| &m.info).collect(),
            Table::FirmSummary => FIRM_FINAL.iter().map(|m| &m.info).collect(),
            // Agent-level tables hold states, not metrics: every column is a key column.
            Table::FirmSnapshots
            | Table::TieSnapshots
            | Table::NetworkNodes
            | Table::NetworkEdges
            | Table::ClassicSnapshots => Vec::new(),
        }
    }

    /// Every column name, in the order of the file's header.
    pub fn header(self) -> Vec<&'static str> {
        let keys = self.keys().iter().map(|c| c.name);
        keys.chain(self.metrics().into_iter().map(|m| m.name))
            .collect()
    }

    /// The column table of `docs/outputs.md`: one row per column, in header order, with its
    /// type, unit (`–` for none) and meaning; ends with a newline.
    pub fn markdown(self) -> String {
        let mut out = String::from("| column | type | unit | meaning |\n|---|---|---|---|\n");
        let mut row = |name: &str, ty: &str, unit: &str, meaning: &str| {
            let unit = if unit.is_empty() { "–" } else { unit };
            out.push_str(&format!("| `{name}` | {ty} | {unit} | {meaning} |\n"));
        };
        for c in self.keys() {
            row(c.name, c.ty, c.unit, c.meaning);
        }
        for m in self.metrics() {
            row(m.name, m.ty, m.unit, m.meaning);
        }
        out
    }
}
