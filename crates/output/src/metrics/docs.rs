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
}

impl Table {
    /// Every table, in the order of `docs/outputs.md`.
    pub const ALL: [Table; 4] = [
        Table::ClassicTimeseries,
        Table::ClassicSummary,
        Table::FirmTimeseries,
        Table::FirmSummary,
    ];

    /// The file name.
    pub fn file(self) -> &'static str {
        match self {
            Table::ClassicTimeseries | Table::FirmTimeseries => "timeseries.csv",
            Table::ClassicSummary | Table::FirmSummary => "summary.csv",
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
        }
    }

    /// The key columns, first in every row.
    pub fn keys(self) -> &'static [Column] {
        match self {
            Table::ClassicTimeseries => &[RUN, SEED, STEP],
            Table::FirmTimeseries => &[RUN, SEED, STEP, GROUP],
            Table::ClassicSummary | Table::FirmSummary => &[RUN, SEED],
        }
    }

    /// The metrics, in column order after the keys.
    pub fn metrics(self) -> Vec<&'static MetricInfo> {
        match self {
            Table::ClassicTimeseries => CLASSIC_STEP.iter().map(|m| &m.info).collect(),
            Table::ClassicSummary => CLASSIC_FINAL.iter().map(|m| &m.info).collect(),
            Table::FirmTimeseries => FIRM_STEP.iter().map(|m| &m.info).collect(),
            Table::FirmSummary => FIRM_FINAL.iter().map(|m| &m.info).collect(),
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
