//! The format of a study's big tables — the runs tables and the runs' time series — CSV (the
//! default) or Parquet (`--format parquet`). The summaries (`summary.csv` of a sweep or a
//! comparison, `timeseries_summary.csv`, `sensitivity.csv`, `compare.csv`) are small and stay
//! CSV in both formats.
//!
//! Parquet tables are made from the CSV the sinks write, in the staging folder, before the
//! folder is committed: each is converted with typed columns ([`asocia_output::csv_to_parquet`],
//! bounded row groups) and the CSV removed, so a Parquet table holds exactly the values of the
//! CSV table of the same run, and resuming a sweep (whose journal is its durable record)
//! works the same in both formats.

use std::fmt;
use std::str::FromStr;

use asocia_output::{key_type, replace_with_parquet, ColumnType, ManifestFile, OutputDir};
use asocia_stats::Level;

use crate::sweep::SweepPlan;
use crate::StudyError;

/// The format of the runs tables and time series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Tidy CSV (the default).
    #[default]
    Csv,
    /// Typed Parquet (Snappy-compressed, row groups of bounded size).
    Parquet,
}

impl Format {
    /// Its name on the command line: `csv` or `parquet`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// The file name of the table `csv_name` (a `.csv` name) in this format.
    pub fn file(self, csv_name: &str) -> String {
        match self {
            Format::Csv => csv_name.to_string(),
            Format::Parquet => asocia_output::parquet_name(csv_name),
        }
    }

    /// The file names of `tables` (`.csv` names) in the other format: what a study folder
    /// updated in this format no longer holds.
    pub fn others(self, tables: &[&str]) -> Vec<String> {
        let other = match self {
            Format::Csv => Format::Parquet,
            Format::Parquet => Format::Csv,
        };
        tables.iter().map(|t| other.file(t)).collect()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!("expected `csv` or `parquet`, found `{s}`")),
        }
    }
}

/// The tables of a sweep (and of a merge of shards) that `--format` applies to.
pub const SWEEP_TABLES: [&str; 2] = ["runs.csv", "timeseries.csv"];

/// The tables of a comparison that `--format` applies to.
pub const COMPARE_TABLES: [&str; 1] = ["runs.csv"];

/// The tables of `asocia run` that `--format` applies to (its `summary.csv` is its runs table:
/// one row per run).
pub const RUN_TABLES: [&str; 2] = ["summary.csv", "timeseries.csv"];

/// The agent-level tables of `asocia run` that `--format` applies to as well (the final
/// network's GraphML stays XML).
pub const AGENT_TABLES: [&str; 5] = [
    "firms.csv",
    "ties.csv",
    "agents.csv",
    "network_nodes.csv",
    "network_edges.csv",
];

/// The Parquet type of a column of an agent-level table: ids, groups and flags int64, a
/// strategy (`C` or `D`) UTF-8, the rest as [`column_type`].
pub fn agent_column_type(name: &str) -> ColumnType {
    match name {
        "firm" | "group" | "alive" | "firm_a" | "firm_b" | "within_group"
        | "association_member" | "agent" => ColumnType::Int64,
        "strategy" => ColumnType::Utf8,
        _ => column_type(name, &[]),
    }
}

/// The Parquet type of a column of a runs table or time series: a key column's
/// ([`key_type`]), a parameter's in `params`, else a metric's (double).
pub fn column_type(name: &str, params: &[(String, ColumnType)]) -> ColumnType {
    key_type(name)
        .or_else(|| params.iter().find(|(k, _)| k == name).map(|(_, t)| *t))
        .unwrap_or(ColumnType::Double)
}

/// The Parquet type of each design key of `plan`, from the levels of its points: int64 when
/// every level is an integer, double when every level is a number, boolean for switches,
/// UTF-8 otherwise.
pub fn parameter_types(plan: &SweepPlan) -> Vec<(String, ColumnType)> {
    plan.keys()
        .into_iter()
        .enumerate()
        .map(|(k, key)| {
            let levels = plan.points.iter().filter_map(|p| p.get(k));
            let ty = levels.fold(None, |acc, l| {
                let t = match l {
                    Level::Int(_) => ColumnType::Int64,
                    Level::Float(_) => ColumnType::Double,
                    Level::Bool(_) => ColumnType::Bool,
                    Level::Str(_) => ColumnType::Utf8,
                };
                Some(match (acc, t) {
                    (None, t) => t,
                    (Some(a), t) if a == t => t,
                    (Some(ColumnType::Int64), ColumnType::Double)
                    | (Some(ColumnType::Double), ColumnType::Int64) => ColumnType::Double,
                    _ => ColumnType::Utf8,
                })
            });
            (key, ty.unwrap_or(ColumnType::Utf8))
        })
        .collect()
}

/// In `format` Parquet, replaces each CSV file of `out`'s staging folder listed in `files` and
/// named in `tables` by its Parquet copy (column types by [`column_type`] with `params`), and
/// renames its manifest entry (rows counted again from the file); in CSV, does nothing.
pub fn convert_tables(
    format: Format,
    out: &OutputDir,
    files: &mut [ManifestFile],
    tables: &[&str],
    params: &[(String, ColumnType)],
) -> Result<(), StudyError> {
    if format == Format::Csv {
        return Ok(());
    }
    for f in files.iter_mut() {
        if tables.contains(&f.name.as_str()) {
            let (name, rows) = replace_with_parquet(out, &f.name, |c| column_type(c, params))?;
            f.name = name;
            f.rows = Some(rows);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types() {
        assert_eq!("parquet".parse::<Format>(), Ok(Format::Parquet));
        assert!("json".parse::<Format>().unwrap_err().contains("`json`"));
        assert_eq!(Format::Parquet.file("runs.csv"), "runs.parquet");
        assert_eq!(Format::Csv.file("runs.csv"), "runs.csv");
        assert_eq!(
            Format::Csv.others(&SWEEP_TABLES),
            ["runs.parquet", "timeseries.parquet"]
        );
        assert_eq!(Format::Parquet.others(&COMPARE_TABLES), ["runs.csv"]);
        let params = vec![("game.b".to_string(), ColumnType::Int64)];
        assert_eq!(column_type("seed", &params), ColumnType::Int64);
        assert_eq!(column_type("arm", &params), ColumnType::Utf8);
        assert_eq!(column_type("game.b", &params), ColumnType::Int64);
        assert_eq!(column_type("cooperation", &params), ColumnType::Double);
    }

    #[test]
    fn parameter_types_follow_the_levels() {
        let text = r#"
[scenario]
name = "t"
[network]
kind = "ring"
n = 20
k = 2
[game]
preset = "weak-pd"
[run]
steps = 2
[sweep]
design = "grid"
replications = 1
network.n = [20, 30]
game.b = [1.5, 2.0]
network.kind = ["ring", "complete"]
"#;
        let plan = SweepPlan::load(&crate::ScenarioInput::text(text, "t.toml", &[])).unwrap();
        let types = parameter_types(&plan);
        let get = |k: &str| types.iter().find(|(n, _)| n == k).unwrap().1;
        assert_eq!(get("network.n"), ColumnType::Int64);
        assert_eq!(get("game.b"), ColumnType::Double);
        assert_eq!(get("network.kind"), ColumnType::Utf8);
    }
}
